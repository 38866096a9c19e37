"""The `oncokg pathway` command: next options for a patient, whole pathways, drawings and cohorts."""

import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from oncokg.cli.app import app
from oncokg.cli.options import (
    EndpointOption,
    QueryTimeoutOption,
    RegistryChoice,
    RootOption,
    StoreOption,
    store_selector,
)
from oncokg.disclaimer import DISCLAIMER
from oncokg.errors import OncoKGError

if TYPE_CHECKING:
    from oncokg.pathway import TreatmentPathways

FORMATS = ("text", "json")


@app.command(rich_help_panel="Pathways")
def pathway(
    patient: Path | None = typer.Option(
        None, "--patient", help="A patient state as JSON (its fields: docs/pathways.md)."
    ),
    cancer: str | None = typer.Option(None, "--cancer", help="The cancer: label, synonym or CURIE (GIST)."),
    setting: str | None = typer.Option(None, "--setting", help="The disease state (unresectable, recurrent...)."),
    biomarker: list[str] = typer.Option(None, "--biomarker", help="NAME=STATUS, e.g. HER2=positive (repeatable)."),
    finding: list[str] = typer.Option(None, "--finding", help="A finding, e.g. 'liver metastases' (repeatable)."),
    history: list[str] = typer.Option(None, "--history", help="TREATMENT:OUTCOME in order, e.g. imatinib:progression."),
    planned: list[str] = typer.Option(
        None, "--planned", help="A treatment being considered, e.g. surgery (repeatable)."
    ),
    cohort: Path | None = typer.Option(None, "--cohort", help="JSON Lines of patient states: one answer line each."),
    show_all: bool = typer.Option(False, "--all", help="The whole pathway for --cancer and --setting, as a tree."),
    graph_file: Path | None = typer.Option(None, "--graph", help="Draw the pathway: FILE.svg, .png, .dot or .mmd."),
    fmt: str = typer.Option("text", "--format", click_type=RegistryChoice(__name__), help="For people or programs."),
    store: str | None = StoreOption,
    endpoint: str | None = EndpointOption,
    timeout: float = QueryTimeoutOption,
    root: Path | None = RootOption,
) -> None:
    """Next treatment options for a patient state, ranked and explained from the sources (not medical advice).

    Example: oncokg pathway --cancer GIST --setting unresectable --history imatinib:progression
    """
    from oncokg.pathway import TreatmentPathways
    from oncokg.pathway.patient import patient_from_flags, read_patient_file

    selector = store_selector(store, endpoint)
    flags = bool(cancer or setting or biomarker or finding or history or planned)
    if cohort is not None and (patient is not None or flags or show_all or graph_file is not None):
        raise OncoKGError(
            "--cohort answers a file of patients: give it without --patient, patient flags, --all or --graph"
        )
    if patient is not None and flags:
        raise OncoKGError("give --patient FILE or the patient flags (--cancer, --setting...), not both")
    if show_all and (patient is not None or biomarker or finding or history or planned):
        raise OncoKGError("--all prints the whole pathway: give only --cancer and --setting")
    if cohort is None and patient is None and not flags:
        raise OncoKGError(
            "give --patient FILE, --cancer and --setting (with --all for the whole pathway), or --cohort FILE"
        )
    tp = TreatmentPathways.open(selector, root, timeout)
    if cohort is not None:
        _cohort(tp, cohort)
        return
    if show_all:
        _whole_pathway(tp, cancer, setting, fmt, graph_file)
        return
    data = (
        read_patient_file(patient)
        if patient is not None
        else patient_from_flags(cancer, setting, biomarker or [], finding or [], history or [], planned or [])
    )
    _one_patient(tp, data, str(patient) if patient is not None else "patient", fmt, graph_file)


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


def _whole_pathway(
    tp: "TreatmentPathways", cancer: str | None, setting: str | None, fmt: str, graph_file: Path | None
) -> None:
    from oncokg.pathway.render import pathway_to_dict, render_tree

    if not cancer or not setting:
        raise OncoKGError("--all needs --cancer and --setting")
    found, notes = tp.pathway(cancer, setting)
    if graph_file is not None:
        from oncokg.pathway.draw import draw

        draw(found, tp.graph, graph_file)
        typer.echo(f"oncokg: drew the pathway in {graph_file}", err=True)
    if fmt == "json":
        typer.echo(json.dumps(pathway_to_dict(found, tp.graph, notes, DISCLAIMER), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_tree(found, tp.graph, notes, DISCLAIMER))


def _cohort(tp: "TreatmentPathways", path: Path) -> None:
    from oncokg.pathway.cohort import Cohort
    from oncokg.pathway.patient import cohort_lines

    run = Cohort(tp.reasoner, tp.names, DISCLAIMER)
    gc.freeze()  # the graph and the name index live as long as the run: collections need not walk them again
    try:
        for line in run.answer_lines(cohort_lines(path)):
            sys.stdout.write(line + "\n")
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
