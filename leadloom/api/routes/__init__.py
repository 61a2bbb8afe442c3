"""One router per resource; app.py includes every router listed in ROUTERS."""

from __future__ import annotations

from fastapi import APIRouter

from leadloom.api.routes import agent, companies, contacts, custom_fields, health, imports, lifecycle, org, search

ROUTERS: list[APIRouter] = [
    health.router,
    org.router,
    imports.router,
    contacts.router,
    companies.router,
    custom_fields.router,
    lifecycle.router,
    search.router,
    agent.router,
]
