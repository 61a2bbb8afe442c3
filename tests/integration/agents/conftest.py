"""Fixtures for agent runs on the real embedded database: a scripted model, tiny test tools, a runner.

The tools here are deliberately small (raw SQL through org_tx, like a repository would) so the runtime is
tested on its own; the end-to-end tests switch to the real tools from leadloom.tools when they exist.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain.tools import ToolRuntime
from langgraph.types import interrupt

from leadloom.crm.db.pool import org_tx
from leadloom.crm.repositories import history
from leadloom.graphs.runner import AgentRunner
from leadloom.tools.context import AgentContext
from tests.unit.agents.fakes import ScriptedChatModel


async def find_contact(name: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Find contacts whose first or last name matches."""
    ctx = runtime.context
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT id::text, first_name, last_name, lifecycle_stage FROM contacts "
            "WHERE deleted_at IS NULL AND (first_name ILIKE %(n)s OR last_name ILIKE %(n)s) ORDER BY first_name",
            {"n": name},
        )
        rows = await cur.fetchall()
    return {"contacts": rows}


async def get_contact_by_id(contact_id: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Fetch one contact by id."""
    ctx = runtime.context
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT id::text, first_name, lifecycle_stage FROM contacts WHERE id = %(id)s", {"id": contact_id}
        )
        row = await cur.fetchone()
    return row or {"error": f"no contact {contact_id}"}


async def set_stage(contact_id: str, stage: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Set a contact's lifecycle stage."""
    ctx = runtime.context
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "UPDATE contacts SET lifecycle_stage = %(s)s, updated_at = now() WHERE id = %(id)s "
            "RETURNING id, first_name, lifecycle_stage",
            {"s": stage, "id": contact_id},
        )
        row = await cur.fetchone()
        if row is None:
            return {"error": f"no contact {contact_id}"}
        await history.record(conn, ctx.actor, entity="contact", entity_id=row["id"], action="update", after=row)
    return {"id": str(row["id"]), "stage": row["lifecycle_stage"]}


async def delete_contact(contact_id: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Delete a contact (asks the person first)."""
    ctx = runtime.context
    answer = interrupt(
        {
            "action": "delete_contacts",
            "args": {"contact_id": contact_id},
            "preview": {"summary": f"Delete 1 contact ({contact_id})", "records": [{"id": contact_id}]},
        }
    )
    if answer.get("decision") == "reject":
        return {"status": "rejected", "reason": answer.get("reason"), "changed": 0}
    target = (answer.get("args") or {}).get("contact_id", contact_id)
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "UPDATE contacts SET deleted_at = now() WHERE id = %(id)s AND deleted_at IS NULL RETURNING id",
            {"id": target},
        )
        row = await cur.fetchone()
        if row:
            await history.record(conn, ctx.actor, entity="contact", entity_id=row["id"], action="delete")
    return {"status": "deleted" if row else "not_found", "id": target}


async def log_call(contact_id: str, subject: str, runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Log a call with a contact."""
    ctx = runtime.context
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO activities (org_id, type, direction, subject, contact_id, owner_id) "
            "SELECT %(org)s, 'call', 'outbound', %(s)s, id, %(owner)s FROM contacts WHERE id = %(id)s RETURNING id",
            {"org": ctx.actor.org_id, "s": subject, "id": contact_id, "owner": ctx.actor.user_id},
        )
        row = await cur.fetchone()
        if row is None:
            return {"error": f"no contact {contact_id}"}
        await history.record(conn, ctx.actor, entity="activity", entity_id=row["id"], action="create")
    return {"activity_id": str(row["id"]), "type": "call"}


async def pipeline_summary(runtime: ToolRuntime[AgentContext]) -> dict[str, Any]:
    """Open deals per pipeline stage: count and amount."""
    ctx = runtime.context
    async with org_tx(ctx.pool, ctx.actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT s.name AS stage, count(d.id) AS deals, coalesce(sum(d.amount), 0)::float AS amount "
            "FROM pipeline_stages s LEFT JOIN deals d ON d.stage_id = s.id AND d.deleted_at IS NULL "
            "GROUP BY s.name, s.position ORDER BY s.position"
        )
        rows = await cur.fetchall()
    return {"stages": rows}


TEST_TOOLS = [find_contact, get_contact_by_id, set_stage, delete_contact, log_call, pipeline_summary]


def make_test_agents(model: ScriptedChatModel) -> dict[str, Any]:
    return {
        "contacts": create_agent(
            model, tools=TEST_TOOLS, system_prompt="contacts", context_schema=AgentContext, name="contacts"
        ),
        "analytics": create_agent(
            model, tools=[], system_prompt="analytics", context_schema=AgentContext, name="analytics"
        ),
    }


@pytest.fixture(scope="module")
def model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def script(model: ScriptedChatModel):  # type: ignore[no-untyped-def]
    """Set the model's script for this test: ``script([...])``."""

    def set_script(steps: list[Any]) -> ScriptedChatModel:
        model.script, model.position, model.calls = list(steps), 0, []
        return model

    return set_script


@pytest.fixture(scope="module")
async def runner(pool, db, settings, model) -> AsyncIterator[AgentRunner]:  # type: ignore[no-untyped-def]
    r = AgentRunner(pool, settings, model=model, agents=make_test_agents(model), admin_url=db.admin)
    await r.start()
    yield r
    await r.aclose()


async def add_contact(pool, org_id, first: str, last: str = "", stage: str = "lead") -> str:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO contacts (org_id, first_name, last_name, lifecycle_stage) "
            "VALUES (%s, %s, %s, %s) RETURNING id",
            (org_id, first, last, stage),
        )
        row = await cur.fetchone()
    return str(row["id"])
