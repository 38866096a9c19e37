"""Reading the ontology edit file and the vocabulary it declares (classes, properties, entities).

``owl:imports`` are resolved from local files only, through an OASIS XML catalog
(ontology/catalog-v001.xml, as Protégé and the ODK write it); an import the catalog does not map
is refused, so a build never fetches anything over the network.
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from oncokg.curation.yaml_io import load_yaml
from oncokg.errors import OncoKGError
from oncokg.limits import read_bytes, read_text
from oncokg.project import ONTOLOGY_FILE
from oncokg.vocab.rdf import BASE, ONCOKG

CATALOG_FILE = "catalog-v001.xml"
RELEASE_FILE = "release.yaml"
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def _deepest_line(text: str) -> int:
    """The line where brackets and parentheses nest deepest (strings and IRIs are not looked into)."""
    depth, deepest, line, deepest_line = 0, 0, 1, 1
    for token in re.finditer(r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|<[^>\s]*>|#[^\n]*|[\[(\])\n]""", text):
        mark = token.group()
        if len(mark) > 1 or mark == "\n":
            line += mark.count("\n")
        elif mark in "([":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif mark in ")]":
            depth -= 1
    return deepest_line


def parse_turtle(path: Path) -> Graph:
    """Parse a Turtle file, first with pyoxigraph, whose errors name the line and column and which
    refuses what rdflib only warns about (an IRI with a space, which failed the build later, after
    reasoning); then with rdflib, which the build works on."""
    if not path.exists():
        raise OncoKGError(f"{path}: file not found")
    data = read_bytes(path)
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=BASE):
            pass
    except SyntaxError as exc:
        raise OncoKGError(f"{path}: Turtle syntax error: {str(exc).splitlines()[0]}") from None
    graph = Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=BASE)
    except RecursionError:
        raise OncoKGError(
            f"{path}: valid Turtle, but its lists or [ ] nest deeper than rdflib can read "
            f"(at line {_deepest_line(data.decode('utf-8', 'replace'))}); write the deepest part flat"
        ) from None
    except Exception as exc:
        raise OncoKGError(f"{path}: valid Turtle that rdflib cannot read ({type(exc).__name__})") from None
    return graph


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology declares, by local name in the oncokg: namespace."""

    classes: frozenset[str]
    object_properties: frozenset[str]
    datatype_properties: dict[str, URIRef]
    entities: frozenset[str]
    members: dict[str, frozenset[str]]
    derives: dict[str, str]

    def allowed(self, cls: str) -> list[str]:
        """The named individuals asserted to be of a class, sorted: the values a curator may use."""
        return sorted(self.members.get(cls, ()))

    @classmethod
    def from_graph(cls, graph: Graph) -> "Vocabulary":
        def local(kind: URIRef) -> set[str]:
            return {
                str(s)[len(BASE) :]
                for s in graph.subjects(RDF.type, kind)
                if isinstance(s, URIRef) and str(s).startswith(BASE)
            }

        datatype = {
            name: URIRef(
                str(
                    graph.value(ONCOKG[name], ONCOKG.literalDatatype)
                    or graph.value(ONCOKG[name], RDFS.range)
                    or XSD.string
                )
            )
            for name in local(OWL.DatatypeProperty)
        }
        entities = local(OWL.NamedIndividual)
        members: dict[str, set[str]] = {}
        for name in entities:
            for kind in graph.objects(ONCOKG[name], RDF.type):
                if str(kind).startswith(BASE):
                    members.setdefault(str(kind)[len(BASE) :], set()).add(name)
        derives = {
            str(s)[len(BASE) :]: str(o)[len(BASE) :]
            for s, o in graph.subject_objects(ONCOKG.derivesPredicate)
            if str(s).startswith(BASE) and str(o).startswith(BASE)
        }
        return cls(
            classes=frozenset(local(OWL.Class)),
            object_properties=frozenset(local(OWL.ObjectProperty)),
            datatype_properties=datatype,
            entities=frozenset(entities),
            members={k: frozenset(v) for k, v in members.items()},
            derives=derives,
        )


def data_version(ontology_dir: Path) -> str:
    """The data release's semantic version, from ontology/release.yaml (its one home): what a user cites
    and what changes when the facts do, apart from the package's own version."""
    path = ontology_dir / RELEASE_FILE
    if not path.is_file():
        raise OncoKGError(f"{path}: the data release file is missing (version: MAJOR.MINOR.PATCH)")
    release = load_yaml(path)
    version = release.get("version") if isinstance(release, dict) else None
    if not isinstance(version, str) or not _SEMVER.fullmatch(version):
        raise OncoKGError(f"{path}: 'version' must be a semantic version such as 1.2.0, got {version!r}")
    return version


def stamp_version(graph: Graph, version: str) -> None:
    """Give the ontology header the data release's version: the edit file carries none, so the version lives in one place."""
    header = URIRef(BASE + "ontology")
    if (header, RDF.type, OWL.Ontology) not in graph:
        raise OncoKGError(f"the ontology edit file has no header <{header}> a owl:Ontology")
    for p in (OWL.versionIRI, OWL.versionInfo):
        if graph.value(header, p) is not None:
            raise OncoKGError(f"the ontology header gives {graph.qname(p)}; the build stamps it from {RELEASE_FILE}")
    graph.add((header, OWL.versionIRI, URIRef(f"{BASE}releases/{version}/ontology")))
    graph.add((header, OWL.versionInfo, Literal(version)))


def load_ontology(ontology_dir: Path) -> Graph:
    """The hand-edited ontology as an rdflib graph, with its imports read from local files."""
    graph = parse_turtle(ontology_dir / ONTOLOGY_FILE)
    stamp_version(graph, data_version(ontology_dir))
    imports = sorted(set(graph.objects(None, OWL.imports)), key=str)
    if imports:
        local = owl_catalog(ontology_dir)
        for iri in imports:
            if str(iri) not in local:
                raise OncoKGError(
                    f"{ontology_dir / ONTOLOGY_FILE}: owl:imports <{iri}> is not mapped to a local file in "
                    f"{ontology_dir / CATALOG_FILE}; imports are never fetched over the network"
                )
            graph += parse_turtle(local[str(iri)])
    return graph


def owl_catalog(ontology_dir: Path) -> dict[str, Path]:
    """The catalog's ``<uri name="IRI" uri="FILE"/>`` entries: import IRI to local Turtle file."""
    path = ontology_dir / CATALOG_FILE
    if not path.exists():
        return {}
    try:
        root = ElementTree.fromstring(read_text(path))
    except ElementTree.ParseError as exc:
        raise OncoKGError(f"{path}: invalid XML: {exc}") from None
    entries = {}
    for element in root.iter():
        name, uri = element.get("name"), element.get("uri")
        if element.tag.rsplit("}", 1)[-1] == "uri" and name and uri:
            target = (ontology_dir / uri).resolve()
            if not target.is_relative_to(ontology_dir.resolve()):
                raise OncoKGError(f"{path}: {uri!r} is outside the ontology folder")
            entries[name] = target
    return entries
