"""Per-row normalisation of a parsed file into the target entity's fields, with row-level errors and warnings.

The rules are the record services' rules: values go through ``normalize``, lifecycle stages and deal
stages through ``normalize.match_choice`` against the organization's own lists, custom fields through
``custom_fields.validate_custom``. Picklist values that had to be normalised are reported once per distinct
value ("normalised 'closd won' -> 'Closed Won'", with the rows), because a person should see what was guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from leadloom.crm import company_names, normalize
from leadloom.crm.custom_fields import validate_custom
from leadloom.crm.errors import ValidationError
from leadloom.crm.imports.reader import CsvTable

_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "usd": "USD", "eur": "EUR", "gbp": "GBP"}
_TAG_SPLIT = re.compile(r"[,;|]")
_RANGE = re.compile(r"^\s*(\d[\d,.]*)\s*(?:-|–|to)\s*(\d[\d,.]*)\s*$")
# Plain ASCII addresses that email-validator accepts whatever their domain: dot-atoms without leading, trailing
# or doubled dots. Their local part needs no further check, so only the domain is validated (once per domain).
_SIMPLE_EMAIL = re.compile(r"^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")


# North American numbers in the usual spellings: "(415) 555-0101", "415.555.0101", "+1 415 555 0101". With a valid
# area code and exchange (first digits 2-9) phonenumbers gives "+1" and the ten digits; checked without parsing.
_NANP = re.compile(r"^(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?([2-9]\d{2})[\s.-]?(\d{4})$")


def phone(raw: str, region: str) -> str:
    """``normalize.phone`` with a fast path for plain North American numbers when the region is US or CA."""
    if region in ("US", "CA"):
        m = _NANP.match(raw.strip())
        if m is not None:
            return "+1" + "".join(m.groups())
    return normalize.phone(raw, region=region)


class EmailNormaliser:
    """``normalize.email`` with the costly domain validation done once per distinct domain.

    Addresses outside the simple pattern go through ``normalize.email`` unchanged, so the rules are the same.
    """

    def __init__(self) -> None:
        self._domains: dict[str, bool] = {}

    def __call__(self, raw: str) -> str:
        text = normalize.clean_text(raw, max_len=320)
        m = _SIMPLE_EMAIL.match(text)
        if m is None or len(text) > 254 or len(text.split("@", 1)[0]) > 64:
            return normalize.email(raw)
        dom = m.group(1).lower()
        ok = self._domains.get(dom)
        if ok is None:
            try:
                normalize.email(f"postmaster@{dom}")
                ok = True
            except ValueError:
                ok = False
            self._domains[dom] = ok
        if not ok:
            return normalize.email(raw)  # for its exact message
        return text.lower()


@dataclass
class Vocab:
    """What the organization has configured, loaded once per import."""

    lifecycle: list[tuple[str, str]]  # (key, label) in position order
    pipeline_id: UUID | None
    stages: list[dict[str, Any]]  # id, name, kind, probability, position
    custom_defs: list[dict[str, Any]]
    users: list[dict[str, Any]]  # id, email, name


@dataclass
class RowResult:
    row: int
    values: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Transformed:
    rows: list[RowResult]
    warnings: list[dict[str, Any]]
    normalised_values: int = 0


class _Picklists:
    """Cached picklist matching, collecting one warning per distinct normalised value."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], tuple[Any, str | None, str | None]] = {}
        self.hits: dict[tuple[str, str, str], list[int]] = {}

    def match(
        self, kind: str, raw: str, resolve: Callable[[str], tuple[Any, str]], *, row: int, column: str
    ) -> tuple[Any, str | None]:
        """(value, error). ``resolve`` returns (stored value, what a person sees) or raises ValueError."""
        key = (kind, raw)
        if key not in self.cache:
            try:
                value, shown = resolve(raw)
                self.cache[key] = (value, shown, None)
            except ValueError as exc:
                self.cache[key] = (None, None, str(exc))
        value, seen, error = self.cache[key]
        if error is None and seen is not None and raw != seen:
            self.hits.setdefault((column, raw, seen), []).append(row)
        return value, error

    def warnings(self) -> list[dict[str, Any]]:
        out = []
        for (column, raw, shown), rows in self.hits.items():
            more = f" ({len(rows)} rows)" if len(rows) > 1 else ""
            out.append(
                {
                    "row": rows[0],
                    "rows": rows[:20],
                    "column": column,
                    "message": f"normalised {raw!r} → {shown!r}{more}",
                }
            )
        return out


