"""Global Slack middleware: a redelivered event (Slack retries what it thinks was not acknowledged) is
answered 200 and dropped, so a mention is handled once however many times Slack sends it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from leadloom.integrations.slack.bot import SlackBot


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.middleware
    async def drop_redeliveries(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        # Every delivery is recorded, not only those with X-Slack-Retry-Num: the first attempt may have
        # reached another process, and a retry can arrive before the first attempt's work finished.
        if event_id and not await bot.first_delivery(str(event_id)):
            return BoltResponse(status=200, body="")
        await next()
        return None
