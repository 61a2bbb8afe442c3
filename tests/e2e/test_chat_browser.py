"""The chat in a real browser, as a new user would try it (issue 8, "done when").

A real Leadloom server (``leadloom.main.build_app`` under uvicorn, in a subprocess, on the test's cloned
database) and Debian's headless Chromium driven by Playwright: log in with a Leadloom account, wait for
the greeting, ask for the hottest leads and watch the streamed answer and the steps, ask for a follow-up
task for the first one and find it in the contact's timeline (API), delete a contact only after clicking
Approve, restart the server and resume the same thread from the history. The same request through a
signed Slack mention, answered at a local fake Slack, gives the same answer. No request leaves
127.0.0.1. Screenshots go to test-artifacts/.

The agents run on the rule-based stand-in model of tests/e2e/crm_model.py (see chat_server.py).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from leadloom.crm.db.pool import org_tx
from tests.conftest import ROOT
from tests.e2e.fake_slack import BOT_USER, TEAM, FakeSlack, event_body, signed
from tests.e2e.helpers import PASSWORD, OrgFixture, make_org

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
CHROMIUM = os.environ.get("LEADLOOM_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
SECRET = "browser-test-signing-secret"
TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``python -m tests.e2e.chat_server`` on a free port; restartable on the same port and data."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env, self.log = env, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.chat_server", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
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

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@pytest.fixture(scope="module")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser test needs Debian's chromium "
            "(apt-get install -y chromium chromium-driver; .ci/run does it). Playwright's own browser "
            "download needs the internet, so it is not used."
        )
    return CHROMIUM


@pytest.fixture(scope="module")
async def fake_slack() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


@pytest.fixture(scope="module")
async def org(pool) -> OrgFixture:  # type: ignore[no-untyped-def]
    return await make_org(pool)


@pytest.fixture(scope="module")
def server(db, fake_slack, org, tmp_path_factory) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    data_dir = tmp_path_factory.mktemp("chat-data")
    env = {
        **os.environ,
        "DATABASE_URL": db.admin,
        "LEADLOOM_ENV": "test",
        "LEADLOOM_DATA_DIR": str(data_dir),
        "LEADLOOM_SLACK_SIGNING_SECRET": SECRET,
        "LEADLOOM_SLACK_BOT_TOKEN": "xoxb-browser-test",
        "LEADLOOM_SLACK_API_URL": fake_slack.api_url,
        "LEADLOOM_POOL_MIN_SIZE": "1",
        "LEADLOOM_POOL_MAX_SIZE": "6",
    }
    fake_slack.users["UOWNER"] = org.owner["email"]
    srv = Server(env, data_dir / "server.log")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
async def browser(chromium: str) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        # Playwright gives a launched browser a fresh temporary profile of its own (no --user-data-dir).
        b = await pw.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield b
        finally:
            await b.close()


async def _login(page: Any, url: str, email: str) -> None:
    await page.goto(f"{url}/chat/login")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(PASSWORD)
    await page.locator("button[type=submit]").click()


async def _ask(page: Any, text: str) -> None:
    box = page.locator("#chat-input")
    await box.click()
    await box.fill(text)
    await page.keyboard.press("Enter")


async def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"chat_{name}.png"), full_page=True)


async def test_chat_in_the_browser(server: Server, browser: Any, org: OrgFixture, pool, fake_slack) -> None:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None,
    )
    try:
        await _login(page, server.url, org.owner["email"])
        # Chainlit drops a message typed before its socket is up: the greeting says it is.
        await page.get_by_text("Hi Olive, I'm Leadloom").wait_for()

        # 1. Hottest leads: a streamed answer, the steps (handoff and tool), a table linking the records.
        await _ask(page, "Who are my hottest leads this week?")
        answer = page.get_by_text("Your hottest leads: 1. ")
        await answer.wait_for()
        text = await answer.inner_text()
        first = text.removeprefix("Your hottest leads: 1. ").split(" (score")[0]
        assert first in org.contacts, text
        await page.get_by_text("top_leads").first.wait_for()
        await page.get_by_text("scoring agent").first.wait_for()
        link = page.locator(f"a[href='/api/v1/contacts/{org.contacts[first]}']").first
        await link.wait_for()
        await _shot(page, "1_hottest_leads")

        # The same request as a signed Slack mention gets the same answer in the Slack thread.
        ts = f"{int(time.time())}.000100"
        event = {
            "type": "app_mention",
            "user": "UOWNER",
            "text": f"<@{BOT_USER}> who are my hottest leads this week?",
            "ts": ts,
            "channel": "C0DONE",
            "team": TEAM,
            "event_ts": ts,
        }
        body = event_body(event, event_id="EvBrowserDone1")
        async with httpx.AsyncClient() as http:
            resp = await http.post(
                f"{server.url}/slack/events",
                content=body,
                headers={"Content-Type": "application/json", **signed(SECRET, body)},
            )
        assert resp.status_code == 200
        (posted,) = await fake_slack.wait_for("chat.postMessage", channel="C0DONE", thread_ts=ts, timeout=120)
        assert posted["text"] == text.strip()

        # 2. A follow-up task for the first one, visible in the contact's timeline.
        await _ask(page, "Create a follow-up task for the first one")
        await page.get_by_text("Created the task “Follow up” for").wait_for()
        await page.get_by_text("create_task").first.wait_for()
        async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {org.api_key}"}) as api:
            timeline = (await api.get(f"/api/v1/contacts/{org.contacts[first]}/timeline")).json()
        assert "Follow up" in str(timeline), timeline
        await _shot(page, "2_follow_up_task")

        # 3. A delete waits for approval; Approve resumes the run in place.
        await _ask(page, "Delete Zed Doe")
        await page.get_by_text("Approval needed").wait_for()
        await _shot(page, "3_approval")
        assert not await _deleted(pool, org, "Zed Doe")
        await page.get_by_role("button", name="Approve").click()
        await page.get_by_text("Deleted 1 contact(s); they can be restored.").wait_for()
        assert await _deleted(pool, org, "Zed Doe")
        await _shot(page, "4_approved")
        thread_id = await _chat_thread(pool, org)
    finally:
        await _shot(page, "last")
        await context.close()

    # 4. After a server restart the thread is in the history and opens with its messages.
    # Off the event loop: the fake Slack server shares it.
    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        await _login(page, server.url, org.owner["email"])
        await page.get_by_text("Hi Olive, I'm Leadloom").wait_for()
        # Listed in the history sidebar, and opens with its messages (from the LangGraph checkpoint).
        await page.locator(f"a[href*='{thread_id}']").first.click()
        await page.get_by_text("Deleted 1 contact(s); they can be restored.").wait_for()
        await page.get_by_text("Created the task “Follow up” for").wait_for()
        await _shot(page, "5_resumed_after_restart")
        async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {org.api_key}"}) as api:
            listed = (await api.get("/api/v1/agent/threads")).json()["items"]
        assert thread_id in [t["thread_id"] for t in listed], "the chat's thread is the agent API's thread"
    finally:
        await context.close()
    assert not outside, f"the page requested outside hosts: {outside}"


async def _chat_thread(pool, org: OrgFixture) -> str:  # type: ignore[no-untyped-def]
    """The browser conversation's agent thread (the Slack one has its own, titled in lower case)."""
    async with org_tx(pool, org.org_id) as conn:
        cur = await conn.execute(
            "SELECT thread_id FROM agent_threads WHERE user_id = %s AND title = %s",
            (org.owner["id"], "Who are my hottest leads this week?"),
        )
        rows = await cur.fetchall()
    assert len(rows) == 1, rows
    return str(rows[0]["thread_id"])


