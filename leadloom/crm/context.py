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
    # The person's team (managers change their team's records) and the client address, for the audit log.
    team_id: UUID | None = None
    ip: str | None = None

    def via(self, source: Source, *, run_id: str | None = None, thread_id: str | None = None) -> Actor:
        return replace(self, source=source, run_id=run_id, thread_id=thread_id)

    @property
    def can_write(self) -> bool:
        """Coarse check kept for callers that only need "may this role change anything at all";
        the real rules (own / team / all records, settings, export...) are in crm/permissions.py."""
        return self.role != "viewer"
