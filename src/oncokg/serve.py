"""`oncokg serve`: the oxigraph server (PyPI package `oxigraph`) read-only on the built store.

It serves SPARQL at /query, with the YASGUI page at /, the default graph as the union of all
graphs (as the embedded store is queried), and a per-query timeout.
"""

import os
import shutil
import sys
from pathlib import Path

from .errors import OncoKGError
from .limits import seconds
from .store import STORE_DIR

DEFAULT_BIND = "127.0.0.1:7878"


def oxigraph_binary() -> str:
    """The oxigraph server executable, looked up beside this Python first, then on PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("oxigraph", path=search)
    if found is None:
        raise OncoKGError("the oxigraph server is not installed: pip install oxigraph")
    return found


def serve_command(build_dir: Path, bind: str = DEFAULT_BIND, timeout: float = 30.0) -> list[str]:
    """The command line that serves the built store read-only."""
    store = build_dir / STORE_DIR
    if not store.is_dir():
        raise OncoKGError(f"no built store at {store}; run `oncokg build` first")
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise OncoKGError(f"--bind {bind!r}: expected HOST:PORT (a port from 1 to 65535) such as {DEFAULT_BIND}")
    seconds(timeout, "--timeout")
    return [
        oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind,
        "--union-default-graph", "--timeout-s", str(max(1, round(timeout))),
    ]


def serve(build_dir: Path, bind: str = DEFAULT_BIND, timeout: float = 30.0) -> None:
    """Become the server: the process is replaced, so stopping it stops the server (no orphan)."""
    command = serve_command(build_dir, bind, timeout)
    sys.stdout.flush()
    os.execv(command[0], command)
