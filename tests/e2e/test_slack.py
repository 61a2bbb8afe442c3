"""The Slack bot end to end: genuine, signed Slack payloads (app_mention, DM, slash command, block_actions,
view_submission) posted to POST /slack/events of the Leadloom app; slack-bolt verifies them and its Web
API client talks to a local fake Slack (tests/e2e/fake_slack.py) that records every call. The agents run
on the real runner, tools and database with a rule-based stand-in for the model (tests/e2e/crm_model.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from leadloom.api.app import create_app
from leadloom.crm.db.pool import org_tx
from leadloom.graphs.runner import AgentRunner
from leadloom.integrations.slack.http import slack_events
from leadloom.main import start_slack, stop_slack
from tests.e2e.crm_model import CrmRuleModel
from tests.e2e.fake_slack import BOT_USER, TEAM, FakeSlack, action_body, event_body, form_body, signed
from tests.e2e.helpers import OrgFixture, make_org

pytestmark = pytest.mark.e2e
SECRET = "test-signing-secret"
U_OWNER, U_REP, U_MANAGER, U_STRANGER, U_GHOST = "UOWNER", "UREP", "UMANAGER", "USTRANGER", "UGHOST"


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


@pytest.fixture(scope="module")
async def slack_app(db, settings, fake) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    configured = settings.model_copy(
        update={"slack_signing_secret": SECRET, "slack_bot_token": "xoxb-test", "slack_api_url": fake.api_url}
    )

    async def start_runner(app):  # type: ignore[no-untyped-def]
        app.state.runner = await AgentRunner(
            app.state.pool, app.state.settings, model=CrmRuleModel(), admin_url=db.admin
        ).start()

    # Composed as leadloom.main composes it: the runner first, then main's own Slack start hook.
    app = create_app(
        configured, urls=db, migrate=False, on_startup=[start_runner, start_slack], on_shutdown=[stop_slack]
    )
    app.add_route("/slack/events", slack_events, methods=["POST"])
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture(scope="module")
async def org(slack_app, fake) -> OrgFixture:  # type: ignore[no-untyped-def]
    made = await make_org(slack_app.state.pool)
    fake.users.update(
        {
            U_OWNER: made.owner["email"],
            U_REP: made.rep["email"],
            U_MANAGER: made.manager["email"],
            U_STRANGER: "stranger@elsewhere.example",
        }
    )
    return made


@pytest.fixture
async def http(slack_app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=slack_app), base_url="http://test") as c:
        yield c


_n = iter(range(1, 10_000))


def _ts() -> str:
    return f"{int(time.time())}.{next(_n):06d}"


async def post_event(
    http: httpx.AsyncClient,
    event: dict[str, Any],
    *,
    event_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    body = event_body(event, event_id=event_id or f"Ev{next(_n):08d}")
    return await http.post(
        "/slack/events",
        content=body,
        headers={"Content-Type": "application/json", **signed(SECRET, body), **(headers or {})},
    )


async def post_form(http: httpx.AsyncClient, body: str) -> httpx.Response:
    return await http.post(
        "/slack/events",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **signed(SECRET, body)},
    )


def mention(user: str, text: str, channel: str = "C0CHAN", thread_ts: str | None = None) -> dict[str, Any]:
    ts = _ts()
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "team": TEAM,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def bot(app: Any) -> Any:
    return app.state.slack.bot


async def test_mention_answers_in_the_thread_and_follow_up_creates_the_task(http, slack_app, fake, org) -> None:
    """The issue's "done when" over Slack: hottest leads, then a follow-up task for the first one."""
    event = mention(U_OWNER, "who are my hottest leads this week?")
    started = time.monotonic()
    resp = await post_event(http, event)
    assert resp.status_code == 200
    assert time.monotonic() - started < 3.0, "Slack needs the ack within 3 seconds"
    await bot(slack_app).drain()
    (answer,) = await fake.wait_for("chat.postMessage", channel="C0CHAN", thread_ts=event["ts"])
    assert answer["text"].startswith("Your hottest leads: 1. ")
    first_name = answer["text"].removeprefix("Your hottest leads: 1. ").split(" (score")[0]
    assert first_name in org.contacts
    assert {"user": U_OWNER} in [{"user": a.get("user")} for a in fake.of("users.info")]
    # The list comes with links to the records.
    listing = json.dumps(answer["blocks"])
    assert f"/api/v1/contacts/{org.contacts[first_name]}" in listing

    follow = mention(U_OWNER, "create a follow-up task for the first one", thread_ts=event["ts"])
    assert (await post_event(http, follow)).status_code == 200
    await bot(slack_app).drain()
    posted = await fake.wait_for("chat.postMessage", 2, channel="C0CHAN", thread_ts=event["ts"])
    assert posted[1]["text"].startswith("Created the task “Follow up” for"), posted[1]
    async with org_tx(slack_app.state.pool, org.org_id) as conn:
        cur = await conn.execute(
            "SELECT subject, contact_id::text AS contact_id FROM activities WHERE type = 'task' AND org_id = %s",
            (org.org_id,),
        )
        tasks = await cur.fetchall()
        cur = await conn.execute("SELECT count(*) AS n FROM slack_threads WHERE thread_ts = %s", (event["ts"],))
        mapped = (await cur.fetchone())["n"]
    assert {"subject": "Follow up", "contact_id": org.contacts[first_name]} in tasks
    assert mapped == 1, "one Leadloom thread for the Slack thread (and this person)"


