"""The `oncokg` command: a thin layer over the library functions users import.

Commands live in modules by topic; importing them registers them on the one Typer app.

Exit status: 0 done, 1 a user error (bad input, missing build or tool, failed check), 2 a usage
error (unknown command or option, from the argument parser), 3 an internal error (a bug).
"""

import os
import sys

# Importing registers the commands, in the order the help screen lists them: build, query, reason, export, curate.
from oncokg.cli import curation, export, graph, pathway, querying  # noqa: F401
from oncokg.cli.app import app

OK, USER_ERROR, USAGE_ERROR, INTERNAL_ERROR = 0, 1, 2, 3


def _fail(message: str, status: int) -> None:
    print(message, file=sys.stderr)
    sys.exit(status)


def main() -> None:
    """Entry point: run the app; errors become one line on stderr and the exit status above."""
    from oncokg.errors import OncoKGError

    try:
        app()
    except OncoKGError as exc:
        _fail(f"oncokg: error: {exc}", USER_ERROR)
    except BrokenPipeError:
        # the reader stopped reading (`| head`): not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(OK)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"oncokg: error: {where}{exc.strerror or exc}", USER_ERROR)
    except KeyboardInterrupt:
        _fail("oncokg: interrupted", 130)
    except Exception as exc:
        if os.environ.get("ONCOKG_DEBUG"):
            raise
        _fail(
            f"oncokg: internal error: {type(exc).__name__}: {exc} (set ONCOKG_DEBUG=1 for a traceback)", INTERNAL_ERROR
        )
