"""A deterministic organization built from a blind set's vocabulary, its snapshot, and a scripted oracle.

``build_org`` creates an organization whose users, companies and contacts are the blind set's vocabulary
(``leadloom/agents/local/blindsetN_vocab.json``), with every contact's company, owner, stage, tags, lead
source, email, phone, follow-up date, consent, last contact and creation date drawn from ``random.Random``
seeded per set, so two calls with the same seed build two identical organizations. Writes go through the
services layer (users, companies, contacts, activities: triggers and record history behave as in
production), except two columns no service may write: ``contacts.created_at`` (moved into the vocabulary's
past, so "created before 2026" means something against the set's "today") and ``contacts.score`` (set
directly instead of running the scorer, so "score of 80 or more" matches a known few); both are set by one
UPDATE right after seeding, before any snapshot.

The acting user is the organization's owner, "Robin Ashdown", who is named nowhere in the vocabulary or the
requests: "me" / "mine" / "my leads" then mean the actor, and every vocabulary user is somebody else. Seeded
contacts are owned by the vocabulary users and by the actor, so "my leads" matches some.

``snapshot`` reads what a request may change, keyed by contact name (first + last), with names rather than
ids (the two organizations have different ids): stage, owner, company, emails, phones, title, lead source,
tags, follow-up, consent, deleted or not, the types of its activities and its tasks (due date, owner,
status); plus every deal and every company name. Free text (subjects, bodies, notes) and timestamps
written at "now" are left out; titles and lead sources are compared without case. ``delta`` is what
changed between two snapshots.

``oracle_calls`` are the calls a perfect model would make for an item (the test scripts them after the
supervisor's handoff to the specialist owning the first one, see ``specialist_of``).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import ConflictError
from leadloom.crm.models.activities import ActivityCreate
from leadloom.crm.services import activities, companies, contacts
from leadloom.crm.services.orgs import DEFAULT_LIFECYCLE, create_organization, create_user, set_locale
from leadloom.tools.registry import TOOLS_BY_SPECIALIST

LOCAL = Path(__file__).resolve().parents[3] / "leadloom" / "agents" / "local"
WRITE_TOOLS = {
    "update_contact",
    "bulk_update_contacts",
    "delete_contacts",
    "create_contact",
    "log_activity",
    "create_task",
    "create_deal",
    "move_deal_stage",
}
ACTOR_NAME = "Robin Ashdown"
STAGES = [key for key, _ in DEFAULT_LIFECYCLE]
# More leads, subscribers and opportunities than evangelists, as in a real book of contacts.
STAGE_WEIGHTS = [3, 4, 2, 2, 2, 2, 1, 2, 2]


def load_set(n: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    items = [json.loads(line) for line in (LOCAL / f"blindset{n}.jsonl").read_text().splitlines() if line.strip()]
    vocab = json.loads((LOCAL / f"blindset{n}_vocab.json").read_text())
    return items, vocab


def write_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The CRM items whose expected calls write (and that stand alone: no earlier turns), deletes last.

    Each item is its own request in its own thread, so their order is free; running deletions last (one
    named contact before filtered sweeps) keeps a sweep like "delete everyone tagged test" from removing a
    contact that a later request names, which would leave that request nothing to act on.
    """
    chosen = [
        it
        for it in items
        if "history" not in it and it.get("calls") and any(c["name"] in WRITE_TOOLS for c in it["calls"])
    ]

    def rank(it: dict[str, Any]) -> int:
        deletes = [c for c in it["calls"] if c["name"] == "delete_contacts"]
        if not deletes:
            return 0
        return 1 if all("contact" in c["args"] for c in deletes) else 2

    return sorted(chosen, key=rank)  # stable: the file's order within each group


def _ascii(text: str) -> str:
    """An email-safe form of a name part ("K." → "k", "Jean-Baptiste" kept): no dot at an end, none doubled."""
    kept = "".join(ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() and (ch.isalnum() or ch in ".-"))
    return re.sub(r"\.{2,}", ".", kept).strip(".-") or "x"


