"""Privacy requests: export everything held about one person, erase them everywhere, unsubscribe them.

Who the person is: the contact named by the request, every contact merged with it (merges keep both
records), and every contact sharing one of its email addresses. What identifies them in free text: their
full names, emails and phone numbers (:class:`Subject` turns those into one case-insensitive pattern that
means the same to Python and to Postgres).

Where their data lives, and what erasure does there (all in ONE transaction: it all goes or nothing does):

- contacts (hard delete; the generated search vector goes with the row), their activities (bodies included),
  score history, corrections, score queue entries, knowledge chunks (embeddings), merges;
- other records that mention them (another contact's note, a deal or company name, a campaign body, a
  segment's filters): the mention is replaced by ``[erased]``; deals stay (revenue), unlinked;
- import jobs: the stored CSV file is rewritten without the rows that mention them; row errors/warnings
  are blanked the same way;
- agent conversations: every thread of the organization whose runs or LangGraph checkpoints (checkpoints,
  checkpoint_blobs, checkpoint_writes) mention them is DELETED, together with its runs and Slack mapping.
  Deleting, not rewriting, is deliberate: checkpoint blobs are LangGraph's own serialised format, and a
  thread rewritten message by message could resume into a state the graph never produced. The SQL does
  what ``AsyncPostgresSaver.adelete_thread`` does, but inside the erasure's transaction (and without
  importing LangGraph here, crm/ being layer 0);
- long-term memory (LangGraph store, namespace ``memories.<org>.*``): items that mention them;
- record_history, deal stage reasons and the audit log, which the application role may not change, go
  through ``privacy_purge`` (migration 0090), a SECURITY DEFINER function that only works inside the
  transaction that recorded the erasure request. Audit rows keep who/when/what; their values are redacted.

The erasure is itself recorded (privacy_requests and an ``erase`` audit entry) with who, when, the reason
(with the person's identifiers blanked) and a sha256 of the contact id: never the erased data.

Physical note: deleted rows stay in the table files until VACUUM reclaims them (autovacuum does, or run
``VACUUM`` after a large erasure); backups keep them until they expire. Both belong in the retention policy.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.consent import CHANNELS, can_contact
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import NotFoundError, PermissionDeniedError, ValidationError
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import audit as audit_repo
from leadloom.crm.repositories import privacy as repo

Pool = AsyncConnectionPool[Conn]
ERASED = "[erased]"
# Roles that may erase a person: erasure cannot be undone, so it is an owner/admin decision.
ERASE_ROLES = frozenset({"owner", "admin"})


def subject_hash(contact_id: UUID) -> str:
    """What the records of an erasure keep instead of the person: a one-way hash of the contact id."""
    return hashlib.sha256(str(contact_id).encode()).hexdigest()


def _literal(text: str) -> str:
    """A regex matching ``text`` literally in both Python ``re`` and Postgres ARE (``~*``).

    Every character that is not a letter or digit is backslash-escaped (both engines read ``\\x`` for a
    non-alphanumeric x as x itself); runs of whitespace match any whitespace."""
    out = []
    for part in re.split(r"\s+", text.strip()):
        out.append("".join(ch if ch.isalnum() else "\\" + ch for ch in part))
    return r"\s+".join(out)


def _phone_pattern(phone: str) -> str | None:
    """The national part of a number (its last 10 digits) with any common separators between digits, so
    "+1 (415) 555-0134", "415.555.0134" and "+14155550134" all match."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return None
    national = digits[-10:]
    return "[-. ()]{0,3}".join(national)


