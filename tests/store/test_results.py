"""A Result printed or shown in a notebook reads as its rows, not as the Value objects inside them."""

from oncokg.store.results import Result, Value

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
