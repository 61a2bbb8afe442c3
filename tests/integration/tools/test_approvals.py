"""Approvals: risky tools pause the run with a LangGraph interrupt carrying action, args and a preview;
the run resumes with approve / edit / reject. Observed in a real graph with a checkpointer."""

from __future__ import annotations

import pytest

from leadloom.crm.services import contacts as contacts_svc
from leadloom.tools import contacts
from leadloom.tools.approvals import interpret
from tests.integration.tools.conftest import ApprovalGraph, call, interrupts, tool_result


@pytest.fixture
async def webinar(pool, actor):
    """Five webinar leads and one other contact."""
    made = []
    for i in range(5):
        made.append(
            await contacts_svc.create_contact(
                pool,
                actor,
                {"first_name": f"Web{i}", "last_name": "Lead", "email": f"w{i}@x.com", "tags": ["webinar"]},
            )
        )
    made.append(await contacts_svc.create_contact(pool, actor, {"first_name": "Other", "email": "o@x.com"}))
    return made


async def _stages(ctx, **filters):
    found = await call(contacts.search_contacts, ctx, limit=50, **filters)
    return sorted(c.get("stage") or "-" for c in found["contacts"])


async def test_bulk_update_above_threshold_interrupts_then_approve(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    state = await g.run("bulk_update_contacts", filters={"tag": "webinar"}, changes={"stage": "mql"})
    (payload,) = interrupts(state)
    assert payload["action"] == "bulk_update_contacts"
    assert payload["args"] == {"filters": {"tag": "webinar"}, "changes": {"stage": "mql"}}
    preview = payload["preview"]
    assert preview["count"] == 5 and "5 contacts" in preview["summary"]
    first = preview["records"][0]
    assert first["name"].startswith("Web") and first["after"] == {"stage": "mql"} and "stage" in first["before"]
    assert await _stages(ctx, tag="webinar") == ["-"] * 5  # nothing written before the decision

    state = await g.resume({"decision": "approve"})
    result = tool_result(state)
    assert result["changed"] == 5 and result["approval"] == "approve"
    assert await _stages(ctx, tag="webinar") == ["mql"] * 5


async def test_bulk_update_reject_changes_nothing(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    await g.run("bulk_update_contacts", filters={"tag": "webinar"}, changes={"stage": "mql"})
    result = tool_result(await g.resume({"decision": "reject", "reason": "wrong list"}))
    assert result["status"] == "rejected" and result["reason"] == "wrong list" and result["changed"] == 0
    assert await _stages(ctx, tag="webinar") == ["-"] * 5


async def test_bulk_update_edit_applies_the_edited_args(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    await g.run("bulk_update_contacts", filters={"tag": "webinar"}, changes={"stage": "mql"})
    state = await g.resume({"decision": "edit", "args": {"changes": {"stage": "sql"}}})
    assert tool_result(state)["changed"] == 5
    assert await _stages(ctx, tag="webinar") == ["sql"] * 5


async def test_bulk_update_within_threshold_runs_without_approval(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    state = await g.run("bulk_update_contacts", filters={"email": "o@x.com"}, changes={"stage": "lead"})
    assert interrupts(state) == []
    assert tool_result(state)["changed"] == 1


async def test_delete_always_interrupts_and_only_deletes_after_approve(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    state = await g.run("delete_contacts", contact="Other")
    (payload,) = interrupts(state)
    assert payload["action"] == "delete_contacts" and payload["args"] == {"contact": "Other"}
    assert (
        payload["preview"]["records"][0]["name"] == "Other" and payload["preview"]["records"][0]["after"] == "deleted"
    )
    assert (await call(contacts.search_contacts, ctx, email="o@x.com"))["count"] == 1

    result = tool_result(await g.resume({"decision": "approve"}))
    assert result["deleted"] == 1
    assert (await call(contacts.search_contacts, ctx, email="o@x.com"))["count"] == 0


async def test_delete_by_filters_reject(ctx, webinar):
    g = ApprovalGraph(contacts.TOOLS, ctx)
    state = await g.run("delete_contacts", filters={"tag": "webinar"})
    assert interrupts(state)[0]["preview"]["count"] == 5
    result = tool_result(await g.resume({"decision": "reject"}))
    assert result["status"] == "rejected"
    assert (await call(contacts.search_contacts, ctx, tag="webinar"))["count"] == 5
    # A delete with neither a contact nor filters is refused before anyone is asked.
    state = await ApprovalGraph(contacts.TOOLS, ctx).run("delete_contacts")
    assert interrupts(state) == [] and "either one contact or filters" in tool_result(state)["error"]


async def test_merge_interrupts_and_merges_after_approve(pool, ctx, actor):
    await contacts_svc.create_contact(pool, actor, {"first_name": "Jon", "last_name": "Smyth", "email": "jon@a.com"})
    await contacts_svc.create_contact(
        pool, actor, {"first_name": "Jonathan", "last_name": "Smyth", "email": "jsmyth@b.com", "title": "CEO"}
    )
    g = ApprovalGraph(contacts.TOOLS, ctx)
    state = await g.run("merge_contacts", winner="jon@a.com", loser="jsmyth@b.com")
    (payload,) = interrupts(state)
    assert payload["action"] == "merge_contacts"
    assert [r["name"] for r in payload["preview"]["records"]] == ["Jon Smyth", "Jonathan Smyth"]
    result = tool_result(await g.resume({"decision": "approve"}))
    assert result["merged"] is True
    jon = await call(contacts.get_contact, ctx, contact="jon@a.com")
    assert set(jon["emails"]) == {"jon@a.com", "jsmyth@b.com"} and jon["title"] == "CEO"
    assert "error" in await call(contacts.get_contact, ctx, contact=result["loser"]["id"])


def test_unclear_answers_count_as_rejection():
    args = {"contact": "x"}
    assert interpret({"decision": "maybe"}, args).decision == "reject"
    assert interpret(None, args).decision == "reject"
    assert interpret("approve", args).approved
    edited = interpret({"decision": "edit", "args": {"contact": "y", "sneaky": 1}}, args)
    assert edited.args == {"contact": "y"}  # an edit cannot add arguments the tool did not have
