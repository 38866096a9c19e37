"""Traversal rules: from a patient's state to ranked, explained next options, excluded options and notes.

The rules, and nothing about any particular treatment:

1. Pathway: the one for the patient's cancer in its setting, else in a broader setting
   (`stateSubtypeOf`, nearest first), or the one whose source says it covers that state
   (`coversState`, scoped to that pathway), else the one for cancer in general; with no pathway but
   statements about the state, the statements answer alone, with a note.
2. Start: the pathway's entry steps (the preferred-first steps and those no transition leads to),
   composed (`compose`) with cancer in general's pathway for the state and every source's treatment
   statements for the cancer in that state: one treatment given by several sources is one option
   carrying each source's evidence; statements that a treatment is not commonly used, not helpful or
   not effective are shown beside it, or explain its absence.
3. History, in order: each entry is matched to the pathway's steps recommending its treatment (or a
   broader treatment it is a `subtypeOf`): pending steps first, then the step the patient is on,
   else anywhere in the pathway (answered, with a note that the history is out of the usual order).
   The matched steps stop being pending; what they fired before is superseded; their transitions
   fire on the entry's outcome or on a patient finding that is a trigger (recurrence risk).
   Response or stable continues the step (unless its `continuedUntil` says the outcome ends it);
   progression or intolerance marks the treatment as tried (and what the step gives it with); a
   success drops the alternatives that the same event offered; complete resection drops the
   setting's entry steps; a failure of a different treatment retires the higher dose of an earlier
   one (`escalatesDoseOf`); a treatment whose choice depends on the previous treatments ("several
   regimens") stays on offer as another regimen.
4. Ran out: when the last entry is progression, fires nothing, and nothing else is offered: the
   pathway the source `continuesIn` (the recurrence) answers after a complete resection, or when it
   gives a next step after the failed treatment; otherwise the refractory pathway (the cancer's,
   else cancer in general) is offered, with `options_exhausted` holding. Intolerance is not refractoriness: the answer says no next step is given.
5. Each candidate: excluded if its treatment was tried and failed, if the treatments its source names
   as prerequisites (`afterFailureOf`) have not all failed, if an `unlessCondition` holds,
   if it (or a treatment given with it, or a broader one) needs a biomarker status the patient
   lacks or has not been tested for, or is contraindicated in a finding (or a broader one);
   conditional if a `hasCondition` (or, for an entry step, its `inDiseaseState`) is not met;
   else an option, with cautions from `cautionIn`.
6. Order: the patient's own pathway first, then cancer in general's, then other statements, then the
   refractory fallback; within each, the sources' step order, and at equal order a step that needs a
   biomarker status the patient has before those that need none, and a variant of one treatment
   (1 or 3 years) whose conditions the patient meets fewer of after the other variants (equal orders
   otherwise share a rank); within a rank, continuing and fired steps before entry steps, then steps whose conditions
   the patient meets more of, then firmer evidence.

Each patient costs dictionary lookups along the transitions of its own history, so the cost grows
with the history's length, never with the number of paths through the graph.
"""

from dataclasses import dataclass, field

from oncokg.errors import OncoKGError
from oncokg.pathway.answer import Answer, Conditional, Exclusion, Firing, Lead, Option, Outcome, Traversal
from oncokg.pathway.compose import Composition, compose, diseases
from oncokg.pathway.patient import HistoryEntry, Patient
from oncokg.pathway.projection import (
    CERTAINTY_RANK,
    Evidence,
    Pathway,
    PathwayGraph,
    Statement,
    Step,
    duration_words,
)
from oncokg.vocab.terms import (
    ANY_CANCER,
    COMPLETE_RESECTION,
    INTOLERANCE,
    OPTIONS_EXHAUSTED,
    PREVIOUS_TREATMENTS,
    PROGRESSION,
    REFRACTORY,
    RESPONSE,
    STABLE,
)

FAILURES = frozenset({PROGRESSION, INTOLERANCE})
CONTINUES = frozenset({RESPONSE, STABLE})
KIND_ORDER = {"continue": 0, "next": 1, "entry": 2, "composed": 2, "statement": 2, "fallback": 3}
# A more specific source ranks first: the patient's own pathway, then cancer in general's pathway for
# the state, then the statements of other sources, then the refractory fallback.
TIER = {"continue": 0, "next": 0, "entry": 0, "composed": 1, "statement": 2, "fallback": 3}


