"""Segments (saved contact filters) and campaign drafts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

Channel = Literal["email", "sms"]
CampaignStatus = Literal["draft", "scheduled", "sending", "sent", "cancelled"]


class AudienceFilters(BaseModel):
    """Which contacts: the same keys as ``search_contacts``. Unknown keys are refused, not ignored,
    because a silently dropped filter would widen an audience (and a bulk change) without anyone noticing.

    They mean exactly what they mean to ``search_contacts`` (the service hands them to the records'
    ``filter_params``): ``owner`` is a name, an email, ``"me"`` or ``"none"``; ``company`` a name or domain;
    ``stage`` one stage or several (any); ``tag`` one tag or several (all).
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    query: str | None = Field(default=None, max_length=200)
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    company: str | None = Field(default=None, max_length=300)
    company_id: UUID | None = None
    stage: str | list[str] | None = None
    owner: str | None = Field(default=None, max_length=320)
    owner_id: UUID | None = None
    tag: str | list[str] | None = None
    lead_source: str | None = Field(default=None, max_length=200)
    min_score: int | None = Field(default=None, ge=0, le=100)
    max_score: int | None = Field(default=None, ge=0, le=100)
    created_after: date | None = None
    created_before: date | None = None
    follow_up_before: date | None = None
    follow_up_after: date | None = None
    has_email: bool | None = None
    has_phone: bool | None = None
    not_contacted_since: date | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        # Models often send "" for "no filter"; treat it as absent rather than as "matches the empty string".
        return None if isinstance(v, str) and not v.strip() else v

    def contact_filter(self) -> dict[str, Any]:
        """The records' ContactFilter input (``query`` is its ``q``)."""
        values = self.model_dump(exclude_none=True)
        if "query" in values:
            values["q"] = values.pop("query")
        return values

    def as_json(self) -> dict[str, Any]:
        """The set filters only, JSON-ready (what a segment stores)."""
        return self.model_dump(mode="json", exclude_none=True)

    def is_empty(self) -> bool:
        return not self.as_json()


class SegmentCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    filters: AudienceFilters


class AudienceCounts(BaseModel):
    total: int
    with_email: int
    email_reachable: int  # has an email address and email consent
    with_phone: int
    sms_reachable: int  # has a phone number and SMS consent


class Segment(BaseModel):
    id: UUID
    name: str
    description: str | None = None
    filters: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class CampaignCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    channel: Channel
    segment_id: UUID | None = None
    filters: AudienceFilters | None = None
    subject: str | None = Field(default=None, max_length=300)
    body: str = Field(default="", max_length=20_000)


class Campaign(BaseModel):
    id: UUID
    name: str
    channel: Channel
    status: CampaignStatus
    segment_id: UUID | None = None
    segment_name: str | None = None
    filters: dict[str, Any]
    subject: str | None = None
    body: str
    audience_count: int
    created_at: datetime
    updated_at: datetime