@dataclass(frozen=True)
class Subject:
    """One person: their contact rows and the identifiers that find them in free text."""

    contact_ids: tuple[UUID, ...]
    names: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def primary_id(self) -> UUID:
        return self.contact_ids[0]

    def alternatives(self) -> list[str]:
        alts: set[str] = set()
        for name in self.names:
            alts.add(_literal(name))
            # JSON written with ensure_ascii (tool results in checkpoints) spells "Zoë" as "Zo\u00eb".
            escaped = json.dumps(name)[1:-1]
            if escaped != name:
                alts.add(_literal(escaped))
        alts.update(_literal(e) for e in self.emails)
        alts.update(p for p in (_phone_pattern(p) for p in self.phones) if p)
        return sorted(alts, key=len, reverse=True)

    @property
    def pattern(self) -> str:
        alts = self.alternatives()
        if not alts:
            raise ValidationError("this contact has no name, email or phone to look for")
        return "(" + "|".join(alts) + ")"

    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)

    def mentioned_in(self, text: str | None) -> bool:
        return bool(text) and self.regex().search(text) is not None  # type: ignore[arg-type]

    def mentioned_in_bytes(self, blob: bytes | None) -> bool:
        # Checkpoint blobs are msgpack/JSON: strings inside are plain UTF-8, the framing bytes are noise
        # that errors="replace" turns into U+FFFD without shifting the text around them.
        return bool(blob) and self.mentioned_in(bytes(blob).decode("utf-8", errors="replace"))  # type: ignore[arg-type]

    def redact(self, text: str) -> str:
        return self.regex().sub(ERASED, text)


def _full_name(row: Mapping[str, Any]) -> str:
    return " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p and p.strip()).strip()


async def _find_subject(conn: Conn, ref: str) -> Subject:
    ref = (ref or "").strip()
    if not ref:
        raise ValidationError("name the contact: an id, an email or a full name", errors=[{"field": "contact"}])
    rows = await repo.fetch_all(conn, "find_subject", ref=ref)
    if not rows:
        raise NotFoundError("no contact matches this reference")
    ids = {r["id"] for r in rows}
    # Contacts sharing the email asked for are the same person; two people with the same name are not.
    if len(ids) > 1 and "@" not in ref:
        raise ValidationError(
            f"{len(ids)} different contacts match; give the contact's id or email",
            errors=[{"field": "contact", "message": "ambiguous"}],
        )
    # Expand to the whole person: merge partners and contacts sharing an email, until nothing new appears.
    frontier = set(ids)
    emails: set[str] = set()
    while frontier:
        new: set[UUID] = set()
        for m in await repo.fetch_all(conn, "merge_partners", ids=list(frontier)):
            new.update({m["winner_id"], m["loser_id"]})
        contacts = await repo.fetch_all(conn, "contacts_by_ids", ids=list(ids | new))
        emails.update(e for c in contacts for e in c["emails"])
        if emails:
            new.update(r["id"] for r in await repo.fetch_all(conn, "same_email_contacts", emails=sorted(emails)))
        frontier = new - ids
        ids |= new
    contacts = await repo.fetch_all(conn, "contacts_by_ids", ids=list(ids))
    primary = rows[0]["id"]
    ordered = [primary, *sorted((i for i in ids if i != primary), key=str)]
    names = {n for n in (_full_name(c) for c in contacts) if len(n) >= 3}
    return Subject(
        contact_ids=tuple(ordered),
        names=tuple(sorted(names)),
        emails=tuple(sorted({e for c in contacts for e in c["emails"]})),
        phones=tuple(sorted({p for c in contacts for p in c["phones"]})),
    )


# ---- finding -------------------------------------------------------------------------------------------


def _decode_file(job: Mapping[str, Any]) -> str | None:
    try:
        return bytes(job["file"]).decode(job.get("encoding") or "utf-8-sig")
    except (UnicodeDecodeError, LookupError):
        return None


def _csv_rows(text: str, delimiter: str | None) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=(delimiter or ",")[:1]))


async def _matching_import_rows(conn: Conn, subject: Subject) -> list[dict[str, Any]]:
    """Import files (and their error lists) that hold the person, with the rows that do."""
    found = []
    for job in await repo.fetch_all(conn, "import_jobs"):
        text = _decode_file(job)
        rows: list[list[str]] = []
        header: list[str] = list(job["header"] or [])
        if text is not None:
            parsed = _csv_rows(text, job["delimiter"])
            header = parsed[0] if parsed else header
            rows = [r for r in parsed[1:] if any(subject.mentioned_in(cell) for cell in r)]
        undecodable = text is None and subject.mentioned_in_bytes(job["file"])
        in_reports = subject.mentioned_in(job["errors_text"]) or subject.mentioned_in(job["warnings_text"])
        if rows or undecodable or in_reports:
            found.append({"job": job, "header": header, "rows": rows, "undecodable": undecodable})
    return found


