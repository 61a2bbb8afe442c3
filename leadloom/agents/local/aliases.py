"""A known contact said other than by their full name: a nickname ("bob kessler" for Robert Kessler), a
shortened first name ("tom wisniewski" for Tomasz Wiśniewski), initials ("JB Moreau" for Jean-Baptiste
Moreau), or a title and surname ("Dr. Nakamura", "dr van der berg"), or misheard and misspelt
("kristof nowak" for Krzysztof Nowak, "pavel dombrowski" for Paweł Dąbrowski, "tunde baker" for Tunde Bakare).

Nicknames come from the `nicknames` package (Apache-2.0, a hand-curated table of English given names and
their diminutives) rather than a list of our own. A match needs the surname to be a known contact's and the
first name to relate to exactly one of the contacts carrying it; otherwise nothing is guessed.

Misspellings (typed by ear, or what a phone's dictation heard) are matched word by word, never as a whole
phrase: both words must begin with the contact's letters, the surname and first name must each be close
(``_sounds_like``), and exactly one contact may fit. A surname said exactly lets the first name be looser
("bartek" for Bartosz, "sbu" for Sibusiso), a first name said exactly lets the surname be looser.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from rapidfuzz import fuzz

from leadloom.agents.local import rx as re
from leadloom.agents.local.extract import STOP, TITLES, _by_last_name, _fold
from leadloom.agents.local.portuguese import GIVEN_NAMES as PT_GIVEN_NAMES
from leadloom.agents.local.spanish import GIVEN_NAMES

_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "dos", "das", "le", "la", "ter"}
_TITLE = re.compile(rf"\b(?:{TITLES})\b\.?\s+(?P<rest>(?:\S+\s*){{1,4}})", re.I)


@lru_cache(maxsize=1)
def _namer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def english_given_name(word: str) -> bool:
    """Whether the English name table knows the word as a given name or a diminutive ("Mary", "Beth", "Bob")."""
    namer = _namer()
    low = _fold(word)
    return bool(namer.nicknames_of(low) or namer.canonicals_of(low))


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
    if any(first == full or first.startswith(full + " ") for full in _HYPOCORISMS.get(typed, ())):
        return True  # "paco" for Francisco, "memo" for Guillermo, "lupita" for Guadalupe
    namer = _namer()
    return (
        typed in namer.nicknames_of(first) or first in namer.nicknames_of(typed) or typed in namer.canonicals_of(first)
    )


# Spanish hypocorisms, which the English `nicknames` table lacks: the everyday short forms of given names in Mexico,
# Spain and the rest of the Spanish-speaking world (folded: no accents). A short form may stand for several names
# ("beto"); a match still needs the surname and exactly one contact.
_HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "paco": ("francisco",),
    "pancho": ("francisco",),
    "paquito": ("francisco",),
    "paquita": ("francisca",),
    "pancha": ("francisca",),
    "pepe": ("jose",),
    "pepito": ("jose",),
    "chema": ("jose maria",),
    "memo": ("guillermo",),
    "guille": ("guillermo",),
    "lupita": ("guadalupe",),
    "lupe": ("guadalupe",),
    "chuy": ("jesus",),
    "chucho": ("jesus",),
    "nacho": ("ignacio",),
    "rudy": ("rodolfo",),
    "rodo": ("rodolfo",),
    "fito": ("adolfo", "rodolfo"),
    "beto": ("alberto", "roberto", "humberto", "norberto", "gilberto"),
    "tito": ("alberto", "roberto"),
    "lalo": ("eduardo",),
    "tono": ("antonio",),
    "tonio": ("antonio",),
    "quique": ("enrique",),
    "kike": ("enrique",),
    "charo": ("rosario",),
    "chayo": ("rosario",),
    "concha": ("concepcion",),
    "conchita": ("concepcion",),
    "conchi": ("concepcion",),
    "pili": ("pilar",),
    "maite": ("maria teresa",),
    "chelo": ("consuelo",),
    "nando": ("fernando",),
    "poncho": ("alfonso",),
    "chava": ("salvador",),
    "chente": ("vicente",),
    "goyo": ("gregorio",),
    "licha": ("alicia",),
    "lencho": ("lorenzo",),
    "manolo": ("manuel",),
    "manu": ("manuel",),
    "rafa": ("rafael",),
    "santi": ("santiago",),
    "juanjo": ("juan jose",),
    "juanma": ("juan manuel",),
    "moncho": ("ramon",),
    "meche": ("mercedes",),
    "lola": ("dolores",),
    "chabela": ("isabel",),
    "chela": ("graciela", "marcela"),
    "nena": ("magdalena", "elena"),
    "male": ("maria elena",),
    "marifer": ("maria fernanda",),
    "majo": ("maria jose",),
    "dani": ("daniel", "daniela"),
    "ale": ("alejandro", "alejandra"),
    "gaby": ("gabriela", "gabriel"),
    "fer": ("fernando", "fernanda"),
    "caro": ("carolina",),
    "pato": ("patricio", "patricia"),
    # German, Polish and Turkish short forms (round thirteen; a Berlin team's "Olli Krüger", "Benni Falk")
    "olli": ("oliver",),
    "benni": ("benedikt", "benjamin"),
    "basti": ("sebastian",),
    "flo": ("florian",),
    "tobi": ("tobias",),
    "steffi": ("stefanie", "stephanie"),
    "kathi": ("katharina",),
    "andi": ("andreas",),
    "uli": ("ulrich", "ulrike"),
    "micha": ("michael",),
    "matze": ("matthias",),
    "domi": ("dominik",),
    "jojo": ("johannes", "johanna"),
    "franzi": ("franziska",),
    "conny": ("cornelia",),
    "gabi": ("gabriele",),
    "moni": ("monika",),
    "rudi": ("rudiger", "rudolf"),
    "wolle": ("wolfgang",),
    "sepp": ("josef",),
    "bartek": ("bartosz", "bartlomiej"),
    "kasia": ("katarzyna",),
    "gosia": ("malgorzata",),
    "tomek": ("tomasz",),
    "kuba": ("jakub",),
    "wojtek": ("wojciech",),
    "aga": ("agnieszka",),
    "magda": ("magdalena",),
    "ania": ("anna",),
    "krzysiek": ("krzysztof",),
    "zosia": ("zofia",),
    "mehmo": ("mehmet",),
    # Australian and British short forms the English table lacks ("Bec Thornton" for Rebecca Thornton)
    "bec": ("rebecca",),
    "becs": ("rebecca",),
    "tash": ("natasha",),
    "soph": ("sophie", "sophia"),
    "bron": ("bronwyn",),
    "shaz": ("sharon",),
    "gaz": ("gary", "gareth"),
    "baz": ("barry",),
    "daz": ("darren",),
    "robbo": ("robert",),
    "davo": ("david",),
    "stevo": ("steven", "stephen"),
    "jacko": ("jack", "jackson"),
    "rab": ("robert",),
}


def _initial(word: str) -> str:
    """The first sound's letter: "c" and "k" ("nicos" / Nikos is not at the start, "Kristof" / "Christof" is)."""
    return "k" if word[:1] == "c" and word[1:2] not in ("e", "i", "y", "h") else word[:1]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@lru_cache(maxsize=8192)
