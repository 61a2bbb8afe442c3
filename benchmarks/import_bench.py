"""CSV import speed: 100,000 realistic contact rows through the real service path into embedded Postgres.

Generates a deterministic messy export (names, emails, phones in several formats, a few thousand companies,
lifecycle stages with spelling variants, mixed date formats), then times the dry run and the real run
(median of 3; each real run into a fresh organization) and a re-import of the same file (nothing changes).
Runs in a scratch database that is dropped afterwards.

    .venv/bin/python benchmarks/import_bench.py [--rows 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from leadloom.crm.context import Actor
from leadloom.crm.db.migrate import upgrade
from leadloom.crm.db.pool import make_pool, resolve_database, with_database
from leadloom.crm.services import imports
from leadloom.crm.services.orgs import create_organization
from leadloom.crm.settings import get_settings

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Katherine",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "José",
    "Zoë",
    "Søren",
    "Amélie",
    "Chidi",
    "Priya",
    "Wei",
    "Fatima",
    "Olu",
    "Mateo",
    "Yuki",
    "Anya",
    "Liam",
    "Noor",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Johnson",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "García",
    "Müller",
    "Kierkegaard",
    "Poulain",
    "Okafor",
    "Sharma",
    "Zhang",
    "Haddad",
    "Adeyemi",
    "Rossi",
]
WORDS = [
    "North",
    "Blue",
    "River",
    "Summit",
    "Bright",
    "Cedar",
    "Harbor",
    "Pixel",
    "Granite",
    "Willow",
    "Atlas",
    "Beacon",
    "Copper",
    "Delta",
    "Ember",
    "Falcon",
    "Golden",
    "Horizon",
    "Iron",
    "Juniper",
    "Kite",
    "Lumen",
]
KINDS = ["Media", "Labs", "Studio", "Works", "Partners", "Digital", "Foods", "Health", "Retail", "Logistics"]
LEGAL = ["", " Inc.", " LLC", " Ltd", " GmbH", " Corp."]
STAGES = [
    "Lead",
    "lead",
    "LEAD",
    "Subscriber",
    "MQL",
    "Marketing Qualified Lead",
    "mkting qualified lead",
    "SQL",
    "Sales qualified lead",
    "Opportunity",
    "opportunty",
    "Customer",
    "customer",
    "Custmer",
    "Evangelist",
    "",
]
SOURCES = ["Webinar", "Google Ads", "Referral", "LinkedIn", "Trade show", "Newsletter", ""]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    companies = []
    for i in range(3000):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {i}"
        companies.append((name + rng.choice(LEGAL), name.lower().replace(" ", "") + ".example"))
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "Contact ID,First Name,Last Name,E-mail Address,Phone,Company Name,Website,Lead Status,Lead Source,"
            "Next Follow-up,Tags\n"
        )
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company, domain = rng.choice(companies)
            email = f"{first}.{last}.{i}@{domain}".lower().replace("ë", "e").replace("é", "e").replace("ü", "u")
            email = email.replace("ø", "o").replace("í", "i")
            if rng.random() < 0.1:
                email = email.upper()
            area, mid, end = rng.randint(201, 989), rng.randint(200, 999), i % 10_000
            phone = rng.choice(
                [
                    f"({area}) {mid}-{end:04d}",
                    f"+1 {area} {mid} {end:04d}",
                    f"{area}.{mid}.{end:04d}",
                    f"{area}-{mid}-{end:04d}",
                    "",
                ]
            )
            d = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            y, m, day = d.split("-")
            date = rng.choice([d, f"{m}/{day}/{y}", f"{day}.{m}.{y}", ""])
            site = rng.choice([f"https://www.{domain}", domain, ""])
            tags = rng.choice(["", "vip", "newsletter;webinar", "VIP Client"])
            f.write(
                f'C-{i},{first},{last},{email},{phone},"{company}",{site},{rng.choice(STAGES)},'
                f"{rng.choice(SOURCES)},{date},{tags}\n"
            )


async def bench(rows: int, runs: int) -> None:
    settings = get_settings()
    scratch = f"bench_import_{os.getpid()}"
    urls = await asyncio.to_thread(resolve_database, settings, dbname=scratch)
    try:
        await asyncio.to_thread(upgrade, urls.admin, settings)
        pool = make_pool(urls.app, min_size=1, max_size=4)
        await pool.open(wait=True)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "contacts.csv"
            t0 = time.perf_counter()
            generate(path, rows)
            data = path.read_bytes()
            print(f"generated {rows:,} rows ({len(data) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f}s")
            dry, real, reimport = [], [], []
            for run in range(runs):
                new = await create_organization(
                    pool,
                    name=f"Bench {run}",
                    owner_email=f"bench-{uuid.uuid4().hex[:8]}@x.example",
                    owner_name="Bench Owner",
                )
                actor = Actor(org_id=new.org["id"], user_id=new.owner["id"], role="owner", source="cli")
                t0 = time.perf_counter()
                job = await imports.start_import(pool, actor, entity="contacts", filename="c.csv", data=data)
                job = await imports.run_import(pool, actor, job.id, dry_run=True)
                dry.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                job = await imports.run_import(pool, actor, job.id, dry_run=False)
                real.append(time.perf_counter() - t0)
                s = job.stats
                print(
                    f"run {run + 1}: dry {dry[-1]:.1f}s, real {real[-1]:.1f}s: created {s['created']:,}, "
                    f"companies {s['companies_created']:,}, invalid {s['invalid']:,}, warnings {s['warnings']:,}"
                )
                if run == 0:
                    t0 = time.perf_counter()
                    again = await imports.run_import(pool, actor, job.id, dry_run=False)
                    reimport.append(time.perf_counter() - t0)
                    assert again.stats["created"] == 0 and again.stats["companies_created"] == 0, again.stats
                    print(f"re-import: {reimport[-1]:.1f}s, unchanged {again.stats['unchanged']:,}")
        await pool.close()
        print()
        print(f"machine: {os.cpu_count()} CPUs, {_cpu_model()}, Python {platform.python_version()}")
        print(f"dry run median of {runs}: {statistics.median(dry):.1f}s ({rows / statistics.median(dry):,.0f} rows/s)")
        print(
            f"real run median of {runs}: {statistics.median(real):.1f}s ({rows / statistics.median(real):,.0f} rows/s)"
        )
        print(f"re-import (all unchanged): {reimport[0]:.1f}s")
    finally:
        with psycopg.connect(with_database(urls.admin, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch)))
        urls.stop()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(bench(args.rows, args.runs))


if __name__ == "__main__":
    main()
