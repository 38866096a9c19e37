"""Answers and whole pathways as JSON-ready dicts and as text a person can read."""

import textwrap
from typing import Any

from oncokg.disclaimer import DISCLAIMER
from oncokg.pathway.answer import Answer, Firing, Option
from oncokg.pathway.patient import Reading
from oncokg.pathway.projection import (
    Doubt,
    Evidence,
    Given,
    Pathway,
    PathwayGraph,
    Step,
    TreatmentStatement,
    duration_words,
)
from oncokg.pathway.readings import reading_dicts, reading_lines
from oncokg.quotes import prose
from oncokg.vocab import curie
from oncokg.vocab.terms import ANY_CANCER, TRIAL_ONLY

# The query layer's and the JSON's words, so that one certainty reads the same everywhere.
LEGEND = (
    "Certainty: established = the source states it plainly; hedged = the source says 'may', 'often' or "
    "'some patients'; unclear = the source says it is not clear how much it helps."
)


def caution_line(caution, graph) -> str:
    """A caution: never a ruling-out; the quotes below it give the source's own reason (watch for
    internal bleeding, a liver already damaged), so the line adds none of its own."""
    firmness = "; ".join(sorted({e.certainty for e in caution.evidence}))
    return f"caution with {graph.label(caution.object)}, as the source says of {graph.label(caution.subject)} [{firmness}]:"


def doubts(step: Given, disease: str, graph: PathwayGraph) -> list[Doubt]:
    """What the sources doubt of an option's treatment for this cancer (or any cancer): a benefit
    unproven or not found, which the answer shows beside the option (review 57)."""
    scope = {disease, ANY_CANCER}
    return [d for d in graph.doubts.get(step.treatment, ()) if not d.disease or d.disease in scope]


def members(treatment: str, disease: str, graph: PathwayGraph) -> list[str]:
    """The kinds of a class option that the sources give for the disease (other targeted drugs:
    sorafenib, dasatinib, nilotinib, pazopanib), so that a class never hides what it stands for."""
    given = graph.given_for.get(disease, frozenset())
    return sorted((t for t in given if treatment in graph.broader.get(t, ())), key=graph.label)


def _entity(iri: str, graph: PathwayGraph) -> dict[str, str]:
    return {"id": curie(iri), "label": graph.label(iri)}


def evidence_dicts(evidence: tuple[Evidence, ...], graph: PathwayGraph) -> list[dict[str, Any]]:
    """Evidence records: source, its title, the verbatim quote and its offsets, the quote as prose (to
    show), certainty and qualifiers."""
    out = []
    for e in evidence:
        item: dict[str, Any] = {
            "source": e.source,
            "title": graph.sources.get(e.source, e.source),
            "quote": e.quote,
            "at": [e.start, e.end],
            "prose": prose(e.quote),
            "certainty": e.certainty,
            "fact": e.fact,
        }
        for key in ("note", "proportion", "date"):
            value = getattr(e, key)
            if value is not None:
                item[key] = value
        out.append(item)
    return out


def step_label(step: Given, graph: PathwayGraph) -> str:
    """What a step recommends, with what it is given with and for how long at least."""
    label = graph.label(step.treatment)
    if step.given_with:
        label += " with " + " and ".join(graph.label(t) for t in step.given_with)
    if step.durations:
        label += " for at least " + " or ".join(duration_words(d) for d in step.durations)
    if step.purposes:
        label += " for " + " and ".join(graph.label(p) for p in step.purposes)
    if step.stance == TRIAL_ONLY:
        label += ", as part of a clinical trial"
    return label


def option_sources(option: Option) -> list[str]:
    """Every source that gives an option: its own step's and those merged into it."""
    return sorted({s for step in (option.step, *option.support) for s in step.sources})


def _stance_words(usage: TreatmentStatement, graph: PathwayGraph) -> str:
    return f"{', '.join(usage.sources)} says {graph.label(usage.treatment)} is {graph.label(usage.stance or '')}"


def step_conditions(step: Given, graph: PathwayGraph) -> list[dict[str, str]]:
    """A step's conditions, settings, duration and prerequisites, each typed and labelled."""
    items: list[dict[str, str]] = []
    for kind, values in (
        ("applies when", sorted(step.conditions)),
        ("not when", sorted(step.unless)),
        ("disease state", sorted(step.states)),
        ("setting", step.settings),
        ("needs first", step.requires),
        ("given with", step.given_with),
        ("continued until", sorted(step.continued_until)),
    ):
        items.extend({"type": kind, **_entity(v, graph)} for v in values)
    items.extend({"type": "for at least", "value": d, "label": duration_words(d)} for d in step.durations)
    return items


