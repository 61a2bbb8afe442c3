"""Contact tools for the contacts specialist: search, read, create, change, bulk change, delete, log
activities, timeline, duplicates and merges (names as in docs/agent-tools.md).

Names of people, companies and owners are resolved here; deletes and merges always wait for a person's
approval, bulk changes when they touch more records than the organization's threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal
from uuid import UUID

from langchain.tools import tool

from leadloom.crm.errors import ValidationError
from leadloom.crm.models.activities import ActivityCreate, TaskFilter
from leadloom.crm.models.deals import DealFilter
from leadloom.crm.permissions import authorize
from leadloom.crm.services import activities as activities_svc
from leadloom.crm.services import contacts as contacts_svc
from leadloom.crm.services import deals as deals_svc
from leadloom.crm.services import dedup as dedup_svc
from leadloom.crm.services import timeline as timeline_svc
from leadloom.tools.approvals import needs_bulk_approval, require_approval
from leadloom.tools.common import (
    Runtime,
    caller,
    compact,
    contact_brief,
    context,
    drop_none,
    find_company,
    find_contact,
    find_user,
    jsonable,
)
from leadloom.tools.dates import parse_date, parse_datetime
from leadloom.tools.errors import Unresolved, tool_errors
from leadloom.tools.safety import confirm_if_untrusted, untrusted, untrusted_values

ContactSort = Literal["created_at", "-created_at", "name", "-score", "score", "next_follow_up", "-updated_at"]

# Filter keys a model may pass (docs/agent-tools.md, search_contacts) -> ContactFilter fields.
FILTER_KEYS = {
    "query": "q",
    "q": "q",
    "name": "name",
    "email": "email",
    "phone": "phone",
    "company": "company",
    "stage": "stage",
    "owner": "owner",
    "tag": "tag",
    "lead_source": "lead_source",
    "min_score": "min_score",
    "max_score": "max_score",
    "created_after": "created_after",
    "created_before": "created_before",
    "updated_after": "updated_after",
    "updated_before": "updated_before",
    "follow_up_before": "follow_up_before",
    "follow_up_after": "follow_up_after",
    "not_contacted_since": "not_contacted_since",
    "has_email": "has_email",
    "has_phone": "has_phone",
}
_DATE_FILTERS = {
    "created_after",
    "created_before",
    "updated_after",
    "updated_before",
    "follow_up_before",
    "follow_up_after",
    "not_contacted_since",
}
CHANGE_KEYS = (
    "first_name",
    "last_name",
    "name",
    "email",
    "phone",
    "title",
    "company",
    "stage",
    "lead_source",
    "owner",
    "tags",
    "tags_add",
    "tags_remove",
    "next_follow_up",
    "email_consent",
    "sms_consent",
    "custom_fields",
)
# What a person sees of a contact in before/after previews (ids are noise to them).
_SHOWN = {
    "lifecycle_stage": "stage",
    "owner_id": "owner",
    "company_id": "company",
    "custom": "custom_fields",
}


def contact_filters(filters: Mapping[str, Any] | None) -> dict[str, Any]:
    """search_contacts-style keys -> ContactFilter input, refusing unknown keys (a dropped filter widens
    the set, which for a bulk change or delete is the worst possible failure)."""
    out: dict[str, Any] = {}
    unknown = []
    for key, value in (filters or {}).items():
        if value is None or value == "":
            continue
        if key not in FILTER_KEYS:
            unknown.append(key)
            continue
        out[FILTER_KEYS[key]] = parse_date(value, key) if key in _DATE_FILTERS else value
    if unknown:
        raise ValidationError(
            f"unknown filter(s): {', '.join(sorted(unknown))}; use: {', '.join(sorted(set(FILTER_KEYS) - {'q'}))}",
            errors=[{"field": k, "message": "unknown filter"} for k in unknown],
        )
    return out


async def contact_changes(runtime: Runtime, changes: Mapping[str, Any]) -> dict[str, Any]:
    """update_contact-style keys -> ContactUpdate input: names of companies and owners become ids."""
    unknown = sorted(set(changes) - set(CHANGE_KEYS))
    if unknown:
        raise ValidationError(
            f"cannot change {', '.join(unknown)}; changeable: {', '.join(CHANGE_KEYS)}",
            errors=[{"field": k, "message": "not changeable"} for k in unknown],
        )
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "company":
            out["company_id"] = (await find_company(runtime, value)).id if value else None
        elif key == "owner":
            none = value is None or str(value).strip().lower() in contacts_svc.NO_OWNER
            out["owner_id"] = None if none else (await find_user(runtime, value))["id"]
        elif key == "stage":
            out["lifecycle_stage"] = value
        elif key == "custom_fields":
            out["custom"] = value
        elif key == "next_follow_up":
            out["next_follow_up"] = parse_date(value, key)
        else:
            out[key] = value
    return out


def contact_summary(c: Any) -> dict[str, Any]:
    """A contact as the model sees it in lists: short, names instead of ids."""
    return compact(
        {
            "id": c.id,
            "name": c.name,
            "email": c.email,
            "phone": c.phone,
            "title": c.title,
            "company": c.company_name,
            "stage": c.lifecycle_stage,
            "owner": c.owner_name,
            "score": c.score,
            "tags": c.tags,
            "next_follow_up": c.next_follow_up,
        }
    )


def _shown(c: Any) -> dict[str, Any]:
    return {
        "first_name": c.first_name,
        "last_name": c.last_name,
        "emails": c.emails,
        "phones": c.phones,
        "title": c.title,
        "company": c.company_name,
        "stage": c.lifecycle_stage,
        "lead_source": c.lead_source,
        "owner": c.owner_name,
        "tags": c.tags,
        "email_consent": c.email_consent,
        "sms_consent": c.sms_consent,
        "next_follow_up": c.next_follow_up,
        "custom_fields": c.custom,
    }


def before_after(old: Any, new: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    a, b = _shown(old), _shown(new)
    changed = [k for k in a if a[k] != b[k]]
    return jsonable({k: a[k] for k in changed}), jsonable({k: b[k] for k in changed})


def _readable(values: Mapping[str, Any]) -> dict[str, Any]:
    """Service before/after dicts use column names; show the names people use."""
    return {_SHOWN.get(k, k): v for k, v in values.items()}


@tool(parse_docstring=True)
@tool_errors
async def search_contacts(
    runtime: Runtime,
    query: str | None = None,
    name: str | None = None,
    email: str | None = None,
    company: str | None = None,
    stage: str | None = None,
    owner: str | None = None,
    tag: str | None = None,
    lead_source: str | None = None,
    min_score: int | None = None,
    max_score: int | None = None,
    created_after: str | None = None,
    created_before: str | None = None,
    follow_up_before: str | None = None,
    follow_up_after: str | None = None,
    not_contacted_since: str | None = None,
    sort_by: ContactSort = "-created_at",
    limit: int = 20,
) -> dict[str, Any]:
    """Find contacts by any mix of filters; every filter given narrows the result. Returns the total count
    and up to `limit` contacts (id, name, email, company, stage, owner, score, tags, next follow-up).

    Use it to answer "who/how many" questions and to find a contact before acting on it.

    Args:
        query: free text over name, title, emails, tags and phone, e.g. "ada" or "vip".
        name: part of the person's name, e.g. "Lovelace".
        email: a whole address or part of one, e.g. "@acme.com".
        company: company name (fuzzy), e.g. "Acme".
        stage: lifecycle stage, e.g. "lead", "mql", "sql", "opportunity", "customer".
        owner: the owning user: "me", a name or an email; "none" for unowned contacts.
        tag: a tag, e.g. "vip".
        lead_source: e.g. "web", "referral", "ads".
        min_score: lowest lead score (0-100).
        max_score: highest lead score (0-100).
        created_after: ISO date, e.g. "2025-01-31"; created on or after that day.
        created_before: ISO date; created strictly before that day.
        follow_up_before: ISO date; next follow-up on or before that day (e.g. today for "due").
        follow_up_after: ISO date; next follow-up on or after that day.
        not_contacted_since: ISO date; no call, email or meeting logged since then.
        sort_by: order: "-created_at" (newest first), "created_at", "name", "-score" (best first),
            "score", "next_follow_up", "-updated_at".
        limit: how many contacts to return (1-100).
    """
    ctx = context(runtime)
    actor = caller(runtime)
    filters = contact_filters(
        {
            "query": query,
            "name": name,
            "email": email,
            "company": company,
            "stage": stage,
            "owner": owner,
            "tag": tag,
            "lead_source": lead_source,
            "min_score": min_score,
            "max_score": max_score,
            "created_after": created_after,
            "created_before": created_before,
            "follow_up_before": follow_up_before,
            "follow_up_after": follow_up_after,
            "not_contacted_since": not_contacted_since,
        }
    )
    limit = max(1, min(limit, 100))
    page = await contacts_svc.list_contacts(ctx.pool, actor, filters, sort=sort_by, limit=limit)
    total = len(page.items) if page.next_cursor is None else await contacts_svc.count_contacts(ctx.pool, actor, filters)
    return {"count": total, "contacts": [contact_summary(c) for c in page.items], "more": total > len(page.items)}


@tool(parse_docstring=True)
@tool_errors
async def get_contact(runtime: Runtime, contact: str) -> dict[str, Any]:
    """One contact in full: details, company, owner, score, open deals and next open tasks.

    Args:
        contact: the contact's name, email or id, e.g. "Ada Lovelace" or "ada@acme.com".
    """
    ctx = context(runtime)
    actor = caller(runtime)
    found = await find_contact(runtime, contact)
    result: dict[str, Any] = {
        **contact_summary(found),
        **compact(
            {
                "emails": found.emails if len(found.emails) > 1 else None,
                "phones": found.phones if len(found.phones) > 1 else None,
                "lead_source": found.lead_source,
                "email_consent": found.email_consent,
                "sms_consent": found.sms_consent,
                "custom_fields": untrusted_values(found.custom),
                "created_at": found.created_at,
            }
        ),
    }
    deals = await deals_svc.list_deals(ctx.pool, actor, DealFilter(contact_id=found.id, status="open"), limit=10)
    result["open_deals"] = [
        compact({"id": d.id, "name": d.name, "stage": d.stage, "amount": d.amount, "currency": d.currency})
        for d in deals.items
    ]
    tasks = await activities_svc.list_tasks(ctx.pool, actor, TaskFilter(contact_id=found.id, status="open"), limit=5)
    result["next_tasks"] = [compact({"id": t.id, "subject": t.subject, "due": t.due_at}) for t in tasks.items]
    return result


@tool(parse_docstring=True)
@tool_errors
async def create_contact(
    runtime: Runtime,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    title: str | None = None,
    company: str | None = None,
    stage: str | None = None,
    lead_source: str | None = None,
    owner: str | None = None,
    tags: list[str] | None = None,
    next_follow_up: str | None = None,
    notes: str | None = None,
    custom_fields: dict[str, Any] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """Create a contact. Needs at least a name or an email. A company that does not exist yet is created.

    Args:
        first_name: e.g. "Ada".
        last_name: e.g. "Lovelace".
        email: e.g. "ada@acme.com".
        phone: e.g. "+1 415 555 0101".
        title: job title, e.g. "Head of Marketing".
        company: company name or domain, e.g. "Acme" or "acme.com".
        stage: lifecycle stage, e.g. "lead".
        lead_source: where the lead came from, e.g. "web".
        owner: the owning user: "me", a name or an email.
        tags: e.g. ["vip", "webinar"].
        next_follow_up: ISO date of the next follow-up, e.g. "2025-04-01".
        notes: text saved as a note on the contact's timeline.
        custom_fields: organization-defined fields, e.g. {"budget": 5000}.
        name: full name, when first and last name are not given separately, e.g. "Ada Lovelace".
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime,
            "create_contact",
            {"name": name or " ".join(p for p in (first_name, last_name) if p), "email": email},
            f"Create contact {name or first_name or email}",
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    data: dict[str, Any] = drop_none(
        {
            "first_name": first_name,
            "last_name": last_name,
            "name": name,
            "email": email,
            "phone": phone,
            "title": title,
            "lifecycle_stage": stage,
            "lead_source": lead_source,
            "tags": tags,
            "next_follow_up": parse_date(next_follow_up, "next_follow_up"),
            "custom": custom_fields,
        }
    )
    created_company = None
    if company:
        # A new contact at a company we have never heard of is normal: it is created with the contact.
        data["company_id"], created_company = await _company_or_new(runtime, company)
    if owner:
        data["owner_id"] = (await find_user(runtime, owner))["id"]
    created = await contacts_svc.create_contact(ctx.pool, actor, data, new_company=created_company)
    result: dict[str, Any] = {"created": contact_summary(created)}
    if created_company:
        result["created_company"] = created_company
    if notes:
        await activities_svc.log_activity(
            ctx.pool, actor, ActivityCreate(type="note", body=notes, contact_id=created.id)
        )
        result["note_logged"] = True
    return result


