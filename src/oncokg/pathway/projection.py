"""The treatment pathways of the graph, shaped from the one projection SELECT (`oncokg.query.projection`).

The answer becomes steps, transitions, pathways and statements, with dictionary indexes for the
reasoner: no treatment logic lives here, only the shape of the data. `PathwayGraph.graph` gives the
same as a `networkx.DiGraph` (steps as nodes, transitions on the edges) for those who want to walk
or draw it; it is made on first use, so that reasoning never waits for networkx to load.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from oncokg.errors import OncoKGError
from oncokg.query.projection import HIERARCHY_PROPERTIES, STATEMENT_PROPERTIES, projection_result
from oncokg.store import Backend
from oncokg.store.results import Value, bound
from oncokg.vocab import BASE, PREFIXES, RDF, RDFS, curie

if TYPE_CHECKING:
    import networkx as nx

SOURCE = PREFIXES["source"]
RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
DC_TITLE = PREFIXES["dcterms"] + "title"
HAS_EVIDENCE = BASE + "hasEvidence"

BENEFIT_SHOWN = BASE + "benefit_shown"


@dataclass(frozen=True)
class Evidence:
    """One quote that states a step, transition, pathway or treatment statement."""

    source: str
    quote: str
    start: int
    end: int
    certainty: str
    fact: str
    note: str | None = None
    proportion: str | None = None
    date: str | None = None


CERTAINTY_RANK = {"established": 0, "hedged": 1, "unclear": 2}
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def duration_words(value: str) -> str:
    """`P3Y` as `3 years`; anything unusual as it is."""
    match = _DURATION.match(value)
    if not match or not any(match.groups()):
        return value
    parts = []
    for amount, unit in zip(match.groups(), ("year", "month", "week", "day"), strict=True):
        if amount:
            parts.append(f"{amount} {unit}{'' if amount == '1' else 's'}")
    return " ".join(parts)


def weakest(evidence: tuple[Evidence, ...]) -> str:
    """The least certain of the evidence's certainties: a fact is never stated firmer than its sources."""
    return max((e.certainty for e in evidence), key=CERTAINTY_RANK.__getitem__, default="hedged")


@dataclass(frozen=True)
class _Treatment:
    """What a step and a statement share: the treatment they give, with what, under which conditions
    (and unless which), in which settings and disease states, and the quotes that say so."""

    iri: str
    treatment: str
    given_with: tuple[str, ...]
    conditions: frozenset[str]
    unless: frozenset[str]
    settings: tuple[str, ...]
    states: frozenset[str]
    evidence: tuple[Evidence, ...]

    @property
    def certainty(self) -> str:
        return weakest(self.evidence)

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.source for e in self.evidence}))


@dataclass(frozen=True)
class Step(_Treatment):
    """A treatment step of a pathway, with everything the reasoner and the renderers need."""

    pathway: str
    order: int
    continued_until: frozenset[str]
    requires: tuple[str, ...]
    durations: tuple[str, ...]
    after_failure_of: frozenset[str] = frozenset()
    stance: str | None = None
    purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TreatmentStatement(_Treatment):
    """What one sentence says about using a treatment for a disease (given, advised against, used
    rarely...), outside any sequence. The reasoner checks it with the rules it checks steps with, so it
    answers the fields a step's rules read; a statement has no order, duration or prerequisite of its
    own. Its conditions are alternatives ("bleeding or obstruction"): it applies when any one holds."""

    disease: str
    stance: str | None = None
    purposes: tuple[str, ...] = ()
    order: ClassVar[int] = 1
    continued_until: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[tuple[str, ...]] = ()
    durations: ClassVar[tuple[str, ...]] = ()
    after_failure_of: ClassVar[frozenset[str]] = frozenset()


Given = Step | TreatmentStatement  # what an option stands on: a step of a pathway, or a statement beside one


