"""Composition root: the one process that serves the API, the chat UI (/chat) and the Slack endpoint.

The L5 packages do not import each other; this module, above them all, puts them together.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI

from leadloom.api.app import create_app
from leadloom.crm.errors import LeadloomError
from leadloom.crm.settings import Settings, get_settings

log = logging.getLogger(__name__)


async def start_agents(app: FastAPI) -> None:
    """The agent runner (app.state.runner) and the knowledge indexer worker, on the app's pool."""
    from leadloom.graphs.runner import AgentRunner
    from leadloom.memory.indexer import KnowledgeIndexer

    runner = AgentRunner(app.state.pool, app.state.settings, admin_url=app.state.db.admin)
    try:
        await runner.start()
    except LeadloomError as exc:
        # The CRM API stays up without a model; the agent routes answer 503 with this reason.
        log.warning("agent runtime not started: %s", exc.detail)
        app.state.runner_error = exc.detail
        return
    app.state.runner = runner
    if app.state.settings.run_workers:
        app.state.indexer = KnowledgeIndexer(app.state.pool)
        app.state.indexer.start()


async def stop_agents(app: FastAPI) -> None:
    if getattr(app.state, "indexer", None) is not None:
        await app.state.indexer.stop()
    if getattr(app.state, "runner", None) is not None:
        await app.state.runner.aclose()


async def start_scoring(app: FastAPI) -> None:
    """Lead-scoring workers: rescoring on every change (queue + NOTIFY) and retraining when due."""
    from leadloom.integrations.workers.scoring import RescoreWorker, RetrainWorker

    if not app.state.settings.run_workers:
        return  # `leadloom worker` runs them in a process of its own
    app.state.rescore_worker = RescoreWorker(app.state.pool)
    app.state.retrain_worker = RetrainWorker(app.state.pool)
    app.state.rescore_worker.start()
    app.state.retrain_worker.start()


async def stop_scoring(app: FastAPI) -> None:
    for name in ("rescore_worker", "retrain_worker"):
        worker = getattr(app.state, name, None)
        if worker is not None:
            await worker.stop()


async def start_chat(app: FastAPI) -> None:
    """The browser chat reaches the one runner through chat_ui.state (Chainlit loads its app by path)."""
    from leadloom.chat_ui import state

    state.set_runner(getattr(app.state, "runner", None), app.state.pool, app.state.settings)


async def stop_chat(app: FastAPI) -> None:
    from leadloom.chat_ui import state

    state.clear()


async def start_slack(app: FastAPI) -> None:
    """The Slack bot on the same runner, when it is configured (POST /slack/events or Socket Mode)."""
    from leadloom.integrations.slack import SlackService, build_slack_app, slack_configured

    settings = app.state.settings
    if not slack_configured(settings):
        return
    slack_app = build_slack_app(settings, getattr(app.state, "runner", None), app.state.pool)
    app.state.slack = SlackService(slack_app, settings)
    await app.state.slack.start()


async def stop_slack(app: FastAPI) -> None:
    if getattr(app.state, "slack", None) is not None:
        await app.state.slack.stop()
        app.state.slack = None


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    from leadloom.chat_ui.mount import mount_chat
    from leadloom.integrations.slack.http import slack_events

    app = create_app(
        settings,
        on_startup=[start_agents, start_scoring, start_chat, start_slack],
        on_shutdown=[stop_slack, stop_chat, stop_scoring, stop_agents],
    )
    app.add_route("/slack/events", slack_events, methods=["POST"], include_in_schema=False)
    mount_chat(app, settings, path="/chat")
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory leadloom.main:app_factory``."""
    return build_app()
