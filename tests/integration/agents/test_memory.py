"""Memory on the real database: LangGraph tables set up as admin, long-term memories per person
(remember / recall through the store), and the knowledge indexer with pgvector search."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

import psycopg

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.graphs.runner import AgentRunner
from leadloom.memory.embeddings import DIMS, embed
from leadloom.memory.indexer import index_pending, search_knowledge
from leadloom.memory.setup import setup_memory
from leadloom.tools.context import AgentContext
from leadloom.tools.memory import recall, remember
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact


@dataclass
class _Runtime:
    """The two things the memory tools read from ToolRuntime."""

    context: AgentContext
    store: Any


async def test_setup_is_idempotent_and_app_role_cannot_create(runner: AgentRunner, db, settings) -> None:  # type: ignore[no-untyped-def]
    await setup_memory(db.admin, settings)  # the runner fixture already ran it once
    with psycopg.connect(db.app) as conn:
        rows = conn.execute(
            "SELECT has_table_privilege(current_user, t, 'INSERT') FROM unnest(%s::text[]) t",
            (["checkpoints", "checkpoint_writes", "checkpoint_blobs", "store", "store_vectors"],),
        ).fetchall()
        assert all(r[0] for r in rows)
        assert not conn.execute("SELECT has_schema_privilege(current_user, 'public', 'CREATE')").fetchone()[0]


async def test_remember_and_recall_are_per_person(runner: AgentRunner, pool, settings, actor: Actor) -> None:
    ctx = AgentContext(pool=pool, actor=actor, settings=settings)
    me = _Runtime(ctx, runner.store)
    saved = await remember("Prefers pipeline summaries every Monday morning", me)  # type: ignore[arg-type]
    assert saved["status"] == "remembered"
    await remember("Our biggest client is Northwind", me)  # type: ignore[arg-type]
    found = await recall("when should I send the weekly report", me)  # type: ignore[arg-type]
    assert found["memories"][0]["fact"] == "Prefers pipeline summaries every Monday morning"
    # A colleague in the same organization, and a stranger elsewhere, see none of it.
    colleague = _Runtime(replace(ctx, actor=replace(actor, user_id=uuid.uuid4())), runner.store)
    assert (await recall("weekly report", colleague))["memories"] == []  # type: ignore[arg-type]
    other = await new_org(pool, "Elsewhere")
    stranger = Actor(org_id=other.org["id"], user_id=actor.user_id)
    assert (await recall("weekly report", _Runtime(replace(ctx, actor=stranger), runner.store)))["memories"] == []  # type: ignore[arg-type]
    assert (await remember("  ", me))["error"]  # type: ignore[arg-type]


async def _add_activity(pool, org_id, contact_id, subject, body, type_="note"):  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(
            "INSERT INTO activities (org_id, type, subject, body, contact_id) VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (org_id, type_, subject, body, contact_id),
        )
        return (await cur.fetchone())["id"]


async def test_indexer_embeds_changes_and_search_stays_in_the_org(pool, actor: Actor) -> None:
    org = actor.org_id
    ana = await add_contact(pool, org, "Ana", "Silva")
    ben = await add_contact(pool, org, "Ben", "Ode")
    price = await _add_activity(pool, org, ana, "Call", "She said our pricing is too expensive for her budget", "call")
    await _add_activity(pool, org, ben, "Lunch", "Talked about his vacation in Portugal and surfing")
    await _add_activity(pool, org, ben, None, None)  # nothing to embed
    stats = await index_pending(pool, org)
    assert stats.embedded == 2
    assert (await index_pending(pool, org)).embedded == 0  # the watermark moved on
    hits = await search_knowledge(pool, actor, "who complained about cost?")
    assert hits[0]["source_id"] == price and hits[0]["contact_name"] == "Ana Silva"
    assert hits[0]["similarity"] > hits[1]["similarity"]
    only_ben = await search_knowledge(pool, actor, "cost", contact_id=uuid.UUID(ben))
    assert {str(h["contact_id"]) for h in only_ben} == {ben}
    # An edit is re-embedded; a delete leaves the index.
    async with org_tx(pool, org) as conn:
        await conn.execute(
            "UPDATE activities SET body = 'Asked for a discount on the annual plan', updated_at = now() WHERE id = %s",
            (price,),
        )
    await index_pending(pool, org)
    hits = await search_knowledge(pool, actor, "discount on annual plan", limit=1)
    assert hits[0]["text"].endswith("Asked for a discount on the annual plan")
    async with org_tx(pool, org) as conn:
        await conn.execute("UPDATE activities SET deleted_at = now(), updated_at = now() WHERE id = %s", (price,))
    assert (await index_pending(pool, org)).removed == 1
    assert price not in {h["source_id"] for h in await search_knowledge(pool, actor, "discount")}
    # Another organization's search finds nothing of this one, and the all-orgs pass finds its work.
    other = await new_org(pool, "Elsewhere")
    outsider = Actor(org_id=other.org["id"], user_id=other.owner["id"])
    assert await search_knowledge(pool, outsider, "vacation in Portugal") == []
    await _add_activity(pool, other.org["id"], None, "Note", "Vacation planning for the team offsite")
    total = await index_pending(pool)
    assert total.embedded >= 1 and total.orgs >= 1
    assert len(await search_knowledge(pool, outsider, "vacation")) == 1


async def test_embeddings_are_normalised_384() -> None:
    [a, b] = await embed(["hello", "hello"])
    assert len(a) == DIMS and abs(sum(x * x for x in a) - 1) < 1e-4 and a == b
