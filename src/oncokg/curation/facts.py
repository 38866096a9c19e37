"""Curated facts (data/facts/*.yaml): reading them and checking them against the ontology and sources.

A fact file holds the facts of one source document. Each fact has an id, one or more verbatim
quotes with their offsets, a certainty, and either ``triples`` (subject, predicate, object by
ontology local name) or a ``node`` (an n-ary recommendation, pathway, step or transition).
A checked `FactSet` is what the build turns into RDF (`oncokg.curation.fact_rdf`) and what the
coverage report counts; nothing here writes a triple.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from oncokg.curation.context_guard import RULES_FILE, guard
from oncokg.curation.drafts import refuse_drafts
from oncokg.curation.ontology import Vocabulary
from oncokg.curation.provenance import locate_all, verify
from oncokg.curation.sources import SCOPE_KEYS, Scope, Source
from oncokg.curation.statements import check_not_derived, check_statement
from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError

CERTAINTIES = ("established", "hedged", "unclear")
QUALIFIERS = {
    "frequency": "object",
    "severity": "object",
    "proportion": "literal",
    "lowerPercent": "literal",
    "upperPercent": "literal",
    "note": "literal",
    "riskHigherWhen": "object",
    "lessenedWhen": "object",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FACT_KEYS = {"id", "quote", "at", "certainty", "triples", "node", "qualifiers", "override", "own_scope"}
SCOPED_KINDS = ("TreatmentStatement", "Recommendation", "OutcomeStatement")  # a step takes its pathway's scope
_FILE_KEYS = {"source", "facts", "non_medical"}


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a source: the text and its [start, end) offsets."""

    text: str
    start: int
    end: int


@dataclass
class Fact:
    """One curated fact, as read from a fact file."""

    id: str
    source: str
    file: Path
    quotes: list[Quote]
    certainty: str
    triples: list[tuple[str, str, Any]] = field(default_factory=list)
    node: dict[str, Any] | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    override: str | None = None
    own_scope: str | None = None  # why the statement does not inherit its document's or section's scope
    cues: list[tuple[tuple[str, str], ...]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file}: fact {self.id!r}"


@dataclass(frozen=True)
class NonMedicalSpan:
    """A span of a source marked as not medical content (navigation, trivia, comments...)."""

    source: str
    quote: Quote
    reason: str


@dataclass
class FactSet:
    """All curated facts and non-medical spans, checked."""

    facts: list[Fact]
    non_medical: list[NonMedicalSpan]
    overrides: int = 0

    def by_source(self, source_id: str) -> list[Fact]:
        return [f for f in self.facts if f.source == source_id]


def _quotes(raw: dict, where: str) -> list[Quote]:
    """Quotes and offsets: a string with [start, end], or lists of both."""
    quote, at = raw.get("quote"), raw.get("at")
    if isinstance(quote, str):
        quote, at = [quote], [at]
    if not isinstance(quote, list) or not quote or not isinstance(at, list) or len(at) != len(quote):
        raise OncoKGError(f"{where}: needs 'quote' and 'at' ([start, end]), one 'at' per quote")
    quotes = []
    for text, span in zip(quote, at, strict=True):
        if not (
            isinstance(text, str)
            and isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
        ):
            raise OncoKGError(f"{where}: each quote is a string with 'at: [start, end]' integers")
        if not text.strip():
            raise OncoKGError(f"{where}: a quote is empty or only whitespace")
        quotes.append(Quote(text, span[0], span[1]))
    return quotes


def _check_quote(quote: Quote, source: Source, where: str) -> None:
    """Fail unless the quote is at its offsets; suggest the right offsets when it is elsewhere."""
    if verify(source.text, quote.text, quote.start, quote.end):
        return
    spans = locate_all(source.text, quote.text)
    hint = f"; it occurs at {[list(s) for s in spans]}" if spans else "; it does not occur in the text"
    raise OncoKGError(
        f"{where}: quote {quote.text[:60]!r} is not at [{quote.start}, {quote.end}] of {source.file}{hint}"
    )


def checked_quotes(raw: dict, source: Source, where: str) -> list[Quote]:
    """An entry's quotes, each checked at its offsets of the source's text."""
    quotes = _quotes(raw, where)
    for quote in quotes:
        _check_quote(quote, source, where)
    return quotes


