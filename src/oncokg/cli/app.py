"""The Typer application and the options every command shares."""

import typer

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
