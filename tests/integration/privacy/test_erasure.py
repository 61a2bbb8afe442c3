"""Privacy requests on the real database: one person with data in every place Leadloom keeps data, exported,
then erased, then every text/jsonb/bytea/array column of every table scanned (as the admin role, past
row-level security) for their name, emails and phone: nothing may be left."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import psycopg
import pytest
from psycopg import sql

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.models.activities import ActivityCreate
from leadloom.crm.models.contacts import ContactCreate, ContactUpdate
from leadloom.crm.services import activities as activities_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.crm.services import dedup as dedup_svc
from leadloom.crm.services import imports as imports_svc
from leadloom.crm.services import privacy
from leadloom.graphs.runner import AgentRunner
from leadloom.memory.indexer import index_pending
from leadloom.memory.store import memory_namespace
from tests.conftest import new_org
from tests.unit.agents.fakes import ScriptedChatModel, call

NAME = "Zebulon Quartermaine"
EMAIL = "zebulon.q@quarterworks.example"
OLD_EMAIL = "zeb@oldmail.example"
PHONE = "+14155550134"
# What the scan looks for: both names the person was known by, every email, the phone in the forms people
# write it, and the surname alone (stricter than the name: it also catches "Mr Quartermaine").
NEEDLES = [NAME, "Zeb Quartermaine", "Quartermaine", EMAIL, OLD_EMAIL, "4155550134", "415-555-0134", "(415) 555-0134"]

CSV = (
    "first_name,last_name,email,phone,company,notes\r\n"
    f"Zebulon,Quartermaine,{EMAIL},(415) 555-0134,Quarterworks,met at expo\r\n"
    "Grace,Hopper,grace@navy.example,+1 202 555 0199,Navy,keynote speaker\r\n"
).encode()


async def _scan(admin_url: str, needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every hit in any text-like column of any table in the public schema."""
    hits: list[tuple[str, str, str]] = []
    patterns = [f"%{n}%" for n in needles]
    async with await psycopg.AsyncConnection.connect(admin_url, autocommit=True) as conn:
        cols = await (
            await conn.execute(
                "SELECT c.table_name, c.column_name, c.data_type, c.udt_name FROM information_schema.columns c "
                "JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema "
                "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, 2"
            )
        ).fetchall()
        assert len({c[0] for c in cols}) > 30, "the scan must cover the whole schema"
        for table, column, data_type, udt in cols:
            if udt in ("vector", "uuid", "int4", "int8", "int2", "bool", "timestamptz", "date", "numeric", "float8"):
                continue
            expr = (
                sql.SQL("encode({}, 'escape')").format(sql.Identifier(column))
                if data_type == "bytea"
                else sql.SQL("{}::text").format(sql.Identifier(column))
            )
            for needle, pattern in zip(needles, patterns, strict=True):
                q = sql.SQL("SELECT count(*) FROM {} WHERE {} ILIKE %s").format(sql.Identifier(table), expr)
                (n,) = await (await conn.execute(q, (pattern,))).fetchone()  # type: ignore[misc]
                if n:
                    hits.append((table, column, needle))
    return hits


