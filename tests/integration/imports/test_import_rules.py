"""The import applies the services' rules: custom fields, owners, stages, upserts with history, permissions."""

from __future__ import annotations

import dataclasses

import pytest

from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.services import imports


async def _run(pool, actor, entity, text, *, dry_run=False, mapping=None):
    job = await imports.start_import(
        pool, actor, entity=entity, filename=f"{entity}.csv", data=text.encode(), mapping=mapping
    )
    return await imports.run_import(pool, actor, job.id, dry_run=dry_run)


async def _fetch(pool, actor, query):
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(query)
        return await cur.fetchall()


async def test_custom_fields_owner_and_lifecycle_rules(pool, actor, org):
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute(
            "INSERT INTO custom_field_defs (org_id, entity, key, label, type, options) VALUES "
            "(%(o)s, 'contact', 'budget', 'Budget', 'select', '{Low,Medium,High}'), "
            "(%(o)s, 'contact', 'seats', 'Seats', 'number', '{}')",
            {"o": actor.org_id},
        )
    text = (
        "Email,Name,Budget,Seats,Owner,Stage\n"
        "a@acme.example,Al Ames,medum,12,Olive Owner,lead\n"
        "b@acme.example,Bea Bo,Low,twelve,olive owner,Sales Qualified Lead\n"
        "c@acme.example,Cy Co,High,3,Nobody Here,Prospect-ish\n"
    )
    job = await _run(pool, actor, "contacts", text)
    assert job.stats["created"] == 1 and job.stats["invalid"] == 2
    errors = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert "number" in errors[(3, "Seats")]
    assert "no user 'Nobody Here'" in errors[(4, "Owner")]
    assert "is not one of" in errors[(4, "Stage")] and "Lead" in errors[(4, "Stage")]
    assert any("'medum' → 'Medium'" in w["message"] for w in job.warnings)
    rows = await _fetch(pool, actor, "SELECT first_name, owner_id, custom, lifecycle_stage FROM contacts")
    assert rows == [
        {
            "first_name": "Al",
            "owner_id": org.owner["id"],
            "custom": {"budget": "Medium", "seats": 12},
            "lifecycle_stage": "lead",
        }
    ]


async def test_update_keeps_existing_values_and_writes_history(pool, actor):
    await _run(pool, actor, "companies", "Name,Domain,Industry\nAcme,acme.example,Retail\n")
    job = await _run(pool, actor, "companies", "Website,Employees,Industry\nhttps://www.acme.example/,250,\n")
    assert job.stats["updated"] == 1 and job.stats["created"] == 0, (job.stats, job.warnings, job.errors)
    rows = await _fetch(pool, actor, "SELECT name, domain, industry, size FROM companies")
    assert rows == [{"name": "Acme", "domain": "acme.example", "industry": "Retail", "size": 250}]
    history = await _fetch(
        pool,
        actor,
        "SELECT action, source, before->>'size' AS before, after->>'size' AS after FROM record_history ORDER BY id",
    )
    assert [(h["action"], h["source"], h["before"], h["after"]) for h in history] == [
        ("import", "import", None, None),
        ("import", "import", None, "250"),
    ]


async def test_deals_link_contacts_by_email_and_stages_set_status(pool, actor):
    await _run(pool, actor, "contacts", "Email,First Name\nana@northwind.example,Ana\n")
    text = (
        "Deal ID,Deal Name,Account,Contact Email,Deal Stage,Value,Probability\n"
        "D-1,Renewal,Northwind,ANA@northwind.example,closed-lost,1000,\n"
        "D-2,Upsell,Northwind,ghost@northwind.example,,2000,0.4\n"
    )
    job = await _run(pool, actor, "deals", text)
    assert job.stats["created"] == 2, job.errors
    assert any("no contact with email ghost@northwind.example" in w["message"] for w in job.warnings)
    rows = await _fetch(
        pool,
        actor,
        "SELECT d.external_id, d.status, d.probability, d.closed_at IS NOT NULL AS closed, "
        "c.emails[1] AS contact, s.name AS stage FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id "
        "LEFT JOIN contacts c ON c.id = d.contact_id ORDER BY d.external_id",
    )
    assert rows[0] == {
        "external_id": "D-1",
        "status": "lost",
        "probability": 0,
        "closed": True,
        "contact": "ana@northwind.example",
        "stage": "Closed Lost",
    }
    assert rows[1] == {
        "external_id": "D-2",
        "status": "open",
        "probability": 40,
        "closed": False,
        "contact": None,
        "stage": "Qualification",
    }
    # Moving a deal by external id updates it in place.
    job = await _run(pool, actor, "deals", "Deal ID,Stage\nD-2,Closed Won\n")
    assert job.stats["updated"] == 1
    rows = await _fetch(
        pool, actor, "SELECT status, closed_at IS NOT NULL AS closed FROM deals WHERE external_id = 'D-2'"
    )
    assert rows == [{"status": "won", "closed": True}]


async def test_viewers_cannot_import(pool, actor):
    viewer = dataclasses.replace(actor, role="viewer")
    with pytest.raises(PermissionDeniedError):
        await imports.start_import(pool, viewer, entity="contacts", filename="a.csv", data=b"Email\na@b.example\n")


async def test_sql_looking_and_unicode_values_are_stored_as_text(pool, actor):
    text = 'Email,First Name,Last Name\nx@evil.example,"Robert\'); DROP TABLE contacts;--",Ñúñez 山田\n'
    job = await _run(pool, actor, "contacts", text)
    assert job.stats["created"] == 1
    rows = await _fetch(pool, actor, "SELECT first_name, last_name FROM contacts")
    assert rows == [{"first_name": "Robert'); DROP TABLE contacts;--", "last_name": "Ñúñez 山田"}]


async def test_running_job_is_not_run_twice_but_a_dead_run_is_recovered(pool, actor):
    from leadloom.crm.errors import ConflictError

    job = await imports.start_import(pool, actor, entity="contacts", filename="a.csv", data=b"Email\na@b.example\n")
    await imports.prepare_run(pool, actor, job.id, dry_run=False)
    with pytest.raises(ConflictError):
        await imports.run_import(pool, actor, job.id)
    # The process that claimed it died: no run holds the job's lock, and it started long ago.
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute("UPDATE import_jobs SET started_at = now() - interval '5 minutes'")
    done = await imports.run_import(pool, actor, job.id)
    assert done.status == "done" and done.stats["created"] == 1


async def test_bulk_update_of_many_records_in_one_go(pool, actor):
    header = "Contact ID,Email,First Name,Job Title\n"
    rows = "".join(f"C-{i},p{i}@bulk.example,P{i},Analyst\n" for i in range(3000))
    job = await _run(pool, actor, "contacts", header + rows)
    assert job.stats["created"] == 3000
    changed = "".join(f"C-{i},p{i}@bulk.example,P{i},{'Director' if i % 2 else 'Analyst'}\n" for i in range(3000))
    job = await _run(pool, actor, "contacts", header + changed)
    assert job.stats["updated"] == 1500 and job.stats["unchanged"] == 1500
    rows = await _fetch(pool, actor, "SELECT title, count(*) AS n FROM contacts GROUP BY title ORDER BY title")
    assert rows == [{"title": "Analyst", "n": 1500}, {"title": "Director", "n": 1500}]
    history = await _fetch(pool, actor, "SELECT count(*) AS n FROM record_history WHERE before IS NOT NULL")
    assert history == [{"n": 1500}]
