"""Tables for people: aligned when the rows fit, one record per block when they do not, nothing cut."""

import pytest

from oncokg.query.tables import listing, table
from oncokg.store.results import Result, Value

QUOTE = (
    "Common side effects include diarrhea, fatigue, high blood pressure, mouth irritation, hair loss, "
    "and problems with redness, pain, or even blistering of the palms (called *hand-foot syndrome*)."
)


def lit(text: str) -> Value:
    return Value("literal", text)


def result(*rows: dict[str, str]) -> Result:
    variables = list(rows[0])
    return Result(variables, [{k: lit(v) for k, v in row.items()} for row in rows])


WIDE = result(
    {"drug": "regorafenib", "effect": "fatigue", "date": "2017-05-17", "quote": QUOTE},
    {"drug": "regorafenib", "effect": "diarrhea", "date": "2017-05-17", "quote": QUOTE},
)
NARROW = result({"drug": "imatinib", "target": "KIT"}, {"drug": "imatinib", "target": "PDGFRA"})


def words(text: str) -> list[str]:
    return " ".join(text.split()).split(" ")


def test_rows_that_fit_are_aligned_one_per_line():
    assert table(NARROW, 80).splitlines() == [
        "drug      target",
        "--------  ------",
        "imatinib  KIT",
        "imatinib  PDGFRA",
        "(2 rows)",
    ]


@pytest.mark.parametrize("width", [60, 80, 100])
def test_rows_too_wide_become_records_that_fit_and_cut_nothing(width):
    out = table(WIDE, width)
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    assert "one record per block" in lines[0] and "--wide" in out
    assert [line.split("]")[0] for line in lines if line.startswith("-[ RECORD")] == ["-[ RECORD 1 ", "-[ RECORD 2 "]
    assert "…" not in out
    record = out.split("-[ RECORD 1 ]")[1].split("-[ RECORD 2 ]")[0]
    assert "date    2017-05-17" in record  # a short value is never cut
    quote_lines = record.split("quote   ", 1)[1].split("\n-")[0]
    assert " ".join(words(quote_lines)) == QUOTE.replace("*", "")  # the whole quote, as prose
    assert lines[-1] == "(2 rows)"


def test_wide_keeps_one_line_per_row_whatever_the_width():
    lines = table(WIDE, 60, "wide").splitlines()
    assert len(lines) == 2 + 2 + 1
    assert all(QUOTE.replace("*", "") in line for line in lines[2:4])


def test_a_label_column_stands_in_for_its_variable():
    labelled = Result(
        ["drug", "drugLabel"],
        [{"drug": Value("iri", "https://w3id.org/oncokg/imatinib"), "drugLabel": lit("imatinib")}],
    )
    assert table(labelled, 80).splitlines()[0] == "drug"
    assert "https://" not in table(labelled, 80)


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="unknown table layout 'vertical'"):
        table(NARROW, 80, "vertical")


def test_a_listing_wraps_its_second_column_under_itself():
    out = listing([("short", "one two three four five six seven"), ("a-longer-name", "x")], 40)
    assert out.splitlines() == [
        "short          one two three four five",
        "               six seven",
        "a-longer-name  x",
    ]
