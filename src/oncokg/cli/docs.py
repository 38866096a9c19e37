"""Docs that cannot drift: every sample output and the catalogue reference come from the program.

    python -m oncokg.cli.docs            # rewrite the samples of README.md and docs/*.md, and docs/catalogue.md
    python -m oncokg.cli.docs --check    # exit 1, naming each one, if a committed sample differs

A sample is a marker line followed by a fenced block, which the generator owns::

    <!-- sample: oncokg query drug-targets --param drug=Gleevec -->
    ```console
    $ oncokg query drug-targets --param drug=Gleevec
    ...what the command prints...
    ```

A table of figures is what the generator writes between a marker and its end, from a benchmark's
result file (``benchmarks/results.py`` writes them)::

    <!-- table: benchmarks/results/startup.json -->
    <!-- /table -->

The export formats' table is written the same way, between ``<!-- export formats -->`` and
``<!-- /export formats -->``, from the export registry (``oncokg.export.FORMATS``, each format's
``purpose``), so docs/exports.md lists what the code registers and says what the code says.

In a ``console`` block the command is echoed after ``$``; other blocks (json, mermaid) hold the
output alone. ``| head -n N`` keeps the first N lines. ``<!-- sample-file NAME: COMMAND -->`` shows
the file NAME that the command writes (run in a scratch folder). Commands run through the command's
entry point in this process (``oncokg.cli.run``, as a user's ``oncokg`` does) with ``COLUMNS=100``,
from the folder of the docs, on the build of the project found as usual (``ONCOKG_ROOT`` or the
checkout); run ``oncokg build`` first.
"""

import contextlib
import difflib
import re
import shlex
import sys
import tempfile
from pathlib import Path

from oncokg.errors import OncoKGError

