"""De-duplication: candidate pairs with a confidence and a reason, merges that keep everything, and undo.

Candidates come from shared normalised emails/phones (exact, through the GIN indexes) and from fuzzy
names (rapidfuzz) compared only within blocks (same company, or same initials of last and first name),
so the work grows with block sizes rather than with the square of the contact count.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any
from uuid import UUID

import numpy as np
from psycopg_pool import AsyncConnectionPool
from rapidfuzz import fuzz, process

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.crm.models.contacts import Contact, ContactRef, DuplicatePair
from leadloom.crm.repositories import contacts as contacts_repo
from leadloom.crm.repositories import dedup as repo
from leadloom.crm.repositories import history
from leadloom.crm.services._access import authorize_records
from leadloom.crm.services._records import require_write
from leadloom.crm.services.contacts import EDITABLE, state_of
from leadloom.crm.services.resolve import fold

Pool = AsyncConnectionPool[Conn]
Row = dict[str, Any]

NAME_CUTOFF = 85.0
FULL_BLOCK = 400  # blocks up to this size compare all pairs; bigger ones compare sorted neighbours
WINDOW = 20
# Filled from the loser when the winner's is empty. Consent is deliberately absent: permission to
# email or text someone is never inferred from another record.
FILLABLE = (
    "first_name",
    "last_name",
    "title",
    "company_id",
    "lifecycle_stage",
    "lead_source",
    "owner_id",
    "next_follow_up",
    "external_id",
)
UNIONED = ("emails", "phones", "tags")


def _noisy_or(a: float, b: float) -> float:
    """Two independent signals of the same duplicate make it more likely than either alone."""
    return round(min(0.99, 1 - (1 - a) * (1 - b)), 3)


def _similar(members: list[Row], names: dict[UUID, str], target: UUID | None) -> list[tuple[Row, Row, float]]:
    """Pairs of similar names within one block. Small blocks compare all pairs (rapidfuzz's C++ cdist);
    big ones compare each name with its neighbours in sorted order, which keeps the work linear."""
    found: list[tuple[Row, Row, float]] = []
    labels = [names[m["id"]] for m in members]
    if target is not None:
        me = next(m for m in members if m["id"] == target)
        for _, score, j in process.extract(
            names[target], labels, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_CUTOFF, limit=50
        ):
            if members[j]["id"] != target:
                found.append((me, members[j], float(score)))
        return found
    if len(members) <= FULL_BLOCK:
        matrix = process.cdist(labels, labels, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_CUTOFF, workers=1)
        for i, j in zip(*np.nonzero(matrix), strict=True):
            if i < j:
                found.append((members[i], members[j], float(matrix[i, j])))
        return found
    order = sorted(range(len(members)), key=lambda i: labels[i])
    for pos, i in enumerate(order):
        for j in order[pos + 1 : pos + 1 + WINDOW]:
            score = fuzz.token_sort_ratio(labels[i], labels[j], score_cutoff=NAME_CUTOFF)
            if score:
                found.append((members[i], members[j], float(score)))
    return found


def _name_pairs(rows: list[Row], target: UUID | None) -> list[tuple[UUID, UUID, float, str]]:
    """Fuzzy name pairs within blocks (same company; same initials of last and first name):
    (a_id, b_id, confidence, reason)."""
    names = {r["id"]: fold(f"{r['first_name']} {r['last_name']}") for r in rows}
    blocks: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for r in rows:
        if not names[r["id"]]:
            continue
        if r["company_id"] is not None:
            blocks[("company", str(r["company_id"]))].append(r)
        first, last = fold(r["first_name"])[:1], fold(r["last_name"])[:1]
        blocks[("initials", last, first)].append(r)
    found: dict[tuple[UUID, UUID], tuple[float, str]] = {}
    for members in blocks.values():
        if len(members) < 2 or (target is not None and all(m["id"] != target for m in members)):
            continue
        for a, b, score in _similar(members, names, target):
            same_company = a["company_id"] is not None and a["company_id"] == b["company_id"]
            if same_company:
                conf = 0.55 + 0.4 * (score - NAME_CUTOFF) / (100 - NAME_CUTOFF)
                reason = f"similar name ({score:.0f}%) at the same company"
            elif a["company_id"] is not None and b["company_id"] is not None:
                continue  # the same name at two different companies is usually two people
            elif score >= 92:
                conf = 0.4 + 0.3 * (score - 92) / 8
                reason = f"similar name ({score:.0f}%), no company to compare"
            else:
                continue
            key = (a["id"], b["id"]) if str(a["id"]) < str(b["id"]) else (b["id"], a["id"])
            if key not in found or found[key][0] < conf:
                found[key] = (round(conf, 3), reason)
    return [(a, b, c, r) for (a, b), (c, r) in found.items()]


def _ref(row: Row) -> ContactRef:
    return ContactRef(
        id=row["id"],
        name=row["full_name"] or (row["emails"][0] if row["emails"] else ""),
        email=row["emails"][0] if row["emails"] else None,
        phone=row["phones"][0] if row["phones"] else None,
        company_name=row["company_name"],
        created_at=row["created_at"],
    )


def _winner(a: Row, b: Row) -> UUID:
    # More history, then more filled fields, then the older record.
    key = lambda r: (-r["activity_count"], -r["filled"], r["created_at"])  # noqa: E731
    return min(a, b, key=key)["id"]


async def find_duplicates(
    pool: Pool, actor: Actor, *, contact_id: UUID | None = None, limit: int = 50
) -> list[DuplicatePair]:
    """Likely duplicate pairs (of ``contact_id`` only, when given), most confident first."""
    if not 1 <= limit <= 500:
        raise ValidationError("limit must be between 1 and 500", errors=[{"field": "limit", "message": "out of range"}])
    async with org_tx(pool, actor) as conn:
        if contact_id is not None:
            row = await contacts_repo.get_contact(conn, org_id=actor.org_id, contact_id=contact_id)
            if row is None or row["deleted_at"] is not None:
                raise NotFoundError(f"no contact {contact_id}")
        pairs: dict[tuple[UUID, UUID], tuple[float, list[str]]] = {}

        def add(a: UUID, b: UUID, conf: float, reason: str) -> None:
            key = (a, b) if str(a) < str(b) else (b, a)
            old_conf, reasons = pairs.get(key, (0.0, []))
            pairs[key] = (_noisy_or(old_conf, conf) if reasons else conf, [*reasons, reason])

        for r in await repo.shared_pairs(conn, org_id=actor.org_id, contact_id=contact_id, limit=10_000):
            for email in r["shared_emails"] or ():
                add(r["a_id"], r["b_id"], 0.95, f"same email {email}")
            for phone in r["shared_phones"] or ():
                add(r["a_id"], r["b_id"], 0.8, f"same phone {phone}")
        for a, b, conf, reason in _name_pairs(await repo.name_rows(conn, org_id=actor.org_id), contact_id):
            add(a, b, conf, reason)
        best = sorted(pairs.items(), key=lambda kv: -kv[1][0])[:limit]
        refs = await repo.refs(conn, org_id=actor.org_id, ids=list({i for (a, b), _ in best for i in (a, b)}))
    result = []
    for (a, b), (conf, reasons) in best:
        if a not in refs or b not in refs:
            continue
        result.append(
            DuplicatePair(
                a=_ref(refs[a]),
                b=_ref(refs[b]),
                confidence=conf,
                reason="; ".join(reasons),
                reasons=reasons,
                suggested_winner_id=_winner(refs[a], refs[b]),
            )
        )
    return result


def _jsonish(value: Any) -> Any:
    """The JSON form a value takes in the snapshot, so stored and current values compare equal."""
    return json.loads(json.dumps(value, default=str))


def _from_json(state: dict[str, Any]) -> dict[str, Any]:
    """An editable state read back from the snapshot, with ids and dates typed again."""
    out = {k: state.get(k) for k in EDITABLE}
    for k in ("company_id", "owner_id"):
        out[k] = UUID(out[k]) if out[k] else None
    out["next_follow_up"] = date.fromisoformat(out["next_follow_up"]) if out["next_follow_up"] else None
    for k in UNIONED:
        out[k] = list(out[k] or [])
    out["custom"] = dict(out["custom"] or {})
    return out


async def _lock_pair(conn: Conn, actor: Actor, first: UUID, second: UUID) -> dict[UUID, Row]:
    rows = {}
    for cid in sorted((first, second), key=str):  # a fixed lock order: two merges cannot deadlock
        row = await contacts_repo.get_contact(conn, org_id=actor.org_id, contact_id=cid, for_update=True)
        if row is None:
            raise NotFoundError(f"no contact {cid}")
        rows[cid] = row
    return rows


async def merge_contacts(pool: Pool, actor: Actor, winner_id: UUID, loser_id: UUID) -> dict[str, Any]:
    """Merge ``loser_id`` into ``winner_id``: activities and deals move to the winner, emails/phones/tags
    are unioned, the winner's empty fields are filled from the loser, and the loser is soft-deleted.
    Nothing is lost: both records as they were are kept in the merges ledger and in record_history,
    and ``undo_merge`` puts everything back."""
    require_write(actor, "record.merge")
    if winner_id == loser_id:
        raise ValidationError(
            "cannot merge a contact into itself", errors=[{"field": "loser_id", "message": "same as winner_id"}]
        )
    async with org_tx(pool, actor) as conn:
        rows = await _lock_pair(conn, actor, winner_id, loser_id)
        winner, loser = rows[winner_id], rows[loser_id]
        # A merge changes the winner and removes the loser: the actor must be allowed both.
        await authorize_records(conn, actor, "record.delete", (winner, loser))
        for row in (winner, loser):
            if row["deleted_at"] is not None:
                raise NotFoundError(f"no contact {row['id']} (it is deleted; restore it first)")
        before_w, before_l = state_of(winner), state_of(loser)
        after = dict(before_w)
        filled: dict[str, Any] = {}
        added: dict[str, list[Any]] = {}
        for field in UNIONED:
            extra = [v for v in before_l[field] if v not in before_w[field]]
            if extra:
                after[field] = [*before_w[field], *extra]
                added[field] = extra
        for field in FILLABLE:
            if before_w[field] in (None, "") and before_l[field] not in (None, ""):
                after[field] = before_l[field]
                filled[field] = before_l[field]
        custom_filled = {k: v for k, v in before_l["custom"].items() if k not in before_w["custom"]}
        if custom_filled:
            after["custom"] = {**before_w["custom"], **custom_filled}
        moved_activities = await repo.move_activities(conn, org_id=actor.org_id, from_id=loser_id, to_id=winner_id)
        moved_deals = await repo.move_deals(conn, org_id=actor.org_id, from_id=loser_id, to_id=winner_id)
        loser_after = dict(before_l)
        if "external_id" in filled:
            # external ids are unique per organization: the loser gives its id up before the winner takes it.
            loser_after["external_id"] = None
            await contacts_repo.update_contact(conn, org_id=actor.org_id, contact_id=loser_id, values=loser_after)
        await contacts_repo.update_contact(conn, org_id=actor.org_id, contact_id=winner_id, values=after)
        await contacts_repo.set_deleted(conn, org_id=actor.org_id, ids=[loser_id], deleted=True)
        snapshot = {
            "winner": before_w,
            "loser": before_l,
            "filled": filled,
            "custom_filled": custom_filled,
            "added": added,
            "activity_ids": moved_activities,
            "deal_ids": moved_deals,
        }
        merge = await repo.insert_merge(
            conn,
            org_id=actor.org_id,
            entity="contact",
            winner_id=winner_id,
            loser_id=loser_id,
            snapshot=snapshot,
            actor_id=actor.user_id,
        )
        await history.record(
            conn,
            actor,
            entity="contact",
            entity_id=winner_id,
            action="merge",
            before={**before_w, "merge_id": merge["id"]},
            after={**after, "merged_from": loser_id, "merge_id": merge["id"]},
        )
        await history.record(
            conn,
            actor,
            entity="contact",
            entity_id=loser_id,
            action="merged_into",
            before=before_l,
            after={"merged_into": winner_id, "merge_id": merge["id"], "deleted": True},
        )
        merged = await contacts_repo.get_contact(conn, org_id=actor.org_id, contact_id=winner_id)
        assert merged is not None
    return {
        "merge_id": merge["id"],
        "winner": Contact.from_row(merged),
        "loser_id": loser_id,
        "moved_activities": len(moved_activities),
        "moved_deals": len(moved_deals),
        "filled": sorted([*filled, *(f"custom.{k}" for k in custom_filled)]),
        "added": {k: len(v) for k, v in added.items()},
    }


async def undo_merge(pool: Pool, actor: Actor, merge_id: UUID) -> dict[str, Any]:
    """Undo a merge: the loser comes back as it was, the activities and deals it had return to it, and
    what the merge added to the winner is taken off again. Edits made to the winner since the merge are
    kept (a filled field is only reset when it still holds the value the merge put there)."""
    require_write(actor, "record.merge")
    async with org_tx(pool, actor) as conn:
        merge = await repo.get_merge_for_update(conn, org_id=actor.org_id, merge_id=merge_id)
        if merge is None:
            raise NotFoundError(f"no merge {merge_id}")
        if merge["undone_at"] is not None:
            raise ConflictError(f"merge {merge_id} was already undone at {merge['undone_at'].isoformat()}")
        snap = merge["snapshot"]
        winner_id, loser_id = merge["winner_id"], merge["loser_id"]
        rows = await _lock_pair(conn, actor, winner_id, loser_id)
        current = state_of(rows[winner_id])
        winner_before = _from_json(snap["winner"])
        reverted = dict(current)
        for field, value in snap["filled"].items():
            if _jsonish(current[field]) == value:
                reverted[field] = winner_before[field]
        for field, values in snap["added"].items():
            reverted[field] = [v for v in current[field] if v not in values]
        custom = dict(current["custom"])
        for key, value in snap["custom_filled"].items():
            if _jsonish(custom.get(key)) == value:
                custom.pop(key, None)
        reverted["custom"] = custom
        await contacts_repo.update_contact(conn, org_id=actor.org_id, contact_id=winner_id, values=reverted)
        loser_state = _from_json(snap["loser"])
        await contacts_repo.update_contact(conn, org_id=actor.org_id, contact_id=loser_id, values=loser_state)
        await contacts_repo.set_deleted(conn, org_id=actor.org_id, ids=[loser_id], deleted=False)
        activities = await repo.move_activities(
            conn,
            org_id=actor.org_id,
            from_id=winner_id,
            to_id=loser_id,
            ids=[UUID(i) for i in snap["activity_ids"]],
        )
        deals = await repo.move_deals(
            conn, org_id=actor.org_id, from_id=winner_id, to_id=loser_id, ids=[UUID(i) for i in snap["deal_ids"]]
        )
        await repo.mark_undone(conn, org_id=actor.org_id, merge_id=merge_id)
        await history.record(
            conn,
            actor,
            entity="contact",
            entity_id=winner_id,
            action="unmerge",
            before={**current, "merge_id": merge_id},
            after={**reverted, "merge_id": merge_id},
        )
        await history.record(
            conn,
            actor,
            entity="contact",
            entity_id=loser_id,
            action="unmerge",
            before={"deleted": True, "merge_id": merge_id},
            after={**loser_state, "merge_id": merge_id},
        )
        w = await contacts_repo.get_contact(conn, org_id=actor.org_id, contact_id=winner_id)
        l_ = await contacts_repo.get_contact(conn, org_id=actor.org_id, contact_id=loser_id)
        assert w is not None and l_ is not None
    return {
        "merge_id": merge_id,
        "winner": Contact.from_row(w),
        "loser": Contact.from_row(l_),
        "restored_activities": len(activities),
        "restored_deals": len(deals),
    }
