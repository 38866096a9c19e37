"""Ad-hoc SPARQL as people write it: common prefixes pre-declared, the query form told apart,
updates refused, and syntax errors in one readable line.

The query is parsed by pyoxigraph against an empty in-memory store, so every backend (embedded or
remote) gets the same checks and messages before anything is sent.
"""

import re
from dataclasses import dataclass

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.vocab import BASE, SPARQL_PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*):[\w-]*$")
_MAX_EXPECTED = 6


@dataclass(frozen=True)
class AdHocQuery:
    """A query ready to run: its full text (with declarations) and its form."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE


def declarations(text: str, prefixes: dict[str, str] = SPARQL_PREFIXES) -> str:
    """One line of PREFIX declarations for the known prefixes the query does not declare itself."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p not in declared)


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()


def prepare(text: str) -> AdHocQuery:
    """Declare the prefixes and the graph's namespace as the base IRI (`<imatinib>` reads as
    oncokg:imatinib, unless the query sets its own BASE), check the syntax and find the form;
    updates and bad syntax are errors."""
    if not _without_comments(text or ""):
        raise OncoKGError("empty query: give a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE")
    full = f"BASE <{BASE}> " + declarations(text) + "\n" + text
    try:
        answer = pyoxigraph.Store().query(full)
    except SyntaxError as exc:
        reject_updates(text)
        raise OncoKGError(syntax_message(str(exc), full, offset=1)) from None
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return AdHocQuery(full, "ASK")
    if isinstance(answer, pyoxigraph.QueryTriples):
        form = "DESCRIBE" if re.search(r"\bDESCRIBE\b", _without_comments(text), re.IGNORECASE) else "CONSTRUCT"
        return AdHocQuery(full, form)
    return AdHocQuery(full, "SELECT")


def reject_updates(text: str) -> None:
    """Refuse SPARQL Update: every store the query layer and the web service open is read-only."""
    if _is_update(text):
        raise OncoKGError(
            "SPARQL updates are not accepted: the store is read-only (use `oncokg build` or `oncokg push`)"
        )


def _is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update (rdflib's parser; imported only on this error path)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def syntax_message(message: str, text: str, offset: int = 0) -> str:
    """pyoxigraph's parse error as one line: where (line and column of the user's text), near what,
    and what was expected, with the character classes of the grammar left out."""
    match = _POSITION.match(message.strip())
    if not match:
        return "invalid SPARQL: " + " ".join(message.split())[:200]
    line, column, detail = int(match.group(1)), int(match.group(2)), " ".join(match.group(3).split())
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    where = f"line {line - offset}, column {column}"
    if "Prefix not found" in detail:
        name = _NAME_BEFORE.search(source_line[: column - 1])
        prefix = name.group(1) if name else "?"
        return (
            f"invalid SPARQL at {where}: prefix '{prefix}:' is not declared; add PREFIX {prefix}: <...> "
            f"(declared for you: see `oncokg prefixes`)"
        )
    near = source_line[column - 1 : column + 19].strip()
    alternatives = detail.removeprefix("expected one of ").removeprefix("expected ")
    expected = [e.strip() for e in re.split(r",\s*(?![^\[]*\])", alternatives)]
    words = [e for e in expected if e and not e.startswith("[")]
    if words:
        shown = ", ".join(words[:_MAX_EXPECTED]) + (", …" if len(words) > _MAX_EXPECTED else "")
        what = f"expected {'one of ' if len(words) > 1 else ''}{shown}"
    else:
        what = "unexpected text"
    return f"invalid SPARQL at {where}" + (f" near {near!r}" if near else " (at the end)") + f": {what}"
