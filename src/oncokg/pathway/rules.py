"""The pathway reasoner: from a patient's state to ranked, explained next options, excluded options and notes.

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

The rules live in `choose` (1), `traverse` (2 to 4) and `judge` (5 and 6); their records in `answer`.
`Reasoner` puts them together and memoises what the sources do not tell apart.
"""

from oncokg.pathway.answer import Answer, Outcome, Traversal
from oncokg.pathway.choose import Chooser
from oncokg.pathway.judge import Judge
from oncokg.pathway.memo import Memo
from oncokg.pathway.patient import Patient
from oncokg.pathway.projection import Pathway, PathwayGraph
from oncokg.pathway.traverse import Traverser

_Facts = tuple[frozenset[str], tuple]  # the patient facts the steps look at, and the biomarker statuses they read


class Reasoner:
    """Answers patient states from a projected pathway graph, built once."""

    def __init__(self, graph: PathwayGraph, memo_size: int = 100_000):
        self.graph = graph
        self.memo_size = memo_size
        self.choose = Chooser(graph)
        self.judge = Judge(graph, self.choose.kinds, memo_size)
        self.traverser = Traverser(graph, self.choose, self.judge)
        # each holds at most memo_size: the patient states, where a history leads (per cancer, setting,
        # history and trigger findings), and the outcome per traversal, facts its steps look at and plans
        self._by_patient: Memo[Patient, Outcome] = Memo(memo_size)
        self._traversals: Memo[tuple, Traversal] = Memo(memo_size)
        self._outcomes: Memo[tuple, Outcome] = Memo(memo_size)
        self._trigger_findings: Memo[tuple[str, frozenset[str]], frozenset[str]] = Memo(memo_size)
        self._said: Memo[tuple, frozenset[str]] = Memo(memo_size)  # findings and statuses, with broader findings

    def pathway_for(self, cancer: str, setting: str) -> tuple[Pathway, list[str]]:
        """The pathway for a cancer in a setting, with a note when a broader one stands in."""
        return self.choose.pathway_for(cancer, setting)

    def answer(self, patient: Patient) -> Answer:
        """Ranked options, exclusions, conditional steps and notes for one patient state.

        Memoised (up to `memo_size` entries each): where a history leads, per cancer, setting and
        history; under it, the outcome per facts its steps look at (patients differing only in what no
        step reads share one); and the outcome per patient state. A cohort pays once for each state the
        sources tell apart.
        """
        outcome = self._by_patient.get(patient)
        if outcome is None:
            outcome = self._by_patient.keep(patient, self._outcome(patient))
        return Answer(patient, outcome)

    def reason(self, patient: Patient) -> Answer:
        """The answer for one patient state, worked out afresh (no memo)."""
        traversal = self.traverser.traverse(patient, self._triggers(patient))
        return Answer(patient, self._judged(traversal, self._facts(patient, traversal), patient.planned))

    def _outcome(self, patient: Patient) -> Outcome:
        key = (patient.cancer, patient.setting, patient.history, self._triggers(patient))
        traversal = self._traversals.get(key)
        if traversal is None:
            traversal = self._traversals.keep(key, self.traverser.traverse(patient, key[3]))
        facts = self._facts(patient, traversal)
        found = self._outcomes.get((key, facts, patient.planned))
        if found is None:
            found = self._outcomes.keep((key, facts, patient.planned), self._judged(traversal, facts, patient.planned))
        return found

    def _judged(self, traversal: Traversal, facts: _Facts, planned: frozenset[str]) -> Outcome:
        return self.judge.plan(self.judge.judge(traversal, *facts), planned)

    def _triggers(self, patient: Patient) -> frozenset[str]:
        """The patient's findings that fire transitions (recurrence risks) or define a state (liver
        metastases): part of where a history leads."""
        if not patient.findings:
            return patient.findings
        key = (patient.cancer, patient.findings)
        found = self._trigger_findings.get(key)
        if found is None:
            found = self._trigger_findings.keep(key, patient.findings & self.traverser.reads(patient.cancer))
        return found

    def _facts(self, patient: Patient, traversal: Traversal) -> _Facts:
        """The patient facts that the traversal's steps look at, and its statuses of their biomarkers."""
        findings = self._findings(patient)
        if not findings and not patient.statuses:
            return traversal.setting_facts, ()
        said = self._said.get((findings, patient.statuses))
        if said is None:
            said = self._said.keep((findings, patient.statuses), self._said_of(findings, patient.statuses))
        markers = traversal.markers
        statuses = (
            tuple(item for item in patient.statuses if item[0] in markers) if markers and patient.statuses else ()
        )
        return traversal.setting_facts | (said & traversal.relevant), statuses

    def _findings(self, patient: Patient) -> frozenset[str]:
        """The patient's findings, and those its planned treatments hold ("before surgery" when surgery
        is planned): what a source gives before a treatment applies when that treatment is planned."""
        if not patient.planned:
            return patient.findings
        held = self.graph.held_when_planned
        kinds = self.choose.kinds
        return patient.findings.union(*(held.get(k, ()) for t in patient.planned for k in kinds(t)))

    def _said_of(self, findings: frozenset[str], statuses: tuple) -> frozenset[str]:
        kinds = self.choose.kinds
        return frozenset().union(*(kinds(f) for f in findings), (s for _, s in statuses if s))
