"""Custom field definitions: list, create and delete them; record services validate values against them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.models.common import parse
from leadloom.crm.models.custom_fields import CustomFieldDef, CustomFieldDefCreate
from leadloom.crm.repositories import custom_fields as repo
from leadloom.crm.repositories import history
from leadloom.crm.services._records import require_write

ENTITIES = ("contact", "company", "deal")


async def load_defs(conn: Conn, org_id: UUID, entity: str) -> list[dict[str, Any]]:
    return await repo.list_defs(conn, org_id=org_id, entity=entity)


async def list_custom_fields(
    pool: AsyncConnectionPool[Conn], actor: Actor, entity: str | None = None
) -> list[CustomFieldDef]:
    if entity is not None and entity not in ENTITIES:
        raise ValidationError(
            f"entity must be one of {', '.join(ENTITIES)}", errors=[{"field": "entity", "message": "unknown entity"}]
        )
    async with org_tx(pool, actor) as conn:
        rows = await repo.list_defs(conn, org_id=actor.org_id, entity=entity)
    return [CustomFieldDef.model_validate(r) for r in rows]


async def create_custom_field(
    pool: AsyncConnectionPool[Conn], actor: Actor, data: CustomFieldDefCreate | Mapping[str, Any]
) -> CustomFieldDef:
    require_write(actor, "settings.manage")
    spec = parse(CustomFieldDefCreate, data)
    assert spec.key is not None  # the model derives it from the label
    async with org_tx(pool, actor) as conn:
        row = await repo.insert_def(
            conn,
            org_id=actor.org_id,
            entity=spec.entity,
            key=spec.key,
            label=spec.label,
            type=spec.type,
            options=spec.options,
            required=spec.required,
        )
        await history.record(conn, actor, entity="custom_field", entity_id=row["id"], action="create", after=row)
    return CustomFieldDef.model_validate(row)


async def delete_custom_field(pool: AsyncConnectionPool[Conn], actor: Actor, field_id: UUID) -> None:
    """Remove a definition. Values already stored under its key stay on the records (nothing is lost);
    they are simply no longer validated or required."""
    require_write(actor, "settings.manage")
    async with org_tx(pool, actor) as conn:
        row = await repo.delete_def(conn, org_id=actor.org_id, def_id=field_id)
        if row is None:
            raise NotFoundError("no such custom field")
        await history.record(conn, actor, entity="custom_field", entity_id=field_id, action="delete", before=row)