async def test_direct_message_goes_to_the_graph(http, slack_app, fake, org) -> None:
    ts = _ts()
    event = {
        "type": "message",
        "channel_type": "im",
        "user": U_OWNER,
        "text": "show the pipeline by stage",
        "ts": ts,
        "channel": "D0OWNER",
        "event_ts": ts,
    }
    assert (await post_event(http, event)).status_code == 200
    await bot(slack_app).drain()
    (answer,) = await fake.wait_for("chat.postMessage", channel="D0OWNER")
    assert answer["text"].startswith("The Sales pipeline has ")
    assert "thread_ts" not in answer, "a DM's top level is answered at the top level"
    # The analytics answer also comes as an image of the chart, uploaded into the same conversation.
    (done,) = await fake.wait_for("files.completeUploadExternal", channel_id="D0OWNER")
    file_id = done["files"][0]["id"]
    assert fake.uploads[file_id].startswith(b"\x89PNG"), "a real PNG (matplotlib)"
    assert done["files"][0]["title"].startswith("Pipeline by stage")


async def test_slash_command_answers_in_a_new_thread(http, slack_app, fake, org) -> None:
    body = form_body(
        {
            "command": "/leadloom",
            "text": "who are my hottest leads this week?",
            "user_id": U_OWNER,
            "channel_id": "C0SLASH",
            "team_id": TEAM,
            "trigger_id": "1.2.3",
            "response_url": f"{fake.url}/response",
        }
    )
    resp = await post_form(http, body)
    assert resp.status_code == 200
    await bot(slack_app).drain()
    top, answer = await fake.wait_for("chat.postMessage", 2, channel="C0SLASH")
    assert top["text"] == f"<@{U_OWNER}> asked: who are my hottest leads this week?" and "thread_ts" not in top
    assert answer["thread_ts"] == top["_ts"], "the answer is in the thread under the request"
    assert answer["text"].startswith("Your hottest leads: 1. ")

    empty = await post_form(
        http,
        form_body({"command": "/leadloom", "text": "", "user_id": U_OWNER, "channel_id": "C0SLASH", "team_id": TEAM}),
    )
    assert "Usage: `/leadloom <request>`" in empty.text


def _buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    return {e["action_id"]: e for e in actions["elements"]}


def _click(user: str, button: dict[str, Any], message: dict[str, Any], channel: str) -> str:
    return action_body(
        {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user},
            "api_app_id": "A0001",
            "trigger_id": f"trig-{user}",
            "channel": {"id": channel},
            "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel},
            "message": {"ts": message["ts"], "thread_ts": message.get("thread_ts"), "text": message["text"]},
            "actions": [
                {
                    "action_id": button["action_id"],
                    "block_id": "leadloom_approval",
                    "value": button["value"],
                    "type": "button",
                    "action_ts": _ts(),
                }
            ],
        }
    )


