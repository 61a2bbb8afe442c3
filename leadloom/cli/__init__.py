"""The ``leadloom`` command line: serve, demo, import, db upgrade, apikey, score."""

from __future__ import annotations

import logging
import os

import typer

from leadloom.cli import db, keys, serve

app = typer.Typer(
    name="leadloom",
    help="Leadloom: the CRM you can talk to.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db.app, name="db")
app.add_typer(keys.app, name="apikey")
serve.register(app)


def _optional(module: str, name: str, help_text: str) -> None:
    """Sub-commands from modules that land separately; absent ones simply are not offered yet."""
    import importlib

    try:
        mod = importlib.import_module(f"leadloom.cli.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"leadloom.cli.{module}":
            raise
        return
    if hasattr(mod, "app"):
        app.add_typer(mod.app, name=name, help=help_text)
    elif hasattr(mod, "register"):
        mod.register(app)


_optional("score", "score", "Train, evaluate and explain lead-scoring models.")
_optional("imports", "import", "Import contacts, companies or deals from CSV.")
_optional("demo", "demo", "Load the demo organization.")
_optional("chat", "chat", "Talk to Leadloom in the terminal.")
_optional("worker", "worker", "Run the background workers without the HTTP server.")
_optional("eval", "eval", "Run the LangSmith eval suites (offline unless LANGSMITH_API_KEY is set).")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from leadloom.crm import logsafety

    logsafety.install()
    logging.basicConfig(
        level=os.environ.get("LEADLOOM_LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    app()
