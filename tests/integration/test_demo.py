"""The demo organization on the real database: sizes, an 18-month timeline, determinism, a learnable
won/lost history, users who can sign in, and the ``leadloom demo`` command itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import pytest
from psycopg.rows import dict_row

from leadloom.crm.db.pool import org_tx
from leadloom.crm.demo import DEMO_OWNER_EMAIL, DEMO_PASSWORD, generate, load_demo, reset_demo, vocab
from leadloom.crm.passwords import hash_password, needs_rehash, verify_password
from leadloom.crm.repositories.orgs import auth_user_by_email
from tests.conftest import ROOT, _drop, clone_database

AS_OF = date(2026, 11, 26)
SEED = 42
SENIORITY = {t: level for level, spec in vocab.TITLES.items() for t in spec["titles"]}


@pytest.fixture(scope="module")
async def demo(pool) -> Any:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    summary = await load_demo(pool, seed=SEED, as_of=AS_OF)
    summary_seconds = time.perf_counter() - started
    return summary, summary_seconds


async def _rows(pool, org_id, sql: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(sql)
        return await cur.fetchall()


async def test_sizes_are_as_promised_and_loading_is_fast(pool, demo) -> None:  # type: ignore[no-untyped-def]
    summary, seconds = demo
    counts = {
        t: (await _rows(pool, summary.org_id, f"SELECT count(*) AS n FROM {t}"))[0]["n"]
        for t in ("users", "companies", "contacts", "deals", "activities")
    }
    assert counts["users"] == 6
    assert 250 <= counts["companies"] <= 350
    assert 1_800 <= counts["contacts"] <= 2_200
    assert 450 <= counts["deals"] <= 550
    assert 9_000 <= counts["activities"] <= 11_000
    assert seconds < 60, f"loading took {seconds:.1f} s"
    roles = Counter(r["role"] for r in await _rows(pool, summary.org_id, "SELECT role FROM users"))
    assert roles["owner"] == 1 and roles["admin"] == 1 and roles["manager"] == 1 and roles["viewer"] == 1
    assert 2 <= roles["rep"] <= 3


async def test_timeline_spans_18_months_and_belongs_to_the_org(pool, demo, db) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo
    span = (await _rows(pool, summary.org_id, "SELECT min(occurred_at) AS lo, max(occurred_at) AS hi FROM activities"))[
        0
    ]
    end = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 23, 59, tzinfo=UTC)
    assert span["hi"] <= end
    assert end - span["hi"] < timedelta(days=3)  # the history runs up to the demo's "today"
    assert timedelta(days=520) <= span["hi"] - span["lo"] <= timedelta(days=550)
    # As the database owner (no row-level security): every activity is the org's and points at the org's records.
    with psycopg.connect(db.admin) as conn:
        total, mine, stray = conn.execute(
            """SELECT count(*), count(*) FILTER (WHERE a.org_id = %(org)s),
                      count(*) FILTER (WHERE c.org_id <> a.org_id OR co.org_id <> a.org_id OR d.org_id <> a.org_id
                                          OR u.org_id <> a.org_id)
               FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id
               LEFT JOIN companies co ON co.id = a.company_id LEFT JOIN deals d ON d.id = a.deal_id
               LEFT JOIN users u ON u.id = a.owner_id
               WHERE a.org_id = %(org)s OR c.org_id = %(org)s""",
            {"org": summary.org_id},
        ).fetchone()
    assert total == mine == 10_000 and stray == 0
    # Months are all populated, not just the two ends.
    months = await _rows(
        pool, summary.org_id, "SELECT count(DISTINCT date_trunc('month', occurred_at)) AS n FROM activities"
    )
    assert months[0]["n"] >= 18


async def test_the_data_looks_like_a_real_crm(pool, demo) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo
    org = summary.org_id
    contacts = await _rows(pool, org, "SELECT * FROM contacts")
    assert all(c["emails"] and c["emails"][0] == c["emails"][0].lower() for c in contacts)
    assert all(p.startswith("+") and p[1:].isdigit() for c in contacts for p in c["phones"])
    assert any(not (c["first_name"] + c["last_name"]).isascii() for c in contacts)  # unicode names
    assert len({c["lead_source"] for c in contacts}) >= 7
    assert len({c["lifecycle_stage"] for c in contacts}) >= 7
    overdue = [c for c in contacts if c["next_follow_up"] and c["next_follow_up"] < AS_OF]
    upcoming = [c for c in contacts if c["next_follow_up"] and c["next_follow_up"] >= AS_OF]
    assert overdue and upcoming
    tasks = Counter(
        (r["status"], r["due_at"] < datetime(2026, 11, 26, tzinfo=UTC))
        for r in await _rows(pool, org, "SELECT status, due_at FROM activities WHERE type = 'task'")
    )
    assert tasks[("open", True)] > 0 and tasks[("open", False)] > 0 and tasks[("done", True)] > 0
    kinds = Counter(
        (r["type"], r["direction"]) for r in await _rows(pool, org, "SELECT type, direction FROM activities")
    )
    assert kinds[("email", "inbound")] > 500 and kinds[("email", "outbound")] > 500 and kinds[("meeting", None)] > 300
    bodies = await _rows(pool, org, "SELECT count(DISTINCT body) AS n FROM activities")
    assert bodies[0]["n"] > 5_000  # varied text, not one sentence ten thousand times
    deals = await _rows(
        pool, org, "SELECT d.status, d.close_reason, s.kind FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id"
    )
    assert all(d["status"] == d["kind"] for d in deals)
    assert all((d["close_reason"] is not None) == (d["status"] != "open") for d in deals)
    statuses = Counter(d["status"] for d in deals)
    assert statuses["won"] >= 100 and statuses["lost"] >= 80 and statuses["open"] >= 50
    customers = await _rows(
        pool,
        org,
        """SELECT count(*) AS n FROM contacts c JOIN deals d ON d.contact_id = c.id
           WHERE d.status = 'won' AND c.lifecycle_stage NOT IN ('customer', 'evangelist', 'churned')""",
    )
    assert customers[0]["n"] == 0  # every won deal's contact became a customer


async def test_users_can_sign_in_with_the_demo_password(pool, demo) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo
    assert summary.owner_email == DEMO_OWNER_EMAIL
    for user in summary.users:
        async with pool.connection() as conn:
            row = await auth_user_by_email(conn, email=user["email"])
        assert row is not None and row["org_id"] == summary.org_id
        assert row["password_hash"].startswith("$argon2id$")
        assert verify_password(row["password_hash"], DEMO_PASSWORD)
        assert not verify_password(row["password_hash"], DEMO_PASSWORD + "x")


def test_password_helpers() -> None:
    h = hash_password("correct horse")
    assert h != hash_password("correct horse")  # salted
    assert verify_password(h, "correct horse") and not verify_password(h, "wrong")
    assert not verify_password(None, "x") and not verify_password("not-a-hash", "x")
    assert not needs_rehash(h)
    with pytest.raises(ValueError):
        hash_password("")


async def test_won_lost_history_is_learnable(pool, demo) -> None:  # type: ignore[no-untyped-def]
    """Simple per-contact features known before the decision predict won/lost well above chance."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline

    summary, _ = demo
    rows = await _rows(
        pool,
        summary.org_id,
        """SELECT c.lead_source, c.title, co.industry, co.size, d.status,
                  count(a.id) FILTER (WHERE a.direction = 'inbound') AS inbound,
                  count(a.id) FILTER (WHERE a.type = 'meeting') AS meetings,
                  count(a.id) FILTER (WHERE a.direction = 'outbound') AS outbound
           FROM deals d JOIN contacts c ON c.id = d.contact_id JOIN companies co ON co.id = c.company_id
           LEFT JOIN activities a ON a.contact_id = c.id AND a.occurred_at < d.closed_at
           WHERE d.status IN ('won', 'lost')
           GROUP BY c.id, co.id, d.id""",
    )
    features = [
        {
            "source": r["lead_source"],
            "industry": r["industry"],
            "seniority": SENIORITY[r["title"]],
            "log_size": float(np.log10(r["size"] + 1)),
            "small": r["size"] <= 10,
            "large": r["size"] > 1000,
            "inbound": float(np.log1p(r["inbound"])),
            "meetings": float(np.log1p(r["meetings"])),
            "outbound": float(np.log1p(r["outbound"])),
        }
        for r in rows
    ]
    labels = np.array([r["status"] == "won" for r in rows])
    assert len(rows) >= 200 and 0.2 < labels.mean() < 0.8
    model = make_pipeline(DictVectorizer(sparse=False), LogisticRegression(max_iter=2000, C=0.5))
    auc = cross_val_score(
        model, features, labels, cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="roc_auc"
    ).mean()
    print(f"won/lost ROC-AUC on demo data: {auc:.3f}")
    assert auc > 0.65, f"ROC-AUC {auc:.3f}"