def condition_words(step: Given, graph: PathwayGraph, own: frozenset[str] | None = None) -> str:
    """A step's conditions in words, grouped by type: `setting: first line; needs first: biopsy`. With
    the patient's own states (`own`), a state the step is said of that the patient is not in (its
    pathway covers the patient's) reads "said of", not as a condition the patient meets."""
    grouped: dict[str, list[str]] = {}
    for item in step_conditions(step, graph):
        kind = item["type"]
        if kind == "disease state" and own is not None and not step.states & own:
            kind = "said of"
        if kind != "given with":
            grouped.setdefault(kind, []).append(item["label"])
    joiner = {"applies when": " or " if step.stance else " and "}  # a statement's conditions are alternatives
    return "; ".join(f"{kind}: {joiner.get(kind, ' or ').join(labels)}" for kind, labels in grouped.items())


def _then(step: Given, graph: PathwayGraph) -> list[dict[str, Any]]:
    return [
        {
            "when": sorted(graph.label(t) for t in transition.triggers),
            "step": curie(transition.target),
            "label": step_label(graph.steps[transition.target], graph),
        }
        for transition in graph.outgoing.get(step.iri, ())
    ]


def rationale(option: Option, answer: Answer, graph: PathwayGraph) -> str:
    """Why an option applies now, in words."""
    pathway = answer.pathway
    where = f"{graph.label(pathway.disease)}, {graph.label(pathway.state)}"
    if option.kind == "state":
        states = " or ".join(sorted(graph.label(x) for x in option.step.states))
        return f"the sources give this for {graph.label(pathway.disease)} that is {states}, where the patient is"
    if option.kind == "entry":
        met = f", when {' and '.join(graph.label(c) for c in option.met)}" if option.met else ""
        return f"an option the sources give for {where}{met}"
    if option.kind == "fallback":
        return (
            "the sources give no further step in this pathway; this is what they give for refractory cancer "
            "when treatment options are exhausted"
        )
    if option.kind == "composed" and isinstance(option.step, Step):
        p = graph.pathways[option.step.pathway]
        return f"what {', '.join(p.sources)} gives for {graph.label(p.disease)}, {graph.label(p.state)}"
    if option.kind == "statement" and isinstance(option.step, TreatmentStatement):
        step = option.step
        state = f", {' or '.join(sorted(graph.label(x) for x in step.states))}" if step.states else ""
        met_labels = [graph.label(c) for c in sorted(step.conditions) if c in option.met]
        when = f", when {' or '.join(met_labels)}" if met_labels else ""
        return f"what {', '.join(step.sources)} says about treating {graph.label(step.disease)}{state}{when}"
    reasons = [_firing_words(f, option, answer, graph) for f in option.firings]
    return "; ".join(reasons)


def _firing_words(firing: Firing, option: Option, answer: Answer, graph: PathwayGraph) -> str:
    entry = answer.patient.history[firing.entry]
    said = f"{graph.label(entry.treatment)}: {graph.label(entry.outcome)} (history {firing.entry + 1})"
    if firing.transition is None:
        until = option.step.continued_until
        tail = f", until {' or '.join(sorted(graph.label(u) for u in until))}" if until else ""
        return f"after {said}, the sources continue {graph.label(option.step.treatment)}{tail}"
    trigger = graph.label(firing.trigger)
    via = "" if firing.trigger == entry.outcome else f" with {trigger}"
    return f"after {said}{via}, the sources give this next"


