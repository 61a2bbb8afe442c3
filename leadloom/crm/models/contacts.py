"""Contact models: ContactBase / ContactCreate / ContactUpdate / Contact, the list filter, duplicate pairs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import AliasChoices, Field, model_validator

from leadloom.crm import normalize
from leadloom.crm.models.common import (
    EmailList,
    Model,
    NameText,
    OptionalEmail,
    OptionalPhone,
    Output,
    PhoneList,
    ShortText,
    StrList,
    TagList,
    dedupe,
)

_STAGE = AliasChoices("lifecycle_stage", "stage")
_CUSTOM = AliasChoices("custom", "custom_fields")


class ContactBase(Model):
    first_name: NameText = ""
    last_name: NameText = ""
    emails: EmailList = Field(default_factory=list, max_length=20)
    phones: PhoneList = Field(default_factory=list, max_length=20)
    title: ShortText | None = None
    company_id: UUID | None = None
    # Matched leniently against the organization's stage keys and labels by the service.
    lifecycle_stage: ShortText | None = Field(default=None, validation_alias=_STAGE)
    lead_source: ShortText | None = None
    owner_id: UUID | None = None
    tags: TagList = Field(default_factory=list, max_length=50)
    email_consent: bool = False
    sms_consent: bool = False
    next_follow_up: date | None = None
    custom: dict[str, Any] = Field(default_factory=dict, validation_alias=_CUSTOM)


class ContactCreate(ContactBase):
    """A new contact. ``email``/``phone`` are shorthands for the primary entry of ``emails``/``phones``;
    ``name`` is split into first and last name when those are not given."""

    name: NameText | None = None
    email: OptionalEmail = None
    phone: OptionalPhone = None
    external_id: ShortText | None = None

    @model_validator(mode="after")
    def _combine(self) -> ContactCreate:
        if self.name and not (self.first_name or self.last_name):
            self.first_name, self.last_name = normalize.split_name(self.name)
        if self.email:
            self.emails = [self.email, *self.emails]
        if self.phone:
            self.phones = [self.phone, *self.phones]
        self.emails, self.phones, self.tags = dedupe(self.emails), dedupe(self.phones), dedupe(self.tags)
        # "needs a name or an email" is checked by the service, where it can name the field.
        return self


class ContactUpdate(Model):
    """Changes to a contact: only the fields that are set are changed; ``None`` clears a field.

    ``email``/``phone`` make that value the primary one (keeping the others); ``emails``/``phones``
    replace the whole list; ``tags_add``/``tags_remove`` edit tags without replacing them; ``custom``
    merges into the existing custom values (a ``None`` value removes that key).
    """

    first_name: NameText | None = None
    last_name: NameText | None = None
    name: NameText | None = None
    email: OptionalEmail = None
    emails: EmailList | None = Field(default=None, max_length=20)
    phone: OptionalPhone = None
    phones: PhoneList | None = Field(default=None, max_length=20)
    title: ShortText | None = None
    company_id: UUID | None = None
    lifecycle_stage: ShortText | None = Field(default=None, validation_alias=_STAGE)
    lead_source: ShortText | None = None
    owner_id: UUID | None = None
    tags: TagList | None = Field(default=None, max_length=50)
    tags_add: TagList | None = Field(default=None, max_length=50)
    tags_remove: TagList | None = Field(default=None, max_length=50)
    email_consent: bool | None = None
    sms_consent: bool | None = None
    next_follow_up: date | None = None
    custom: dict[str, Any] | None = Field(default=None, validation_alias=_CUSTOM)

    def changes(self) -> dict[str, Any]:
        """The fields the caller set (``None`` included: it means "clear")."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class Contact(Output):
    id: UUID
    first_name: str
    last_name: str
    name: str
    emails: list[str]
    phones: list[str]
    email: str | None
    phone: str | None
    title: str | None
    company_id: UUID | None
    company_name: str | None
    lifecycle_stage: str | None
    lead_source: str | None
    owner_id: UUID | None
    owner_name: str | None
    tags: list[str]
    email_consent: bool
    sms_consent: bool
    next_follow_up: date | None
    custom: dict[str, Any]
    score: int | None
    external_id: str | None = None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Contact:
        full = f"{row['first_name']} {row['last_name']}".strip()
        emails, phones = row["emails"] or [], row["phones"] or []
        return cls.model_validate(
            {
                **row,
                "name": full or (emails[0] if emails else ""),
                "email": emails[0] if emails else None,
                "phone": phones[0] if phones else None,
            }
        )


SORTS = (
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "name",
    "-name",
    "score",
    "-score",
    "next_follow_up",
    "-next_follow_up",
)


class ContactFilter(Model):
    """Which contacts: every given field narrows the set (AND). Dates are inclusive bounds of days
    except ``*_before``, which is strictly before."""

    q: ShortText | None = Field(default=None, description="free text over name, title, emails, tags, phone")
    name: ShortText | None = None
    email: ShortText | None = Field(default=None, description="a whole address, or part of one ('@acme.com')")
    phone: ShortText | None = None
    company_id: UUID | None = None
    company: ShortText | None = Field(default=None, description="company name, matched fuzzily")
    stage: StrList | None = Field(default=None, description="one stage or several (any of them)")
    owner_id: UUID | None = None
    owner: ShortText | None = Field(default=None, description="user name or email, 'me', or 'none' (unowned)")
    tag: TagList | None = Field(default=None, description="one tag or several (all of them)")
    lead_source: ShortText | None = None
    min_score: int | None = Field(default=None, ge=0, le=100)
    max_score: int | None = Field(default=None, ge=0, le=100)
    created_after: datetime | date | None = None
    created_before: datetime | date | None = None
    updated_after: datetime | date | None = None
    updated_before: datetime | date | None = None
    follow_up_before: date | None = Field(default=None, description="next follow-up on or before this day")
    follow_up_after: date | None = Field(default=None, description="next follow-up on or after this day")
    has_email: bool | None = None
    has_phone: bool | None = None
    not_contacted_since: datetime | date | None = Field(
        default=None, description="no email, call or meeting logged since this date"
    )
    include_deleted: bool = False


class ContactRef(Output):
    """A short view of a contact, enough to tell two apart."""

    id: UUID
    name: str
    email: str | None
    phone: str | None
    company_name: str | None
    created_at: datetime


class DuplicatePair(Output):
    a: ContactRef
    b: ContactRef
    confidence: float = Field(ge=0, le=1)
    reason: str
    reasons: list[str]
    # The older record with more filled fields: a sensible default winner for merge_contacts.
    suggested_winner_id: UUID
