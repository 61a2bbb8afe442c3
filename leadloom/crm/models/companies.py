"""Company models: CompanyBase / CompanyCreate / CompanyUpdate / Company and the list filter."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, AliasChoices, Field

from leadloom.crm import normalize
from leadloom.crm.models.common import Model, Output, RequiredText, ShortText

Domain = Annotated[str, AfterValidator(normalize.domain)]
_CUSTOM = AliasChoices("custom", "custom_fields")

SORTS = ("created_at", "-created_at", "updated_at", "-updated_at", "name", "-name")


class CompanyBase(Model):
    domain: Domain | None = None
    industry: ShortText | None = None
    size: int | None = Field(default=None, ge=0, le=10_000_000)
    owner_id: UUID | None = None
    custom: dict[str, Any] = Field(default_factory=dict, validation_alias=_CUSTOM)


class CompanyCreate(CompanyBase):
    name: RequiredText
    external_id: ShortText | None = None


class CompanyUpdate(Model):
    """Only the fields that are set change; ``None`` clears; ``custom`` merges (``None`` removes a key)."""

    name: RequiredText | None = None
    domain: Domain | None = None
    industry: ShortText | None = None
    size: int | None = Field(default=None, ge=0, le=10_000_000)
    owner_id: UUID | None = None
    custom: dict[str, Any] | None = Field(default=None, validation_alias=_CUSTOM)

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class Company(Output):
    id: UUID
    name: str
    domain: str | None
    industry: str | None
    size: int | None
    owner_id: UUID | None
    owner_name: str | None
    custom: dict[str, Any]
    external_id: str | None = None
    contact_count: int = 0
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


class CompanyFilter(Model):
    q: ShortText | None = None
    name: RequiredText | None = None
    domain: ShortText | None = None
    industry: ShortText | None = None
    min_size: int | None = Field(default=None, ge=0)
    max_size: int | None = Field(default=None, ge=0)
    owner_id: UUID | None = None
    owner: ShortText | None = Field(default=None, description="user name or email, 'me', or 'none' (unowned)")
    include_deleted: bool = False
