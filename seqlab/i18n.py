"""Student-facing text in the course's two languages."""
from dataclasses import dataclass

LANGUAGES = ("ko", "en")


@dataclass(frozen=True)
class Text:
    """One message in English and Korean; ``str()`` is English, :meth:`pick` chooses."""
    en: str
    ko: str

    def pick(self, lang):
        return self.ko if lang == "ko" else self.en

    def format(self, **kw):
        return Text(self.en.format(**kw), self.ko.format(**kw))

    def __add__(self, other):
        return Text(self.en + other.en, self.ko + other.ko)

    def __str__(self):
        return self.en

    def as_dict(self):
        return {"en": self.en, "ko": self.ko}


def pick(text, lang):
    """A message dict/Text/str in the chosen language."""
    if isinstance(text, Text):
        return text.pick(lang)
    if isinstance(text, dict):
        return text.get(lang) or text.get("en", "")
    return text or ""
