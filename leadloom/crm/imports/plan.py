"""The dry run: for each transformed row decide create, update or skip, and which relations it links.

Upsert keys: contacts by external id or any of their emails; companies by external id, domain or exact
name; deals by external id or (name + company). Relations: contact -> company and deal -> company by
domain or name (legal forms and small misspellings forgiven, reported), creating companies that do not
exist yet; deal -> contact by email. The plan holds the final column values of every record to write, so
``apply`` only moves them into the database set-based.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from rapidfuzz import fuzz, process

from leadloom.crm.imports.transform import RowResult, Transformed, Vocab, fold_name

CONTACT_COLUMNS = (
    "first_name",
    "last_name",
    "emails",
    "phones",
    "title",
    "company_id",
    "lifecycle_stage",
    "lead_source",
    "owner_id",
    "tags",
    "email_consent",
    "sms_consent",
    "next_follow_up",
    "custom",
    "external_id",
)
COMPANY_COLUMNS = ("name", "domain", "industry", "size", "owner_id", "custom", "external_id")
DEAL_COLUMNS = (
    "name",
    "company_id",
    "contact_id",
    "pipeline_id",
    "stage_id",
    "amount",
    "currency",
    "expected_close",
    "probability",
    "status",
    "close_reason",
    "closed_at",
    "owner_id",
    "custom",
    "external_id",
)
COLUMNS = {"contacts": CONTACT_COLUMNS, "companies": COMPANY_COLUMNS, "deals": DEAL_COLUMNS}
FUZZY_CUTOFF = 90.0


@dataclass
class Existing:
    """Records already in the organization that the file may touch (loaded by the service)."""

    companies: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    deals: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Plan:
    entity: str
    records: list[dict[str, Any]]  # {"action", "id", "row", "values": {column: value}}
    new_companies: list[dict[str, Any]]  # {"id", "name", "domain", "row"}
    skipped: list[dict[str, Any]]  # {"row", "reason", "message"}
    errors: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    total_rows: int

    @property
    def counts(self) -> dict[str, int]:
        creates = sum(1 for r in self.records if r["action"] == "create")
        return {
            "rows": self.total_rows,
            "create": creates,
            "update": len(self.records) - creates,
            "unchanged": sum(1 for s in self.skipped if s["reason"] == "unchanged"),
            "duplicate": sum(1 for s in self.skipped if s["reason"] == "duplicate"),
            "invalid": len({e["row"] for e in self.errors}),
            "companies_to_create": len(self.new_companies),
            "warnings": len(self.warnings),
        }


class CompanyIndex:
    """Finds the company a (name, domain) reference means, and plans the ones that do not exist yet."""

    def __init__(self, companies: Sequence[Mapping[str, Any]]) -> None:
        self.by_id: dict[UUID, dict[str, Any]] = {}
        self.by_domain: dict[str, UUID] = {}
        self.by_ext: dict[str, UUID] = {}
        self.by_exact: dict[str, UUID] = {}
        self.by_key: dict[str, UUID] = {}
        self.new: list[dict[str, Any]] = []
        self._cache: dict[tuple[str, str], tuple[UUID, str | None]] = {}
        for c in companies:
            if c.get("deleted_at") is None:
                self.add(dict(c))
            elif c.get("external_id"):
                self.by_ext.setdefault(c["external_id"], c["id"])  # deleted: still holds its external id

    def add(self, company: dict[str, Any]) -> None:
        self.by_id[company["id"]] = company
        if company.get("domain"):
            self.by_domain.setdefault(company["domain"], company["id"])
        if company.get("external_id"):
            self.by_ext.setdefault(company["external_id"], company["id"])
        self.by_exact.setdefault(company["name"].lower(), company["id"])
        key = fold_name(company["name"])
        if key:
            self.by_key.setdefault(key, company["id"])

    def find(self, name: str, domain: str) -> tuple[UUID | None, str | None]:
        """(company id, how it was matched when not exact) or (None, None)."""
        if domain and domain in self.by_domain:
            return self.by_domain[domain], None
        if name:
            if name.lower() in self.by_exact:
                return self.by_exact[name.lower()], None
            key = fold_name(name)
            if key in self.by_key:
                return self.by_key[key], "same name apart from case, punctuation or legal form"
            if len(key) >= 5 and self.by_key:
                best = process.extractOne(key, self.by_key.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if best:
                    return self.by_key[best[0]], f"spelled differently ({best[1]:.0f}% alike)"
        return None, None

    def resolve(self, ref: Mapping[str, str], row: int) -> tuple[UUID, dict[str, Any] | None]:
        """The company for a reference, planning a new one if needed; returns (id, warning or None)."""
        name, domain = ref.get("name") or "", ref.get("domain") or ""
        cached = self._cache.get((name, domain))
        if cached is not None:
            cid, note = cached
        else:
            found, note = self.find(name, domain)
            if found is None:
                cid = uuid.uuid4()
                company = {"id": cid, "name": name or domain, "domain": domain or None, "external_id": None, "row": row}
                self.add(company)
                self.new.append(company)
            else:
                cid = found
            self._cache[(name, domain)] = (cid, note)
        if note:
            shown = self.by_id[cid]["name"]
            return cid, {"row": row, "column": None, "message": f"company {name!r} linked to {shown!r}: {note}"}
        return cid, None


def _merge_list(old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys([*old, *new]))


def _changed(old: Mapping[str, Any], new: Mapping[str, Any], columns: Sequence[str]) -> bool:
    return any(old.get(c) != new.get(c) for c in columns)


class Planner:
    def __init__(self, entity: str, vocab: Vocab, existing: Existing) -> None:
        self.entity, self.vocab, self.existing = entity, vocab, existing
        self.companies = CompanyIndex(existing.companies)
        self.records: list[dict[str, Any]] = []
        self.skipped: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.seen: dict[str, int] = {}  # upsert key -> first row that used it
        self.claimed: dict[UUID, int] = {}  # existing record id -> row that updates it
        entity_key = {"contacts": "contact", "companies": "company", "deals": "deal"}[entity]
        self.required_custom = [d["key"] for d in vocab.custom_defs if d["entity"] == entity_key and d.get("required")]

    def plan(self, transformed: Transformed) -> Plan:
        handler = {"contacts": self._contact, "companies": self._company, "deals": self._deal}[self.entity]
        self.warnings.extend(transformed.warnings)
        for result in transformed.rows:
            if not result.ok:
                self.errors.extend(result.errors)
                continue
            handler(result)
        return Plan(
            self.entity,
            self.records,
            self.companies.new,
            self.skipped,
            self.errors,
            self.warnings,
            len(transformed.rows),
        )

    # -- shared ---------------------------------------------------------------------------------------

    def _duplicate(self, keys: Sequence[str], row: int) -> bool:
        for key in keys:
            if key in self.seen:
                self.skipped.append(
                    {
                        "row": row,
                        "reason": "duplicate",
                        "message": f"duplicate of row {self.seen[key]} (same {key.split(':', 1)[0]})",
                    }
                )
                return True
        for key in keys:
            self.seen[key] = row
        return False

    def _emit(self, row: int, old: dict[str, Any] | None, values: dict[str, Any]) -> None:
        columns = COLUMNS[self.entity]
        if old is None:
            missing = [k for k in self.required_custom if values["custom"].get(k) in (None, "", [])]
            if missing:
                for key in missing:
                    self.errors.append({"row": row, "column": None, "field": f"custom.{key}", "message": "is required"})
                return
            self.records.append({"action": "create", "id": uuid.uuid4(), "row": row, "values": values})
            return
        if old["id"] in self.claimed:
            self.skipped.append(
                {
                    "row": row,
                    "reason": "duplicate",
                    "message": f"updates the same record as row {self.claimed[old['id']]}",
                }
            )
            return
        self.claimed[old["id"]] = row
        if not _changed(old, values, columns):
            self.skipped.append({"row": row, "reason": "unchanged", "message": "no change to the existing record"})
            return
        self.records.append({"action": "update", "id": old["id"], "row": row, "values": values})

    def _link_company(self, v: Mapping[str, Any], row: int) -> UUID | None:
        if not v.get("company"):
            return None
        cid, warning = self.companies.resolve(v["company"], row)
        if warning:
            self.warnings.append(warning)
        return cid

    def _error(self, row: int, fld: str, message: str) -> None:
        self.errors.append({"row": row, "column": None, "field": fld, "message": message})

    # -- contacts -------------------------------------------------------------------------------------

    def _contact(self, result: RowResult) -> None:
        v, row = result.values, result.row
        keys = [f"email:{e}" for e in v["emails"]] + ([f"external id:{v['external_id']}"] if v["external_id"] else [])
        if self._duplicate(keys, row):
            return
        matched = self._match_contact(v, row)
        if matched is False:
            return
        old = matched if isinstance(matched, dict) else None
        company_id = self._link_company(v, row)
        if old is None:
            values = {
                "first_name": v["first_name"] or "",
                "last_name": v["last_name"] or "",
                "emails": v["emails"],
                "phones": v["phones"],
                "title": v["title"],
                "company_id": company_id,
                "lifecycle_stage": v["lifecycle_stage"],
                "lead_source": v["lead_source"],
                "owner_id": v["owner_id"],
                "tags": v["tags"],
                "email_consent": bool(v["email_consent"]),
                "sms_consent": bool(v["sms_consent"]),
                "next_follow_up": v["next_follow_up"],
                "custom": v["custom"],
                "external_id": v["external_id"],
            }
        else:
            values = {c: old[c] for c in CONTACT_COLUMNS}
            for c in (
                "first_name",
                "last_name",
                "title",
                "lifecycle_stage",
                "lead_source",
                "owner_id",
                "email_consent",
                "sms_consent",
                "next_follow_up",
                "external_id",
            ):
                if v[c] is not None:
                    values[c] = v[c]
            if company_id is not None:
                values["company_id"] = company_id
            values["emails"] = _merge_list(old["emails"], v["emails"])
            values["phones"] = _merge_list(old["phones"], v["phones"])
            values["tags"] = _merge_list(old["tags"], v["tags"])
            values["custom"] = {**old["custom"], **v["custom"]}
        self._emit(row, old, values)

    def _match_contact(self, v: Mapping[str, Any], row: int) -> dict[str, Any] | bool | None:
        """The existing contact this row updates, None for a new one, False when the row is in error."""
        if not hasattr(self, "_contacts_by_email"):
            self._contacts_by_email: dict[str, dict[str, Any]] = {}
            self._contacts_by_ext: dict[str, dict[str, Any]] = {}
            for c in self.existing.contacts:
                if c.get("external_id"):
                    self._contacts_by_ext[c["external_id"]] = c
                if c.get("deleted_at") is None:
                    for e in c["emails"]:
                        self._contacts_by_email.setdefault(e, c)
        old = self._contacts_by_ext.get(v["external_id"]) if v["external_id"] else None
        if old is None:
            old = next((self._contacts_by_email[e] for e in v["emails"] if e in self._contacts_by_email), None)
        elif v["emails"] and any(
            e in self._contacts_by_email and self._contacts_by_email[e]["id"] != old["id"] for e in v["emails"]
        ):
            self._error(row, "email", "the email belongs to another contact than the external id")
            return False
        if old is not None and old.get("deleted_at") is not None:
            self._error(
                row,
                "external_id",
                f"matches a deleted contact (external id {old['external_id']!r}); restore it before importing",
            )
            return False
        if old is not None and v["external_id"] and old.get("external_id") not in (None, v["external_id"]):
            self._error(row, "external_id", f"the contact with this email has external id {old['external_id']!r}")
            return False
        return old

    # -- companies ------------------------------------------------------------------------------------

    def _company(self, result: RowResult) -> None:
        v, row = result.values, result.row
        name = v["name"] or v["domain"] or ""
        keys = [f"external id:{v['external_id']}"] if v["external_id"] else []
        keys += [f"domain:{v['domain']}"] if v["domain"] else []
        keys += [f"name:{name.lower()}"] if name and not v["domain"] else []
        if self._duplicate(keys, row):
            return
        idx = self.companies
        old_id = idx.by_ext.get(v["external_id"]) if v["external_id"] else None
        if old_id is None and v["domain"]:
            old_id = idx.by_domain.get(v["domain"])
        if old_id is None and v["name"]:
            old_id = idx.by_exact.get(v["name"].lower())
        old = None
        if old_id is not None:
            old = idx.by_id.get(old_id) or self._deleted_company(old_id)
            if old is None or old.get("deleted_at") is not None:
                self._error(row, "external_id", "matches a deleted company; restore it before importing")
                return
            if old.get("row") is not None:
                # A company planned earlier in this very file (cannot happen for rows, kept as a guard).
                self.skipped.append({"row": row, "reason": "duplicate", "message": f"duplicate of row {old['row']}"})
                return
        if v["domain"]:
            holder = idx.by_domain.get(v["domain"])
            if holder is not None and (old is None or holder != old["id"]):
                self._error(row, "domain", f"domain {v['domain']} belongs to another company")
                return
        if old is not None and v["external_id"] and old.get("external_id") not in (None, v["external_id"]):
            self._error(row, "external_id", f"the matching company has external id {old['external_id']!r}")
            return
        if old is None:
            values = {
                "name": name,
                "domain": v["domain"],
                "industry": v["industry"],
                "size": v["size"],
                "owner_id": v["owner_id"],
                "custom": v["custom"],
                "external_id": v["external_id"],
            }
            if v["external_id"] is None and not name:
                self._error(row, "name", "a new company needs a name or a domain")
                return
        else:
            values = {c: old.get(c) for c in COMPANY_COLUMNS}
            for c in ("name", "domain", "industry", "size", "owner_id", "external_id"):
                if v[c] is not None:
                    values[c] = v[c]
            values["custom"] = {**(old.get("custom") or {}), **v["custom"]}
        before = len(self.records)
        self._emit(row, old, values)
        if len(self.records) > before and old is None:
            # Later rows (and relations) must see the company this row creates.
            rec = self.records[-1]
            idx.add(
                {
                    "id": rec["id"],
                    "name": values["name"],
                    "domain": values["domain"],
                    "external_id": values["external_id"],
                    "row": row,
                }
            )

    def _deleted_company(self, cid: UUID) -> dict[str, Any] | None:
        return next((c for c in self.existing.companies if c["id"] == cid), None)

    # -- deals ----------------------------------------------------------------------------------------

    def _deal(self, result: RowResult) -> None:
        v, row = result.values, result.row
        company_id = self._link_company(v, row)
        if company_id is None:
            self.warnings.append(
                {
                    "row": row,
                    "column": None,
                    "message": "no company (account) given; the deal is not linked to a company",
                }
            )
        contact_id = None
        if v["contact_email"]:
            contact_id = self._contact_ids().get(v["contact_email"])
            if contact_id is None:
                self.warnings.append(
                    {
                        "row": row,
                        "column": None,
                        "message": f"no contact with email {v['contact_email']}; the deal is not linked to a contact",
                    }
                )
        name_key = f"name and company:{(v['name'] or '').lower()}|{company_id}"
        keys = [f"external id:{v['external_id']}"] if v["external_id"] else [name_key]
        if self._duplicate(keys, row):
            return
        old = self._match_deal(v, company_id)
        if old is not None and old.get("deleted_at") is not None:
            self._error(row, "external_id", "matches a deleted deal; restore it before importing")
            return
        stage = v["stage"]
        if old is None:
            if not v["name"]:
                self._error(row, "name", "a new deal needs a name")
                return
            if stage is None:
                stage = self._first_stage()
                if stage is None:
                    self._error(row, "stage", "the organization has no default pipeline")
                    return
            values = {
                "name": v["name"],
                "company_id": company_id,
                "contact_id": contact_id,
                "pipeline_id": self.vocab.pipeline_id,
                "stage_id": stage["id"],
                "amount": v["amount"],
                "currency": v["currency"] or "USD",
                "expected_close": v["expected_close"],
                "probability": v["probability"] if v["probability"] is not None else stage["probability"],
                "status": stage["kind"],
                "close_reason": v["close_reason"],
                "closed_at": datetime.now(UTC) if stage["kind"] != "open" else None,
                "owner_id": v["owner_id"],
                "custom": v["custom"],
                "external_id": v["external_id"],
            }
        else:
            values = {c: old[c] for c in DEAL_COLUMNS}
            for c in ("name", "amount", "currency", "expected_close", "probability", "close_reason", "owner_id"):
                if v[c] is not None:
                    values[c] = v[c]
            if company_id is not None:
                values["company_id"] = company_id
            if contact_id is not None:
                values["contact_id"] = contact_id
            if stage is not None and stage["id"] != old["stage_id"]:
                values["pipeline_id"], values["stage_id"], values["status"] = (
                    self.vocab.pipeline_id,
                    stage["id"],
                    stage["kind"],
                )
                if v["probability"] is None:
                    values["probability"] = stage["probability"]
                values["closed_at"] = (old["closed_at"] or datetime.now(UTC)) if stage["kind"] != "open" else None
            values["custom"] = {**old["custom"], **v["custom"]}
        self._emit(row, old, values)

    def _first_stage(self) -> dict[str, Any] | None:
        stages = sorted(self.vocab.stages, key=lambda s: s["position"])
        return next((s for s in stages if s["kind"] == "open"), stages[0] if stages else None)

    def _contact_ids(self) -> dict[str, UUID]:
        if not hasattr(self, "_contact_email_ids"):
            self._contact_email_ids: dict[str, UUID] = {}
            for c in self.existing.contacts:
                if c.get("deleted_at") is None:
                    for e in c["emails"]:
                        self._contact_email_ids.setdefault(e, c["id"])
        return self._contact_email_ids

    def _match_deal(self, v: Mapping[str, Any], company_id: UUID | None) -> dict[str, Any] | None:
        if not hasattr(self, "_deals_by_ext"):
            self._deals_by_ext = {d["external_id"]: d for d in self.existing.deals if d.get("external_id")}
            self._deals_by_name: dict[tuple[str, UUID | None], dict[str, Any]] = {}
            for d in self.existing.deals:
                if d.get("deleted_at") is None:
                    self._deals_by_name.setdefault((d["name"].lower(), d["company_id"]), d)
        if v["external_id"]:
            hit = self._deals_by_ext.get(v["external_id"])
            if hit is not None:
                return hit
        if v["name"]:
            return self._deals_by_name.get((v["name"].lower(), company_id))
        return None


def make_plan(entity: str, transformed: Transformed, vocab: Vocab, existing: Existing) -> Plan:
    """Decide every row's fate without writing anything."""
    return Planner(entity, vocab, existing).plan(transformed)
