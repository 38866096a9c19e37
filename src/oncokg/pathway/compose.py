"""Composition across sources: which pathways and which treatment statements apply to a patient.

A patient's cancer is answered by its own pathway for the state (or the pathway whose source says it
also covers that state: `coversState`, scoped to that pathway, never a global axiom), and by what
the sources give for cancer in general in that state. Beyond the pathways, every source's treatment
statements for the cancer (or cancer in general) in the patient's state apply:

- a statement whose stance offers the treatment (`option`, `trial_only`) is an option of its own,
  unless its source already has a pathway in the answer, or has a pathway for this cancer and the
  statement names no state (that source's pathways order its content); a statement of such a
  source still adds its option when it is tied to a purpose (symptom relief) and to a finding the
  patient has (bone pain -> radiation for relief);
- a statement that says a treatment is not commonly used, not helpful, not effective or not
  recommended is shown beside the option it disagrees with, or, when that treatment is not offered,
  as the reason it is absent.

Nothing here names a treatment: the rules read stances, diseases, states, conditions and purposes.
"""

from typing import NamedTuple

from oncokg.pathway.projection import Pathway, PathwayGraph, Step
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
    offered: tuple[Step, ...]
    against: tuple[Step, ...]
    against_by: dict[str, tuple[Step, ...]]


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
    covered_sources = set(primary.sources if primary else ()) | {s for p in general for s in p.sources}
    cancers = set(diseases(cancer, graph)[:-1])
    ordered_sources = {s for p in graph.pathways.values() if p.disease in cancers for s in p.sources}
    offered: list[Step] = []
    against: list[Step] = []
    for disease in diseases(cancer, graph):
        for usage in graph.usage_for.get(disease, ()):
            if usage.states and not usage.states & states:
                continue
            if usage.stance in AGAINST:
                against.append(usage)
            elif usage.stance in OFFERING:
                sources = set(usage.sources)
                own = sources <= covered_sources or (not usage.states and sources <= ordered_sources)
                if own and not (usage.purposes and usage.conditions):
                    continue
                offered.append(usage)
    by_treatment: dict[str, list[Step]] = {}
    for usage in against:
        by_treatment.setdefault(usage.treatment, []).append(usage)
    return Composition(tuple(general), tuple(offered), tuple(against), {k: tuple(v) for k, v in by_treatment.items()})
