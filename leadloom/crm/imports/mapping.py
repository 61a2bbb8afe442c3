"""Suggested column -> field mapping for an import, from header names and from what the values look like.

A mapping is a plain dict ``target field -> column name`` that a person can edit; custom fields are
targets named ``custom.<key>``. Each suggestion carries a confidence (0-1) and the reason, so a UI can
ask about the doubtful ones only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from leadloom.crm import normalize
from leadloom.crm.errors import ValidationError

ENTITIES = ("contacts", "companies", "deals")

# Target fields per entity, each with the header spellings CRM exports use (HubSpot, Salesforce, Pipedrive,
# Zoho, Excel sheets people keep by hand). Compared after folding: case, accents, spaces, punctuation.
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "contacts": {
        "full_name": ("name", "full name", "contact name", "contact", "person", "lead name", "display name"),
        "first_name": ("first name", "firstname", "given name", "forename", "first", "vorname", "prénom"),
        "last_name": ("last name", "lastname", "surname", "family name", "last", "nachname", "nom"),
        "email": (
            "email",
            "e-mail",
            "email address",
            "e-mail address",
            "mail",
            "work email",
            "primary email",
            "business email",
            "email 1",
            "courriel",
        ),
        "secondary_email": ("secondary email", "email 2", "other email", "personal email", "alternate email"),
        "phone": (
            "phone",
            "phone number",
            "telephone",
            "tel",
            "work phone",
            "business phone",
            "office phone",
            "direct dial",
            "primary phone",
            "phone 1",
            "téléphone",
            "telefon",
            "teléfono",
        ),
        "mobile_phone": ("mobile", "mobile phone", "cell", "cell phone", "mobile number", "handy", "phone 2"),
        "title": ("title", "job title", "position", "role", "job", "designation"),
        "company_name": (
            "company",
            "company name",
            "account",
            "account name",
            "organisation",
            "organization",
            "organisation name",
            "organization name",
            "employer",
            "firm",
            "business",
            "société",
            "entreprise",
            "firma",
            "unternehmen",
            "empresa",
        ),
        "company_domain": ("company domain", "website", "company website", "domain", "web", "url", "site"),
        "lifecycle_stage": (
            "lifecycle stage",
            "lifecycle",
            "lead status",
            "status",
            "stage",
            "contact type",
            "lead stage",
            "type",
        ),
        "lead_source": ("lead source", "source", "original source", "channel", "utm source"),
        "owner": ("owner", "contact owner", "lead owner", "account owner", "assigned to", "sales rep", "rep"),
        "tags": ("tags", "tag", "labels", "label", "segments", "lists", "categories"),
        "email_consent": (
            "email consent",
            "email opt in",
            "marketing emails",
            "subscribed",
            "newsletter",
            "email subscribed",
            "opted in",
        ),
        "sms_consent": ("sms consent", "sms opt in", "text opt in", "sms subscribed"),
        "next_follow_up": (
            "next follow up",
            "follow up",
            "follow up date",
            "next activity date",
            "next step date",
            "next contact",
        ),
        "external_id": ("id", "external id", "record id", "contact id", "lead id", "crm id", "uid"),
    },
    "companies": {
        "name": (
            "name",
            "company",
            "company name",
            "account",
            "account name",
            "organisation",
            "organization",
            "organisation name",
            "organization name",
            "business name",
            "firm",
        ),
        "domain": ("domain", "website", "company domain", "web", "url", "site", "homepage", "web site"),
        "industry": ("industry", "sector", "vertical", "branche", "business type"),
        "size": ("size", "employees", "number of employees", "employee count", "headcount", "company size", "staff"),
        "owner": ("owner", "company owner", "account owner", "assigned to", "sales rep", "rep"),
        "external_id": ("id", "external id", "record id", "company id", "account id", "crm id"),
    },
    "deals": {
        "name": ("deal name", "deal", "name", "opportunity", "opportunity name", "title", "deal title", "project"),
        "company_name": (
            "company",
            "company name",
            "account",
            "account name",
            "organisation",
            "organization",
            "organization name",
            "organisation name",
            "client",
            "customer",
        ),
        "company_domain": ("company domain", "website", "domain", "company website"),
        "contact_email": (
            "contact email",
            "email",
            "e-mail",
            "contact e-mail",
            "primary contact email",
            "email address",
            "contact",
        ),
        "stage": ("stage", "deal stage", "pipeline stage", "status", "sales stage", "phase"),
        "amount": (
            "amount",
            "value",
            "deal value",
            "deal amount",
            "revenue",
            "price",
            "total",
            "opportunity amount",
            "expected revenue",
            "budget",
        ),
        "currency": ("currency", "currency code", "deal currency"),
        "expected_close": (
            "close date",
            "expected close",
            "expected close date",
            "closing date",
            "close",
            "estimated close date",
            "target date",
        ),
        "probability": ("probability", "win probability", "probability %", "likelihood", "chance"),
        "close_reason": ("close reason", "lost reason", "won reason", "reason", "loss reason", "closed lost reason"),
        "owner": ("owner", "deal owner", "opportunity owner", "assigned to", "sales rep", "rep"),
        "external_id": ("id", "external id", "record id", "deal id", "opportunity id", "crm id"),
    },
}

# Value patterns: which field a column full of such values probably is, per entity.
_VALUE_FIELDS: dict[str, dict[str, str]] = {
    "contacts": {"email": "email", "phone": "phone", "date": "next_follow_up", "domain": "company_domain"},
    "companies": {"domain": "domain", "number": "size"},
    "deals": {"email": "contact_email", "date": "expected_close", "money": "amount", "domain": "company_domain"},
}
_MONEY = re.compile(r"^\(?[$€£¥]?\s?-?\d[\d,. ]*[kKmM]?\)?\s?(?:[$€£]|usd|eur|gbp)?$", re.IGNORECASE)
_HAS_CURRENCY = re.compile(r"[$€£¥]|usd|eur|gbp", re.IGNORECASE)
_DOMAINISH = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
_PHONEISH = re.compile(r"^[+(]?[\d\s().\-/]{7,}(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)


def fold(text: str) -> str:
    """Header key: lower-case letters and digits only, accents dropped ("E-mail Address" -> "emailaddress")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@dataclass(frozen=True)