async def _ask_delete(http, slack_app, fake, channel: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:  # type: ignore[no-untyped-def]
    event = mention(U_REP, f"delete {name}", channel=channel)
    assert (await post_event(http, event)).status_code == 200
    await bot(slack_app).drain()
    (approval,) = await fake.wait_for("chat.postMessage", channel=channel, thread_ts=event["ts"])
    assert approval["text"].startswith(f"Delete contact {name}")
    # The button payload refers to the message by the ts the fake gave it, as Slack's would.
    return {**approval, "ts": approval["_ts"]}, _buttons(approval)


async def _deleted(slack_app, org: OrgFixture, name: str) -> bool:  # type: ignore[no-untyped-def]
    async with org_tx(slack_app.state.pool, org.org_id) as conn:
        cur = await conn.execute("SELECT deleted_at FROM contacts WHERE id = %s", (org.contacts[name],))
        return (await cur.fetchone())["deleted_at"] is not None


async def test_approval_buttons_answered_by_the_asker_or_a_manager(http, slack_app, fake, org) -> None:
    message, buttons = await _ask_delete(http, slack_app, fake, "C0APPROVE", "Zed Doe")
    assert set(buttons) == {"leadloom_approve", "leadloom_edit", "leadloom_reject"}
    assert not await _deleted(slack_app, org, "Zed Doe"), "nothing happens before the approval"

    # Ravi (a rep) asked; a manager may answer for him.
    resp = await post_form(http, _click(U_MANAGER, buttons["leadloom_approve"], message, "C0APPROVE"))
    assert resp.status_code == 200
    await bot(slack_app).drain()
    (update,) = await fake.wait_for("chat.update", channel="C0APPROVE")
    assert update["text"] == f"Approved by <@{U_MANAGER}>"
    done = await fake.wait_for("chat.postMessage", 2, channel="C0APPROVE")
    assert done[-1]["text"] == "Deleted 1 contact(s); they can be restored."
    assert await _deleted(slack_app, org, "Zed Doe")


async def test_a_rep_cannot_answer_another_persons_approval(http, slack_app, fake, org) -> None:
    message, buttons = await _ask_delete(http, slack_app, fake, "C0NOTYOURS", "Priya Shah")
    # Ravi (a rep) asked; another rep is not a manager: refused, with a note only she sees.
    other = await _other_rep(slack_app, org, fake)
    await post_form(http, _click(other, buttons["leadloom_reject"], message, "C0NOTYOURS"))
    await bot(slack_app).drain()
    (note,) = await fake.wait_for("chat.postEphemeral", channel="C0NOTYOURS")
    assert note["user"] == other and "Only the person who asked" in note["text"]
    assert not await _deleted(slack_app, org, "Priya Shah")

    # The asker rejects: nothing is deleted and the agent says so.
    await post_form(http, _click(U_REP, buttons["leadloom_reject"], message, "C0NOTYOURS"))
    await bot(slack_app).drain()
    (update,) = await fake.wait_for("chat.update", channel="C0NOTYOURS")
    assert update["text"] == f"Rejected by <@{U_REP}>"
    done = await fake.wait_for("chat.postMessage", 2, channel="C0NOTYOURS")
    assert done[-1]["text"] == "OK, I did not delete anything."
    assert not await _deleted(slack_app, org, "Priya Shah")


async def _other_rep(slack_app, org: OrgFixture, fake: FakeSlack) -> str:  # type: ignore[no-untyped-def]
    from leadloom.crm.services.orgs import create_user

    if "UREP2" not in fake.users:
        user = await create_user(
            slack_app.state.pool,
            org.owner_actor,
            email=f"rita-{org.org_id.hex[:8]}@chatco.example",
            name="Rita Rep",
            role="rep",
        )
        fake.users["UREP2"] = user["email"]
    return "UREP2"


async def test_edit_opens_a_modal_and_resumes_with_the_new_arguments(http, slack_app, fake, org) -> None:
    message, buttons = await _ask_delete(http, slack_app, fake, "C0EDIT", "Priya Shah")
    resp = await post_form(http, _click(U_REP, buttons["leadloom_edit"], message, "C0EDIT"))
    assert resp.status_code == 200
    (opened,) = await fake.wait_for("views.open", trigger_id=f"trig-{U_REP}")
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    assert view["callback_id"] == "leadloom_edit_modal"
    initial = json.loads(view["blocks"][0]["element"]["initial_value"])
    assert initial == {"contact": "Priya Shah"}

    def submit(value: str) -> str:
        return action_body(
            {
                "type": "view_submission",
                "team": {"id": TEAM},
                "user": {"id": U_REP},
                "api_app_id": "A0001",
                "trigger_id": "trig-submit",
                "view": {
                    "id": "V1",
                    "type": "modal",
                    "callback_id": "leadloom_edit_modal",
                    "private_metadata": view["private_metadata"],
                    "state": {"values": {"args": {"json": {"type": "plain_text_input", "value": value}}}},
                },
            }
        )

    bad = await post_form(http, submit("{not json"))
    assert bad.status_code == 200 and bad.json()["response_action"] == "errors"
    # Edited: delete Omar instead of Priya.
    ok = await post_form(http, submit(json.dumps({"contact": "Omar Reyes"})))
    assert ok.status_code == 200
    await bot(slack_app).drain()
    done = await fake.wait_for("chat.postMessage", 2, channel="C0EDIT")
    assert done[-1]["text"] == "Deleted 1 contact(s); they can be restored."
    assert await _deleted(slack_app, org, "Omar Reyes")
    assert not await _deleted(slack_app, org, "Priya Shah")


async def test_bad_signature_and_stale_timestamp_are_rejected(http, slack_app, fake, org) -> None:
    before = len(fake.calls)
    body = event_body(mention(U_OWNER, "who are my hottest leads this week?"), event_id="EvBadSig")
    bad = dict(signed("not-the-secret", body))
    resp = await http.post("/slack/events", content=body, headers={"Content-Type": "application/json", **bad})
    assert resp.status_code == 401
    stale = signed(SECRET, body, timestamp=int(time.time()) - 10 * 60)
    resp = await http.post("/slack/events", content=body, headers={"Content-Type": "application/json", **stale})
    assert resp.status_code == 401
    resp = await http.post("/slack/events", content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 401
    await bot(slack_app).drain()
    assert len(fake.calls) == before, "nothing ran for a request Slack did not sign"


async def test_a_retried_event_is_handled_once(http, slack_app, fake, org) -> None:
    event = mention(U_OWNER, "show the pipeline by stage", channel="C0RETRY")
    first = await post_event(http, event, event_id="EvRetry1")
    retry = await post_event(
        http, event, event_id="EvRetry1", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert first.status_code == 200 and retry.status_code == 200
    await bot(slack_app).drain()
    await fake.wait_for("chat.postMessage", channel="C0RETRY")
    answers = [a for a in fake.of("chat.postMessage") if a.get("channel") == "C0RETRY"]
    assert len(answers) == 1, "the retry was acknowledged and dropped, not answered again"
    async with org_tx(slack_app.state.pool, org.org_id) as conn:
        cur = await conn.execute(
            "SELECT count(*) AS n FROM agent_runs r JOIN slack_threads s ON s.thread_id = r.thread_id "
            "WHERE s.channel_id = 'C0RETRY'"
        )
        runs = (await cur.fetchone())["n"]
    assert runs == 1, "one graph run for the event, none for its retry"


async def test_unknown_people_get_a_clear_message(http, slack_app, fake, org) -> None:
    stranger = mention(U_STRANGER, "who are my hottest leads this week?", channel="C0WHO")
    await post_event(http, stranger)
    ghost = mention(U_GHOST, "who are my hottest leads this week?", channel="C0WHO")
    await post_event(http, ghost)
    await bot(slack_app).drain()
    texts = [a["text"] for a in await fake.wait_for("chat.postMessage", 2, channel="C0WHO")]
    assert any(
        t.startswith(f"<@{U_STRANGER}>, there is no Leadloom user with the email stranger@elsewhere.example")
        for t in texts
    )
    assert any(f"Slack did not tell me who <@{U_GHOST}> is" in t for t in texts)


async def test_socket_mode_receives_events_over_the_websocket(db, settings, fake, org) -> None:  # type: ignore[no-untyped-def]
    """For teams without a public URL: the bot dials out (apps.connections.open, then a WebSocket), acks each
    envelope on the socket and answers through the Web API as usual."""
    configured = settings.model_copy(
        update={
            "slack_socket_mode": True,
            "slack_app_token": "xapp-test",
            "slack_bot_token": "xoxb-test",
            "slack_signing_secret": None,
            "slack_api_url": fake.api_url,
        }
    )

    async def start_runner(app):  # type: ignore[no-untyped-def]
        app.state.runner = await AgentRunner(
            app.state.pool, app.state.settings, model=CrmRuleModel(), admin_url=db.admin
        ).start()

    app = create_app(
        configured, urls=db, migrate=False, on_startup=[start_runner, start_slack], on_shutdown=[stop_slack]
    )
    async with app.router.lifespan_context(app):
        assert fake.of("apps.connections.open")[-1] == {}, "asked for a WebSocket URL (with the app token)"
        event = mention(U_OWNER, "show the pipeline by stage", channel="C0SOCKET")
        ack = await fake.push("events_api", json.loads(event_body(event, event_id="EvSocket1")))
        assert ack["envelope_id"].startswith("env-")
        await app.state.slack.bot.drain()
        (answer,) = await fake.wait_for("chat.postMessage", channel="C0SOCKET", thread_ts=event["ts"])
        assert answer["text"].startswith("The Sales pipeline has ")
    fake.socket = None
