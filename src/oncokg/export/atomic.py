"""Safe output: an export is written into a temporary folder inside `out`, moved into place only
when complete, and never replaces a file that an export did not write.

The files an export wrote are listed in `out/.oncokg-export` (as a build folder carries its
`.oncokg-build`): a file of the same name that is not on that list is the user's, and is refused
unless `force`. Nothing is written outside `out` (the temporary folder is inside it), and the
temporary folders of killed exports are removed by the next export into the same folder.
"""

import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from oncokg.errors import OncoKGError

EXPORT_MARKER = ".oncokg-export"
_PARTIAL = ".partial"


@contextmanager
def atomic_directory(out: Path, names: Sequence[str] = (), force: bool = False) -> Iterator[Path]:
    """Yield an empty temporary folder inside `out`; on success its files move into `out`.

    Each file is renamed over its old version only once all are written, and other files there
    are left alone. `names` (the files to be written) are checked first: one that exists in
    `out` and is not listed in its marker is refused before any work, unless `force`. On any
    error the temporary folder is removed, so a failed export leaves no partial file behind.
    """
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise OncoKGError(f"cannot write to {out}: it exists and is not a folder")
    if out.exists() and not os.access(out, os.W_OK):
        raise OncoKGError(f"cannot write to {out}: permission denied")
    if not force:
        _check_ours(out, names)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
        tmp = out / f"{EXPORT_MARKER}.{os.getpid()}.{uuid.uuid4().hex[:12]}{_PARTIAL}"
        tmp.mkdir()
    except OSError as exc:
        raise OncoKGError(f"cannot write to {out}: {exc.strerror or exc}") from None
    try:
        yield tmp
        written = sorted(path.name for path in tmp.iterdir())
        try:
            _record(out, written)
            for name in written:
                os.replace(tmp / name, out / name)
        except OSError as exc:
            raise OncoKGError(f"cannot write to {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _ours(out: Path) -> set[str]:
    """The files earlier exports wrote into `out`."""
    try:
        return set((out / EXPORT_MARKER).read_text(encoding="utf-8").split())
    except OSError:
        return set()


def _check_ours(out: Path, names: Sequence[str]) -> None:
    ours = _ours(out)
    for name in names:
        target = out / name
        if (target.exists() or target.is_symlink()) and name not in ours:
            raise OncoKGError(
                f"{target} exists and was not written by `oncokg export`; refusing to replace it "
                "(move it, choose another --out, or give --force)"
            )


def _record(out: Path, written: list[str]) -> None:
    """Add the files about to be moved in to the marker (first, so that none is ever unlisted)."""
    listed = "\n".join(sorted(_ours(out) | set(written))) + "\n"
    fresh = out / f"{EXPORT_MARKER}.{uuid.uuid4().hex[:12]}.tmp"
    fresh.write_text(listed, encoding="utf-8")
    os.replace(fresh, out / EXPORT_MARKER)


def _remove_stale(out: Path) -> None:
    """Remove the temporary folders of exports whose process is gone (killed mid-export)."""
    for partial in out.glob(f"{EXPORT_MARKER}.*{_PARTIAL}"):
        pid = partial.name.split(".")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(partial, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
