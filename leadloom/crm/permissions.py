"""Who may do what: the one permission matrix (docs/permissions.md), checked by the services.

Every front end (API, agent tools, Chainlit, Slack, workflows) reaches the CRM through the services, and
the services call :func:`authorize` before they change anything, so one rule holds everywhere. An agent
carries the Actor of the person it serves, so it can never do more than that person.

Record scope: everyone in an organization may *read* its records (a small agency shares its book);
changing one depends on who owns it:

- owner, admin: every record;
- manager: records they own, records owned by someone in their team, and unowned records;
- rep: records they own and unowned records (the shared pool);
- viewer: nothing.
"""

from __future__ import annotations

from typing import Final, Literal
from uuid import UUID

from leadloom.crm.context import Actor, Role
from leadloom.crm.errors import PermissionDeniedError

Action = Literal[
    "record.read",
    "record.create",
    "record.update",
    "record.delete",
    "record.bulk",
    "record.merge",
    "record.import",
    "record.export",
    "settings.manage",
    "segments.manage",
    "campaigns.manage",
    "scoring.correct",
    "scoring.train",
    "workflows.manage",
    "agent.approve",
    "users.manage",
    "keys.admin",
    "audit.read",
    "audit.export",
]

ALL: Final = frozenset({"owner", "admin", "manager", "rep", "viewer"})
WRITERS: Final = frozenset({"owner", "admin", "manager", "rep"})
MANAGERS: Final = frozenset({"owner", "admin", "manager"})
ADMINS: Final = frozenset({"owner", "admin"})

# Which roles may attempt an action at all. Record-scoped actions are narrowed further by ownership.
MATRIX: Final[dict[str, frozenset[str]]] = {
    "record.read": ALL,
    "record.create": WRITERS,
    "record.update": WRITERS,
    "record.delete": WRITERS,
    "record.bulk": MANAGERS,  # a filter can reach records of anyone: only roles that may change them all-ish
    "record.merge": MANAGERS,
    "record.import": WRITERS,
    "record.export": MANAGERS,
    "settings.manage": ADMINS,  # lifecycle stages, pipelines, custom fields
    "segments.manage": WRITERS,
    "campaigns.manage": WRITERS,
    "scoring.correct": WRITERS,
    "scoring.train": MANAGERS,
    "workflows.manage": ADMINS,  # reserved for the workflow engine
    "agent.approve": WRITERS,  # the approved action is still authorized as the same person
    "users.manage": ADMINS,  # invitations, roles, teams, password resets of others
    "keys.admin": ADMINS,  # API keys with the 'admin' scope
    "audit.read": MANAGERS,
    "audit.export": ADMINS,
}
RECORD_SCOPED: Final = frozenset({"record.update", "record.delete"})

_WORDS: Final[dict[str, str]] = {
    "record.create": "create records",
    "record.update": "change this record",
    "record.delete": "delete this record",
    "record.bulk": "change or delete records in bulk",
    "record.merge": "merge records",
    "record.import": "import records",
    "record.export": "export records",
    "settings.manage": "change the organization's settings (stages, pipelines, custom fields)",
    "segments.manage": "create or change segments",
    "campaigns.manage": "create or change campaigns",
    "scoring.correct": "correct lead scores",
    "scoring.train": "retrain the scoring model",
    "workflows.manage": "change workflows",
    "agent.approve": "approve agent actions",
    "users.manage": "manage users, invitations and teams",
    "keys.admin": "create admin API keys",
    "audit.read": "read the audit log",
    "audit.export": "export the audit log",
}


def allowed(
    actor: Actor, action: Action, *, record_owner_id: UUID | None = None, record_team_id: UUID | None = None
) -> bool:
    """True when ``actor`` may do ``action`` (on a record owned by ``record_owner_id`` in ``record_team_id``)."""
    if actor.role not in MATRIX[action]:
        return False
    if action not in RECORD_SCOPED or actor.role in ADMINS:
        return True
    if record_owner_id is None or record_owner_id == actor.user_id:
        return True
    return actor.role == "manager" and actor.team_id is not None and record_team_id == actor.team_id


def authorize(
    actor: Actor, action: Action, *, record_owner_id: UUID | None = None, record_team_id: UUID | None = None
) -> None:
    """Raise PermissionDeniedError unless ``actor`` may do ``action``. The message names the role, not the data."""
    if allowed(actor, action, record_owner_id=record_owner_id, record_team_id=record_team_id):
        return
    what = _WORDS.get(action, action)
    if action in RECORD_SCOPED and actor.role in MATRIX[action]:
        scope = "records they own or unowned ones" if actor.role == "rep" else "their team's records"
        raise PermissionDeniedError(f"your role ({actor.role}) can only change {scope}; this record is someone else's")
    raise PermissionDeniedError(f"your role ({actor.role}) cannot {what}")


def can_grant(actor: Actor, role: Role) -> bool:
    """Owners grant any role; admins any but owner; nobody else grants roles."""
    if actor.role == "owner":
        return True
    return actor.role == "admin" and role != "owner"
