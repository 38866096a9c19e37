"""The project's own SPARQL (the resolver's index, the catalogue readers, the statistics): one
documented `.rq` file each in `vocab/rq/`, in the catalogue's header grammar (`# title:`,
`# description:`), so that an editor highlights them and the tests parse and shape-check them as
they do the catalogue's. No file declares a prefix: `sparql` puts PREFIX lines for the prefixes
the text uses, generated from `PREFIXES`, before it, so that no namespace is typed twice.

>>> print(prefix_header("SELECT ?s WHERE { ?s a oncokg:Drug ; rdfs:label ?l }"), end="")
PREFIX oncokg: <https://w3id.org/oncokg/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

import re
from functools import cache
from importlib.resources import files

from oncokg.vocab import PREFIXES, QUERY, SCHEMA

DECLARED = {**PREFIXES, "query": QUERY, "schema": SCHEMA}
_USED = re.compile(r"(?<![\w.:/#-])(" + "|".join(map(re.escape, DECLARED)) + r"):")


def prefix_header(text: str) -> str:
    """A PREFIX line for each of the project's prefixes the text uses, in the order of `PREFIXES`."""
    used = set(_USED.findall(text))
    return "".join(f"PREFIX {p}: <{DECLARED[p]}>\n" for p in DECLARED if p in used)


def names() -> list[str]:
    """The names of the project's own queries (their file names without `.rq`)."""
    return sorted(p.name[: -len(".rq")] for p in files(__package__).joinpath("rq").iterdir() if p.name.endswith(".rq"))


@cache
def source(name: str) -> str:
    """A query's file as written: its header, then its text without PREFIX lines."""
    return files(__package__).joinpath("rq", f"{name}.rq").read_text(encoding="utf-8")


@cache
def sparql(name: str) -> str:
    """A query ready to run: the PREFIX lines it needs, then its file."""
    text = source(name)
    return prefix_header(text) + text
