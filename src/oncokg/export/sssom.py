"""The SSSOM export: the project's mapping sets, checked row by row, with each row's object_source as a CURIE.

The rows are read and written by sssom-py, SSSOM's reference implementation (its table parser and
writer), so the file is what SSSOM tools themselves write: the metadata block as sssom-py orders and
condenses it (a slot with one value on every row moves into the block), its prefix map, its columns.
The export adds ``object_source``, the vocabulary each object comes from (``obo:mondo.owl`` for an OBO
ontology, else its Bioregistry record, such as ``bioregistry:mesh``), which the project's converter
derives from the object's prefix.
"""

import io
import warnings
from pathlib import Path

from oncokg.curation.mappings import MappingSet, mapping_graph
from oncokg.errors import OncoKGError
from oncokg.export.built import Built
from oncokg.export.types import Output
from oncokg.limits import read_text
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
    """The set's SSSOM/TSV text, parsed and written by sssom-py, with an object_source column."""
    from sssom.parsers import parse_sssom_table  # here: sssom-py (pandas, LinkML) takes seconds to import
    from sssom.writers import write_table

    text = io.StringIO(read_text(mapping_set.path, "mapping file"))  # under the input size limit
    with warnings.catch_warnings():
        # sssom-py 0.4's own use of pandas' replace(), which pandas 2 warns it will change; nothing of the set's
        warnings.filterwarnings("ignore", "Downcasting behavior in `replace`", FutureWarning, "sssom")
        frame = parse_sssom_table(text, sep="\t")
        if OBJECT_SOURCE not in frame.df.columns:
            sources = [object_source(mapping_set.identifiers, curie) for curie in frame.df["object_id"]]
            frame.df.insert(frame.df.columns.get_loc("object_id") + 1, OBJECT_SOURCE, sources)
        out = io.StringIO()
        write_table(frame, out, sort=True)  # sssom-py's canonical order of columns and rows
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