class Pieces:
    """The parts of a JSON answer that depend on the graph alone (an entity, a step's label,
    conditions, next steps and evidence, a class's members and doubts for a cancer), each made on
    first use and then shared.

    A cohort's answers repeat the same steps and quotes thousands of times, so `Cohort` keeps one
    `Pieces` for its run. The dicts it builds share these parts: they are for serialising, not for
    editing, which is why `answer_to_dict` makes a fresh one per answer. The memo holds at most one
    entry per entity, step, evidence list and cancer of the graph.
    """

    def __init__(self, graph: PathwayGraph):
        self.graph = graph
        self._entities: dict[str, dict[str, str]] = {}
        self._evidence: dict[tuple[Evidence, ...], list[dict[str, Any]]] = {}
        self._memo: dict[tuple, Any] = {}

    def _get(self, key: tuple, make: Any) -> Any:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = make()
        return found

    def entity(self, iri: str) -> dict[str, str]:
        found = self._entities.get(iri)  # the commonest piece: looked up without a closure
        if found is None:
            found = self._entities[iri] = _entity(iri, self.graph)
        return found

    def evidence(self, evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
        found = self._evidence.get(evidence)
        if found is None:
            found = self._evidence[evidence] = evidence_dicts(evidence, self.graph)
        return found

    def step(self, step: Given) -> dict[str, Any]:
        """What an option says of its step whatever the patient: label, treatment, conditions, next steps."""
        return self._get(
            ("step", step.iri),
            lambda: {
                "id": curie(step.iri),
                "label": step_label(step, self.graph),
                "treatment": self.entity(step.treatment),
                "conditions": step_conditions(step, self.graph),
                "then": _then(step, self.graph),
                "evidence": self.evidence(step.evidence),
            },
        )

    def for_cancer(self, step: Given, disease: str) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
        """A step's class members and doubts for a cancer."""
        return self._get(
            ("cancer", step.iri, disease),
            lambda: (
                [self.entity(m) for m in members(step.treatment, disease, self.graph)],
                [
                    {
                        "outcome": self.entity(d.outcome),
                        "status": self.entity(d.status),
                        "evidence": self.evidence(d.evidence),
                    }
                    for d in doubts(step, disease, self.graph)
                ],
            ),
        )


def option_dict(option: Option, answer: Answer, graph: PathwayGraph, pieces: Pieces | None = None) -> dict[str, Any]:
    step = option.step
    pieces = pieces or Pieces(graph)
    shown = pieces.step(step)
    fired = [
        {
            "history": f.entry + 1,
            "trigger": pieces.entity(f.trigger),
            **(
                {"transition": curie(f.transition.iri), "evidence": pieces.evidence(f.transition.evidence)}
                if f.transition
                else {}
            ),
        }
        for f in option.firings
    ]
    kinds, doubted = pieces.for_cancer(step, answer.pathway.disease)
    return {
        "id": shown["id"],
        "label": shown["label"],
        "treatment": shown["treatment"],
        "members": kinds,
        "rank": option.rank,
        "order": step.order,
        "kind": option.kind,
        "certainty": step.certainty,
        "rationale": rationale(option, answer, graph),
        "fired_by": fired,
        "conditions": shown["conditions"],
        "cautions": [
            {
                "treatment": pieces.entity(c.subject),
                "finding": pieces.entity(c.object),
                "evidence": pieces.evidence(c.evidence),
            }
            for c in option.cautions
        ],
        "then": shown["then"],
        "sources": option_sources(option),
        "evidence": shown["evidence"],
        "also": [
            {"id": curie(s.iri), "sources": list(s.sources), "evidence": pieces.evidence(s.evidence)}
            for s in option.support
        ],
        "disagreement": [
            {
                "id": curie(u.iri),
                "stance": pieces.entity(u.stance or ""),
                "sources": list(u.sources),
                "evidence": pieces.evidence(u.evidence),
            }
            for u in option.against
        ],
        "another_regimen": [{"evidence": pieces.evidence(r.evidence)} for r in option.again],
        "excepted": [
            {
                "id": curie(u.iri),
                "unless": [pieces.entity(c) for c in sorted(u.unless)],
                "sources": list(u.sources),
                "evidence": pieces.evidence(u.evidence),
            }
            for u in option.excepted
        ],
        "doubts": doubted,
    }


def patient_dict(answer: Answer, graph: PathwayGraph, pieces: Pieces | None = None) -> dict[str, Any]:
    """The patient state as the reasoner understood it: every name resolved."""
    p = answer.patient
    entity = (pieces or Pieces(graph)).entity
    return {
        "cancer": entity(p.cancer),
        "setting": entity(p.setting),
        "biomarkers": {
            graph.label(marker): (entity(status) if status else "untested") for marker, status in p.statuses
        },
        "findings": [entity(f) for f in sorted(p.findings, key=graph.label)],
        "history": [
            {
                "treatment": entity(e.treatment),
                "outcome": entity(e.outcome),
                "steps": [curie(s) for s in steps],
            }
            for e, steps in zip(p.history, answer.matched, strict=False)
        ],
    }


def pathway_ref(pathway: Pathway, graph: PathwayGraph, pieces: Pieces | None = None) -> dict[str, Any]:
    pieces = pieces or Pieces(graph)
    return {
        "id": curie(pathway.iri) if pathway.iri else None,
        "cancer": pieces.entity(pathway.disease),
        "state": pieces.entity(pathway.state),
        "evidence": pieces.evidence(pathway.evidence),
    }


def answer_to_dict(
    answer: Answer, graph: PathwayGraph, disclaimer: str = DISCLAIMER, readings: tuple[Reading, ...] = ()
) -> dict[str, Any]:
    """The JSON form of an answer: patient, how its names were read, pathway, options, excluded,
    conditional, notes, disclaimer."""
    read = {"readings": reading_dicts(readings, graph.label)} if readings else {}
    return {"patient": patient_dict(answer, graph), **read, **result_dict(answer, graph, disclaimer)}


def result_dict(
    answer: Answer, graph: PathwayGraph, disclaimer: str = DISCLAIMER, pieces: Pieces | None = None
) -> dict[str, Any]:
    """Everything in the JSON answer but the patient: the same for every answer sharing its result."""
    pieces = pieces or Pieces(graph)
    result = {
        "pathway": pathway_ref(answer.pathway, graph, pieces),
        "options": [option_dict(o, answer, graph, pieces) for o in answer.options],
        "excluded": [
            {
                "id": curie(e.step.iri if e.step else e.treatment),
                "label": graph.label(e.treatment),
                "kind": e.kind,
                "reason": e.reason,
                "evidence": pieces.evidence(e.evidence),
            }
            for e in answer.excluded
        ],
        "conditional": [
            {
                "id": curie(c.step.iri),
                "label": pieces.step(c.step)["label"],
                "needs": [pieces.entity(m) for m in c.missing],
                "evidence": pieces.evidence(c.step.evidence),
            }
            for c in answer.conditional
        ],
        "absent": [
            {
                "id": curie(u.iri),
                "treatment": pieces.entity(u.treatment),
                "stance": pieces.entity(u.stance or ""),
                "sources": list(u.sources),
                "evidence": pieces.evidence(u.evidence),
            }
            for u in answer.absent
        ],
        "also_from": [pathway_ref(p, graph, pieces) for p in answer.general],
        "notes": list(answer.notes),
        "disclaimer": disclaimer,
    }
    if answer.fallback is not None:
        result["fallback_pathway"] = pathway_ref(answer.fallback, graph, pieces)
    return result


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        text, width=100, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False
    )


