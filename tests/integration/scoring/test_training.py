"""Training on an organization's own history: cold start, the automatic switch to a learned model,
champion/challenger, corrections as labels, no leakage, and bad input giving clear statuses."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import PermissionDeniedError, ValidationError
from leadloom.crm.services import lead_scores, scoring_training
from tests.integration.scoring.history import seed_history


async def _models(pool, actor):  # type: ignore[no-untyped-def]
    return {m["version"]: m for m in await scoring_training.list_models(pool, actor)}


async def test_cold_start_below_50_outcomes_then_learned_automatically(pool, actor) -> None:  # type: ignore[no-untyped-def]
    ids = await seed_history(pool, actor.org_id, n_closed=30, n_open=2, seed=1)
    first = await scoring_training.train_org_model(pool, actor)
    assert first["kind"] == "cold_start" and first["accepted"]
    assert first["status"] == "not enough closed deals to train: 30 of 50"

    scored = await lead_scores.explain_contact(pool, actor, ids["open"][0])
    assert scored["kind"] == "cold_start" and "cold-start" in scored["model"]
    assert "not enough closed deals to train: 30 of 50" in scored["model"]
    assert 0 <= scored["score"] <= 100

    await seed_history(pool, actor.org_id, n_closed=90, seed=2, start=datetime(2025, 3, 5, tzinfo=UTC))
    second = await scoring_training.train_org_model(pool, actor)
    assert second["kind"] == "learned" and second["accepted"], second["status"]
    assert second["outcomes"] == 120
    m = second["metrics"]
    assert 0.0 <= m["roc_auc"] <= 1.0 and 0.0 <= m["brier"] <= 1.0 and m["n"] >= 20
    models = await _models(pool, actor)
    assert models[1]["status"] == "retired" and models[1]["kind"] == "cold_start"
    assert models[2]["status"] == "champion" and models[2]["kind"] == "learned"
    assert models[2]["window_from"] < models[2]["window_to"] and models[2]["n_train"] == 120

    # The new champion is what scores, with its explanation in the marketer's words.
    again = await lead_scores.explain_contact(pool, actor, ids["open"][0])
    assert again["kind"] == "learned" and again["version"] == 2
    for f in again["up"] + again["down"]:
        assert f["detail"] and isinstance(f["points"], int) and f["points"] != 0
    card = await scoring_training.model_card(pool, actor)
    assert card["version"] == 2 and card["calibration"] and card["importances"]
    assert {"feature", "importance"} <= set(card["importances"][0])
    assert card["card"]["label_definition"].startswith("1 = won a deal")


async def test_a_worse_challenger_is_rejected_and_recorded(pool, actor) -> None:  # type: ignore[no-untyped-def]
    await seed_history(pool, actor.org_id, n_closed=150, seed=3)
    champion = await scoring_training.train_org_model(pool, actor)
    assert champion["accepted"] and champion["kind"] == "learned"

    # Nothing new since the champion trained: no fair test exists, so the retrain stays a candidate.
    same = await scoring_training.train_org_model(pool, actor)
    assert not same["accepted"] and same["model"]["status"] == "candidate"
    assert same["status"].startswith("champion kept: 0 outcomes since it was trained")

    await seed_history(pool, actor.org_id, n_closed=40, seed=8, start=datetime(2026, 1, 1, tzinfo=UTC))

    def shuffled(labels: list[int]) -> list[int]:
        out = list(labels)
        random.Random(7).shuffle(out)
        return out

    # A challenger trained on shuffled labels has learned nothing: on the 40 outcomes neither model saw,
    # the gate must keep the champion and record the challenger as rejected with its metrics.
    challenger = await scoring_training.train_org_model(pool, actor, challenger_labels=shuffled)
    assert not challenger["accepted"]
    assert challenger["model"]["status"] == "rejected"
    assert challenger["gate"]["reason"].startswith("rejected:")
    assert challenger["gate"]["test_set"].startswith("outcomes after the champion's training window")
    assert challenger["gate"]["n_test"] == 40
    assert challenger["gate"]["champion"]["roc_auc"] > challenger["gate"]["challenger"]["roc_auc"]
    models = await _models(pool, actor)
    assert [models[v]["status"] for v in (1, 2, 3)] == ["champion", "candidate", "rejected"]
    assert models[3]["metrics"]["roc_auc"] == pytest.approx(challenger["gate"]["challenger"]["roc_auc"])
    card = await scoring_training.model_card(pool, actor, models[3]["id"])
    assert card["status"] == "rejected" and card["gate"]["accepted"] is False
    async with org_tx(pool, actor.org_id) as conn:
        row, _ = await scoring_training.current_model(conn, org_id=actor.org_id)
    assert row["version"] == 1  # scores still come from the champion

    # The same new outcomes with honest labels: a fair comparison, and the challenger is not worse.
    fair = await scoring_training.train_org_model(pool, actor)
    assert fair["gate"]["test_set"].startswith("outcomes after the champion's training window")
    assert fair["gate"]["champion"] is not None


async def test_corrections_are_used_as_labels(pool, actor) -> None:  # type: ignore[no-untyped-def]
    ids = await seed_history(pool, actor.org_id, n_closed=10, n_open=2, seed=4)
    async with org_tx(pool, actor.org_id) as conn:
        before = await scoring_training.build_training_set(conn, org_id=actor.org_id)
    assert len(before) == 10
    lost = next(c for c, y in zip(before.contact_ids, before.labels, strict=True) if y == 0)

    # An open lead the salesperson calls good, and a lost deal they say was a good lead after all.
    await scoring_training.record_correction(pool, actor, ids["open"][0], label=True, reason="signed a LOI")
    saved = await scoring_training.record_correction(pool, actor, lost, score=80)
    assert saved["corrected_score"] == 80 and saved["user_id"] == actor.user_id
    async with org_tx(pool, actor.org_id) as conn:
        after = await scoring_training.build_training_set(conn, org_id=actor.org_id)
    labels = dict(zip(after.contact_ids, after.labels, strict=True))
    assert len(after) == 11 and after.corrections_used == 2
    assert labels[ids["open"][0]] == 1 and labels[lost] == 1

    with pytest.raises(ValidationError, match="corrected label"):
        await scoring_training.record_correction(pool, actor, lost)
    with pytest.raises(ValidationError, match="0-100"):
        await scoring_training.record_correction(pool, actor, lost, score=140)
    viewer = Actor(org_id=actor.org_id, user_id=actor.user_id, role="viewer")
    with pytest.raises(PermissionDeniedError):
        await scoring_training.record_correction(pool, viewer, lost, label=False)


async def test_training_rows_see_only_what_was_known_before_the_outcome(pool, actor) -> None:  # type: ignore[no-untyped-def]
    await seed_history(pool, actor.org_id, n_closed=20, seed=5)
    async with org_tx(pool, actor.org_id) as conn:
        data = await scoring_training.build_training_set(conn, org_id=actor.org_id)
    # Every closed lead had a meeting 5 days after its deal closed: no training row may count it.
    assert all(r["meeting_activities"] == 0 for r in data.records)
    assert all(r["call_activities"] == 2 for r in data.records)  # the two calls before the decision
    assert data.times == sorted(data.times)
    assert not {"stage", "lifecycle_stage", "score", "status"} & set(data.records[0])


async def test_single_class_and_bad_input_give_clear_statuses(pool, actor) -> None:  # type: ignore[no-untyped-def]
    ids = await seed_history(pool, actor.org_id, n_closed=60, n_open=1, seed=6, all_lost=True)
    result = await scoring_training.train_org_model(pool, actor)
    assert result["kind"] == "cold_start"
    assert result["status"].startswith("every closed deal is lost")

    # Budgets on the training leads, one of them absurd (a bad import): blanked and counted, training goes on.
    more = await seed_history(pool, actor.org_id, n_closed=60, seed=7, start=datetime(2025, 6, 1, tzinfo=UTC))
    async with org_tx(pool, actor.org_id) as conn:
        for i, cid in enumerate(more["closed"]):
            budget = "1e300" if i == 0 else str(1000 + 100 * i)
            await conn.execute(
                "UPDATE contacts SET custom = jsonb_build_object('budget', %s::float) WHERE id = %s", (budget, cid)
            )
    learned = await scoring_training.train_org_model(pool, actor)
    assert learned["kind"] == "learned", learned["status"]
    card = await scoring_training.model_card(pool, actor)
    assert card["card"]["absurd_values_ignored"] == {"custom_budget": 1}
    assert "custom_budget" in card["card"]["feature_names"]
    # A lead with an absurd value is refused with the reason, never given a nonsense score.
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute("UPDATE contacts SET custom = '{\"budget\": 1e300}' WHERE id = %s", (ids["open"][0],))
    with pytest.raises(ValidationError, match="custom_budget"):
        await lead_scores.score_contact(pool, actor, ids["open"][0])
    # Unseen categories and missing fields score fine.
    async with org_tx(pool, actor.org_id) as conn:
        await conn.execute(
            "UPDATE contacts SET lead_source = 'carrier pigeon', emails = '{}', first_name = 'X' WHERE id = %s",
            (ids["closed"][0],),
        )
    odd = await lead_scores.score_contact(pool, actor, ids["closed"][0])
    assert 0 <= odd["score"] <= 100
    viewer = Actor(org_id=actor.org_id, user_id=actor.user_id, role="viewer")
    with pytest.raises(PermissionDeniedError):
        await scoring_training.train_org_model(pool, viewer)
