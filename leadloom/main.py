"""Composition root: the one process that serves the API, and (as they land) the chat UI and Slack endpoint.

The L5 packages do not import each other; this module, above them all, puts them together.
"""

from __future__ import annotations

from fastapi import FastAPI

from leadloom.api.app import create_app
from leadloom.crm.settings import Settings, get_settings


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return create_app(settings)


def app_factory() -> FastAPI:
    """For ``uvicorn --factory leadloom.main:app_factory``."""
    return build_app()
