"""What every exporter shares: a file to write, a format that lists its files, and the one way to
write several values in one cell."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.export.built import Built

DELIMITER = "|"  # between the values of one cell (KGX, Neo4j, GraphML)


@dataclass(frozen=True)
class Output:
    """One file of an export: its name and the function that writes it and says what it holds."""

    name: str
    write: Callable[[Path], str]


@dataclass(frozen=True)
class Format:
    """An export format: its name, what it is for, the files it writes for a build (given a file stem), and
    whether it can write the external view."""

    name: str
    purpose: str
    outputs: Callable[[Built, str], list[Output]]
    external: bool = True


def join(values, what: str) -> str:
    """Several values as one cell, separated by DELIMITER; a value containing it is an error."""
    values = sorted(values)
    for value in values:
        if DELIMITER in value:
            raise OncoKGError(f"{what}: the value {value[:60]!r} contains {DELIMITER!r}, the list separator")
    return DELIMITER.join(values)