def _split(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last


def _draw(vocab: dict[str, Any], rng: random.Random, user_names: list[str]) -> dict[str, dict[str, Any]]:
    """Each vocabulary contact's attributes, drawn at random (before ``_fit``)."""
    today = date.fromisoformat(vocab["today"])
    names = list(vocab["contacts"])
    order = list(range(len(names)))
    rng.shuffle(order)
    # Two contacts per company (the first 2 x companies in shuffled order), the rest without one.
    company_of = {idx: vocab["companies"][k // 2] for k, idx in enumerate(order[: 2 * len(vocab["companies"])])}
    records = {}
    for i, full in enumerate(names):
        records[full] = {
            "stage": rng.choices(STAGES, weights=STAGE_WEIGHTS)[0],
            "owner": rng.choice(user_names),
            "tags": {t for t in vocab["tags"] if rng.random() < 0.14},
            "lead_source": rng.choice(vocab["lead_sources"]) if rng.random() < 0.9 else None,
            "next_follow_up": today + timedelta(days=rng.randint(-20, 40)) if rng.random() < 0.6 else None,
            "title": rng.choice([None, "owner", "office manager", "director", "homeowner"]),
            "company": company_of.get(i),
            "email_consent": rng.random() < 0.7,
            "sms_consent": rng.random() < 0.6,
            "contacted": today - timedelta(days=rng.randint(3, 420)) if rng.random() < 0.85 else None,
            "contact_type": rng.choice(["call", "email", "meeting"]),
            "created": today - timedelta(days=rng.randint(20, 1100)),
            "score": rng.randint(5, 99),
            "phone": f"+1415555{1000 + i:04d}",
        }
    return records


def _fit(records: dict[str, dict[str, Any]], items: list[dict[str, Any]], rng: random.Random, users: list[str]) -> None:
    """Make the items meaningful on the drawn records: a contact an item changes does not already hold the
    new value ("opted in" finds consent off), and each filter of a bulk change or delete matches two
    contacts that no item names (the records a filtered delete sweeps are never ones a request names)."""
    named = {c["args"]["contact"] for it in items for c in it["calls"] if isinstance(c["args"].get("contact"), str)}
    planted: set[str] = set()

    def user(name: str) -> str | None:
        name = ACTOR_NAME if name == "me" else name
        return name if name in users else None

    def avoid(rec: dict[str, Any], changes: dict[str, Any]) -> None:
        for field, value in changes.items():
            if field == "stage" and rec["stage"] == value:
                rec["stage"] = STAGES[(STAGES.index(value) + 1) % len(STAGES)] if value in STAGES else "lead"
            elif field == "owner" and user(value) and rec["owner"] == user(value):
                rec["owner"] = next(u for u in users if u != user(value))
            elif field in ("email_consent", "sms_consent"):
                rec[field] = not value
            elif field == "tags_add":
                rec["tags"] -= set(value)
            elif field == "tags_remove":
                rec["tags"] |= set(value)
            elif field == "next_follow_up" and str(rec["next_follow_up"]) == value:
                rec["next_follow_up"] = None
            elif field == "title" and (rec["title"] or "").lower() == str(value).lower():
                rec["title"] = None
            elif field == "company" and rec["company"] == value:
                rec["company"] = None

    for it in items:
        for c in it["calls"]:
            args, changes = c["args"], c["args"].get("changes") or {}
            if isinstance(args.get("contact"), str) and args["contact"] in records:
                avoid(records[args["contact"]], changes)
            filters = args.get("filters")
            if not isinstance(filters, dict):
                continue
            pool = sorted(n for n, r in records.items() if n not in named)
            if filters.get("company"):
                pool = sorted(n for n, r in records.items() if r["company"] == filters["company"] and n not in named)
            fresh = [n for n in pool if n not in planted]  # a contact fitted to one filter is not refitted
            chosen = rng.sample(fresh, min(2, len(fresh))) if fresh else rng.sample(pool, min(2, len(pool)))
            planted.update(chosen)
            for name in chosen:
                rec = records[name]
                if filters.get("stage") in STAGES:
                    rec["stage"] = filters["stage"]
                if filters.get("owner") and user(filters["owner"]):
                    rec["owner"] = user(filters["owner"])
                if filters.get("lead_source"):
                    rec["lead_source"] = filters["lead_source"]
                if filters.get("tag"):
                    rec["tags"].add(filters["tag"])
                if filters.get("min_score") is not None:
                    rec["score"] = min(99, int(filters["min_score"]) + rng.randint(1, 10))
                if filters.get("created_before"):
                    rec["created"] = date.fromisoformat(filters["created_before"]) - timedelta(days=rng.randint(5, 90))
                if filters.get("not_contacted_since"):
                    cut = date.fromisoformat(filters["not_contacted_since"])
                    rec["contacted"] = cut - timedelta(days=rng.randint(5, 60)) if rng.random() < 0.7 else None
                avoid(rec, changes)


async def build_org(pool: Any, vocab: dict[str, Any], items: list[dict[str, Any]], *, seed: int, tag: str) -> Actor:
    """An organization made of ``vocab``, fitted to ``items``; ``tag`` keeps login emails unique (never shown)."""
    rng = random.Random(seed)
    org = await create_organization(
        pool,
        name=f"Blind set org {seed} {tag}",
        owner_email=f"robin.ashdown+{seed}{tag}@example.org",
        owner_name=ACTOR_NAME,
    )
    actor = Actor(org_id=org.org["id"], user_id=org.owner["id"], role="owner")
    if vocab.get("country"):
        await set_locale(pool, actor, {"country": vocab["country"]})  # how its people write dates
    # User emails are unique across organizations: the first organization gets the vocabulary's own, the
    # second a "+tag" variant of it (requests name users, never their login email).
    user_ids: dict[str, UUID] = {ACTOR_NAME: actor.user_id}
    for i, u in enumerate(vocab["users"]):
        local, _, domain = u["email"].partition("@")
        email = u["email"] if tag == "a" else f"{local}+{tag}@{domain}"
        role = "manager" if i == 0 else "rep"
        try:
            row = await create_user(pool, actor, email=email, name=u["name"], role=role)
        except ConflictError:
            # two blind sets written apart can invent the same colleague (sets 35 and 45 both have a Nairobi
            # agency's wanjiru@…): the later organization's login gets the set's number
            row = await create_user(pool, actor, email=f"{local}+{seed}{tag}@{domain}", name=u["name"], role=role)
        user_ids[u["name"]] = row["id"]
    company_ids: dict[str, UUID] = {}
    for name in vocab["companies"]:
        domain = _ascii(name.lower().replace(" ", "").replace("&", "and")).strip(".") + ".example.com"
        company_ids[name] = (await companies.create_company(pool, actor, {"name": name, "domain": domain})).id

    records = _draw(vocab, rng, list(user_ids))
    _fit(records, items, rng, list(user_ids))
    extra: list[tuple[UUID, datetime, int]] = []
    for full, rec in records.items():
        first, last = _split(full)
        data = {
            "first_name": first,
            "last_name": last,
            "email": f"{_ascii(first).lower()}.{_ascii(last).lower()}@mail.example.com",
            "phone": rec["phone"],
            "title": rec["title"],
            "company_id": company_ids[rec["company"]] if rec["company"] else None,
            "lifecycle_stage": rec["stage"],
            "lead_source": rec["lead_source"],
            "owner_id": user_ids[rec["owner"]],
            "tags": sorted(rec["tags"]),
            "email_consent": rec["email_consent"],
            "sms_consent": rec["sms_consent"],
            "next_follow_up": rec["next_follow_up"],
        }
        c = await contacts.create_contact(pool, actor, data)
        if rec["contacted"] is not None:
            await activities.log_activity(
                pool,
                actor,
                ActivityCreate(
                    type=rec["contact_type"],
                    subject="earlier contact",
                    occurred_at=datetime.combine(rec["contacted"], time(10, 0), tzinfo=UTC),
                    contact_id=c.id,
                    owner_id=user_ids[rec["owner"]],
                ),
            )
        extra.append((c.id, datetime.combine(rec["created"], time(9, 0), tzinfo=UTC), rec["score"]))
    async with org_tx(pool, actor) as conn:
        for cid, created, score in extra:
            await conn.execute(
                "UPDATE contacts SET created_at = %(c)s, score = %(s)s WHERE id = %(id)s",
                {"c": created, "s": score, "id": cid},
            )
    return actor


async def snapshot(pool: Any, actor: Actor) -> dict[str, Any]:
    """What a request may change, by names (see the module docstring)."""
    async with org_tx(pool, actor) as conn:
        cur = await conn.execute(
            "SELECT c.id, c.first_name, c.last_name, c.lifecycle_stage, u.name AS owner, co.name AS company, "
            "c.emails, c.phones, c.title, c.lead_source, c.tags, c.next_follow_up, c.email_consent, "
            "c.sms_consent, c.deleted_at IS NOT NULL AS deleted "
            "FROM contacts c LEFT JOIN users u ON u.id = c.owner_id LEFT JOIN companies co ON co.id = c.company_id"
        )
        rows = await cur.fetchall()
        cur = await conn.execute(
            "SELECT a.contact_id, a.type, a.status, (a.due_at AT TIME ZONE 'UTC')::date AS due, u.name AS owner "
            "FROM activities a LEFT JOIN users u ON u.id = a.owner_id WHERE a.deleted_at IS NULL"
        )
        acts = await cur.fetchall()
        cur = await conn.execute(
            "SELECT d.name, d.amount, d.currency, d.expected_close, d.status, s.name AS stage, co.name AS company, "
            "c.first_name || ' ' || c.last_name AS contact, u.name AS owner, d.deleted_at IS NOT NULL AS deleted "
            "FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id LEFT JOIN companies co ON co.id = d.company_id "
            "LEFT JOIN contacts c ON c.id = d.contact_id LEFT JOIN users u ON u.id = d.owner_id"
        )
        deals = await cur.fetchall()
        cur = await conn.execute("SELECT name, deleted_at IS NOT NULL AS deleted FROM companies")
        cos = await cur.fetchall()
    by_contact: dict[Any, list[Any]] = {}
    tasks: dict[Any, list[Any]] = {}
    for a in acts:
        if a["type"] == "task":
            tasks.setdefault(a["contact_id"], []).append([str(a["due"]), a["owner"], a["status"]])
        else:
            by_contact.setdefault(a["contact_id"], []).append(a["type"])
    snap: dict[str, Any] = {}
    for r in rows:
        state = {
            "stage": r["lifecycle_stage"],
            "owner": r["owner"],
            "company": r["company"],
            "emails": list(r["emails"] or []),
            "phones": list(r["phones"] or []),
            "title": (r["title"] or "").lower() or None,
            "lead_source": (r["lead_source"] or "").lower() or None,
            "tags": sorted(r["tags"] or []),
            "next_follow_up": str(r["next_follow_up"]) if r["next_follow_up"] else None,
            "email_consent": r["email_consent"],
            "sms_consent": r["sms_consent"],
            "deleted": r["deleted"],
            "activities": sorted(by_contact.get(r["id"], [])),
            "tasks": sorted(tasks.get(r["id"], [])),
        }
        key = f"contact:{r['first_name']} {r['last_name']}".strip()
        snap.setdefault(key, []).append(state)
    loose = sorted([str(t) for t in tasks.get(None, [])])
    snap["tasks without contact"] = [loose]
    snap["deals"] = [
        sorted(
            json.dumps({**d, "name": d["name"].lower(), "amount": str(d["amount"]) if d["amount"] is not None else None,
                        "expected_close": str(d["expected_close"]) if d["expected_close"] else None}, sort_keys=True)
            for d in deals
        )
    ]  # fmt: skip
    for co in cos:
        snap.setdefault(f"company:{co['name']}", []).append({"deleted": co["deleted"]})
    return {k: sorted(v, key=lambda s: json.dumps(s, sort_keys=True, default=str)) for k, v in snap.items()}


def _changes(before: Any, after: Any) -> Any:
    """Added and removed entries of a list (as multisets: order is not judged)."""
    b, a = (
        Counter(json.dumps(x, sort_keys=True, default=str) for x in before or []),
        Counter(json.dumps(x, sort_keys=True, default=str) for x in after or []),
    )
    return {"added": sorted((a - b).elements()), "removed": sorted((b - a).elements())}


def delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed, per key: for a record present before and after, only the changed fields, each as its new
    value (lists as added / removed entries), so a difference an earlier item left between the two
    organizations is not counted again; for a record that appeared or disappeared, its whole state, without
    "note" activities on a new contact (``create_contact`` files the request's free text as a note, and the
    labels leave free text out)."""
    out: dict[str, Any] = {}
    for k in sorted(set(before) | set(after)):
        b, a = before.get(k), after.get(k)
        if b == a:
            continue
        if b and a and len(b) == len(a) == 1 and isinstance(a[0], dict):
            out[k] = {
                f: (_changes(b[0].get(f), v) if isinstance(v, list) else v) for f, v in a[0].items() if b[0].get(f) != v
            }
        elif b and a and len(b) == len(a) == 1 and isinstance(a[0], list):
            out[k] = _changes(b[0], a[0])
        elif b is None:
            out[k] = {"new": [{**s, "activities": [t for t in s.get("activities", []) if t != "note"]} for s in a]}
        else:
            out[k] = {"before": b, "after": a}
    return out


def specialist_of(tool: str) -> str:
    for name, tools in TOOLS_BY_SPECIALIST.items():
        if any(t.name == tool for t in tools):
            return name
    raise KeyError(tool)


def _with_plus(value: Any, text: str) -> Any:
    """The label's digits-only phone, with the "+" the request wrote before it (the labels drop it)."""
    if not isinstance(value, str) or not value.isdigit():
        return value
    written = {re.sub(r"\D", "", m) for m in re.findall(r"\+[\d][\d ().-]{5,}\d", text)}
    return "+" + value if value in written else value


def oracle_calls(item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The expected calls, as sent, with two repairs of what the labels leave out. ``create_task`` requires
    a ``subject``: the request's own text stands in (the snapshot ignores subjects). A phone the request
    wrote with a country code ("+33 6 12 34 56 78") is labelled as bare digits, which the tools read as a
    US number and reject: the oracle sends it with its "+" back."""
    out = []
    for c in item["calls"]:
        args = dict(c["args"])
        if c["name"] == "create_task" and "subject" not in args:
            args["subject"] = item["text"]
        if "phone" in args:
            args["phone"] = _with_plus(args["phone"], item["text"])
        if isinstance(args.get("changes"), dict) and "phone" in args["changes"]:
            args["changes"] = {**args["changes"], "phone": _with_plus(args["changes"]["phone"], item["text"])}
        out.append((c["name"], args))
    return out
