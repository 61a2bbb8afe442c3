"""Deals: create, read, update, stage moves (won/lost with reasons), list with filters and keyset pages,
soft delete and restore, and the per-stage pipeline summary.

Every write runs in one transaction with its record_history row, and a stage move also writes a
deal_stage_changes row (the timeline and "stalled deal" recommendations read those).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import psycopg
from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.custom_fields import validate_custom
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.crm.models.deals import (
    DEAL_SORTS,
    Deal,
    DealCreate,
    DealFilter,
    DealUpdate,
    Pipeline,
    Stage,
)
from leadloom.crm.pagination import Page, clamp_limit, decode_cursor, encode_cursor
from leadloom.crm.permissions import Action
from leadloom.crm.repositories import deals as repo
from leadloom.crm.repositories import history
from leadloom.crm.repositories import pipelines as pipelines_repo
from leadloom.crm.services._access import authorize_record
from leadloom.crm.services._dealsupport import Problems, require_write, to_datetime, verbatim_text
from leadloom.crm.services.pipelines import load_pipeline, resolve_stage

# Active ISO 4217 codes. A typo such as "USDD" or "EURO" must fail loudly, not become a new currency.
ISO_4217 = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
    CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
    GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP
    LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW
    ZWG""".split()
)
MAX_AMOUNT = Decimal("999999999999.99")  # numeric(14,2)
_CENTS = Decimal("0.01")


# --- input cleaning ---------------------------------------------------------------------------------


def clean_currency(value: object) -> str:
    code = normalize.clean_text(value, max_len=10).upper()
    if code not in ISO_4217:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP)")
    return code


def clean_amount(value: object) -> Decimal:
    amount = normalize.to_number(value)
    if amount < 0:
        raise ValueError("must not be negative")
    if amount > MAX_AMOUNT:
        raise ValueError(f"must be at most {MAX_AMOUNT}")
    return amount.quantize(_CENTS)


def clean_probability(value: object) -> int:
    number = normalize.to_number(value)
    if not 0 <= number <= 100:
        raise ValueError("must be between 0 and 100")
    return int(number.to_integral_value())


def _clean_fields(data: DealCreate | DealUpdate, problems: Problems) -> dict[str, Any]:
    """Normalised values of the fields that were given (explicit nulls included)."""
    given = data.model_fields_set
    out: dict[str, Any] = {}

    def take(field: str, fn: Any) -> None:
        if field not in given:
            return
        value = getattr(data, field)
        if value is None or (isinstance(value, str) and not value.strip()):
            out[field] = None
            return
        try:
            out[field] = fn(value)
        except ValueError as exc:
            problems.add(field, str(exc))

    take("name", lambda v: normalize.clean_text(v, max_len=300))
    take("amount", clean_amount)
    take("currency", clean_currency)
    take("expected_close", normalize.to_date)
    take("probability", clean_probability)
    take("close_reason", lambda v: verbatim_text(v, max_len=2000))
    take("external_id", lambda v: normalize.clean_text(v, max_len=200))
    for field in ("company_id", "contact_id", "owner_id", "custom", "stage", "pipeline_id"):
        if field in given:
            out[field] = getattr(data, field)
    if "name" in given and not out.get("name"):
        problems.add("name", "is required")
    if "currency" in given and out.get("currency", "x") is None:
        problems.add("currency", "is required (an ISO 4217 code)")
    return out


async def _check_links(
    conn: Conn, actor: Actor, values: dict[str, Any], problems: Problems, *, fill_company: bool
) -> None:
    """Linked records must exist in this organization; another organization's id looks like no record at all.

    With ``fill_company``, a deal given a contact but no company takes the contact's company.
    """
    if values.get("company_id") and not await repo.company_ref(
        conn, org_id=actor.org_id, company_id=values["company_id"]
    ):
        problems.add("company_id", "no such company in this organization")
    if values.get("contact_id"):
        contact = await repo.contact_ref(conn, org_id=actor.org_id, contact_id=values["contact_id"])
        if contact is None:
            problems.add("contact_id", "no such contact in this organization")
        elif fill_company and contact["company_id"] is not None:
            values["company_id"] = contact["company_id"]
    if values.get("owner_id") and not await repo.user_exists(conn, org_id=actor.org_id, user_id=values["owner_id"]):
        problems.add("owner_id", "no such user in this organization")


