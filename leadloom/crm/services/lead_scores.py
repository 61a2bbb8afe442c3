"""Lead scores from the organization's own model, each with its explanation.

Every score comes from the organization's champion in the model registry (``scoring_training``): a
learned, calibrated model once there are enough closed outcomes, the labelled cold-start model before
that (trained automatically the first time a contact is scored). Each score is written to the contact
(``contacts.score``) and appended to ``score_history`` with its explanation: the factors that pushed it
up and down in score points, in a marketer's words, and what would raise it (counterfactuals).

Rescoring is event-driven: triggers on contacts and activities queue the contact (0060_scoring.sql),
and the rescoring worker calls :func:`drain_queue`. The agent tools call :func:`score_contact`,
:func:`explain_contact` and :func:`top_leads`; the API reads :func:`latest_score`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import LeadloomError, NotFoundError, ValidationError
from leadloom.crm.repositories import scoring as repo
from leadloom.crm.scoring import ScoreExplanation, TrainedModel, explain, lead_to_record
from leadloom.crm.services.scoring_training import Model, ensure_model, load_leads

log = logging.getLogger(__name__)

MODEL = "the organization's lead-scoring model (learned, or cold-start until enough closed deals)"
# Fields a salesperson can change, so counterfactuals suggest only what they can act on. The last
# channel is left out: "last contact by note" is not an action, and a call already shows up as recency.
ACTIONABLE = frozenset({"has_phone", "has_email", "email_consent"})
BATCH = 200


def _explanation(model: Model, model_row: Mapping[str, Any], record: Mapping[str, Any], now: datetime) -> dict:
    """Score one lead record and explain it, as the JSON stored in score_history and shown by the API."""
    label = f"{model_row['status_text']} (model v{model_row['version']})"
    if isinstance(model, TrainedModel):
        exp: ScoreExplanation = explain(model, record, as_of=now, actionable=ACTIONABLE, label=label)
    else:
        exp = model.explain(record)
        exp.model_label = f"cold-start estimate: {model_row['status_text']} (model v{model_row['version']})"
    out = exp.as_dict()
    out.update(
        kind=model_row["kind"],
        model_id=str(model_row["id"]),
        model_version=model_row["version"],
        algorithm=model_row["algorithm"],
        status=model_row["status_text"],
        probability=round(float(exp.probability), 4),
        summary=[str(f) for f in (*exp.up, *exp.down)],
        what_would_raise_it=[str(f) for f in exp.counterfactuals],
    )
    return out


def _score_batch(
    model: Model, model_row: Mapping[str, Any], leads: Mapping[UUID, tuple[dict[str, Any], Any]], now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(scores ready to save, contacts that could not be scored with the reason). CPU only: runs in a thread."""
    scored, skipped = [], []
    for contact_id, (lead, _row) in leads.items():
        try:
            exp = _explanation(model, model_row, lead_to_record(lead, as_of=now), now)
        except LeadloomError as exc:
            # An absurd custom-field value must not stop the batch, nor produce a nonsense score.
            skipped.append({"contact_id": contact_id, "reason": exc.detail})
            continue
        scored.append(
            {
                "contact_id": contact_id,
                "score": int(exp["score"]),
                "probability": float(exp["probability"]),
                "model_id": model_row["id"],
                "kind": model_row["kind"],
                "explanation": exp,
            }
        )
    return scored, skipped


async def rescore_contacts(
    pool: AsyncConnectionPool[Conn], org_id: UUID, contact_ids: Sequence[UUID], *, now: datetime | None = None
) -> dict[str, Any]:
    """Score these contacts with the champion, save the scores and append them to the score history."""
    now = now or datetime.now(UTC)
    model_row, model = await ensure_model(pool, org_id)
    done = 0
    skipped: list[dict[str, Any]] = []
    ids = list(dict.fromkeys(contact_ids))
    for start in range(0, len(ids), BATCH):
        async with org_tx(pool, org_id) as conn:
            leads = await load_leads(conn, org_id=org_id, ids=ids[start : start + BATCH])
        scored, bad = await asyncio.to_thread(_score_batch, model, model_row, leads, now)
        async with org_tx(pool, org_id) as conn:
            await repo.save_scores(conn, org_id=org_id, rows=scored, at=now)
        done += len(scored)
        skipped += bad
    return {"scored": done, "skipped": skipped, "model_id": model_row["id"], "kind": model_row["kind"]}


