"""Ad-hoc SPARQL as people write it: common prefixes pre-declared, the query form told apart,
updates refused, and syntax errors in one readable line.

The query is parsed by pyoxigraph against an empty in-memory store, so every backend (embedded or
remote) gets the same checks and messages before anything is sent.
"""

import functools
import re
import threading
from dataclasses import dataclass

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT
from oncokg.store.guard import strip_comments
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
    """One line of PREFIX declarations for the known prefixes the query may use (its text holds
    ``name:``) and does not declare itself. The engine parses every declaration on every run: all
    twenty cost 11 us of a 0.25 ms query. A text with ``\\u`` escapes gets them all: oxigraph reads
    no escape in a prefixed name, but an engine that decodes them early (`store.guard`) would."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    escaped = "\\u" in text or "\\U" in text
    return " ".join(
        f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p not in declared and (escaped or p + ":" in text)
    )


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()


KNOWN_QUERIES = 256
"""Ad-hoc texts whose checked form is remembered (the most recent), each of at most
`KNOWN_QUERY_CHARS`: a notebook or a pipeline runs the same text again, and checking it (a thread
and an empty store) cost 0.6 ms, more than most catalogue queries take on the graph."""
KNOWN_QUERY_CHARS = 65_536


def prepare(text: str, timeout: float = QUERY_TIMEOUT) -> AdHocQuery:
    """Declare the prefixes and the graph's namespace as the base IRI (`<imatinib>` reads as
    oncokg:imatinib, unless the query sets its own BASE), check the syntax and find the form;
    updates and bad syntax are errors (never remembered: only a text that passed is).

    pyoxigraph has no parser on its own: the query is planned and run on an empty store, which is
    quick for any sane query but grows with the cube of an OPTIONAL chain (1,000 groups: 80 s), so
    it runs on a daemon thread within the query's timeout."""
    if isinstance(text, str) and len(text) <= KNOWN_QUERY_CHARS:
        return _prepare_known(text, timeout)
    return _prepare(text, timeout)


@functools.lru_cache(maxsize=KNOWN_QUERIES)
def _prepare_known(text: str, timeout: float) -> AdHocQuery:
    return _prepare(text, timeout)


def _prepare(text: str, timeout: float) -> AdHocQuery:
    if not _without_comments(strip_comments(text or "")):
        raise OncoKGError("empty query: give a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE")
    full = f"BASE <{BASE}> " + declarations(text) + "\n" + text
    outcome: list = []
    checking = threading.Thread(target=_try_empty, args=(full, outcome), name="oncokg-prepare", daemon=True)
    checking.start()
    checking.join(timeout)
    if not outcome:
        raise OncoKGError(f"query did not finish within its timeout of {timeout:g} s (while checking its syntax)")
    answer = outcome[0]
    if isinstance(answer, SyntaxError):
        reject_updates(text)
        raise OncoKGError(syntax_message(str(answer), full, offset=1))
    if answer == "triples":
        form = "DESCRIBE" if re.search(r"\bDESCRIBE\b", _without_comments(text), re.IGNORECASE) else "CONSTRUCT"
        return AdHocQuery(full, form)
    return AdHocQuery(full, answer)


def _try_empty(full: str, outcome: list) -> None:
    """The query's form, found on the empty store; pyoxigraph's answer is dropped on this thread, which
    made it (its objects may not cross threads)."""
    try:
        answer = pyoxigraph.Store().query(full)
    except SyntaxError as exc:
        outcome.append(exc)
        return
    if isinstance(answer, pyoxigraph.QueryBoolean):
        outcome.append("ASK")
    else:
        outcome.append("triples" if isinstance(answer, pyoxigraph.QueryTriples) else "SELECT")


def reject_updates(text: str) -> None:
    """Refuse SPARQL Update: every store the query layer and the web service open is read-only."""
    if _is_update(text):
        raise OncoKGError(
            "SPARQL updates are not accepted: the store is read-only (use `oncokg build` or `oncokg push`)"
        )


def _is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update with at least one operation (rdflib's parser, imported
    only on this error path; it reads an empty, comment-only or prologue-only text as an empty update)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except Exception:
        return False
    return isinstance(parsed.get("request"), list) and bool(parsed["request"])


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
