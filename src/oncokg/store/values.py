"""Typed values of result cells: the one conversion that JSON, CSV and DataFrames share.

A SPARQL result cell is a string with a datatype; programs want numbers as numbers. Integers
become ``int``, decimals, doubles and floats ``float``, booleans ``bool``; dates, times and
durations stay their ISO 8601 lexical form (a string); IRIs stay IRIs, blank nodes ``_:id``. A
lexical form that does not fit its datatype is kept as the string it is.
"""

from oncokg.store.results import Value

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOATS = frozenset(XSD + t for t in ("decimal", "double", "float"))
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}

JSONValue = int | float | bool | str | None


def typed_value(value: Value | None) -> JSONValue:
    """The Python value of one cell (None when unbound)."""
    if value is None:
        return None
    if value.kind == "bnode":
        return "_:" + value.value
    if value.kind != "literal" or value.datatype is None:
        return value.value
    try:
        if value.datatype in _INTEGERS:
            return int(value.value)
        if value.datatype in _FLOATS:
            return float(value.value)
    except ValueError:
        return value.value
    if value.datatype == XSD + "boolean":
        return _BOOLEANS.get(value.value.strip(), value.value)
    return value.value
