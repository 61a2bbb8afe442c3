"""``leadloom serve``: one process serving the API (and, as they land, chat and Slack)."""

from __future__ import annotations

import typer

from leadloom.crm.settings import get_settings


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option(None, help="Interface to bind (default from LEADLOOM_HOST, 127.0.0.1)."),
        port: int = typer.Option(None, help="Port (default from LEADLOOM_PORT, 8000)."),
        workers: int = typer.Option(1, help="Worker processes (needs DATABASE_URL or a shared embedded data folder)."),
    ) -> None:
        """Serve Leadloom on http://HOST:PORT (API docs at /docs)."""
        import uvicorn

        settings = get_settings()
        uvicorn.run(
            "leadloom.main:app_factory",
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            log_level="info",
            access_log=False,
        )