async def _matching_threads(conn: Conn, subject: Subject) -> list[dict[str, Any]]:
    """The organization's agent threads whose runs or checkpoints mention the person."""
    threads = await repo.fetch_all(conn, "agent_threads")
    hits: dict[str, dict[str, Any]] = {}
    for t in threads:
        if subject.mentioned_in(t["title"]) or subject.mentioned_in(json.dumps(t["runs"], default=str)):
            hits[t["thread_id"]] = {**t, "in_checkpoints": False}
    if threads:
        by_id = {t["thread_id"]: t for t in threads}
        for row in await repo.fetch_all(conn, "checkpoint_texts", threads=list(by_id)):
            if subject.mentioned_in(row["text"]) or subject.mentioned_in_bytes(row["blob"]):
                hits.setdefault(row["thread_id"], {**by_id[row["thread_id"]]})["in_checkpoints"] = True
    return list(hits.values())


async def _matching_memories(conn: Conn, actor: Actor, subject: Subject) -> list[dict[str, Any]]:
    # Namespaces are ("memories", org, user) joined with "." by the store; only this organization's.
    rows = await repo.fetch_all(conn, "store_items", prefix=f"memories.{actor.org_id}.%")
    return [r for r in rows if subject.mentioned_in(r["text"])]


# ---- export --------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if k not in ("search", "file", "embedding")}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _require_export(actor: Actor) -> None:
    authorize(actor, "record.export")


async def export_person(pool: Pool, actor: Actor, contact_ref: str) -> dict[str, Any]:
    """Everything Leadloom holds about one person, as plain JSON-ready data. The export is audited."""
    _require_export(actor)
    async with org_tx(pool, actor) as conn:
        subject = await _find_subject(conn, contact_ref)
        ids = list(subject.contact_ids)
        pattern = subject.pattern
        contacts = await repo.fetch_all(conn, "contacts_by_ids", ids=ids)
        activities = await repo.fetch_all(conn, "activities_of", ids=ids, pattern=pattern)
        deals = await repo.fetch_all(conn, "deals_of", ids=ids, pattern=pattern)
        record_ids = [str(i) for i in ids] + [str(a["id"]) for a in activities] + [str(d["id"]) for d in deals]
        imports = await _matching_import_rows(conn, subject)
        threads = await _matching_threads(conn, subject)
        data: dict[str, Any] = {
            "subject": {"contact_ids": ids, "names": subject.names, "emails": subject.emails, "phones": subject.phones},
            "contacts": contacts,
            "activities": [a for a in activities if a["type"] != "task"],
            "tasks": [a for a in activities if a["type"] == "task"],
            "deals": deals,
            "score_history": await repo.fetch_all(conn, "score_history_of", ids=ids),
            "score_corrections": await repo.fetch_all(conn, "score_corrections_of", ids=ids),
            "merges": await repo.fetch_all(conn, "merges_of", ids=ids),
            "record_history": await repo.fetch_all(conn, "record_history_of", ids=record_ids, pattern=pattern),
            "audit": await repo.fetch_all(conn, "audit_of", ids=record_ids, pattern=pattern),
            "knowledge": await repo.fetch_all(
                conn, "knowledge_of", ids=ids, activity_ids=[a["id"] for a in activities], pattern=pattern
            ),
            "imports": [
                {
                    "import_id": i["job"]["id"],
                    "filename": i["job"]["filename"],
                    "uploaded_at": i["job"]["created_at"],
                    "header": i["header"],
                    "rows": i["rows"],
                }
                for i in imports
            ],
            "agent_threads": [
                {
                    "thread_id": t["thread_id"],
                    "title": t["title"],
                    "created_at": t["created_at"],
                    "runs": t["runs"],
                    "mentioned_in_checkpoints": t.get("in_checkpoints", False),
                }
                for t in threads
            ],
            "memories": await _matching_memories(conn, actor, subject),
            "consent": {ch: can_contact(contacts[0], ch) for ch in CHANNELS} if contacts else {},
        }
        counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
        request_id = await repo.insert_request(
            conn,
            org_id=actor.org_id,
            kind="export",
            subject_hash=subject_hash(subject.primary_id),
            reason=None,
            actor_user_id=actor.user_id,
            source=actor.source,
            counts=counts,
        )
        await _audit(conn, actor, "export", subject, {"request_id": str(request_id), "counts": counts})
    return _plain({"exported_at": datetime.now().astimezone(), **data})  # type: ignore[no-any-return]


