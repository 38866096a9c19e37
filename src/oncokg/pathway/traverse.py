"""Following a patient's history through the pathway (rules 2 to 4): what is pending, continuing and
tried after each entry, and what happens when the history ends where the pathway has run out."""

from dataclasses import dataclass, field
from typing import NamedTuple

from oncokg.pathway.answer import Firing, Lead, Traversal
from oncokg.pathway.choose import Chooser
from oncokg.pathway.compose import Composition, compose, diseases
from oncokg.pathway.judge import Judge
from oncokg.pathway.memo import Memo
from oncokg.pathway.patient import HistoryEntry, Patient
from oncokg.pathway.projection import Given, Pathway, PathwayGraph, TreatmentStatement, duration_words
from oncokg.vocab.terms import (
    COMPLETE_RESECTION,
    COMPLETELY_RESECTED,
    INTERMEDIATE_RECURRENCE_RISK,
    INTOLERANCE,
    OPTIONS_EXHAUSTED,
    PROGRESSION,
    RECURRENCE_RISKS,
    REFRACTORY,
    RESPONSE,
    STABLE,
)

FAILURES = frozenset({PROGRESSION, INTOLERANCE})
CONTINUES = frozenset({RESPONSE, STABLE})


@dataclass(slots=True)
class Candidate:
    """A step (or a statement) pending while a history is followed (working state, frozen into a Lead at the end)."""

    step: Given
    kind: str
    firings: list[Firing] = field(default_factory=list)


@dataclass(slots=True)
class _Walk:
    """Where the history has led so far in one pathway."""

    pathway: Pathway
    notes: list[str]
    pending: dict[str, Candidate]
    continuing: dict[str, Candidate] = field(default_factory=dict)
    tried: dict[str, int] = field(default_factory=dict)  # treatment -> the history entry it failed at
    matched: list[tuple[str, ...]] = field(default_factory=list)
    last_fired: bool = True
    last_steps: tuple[str, ...] = ()
    inferred: dict[str, str] = field(
        default_factory=dict
    )  # a trigger read from other findings -> the note that says so


class _Composed(NamedTuple):
    """A composition, with its offering statements split once: those that always lead, and those
    conditioned on an outcome of their treatment ("if it works well")."""

    composition: Composition
    plain: tuple[Lead, ...]
    on_outcome: tuple[TreatmentStatement, ...]


