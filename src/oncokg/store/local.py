"""Opening the built embedded store (pyoxigraph) read-only."""

from pathlib import Path

import pyoxigraph

from oncokg.errors import OncoKGError

STORE_DIR = "store"


def open_store(build_dir: Path) -> pyoxigraph.Store:
    """The persistent store written by `oncokg build`, opened read-only."""
    path = build_dir / STORE_DIR
    if not path.is_dir():
        raise OncoKGError(f"no built store at {path}; run `oncokg build` first")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise OncoKGError(f"cannot open the store at {path}: {detail}; run `oncokg build` to rebuild it") from None
