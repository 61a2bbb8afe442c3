"""Event-driven rescoring: the triggers queue every change, the worker rescores within seconds and keeps
the score history; the retraining worker trains organizations that are due."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from leadloom.crm.db.pool import org_tx
from leadloom.crm.models.activities import ActivityCreate
from leadloom.crm.services import activities as activities_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.crm.services import lead_scores, scoring_training
from leadloom.integrations.workers.scoring import RescoreWorker, RetrainWorker
from tests.integration.scoring.history import clear_queue, seed_history


async def _queued(pool, org_id) -> set:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute("SELECT contact_id FROM score_queue")
        return {r["contact_id"] for r in await cur.fetchall()}


async def _history(pool, org_id, contact_id) -> list:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute(
            "SELECT score, kind, explanation, at FROM score_history WHERE contact_id = %s ORDER BY at, id",
            (contact_id,),
        )
        return await cur.fetchall()


async def test_every_writer_queues_the_contact_but_writing_the_score_does_not(pool, actor) -> None:  # type: ignore[no-untyped-def]
    contact = await contacts_svc.create_contact(pool, actor, {"first_name": "Quinn", "email": "quinn@example.com"})
    assert await _queued(pool, actor.org_id) == {contact.id}

    await scoring_training.train_org_model(pool, actor)  # a new champion queues every contact
    assert await _queued(pool, actor.org_id) == {contact.id}
    await clear_queue(pool, actor.org_id)
    result = await lead_scores.rescore_contacts(pool, actor.org_id, [contact.id])
    assert result["scored"] == 1
    assert await _queued(pool, actor.org_id) == set()  # no rescoring loop

    await contacts_svc.update_contact(pool, actor, contact.id, {"title": "Head of Growth"})
    assert await _queued(pool, actor.org_id) == {contact.id}
    await clear_queue(pool, actor.org_id)
    act = await activities_svc.log_activity(
        pool, actor, ActivityCreate(type="email", direction="inbound", subject="Hi", contact_id=contact.id)
    )
    assert await _queued(pool, actor.org_id) == {contact.id}
    await clear_queue(pool, actor.org_id)
    await activities_svc.delete_activity(pool, actor, act.id)
    assert await _queued(pool, actor.org_id) == {contact.id}
    # A raw SQL writer (say a bulk import) is covered too: the triggers are in the database.
    await clear_queue(pool, actor.org_id)
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute("UPDATE contacts SET lead_source = 'import' WHERE id = %s", (contact.id,))
    assert await _queued(pool, actor.org_id) == {contact.id}


async def test_worker_rescores_a_changed_lead_within_seconds_and_keeps_history(pool, actor) -> None:  # type: ignore[no-untyped-def]
    await seed_history(pool, actor.org_id, n_closed=20, seed=11)
    # A long poll interval: a rescoring within seconds proves the NOTIFY path wakes the worker.
    worker = RescoreWorker(pool, poll_s=30)
    worker.start()
    try:
        contact = await contacts_svc.create_contact(pool, actor, {"first_name": "Wren", "email": "wren@example.com"})
        started = time.perf_counter()
        while not await _history(pool, actor.org_id, contact.id):
            assert time.perf_counter() - started < 15, "new contact not scored by the worker"
            await asyncio.sleep(0.1)
        first = await _history(pool, actor.org_id, contact.id)
        assert first[0]["kind"] == "cold_start"

        await activities_svc.log_activity(
            pool, actor, ActivityCreate(type="email", direction="inbound", subject="Pricing?", contact_id=contact.id)
        )
        changed = time.perf_counter()
        while len(await _history(pool, actor.org_id, contact.id)) < 2:
            assert time.perf_counter() - changed < 5, "changed lead not rescored within 5 s"
            await asyncio.sleep(0.1)
        history = await _history(pool, actor.org_id, contact.id)
        assert history[0]["at"] <= history[1]["at"]
        latest = history[1]["explanation"]
        assert latest["kind"] == "cold_start" and latest["model_label"].startswith("cold-start estimate")
        async with org_tx(pool, actor.org_id) as conn:
            cur = await conn.execute("SELECT score, score_updated_at FROM contacts WHERE id = %s", (contact.id,))
            row = await cur.fetchone()
        assert row["score"] == history[-1]["score"] and row["score_updated_at"] is not None
        assert worker.rescored >= 2
    finally:
        await worker.stop()
    assert not worker.running


async def test_retrain_worker_trains_orgs_that_are_due(pool, actor) -> None:  # type: ignore[no-untyped-def]
    await seed_history(pool, actor.org_id, n_closed=12, seed=12)
    worker = RetrainWorker(pool, new_outcomes=5, check_s=3600)
    done = {r["org_id"]: r for r in await worker.run_once()}
    assert done[actor.org_id]["reason"] == "no model yet" and done[actor.org_id]["accepted"]
    assert actor.org_id not in {r["org_id"] for r in await worker.run_once()}  # trained: not due again
    await seed_history(pool, actor.org_id, n_closed=6, seed=13, start=datetime(2025, 9, 1, tzinfo=UTC))
    async with org_tx(pool, actor.org_id) as conn:  # deals recorded now (as a salesperson closing them would)
        await conn.execute("UPDATE deals SET updated_at = now() WHERE closed_at >= '2025-09-01'")
    again = {r["org_id"]: r for r in await worker.run_once()}
    assert again[actor.org_id]["reason"] == "new outcomes"
    worker.start()
    await worker.stop()
    assert not worker.running


async def test_the_app_lifespan_starts_and_stops_the_scoring_workers(db, settings) -> None:  # type: ignore[no-untyped-def]
    from leadloom.api.app import create_app
    from leadloom.main import start_scoring, stop_scoring

    app = create_app(settings, urls=db, migrate=False, on_startup=[start_scoring], on_shutdown=[stop_scoring])
    async with app.router.lifespan_context(app):
        assert app.state.rescore_worker.running and app.state.retrain_worker.running
    assert not app.state.rescore_worker.running and not app.state.retrain_worker.running