def _sounds_like(typed: str, known: str, *, loose: bool) -> bool:
    """Whether a typed word can be a misspelling of a known name's word (same first letter, close spelling)."""
    if len(typed) < 3 or typed in STOP or _initial(typed) != _initial(known):
        return False
    score = fuzz.ratio(typed, known)
    if loose:  # the other word was said exactly: "kristof" (75), "bartek" (shares "bart"), "sbu" (s-b-u of sibusiso)
        return score >= 70 or (len(typed) >= 4 and known.startswith(typed[:4])) or _subsequence(typed, known)
    return score >= 78


@lru_cache(maxsize=8)
def _by_initials(contacts: tuple[str, ...]) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(first name's initial, surname's initial) -> (first, last, name): a pair of words is compared with the
    few contacts sharing its initials, not with all of a large organization's."""
    index: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for c in contacts:
        parts = _fold(c).split()
        if len(parts) >= 2:
            index.setdefault((_initial(parts[0]), _initial(parts[-1])), []).append((parts[0], parts[-1], c))
    return index


def _pair(a: str, b: str, index: dict[tuple[str, str], list[tuple[str, str, str]]]) -> tuple[bool, str | None]:
    """(said exactly, the one contact two folded words misspell, or None when none or several fit)."""
    if a in STOP or b in STOP or len(a) < 3 or len(b) < 3:
        return False, None
    hits: set[str] = set()
    for first, last, name in index.get((_initial(a), _initial(b)), ()):
        if (a, b) == (first, last):
            return True, name
        if b == last and _sounds_like(a, first, loose=True):
            hits.add(name)  # "kristof nowak", "bartek lewandowski"
        elif (a == first or _related(a, first)) and fuzz.ratio(b, last) >= 70 and _sounds_like(b, last, loose=True):
            hits.add(name)  # "tunde baker"
        elif _sounds_like(a, first, loose=False) and _sounds_like(b, last, loose=False):
            hits.add(name)  # "pavel dombrowski", "nicos kurakis"
    return False, _one(sorted(hits)) if hits else None


