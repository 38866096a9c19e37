"""The Typer application and the options every command shares."""

import typer
from typer.core import TyperGroup

# The help screen's panels, in pipeline order; each command names its panel (`rich_help_panel=`).
PANELS = ("Build", "Query", "Pathways", "Export", "Curate")


class _PanelOrder(TyperGroup):
    """Lists the commands panel by panel in PANELS order (within a panel, as registered), so the help
    screen's order is declared here rather than left to the order the modules are imported in."""

    def list_commands(self, ctx) -> list[str]:
        def panel(name: str) -> int:
            return PANELS.index(getattr(self.commands[name], "rich_help_panel", None) or PANELS[-1])

        return sorted(super().list_commands(ctx), key=panel)


app = typer.Typer(
    cls=_PanelOrder,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _data_line() -> str | None:
    """The data release of the inputs found as usual, and when its build was made: what to cite."""
    from oncokg.curation.ontology import data_version
    from oncokg.errors import OncoKGError
    from oncokg.pipeline.status import read_manifest
    from oncokg.project import Project

    try:
        project = Project.find()
        version = data_version(project.ontology_dir) if project.has_inputs else None  # a copy of a build has none
    except OncoKGError:
        return None
    try:
        manifest = read_manifest(project.build_dir)
    except OncoKGError:
        return f"data {version}, not built yet (oncokg build)"
    built = manifest.get("data_version", "?")
    return f"data {built}, built {manifest.get('built_at', '?')}" + (
        "" if version in (None, built) else f" (the inputs are now {version}: run oncokg build)"
    )


def _version(value: bool) -> None:
    if value:
        from oncokg import __version__

        typer.echo(f"oncokg {__version__}")
        data = _data_line()
        if data:
            typer.echo(data)
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Print the program's version, the data release and its build date, and exit.",
    ),
) -> None:
    """OncoKG: an oncology knowledge graph with provenance. Not medical advice.

    Exit status: 0 ok, 1 user error, 2 usage error, 3 internal error.
    """
