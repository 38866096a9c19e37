"""The Typer application and the options every command shares."""

from pathlib import Path

import typer

from oncokg.project import Project

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from oncokg import __version__

        typer.echo(f"oncokg {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """OncoKG: an oncology knowledge graph with provenance. Not medical advice.

    Exit status: 0 ok, 1 user error, 2 usage error, 3 internal error.
    """


RootOption = typer.Option(
    None, "--root", help="Project root (default: $ONCOKG_ROOT, the working directory or the installed checkout)."
)
TimeoutOption = typer.Option(300.0, "--reasoner-timeout", help="Seconds HermiT may run before it is stopped.")

DISCLAIMER = (
    "OncoKG restates patient-information documents (reviewed 2017-2019) with their sources; it is not medical advice."
)


def project(root: Path | None) -> Project:
    """The project at --root, or found from the environment."""
    return Project.find(root)
