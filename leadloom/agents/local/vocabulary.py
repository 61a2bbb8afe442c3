"""The organization's own words (users, stages, tags, sources, names) that the local model matches requests against.

``load_vocabulary`` reads them read-only inside ``org_tx`` so row-level security scopes them to the
caller's organization; ``Vocabulary.default()`` holds the stages a new organization starts with, for
tests and for a model used without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg_pool import AsyncConnectionPool

from leadloom.agents.local import rx as re
from leadloom.agents.local.dates import day_first_for
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx

DEFAULT_LIFECYCLE = [
    ("subscriber", "Subscriber"), ("lead", "Lead"), ("mql", "Marketing qualified lead"),
    ("sql", "Sales qualified lead"), ("opportunity", "Opportunity"), ("customer", "Customer"),
    ("evangelist", "Evangelist"), ("churned", "Churned"), ("disqualified", "Disqualified"),
]  # fmt: skip
DEFAULT_DEAL_STAGES = ["Qualification", "Discovery", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
DEFAULT_SOURCES = ["webinar", "referral", "website", "google ads", "facebook", "linkedin", "trade show",
                   "cold call", "instagram", "organic search", "event", "partner"]  # fmt: skip

# Limits keep a large organization's vocabulary cheap to match per request.
_SQL = {
    "users": "SELECT name, email FROM users WHERE deleted_at IS NULL ORDER BY name LIMIT 500",
    "stages": "SELECT key, label FROM lifecycle_stages ORDER BY position",
    "deal_stages": "SELECT DISTINCT name, position FROM pipeline_stages ORDER BY position, name",
    "tags": "SELECT DISTINCT unnest(tags) AS tag FROM contacts WHERE deleted_at IS NULL LIMIT 500",
    "sources": (
        "SELECT DISTINCT lead_source FROM contacts WHERE deleted_at IS NULL AND lead_source IS NOT NULL LIMIT 200"
    ),
    "companies": "SELECT name FROM companies WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 2000",
    "contacts": (
        "SELECT trim(first_name || ' ' || last_name) AS name FROM contacts WHERE deleted_at IS NULL "
        "ORDER BY updated_at DESC LIMIT 5000"
    ),
    "fields": "SELECT key FROM custom_field_defs WHERE entity = 'contact' ORDER BY key",
    "settings": "SELECT settings->>'country' AS country, settings->>'date_order' AS date_order FROM organizations",
}


@dataclass
class Vocabulary:
    """Words of one organization. Stages are ``{"key", "label"}``; users ``{"name", "email"}``."""

    users: list[dict[str, str]] = field(default_factory=list)
    lifecycle_stages: list[dict[str, str]] = field(default_factory=list)
    deal_stages: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    lead_sources: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    # keys of the organization's custom contact fields (e.g. "product_interest")
    contact_fields: list[str] = field(default_factory=list)
    # how its people write dates: "3/12" is 3 December where the day comes first (organization settings
    # "date_order" = "dmy" | "mdy", else its "country")
    day_first: bool = False
    # its country (ISO-2, from the organization's settings), for what a bare "$" means ("18 500 $" in Montreal)
    country: str | None = None
    # the lead sources the organization itself uses, before the defaults were added (merged_with_defaults)
    own_lead_sources: list[str] = field(default_factory=list)

    @classmethod
    def default(cls) -> Vocabulary:
        return cls(
            lifecycle_stages=[{"key": k, "label": v} for k, v in DEFAULT_LIFECYCLE],
            deal_stages=list(DEFAULT_DEAL_STAGES),
            lead_sources=list(DEFAULT_SOURCES),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vocabulary:
        """Accepts the dataclass's own field names; stages may be plain strings."""
        stages = [
            s if isinstance(s, dict) else {"key": str(s), "label": str(s)} for s in data.get("lifecycle_stages", [])
        ]
        users = [u if isinstance(u, dict) else {"name": str(u), "email": ""} for u in data.get("users", [])]
        return cls(
            users=users,
            lifecycle_stages=stages,
            deal_stages=list(data.get("deal_stages", [])),
            tags=list(data.get("tags", [])),
            lead_sources=list(data.get("lead_sources", [])),
            companies=list(data.get("companies", [])),
            contacts=list(data.get("contacts", [])),
            contact_fields=list(data.get("contact_fields", [])),
            day_first=bool(data["day_first"])
            if "day_first" in data
            else day_first_for(data.get("country"), data.get("date_order")),
            country=str(data["country"]).upper() if data.get("country") else None,
        )

    def merged_with_defaults(self) -> Vocabulary:
        """Empty lists fall back to the defaults, so a fresh organization still understands "customer"."""
        d = Vocabulary.default()
        return Vocabulary(
            users=self.users,
            lifecycle_stages=self.lifecycle_stages or d.lifecycle_stages,
            deal_stages=self.deal_stages or d.deal_stages,
            tags=self.tags,
            # a default source the organization spells its own way ("cold-call" for "cold call") is its spelling
            lead_sources=list(
                dict.fromkeys(
                    [
                        *self.lead_sources,
                        *(s for s in d.lead_sources if _squash(s) not in {_squash(o) for o in self.lead_sources}),
                    ]
                )
            ),
            companies=self.companies,
            contacts=self.contacts,
            contact_fields=self.contact_fields,
            day_first=self.day_first,
            country=self.country,
            own_lead_sources=list(self.lead_sources),
        )


def _squash(word: str) -> str:
    return re.sub(r"[\s_-]+", "", word.lower())


async def load_vocabulary(pool: AsyncConnectionPool[Conn], actor: Actor) -> Vocabulary:
    """The acting user's organization's vocabulary (read-only queries; RLS limits them to that organization)."""
    out: dict[str, list[Any]] = {}
    async with org_tx(pool, actor) as conn:
        for key, sql in _SQL.items():
            cur = await conn.execute(sql)
            out[key] = list(await cur.fetchall())
    return Vocabulary(
        users=[{"name": r["name"], "email": r["email"]} for r in out["users"]],
        lifecycle_stages=[{"key": r["key"], "label": r["label"]} for r in out["stages"]],
        deal_stages=list(dict.fromkeys(r["name"] for r in out["deal_stages"])),
        tags=sorted(r["tag"] for r in out["tags"] if r["tag"]),
        lead_sources=sorted(r["lead_source"] for r in out["sources"]),
        companies=[r["name"] for r in out["companies"]],
        contacts=[r["name"] for r in out["contacts"] if r["name"]],
        contact_fields=[r["key"] for r in out["fields"]],
        day_first=any(day_first_for(r["country"], r["date_order"]) for r in out["settings"]),
        country=next((r["country"].upper() for r in out["settings"] if r["country"]), None),
    )