class Suggestion:
    column: str
    field: str | None  # None: ignore this column
    confidence: float
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "field": self.field,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }


def target_fields(entity: str, custom_defs: Sequence[Mapping[str, Any]] = ()) -> list[str]:
    """Every field a column may map to for ``entity`` (custom fields as ``custom.<key>``)."""
    check_entity(entity)
    return list(FIELDS[entity]) + [f"custom.{d['key']}" for d in custom_defs]


def check_entity(entity: str) -> str:
    if entity not in ENTITIES:
        raise ValidationError(
            f"unknown import type {entity!r}; use one of: {', '.join(ENTITIES)}",
            errors=[{"field": "entity", "message": f"must be one of {', '.join(ENTITIES)}"}],
        )
    return entity


def _value_kind(values: Sequence[str]) -> tuple[str | None, float]:
    """The kind most of a column's values share (email, phone, date, domain, money, number) and its share."""
    if not values:
        return None, 0.0
    counts = dict.fromkeys(("email", "phone", "date", "domain", "money", "number"), 0)
    for v in values:
        if "@" in v and " " not in v.strip():
            counts["email"] += 1
            continue
        if _DOMAINISH.match(v):
            counts["domain"] += 1
            continue
        if _HAS_CURRENCY.search(v) and _MONEY.match(v):
            counts["money"] += 1
            continue
        try:
            normalize.to_date(v)
            counts["date"] += 1
            continue
        except ValueError:
            pass
        digits = sum(ch.isdigit() for ch in v)
        if _PHONEISH.match(v) and digits >= 7:
            counts["phone"] += 1
            continue
        if _MONEY.match(v):
            # Plain numbers with decimals look like money; whole small numbers look like counts.
            counts["money" if re.search(r"[.,]\d{2}$", v) else "number"] += 1
    kind = max(counts, key=lambda k: counts[k])
    return (kind, counts[kind] / len(values)) if counts[kind] else (None, 0.0)


