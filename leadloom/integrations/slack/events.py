"""Event listeners: a mention in a channel and a direct message both go to the graph.

Both ack at once (bolt answers the HTTP request when the listener returns) and leave the graph to a
background task, which posts the answer in the Slack thread.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp

from leadloom.integrations.slack.bot import SlackBot, SlackPlace

_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")


def request_text(text: str) -> str:
    """The request without the bot's @-mention."""
    return _MENTION.sub("", text or "").strip()


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], body: dict[str, Any]) -> None:
        thread_ts = event.get("thread_ts") or event["ts"]  # a top-level mention starts a Slack thread
        place = SlackPlace(
            team=str(body.get("team_id") or event.get("team")),
            channel=event["channel"],
            thread_ts=thread_ts,
            key=thread_ts,
        )
        text = request_text(event.get("text", ""))
        if not text:
            bot.spawn(bot.post(place, "Yes? Ask me something, e.g. “who are my hottest leads this week?”"))
            return
        bot.spawn(bot.ask(event["user"], place, text))

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any]) -> None:
        # Only people's direct messages: edits, bot posts and channel chatter (mentions come as app_mention).
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        in_thread = event.get("thread_ts")
        place = SlackPlace(
            team=str(body.get("team_id") or event.get("team")),
            channel=event["channel"],
            thread_ts=in_thread,
            key=in_thread or "dm",
        )
        text = request_text(event.get("text", ""))
        if text:
            bot.spawn(bot.ask(event["user"], place, text))
