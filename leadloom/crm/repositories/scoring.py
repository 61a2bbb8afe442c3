"""SQL for lead scoring: leads and activities for features, outcomes for labels, the model registry,
score history, corrections and the rescoring queue. Queries live in ``crm/sql/scoring.sql``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from leadloom.crm.db.pool import Conn
from leadloom.crm.db.queries import q

Row = dict[str, Any]
NOTIFY_CHANNEL = "leadloom_rescore"


async def _all(conn: Conn, name: str, params: dict[str, Any]) -> list[Row]:
    cur = await conn.execute(q("scoring", name), params)
    return await cur.fetchall()


async def _one(conn: Conn, name: str, params: dict[str, Any]) -> Row | None:
    cur = await conn.execute(q("scoring", name), params)
    return await cur.fetchone()


# ------------------------------------------------------------------ features and labels
async def lead_rows(conn: Conn, *, org_id: UUID, ids: Sequence[UUID]) -> list[Row]:
    return await _all(conn, "lead_rows", {"org_id": org_id, "ids": list(ids)})


async def lead_activities(conn: Conn, *, org_id: UUID, ids: Sequence[UUID]) -> list[Row]:
    return await _all(conn, "lead_activities", {"org_id": org_id, "ids": list(ids)})


async def outcomes(conn: Conn, *, org_id: UUID) -> list[Row]:
    return await _all(conn, "outcomes", {"org_id": org_id})


async def count_contacts(conn: Conn, *, org_id: UUID) -> int:
    row = await _one(conn, "count_contacts", {"org_id": org_id})
    return int(row["n"]) if row else 0


# ------------------------------------------------------------------------ model registry
async def champion(conn: Conn, *, org_id: UUID) -> Row | None:
    return await _one(conn, "champion", {"org_id": org_id})


async def champion_id(conn: Conn, *, org_id: UUID) -> UUID | None:
    row = await _one(conn, "champion_id", {"org_id": org_id})
    return row["id"] if row else None


async def model_artefact(conn: Conn, *, org_id: UUID, model_id: UUID) -> bytes | None:
    row = await _one(conn, "model_artefact", {"org_id": org_id, "id": model_id})
    return bytes(row["artefact"]) if row else None


async def lock_org_models(conn: Conn, *, org_id: UUID) -> None:
    await conn.execute(q("scoring", "lock_org_models"), {"org_id": org_id})


async def next_version(conn: Conn, *, org_id: UUID) -> int:
    row = await _one(conn, "next_version", {"org_id": org_id})
    return int(row["version"]) if row else 1


async def retire_champion(conn: Conn, *, org_id: UUID) -> None:
    await conn.execute(q("scoring", "retire_champion"), {"org_id": org_id})


async def insert_model(
    conn: Conn,
    *,
    org_id: UUID,
    version: int,
    kind: str,
    algorithm: str,
    status: str,
    status_text: str | None,
    metrics: dict[str, Any],
    features: list[Any],
    gate: dict[str, Any] | None,
    window_from: datetime | None,
    window_to: datetime | None,
    n_train: int,
    n_outcomes: int,
    artefact: bytes,
    card: dict[str, Any],
) -> Row:
    row = await _one(
        conn,
        "insert_model",
        {
            "org_id": org_id,
            "version": version,
            "kind": kind,
            "algorithm": algorithm,
            "status": status,
            "status_text": status_text,
            "metrics": Jsonb(metrics),
            "features": Jsonb(features),
            "gate": Jsonb(gate) if gate is not None else None,
            "window_from": window_from,
            "window_to": window_to,
            "n_train": n_train,
            "n_outcomes": n_outcomes,
            "artefact": artefact,
            "card": Jsonb(card),
        },
    )
    assert row is not None
    return row


async def list_models(conn: Conn, *, org_id: UUID, limit: int = 100) -> list[Row]:
    return await _all(conn, "list_models", {"org_id": org_id, "limit": limit})


async def get_model(conn: Conn, *, org_id: UUID, model_id: UUID) -> Row | None:
    return await _one(conn, "get_model", {"org_id": org_id, "id": model_id})


# ------------------------------------------------------------------- scores and history
async def save_scores(conn: Conn, *, org_id: UUID, rows: Sequence[Row], at: datetime) -> None:
    """``rows``: {"contact_id", "score", "probability", "model_id", "kind", "explanation"}; one round trip each."""
    if not rows:
        return
    async with conn.cursor() as cur:
        await cur.executemany(
            q("scoring", "save_score"),
            [{"org_id": org_id, "contact_id": r["contact_id"], "score": r["score"], "at": at} for r in rows],
        )
        await cur.executemany(
            q("scoring", "insert_history"),
            [
                {
                    "org_id": org_id,
                    "contact_id": r["contact_id"],
                    "score": r["score"],
                    "probability": r["probability"],
                    "model_id": r["model_id"],
                    "kind": r["kind"],
                    "explanation": Jsonb(r["explanation"]),
                    "at": at,
                }
                for r in rows
            ],
        )


async def latest_history(conn: Conn, *, org_id: UUID, contact_id: UUID, limit: int = 1) -> list[Row]:
    return await _all(conn, "latest_history", {"org_id": org_id, "contact_id": contact_id, "limit": limit})


async def insert_correction(
    conn: Conn,
    *,
    org_id: UUID,
    contact_id: UUID,
    user_id: UUID | None,
    corrected_label: bool | None,
    corrected_score: int | None,
    reason: str | None,
    score_before: int | None,
) -> Row:
    row = await _one(
        conn,
        "insert_correction",
        {
            "org_id": org_id,
            "contact_id": contact_id,
            "user_id": user_id,
            "corrected_label": corrected_label,
            "corrected_score": corrected_score,
            "reason": reason,
            "score_before": score_before,
        },
    )
    assert row is not None
    return row


async def top_leads(
    conn: Conn,
    *,
    org_id: UUID,
    owner_id: UUID | None,
    stage: str | None,
    since: date | None,
    limit: int,
) -> list[Row]:
    return await _all(
        conn,
        "top_leads",
        {"org_id": org_id, "owner_id": owner_id, "stage": stage, "since": since, "limit": limit},
    )


async def unscored_ids(
    conn: Conn, *, org_id: UUID, owner_id: UUID | None, stage: str | None, since: date | None, limit: int
) -> list[UUID]:
    rows = await _all(
        conn,
        "unscored_ids",
        {"org_id": org_id, "owner_id": owner_id, "stage": stage, "since": since, "limit": limit},
    )
    return [r["id"] for r in rows]


# ------------------------------------------------------------------------------ the queue
async def enqueue_org(conn: Conn, *, org_id: UUID) -> int:
    cur = await conn.execute(q("scoring", "enqueue_org"), {"org_id": org_id})
    return cur.rowcount


async def queue_orgs(conn: Conn) -> list[UUID]:
    return [r["org_id"] for r in await _all(conn, "queue_orgs", {})]


async def claim_queue(conn: Conn, *, org_id: UUID, limit: int) -> list[UUID]:
    return [r["contact_id"] for r in await _all(conn, "claim_queue", {"org_id": org_id, "limit": limit})]


async def delete_queue(conn: Conn, *, org_id: UUID, ids: Sequence[UUID]) -> None:
    await conn.execute(q("scoring", "delete_queue"), {"org_id": org_id, "ids": list(ids)})


async def queue_length(conn: Conn, *, org_id: UUID) -> int:
    row = await _one(conn, "queue_length", {"org_id": org_id})
    return int(row["n"]) if row else 0


async def retrain_due(conn: Conn, *, new_outcomes: int, max_age_s: float) -> list[Row]:
    return await _all(conn, "retrain_due", {"new_outcomes": new_outcomes, "max_age_s": max_age_s})


async def listen(conninfo: str) -> AsyncIterator[str]:
    """Organization ids as the triggers announce queued contacts (LISTEN on a connection of its own)."""
    conn = await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
    try:
        await conn.execute(q("scoring", "listen"))
        async for note in conn.notifies():
            yield note.payload
    finally:
        await conn.close()
