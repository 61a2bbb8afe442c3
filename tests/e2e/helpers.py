"""Shared setup for the front-end e2e tests: a small organization with people who can log in, and leads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from leadloom.crm.context import Actor
from leadloom.crm.passwords import hash_password
from leadloom.crm.services import contacts as contacts_svc
from leadloom.crm.services.orgs import create_organization, create_user

PASSWORD = "correct horse battery"
LEADS = [
    # name, email, stage, title: a spread of leads so top_leads has a clear order
    ("Nora Quinn", "nora@quinnco.example", "sql", "CEO"),
    ("Omar Reyes", "omar@reyes.example", "mql", "Head of Marketing"),
    ("Priya Shah", "priya@shahlabs.example", "lead", "Intern"),
    ("Zed Doe", "zed@doe.example", "lead", "Student"),
]


@dataclass
class OrgFixture:
    org_id: Any
    owner: dict[str, Any]
    rep: dict[str, Any]
    manager: dict[str, Any]
    contacts: dict[str, str]  # name -> id
    api_key: str = ""

    @property
    def owner_actor(self) -> Actor:
        return Actor(org_id=self.org_id, user_id=self.owner["id"], role="owner")


async def make_org(pool: Any) -> OrgFixture:
    """An organization with an owner, a manager and a rep (all with PASSWORD) and a few leads."""
    tag = uuid.uuid4().hex[:8]
    pw = hash_password(PASSWORD)
    created = await create_organization(
        pool,
        name=f"Chat Co {tag}",
        owner_email=f"olive-{tag}@chatco.example",
        owner_name="Olive Owner",
        owner_password_hash=pw,
    )
    org_id = created.org["id"]
    owner = created.owner
    actor = Actor(org_id=org_id, user_id=owner["id"], role="owner")
    rep = await create_user(
        pool, actor, email=f"ravi-{tag}@chatco.example", name="Ravi Rep", role="rep", password_hash=pw
    )
    manager = await create_user(
        pool, actor, email=f"mona-{tag}@chatco.example", name="Mona Manager", role="manager", password_hash=pw
    )
    contacts = {}
    for name, email, stage, title in LEADS:
        local, domain = email.split("@")
        c = await contacts_svc.create_contact(
            pool, actor, {"name": name, "email": f"{local}-{tag}@{domain}", "lifecycle_stage": stage, "title": title}
        )
        contacts[name] = str(c.id)
    return OrgFixture(org_id=org_id, owner=owner, rep=rep, manager=manager, contacts=contacts, api_key=created.api_key)
