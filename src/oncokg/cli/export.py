"""The export command: the built graph in the formats of other ontology and knowledge-graph tools."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from oncokg.cli.app import app
from oncokg.cli.options import RegistryChoice, RootOption, find_project


@app.command("export", rich_help_panel="Export")
def export_command(
    fmt: str | None = typer.Option(
        None,
        "--format",
        click_type=RegistryChoice("oncokg.export"),
        help="The format: what each is for is in docs/exports.md.",
    ),
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: build/export/)."),
    as_external: bool = typer.Option(
        False,
        "--as-external",
        help="Replace each entity by its exact match in the "
        "target vocabularies, keeping the OncoKG IRI where there is none.",
    ),
    target: str | None = typer.Option(
        None,
        "--target",
        help="With --as-external: target prefixes in order of preference, comma-separated "
        "(default: the vocabularies' order of docs/exports.md).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace files of the same name in --out that an export did not write."
    ),
    root: Path | None = RootOption,
) -> None:
    """Export the built graph for other tools; the files appear only when all are written.

    Example: oncokg export --format kgx --out kgx/
    """
    from typer._click.exceptions import UsageError  # the vendored Click's, which `oncokg.cli.main` catches

    from oncokg.errors import OncoKGError
    from oncokg.export import DEFAULT_TARGETS, export, get_format

    try:
        chosen = get_format(fmt)
    except OncoKGError as exc:
        raise UsageError(str(exc)) from None  # a missing or unknown --format is a usage error (exit 2)
    if target is not None and not as_external:
        raise OncoKGError("--target applies only with --as-external")
    targets = [t for t in target.split(",") if t.strip()] if target is not None else list(DEFAULT_TARGETS)
    with _progress_bar(f"export {fmt}") as progress:
        result = export(
            find_project(root),
            chosen.name,
            out,
            as_external=as_external,
            targets=targets,
            progress=progress,
            force=force,
        )
    files = "; ".join(f"{w.path.name} ({w.size / 1024:.1f} KB, {w.summary})" for w in result.files)
    counts = ", ".join(f"{prefix} {n}" for prefix, n in result.substitutions.items())
    external = f"; {sum(result.substitutions.values())} entities replaced ({counts})" if as_external else ""
    typer.echo(f"exported {fmt} to {result.out} in {result.seconds} s: {files}{external}")


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (steps: reading, each file, moving into place)."""
    if not sys.stderr.isatty():
        yield None
        return
    with typer.progressbar(length=1, label=label, file=sys.stderr) as bar:

        def progress(step: str, done: int, total: int) -> None:
            bar.label = f"{label}: {step}"
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        yield progress
