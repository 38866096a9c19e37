"""The `oncokg` command: a thin layer over the library functions users import.

Commands live in modules by topic; importing them registers them on the one Typer app.
"""

import os
import sys

import typer

from ..errors import OncoKGError
from . import curation, export, graph, pathway, querying  # noqa: F401 - registers the commands
from .app import app


def main() -> None:
    """Entry point: run the app; user errors become one line on stderr and exit status 1."""
    try:
        app()
    except OncoKGError as exc:
        typer.echo(f"oncokg: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("oncokg: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if os.environ.get("ONCOKG_DEBUG"):
            raise
        typer.echo(f"oncokg: internal error: {type(exc).__name__}: {exc} (set ONCOKG_DEBUG=1 for a traceback)", err=True)
        sys.exit(2)
