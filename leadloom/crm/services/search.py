"""Search: one box that finds contacts, companies and deals by name, email, domain or words, ranked."""

from __future__ import annotations

from collections.abc import Iterable

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ValidationError
from leadloom.crm.models.common import SearchHit
from leadloom.crm.repositories import search as repo
from leadloom.crm.services._records import prefix_tsquery

TYPES = ("contact", "company", "deal")


async def search(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    text: str,
    *,
    types: Iterable[str] = TYPES,
    limit: int = 20,
) -> list[SearchHit]:
    """Best matches first across the given record types; partial words match as prefixes."""
    wanted = set(types)
    if not wanted or wanted - set(TYPES):
        raise ValidationError(
            f"types must be among {', '.join(TYPES)}", errors=[{"field": "types", "message": "unknown type"}]
        )
    if not 1 <= limit <= 100:
        raise ValidationError("limit must be between 1 and 100", errors=[{"field": "limit", "message": "out of range"}])
    try:
        clean = normalize.clean_text(text, max_len=500)
    except ValueError as exc:
        raise ValidationError(f"q {exc}", errors=[{"field": "q", "message": str(exc)}]) from None
    prefix = prefix_tsquery(clean)
    if prefix is None:
        return []  # nothing searchable (empty or punctuation only)
    async with org_tx(pool, actor) as conn:
        rows = await repo.search_all(conn, org_id=actor.org_id, text=clean, prefix=prefix, types=wanted, limit=limit)
    return [SearchHit.model_validate({**r, "rank": float(r["rank"])}) for r in rows]
