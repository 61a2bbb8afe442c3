"""When two spellings name the same company: "ACME Corp." is "Acme Corporation", "Davis" is "Davis Dental",
but "Clintonville Family Dental" is not "Davis Dental" although a fuzzy score ranks them close.

CSV import keys companies by :func:`key`; the record services accept a fuzzy candidate for a typed company
name only when :func:`same_company` holds, so an unknown company is never silently filed under a neighbour
that merely shares a word such as "Dental".
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

# Words that say what kind of legal entity a company is, not which company it is.
LEGAL_FORMS = frozenset(
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
        "gmbh", "ag", "kg", "ug", "ev", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty", "pte",
        "pvt", "ab", "as", "oy", "sp", "zoo", "kft", "zrt", "sro", "ltda", "sdn", "bhd", "kk", "gk", "the", "and",
    }
)  # fmt: skip
# Words a writer adds to or drops from a company's name without meaning another company.
GENERIC = frozenset({"group", "holdings", "holding", "international", "intl", "global", "worldwide", "hq"})

_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(name: str) -> list[str]:
    """The words that identify a company: folded, legal forms dropped ("Müller GmbH & Co. KG" -> ["muller"])."""
    all_words = _WORD.findall(_fold(name))
    # single letters are left of forms such as "Sp. z o.o." or initials; they identify nothing alone
    kept = [w for w in all_words if w not in LEGAL_FORMS and len(w) > 1]
    return kept or [w for w in all_words if w not in LEGAL_FORMS] or all_words


_POLISH_FORM = re.compile(r"[\s,]+sp\.?\s*z\s*o\.\s*o\.?$", re.I)  # "Sp. z o.o.": one form, four words
_LAST_WORD = re.compile(r"[\s,&]+([^\s,&]+)$")


def without_legal_form(name: str) -> str:
    """The name as written with its trailing legal forms left off: "Chakan Forgings Pvt. Ltd." -> "Chakan
    Forgings", "Müller GmbH & Co. KG" -> "Müller" (writers often leave them out)."""
    out = _POLISH_FORM.sub("", name.strip(" ,."))
    while hit := _LAST_WORD.search(out):
        word = "".join(_WORD.findall(_fold(hit.group(1))))
        if word not in LEGAL_FORMS or word in ("the", "and"):
            break
        out = out[: hit.start()].rstrip(" ,.&")
    return out


def key(name: str) -> str:
    """One string per company name, for exact look-ups: "ACME Corp." and "Acme Corporation" -> "acme"."""
    return "".join(words(name))


def _word_like(typed: str, word: str) -> bool:
    """A typed word stands for a word of the name: the same, an abbreviation ("vet" for "veterinary"), or a
    typo of a longer word ("dentl" for "dental")."""
    if typed == word:
        return True
    if len(typed) >= 3 and word.startswith(typed):
        return True
    return len(typed) >= 4 and len(word) >= 4 and fuzz.ratio(typed, word) >= 80


def _acronym_of(typed: str, name_words: list[str]) -> bool:
    """ "UA" for "Upper Arlington ...": the typed word spells the initials of consecutive words of the name."""
    n = len(typed)
    if not 2 <= n <= 5 or n > len(name_words):
        return False
    return any("".join(w[0] for w in name_words[i : i + n]) == typed for i in range(len(name_words) - n + 1))


def _covered(these: list[str], by: list[str]) -> bool:
    return all(any(_word_like(w, b) for b in by) or _acronym_of(w, by) for w in these)


def same_company(ref: str, name: str) -> bool:
    """Whether ``ref`` (what a person typed) can only mean the company called ``name``.

    True when the names are equal apart from case, accents, punctuation and legal form; when they differ by
    a typo; when every typed word stands for a word of the name ("Davis", "UA Veterinary"); or when the name's
    words are all typed and the extra typed words are generic ("Davis Dental Group").
    """
    if " " not in ref.strip() and re.search(r"\w\.[a-z]{2,}$", ref.strip().lower()):
        ref = ref.strip().rsplit(".", 1)[0]  # a domain typed as the name: "acme.com" names "Acme"
    typed, named = words(ref), words(name)
    if not typed or not named:
        return False
    joined_typed, joined_named = "".join(typed), "".join(named)
    if joined_typed == joined_named:
        return True
    if min(len(joined_typed), len(joined_named)) >= 6 and fuzz.ratio(joined_typed, joined_named) >= 90:
        return True
    if _covered(typed, named):
        return True
    extra = [w for w in typed if not any(_word_like(n, w) for n in named)]
    return _covered(named, typed) and all(w in GENERIC for w in extra)