def _misspelt(words: list[str], contacts: tuple[str, ...]) -> str | None:
    """The one contact whose first and last names two adjacent words misspell ("pavel dombrowski")."""
    index = _by_initials(contacts)
    for a, b in itertools.pairwise(words):
        _, hit = _pair(a, b, index)
        if hit:
            return hit
    return None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE_S = re.compile(r"['’]s$")


def respell(text: str, contacts: tuple[str, ...]) -> str:
    """``text`` with a misheard or misspelt contact name written as the organization spells it ("put pavel
    dombrowski in opportunity" -> "put Paweł Dąbrowski in opportunity"), so every later rule sees the name."""
    if not contacts:
        return text
    index = _by_initials(contacts)
    words = list(_WORD.finditer(text))
    folded = _fold(text)
    out, last_end, i = [], 0, 0
    while i < len(words) - 1:
        w1, w2 = words[i], words[i + 1]
        second = _POSSESSIVE_S.sub("", w2.group(0))
        if text[w1.end() : w2.start()].strip() == "":
            exact, hit = _pair(_fold(w1.group(0)), _fold(second), index)
            # a name also said exactly elsewhere ("Samir Haddad and Sam Haddad are one person") is someone else
            if hit and not exact and _fold(hit) not in folded:
                out += [text[last_end : w1.start()], hit]
                last_end = w2.start() + len(second)
                i += 2
                continue
        i += 1
    return "".join([*out, text[last_end:]]) if out else text


@lru_cache(maxsize=8)
def _first_surnames(contacts: tuple[str, ...]) -> dict[str, list[str]]:
    """Folded word before the last -> the contacts of three words or more carrying it: the first of two Spanish
    surnames ("Paco Rodríguez" for Francisco Rodríguez Peña). Only a nickname reaches a contact through it: in
    "María José Castillo" that word is a second given name, so "María José" must not find her this way."""
    index: dict[str, list[str]] = {}
    for c in contacts:
        parts = c.split()
        if len(parts) >= 3 and _fold(parts[-2]) not in _PARTICLES:
            index.setdefault(_fold(parts[-2]), []).append(c)
    return index


def _one(cands: list[str]) -> str | None:
    return cands[0] if len(set(cands)) == 1 else None


def alias_ref(text: str, contacts: tuple[str, ...]) -> str | None:
    """The one contact ``text`` names by nickname, short first name, initials or title + surname, else None."""
    if not contacts:
        return None
    index = _by_last_name(contacts)
    firsts = _first_surnames(contacts)
    words = _fold(text).split()
    for i, word in enumerate(words):
        cands = index.get(word)
        if i + 1 < len(words) and index.get(f"{word} {words[i + 1]}"):
            cands = index[f"{word} {words[i + 1]}"]  # "Mike O'Brien" (folded "o brien")
        if not cands and i > 0 and firsts.get(word):
            typed = words[i - 1]
            hit = _one(
                [c for c in firsts[word] if typed != _fold(c.split()[0]) and _related(typed, _fold(c.split()[0]))]
            )
            if hit:
                return hit  # "cambia el owner de Paco Rodríguez": Francisco Rodríguez Peña
            # "Helena Sarmento" for Helena Sarmento Viana: the given name as written and the first of two family
            # names (a word that is not itself a given name: "María José" must not find María José Castillo here)
            if word not in GIVEN_NAMES and word not in PT_GIVEN_NAMES:
                hit = _one([c for c in firsts[word] if len(c.split()) == 3 and typed == _fold(c.split()[0])])
                if hit:
                    return hit
        if not cands:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        hit = _one([c for c in cands if after == _fold(c.split()[0])]) if after else None
        if hit:
            return hit  # "Dimaculangan (Maricel) → sql", "Nowak Krzysztof": the family name first
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
    return _misspelt(words, contacts)
