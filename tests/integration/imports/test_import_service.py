"""The import service end to end on the real database: a messy CRM export, dry run, real run, re-import."""

from __future__ import annotations

import pytest

from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import ValidationError
from leadloom.crm.services import imports

# A hand-made export in the shape CRMs produce: mixed date formats, currency strings, misspelled stages,
# one account spelled two ways ("Northwind Traders" / "NorthWind Traders Inc."), a deal with no account.
COMPANIES_CSV = """Account Name,Website,Industry,Employees
Northwind Traders,https://www.northwind.example,Retail,120
Globex Corporation,globex.example,Manufacturing,"1,200"
Initech,http://initech.example/about,Software,51-200
"""

DEALS_CSV = """Opportunity,Account Name,Stage,Amount,Close Date,Contact Email
Website redesign,NorthWind Traders Inc.,closd won,"$12,500.00",03/15/2025,ana@northwind.example
SEO retainer,Globex Corp,Proposal,"€4.000,00",2025-04-30,
Brand refresh,,negotiaton,"8,000 USD",15.05.2025,
Ad campaign Q3,Umbrella Health,qualification,2500,"Jun 1, 2025",
Ad campaign Q3,Umbrella Health,qualification,2500,"Jun 1, 2025",
Broken deal,Initech,Closed Won,lots,2025-13-45,
"""

CONTACTS_CSV = """First Name,Last Name,E-mail Address,Phone,Company Name,Lead Status,Created
Ana,Souza,ANA@northwind.example,(415) 555-0101,Northwind Traders,Lead,2024-01-03
Bo,Chen,bo.chen@globex.example,+44 20 7946 0958,Globex Corporation,mkting qualified lead,01/02/2024
Cy,Dorn,not-an-email,555-0102,Initech,customer,3 Feb 2024
Di,Eck,di@umbrella.example,,Umbrella Health,Custmer,
Ana,Souza,ana@northwind.example,(415) 555-0101,Northwind Traders,Lead,2024-01-03
"""


async def _count(pool, actor, table: str) -> int:
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(f"SELECT count(*) AS n FROM {table}")
        return (await cur.fetchone())["n"]


async def _run(pool, actor, entity, text, *, dry_run, encoding="utf-8", mapping=None):
    job = await imports.start_import(
        pool, actor, entity=entity, filename=f"{entity}.csv", data=text.encode(encoding), mapping=mapping
    )
    return await imports.run_import(pool, actor, job.id, dry_run=dry_run)


async def test_dry_run_names_the_problems_and_writes_nothing(pool, actor):
    await _run(pool, actor, "companies", COMPANIES_CSV, dry_run=False)
    before = await _count(pool, actor, "deals"), await _count(pool, actor, "companies")
    job = await _run(pool, actor, "deals", DEALS_CSV, dry_run=True)
    assert job.status == "dry_run_done"
    assert (await _count(pool, actor, "deals"), await _count(pool, actor, "companies")) == before
    s = job.stats
    assert s["rows"] == 6 and s["create"] == 4 and s["duplicate"] == 1 and s["invalid"] == 1
    assert s["companies_to_create_names"] == ["Umbrella Health"]
    messages = [w["message"] for w in job.warnings]
    assert any("'closd won' → 'Closed Won'" in m for m in messages)
    assert any("'negotiaton' → 'Negotiation'" in m for m in messages)
    assert any("NorthWind Traders Inc." in m and "Northwind Traders" in m for m in messages)
    assert any("not linked to a company" in m and w["row"] == 4 for w, m in zip(job.warnings, messages, strict=True))
    bad = {(e["row"], e["column"]) for e in job.errors}
    assert (7, "Amount") in bad and (7, "Close Date") in bad
    assert any(w["message"].startswith("duplicate of row 5") for w in job.warnings if w["row"] == 6)


async def test_real_run_links_deals_to_companies_and_reimport_is_idempotent(pool, actor):
    await _run(pool, actor, "companies", COMPANIES_CSV, dry_run=False)
    job = await _run(pool, actor, "deals", DEALS_CSV, dry_run=False)
    assert job.status == "done", job.error
    assert job.stats["created"] == 4 and job.stats["companies_created"] == 1
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT d.name, c.name AS company, d.amount, d.currency, d.status, d.expected_close::text AS close "
            "FROM deals d LEFT JOIN companies c ON c.id = d.company_id ORDER BY d.name"
        )
        deals = {r["name"]: r for r in await cur.fetchall()}
        cur = await conn.execute(
            "SELECT count(*) AS n FROM record_history WHERE action = 'import' AND source = 'import'"
        )
        history = (await cur.fetchone())["n"]
    assert deals["Website redesign"]["company"] == "Northwind Traders"
    assert deals["Website redesign"]["status"] == "won"
    assert deals["Website redesign"]["close"] == "2025-03-15"
    assert str(deals["Website redesign"]["amount"]) == "12500.00" and deals["Website redesign"]["currency"] == "USD"
    assert deals["SEO retainer"]["company"] == "Globex Corporation" and deals["SEO retainer"]["currency"] == "EUR"
    assert str(deals["SEO retainer"]["amount"]) == "4000.00"
    assert deals["Brand refresh"]["company"] is None and deals["Brand refresh"]["close"] == "2025-05-15"
    assert deals["Ad campaign Q3"]["company"] == "Umbrella Health"
    assert history == 3 + 4 + 1  # companies file, deals, the created company

    again = await _run(pool, actor, "deals", DEALS_CSV, dry_run=False)
    assert again.stats["created"] == 0 and again.stats["updated"] == 0 and again.stats["companies_created"] == 0
    assert again.stats["unchanged"] == 4
    assert await _count(pool, actor, "deals") == 4


