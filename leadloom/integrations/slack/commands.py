"""The slash command ``/leadloom <request>``: the request is posted in the channel and answered in a new
Slack thread under it, so follow-ups (mentions in that thread) continue the same conversation."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from leadloom.integrations.slack.bot import SlackBot, SlackPlace

USAGE = "Usage: `/leadloom <request>`, e.g. `/leadloom who are my hottest leads this week?`"


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.command("/leadloom")
    async def leadloom(ack: AsyncAck, command: dict[str, Any]) -> None:
        text = (command.get("text") or "").strip()
        if not text:
            await ack(USAGE)
            return
        await ack()
        bot.spawn(_run(bot, command, text))


async def _run(bot: SlackBot, command: dict[str, Any], text: str) -> None:
    channel, user = command["channel_id"], command["user_id"]
    top = SlackPlace(team=command["team_id"], channel=channel, thread_ts=None, key="")
    ts = await bot.post(top, f"<@{user}> asked: {text}")
    if ts is None:
        return
    await bot.ask(user, SlackPlace(team=command["team_id"], channel=channel, thread_ts=ts, key=ts), text)