async def _clean_custom(
    conn: Conn, actor: Actor, custom: dict[str, Any] | None, problems: Problems, *, partial: bool
) -> dict[str, Any]:
    defs = await repo.custom_field_defs(conn, org_id=actor.org_id, entity="deal")
    try:
        return validate_custom(defs, custom or {}, partial=partial)
    except ValidationError as exc:
        problems.errors.extend(exc.errors)
        return {}


def _apply_stage(
    values: dict[str, Any], before: dict[str, Any] | None, stage: Stage, reason: str | None, now: datetime
) -> None:
    """Status, closing time, reason and probability that follow from entering ``stage``.

    Won/lost stages close the deal (keeping the original close time when it was already closed the same
    way); an open stage reopens it and clears the closing fields.
    """
    values["stage_id"] = stage.id
    values["status"] = stage.kind
    values["probability"] = stage.probability
    if stage.kind == "open":
        values["closed_at"] = None
        values["close_reason"] = None
        return
    same = before is not None and before["status"] == stage.kind
    values["closed_at"] = before["closed_at"] if same and before and before["closed_at"] else now
    if reason is not None:
        values["close_reason"] = reason
    elif not same:
        values["close_reason"] = None


def _to_deal(row: dict[str, Any]) -> Deal:
    return Deal(**row)