async def test_contacts_import_normalises_and_creates_missing_companies(pool, actor):
    job = await _run(pool, actor, "contacts", CONTACTS_CSV, dry_run=False)
    assert job.status == "done", job.error
    assert job.stats["created"] == 3 and job.stats["duplicate"] == 1 and job.stats["invalid"] == 1
    assert job.errors[0]["row"] == 4 and job.errors[0]["column"] == "E-mail Address"
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT c.first_name, c.emails, c.phones, c.lifecycle_stage, co.name AS company "
            "FROM contacts c LEFT JOIN companies co ON co.id = c.company_id ORDER BY c.first_name"
        )
        rows = {r["first_name"]: r for r in await cur.fetchall()}
    assert rows["Ana"]["emails"] == ["ana@northwind.example"] and rows["Ana"]["phones"] == ["+14155550101"]
    assert rows["Bo"]["lifecycle_stage"] == "mql" and rows["Bo"]["phones"] == ["+442079460958"]
    assert rows["Di"]["lifecycle_stage"] == "customer" and rows["Di"]["company"] == "Umbrella Health"
    again = await _run(pool, actor, "contacts", CONTACTS_CSV, dry_run=False)
    assert again.stats["created"] == 0 and again.stats["companies_created"] == 0 and again.stats["unchanged"] == 3


async def test_cp1252_semicolon_file_with_accents(pool, actor):
    text = (
        "Nom;Prénom;Courriel;Société;Téléphone\r\n"
        "Müller;José;jose@societe.example;Société Générale;+33 1 42 68 53 00\r\n"
    )
    job = await _run(pool, actor, "contacts", text, dry_run=False, encoding="cp1252")
    assert job.encoding == "cp1252" and job.delimiter == ";"
    assert job.stats["created"] == 1, job.errors
    async with org_tx(pool, actor.org_id) as conn:
        cur = await conn.execute(
            "SELECT c.first_name, c.last_name, co.name FROM contacts c JOIN companies co ON co.id = c.company_id"
        )
        row = await cur.fetchone()
    assert (row["first_name"], row["last_name"], row["name"]) == ("José", "Müller", "Société Générale")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 8, "not a CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 200, "not a CSV"),
        (b"ana@example.com,Ana,555-0101\nbo@example.com,Bo,555-0102\n", "no header"),
        (b"Email,Name\n", "no data rows"),
    ],
)
async def test_malformed_files_are_clear_errors_and_store_nothing(pool, actor, data, message):
    with pytest.raises(ValidationError, match=message):
        await imports.start_import(pool, actor, entity="contacts", filename="x.csv", data=data)
    assert await _count(pool, actor, "import_jobs") == 0


async def test_ragged_rows_are_reported_and_skipped(pool, actor):
    text = "Email,First Name\na@example.com,Al,EXTRA,MORE\nb@example.com\nc@example.com,Cy\n"
    job = await _run(pool, actor, "contacts", text, dry_run=False)
    assert job.stats["created"] == 2 and job.stats["invalid"] == 1
    assert job.errors[0]["row"] == 2 and "header has 2 columns" in job.errors[0]["message"]
    assert any(w["row"] == 3 and "missing ones are empty" in w["message"] for w in job.warnings)


async def test_failure_half_way_leaves_nothing_written(pool, actor, monkeypatch):
    from leadloom.crm.repositories import imports as repo

    real = repo.write_batch

    async def explode(conn, **kw):
        await real(conn, **kw)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(repo, "write_batch", explode)
    job = await imports.start_import(pool, actor, entity="contacts", filename="c.csv", data=CONTACTS_CSV.encode())
    with pytest.raises(RuntimeError):
        await imports.run_import(pool, actor, job.id)
    failed = await imports.get_import(pool, actor, job.id)
    assert failed.status == "failed" and "disk on fire" in failed.error
    assert await _count(pool, actor, "contacts") == 0
    assert await _count(pool, actor, "companies") == 0
    assert await _count(pool, actor, "record_history") == 0
    monkeypatch.setattr(repo, "write_batch", real)
    done = await imports.run_import(pool, actor, job.id)  # the stored file runs again
    assert done.status == "done" and done.stats["created"] == 3
