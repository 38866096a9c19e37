"""A build never deletes or moves what is not a build, and a killed build leaves nothing running."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from oncokg.errors import OncoKGError
from oncokg.export import export
from oncokg.pipeline.build import build, build_lock, recover, swap
from oncokg.pipeline.hermit import remove_stale_folders
from oncokg.project import BUILD_MARKER, TRIG

pytestmark = pytest.mark.slow  # whole builds, killed and repeated

ONCOKG = [sys.executable, "-m", "oncokg"]


def test_an_existing_folder_of_the_users_is_refused_and_kept(scratch, tmp_path):
    """Review 2, finding 21: the refusal also left `thesis.lock` beside the user's folder."""
    mine = tmp_path / "home" / "thesis"
    (mine / "sub").mkdir(parents=True)
    (mine / "chapter-1.txt").write_text("work")
    (mine / "sub" / "notes.md").write_text("notes")
    with pytest.raises(OncoKGError, match=r"not an OncoKG build .*refusing"):
        build(scratch, mine)
    assert (mine / "chapter-1.txt").read_text() == "work" and (mine / "sub" / "notes.md").is_file()
    assert sorted(p.name for p in mine.parent.iterdir()) == ["thesis"]


def test_a_build_keeps_the_exports_in_its_folder(scratch_built):
    """Review 2, finding 9: `oncokg build` replaced build/ whole, and build/export/ with it."""
    export(scratch_built, "kgx")
    before = {p.name: p.read_bytes() for p in scratch_built.export_dir.iterdir()}
    build(scratch_built)
    assert {p.name: p.read_bytes() for p in scratch_built.export_dir.iterdir()} == before


def test_the_root_folder_is_refused_with_one_line(scratch):
    """Review 2, finding 20: `build --out /` was an internal ValueError."""
    with pytest.raises(OncoKGError, match="the root of the file system cannot be a build folder"):
        build(scratch, Path("/"))


def test_a_file_as_out_is_refused_and_not_moved(scratch, tmp_path):
    (tmp_path / "home").mkdir()
    victim = tmp_path / "home" / "victim.txt"
    victim.write_text("keep me")
    for out in (victim, victim / "sub"):
        with pytest.raises(OncoKGError, match="is a file"):
            build(scratch, out)
    assert victim.read_text() == "keep me"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]


def test_a_folder_in_the_way_that_is_not_a_build_is_not_deleted(tmp_path):
    out, new = tmp_path / "build", tmp_path / "build.new"
    new.mkdir()
    (new / "mine.txt").write_text("mine")
    with pytest.raises(OncoKGError, match="in the way"):
        recover(out)
    assert (new / "mine.txt").read_text() == "mine"


def test_a_second_build_of_the_same_folder_stops_with_one_line(scratch):
    out = scratch.root / "build"
    with build_lock(out), pytest.raises(OncoKGError, match="another build is writing") as caught:
        build(scratch, out)
    assert "\n" not in str(caught.value)


def test_the_swap_exchanges_the_builds_in_one_step(tmp_path):
    out, new = tmp_path / "build", tmp_path / "build.new"
    for folder, content in ((out, "old"), (new, "new")):
        folder.mkdir()
        (folder / BUILD_MARKER).write_text("")
        (folder / TRIG).write_text(content)
    swap(new, out)
    assert (out / TRIG).read_text() == "new" and (new / TRIG).read_text() == "old"


def _reasoner_of(pid: int, seconds: float = 60) -> psutil.Process:
    """The reasoner child of a build process, once it has started Java."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for child in psutil.Process(pid).children():
            if "oncokg.pipeline.hermit" in " ".join(child.cmdline()) and child.children():
                return child
        time.sleep(0.1)
    raise AssertionError("the build did not start its reasoner")


def test_a_build_killed_during_reasoning_leaves_no_reasoner_and_the_previous_build(
    built_project, built, tmp_path, monkeypatch
):
    before = (built.out / TRIG).read_bytes()
    # A temporary folder of its own: a build running beside it (another test worker) clears dead builds' folders.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    build_run = subprocess.Popen(
        ONCOKG + ["build", "--root", str(built_project.root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    reasoner = _reasoner_of(build_run.pid)
    tree = [reasoner] + reasoner.children(recursive=True)
    folder = next(Path(tempfile.gettempdir()).glob(f"oncokg-reason-{build_run.pid}-*"))
    os.kill(build_run.pid, signal.SIGKILL)
    build_run.wait()
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive, f"still running after the build was killed: {[p.cmdline()[:2] for p in alive]}"
    assert (built.out / TRIG).read_bytes() == before
    assert folder.exists()
    remove_stale_folders()  # what the next reasoner run does first
    assert not folder.exists()
