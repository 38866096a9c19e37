"""A Result is a sequence of rows of Python values (rdflib's), JSON values for the serialisers, and printed or
shown in a notebook reads as its rows, not as the Value objects inside them."""

import datetime
import json
from datetime import UTC
from decimal import Decimal

import pytest
from rdflib import BNode, URIRef

from oncokg.store.results import Result, Value, python_value
from oncokg.vocab import XSD

IMATINIB = "https://w3id.org/oncokg/imatinib"


def result(n: int) -> Result:
    rows: list[dict[str, Value | None]] = [
        {"drug": Value("iri", IMATINIB), "n": Value("literal", str(i), "http://www.w3.org/2001/XMLSchema#integer")}
        for i in range(n)
    ]
    rows.append({"drug": Value("literal", "<b>&</b>"), "n": None})
    return Result(["drug", "n"], rows)


def test_repr_shows_typed_values_and_counts_what_it_leaves_out():
    lines = repr(result(12)).splitlines()
    assert lines[0] == "Result: 13 rows of drug, n"
    assert lines[1] == f"  drug='{IMATINIB}', n=0"
    assert lines[-1] == "  ... 3 more" and len(lines) == 12
    assert "Value(" not in repr(result(12))


def test_html_is_an_escaped_table_of_every_row():
    shown = result(2)._repr_html_()
    assert shown.count("<tr>") == 1 + 3 and "<th>drug</th><th>n</th>" in shown
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in shown and "<b>&" not in shown
    assert "<p>3 rows</p>" in shown


def test_a_result_is_a_sequence_of_rows_with_a_length():
    answer = result(3)
    assert len(answer) == 4 and len(list(answer)) == 4
    assert [row["n"] for row in answer] == [0, 1, 2, None]
    assert len(Result(["drug"], [])) == 0 and list(Result(["drug"], [])) == []


@pytest.mark.parametrize(
    "cell, value",
    [
        (Value("literal", "2017-05-17", XSD + "date"), datetime.date(2017, 5, 17)),
        (Value("literal", "2017-05-17T10:00:00Z", XSD + "dateTime"), datetime.datetime(2017, 5, 17, 10, tzinfo=UTC)),
        (Value("literal", "0.95", XSD + "decimal"), Decimal("0.95")),
        (Value("literal", "1E3", XSD + "double"), 1000.0),
        (Value("literal", "12", XSD + "integer"), 12),
        (Value("literal", "true", XSD + "boolean"), True),
        (Value("literal", "P3D", XSD + "duration"), datetime.timedelta(days=3)),
        (Value("literal", "KIT", XSD + "string"), "KIT"),
        (Value("literal", "drug", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "en"), "drug"),
        (Value("literal", "2017-05", XSD + "gYearMonth"), "2017-05"),
        (Value("iri", IMATINIB), URIRef(IMATINIB)),
        (Value("bnode", "b0"), BNode("b0")),
        (None, None),
    ],
)
def test_python_values_are_rdflibs(cell, value):
    """The Python API's values are what rdflib's `Literal.toPython()` gives (and so what rdflib users get),
    JSON's the lexical form wherever JSON has no type."""
    from rdflib import Literal

    got = python_value(cell)
    assert got == value and type(got) is type(value)
    if cell is not None and cell.kind == "literal":
        lang = cell.language
        expected = Literal(cell.value, lang=lang, datatype=None if lang else cell.datatype).toPython()
        assert got == (str(expected) if isinstance(expected, Literal) else expected)


def test_json_values_are_json_and_keep_dates_iso():
    dates = Result(["d", "x"], [{"d": Value("literal", "2017-05-17", XSD + "date"), "x": Value("bnode", "b0")}])
    assert dates.json_records() == [{"d": "2017-05-17", "x": "_:b0"}]
    assert json.loads(json.dumps(dates.json_records())) == dates.json_records()
    assert dates.records() == [{"d": datetime.date(2017, 5, 17), "x": BNode("b0")}]


def test_a_dataframe_has_datetime64_dates_and_numbers_as_numbers():
    import pandas  # the notebooks' extra, which the test extra includes

    rows: list[dict[str, Value | None]] = [
        {"d": Value("literal", "2017-05-17", XSD + "date"), "n": Value("literal", "3", XSD + "integer")},
        {"d": None, "n": Value("literal", "4", XSD + "integer")},
    ]
    frame = Result(["d", "n"], rows).to_dataframe()
    assert pandas.api.types.is_datetime64_any_dtype(frame["d"]) and frame["n"].dtype.kind == "i"
    assert frame["d"][0] == pandas.Timestamp("2017-05-17") and pandas.isna(frame["d"][1])
