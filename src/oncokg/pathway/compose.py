"""Composition across sources: which pathways and which treatment statements apply to a patient.

A patient's cancer is answered by its own pathway for the state (or the pathway whose source says it
also covers that state: `coversState`, scoped to that pathway, never a global axiom), and by what
the sources give for cancer in general in that state. Beyond the pathways, every source's treatment
statements for the cancer (or cancer in general) in the patient's state apply:

- a statement whose stance offers the treatment (`option`, `trial_only`) is an option of its own
  when its source has no pathway for this cancer in the answer; a statement of a source that has
  (the source's pathway orders its content) joins only when the pathway gives its treatment at no
  step that applies in the patient's state (a step of that treatment, or of a broader one it is a
  kind of, is where the source put it), and only when it is tied to a finding (its conditions):
  embolization for a GIST that has come back in the liver, but not "imatinib is used for most
  GISTs" beside the pathway's imatinib;
- a statement that says a treatment is not commonly used, not helpful, not effective or not
  recommended is shown beside the option it disagrees with, or, when that treatment is not offered,
  as the reason it is absent;
- a plain option (no condition) whose treatment, or the class it belongs to, is rarely or not
  commonly used for the cancer is not offered: "You may be offered immunotherapy drugs such as
  nivolumab" stands beside "immunotherapy is not commonly used to treat stomach cancer", so the
  answer gives the reason, and keeps what opens it (a trial, a finding such as bone pain).

Nothing here names a treatment: the rules read stances, diseases, states, conditions and purposes.
"""

from typing import NamedTuple

from oncokg.pathway.projection import Pathway, PathwayGraph, TreatmentStatement
from oncokg.vocab.terms import (
    ANY_CANCER,
    NOT_EFFECTIVE,
    NOT_HELPFUL,
    NOT_RECOMMENDED,
    OPTION,
    RARELY_USED,
    TRIAL_ONLY,
)

OFFERING = frozenset({OPTION, TRIAL_ONLY})
AGAINST = frozenset({RARELY_USED, NOT_HELPFUL, NOT_EFFECTIVE, NOT_RECOMMENDED})


class Composition(NamedTuple):
    """The pathways and statements that apply to one cancer in one setting."""

    general: tuple[Pathway, ...]
    offered: tuple[TreatmentStatement, ...]
    against: tuple[TreatmentStatement, ...]
    against_by: dict[str, tuple[TreatmentStatement, ...]]


def diseases(cancer: str, graph: PathwayGraph) -> tuple[str, ...]:
    """The cancer and every broader cancer it is a kind of, most specific first; cancer in general last."""
    broader = sorted(graph.broader.get(cancer, ()), key=lambda c: (-len(graph.broader.get(c, ())), c))
    return tuple(dict.fromkeys([cancer, *broader, ANY_CANCER]))


def compose(graph: PathwayGraph, cancer: str, states: frozenset[str], primary: Pathway | None) -> Composition:
    """What applies to `cancer` in a state whose kinds are `states`, beside the primary pathway.

    A statement's conditions are alternatives, checked by the reasoner: a statement with conditions
    becomes an option only when the patient has one of them (findings open options).
    """
    general = []
    for disease in diseases(cancer, graph)[1:]:
        for state in sorted(states):
            iri = graph.pathway_for.get((disease, state))
            if iri is not None and (primary is None or iri != primary.iri):
                general.append(graph.pathways[iri])
    general = list({p.iri: p for p in general}.values())
    answering = ([primary] if primary else []) + general
    covered_sources = {s for p in answering for s in p.sources}
    cancers = set(diseases(cancer, graph)[:-1])
    ordered_sources = {s for p in graph.pathways.values() if p.disease in cancers for s in p.sources}
    sequenced = _sequenced(graph, answering, states)
    offered: list[TreatmentStatement] = []
    against: list[TreatmentStatement] = []
    for disease in diseases(cancer, graph):
        for usage in graph.usage_for.get(disease, ()):
            if usage.states and not usage.states & states:
                continue
            if usage.stance in AGAINST:
                against.append(usage)
            elif usage.stance in OFFERING:
                if _read_through_pathway(graph, usage, covered_sources | ordered_sources, sequenced):
                    continue
                offered.append(usage)
    rare = {u.treatment for u in against if u.stance == RARELY_USED}
    if rare:
        offered = [
            u for u in offered if u.stance != OPTION or u.conditions or _kinds(graph, u.treatment).isdisjoint(rare)
        ]
    by_treatment: dict[str, list[TreatmentStatement]] = {}
    for usage in against:
        by_treatment.setdefault(usage.treatment, []).append(usage)
    return Composition(tuple(general), tuple(offered), tuple(against), {k: tuple(v) for k, v in by_treatment.items()})


def _sequenced(graph: PathwayGraph, pathways: list[Pathway], states: frozenset[str]) -> frozenset[str]:
    """The treatments the answering pathways give at a step that applies in these states."""
    return frozenset(
        graph.steps[s].treatment
        for p in pathways
        for s in p.steps
        if not graph.steps[s].states or graph.steps[s].states & states
    )


def _kinds(graph: PathwayGraph, treatment: str) -> frozenset[str]:
    return graph.broader.get(treatment, frozenset()) | {treatment}


def _read_through_pathway(
    graph: PathwayGraph, usage: TreatmentStatement, ordering: set[str], sequenced: frozenset[str]
) -> bool:
    """Whether a statement's source orders it in a pathway: its source has one for the cancer, and
    either the pathway gives the treatment (or a broader one) in this state, or the statement is
    tied to no finding (a state alone does not open it: every statement of a document inherits the
    document's state)."""
    if not set(usage.sources) <= ordering:
        return False
    return not _kinds(graph, usage.treatment).isdisjoint(sequenced) or not usage.conditions