@dataclass(slots=True)
class Candidate:
    """A step pending while a history is followed (working state, frozen into a Lead at the end)."""

    step: Step
    kind: str
    firings: list[Firing] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the reasoner checks for one step, compiled once from the graph."""

    step: Step
    kinds: frozenset[str]
    conditions: tuple[str, ...]
    all_conditions: tuple[str, ...]
    needs: tuple[tuple[str, str | None, str, tuple[Evidence, ...]], ...]
    contraindications: tuple[tuple[str, str, Statement], ...]
    cautions: tuple[Statement, ...]
    key: tuple
    relevant: frozenset[str]
    markers: frozenset[str]
    checks: bool
    variant: bool  # the pathway gives the same treatment at the same order under other conditions


_Ranked = tuple[tuple, Lead, tuple[str, ...], tuple[Statement, ...]]  # an option with its ranking key
_Verdict = list[Exclusion] | Conditional | _Ranked | tuple[()]  # () when the lead does not apply


@dataclass(slots=True)
class _Seen:
    """A memoised traversal and the results worked out from it, per facts its steps look at and plans."""

    traversal: Traversal
    results: dict[tuple, Outcome] = field(default_factory=dict)


class Reasoner:
    """Answers patient states from a projected pathway graph, built once."""

    def __init__(self, graph: PathwayGraph, memo_size: int = 100_000):
        self.graph = graph
        self.memo_size = memo_size
        self._traversals: dict[tuple, _Seen] = {}
        self._memoised = 0  # results held under the traversals
        self._by_patient: dict[Patient, Outcome] = {}
        self._kinds = {iri: frozenset(broad | {iri}) for iri, broad in graph.broader.items()}
        self._matches: dict[tuple[str, str], tuple[str, ...]] = {}
        self._pathways: dict[tuple[str, str], tuple[Pathway, tuple[str, ...]]] = {}
        self._compositions: dict[tuple, Composition] = {}
        self._split_statements: dict[int, tuple[tuple[Lead, ...], tuple[Step, ...]]] = {}
        self._verdicts: dict[tuple, _Verdict] = {}
        self._trigger_memo: dict[frozenset[str], frozenset[str]] = {}
        self._said: dict[tuple, frozenset[str]] = {}  # findings and statuses with every broader finding
        self.rules = {iri: self._compile(step) for iri, step in (graph.steps | graph.usage).items()}
        self._testing = {  # how the sources say a status is tested for: quoted when it is untested
            status: tuple(
                dict.fromkeys(e for t in (status, marker) for s in graph.tested_by.get(t, ()) for e in s.evidence)
            )
            for status, marker in graph.status_of.items()
        }
        self._triggers = frozenset(iri for iri in graph.types if graph.is_a(iri, "TransitionTrigger"))
        self.regimens = {
            t: tuple(s for s in found if s.object == PREVIOUS_TREATMENTS)
            for t, found in graph.depends_on.items()
            if any(s.object == PREVIOUS_TREATMENTS for s in found)
        }

    def kinds(self, iri: str) -> frozenset[str]:
        """An entity and every broader entity it is a subtype of."""
        found = self._kinds.get(iri)
        if found is None:
            found = self._kinds[iri] = frozenset({iri})
        return found

    def _compile(self, step: Step) -> _Rules:
        g = self.graph
        treatments = (step.treatment, *step.given_with)
        needs = []  # the source's own requirement first ("only works for"), then the step's condition
        contraindications = []
        cautions: list = []
        for t in treatments:
            for kind in sorted(self.kinds(t)):
                needs += [
                    (s.object, g.status_of.get(s.object), s.subject, s.evidence)
                    for s in g.required_statuses.get(kind, ())
                ]
                contraindications += [(s.object, t, s) for s in g.contraindications.get(kind, ())]
                cautions += g.cautions.get(kind, ())
        needs += [
            (c, g.status_of.get(c), step.treatment, step.evidence) for c in sorted(step.conditions) if c in g.status_of
        ]
        unique_needs = tuple(
            {n[0]: n for n in reversed(needs)}[status] for status in dict.fromkeys(n[0] for n in needs)
        )
        relevant = (
            set(step.conditions)
            | step.unless
            | step.states
            | {f for f, _, _ in contraindications}
            | {s.object for s in cautions}
            | {n[0] for n in unique_needs}
        )
        return _Rules(
            step=step,
            kinds=self.kinds(step.treatment),
            conditions=tuple(sorted(c for c in step.conditions if c not in g.status_of)),
            all_conditions=tuple(sorted(step.conditions)),
            needs=unique_needs,
            contraindications=tuple(contraindications),
            cautions=tuple(cautions),
            key=(CERTAINTY_RANK[step.certainty], g.label(step.treatment), step.iri),
            relevant=frozenset(relevant),
            markers=frozenset(n[1] for n in unique_needs if n[1]),
            checks=bool(step.unless or unique_needs or contraindications or step.after_failure_of),
            variant=any(
                other.iri != step.iri and other.order == step.order and other.treatment == step.treatment
                for other in g.steps.values()
                if other.pathway == step.pathway
            ),
        )

    def pathway_for(self, cancer: str, setting: str) -> tuple[Pathway, list[str]]:
        """The pathway for a cancer in a setting, with a note when a broader one stands in."""
        found = self._pathways.get((cancer, setting))
        if found is None:
            found = self._pathways[(cancer, setting)] = self._find_pathway(cancer, setting)
        return found[0], list(found[1])

    def _find_pathway(self, cancer: str, setting: str) -> tuple[Pathway, tuple[str, ...]]:
        g = self.graph
        broader = sorted(g.broader.get(setting, ()), key=lambda s: (-len(g.broader.get(s, ())), s))
        for disease in diseases(cancer, g):
            for state in [setting, *broader]:
                iri = g.pathway_for.get((disease, state))
                covering = g.covered_by.get((disease, state), ()) if iri is None else ()
                if iri is None and not covering:
                    continue
                pathway = g.pathways[iri or covering[0]]
                notes = []
                if covering:
                    notes.append(
                        f"{', '.join(pathway.sources)} covers {g.label(disease)} {g.label(state)} with its "
                        f"{g.label(pathway.state)} pathway: this is that pathway"
                    )
                elif state != setting:
                    notes.append(
                        f"the sources describe {g.label(setting)} under {g.label(state)}: "
                        f"this is their {g.label(state)} pathway"
                    )
                if disease != cancer:
                    notes.append(
                        f"the sources give no {g.label(cancer)} pathway for {g.label(state)}: "
                        f"this is their pathway for {g.label(disease)}"
                    )
                return pathway, tuple(notes)
        states = self.kinds(setting)
        if any(u.states & states for d in diseases(cancer, g) for u in g.usage_for.get(d, ())):
            pathway = Pathway("", cancer, setting, (), (), ())
            return pathway, (
                f"the sources give no pathway for {g.label(cancer)} {g.label(setting)}: answered from "
                f"what each source says about treating it",
            )
        own = sorted(g.label(p.state) for p in g.pathways.values() if p.disease == cancer)
        if own:
            hint = f"the sources give {g.label(cancer)} pathways for: {', '.join(own)}"
        else:
            hint = "pathways exist for: " + ", ".join(
                sorted(f"{g.label(p.disease)} ({g.label(p.state)})" for p in g.pathways.values())
            )
        raise OncoKGError(f"the sources give no pathway for {g.label(cancer)} {g.label(setting)}; {hint}")

    def _steps_for(self, pathway: str, treatment: str) -> tuple[str, ...]:
        """The pathway's steps recommending a treatment or a broader one it is a kind of."""
        key = (pathway, treatment)
        found = self._matches.get(key)
        if found is None:
            g = self.graph
            found = g.by_treatment.get(key, ())
            for broad in sorted(g.broader.get(treatment, ())):
                if found:
                    break
                found = g.by_treatment.get((pathway, broad), ())
            self._matches[key] = found
        return found

    def answer(self, patient: Patient) -> Answer:
        """Ranked options, exclusions, conditional steps and notes for one patient state.

        Memoised (up to `memo_size` entries each): where a history leads, per cancer, setting and
        history; under it, the result per facts its steps look at (patients differing only in what no
        step reads share one); and the result per patient state. A cohort pays once for each state the
        sources tell apart.
        """
        result = self._by_patient.get(patient)
        if result is not None:
            return Answer(patient, result)
        key = (patient.cancer, patient.setting, patient.history, self._trigger_findings(patient))
        seen = self._traversals.get(key)
        if seen is None:
            seen = _Seen(self._traverse(patient, key[3]))
            if len(self._traversals) < self.memo_size:
                self._traversals[key] = seen
        facts = self._facts(patient, seen.traversal)
        result = seen.results.get((facts, patient.planned))
        if result is None:
            result = self._plan(self._judge(seen.traversal, *facts), patient.planned)
            if self._memoised < self.memo_size:
                seen.results[(facts, patient.planned)] = result
                self._memoised += 1
        if len(self._by_patient) < self.memo_size:
            self._by_patient[patient] = result
        return Answer(patient, result)

    def reason(self, patient: Patient) -> Answer:
        """The answer for one patient state, worked out afresh (no memo)."""
        traversal = self._traverse(patient, self._trigger_findings(patient))
        return Answer(patient, self._plan(self._judge(traversal, *self._facts(patient, traversal)), patient.planned))

    def _trigger_findings(self, patient: Patient) -> frozenset[str]:
        if not patient.findings:
            return patient.findings
        found = self._trigger_memo.get(patient.findings)
        if found is None:
            found = patient.findings & self._triggers
            if len(self._trigger_memo) < self.memo_size:
                self._trigger_memo[patient.findings] = found
        return found

    def _facts(self, patient: Patient, traversal: Traversal) -> tuple[frozenset[str], tuple]:
        """The patient facts that the traversal's steps look at, and its statuses of their biomarkers."""
        if not patient.findings and not patient.statuses:
            return traversal.setting_facts, ()
        said = self._said.get((patient.findings, patient.statuses))
        if said is None:
            said = frozenset().union(*(self.kinds(f) for f in patient.findings), (s for _, s in patient.statuses if s))
            if len(self._said) < self.memo_size:
                self._said[(patient.findings, patient.statuses)] = said
        markers = traversal.markers
        statuses = (
            tuple(item for item in patient.statuses if item[0] in markers) if markers and patient.statuses else ()
        )
        return traversal.setting_facts | (said & traversal.relevant), statuses

    def _traverse(
        self,
        patient: Patient,
        trigger_findings: frozenset[str],
        into: Pathway | None = None,
        before: tuple[str, ...] = (),
    ) -> Traversal:
        """Follow the history through the pathway: what is pending, continuing, tried, and notes; when a
        treatment fails on progression where the pathway ends after a complete resection (the cancer has
        come back), in the pathway it `continuesIn`."""
        g = self.graph
        if into is None:
            pathway, notes = self.pathway_for(patient.cancer, patient.setting)
        else:
            pathway, notes = into, list(before)
        opening = tuple(notes)
        pending: dict[str, Candidate] = {s: Candidate(g.steps[s], "entry") for s in pathway.entries}
        continuing: dict[str, Candidate] = {}
        tried: dict[str, int] = {}
        matched: list[tuple[str, ...]] = []
        last_fired = True
        last_steps: tuple[str, ...] = ()
        for index, entry in enumerate(patient.history):
            outcome = entry.outcome
            treatment = entry.treatment
            hits = self._steps_for(pathway.iri, treatment)
            if not hits:
                hits = self._narrower(treatment, continuing) or self._narrower(
                    treatment, {k: c for k, c in pending.items() if c.kind == "next"}
                )
                if hits:
                    treatment = g.steps[hits[0]].treatment
                    notes.append(
                        f"history {index + 1} ({g.label(entry.treatment)}: {g.label(outcome)}) read as "
                        f"{g.label(treatment)}, the {g.label(entry.treatment)} the patient was on or the history led to"
                    )
            steps = tuple(s for s in hits if s in pending) or tuple(s for s in hits if s in continuing)
            if outcome in FAILURES:
                tried[treatment] = index
                for s in hits:
                    for part in g.steps[s].given_with:
                        tried.setdefault(part, index)
            else:
                tried.pop(treatment, None)
            if hits and not steps:
                steps = hits
                notes.append(self._out_of_order(index, treatment, outcome, steps))
            elif not hits:
                notes.append(
                    f"history {index + 1} ({g.label(entry.treatment)}: {g.label(outcome)}) is not a step "
                    f"of the {g.label(pathway.disease)} {g.label(pathway.state)} pathway: kept as history only"
                )
            matched.append(steps)
            last_steps = steps
            if not steps:
                last_fired = True
                continue
            origins = {f.entry for s in steps if s in pending for f in pending[s].firings if f.transition}
            for s in steps:
                pending.pop(s, None)
                if outcome in FAILURES and g.steps[s].treatment in self.regimens:
                    pending[s] = Candidate(g.steps[s], "entry")
            continuing = {}
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
                pending = {k: c for k, c in pending.items() if c.kind != "entry"}
            if outcome in FAILURES:
                self._retire(pending, treatment, tried)
            triggers = {outcome} | trigger_findings
            last_fired = False
            for s in steps:
                fired_treatments = set()
                for trigger in sorted(triggers):
                    for transition in g.fires.get((s, trigger), ()):
                        target = pending.get(transition.target)
                        if target is None:
                            target = pending[transition.target] = Candidate(g.steps[transition.target], "next")
                        elif target.kind == "entry":
                            target.kind = "next"
                        if not any(f.transition is transition for f in target.firings):
                            target.firings.append(Firing(index, trigger, transition))
                        fired_treatments.add(target.step.treatment)
                        last_fired = True
                step = g.steps[s]
                if (
                    outcome in CONTINUES
                    and outcome not in step.continued_until
                    and step.treatment not in fired_treatments
                ):
                    continuing[s] = Candidate(step, "continue", [Firing(index, outcome)])
        candidates = list(continuing.values()) + [c for k, c in pending.items() if k not in continuing]
        ran_out = (
            bool(patient.history) and patient.history[-1].outcome in FAILURES and bool(last_steps) and not last_fired
        )
        if ran_out:
            where = " or ".join(sorted({g.label(g.steps[s].treatment) for s in last_steps}))
            notes.append(f"the sources give no next step after {where} on {g.label(patient.history[-1].outcome)}")
        elif patient.history and last_steps and not last_fired and not continuing:
            self._awaiting(last_steps, notes)
        leads = tuple(Lead(c.step, c.kind, tuple(c.firings)) for c in candidates)
        states = self.kinds(patient.setting) | {pathway.state}
        if REFRACTORY in states:
            states |= {OPTIONS_EXHAUSTED}  # refractory: "their treatment options have been exhausted" (003)
        states |= {f for s in states for f in g.implies.get(s, ())}
        composition = self._compose(patient.cancer, states, pathway)
        leads += tuple(Lead(g.steps[s], "composed", ()) for p in composition.general for s in p.entries)
        leads += tuple(self._statement_leads(composition.offered, patient.history))
        refractory = ran_out and patient.history[-1].outcome == PROGRESSION
        resected = any(e.outcome == COMPLETE_RESECTION for e in patient.history)
        onward = g.pathways.get(pathway.continues_in or "") if refractory else None
        failed = patient.history[-1].treatment if patient.history else ""
        if onward is not None and into is None and (resected or self._continues_after(onward, failed)):
            why = (
                f"a {g.label(pathway.disease)} growing after the {g.label(pathway.state)} pathway's treatment has come "
                f"back: answered from the same source's {g.label(onward.state)} pathway"
                if resected
                else f"the {g.label(pathway.state)} pathway ends at {g.label(failed)}; the same source's "
                f"{g.label(onward.state)} pathway goes on after it: answered from there"
            )
            return self._traverse(patient, trigger_findings, onward, (*opening, why))
        if ran_out and not refractory:
            notes.append(
                f"{g.label(INTOLERANCE)} is not refractoriness: the sources' options for refractory cancer "
                f"are not offered for it"
            )
        fallback = self._fallback(patient.cancer, pathway) if refractory else None
        fallback_leads: tuple[Lead, ...] = ()
        if fallback is not None:
            offered = {c.step.treatment for c in candidates}
            fallback_leads = tuple(
                Lead(g.steps[s], "fallback", ()) for s in fallback.entries if g.steps[s].treatment not in offered
            )
        every = [self.rules[lead.step.iri] for lead in leads + fallback_leads]
        relevant = frozenset().union(*(r.relevant for r in every))
        return Traversal(
            pathway,
            patient.history,
            leads,
            tuple(tried.items()),
            tuple(matched),
            tuple(notes),
            fallback,
            fallback_leads,
            relevant,
            frozenset().union(*(r.markers for r in every)),
            states & relevant,
            composition.against,
            composition.general,
            composition.against_by,
        )

    def _compose(self, cancer: str, states: frozenset[str], pathway: Pathway) -> Composition:
        key = (cancer, states, pathway.iri)
        found = self._compositions.get(key)
        if found is None:
            found = self._compositions[key] = compose(self.graph, cancer, states, pathway if pathway.iri else None)
        return found

    def _statement_leads(self, offered: tuple[Step, ...], history: tuple[HistoryEntry, ...]) -> list[Lead]:
        """Each offering statement as a lead; one conditioned on an outcome ("if it works well") only when
        the history's last entry of its treatment had that outcome, which it then continues."""
        split = self._split_statements.get(id(offered))  # compositions are kept for good: their ids hold
        if split is None:
            split = self._split_statements[id(offered)] = (
                tuple(Lead(u, "statement", ()) for u in offered if u.conditions.isdisjoint(self._triggers)),
                tuple(u for u in offered if not u.conditions.isdisjoint(self._triggers)),
            )
        leads = list(split[0])
        for u in split[1]:
            outcomes = u.conditions & self._triggers
            last = next(
                (i for i in range(len(history) - 1, -1, -1) if u.treatment in self.kinds(history[i].treatment)), None
            )
            if last is not None and history[last].outcome in outcomes:
                leads.append(Lead(u, "statement", (Firing(last, history[last].outcome),)))
        return leads

    def _continues_after(self, pathway: Pathway, treatment: str) -> bool:
        """Whether the pathway gives a next step when `treatment` (or a broader one) stops working."""
        return any(self.graph.fires.get((s, PROGRESSION)) for s in self._steps_for(pathway.iri, treatment))

    def _narrower(self, treatment: str, candidates: dict[str, Candidate]) -> tuple[str, ...]:
        """The candidate steps of one treatment that is a kind of `treatment` (a history's "targeted therapy"
        read as the imatinib the patient is on, or that the history led to); none when several would do."""
        found = tuple(s for s, c in candidates.items() if treatment in self.kinds(c.step.treatment))
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
        g = self.graph
        before = sorted({g.label(g.steps[p].treatment) for s in steps for p in g.graph.predecessors(s)})
        usual = f"the sources reach it after {' or '.join(before)}" if before else "the sources do not offer it now"
        return (
            f"history {index + 1} ({g.label(treatment)}: {g.label(outcome)}) is out of the usual order: "
            f"{usual}; answered from there"
        )

    def _fallback(self, cancer: str, pathway: Pathway) -> Pathway | None:
        """When a pathway has run out: the refractory pathway of the cancer, else of cancer in general."""
        g = self.graph
        if pathway.state == REFRACTORY:
            return None
        for disease in (cancer, ANY_CANCER):
            iri = g.pathway_for.get((disease, REFRACTORY))
            if iri is not None and iri != pathway.iri:
                return g.pathways[iri]
        return None

    def _awaiting(self, steps: tuple[str, ...], notes: list[str]) -> None:
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

    def _judge(self, traversal: Traversal, facts: frozenset[str], statuses: tuple) -> Outcome:
        """The traversal's leads as options, exclusions or conditional steps for these facts; the
        fallback pathway's leads only when nothing else is offered."""
        notes = list(traversal.notes)
        options, excluded, conditional = self._sort(traversal, traversal.leads, facts, statuses)
        fallback = None
        if traversal.fallback is not None and not options:
            fallback = traversal.fallback
            g = self.graph
            notes.append(
                f"the {g.label(traversal.pathway.disease)} {g.label(traversal.pathway.state)} pathway has "
                f"run out: offered instead is what the sources give for {g.label(REFRACTORY)} "
                f"{g.label(fallback.disease)}, when treatment options are exhausted"
            )
            options, excluded, conditional = self._sort(
                traversal, traversal.leads + traversal.fallback_leads, facts, statuses
            )
        shown = {c.step.treatment for c in conditional} | {e.treatment for e in excluded}
        options, absent = self._disagreements(traversal, options, shown)
        if not options:
            notes.append("the sources give no option that applies to this state")
        return Outcome(
            traversal.pathway,
            options,
            excluded,
            conditional,
            tuple(notes),
            traversal.matched,
            fallback,
            absent,
            traversal.general,
        )

    def _plan(self, result: Outcome, planned: frozenset[str]) -> Outcome:
        """What the sources say about each treatment being considered: offered now, ruled out, or absent."""
        if not planned:
            return result
        g = self.graph
        notes = list(result.notes)
        for treatment in sorted(planned, key=g.label):
            kinds = self.kinds(treatment)
            name = f"planned {g.label(treatment)}"
            offered = [
                o for o in result.options if o.step.treatment in kinds or treatment in self.kinds(o.step.treatment)
            ]
            ruled = [e for e in result.excluded if e.treatment in kinds]
            said = [u for u in result.absent if u.treatment in kinds]
            if offered:
                notes.append(
                    f"{name}: the sources give it now (rank {offered[0].rank}: {g.label(offered[0].step.treatment)})"
                )
            elif ruled:
                notes.append(f"{name}: ruled out: {ruled[0].reason}")
            elif said:
                notes.append(
                    f"{name}: {', '.join(said[0].sources)} says it is {g.label(said[0].stance or '')}: "
                    f'"{said[0].evidence[0].quote}"'
                )
            else:
                notes.append(f"{name}: not among what the sources give for this state")
        return result._replace(notes=tuple(notes))

    def _disagreements(
        self, traversal: Traversal, options: tuple[Option, ...], shown: set[str]
    ) -> tuple[tuple[Option, ...], tuple[Step, ...]]:
        """Statements against a treatment: beside the option they disagree with, else (unless the answer
        already lists it, as ruled out or conditional) why it is absent."""
        if not traversal.against:
            return options, ()
        used = {u.iri for option in options for u in option.against}
        absent = [u for u in traversal.against if u.iri not in used and u.treatment not in shown]
        return options, tuple(sorted(absent, key=lambda u: not u.states))  # the state's own words first

    def _sort(
        self, traversal: Traversal, leads: tuple[Lead, ...], facts: frozenset[str], statuses: tuple
    ) -> tuple[tuple[Option, ...], tuple[Exclusion, ...], tuple[Conditional, ...]]:
        """Each lead as an option, an exclusion or a conditional step; options ranked."""
        g = self.graph
        tried = dict(traversal.tried)
        tried_kinds = frozenset(tried)
        history = traversal.history
        options: list[_Ranked] = []
        excluded: list[Exclusion] = []
        conditional: list[Conditional] = []
        verdicts = self._verdicts
        against_by = traversal.against_by
        for lead in leads:
            rules = self.rules[lead.step.iri]
            shared = not lead.firings and rules.kinds.isdisjoint(tried_kinds) and not rules.step.after_failure_of
            if shared:
                memo_key = (lead.step.iri, lead.kind, facts, statuses)
                verdict = verdicts.get(memo_key)
                if verdict is None:
                    verdict = self._verdict(lead, rules, facts, statuses, history, tried, tried_kinds)
                    if len(verdicts) < self.memo_size:
                        verdicts[memo_key] = verdict
            else:
                verdict = self._verdict(lead, rules, facts, statuses, history, tried, tried_kinds)
            if not verdict:
                continue
            if isinstance(verdict, Conditional):
                conditional.append(verdict)
            elif isinstance(verdict, list):
                excluded.extend(verdict)
            else:
                options.append(verdict)
        if any(self.rules[lead.step.iri].variant for _, lead, _, _ in options):
            options = self._demote_variants(options)
        options.sort(key=lambda item: item[0])
        ranked: list[Option] = []
        rank, previous = 0, None
        first_tier: dict[str, tuple[int, int]] = {}
        support: dict[int, list[Step]] = {}
        for key, lead, met, cautions in options:
            step = lead.step
            kinds = self.rules[step.iri].kinds
            where = first_tier.get(step.treatment)
            if where is None and key[0] and first_tier:
                where = next((first_tier[k] for k in sorted(kinds) if k in first_tier), None)
            same_regimen = where is not None and (
                (not step.given_with and not step.settings) or step.given_with == ranked[where[1]].step.given_with
            )
            if where is not None and (where[0] < key[0] or key[0] in (1, 2)) and same_regimen:
                support.setdefault(where[1], []).append(step)
                continue
            if key[:3] != previous:
                rank, previous = rank + 1, key[:3]
            first_tier.setdefault(step.treatment, (key[0], len(ranked)))
            again: tuple[Statement, ...] = ()
            if tried and not kinds.isdisjoint(self.regimens) and not kinds.isdisjoint(tried_kinds):
                again = tuple(s for k in sorted(kinds & tried_kinds) for s in self.regimens.get(k, ()))
            against: tuple[Step, ...] = ()
            if against_by and not kinds.isdisjoint(against_by):
                against = tuple(u for k in kinds for u in against_by.get(k, ()))
            ranked.append(Option(step, lead.kind, rank, lead.firings, met, cautions, (), against, again))
        for index, steps in support.items():
            held = ranked[index]
            ranked[index] = Option(
                held.step,
                held.kind,
                held.rank,
                held.firings,
                held.met,
                held.cautions,
                tuple(steps),
                held.against,
                held.again,
            )
        if tried:
            covered = {e.treatment for e in excluded if e.kind == "already tried"}
            offered_again = {o.step.treatment for o in ranked if o.again}
            for index, entry in enumerate(history):
                matched = traversal.matched[index]
                treatment = entry.treatment
                if tried.get(treatment) != index and matched:
                    treatment = g.steps[matched[0]].treatment  # the entry was read as this narrower treatment
                if tried.get(treatment) == index and treatment not in covered | offered_again:
                    excluded.append(
                        Exclusion(
                            treatment,
                            "already tried",
                            f"already tried: {g.label(entry.outcome)} (history {index + 1})",
                            (),
                            g.steps[matched[0]] if matched else None,
                        )
                    )
        unique = tuple({(e.treatment, e.kind, e.reason): e for e in reversed(excluded)}.values())[::-1]
        return tuple(ranked), unique, tuple(conditional)

    def _demote_variants(self, options: list[_Ranked]) -> list[_Ranked]:
        """Of one treatment's variants at one order (imatinib for 1 or for 3 years), those whose conditions
        the patient meets fewer of rank after the others ("at least 3 years" for a high risk first)."""
        best: dict[tuple, int] = {}
        for _, lead, met, _ in options:
            s = lead.step
            if self.rules[s.iri].variant:
                best[(s.pathway, s.order, s.treatment)] = max(best.get((s.pathway, s.order, s.treatment), 0), len(met))
        demoted = []
        for key, lead, met, cautions in options:
            s = lead.step
            if self.rules[s.iri].variant and len(met) < best[(s.pathway, s.order, s.treatment)]:
                key = (*key[:2], key[2] + 1, *key[3:])
            demoted.append((key, lead, met, cautions))
        return demoted

    def _verdict(
        self,
        lead: Lead,
        rules: _Rules,
        facts: frozenset[str],
        statuses: tuple,
        history: tuple[HistoryEntry, ...],
        tried: dict[str, int],
        tried_kinds: frozenset[str],
    ) -> "_Verdict":
        """One lead for these facts: not applicable (empty), its exclusions, conditional, or an option with
        its ranking key.

        A lead no history entry fired, about no tried treatment, gets the same verdict in every traversal
        with the same facts: `_sort` shares it (memoised with the results)."""
        step = rules.step
        kind = lead.kind
        satisfied = facts
        if lead.firings:
            satisfied = facts | {f.trigger for f in lead.firings}
        if kind == "statement" and rules.conditions and satisfied.isdisjoint(rules.conditions):
            return ()
        if kind == "fallback":
            satisfied = satisfied | {OPTIONS_EXHAUSTED}
        if rules.checks or not rules.kinds.isdisjoint(tried_kinds):
            reasons = self._exclusions(history, statuses, rules, satisfied, tried, tried_kinds)
            if reasons:
                return reasons
        missing: tuple[str, ...]
        if kind == "statement":
            missing = ()
        else:
            missing = tuple(c for c in rules.conditions if c not in satisfied) if rules.conditions else ()
        if kind in ("entry", "fallback", "composed") and step.states and not step.states & satisfied:
            missing += tuple(sorted(step.states))
        if missing:
            return Conditional(step, missing)
        cautions = tuple(s for s in rules.cautions if s.object in facts) if rules.cautions and facts else ()
        met = tuple(c for c in rules.all_conditions if c in satisfied) if rules.all_conditions else ()
        specific = -len(rules.needs)  # it needs a biomarker status the patient has: given for them first
        return ((TIER[kind], step.order, specific, KIND_ORDER[kind], -len(met), *rules.key), lead, met, cautions)

    def _exclusions(
        self,
        history: tuple[HistoryEntry, ...],
        statuses: tuple,
        rules: _Rules,
        satisfied: frozenset[str],
        tried: dict[str, int],
        tried_kinds: frozenset[str],
    ) -> list[Exclusion]:
        g = self.graph
        step = rules.step
        reasons = []
        if tried:
            for kind in sorted(rules.kinds & tried_kinds):
                if kind in self.regimens:
                    continue
                entry = history[tried[kind]]
                reasons.append(
                    Exclusion(
                        step.treatment,
                        "already tried",
                        f"already tried: {g.label(entry.outcome)} (history {tried[kind] + 1})",
                        (),
                        step,
                    )
                )
                break
        if step.after_failure_of:
            failed = [self.kinds(t) for t in tried]
            waiting = sorted(g.label(p) for p in step.after_failure_of if not any(p in kinds for kinds in failed))
            if waiting:
                named = " and ".join(sorted(g.label(p) for p in step.after_failure_of))
                reasons.append(
                    Exclusion(
                        step.treatment,
                        "prerequisite",
                        f"the source gives it once {named} have stopped working; not yet: {', '.join(waiting)}",
                        step.evidence,
                        step,
                    )
                )
        if step.unless:
            for unless in sorted(step.unless & satisfied):
                reasons.append(
                    Exclusion(step.treatment, "unless", f"the sources: not when {g.label(unless)}", step.evidence, step)
                )
        for status, marker, subject, evidence in rules.needs:
            mentioned, has = next(((True, s) for m, s in statuses if m == marker), (False, None))
            if has == status:
                continue
            if has is not None:
                why = f"needs {g.label(status)}; the tumour is {g.label(has)}"
            else:
                state = "untested" if mentioned else "not given (untested)"
                name = g.label(marker) if marker else "biomarker"
                why = f"needs {g.label(status)}; {name} status is {state}: testing is needed"
                evidence += self._testing.get(status, ())
            reasons.append(Exclusion(subject, "biomarker", why, evidence, step))
        if rules.contraindications:
            for finding, treatment, statement in rules.contraindications:
                if finding in satisfied:
                    reasons.append(
                        Exclusion(
                            treatment,
                            "contraindication",
                            f"{g.label(statement.subject)} is contraindicated in {g.label(finding)}",
                            statement.evidence,
                            step,
                        )
                    )
        return reasons
