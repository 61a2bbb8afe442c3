"""Outcome of the local model on the demo organization: the database state after full runs.

Requests are built from the demo organization's own records (contacts with a unique name, its companies
and users) with phrasings written for this check; each runs in a new thread through the real runner,
supervisor, specialists and tools, approvals are granted, and the resulting rows are compared with the
expected state. The share of requests whose state is right is written to
``.leadloom-test/local_model_outcome.json`` (EVALS.md picks it up) and must stay above a floor.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.crm.db.pool import org_tx
from leadloom.crm.demo import load_demo
from leadloom.graphs.runner import AgentRunner
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
RESULT = ROOT / ".leadloom-test" / "local_model_outcome.json"


@pytest.fixture(scope="module")
async def demo_runner(pool, db, settings) -> AsyncIterator[tuple[AgentRunner, Any]]:  # type: ignore[no-untyped-def]
    summary = await load_demo(pool, seed=7)
    model = LocalChatModel(cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model")
    runner = await AgentRunner(pool, settings, model=model, admin_url=db.admin).start()
    yield runner, summary
    await runner.aclose()


async def _rows(pool, org_id, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(sql, params or {})
        return await cur.fetchall()


def _next_week(today: date, weekday: int) -> date:
    """That weekday of next week ("next Friday")."""
    return today - timedelta(days=today.weekday()) + timedelta(days=7 + weekday)


async def test_outcome_on_the_demo_org(demo_runner, pool) -> None:  # type: ignore[no-untyped-def]
    runner, summary = demo_runner
    from leadloom.crm.context import Actor

    org_id = summary.org_id
    owner = (await _rows(pool, org_id, "SELECT id FROM users WHERE email = %(e)s", {"e": summary.owner_email}))[0]
    actor = Actor(org_id=org_id, user_id=owner["id"], role="owner")
    users = await _rows(pool, org_id, "SELECT id, name FROM users WHERE role <> 'viewer' ORDER BY name")
    people = await _rows(
        pool,
        org_id,
        "SELECT c.id, c.first_name, c.last_name, c.lifecycle_stage FROM contacts c WHERE c.deleted_at IS NULL "
        "AND c.first_name <> '' AND c.last_name <> '' AND (SELECT count(*) FROM contacts d WHERE d.deleted_at IS NULL "
        "AND (lower(d.first_name) = lower(c.first_name) AND lower(d.last_name) = lower(c.last_name))) = 1 "
        "ORDER BY c.id LIMIT 400",
    )
    companies = await _rows(
        pool,
        org_id,
        "SELECT co.id, co.name, count(c.id) AS n FROM companies co JOIN contacts c ON c.company_id = co.id "
        "AND c.deleted_at IS NULL WHERE co.deleted_at IS NULL GROUP BY co.id, co.name "
        "HAVING count(c.id) BETWEEN 2 AND 6 "
        "ORDER BY co.name LIMIT 40",
    )
    rng = random.Random(11)
    rng.shuffle(people)
    pick = iter(people)
    today = date.today()

    def name(p: dict[str, Any]) -> str:
        return f"{p['first_name']} {p['last_name']}"

    async def contact(cid: Any) -> dict[str, Any]:
        return (await _rows(pool, org_id, "SELECT * FROM contacts WHERE id = %(id)s", {"id": cid}))[0]

    cases: list[tuple[str, Callable[[], Awaitable[bool]]]] = []

    for template, stage in [
        ("move {n} to customer", "customer"), ("{n} is now an opportunity", "opportunity"),
        ("please mark {n} as churned", "churned"), ("set {n}'s stage to sql", "sql"),
        ("{n} signed with us today, make them a customer", "customer"), ("change {n} to disqualified", "disqualified"),
        ("{n} → mql", "mql"), ("update {n}: stage evangelist", "evangelist"),
    ]:  # fmt: skip
        p = next(pick)

        async def check(p: dict[str, Any] = p, stage: str = stage) -> bool:
            return (await contact(p["id"]))["lifecycle_stage"] == stage

        cases.append((template.format(n=name(p)), check))

    for i, template in enumerate(
        ["assign {n} to {u}", "give {n} to {u}", "{u} should own {n} from now on", "make {u} the owner of {n}"]
    ):
        p, u = next(pick), users[i % len(users)]

        async def check(p: dict[str, Any] = p, u: dict[str, Any] = u) -> bool:
            return (await contact(p["id"]))["owner_id"] == u["id"]

        cases.append((template.format(n=name(p), u=u["name"].split()[0]), check))

    for template, due in [
        ("follow up with {n} tomorrow", today + timedelta(days=1)),
        ("set the next follow-up for {n} to next Friday", _next_week(today, 4)),
        ("{n}: follow up in two weeks", today + timedelta(days=14)),
    ]:
        p = next(pick)

        async def check(p: dict[str, Any] = p, due: date = due) -> bool:
            return (await contact(p["id"]))["next_follow_up"] == due

        cases.append((template.format(n=name(p)), check))

    for template in ["change {n}'s phone to 415-555-0142", "new phone number for {n}: (415) 555-0142"]:
        p = next(pick)

        async def check(p: dict[str, Any] = p) -> bool:
            return "+14155550142" in (await contact(p["id"]))["phones"]

        cases.append((template.format(n=name(p)), check))

    for template in ["tag {n} as vip", "add the tag vip to {n}"]:
        p = next(pick)

        async def check(p: dict[str, Any] = p) -> bool:
            return "vip" in (await contact(p["id"]))["tags"]

        cases.append((template.format(n=name(p)), check))

    for template in ["delete {n}", "please remove {n} from the CRM"]:
        p = next(pick)

        async def check(p: dict[str, Any] = p) -> bool:
            return (await contact(p["id"]))["deleted_at"] is not None

        cases.append((template.format(n=name(p)), check))

    new_people = [("Quincy", "Adebayo"), ("Rosa", "Lindqvist"), ("Tobias", "Wren"), ("Yara", "Castellano")]
    for (first, last), co, u in zip(new_people, companies[:4], users, strict=False):
        text = (
            f"add a new customer {first} {last} from {co['name']}, phone 303-555-01{len(cases):02d}, "
            f"owner {u['name'].split()[0]}, interested in SEO, follow up tomorrow"
        )

        async def check(first: str = first, last: str = last, co: dict[str, Any] = co, u: dict[str, Any] = u) -> bool:
            rows = await _rows(
                pool,
                org_id,
                "SELECT * FROM contacts WHERE first_name = %(f)s AND last_name = %(l)s AND deleted_at IS NULL",
                {"f": first, "l": last},
            )
            if len(rows) != 1:
                return False
            r = rows[0]
            return (
                r["lifecycle_stage"] == "customer"
                and r["company_id"] == co["id"]
                and r["owner_id"] == u["id"]
                and r["next_follow_up"] == today + timedelta(days=1)
                and bool(r["phones"])
            )

        cases.append((text, check))

    for co, (template, stage) in zip(companies[4:8], [
        ("move everyone at {c} to opportunity", "opportunity"), ("all contacts at {c} should be customers", "customer"),
        ("set every contact at {c} to sql", "sql"), ("mark all the {c} contacts as churned", "churned"),
    ], strict=False):  # fmt: skip

        async def check(co: dict[str, Any] = co, stage: str = stage) -> bool:
            rows = await _rows(
                pool,
                org_id,
                "SELECT lifecycle_stage FROM contacts WHERE company_id = %(c)s AND deleted_at IS NULL",
                {"c": co["id"]},
            )
            return bool(rows) and all(r["lifecycle_stage"] == stage for r in rows)

        cases.append((template.format(c=co["name"]), check))

    for co in companies[8:10]:

        async def check(co: dict[str, Any] = co) -> bool:
            rows = await _rows(
                pool, org_id, "SELECT id FROM contacts WHERE company_id = %(c)s AND deleted_at IS NULL", {"c": co["id"]}
            )
            return not rows

        cases.append((f"delete all contacts at {co['name']}", check))

    ok = 0
    misses = []
    for text, check in cases:
        thread = await runner.create_thread(actor)
        r = await runner.run(actor, thread, text)
        for _ in range(3):
            if r.status != "interrupted":
                break
            r = await runner.resume(actor, thread, r.run_id, "approve")
        good = r.status == "completed" and await check()
        ok += good
        if not good:
            misses.append({"text": text, "status": r.status, "output": r.output[:200]})
    share = ok / len(cases)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(
        json.dumps(
            {"date": today.isoformat(), "requests": len(cases), "correct": ok, "share": share, "misses": misses},
            indent=1,
        )
    )
    print(f"outcome {ok}/{len(cases)} = {share:.1%}; misses: {misses}")
    assert share >= 0.7, misses
