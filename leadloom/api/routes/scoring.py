"""/api/v1 lead scoring: a contact's score with its explanation, corrections, training, the model registry
and model cards (with the calibration curve as a PNG)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel, Field, model_validator

from leadloom.api.deps import CurrentActor, PoolDep
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.models.contacts import Contact
from leadloom.crm.services import contacts, lead_scores, scoring_training

router = APIRouter(prefix="/api/v1", tags=["scoring"])


class CorrectionRequest(BaseModel):
    """A salesperson's view of a lead: the label ("will buy" / "will not") or the score they think right."""

    label: bool | None = Field(default=None, description="true: this lead is (or will be) a customer")
    score: int | None = Field(default=None, ge=0, le=100, description="the 0-100 score you think is right")
    reason: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _one_of(self) -> CorrectionRequest:
        if self.label is None and self.score is None:
            raise ValueError("give the corrected label (true/false) or the corrected score (0-100)")
        return self


@router.get("/contacts/{contact_id}/score", summary="Score a contact now, with its explanation")
async def contact_score(contact_id: UUID, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    """The 0-100 score, calibrated probability, model kind and version, the factors that pushed it up
    and down (in score points) and what would raise it. Computed now and saved to the history."""
    return await lead_scores.explain_contact(pool, actor, contact_id)


@router.get("/contacts/{contact_id}/score/history", summary="A contact's past scores, newest first")
async def contact_score_history(
    contact_id: UUID, actor: CurrentActor, pool: PoolDep, limit: int = Query(default=50, ge=1, le=500)
) -> list[dict[str, Any]]:
    return await lead_scores.score_history(pool, actor, contact_id, limit=limit)


@router.post("/contacts/{contact_id}/score/correction", status_code=201, summary="Correct a contact's score")
async def correct_score(
    contact_id: UUID, body: CorrectionRequest, actor: CurrentActor, pool: PoolDep
) -> dict[str, Any]:
    """Stored as given and used as this contact's label the next time the model is trained."""
    return await scoring_training.record_correction(
        pool, actor, contact_id, label=body.label, score=body.score, reason=body.reason
    )


@router.post("/scoring/train", summary="Retrain the organization's model now (champion/challenger)")
async def train(actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return await scoring_training.train_org_model(pool, actor)


@router.get("/scoring/models", summary="The model registry: every version, its status and metrics")
async def list_models(
    actor: CurrentActor, pool: PoolDep, limit: int = Query(default=100, ge=1, le=500)
) -> list[dict[str, Any]]:
    return await scoring_training.list_models(pool, actor, limit=limit)


@router.get("/scoring/models/{model_id}", summary="A model card: metrics, features, window, calibration")
async def model_card(model_id: UUID, actor: CurrentActor, pool: PoolDep) -> dict[str, Any]:
    return await scoring_training.model_card(pool, actor, model_id)


@router.get(
    "/scoring/models/{model_id}/calibration.png",
    summary="The model's calibration curve on held-back leads",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
async def calibration_png(model_id: UUID, actor: CurrentActor, pool: PoolDep) -> Response:
    png = await scoring_training.model_calibration_png(pool, actor, model_id)
    return Response(content=png, media_type="image/png")


class ScoredContact(Contact):
    """A contact with the explanation of its score: every score the contact API shows carries its reasons."""

    score_explanation: dict[str, Any] | None = Field(
        default=None,
        description="the latest score's model, factors up/down (points) and counterfactuals; null if never scored",
    )


async def with_score_explanation(pool: AsyncConnectionPool[Conn], actor: Actor, contact: Contact) -> ScoredContact:
    """``contact`` plus the latest explanation from the score history (for GET /contacts/{id})."""
    latest = await lead_scores.latest_score(pool, actor, contact.id)
    return ScoredContact(**contact.model_dump(), score_explanation=latest)


async def scored_contact(pool: AsyncConnectionPool[Conn], actor: Actor, contact_id: UUID) -> ScoredContact:
    """GET /contacts/{id}: the contact and its latest explanation in one transaction."""
    contact, latest = await contacts.get_contact_scored(pool, actor, contact_id)
    # Already validated by Contact.from_row: construct without validating it a second time.
    return ScoredContact.model_construct(**contact.__dict__, score_explanation=latest)
