"""Custom field definitions: what extra fields an organization keeps on contacts, companies and deals."""

from __future__ import annotations

import re
from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from leadloom.crm.models.common import Model, Output, RequiredText, StrList, dedupe

Entity = Literal["contact", "company", "deal"]
FieldType = Literal["text", "number", "date", "select", "multi_select", "boolean"]


class CustomFieldDefCreate(Model):
    entity: Entity
    label: RequiredText
    # Derived from the label when omitted ("Budget (USD)" -> "budget_usd").
    key: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]{0,62}$")
    type: FieldType
    options: StrList = Field(default_factory=list, max_length=200)
    required: bool = False

    @model_validator(mode="after")
    def _check(self) -> CustomFieldDefCreate:
        if self.key is None:
            slug = re.sub(r"[^a-z0-9]+", "_", (self.label or "").lower()).strip("_")
            if not slug or not slug[0].isalpha():
                slug = f"field_{slug}".rstrip("_")
            self.key = slug[:63]
        self.options = dedupe([o.strip() for o in self.options if o.strip()])
        if self.type in ("select", "multi_select") and not self.options:
            raise ValueError(f"a {self.type} field needs options")
        if self.type not in ("select", "multi_select") and self.options:
            raise ValueError(f"a {self.type} field takes no options")
        return self


class CustomFieldDef(Output):
    id: UUID
    entity: Entity
    key: str
    label: str
    type: FieldType
    options: list[str]
    required: bool
