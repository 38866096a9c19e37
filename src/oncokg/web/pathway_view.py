"""The pathway explorer's answer: the reasoner's JSON or the CLI's text for a patient, and the
pathway drawn for the page (Cytoscape.js elements from the reasoner's own drawing graph) with what
a copied picture must carry: a legend, its sources and their dates, and the notice."""

import json
from typing import Any

from oncokg.disclaimer import DISCLAIMER
from oncokg.pathway import TreatmentPathways, answer_to_dict, render_text
from oncokg.pathway.draw import START, pathway_digraph

# What the drawing's styles mean (the reasoner's drawing: dashed = not stated plainly, dotted = a
# conditional entry); numbers are the sources' order of the steps, not a ranking.
LEGEND = [
    {"style": "solid box", "means": "a step the source states plainly (established)"},
    {"style": "dashed box", "means": "a step the source hedges ('may', 'some patients') or calls unclear"},
    {"style": "dotted arrow", "means": "an entry that applies only under the step's condition"},
    {"style": "labelled arrow", "means": "the next step after the outcome on the arrow"},
    {"style": "number", "means": "the order in which the source gives the steps, not a ranking"},
]


def answer_reply(tp: TreatmentPathways, data: Any, where: str, fmt: str) -> tuple[str, bytes]:
    """The answer as `oncokg pathway next` gives it: JSON (`--format json`) or the text it prints."""
    patient, readings = tp.read(data, where)
    answer = tp.answer(patient)
    if fmt == "text":
        return "text/plain; charset=utf-8", (render_text(answer, tp.graph, DISCLAIMER, readings) + "\n").encode()
    body = answer_to_dict(answer, tp.graph, DISCLAIMER, readings)
    return "application/json", json.dumps(body, ensure_ascii=False).encode()


def drawing(tp: TreatmentPathways, data: Any, where: str) -> dict[str, Any]:
    """The answer's pathway as graph elements, with the legend, the sources and the notice."""
    patient, _ = tp.read(data, where)
    pathway = tp.answer(patient).pathway
    graph = tp.graph
    if not pathway.iri:
        return {"elements": [], "legend": LEGEND, "sources": [], "disclaimer": DISCLAIMER, "title": ""}
    drawn = pathway_digraph(pathway, graph)
    nodes = [
        {
            "data": {"id": node, "label": data["label"]},
            "classes": " ".join(c for c in ("start" if node == START else "", _dashed(data)) if c),
        }
        for node, data in drawn.nodes(data=True)
    ]
    edges = [
        {
            "data": {"id": f"{a}-{b}", "source": a, "target": b, "label": data.get("label", "")},
            "classes": "dotted" if data.get("style") == "dotted" else "",
        }
        for a, b, data in drawn.edges(data=True)
    ]
    dates: dict[str, set[str]] = {}
    for e in pathway.evidence:
        dates.setdefault(e.source, set()).update({e.date} if e.date else set())
    return {
        "title": f"{graph.label(pathway.disease)}, {graph.label(pathway.state)}",
        "elements": nodes + edges,
        "legend": LEGEND,
        "sources": [{"id": s, "title": graph.sources.get(s, s), "dates": sorted(d)} for s, d in sorted(dates.items())],
        "disclaimer": DISCLAIMER,
    }


def _dashed(data: dict[str, Any]) -> str:
    return "dashed" if "dashed" in str(data.get("style", "")) else ""