@dataclass(frozen=True)
class Transition:
    """A move from one step to another, fired by any one of its triggers."""

    iri: str
    pathway: str
    source: str
    target: str
    triggers: frozenset[str]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Pathway:
    """The steps a source gives for one cancer in one disease state.

    Entry steps are where a patient in that state starts: the preferred-first steps (lowest order)
    and the steps no transition leads to (options of the state outside the sequence).
    """

    iri: str
    disease: str
    state: str
    steps: tuple[str, ...]
    entries: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    covers: frozenset[str] = frozenset()
    continues_in: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.source for e in self.evidence}))


@dataclass(frozen=True)
class Statement:
    """A treatment statement the reasoner checks (contraindicated in, caution in, requires status)."""

    subject: str
    object: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Doubt:
    """What a source doubts of a treatment: an outcome it is not clear it brings about ("it's not clear
    if it helps people live longer"), for a disease (and states). Shown beside the option, never as
    a ruling-out: the doubt is about that outcome, not about using the treatment."""

    treatment: str
    outcome: str
    status: str
    disease: str
    states: frozenset[str]
    evidence: tuple[Evidence, ...]


@dataclass
class PathwayGraph:
    """The projection: steps, transitions and pathways plus the indexes traversal needs."""

    pathways: dict[str, Pathway]
    steps: dict[str, Step]
    transitions: dict[str, Transition]
    labels: dict[str, str]
    types: dict[str, frozenset[str]]
    broader: dict[str, frozenset[str]]
    contraindications: dict[str, tuple[Statement, ...]]
    cautions: dict[str, tuple[Statement, ...]]
    required_statuses: dict[str, tuple[Statement, ...]]
    depends_on: dict[str, tuple[Statement, ...]]
    tested_by: dict[str, tuple[Statement, ...]]
    status_of: dict[str, str]
    sources: dict[str, str]
    fires: dict[tuple[str, str], tuple[Transition, ...]] = field(default_factory=dict)
    outgoing: dict[str, tuple[Transition, ...]] = field(default_factory=dict)
    incoming: dict[str, frozenset[str]] = field(default_factory=dict)  # step -> the steps a transition leaves for it
    by_treatment: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    pathway_for: dict[tuple[str, str], str] = field(default_factory=dict)
    covered_by: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    usage: dict[str, TreatmentStatement] = field(default_factory=dict)
    usage_for: dict[str, tuple[TreatmentStatement, ...]] = field(default_factory=dict)
    given_for: dict[str, frozenset[str]] = field(default_factory=dict)  # disease -> treatments its sources give
    escalates: dict[str, str] = field(default_factory=dict)
    implies: dict[str, frozenset[str]] = field(default_factory=dict)
    doubts: dict[str, tuple[Doubt, ...]] = field(default_factory=dict)
    risk_factors: dict[str, frozenset[str]] = field(default_factory=dict)  # disease -> what raises its recurrence risk
    excludes: dict[str, frozenset[str]] = field(default_factory=dict)  # finding -> findings it cannot go with
    held_when_planned: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # treatment -> findings planning it holds

    def label(self, iri: str) -> str:
        """The preferred label of an entity; a node's id; else the local name."""
        return self.labels.get(iri) or iri.rsplit("/", 1)[-1]

    def is_a(self, iri: str, kind: str) -> bool:
        return BASE + kind in self.types.get(iri, ())

    @cached_property
    def graph(self) -> "nx.DiGraph":
        """Steps as nodes (pathway, order, treatment) and, on each edge, the transitions between two steps."""
        import networkx as nx

        drawn: nx.DiGraph = nx.DiGraph()
        for step in self.steps.values():
            drawn.add_node(step.iri, pathway=step.pathway, order=step.order, treatment=step.treatment)
        for source, transitions in self.outgoing.items():
            for transition in transitions:
                if drawn.has_edge(source, transition.target):
                    drawn.edges[source, transition.target]["transitions"].append(transition)
                else:
                    drawn.add_edge(source, transition.target, transitions=[transition])
        return drawn


