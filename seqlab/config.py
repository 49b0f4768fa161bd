"""Course-wide seqlab settings, configured like everything else in ``nbgrader_config.py``::

    c.Seqlab.language = "ko"     # language of released notebooks, self-checks and feedback
    c.Seqlab.sandbox = "bwrap"   # where student code runs (the notebook kernel and the checks)
"""
from traitlets import Enum
from traitlets.config import Configurable

from .i18n import LANGUAGES


class Seqlab(Configurable):
    language = Enum(LANGUAGES, default_value="en", help=(
        "Language of everything a student reads: the markdown and code-comment blocks kept by "
        "SelectLanguage at release, the self-check messages and the autograde feedback.")).tag(config=True)
    sandbox = Enum(["bwrap", "none"], default_value="bwrap", help=(
        "Where student code runs at autograde — the notebook's kernel and the hidden checks' "
        "student process: 'bwrap' (a bubblewrap sandbox: no network, no view of the course files, "
        "unprivileged, in-memory scratch) or 'none', ONLY for code you trust (e.g. your own "
        "solutions). With 'bwrap' and no working bubblewrap, autograde refuses with a clear message.")
    ).tag(config=True)


def language(parent):
    """The configured language, read through ``parent``'s configuration."""
    return Seqlab(parent=parent).language


def sandbox(parent):
    """The configured sandbox, read through ``parent``'s configuration."""
    return Seqlab(parent=parent).sandbox