async def _seed(pool, runner: AgentRunner, actor: Actor) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The person in every place: contact, duplicate merged in, activities, task, deal, scores, corrections,
    an import, another contact's note about them, embeddings, an agent conversation, a memory."""
    zeb = await contacts_svc.create_contact(
        pool, actor, ContactCreate(name=NAME, email=EMAIL, phone=PHONE, title="Head of Growth", tags=["expo"])
    )
    dup = await contacts_svc.create_contact(pool, actor, ContactCreate(name="Zeb Quartermaine", email=OLD_EMAIL))
    await dedup_svc.merge_contacts(pool, actor, zeb.id, dup.id)
    await contacts_svc.update_contact(pool, actor, zeb.id, ContactUpdate(title="VP Growth", email_consent=True))
    other = await contacts_svc.create_contact(pool, actor, ContactCreate(name="Ada Other", email="ada@other.example"))
    await activities_svc.log_activity(
        pool,
        actor,
        ActivityCreate(type="note", subject="Expo", body=f"{NAME} wants a demo; call {PHONE}", contact_id=zeb.id),
    )
    await activities_svc.log_activity(
        pool,
        actor,
        ActivityCreate(
            type="email", direction="inbound", subject="Re: pricing", body=f"From {EMAIL}: send it", contact_id=zeb.id
        ),
    )
    await activities_svc.log_activity(
        pool, actor, ActivityCreate(type="note", body=f"Referred by {NAME} ({EMAIL}).", contact_id=other.id)
    )
    async with org_tx(pool, actor) as conn:
        pipeline = await (await conn.execute("SELECT id FROM pipelines LIMIT 1")).fetchone()
        stage = await (
            await conn.execute("SELECT id FROM pipeline_stages WHERE pipeline_id = %s LIMIT 1", (pipeline["id"],))
        ).fetchone()
        await conn.execute(
            "INSERT INTO deals (org_id, name, contact_id, pipeline_id, stage_id, amount)"
            " VALUES (%s, %s, %s, %s, %s, 5000)",
            (actor.org_id, f"{NAME} retainer", zeb.id, pipeline["id"], stage["id"]),
        )
        await conn.execute(
            "INSERT INTO score_history (org_id, contact_id, score, probability, kind, explanation) "
            "VALUES (%s, %s, 71, 0.71, 'cold_start', '{\"top\": \"title\"}')",
            (actor.org_id, zeb.id),
        )
        await conn.execute(
            "INSERT INTO score_corrections (org_id, contact_id, user_id, corrected_label, reason) "
            "VALUES (%s, %s, %s, true, %s)",
            (actor.org_id, zeb.id, actor.user_id, f"{NAME} signed the LOI"),
        )
    job = await imports_svc.start_import(pool, actor, entity="contacts", filename="expo.csv", data=CSV, dry_run=False)
    await imports_svc.run_import(pool, actor, job.id, dry_run=False)
    stats = await index_pending(pool, actor.org_id)
    assert stats.embedded >= 3

    # An agent conversation about them, through the real runner, real tools and graph, scripted model.
    runner.model.script = [  # type: ignore[union-attr]
        call("transfer_to_contacts", task=f"show {NAME}"),
        call("get_contact", contact=NAME),
        call("get_timeline", contact=EMAIL),
        f"{NAME} is VP Growth; reach them at {EMAIL}.",
        f"{NAME} ({EMAIL}) is VP Growth.",
    ]
    runner.model.position = 0  # type: ignore[union-attr]
    about = await runner.create_thread(actor)
    result = await runner.run(actor, about, f"Who is {NAME}?")
    assert result.status == "completed", result
    runner.model.script = ["I can only help with the CRM.", "I can only help with the CRM."]  # type: ignore[union-attr]
    runner.model.position = 0  # type: ignore[union-attr]
    unrelated = await runner.create_thread(actor)
    assert (await runner.run(actor, unrelated, "what's the weather?")).status == "completed"
    await runner.store.aput(memory_namespace(actor), "pref-1", {"text": f"{NAME} prefers calls after 3pm"})
    await runner.store.aput(memory_namespace(actor), "pref-2", {"text": "Weekly report on Mondays"})
    return {"zeb": zeb, "other": other, "about": about, "unrelated": unrelated, "job": job.id}


@pytest.fixture(scope="module")
async def runner(pool, db, settings):  # type: ignore[no-untyped-def]
    r = AgentRunner(pool, settings, model=ScriptedChatModel(), admin_url=db.admin)
    await r.start()
    yield r
    await r.aclose()


