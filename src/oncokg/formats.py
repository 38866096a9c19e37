"""Rendering query results: an aligned table for people; JSON, CSV and TSV for programs."""

import csv
import io
import json

from .backends import Result, Value
from .namespaces import BASE

FORMATS = ("table", "json", "csv", "tsv")


def _cell(value: Value | None, short: bool) -> str:
    if value is None:
        return ""
    if short and value.kind == "iri" and value.value.startswith(BASE):
        return "oncokg:" + value.value[len(BASE):]
    return value.value


def render(result: Result, fmt: str = "table", max_width: int = 60) -> str:
    """The result as text in one of FORMATS; JSON is a list of row objects keyed by variable.

    The table is for people: where a column of IRIs has a label column, only the label is shown.
    """
    if fmt == "json":
        rows = [{v: (row[v].value if row.get(v) is not None else None) for v in result.variables} for row in result.rows]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_cell(row.get(v), False) for v in result.variables])
        return out.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    shown = [v for v in result.variables if v + "Label" not in result.variables]
    cells = [[_cell(row.get(v), True)[:max_width] for v in shown] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(shown)]

    def line(values: list[str]) -> str:
        return "  ".join(x.ljust(w) for x, w in zip(values, widths)).rstrip()

    body = [line(shown), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(body + [f"({len(cells)} rows)"])
