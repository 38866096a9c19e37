"""tools/virtuoso.py (`make virtuoso`): the one way to start a private Virtuoso, for users and the tests.

The store tests already push to and query the Virtuoso it starts (tests/conftest.py, `virtuoso_endpoint`);
these check what a user sees: the lines to use it (and a wrong password named as such), a clean stop
that deletes the throwaway database, and a one-line error where Virtuoso is not installed.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engines import VIRTUOSO_SCRIPT, require_virtuoso
from helpers import oncokg

pytestmark = pytest.mark.slow  # starts Virtuoso


def test_without_virtuoso_it_says_what_to_install(tmp_path):
    done = subprocess.run(
        [sys.executable, str(VIRTUOSO_SCRIPT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == "virtuoso: error: virtuoso-t not found; apt-get install virtuoso-opensource\n"


def test_it_prints_how_to_push_and_deletes_its_database_when_stopped(tmp_path, built, built_project):
    reason = require_virtuoso()
    if reason:
        pytest.skip(reason)
    server = subprocess.Popen(
        [sys.executable, str(VIRTUOSO_SCRIPT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        start_new_session=True,  # a signal for the server's group never reaches this test runner
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # printed once it answers
        push = server.stdout.readline()
        match = re.match(r"Virtuoso at (http://127\.0\.0\.1:\d+)/sparql \(database in (\S+);", first)
        assert match, first
        assert push.split() == [
            "oncokg", "push", "--endpoint", f"{match.group(1)}/sparql-graph-crud-auth",
            "--update", f"{match.group(1)}/sparql-auth", "--user", "dba", "--password", "dba",
        ]  # fmt: skip
        database = Path(match.group(2))
        assert database.parent == tmp_path and (database / "virtuoso.db").is_file()
        wrong = oncokg(*push.split()[1:-1], "not-dba", root=built_project.root)
        assert wrong.returncode == 1
        assert wrong.stderr == (
            f"oncokg: error: {match.group(1)}/sparql-graph-crud-auth: authentication failed (HTTP 401 Unauthorized); "
            "check --user, --password and --auth digest; no graph was replaced\n"
        )
        pushed = oncokg(*push.split()[1:], root=built_project.root)
        assert pushed.returncode == 0 and pushed.stdout.startswith("pushed "), pushed.stderr
        assert pushed.stdout.rstrip().endswith("staged and switched in one update")
    finally:
        server.send_signal(signal.SIGINT)
        status = server.wait(timeout=60)
    assert status == 0
    time.sleep(0.1)
    assert not database.exists()