def _header_match(entity: str, header: str, custom_defs: Sequence[Mapping[str, Any]]) -> tuple[str | None, float, str]:
    key = fold(header)
    if not key:
        return None, 0.0, "empty header"
    for d in custom_defs:
        if key in {fold(d["key"]), fold(d.get("label") or "")}:
            return f"custom.{d['key']}", 0.95, f"header matches custom field {d.get('label') or d['key']!r}"
    best: tuple[str | None, float, str] = (None, 0.0, "no header match")
    for fld, synonyms in FIELDS[entity].items():
        for syn in (fld.replace("_", " "), *synonyms):
            sk = fold(syn)
            if key == sk:
                return fld, 0.95, f"header {header!r} is a known name for {fld}"
            score = fuzz.ratio(key, sk) / 100
            if score >= 0.85 and score * 0.8 > best[1]:
                best = (fld, score * 0.8, f"header {header!r} resembles {syn!r}")
    return best


def suggest_mapping(
    entity: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    custom_defs: Sequence[Mapping[str, Any]] = (),
    sample: int = 100,
) -> dict[str, Any]:
    """``{"mapping": {field: column}, "suggestions": [...], "unmapped": [columns]}`` for a parsed file.

    Header matches beat value matches; each field takes one column and each column one field, the most
    confident pairs first.
    """
    check_entity(entity)
    candidates: list[Suggestion] = []
    for idx, column in enumerate(header):
        fld, conf, reason = _header_match(entity, column, custom_defs)
        values = [r[idx] for r in rows[:sample] if idx < len(r) and r[idx].strip()]
        kind, share = _value_kind(values)
        by_value = _VALUE_FIELDS[entity].get(kind or "")
        if by_value and share >= 0.6:
            value_conf = 0.5 + 0.35 * share
            if fld == by_value:
                conf, reason = min(0.99, conf + 0.04), reason + f"; {share:.0%} of values look like {kind}s"
            elif fld is None or conf < value_conf:
                candidates.append(Suggestion(column, by_value, value_conf, f"{share:.0%} of values look like {kind}s"))
        if fld:
            candidates.append(Suggestion(column, fld, conf, reason))
    chosen: dict[str, Suggestion] = {}
    used_columns: set[str] = set()
    for s in sorted(candidates, key=lambda s: -s.confidence):
        if s.field in chosen or s.column in used_columns:
            continue
        # A full name column only helps when there are no separate first/last columns.
        chosen[s.field] = s  # type: ignore[index]
        used_columns.add(s.column)
    if "full_name" in chosen and ("first_name" in chosen or "last_name" in chosen):
        used_columns.discard(chosen.pop("full_name").column)
    suggestions = list(chosen.values())
    unmapped = [c for c in header if c not in used_columns]
    suggestions += [Suggestion(c, None, 0.0, "no matching field; ignored unless mapped") for c in unmapped]
    order = {c: i for i, c in enumerate(header)}
    suggestions.sort(key=lambda s: order[s.column])
    return {
        "mapping": {s.field: s.column for s in suggestions if s.field},
        "suggestions": [s.as_dict() for s in suggestions],
        "unmapped": unmapped,
    }


def check_mapping(
    entity: str, mapping: Mapping[str, Any], header: Sequence[str], custom_defs: Sequence[Mapping[str, Any]] = ()
) -> dict[str, str]:
    """Validate an edited mapping against the file and the fields; every problem is reported at once."""
    allowed = set(target_fields(entity, custom_defs))
    errors = []
    clean: dict[str, str] = {}
    if not isinstance(mapping, Mapping):
        raise ValidationError("the mapping must be an object of field -> column")
    for fld, column in mapping.items():
        if column in (None, ""):
            continue  # an explicitly unmapped field
        if fld not in allowed:
            errors.append(
                {"field": f"mapping.{fld}", "message": f"unknown field; use one of {', '.join(sorted(allowed))}"}
            )
        elif not isinstance(column, str) or column not in header:
            errors.append({"field": f"mapping.{fld}", "message": f"column {column!r} is not in the file"})
        else:
            clean[fld] = column
    if errors:
        raise ValidationError("the column mapping does not fit this file", errors=errors)
    needs = {
        "contacts": ({"email", "first_name", "last_name", "full_name", "secondary_email"}, "a name or an email"),
        "companies": ({"name", "domain"}, "a name or a domain"),
        "deals": ({"name", "external_id"}, "a deal name"),
    }[entity]
    if not needs[0] & set(clean):
        raise ValidationError(
            f"the mapping has no column for {needs[1]}; map at least one of: {', '.join(sorted(needs[0]))}",
            errors=[{"field": "mapping", "message": f"needs {needs[1]}"}],
        )
    return clean
