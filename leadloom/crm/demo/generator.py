"""The demo organization as plain rows, computed from a seed and a date and nothing else.

``generate(seed, as_of)`` is pure: no database, no clock, no network, no hash-ordered iteration, so the
same seed and ``as_of`` give the same rows (ids included) on every machine. Writing them is
``leadloom.crm.demo.load``'s job.

The won/lost history is drawn from a hidden propensity per lead, so that a scoring model has something
real to learn: log-odds from lead source, industry, company size and title seniority, plus a latent
"interest" that also drives engagement (inbound replies, meetings), plus noise nobody can observe.
"""

from __future__ import annotations

import math
import random
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from leadloom.crm.demo import texts, vocab

DEFAULT_SEED = 42
HISTORY_DAYS = 548  # 18 months
N_COMPANIES = 300
N_CONTACTS = 2_000
N_DEALS = 500
N_ACTIVITIES = 10_000
N_WITHOUT_COMPANY = 100  # freelancers and people who wrote from a personal address

# Open pipeline stages in order, as create_organization names them.
OPEN_STAGES = ("Qualification", "Discovery", "Proposal", "Negotiation")
WON_STAGE, LOST_STAGE = "Closed Won", "Closed Lost"
STAGE_PROBABILITY = {"Qualification": 10, "Discovery": 20, "Proposal": 50, "Negotiation": 75}

Row = dict[str, Any]


@dataclass
class DemoData:
    """Everything ``load`` writes. Users' first row is the owner; deals name their stage, not its id."""

    seed: int
    as_of: date
    org_id: UUID
    users: list[Row] = field(default_factory=list)
    companies: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    deals: list[Row] = field(default_factory=list)
    activities: list[Row] = field(default_factory=list)
    # The hidden propensity (probability of winning) per contact id: for tests and curious readers, never stored.
    propensity: dict[UUID, float] = field(default_factory=dict)

    @property
    def owner(self) -> Row:
        return self.users[0]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def ascii_slug(text: str, sep: str = "") -> str:
    """'Søren Müller-Weiß' -> 'sorenmullerweiss': for email local parts and domains."""
    table: dict[str, str | int | None] = {"ß": "ss", "ø": "o", "æ": "ae", "ł": "l", "đ": "d", "'": ""}
    text = text.lower().translate(str.maketrans(table))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return sep.join(words)