def _text(cell: Value | None) -> str | None:
    return None if cell is None else cell.value


class _Rows:
    """Collects the projection rows by kind before the dataclasses are built."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.evidence: dict[str, dict[str, Evidence]] = defaultdict(dict)
        self.statements: dict[tuple[str, str, str], dict[str, Evidence]] = defaultdict(dict)
        self.hierarchy: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        self.sources: dict[str, str] = {}

    def add(self, row: dict[str, Value | None]) -> None:
        s, p, o = bound(row, "s").value, bound(row, "p").value, bound(row, "o").value
        local = p.removeprefix(BASE)
        if p == RDF_TYPE:
            self.types[s].add(o)
        elif p == RDFS_LABEL:
            self.labels.setdefault(s, o)
        elif p == DC_TITLE:
            self.sources[s] = o
        elif p == HAS_EVIDENCE:
            self.evidence[s][o] = _evidence(row)
        elif local in STATEMENT_PROPERTIES:
            bucket = self.statements[(local, s, o)]
            if row.get("quote") is not None:
                bucket[bound(row, "fact").value + bound(row, "start").value] = _evidence(row)
        elif local in HIERARCHY_PROPERTIES:
            self.hierarchy[local].append((s, o))
        else:
            self.props[s][local].append(o)


def _evidence(row: dict[str, Value | None]) -> Evidence:
    source = bound(row, "source").value
    return Evidence(
        source=source.removeprefix(SOURCE),
        quote=bound(row, "quote").value,
        start=int(bound(row, "start").value),
        end=int(bound(row, "end").value),
        certainty=bound(row, "certainty").value.rsplit("/", 1)[-1],
        fact=bound(row, "fact").value,
        note=_text(row.get("note")),
        proportion=_text(row.get("proportion")),
        date=_text(row.get("date")),
    )


def _sorted_evidence(found: dict[str, Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(found.values(), key=lambda e: (e.source, e.start, e.end)))


def _closure(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Every entity's broader entities, transitively (the store may or may not have materialised them)."""
    up: dict[str, set[str]] = defaultdict(set)
    for narrow, broad in pairs:
        up[narrow].add(broad)
    closed: dict[str, frozenset[str]] = {}
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            item = todo.pop()
            if item not in seen and item != start:
                seen.add(item)
                todo.extend(up.get(item, ()))
        closed[start] = frozenset(seen)
    return closed


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for subject, obj in pairs:
        grouped[subject].add(obj)
    return {k: frozenset(v) for k, v in grouped.items()}


def _one(props: dict[str, list[str]], key: str, node: str) -> str:
    values = props.get(key, [])
    if len(values) != 1:
        raise OncoKGError(f"pathway node {curie(node)} has {len(values)} values of {key}; expected one")
    return values[0]


