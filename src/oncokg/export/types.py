"""The two small types every exporter shares: a file to write and a format that lists its files."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from oncokg.export.built import Built


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
