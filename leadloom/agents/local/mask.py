"""Replaces names in a request with fixed stand-ins before intent classification.

"hand Priscilla Tan over to Dana" and "hand Jordan Smith over to Dana" should be classified alike: the
person is noise for *what* is asked. Known contacts and companies (from the vocabulary), emails and
Capitalised names that are not stages, tags, sources or users are replaced; the organization's users stay
(an owner is part of the request's meaning). Training applies the same function to the corpus.
"""

from __future__ import annotations

from functools import lru_cache

from leadloom.agents.local import extract as ex
from leadloom.agents.local import rx as re
from leadloom.agents.local.aliases import alias_ref

_ALIAS_SPAN = re.compile(
    rf"\b(?:(?:{ex.TITLES})\.?\s+|[^\W\d_][\w'’-]+\s+)"
    r"(?:(?:van|von|de|der|den|da|del|di|du|le|la)\s+)*[^\W\d_][\w'’-]+",
    re.I,
)
PERSON = "Jordan Smith"
COMPANY = "Acme Corp"
EMAIL = "jordan@example.com"
USER = "Casey"


@lru_cache(maxsize=32)
def _names_re(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(sorted({n for n in names if len(n) >= 3}, key=len, reverse=True))
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?:'s|’s)?\b", re.I)


def mask(text: str, m: ex.Matcher) -> str:
    out = ex._EMAIL.sub(EMAIL, text)
    rc = _names_re(tuple(m.vocab.companies))
    if rc is not None:
        out = rc.sub(COMPANY, out)
    rp = _names_re(tuple(m.vocab.contacts))
    if rp is not None:
        out = rp.sub(PERSON, out)
    if m.vocab.contacts:
        # a known contact said by nickname or title ("bob kessler", "dr raman's office") is a person too
        contacts = tuple(m.vocab.contacts)
        out = _ALIAS_SPAN.sub(lambda mm: PERSON if alias_ref(mm.group(0), contacts) else mm.group(0), out)
    # Users (owners) get their own stand-in: "assign X to Lucia" ≈ "assign X to Maria" whoever the users are.
    users = tuple(
        n for u in m.vocab.users for n in (u.get("name") or "", (u.get("name") or " ").split()[0], u.get("email") or "")
    )
    ru = _names_re(users)
    if ru is not None:
        out = ru.sub(lambda mm: USER + ("'s" if mm.group(0).lower().endswith(("'s", "’s")) else ""), out)
    keep = {PERSON.lower(), COMPANY.lower(), USER.lower()}
    pieces: list[str] = []
    last = 0
    for pos, span in ex.capitalized_spans(out):
        low = span.lower()
        if low in keep or PERSON in span or COMPANY in span or span == USER:
            continue
        if m.user(span, cutoff=95) or m.stage(span, cutoff=95) or ex._is_source(span, m):
            continue
        if m.vocab.tags and ex._best(span, {ex._fold(t): t for t in m.vocab.tags}, 95):
            continue
        if re.match(r"\s+(?:segment|list|audience|campaign)\b", out[pos + len(span) :], re.I):
            continue  # "the Expo VIPs segment" names a segment, not a person
        if pos == 0 and len(span.split()) < 2:
            continue  # a single capitalised first word is usually the verb ("Bump …", "Schedule …")
        pieces.append(out[last:pos])
        pieces.append(PERSON)
        last = pos + len(span)
    pieces.append(out[last:])
    return "".join(pieces)
