"""Reading a phrase longer than a name: the names inside it, and the broader entity it may name.

The resolver tries these last (`Resolver.read`), after every name of the index: a phrase whose
names read as their labels ("high-dose Gleevec"), a known name inside a longer phrase ("hepatitis
B" as hepatitis), a phrase one name holds in order ("spread to only 2 sites"). Each refuses when
unsure: a word that changes the meaning, a number, another entity than the kind's qualifiers, too
many unknown words, a word of another name of the kind.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from oncokg.query import terms
from oncokg.query.index import MALIGNANT, STATE_WORDS
from oncokg.query.kinds import Found, Kind

if TYPE_CHECKING:
    from oncokg.query.resolve import Resolver

# Words that change what a finding means: a phrase holding one is never read as the finding in it.
_GUARDS = terms.keys(
    "no not non without risk low high history hx suspected suspicion possible probable family prior "
    "previous absence absent free negative rule exclude excluded unlikely concern fear "
    "prevention prophylaxis after before post pre or and with plus versus vs to from than "
    "chance likely "
)
_WIDENING = terms.keys("or more other any least") | STATE_WORDS
_KIND_KEYS = terms.keys(" ".join(terms.KIND_WORDS))  # "-based", "-containing": they only say "a kind of"


# Upper bounds that hold any smaller number: "no more than a few" holds "a few".
_BOUNDS = [terms.fold(b).split() for b in ("no more than", "at most", "up to", "not more than")]


def _without_bound(words: list[str]) -> list[str]:
    """A name's words without an upper bound ("no more than a few small liver tumours" -> "a few
    small liver tumours"): the bound widens the name, it never negates it.

    >>> _without_bound(["no", "more", "than", "few", "tumor"]), _without_bound(["no", "bleed"])
    (['few', 'tumor'], ['no', 'bleed'])
    """
    for bound in _BOUNDS:
        for at in range(len(words) - len(bound) + 1):
            if words[at : at + len(bound)] == bound:
                return words[:at] + words[at + len(bound) :]
    return words


def _in_order(tokens: list[str], words: list[str]) -> list[str] | None:
    """The words of a name besides the tokens, when the name holds all the tokens in order; else None.

    >>> _in_order(["one", "tumor"], ["one", "or", "more", "tumor"]), _in_order(["tumor", "one"], ["one", "tumor"])
    (['or', 'more'], None)
    """
    extra, at = [], 0
    for word in words:
        if at < len(tokens) and word == tokens[at]:
            at += 1
        else:
            extra.append(word)
    return extra if at == len(tokens) else None


class Phrases:
    """The phrase readings of one resolver's index."""

    def __init__(self, resolver: "Resolver"):
        self.resolver = resolver
        self.tiers = dict(resolver.tiers)
        self.words_of: dict[str, frozenset[str]] = {}  # kind -> the words of its names

    def inside(self, text: str, kind: Kind, tier: frozenset[str]) -> Found | None:
        """A phrase of three words or more that one name of the kind holds in order, with at most
        three words more that only widen it (or, more, other, a number, an upper bound, a disease
        state given in the setting): "spread to only 2 sites" is one case of the sources' "spread to
        only 1 or 2 sites", read as it, the broader one; "white blood cells" is not "low white blood
        cells"."""
        tokens = terms.fold(terms.expand(text)).split()
        if not kind.broader or len(tokens) < 3:
            return None
        hits = set()
        for key, iris in self.tiers["folded"].items():
            words = _without_bound(key.split())
            extra = _in_order(tokens, words)
            if extra is not None and len(extra) <= 3 and all(w in _WIDENING or w.isdigit() for w in extra):
                hits |= {i for i in iris if self.resolver.in_tier(i, tier)}
        if len(hits) != 1:
            return None
        return Found(next(iter(hits)), f"the broader {kind.noun} the sources name")

    def relabelled(self, tokens: list[str]) -> str | None:
        """The phrase with each name inside it replaced by its entity's label ("high-dose Gleevec" is
        "high-dose imatinib"), or None when nothing changed; a name of two entities stays as it is."""
        tiers = self.tiers
        names = {**tiers["vocabulary"], **tiers["folded"]}
        out, start, changed = [], 0, False
        while start < len(tokens):
            longest = len(tokens) - start - (1 if start == 0 else 0)
            size = next((n for n in range(longest, 0, -1) if " ".join(tokens[start : start + n]) in names), 0)
            if not size:
                out.append(tokens[start])
                start += 1
                continue
            name = " ".join(tokens[start : start + size])
            iris = names[name]
            label = terms.fold(self.resolver.labels.get(next(iter(iris)), "")) if len(iris) == 1 else ""
            changed |= bool(label) and label != name
            out.append(label or name)
            start += size
        return " ".join(out) if changed else None

    def within(self, text: str, kind: Kind, tier: frozenset[str]) -> Found | None:
        """A known name of the kind inside a longer phrase, read as that broader entity ("hepatitis B"
        as hepatitis); refused when the other words change the meaning (no, risk of, history of...),
        give a number (a dose, a size), name another entity than a qualifier of the kind (a site for
        a finding, a status for a cancer), are more than two unknown words, or when two entities'
        names are inside."""
        if not kind.broader:
            return None
        tokens = [t for t in terms.fold(terms.expand(text)).split() if t not in _KIND_KEYS]
        if len(tokens) < 2:
            return None
        spans = self.spans(tokens, tier)
        entities = {iri for _, _, iri in spans}
        if len(entities) != 1:
            return None
        covered = {n for start, end, _ in spans for n in range(start, end)}
        if {tokens[n] for n in covered} <= MALIGNANT:
            return None  # "banana cancer": a bare "cancer" is read only with an organ (query.index)
        iri = next(iter(entities))
        extra = [t for n, t in enumerate(tokens) if n not in covered]
        if any(t in _GUARDS or t[:1].isdigit() for t in extra) or not self.only_qualifiers(tokens, covered, iri, kind):
            return None
        return Found(iri, f"the broader {kind.noun} the sources name")

    def spans(self, tokens: list[str], tier: frozenset[str]) -> list[tuple[int, int, str]]:
        """The longest known names (folded, or a clinicians' word) of these classes in the tokens."""
        tiers = self.tiers
        indexes = [tiers.get("folded", {}), tiers.get("convention", {})]
        found: list[tuple[int, int, str]] = []
        for size in range(len(tokens) - 1, 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(s <= start and start + size <= e for s, e, _ in found):
                    continue
                key = " ".join(tokens[start : start + size])
                hits = {iri for index in indexes for iri in index.get(key, {}) if self.resolver.in_tier(iri, tier)}
                found += [(start, start + size, iri) for iri in sorted(hits)]
        return found

    def segments(self, tokens: list[str]) -> Iterator[tuple[int, str, set[str]]]:
        """The phrase cut into the longest known names, left to right, and the words between them
        (with no entity), each with where it starts: "platelet derived growth factor receptor alpha"
        is one name (PDGFRA)."""
        folded = self.tiers.get("folded", {})
        start = 0
        while start < len(tokens):
            size = next(
                (n for n in range(len(tokens) - start, 0, -1) if " ".join(tokens[start : start + n]) in folded), 0
            )
            key = " ".join(tokens[start : start + max(size, 1)])
            yield start, key, set(folded.get(key, {})) if size else set()
            start += max(size, 1)

    def kind_words(self, kind: Kind) -> frozenset[str]:
        """Every word of the names of a kind (remembered per kind)."""
        found = self.words_of.get(kind.name)
        if found is None:
            folded = self.tiers.get("folded", {})
            found = frozenset(
                w
                for key, iris in folded.items()
                if any(self.resolver.is_kind(i, kind) for i in iris)
                for w in key.split()
            )
            self.words_of[kind.name] = found
        return found

    def own_words(self, iri: str) -> frozenset[str]:
        """The words of an entity's own names ("tumour" of "tumour near major structures")."""
        return frozenset(w for key, iris in self.tiers["folded"].items() if iri in iris for w in key.split())

    def only_qualifiers(self, tokens: list[str], covered: set[int], iri: str, kind: Kind) -> bool:
        """Besides the entity read (the covered words), does the phrase hold only qualifiers of the
        kind and at most two words that name nothing and are no word of the kind's other names
        unless of the entity's own ("chronic", "B", "tumour" of "tumour near major structures"; not
        "intermediate", a word of "intermediate risk")?"""
        unknown = 0
        for start, key, iris in self.segments(tokens):
            if start in covered:
                continue
            if (
                iris
                and iri not in iris
                and any(not self.resolver.classes.get(i, frozenset()) & kind.qualifiers for i in iris)
            ):
                return False
            if not iris:
                if key in self.kind_words(kind) and key not in self.own_words(iri):
                    return False
                unknown += 1
        return unknown <= 2
