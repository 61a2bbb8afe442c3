"""Turn what a person or model typed ("Ada", "ada@acme.com", an id, "me") into records, best match first.

Agent tools call these before acting, and list filters use them for owner and company names. An exact
match that is unique comes back alone; otherwise ranked fuzzy candidates (rapidfuzz) above a cutoff.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool
from rapidfuzz import fuzz, process

from leadloom.crm import company_names, normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.models.companies import Company
from leadloom.crm.models.contacts import Contact
from leadloom.crm.repositories import companies as companies_repo
from leadloom.crm.repositories import contacts as contacts_repo
from leadloom.crm.repositories import orgs as orgs_repo
from leadloom.crm.services._records import like

Row = dict[str, Any]
CUTOFF = 70.0
MAX_CANDIDATES = 10


def fold(text: str) -> str:
    """Lower-case, accents stripped, whitespace collapsed: "Zoë  Núñez" -> "zoe nunez"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def rank(ref: str, rows: Sequence[Row], name_of: Callable[[Row], str]) -> list[Row]:
    """Exact (folded) match alone when unique; else candidates above the cutoff, best first.

    The score is the better of WRatio (lets "ada" find "Ada Lovelace") and token_sort_ratio (lets
    "Lovelace Ada" find it), computed for all candidates at once in rapidfuzz's C++ core.
    """
    wanted = fold(ref)
    if not wanted or not rows:
        return []
    names = [fold(name_of(r)) for r in rows]
    exact = [r for r, n in zip(rows, names, strict=True) if n == wanted]
    if len(exact) == 1:
        return exact
    partial = process.cdist([wanted], names, scorer=fuzz.WRatio, workers=1)[0]
    ordered = process.cdist([wanted], names, scorer=fuzz.token_sort_ratio, workers=1)[0]
    scored = []
    for i, row in enumerate(rows):
        # an exact match outranks any fuzzy one
        score = 100.0 if names[i] == wanted else 0.99 * float(max(partial[i], ordered[i]))
        if score >= CUTOFF:
            scored.append((score, i, row))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [row for _, _, row in scored[:MAX_CANDIDATES]]


def _uuid(ref: str) -> UUID | None:
    try:
        return UUID(ref.strip())
    except ValueError:
        return None


def initials(ref: str) -> list[str]:
    """First letters of each word, raw and accent-folded ("Zoë" -> z), used to block candidate sets."""
    words = normalize.clean_text(ref, max_len=300).lower().split()
    return sorted({w[0] for w in words} | {fold(w)[0] for w in words if fold(w)})


# "Jennifer at Lancaster Glass", "Mike from Marysville Auto", "Sarah (Matakana Hills)": a name made one
# person by where they work, the way people tell two Jennifers apart.
_AT_COMPANY = re.compile(
    r"^(?P<name>[^()@]+?)\s*(?:\((?P<paren>[^()]+)\)|\s(?:at|from|of|@)\s+(?P<company>.+?))\s*$", re.I
)


async def contact_rows(conn: Conn, org_id: UUID, ref: str) -> list[Row]:
    ref = ref.strip()
    if not ref:
        return []
    at = _AT_COMPANY.match(ref)
    if at and "@" not in at.group("name"):
        rows = await contact_rows(conn, org_id, at.group("name"))
        if len(rows) > 1:
            companies = await company_rows(conn, org_id, at.group("paren") or at.group("company"))
            ids = {c["id"] for c in companies}
            narrowed = [r for r in rows if r.get("company_id") in ids]
            if narrowed:
                return narrowed
        if rows:
            return rows
    if (uid := _uuid(ref)) is not None:
        row = await contacts_repo.get_contact(conn, org_id=org_id, contact_id=uid)
        return [row] if row and row["deleted_at"] is None else []
    if "@" in ref:
        try:
            return await contacts_repo.find_by_emails(conn, org_id=org_id, emails=[normalize.email(ref)])
        except ValueError:
            return []
    candidates = await contacts_repo.name_candidates(conn, org_id=org_id, initials=initials(ref))
    best = rank(ref, candidates, lambda r: f"{r['first_name']} {r['last_name']}")
    full = [await contacts_repo.get_contact(conn, org_id=org_id, contact_id=r["id"]) for r in best]
    return [r for r in full if r is not None]


async def company_rows(conn: Conn, org_id: UUID, ref: str) -> list[Row]:
    ref = ref.strip()
    if not ref:
        return []
    if (uid := _uuid(ref)) is not None:
        row = await companies_repo.get_company(conn, org_id=org_id, company_id=uid)
        return [row] if row and row["deleted_at"] is None else []
    try:
        dom = normalize.domain(ref) if "." in ref and " " not in ref else None
    except ValueError:
        dom = None
    rows = await companies_repo.name_candidates(conn, org_id=org_id, initials=initials(ref), domain=dom, like=like(ref))
    by_domain = [r for r in rows if dom and r["domain"] == dom]
    if by_domain:
        return by_domain
    # A fuzzy score alone would file "Clintonville Family Dental" under "Davis Dental" (they share a word):
    # a candidate must be the same name, a typo of it, or the name shortened.
    return [r for r in rank(ref, rows, lambda r: r["name"]) if company_names.same_company(ref, r["name"])]


async def user_rows(conn: Conn, actor: Actor, ref: str) -> list[Row]:
    ref = ref.strip()
    users = await orgs_repo.list_users(conn, org_id=actor.org_id)
    if ref.lower() in {"me", "myself", "i", "mine"}:
        return [u for u in users if u["id"] == actor.user_id]
    if (uid := _uuid(ref)) is not None:
        return [u for u in users if u["id"] == uid]
    if "@" in ref:
        return [u for u in users if u["email"].lower() == ref.lower()]
    return rank(ref, users, lambda u: u["name"])


async def resolve_contact(pool: AsyncConnectionPool[Conn], actor: Actor, ref: str) -> list[Contact]:
    """Contacts ``ref`` may mean (id, email, or a fuzzy full name), best first; [] when none."""
    async with org_tx(pool, actor) as conn:
        rows = await contact_rows(conn, actor.org_id, ref)
    return [Contact.from_row(r) for r in rows]


async def resolve_company(pool: AsyncConnectionPool[Conn], actor: Actor, ref: str) -> list[Company]:
    """Companies ``ref`` may mean (id, domain, or a fuzzy name), best first; full records."""
    async with org_tx(pool, actor) as conn:
        rows = await company_rows(conn, actor.org_id, ref)
        full = [await companies_repo.get_company(conn, org_id=actor.org_id, company_id=r["id"]) for r in rows]
    return [Company.model_validate(r) for r in full if r is not None]


async def resolve_user(pool: AsyncConnectionPool[Conn], actor: Actor, ref: str) -> list[dict[str, Any]]:
    """Users of the organization ``ref`` may mean: "me", an id, an email, or a fuzzy name."""
    async with org_tx(pool, actor) as conn:
        return await user_rows(conn, actor, ref)
