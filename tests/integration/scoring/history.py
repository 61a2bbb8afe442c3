"""A small learnable won/lost history for scoring tests, written straight into one organization.

Each lead has a source and an "interest" that drives both its inbound replies and its chance of
winning, so a model has something real (and modest) to learn. Outcomes are spread over time in the
order the leads were created, so time-ordered holdouts mean something.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from leadloom.crm.db.pool import org_tx

SOURCES = {"referral": 1.4, "webinar": 0.2, "cold_list": -1.4}
START = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


async def seed_history(
    pool: Any,
    org_id: UUID,
    *,
    n_closed: int,
    n_open: int = 0,
    seed: int = 0,
    start: datetime = START,
    all_lost: bool = False,
) -> dict[str, list[UUID]]:
    """Insert ``n_closed`` leads with a won or lost deal and ``n_open`` leads without; returns their ids."""
    rng = random.Random(seed)
    contacts, activities, deals = [], [], []
    closed_ids, open_ids = [], []
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute("SELECT id, pipeline_id, kind FROM pipeline_stages WHERE org_id = %s", (org_id,))
        stages = {r["kind"]: r for r in await cur.fetchall()}
        for i in range(n_closed + n_open):
            cid = uuid.uuid4()
            if i < n_closed:
                created = start + timedelta(days=i * 2, hours=rng.randint(0, 8))
            else:
                # Open leads are current ones: scored today, as they would be in real use.
                created = datetime.now(UTC) - timedelta(days=12, hours=i - n_closed)
            source = rng.choice(list(SOURCES))
            interest = rng.gauss(0, 1)
            contacts.append(
                {
                    "id": cid,
                    "org_id": org_id,
                    "first_name": f"Lead{seed}",
                    "last_name": f"N{i}",
                    "emails": [f"lead{seed}-{i}-{cid.hex[:6]}@example.com"],
                    "phones": ["+14155550100"] if rng.random() < 0.6 else [],
                    "lead_source": source,
                    "created_at": created,
                }
            )
            replies = max(0, round(1.5 + 1.5 * interest + rng.gauss(0, 0.7)))
            for k in range(replies):
                activities.append((org_id, cid, "email", "inbound", created + timedelta(days=1 + k)))
            for k in range(2):
                activities.append((org_id, cid, "call", "outbound", created + timedelta(days=2 + k)))
            if i < n_closed:
                logit = SOURCES[source] + 1.2 * interest
                won = (not all_lost) and rng.random() < 1 / (1 + math.exp(-logit))
                # A post-decision activity: must never reach the features of a training row.
                activities.append((org_id, cid, "meeting", "outbound", created + timedelta(days=25)))
                stage = stages["won" if won else "lost"]
                deals.append(
                    (
                        org_id,
                        f"Deal {i}",
                        cid,
                        stage["pipeline_id"],
                        stage["id"],
                        "won" if won else "lost",
                        created + timedelta(days=20),
                    )
                )
                closed_ids.append(cid)
            else:
                open_ids.append(cid)
        async with conn.cursor() as cur2:
            await cur2.executemany(
                "INSERT INTO contacts (id, org_id, first_name, last_name, emails, phones, lead_source, created_at) "
                "VALUES (%(id)s, %(org_id)s, %(first_name)s, %(last_name)s, %(emails)s, %(phones)s, "
                "%(lead_source)s, %(created_at)s)",
                contacts,
            )
            await cur2.executemany(
                "INSERT INTO activities (org_id, contact_id, type, direction, occurred_at) VALUES (%s, %s, %s, %s, %s)",
                activities,
            )
            await cur2.executemany(
                "INSERT INTO deals (org_id, name, contact_id, pipeline_id, stage_id, status, closed_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                deals,
            )
    return {"closed": closed_ids, "open": open_ids}


async def clear_queue(pool: Any, org_id: UUID) -> None:
    async with org_tx(pool, org_id) as conn:
        await conn.execute("DELETE FROM score_queue WHERE org_id = %s", (org_id,))
