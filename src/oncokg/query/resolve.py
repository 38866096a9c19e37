"""Turning what a user types into graph IRIs: labels, synonyms, brand names, CURIEs, mapped CURIEs.

Matching is case-insensitive. A name that fits two entities is an error listing them; an unknown
name is an error with the closest known names. Resolution returns IRIs only: user text never
reaches query text.
"""

import difflib
import re
from dataclasses import dataclass

from oncokg.errors import OncoKGError
from oncokg.vocab import BASE, Compressor

_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT ?s ?name ?preferred WHERE {
  ?s a oncokg:Entity .
  { ?s rdfs:label ?name BIND(true AS ?preferred) }
  UNION { ?s skos:altLabel ?name BIND(false AS ?preferred) }
  UNION { ?s oncokg:brandName ?name BIND(false AS ?preferred) }
}
"""
_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?label WHERE {
  { ?s rdfs:label ?label } UNION { ?s dcterms:title ?label }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/oncokg/"))
}
"""
_MAPPINGS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oncokg: <https://w3id.org/oncokg/>
SELECT DISTINCT ?s ?o WHERE {
  VALUES ?p { skos:exactMatch skos:closeMatch }
  ?s a oncokg:Entity .
  { ?s ?p ?o } UNION { ?axiom owl:annotatedSource ?s ; owl:annotatedProperty ?p ; owl:annotatedTarget ?o }
}
"""


_MARKS = str.maketrans("", "", "®™©")


def name_key(text: str) -> str:
    """How names are matched: any case, trademark signs ignored (the sources write Herceptin®)."""
    return " ".join(text.translate(_MARKS).split()).casefold()


# British and American spellings of the same words: the labels are British, the sources American.
SPELLINGS = (
    ("tumour", "tumor"),
    ("oesophag", "esophag"),
    ("diarrhoea", "diarrhea"),
    ("oedema", "edema"),
    ("anaemia", "anemia"),
    ("haemorrhag", "hemorrhag"),
    ("haematolog", "hematolog"),
    ("leukaemia", "leukemia"),
    ("centimetre", "centimeter"),
    ("oestrogen", "estrogen"),
    ("localis", "localiz"),
    ("metastasised", "metastasized"),
)


REGIMEN = re.compile(r"\s+(?:with|plus|and|\+)\s+|\s*\+\s*", re.IGNORECASE)


def regimen_parts(text: str) -> list[str]:
    """A regimen as its sources write it, in parts: `trastuzumab with chemotherapy` -> the treatment,
    then what it is given with. A name that is no regimen is one part."""
    return [part for part in REGIMEN.split(text.strip()) if part]


def spelling_variants(key: str) -> set[str]:
    """The other spellings of a name key (each pair swapped both ways)."""
    variants = set()
    for british, american in SPELLINGS:
        if british in key:
            variants.add(key.replace(british, american))
        if american in key:
            variants.add(key.replace(american, british))
    return variants - {key}


@dataclass
class Resolver:
    """Name and label indexes of a graph, built once from any store backend."""

    names: dict[str, set[str]]
    labels: dict[str, str]
    converter: Compressor

    @classmethod
    def from_rows(cls, name_rows, label_rows, mapping_rows, prefix_map: dict[str, str]) -> "Resolver":
        """Build from the rows of the three index queries (each row a dict of strings)."""
        names: dict[str, set[str]] = {}
        for row in name_rows:
            names.setdefault(name_key(row["name"]), set()).add(row["s"])
        for key, iris in list(names.items()):
            for variant in spelling_variants(key):  # a set minus dict keys would copy every key: quadratic
                if variant not in names:
                    names[variant] = set(iris)
        labels = {row["s"]: row["label"] for row in label_rows}
        converter = Compressor(prefix_map)
        for row in mapping_rows:
            curie = converter.compress(row["o"])
            if curie:
                names.setdefault(curie.casefold(), set()).add(row["s"])
        return cls(names, labels, converter)

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

    def resolve(self, text: str, what: str = "name") -> str:
        """The one entity IRI that a label, synonym, brand name or CURIE names."""
        key = name_key(text)
        if key.startswith("oncokg:"):
            iri = BASE + text.strip()[len("oncokg:") :]
            if iri in self.labels:
                return iri
        hits = self.names.get(key, set())
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            options = ", ".join(sorted(f"{self.label(h)} (oncokg:{h[len(BASE) :]})" for h in hits))
            raise OncoKGError(f"{what} {text!r} is ambiguous: it names {options}; use a CURIE")
        close = self.close_names(key)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        shown = repr(text) if len(text) <= _LONGEST_NAME else f"{text[:60]!r}... ({len(text):,} characters)"
        raise OncoKGError(f"unknown {what} {shown}{hint}")

    def close_names(self, key: str, n: int = 5) -> list[str]:
        """Known names (case-folded) close to a mistyped one: the hint of an unknown name."""
        return difflib.get_close_matches(key, self.names, n=n, cutoff=0.6) if len(key) <= _LONGEST_NAME else []

    def suggest(self, text: str, n: int = 10) -> list[tuple[str, str]]:
        """(name, IRI) pairs a user may mean while typing: names that start with the text, then
        the close names of an unknown one (for a form's autocompletion)."""
        key = text.strip().casefold()
        if not key:
            return []
        starting = sorted(name for name in self.names if name.startswith(key))
        names = starting[:n] + [c for c in self.close_names(key, n) if c not in starting][: max(0, n - len(starting))]
        return [(name, iri) for name in names for iri in sorted(self.names[name])]


_LONGEST_NAME = 200  # longer text is no name: not compared with every name, not echoed whole

INDEX_QUERIES = {"names": _NAMES, "labels": _LABELS, "mappings": _MAPPINGS}