def _quote_lines(evidence: tuple[Evidence, ...], indent: str) -> list[str]:
    return [_wrap(f'"{prose(e.quote)}" ({e.source}, {e.certainty})', indent) for e in evidence]


def _source_line(pathway: Pathway, graph: PathwayGraph) -> str:
    if not pathway.iri:
        return f"Pathway: none for {graph.label(pathway.disease)}, {graph.label(pathway.state)}; answered from the sources' statements"
    sources = sorted({e.source for e in pathway.evidence})
    named = ", ".join(
        f'"{graph.sources.get(s, s)}" ({s}' + (f", reviewed {d}" if (d := _date(pathway, s)) else "") + ")"
        for s in sources
    )
    return f"Pathway: {graph.label(pathway.disease)}, {graph.label(pathway.state)}, from {named}"


def _date(pathway: Pathway, source: str) -> str | None:
    return next((e.date for e in pathway.evidence if e.source == source and e.date), None)


def render_text(
    answer: Answer, graph: PathwayGraph, disclaimer: str = DISCLAIMER, readings: tuple[Reading, ...] = ()
) -> str:
    """The answer as text for a person: how the input was read, options with why and quotes,
    exclusions, notes, disclaimer."""
    p = answer.patient
    lines = [f"Patient: {graph.label(p.cancer)}, {graph.label(p.setting)}", *reading_lines(readings, graph.label)]
    details = [graph.label(s) if s else f"{graph.label(m)} untested" for m, s in p.statuses]
    details += [graph.label(f) for f in sorted(p.findings, key=graph.label)]
    if details:
        lines.append("  with " + "; ".join(details))
    for n, entry in enumerate(p.history, 1):
        lines.append(f"  history {n}: {graph.label(entry.treatment)}: {graph.label(entry.outcome)}")
    if p.planned:
        lines.append("  planned: " + "; ".join(graph.label(t) for t in sorted(p.planned, key=graph.label)))
    own = frozenset({p.setting} | graph.broader.get(p.setting, frozenset()))
    lines.append(_source_line(answer.pathway, graph))
    lines += ["Also from: " + _source_line(g, graph).removeprefix("Pathway: ") for g in answer.general]
    lines.append("")
    if answer.options:
        lines.append("What the sources give now, preferred first (a shared rank means alternatives they do not order):")
    for option in answer.options:
        step = option.step
        lines.append(f"{option.rank}. {step_label(step, graph)}  [{step.certainty}]")
        kinds = members(step.treatment, answer.pathway.disease, graph)
        if kinds:
            lines.append(_wrap("which: " + ", ".join(graph.label(k) for k in kinds), "   "))
        lines.append(_wrap("why: " + rationale(option, answer, graph), "   "))
        conditions = condition_words(step, graph, own)
        if conditions:
            lines.append(_wrap("conditions: " + conditions, "   "))
        for caution in option.cautions:
            lines.append(_wrap(caution_line(caution, graph), "   "))
            lines += _quote_lines(caution.evidence, "     ")
        lines.append(f"   source{'s' if len(option_sources(option)) > 1 else ''}: {', '.join(option_sources(option))}")
        lines += _quote_lines(step.evidence, "     ")
        for support in option.support:
            trial = ", as part of a clinical trial" if support.stance == TRIAL_ONLY else ""
            lines.append(f"   also {', '.join(support.sources)}{trial}:")
            lines += _quote_lines(support.evidence, "     ")
        for regimen in option.again:
            lines.append("   another regimen, after one failed:")
            lines += _quote_lines(regimen.evidence, "     ")
        for usage in option.against:
            lines.append(_wrap(f"but: {_stance_words(usage, graph)}", "   "))
            lines += _quote_lines(usage.evidence, "     ")
        for usage in option.excepted:
            unless = " or ".join(graph.label(c) for c in sorted(usage.unless))
            lines.append(
                _wrap(f"except: {', '.join(usage.sources)} gives it unless {unless}, which the patient has:", "   ")
            )
            lines += _quote_lines(usage.evidence, "     ")
        for doubt in doubts(step, answer.pathway.disease, graph):
            lines.append(_wrap(f"doubt: {graph.label(doubt.outcome)}: {graph.label(doubt.status)}", "   "))
            lines += _quote_lines(doubt.evidence, "     ")
        then = [f"on {' or '.join(t['when'])} -> {t['label']}" for t in _then(step, graph)]
        if then:
            lines.append(_wrap("then: " + "; ".join(then), "   "))
    if answer.excluded:
        lines += ["", "Ruled out:"]
        for exclusion in answer.excluded:
            lines.append(_wrap(f"- {graph.label(exclusion.treatment)}: {exclusion.reason}", ""))
            lines += _quote_lines(exclusion.evidence, "    ")
    if answer.conditional:
        lines += ["", "Also in the sources, if their condition holds (not in the patient's state):"]
        grouped_needs: dict[str, list[str]] = {}  # one treatment, one line: its steps' conditions as alternatives
        for conditional in answer.conditional:
            needs = " and ".join(graph.label(m) for m in conditional.missing)
            grouped_needs.setdefault(step_label(conditional.step, graph), []).append(needs)
        for label, alternatives in grouped_needs.items():
            lines.append(_wrap(f"- {label}: if {' or '.join(dict.fromkeys(alternatives))}", ""))
    if answer.absent:
        lines += ["", "Not offered, as the sources say:"]
        grouped: dict[str, list[TreatmentStatement]] = {}
        for usage in answer.absent:
            grouped.setdefault(usage.treatment, []).append(usage)
        for treatment, usages in grouped.items():
            said = "; ".join(dict.fromkeys(f"{', '.join(u.sources)}: {graph.label(u.stance or '')}" for u in usages))
            lines.append(_wrap(f"- {graph.label(treatment)} ({said})", ""))
            quoted = {(e.source, e.start, e.end): e for u in usages for e in u.evidence}
            lines += _quote_lines(tuple(quoted.values()), "    ")
    if answer.notes:
        lines += ["", "Notes:"]
        lines += [_wrap(f"- {note}", "") for note in answer.notes]
    lines += ["", *_cited_lines(answer, graph), "", _wrap(LEGEND, ""), disclaimer]
    return "\n".join(lines)


