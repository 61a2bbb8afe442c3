"""A known contact said other than by their full name: a nickname ("bob kessler" for Robert Kessler), a
shortened first name ("tom wisniewski" for Tomasz Wiśniewski), initials ("JB Moreau" for Jean-Baptiste
Moreau), or a title and surname ("Dr. Nakamura", "dr van der berg").

Nicknames come from the `nicknames` package (Apache-2.0, a hand-curated table of English given names and
their diminutives) rather than a list of our own. A match needs the surname to be a known contact's and the
first name to relate to exactly one of the contacts carrying it; otherwise nothing is guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from leadloom.agents.local.extract import TITLES, _by_last_name, _fold

_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "dos", "das", "le", "la", "ter"}
_TITLE = re.compile(rf"\b(?:{TITLES})\b\.?\s+(?P<rest>(?:\S+\s*){{1,4}})", re.I)


@lru_cache(maxsize=1)
def _namer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def _related(typed: str, first: str) -> bool:
    """Whether a typed first name can mean this contact's first name."""
    if typed == first:
        return True
    if len(typed) >= 3 and first.startswith(typed):
        return True  # "chris" for Christopher, "tom" for Tomasz
    parts = [p for p in re.split(r"[-\s]+", first) if p]
    if len(parts) > 1 and typed == "".join(p[0] for p in parts):
        return True  # "jb" for Jean-Baptiste
    namer = _namer()
    return (
        typed in namer.nicknames_of(first) or first in namer.nicknames_of(typed) or typed in namer.canonicals_of(first)
    )


def _one(cands: list[str]) -> str | None:
    return cands[0] if len(set(cands)) == 1 else None


def alias_ref(text: str, contacts: tuple[str, ...]) -> str | None:
    """The one contact ``text`` names by nickname, short first name, initials or title + surname, else None."""
    if not contacts:
        return None
    index = _by_last_name(contacts)
    words = _fold(text).split()
    for i, word in enumerate(words):
        cands = index.get(word)
        if not cands:
            continue
        j = i - 1
        while j >= 0 and words[j] in _PARTICLES:
            j -= 1  # "greg van der berg": the first name is before the particles
        if j < 0:
            continue
        typed = words[j]
        hit = _one([c for c in cands if _related(typed, _fold(c.split()[0]))])
        if hit:
            return hit
    for title in _TITLE.finditer(_fold(text)):
        for word in title.group("rest").split()[:4]:
            if word in index:
                hit = _one(index[word])
                if hit:
                    return hit  # "Dr. Nakamura", "dr raman's office"
                break
    return None
