"""One converter for every external identifier: which IRI a CURIE stands for, how Biolink spells it, what it may look like.

The prefix table (data/mappings/prefixes.tsv) is vendored from Bioregistry so the build stays
offline; `python -m oncokg.vocab.identifiers` regenerates it. Its rule, applied once here and used by the
mappings, every RDF/OWL/JSON-LD export, SSSOM and KGX: an OBO Foundry ontology expands to its OBO
PURL; any other vocabulary to Bioregistry's RDF URI prefix (the IRIs its own RDF uses, e.g.
``http://id.nlm.nih.gov/mesh/``; a BioPortal namespace only under the vocabulary's own BioPortal
acronym: Bioregistry gives MedDRA the French edition's ``MDRFRE``); a vocabulary without RDF expands
to Bioregistry's own resolvable IRI (``https://bioregistry.io/hgnc:3430``), never to a web or search
page (a provider's page changes; Bioregistry's IRI redirects to the current one).
The ``biolink`` column is the prefix as the Biolink Model's prefix map spells it (``MESH``,
``UniProtKB``), empty where Biolink has none. Each local id must match Bioregistry's pattern, so a
typo such as ``NCIT:62035`` is caught before anything is written.
"""

import csv
import re
import sys
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import curies
from rdflib import URIRef

from oncokg.errors import OncoKGError
from oncokg.limits import read_commented_tsv
from oncokg.vocab.rdf import PREFIXES

TABLE = "prefixes.tsv"
COLUMNS = ("prefix", "uri_prefix", "rule", "biolink", "pattern")
OBO_PURL = "http://purl.obolibrary.org/obo/"
RESOLVER = "https://bioregistry.io/"
BIOPORTAL_PURL = "http://purl.bioontology.org/ontology/"


@dataclass(frozen=True)
class Prefix:
    """One external vocabulary: its CURIE prefix, the IRI prefix it expands to (and by which rule), its Biolink
    spelling and its local-id pattern."""

    prefix: str
    uri_prefix: str
    rule: str
    biolink: str
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern | None:
        return re.compile(self.pattern) if self.pattern else None


@dataclass(frozen=True)
class Identifiers:
    """The project's prefix table with its own namespaces on top, as one curies converter."""

    path: Path
    prefixes: dict[str, Prefix]

    @cached_property
    def converter(self) -> curies.Converter:
        table = {p.prefix: p.uri_prefix for p in self.prefixes.values()}
        return curies.Converter.from_prefix_map({**table, **PREFIXES})

    def problem(self, curie: str) -> str | None:
        """Why a CURIE is not a valid external or project identifier, or None when it is."""
        prefix, sep, local = curie.partition(":")
        if not sep or not prefix or not local:
            return f"{curie!r} is not a CURIE (PREFIX:ID)"
        if prefix in PREFIXES:
            return None
        known = self.prefixes.get(prefix)
        if known is None:
            return f"{curie!r} has a prefix that the project's prefix map ({self.path.name}) does not know"
        if known.regex is not None and not known.regex.fullmatch(local):
            return f"{curie!r} is not a valid {prefix} identifier (Bioregistry pattern {known.pattern})"
        return None

    def expand(self, curie: str, where: str) -> URIRef:
        """The IRI of a valid CURIE; otherwise an error naming `where`."""
        problem = self.problem(curie)
        if problem:
            raise OncoKGError(f"{where}: {problem}")
        return URIRef(self.converter.expand(curie))

    def compress(self, iri) -> str:
        """The CURIE of an IRI that a prefix covers, else the IRI itself."""
        return self.converter.compress(str(iri)) or str(iri)

    def spellings(self) -> dict[str, str]:
        """Each other spelling of a prefix that the exports write (Biolink's, in KGX) -> the project's prefix,
        where the two differ beyond case: the resolver reads `UniProtKB:P10721` as `uniprot:P10721`."""
        return {
            p.biolink: p.prefix for p in self.prefixes.values() if p.biolink.casefold() not in ("", p.prefix.casefold())
        }

    def biolink_curie(self, curie: str) -> str:
        """The CURIE with its prefix spelt as Biolink spells it (``mesh:D1`` -> ``MESH:D1``)."""
        prefix, sep, local = curie.partition(":")
        known = self.prefixes.get(prefix)
        return f"{known.biolink}{sep}{local}" if known and known.biolink else curie


def read_table(path: Path) -> dict[str, Prefix]:
    """The prefix table; errors name the file and row."""
    table = read_commented_tsv(path, "prefix table")
    if tuple(table.columns) != COLUMNS:
        raise OncoKGError(f"{path}: expected the columns {', '.join(COLUMNS)}")
    prefixes = {}
    for n, row in enumerate(table.rows, 2):
        if not row["prefix"] or not row["uri_prefix"] or row["prefix"] in prefixes:
            raise OncoKGError(f"{path}: row {n}: a prefix and its URI prefix, each prefix once")
        prefixes[row["prefix"]] = Prefix(**{c: row[c] or "" for c in COLUMNS})
    return prefixes


@cache
def load_identifiers(mappings_dir: Path) -> Identifiers:
    """The converter of a project's mappings folder (read once per folder)."""
    path = Path(mappings_dir) / TABLE
    return Identifiers(path, read_table(path))


def from_bioregistry(prefix: str, biolink_map: dict[str, str]) -> Prefix:
    """The table row Bioregistry gives for a prefix (spelt as the project spells it), by the rule above."""
    import bioregistry

    resource = bioregistry.get_resource(bioregistry.normalize_prefix(prefix) or prefix)
    if resource is None:
        raise OncoKGError(f"Bioregistry does not know the prefix {prefix!r}")
    obo, rdf_uri = resource.get_obofoundry_prefix(), resource.get_rdf_uri_prefix()
    if obo:
        uri, rule = f"{OBO_PURL}{obo}_", "obo"
    elif rdf_uri and _own_namespace(rdf_uri, (resource.get_mappings() or {}).get("bioportal")):
        uri, rule = rdf_uri, "rdf"
    else:
        uri, rule = f"{RESOLVER}{resource.prefix}:", "resolver"
    spellings = {p.casefold(): p for p in biolink_map}
    names = [prefix, resource.prefix, resource.get_preferred_prefix() or "", *resource.get_synonyms()]
    biolink = next((spellings[n.casefold()] for n in names if n and n.casefold() in spellings), "")
    return Prefix(prefix, uri, rule, biolink, resource.get_pattern() or "")


def _own_namespace(rdf_uri: str, bioportal: str | None) -> bool:
    """Whether an RDF URI prefix is the vocabulary's own: a BioPortal one only under its own acronym."""
    return not rdf_uri.startswith(BIOPORTAL_PURL) or rdf_uri == f"{BIOPORTAL_PURL}{bioportal}/"


def write_table(path: Path, prefixes: list[Prefix]) -> None:
    """Write the prefix table, keeping its comment header."""
    header = read_commented_tsv(path, "prefix table").comments
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in header))
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in prefixes:
            writer.writerow([getattr(p, c) for c in COLUMNS])


def biolink_prefix_map() -> dict[str, str]:
    """The Biolink Model's prefix map, from the biolink-model package (a test extra)."""
    import json
    from importlib.resources import files

    return json.loads((files("biolink_model") / "prefixmaps" / "biolink_model_prefix_map.json").read_text())


if __name__ == "__main__":
    table = Path(sys.argv[1] if len(sys.argv) > 1 else Path("data/mappings") / TABLE)
    biolink = biolink_prefix_map()
    write_table(table, [from_bioregistry(p, biolink) for p in read_table(table)])
