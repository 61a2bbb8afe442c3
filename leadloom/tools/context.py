"""What every tool receives at run time instead of globals: the pool, the acting user and settings.

Passed as ``context=AgentContext(...)`` when a graph is invoked and read by tools through
``runtime: ToolRuntime[AgentContext]`` (``runtime.context``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.settings import Settings


@dataclass
class AgentContext:
    pool: AsyncConnectionPool[Conn]
    actor: Actor
    settings: Settings
    # Bulk changes touching more records than this pause for approval (per-org setting, else settings default).
    approval_threshold: int = 10
    # Free-form extras front ends may pass (e.g. the Slack channel); tools must not depend on them.
    extras: dict[str, Any] = field(default_factory=dict)
