"""Who is acting: every service call carries an Actor (organization, user, role, and where it came from)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from uuid import UUID

Role = Literal["owner", "admin", "manager", "rep", "viewer"]
Source = Literal["api", "chat", "slack", "workflow", "import", "cli", "system"]


@dataclass(frozen=True, slots=True)
class Actor:
    org_id: UUID
    user_id: UUID | None
    role: Role = "rep"
    source: Source = "api"
    # Set when an agent acts on a person's behalf, so every write can be traced to a run.
    run_id: str | None = None
    thread_id: str | None = None

    def via(self, source: Source, *, run_id: str | None = None, thread_id: str | None = None) -> Actor:
        return replace(self, source=source, run_id=run_id, thread_id=thread_id)

    @property
    def can_write(self) -> bool:
        return self.role != "viewer"
