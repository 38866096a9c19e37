"""Atomic output: an export is written into a temporary sibling and moved into place only when complete."""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from oncokg.errors import OncoKGError


@contextmanager
def atomic_directory(out: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside `out`; on success its files move into `out`.

    A new `out` appears whole (one rename); into an existing one each file is renamed over its old
    version, and other files there are left alone. On any error the temporary folder is removed,
    so a failed export leaves no partial file behind.
    """
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise OncoKGError(f"cannot write to {out}: it exists and is not a folder")
    if out.exists() and not os.access(out, os.W_OK):
        raise OncoKGError(f"cannot write to {out}: permission denied")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f".{out.name}.{uuid.uuid4().hex[:12]}.partial"
        tmp.mkdir()
    except OSError as exc:
        raise OncoKGError(f"cannot write to {out}: {exc.strerror or exc}") from None
    try:
        yield tmp
        try:
            if out.exists():
                for path in sorted(tmp.iterdir()):
                    os.replace(path, out / path.name)
            else:
                os.rename(tmp, out)
        except OSError as exc:
            raise OncoKGError(f"cannot write to {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