def project_graph(backend: Backend) -> PathwayGraph:
    """Run the projection query once and build the pathway graph and its indexes."""
    rows = _Rows()
    for row in projection_result(backend).rows:
        rows.add(row)
    pathway_type, step_type, transition_type, statement_type = (
        BASE + t for t in ("TreatmentPathway", "TreatmentStep", "Transition", "TreatmentStatement")
    )
    steps: dict[str, Step] = {}
    usage: dict[str, TreatmentStatement] = {}
    transitions: dict[str, Transition] = {}
    doubts: dict[str, list[Doubt]] = defaultdict(list)
    for node, props in rows.props.items():
        kinds = rows.types.get(node, set())
        if BASE + "OutcomeStatement" in kinds:
            doubt = _doubt(node, props, rows)
            if doubt is not None:
                doubts[doubt.treatment].append(doubt)
            continue
        if step_type in kinds:
            steps[node] = Step(
                iri=node,
                pathway=_one(props, "stepOf", node),
                order=int(_one(props, "stepOrder", node)),
                treatment=_one(props, "recommends", node),
                given_with=tuple(sorted(props.get("givenWith", []))),
                conditions=frozenset(props.get("hasCondition", [])),
                unless=frozenset(props.get("unlessCondition", [])),
                settings=tuple(sorted(props.get("inSetting", []))),
                states=frozenset(props.get("inDiseaseState", [])),
                continued_until=frozenset(props.get("continuedUntil", [])),
                requires=tuple(sorted(props.get("requires", []))),
                durations=tuple(sorted(props.get("minimumDuration", []))),
                evidence=_sorted_evidence(rows.evidence[node]),
                after_failure_of=frozenset(props.get("afterFailureOf", [])),
            )
        elif statement_type in kinds and all(
            len(props.get(k, ())) == 1 for k in ("stance", "forDisease", "aboutTreatment")
        ):
            usage[node] = _usage(node, props, rows)
        elif transition_type in kinds:
            transitions[node] = Transition(
                iri=node,
                pathway=_one(props, "transitionOf", node),
                source=_one(props, "fromStep", node),
                target=_one(props, "toStep", node),
                triggers=frozenset(props.get("trigger", [])),
                evidence=_sorted_evidence(rows.evidence[node]),
            )
    for transition in transitions.values():
        if transition.source not in steps or transition.target not in steps:
            raise OncoKGError(f"transition {curie(transition.iri)} joins steps the graph does not have")
    reached = {t.target for t in transitions.values()}
    pathways = {}
    members: dict[str, list[str]] = defaultdict(list)
    for step in steps.values():
        members[step.pathway].append(step.iri)
    for node, props in rows.props.items():
        if pathway_type in rows.types.get(node, set()):
            own = sorted(members[node], key=lambda s: (steps[s].order, s))
            first = min((steps[s].order for s in own), default=1)
            pathways[node] = Pathway(
                iri=node,
                disease=_one(props, "forDisease", node),
                state=_one(props, "inDiseaseState", node),
                steps=tuple(own),
                entries=tuple(s for s in own if steps[s].order == first or s not in reached),
                evidence=_sorted_evidence(rows.evidence[node]),
                covers=frozenset(props.get("coversState", [])),
                continues_in=next(iter(props.get("continuesIn", [])), None),
            )
    statements: dict[str, dict[str, list[Statement]]] = {p: defaultdict(list) for p in STATEMENT_PROPERTIES}
    for (predicate, subject, obj), found in sorted(rows.statements.items()):
        statements[predicate][subject].append(Statement(subject, obj, _sorted_evidence(found)))
    hierarchy = rows.hierarchy
    result = PathwayGraph(
        pathways=pathways,
        steps=steps,
        transitions=transitions,
        labels=rows.labels,
        types={iri: frozenset(kinds) for iri, kinds in rows.types.items()},
        broader=_closure(hierarchy["subtypeOf"] + hierarchy["stateSubtypeOf"]),
        contraindications={k: tuple(v) for k, v in statements["contraindicatedIn"].items()},
        cautions={k: tuple(v) for k, v in statements["cautionIn"].items()},
        required_statuses={k: tuple(v) for k, v in statements["requiresBiomarkerStatus"].items()},
        depends_on={k: tuple(v) for k, v in statements["treatmentDependsOn"].items()},
        tested_by={k: tuple(v) for k, v in statements["testedBy"].items()},
        status_of=dict(hierarchy["ofBiomarker"]),
        sources={iri[len(SOURCE) :]: title for iri, title in rows.sources.items()},
        usage=usage,
        escalates=dict(hierarchy["escalatesDoseOf"]),
        implies=_grouped(hierarchy["impliesFinding"]),
        risk_factors=_grouped(hierarchy["recurrenceRiskFactor"]),
        excludes=_grouped(hierarchy["excludesFinding"] + [(o, s) for s, o in hierarchy["excludesFinding"]]),
        held_when_planned=_grouped([(t, f) for f, t in hierarchy["heldWhenPlanned"]]),
        doubts={k: tuple(sorted(v, key=lambda d: d.evidence[0].start if d.evidence else 0)) for k, v in doubts.items()},
    )
    _index(result)
    return result


