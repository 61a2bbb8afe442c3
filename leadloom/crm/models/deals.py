"""Pipelines, stages and deals: the pydantic families the services, tools and API share.

Input models are deliberately lenient about types (amounts as "$12k", dates as "Jan 5, 2026", stages by
name): the services normalise them and report every problem at once as a ValidationError, so a
person, a CSV row and a model's tool call all get the same clear answer.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

StageKind = Literal["open", "won", "lost"]
DealStatus = Literal["open", "won", "lost"]
DEAL_SORTS = (
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "amount",
    "-amount",
    "expected_close",
    "-expected_close",
    "name",
    "-name",
)


class _In(BaseModel):
    # Unknown keys are an error rather than silently dropped: a typo must not look like success.
    model_config = ConfigDict(extra="forbid")


class Stage(BaseModel):
    id: UUID
    name: str
    position: int
    probability: int
    kind: StageKind


class StageIn(_In):
    """One stage in a pipeline's new configuration; ``id`` keeps (renames/moves) an existing stage."""

    id: UUID | None = None
    name: str = Field(min_length=1, max_length=100)
    probability: int | None = Field(default=None, ge=0, le=100)
    kind: StageKind = "open"


class Pipeline(BaseModel):
    id: UUID
    name: str
    is_default: bool
    stages: list[Stage] = Field(default_factory=list)


class PipelineCreate(_In):
    name: str = Field(min_length=1, max_length=100)
    is_default: bool = False
    stages: list[StageIn] = Field(min_length=1, max_length=50)


class PipelineStagesUpdate(_In):
    """The full ordered list of stages a pipeline should have (stages left out are removed)."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    is_default: bool | None = None
    stages: list[StageIn] = Field(min_length=1, max_length=50)


class DealBase(_In):
    company_id: UUID | None = None
    contact_id: UUID | None = None
    # A Decimal, a number or text such as "12,500.00" / "$12k"; must be >= 0.
    amount: Decimal | float | int | str | None = None
    # ISO 4217, e.g. "USD"; lower case is accepted and upper-cased.
    currency: str | None = None
    # A date or a date string in any common format.
    expected_close: date | str | None = None
    # 0-100; defaults to the stage's probability.
    probability: int | float | str | None = None
    owner_id: UUID | None = None
    custom: dict[str, Any] | None = None
    external_id: str | None = Field(default=None, max_length=200)


class DealCreate(DealBase):
    name: str = Field(min_length=1, max_length=300)
    pipeline_id: UUID | None = None
    # A stage id or name ("closed won", "Closd-Won" both mean "Closed Won"); default: the first stage.
    stage: str | None = None
    # Why it was won or lost, when created directly in a closed stage.
    close_reason: str | None = Field(default=None, max_length=2000)


class DealUpdate(DealBase):
    """Only the fields that are set change; set a field to null to clear it."""

    name: str | None = Field(default=None, min_length=1, max_length=300)
    # Changing the stage here is the same as move_deal_stage (with close_reason as the reason).
    stage: str | None = None
    close_reason: str | None = Field(default=None, max_length=2000)


class Deal(BaseModel):
    id: UUID
    name: str
    company_id: UUID | None = None
    company_name: str | None = None
    contact_id: UUID | None = None
    contact_name: str | None = None
    pipeline_id: UUID
    stage_id: UUID
    stage: str
    stage_kind: StageKind
    amount: Decimal | None = None
    currency: str
    expected_close: date | None = None
    probability: int | None = None
    status: DealStatus
    close_reason: str | None = None
    closed_at: datetime | None = None
    owner_id: UUID | None = None
    custom: dict[str, Any] = Field(default_factory=dict)
    external_id: str | None = None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None


class DealFilter(_In):
    q: str | None = Field(default=None, max_length=200)
    pipeline_id: UUID | None = None
    company_id: UUID | None = None
    contact_id: UUID | None = None
    # A stage id or name, matched leniently across the organization's pipelines.
    stage: str | None = None
    status: DealStatus | None = None
    owner_id: UUID | None = None
    min_amount: Decimal | float | int | str | None = None
    max_amount: Decimal | float | int | str | None = None
    closing_before: date | str | None = None
    closing_after: date | str | None = None
    created_after: datetime | date | str | None = None
    created_before: datetime | date | str | None = None
    include_deleted: bool = False


class StageMove(_In):
    stage: str = Field(min_length=1, max_length=100)
    reason: str | None = Field(default=None, max_length=2000)


class StageSummary(BaseModel):
    stage_id: UUID
    stage: str
    kind: StageKind
    position: int
    probability: int
    count: int
    amount: Decimal
    weighted_amount: Decimal
