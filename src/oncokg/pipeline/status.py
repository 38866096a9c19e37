"""Is the build current? The manifest records a hash of every input; `oncokg status` compares.

A query answered from a build older than its inputs silently shows the old facts, so the
commands that read the build say so (stats, status).
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.limits import read_bytes, read_text
from oncokg.project import MANIFEST, Project


def input_hashes(project: Project) -> dict[str, str]:
    """SHA-256 of every input file, keyed by its path relative to the project root."""
    return {
        path.relative_to(project.root).as_posix(): hashlib.sha256(read_bytes(path, "input file")).hexdigest()
        for path in project.input_files()
    }


def read_manifest(build_dir: Path) -> dict:
    """The manifest of a build; a missing one means there is no build."""
    path = build_dir / MANIFEST
    if not path.is_file():
        raise OncoKGError(f"no build at {build_dir}; run `oncokg build` first")
    try:
        return json.loads(read_text(path, "build manifest"))
    except json.JSONDecodeError as exc:
        raise OncoKGError(f"{path}: not a build manifest ({exc.msg}); run `oncokg build` again") from None


@dataclass(frozen=True)
class BuildStatus:
    """What changed in the inputs since the build."""

    build_dir: Path
    built_at: str
    changed: list[str]
    added: list[str]
    removed: list[str]

    @property
    def current(self) -> bool:
        return not (self.changed or self.added or self.removed)

    def warning(self) -> str:
        """One line for stderr, or '' when the build is current."""
        if self.current:
            return ""
        parts = [
            f"{len(v)} {k}"
            for k, v in (("changed", self.changed), ("added", self.added), ("removed", self.removed))
            if v
        ]
        first = (self.changed + self.added + self.removed)[0]
        return (
            f"oncokg: warning: the build ({self.built_at}) is older than its inputs ({', '.join(parts)}, "
            f"e.g. {first}); run `oncokg build`"
        )


def build_status(project: Project) -> BuildStatus:
    """Compare the inputs now with the hashes the build recorded; a copy of a build without its
    inputs has nothing to compare, and is current."""
    manifest = read_manifest(project.build_dir)
    if not project.has_inputs:
        return BuildStatus(project.build_dir, manifest.get("built_at", "?"), [], [], [])
    recorded = manifest.get("inputs", {})
    now = input_hashes(project)
    return BuildStatus(
        project.build_dir,
        manifest.get("built_at", "?"),
        sorted(k for k in now.keys() & recorded.keys() if now[k] != recorded[k]),
        sorted(now.keys() - recorded.keys()),
        sorted(recorded.keys() - now.keys()),
    )