async def drain_queue(
    pool: AsyncConnectionPool[Conn], org_id: UUID, *, batch: int = BATCH, now: datetime | None = None
) -> int:
    """Rescore the organization's queued contacts (the triggers' queue); returns how many were handled.

    Each batch is claimed (FOR UPDATE SKIP LOCKED), scored, saved and removed in one transaction, so a
    crash leaves it queued and a change committed meanwhile queues the contact again.
    """
    model_row, model = await ensure_model(pool, org_id)
    handled = 0
    while True:
        async with org_tx(pool, org_id) as conn:
            ids = await repo.claim_queue(conn, org_id=org_id, limit=batch)
            if not ids:
                return handled
            leads = await load_leads(conn, org_id=org_id, ids=ids)
            scored, skipped = await asyncio.to_thread(_score_batch, model, model_row, leads, now or datetime.now(UTC))
            await repo.save_scores(conn, org_id=org_id, rows=scored, at=now or datetime.now(UTC))
            await repo.delete_queue(conn, org_id=org_id, ids=ids)
        for s in skipped:
            log.warning("contact %s not scored: %s", s["contact_id"], s["reason"])
        handled += len(ids)
        if len(ids) < batch:
            return handled


async def drain_all(pool: AsyncConnectionPool[Conn], *, batch: int = BATCH) -> int:
    """Drain every organization's queue; an organization that fails is logged and the others go on."""
    async with pool.connection() as conn:
        org_ids = await repo.queue_orgs(conn)
    total = 0
    for org_id in org_ids:
        try:
            total += await drain_queue(pool, org_id, batch=batch)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("rescoring organization %s failed; it stays queued", org_id)
    return total


# ------------------------------------------------------------------ what tools and API call
def _factor(f: Mapping[str, Any]) -> dict[str, Any]:
    return {"factor": f["feature"], "points": f["points"], "detail": f["text"]}


def _result(row: Mapping[str, Any], exp: Mapping[str, Any]) -> dict[str, Any]:
    factors = sorted([*exp.get("up", []), *exp.get("down", [])], key=lambda f: -abs(f["points"]))
    return {
        "contact_id": row["id"],
        "name": row.get("name") or row.get("email"),
        "email": row.get("email"),
        "company": row.get("company"),
        "stage": row.get("stage", row.get("lifecycle_stage")),
        "owner": row.get("owner"),
        "score": exp["score"],
        "probability": exp.get("probability"),
        "kind": exp.get("kind"),
        "model": exp.get("model_label"),
        "version": exp.get("model_version"),
        "status": exp.get("status"),
        "factors": [_factor(f) for f in factors],
    }


