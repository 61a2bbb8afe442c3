"""A lexicon of another language's CRM words, read as English (used by ``french.py`` and ``spanish.py``).

The local model's rules read English. A team that writes in French or Spanish, or switches mid-sentence, uses
a small set of CRM words (stages, verbs of change, fields, days, months, politeness); a lexicon replaces them
by English ones before anything else reads the request, and leaves names, quoted titles and the rest of the
sentence as written. It is not a translator.

A message is only rewritten when it carries one clearly foreign word (``strong``) or three common ones
(``weak``), so English text with a name like "Luis de la Garza" or "Café du Monde" passes unchanged.
"""

from __future__ import annotations

from functools import cached_property

from leadloom.agents.local import rx as re

# quoted names ("« Réservez votre kiosque »", "'Salon Québec 2028 booth'") are kept as written
_QUOTED = re.compile(r"(«[^»]*»|“[^”]*”|\"[^\"]*\"|(?<!\w)'[^']*'(?!\w))")


class Lexicon:
    """``entries`` are (pattern, English) pairs, longest phrases first, each matched as whole words and
    case-insensitively; an English side with ``{0}`` takes the object pronoun the pattern's first group caught
    (``pronouns``: "le" -> "him")."""

    def __init__(
        self,
        strong: re.Pattern[str],
        weak: re.Pattern[str],
        entries: list[tuple[str, str]],
        pronouns: dict[str, str] | None = None,
    ) -> None:
        self.strong, self.weak, self.pronouns, self.entries = strong, weak, pronouns or {}, entries

    @cached_property
    def compiled(self) -> list[tuple[re.Pattern[str], str]]:
        """The entries' patterns, compiled on the first message in this language: the lexicons hold about 2,000
        patterns, and compiling them all at import was 0.8 s of the model's start-up for languages most
        organizations never write in."""
        # every pattern is one group, so an alternation's words all get the whole-word guards
        return [(re.compile(rf"(?<![\w@.'’-])(?:{pat})(?![\w@'’-])", re.I), eng) for pat, eng in self.entries]

    def mixed_in(self, text: str) -> bool:
        """Does the message mix in this language? One strong word or three common ones."""
        return bool(self.strong.search(text)) or len(self.weak.findall(text)) >= 3

    def clear_words(self, text: str) -> int:
        """How many clearly foreign words the message has (to tell two languages apart)."""
        return len(self.strong.findall(text))

    def to_english(self, text: str) -> str:
        """The message with this language's CRM words in English (unchanged when it has none)."""
        if not self.mixed_in(text):
            return text
        pieces = _QUOTED.split(text)
        return "".join(p if i % 2 else self._english(p) for i, p in enumerate(pieces))

    def _english(self, part: str) -> str:
        for pattern, english in self.compiled:
            if "{0}" in english:
                part = pattern.sub(lambda m, e=english: e.format(self.pronouns[m.group(1).lower()]), part)
            else:
                part = pattern.sub(english, part)
        return part
