"""The SSSOM export: the project's mapping sets, checked row by row, with each row's object_source as a CURIE.

The rows are written as they are curated; the export adds ``object_source``, the vocabulary each
object comes from (``obo:mondo.owl`` for an OBO ontology, else its Bioregistry record, such as
``bioregistry:mesh``), which the converter derives from the object's prefix.
"""

import csv
import io
from pathlib import Path

from oncokg.curation.mappings import MappingSet, mapping_graph
from oncokg.errors import OncoKGError
from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.limits import read_commented_tsv
from oncokg.vocab.identifiers import Identifiers
from oncokg.vocab.rdf import BASE

OBJECT_SOURCE = "object_source"


def validate_mapping_sets(built: Built) -> None:
    """Every row names an entity of the build, a known predicate and confidence, and well-formed identifiers
    (load_mapping_sets checked the identifiers)."""
    entities = frozenset(str(e)[len(BASE) :] for e in built.individuals if str(e).startswith(BASE))
    mapping_graph(built.mapping_sets, entities)


def object_source(identifiers: Identifiers, curie: str) -> str:
    """The CURIE of the vocabulary an object identifier belongs to."""
    prefix = curie.partition(":")[0]
    if identifiers.prefixes[prefix].rule == "obo":
        return f"obo:{prefix.lower()}.owl"
    return f"bioregistry:{prefix.lower()}"


def with_object_sources(mapping_set: MappingSet) -> str:
    """The set's SSSOM/TSV text with an object_source column after object_id."""
    header, columns, rows = read_commented_tsv(mapping_set.path, "mapping file")
    if OBJECT_SOURCE not in columns:
        columns.insert(columns.index("object_id") + 1, OBJECT_SOURCE)
    out = io.StringIO()
    out.write("".join(line + "\n" for line in header))
    writer = csv.DictWriter(out, columns, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, OBJECT_SOURCE: object_source(mapping_set.identifiers, row["object_id"])})
    return out.getvalue()


def sssom_outputs(built: Built, stem: str) -> list[Output]:
    """One SSSOM/TSV file per mapping set, under its own name (export() has validated them)."""
    if not built.mapping_sets:
        raise OncoKGError("no mapping sets (data/mappings/*.sssom.tsv) to export")
    outputs = []
    for mapping_set in built.mapping_sets:

        def write(path: Path, mapping_set=mapping_set) -> str:
            path.write_text(with_object_sources(mapping_set), encoding="utf-8")
            return f"{len(mapping_set.mappings)} mappings, set {mapping_set.metadata.get('mapping_set_id', '')}"

        outputs.append(Output(mapping_set.path.name, write))
    return outputs
