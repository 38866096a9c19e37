"""Tables for people: aligned columns when the rows fit the terminal, else one record per block.

A cut cell (``imatin…``, ``2017-0…``) hides exactly what a reader came for, so nothing is ever cut.
When the aligned rows would be wider than the terminal, each row becomes a block of ``field  value``
lines with long values wrapped, as ``psql``'s expanded display does, and one line says so; ``wide``
keeps one line per row whatever the width (for ``less -S`` or a file). For each variable ``?x`` that
has a label column ``?xLabel`` the label is shown under the name ``x``; quotes read as prose
(`oncokg.quotes.prose`), the verbatim text being in every program format.
"""

import shutil
import textwrap

from oncokg.quotes import prose
from oncokg.store.results import Result, Value

DEFAULT_WIDTH = 100
LAYOUTS = ("auto", "wide", "records")
_GAP = "  "
_QUOTE_COLUMNS = frozenset({"quote"})


def terminal_width() -> int:
    """The width a table must fit: $COLUMNS, the terminal's, else DEFAULT_WIDTH."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _shown(variables: list[str]) -> list[tuple[str, str]]:
    """(header, variable) pairs of the table: a label column stands in for its variable."""
    shown = []
    for var in variables:
        if var + "Label" in variables:
            continue
        base = var[: -len("Label")] if var.endswith("Label") and var[: -len("Label")] in variables else var
        shown.append((base, var))
    return shown


def _cell(header: str, value: Value | None) -> str:
    text = " ".join(value.value.split()) if value else ""
    return prose(text) if header in _QUOTE_COLUMNS else text


def _count(rows: int) -> str:
    return f"({rows} row{'' if rows == 1 else 's'})"


def _aligned(headers: list[str], cells: list[list[str]]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return _GAP.join(x.ljust(w) for x, w in zip(values, widths, strict=True)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells]


def _records(headers: list[str], cells: list[list[str]], width: int) -> list[str]:
    """psql's expanded display: a ``-[ RECORD n ]`` rule, then one wrapped ``field  value`` line per column."""
    name_width = max(map(len, headers))
    indent = " " * (name_width + len(_GAP))
    lines = []
    for n, row in enumerate(cells, 1):
        lines.append(f"-[ RECORD {n} ]".ljust(min(width, 40), "-"))
        for header, value in zip(headers, row, strict=True):
            first = header.ljust(name_width) + _GAP
            wrapped = textwrap.wrap(
                value,
                width=max(width, len(first) + 20),
                initial_indent=first,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
            lines += wrapped or [first.rstrip()]
    return lines


def listing(pairs: list[tuple[str, str]], width: int = DEFAULT_WIDTH) -> str:
    """Names and what they are, one per line: the second column wraps under itself, so a list of
    short names and one-line descriptions stays a list at any width."""
    name_width = max((len(name) for name, _ in pairs), default=0)
    indent = " " * (name_width + len(_GAP))
    lines = []
    for name, text in pairs:
        first = name.ljust(name_width) + _GAP
        wrap_at = max(width, len(first) + 20)
        lines += textwrap.wrap(
            text, wrap_at, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False
        ) or [name]
    return "\n".join(lines)


def table(result: Result, width: int = DEFAULT_WIDTH, layout: str = "auto") -> str:
    """A query result for a person (labels for their IRIs, quotes as prose), laid out by `text_table`."""
    shown = _shown(result.variables)
    cells = [[_cell(h, row.get(var)) for h, var in shown] for row in result.rows]
    return text_table([h for h, _ in shown], cells, width, layout)


def text_table(headers: list[str], cells: list[list[str]], width: int = DEFAULT_WIDTH, layout: str = "auto") -> str:
    """Rows never cut: aligned if they fit `width` (or `layout` is "wide"), else records; then a row count."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown table layout {layout!r}; known: {', '.join(LAYOUTS)}")
    aligned = _aligned(headers, cells)
    fits = max(map(len, aligned)) <= width
    if layout == "wide" or (layout == "auto" and fits):
        return "\n".join(aligned + [_count(len(cells))])
    note = textwrap.wrap(f"(one record per block: wider than {width} columns; --wide for one line per row)", width)
    return "\n".join((note if layout == "auto" else []) + _records(headers, cells, width) + [_count(len(cells))])
