"""One router per resource; app.py includes every router listed in ROUTERS."""

from __future__ import annotations

from fastapi import APIRouter

from leadloom.api.routes import health, imports, org

ROUTERS: list[APIRouter] = [health.router, org.router, imports.router]
