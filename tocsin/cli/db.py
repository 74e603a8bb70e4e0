"""`tocsin db`: database migrations."""

from __future__ import annotations

import typer

from tocsin.cli.common import console, database, friendly_errors, settings_with
from tocsin.store import migrate

app = typer.Typer(help="Database: migrate and inspect.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Migrate the configured database (SQLite by default) to the latest schema."""
    settings = settings_with()
    with friendly_errors():
        db = database(settings)
        migrate.upgrade(db)
        console.print(f"[green]database at[/] {', '.join(sorted(migrate.current_heads(db)))}")


@app.command("status")
def status() -> None:
    """Show the database URL (password hidden) and whether it is up to date."""
    settings = settings_with()
    db = database(settings)
    state = "up to date" if migrate.is_up_to_date(db) else "needs `tocsin db upgrade`"
    console.print(f"{db.engine.url.render_as_string(hide_password=True)}: {state}")
