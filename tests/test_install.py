"""Install anywhere: the wheel carries its inputs; from an empty folder, `oncokg build` and every
command of the README's tour work in a fresh venv, and the build goes to the user data directory."""

import os
import re
import shlex
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from oncokg.cli.docs import HEAD

ROOT = Path(__file__).resolve().parents[1]


def tour_commands() -> list[str]:
    """The `$ oncokg ...` lines of the README's console blocks (without a trailing `| head -n N`)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [HEAD.sub("", line) for line in re.findall(r"^\$ (oncokg .+)$", text, re.MULTILINE)]


# One worker runs this module: the wheel is built once, and two builds never share setuptools' folder.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("install")]  # builds a wheel into a new venv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by the setuptools of this venv (the test extra pins one that builds wheels itself):
    an isolated build would first install setuptools into a new environment, 5 to 10 s of the suite."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("oncokg-*.whl"))


@pytest.fixture(scope="module")
def fresh(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed; the dependencies come from this venv's site-packages
    (a path entry, so that nothing of the editable install is seen)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)  # this venv's pip installs into it (--python): no second pip to set up
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "oncokg-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


def test_the_wheel_carries_the_inputs(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "oncokg/resources/ontology/oncokg.ttl",
        "oncokg/resources/ontology/shapes.ttl",
        "oncokg/resources/data/sources/sources.yaml",
        "oncokg/resources/data/mappings/oncokg.sssom.tsv",
        "oncokg/resources/queries/drug-targets.rq",
    ):
        assert expected in names
    assert any(n.startswith("oncokg/resources/ontology/qc/") for n in names)
    assert any(n.startswith("oncokg/resources/data/facts/") and n.endswith(".yaml") for n in names)
    assert any(n.endswith("LICENSE") for n in names)


def test_build_and_the_tour_from_an_empty_folder(fresh, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ONCOKG_ROOT", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data-home"), COLUMNS="100")
    oncokg = str(fresh / "bin" / "oncokg")

    def run(command: str) -> subprocess.CompletedProcess:
        args = shlex.split(command)
        return subprocess.run([oncokg, *args[1:]], cwd=empty, env=env, capture_output=True, text=True, timeout=600)

    built = run("oncokg build")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "data-home" / "oncokg" / "build" / "store").is_dir()
    assert list(empty.iterdir()) == []
    status = run("oncokg status")
    assert status.returncode == 0 and "current" in status.stdout, status.stderr
    commands = tour_commands()
    assert len(commands) >= 5
    for command in commands:
        result = run(command)
        assert result.returncode == 0, f"{command}: {result.stderr}"
        assert result.stdout.strip(), command