def _deal_columns(row: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "name",
        "company_id",
        "contact_id",
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
    return {k: row.get(k) for k in keys}


def _conflict(exc: psycopg.errors.UniqueViolation) -> ConflictError:
    constraint = exc.diag.constraint_name or ""
    if "ext" in constraint:
        return ConflictError("another deal already has this external_id")
    return ConflictError("this change clashes with an existing record")


# --- services ---------------------------------------------------------------------------------------


async def create_deal(pool: AsyncConnectionPool[Conn], actor: Actor, data: DealCreate) -> Deal:
    """A new deal in a pipeline (default pipeline and its first stage unless given).

    ``stage`` may be an id or a name matched leniently ("closed won" -> "Closed Won"). Probability
    defaults to the stage's; a won/lost stage closes the deal at once (``close_reason`` says why).
    The owner defaults to the acting user.
    """
    require_write(actor)
    problems = Problems()
    values = _clean_fields(data, problems)
    values.setdefault("currency", "USD")
    if values.get("currency") is None:
        values["currency"] = "USD"
    if "owner_id" not in data.model_fields_set:
        values["owner_id"] = actor.user_id
    now = datetime.now(UTC)
    try:
        async with org_tx(pool, actor) as conn:
            try:
                pipeline: Pipeline = await load_pipeline(conn, actor, values.get("pipeline_id"))
            except NotFoundError as exc:
                problems.add("pipeline_id", exc.detail)
                problems.raise_if_any()
                raise
            stage = pipeline.stages[0] if not values.get("stage") else None
            if values.get("stage"):
                try:
                    stage = resolve_stage(pipeline, values["stage"])
                except ValidationError as exc:
                    problems.errors.extend(exc.errors)
            await _check_links(conn, actor, values, problems, fill_company="company_id" not in data.model_fields_set)
            values["custom"] = await _clean_custom(conn, actor, data.custom, problems, partial=False)
            if stage is not None and stage.kind == "open" and values.get("close_reason"):
                problems.add("close_reason", f"only won/lost deals have a close reason; {stage.name!r} is open")
            problems.raise_if_any()
            assert stage is not None
            explicit_probability = values.get("probability")
            _apply_stage(values, None, stage, values.get("close_reason"), now)
            if explicit_probability is not None:
                values["probability"] = explicit_probability
            row = {k: values.get(k) for k in _deal_columns(values)}
            row.update(pipeline_id=pipeline.id)
            deal_id = await repo.insert_deal(conn, org_id=actor.org_id, values=row)
            await repo.insert_stage_change(
                conn,
                org_id=actor.org_id,
                deal_id=deal_id,
                from_stage_id=None,
                to_stage_id=stage.id,
                from_stage=None,
                to_stage=stage.name,
                from_status=None,
                to_status=stage.kind,
                reason=values.get("close_reason"),
                changed_by=actor.user_id,
            )
            created = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
            assert created is not None
            await history.record(conn, actor, entity="deal", entity_id=deal_id, action="create", after=created)
    except psycopg.errors.UniqueViolation as exc:
        raise _conflict(exc) from None
    return _to_deal(created)


async def get_deal(pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID) -> Deal:
    async with org_tx(pool, actor) as conn:
        row = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
    if row is None:
        raise NotFoundError(f"no deal {deal_id}")
    return _to_deal(row)


async def _locked_deal(conn: Conn, actor: Actor, deal_id: UUID, action: Action = "record.update") -> dict[str, Any]:
    """The deal, locked, once the actor is known to be allowed to ``action`` it (crm/permissions.py)."""
    if not await repo.lock_deal(conn, org_id=actor.org_id, deal_id=deal_id):
        raise NotFoundError(f"no deal {deal_id}")
    row = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
    if row is None:
        raise NotFoundError(f"no deal {deal_id}")
    await authorize_record(conn, actor, action, row)
    return row


async def _write_move(conn: Conn, actor: Actor, before: dict[str, Any], stage: Stage, reason: str | None) -> None:
    await repo.insert_stage_change(
        conn,
        org_id=actor.org_id,
        deal_id=before["id"],
        from_stage_id=before["stage_id"],
        to_stage_id=stage.id,
        from_stage=before["stage"],
        to_stage=stage.name,
        from_status=before["status"],
        to_status=stage.kind,
        reason=reason,
        changed_by=actor.user_id,
    )


async def update_deal(pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID, changes: DealUpdate) -> Deal:
    """Change the fields that are set in ``changes`` (null clears). A ``stage`` here moves the deal like
    move_deal_stage, with ``close_reason`` as the reason."""
    require_write(actor, "record.update")
    problems = Problems()
    values = _clean_fields(changes, problems)
    if "name" in values and values["name"] is None:
        problems.add("name", "is required")
    now = datetime.now(UTC)
    try:
        async with org_tx(pool, actor) as conn:
            before = await _locked_deal(conn, actor, deal_id)
            # A newly linked contact brings its company only when the deal has none and none was given.
            fill = "company_id" not in changes.model_fields_set and before["company_id"] is None
            await _check_links(conn, actor, values, problems, fill_company=fill)
            if "custom" in values:
                merged = {**before["custom"], **(values["custom"] or {})}
                values["custom"] = await _clean_custom(conn, actor, merged, problems, partial=False)
            new = {**_deal_columns(before), **{k: v for k, v in values.items() if k in _deal_columns(before)}}
            stage = None
            if values.get("stage"):
                pipeline = await load_pipeline(conn, actor, before["pipeline_id"])
                try:
                    stage = resolve_stage(pipeline, values["stage"])
                except ValidationError as exc:
                    problems.errors.extend(exc.errors)
            target_kind = stage.kind if stage else before["status"]
            if values.get("close_reason") and target_kind == "open":
                problems.add("close_reason", "only won/lost deals have a close reason")
            problems.raise_if_any()
            moved = stage is not None and stage.id != before["stage_id"]
            if moved:
                assert stage is not None
                _apply_stage(new, before, stage, values.get("close_reason"), now)
                if values.get("probability") is not None:
                    new["probability"] = values["probability"]
                await _write_move(conn, actor, before, stage, values.get("close_reason"))
            if new == _deal_columns(before):
                return _to_deal(before)
            await repo.update_deal(conn, org_id=actor.org_id, deal_id=deal_id, values=new)
            after = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
            assert after is not None
            await history.record(
                conn, actor, entity="deal", entity_id=deal_id, action="update", before=before, after=after
            )
    except psycopg.errors.UniqueViolation as exc:
        raise _conflict(exc) from None
    return _to_deal(after)


async def move_deal_stage(
    pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID, stage: str, *, reason: str | None = None
) -> Deal:
    """Move a deal to ``stage`` (id or lenient name) of its pipeline.

    A won/lost stage sets status, closed_at and close_reason (``reason``); an open stage reopens the deal
    and clears them. Moving to the stage it is already in only updates the reason, if one is given.
    """
    require_write(actor)
    clean_reason = None
    if reason is not None and reason.strip():
        try:
            clean_reason = verbatim_text(reason, max_len=2000)
        except ValueError as exc:
            raise ValidationError(f"reason {exc}", errors=[{"field": "reason", "message": str(exc)}]) from None
    async with org_tx(pool, actor) as conn:
        before = await _locked_deal(conn, actor, deal_id)
        pipeline = await load_pipeline(conn, actor, before["pipeline_id"])
        target = resolve_stage(pipeline, stage)
        if target.kind == "open" and clean_reason:
            raise ValidationError(
                f"only won/lost stages take a reason; {target.name!r} is open",
                errors=[{"field": "reason", "message": "only for won/lost stages"}],
            )
        if target.id == before["stage_id"] and (clean_reason is None or clean_reason == before["close_reason"]):
            return _to_deal(before)
        new = _deal_columns(before)
        if target.id == before["stage_id"]:
            new["close_reason"] = clean_reason
        else:
            _apply_stage(new, before, target, clean_reason, datetime.now(UTC))
            await _write_move(conn, actor, before, target, clean_reason)
        await repo.update_deal(conn, org_id=actor.org_id, deal_id=deal_id, values=new)
        after = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
        assert after is not None
        await history.record(
            conn, actor, entity="deal", entity_id=deal_id, action="stage_change", before=before, after=after
        )
    return _to_deal(after)


async def delete_deal(pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID) -> Deal:
    """Soft delete: the deal disappears from lists and summaries and can be restored."""
    require_write(actor, "record.delete")
    async with org_tx(pool, actor) as conn:
        before = await _locked_deal(conn, actor, deal_id, "record.delete")
        await repo.set_deleted(conn, org_id=actor.org_id, deal_id=deal_id, deleted_at=datetime.now(UTC))
        after = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id, include_deleted=True)
        assert after is not None
        await history.record(conn, actor, entity="deal", entity_id=deal_id, action="delete", before=before, after=after)
    return _to_deal(after)


