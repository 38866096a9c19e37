"""The size, nesting and time limits checked before input reaches a parser or an engine.

Each limit has a default here (its one home) and can be raised with an environment variable,
``ONCOKG_<NAME>`` (``ONCOKG_MAX_QUERY_DEPTH=1000``); docs/reliability.md lists them and why.
An exceeded limit is a one-line `OncoKGError` naming the file, line or parameter.
"""

import math
import os
from pathlib import Path

from oncokg.errors import OncoKGError

DEFAULTS = {
    "max_query_bytes": 1_000_000,
    "max_query_depth": 256,
    "max_response_bytes": 256_000_000,
    "max_file_bytes": 32_000_000,
    "max_yaml_nodes": 1_000_000,
    "max_line_bytes": 1_000_000,
}
MAX_SECONDS = 10_000_000  # about 115 days; beyond it, thread and socket waits overflow


def limit(name: str) -> int:
    """The limit's value: the environment's ``ONCOKG_<NAME>`` if set, else the default."""
    variable = "ONCOKG_" + name.upper()
    raw = os.environ.get(variable)
    if raw is None:
        return DEFAULTS[name]
    if not raw.strip().isdigit() or int(raw) < 1:
        raise OncoKGError(f"${variable}: expected a positive integer (got {raw!r})")
    return int(raw)


def too_big(what: str, size: int, name: str) -> OncoKGError:
    """The error for an input over a limit: what, how big, the limit and how to raise it."""
    return OncoKGError(
        f"{what} is {size:,} bytes, over the limit of {limit(name):,} (set ONCOKG_{name.upper()} to raise it)"
    )


def read_bytes(path: Path, what: str = "") -> bytes:
    """A file's bytes, refused before reading when it is over ``max_file_bytes``; errors name the file."""
    label = _label(path, what)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise OncoKGError(f"{label}: is a folder, not a file")
        if size > limit("max_file_bytes"):
            raise too_big(label, size, "max_file_bytes")
        return path.read_bytes()
    except OSError as exc:
        raise OncoKGError(f"{label}: {exc.strerror or exc}") from None


def read_text(path: Path, what: str = "") -> str:
    """A UTF-8 text file, size-checked first; invalid UTF-8 names the byte offset."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OncoKGError(f"{_label(path, what)}: not UTF-8 text (invalid byte at offset {exc.start})") from None


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