class Traverser:
    """Follows histories through the pathways of one graph."""

    def __init__(self, graph: PathwayGraph, choose: Chooser, judge: Judge):
        self.graph = graph
        self.choose = choose
        self.judge = judge
        self.triggers = frozenset(iri for iri in graph.types if graph.is_a(iri, "TransitionTrigger"))
        # a finding that a state is defined by (liver metastases: metastatic to the liver) puts the
        # patient in that state too, whatever the setting is called (a recurrence in the liver)
        self.defining: dict[str, frozenset[str]] = {}
        for state, findings in graph.implies.items():
            for finding in findings:
                self.defining[finding] = self.defining.get(finding, frozenset()) | {state}
        self._reads: Memo[str, frozenset[str]] = Memo()
        self._compositions: Memo[tuple, _Composed] = Memo()

    def reads(self, cancer: str) -> frozenset[str]:
        """The findings a traversal for this cancer looks at: those that fire transitions, those that
        define a state, and what the cancer's sources say raises its risk of recurrence. Patients who
        differ only in other findings share one traversal."""
        found = self._reads.get(cancer)
        if found is None:
            found = self._reads.keep(cancer, self.triggers | frozenset(self.defining) | self._risk_factors(cancer))
        return found

    def _risk_factors(self, cancer: str) -> frozenset[str]:
        return frozenset().union(*(self.graph.risk_factors.get(d, ()) for d in diseases(cancer, self.graph)))

    def traverse(
        self,
        patient: Patient,
        trigger_findings: frozenset[str],
        into: Pathway | None = None,
        before: tuple[str, ...] = (),
    ) -> Traversal:
        """Follow the history through the pathway (`into`, else the patient's): what is pending,
        continuing, tried, and notes. When the history ran out on progression and the same source goes on
        in the pathway it `continuesIn`, answer from there instead."""
        if into is None:
            pathway, notes = self.choose.pathway_for(patient.cancer, patient.setting)
        else:
            pathway, notes = into, list(before)
        opening = tuple(notes)
        walk = _Walk(pathway, notes, self._start(pathway, patient))
        fires = self._fires(patient.cancer, trigger_findings, walk)
        for index, entry in enumerate(patient.history):
            self._follow(walk, index, entry, fires)
        history = patient.history
        ran_out = bool(history) and history[-1].outcome in FAILURES and bool(walk.last_steps) and not walk.last_fired
        refractory = ran_out and history[-1].outcome == PROGRESSION
        if into is None and (refractory or self._recurred(patient)):
            onward = self._onward(pathway, patient, refractory)
            if onward is not None:
                return self.traverse(patient, trigger_findings, onward[0], (*opening, onward[1]))
        self._note_end(walk, history, ran_out, refractory)
        return self._traversal(walk, patient, refractory, trigger_findings)

    def _start(self, pathway: Pathway, patient: Patient) -> dict[str, Candidate]:
        """Rule 2's start. The pathway's entry steps; but a setting that the source places inside the
        pathway, at steps a transition leads to (refractory GIST: "no longer responding to the targeted
        drugs discussed above"; a completely resected GIST), enters at those steps, beside the options
        that stand for the whole state. With a history, the history decides the line: those steps are
        added to the entries."""
        g = self.graph
        states = self.choose.kinds(patient.setting) - {pathway.state}
        inside = [s for s in pathway.steps if s not in pathway.entries and g.steps[s].states & states] if states else []
        if not inside:
            return {s: Candidate(g.steps[s], "entry") for s in pathway.entries}
        first = min(g.steps[s].order for s in pathway.steps)
        standing = [s for s in pathway.entries if g.steps[s].order != first]
        entries = list(pathway.entries) if patient.history else standing
        start = {s: Candidate(g.steps[s], "entry") for s in entries}
        kind = "entry" if patient.history else "state"  # with no history the state says what has failed
        start.update({s: Candidate(g.steps[s], kind) for s in inside if s not in start})
        return start

    def _fires(self, cancer: str, findings: frozenset[str], walk: _Walk) -> frozenset[str]:
        """The findings that fire transitions. With no recurrence risk given, a factor the source says
        raises the risk ("higher if the tumor is larger, if it did not start in the stomach, or if the
        cancer cells are dividing quickly") reads as at least an intermediate risk, with a note."""
        fires = findings & self.triggers
        factors = findings & self._risk_factors(cancer)
        if factors and not fires.intersection(RECURRENCE_RISKS):
            g = self.graph
            named = ", ".join(sorted(g.label(f) for f in factors))
            walk.inferred[INTERMEDIATE_RECURRENCE_RISK] = (
                f"{named}: the sources say the risk of recurrence is higher with this, so it is read as at least "
                f"{g.label(INTERMEDIATE_RECURRENCE_RISK)} (give the risk as a finding to say otherwise)"
            )
            fires |= {INTERMEDIATE_RECURRENCE_RISK}
        return fires

    def _recurred(self, patient: Patient) -> bool:
        """A progression after a complete resection: the cancer has come back (rule 8), even where the
        pathway has a step for the treatment that failed."""
        history = patient.history
        if not history or history[-1].outcome != PROGRESSION:
            return False
        return COMPLETELY_RESECTED in self.choose.kinds(patient.setting) or any(
            e.outcome == COMPLETE_RESECTION for e in history[:-1]
        )

    def _traversal(self, walk: _Walk, patient: Patient, refractory: bool, findings: frozenset[str]) -> Traversal:
        """The walk's leads, then the other sources' for the state (rule 2) and, after a progression where
        the pathway has run out, the fallback pathway's (rule 4); with the patient facts they look at."""
        g = self.graph
        pathway = walk.pathway
        candidates = list(walk.continuing.values()) + [c for k, c in walk.pending.items() if k not in walk.continuing]
        leads = tuple(Lead(c.step, c.kind, tuple(c.firings)) for c in candidates)
        own = self._states(patient.setting, findings)
        states = own | {pathway.state}  # a pathway that covers the setting answers it with all its steps
        composed = self._compose(patient.cancer, states, pathway)
        leads += tuple(Lead(g.steps[s], "composed", ()) for p in composed.composition.general for s in p.entries)
        leads += tuple(self._statement_leads(composed, patient.history))
        fallback = self.choose.fallback(patient.cancer, pathway) if refractory else None
        fallback_leads: tuple[Lead, ...] = ()
        if fallback is not None:
            offered = {c.step.treatment for c in candidates}
            fallback_leads = tuple(
                Lead(g.steps[s], "fallback", ()) for s in fallback.entries if g.steps[s].treatment not in offered
            )
        every = [self.judge.rules[lead.step.iri] for lead in leads + fallback_leads]
        relevant = frozenset().union(*(r.relevant for r in every))
        composition = composed.composition
        return Traversal(
            pathway,
            patient.history,
            leads,
            tuple(walk.tried.items()),
            tuple(walk.matched),
            tuple(walk.notes),
            fallback,
            fallback_leads,
            relevant,
            frozenset().union(*(r.markers for r in every)),
            states & relevant,
            composition.against,
            composition.general,
            composition.against_by,
            own,
        )

    def _follow(self, walk: _Walk, index: int, entry: HistoryEntry, trigger_findings: frozenset[str]) -> None:
        """Rule 3 for one history entry: match it to steps, mark what failed, then (if it matched) apply
        its outcome and fire the transitions."""
        outcome = entry.outcome
        treatment, hits, steps = self._match(walk, index, entry)
        if outcome in FAILURES:
            walk.tried[treatment] = index
            for s in hits:
                for part in self.graph.steps[s].given_with:
                    walk.tried.setdefault(part, index)
        else:
            walk.tried.pop(treatment, None)
        if hits and not steps:
            steps = hits
            walk.notes.append(self._out_of_order(index, treatment, outcome, steps))
        elif not hits:
            g = self.graph
            walk.notes.append(
                f"history {index + 1} ({g.label(entry.treatment)}: {g.label(outcome)}) is not a step "
                f"of the {g.label(walk.pathway.disease)} {g.label(walk.pathway.state)} pathway: kept as history only"
            )
        walk.matched.append(steps)
        walk.last_steps = steps
        if not steps:
            walk.last_fired = True
            return
        self._apply(walk, treatment, outcome, steps)
        self._fire(walk, index, outcome, steps, trigger_findings)

    def _match(self, walk: _Walk, index: int, entry: HistoryEntry) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """The treatment as read (a broader name read as the step the patient was on or was led to), the
        pathway's steps of it, and those of them pending (else continuing)."""
        g = self.graph
        treatment = entry.treatment
        hits = self.choose.steps_for(walk.pathway.iri, treatment)
        if not hits:
            hits = self._narrower(treatment, walk.continuing) or self._narrower(
                treatment, {k: c for k, c in walk.pending.items() if c.kind == "next"}
            )
            if hits:
                treatment = g.steps[hits[0]].treatment
                walk.notes.append(
                    f"history {index + 1} ({g.label(entry.treatment)}: {g.label(entry.outcome)}) read as "
                    f"{g.label(treatment)}, the {g.label(entry.treatment)} the patient was on or the history led to"
                )
        steps = tuple(s for s in hits if s in walk.pending) or tuple(s for s in hits if s in walk.continuing)
        return treatment, hits, steps

    def _apply(self, walk: _Walk, treatment: str, outcome: str, steps: tuple[str, ...]) -> None:
        """The matched steps stop being pending (a regimen that failed stays on offer); what they fired
        before is superseded, unless it failed; a complete resection drops the setting's entry steps; a
        failure retires the higher dose of an earlier treatment."""
        g = self.graph
        pending = walk.pending
        origins = {f.entry for s in steps if s in pending for f in pending[s].firings if f.transition}
        for s in steps:
            pending.pop(s, None)
            if outcome in FAILURES and g.steps[s].treatment in self.judge.regimens:
                pending[s] = Candidate(g.steps[s], "entry")
        if outcome not in CONTINUES:  # a failure or a resection ends what was going on; a response keeps it
            walk.continuing = {}
        for candidate in list(pending.values()):
            candidate.firings = [
                f
                for f in candidate.firings
                if f.transition is None
                or (f.transition.source not in steps and (outcome in FAILURES or f.entry not in origins))
            ]
            if candidate.kind == "next" and not candidate.firings:
                del pending[candidate.step.iri]
        if outcome == COMPLETE_RESECTION:
            walk.pending = {k: c for k, c in pending.items() if c.kind != "entry"}
        if outcome in FAILURES:
            self._retire(walk.pending, treatment, walk.tried)

    def _fire(
        self, walk: _Walk, index: int, outcome: str, steps: tuple[str, ...], trigger_findings: frozenset[str]
    ) -> None:
        """The steps' transitions fire on the outcome or a trigger finding; a response or stable disease
        continues a step that nothing of the same treatment follows (unless `continuedUntil` ends it)."""
        g = self.graph
        triggers = {outcome} | trigger_findings
        walk.last_fired = False
        for s in steps:
            fired_treatments = set()
            for trigger in sorted(triggers):
                for transition in g.fires.get((s, trigger), ()):
                    target = walk.pending.get(transition.target)
                    if target is None:
                        target = walk.pending[transition.target] = Candidate(g.steps[transition.target], "next")
                    elif target.kind == "entry":
                        target.kind = "next"
                    if not any(f.transition is transition for f in target.firings):
                        target.firings.append(Firing(index, trigger, transition))
                    said = walk.inferred.get(trigger)
                    if said and said not in walk.notes:
                        walk.notes.append(said)
                    fired_treatments.add(target.step.treatment)
                    walk.last_fired = True
            step = g.steps[s]
            if outcome in CONTINUES and outcome not in step.continued_until and step.treatment not in fired_treatments:
                walk.continuing[s] = Candidate(step, "continue", [Firing(index, outcome)])

    def _note_end(self, walk: _Walk, history: tuple[HistoryEntry, ...], ran_out: bool, refractory: bool) -> None:
        """Rule 4's notes: the sources have run out after a failure (and intolerance is not
        refractoriness), or what the next step waits for."""
        g = self.graph
        if ran_out:
            where = " or ".join(sorted({g.label(g.steps[s].treatment) for s in walk.last_steps}))
            walk.notes.append(f"the sources give no next step after {where} on {g.label(history[-1].outcome)}")
            if not refractory:
                walk.notes.append(
                    f"{g.label(INTOLERANCE)} is not refractoriness: the sources' options for refractory cancer "
                    f"are not offered for it"
                )
        elif history and walk.last_steps and not walk.last_fired and not walk.continuing:
            self._awaiting(walk.last_steps, walk.notes)

    def _onward(self, pathway: Pathway, patient: Patient, ran_out: bool) -> tuple[Pathway, str] | None:
        """Rule 8: after a progression, the pathway the source `continuesIn` answers when the cancer has
        come back after a complete resection, or when this pathway has run out and that one goes on
        after the failed treatment; with the note that says so."""
        g = self.graph
        onward = g.pathways.get(pathway.continues_in or "")
        if onward is None:
            return None
        failed = patient.history[-1].treatment
        if self._recurred(patient):
            return onward, (
                f"a {g.label(pathway.disease)} growing after the {g.label(pathway.state)} pathway's treatment has come "
                f"back: answered from the same source's {g.label(onward.state)} pathway"
            )
        if ran_out and self.choose.continues_after(onward, failed):
            return onward, (
                f"the {g.label(pathway.state)} pathway ends at {g.label(failed)}; the same source's "
                f"{g.label(onward.state)} pathway goes on after it: answered from there"
            )
        return None

    def _states(self, setting: str, findings: frozenset[str]) -> frozenset[str]:
        """The setting, every broader state, the states the patient's findings define (liver metastases:
        metastatic to the liver), and what they imply (refractory: options exhausted)."""
        g = self.graph
        states = self.choose.kinds(setting).union(
            *(self.choose.kinds(s) for f in findings for s in self.defining.get(f, ()))
        )
        if REFRACTORY in states:
            states |= {OPTIONS_EXHAUSTED}  # refractory: "their treatment options have been exhausted" (003)
        return states | {f for s in states for f in g.implies.get(s, ())}

    def _compose(self, cancer: str, states: frozenset[str], pathway: Pathway) -> _Composed:
        key = (cancer, states, pathway.iri)
        found = self._compositions.get(key)
        if found is None:
            found = self._compositions.keep(key, self._composed(cancer, states, pathway))
        return found

    def _composed(self, cancer: str, states: frozenset[str], pathway: Pathway) -> _Composed:
        composition = compose(self.graph, cancer, states, pathway if pathway.iri else None)
        offered = composition.offered
        return _Composed(
            composition,
            tuple(Lead(u, "statement", ()) for u in offered if u.conditions.isdisjoint(self.triggers)),
            tuple(u for u in offered if not u.conditions.isdisjoint(self.triggers)),
        )

    def _statement_leads(self, composed: _Composed, history: tuple[HistoryEntry, ...]) -> list[Lead]:
        """Each offering statement as a lead; one conditioned on an outcome ("if it works well") only when
        the history's last entry of its treatment had that outcome, which it then continues."""
        leads = list(composed.plain)
        for u in composed.on_outcome:
            outcomes = u.conditions & self.triggers
            last = next(
                (i for i in range(len(history) - 1, -1, -1) if u.treatment in self.choose.kinds(history[i].treatment)),
                None,
            )
            if last is not None and history[last].outcome in outcomes:
                leads.append(Lead(u, "statement", (Firing(last, history[last].outcome),)))
        return leads

    def _narrower(self, treatment: str, candidates: dict[str, Candidate]) -> tuple[str, ...]:
        """The candidate steps of one treatment that is a kind of `treatment` (a history's "targeted therapy"
        read as the imatinib the patient is on, or that the history led to); none when several would do."""
        found = tuple(s for s, c in candidates.items() if treatment in self.choose.kinds(c.step.treatment))
        return found if len({self.graph.steps[s].treatment for s in found}) == 1 else ()

    def _retire(self, pending: dict[str, Candidate], failed: str, tried: dict[str, int]) -> None:
        """A later line's failure retires the earlier line's alternatives: once a different treatment
        has failed, a higher dose of a treatment tried before it is no longer offered."""
        g = self.graph
        base = g.escalates.get(failed, failed)
        for key, candidate in list(pending.items()):
            escalated = g.escalates.get(candidate.step.treatment)
            if escalated is not None and escalated != base and escalated in tried:
                del pending[key]

    def _out_of_order(self, index: int, treatment: str, outcome: str, steps: tuple[str, ...]) -> str:
        """The note for an entry matched outside the pending steps: what the sources reach it after."""
        g = self.graph
        before = sorted({g.label(g.steps[p].treatment) for s in steps for p in g.incoming.get(s, ())})
        usual = f"the sources reach it after {' or '.join(before)}" if before else "the sources do not offer it now"
        return (
            f"history {index + 1} ({g.label(treatment)}: {g.label(outcome)}) is out of the usual order: "
            f"{usual}; answered from there"
        )

    def _awaiting(self, steps: tuple[str, ...], notes: list[str]) -> None:
        """The note for a history that stops where the next step depends on an outcome or finding not given."""
        g = self.graph
        waits = []
        for s in steps:
            for transition in g.outgoing.get(s, ()):
                when = " or ".join(sorted(g.label(t) for t in transition.triggers))
                target = g.steps[transition.target]
                duration = (
                    f" for at least {' or '.join(duration_words(d) for d in target.durations)}"
                    if target.durations
                    else ""
                )
                waits.append(f"{when} -> {g.label(target.treatment)}{duration}")
        if waits:
            after = " or ".join(sorted({g.label(g.steps[s].treatment) for s in steps}))
            notes.append(
                f"after {after} the sources' next step depends on: {'; '.join(sorted(set(waits)))} "
                f"(give it as a finding or as the outcome)"
            )
