"""The scoring API: a contact's score with its explanation (also on GET /contacts/{id}), corrections,
training, the registry, model cards with the calibration PNG, bad input and tenant isolation."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import new_org
from tests.integration.scoring.history import seed_history


async def test_scoring_api_end_to_end(app, client) -> None:  # type: ignore[no-untyped-def]
    pool, org_id = app.state.pool, client.org.org["id"]
    ids = await seed_history(pool, org_id, n_closed=40, n_open=2, seed=21)
    lead = ids["open"][0]

    # Scoring before any training: the cold-start model is trained on the spot and says so.
    r = await client.get(f"/api/v1/contacts/{lead}/score")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["kind"] == "cold_start" and "not enough closed deals to train: 40 of 50" in body["model"]
    assert 0 <= body["score"] <= 100 and 0 <= body["probability"] <= 1
    assert {"up", "down", "counterfactuals", "explanation"} <= set(body)

    await seed_history(pool, org_id, n_closed=80, seed=22, start=datetime(2025, 4, 1, tzinfo=UTC))
    r = await client.post("/api/v1/scoring/train")
    assert r.status_code == 200, r.text
    trained = r.json()
    assert trained["kind"] == "learned" and trained["accepted"] and trained["model"]["status"] == "champion"
    assert trained["metrics"]["roc_auc"] is not None

    r = await client.get(f"/api/v1/contacts/{lead}/score")
    scored = r.json()
    assert scored["kind"] == "learned" and scored["version"] == trained["model"]["version"]
    for factor in scored["explanation"]["up"] + scored["explanation"]["down"]:
        assert factor["text"] and factor["points"] != 0
    assert all(isinstance(t, str) for t in scored["counterfactuals"])

    # GET /contacts/{id}: the score carries its explanation (the latest from the history).
    r = await client.get(f"/api/v1/contacts/{lead}")
    assert r.status_code == 200, r.text
    contact = r.json()
    assert contact["score"] == scored["score"]
    assert contact["score_explanation"]["score"] == scored["score"]
    assert contact["score_explanation"]["explanation"]["model_version"] == scored["version"]
    history = (await client.get(f"/api/v1/contacts/{lead}/score/history")).json()
    assert len(history) == 2 and history[0]["kind"] == "learned" and history[1]["kind"] == "cold_start"

    r = await client.post(f"/api/v1/contacts/{lead}/score/correction", json={"label": True, "reason": "budget ok"})
    assert r.status_code == 201, r.text
    assert r.json()["corrected_label"] is True
    r = await client.post(f"/api/v1/contacts/{lead}/score/correction", json={"reason": "no label"})
    assert r.status_code == 422
    r = await client.post(f"/api/v1/contacts/{lead}/score/correction", json={"score": 101})
    assert r.status_code == 422

    models = (await client.get("/api/v1/scoring/models")).json()
    assert [m["status"] for m in models] == ["champion", "retired"]
    assert "artefact" not in models[0]
    card = (await client.get(f"/api/v1/scoring/models/{models[0]['id']}")).json()
    assert card["kind"] == "learned" and card["calibration"] and card["importances"]
    assert card["training_window"]["from"] and card["metrics"]["brier"] is not None
    png = await client.get(f"/api/v1/scoring/models/{models[0]['id']}/calibration.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    cold_png = await client.get(f"/api/v1/scoring/models/{models[1]['id']}/calibration.png")
    assert cold_png.status_code == 200 and cold_png.content.startswith(b"\x89PNG")

    # Another organization sees none of it.
    other = await new_org(pool, "Rival Agency")
    headers = {"Authorization": f"Bearer {other.api_key}"}
    for path in (
        f"/api/v1/contacts/{lead}/score",
        f"/api/v1/scoring/models/{models[0]['id']}",
        f"/api/v1/scoring/models/{models[0]['id']}/calibration.png",
        f"/api/v1/contacts/{lead}/score/history",
    ):
        r = await client.get(path, headers=headers)
        assert r.status_code == 404, (path, r.text)
    r = await client.post(f"/api/v1/contacts/{lead}/score/correction", json={"label": False}, headers=headers)
    assert r.status_code == 404
    assert (await client.get("/api/v1/scoring/models", headers=headers)).json() == []


async def test_bad_requests_are_clear_problems(client) -> None:  # type: ignore[no-untyped-def]
    r = await client.get("/api/v1/contacts/not-a-uuid/score")
    assert r.status_code == 422
    r = await client.get("/api/v1/scoring/models/00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404
    # No contacts, no outcomes: training still gives a labelled cold-start model with the reason.
    r = await client.post("/api/v1/scoring/train")
    assert r.status_code == 200 and r.json()["status"] == "not enough closed deals to train: 0 of 50"