def _parse_fact(raw: Any, source_id: str, path: Path, n: int) -> Fact:
    where = f"{path}: fact #{n}"
    if not isinstance(raw, dict):
        raise OncoKGError(f"{where}: expected a mapping")
    fact_id = raw.get("id")
    if not isinstance(fact_id, str) or not _ID.match(fact_id):
        raise OncoKGError(f"{where}: 'id' must be lower-case kebab-case (got {fact_id!r})")
    where = f"{path}: fact {fact_id!r}"
    unknown = sorted(set(raw) - _FACT_KEYS)
    if unknown:
        raise OncoKGError(f"{where}: unknown keys {unknown}; allowed {sorted(_FACT_KEYS)}")
    certainty = raw.get("certainty")
    if certainty not in CERTAINTIES:
        raise OncoKGError(f"{where}: certainty must be one of {list(CERTAINTIES)} (got {certainty!r})")
    triples, node = raw.get("triples"), raw.get("node")
    if (triples is None) == (node is None):
        raise OncoKGError(f"{where}: give exactly one of 'triples' or 'node'")
    if triples is not None:
        if (
            not isinstance(triples, list)
            or not triples
            or not all(isinstance(t, list) and len(t) == 3 for t in triples)
        ):
            raise OncoKGError(f"{where}: 'triples' is a list of [subject, predicate, object]")
        triples = [tuple(t) for t in triples]
    if node is not None and (not isinstance(node, dict) or "a" not in node):
        raise OncoKGError(f"{where}: 'node' is a mapping with at least 'a: ClassName'")
    qualifiers = raw.get("qualifiers") or {}
    if not isinstance(qualifiers, dict) or set(qualifiers) - set(QUALIFIERS):
        raise OncoKGError(f"{where}: qualifiers must be among {sorted(QUALIFIERS)}")
    override = raw.get("override")
    if override is not None and not (isinstance(override, str) and override.strip()):
        raise OncoKGError(f"{where}: 'override' is the curator's reason, a non-empty string")
    own_scope = raw.get("own_scope")
    if own_scope is not None and not (isinstance(own_scope, str) and own_scope.strip() and node is not None):
        raise OncoKGError(f"{where}: 'own_scope' is why a statement node does not inherit its section's scope")
    return Fact(
        fact_id, source_id, path, _quotes(raw, where), certainty, triples or [], node, qualifiers, override, own_scope
    )


def load_fact_file(path: Path, sources: dict[str, Source]) -> tuple[list[Fact], list[NonMedicalSpan]]:
    """Read one fact file and check its quotes against its source."""
    raw = load_yaml(path, "fact file")
    refuse_drafts(raw, path)
    if not isinstance(raw, dict) or set(raw) - _FILE_KEYS or "source" not in raw:
        raise OncoKGError(f"{path}: expected top-level keys 'source', 'facts' and optionally 'non_medical'")
    source_id = raw["source"]
    if not isinstance(source_id, str) or source_id not in sources:
        raise OncoKGError(f"{path}: unknown source id {source_id!r}; known: {sorted(sources)}")
    source = sources[source_id]
    if not isinstance(raw.get("facts") or [], list) or not isinstance(raw.get("non_medical") or [], list):
        raise OncoKGError(f"{path}: 'facts' and 'non_medical' are lists")
    facts = [_parse_fact(item, source_id, path, n) for n, item in enumerate(raw.get("facts") or [], 1)]
    for fact in facts:
        for quote in fact.quotes:
            _check_quote(quote, source, fact.where)
    spans = []
    for n, item in enumerate(raw.get("non_medical") or [], 1):
        where = f"{path}: non_medical #{n}"
        if not isinstance(item, dict) or not item.get("reason"):
            raise OncoKGError(f"{where}: needs 'quote', 'at' and 'reason'")
        spans += [NonMedicalSpan(source_id, quote, item["reason"]) for quote in checked_quotes(item, source, where)]
    return facts, spans


def fact_paths(facts_dir: Path) -> list[Path]:
    """Every fact file of the folder (a draft file among them, which the build refuses)."""
    return sorted(facts_dir.glob("*.yaml"))


def load_facts(
    facts_dir: Path, sources: dict[str, Source], vocab: Vocabulary, files: list[Path] | None = None
) -> FactSet:
    """Read every fact file (or only the given ones), then check ids, names and duplicates."""
    files = files if files is not None else fact_paths(facts_dir)
    if not files:
        raise OncoKGError(f"{facts_dir}: no fact files (*.yaml)")
    facts: list[Fact] = []
    spans: list[NonMedicalSpan] = []
    for path in files:
        file_facts, file_spans = load_fact_file(path, sources)
        facts += file_facts
        spans += file_spans
    FactChecker(vocab, facts).check()
    check_scopes(sources, vocab)
    overrides = guard(facts, facts_dir.parent / RULES_FILE)
    return FactSet(facts, spans, overrides)


