"""The `oncokg` command: a thin layer over the library functions users import.

Commands live in modules by topic; importing them registers them on the one Typer app.

Exit status: 0 done, 1 a user error (bad input, missing build or tool, failed check), 2 a usage
error (unknown command or option, from the argument parser), 3 an internal error (a bug).
"""

import contextlib
import io
import os
import sys

# Importing registers the commands; the help screen lists them in the panel order of `oncokg.cli.app.PANELS`.
from oncokg.cli import curate, curation, export, graph, pathway, querying  # noqa: F401
from oncokg.cli.app import app

OK, USER_ERROR, USAGE_ERROR, INTERNAL_ERROR = 0, 1, 2, 3


def _fail(message: str, status: int) -> None:
    print(message, file=sys.stderr)
    sys.exit(status)


def main() -> None:
    """Entry point: run the app; errors become one line on stderr and the exit status above."""
    import typer
    from typer._click import exceptions as click  # Typer 0.2x vendors Click there (pinned <0.29 in pyproject)

    from oncokg.errors import OncoKGError

    try:
        # the parser's errors reach us, to be one line like ours; the name is the command's however it was started
        status = app(standalone_mode=False, prog_name="oncokg")
    except click.NoArgsIsHelpError:  # bare `oncokg`: Typer has printed the help; a usage error all the same
        sys.exit(USAGE_ERROR)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "oncokg"
        _fail(f"oncokg: error: {exc.format_message()} (see {command} -h)", USAGE_ERROR)
    except typer.Abort:
        _fail("oncokg: interrupted", 130)
    except click.ClickException as exc:
        _fail(f"oncokg: error: {exc.format_message()}", USER_ERROR)
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
    else:
        sys.exit(status if isinstance(status, int) else OK)  # --help and --version return 0


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`oncokg ARGV...` in this process, with `env` added to the environment for the call: the exit
    status, stdout and stderr that `main` gives a user, without a new interpreter per command (the docs
    generator and the tests run many)."""
    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_env = sys.argv, dict(os.environ)
    os.environ.update(env or {})
    sys.argv = ["oncokg", *argv]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                status = OK
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else (OK if exit.code is None else USER_ERROR)
    finally:
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return status, out.getvalue(), err.getvalue()
