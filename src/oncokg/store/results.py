"""Answers of SELECT queries, the same from every backend: cells as `Value`s, rows in a `Result`.

Typed values of result cells (`typed_value`) are the one conversion that JSON, CSV and DataFrames share.

A SPARQL result cell is a string with a datatype; programs want numbers as numbers. Integers
become ``int``, decimals, doubles and floats ``float``, booleans ``bool``; dates, times and
durations stay their ISO 8601 lexical form (a string); IRIs stay IRIs, blank nodes ``_:id``. A
lexical form that does not fit its datatype is kept as the string it is.
"""

import html
from dataclasses import dataclass

from oncokg.errors import OncoKGError
from oncokg.vocab import XSD

_SHOWN = 10  # rows a printed Result shows


@dataclass(frozen=True)
class Value:
    """One result cell: an IRI, a literal (with datatype or language) or a blank node."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None


def bound(row: dict[str, "Value | None"], name: str) -> "Value":
    """The cell of a variable the query always binds (a plain triple pattern, a COUNT): the one check
    that turns a missing value into a clear error instead of an AttributeError on None."""
    value = row.get(name)
    if value is None:
        raise OncoKGError(f"the answer has no value for ?{name}, which the query always binds")
    return value


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


@dataclass(repr=False)
class Result:
    """Rows of a SELECT: the variables in order and one dict of cells per row.

    Printed, or left last in a notebook cell, it shows its rows, not the `Value` objects inside them.
    """

    variables: list[str]
    rows: list[dict[str, Value | None]]

    def records(self) -> list[dict]:
        """The rows as dicts of typed values (`typed_value`): numbers as numbers."""
        return [{v: typed_value(row.get(v)) for v in self.variables} for row in self.rows]

    def __repr__(self) -> str:
        shown = [", ".join(f"{k}={v!r}" for k, v in record.items()) for record in self.records()[:_SHOWN]]
        more = [f"... {len(self.rows) - _SHOWN} more"] if len(self.rows) > _SHOWN else []
        head = f"Result: {len(self.rows)} row{'' if len(self.rows) == 1 else 's'} of {', '.join(self.variables)}"
        return "\n".join([head] + [f"  {line}" for line in shown + more])

    def _repr_html_(self) -> str:
        """A notebook's table of the typed values (Jupyter calls this; pandas is not needed)."""
        cells = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape('' if x is None else str(x))}</td>" for x in r.values()) + "</tr>"
            for r in self.records()
        )
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table><p>{len(self.rows)} rows</p>"

    def to_dataframe(self):
        """The rows as a pandas DataFrame of typed values, with the same columns when there are no rows."""
        try:
            import pandas
        except ImportError:
            raise OncoKGError(
                "pandas is needed for DataFrames: pip install pandas (or, in the checkout, pip install -e '.[notebooks]')"
            ) from None
        return pandas.DataFrame.from_records(self.records(), columns=self.variables)


def sparql_json_result(response: dict) -> Result:
    """A SELECT's answer in SPARQL 1.1 Query Results JSON (an endpoint's, or one the build saved);
    KeyError, TypeError or AttributeError when it is not that shape, for the caller to name."""
    variables = response["head"]["vars"]
    return Result(variables, [{v: _json_value(b.get(v)) for v in variables} for b in response["results"]["bindings"]])


def _json_value(cell: dict | None) -> Value | None:
    if cell is None:
        return None
    if not all(isinstance(cell.get(key, ""), str) for key in ("value", "datatype", "xml:lang")):
        raise TypeError("a cell's value, datatype and language are strings")
    kind = {"uri": "iri", "literal": "literal", "typed-literal": "literal", "bnode": "bnode"}[cell["type"]]
    datatype = cell.get("datatype")
    if kind == "literal" and datatype is None and cell.get("xml:lang") is None:
        datatype = XSD + "string"
    value = cell["value"]
    if datatype in _DURATIONS and value.isdigit():
        value = _months_as_duration(int(value))
    return Value(kind, value, datatype, cell.get("xml:lang"))


_DURATIONS = {XSD + "duration", XSD + "yearMonthDuration"}


def _months_as_duration(months: int) -> str:
    """Virtuoso answers an xsd:duration of years and months as its number of months ("12" for "P1Y");
    written back in ISO 8601, so every engine gives the same lexical form."""
    years, rest = divmod(months, 12)
    return "P" + (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")