def check_scopes(sources: dict[str, Source], vocab: Vocabulary) -> None:
    """Every name a document or section scope gives is an entity of the ontology."""
    for source in sources.values():
        for scope in ([source.scope] if source.scope else []) + list(source.sections):
            for key, names in scope.values.items():
                unknown = [n for n in names if n not in vocab.entities]
                if unknown:
                    raise OncoKGError(
                        f"sources.yaml: scope {scope.id!r}: {key} names {unknown}, unknown to the ontology"
                    )


def inherited(fact: Fact, source: Source) -> tuple[Scope | None, dict[str, tuple[str, ...]]]:
    """The scope a statement node inherits and the values it takes from it: each scope property the node
    does not give itself (a statement that names its own disease or state says otherwise)."""
    node = fact.node or {}
    if node.get("a") not in SCOPED_KINDS or fact.own_scope is not None:
        return None, {}
    scope = source.scope_at(fact.quotes[0].start)
    if scope is None:
        return None, {}
    return scope, {k: v for k, v in scope.values.items() if k in SCOPE_KEYS and node.get(k) is None}


class FactChecker:
    """Cross-file checks: unique ids, known names, no statement twice from one source, node references.

    The same statement from two sources is not a duplicate: each source's evidence is kept.
    """

    def __init__(self, vocab: Vocabulary, facts: list[Fact]):
        self.vocab = vocab
        self.facts = facts
        self.node_ids = {f.id for f in facts if f.node is not None}

    def check(self) -> None:
        seen_ids: dict[str, Fact] = {}
        seen_triples: dict[tuple, Fact] = {}
        for fact in self.facts:
            if fact.id in seen_ids:
                raise OncoKGError(f"{fact.where}: duplicate fact id (also in {seen_ids[fact.id].file})")
            seen_ids[fact.id] = fact
            if fact.id in self.vocab.entities:
                raise OncoKGError(f"{fact.where}: fact id clashes with an ontology entity name")
            for key, value in fact.qualifiers.items():
                if QUALIFIERS[key] == "object":
                    self.entity(value, fact, f"qualifier {key}")
            for s, p, o in fact.triples:
                self.triple(s, p, o, fact)
                triple = (fact.source, s, p, o, tuple(sorted(fact.qualifiers.items())))
                if triple in seen_triples:
                    raise OncoKGError(
                        f"{fact.where}: duplicate of fact {seen_triples[triple].id!r} ({s} {p} {o}); "
                        "add this quote to that fact instead"
                    )
                seen_triples[triple] = fact
            if fact.node is not None:
                self.node(fact)

    def entity(self, name: Any, fact: Fact, what: str) -> None:
        if not isinstance(name, str) or (name not in self.vocab.entities and name not in self.node_ids):
            raise OncoKGError(f"{fact.where}: {what} names {name!r}, which the ontology does not know")

    def predicate(self, name: Any, fact: Fact) -> None:
        if name != "a" and name not in self.vocab.object_properties and name not in self.vocab.datatype_properties:
            raise OncoKGError(f"{fact.where}: unknown predicate {name!r}")

    def triple(self, s: Any, p: Any, o: Any, fact: Fact) -> None:
        self.entity(s, fact, "subject")
        self.predicate(p, fact)
        check_not_derived(p, self.vocab, fact.where)
        if p == "a":
            if o not in self.vocab.classes:
                raise OncoKGError(f"{fact.where}: unknown class {o!r}")
        elif p in self.vocab.object_properties:
            self.entity(o, fact, f"object of {p}")
        elif not isinstance(o, (str, int, float, date)):
            raise OncoKGError(
                f"{fact.where}: the object of {p} is a {type(o).__name__}; a literal is a string, number or date"
            )

    def node(self, fact: Fact) -> None:
        node = fact.node or {}
        if node["a"] not in self.vocab.classes:
            raise OncoKGError(f"{fact.where}: unknown class {node['a']!r}")
        check_statement(node, self.vocab, fact.where)
        for key, value in node.items():
            if key == "a":
                continue
            self.predicate(key, fact)
            if key in self.vocab.object_properties:
                for item in value if isinstance(value, list) else [value]:
                    self.entity(item, fact, f"node property {key}")