WIDTH = "100"
_SAMPLE = re.compile(
    r"^<!-- sample(?:-file (?P<file>[^:]+))?: (?P<command>.+?) -->\n```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
HEAD = re.compile(r"\s*\|\s*head -n (\d+)\s*$")
_TABLE = re.compile(r"^<!-- table: (?P<file>\S+) -->\n.*?^<!-- /table -->$", re.MULTILINE | re.DOTALL)
_EXPORT_FORMATS = re.compile(r"^<!-- export formats -->\n.*?^<!-- /export formats -->$", re.MULTILINE | re.DOTALL)
CATALOGUE = Path("docs") / "catalogue.md"


def run_command(command: str, cwd: Path, output_file: str | None = None) -> str:
    """What `command` (an `oncokg ...` line) prints, or writes to output_file."""
    from oncokg.cli import run

    head = HEAD.search(command)
    line = command[: head.start()] if head else command
    args = shlex.split(line)
    if not args or args[0] != "oncokg":
        raise OncoKGError(f"a sample command starts with 'oncokg': {command!r}")
    with tempfile.TemporaryDirectory() as scratch:
        where = Path(scratch) if output_file else cwd
        with contextlib.chdir(where):
            status, stdout, stderr = run(args[1:], {"COLUMNS": WIDTH, "NO_COLOR": "1"})
        if status != 0:
            raise OncoKGError(f"sample command failed ({status}): {command}: {stderr.strip()}")
        text = (where / output_file).read_text(encoding="utf-8") if output_file else stdout
    lines = [line.rstrip() for line in text.rstrip("\n").splitlines()]  # a help screen pads its lines
    return "\n".join(lines[: int(head.group(1))] if head else lines)


def render_samples(text: str, cwd: Path) -> str:
    """The markdown with every sample block regenerated."""

    def block(match: re.Match) -> str:
        command, lang = match.group("command"), match.group("lang")
        output = run_command(command, cwd, match.group("file"))
        shown = f"$ {command}\n{output}" if lang == "console" else output
        marker = match.group(0).split("\n", 1)[0]
        return f"{marker}\n```{lang}\n{shown}\n```"

    text = _TABLE.sub(lambda match: figures_table(match, cwd), _SAMPLE.sub(block, text))
    return _EXPORT_FORMATS.sub(lambda _: export_formats_table(), text)


def export_formats_table() -> str:
    """The export registry as a Markdown table: each format, what it is for, and the command."""
    from oncokg.export import FORMATS

    lines = [
        "<!-- export formats -->",
        "| format | what it is for | command |",
        "|---|---|---|",
        *(f"| `{f.name}` | {f.purpose} | `oncokg export --format {f.name}` |" for f in FORMATS.values()),
        "<!-- /export formats -->",
    ]
    return "\n".join(lines)


def figures_table(match: re.Match, cwd: Path) -> str:
    """A benchmark's recorded figures as a Markdown table under its marker, with when and where they
    were measured."""
    import json

    path = cwd / match.group("file")
    if not path.is_file():
        raise OncoKGError(f"no figures at {match.group('file')}: run the benchmark with --record")
    run = json.loads(path.read_text(encoding="utf-8"))
    arguments = " ".join(run["arguments"])
    lines = [
        f"<!-- table: {match.group('file')} -->",
        f"`{run['benchmark']} {arguments}`".replace(" `", "`") + f", {run['date']}, commit {run['commit']}, "
        f"{run['machine']}, load average {run['load_average']}:",
        "",
        "| " + " | ".join(run["columns"]) + " |",
        "|" + "---|" * len(run["columns"]),
        *("| " + " | ".join(row) + " |" for row in run["rows"]),
        "<!-- /table -->",
    ]
    return "\n".join(lines)


def catalogue_reference(cwd: Path) -> str:
    """docs/catalogue.md: every query of the catalogue, its parameters and a sample answer."""
    from oncokg.project import Project
    from oncokg.query.catalog import load_catalog

    catalog = load_catalog(Project.find().queries_dir)
    parts = [
        "# The query catalogue",
        "",
        "<!-- generated by `python -m oncokg.cli.docs` from queries/*.rq; do not edit -->",
        "",
        "Run one with `oncokg query NAME --param KEY=VALUE`; `oncokg queries` lists them. A value is a",
        "label, synonym, brand name or CURIE. Samples show the first 8 lines at 100 columns.",
        "",
        "| query | what it answers | parameters |",
        "|---|---|---|",
    ]
    for q in catalog.values():
        params = ", ".join(f"`{p.name}`" + (" (optional)" if p.optional else "") for p in q.parameters) or "none"
        parts.append(f"| [`{q.name}`](#{q.name}) | {q.title} | {params} |")
    for q in catalog.values():
        parts += ["", f"## {q.name}", "", f"**{q.title}.** {q.description}", ""]
        if q.parameters:
            parts += ["| parameter | type | what it is | example |", "|---|---|---|---|"]
            parts += [
                f"| `{p.name}`{' (optional)' if p.optional else ''} | {p.type} | {p.description} | `{p.example}` |"
                for p in q.parameters
            ]
            parts.append("")
        if q.keywords:
            parts += [f"Keywords: {', '.join(q.keywords)}.", ""]
        args = " ".join(f"--param {shlex.quote(p.name + '=' + p.example)}" for p in q.parameters if not p.optional)
        command = f"oncokg query {q.name} {args}".rstrip() + " | head -n 8"
        parts += [
            f"<!-- sample: {command} -->",
            "```console",
            "```",
            "",
            f"Source: [`queries/{q.name}.rq`](../queries/{q.name}.rq)",
        ]
    return render_samples("\n".join(parts) + "\n", cwd)


def documents(cwd: Path) -> list[Path]:
    """The markdown files that hold samples: README.md and docs/*.md (but the catalogue)."""
    return [cwd / "README.md"] + sorted(p for p in (cwd / "docs").glob("*.md") if p != cwd / CATALOGUE)


def generate(cwd: Path, check: bool = False) -> list[str]:
    """Regenerate (or, with check, compare) every sample; the names of the files that differ(ed)."""
    from oncokg.pipeline.status import build_status
    from oncokg.project import Project

    status = build_status(Project.find())
    if not status.current:
        raise OncoKGError(status.warning().removeprefix("oncokg: warning: "))
    expected = {cwd / CATALOGUE: catalogue_reference(cwd)}
    for path in documents(cwd):
        expected[path] = render_samples(path.read_text(encoding="utf-8"), cwd)
    differ = []
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            differ.append(path.relative_to(cwd).as_posix())
            if check:
                diff = difflib.unified_diff(current.splitlines(), text.splitlines(), str(path), "now", lineterm="", n=1)
                print("\n".join(list(diff)[:40]), file=sys.stderr)
            else:
                path.write_text(text, encoding="utf-8")
    return differ


def main(argv: list[str]) -> int:
    check = "--check" in argv
    try:
        differ = generate(Path.cwd(), check)
    except OncoKGError as exc:
        print(f"oncokg.cli.docs: error: {exc}", file=sys.stderr)
        return 1
    for name in differ:
        print(f"{'differs' if check else 'regenerated'}: {name}", file=sys.stderr)
    return 1 if check and differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