def export_csv_zip(export: Mapping[str, Any]) -> bytes:
    """The export as a zip of CSV files, one per section (nested values as JSON text in their cell)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for section, value in export.items():
            rows: list[Any]
            if isinstance(value, list):
                rows = value
            elif isinstance(value, Mapping):
                rows = [value]
            else:
                rows = [{section: value}]
            zf.writestr(f"{section}.csv", _csv_text(rows))
    return buf.getvalue()


def _csv_text(rows: Iterable[Any]) -> str:
    rows = [r if isinstance(r, Mapping) else {"value": r} for r in rows]
    columns: list[str] = []
    for r in rows:
        columns.extend(k for k in r if k not in columns)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns or ["(none)"])
    for r in rows:
        writer.writerow(
            [json.dumps(r.get(c), default=str) if isinstance(r.get(c), list | dict) else r.get(c, "") for c in columns]
        )
    return out.getvalue()


# ---- erasure -------------------------------------------------------------------------------------------


@dataclass
class ErasureReport:
    """What an erasure removed, per place (counts only: the report must not carry the erased data)."""

    request_id: UUID
    subject_hash: str
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"request_id": str(self.request_id), "subject_hash": self.subject_hash, "counts": dict(self.counts)}


def _require_erase(actor: Actor) -> None:
    if actor.role not in ERASE_ROLES:
        raise PermissionDeniedError(f"your role ({actor.role}) cannot erase people; owners and admins can")


async def _audit(conn: Conn, actor: Actor, action: str, subject: Subject, after: dict[str, Any]) -> None:
    await audit_repo.insert(
        conn,
        org_id=actor.org_id,
        actor_user_id=actor.user_id,
        actor_kind="agent" if actor.run_id else ("user" if actor.user_id else "system"),
        run_id=actor.run_id,
        thread_id=actor.thread_id,
        source=actor.source,
        action=action,
        entity="person",
        # The hash, not the contact id: the id would link this entry to the erased person's other traces.
        entity_id=f"sha256:{subject_hash(subject.primary_id)}",
        before=None,
        after=after,
        ip=actor.ip,
    )


def _redact_csv(job: Mapping[str, Any], subject: Subject, keep_header: list[str]) -> tuple[bytes, int]:
    """The stored import file without the rows that mention the person (or only its header when the file
    cannot be decoded, since then the rows cannot be told apart)."""
    text = _decode_file(job)
    delimiter = (job.get("delimiter") or ",")[:1]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if text is None:
        writer.writerow([subject.redact(h) for h in keep_header])
        return out.getvalue().encode("utf-8"), 0
    parsed = _csv_rows(text, delimiter)
    kept = [r for r in parsed[1:] if not any(subject.mentioned_in(c) for c in r)]
    writer.writerow(parsed[0] if parsed else keep_header)
    writer.writerows(kept)
    encoding = job.get("encoding") or "utf-8"
    try:
        data = out.getvalue().encode(encoding)
    except (UnicodeEncodeError, LookupError):
        data = out.getvalue().encode("utf-8")
    return data, len(kept)


async def erase_person(pool: Pool, actor: Actor, contact_ref: str, *, reason: str) -> ErasureReport:
    """Erase one person everywhere (see the module docstring), in one transaction. Owners and admins only."""
    _require_erase(actor)
    if not (reason or "").strip():
        raise ValidationError("say why (e.g. 'erasure request of 2025-03-01')", errors=[{"field": "reason"}])
    counts: dict[str, int] = {}
    async with org_tx(pool, actor) as conn:
        subject = await _find_subject(conn, contact_ref)
        ids = list(subject.contact_ids)
        pattern = subject.pattern
        digest = subject_hash(subject.primary_id)
        request_id = await repo.insert_request(
            conn,
            org_id=actor.org_id,
            kind="erase",
            subject_hash=digest,
            reason=subject.redact(reason.strip())[:1000],
            actor_user_id=actor.user_id,
            source=actor.source,
            counts={},
        )
        # Found before anything changes: the thread and import scans read the data being removed.
        threads = await _matching_threads(conn, subject)
        imports = await _matching_import_rows(conn, subject)
        memories = await _matching_memories(conn, actor, subject)
        activities = await repo.fetch_all(conn, "activities_of", ids=ids, pattern=pattern)
        own_activity_ids = [a["id"] for a in activities if a["contact_id"] in ids]

        counts["knowledge_chunks"] = await repo.execute(
            conn, "delete_knowledge", ids=ids, activity_ids=own_activity_ids, pattern=pattern
        )
        counts["activities"] = await repo.execute(conn, "delete_activities", ids=ids)
        counts["mentions_in_other_activities"] = await repo.execute(conn, "scrub_activities", pattern=pattern)
        deal_ids = await repo.returning_ids(conn, "scrub_deals", ids=ids, pattern=pattern)
        counts["deals_unlinked_or_scrubbed"] = len(deal_ids)
        counts["companies_scrubbed"] = await repo.execute(conn, "scrub_companies", pattern=pattern)
        counts["other_contacts_scrubbed"] = await repo.execute(conn, "scrub_other_contacts", ids=ids, pattern=pattern)
        counts["campaigns_scrubbed"] = await repo.execute(conn, "scrub_campaigns", pattern=pattern)
        counts["segments_scrubbed"] = await repo.execute(conn, "scrub_segments", pattern=pattern)
        counts["merges"] = await repo.execute(conn, "delete_merges", ids=ids)
        counts["contacts"] = await repo.execute(conn, "delete_contacts", ids=ids)
        # Deleting activities and contacts may have queued rescoring of the very contacts just removed.
        counts["score_queue"] = await repo.execute(conn, "delete_score_queue", ids=ids)

        rows_removed = 0
        for item in imports:
            job = item["job"]
            data, row_count = _redact_csv(job, subject, item["header"])
            rows_removed += len(item["rows"])
            await repo.execute(conn, "update_import_job", id=job["id"], file=data, row_count=row_count, pattern=pattern)
        counts["import_files"] = len(imports)
        counts["import_rows"] = rows_removed

        thread_ids = [t["thread_id"] for t in threads]
        counts["checkpoint_rows"] = await repo.delete_checkpoints(conn, threads=thread_ids) if thread_ids else 0
        counts["agent_threads"] = await repo.execute(conn, "delete_threads", threads=thread_ids) if thread_ids else 0
        for m in memories:
            await repo.execute(conn, "delete_store_item", prefix=m["prefix"], key=m["key"])
        counts["memories"] = len(memories)

        # Last, after every trigger above has written its audit rows (which carry the erased values).
        record_ids = [str(i) for i in ids] + [str(i) for i in own_activity_ids] + [str(i) for i in deal_ids]
        counts.update(await repo.purge(conn, request=request_id, ids=record_ids, pattern=pattern))
        await repo.record_counts(conn, request=request_id, counts=counts)
        await _audit(
            conn,
            actor,
            "erase",
            subject,
            {
                "request_id": str(request_id),
                "subject_hash": digest,
                "reason": subject.redact(reason.strip())[:1000],
                "counts": counts,
            },
        )
    return ErasureReport(request_id=request_id, subject_hash=digest, counts=counts)


# ---- consent -------------------------------------------------------------------------------------------


async def unsubscribe(pool: Pool, actor: Actor, contact_ref: str, channel: str) -> dict[str, Any]:
    """Record that the person opted out of ``channel`` ('email' or 'sms'); consent stays off from then on."""
    if channel not in CHANNELS:
        raise ValidationError(
            f"channel must be one of {', '.join(CHANNELS)}", errors=[{"field": "channel", "message": "unknown"}]
        )
    # Honouring an opt-out is never refused for lack of record rights: anyone who can write may record it.
    authorize(actor, "record.create")
    async with org_tx(pool, actor) as conn:
        subject = await _find_subject(conn, contact_ref)
        row = await repo.unsubscribe(conn, contact_id=subject.primary_id, channel=channel)
        if row is None:
            raise NotFoundError("no such contact (or it is deleted)")
    return {
        "contact_id": str(row["id"]),
        "channel": channel,
        "unsubscribed_at": row[f"{channel}_unsubscribed_at"].isoformat(),
        "can_contact": {ch: can_contact(row, ch) for ch in CHANNELS},
    }
