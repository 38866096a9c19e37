"""The help screens: commands in declared panels, in pipeline order; an example in every command's help,
one the command accepts; --format choices that are the registries' keys."""

import re
import shlex

import pytest
import typer

from helpers import oncokg
from oncokg.cli import app
from oncokg.cli.app import PANELS


def _commands(group, path=("oncokg",)):
    """(command path, Click command) for every command, sub-commands of a group included."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_help_screen_lists_the_panels_in_pipeline_order_and_every_command_in_one():
    screen = oncokg("-h", root=None).stdout
    shown = [panel for panel in re.findall(r"╭─ (\w+) ─", screen) if panel in PANELS]
    assert shown == list(PANELS)
    group = typer.main.get_command(app)
    assert all(command.rich_help_panel in PANELS for command in group.commands.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(path[1:]) for path, _ in COMMANDS])
def test_every_command_shows_an_example_that_it_accepts(path, command):
    examples = re.findall(r"^\s*Example: (.+)$", command.help or "", re.MULTILINE)
    assert len(examples) == 1, f"{' '.join(path)}: one 'Example:' line in its help"
    words = shlex.split(examples[0])
    assert tuple(words[: len(path)]) == path, examples[0]
    command.make_context(" ".join(path), words[len(path) :])  # a usage error raises


@pytest.mark.parametrize(
    "path, registry",
    [
        (("query",), "oncokg.query.formats"),
        (("export",), "oncokg.export"),
        (("pathway", "next"), "oncokg.cli.pathway"),
        (("pathway", "tree"), "oncokg.cli.pathway"),
    ],
)
def test_format_choices_are_the_registrys_keys(path, registry):
    import importlib

    formats = importlib.import_module(registry).FORMATS
    click_command = dict(COMMANDS)[("oncokg", *path)]
    option = next(p for p in click_command.params if p.name == "fmt")
    assert tuple(option.type.choices) == tuple(formats)
    context = click_command.make_context(" ".join(path), ["-h"], resilient_parsing=True)
    assert option.type.get_metavar(option, context) == "<" + "|".join(formats) + ">"  # what the help screen shows
