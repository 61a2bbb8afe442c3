"""The Slack bot: a slack-bolt AsyncApp over the one AgentRunner.

``build_slack_app`` composes it: the Web API client (pointed at ``settings.slack_api_url``, a local fake in
tests), request signing checked by bolt with the signing secret, and the listeners, registered by kind
(middleware, events, commands, actions). ``SlackService`` is what the composition root keeps on the app:
the bolt app, its request handler for POST /slack/events, and the optional Socket Mode connection.
"""

from __future__ import annotations

from typing import Any

from psycopg_pool import AsyncConnectionPool
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from leadloom.crm.errors import LeadloomError
from leadloom.crm.settings import Settings
from leadloom.graphs.runner import AgentRunner
from leadloom.integrations.slack import actions, commands, events, middleware
from leadloom.integrations.slack.bot import SlackBot

__all__ = ["SlackBot", "SlackService", "build_slack_app", "slack_configured"]


def slack_configured(settings: Settings) -> bool:
    if not settings.slack_bot_token:
        return False
    return bool(settings.slack_app_token) if settings.slack_socket_mode else bool(settings.slack_signing_secret)


def build_slack_app(
    settings: Settings,
    runner: AgentRunner | None,
    pool: AsyncConnectionPool[Any],
    *,
    client: AsyncWebClient | None = None,
) -> AsyncApp:
    """The bolt app; its SlackBot is ``app.leadloom_bot`` (tests wait on its background work)."""
    if not settings.slack_socket_mode and not settings.slack_signing_secret:
        raise LeadloomError("LEADLOOM_SLACK_SIGNING_SECRET is required to receive Slack events over HTTP")
    if client is None:
        if not settings.slack_bot_token:
            raise LeadloomError("LEADLOOM_SLACK_BOT_TOKEN is required for the Slack bot")
        client = AsyncWebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = AsyncApp(
        client=client,
        # Socket Mode messages are not signed (the connection itself is authenticated with the app token).
        signing_secret=settings.slack_signing_secret or "socket-mode",
        request_verification_enabled=not settings.slack_socket_mode,
        # Listeners only ack and spawn; running them before the response keeps the ack deterministic.
        process_before_response=True,
    )
    bot = SlackBot(settings, runner, pool, client)
    for group in (middleware, events, commands, actions):
        group.register(app, bot)
    app.leadloom_bot = bot  # type: ignore[attr-defined]
    return app


class SlackService:
    """The bolt app plus how events reach it: HTTP (AsyncSlackRequestHandler) or Socket Mode."""

    def __init__(self, app: AsyncApp, settings: Settings) -> None:
        from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

        self.app, self.settings = app, settings
        self.bot: SlackBot = app.leadloom_bot  # type: ignore[attr-defined]
        self.handler = AsyncSlackRequestHandler(app)
        self._socket: Any = None

    async def start(self) -> None:
        if self.settings.slack_socket_mode:
            # For teams without a public URL: the bot dials out to Slack over a WebSocket.
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            self._socket = AsyncSocketModeHandler(self.app, self.settings.slack_app_token)
            await self._socket.connect_async()

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()
        await self.bot.aclose()