class _Gen:
    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        # Activity times end at the close of business on as_of; history starts 18 months earlier.
        self.end = datetime.combine(as_of, time(18, 0), tzinfo=UTC)
        self.start = self.end - timedelta(days=HISTORY_DAYS)
        self.data = DemoData(seed=seed, as_of=as_of, org_id=self.uuid())

    def uuid(self) -> UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, lo: datetime, hi: datetime) -> datetime:
        """A working-hours moment between lo and hi (weekends moved to the Monday before hi when possible)."""
        if hi <= lo:
            return lo
        t = lo + (hi - lo) * self.rng.random()
        if t.weekday() >= 5:
            shifted = t + timedelta(days=7 - t.weekday())
            t = shifted if shifted <= hi else t - timedelta(days=t.weekday() - 4)
        t = t.replace(
            hour=self.rng.randint(8, 17),
            minute=self.rng.choice((0, 15, 30, 45, 5, 20, 40, 50)),
            second=0,
            microsecond=0,
        )
        return min(max(t, lo), hi)

    def weighted(self, table: dict[str, Any], weight_of: Any) -> str:
        keys = list(table)
        return self.rng.choices(keys, weights=[weight_of(table[k]) for k in keys])[0]

    # --- people of the agency -------------------------------------------------------------------------
    def users(self) -> None:
        for first, last, role in vocab.STAFF:
            email = f"{ascii_slug(first)}.{ascii_slug(last)}@{vocab.AGENCY_DOMAIN}"
            if role == "owner":
                email = f"{ascii_slug(first)}@{vocab.AGENCY_DOMAIN}"
            self.data.users.append({"id": self.uuid(), "email": email, "name": f"{first} {last}", "role": role})
        by_role = {u["role"]: u["id"] for u in self.data.users}
        reps = [u["id"] for u in self.data.users if u["role"] == "rep"]
        # Reps carry most accounts; the manager and the owner keep a few key ones.
        self.account_owners = [*reps, by_role["manager"], by_role["owner"]]
        self.owner_weights = [35] * len(reps) + [20, 10]

    def account_owner(self) -> UUID:
        return self.rng.choices(self.account_owners, weights=self.owner_weights)[0]

    # --- companies --------------------------------------------------------------------------------------
    def companies(self) -> None:
        names: set[str] = set()
        domains: set[str] = set()
        for _ in range(N_COMPANIES):
            industry = self.weighted(vocab.INDUSTRIES, lambda _: 1.0)
            spec = vocab.INDUSTRIES[industry]
            suffixes = spec["suffixes"]
            lo, hi = spec["sizes"]
            while True:
                stem = (
                    self.rng.choice(vocab.COMPANY_PREFIXES)
                    if self.rng.random() < 0.7
                    else self.rng.choice(vocab.LAST_NAMES)
                )
                name = f"{stem} {self.rng.choice(suffixes)}"
                if name not in names:
                    break
            names.add(name)
            domain = ascii_slug(name) + ".example"
            n = 2
            while domain in domains:
                domain, n = f"{ascii_slug(name)}{n}.example", n + 1
            domains.add(domain)
            # Log-uniform sizes: most clients are small, a few are large.
            size = round(math.exp(self.rng.uniform(math.log(lo), math.log(hi))))
            region = "UK" if self.rng.random() < 0.15 else "US"
            self.data.companies.append(
                {
                    "id": self.uuid(),
                    "name": name,
                    "domain": domain,
                    "industry": industry,
                    "size": size,
                    "owner_id": self.account_owner(),
                    "created_at": self.moment(self.start, self.end - timedelta(days=30)),
                    "_region": region,
                    "_area": self.rng.choice(vocab.US_AREA_CODES),
                }
            )

    # --- contacts ---------------------------------------------------------------------------------------
    def phone(self, company: Row | None) -> str:
        if company is not None and company["_region"] == "UK":
            # Ofcom's range reserved for drama: +44 20 7946 0000-0999.
            return f"+44207946{self.rng.randint(0, 999):04d}"
        area = company["_area"] if company is not None else self.rng.choice(vocab.US_AREA_CODES)
        # 555-0100..0199 are reserved for fiction in the North American numbering plan.
        return f"+1{area}55501{self.rng.randint(0, 99):02d}"

    def contacts(self) -> None:
        companies = self.data.companies
        # Every company has someone; bigger companies have a few more people.
        assigned: list[Row | None] = list(companies)
        weights = [1.0 + math.log10(c["size"]) for c in companies]
        assigned += self.rng.choices(companies, weights=weights, k=N_CONTACTS - N_COMPANIES - N_WITHOUT_COMPANY)
        assigned += [None] * N_WITHOUT_COMPANY
        self.rng.shuffle(assigned)
        used_emails: set[str] = set()
        for company in assigned:
            first, last = self.rng.choice(vocab.FIRST_NAMES), self.rng.choice(vocab.LAST_NAMES)
            f, la = ascii_slug(first), ascii_slug(last)
            local = self.rng.choices(
                (f"{f}.{la}", f"{f[0]}{la}", f, f"{f}{la[:1]}", f"{f}_{la}"), weights=(5, 3, 2, 1, 1)
            )[0]
            domain = company["domain"] if company else "mailbox.example"
            email, n = f"{local}@{domain}", 2
            while email in used_emails:
                email, n = f"{local}{n}@{domain}", n + 1
            used_emails.add(email)
            seniority = self.weighted(vocab.TITLES, lambda s: s["weight"])
            title = self.rng.choice(vocab.TITLES[seniority]["titles"])
            source = self.weighted(vocab.LEAD_SOURCES, lambda s: s[0])
            lo = company["created_at"] if company else self.start
            created = self.moment(lo, self.end - timedelta(days=2))
            interest = self.rng.gauss(0.0, 1.0)
            logit = self._logit(company, seniority, source) + 0.9 * interest + self.rng.gauss(0.0, 0.6)
            self.data.contacts.append(
                {
                    "id": self.uuid(),
                    "first_name": first,
                    "last_name": last,
                    "emails": [email],
                    "phones": [self.phone(company)] if self.rng.random() < 0.75 else [],
                    "title": title,
                    "company_id": company["id"] if company else None,
                    "lifecycle_stage": None,  # decided once deals are known
                    "lead_source": source,
                    # A few hot leads nobody owns yet: follow-up recommendations should catch them.
                    "owner_id": None
                    if self.rng.random() < 0.03
                    else (company["owner_id"] if company and self.rng.random() < 0.8 else self.account_owner()),
                    "tags": self._tags(source),
                    "email_consent": self.rng.random()
                    < (0.85 if source in ("website", "webinar", "event", "referral", "partner") else 0.4),
                    "sms_consent": False,
                    "next_follow_up": None,
                    "created_at": created,
                    "updated_at": created,
                    "_company": company,
                    "_interest": interest,
                    "_logit": logit,
                }
            )
            c = self.data.contacts[-1]
            c["sms_consent"] = bool(c["phones"]) and self.rng.random() < 0.3
            self.data.propensity[c["id"]] = sigmoid(logit)

    def _logit(self, company: Row | None, seniority: str, source: str) -> float:
        x = -0.5 + vocab.LEAD_SOURCES[source][1] + vocab.TITLES[seniority]["effect"]
        if company is None:
            return x - 0.8  # freelancers rarely buy agency retainers
        x += vocab.INDUSTRIES[company["industry"]]["effect"]
        size = company["size"]
        # The agency's sweet spot is the 11-200 employee business.
        x += -0.4 if size <= 10 else 0.4 if size <= 200 else 0.0 if size <= 1000 else -0.6
        return x

    def _tags(self, source: str) -> list[str]:
        tags: list[str] = []
        if self.rng.random() < 0.6:
            tags.append(self.rng.choice(vocab.TAGS_BY_SOURCE[source]))
        for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
            tag = self.rng.choice(vocab.GENERAL_TAGS)
            if tag not in tags:
                tags.append(tag)
        return tags

    # --- deals ------------------------------------------------------------------------------------------
    def deals(self) -> None:
        with_company = [c for c in self.data.contacts if c["_company"] is not None]
        # Engaged, likely buyers reach the pipeline more often, so propensity shows up in who gets a deal too.
        # Older leads had more time to reach the pipeline, so most deals have closed by as_of.
        weights = [
            (0.15 + sigmoid(c["_logit"])) * (0.2 + (self.end - c["created_at"]).days / HISTORY_DAYS)
            for c in with_company
        ]
        chosen: list[Row] = []
        seen: set[UUID] = set()
        while len(chosen) < N_DEALS:
            c = self.rng.choices(with_company, weights=weights)[0]
            if c["id"] not in seen:
                seen.add(c["id"])
                chosen.append(c)
        for contact in chosen:
            company = contact["_company"]
            service, (lo, hi) = self.rng.choice(vocab.SERVICES)
            scale = 0.7 if company["size"] <= 10 else 1.0 if company["size"] <= 200 else 1.5
            amount = round(self.rng.uniform(lo, hi) * scale / 50) * 50
            created = self.moment(
                contact["created_at"] + timedelta(days=3),
                min(contact["created_at"] + timedelta(days=90), self.end - timedelta(days=1)),
            )
            cycle = timedelta(days=self.rng.randint(12, 90))
            closes = created + cycle
            deal: Row = {
                "id": self.uuid(),
                "name": f"{company['name']} – {service}",
                "company_id": company["id"],
                "contact_id": contact["id"],
                "amount": amount,
                "currency": "GBP" if company["_region"] == "UK" else "USD",
                "owner_id": contact["owner_id"] or company["owner_id"],
                "created_at": created,
                "_service": service,
                "_contact": contact,
            }
            if closes < self.end - timedelta(days=2):
                won = self.rng.random() < sigmoid(contact["_logit"])
                deal.update(
                    stage=WON_STAGE if won else LOST_STAGE,
                    status="won" if won else "lost",
                    probability=100 if won else 0,
                    close_reason=self.rng.choice(vocab.WIN_REASONS if won else vocab.LOSS_REASONS),
                    closed_at=self.moment(closes - timedelta(days=1), closes),
                    expected_close=closes.date(),
                )
                deal["updated_at"] = deal["closed_at"]
            else:
                progress = (self.end - created) / cycle
                stage = OPEN_STAGES[min(int(progress * len(OPEN_STAGES)), len(OPEN_STAGES) - 1)]
                deal.update(
                    stage=stage,
                    status="open",
                    probability=STAGE_PROBABILITY[stage],
                    close_reason=None,
                    closed_at=None,
                    expected_close=closes.date(),
                )
                deal["updated_at"] = self.moment(created, self.end)
            self.data.deals.append(deal)
            contact["_deal"] = deal

    # --- lifecycle, follow-ups ------------------------------------------------------------------------
    def lifecycle(self) -> None:
        for c in self.data.contacts:
            deal = c.get("_deal")
            z = c["_interest"]
            if deal is not None and deal["status"] == "won":
                stage = "customer"
                if self.rng.random() < 0.15:
                    stage = "evangelist"
                elif deal["closed_at"] < self.end - timedelta(days=240) and self.rng.random() < 0.2:
                    stage = "churned"
            elif deal is not None and deal["status"] == "lost":
                stage = "disqualified" if self.rng.random() < 0.25 else "sql"
            elif deal is not None:
                stage = "opportunity"
            elif self.rng.random() < 0.04:
                stage = "disqualified"
            else:
                stage = "sql" if z > 1.2 else "mql" if z > 0.3 else "lead" if z > -0.9 else "subscriber"
            c["lifecycle_stage"] = stage
            if stage not in ("disqualified", "churned") and self.rng.random() < 0.35:
                # Some follow-ups are overdue, as in every real CRM.
                c["next_follow_up"] = self.as_of + timedelta(days=self.rng.randint(-25, 30))

    # --- activities -------------------------------------------------------------------------------------
    def activities(self) -> None:
        contacts = self.data.contacts
        weights = [math.exp(0.7 * c["_interest"]) * (3.0 if c.get("_deal") else 1.0) for c in contacts]
        counts = Counter(self.rng.choices(range(len(contacts)), weights=weights, k=N_ACTIVITIES))
        for i, contact in enumerate(contacts):
            mine = [self.activity(contact) for _ in range(counts.get(i, 0))]
            self.data.activities.extend(mine)
            # A contact counts as touched when its timeline last moved (list sorting by updated_at relies on it).
            contact["updated_at"] = max([contact["updated_at"], *(a["occurred_at"] for a in mine)])

    def activity(self, contact: Row) -> Row:
        rng = self.rng
        deal = contact.get("_deal")
        z = contact["_interest"]
        lo, hi = contact["created_at"], self.end
        deal_id = None
        if deal is not None and rng.random() < 0.75:
            lo = max(lo, deal["created_at"] - timedelta(days=20))
            hi = deal["closed_at"] or self.end
            if deal["status"] == "won" and rng.random() < 0.25:
                lo, hi = deal["closed_at"], self.end  # onboarding and account management after the win
            deal_id = deal["id"]
        when = self.moment(lo, hi)
        kind = rng.choices(
            ("email", "call", "meeting", "note", "task"),
            weights=(42, 18, 6 + 4 * max(z, -1.0) + (6 if deal else 0), 15, 15),
        )[0]
        company = contact["_company"]
        slots = self._slots(contact, deal)
        direction: str | None = None
        status = due = None
        if kind == "email":
            direction = "inbound" if rng.random() < sigmoid(-0.9 + 1.0 * z) else "outbound"
            pool: tuple[tuple[str, str], ...] = (
                texts.INBOUND_EMAILS if direction == "inbound" else texts.OUTBOUND_EMAILS
            )
            if direction == "inbound":
                # "We'd like to move forward" only on won deals, "Not the right time" only on lost ones.
                outcome = deal["status"] if deal is not None and deal_id else None
                pool = tuple(
                    t
                    for t in pool
                    if (t[0] != "We'd like to move forward" or outcome == "won")
                    and (t[0] != "Not the right time" or outcome == "lost")
                )
            subject, body = rng.choice(pool)
        elif kind == "call":
            direction = "inbound" if rng.random() < 0.12 + 0.08 * max(z, 0.0) else "outbound"
            subject, body = rng.choice(texts.CALLS_INBOUND if direction == "inbound" else texts.CALLS_OUTBOUND)
        elif kind == "meeting":
            subject, body = rng.choice(texts.MEETINGS)
        elif kind == "note":
            subject, body = rng.choice(texts.NOTES)
        else:
            subject, body = rng.choice(texts.TASKS)
            due = when + timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 6))
            if due < self.end - timedelta(days=3):
                status = rng.choices(("done", "cancelled", "open"), weights=(85, 5, 10))[0]
            else:
                status = "open"
        return {
            "id": self.uuid(),
            "type": kind,
            "direction": direction,
            "subject": subject.format(**slots),
            "body": body.format(**slots),
            "occurred_at": when,
            "due_at": due,
            "status": status,
            "contact_id": contact["id"],
            "company_id": company["id"] if company else None,
            "deal_id": deal_id,
            "owner_id": contact["owner_id"] or (company["owner_id"] if company else self.account_owner()),
            "created_at": when,
            "updated_at": when,
        }

    def _slots(self, contact: Row, deal: Row | None) -> dict[str, str]:
        rng = self.rng
        company = contact["_company"]
        service = deal["_service"] if deal else rng.choice(vocab.SERVICES)[0]
        rep = next(
            (u["name"].split()[0] for u in self.data.users if u["id"] == contact["owner_id"]),
            self.data.users[3]["name"].split()[0],
        )
        return {
            "first": contact["first_name"],
            "rep": rep,
            "company": company["name"] if company else f"{contact['first_name']} {contact['last_name']}",
            "domain": company["domain"] if company else "their website",
            "service": service,
            "service2": rng.choice([s for s, _ in vocab.SERVICES if s != service]),
            "channel": rng.choice(vocab.CHANNELS),
            "pain": rng.choice(vocab.PAINS),
            "budget": f"{rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 15)) * 1000:,}",
            "amount": f"{(deal['amount'] if deal else rng.randint(2, 40) * 500):,}",
            "weekday": rng.choice(texts.WEEKDAYS),
        }


def generate(seed: int = DEFAULT_SEED, as_of: date | None = None) -> DemoData:
    """The demo organization's rows for ``seed`` and ``as_of`` (default: today, UTC)."""
    gen = _Gen(seed, as_of or datetime.now(UTC).date())
    gen.users()
    gen.companies()
    gen.contacts()
    gen.deals()
    gen.lifecycle()
    gen.activities()
    return gen.data


def public(row: Row) -> Row:
    """A row without the generator's private keys (those starting with '_')."""
    return {k: v for k, v in row.items() if not k.startswith("_")}
