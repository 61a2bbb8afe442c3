"""``leadloom apikey create``: a new API key for a user, printed once."""

from __future__ import annotations

import typer

from leadloom.cli.common import console, open_pool, run
from leadloom.crm import normalize
from leadloom.crm.db.pool import Conn
from leadloom.crm.errors import NotFoundError, ValidationError
from leadloom.crm.repositories.orgs import auth_user_by_email
from leadloom.crm.services.orgs import create_api_key

app = typer.Typer(help="API keys.", no_args_is_help=True)


@app.command()
def create(
    email: str = typer.Option(..., "--email", help="The user the key acts as."),
    name: str = typer.Option("cli", help="A label for the key."),
    scopes: str = typer.Option("read,write", help="Comma-separated: read, write, admin."),
) -> None:
    """Create an API key for the user with EMAIL."""

    async def _go() -> str:
        try:
            clean = normalize.email(email)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        async with open_pool() as pool:
            conn: Conn
            async with pool.connection() as conn:
                user = await auth_user_by_email(conn, email=clean)
            if user is None:
                raise NotFoundError(f"no user with email {clean}; `leadloom demo` creates the demo users")
            return await create_api_key(
                pool,
                org_id=user["org_id"],
                user_id=user["user_id"],
                name=name,
                scopes=[s.strip() for s in scopes.split(",") if s.strip()],
            )

    key = run(_go)
    console.print(f"API key (shown once): [bold]{key}[/bold]")
