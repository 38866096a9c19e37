"""Judging each lead for a patient's facts (rule 5) and ranking the options (rule 6).

A lead becomes an option, an exclusion (with why and the quotes) or a conditional step; the options
are ranked by a `RankKey`; the treatments being considered are then said for (`plan`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from oncokg.pathway.answer import Conditional, Exclusion, Lead, Option, Outcome, Traversal
from oncokg.pathway.compose import diseases
from oncokg.pathway.memo import Memo
from oncokg.pathway.patient import HistoryEntry
from oncokg.pathway.projection import (
    CERTAINTY_RANK,
    Evidence,
    Given,
    Pathway,
    PathwayGraph,
    Statement,
    Step,
    TreatmentStatement,
)
from oncokg.quotes import prose
from oncokg.vocab.terms import ANY_CANCER, NEOADJUVANT, OPTIONS_EXHAUSTED, PREVIOUS_TREATMENTS, REFRACTORY, RESPONSE


class Tier(IntEnum):
    """Rule 3: a more specific source ranks first: the patient's own pathway, then the other
    statements about the patient's cancer, then what the sources give for cancer in general (its
    pathway and statements), then the refractory fallback."""

    OWN = 0
    STATEMENT = 1
    GENERAL = 2
    FALLBACK = 3


TIER = {
    "continue": Tier.OWN,
    "next": Tier.OWN,
    "entry": Tier.OWN,
    "state": Tier.OWN,
    "composed": Tier.GENERAL,
    "statement": Tier.STATEMENT,
    "fallback": Tier.FALLBACK,
}


class Line(IntEnum):
    """Rule 3 within the patient's own pathway: where the history is comes before the step order. The
    treatment that is working goes on first, then where the history leads, then the pathway's other
    options for the state (entry steps: the preferred-first ones when there is no history)."""

    CONTINUES = 0
    LEADS = 1
    STANDS = 2


LINE = {"continue": Line.CONTINUES, "next": Line.LEADS}


class Need(NamedTuple):
    """A biomarker status a step needs: the source's own requirement ("only works for") or the step's
    condition, with the treatment it is said of and the quotes."""

    status: str
    marker: str | None
    subject: str
    evidence: tuple[Evidence, ...]


class RankKey(NamedTuple):
    """How options sort (rule 3); the first four fields decide the rank, the rest only the order
    within it. `unmet` is minus the conditions met: more met sorts first."""

    tier: Tier
    line: Line
    covered: int  # 1 when the step is said only of a state its pathway covers the patient's under
    order: int
    demoted: int  # 1 for a variant of one treatment whose conditions the patient meets fewer of (1 or 3 years)
    specific: int  # minus the biomarker statuses it needs: one the patient has is listed first, same rank
    unmet: int
    certainty: int
    label: str
    iri: str


class Ranked(NamedTuple):
    """An option before its rank is known."""

    key: RankKey
    lead: Lead
    met: tuple[str, ...]
    cautions: tuple[Statement, ...]


class Verdict(NamedTuple):
    """What one lead is for the patient's facts: one field is set (none when it does not apply)."""

    excluded: tuple[Exclusion, ...] = ()
    conditional: Conditional | None = None
    option: Ranked | None = None


DOES_NOT_APPLY = Verdict()
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StepRules:
    """What the reasoner checks for one step (or statement), compiled once from the graph."""

    step: Given
    kinds: frozenset[str]
    conditions: tuple[str, ...]  # the conditions that are not biomarker statuses
    all_conditions: tuple[str, ...]
    needs: tuple[Need, ...]
    contraindications: tuple[tuple[str, str, Statement], ...]  # (finding, treatment, statement)
    cautions: tuple[Statement, ...]
    certainty: int
    label: str
    relevant: frozenset[str]  # the patient facts the step looks at
    markers: frozenset[str]
    checks: bool  # anything to exclude it for besides a tried treatment
    variant: bool  # the pathway gives the same treatment at the same order under other conditions
    contradicted: tuple[tuple[str, frozenset[str]], ...] = ()  # a condition, and the findings that rule it out
    exceptions: tuple[
        TreatmentStatement, ...
    ] = ()  # the cancer's statements of its treatment, of its state, with an `unless`