async def restore_deal(pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID) -> Deal:
    """Undo a soft delete (a deal that is not deleted is returned unchanged)."""
    require_write(actor)
    async with org_tx(pool, actor) as conn:
        if not await repo.lock_deal(conn, org_id=actor.org_id, deal_id=deal_id):
            raise NotFoundError(f"no deal {deal_id}")
        before = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id, include_deleted=True)
        assert before is not None
        await authorize_record(conn, actor, "record.delete", before)
        if before["deleted_at"] is None:
            return _to_deal(before)
        await repo.set_deleted(conn, org_id=actor.org_id, deal_id=deal_id, deleted_at=None)
        after = await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id)
        assert after is not None
        await history.record(
            conn, actor, entity="deal", entity_id=deal_id, action="restore", before=before, after=after
        )
    return _to_deal(after)


async def _stage_ids(conn: Conn, actor: Actor, value: str, pipeline_id: UUID | None) -> list[UUID]:
    """Ids of the stages ``value`` names (an id, or a lenient name across the organization's pipelines)."""
    stages = await pipelines_repo.list_stages(conn, org_id=actor.org_id, pipeline_id=pipeline_id)
    text = value.strip()
    exact = [s["id"] for s in stages if str(s["id"]) == text]
    if exact:
        return exact
    names = list(dict.fromkeys(s["name"] for s in stages))
    try:
        name = normalize.match_choice(text, names)
    except ValueError:
        raise ValidationError(
            f"unknown stage {text!r}; valid stages: {', '.join(names)}",
            errors=[{"field": "stage", "message": f"unknown stage; valid stages: {', '.join(names)}", "valid": names}],
        ) from None
    return [s["id"] for s in stages if s["name"] == name]