def _index(result: PathwayGraph) -> None:
    """Dictionary indexes over the graph, so that each patient costs lookups, not searches."""
    fires: dict[tuple[str, str], list[Transition]] = defaultdict(list)
    outgoing: dict[str, list[Transition]] = defaultdict(list)
    incoming: dict[str, set[str]] = defaultdict(set)
    for transition in sorted(result.transitions.values(), key=lambda t: (t.source, t.target, t.iri)):
        outgoing[transition.source].append(transition)
        incoming[transition.target].add(transition.source)
        for trigger in transition.triggers:
            fires[(transition.source, trigger)].append(transition)
    result.fires = {k: tuple(v) for k, v in fires.items()}
    result.outgoing = {k: tuple(v) for k, v in outgoing.items()}
    result.incoming = {k: frozenset(v) for k, v in incoming.items()}
    by_treatment: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pathway in result.pathways.values():
        for step_iri in pathway.steps:
            by_treatment[(pathway.iri, result.steps[step_iri].treatment)].append(step_iri)
        result.pathway_for[(pathway.disease, pathway.state)] = pathway.iri
    covered: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pathway in sorted(result.pathways.values(), key=lambda p: p.iri):
        for state in sorted(pathway.covers):
            covered[(pathway.disease, state)].append(pathway.iri)
    result.covered_by = {k: tuple(v) for k, v in covered.items()}
    result.by_treatment = {k: tuple(v) for k, v in by_treatment.items()}
    usage_for: dict[str, list[TreatmentStatement]] = defaultdict(list)
    for statement in sorted(result.usage.values(), key=lambda u: u.iri):
        usage_for[statement.disease].append(statement)
    result.usage_for = {k: tuple(v) for k, v in usage_for.items()}
    given: dict[str, set[str]] = defaultdict(set)
    for disease, statements in result.usage_for.items():
        given[disease].update(u.treatment for u in statements)
    for pathway in result.pathways.values():
        given[pathway.disease].update(result.steps[s].treatment for s in pathway.steps)
    result.given_for = {k: frozenset(v) for k, v in given.items()}


def _usage(node: str, props: dict[str, list[str]], rows: _Rows) -> TreatmentStatement:
    """A treatment statement: what one sentence says about using a treatment for a disease."""
    return TreatmentStatement(
        iri=node,
        disease=_one(props, "forDisease", node),
        treatment=_one(props, "aboutTreatment", node),
        given_with=tuple(sorted(props.get("givenWith", []))),
        conditions=frozenset(props.get("hasCondition", [])),
        unless=frozenset(props.get("unlessCondition", [])),
        settings=tuple(sorted(props.get("inSetting", []))),
        states=frozenset(props.get("inDiseaseState", [])),
        evidence=_sorted_evidence(rows.evidence[node]),
        stance=_one(props, "stance", node),
        purposes=tuple(sorted(props.get("forPurpose", []))),
    )


def _doubt(node: str, props: dict[str, list[str]], rows: _Rows) -> Doubt | None:
    """An outcome statement that doubts a benefit (unproven, or not found), else None."""
    status = props.get("outcomeStatus", [BENEFIT_SHOWN])
    if status == [BENEFIT_SHOWN] or not all(len(props.get(k, ())) == 1 for k in ("aboutTreatment", "hasOutcome")):
        return None
    return Doubt(
        treatment=props["aboutTreatment"][0],
        outcome=props["hasOutcome"][0],
        status=status[0],
        disease=next(iter(props.get("forDisease", [])), ""),
        states=frozenset(props.get("inDiseaseState", [])),
        evidence=_sorted_evidence(rows.evidence[node]),
    )