@tool(parse_docstring=True)
@tool_errors
async def update_contact(runtime: Runtime, contact: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change one contact: one field or several at once. Returns each changed field before -> after.

    Args:
        contact: the contact's name, email or id.
        changes: the fields to change, any of first_name, last_name, email, phone, title, company,
            stage, lead_source, owner, tags_add, tags_remove, next_follow_up (ISO date), email_consent,
            sms_consent, custom_fields; null clears a field. E.g. {"stage": "mql", "tags_add": ["vip"]}.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime,
            "update_contact",
            {"contact": contact, "changes": changes},
            f"Change {contact}: {', '.join(changes)}",
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    found = await find_contact(runtime, contact)
    new_company = None
    if changes.get("company"):
        # Someone who moved to a company we do not know yet: the company is created with the change.
        company_id, new_company = await _company_or_new(runtime, str(changes["company"]))
        what = await contact_changes(runtime, {k: v for k, v in changes.items() if k != "company"})
        what["company_id"] = company_id
    else:
        what = await contact_changes(runtime, changes)
    updated = await contacts_svc.update_contact(ctx.pool, actor, found.id, what, new_company=new_company)
    before, after = before_after(found, updated)
    if not after and not before:
        return {"id": str(found.id), "name": found.name, "changed": {}, "message": "nothing changed (same values)"}
    result = {"id": str(found.id), "name": updated.name, "before": before, "after": after}
    return {**result, "created_company": new_company} if new_company else result


async def _company_or_new(runtime: Runtime, ref: str) -> tuple[UUID | None, str | None]:
    """(id, None) for a company the organization has; (None, the name to create) for one it does not.
    Several close matches still raise the question which one was meant."""
    try:
        return (await find_company(runtime, ref)).id, None
    except Unresolved as exc:
        if "ambiguous" in exc.result:
            raise
        return None, ref.strip()


@tool(parse_docstring=True)
@tool_errors
async def bulk_update_contacts(runtime: Runtime, filters: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Apply the same change to every contact matching the filters (e.g. move all webinar leads to MQL).
    Above the organization's threshold the person is asked to approve first, with a before -> after preview.

    Args:
        filters: which contacts, same keys as search_contacts, e.g. {"tag": "webinar", "stage": "lead"}.
        changes: what to set, e.g. {"stage": "mql"} or {"owner": "me", "tags_add": ["q3"]};
            names and emails cannot be bulk-changed.
    """
    ctx = context(runtime)
    actor = caller(runtime)
    if not filters:
        raise ValidationError(
            "bulk changes need at least one filter", errors=[{"field": "filters", "message": "required"}]
        )
    where = contact_filters(filters)
    what = await contact_changes(runtime, changes)
    preview = await contacts_svc.preview_bulk_update(ctx.pool, actor, where, what, limit=20)
    count = preview["count"]
    if count == 0:
        return {"matched": 0, "changed": 0, "message": "no contacts match these filters"}
    approved = None
    if not needs_bulk_approval(ctx, count):
        # Below the threshold a bulk change needs no approval, unless untrusted text was read this turn.
        stop = confirm_if_untrusted(
            runtime, "bulk_update_contacts", {"filters": filters, "changes": changes}, f"Change {count} contacts"
        )
        if stop is not None:
            return stop
    if needs_bulk_approval(ctx, count):
        # Never ask a person to approve what their role cannot do (the service checks again on write).
        authorize(actor, "record.bulk")
        approval = require_approval(
            "bulk_update_contacts",
            {"filters": dict(filters), "changes": dict(changes)},
            {
                "summary": f"Change {', '.join(changes)} on {count} contacts",
                "count": count,
                "records": [
                    {**r, "before": _readable(r["before"]), "after": _readable(r["after"])} for r in preview["records"]
                ],
            },
        )
        if not approval.approved:
            return approval.rejected_result("bulk_update_contacts")
        approved = approval.decision
        if approval.decision == "edit":
            where = contact_filters(approval.args["filters"])
            what = await contact_changes(runtime, approval.args["changes"])
    changed = await contacts_svc.bulk_update_contacts(ctx.pool, actor, where, what)
    result = {
        "matched": count,
        "changed": changed,
        "changes": jsonable(changes),
        "sample": jsonable(preview["records"][:5]),
    }
    if approved:
        result["approval"] = approved
    return result


@tool(parse_docstring=True)
@tool_errors
async def delete_contacts(
    runtime: Runtime, contact: str | None = None, filters: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Delete one contact, or every contact matching filters. Always asks the person to approve first.
    Deleted contacts can be restored.

    Args:
        contact: one contact's name, email or id, e.g. "Ada Lovelace".
        filters: or several contacts by the search_contacts keys, e.g. {"tag": "spam"}.
    """
    ctx = context(runtime)
    actor = caller(runtime)
    if bool(contact) == bool(filters):
        raise ValidationError(
            "give either one contact or filters (not both, not neither)",
            errors=[{"field": "contact", "message": "contact xor filters"}],
        )
    if contact:
        found = await find_contact(runtime, contact)
        targets, count = [found], 1
        summary = f"Delete contact {found.name}"
    else:
        where = contact_filters(filters)
        page = await contacts_svc.list_contacts(ctx.pool, actor, where, sort="name", limit=20)
        count = await contacts_svc.count_contacts(ctx.pool, actor, where)
        if count == 0:
            return {"deleted": 0, "message": "no contacts match these filters"}
        targets = list(page.items)
        summary = f"Delete {count} contacts"
    # Never ask a person to approve what their role cannot do (the service checks again on write).
    authorize(actor, "record.delete" if contact else "record.bulk")
    approval = require_approval(
        "delete_contacts",
        drop_none({"contact": contact, "filters": filters}),
        {
            "summary": summary,
            "count": count,
            "records": [
                {"id": c.id, "name": c.name, "before": contact_summary(c), "after": "deleted"} for c in targets
            ],
        },
    )
    if not approval.approved:
        return approval.rejected_result("delete_contacts")
    if approval.decision == "edit" and approval.edited:
        # The person changed what to delete: act on exactly what they wrote.
        contact, filters = approval.args.get("contact"), approval.args.get("filters")
    if contact:
        found = await find_contact(runtime, contact)
        await contacts_svc.delete_contact(ctx.pool, actor, found.id)
        return {"deleted": 1, "contacts": [contact_brief(found)], "restorable": True}
    deleted = await contacts_svc.bulk_delete_contacts(ctx.pool, actor, contact_filters(filters))
    return {"deleted": deleted, "sample": [contact_brief(c) for c in targets[:5]], "restorable": True}


@tool(parse_docstring=True)
@tool_errors
async def log_activity(
    runtime: Runtime,
    contact: str,
    type: Literal["call", "email", "meeting", "note"],
    subject: str | None = None,
    body: str | None = None,
    direction: Literal["inbound", "outbound"] | None = None,
    occurred_at: str | None = None,
) -> dict[str, Any]:
    """Record a call, email, meeting or note on a contact's timeline.

    Args:
        contact: the contact's name, email or id.
        type: "call", "email", "meeting" or "note".
        subject: a short title, e.g. "Intro call".
        body: what was said or written.
        direction: "inbound" (they reached out) or "outbound" (we did).
        occurred_at: ISO date or date-time when it happened, e.g. "2025-03-04T15:30"; default now.
    """
    # Untrusted text read earlier in this turn must not be able to trigger a write on its own.
    if (
        stop := confirm_if_untrusted(
            runtime,
            "log_activity",
            {"contact": contact, "type": type, "subject": subject},
            f"Log a {type} on {contact}",
        )
    ) is not None:
        return stop
    ctx = context(runtime)
    actor = caller(runtime)
    found = await find_contact(runtime, contact)
    data = ActivityCreate(
        type=type,
        subject=subject,
        body=body,
        direction=direction,
        occurred_at=parse_datetime(occurred_at, "occurred_at"),
        contact_id=found.id,
        company_id=found.company_id,
        owner_id=actor.user_id,
    )
    activity = await activities_svc.log_activity(ctx.pool, actor, data)
    return {
        "logged": compact(
            {
                "id": activity.id,
                "type": activity.type,
                "subject": activity.subject,
                "direction": activity.direction,
                "occurred_at": activity.occurred_at,
            }
        ),
        "contact": contact_brief(found),
    }


@tool(parse_docstring=True)
@tool_errors
async def get_timeline(runtime: Runtime, contact: str, limit: int = 20) -> dict[str, Any]:
    """A contact's history, newest first: calls, emails, meetings, notes, tasks and deal stage changes.

    Args:
        contact: the contact's name, email or id.
        limit: how many items (1-100).
    """
    ctx = context(runtime)
    actor = caller(runtime)
    found = await find_contact(runtime, contact)
    page = await timeline_svc.timeline(
        ctx.pool, actor, entity="contact", entity_id=found.id, limit=max(1, min(limit, 100))
    )
    return {
        "contact": contact_brief(found),
        "items": [_timeline_item(i) for i in page.items],
        "more": page.next_cursor is not None,
    }


def _timeline_item(item: Any) -> dict[str, Any]:
    data = item.model_dump() if hasattr(item, "model_dump") else dict(item)
    body = data.get("body")
    if isinstance(body, str) and len(body) > 300:
        # Long email bodies would crowd out the rest of the timeline in the model's context.
        body = body[:300] + "…"
    # Bodies of notes, emails and calls are written by others: delimited as data (tools/safety.py).
    data["body"] = untrusted(body)
    return compact(data)


@tool(parse_docstring=True)
@tool_errors
async def find_duplicates(runtime: Runtime, contact: str | None = None, limit: int = 10) -> dict[str, Any]:
    """Find likely duplicate contacts: pairs with a confidence (0-1), the reason, and a suggested winner.

    Args:
        contact: only duplicates of this contact (name, email or id); omit to scan the whole organization.
        limit: how many pairs (1-50).
    """
    ctx = context(runtime)
    actor = caller(runtime)
    contact_id: UUID | None = (await find_contact(runtime, contact)).id if contact else None
    pairs = await dedup_svc.find_duplicates(ctx.pool, actor, contact_id=contact_id, limit=max(1, min(limit, 50)))
    return {"pairs": jsonable(pairs), "count": len(pairs)}


@tool(parse_docstring=True)
@tool_errors
async def merge_contacts(runtime: Runtime, winner: str, loser: str) -> dict[str, Any]:
    """Merge two records of the same person: the loser's emails, phones, tags, activities and deals move to
    the winner, empty winner fields are filled from the loser, the loser is removed. Always asks the person
    to approve first; a merge can be undone.

    Args:
        winner: the contact to keep (name, email or id).
        loser: the duplicate to merge into it (name, email or id).
    """
    ctx = context(runtime)
    actor = caller(runtime)
    keep = await find_contact(runtime, winner)
    drop = await find_contact(runtime, loser)
    if keep.id == drop.id:
        raise ValidationError("winner and loser are the same contact", errors=[{"field": "loser", "message": "same"}])
    authorize(actor, "record.merge")  # before asking anyone to approve it
    approval = require_approval(
        "merge_contacts",
        {"winner": winner, "loser": loser},
        {
            "summary": f"Merge {drop.name} into {keep.name}",
            "records": [
                {
                    "id": keep.id,
                    "name": keep.name,
                    "before": contact_summary(keep),
                    "after": "kept, gains the other's data",
                },
                {"id": drop.id, "name": drop.name, "before": contact_summary(drop), "after": "merged into the winner"},
            ],
        },
    )
    if not approval.approved:
        return approval.rejected_result("merge_contacts")
    if approval.decision == "edit" and approval.edited:
        keep = await find_contact(runtime, approval.args["winner"])
        drop = await find_contact(runtime, approval.args["loser"])
    merged = await dedup_svc.merge_contacts(ctx.pool, actor, keep.id, drop.id)
    return {"merged": True, "winner": contact_brief(keep), "loser": contact_brief(drop), "result": jsonable(merged)}


TOOLS = [
    search_contacts,
    get_contact,
    create_contact,
    update_contact,
    bulk_update_contacts,
    delete_contacts,
    log_activity,
    get_timeline,
    find_duplicates,
    merge_contacts,
]
