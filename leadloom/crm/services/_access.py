"""Record-level permission checks for the services: who owns the record, and in which team.

The rules themselves live in crm/permissions.py; this only looks up the record owner's team, and only
when the answer matters (a manager touching someone else's record).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn
from leadloom.crm.permissions import ADMINS, Action, authorize
from leadloom.crm.repositories import orgs as orgs_repo


async def authorize_record(conn: Conn, actor: Actor, action: Action, row: Mapping[str, Any]) -> None:
    """Raise PermissionDeniedError unless ``actor`` may ``action`` the record ``row`` (reads its owner_id)."""
    owner_id = row.get("owner_id")
    team_id = None
    if actor.role == "manager" and owner_id is not None and owner_id != actor.user_id:
        team_id = await orgs_repo.user_team(conn, org_id=actor.org_id, user_id=owner_id)
    authorize(actor, action, record_owner_id=owner_id, record_team_id=team_id)


async def authorize_records(conn: Conn, actor: Actor, action: Action, rows: Iterable[Mapping[str, Any]]) -> None:
    """``authorize_record`` for every row of a bulk change: all of them or none (a manager's filter that
    reaches another team's records is refused as a whole rather than silently narrowed)."""
    if actor.role in ADMINS:
        return
    teams: dict[Any, Any] = {}
    for row in rows:
        owner_id = row.get("owner_id")
        if actor.role == "manager" and owner_id is not None and owner_id != actor.user_id and owner_id not in teams:
            teams[owner_id] = await orgs_repo.user_team(conn, org_id=actor.org_id, user_id=owner_id)
        authorize(actor, action, record_owner_id=owner_id, record_team_id=teams.get(owner_id))