async def _score_one(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    async with org_tx(pool, actor.org_id) as conn:
        leads = await load_leads(conn, org_id=actor.org_id, ids=[contact_id])
    if contact_id not in leads:
        raise NotFoundError(f"no contact {contact_id}")
    model_row, model = await ensure_model(pool, actor.org_id)
    lead, row = leads[contact_id]
    record = lead_to_record(lead, as_of=now)
    try:
        exp = await asyncio.to_thread(_explanation, model, model_row, record, now)
    except ValidationError as exc:
        raise ValidationError(f"this contact cannot be scored: {exc.detail}", errors=exc.errors) from exc
    # A viewer may look at a score but not change the record; the score is still computed for them.
    if actor.can_write:
        saved = {
            "contact_id": contact_id,
            "score": int(exp["score"]),
            "probability": float(exp["probability"]),
            "model_id": model_row["id"],
            "kind": model_row["kind"],
            "explanation": exp,
        }
        async with org_tx(pool, actor.org_id) as conn:
            await repo.save_scores(conn, org_id=actor.org_id, rows=[saved], at=now)
    return row, exp


async def score_contact(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, *, now: datetime | None = None
) -> dict[str, Any]:
    """Score one contact (0-100) now with the organization's model and save it with its explanation."""
    row, exp = await _score_one(pool, actor, contact_id, now or datetime.now(UTC))
    return {**_result(row, exp), "explanation": exp}


async def explain_contact(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, *, now: datetime | None = None
) -> dict[str, Any]:
    """The score with the factors that raised and lowered it (points), and what would raise it."""
    row, exp = await _score_one(pool, actor, contact_id, now or datetime.now(UTC))
    return {
        **_result(row, exp),
        "up": [_factor(f) for f in exp.get("up", [])],
        "down": [_factor(f) for f in exp.get("down", [])],
        "counterfactuals": list(exp.get("what_would_raise_it", [])),
        "explanation": exp,
    }


async def top_leads(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    owner_id: UUID | None = None,
    stage: str | None = None,
    since: date | None = None,
    limit: int = 10,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The highest-scoring leads (not customers, churned or disqualified unless ``stage`` asks for them)."""
    if not 1 <= limit <= 100:
        raise ValidationError("limit must be 1..100", errors=[{"field": "limit", "message": "out of range"}])
    async with org_tx(pool, actor.org_id) as conn:
        missing = await repo.unscored_ids(
            conn, org_id=actor.org_id, owner_id=owner_id, stage=stage, since=since, limit=5000
        )
    if missing:
        # Contacts the worker has not reached yet (or none runs, as in the CLI): score them now.
        await rescore_contacts(pool, actor.org_id, missing, now=now)
    async with org_tx(pool, actor.org_id) as conn:
        rows = await repo.top_leads(conn, org_id=actor.org_id, owner_id=owner_id, stage=stage, since=since, limit=limit)
    out = []
    for row in rows:
        exp = dict(row.get("explanation") or {})
        exp["score"] = row["score"]
        out.append({**_result(row, exp), "top_factors": [f["text"] for f in exp.get("up", [])[:3]]})
    return out


async def latest_score(pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID) -> dict[str, Any] | None:
    """The contact's latest score with its explanation (from the score history), or None if never scored."""
    async with org_tx(pool, actor.org_id) as conn:
        return await latest_score_on(conn, actor.org_id, contact_id)


async def latest_score_on(conn: Conn, org_id: UUID, contact_id: UUID) -> dict[str, Any] | None:
    """:func:`latest_score` inside the caller's org transaction (GET contact reads both in one)."""
    rows = await repo.latest_history(conn, org_id=org_id, contact_id=contact_id)
    if not rows:
        return None
    row = rows[0]
    return {
        "score": row["score"],
        "probability": row["probability"],
        "kind": row["kind"],
        "model_id": row["model_id"],
        "model_version": row["model_version"],
        "scored_at": row["at"],
        "explanation": row["explanation"],
    }


async def score_history(
    pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID, *, limit: int = 50
) -> list[dict[str, Any]]:
    """The contact's past scores, newest first."""
    async with org_tx(pool, actor.org_id) as conn:
        if not await repo.lead_rows(conn, org_id=actor.org_id, ids=[contact_id]):
            raise NotFoundError(f"no contact {contact_id}")
        rows = await repo.latest_history(
            conn, org_id=actor.org_id, contact_id=contact_id, limit=max(1, min(limit, 500))
        )
    return [
        {
            "score": r["score"],
            "probability": r["probability"],
            "kind": r["kind"],
            "model_version": r["model_version"],
            "at": r["at"],
        }
        for r in rows
    ]
