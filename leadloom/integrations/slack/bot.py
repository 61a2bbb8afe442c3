"""What every Slack listener shares: who the Slack user is in Leadloom, which Leadloom thread a Slack
thread is, running a turn on the one AgentRunner in the background, and posting the outcome back.

Listeners ack within Slack's 3 seconds and hand the work to ``SlackBot.spawn``; the graph runs
afterwards and its answer is posted with ``chat.postMessage`` in the Slack thread. Nothing here talks to
the HTTP API: Slack calls the runner in-process (ARCHITECTURE.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.errors import LeadloomError
from leadloom.crm.repositories import chat as repo
from leadloom.crm.repositories.orgs import auth_user_by_email
from leadloom.crm.settings import Settings
from leadloom.graphs.charts import ChartSpec, chart_for
from leadloom.graphs.runner import AgentRunner, Event

log = logging.getLogger(__name__)

APPROVERS = ("manager", "admin", "owner")  # may answer an approval someone else asked for
EVENT_TTL_S = 24 * 3600.0
_LIST_KEYS = ("leads", "contacts", "items", "results", "deals", "companies", "tasks", "follow_ups")
MAX_LIST = 10


@dataclass(frozen=True)
class SlackPlace:
    """Where a conversation lives in Slack: the thread to answer in (None: top level of a DM)."""

    team: str
    channel: str
    thread_ts: str | None
    key: str  # the thread key in slack_threads: the thread's ts, or "dm" for a DM's top level


@dataclass
class TurnOutcome:
    result: dict[str, Any]
    charts: list[ChartSpec]
    records: tuple[str, list[dict[str, Any]]] | None


class UnknownSlackUser(LeadloomError):
    """The Slack user has no Leadloom account with the same email (or Slack did not share the email)."""

    status = 403
    title = "Unknown Slack user"


class SlackBot:
    def __init__(
        self, settings: Settings, runner: AgentRunner | None, pool: AsyncConnectionPool[Any], client: AsyncWebClient
    ) -> None:
        self.settings, self.runner, self.pool, self.client = settings, runner, pool, client
        self._tasks: set[asyncio.Task[Any]] = set()

    # ---- background work -----------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run after the ack. Tasks are kept referenced (asyncio only holds weak ones) and logged on failure."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("slack background task failed", exc_info=task.exception())

    async def drain(self, timeout: float = 120.0) -> None:
        """Wait for the work started so far (tests; a clean shutdown)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # ---- retries -------------------------------------------------------------------------------

    async def first_delivery(self, event_id: str) -> bool:
        """True the first time Slack delivers this event; False for its retries (any process)."""
        async with self.pool.connection() as conn:
            first = await repo.mark_event_seen(conn, event_id=event_id)
            if first and hash(event_id) % 64 == 0:
                # Now and then, not on every event: forgetting old ids is housekeeping.
                await repo.forget_old_events(conn, ttl_s=EVENT_TTL_S)
        return first

    # ---- people and threads --------------------------------------------------------------------

    async def actor_for(self, slack_user: str) -> Actor:
        """The Leadloom user with the Slack user's email, acting with their own role; else UnknownSlackUser."""
        try:
            info = await self.client.users_info(user=slack_user)
        except SlackApiError as exc:
            raise UnknownSlackUser(
                f"Slack did not tell me who <@{slack_user}> is ({exc.response.get('error')})."
            ) from None
        profile = (info.get("user") or {}).get("profile") or {}
        email = (profile.get("email") or "").strip().lower()
        if not email:
            raise UnknownSlackUser(
                f"<@{slack_user}>, I can't see your email in Slack, so I can't tell which Leadloom account is "
                "yours. (The Leadloom app needs the users:read.email scope.)"
            )
        async with self.pool.connection() as conn:
            row = await auth_user_by_email(conn, email=email)
        if row is None:
            raise UnknownSlackUser(
                f"<@{slack_user}>, there is no Leadloom user with the email {email}. Ask your Leadloom admin "
                "to invite you with that email, then try again."
            )
        return Actor(
            org_id=row["org_id"], user_id=row["user_id"], role=row["role"], team_id=row["team_id"], source="slack"
        )

    async def thread_for(self, actor: Actor, place: SlackPlace) -> str:
        """The person's Leadloom thread for this Slack thread, created on first use."""
        assert self.runner is not None and actor.user_id is not None
        async with org_tx(self.pool, actor.org_id) as conn:
            found = await repo.find_slack_thread(
                conn, team_id=place.team, channel_id=place.channel, thread_ts=place.key, user_id=actor.user_id
            )
        if found:
            return found
        thread_id = await self.runner.create_thread(actor)
        async with org_tx(self.pool, actor.org_id) as conn:
            inserted = await repo.insert_slack_thread(
                conn,
                org_id=actor.org_id,
                team_id=place.team,
                channel_id=place.channel,
                thread_ts=place.key,
                user_id=actor.user_id,
                thread_id=thread_id,
            )
            if not inserted:  # another delivery created it first; use that one
                found = await repo.find_slack_thread(
                    conn, team_id=place.team, channel_id=place.channel, thread_ts=place.key, user_id=actor.user_id
                )
        return found or thread_id

    async def owner_of(self, thread_id: str) -> Actor | None:
        async with self.pool.connection() as conn:
            owner = await repo.thread_owner(conn, thread_id=thread_id)
            user = await repo.user_by_id(conn, user_id=owner["user_id"]) if owner else None
        if owner is None or user is None:
            return None
        return Actor(
            org_id=owner["org_id"], user_id=owner["user_id"], role=user["role"], team_id=user["team_id"], source="slack"
        )

    # ---- turns ---------------------------------------------------------------------------------

    async def collect(self, events: Any) -> TurnOutcome:
        charts: list[ChartSpec] = []
        records: tuple[str, list[dict[str, Any]]] | None = None
        result: dict[str, Any] | None = None
        async for event in events:
            assert isinstance(event, Event)
            if event.type == "tool_end" and event.data.get("ok", True):
                res = event.data.get("result")
                spec = chart_for(event.data["name"], res)
                if spec is not None:
                    charts.append(spec)
                found = _find_records(res)
                if found:
                    records = found
            elif event.type == "final":
                result = event.data["result"]
        assert result is not None, "a run always ends with a final event"
        return TurnOutcome(result=result, charts=charts, records=records)

    async def ask(self, slack_user: str, place: SlackPlace, text: str) -> None:
        """One request from Slack: map the person and thread, run the graph, post the answer in the thread."""
        try:
            if self.runner is None:
                raise LeadloomError("The Leadloom agents are not running right now; please try again later.")
            actor = await self.actor_for(slack_user)
            thread_id = await self.thread_for(actor, place)
            outcome = await self.collect(self.runner.stream(actor, thread_id, text, source="slack"))
        except LeadloomError as exc:
            await self.post(place, exc.detail)
            return
        await self.post_outcome(place, thread_id, slack_user, outcome)

    async def decide(
        self,
        clicker: str,
        place: SlackPlace,
        thread_id: str,
        run_id: str,
        decision: str,
        args: dict[str, Any] | None = None,
        reason: str | None = None,
        message_ts: str | None = None,
    ) -> None:
        """An approval answered from Slack: by the person who asked, or a manager, admin or owner."""
        try:
            if self.runner is None:
                raise LeadloomError("The Leadloom agents are not running right now; please try again later.")
            who = await self.actor_for(clicker)
            owner = await self.owner_of(thread_id)
            if owner is None or owner.org_id != who.org_id:
                raise LeadloomError("This approval is not one of your organization's.")
            if owner.user_id != who.user_id and who.role not in APPROVERS:
                await self.client.chat_postEphemeral(
                    channel=place.channel,
                    user=clicker,
                    thread_ts=place.thread_ts,
                    text="Only the person who asked, or a manager, admin or owner, can answer this approval.",
                )
                return
            if message_ts:
                verdict = {"approve": "Approved", "edit": "Approved with changes", "reject": "Rejected"}[decision]
                await self.client.chat_update(
                    channel=place.channel,
                    ts=message_ts,
                    text=f"{verdict} by <@{clicker}>",
                    blocks=[_section(f"*{verdict}* by <@{clicker}>")],
                )
            # The run continues as the person who asked: it is their request, with their permissions.
            outcome = await self.collect(
                self.runner.resume_stream(owner, thread_id, run_id, decision, args, reason, source="slack")
            )
        except LeadloomError as exc:
            await self.post(place, exc.detail)
            return
        await self.post_outcome(place, thread_id, clicker, outcome)

    # ---- posting -------------------------------------------------------------------------------

    async def post(self, place: SlackPlace, text: str, blocks: list[dict[str, Any]] | None = None) -> str | None:
        kwargs: dict[str, Any] = {"channel": place.channel, "text": text[:3000]}
        if place.thread_ts:
            kwargs["thread_ts"] = place.thread_ts
        if blocks:
            kwargs["blocks"] = blocks
        resp = await self.client.chat_postMessage(**kwargs)
        return resp.get("ts")

    async def post_outcome(self, place: SlackPlace, thread_id: str, slack_user: str, outcome: TurnOutcome) -> None:
        result = outcome.result
        text = result.get("output") or ""
        if result["status"] == "interrupted":
            await self.post(place, text or "This needs your approval.", approval_blocks(thread_id, result))
            return
        blocks = [_section(_mrkdwn(text) or "(no answer)")]
        if outcome.records:
            blocks.append(_section(self.records_mrkdwn(*outcome.records)))
        await self.post(place, text or "(no answer)", blocks)
        for spec in outcome.charts:
            await self.upload_chart(place, spec)

    async def upload_chart(self, place: SlackPlace, spec: ChartSpec) -> None:
        from leadloom.integrations.slack.charts import chart_png

        png = await asyncio.to_thread(chart_png, spec)
        kwargs: dict[str, Any] = {"channel": place.channel, "file": png, "filename": "chart.png", "title": spec.title}
        if place.thread_ts:
            kwargs["thread_ts"] = place.thread_ts
        try:
            await self.client.files_upload_v2(**kwargs)
        except SlackApiError as exc:
            # The answer is already posted; a missing chart should not turn it into an error.
            log.warning("could not upload the chart to Slack: %s", exc.response.get("error"))

    def record_url(self, key: str, row: dict[str, Any]) -> str | None:
        rid = (row.get("contact_id") if key in ("leads", "follow_ups") else None) or row.get("id")
        if not rid:
            return None
        kind = "deals" if key == "deals" else "companies" if key == "companies" else "contacts"
        return f"{self.base_url}/api/v1/{kind}/{rid}"

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    def records_mrkdwn(self, key: str, rows: list[dict[str, Any]]) -> str:
        lines = []
        for row in rows[:MAX_LIST]:
            name = str(row.get("name") or row.get("subject") or row.get("email") or row.get("id"))
            url = self.record_url(key, row)
            label = f"<{url}|{name}>" if url else name
            extra = [f"{k}: {row[k]}" for k in ("score", "stage", "company", "amount", "due") if row.get(k) is not None]
            lines.append(f"• {label}" + (f" ({', '.join(extra)})" if extra else ""))
        if len(rows) > MAX_LIST:
            lines.append(f"…and {len(rows) - MAX_LIST} more")
        return "\n".join(lines)