async def test_export_then_erase_leaves_nothing(pool, db, runner: AgentRunner, actor: Actor) -> None:
    seeded = await _seed(pool, runner, actor)
    before = {t for t, _, _ in await _scan(db.admin, NEEDLES)}
    # The seed reached every place the brief lists, so a clean scan afterwards means something.
    assert before >= {
        "contacts",
        "activities",
        "deals",
        "merges",
        "record_history",
        "audit_log",
        "score_corrections",
        "knowledge_chunks",
        "import_jobs",
        "agent_threads",
        "agent_runs",
        "checkpoint_blobs",
        "store",
    }, " ".join(sorted(before))
    # (checkpoint_writes is empty once a turn completes with durability="exit"; the scan still covers it.)

    exported = await privacy.export_person(pool, actor, EMAIL)
    assert {str(seeded["zeb"].id)} <= set(exported["subject"]["contact_ids"]) and len(
        exported["subject"]["contact_ids"]
    ) == 2
    assert len(exported["activities"]) >= 3 and len(exported["deals"]) == 1
    assert exported["score_history"] and exported["score_corrections"] and exported["merges"]
    assert exported["record_history"] and exported["audit"] and exported["knowledge"]
    assert [r[2] for r in exported["imports"][0]["rows"]] == [EMAIL]
    assert [t["thread_id"] for t in exported["agent_threads"]] == [seeded["about"]]
    assert exported["agent_threads"][0]["mentioned_in_checkpoints"] is True
    assert len(exported["memories"]) == 1
    json.dumps(exported)  # plain JSON all the way down
    with zipfile.ZipFile(io.BytesIO(privacy.export_csv_zip(exported))) as zf:
        assert {"contacts.csv", "activities.csv", "imports.csv", "agent_threads.csv"} <= set(zf.namelist())
        assert EMAIL in zf.read("contacts.csv").decode()

    report = await privacy.erase_person(pool, actor, NAME, reason=f"{NAME} asked to be forgotten (ticket 42)")
    c = report.counts
    assert c["contacts"] == 2 and c["activities"] == 2 and c["agent_threads"] == 1 and c["memories"] == 1
    assert c["import_rows"] == 1 and c["knowledge_chunks"] >= 3 and c["checkpoint_rows"] > 0
    assert c["record_history"] > 0 and c["audit_redacted"] > 0 and c["mentions_in_other_activities"] == 1

    hits = await _scan(db.admin, NEEDLES)
    assert hits == [], f"erased data left in: {hits}"

    # What must survive: the other people, the unrelated conversation, the other CSV row, the deal (unlinked).
    async with org_tx(pool, actor) as conn:
        names = [
            r["first_name"] for r in await (await conn.execute("SELECT first_name FROM contacts ORDER BY 1")).fetchall()
        ]
        job = await (
            await conn.execute("SELECT file, row_count FROM import_jobs WHERE id = %s", (seeded["job"],))
        ).fetchone()
        deal = await (await conn.execute("SELECT name, contact_id, amount FROM deals")).fetchone()
        note = await (
            await conn.execute("SELECT body FROM activities WHERE contact_id = %s", (seeded["other"].id,))
        ).fetchone()
        erase_audit = await (
            await conn.execute("SELECT entity_id, after, actor_user_id FROM audit_log WHERE action = 'erase'")
        ).fetchone()
        request = await (
            await conn.execute("SELECT kind, subject_hash, reason FROM privacy_requests WHERE kind = 'erase'")
        ).fetchone()
    assert "Ada" in names and "Grace" in names and "Zebulon" not in names
    assert job["row_count"] == 1 and b"grace@navy.example" in bytes(job["file"])
    assert deal["contact_id"] is None and deal["name"] == "[erased] retainer" and deal["amount"] == 5000
    assert note["body"] == "Referred by [erased] ([erased])."
    assert erase_audit["entity_id"] == f"sha256:{report.subject_hash}" and erase_audit["actor_user_id"] == actor.user_id
    assert erase_audit["after"]["reason"] == "[erased] asked to be forgotten (ticket 42)"
    assert request["subject_hash"] == report.subject_hash
    assert [t["thread_id"] for t in await runner.list_threads(actor)] == [seeded["unrelated"]]
    assert len(await runner.get_thread_messages(actor, seeded["unrelated"])) >= 2
    remaining = await runner.store.asearch(memory_namespace(actor))
    assert [i.key for i in remaining] == ["pref-2"]


async def test_only_owners_and_admins_erase_and_purge_is_sealed(pool, actor: Actor) -> None:
    person = await contacts_svc.create_contact(pool, actor, ContactCreate(name="Pat Private", email="pat@p.example"))
    for role in ("manager", "rep", "viewer"):
        with pytest.raises(PermissionDeniedError):
            await privacy.erase_person(
                pool, Actor(org_id=actor.org_id, user_id=actor.user_id, role=role), "pat@p.example", reason="x"
            )  # type: ignore[arg-type]
    with pytest.raises(PermissionDeniedError):
        await privacy.export_person(
            pool, Actor(org_id=actor.org_id, user_id=actor.user_id, role="rep"), "pat@p.example"
        )
    # The SECURITY DEFINER purge refuses to run outside the transaction that recorded an erasure request.
    async with org_tx(pool, actor) as conn:
        req = await (
            await conn.execute(
                "INSERT INTO privacy_requests (org_id, kind, subject_hash) VALUES (%s, 'erase', 'x') RETURNING id",
                (actor.org_id,),
            )
        ).fetchone()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with org_tx(pool, actor) as conn:
            await conn.execute("SELECT privacy_purge(%s, ARRAY[%s], 'Pat Private')", (req["id"], str(person.id)))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        async with org_tx(pool, actor) as conn:
            await conn.execute("DELETE FROM record_history WHERE entity_id = %s", (person.id,))


async def test_erasure_stays_inside_the_organization(pool, actor: Actor) -> None:
    other = await new_org(pool, "Other Agency")
    them = Actor(org_id=other.org["id"], user_id=other.owner["id"], role="owner")
    same = "Sam Shared"
    await contacts_svc.create_contact(pool, actor, ContactCreate(name=same, email="sam@shared.example"))
    await contacts_svc.create_contact(pool, them, ContactCreate(name=same, email="sam@shared.example"))
    report = await privacy.erase_person(pool, actor, "sam@shared.example", reason="request")
    assert report.counts["contacts"] == 1
    async with org_tx(pool, them) as conn:
        left = await (await conn.execute("SELECT count(*) AS n FROM contacts WHERE first_name = 'Sam'")).fetchone()
    assert left["n"] == 1
