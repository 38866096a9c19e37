"""The reasoner's records: what a history leads to (`Traversal`), what the sources give for it
(`Outcome`: options, exclusions, conditional steps, notes) and one patient's `Answer`.

Records are named tuples: immutable, and cheap to make for every patient of a cohort; an `Outcome` is
shared by every patient state the sources do not tell apart.
"""

from typing import NamedTuple

from oncokg.pathway.patient import HistoryEntry, Patient
from oncokg.pathway.projection import Evidence, Given, Pathway, Statement, Transition, TreatmentStatement


class Firing(NamedTuple):
    """Why a step is a candidate: a transition fired by a history entry, or a continuing treatment."""

    entry: int
    trigger: str
    transition: Transition | None = None


class Lead(NamedTuple):
    """A step the history leads to (or that starts the setting), or a statement beside it, with why."""

    step: Given
    kind: str
    firings: tuple[Firing, ...]


class Option(NamedTuple):
    """A step (or a statement) the sources give for the patient now."""

    step: Given
    kind: str
    rank: int
    firings: tuple[Firing, ...]
    met: tuple[str, ...]
    cautions: tuple[Statement, ...]
    support: tuple[Given, ...] = ()
    against: tuple[TreatmentStatement, ...] = ()
    again: tuple[Statement, ...] = ()
    excepted: tuple[TreatmentStatement, ...] = ()  # the same treatment's statements excepting a finding the patient has


class Exclusion(NamedTuple):
    """A step (or a treatment from the history) ruled out, with why and the quotes that say so."""

    treatment: str
    kind: str
    reason: str
    evidence: tuple[Evidence, ...]
    step: Given | None = None


class Conditional(NamedTuple):
    """A step (or a statement) that would apply if conditions the patient's state does not mention held."""

    step: Given
    missing: tuple[str, ...]


class Traversal(NamedTuple):
    """Where a history leads in a pathway: the same for every patient with that cancer, setting, history
    and trigger findings (recurrence risks)."""

    pathway: Pathway
    history: tuple[HistoryEntry, ...]
    leads: tuple[Lead, ...]
    tried: tuple[tuple[str, int], ...]
    matched: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]
    fallback: Pathway | None
    fallback_leads: tuple[Lead, ...]
    relevant: frozenset[str]
    markers: frozenset[str]
    setting_facts: frozenset[str]
    against: tuple[TreatmentStatement, ...] = ()
    general: tuple[Pathway, ...] = ()
    against_by: dict[str, tuple[TreatmentStatement, ...]] | None = None
    own: frozenset[str] = frozenset()  # the patient's own states (those of the setting and findings)


class Outcome(NamedTuple):
    """What the sources give: shared by every patient state they do not tell apart. (Not a query's
    `store.results.Result`.)"""

    pathway: Pathway
    options: tuple[Option, ...]
    excluded: tuple[Exclusion, ...]
    conditional: tuple[Conditional, ...]
    notes: tuple[str, ...]
    matched: tuple[tuple[str, ...], ...]
    fallback: Pathway | None = None
    absent: tuple[TreatmentStatement, ...] = ()
    general: tuple[Pathway, ...] = ()


class Answer(NamedTuple):
    """The reasoner's answer for one patient: the patient and the (shared, immutable) outcome.

    The outcome's fields are readable on the answer too (`answer.options`), as the renderers, the cohort
    writer and the tests read them.
    """

    patient: Patient
    outcome: Outcome

    @property
    def pathway(self) -> Pathway:
        return self.outcome.pathway

    @property
    def options(self) -> tuple[Option, ...]:
        return self.outcome.options

    @property
    def excluded(self) -> tuple[Exclusion, ...]:
        return self.outcome.excluded

    @property
    def conditional(self) -> tuple[Conditional, ...]:
        return self.outcome.conditional

    @property
    def notes(self) -> tuple[str, ...]:
        return self.outcome.notes

    @property
    def matched(self) -> tuple[tuple[str, ...], ...]:
        return self.outcome.matched

    @property
    def fallback(self) -> Pathway | None:
        return self.outcome.fallback

    @property
    def absent(self) -> tuple[TreatmentStatement, ...]:
        return self.outcome.absent

    @property
    def general(self) -> tuple[Pathway, ...]:
        return self.outcome.general