def _cited_lines(answer: Answer, graph: PathwayGraph) -> list[str]:
    """Every source the answer quotes, by the short id the lines above cite it by, with its title and
    review date: how old each piece of the answer is, read in one place."""
    evidence = [e for p in (answer.pathway, *answer.general) for e in p.evidence]
    for option in answer.options:
        steps = (option.step, *option.support, *option.against, *option.excepted)
        evidence += [e for s in steps for e in s.evidence] + [
            e for c in (*option.cautions, *option.again) for e in c.evidence
        ]
    evidence += [e for x in answer.excluded for e in x.evidence] + [e for u in answer.absent for e in u.evidence]
    dates: dict[str, str | None] = {}
    for e in evidence:
        dates[e.source] = dates.get(e.source) or e.date
    return ["Sources quoted:"] + [
        _wrap(f'- {s}: "{graph.sources.get(s, s)}", ' + (f"reviewed {d}" if d else "no date given"), "")
        for s, d in sorted(dates.items())
    ]


def pathway_to_dict(
    pathway: Pathway, graph: PathwayGraph, notes: list[str], disclaimer: str = DISCLAIMER
) -> dict[str, Any]:
    """A whole pathway: its steps (entry steps marked) and transitions, with evidence."""
    steps = [graph.steps[s] for s in pathway.steps]
    transitions = sorted({t for s in pathway.steps for t in graph.outgoing.get(s, ())}, key=lambda t: t.iri)
    return {
        "pathway": pathway_ref(pathway, graph),
        "steps": [
            {
                "id": curie(s.iri),
                "label": step_label(s, graph),
                "treatment": _entity(s.treatment, graph),
                "order": s.order,
                "entry": s.iri in pathway.entries,
                "certainty": s.certainty,
                "conditions": step_conditions(s, graph),
                "evidence": evidence_dicts(s.evidence, graph),
            }
            for s in steps
        ],
        "transitions": [
            {
                "id": curie(t.iri),
                "from": curie(t.source),
                "to": curie(t.target),
                "when": [_entity(x, graph) for x in sorted(t.triggers)],
                "evidence": evidence_dicts(t.evidence, graph),
            }
            for t in transitions
        ],
        "notes": list(notes),
        "disclaimer": disclaimer,
    }


