"""Course-wide seqlab settings, configured like everything else in ``nbgrader_config.py``::

    c.Seqlab.language = "ko"     # language of released notebooks, self-checks and feedback
"""
from traitlets import Enum
from traitlets.config import Configurable

from .i18n import LANGUAGES


class Seqlab(Configurable):
    language = Enum(LANGUAGES, default_value="en", help=(
        "Language of everything a student reads: the markdown and code-comment blocks kept by "
        "SelectLanguage at release, the self-check messages and the autograde feedback.")).tag(config=True)


def language(parent):
    """The configured language, read through ``parent``'s configuration."""
    return Seqlab(parent=parent).language
