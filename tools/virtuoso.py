"""Start a private Virtuoso 7 for `oncokg push`: a throwaway database on free loopback ports.

    python3 tools/virtuoso.py                  # or: make virtuoso; Ctrl-C stops it and deletes its database
    python3 tools/virtuoso.py --dir DIR --port 8890

It runs Debian's `virtuoso-t` (apt-get install virtuoso-opensource) in the foreground with
tools/virtuoso.ini, its files in a new temporary folder (or --dir, kept), listening on 127.0.0.1
only. A new database has Virtuoso's own administrator account, user dba with password dba, which is
why it must stay on loopback. Once it answers, it prints the `oncokg push` and `oncokg query`
lines to use it. The tests start their Virtuoso with this same script (tests/engines.py).
"""

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

INI = Path(__file__).with_name("virtuoso.ini")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def serve(folder: Path, http_port: int, seconds: float) -> int:
    """Run virtuoso-t until it exits or this process is told to stop (SIGINT, SIGTERM); its exit status."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        print("virtuoso: error: virtuoso-t not found; apt-get install virtuoso-opensource", file=sys.stderr)
        return 1
    ini = INI.read_text(encoding="utf-8").format(dir=folder, sql_port=free_port(), http_port=http_port)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    # its own session: Virtuoso's shutdown signals cannot reach the shell (or test runner) that started this
    command = [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")]
    server = subprocess.Popen(command, cwd=folder, start_new_session=True)
    stopped: list[int] = []

    def stop(sig: int, _frame: object) -> None:
        stopped.append(sig)
        server.terminate()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    base = f"http://127.0.0.1:{http_port}"
    deadline = time.monotonic() + seconds
    while server.poll() is None and not answers(base + "/sparql?query=ASK%7B%7D"):
        if time.monotonic() > deadline:
            print(f"virtuoso: error: {base} did not answer within {seconds:.0f} s", file=sys.stderr)
            server.terminate()
            break
        time.sleep(0.3)
    else:
        if server.poll() is None:
            print(
                f"Virtuoso at {base}/sparql (database in {folder}; user dba, password dba); Ctrl-C stops it\n"
                f"  oncokg push --endpoint {base}/sparql-graph-crud-auth --update {base}/sparql-auth --user dba --password dba\n"
                f"  oncokg query treatment-sequence --param cancer=GIST --param state=unresectable --endpoint {base}/sparql",
                flush=True,
            )
    status = server.wait()
    return 0 if stopped and status in (0, -signal.SIGTERM) else status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="keep the database in DIR (default: a temporary folder, deleted)")
    parser.add_argument("--port", type=int, default=0, help="HTTP port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--seconds", type=float, default=120, help="how long it may take to start")
    args = parser.parse_args()
    port = args.port or free_port()
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        return serve(args.dir.resolve(), port, args.seconds)
    with tempfile.TemporaryDirectory(prefix="oncokg-virtuoso-") as folder:
        return serve(Path(folder), port, args.seconds)


if __name__ == "__main__":
    sys.exit(main())
