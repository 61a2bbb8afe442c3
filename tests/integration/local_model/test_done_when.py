"""Issue 8's "Done when" on the REAL local model and the demo organization, through AgentRunner:

"who are my hottest leads this week?" gives a list; "create a follow-up task for the first one" creates a
task for the first listed contact that shows in its timeline (services/timeline.py); "tell me about
<contact>" answers with the record; "move her to customer" changes that contact's stage.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.demo import load_demo
from leadloom.crm.services.timeline import timeline
from leadloom.graphs.runner import AgentRunner
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
async def demo(pool, db, settings) -> AsyncIterator[tuple[AgentRunner, Actor]]:  # type: ignore[no-untyped-def]
    summary = await load_demo(pool, seed=7)
    model = LocalChatModel(cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model")
    runner = await AgentRunner(pool, settings, model=model, admin_url=db.admin).start()
    rows = await _rows(pool, summary.org_id, "SELECT id FROM users WHERE email = %(e)s", {"e": summary.owner_email})
    yield runner, Actor(org_id=summary.org_id, user_id=rows[0]["id"], role="owner")
    await runner.aclose()


async def _rows(pool, org_id, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(sql, params or {})
        return await cur.fetchall()


def _calls(result: Any, name: str) -> list[dict[str, Any]]:
    return [c for c in result.tool_calls if c.get("name") == name]


async def test_hottest_leads_then_a_task_for_the_first_one(demo, pool) -> None:  # type: ignore[no-untyped-def]
    runner, actor = demo
    thread = await runner.create_thread(actor)

    r = await runner.run(actor, thread, "who are my hottest leads this week?")
    assert r.status == "completed", r
    assert _calls(r, "top_leads"), r.tool_calls
    table = [line for line in r.output.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(table) >= 2, r.output  # a header and at least one lead
    first_name = table[1].split("|")[1].strip()

    r = await runner.run(actor, thread, "create a follow-up task for the first one")
    assert r.status == "completed", r
    calls = _calls(r, "create_task")
    assert calls, r.tool_calls
    args = calls[-1]["args"]
    assert args.get("subject", "").startswith("Follow up with") and len(args["subject"]) <= 60, args

    tasks = await _rows(
        pool,
        actor.org_id,
        "SELECT t.id, t.subject, t.contact_id, c.first_name || ' ' || c.last_name AS name FROM activities t "
        "JOIN contacts c ON c.id = t.contact_id WHERE t.type = 'task' AND t.subject = %(s)s",
        {"s": args["subject"]},
    )
    assert len(tasks) == 1 and tasks[0]["name"] == first_name, (tasks, first_name, args)
    page = await timeline(pool, actor, entity="contact", entity_id=tasks[0]["contact_id"])
    assert any(item.id == tasks[0]["id"] for item in page.items), page


async def test_tell_me_about_then_a_pronoun(demo, pool) -> None:  # type: ignore[no-untyped-def]
    runner, actor = demo
    people = await _rows(
        pool,
        actor.org_id,
        "SELECT c.id, c.first_name, c.last_name FROM contacts c "
        "WHERE c.deleted_at IS NULL AND c.lifecycle_stage = 'mql' "
        "AND c.first_name <> '' AND (SELECT count(*) FROM contacts d WHERE d.deleted_at IS NULL "
        "AND lower(d.first_name) = lower(c.first_name) AND lower(d.last_name) = lower(c.last_name)) = 1 "
        "ORDER BY c.id LIMIT 1",
    )
    person = people[0]
    name = f"{person['first_name']} {person['last_name']}"
    thread = await runner.create_thread(actor)

    r = await runner.run(actor, thread, f"Tell me about {name}")
    assert r.status == "completed", r
    assert _calls(r, "get_contact"), r.tool_calls
    assert re.search(re.escape(person["last_name"]), r.output), r.output

    r = await runner.run(actor, thread, "move her to customer")
    assert r.status == "completed", r
    assert _calls(r, "update_contact"), r.tool_calls
    row = (await _rows(pool, actor.org_id, "SELECT lifecycle_stage FROM contacts WHERE id = %(id)s", person))[0]
    assert row["lifecycle_stage"] == "customer"