def _clean_filters(filters: DealFilter, problems: Problems) -> dict[str, Any]:
    out: dict[str, Any] = {
        "pipeline_id": filters.pipeline_id,
        "company_id": filters.company_id,
        "contact_id": filters.contact_id,
        "status": filters.status,
        "owner_id": filters.owner_id,
        "include_deleted": filters.include_deleted,
        "stage_ids": None,
        "q": None,
        "q_like": None,
    }
    if filters.q and filters.q.strip():
        text = normalize.clean_text(filters.q, max_len=200)
        out["q"] = text
        # LIKE wildcards in the user's text are literal characters, not patterns.
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        out["q_like"] = f"%{escaped}%"
    parsers: dict[str, Any] = {
        "min_amount": normalize.to_number,
        "max_amount": normalize.to_number,
        "closing_before": normalize.to_date,
        "closing_after": normalize.to_date,
        "created_after": to_datetime,
        "created_before": to_datetime,
    }
    for field, fn in parsers.items():
        value = getattr(filters, field)
        out[field] = None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            out[field] = fn(value)
        except ValueError as exc:
            problems.add(field, str(exc))
    return out


def _sort(sort: str) -> tuple[str, bool]:
    if sort not in DEAL_SORTS:
        raise ValidationError(
            f"unknown sort {sort!r}; use one of: {', '.join(DEAL_SORTS)}",
            errors=[{"field": "sort", "message": "unknown sort", "valid": list(DEAL_SORTS)}],
        )
    return sort.lstrip("-"), sort.startswith("-")


async def list_deals(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    filters: DealFilter | None = None,
    *,
    sort: str = "-created_at",
    limit: int = 50,
    cursor: str | None = None,
) -> Page[Deal]:
    """Deals matching ``filters``, sorted, one keyset page at a time (pass ``next_cursor`` back for more)."""
    filters = filters or DealFilter()
    key, descending = _sort(sort)
    limit = clamp_limit(limit)
    after = None
    if cursor:
        c = decode_cursor(cursor, sort)
        after = (c.sort_value, c.id)
    problems = Problems()
    params = _clean_filters(filters, problems)
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        if filters.stage:
            params["stage_ids"] = await _stage_ids(conn, actor, filters.stage, filters.pipeline_id)
        rows = await repo.list_deals(
            conn, org_id=actor.org_id, filters=params, sort_key=key, descending=descending, after=after, limit=limit + 1
        )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"], sort)
    return Page[Deal](items=[_to_deal(r) for r in rows], next_cursor=next_cursor)


async def pipeline_summary(
    pool: AsyncConnectionPool[Conn], actor: Actor, pipeline_id: UUID | None = None, owner_id: UUID | None = None
) -> list[dict[str, Any]]:
    """Per stage, in pipeline order: stage, kind, count, amount and weighted amount (amount x probability).

    The deal's own probability counts when set, else the stage's. Amounts are summed as stored, whatever
    their currency: organizations that sell in several currencies should filter by owner or pipeline.
    """
    async with org_tx(pool, actor) as conn:
        pipeline = await load_pipeline(conn, actor, pipeline_id)
        rows = await repo.pipeline_summary(conn, org_id=actor.org_id, pipeline_id=pipeline.id, owner_id=owner_id)
    return [
        {
            "pipeline_id": pipeline.id,
            "pipeline": pipeline.name,
            "stage_id": r["stage_id"],
            "stage": r["stage"],
            "kind": r["kind"],
            "position": r["position"],
            "probability": r["probability"],
            "count": r["count"],
            "amount": r["amount"],
            "weighted_amount": r["weighted_amount"],
        }
        for r in rows
    ]


async def deal_stage_history(pool: AsyncConnectionPool[Conn], actor: Actor, deal_id: UUID) -> list[dict[str, Any]]:
    """A deal's stage moves, newest first (including the stage it was created in)."""
    async with org_tx(pool, actor) as conn:
        if await repo.get_deal(conn, org_id=actor.org_id, deal_id=deal_id, include_deleted=True) is None:
            raise NotFoundError(f"no deal {deal_id}")
        return await repo.list_stage_changes(conn, org_id=actor.org_id, deal_id=deal_id)


__all__ = [
    "clean_amount",
    "clean_currency",
    "create_deal",
    "deal_stage_history",
    "delete_deal",
    "get_deal",
    "list_deals",
    "move_deal_stage",
    "pipeline_summary",
    "restore_deal",
    "update_deal",
]
