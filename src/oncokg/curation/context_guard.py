"""The guard that reads the quote: ConText (medspacy) checks each fact's stance and certainty.

A curator can turn "rarely used" into a use, or "not clear if it helps" into a benefit, by
mistake. The build reads every quote with medspacy's ConText (its default negation and hedging
rules plus the project's rules in ``data/context/rules.yaml``) and compares what it reads with the
fact: an option whose quote says "rarely used", a benefit whose quote says "not clear", a
contraindication or an established fact whose quote hedges. A disagreement stops the build unless
the fact gives an ``override`` with the curator's reason; the cues read are kept on the evidence.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oncokg.curation.statements import STATEMENT_KINDS, status_of
from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError

if TYPE_CHECKING:
    from oncokg.curation.facts import Fact

RULES_FILE = Path("context") / "rules.yaml"
_RULE_KEYS = {"literal", "category", "direction", "pattern", "example"}


@dataclass(frozen=True)
class Rules:
    """The project's ConText rules and what each stance, status and certainty expects of a quote."""

    rules: list[dict[str, Any]]
    stance: dict[str, frozenset[str]]
    not_an_option: frozenset[str]
    outcome_status: dict[str, frozenset[str]]
    not_shown: frozenset[str]
    hedge: frozenset[str]
    established_excludes: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> "Rules":
        raw = load_yaml(path, "ConText rules")
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("rules"), list)
            or not isinstance(raw.get("readings"), dict)
        ):
            raise OncoKGError(f"{path}: expected 'rules' (a list) and 'readings' (a mapping)")
        for n, rule in enumerate(raw["rules"], 1):
            if (
                not isinstance(rule, dict)
                or set(rule) - _RULE_KEYS
                or not {"literal", "category", "example"} <= set(rule)
            ):
                raise OncoKGError(
                    f"{path}: rule #{n} needs 'literal', 'category' and 'example' (allowed keys {sorted(_RULE_KEYS)})"
                )
        readings = raw["readings"]

        def group(key: str) -> frozenset[str]:
            return frozenset(readings.get(key) or ())

        def table(key: str) -> dict[str, frozenset[str]]:
            return {k: frozenset(v) for k, v in (readings.get(key) or {}).items()}

        return cls(
            raw["rules"],
            table("stance"),
            group("not_an_option"),
            table("outcomeStatus"),
            group("not_shown"),
            group("hedge"),
            group("established_excludes"),
        )


class QuoteReader:
    """medspacy ConText on a blank English pipeline: each quote is one target, its modifiers the cues."""

    def __init__(self, rules: Rules):
        import spacy
        from medspacy.context import ConText, ConTextRule

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.context = ConText(self.nlp, rules="default")
        self.context.add(
            [
                ConTextRule(
                    r["literal"],
                    r["category"],
                    direction=r.get("direction", "BIDIRECTIONAL"),
                    pattern=r.get("pattern"),
                    metadata={"example": r["example"]},
                )
                for r in rules.rules
            ]
        )
        self.read = lru_cache(maxsize=None)(self._read)

    def _read(self, text: str) -> tuple[tuple[str, str], ...]:
        """The (category, cue text) pairs ConText attaches to the quote as a whole, its whitespace made
        plain: a page's no-break space ("a\u00a0clinical trial") is a space to a reader, and a cue's
        phrase rule matches only a space."""
        from spacy.tokens import Span

        doc = self.nlp(" ".join(text.split()))
        if not len(doc):
            return ()
        doc.ents = [Span(doc, 0, len(doc), label="STATEMENT")]
        doc = self.context(doc)
        cues = {(m.category, doc[m.modifier_span[0] : m.modifier_span[1]].text) for m in doc._.context_graph.modifiers}
        return tuple(sorted(cues))


def _disagreement(fact: "Fact", categories: frozenset[str], rules: Rules) -> str | None:
    """What is wrong with the fact given the categories read from its quotes, or None."""
    if fact.node is not None and fact.node.get("a") in STATEMENT_KINDS:
        kind = STATEMENT_KINDS[fact.node["a"]]
        status = status_of(fact.node)
        if kind.status == "stance":
            if status == "option" and categories & rules.not_an_option:
                return f"stance 'option', but the quote says {sorted(categories & rules.not_an_option)}"
            expected = rules.stance.get(status or "")
            if expected and not categories & expected:
                return f"stance {status!r}, but the quote shows none of {sorted(expected)}"
        else:
            if status == "benefit_shown" and categories & rules.not_shown:
                return f"outcome status 'benefit_shown', but the quote says {sorted(categories & rules.not_shown)}"
            expected = rules.outcome_status.get(status or "")
            if expected and not categories & expected:
                return f"outcome status {status!r}, but the quote shows none of {sorted(expected)}"
    if any(p == "contraindicatedIn" for _, p, _ in fact.triples) and categories & rules.hedge:
        return f"a contraindication from a hedged quote ({sorted(categories & rules.hedge)}): use cautionIn"
    if fact.certainty == "established" and categories & rules.established_excludes:
        return f"certainty 'established', but the quote hedges ({sorted(categories & rules.established_excludes)})"
    return None


def disagreements(facts: list["Fact"], rules_path: Path) -> list[tuple["Fact", str]]:
    """Read every quote, record its cues on the fact, and list each fact whose quote disagrees with it."""
    rules = Rules.load(rules_path)
    reader = QuoteReader(rules)
    found = []
    for fact in facts:
        fact.cues = [reader.read(q.text) for q in fact.quotes]
        categories = frozenset(category for cues in fact.cues for category, _ in cues)
        problem = _disagreement(fact, categories, rules)
        if problem is not None:
            read = ", ".join(f"{c} {t!r}" for cues in fact.cues for c, t in cues) or "no cue"
            found.append((fact, f"{problem} (quote {fact.quotes[0].text[:80]!r}; ConText read: {read})"))
    return found


def guard(facts: list["Fact"], rules_path: Path) -> int:
    """Fail on the first disagreement the curator has not overridden; return how many are overridden."""
    found = disagreements(facts, rules_path)
    for fact, problem in found:
        if fact.override is None:
            raise OncoKGError(f"{fact.where}: {problem}; fix the fact or give 'override: <reason>'")
    return len(found)