COLUMNS = {
    "companies": "id, name, domain, industry, size, owner_id, created_at, updated_at",
    "contacts": "id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage, lead_source, "
    "owner_id, tags, email_consent, sms_consent, next_follow_up, created_at, updated_at",
    "deals": "id, name, company_id, contact_id, stage_id, amount, currency, expected_close, probability, status, "
    "close_reason, closed_at, owner_id, created_at, updated_at",
    "activities": "id, type, direction, subject, body, occurred_at, due_at, status, contact_id, company_id, "
    "deal_id, owner_id, created_at, updated_at",
}


def _canonical(admin_url: str, org_id: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The org's content with user ids replaced by emails and stage ids by names (ids made by the database)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with psycopg.connect(admin_url, row_factory=dict_row) as conn:
        users = {r["id"]: r["email"] for r in conn.execute("SELECT id, email FROM users WHERE org_id = %s", (org_id,))}
        stages = {
            r["id"]: r["name"]
            for r in conn.execute("SELECT id, name FROM pipeline_stages WHERE org_id = %s", (org_id,))
        }
        out["users"] = sorted(
            (r["email"], r["name"], r["role"]) for r in conn.execute("SELECT * FROM users WHERE org_id = %s", (org_id,))
        )
        # Only the columns the demo writes: later migrations may add columns whose defaults are not ours.
        for table, columns in COLUMNS.items():
            rows = []
            for r in conn.execute(f"SELECT {columns} FROM {table} WHERE org_id = %s ORDER BY id", (org_id,)):
                r["owner_id"] = users.get(r["owner_id"], r["owner_id"])
                if "stage_id" in r:
                    r["stage_id"] = stages[r["stage_id"]]
                rows.append(tuple(sorted(r.items())))
            out[table] = rows
    return out


async def test_same_seed_and_date_give_identical_data(pool, demo, db) -> None:  # type: ignore[no-untyped-def]
    summary, _ = demo
    assert generate(SEED, AS_OF).activities == generate(SEED, AS_OF).activities
    assert generate(SEED + 1, AS_OF).contacts != generate(SEED, AS_OF).contacts
    before = _canonical(db.admin, summary.org_id)
    assert await reset_demo(pool)
    assert _canonical(db.admin, summary.org_id)["contacts"] == []  # the reset removed everything
    again = await load_demo(pool, seed=SEED, as_of=AS_OF)
    assert again.org_id == summary.org_id  # record ids come from the seed too
    after = _canonical(db.admin, again.org_id)
    assert before.keys() == after.keys()
    for table in before:
        assert before[table] == after[table], f"{table} differ"


def test_cli_loads_once_and_if_empty_skips(maintenance_url, template_db, settings) -> None:  # type: ignore[no-untyped-def]
    urls = clone_database(maintenance_url, template_db, settings)
    env = {**os.environ, "DATABASE_URL": urls.admin, "COLUMNS": "200"}
    cmd = [str(Path(sys.executable).parent / "leadloom"), "demo", "--as-of", "2026-11-26"]
    try:
        first = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        assert DEMO_OWNER_EMAIL in first.stdout and DEMO_PASSWORD in first.stdout
        assert "API key (shown once): ll_" in first.stdout and "curl" in first.stdout
        second = subprocess.run([*cmd, "--if-empty"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0 and "already loaded" in second.stdout
        third = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert third.returncode == 1 and "--reset" in third.stderr
        bad = subprocess.run([*cmd[:-1], "26/11/2026"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    finally:
        _drop(maintenance_url, psycopg.conninfo.conninfo_to_dict(urls.admin)["dbname"])  # type: ignore[arg-type]