async def _deleted(pool, org: OrgFixture, name: str) -> bool:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org.org_id) as conn:
        cur = await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (org.contacts[name],))
        return (await cur.fetchone())["deleted_at"] is not None


CSV = "Name,E-mail,Company\nIvy Importer,ivy@importer.example,Importco\nJack Importer,jack@importer.example,Importco\n"


async def test_chart_import_reject_and_edit_in_the_browser(  # type: ignore[no-untyped-def]
    server: Server, browser: Any, org: OrgFixture, pool, tmp_path
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        await _login(page, server.url, org.owner["email"])
        await page.get_by_text("Hi Olive, I'm Leadloom").wait_for()

        # A suggested request from the greeting; the analytics answer comes with an interactive chart.
        await page.get_by_role("button", name="Show the pipeline by stage").click()
        await page.get_by_text("The Sales pipeline has 0 open deals").wait_for()
        await page.locator(".js-plotly-plot").first.wait_for()
        await _shot(page, "6_pipeline_chart")

        # A CSV dropped in the chat: dry run with the suggested mapping, confirm, then the real import.
        csv = tmp_path / "people.csv"
        csv.write_text(CSV)
        await page.locator("#upload-button-input").set_input_files(str(csv))
        await _ask(page, "import these contacts")
        await page.get_by_text("Import with this mapping?").wait_for()
        await page.get_by_text("would give rows: 2, create: 2").wait_for()
        assert await _contacts_named(pool, org, "Importer") == 0, "a dry run writes nothing"
        await _shot(page, "7_import_dry_run")
        await page.get_by_role("button", name="Import", exact=True).click()
        await page.get_by_text("✅ Imported people.csv").wait_for()
        assert await _contacts_named(pool, org, "Importer") == 2

        # Reject with a reason: nothing is deleted.
        await _ask(page, "Delete Priya Shah")
        await page.get_by_text("Approval needed").wait_for()
        await page.get_by_role("button", name="Reject").click()
        await page.get_by_text("Why not?").wait_for()
        await _ask(page, "she is a real customer")
        await page.get_by_text("❌ Rejected: she is a real customer").wait_for()
        await page.get_by_text("OK, I did not delete anything.").wait_for()
        assert not await _deleted(pool, org, "Priya Shah")

        # Edit the arguments: delete Omar instead of Nora.
        await _ask(page, "Delete Nora Quinn")
        await page.get_by_text("Delete contact Nora Quinn").last.wait_for()
        await page.get_by_role("button", name="Edit").last.click()
        await page.get_by_text("Send the arguments to use instead").wait_for()
        await _ask(page, '{"contact": "Omar Reyes"}')
        await page.get_by_text("✏️ Approved with changes").wait_for()
        await page.get_by_text("Deleted 1 contact(s); they can be restored.").last.wait_for()
        assert await _deleted(pool, org, "Omar Reyes")
        assert not await _deleted(pool, org, "Nora Quinn")
        await _shot(page, "8_edited_approval")
    finally:
        await _shot(page, "last_2")
        await context.close()


async def _contacts_named(pool, org: OrgFixture, last_name: str) -> int:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org.org_id) as conn:
        cur = await conn.execute(
            "SELECT count(*) AS n FROM contacts WHERE last_name = %s AND deleted_at IS NULL", (last_name,)
        )
        return int((await cur.fetchone())["n"])
