"""The statement model: what a sentence says about a treatment stays one node with its whole context.

A sentence about using a treatment is one ``TreatmentStatement`` node (``Recommendation`` and
``TreatmentStep`` are kinds of it, whose stance is an option); a sentence about what a treatment
brings about is one ``OutcomeStatement``. The disease, states, purpose, frequency, stance and
certainty never leave the node, so no query can recombine one sentence's treatment with another's
context. Convenience triples (``usedToTreat``, ``hasBenefit``...) are derived only from the values
whose ontology entry names a ``derivesPredicate``, and each names the statement it came from.
"""

from dataclasses import dataclass
from typing import Any

from oncokg.curation.ontology import Vocabulary
from oncokg.errors import OncoKGError


@dataclass(frozen=True)
class StatementKind:
    """How one class of statement node is read: its status property, allowed class and derived object."""

    status: str
    status_class: str
    derived_object: str
    positive: str
    default_status: str | None = None


TREATMENT = StatementKind("stance", "Stance", "forDisease", positive="option")
OPTION = StatementKind("stance", "Stance", "forDisease", positive="option", default_status="option")
OUTCOME = StatementKind("outcomeStatus", "OutcomeStatus", "hasOutcome", positive="benefit_shown")
UNCLEAR = "unclear"
STATEMENT_KINDS = {
    "TreatmentStatement": TREATMENT,
    "Recommendation": OPTION,
    "TreatmentStep": OPTION,
    "OutcomeStatement": OUTCOME,
}
TREATMENT_KEYS = ("aboutTreatment", "recommends")
VALUE_CLASSES = {"usageFrequency": "UsageFrequency", "availability": "Availability"}


def _values(node: dict[str, Any], key: str) -> list[Any]:
    value = node.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def treatment_of(node: dict[str, Any]) -> Any:
    """The treatment a statement node is about (``recommends`` on options, ``aboutTreatment`` otherwise)."""
    for key in TREATMENT_KEYS:
        if key in node:
            return node[key]
    return None


def status_of(node: dict[str, Any]) -> str | None:
    """The stance or outcome status, with the default an option-kind node has."""
    kind = STATEMENT_KINDS.get(node.get("a", ""))
    if kind is None:
        return None
    return node.get(kind.status, kind.default_status)


def check_statement(node: dict[str, Any], vocab: Vocabulary, where: str) -> None:
    """Fail on a statement node without a treatment, or with a stance, status or frequency not allowed."""
    kind = STATEMENT_KINDS.get(node.get("a", ""))
    if kind is None:
        return
    given = [key for key in TREATMENT_KEYS if key in node]
    if len(given) != 1:
        raise OncoKGError(f"{where}: a {node['a']} names its treatment once, with one of {list(TREATMENT_KEYS)}")
    if kind is OPTION and node.get("aboutTreatment") is not None:
        raise OncoKGError(f"{where}: a {node['a']} gives an option: name it with 'recommends'")
    status = status_of(node)
    allowed = vocab.allowed(kind.status_class)
    if status is None:
        raise OncoKGError(f"{where}: a {node['a']} needs '{kind.status}', one of {allowed}")
    if status not in allowed:
        raise OncoKGError(f"{where}: {kind.status} {status!r} is not allowed; use one of {allowed}")
    if kind.default_status is not None and status != kind.default_status:
        raise OncoKGError(f"{where}: a {node['a']} is an option; for stance {status!r} write a TreatmentStatement")
    for key, cls in VALUE_CLASSES.items():
        for value in _values(node, key):
            if value not in vocab.allowed(cls):
                raise OncoKGError(f"{where}: {key} {value!r} is not allowed; use one of {vocab.allowed(cls)}")


def check_not_derived(predicate: str, vocab: Vocabulary, where: str) -> None:
    """Curated triples may not state what only statements may derive (a bare usedToTreat loses its context)."""
    if predicate in set(vocab.derives.values()):
        raise OncoKGError(
            f"{where}: {predicate!r} is derived from statement nodes, never curated as a triple; "
            "write a TreatmentStatement or OutcomeStatement node with its context"
        )


def derived_triples(node: dict[str, Any], certainty: str, vocab: Vocabulary) -> list[tuple[str, str, str]]:
    """The convenience triples a statement node derives: (treatment, predicate, object) by local name.

    A positive statement the source calls unclear ("some doctors may recommend ... not yet clear how
    helpful") derives nothing: a bare usedToTreat or hasBenefit would drop the doubt.
    """
    kind = STATEMENT_KINDS.get(node.get("a", ""))
    status = status_of(node)
    if kind is None or status not in vocab.derives or (status == kind.positive and certainty == UNCLEAR):
        return []
    treatment = treatment_of(node)
    return [(treatment, vocab.derives[status], obj) for obj in _values(node, kind.derived_object)]
