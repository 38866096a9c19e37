"""Where things live: the project layout, found once and passed around."""

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import OncoKGError


@dataclass(frozen=True)
class Project:
    """Paths of one OncoKG checkout (ontology, curated data, queries, build output)."""

    root: Path

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
        return self.root / "data" / "mappings"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def qc_dir(self) -> Path:
        return self.ontology_dir / "qc"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @classmethod
    def find(cls, root: Path | str | None = None) -> "Project":
        """The given root, else $ONCOKG_ROOT, else the working directory or the package's checkout."""
        candidates = [Path(root)] if root else []
        if not candidates and os.environ.get("ONCOKG_ROOT"):
            candidates = [Path(os.environ["ONCOKG_ROOT"])]
        if not candidates:
            candidates = [Path.cwd(), Path(__file__).resolve().parents[2]]
        for candidate in candidates:
            if (candidate / "ontology" / "oncokg.ttl").is_file():
                return cls(candidate.resolve())
        raise OncoKGError(
            f"no OncoKG project at {candidates[0]} (expected ontology/oncokg.ttl); pass --root or set ONCOKG_ROOT"
        )