def _step_line(step: Step, graph: PathwayGraph) -> str:
    conditions = condition_words(step, graph)
    detail = f"  ({conditions})" if conditions else ""
    return f"[{step.order}] {step_label(step, graph)}{detail}  [{step.certainty}]"


def render_tree(pathway: Pathway, graph: PathwayGraph, notes: list[str], disclaimer: str = DISCLAIMER) -> str:
    """The full tree of a pathway's steps and transitions, each step spelt out once (O(steps + transitions))."""
    lines = [
        f"Treatment pathway: {graph.label(pathway.disease)}, {graph.label(pathway.state)} ({curie(pathway.iri)})",
        _source_line(pathway, graph),
    ]
    lines += [f"Note: {note}" for note in notes]
    lines += ["", "Entry steps (preferred first) and what follows them; [n] is the sources' order:"]
    shown: set[str] = set()

    def walk(step_iri: str, prefix: str) -> None:
        edges = sorted(
            graph.outgoing.get(step_iri, ()),
            key=lambda t: (graph.steps[t.target].order, sorted(graph.label(x) for x in t.triggers), t.target),
        )
        for n, transition in enumerate(edges):
            last = n == len(edges) - 1
            target = graph.steps[transition.target]
            when = " or ".join(sorted(graph.label(x) for x in transition.triggers))
            seen = target.iri in shown
            head = f"on {when} -> " + (
                f"[{target.order}] {step_label(target, graph)} (see above)" if seen else _step_line(target, graph)
            )
            lines.append(prefix + ("└─ " if last else "├─ ") + head)
            if not seen:
                shown.add(target.iri)
                walk(target.iri, prefix + ("   " if last else "│  "))

    for entry in pathway.entries:
        lines.append(_step_line(graph.steps[entry], graph))
        shown.add(entry)
        walk(entry, " ")
    unreached = [s for s in pathway.steps if s not in shown]
    if unreached:
        lines += ["", "Steps no entry step leads to:"] + [_step_line(graph.steps[s], graph) for s in unreached]
    lines += ["", LEGEND, disclaimer]
    return "\n".join(lines)