def compile_rules(graph: PathwayGraph, kinds: Callable[[str], frozenset[str]], step: Given) -> StepRules:
    """The step's rules, gathered from its treatments (and every broader kind of them) and conditions."""
    g = graph
    needs: list[Need] = []  # the source's own requirement first ("only works for"), then the step's condition
    contraindications = []
    cautions: list[Statement] = []
    for t in (step.treatment, *step.given_with):
        for kind in sorted(kinds(t)):
            needs += [
                Need(s.object, g.status_of.get(s.object), s.subject, s.evidence)
                for s in g.required_statuses.get(kind, ())
            ]
            contraindications += [(s.object, t, s) for s in g.contraindications.get(kind, ())]
            cautions += g.cautions.get(kind, ())
    needs += [
        Need(c, g.status_of.get(c), step.treatment, step.evidence) for c in sorted(step.conditions) if c in g.status_of
    ]
    # one need per status, the last said, in the order first said
    unique_needs = tuple(
        {n.status: n for n in reversed(needs)}[status] for status in dict.fromkeys(n.status for n in needs)
    )
    contradicted = tuple((c, g.excludes[c]) for c in sorted(step.conditions) if c in g.excludes)
    exceptions = _exceptions(g, kinds(step.treatment), step)
    relevant = (
        set(step.conditions)
        | {f for _, found in contradicted for f in found}
        | step.unless
        | step.states
        | {f for f, _, _ in contraindications}
        | {s.object for s in cautions}
        | {n.status for n in unique_needs}
        | {c for u in exceptions for c in u.unless}
    )
    return StepRules(
        step=step,
        kinds=kinds(step.treatment),
        conditions=tuple(sorted(c for c in step.conditions if c not in g.status_of)),
        all_conditions=tuple(sorted(step.conditions)),
        needs=unique_needs,
        contraindications=tuple(contraindications),
        cautions=tuple(cautions),
        certainty=CERTAINTY_RANK[step.certainty],
        label=g.label(step.treatment),
        relevant=frozenset(relevant),
        markers=frozenset(n.marker for n in unique_needs if n.marker),
        checks=bool(step.unless or unique_needs or contraindications or step.after_failure_of or contradicted),
        contradicted=contradicted,
        exceptions=exceptions,
        variant=isinstance(step, Step)
        and any(
            other.iri != step.iri and other.order == step.order and other.treatment == step.treatment
            for other in g.steps.values()
            if other.pathway == step.pathway
        ),
    )


def _exceptions(g: PathwayGraph, kinds: frozenset[str], step: Given) -> tuple[TreatmentStatement, ...]:
    """The cancer's statements of the step's treatment (or a broader one), said of the step's own
    state, that the sources except for a finding (`unless`): shown beside the option when the patient
    has it, since another sentence gives the option without that exception (review 89)."""
    if not step.states:
        return ()
    if isinstance(step, TreatmentStatement):
        disease: str | None = step.disease
    else:
        disease = g.pathways[step.pathway].disease if step.pathway in g.pathways else None
    return tuple(
        u
        for u in g.usage_for.get(disease or "", ())
        if u.unless and u.treatment in kinds and u.states & step.states and u.iri != step.iri
    )


class _Tried(NamedTuple):
    """The history as the exclusions read it: which treatment failed at which entry."""

    history: tuple[HistoryEntry, ...]
    at: dict[str, int]
    kinds: frozenset[str]