def _find_records(result: Any) -> tuple[str, list[dict[str, Any]]] | None:
    if not isinstance(result, dict):
        return None
    for key in _LIST_KEYS:
        value = result.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return key, value
    return None


def _mrkdwn(text: str) -> str:
    # Slack's mrkdwn bolds with single asterisks; the model writes Markdown's double ones.
    return text.replace("**", "*")[:2900]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}


def approval_blocks(thread_id: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The approval preview with Approve / Edit / Reject buttons (the value says which run they answer)."""
    interrupts = result.get("interrupts") or []
    first = interrupts[0] if interrupts else {}
    preview = first.get("preview") or {}
    lines = [f"*Approval needed:* {preview.get('summary') or first.get('action')}"]
    for rec in (preview.get("records") or [])[:MAX_LIST]:
        lines.append(f"• {rec.get('name') or rec.get('id')}: {json.dumps(rec.get('after'), default=str)[:120]}")
    lines.append(f"`{first.get('action')}` {json.dumps(first.get('args') or {}, default=str)[:500]}")
    value = json.dumps({"thread_id": thread_id, "run_id": result["run_id"]})
    return [
        _section("\n".join(lines)),
        {
            "type": "actions",
            "block_id": "leadloom_approval",
            "elements": [
                {
                    "type": "button",
                    "action_id": "leadloom_approve",
                    "text": {"type": "plain_text", "text": "Approve"},
                    "style": "primary",
                    "value": value,
                },
                {
                    "type": "button",
                    "action_id": "leadloom_edit",
                    "text": {"type": "plain_text", "text": "Edit"},
                    "value": value,
                },
                {
                    "type": "button",
                    "action_id": "leadloom_reject",
                    "text": {"type": "plain_text", "text": "Reject"},
                    "style": "danger",
                    "value": value,
                },
            ],
        },
    ]


def parse_value(value: str) -> tuple[str, str]:
    data = json.loads(value)
    UUID(str(data["run_id"]))  # a malformed button value is refused before it reaches the runner
    return str(data["thread_id"]), str(data["run_id"])
