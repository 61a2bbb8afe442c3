"""The process's agent runner, pool and settings, as the Chainlit app reaches them.

Chainlit loads ``app.py`` by file path and calls it from its own server, so the app cannot be handed
the runner as an argument. The composition root (leadloom/main.py) puts the one runner here when the
app starts; the chat never builds a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.errors import DatabaseUnavailableError
from leadloom.crm.settings import Settings
from leadloom.graphs.runner import AgentRunner


@dataclass
class ChatRuntime:
    runner: AgentRunner | None
    pool: AsyncConnectionPool[Any]
    settings: Settings


_current: ChatRuntime | None = None


def set_runner(runner: AgentRunner | None, pool: AsyncConnectionPool[Any], settings: Settings) -> None:
    """Called by the composition root at startup (runner None: the agents could not start)."""
    global _current
    _current = ChatRuntime(runner=runner, pool=pool, settings=settings)


def clear() -> None:
    global _current
    _current = None


def runtime() -> ChatRuntime:
    if _current is None:
        raise DatabaseUnavailableError("the chat is not connected to a running Leadloom app")
    return _current


def runner() -> AgentRunner:
    rt = runtime()
    if rt.runner is None:
        raise DatabaseUnavailableError("the agent runtime is not running in this process")
    return rt.runner
