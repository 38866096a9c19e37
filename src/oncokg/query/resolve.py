"""Turning what a user types into graph IRIs: the one resolver, its typed index and its messages.

Every place a name is read (catalogue parameters, `oncokg sparql`'s labels, pathway patient fields,
cohort lines, the web API and page) asks `Resolver.read(text, kind)`. The index is built once by
`oncokg build` (build/index.json: names, labels, mappings, each entity's classes and the names of
external vocabularies joined through our mappings) and read here without heavy imports.

A name is looked up in tiers, the first that answers wins: the exact name or CURIE; the folded name
(`query.terms`: spelling, plurals, hyphens...); abbreviations written out; two words in either order;
a drug's salt; a synonym from an external vocabulary; a narrower term of a vocabulary, read as the
entity it falls under; and last, a known name of the kind inside a longer phrase ("hepatitis B" as
hepatitis). Anything read otherwise than by its own name says how. Unsure means refused: a name
of two entities is ambiguous, a name of another kind says what it names, an unknown one suggests
names of the expected kind only, closest first. Resolution returns IRIs: user text never reaches
query text.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from oncokg.errors import OncoKGError
from oncokg.limits import check_name, limit
from oncokg.query import terms
from oncokg.query.index import build_tiers, variants
from oncokg.query.kinds import ANY, NAME_KINDS, Found, Kind, class_words
from oncokg.query.phrases import Phrases
from oncokg.store.results import Value
from oncokg.vocab import BASE, Compressor, own_iri

INDEX_KEYS = ("names", "labels", "mappings", "types")  # each read by vocab/rq/index-KEY.rq (the build writes them)

name_key = terms.name_key

REGIMEN = re.compile(r"\s+(?:with|plus|and|\+)\s+|\s*\+\s*", re.IGNORECASE)


def regimen_parts(text: str) -> list[str]:
    """A regimen as its sources write it, in parts: `trastuzumab with chemotherapy` -> the treatment,
    then what it is given with. A name that is no regimen is one part."""
    return [part for part in REGIMEN.split(text.strip()) if part]


KNOWN_READINGS = 4_096  # readings a Resolver remembers; all are forgotten when it is full
KNOWN_LABELS = 65_536  # label cells a Resolver remembers; all are forgotten when there are more
_NO_NAME = re.compile(r'[{}<>"\\#;=|`$]')  # characters of code, never of a name: such text is not read


@dataclass
class Resolver:
    """The typed name index of a graph and the one algorithm that reads names against it."""

    names: dict[str, set[str]]
    labels: dict[str, str]
    converter: Compressor
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    # folded key -> {IRI: how}, per tier, built once
    tiers: list[tuple[str, dict[str, dict[str, str]]]] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)  # folded key -> a name as written, for hints
    spellings: dict[str, str] = field(default_factory=dict)  # another spelling of a prefix (folded) -> ours
    # (text, kind) -> what it read as: the index never changes, and a catalogue query's parameters repeat
    _reads: dict[tuple[str, Kind], Found] = field(default_factory=dict, repr=False, compare=False)
    # the name limit, read from the environment once when the index is made: every name a cohort or
    # a query reads is checked, and reading the environment cost as much as the lookup
    max_name_chars: int = field(default_factory=lambda: limit("max_name_chars"), repr=False, compare=False)
    # (id of a catalogue query, its parameters) -> (the query, its text bound): `query.run.bound_text`
    bound_texts: dict[tuple[int, tuple], tuple[object, str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(
        cls,
        name_rows: Iterable[dict],
        label_rows: Iterable[dict],
        mapping_rows: Iterable[dict],
        prefix_map: dict[str, str],
        type_rows: Iterable[dict] = (),
        vocabulary_rows: Iterable[dict] = (),
        prefix_spellings: dict[str, str] | None = None,
    ) -> "Resolver":
        """Build from the index rows (each a dict of strings): names, labels, mappings, prefixes,
        types, the external vocabularies' names, and the other spellings of the prefixes the exports
        write (`UniProtKB` for `uniprot`), so a CURIE copied from any export reads back."""
        names: dict[str, set[str]] = {}
        name_rows = list(name_rows)
        for row in name_rows:
            names.setdefault(name_key(row["name"]), set()).add(row["s"])
        labels = {row["s"]: row["label"] for row in label_rows}
        converter = Compressor(prefix_map)
        classes: dict[str, set[str]] = {}
        for row in type_rows:
            classes.setdefault(row["s"], set()).add(row["class"].removeprefix(BASE))
        for row in mapping_rows:
            curie = converter.compress(row["o"])
            if curie:
                names.setdefault(curie.casefold(), set()).add(row["s"])
        tiers, shown = build_tiers(name_rows, names, list(vocabulary_rows))
        spellings = {other.casefold(): ours for other, ours in (prefix_spellings or {}).items()}
        return cls(names, labels, converter, {k: frozenset(v) for k, v in classes.items()}, tiers, shown, spellings)

    @classmethod
    def from_index(cls, rows: dict[str, Any]) -> "Resolver":
        """Build from the index the build wrote (build/index.json) or the index queries' rows."""
        return cls.from_rows(
            rows["names"],
            rows["labels"],
            rows["mappings"],
            rows["prefixes"],
            rows.get("types", ()),
            rows.get("vocabulary", ()),
            rows.get("prefix_spellings"),
        )

    def label(self, iri: str) -> str:
        """The preferred label of an IRI; a mapped identifier as a CURIE (`mesh:D000068877`); else its local name."""
        label = self.labels.get(iri)
        if label:
            return label
        if not iri.startswith(BASE):
            curie = self.converter.compress(iri)
            if curie:
                return curie
        return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    @cached_property
    def label_cells(self) -> "LabelCells":
        """The ?xLabel cell of each answer cell, remembered (`LabelCells`)."""
        return LabelCells(self)

    def is_kind(self, iri: str, kind: Kind) -> bool:
        """Is the entity of this kind (any of its classes)? Without a typed index, any entity is."""
        if not kind.classes or not self.classes:
            return True
        return bool(self.classes.get(iri, frozenset()) & kind.classes)

    def resolve(self, text: str, what: str | Kind = "name") -> str:
        """The one entity IRI that a name reads as (see `read`)."""
        return self.read(text, what).iri

    def read(self, text: str, what: str | Kind = "name") -> Found:
        """The one entity of the expected kind that a text names, and how it was read; else a one-line
        error: ambiguous, of another kind, or unknown with names of the kind closest first."""
        kind = what if isinstance(what, Kind) else NAME_KINDS.get(what) or Kind(what, ())
        found = self._reads.get((text, kind)) if isinstance(text, str) else None
        if found is not None:  # read before, so it passed the checks below (the limit is the resolver's)
            return found
        if not isinstance(text, str) or not text.strip():
            raise OncoKGError(f"expected {kind.article} name as text, got {text!r}")
        check_name(text, f"unknown {kind.name}", self.max_name_chars)
        code = _NO_NAME.search(text)
        if code:
            raise OncoKGError(f"unknown {kind.name} {text.strip()!r}: no name holds {code.group()!r}")
        found = self._read(text, kind)
        if len(self._reads) >= KNOWN_READINGS:
            self._reads.clear()
        self._reads[text, kind] = found
        return found

    def _read(self, text: str, kind: Kind) -> Found:
        text = self.own_spelling(text)
        curie = self._curie(text, kind)
        if curie:
            return curie
        for tier in kind.tiers or (ANY,):
            found = self._lookup(text, kind, tier)
            if found:
                return found
        self._refuse(text, kind)
        raise AssertionError("unreachable")

    def own_spelling(self, text: str) -> str:
        """A CURIE with another export's spelling of a prefix (`UniProtKB:P10721`) in the graph's (`uniprot:`)."""
        prefix, sep, local = text.strip().partition(":")
        ours = self.spellings.get(prefix.casefold()) if sep else None
        return f"{ours}:{local}" if ours else text

    def _curie(self, text: str, kind: Kind) -> Found | None:
        """`oncokg:LOCAL` names the entity itself, when it is one of the kind."""
        iri = own_iri(text)
        if iri is None:
            return None
        if iri in self.labels and (iri not in self.classes or self.is_kind(iri, kind)):
            return Found(iri)
        return None

    def _lookup(self, text: str, kind: Kind, tier: frozenset[str]) -> Found | None:
        """The first index tier where the text names entities of these classes; two is ambiguous."""
        tiers = dict(self.tiers)
        for tier_name, key, how in variants(text, kind.name):
            hits = {iri: said or how for iri, said in tiers[tier_name].get(key, {}).items() if self.in_tier(iri, tier)}
            if hits:
                if len(hits) > 1:
                    self._ambiguous(text, kind, hits)
                return Found(*next(iter(hits.items())))
        relabelled = self.phrases.relabelled(terms.fold(terms.expand(text)).split())
        named = {i for i in tiers["folded"].get(relabelled or "", {}) if self.in_tier(i, tier)}
        if len(named) == 1:
            return Found(next(iter(named)), "with the names inside it read as the graph's")
        return self.phrases.within(text, kind, tier) or self.phrases.inside(text, kind, tier)

    @cached_property
    def phrases(self) -> Phrases:
        """The readings of a phrase longer than a name (query.phrases), built on first use."""
        return Phrases(self)

    def in_tier(self, iri: str, tier: frozenset[str]) -> bool:
        """Is the entity of one of these classes (any, when the tier or the typed index is empty)?"""
        return not tier or not self.classes or bool(self.classes.get(iri, frozenset()) & tier)

    def _ambiguous(self, text: str, kind: Kind, hits: Iterable[str]) -> None:
        options = ", ".join(sorted(f"{self.label(h)} (oncokg:{h.removeprefix(BASE)})" for h in hits))
        raise OncoKGError(f"{kind.name} {text!r} is ambiguous: it names {options}; use a CURIE")

    def _refuse(self, text: str, kind: Kind) -> None:
        """The one-line error of a name not read: of another kind, or unknown with hints of the kind."""
        try:
            other = self._lookup(text, ANY_KIND, ANY) if kind.classes else None
        except OncoKGError:
            raise OncoKGError(f"{text.strip()!r} names more than one entity, none of them {kind.article}") from None
        if other:
            what = class_words(self.classes.get(other.iri, frozenset()), self.labels)
            raise OncoKGError(f"{text.strip()!r} names {self.label(other.iri)}, {what}, not {kind.article}")
        close = self.close_names(terms.fold(text), kind)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise OncoKGError(f"unknown {kind.name} {text.strip()!r}{hint}")

    def close_names(self, key: str, kind: Kind | None = None, n: int = 4) -> list[str]:
        """Known names of the kind close to a mistyped one, closest first (the hint of an unknown name)."""
        folded = dict(self.tiers).get("folded", {})
        known = [k for k, iris in folded.items() if kind is None or any(self.is_kind(i, kind) for i in iris)]
        close = difflib.get_close_matches(key, known, n=n, cutoff=0.6) if len(key) <= self.max_name_chars else []
        return [self.shown.get(c, c) for c in close]

    def suggest(self, text: str, n: int = 10, kind: Kind | None = None) -> list[tuple[str, str]]:
        """(name, IRI) pairs a user may mean while typing: names that start with the text, then
        the close names of an unknown one (for a form's autocompletion)."""
        key = name_key(text)
        if not key:
            return []
        starting = sorted(name for name in self.names if name.startswith(key))
        if kind is not None:
            starting = [s for s in starting if any(self.is_kind(i, kind) for i in self.names[s])]
        close = [name_key(c) for c in self.close_names(terms.fold(text), kind, n)]
        names = starting[:n] + [c for c in close if c not in starting and c in self.names][: max(0, n - len(starting))]
        return [(name, iri) for name in names for iri in sorted(self.names[name])]


ANY_KIND = Kind("name", ())


class LabelCells(dict):
    """The ?xLabel cell of each answer cell: an IRI's label (`Resolver.label`), a literal's text, a
    blank node as ``_:id``; None for an unbound cell. Made once per cell on first sight
    (`__missing__`), then looked up by the dictionary itself: the cells of an answer are the
    backend's shared `Value`s, and the same IRIs come back down a column and from one answer to
    the next (labelling each answer anew took 11-18 us of drug-classes' 0.25 ms, now 7)."""

    def __init__(self, resolver: Resolver):
        super().__init__()
        self.resolver = resolver

    def __missing__(self, cell: Value | None) -> Value | None:
        if len(self) >= KNOWN_LABELS:
            self.clear()
        if cell is None:
            label = None
        elif cell.kind == "iri":
            label = Value("literal", self.resolver.label(cell.value))
        else:
            label = Value("literal", cell.value if cell.kind == "literal" else "_:" + cell.value)
        self[cell] = label
        return label
