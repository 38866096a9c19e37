"""Where things live: the inputs (ontology/, data/, queries/) and the build, found once and passed around.

The inputs are found, in order: --root or $ONCOKG_ROOT; the working directory or a folder above it
that holds ontology/oncokg.ttl (a checkout); the copy installed with the package (a wheel carries
them as the package data ``oncokg.resources.*``, see setup.py); the checkout of an editable install.
--root or $ONCOKG_ROOT may also name a folder holding only a build (build/, copied from elsewhere):
every read command (query, sparql, queries, pathway, export, stats, serve) answers from it alone,
since the build carries all the read side needs, the mapping tables included.
The build goes to ``build/`` of a checkout, or, for the installed copy, to the user data directory
(``$XDG_DATA_HOME/oncokg/build``, usually ``~/.local/share/oncokg/build``).
"""

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from oncokg.errors import OncoKGError

# The inputs' files that more than one module names, named once.
ONTOLOGY_FILE = "oncokg.ttl"  # the edit file, in ontology/
SHAPES_FILE = "shapes.ttl"  # the SHACL shapes, in ontology/
MARKER = Path("ontology") / ONTOLOGY_FILE

BUILD_DIR = "build"  # of a checkout, or of a folder holding only a copy of a build

# The build's files, named once: `oncokg build` writes them, the read side finds them through Project.
TRIG = "oncokg.trig"
ONTOLOGY_OUT = "oncokg-reasoned.ttl"
STORE_DIR = "store"
MANIFEST = "manifest.json"
INDEX_FILE = "index.json"
PATHWAYS_FILE = "pathways.srj"  # the pathway projection's answer (oncokg.query.projection)
MAPPINGS_DIR = "mappings"  # a copy of data/mappings/: the exports read the mapping sets and tables from the build
BUILD_MARKER = ".oncokg-build"
BUILD_FILES = frozenset(
    {TRIG, ONTOLOGY_OUT, STORE_DIR, MANIFEST, INDEX_FILE, PATHWAYS_FILE, MAPPINGS_DIR, BUILD_MARKER}
)
EXPORT_DIR = "export"


def user_build_dir() -> Path:
    """The build folder used when the inputs are the installed package's own copy."""
    from platformdirs import user_data_path

    return user_data_path("oncokg", appauthor=False) / "build"


def installed_inputs() -> Path | None:
    """The folder holding the package's copy of ontology/, data/ and queries/ (a wheel), if any."""
    try:
        marker = Path(str(files("oncokg.resources.ontology").joinpath(MARKER.name)))
    except ModuleNotFoundError:
        return None
    return marker.parents[1] if marker.is_file() else None


@dataclass(frozen=True)
class Project:
    """Paths of one set of inputs (a checkout, or the installed copy) and of its build output."""

    root: Path
    build: Path | None = None

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def facts_dir(self) -> Path:
        return self.root / "data" / "facts"

    @property
    def mappings_dir(self) -> Path:
        """The mapping sets and tables as curated (the build copies them to `built_mappings_dir`)."""
        return self.root / "data" / "mappings"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def qc_dir(self) -> Path:
        return self.ontology_dir / "qc"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / SHAPES_FILE

    @property
    def build_dir(self) -> Path:
        return self.build or self.root / BUILD_DIR

    @property
    def trig(self) -> Path:
        return self.build_dir / TRIG

    @property
    def store_dir(self) -> Path:
        return self.build_dir / STORE_DIR

    @property
    def manifest(self) -> Path:
        return self.build_dir / MANIFEST

    @property
    def built_mappings_dir(self) -> Path:
        """The build's copy of the mapping sets and tables, which the exports read."""
        return self.build_dir / MAPPINGS_DIR

    @property
    def has_inputs(self) -> bool:
        """Whether the inputs are here (a checkout, the installed copy), not only a copy of a build."""
        return (self.root / MARKER).is_file()

    def require_inputs(self) -> None:
        """Before a command reads the inputs (build, validate): one line, and nothing touched, when
        the root holds only a copy of a build."""
        if not self.has_inputs:
            raise OncoKGError(f"{self.root} holds a build but not its inputs ({MARKER}); build from a checkout")

    @property
    def export_dir(self) -> Path:
        return self.build_dir / EXPORT_DIR

    def input_files(self) -> list[Path]:
        """Every file the build reads, in a stable order (for the manifest's hashes)."""
        folders = (self.ontology_dir, self.root / "data", self.queries_dir)
        return sorted(
            p for folder in folders for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )

    @classmethod
    def find(cls, root: Path | str | None = None) -> "Project":
        """The project at root, $ONCOKG_ROOT, the working directory (or above), or the installed copy."""
        given = Path(root) if root else Path(os.environ["ONCOKG_ROOT"]) if os.environ.get("ONCOKG_ROOT") else None
        if given is not None:
            if (given / MARKER).is_file() or (given / BUILD_DIR / MANIFEST).is_file():
                return cls(given.resolve())
            raise OncoKGError(
                f"no OncoKG project at {given} (expected {MARKER}, or a build: {BUILD_DIR}/{MANIFEST}); "
                "pass --root or set ONCOKG_ROOT"
            )
        cwd = Path.cwd().resolve()
        for folder in (cwd, *cwd.parents):
            if (folder / MARKER).is_file():
                return cls(folder)
        installed = installed_inputs()
        if installed is not None:
            return cls(installed, user_build_dir())
        checkout = Path(__file__).resolve().parents[2]
        if (checkout / MARKER).is_file():
            return cls(checkout)
        raise OncoKGError(
            f"no OncoKG project at {cwd} or above (expected {MARKER}), and the package has no "
            "copy of its inputs; pass --root or set ONCOKG_ROOT"
        )
