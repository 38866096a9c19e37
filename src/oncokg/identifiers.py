"""Checks that every identifier of a mapping set is well formed for its prefix (Bioregistry's patterns).

A prefix must be in the set's curie_map and known to Bioregistry (the project's own namespaces
excepted), and each local identifier must match the pattern Bioregistry gives for that prefix, so
that a typo such as ``NCIT:62035`` or ``MONDO:11719`` is caught before anything is written.
"""

import re
from functools import cache

import bioregistry

from .errors import OncoKGError
from .mappings import MappingSet
from .namespaces import BASE, PREFIXES

CURIE_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
OWN_PREFIXES = frozenset(p for p, iri in PREFIXES.items() if iri.startswith(BASE))


@cache
def _pattern(prefix: str) -> re.Pattern | None:
    pattern = bioregistry.get_pattern(prefix)
    return re.compile(pattern) if pattern else None


def identifier_problem(curie: str, curie_map: dict[str, str]) -> str | None:
    """Why a CURIE is not a valid identifier under this curie map, or None when it is."""
    prefix, sep, local = curie.partition(":")
    if not sep or not prefix or not local:
        return f"{curie!r} is not a CURIE (PREFIX:ID)"
    if prefix not in curie_map:
        return f"{curie!r} has a prefix that the mapping set's curie_map does not define"
    if prefix in OWN_PREFIXES:
        return None
    normalized = bioregistry.normalize_prefix(prefix)
    if normalized is None:
        return f"{curie!r} has the prefix {prefix!r}, which Bioregistry does not know"
    pattern = _pattern(normalized)
    if pattern is not None and not pattern.fullmatch(local):
        return f"{curie!r} is not a valid {prefix} identifier (Bioregistry pattern {pattern.pattern})"
    return None


def check_identifiers(mapping_set: MappingSet) -> None:
    """Raise on the first malformed identifier of a mapping set, naming the file, row and column."""
    curie_map = {**(mapping_set.metadata.get("curie_map") or {}), **PREFIXES}
    for n, mapping in enumerate(mapping_set.mappings, 2):
        for column in CURIE_COLUMNS:
            problem = identifier_problem(getattr(mapping, column), curie_map)
            if problem:
                raise OncoKGError(f"{mapping_set.path}: row {n}: {column} {problem}")
