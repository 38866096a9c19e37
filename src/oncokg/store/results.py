"""Answers of SELECT queries, the same from every backend: cells as `Value`s, rows in a `Result`.

A SPARQL result cell is a string with a datatype; programs want values. Two conversions, for two readers:

- Python (`python_value`: `Result.records()`, iterating a `Result`, `to_dataframe()`): rdflib's own
  ``Literal.toPython()``, as rdflib and SPARQLWrapper users know it: ``xsd:date`` a
  ``datetime.date``, ``xsd:decimal`` a ``Decimal``, integers ``int``, doubles ``float``, booleans
  ``bool``, durations rdflib's ``Duration``/``timedelta``; IRIs rdflib ``URIRef`` and blank nodes
  ``BNode`` (``str()`` gives the IRI; as in rdflib, a term equals only a term, not a plain string); a
  plain or language-tagged literal, or one rdflib has no Python type for, its text.
- JSON (`json_value`: `Result.json_records()`, the CLI's JSON/CSV and the web service's rows), which has
  no dates: numbers and booleans typed, dates, times and durations their ISO 8601 lexical form, blank
  nodes ``_:id``. It needs no rdflib, so the CLI does not pay rdflib's import for it.

A lexical form that does not fit its datatype is kept as the string it is, by both.
"""

import datetime
import html
from collections.abc import Iterator
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


def json_value(value: Value | None) -> JSONValue:
    """The JSON value of one cell (None when unbound)."""
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


def python_value(value: Value | None) -> object:
    """The Python value of one cell by rdflib's `Literal.toPython()` (None when unbound).

    >>> python_value(Value("literal", "2017-05-17", XSD + "date"))
    datetime.date(2017, 5, 17)
    >>> python_value(Value("iri", "https://w3id.org/oncokg/imatinib"))
    rdflib.term.URIRef('https://w3id.org/oncokg/imatinib')
    """
    if value is None:
        return None
    from rdflib import BNode, Literal, URIRef  # here: rdflib's import is a second the JSON path need not pay

    if value.kind == "iri":
        return URIRef(value.value)
    if value.kind == "bnode":
        return BNode(value.value)
    literal = Literal(value.value, lang=value.language, datatype=None if value.language else value.datatype)
    python = literal.toPython()
    return str(python) if isinstance(python, Literal) else python


@dataclass(repr=False)
class Result:
    """Rows of a SELECT: the variables in order and one dict of cells per row.

    Iterated, it gives each row as a dict of Python values (`records`), and `len` counts its rows.
    Printed, or left last in a notebook cell, it shows its rows, not the `Value` objects inside them.
    """

    variables: list[str]
    rows: list[dict[str, Value | None]]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.records())

    def records(self) -> list[dict]:
        """The rows as dicts of Python values (`python_value`, rdflib's): dates as dates, numbers as numbers."""
        return [{v: python_value(row.get(v)) for v in self.variables} for row in self.rows]

    def json_records(self) -> list[dict]:
        """The rows as dicts of JSON values (`json_value`): numbers as numbers, dates in ISO 8601."""
        return [{v: json_value(row.get(v)) for v in self.variables} for row in self.rows]

    def __repr__(self) -> str:
        shown = [", ".join(f"{k}={v!r}" for k, v in record.items()) for record in self.json_records()[:_SHOWN]]
        more = [f"... {len(self.rows) - _SHOWN} more"] if len(self.rows) > _SHOWN else []
        head = f"Result: {len(self.rows)} row{'' if len(self.rows) == 1 else 's'} of {', '.join(self.variables)}"
        return "\n".join([head] + [f"  {line}" for line in shown + more])

    def _repr_html_(self) -> str:
        """A notebook's table of the typed values (Jupyter calls this; pandas is not needed)."""
        cells = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape('' if x is None else str(x))}</td>" for x in r.values()) + "</tr>"
            for r in self.json_records()
        )
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table><p>{len(self.rows)} rows</p>"

    def to_dataframe(self):
        """The rows as a pandas DataFrame of Python values, with the same columns when there are no rows;
        a column of dates (or dates and times) is pandas' ``datetime64``, as pandas users expect."""
        try:
            import pandas
        except ImportError:
            raise OncoKGError(
                "pandas is needed for DataFrames: pip install pandas (or, in the checkout, pip install -e '.[notebooks]')"
            ) from None
        frame = pandas.DataFrame.from_records(self.records(), columns=self.variables)
        for column in frame.columns:
            values = frame[column].dropna()
            if len(values) and all(isinstance(v, datetime.date) for v in values):
                frame[column] = pandas.to_datetime(frame[column])
        return frame


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
