"""The size, nesting and time limits checked before input reaches a parser or an engine.

Each limit has a default here (its one home) and can be raised with an environment variable,
``ONCOKG_<NAME>`` (``ONCOKG_MAX_QUERY_DEPTH=1000``); docs/reliability.md lists them and why.
An exceeded limit is a one-line `OncoKGError` naming the file, line or parameter.
"""

import csv
import json
import math
import os
import re
from pathlib import Path
from typing import NamedTuple

from oncokg.errors import OncoKGError

DEFAULTS = {
    "max_query_bytes": 1_000_000,
    "max_query_depth": 256,
    "max_response_bytes": 256_000_000,
    "max_file_bytes": 32_000_000,
    "max_yaml_nodes": 1_000_000,
    "max_line_bytes": 1_000_000,
    "max_query_terms": 1_000,
    "max_json_depth": 32,
    "max_name_chars": 200,
    "max_body_bytes": 1_000_000,
    "max_worker_megabytes": 2_048,
    "max_answer_cache_bytes": 64_000_000,
    "max_connections": 256,
    "max_connections_per_client": 64,
    "max_waiting_per_worker": 32,
    "request_head_seconds": 10,
    "request_body_seconds": 10,
}
# The default time limits, in seconds: HermiT's run at build time, and one query on any store.
REASONER_TIMEOUT = 300.0
QUERY_TIMEOUT = 60.0
PUSH_TIMEOUT = 120.0  # each PUT of `oncokg push`: the largest graph takes seconds, on a busy Virtuoso more
MAX_SECONDS = 10_000_000  # about 115 days; beyond it, thread and socket waits overflow
# The service's defaults (`oncokg serve`): where it listens, how long a query may run, how many query
# worker processes run (ad-hoc SPARQL may hold all but one, so /query keeps two: review 2, finding 7),
# and how long a worker may take to open the store and index the names.
SERVICE_BIND = "127.0.0.1:7878"
SERVICE_TIMEOUT = 30.0
SERVICE_WORKERS = 3
WORKER_START_TIMEOUT = 120.0
# The service dispatches a query only with this share of its timeout left: a request waits for a
# worker at most the rest, and is then refused (503), so a query is never stopped, and its worker
# killed, for time its request spent waiting.
QUERY_RUN_SHARE = 0.5


def limit(name: str) -> int:
    """The limit's value: the environment's ``ONCOKG_<NAME>`` if set, else the default."""
    variable = "ONCOKG_" + name.upper()
    raw = os.environ.get(variable)
    if raw is None:
        return DEFAULTS[name]
    if not raw.strip().isdigit() or int(raw) < 1:
        raise OncoKGError(f"${variable}: expected a positive integer (got {raw!r})")
    return int(raw)


def too_big(what: str, size: int, name: str, cap: int | None = None) -> OncoKGError:
    """The error for an input over a limit (`cap`, else the environment's now): what, how big, the
    limit and how to raise it."""
    cap = limit(name) if cap is None else cap
    return OncoKGError(f"{what} is {size:,} bytes, over the limit of {cap:,} (set ONCOKG_{name.upper()} to raise it)")


def excerpt(value: object, chars: int = 60) -> str:
    """A value as an error line may quote it: whole when short, else its first characters and its
    length (a 31 MB value was once echoed whole in its error)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= chars:
        return repr(text) if isinstance(value, str) else text
    return f"{text[:chars]!r}… ({len(text):,} characters)"


def check_name(text: str, what: str, cap: int | None = None) -> None:
    """Refuse a name longer than ``max_name_chars`` (or `cap`, the limit as a reader read it when it
    was made) before it is looked up or quoted: longer text is no name, and is neither compared
    with every name nor echoed whole."""
    cap = limit("max_name_chars") if cap is None else cap
    if len(text) > cap:
        raise OncoKGError(f"{what} {excerpt(text, 40)} is longer than any name (limit {cap:,} characters)")


def read_bytes(path: Path, what: str = "") -> bytes:
    """A file's bytes, refused when it is over ``max_file_bytes``; errors name the file. At most
    the limit and one byte are read: the size on disk says 0 for /dev/zero, pipes and `<(...)`."""
    label = _label(path, what)
    cap = limit("max_file_bytes")
    try:
        if path.is_dir():
            raise OncoKGError(f"{label}: is a folder, not a file")
        size = path.stat().st_size
        if size > cap:
            raise too_big(label, size, "max_file_bytes")
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        raise OncoKGError(f"{label}: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise OncoKGError(f"{label} is over the limit of {cap:,} bytes (set ONCOKG_MAX_FILE_BYTES to raise it)")
    return data


def read_text(path: Path, what: str = "") -> str:
    """A UTF-8 text file, size-checked first; invalid UTF-8 names the byte offset."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OncoKGError(f"{_label(path, what)}: not UTF-8 text (invalid byte at offset {exc.start})") from None


class CommentedTable(NamedTuple):
    """A tab-separated file with a `#` comment header (SSSOM/TSV, the prefix and Biolink tables)."""

    comments: list[str]  # the header's lines as written, `#` included
    columns: list[str]
    rows: list[dict[str, str]]  # row n of a message is rows[n - 2]: the column line is row 1


def read_commented_tsv(path: Path, what: str) -> CommentedTable:
    """The one reader of the project's commented TSV files, under ``max_file_bytes`` like every input.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    ...     _ = f.write("# a table\\nprefix\\turi\\nobo\\thttp://purl.obolibrary.org/obo/\\n")
    >>> read_commented_tsv(Path(f.name), "prefix table").rows
    [{'prefix': 'obo', 'uri': 'http://purl.obolibrary.org/obo/'}]
    """
    lines = read_text(path, what).splitlines()
    reader = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t")
    rows = list(reader)
    return CommentedTable([line for line in lines if line.startswith("#")], list(reader.fieldnames or []), rows)


def _label(path: Path, what: str) -> str:
    return f"{path}" + (f" ({what})" if what else "")


def seconds(value: float, option: str) -> float:
    """A time limit: a finite, positive number of seconds."""
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0 < value <= MAX_SECONDS
    ):
        raise OncoKGError(f"{option} must be a positive number of seconds, at most {MAX_SECONDS:,} (got {value!r})")
    return float(value)


_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def check_json_depth(text: str, cap: int | None = None) -> None:
    """Refuse JSON nested deeper than ``max_json_depth`` (or `cap`, the limit as a reader read it
    when it began) before it is parsed: the parser recurses, and the service pickles the parsed
    value to its workers, which recurses again."""
    cap, depth = limit("max_json_depth") if cap is None else cap, 0
    if text.count("[") + text.count("{") <= cap:
        return  # it cannot nest deeper than its brackets: a cohort's records end here, unscanned
    for token in _JSON_STRUCTURE.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > cap:
                raise OncoKGError(
                    f"invalid JSON: nests too deeply (more than {cap} levels; set ONCOKG_MAX_JSON_DEPTH to raise it)"
                )
        elif mark in "]}":
            depth -= 1
