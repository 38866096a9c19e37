"""The SSSOM export: the project's mapping sets, checked row by row, written as they are curated."""

import shutil
from pathlib import Path

from ..errors import OncoKGError
from ..mappings import mapping_graph
from ..namespaces import BASE
from .source import Built
from .types import Output


def validate_mapping_sets(built: Built) -> None:
    """Every row names an entity of the build, a known predicate and confidence, and well-formed identifiers
    (load_mapping_sets checked the identifiers)."""
    entities = frozenset(str(e)[len(BASE):] for e in built.individuals if str(e).startswith(BASE))
    mapping_graph(built.mapping_sets, entities)


def sssom_outputs(built: Built, stem: str) -> list[Output]:
    """One SSSOM/TSV file per mapping set, under its own name (export() has validated them)."""
    if not built.mapping_sets:
        raise OncoKGError("no mapping sets (data/mappings/*.sssom.tsv) to export")
    outputs = []
    for mapping_set in built.mapping_sets:
        def write(path: Path, mapping_set=mapping_set) -> str:
            shutil.copyfile(mapping_set.path, path)
            return f"{len(mapping_set.mappings)} mappings, set {mapping_set.metadata.get('mapping_set_id', '')}"

        outputs.append(Output(mapping_set.path.name, write))
    return outputs
