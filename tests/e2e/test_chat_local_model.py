"""Issue 8's "done when" in a real browser on Leadloom's own offline model (no stand-in).

The other browser tests drive the chat with a rule-based stand-in model so that they can assert exact
wording; this one runs the server with ``--model local`` — what a new user gets from ``make run`` — and
checks outcomes, not phrasing: the hottest leads come back as a table, "create a follow-up task for the
first one" creates a task for the first listed lead, and the task is in that contact's timeline.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from leadloom.crm.db.pool import org_tx
from tests.conftest import ROOT
from tests.e2e.helpers import OrgFixture, make_org
from tests.e2e.test_chat_browser import TIMEOUT_MS, Server, _ask, _login, _shot, browser, chromium  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


class LocalModelServer(Server):
    """The same server, on the real local model."""

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.chat_server", str(self.port), "--model", "local"],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 300  # the local model loads MiniLM and its classifier at start
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited ({self.proc.returncode}):\n{self.log.read_text()[-4000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the server did not start:\n{self.log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
async def org(pool) -> OrgFixture:  # type: ignore[no-untyped-def]
    """The chat org, its leads owned by the owner who signs in ("my hottest leads" means hers)."""
    created = await make_org(pool)
    async with org_tx(pool, created.org_id) as conn:
        await conn.execute("UPDATE contacts SET owner_id = %s", (created.owner["id"],))
    return created


@pytest.fixture(scope="module")
def server(db, org, tmp_path_factory) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    data_dir = tmp_path_factory.mktemp("chat-local")
    # the classifier `make test` trained before the tests (minutes on a busy machine, longer than the start-up wait
    # below): the server finds it in its own data dir instead of training it again
    warmed = ROOT / ".leadloom-test" / "cache" / "local_model"
    if warmed.is_dir():
        shutil.copytree(warmed, data_dir / "cache" / "local_model")
    env = {
        **os.environ,
        "DATABASE_URL": db.admin,
        "LEADLOOM_ENV": "test",
        "LEADLOOM_DATA_DIR": str(data_dir),
        "LEADLOOM_POOL_MIN_SIZE": "1",
        "LEADLOOM_POOL_MAX_SIZE": "6",
    }
    srv = LocalModelServer(env, data_dir / "server.log")
    srv.start()
    yield srv
    srv.stop()


async def _scored(pool, org: OrgFixture) -> bool:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org.org_id) as conn:
        cur = await conn.execute("SELECT count(*) AS n FROM contacts WHERE score IS NULL AND deleted_at IS NULL")
        return (await cur.fetchone())["n"] == 0


async def _follow_up_tasks(pool, org: OrgFixture, contact_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org.org_id) as conn:
        cur = await conn.execute(
            "SELECT subject FROM activities WHERE contact_id = %s AND type = 'task' AND deleted_at IS NULL",
            (contact_id,),
        )
        return [r["subject"] for r in await cur.fetchall()]


async def test_done_when_on_the_local_model(server: Server, browser: Any, org: OrgFixture, pool) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # The rescoring worker scores the new leads within seconds of start; top_leads ranks by score.
    for _ in range(120):
        if await _scored(pool, org):
            break
        await asyncio.sleep(0.5)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS * 2)
    try:
        await _login(page, server.url, org.owner["email"])
        await page.get_by_text("Hi Olive, I'm Leadloom").wait_for()
        await _ask(page, "who are my hottest leads this week?")
        await page.get_by_text("top_leads").first.wait_for()
        table = page.locator("table").first
        await table.wait_for()
        first_row = await table.locator("tbody tr").first.inner_text()
        first = next((name for name in org.contacts if name in first_row), None)
        assert first is not None, f"the first row names none of the org's leads: {first_row!r}"
        await _shot(page, "local_1_hottest_leads")

        await _ask(page, "create a follow-up task for the first one")
        await page.get_by_text("create_task").first.wait_for()
        for _ in range(60):
            subjects = await _follow_up_tasks(pool, org, org.contacts[first])
            if subjects:
                break
            await asyncio.sleep(0.5)
        assert any(re.search(r"follow", s, re.I) for s in subjects), subjects
        async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {org.api_key}"}) as api:
            timeline = (await api.get(f"/api/v1/contacts/{org.contacts[first]}/timeline")).json()
        assert any(s in str(timeline) for s in subjects), timeline
        await _shot(page, "local_2_follow_up_task")
    finally:
        await _shot(page, "local_last")
        await context.close()
