"""Activities (email, call, meeting, note, task), timeline items and follow-up recommendations.

As with deals, inputs accept loose types (dates as text) and the services normalise and validate them,
so every caller gets one consistent ValidationError listing what is wrong.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

ActivityType = Literal["email", "call", "meeting", "note", "task"]
Direction = Literal["inbound", "outbound"]
TaskStatus = Literal["open", "done", "cancelled"]
TASK_SORTS = ("due_at", "-due_at", "created_at", "-created_at")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActivityCreate(_In):
    """An activity linked to at least one of contact, company, deal (a contact alone brings its company)."""

    type: str = Field(max_length=20)
    direction: str | None = Field(default=None, max_length=20)
    subject: str | None = Field(default=None, max_length=500)
    body: str | None = Field(default=None, max_length=100_000)
    # When it happened; default now. A datetime or a date/time string.
    occurred_at: datetime | date | str | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    owner_id: UUID | None = None
    # Only for type "task".
    due_at: datetime | date | str | None = None
    status: str | None = Field(default=None, max_length=20)


class ActivityUpdate(_In):
    """Only the fields that are set change."""

    direction: str | None = Field(default=None, max_length=20)
    subject: str | None = Field(default=None, max_length=500)
    body: str | None = Field(default=None, max_length=100_000)
    occurred_at: datetime | date | str | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    owner_id: UUID | None = None
    due_at: datetime | date | str | None = None
    status: str | None = Field(default=None, max_length=20)


class TaskCreate(_In):
    subject: str = Field(min_length=1, max_length=500)
    body: str | None = Field(default=None, max_length=100_000)
    # A datetime, or a date meaning "by the end of that day (UTC)".
    due_at: datetime | date | str | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    # Defaults to the acting user.
    owner_id: UUID | None = None


class TaskFilter(_In):
    owner_id: UUID | None = None
    status: TaskStatus | None = None
    due_before: datetime | date | str | None = None
    due_after: datetime | date | str | None = None
    # True: open tasks due before now; False: everything that is not overdue.
    overdue: bool | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None


class Activity(BaseModel):
    id: UUID
    type: ActivityType
    direction: Direction | None = None
    subject: str | None = None
    body: str | None = None
    occurred_at: datetime
    due_at: datetime | None = None
    status: TaskStatus | None = None
    contact_id: UUID | None = None
    contact_name: str | None = None
    company_id: UUID | None = None
    company_name: str | None = None
    deal_id: UUID | None = None
    deal_name: str | None = None
    owner_id: UUID | None = None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None


class TimelineItem(BaseModel):
    """One entry of a record's timeline: an activity or a deal's stage change."""

    kind: Literal["activity", "stage_change"]
    id: UUID
    at: datetime
    # Activities
    type: ActivityType | None = None
    direction: Direction | None = None
    subject: str | None = None
    body: str | None = None
    status: TaskStatus | None = None
    due_at: datetime | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    deal_name: str | None = None
    # Who did it: the activity's owner or the user who moved the stage.
    user_id: UUID | None = None
    # Stage changes
    from_stage: str | None = None
    to_stage: str | None = None
    to_status: str | None = None
    reason: str | None = None


RecommendationKind = Literal[
    "overdue_task", "unanswered_inbound", "stalled_deal", "engaged_not_touched", "hot_lead_no_owner"
]


class Recommendation(BaseModel):
    """One suggested follow-up; ``priority`` (0-100) orders the list, ``reason`` says why in words."""

    kind: RecommendationKind
    priority: float
    reason: str
    contact_id: UUID | None = None
    contact_name: str | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    deal_name: str | None = None
    task_id: UUID | None = None
    owner_id: UUID | None = None
    # The moment the recommendation is measured from (last touch, due date, expected close...).
    since: datetime | None = None
