"""`tocsin users`: accounts and API tokens. Every change is audited as the CLI operator."""

from __future__ import annotations

import typer
from rich.table import Table
from sqlalchemy import select

from tocsin.cli.common import (
    cli_actor,
    console,
    database,
    friendly_errors,
    settings_with,
)
from tocsin.store import accounts, migrate
from tocsin.store.models.accounts import User

app = typer.Typer(
    help="Accounts: add, list, disable, set roles, create API tokens.", no_args_is_help=True
)


def _session():  # noqa: ANN202 - a context manager
    db = database(settings_with())
    migrate.upgrade(db)
    return db.session()


@app.command("add")
def add(
    username: str,
    role: str = typer.Option("viewer", help="viewer, analyst, reviewer or admin."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, envvar="TOCSIN_NEW_PASSWORD"
    ),
) -> None:
    """Create an account (the password is asked for, or read from TOCSIN_NEW_PASSWORD)."""
    with friendly_errors(), _session() as session:
        try:
            accounts.create_user(session, username, password, role, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"[green]added[/] {username} ({role})")


@app.command("list")
def list_users() -> None:
    """Show every account."""
    with _session() as session:
        table = Table("user", "role", "active", "created")
        for user in session.scalars(select(User).order_by(User.username)):
            table.add_row(
                user.username,
                user.role,
                "yes" if user.active else "no",
                f"{user.created_at:%Y-%m-%d}",
            )
    console.print(table)


@app.command("disable")
def disable(username: str) -> None:
    """Disable an account (its sessions and tokens stop working)."""
    with friendly_errors(), _session() as session:
        try:
            accounts.set_active(session, username, False, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"disabled {username}")


@app.command("set-role")
def set_role(username: str, role: str) -> None:
    """Change an account's role."""
    with friendly_errors(), _session() as session:
        try:
            accounts.set_role(session, username, role, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"{username} is now {role}")


@app.command("token")
def token(username: str, name: str = typer.Option("script", help="What the token is for.")) -> None:
    """Create an API token for a user; it is printed once and stored only hashed."""
    with friendly_errors(), _session() as session:
        try:
            secret = accounts.create_token(session, username, name, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(secret, highlight=False)
