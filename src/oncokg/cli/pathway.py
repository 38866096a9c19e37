"""The `oncokg pathway` commands: next options for a patient (`next`), a whole pathway as a tree or a
drawing (`tree`), and one answer line per patient of a file (`cohort`). Each mode is its own command
with only its own options, so the parser refuses a mixture instead of hand-written checks."""

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from oncokg.cli.app import app
from oncokg.cli.options import RegistryChoice, Where, store_options
from oncokg.disclaimer import DISCLAIMER
from oncokg.errors import OncoKGError

if TYPE_CHECKING:
    from collections.abc import Callable

    from oncokg.pathway import TreatmentPathways

FORMATS = ("text", "json")

pathway = typer.Typer(
    no_args_is_help=True,
    help="Treatment pathways from the sources: next options for a patient, a whole pathway, a cohort "
    "(not medical advice).",
)
app.add_typer(pathway, name="pathway", rich_help_panel="Pathways")

FormatOption = typer.Option("text", "--format", click_type=RegistryChoice(__name__), help="For people or programs.")
GraphOption = typer.Option(None, "--graph", help="Draw the pathway: FILE.svg, .png, .dot or .mmd.")
CancerOption = typer.Option(..., "--cancer", help="The cancer: label, synonym or CURIE (GIST).")
SettingOption = typer.Option(..., "--setting", help="The disease state (unresectable, recurrent...).")


def _open(where: Where) -> "TreatmentPathways":
    from oncokg.pathway import TreatmentPathways

    return TreatmentPathways.open(where.selector, where.root, where.timeout)


@pathway.command("next")
@store_options
def next_options(
    patient: Path | None = typer.Option(
        None, "--patient", help="A patient state as JSON (its fields: docs/pathways.md), instead of the flags."
    ),
    cancer: str | None = typer.Option(None, "--cancer", help="The cancer: label, synonym or CURIE (GIST)."),
    setting: str | None = typer.Option(None, "--setting", help="The disease state (unresectable, recurrent...)."),
    biomarker: list[str] = typer.Option(None, "--biomarker", help="NAME=STATUS, e.g. HER2=positive (repeatable)."),
    finding: list[str] = typer.Option(None, "--finding", help="A finding, e.g. 'liver metastases' (repeatable)."),
    history: list[str] = typer.Option(None, "--history", help="TREATMENT:OUTCOME in order, e.g. imatinib:progression."),
    planned: list[str] = typer.Option(
        None, "--planned", help="A treatment being considered, e.g. surgery (repeatable)."
    ),
    fmt: str = FormatOption,
    graph_file: Path | None = GraphOption,
    *,
    where: Where,
) -> None:
    """Next treatment options for a patient state, ranked and explained from the sources (not medical advice).

    Example: oncokg pathway next --cancer GIST --setting unresectable --history imatinib:progression
    """
    from oncokg.pathway.patient import patient_from_flags, read_patient_file

    if patient is not None and (cancer or setting or biomarker or finding or history or planned):
        raise OncoKGError("give --patient FILE or the patient flags (--cancer, --setting...), not both")
    data = (
        read_patient_file(patient)
        if patient is not None
        else patient_from_flags(cancer, setting, biomarker or [], finding or [], history or [], planned or [])
    )
    _one_patient(_open(where), data, str(patient) if patient is not None else "patient", fmt, graph_file)


@pathway.command("tree")
@store_options
def tree(
    cancer: str = CancerOption,
    setting: str = SettingOption,
    fmt: str = FormatOption,
    graph_file: Path | None = GraphOption,
    *,
    where: Where,
) -> None:
    """The whole pathway of a cancer in a disease state, as a tree of steps and transitions (not medical advice).

    Example: oncokg pathway tree --cancer GIST --setting unresectable --graph gist.svg
    """
    _whole_pathway(_open(where), cancer, setting, fmt, graph_file)


@pathway.command("cohort")
@store_options
def cohort(
    file: Path = typer.Argument(..., help="JSON Lines of patient states: one answer line each, in order."),
    *,
    where: Where,
) -> None:
    """Answer every patient state of a JSON Lines file: one JSON answer line each, an error line for a bad one.

    Example: oncokg pathway cohort docs/examples/patients.jsonl
    """
    _cohort(_open(where), file)


def _one_patient(tp: "TreatmentPathways", data: Any, where: str, fmt: str, graph_file: Path | None) -> None:
    from oncokg.pathway.render import answer_to_dict, render_text

    patient, readings = tp.read(data, where)
    answer = tp.answer(patient)
    if graph_file is not None:
        from oncokg.pathway.draw import draw  # networkx and pydot: loaded only for a drawing

        draw(answer.pathway, tp.graph, graph_file)
        typer.echo(f"oncokg: drew the pathway in {graph_file}", err=True)
    if fmt == "json":
        typer.echo(json.dumps(answer_to_dict(answer, tp.graph, DISCLAIMER, readings), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(answer, tp.graph, DISCLAIMER, readings))


def _whole_pathway(tp: "TreatmentPathways", cancer: str, setting: str, fmt: str, graph_file: Path | None) -> None:
    from oncokg.pathway.render import pathway_to_dict, render_tree

    found, notes = tp.pathway(cancer, setting)
    if graph_file is not None:
        from oncokg.pathway.draw import draw

        draw(found, tp.graph, graph_file)
        typer.echo(f"oncokg: drew the pathway in {graph_file}", err=True)
    if fmt == "json":
        typer.echo(json.dumps(pathway_to_dict(found, tp.graph, notes, DISCLAIMER), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_tree(found, tp.graph, notes, DISCLAIMER))


def _bytes_writer() -> "Callable[[bytes], object]":
    """Write UTF-8 bytes to stdout: to its binary buffer as they are (a cohort's answers are bytes
    already), or decoded when stdout is text only (a test's or a notebook's)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        return buffer.write
    return lambda data: sys.stdout.write(data.decode())


def _cohort(tp: "TreatmentPathways", path: Path) -> None:
    from oncokg.pathway.cohort import Cohort, prepare_collector
    from oncokg.pathway.patient import cohort_lines

    run = Cohort(tp.reasoner, tp.names, DISCLAIMER)
    prepare_collector()
    try:
        write = _bytes_writer()
        for line in run.answer_lines(cohort_lines(path)):
            write(line)
            write(b"\n")
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    counts = run.counts
    if counts.answered == 0:
        raise OncoKGError(
            f"{path}: none of its {counts.failed} records could be answered (see their lines)"
            if counts.failed
            else f"{path}: no records"
        )
    typer.echo(
        f"oncokg: answered {counts.answered} of {counts.answered + counts.failed} records"
        + (f"; {counts.failed} errors (see their lines)" if counts.failed else ""),
        err=True,
    )
