"""Real SPARQL servers for the tests: the oxigraph server (PyPI) and Virtuoso 7 (Debian), on 127.0.0.1;
and the optional tools some tests need (Virtuoso, Graphviz): skipped with a reason, failed under CI=true."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from oncokg.errors import OncoKGError

VIRTUOSO_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "virtuoso.py"  # `make virtuoso`, for users too


def oxigraph_binary() -> str:
    """The oxigraph server executable (PyPI `oxigraph`, a test dependency), beside this Python or on PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("oxigraph", path=search)
    if found is None:
        raise OncoKGError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Poll a URL until it answers 200, the process dies, or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def running(command: list[str], ready_url: str, cwd: Path, seconds: float = 60):
    """Start a server, wait until it answers, stop it afterwards."""
    log = open(cwd / "server.log", "wb")  # noqa: SIM115 - the server writes to it until it is stopped below
    process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(ready_url, process, seconds)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def oxigraph_server(workdir: Path):
    """A writable oxigraph server: yields (query URL, Graph Store Protocol URL)."""
    base = f"http://127.0.0.1:{free_port()}"
    command = [
        oxigraph_binary(),
        "serve",
        "--location",
        str(workdir / "db"),
        "--bind",
        base[7:],
        "--union-default-graph",
    ]
    with running(command, base + "/query?query=ASK%7B%7D", workdir):
        yield base + "/query", base + "/store"


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


@contextmanager
def virtuoso_server(workdir: Path):
    """A private Virtuoso (its own ini, files and ports), started as users start theirs (tools/virtuoso.py):
    yields (query URL, GSP URL with digest auth)."""
    http_port = free_port()
    base = f"http://127.0.0.1:{http_port}"
    command = [sys.executable, str(VIRTUOSO_SCRIPT), "--dir", str(workdir), "--port", str(http_port)]
    with running(command, base + "/sparql?query=ASK%7B%7D", workdir, seconds=120):
        yield base + "/sparql", base + "/sparql-graph-crud-auth"


def require_virtuoso() -> str:
    """The reason to skip when Virtuoso is absent; under CI=true its absence is a failure."""
    if virtuoso_binary():
        return ""
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    return "Virtuoso is not installed here (apt-get install virtuoso-opensource); CI runs these tests"


def require_graphviz() -> None:
    """Skip without Graphviz's dot; under CI=true its absence is a failure."""
    import pytest

    if shutil.which("dot"):
        return
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but Graphviz is not installed (apt-get install graphviz)")
    pytest.skip("Graphviz is not installed here (apt-get install graphviz); CI runs these tests")
