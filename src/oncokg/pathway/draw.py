"""Drawings of a pathway: Graphviz DOT (networkx + pydot), SVG and PNG (Graphviz's dot), Mermaid text,
and node positions for matplotlib with or without Graphviz."""

import shutil
import textwrap
from pathlib import Path

import networkx as nx

from oncokg.disclaimer import DISCLAIMER
from oncokg.errors import OncoKGError
from oncokg.pathway.projection import Pathway, PathwayGraph, Step
from oncokg.pathway.render import step_label

FORMATS = (".dot", ".gv", ".svg", ".png", ".mmd")
START = "start"


def _node_text(step: Step, graph: PathwayGraph) -> str:
    text = f"{step.order}. {step_label(step, graph)}"
    conditions = sorted(graph.label(c) for c in step.conditions)
    if conditions:
        text += "\n" + "\n".join(textwrap.wrap("if " + " and ".join(conditions), width=40))
    return text


def pathway_digraph(pathway: Pathway, graph: PathwayGraph) -> nx.DiGraph:
    """One pathway as a small DiGraph: a start node, its steps, and transitions labelled by triggers."""
    ids = {s: f"s{n}" for n, s in enumerate(pathway.steps, 1)}
    drawn: nx.DiGraph = nx.DiGraph()
    drawn.add_node(START, label=f"{graph.label(pathway.disease)}\n{graph.label(pathway.state)}", shape="oval")
    for step_iri in pathway.steps:
        step = graph.steps[step_iri]
        dashed = step.certainty != "established"
        drawn.add_node(
            ids[step_iri], label=_node_text(step, graph), shape="box", style="rounded,dashed" if dashed else "rounded"
        )
    for entry in pathway.entries:
        conditional = bool(graph.steps[entry].conditions)
        drawn.add_edge(START, ids[entry], style="dotted" if conditional else "solid")
    for step_iri in pathway.steps:
        for transition in graph.outgoing.get(step_iri, ()):
            when = " or ".join(sorted(graph.label(t) for t in transition.triggers))
            source, target = ids[transition.source], ids[transition.target]
            if drawn.has_edge(source, target):
                when = drawn.edges[source, target]["label"] + " or " + when
            drawn.add_edge(source, target, label=when)
    return drawn


LEGEND = (
    "solid box: the source states it plainly; dashed box: it hedges ('may', 'some patients') | "
    "solid arrow from the start: where a patient starts; dotted: only under the step's condition; "
    "labelled arrow: what that outcome leads to | numbers: the source's step order"
)


def caption(pathway: Pathway, graph: PathwayGraph) -> str:
    """What a drawing says under the pathway: how to read it, its sources with their dates, and the notice."""
    dates: dict[str, str] = {}
    for e in pathway.evidence:
        dates.setdefault(e.source, e.date or "")
    sources = "; ".join(
        f"{graph.sources.get(s, s)} ({s}{', ' + dates[s] if dates.get(s) else ''})" for s in sorted(dates)
    )
    lines = textwrap.wrap(LEGEND, width=110) + textwrap.wrap(f"Source: {sources}", width=110) + [DISCLAIMER]
    return "\\l".join(lines) + "\\l"  # Graphviz's left-justified line breaks


def _pydot(pathway: Pathway, graph: PathwayGraph):  # -> pydot.Dot (pydot ships no types)
    """The pathway for Graphviz, with its legend, sources and the notice beneath it."""
    drawn = pathway_digraph(pathway, graph)
    text = caption(pathway, graph).replace('"', "'")
    drawn.graph["graph"] = {"label": f'"{text}"', "labelloc": "b", "labeljust": "l", "fontsize": "10"}
    return nx.nx_pydot.to_pydot(drawn)


def to_dot(pathway: Pathway, graph: PathwayGraph) -> str:
    """Graphviz DOT text of a pathway, with its legend, sources and the notice beneath it."""
    return _pydot(pathway, graph).to_string()


def positions(drawing: nx.DiGraph) -> tuple[dict, str]:
    """Where each node of a `pathway_digraph` goes in a matplotlib drawing, and by whose layout.

    Graphviz's ``dot`` lays a pathway out best, but it is a system program that a venv cannot
    install; without it the same pathway is laid out by networkx alone, in rows by distance from
    the start (the start on top), so a notebook draws either way and says which it used.
    """
    if shutil.which("dot") is not None:
        return nx.nx_pydot.graphviz_layout(drawing, prog="dot"), "Graphviz's dot"
    depth = nx.single_source_shortest_path_length(drawing, START)
    layered: nx.DiGraph = nx.DiGraph()
    for node in drawing:
        layered.add_node(node, row=depth.get(node, max(depth.values()) + 1))
    placed = nx.multipartite_layout(layered, subset_key="row", align="horizontal")
    flipped = {node: (float(x), -float(y)) for node, (x, y) in placed.items()}  # row 0, the start, on top
    return flipped, "networkx (Graphviz's dot is not installed)"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(pathway: Pathway, graph: PathwayGraph) -> str:
    """Mermaid flowchart text of a pathway (renders on GitHub and in many editors)."""
    drawn = pathway_digraph(pathway, graph)
    lines = ["flowchart TD"]
    for node, data in drawn.nodes(data=True):
        shape = ('(["', '"])') if node == START else ('("', '")')
        lines.append(f"  {node}{shape[0]}{_mermaid_text(data['label'])}{shape[1]}")
    for source, target, data in drawn.edges(data=True):
        if "label" in data:
            lines.append(f'  {source} -->|"{_mermaid_text(data["label"])}"| {target}')
        else:
            lines.append(f"  {source} {'-.->' if data.get('style') == 'dotted' else '-->'} {target}")
    return "\n".join(lines) + "\n"


def draw(pathway: Pathway, graph: PathwayGraph, path: Path) -> None:
    """Write a drawing of the pathway; the file's suffix chooses the format."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise OncoKGError(f"cannot draw {path.name}: use one of {', '.join(FORMATS)}")
    if not pathway.iri:
        raise OncoKGError(
            f"cannot draw {path.name}: the sources give no pathway for "
            f"{graph.label(pathway.disease)} {graph.label(pathway.state)}, only statements"
        )
    if suffix == ".mmd":
        content: bytes = to_mermaid(pathway, graph).encode("utf-8")
    elif suffix in (".dot", ".gv"):
        content = to_dot(pathway, graph).encode("utf-8")
    else:
        if shutil.which("dot") is None:
            raise OncoKGError(
                f"drawing {suffix} needs Graphviz's `dot` program (apt-get install graphviz); "
                ".dot and .mmd need nothing"
            )
        drawing = _pydot(pathway, graph).create(format=suffix[1:], prog="dot")
        content = drawing if isinstance(drawing, bytes) else drawing.encode("utf-8")  # pydot gives bytes
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise OncoKGError(f"cannot write {path}: {exc.strerror or exc}") from None