class _Row:
    """Accessor for one row's mapped cells that records errors against the right column."""

    def __init__(self, cells: Sequence[str], number: int, index: Mapping[str, int], mapping: Mapping[str, str]):
        self.cells, self.number, self.index, self.mapping = cells, number, index, mapping
        self.errors: list[dict[str, Any]] = []

    def raw(self, fld: str) -> str:
        column = self.mapping.get(fld)
        if column is None:
            return ""
        return self.cells[self.index[column]].strip()

    def error(self, fld: str, message: str) -> None:
        self.errors.append({"row": self.number, "column": self.mapping.get(fld), "field": fld, "message": message})

    def convert(self, fld: str, fn: Callable[[str], Any]) -> Any:
        raw = self.raw(fld)
        if not raw:
            return None
        try:
            return fn(raw)
        except ValueError as exc:
            self.error(fld, str(exc))
            return None


class Transformer:
    """Turns rows into clean values for one entity. Build once per import; caches repeated values."""

    def __init__(self, entity: str, mapping: Mapping[str, str], vocab: Vocab, *, region: str = "US") -> None:
        self.entity, self.mapping, self.vocab, self.region = entity, dict(mapping), vocab, region
        self.picklists = _Picklists()
        self._dates: dict[str, date | str] = {}
        self._owners: dict[str, UUID | str] = {}
        stage_labels = [label for _, label in vocab.lifecycle]
        self._stage_by_label = {label: key for key, label in vocab.lifecycle}
        self._stage_by_key = dict(vocab.lifecycle)
        self._stage_choices = stage_labels + [k for k, _ in vocab.lifecycle]
        self._deal_stages = {s["name"]: s for s in vocab.stages}
        entity_key = {"contacts": "contact", "companies": "company", "deals": "deal"}[entity]
        self.custom_defs = [d for d in vocab.custom_defs if d["entity"] == entity_key]
        self._user_names = [u["name"] for u in vocab.users if u.get("name")]
        self._email = EmailNormaliser()
        self._select = {d["key"]: d["type"] in ("select", "multi_select") for d in self.custom_defs}

    # -- shared converters ---------------------------------------------------------------------------

    def _date(self, raw: str) -> date:
        hit = self._dates.get(raw)
        if hit is None:
            try:
                hit = normalize.to_date(raw)
            except ValueError as exc:
                hit = str(exc)
            self._dates[raw] = hit
        if isinstance(hit, str):
            raise ValueError(hit)
        return hit

    def _owner(self, r: _Row) -> UUID | None:
        raw = r.raw("owner")
        if not raw:
            return None
        hit = self._owners.get(raw)
        if hit is None:
            hit = self._find_owner(raw)
            self._owners[raw] = hit
        if isinstance(hit, str):
            r.error("owner", hit)
            return None
        return hit

    def _find_owner(self, raw: str) -> UUID | str:
        by_email = {u["email"].lower(): u["id"] for u in self.vocab.users}
        if "@" in raw and raw.lower() in by_email:
            return by_email[raw.lower()]
        try:
            name = normalize.match_choice(raw, self._user_names, cutoff=90)
        except ValueError:
            return f"no user {raw!r} in this organization (match by email or name)"
        return next(u["id"] for u in self.vocab.users if u["name"] == name)

    def _custom(self, r: _Row) -> dict[str, Any]:
        values = {f[7:]: r.raw(f) for f in self.mapping if f.startswith("custom.") and r.raw(f)}
        if not values:
            return {}
        try:
            clean = validate_custom(self.custom_defs, values, partial=True)
        except ValidationError as exc:
            for e in exc.errors:
                r.error(e["field"], e["message"])
            return {}
        for key, value in clean.items():
            # Select values that had to be matched are reported like the built-in picklists.
            shown = ", ".join(value) if isinstance(value, list) else value
            if self._select.get(key) and shown != values[key]:
                self.picklists.hits.setdefault((self.mapping[f"custom.{key}"], values[key], shown), []).append(r.number)
        return clean

    def _text(self, r: _Row, fld: str, max_len: int = 1000) -> str | None:
        return r.convert(fld, lambda v: normalize.clean_text(v, max_len=max_len) or None)

    def _company_ref(self, r: _Row) -> dict[str, str] | None:
        name = self._text(r, "company_name", 300)
        dom = r.convert("company_domain", normalize.domain)
        if not name and not dom:
            return None
        return {"name": name or "", "domain": dom or ""}

    # -- entities -------------------------------------------------------------------------------------

    def contact(self, r: _Row) -> dict[str, Any]:
        v: dict[str, Any] = {}
        first = self._text(r, "first_name", 200)
        last = self._text(r, "last_name", 200)
        if not first and not last and r.raw("full_name"):
            first, last = r.convert("full_name", normalize.split_name) or (None, None)
        v["first_name"], v["last_name"] = first or None, last or None
        emails = [e for e in (r.convert("email", self._email), r.convert("secondary_email", self._email)) if e]
        v["emails"] = list(dict.fromkeys(emails))
        phones = [
            p
            for p in (
                r.convert("phone", lambda x: phone(x, self.region)),
                r.convert("mobile_phone", lambda x: phone(x, self.region)),
            )
            if p
        ]
        v["phones"] = list(dict.fromkeys(phones))
        v["title"] = self._text(r, "title", 300)
        v["lead_source"] = self._text(r, "lead_source", 200)
        v["company"] = self._company_ref(r)
        raw_stage = r.raw("lifecycle_stage")
        if raw_stage:
            key, err = self.picklists.match(
                "lifecycle", raw_stage, self._lifecycle, row=r.number, column=self.mapping["lifecycle_stage"]
            )
            if err:
                r.error("lifecycle_stage", err)
            v["lifecycle_stage"] = key
        else:
            v["lifecycle_stage"] = None
        v["owner_id"] = self._owner(r)
        tags = r.convert("tags", lambda x: sorted({normalize.tag(t) for t in _TAG_SPLIT.split(x) if t.strip()}))
        v["tags"] = tags or []
        v["email_consent"] = r.convert("email_consent", normalize.to_bool)
        v["sms_consent"] = r.convert("sms_consent", normalize.to_bool)
        v["next_follow_up"] = r.convert("next_follow_up", self._date)
        v["custom"] = self._custom(r)
        v["external_id"] = self._text(r, "external_id", 200)
        if not (v["first_name"] or v["last_name"] or v["emails"]) and not r.errors:
            r.error("email", "the row has neither a name nor an email address")
        return v

    def _lifecycle(self, raw: str) -> tuple[str, str]:
        choice = normalize.match_choice(raw, self._stage_choices)
        key = self._stage_by_label.get(choice, choice)
        # What a person sees is the label; a value equal to the key or label is not a normalisation.
        label = self._stage_by_key[key]
        return key, raw if raw in (key, label) else label

    def company(self, r: _Row) -> dict[str, Any]:
        v: dict[str, Any] = {}
        v["name"] = self._text(r, "name", 300)
        v["domain"] = r.convert("domain", normalize.domain)
        v["industry"] = self._text(r, "industry", 200)
        v["size"] = r.convert("size", self._size)
        v["owner_id"] = self._owner(r)
        v["custom"] = self._custom(r)
        v["external_id"] = self._text(r, "external_id", 200)
        if not v["name"] and not v["domain"] and not v["external_id"] and not r.errors:
            r.error("name", "the row has neither a company name nor a domain")
        return v

    @staticmethod
    def _size(raw: str) -> int:
        m = _RANGE.match(raw)
        number = normalize.to_number(m.group(1) if m else raw.rstrip("+"))
        if number < 0:
            raise ValueError(f"{raw!r} is negative")
        return int(number)

    def deal(self, r: _Row) -> dict[str, Any]:
        v: dict[str, Any] = {}
        v["name"] = self._text(r, "name", 300)
        v["company"] = self._company_ref(r)
        v["contact_email"] = r.convert("contact_email", self._email)
        raw_stage = r.raw("stage")
        v["stage"] = None
        if raw_stage:
            stage, err = self.picklists.match(
                "stage", raw_stage, self._deal_stage, row=r.number, column=self.mapping["stage"]
            )
            if err:
                r.error("stage", err)
            v["stage"] = stage
        raw_amount = r.raw("amount")
        v["amount"] = r.convert("amount", self._amount)
        currency = r.convert("currency", self._currency)
        if currency is None and raw_amount:
            lowered = raw_amount.lower()
            currency = next((c for sign, c in _CURRENCY_SIGNS.items() if sign in lowered), None)
        v["currency"] = currency
        v["expected_close"] = r.convert("expected_close", self._date)
        v["probability"] = r.convert("probability", self._probability)
        v["close_reason"] = self._text(r, "close_reason", 1000)
        v["owner_id"] = self._owner(r)
        v["custom"] = self._custom(r)
        v["external_id"] = self._text(r, "external_id", 200)
        if not v["name"] and not v["external_id"] and not r.errors:
            r.error("name", "the row has no deal name")
        return v

    def _deal_stage(self, raw: str) -> tuple[dict[str, Any], str]:
        if not self._deal_stages:
            raise ValueError("the organization has no default pipeline")
        name = normalize.match_choice(raw, list(self._deal_stages))
        return self._deal_stages[name], name

    @staticmethod
    def _amount(raw: str) -> Decimal:
        amount = normalize.to_number(raw)
        if amount < 0:
            raise ValueError(f"{raw!r} is negative; deal amounts are 0 or more")
        if amount >= Decimal("1e12"):
            raise ValueError(f"{raw!r} is too large")
        return amount.quantize(Decimal("0.01"))

    @staticmethod
    def _currency(raw: str) -> str:
        code = _CURRENCY_SIGNS.get(raw.strip().lower(), raw.strip().upper())
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"{raw!r} is not a 3-letter currency code")
        return code

    @staticmethod
    def _probability(raw: str) -> int:
        number = normalize.to_number(raw)
        if 0 < number < 1 and "%" not in raw:
            number *= 100  # 0.25 means 25 %
        if not 0 <= number <= 100:
            raise ValueError(f"{raw!r} is not a probability between 0 and 100")
        return int(number.to_integral_value())

    # -- driver ---------------------------------------------------------------------------------------

    def run(self, table: CsvTable, progress: Callable[[int], None] | None = None) -> Transformed:
        index = {name: i for i, name in enumerate(table.header)}
        convert = {"contacts": self.contact, "companies": self.company, "deals": self.deal}[self.entity]
        results = []
        for i, (cells, number) in enumerate(zip(table.rows, table.row_numbers, strict=True)):
            r = _Row(cells, number, index, self.mapping)
            if number in table.bad_rows:
                results.append(RowResult(number, {}, [i for i in table.issues if i["row"] == number]))
                continue
            values = convert(r)
            results.append(RowResult(number, values, r.errors))
            if progress is not None and i % 2000 == 1999:
                progress(i + 1)
        warnings = [i for i in table.issues if i.get("level") == "warning"] + self.picklists.warnings()
        return Transformed(results, warnings, sum(len(v) for v in self.picklists.hits.values()))


def fold_name(name: str) -> str:
    """Company name key: folded, legal-form words dropped ("ACME Corp." and "Acme Corporation" -> "acme")."""
    return company_names.key(name)
