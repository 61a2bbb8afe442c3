"""Lifecycle stages: the per-organization list of stages (lead, MQL, customer...) and lenient matching
of what people type ("Customers", "SQL") to a stage key."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError
from leadloom.crm.repositories import history
from leadloom.crm.repositories import lifecycle as repo
from leadloom.crm.services._records import FieldErrors, require_write


def match_stage(stages: Sequence[Mapping[str, Any]], value: str) -> str:
    """The key of the stage ``value`` names (by key or label, case/spelling-tolerant), or ValueError."""
    by_choice: dict[str, str] = {}
    for s in stages:
        by_choice.setdefault(s["key"], s["key"])
        by_choice.setdefault(s["label"], s["key"])
    try:
        return by_choice[normalize.match_choice(value, list(by_choice))]
    except ValueError:
        allowed = ", ".join(f"{s['key']} ({s['label']})" for s in stages)
        raise ValueError(f"unknown lifecycle stage {value!r}; allowed: {allowed}") from None


async def load_stages(conn: Conn, org_id: UUID) -> list[dict[str, Any]]:
    return await repo.list_stages(conn, org_id=org_id)


async def stage_key(conn: Conn, org_id: UUID, value: str) -> str:
    return match_stage(await load_stages(conn, org_id), value)


async def list_lifecycle_stages(pool: AsyncConnectionPool[Conn], actor: Actor) -> list[dict[str, Any]]:
    async with org_tx(pool, actor) as conn:
        return await load_stages(conn, actor.org_id)


def _key_from_label(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40]


async def set_lifecycle_stages(
    pool: AsyncConnectionPool[Conn], actor: Actor, stages: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Replace the organization's stages with ``stages`` (in order). A stage still used by contacts
    cannot be removed: move those contacts first (ConflictError says how many)."""
    require_write(actor, "settings.manage")
    problems = FieldErrors()
    clean: list[tuple[str, str]] = []
    for i, stage in enumerate(stages):
        try:
            label = normalize.clean_text(stage.get("label") or stage.get("key") or "", max_len=100)
        except ValueError as exc:
            problems.add(f"stages.{i}.label", str(exc))
            continue
        key = str(stage.get("key") or _key_from_label(label)).strip().lower()
        if not label or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
            problems.add(f"stages.{i}", "needs a label and a key of lower-case letters, digits and _")
            continue
        if key in {k for k, _ in clean}:
            problems.add(f"stages.{i}.key", f"duplicate key {key!r}")
            continue
        clean.append((key, label))
    if not clean and not problems.items:
        problems.add("stages", "at least one stage is required")
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        before = await repo.list_stages(conn, org_id=actor.org_id)
        removed = sorted({s["key"] for s in before} - {k for k, _ in clean})
        if removed:
            used = await repo.stage_usage(conn, org_id=actor.org_id, keys=removed)
            if used:
                counts = ", ".join(f"{k} ({n} contacts)" for k, n in sorted(used.items()))
                raise ConflictError(f"cannot remove stages still in use: {counts}; move those contacts first")
            await repo.delete_stages(conn, org_id=actor.org_id, keys=removed)
        for pos, (key, label) in enumerate(clean):
            await repo.upsert_stage(conn, org_id=actor.org_id, key=key, label=label, position=pos)
        after = await repo.list_stages(conn, org_id=actor.org_id)
        await history.record(
            conn,
            actor,
            entity="lifecycle_stages",
            entity_id=actor.org_id,
            action="update",
            before={"stages": before},
            after={"stages": after},
        )
        return after
