"""One router per resource; app.py includes every router listed in ROUTERS."""

from __future__ import annotations

from fastapi import APIRouter

from leadloom.api.routes import (
    activities,
    agent,
    audit,
    auth,
    companies,
    contacts,
    custom_fields,
    deals,
    followups,
    health,
    imports,
    lifecycle,
    org,
    pipelines,
    privacy,
    scoring,
    search,
    timeline,
)

ROUTERS: list[APIRouter] = [
    health.router,
    auth.router,
    org.router,
    audit.router,
    imports.router,
    contacts.router,
    companies.router,
    custom_fields.router,
    lifecycle.router,
    search.router,
    agent.router,
    pipelines.router,
    deals.router,
    activities.router,
    timeline.router,
    followups.router,
    scoring.router,
    privacy.router,
]
