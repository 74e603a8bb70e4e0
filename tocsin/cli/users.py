"""`tocsin users`: accounts and API tokens. Every change is audited as the CLI operator."""

from __future__ import annotations

import typer

from tocsin.cli.common import (
    FormatOption,
    OutputFormat,
    cli_actor,
    console,
    friendly_errors,
    migrated_database,
    print_rows,
)

app = typer.Typer(
    help="Accounts: add, list, disable, set roles, create API tokens.", no_args_is_help=True
)


def _session():  # noqa: ANN202 - a context manager
    return migrated_database().session()


@app.command("add")
def add(
    username: str,
    role: str = typer.Option("viewer", help="viewer, analyst, reviewer or admin."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, envvar="TOCSIN_NEW_PASSWORD"
    ),
) -> None:
    """Create an account (the password is asked for, or read from TOCSIN_NEW_PASSWORD)."""
    from tocsin.store import accounts

    with friendly_errors(), _session() as session:
        try:
            accounts.create_user(session, username, password, role, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"[green]added[/] {username} ({role})")


@app.command("list")
def list_users(fmt: OutputFormat = FormatOption) -> None:
    """Show every account."""
    from sqlalchemy import select

    from tocsin.store.models.accounts import User

    with _session() as session:
        rows = [
            (
                user.username,
                user.role,
                "yes" if user.active else "no",
                f"{user.created_at:%Y-%m-%d}",
            )
            for user in session.scalars(select(User).order_by(User.username))
        ]
    print_rows(("user", "role", "active", "created"), rows, fmt)


@app.command("disable")
def disable(username: str) -> None:
    """Disable an account (its sessions and tokens stop working)."""
    from tocsin.store import accounts

    with friendly_errors(), _session() as session:
        try:
            accounts.set_active(session, username, False, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"disabled {username}")


@app.command("set-role")
def set_role(username: str, role: str) -> None:
    """Change an account's role."""
    from tocsin.store import accounts

    with friendly_errors(), _session() as session:
        try:
            accounts.set_role(session, username, role, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(f"{username} is now {role}")


@app.command("token")
def token(username: str, name: str = typer.Option("script", help="What the token is for.")) -> None:
    """Create an API token for a user; it is printed once and stored only hashed."""
    from tocsin.store import accounts

    with friendly_errors(), _session() as session:
        try:
            secret = accounts.create_token(session, username, name, actor=cli_actor())
        except accounts.AccountError as exc:
            raise ValueError(str(exc)) from None
    console.print(secret, highlight=False)
