"""The ``tocsin`` command line (Typer + Rich)."""