class Judge:
    """Turns a traversal's leads into an outcome for the patient's facts (rules 5 and 6)."""

    def __init__(self, graph: PathwayGraph, kinds: Callable[[str], frozenset[str]], memo_size: int):
        self.graph = graph
        self.kinds = kinds
        self.rules = {iri: compile_rules(graph, kinds, step) for iri, step in (graph.steps | graph.usage).items()}
        self.testing = {  # how the sources say a status is tested for: quoted when it is untested
            status: tuple(
                dict.fromkeys(e for t in (status, marker) for s in graph.tested_by.get(t, ()) for e in s.evidence)
            )
            for status, marker in graph.status_of.items()
        }
        # treatments whose choice depends on the previous ones ("several regimens"): offered again
        self.regimens = {
            t: tuple(s for s in found if s.object == PREVIOUS_TREATMENTS)
            for t, found in graph.depends_on.items()
            if any(s.object == PREVIOUS_TREATMENTS for s in found)
        }
        self._verdicts: Memo[tuple, Verdict] = Memo(memo_size)
        narrower: dict[str, set[str]] = {}  # a class and its kinds, for rule 6
        for iri, broader in graph.broader.items():
            for b in broader:
                narrower.setdefault(b, set()).add(iri)
        self.narrower = {b: frozenset(n) for b, n in narrower.items()}

    def judge(self, traversal: Traversal, facts: frozenset[str], statuses: tuple) -> Outcome:
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
        options, excluded = self._classes(options, excluded)
        shown = {c.step.treatment for c in conditional} | {e.treatment for e in excluded}
        absent = self._absent(traversal, options, shown)
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

    def plan(self, outcome: Outcome, planned: frozenset[str]) -> Outcome:
        """Rule 7: what the sources say about each treatment being considered, judged like any other."""
        if not planned:
            return outcome
        g = self.graph
        notes = list(outcome.notes)
        for treatment in sorted(planned, key=g.label):
            notes.append(
                f"planned {g.label(treatment)}: {self._planned(outcome, treatment)}{self._before(outcome, treatment)}"
            )
        return outcome._replace(notes=tuple(notes))

    def _before(self, outcome: Outcome, treatment: str) -> str:
        """The options that the sources give before a planned treatment (nutritional support before
        surgery), named beside it: they apply because it is planned."""
        g = self.graph
        held = frozenset().union(*(g.held_when_planned.get(k, ()) for k in self.kinds(treatment)))
        before = [o for o in outcome.options if not held.isdisjoint(o.step.conditions)] if held else []
        if not before:
            return ""
        named = ", ".join(dict.fromkeys(f"{g.label(o.step.treatment)} (rank {o.rank})" for o in before))
        return f"; before it, the sources give {named}"

    def _planned(self, outcome: Outcome, treatment: str) -> str:
        """The most specific thing the answer says of a planned treatment: its own option, exclusion or
        disagreement first; then an option of a narrower kind (palliative surgery for surgery); then its
        own statement under a condition; then what is said of a broader treatment it is a kind of."""
        g = self.graph
        kinds = self.kinds(treatment)
        options = outcome.options
        against = (*outcome.absent, *(u for o in options for u in o.against))
        for exact in (True, False):

            def about(iri: str, exact: bool = exact) -> bool:
                return iri == treatment if exact else iri in kinds

            offered = [o for o in options if about(o.step.treatment)]
            if exact and offered:
                return f"the sources give it now (rank {offered[0].rank}: {g.label(offered[0].step.treatment)})"
            ruled = [e for e in outcome.excluded if about(e.treatment)]
            narrower = [o for o in options if treatment in self.kinds(o.step.treatment)] if exact else []
            if narrower and all(e.kind == "already tried" for e in ruled):  # tried before; a kind of it is given now
                return f"the sources give it now (rank {narrower[0].rank}: {g.label(narrower[0].step.treatment)})"
            if ruled:
                return f"ruled out: {ruled[0].reason}" + ("" if exact else f" ({g.label(ruled[0].treatment)})")
            said = [u for u in against if about(u.treatment)]
            if said and not offered:
                quote = prose(said[0].evidence[0].quote)
                return f'{", ".join(said[0].sources)} says {g.label(said[0].treatment)} is {g.label(said[0].stance or "")}: "{quote}"'
            if exact:
                conditional = [c for c in outcome.conditional if treatment in self.kinds(c.step.treatment)]
                if conditional:
                    needs = " or ".join(dict.fromkeys(" and ".join(g.label(m) for m in c.missing) for c in conditional))
                    named = (
                        ""
                        if conditional[0].step.treatment == treatment
                        else f" ({g.label(conditional[0].step.treatment)})"
                    )
                    return f"the sources give it{named} only if {needs}"
            elif offered:
                return f"the sources give it now, as {g.label(offered[0].step.treatment)} (rank {offered[0].rank}), of which it is a kind"
        return self._reached_after(outcome.pathway, treatment) or self._said_elsewhere(
            outcome.pathway.disease, treatment
        )

    def _reached_after(self, pathway: Pathway, treatment: str) -> str:
        """A planned treatment that the pathway gives only as a later step, not now: after which
        treatment and on which outcome, in the source's words (a higher dose of imatinib is given when
        the tumour grows on it, not when its side effects were too severe)."""
        g = self.graph
        after = [
            (g.steps[s].treatment, t)
            for s in pathway.steps
            for t in g.outgoing.get(s, ())
            if g.steps[t.target].treatment == treatment
        ]
        if not after:
            return ""
        when = " or ".join(
            dict.fromkeys(
                f"after {g.label(done)} on {' or '.join(sorted(g.label(x) for x in t.triggers))}" for done, t in after
            )
        )
        quote = next((prose(e.quote) for _, t in after for e in t.evidence), "")
        said = f': "{quote}"' if quote else ""
        return f"not given now: {', '.join(pathway.sources)} gives it {when}{said}"

    def _said_elsewhere(self, cancer: str, treatment: str) -> str:
        """What the cancer's sources say of a planned treatment outside this state's options, in their
        words (a patient's choice not to be treated, an option for another state); else nothing."""
        g = self.graph
        said = [u for d in diseases(cancer, g) for u in g.usage_for.get(d, ()) if u.treatment == treatment]
        if not said:
            return "not among what the sources give for this state"
        u = said[0]
        states = f" ({' or '.join(g.label(s) for s in sorted(u.states))})" if u.states else ""
        return (
            f"not among what the sources give for this state; {', '.join(u.sources)} calls it "
            f'{g.label(u.stance or "")}{states}: "{prose(u.evidence[0].quote)}"'
        )

    def _classes(
        self, options: tuple[Option, ...], excluded: tuple[Exclusion, ...]
    ) -> tuple[tuple[Option, ...], tuple[Exclusion, ...]]:
        """Rule 6: a class option stands for its members. When the sources name members of it here and
        every one is ruled out, the class is too, for their reasons ("targeted therapy" for stomach
        cancer, whose one named drug needs HER2-positive)."""
        g = self.graph
        kept, out = [], list(excluded)
        for option in options:
            treatment = option.step.treatment
            narrower = self.narrower.get(treatment)
            if not narrower:  # no class: the common case, one lookup
                kept.append(option)
                continue
            members = [e for e in excluded if e.treatment in narrower]
            offered = any(o.step.treatment in narrower for o in options)
            if not members or offered:
                kept.append(option)
                continue
            why = "; ".join(dict.fromkeys(f"{g.label(e.treatment)}: {e.reason}" for e in members))
            evidence = tuple(dict.fromkeys(e for m in members for e in m.evidence))
            out.append(
                Exclusion(
                    treatment,
                    "members",
                    f"every kind of it the sources name here is ruled out ({why})",
                    evidence,
                    option.step,
                )
            )
        return tuple(kept), tuple(out)

    def _absent(
        self, traversal: Traversal, options: tuple[Option, ...], shown: set[str]
    ) -> tuple[TreatmentStatement, ...]:
        """Statements against a treatment no option carries (options show theirs beside them) and the
        answer does not already list as ruled out or conditional: why it is absent."""
        if not traversal.against:
            return ()
        used = {u.iri for option in options for u in option.against}
        absent = [u for u in traversal.against if u.iri not in used and u.treatment not in shown]
        return tuple(sorted(absent, key=lambda u: not u.states))  # the state's own words first

    def _sort(
        self, traversal: Traversal, leads: tuple[Lead, ...], facts: frozenset[str], statuses: tuple
    ) -> tuple[tuple[Option, ...], tuple[Exclusion, ...], tuple[Conditional, ...]]:
        """Each lead as an option, an exclusion or a conditional step; options ranked."""
        at = dict(traversal.tried)
        tried = _Tried(traversal.history, at, frozenset(at))
        ranked: list[Ranked] = []
        excluded: list[Exclusion] = []
        conditional: list[Conditional] = []
        verdicts = self._verdicts
        for lead in leads:
            rules = self.rules[lead.step.iri]
            if (
                lead.kind == "statement"
                and not lead.firings
                and rules.conditions
                and facts.isdisjoint(rules.conditions)
            ):
                continue  # a statement none of whose conditions holds does not apply (most of them, most times)
            own = traversal.own & rules.step.states if rules.step.states else _NONE
            if not lead.firings and rules.kinds.isdisjoint(tried.kinds) and not rules.step.after_failure_of:
                # no history entry fired it and it is about no tried treatment and no prerequisite: the
                # same verdict in every traversal with the same facts, so shared
                key = (lead.step.iri, lead.kind, facts, statuses, own)
                verdict = verdicts.get(key)
                if verdict is None:
                    verdict = verdicts.keep(key, self._verdict(lead, rules, facts, statuses, tried, own))
            else:
                verdict = self._verdict(lead, rules, facts, statuses, tried, own)
            excluded.extend(verdict.excluded)
            if verdict.conditional is not None:
                conditional.append(verdict.conditional)
            if verdict.option is not None:
                ranked.append(verdict.option)
        if any(self.rules[r.lead.step.iri].variant for r in ranked):
            ranked = self._demote_variants(ranked)
        ranked.sort(key=lambda r: r.key)
        options = self._rank(traversal, ranked, tried, facts)
        if tried.at:
            excluded += self._history_tried(traversal, options, excluded, tried)
        unique = tuple({(e.treatment, e.kind, e.reason): e for e in reversed(excluded)}.values())[::-1]
        return options, unique, self._unoffered(conditional, options)

    def _rank(
        self, traversal: Traversal, ranked: list[Ranked], tried: _Tried, facts: frozenset[str]
    ) -> tuple[Option, ...]:
        """Options in key order, numbered by rank (equal tier, order and specificity share one). One
        treatment is one option: a later step of the same treatment and regimen (another source's, or a
        less specific tier's) becomes support of the first."""
        options: list[Option] = []
        rank, previous = 0, None
        first_tier: dict[str, tuple[Tier, int]] = {}  # treatment -> (tier, index of its option)
        support: dict[int, list[Given]] = {}
        for key, lead, met, cautions in ranked:
            step = lead.step
            kinds = self.rules[step.iri].kinds
            where = first_tier.get(step.treatment)
            folded = False  # a member's statement joins its class's option, which names its members
            if where is None and key.tier and first_tier:
                where = next((first_tier[k] for k in sorted(kinds) if k in first_tier), None)
                folded = where is not None
            if where is not None and (folded or _same_regimen(options[where[1]].step, step)):
                support.setdefault(where[1], []).append(step)
                continue
            if key[:5] != previous:  # tier, line, covered, order, demoted
                rank, previous = rank + 1, key[:5]
            first_tier.setdefault(step.treatment, (key.tier, len(options)))
            again = self._again(kinds, tried) if tried.at else ()
            against = self._against(kinds, traversal.against_by) if traversal.against_by else ()
            exceptions = self.rules[step.iri].exceptions
            excepted = tuple(u for u in exceptions if u.unless & facts) if exceptions and facts else ()
            options.append(Option(step, lead.kind, rank, lead.firings, met, cautions, (), against, again, excepted))
        for index, steps in support.items():
            options[index] = options[index]._replace(support=tuple(steps))
        return tuple(options)

    @staticmethod
    def _unoffered(conditional: list[Conditional], options: tuple[Option, ...]) -> tuple[Conditional, ...]:
        """One treatment, one option: a step whose condition does not hold is not listed as conditional
        when the same regimen is offered (radiation for symptoms, when it is offered for bleeding)."""
        if not conditional:
            return ()
        offered = {o.step.treatment for o in options}
        return tuple(
            c
            for c in conditional
            if c.step.treatment not in offered or not any(_same_regimen(o.step, c.step) for o in options)
        )

    def _again(self, kinds: frozenset[str], tried: _Tried) -> tuple[Statement, ...]:
        """The words that allow another regimen of a tried treatment whose choice depends on the previous ones."""
        if tried.at and not kinds.isdisjoint(self.regimens) and not kinds.isdisjoint(tried.kinds):
            return tuple(s for k in sorted(kinds & tried.kinds) for s in self.regimens.get(k, ()))
        return ()

    @staticmethod
    def _against(
        kinds: frozenset[str], against_by: dict[str, tuple[TreatmentStatement, ...]] | None
    ) -> tuple[TreatmentStatement, ...]:
        """The statements that a treatment (or a broader one) is not commonly used, helpful or effective."""
        if against_by and not kinds.isdisjoint(against_by):
            return tuple(u for k in kinds for u in against_by.get(k, ()))
        return ()

    def _history_tried(
        self, traversal: Traversal, options: tuple[Option, ...], excluded: list[Exclusion], tried: _Tried
    ) -> list[Exclusion]:
        """The failed treatments of the history that no lead's exclusion or "another regimen" already says."""
        g = self.graph
        covered = {e.treatment for e in excluded if e.kind == "already tried"}
        offered_again = {o.step.treatment for o in options if o.again}
        found = []
        for index, entry in enumerate(tried.history):
            matched = traversal.matched[index]
            treatment = entry.treatment
            if tried.at.get(treatment) != index and matched:
                treatment = g.steps[matched[0]].treatment  # the entry was read as this narrower treatment
            if tried.at.get(treatment) == index and treatment not in covered | offered_again:
                found.append(
                    Exclusion(
                        treatment,
                        "already tried",
                        f"already tried: {g.label(entry.outcome)} (history {index + 1})",
                        (),
                        g.steps[matched[0]] if matched else None,
                    )
                )
        return found

    def _demote_variants(self, ranked: list[Ranked]) -> list[Ranked]:
        """Of one treatment's variants at one order (imatinib for 1 or for 3 years), those whose conditions
        the patient meets fewer of rank after the others ("at least 3 years" for a high risk first)."""
        best: dict[tuple, int] = {}
        for r in ranked:
            s = r.lead.step
            if isinstance(s, Step) and self.rules[s.iri].variant:  # only a pathway's step has variants
                best[(s.pathway, s.order, s.treatment)] = max(
                    best.get((s.pathway, s.order, s.treatment), 0), len(r.met)
                )
        demoted = []
        for r in ranked:
            s = r.lead.step
            if (
                isinstance(s, Step)
                and self.rules[s.iri].variant
                and len(r.met) < best[(s.pathway, s.order, s.treatment)]
            ):
                r = r._replace(key=r.key._replace(demoted=1))
            demoted.append(r)
        return demoted

    def _verdict(
        self, lead: Lead, rules: StepRules, facts: frozenset[str], statuses: tuple, tried: _Tried, own: frozenset[str]
    ) -> Verdict:
        """One lead for these facts: not applicable, its exclusions, conditional, or an option with its
        ranking key. A statement applies only when one of its conditions holds; other steps whose
        conditions do not hold are conditional."""
        step = rules.step
        kind = lead.kind
        satisfied = facts
        if lead.firings:
            satisfied = facts | {f.trigger for f in lead.firings}
        if kind == "statement" and rules.conditions and satisfied.isdisjoint(rules.conditions):
            return DOES_NOT_APPLY
        if kind == "fallback":
            satisfied = satisfied | {OPTIONS_EXHAUSTED}
        if rules.checks or not rules.kinds.isdisjoint(tried.kinds):
            reasons = self._exclusions(statuses, rules, satisfied, tried, kind)
            if reasons:
                return Verdict(tuple(reasons), None, None)
        missing: tuple[str, ...]
        if kind == "statement":
            missing = ()
        else:
            missing = tuple(c for c in rules.conditions if c not in satisfied) if rules.conditions else ()
        if kind in ("entry", "fallback", "composed") and step.states and not step.states & satisfied:
            missing += tuple(sorted(step.states))
        if missing:
            return Verdict((), Conditional(step, missing), None)
        cautions = tuple(s for s in rules.cautions if s.object in facts) if rules.cautions and facts else ()
        met = tuple(c for c in rules.all_conditions if c in satisfied) if rules.all_conditions else ()
        met += tuple(sorted(own))  # said of the patient's own state, not only of a state its pathway covers
        line, order = LINE.get(kind, Line.STANDS), step.order
        if kind == "continue" and NEOADJUVANT in step.settings:
            line, order = self._line(lead), self._order(lead)
        key = RankKey(  # a statement about cancer in general ranks with cancer in general's pathway
            Tier.GENERAL if kind == "statement" and _said_of(step) == ANY_CANCER else TIER[kind],
            line,
            int(bool(step.states) and not own and kind in ("entry", "state")),
            order,
            0,
            -len(rules.needs),
            -len(met),
            rules.certainty,
            rules.label,
            step.iri,
        )
        return Verdict((), None, Ranked(key, lead, met, cautions))

    @staticmethod
    def _neoadjuvant(lead: Lead) -> bool:
        return lead.kind == "continue" and NEOADJUVANT in lead.step.settings

    def _line(self, lead: Lead) -> Line:
        """Where in the patient's line a step of the own pathway is. A treatment given to make surgery
        possible (neoadjuvant) that is working ranks with the surgery its response leads to: whether it
        goes on ("continued at least until the tumor stops shrinking") or surgery comes ("if the tumor
        shrinks enough") depends on how far it has shrunk, which the patient's state does not say."""
        if self._neoadjuvant(lead):
            return Line.LEADS
        return LINE.get(lead.kind, Line.STANDS)

    def _order(self, lead: Lead) -> int:
        """The step's order; a working neoadjuvant treatment takes the order of what its response leads to."""
        if self._neoadjuvant(lead):
            after = [t.target for t in self.graph.fires.get((lead.step.iri, RESPONSE), ())]
            return min((self.graph.steps[s].order for s in after), default=lead.step.order)
        return lead.step.order

    def _exclusions(
        self, statuses: tuple, rules: StepRules, satisfied: frozenset[str], tried: _Tried, kind: str = ""
    ) -> list[Exclusion]:
        """Why the step is ruled out, in the order the answer lists them: tried, its prerequisites, an
        `unless`, a biomarker status, a contraindication."""
        step = rules.step
        reasons = []
        if tried.at:
            reasons += self._tried(rules, tried)
        if step.after_failure_of and kind != "state":  # a state entered without a history says they failed
            reasons += self._prerequisites(step, tried)
        if step.unless:
            g = self.graph
            for unless in sorted(step.unless & satisfied):
                reasons.append(
                    Exclusion(step.treatment, "unless", f"the sources: not when {g.label(unless)}", step.evidence, step)
                )
        for condition, excluding in rules.contradicted:
            has = sorted(excluding & satisfied)
            if has:
                g = self.graph
                why = f"the source gives it when {g.label(condition)}; the patient has {g.label(has[0])}"
                reasons.append(Exclusion(step.treatment, "condition", why, step.evidence, step))
        reasons += self._biomarkers(rules, statuses)
        if rules.contraindications:
            reasons += self._contraindications(rules, satisfied)
        return reasons

    def _tried(self, rules: StepRules, tried: _Tried) -> list[Exclusion]:
        """The step's treatment, or a class of drugs it belongs to, failed before, unless a new regimen
        may be chosen. A procedure is done, not failed: a surgery before a recurrence does not rule out
        the kind of surgery the source gives for the recurrence."""
        g = self.graph
        procedure = g.is_a(rules.step.treatment, "SurgicalProcedure")
        for kind in sorted(rules.kinds & tried.kinds):
            if kind in self.regimens or (procedure and kind != rules.step.treatment):
                continue
            entry = tried.history[tried.at[kind]]
            why = f"already tried: {g.label(entry.outcome)} (history {tried.at[kind] + 1})"
            return [Exclusion(rules.step.treatment, "already tried", why, (), rules.step)]
        return []

    def _prerequisites(self, step: Given, tried: _Tried) -> list[Exclusion]:
        """A later line (`afterFailureOf`): not until every treatment it follows has failed."""
        g = self.graph
        failed = [self.kinds(t) for t in tried.at]
        waiting = sorted(g.label(p) for p in step.after_failure_of if not any(p in kinds for kinds in failed))
        if not waiting:
            return []
        named = " and ".join(sorted(g.label(p) for p in step.after_failure_of))
        why = f"the source gives it once {named} have stopped working; not yet: {', '.join(waiting)}"
        return [Exclusion(step.treatment, "prerequisite", why, step.evidence, step)]

    def _biomarkers(self, rules: StepRules, statuses: tuple) -> list[Exclusion]:
        """Each status the step needs that the tumour does not have; an untested one quotes how it is tested."""
        g = self.graph
        reasons = []
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
                evidence += self.testing.get(status, ())
            reasons.append(Exclusion(subject, "biomarker", why, evidence, rules.step))
        return reasons

    def _contraindications(self, rules: StepRules, satisfied: frozenset[str]) -> list[Exclusion]:
        """Each treatment of the step contraindicated in a finding the patient has (or a broader one)."""
        g = self.graph
        return [
            Exclusion(
                treatment,
                "contraindication",
                f"{g.label(statement.subject)} is contraindicated in {g.label(finding)}",
                statement.evidence,
                rules.step,
            )
            for finding, treatment, statement in rules.contraindications
            if finding in satisfied
        ]


def _said_of(step: Given) -> str | None:
    """The disease a statement is said of (None for a pathway's step)."""
    return step.disease if isinstance(step, TreatmentStatement) else None


def _same_regimen(held: Given, other: Given) -> bool:
    """Two steps that give one treatment the same way: with the same treatments, for the same time, in
    the same setting where both name one (imatinib for 1 or for 3 years are two options)."""
    return (
        held.treatment == other.treatment
        and held.given_with == other.given_with
        and held.durations == other.durations
        and (not held.settings or not other.settings or held.settings == other.settings)
    )
