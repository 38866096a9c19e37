"""Wrong or hostile command options: refused with one line naming the file or the line; nothing wrong is accepted."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.hostile

ONCOKG = [sys.executable, "-m", "oncokg"]


def test_a_negative_top_is_refused(built_project, built):
    result = subprocess.run(
        ONCOKG + ["stats", "--top", "-5", "--root", str(built_project.root)], capture_output=True, text=True, timeout=60
    )
    assert (
        result.returncode == 1
        and result.stderr.strip() == "oncokg: error: --top must be 0 (all) or a positive count (got -5)"
    )
