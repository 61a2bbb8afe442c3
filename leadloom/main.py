"""Composition root: the one process that serves the API, and (as they land) the chat UI and Slack endpoint.

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
        return
    app.state.runner = runner
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

    app.state.rescore_worker = RescoreWorker(app.state.pool)
    app.state.retrain_worker = RetrainWorker(app.state.pool)
    app.state.rescore_worker.start()
    app.state.retrain_worker.start()


async def stop_scoring(app: FastAPI) -> None:
    for name in ("rescore_worker", "retrain_worker"):
        worker = getattr(app.state, name, None)
        if worker is not None:
            await worker.stop()


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return create_app(settings, on_startup=[start_agents, start_scoring], on_shutdown=[stop_scoring, stop_agents])


def app_factory() -> FastAPI:
    """For ``uvicorn --factory leadloom.main:app_factory``."""
    return build_app()
