"""`oncokg push`: load the built graph into a remote store with the SPARQL 1.1 Graph Store Protocol.

Each named graph of build/oncokg.trig is sent with one HTTP PUT, which replaces that graph: pushing
twice leaves the same data. Named graphs are kept as they are.

The Graph Store Protocol has no transaction over several graphs. Given the store's SPARQL 1.1
Update endpoint as well (`--update`), a push is all or nothing as far as the store allows: every
graph is first PUT under a staging name (graph/staging/...), and only when all are loaded does one
update request of MOVEs switch them in. A push that fails while loading drops what it staged and
has replaced nothing. The switch sends no data; oxigraph runs it in one transaction, Virtuoso
operation by operation (a failing operation does not undo the MOVEs before it), so if the switch
itself fails the push asks the store which staging graphs are left and names the graphs that were
switched.

Without `--update` the graphs are replaced one by one, in IRI order, always the same, and a failure
says how many were replaced and up to which, so that a second push completes it.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from oncokg.errors import OncoKGError
from oncokg.limits import PUSH_TIMEOUT, seconds
from oncokg.store.binding import term_n3
from oncokg.store.remote import check_http_url
from oncokg.store.results import Value
from oncokg.vocab import PREFIXES

AUTH_SCHEMES = ("digest", "basic")
STAGING = PREFIXES["graph"] + "staging/"  # no build writes a graph here
_TOKEN_BYTES = 16 * 2**20  # pyoxigraph's largest buffer when it reads a file (one literal or IRI)


@dataclass
class PushReport:
    """What was sent where, and whether it was switched in at once."""

    endpoint: str
    graphs: dict[str, int]
    staged: bool = False

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


class _Failed(Exception):
    """One request to the remote store failed; the message says which and why."""


def _session(endpoint: str, user: str | None, password: str | None, auth: str, timeout: float) -> requests.Session:
    """An HTTP session that sends credentials with every request.

    With digest auth, one HEAD first fetches the server's challenge; requests then signs each PUT
    up front. Otherwise every PUT is first answered 401, and Virtuoso hangs up while the body is
    still going out (a broken pipe, more often the larger the graph and the busier the machine).
    """
    session = requests.Session()
    if user is None:
        return session
    if auth not in AUTH_SCHEMES:
        raise OncoKGError(f"unknown auth scheme {auth!r}; use {' or '.join(AUTH_SCHEMES)}")
    session.auth = (HTTPDigestAuth if auth == "digest" else HTTPBasicAuth)(user, password or "")
    if auth == "digest":
        try:
            session.head(endpoint, timeout=timeout)
        except requests.RequestException as exc:
            raise OncoKGError(f"cannot reach {endpoint}: {_reason(exc)}") from None
    return session


def _reason(exc: requests.RequestException) -> str:
    return " ".join(str(exc.__context__ or exc).split())[:200]


@dataclass
class _Remote:
    """The store's Graph Store endpoint and, if given, its Update endpoint, over one session."""

    session: requests.Session
    endpoint: str
    update_endpoint: str | None
    timeout: float
    auth: str

    def put(self, graph: str, data: bytes) -> None:
        headers = {"Content-Type": "application/n-triples"}
        self._send("PUT", self.endpoint, f"graph {graph}", params={"graph": graph}, data=data, headers=headers)

    def update(self, text: str) -> None:
        assert self.update_endpoint is not None
        headers = {"Content-Type": "application/sparql-update"}
        self._send("POST", self.update_endpoint, "the update", data=text.encode(), headers=headers)

    def holds(self, graph: str) -> bool:
        """Whether the store has the graph (the Graph Store Protocol answers 404 when it has not)."""
        options = {"params": {"graph": graph}, "stream": True}
        with self._send("GET", self.endpoint, f"graph {graph}", missing=True, **options) as response:
            return response.status_code != 404

    def _send(self, method: str, url: str, what: str, missing: bool = False, **options) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.timeout, **options)
        except requests.RequestException as exc:
            raise _Failed(f"cannot reach {url}: {_reason(exc)}") from None
        if response.status_code in (401, 403):
            raise _Failed(
                f"{url}: authentication failed (HTTP {response.status_code} {response.reason}); "
                f"check --user, --password and --auth {self.auth}"
            )
        if response.status_code >= 400 and not (missing and response.status_code == 404):
            body = response.text.strip().splitlines()
            raise _Failed(
                f"{url} refused {what}: HTTP {response.status_code} {response.reason}"
                + (f": {' '.join(body[0].split())[:200]}" if body else "")
            )
        return response


def graphs_of(trig: Path) -> dict[str, bytes]:
    """Each named graph of a TriG file as N-Triples, in IRI order."""
    if not trig.is_file():
        raise OncoKGError(f"no built graph at {trig}; run `oncokg build` first")
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    except MemoryError as exc:
        # pyoxigraph reads a file in pieces of at most 16 MiB; a longer literal cannot be read back,
        # so building again would only write it again
        raise OncoKGError(
            f"cannot read the build {trig}: a literal or IRI in it is longer than the "
            f"{_TOKEN_BYTES // 2**20} MiB pyoxigraph reads in one piece ({' '.join(str(exc).split())[:80]}); "
            "shorten that value in the facts, then build and push again"
        ) from None
    except (SyntaxError, OSError, RuntimeError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise OncoKGError(f"cannot read the build {trig}: {detail}; run `oncokg build` again") from None
    stray = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    if stray:
        raise OncoKGError(
            f"{trig} has {stray} triples outside any named graph, which a build never writes; run `oncokg build` again"
        )
    return {
        graph.value: store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        for graph in sorted(store.named_graphs(), key=lambda graph: graph.value)
    }


def staging_name(graph: str) -> str:
    """The name a graph is loaded under before the switch: the same on every push, so that a push
    killed before it could clean up leaves one copy at most, which the next push replaces."""
    inside = graph.removeprefix(PREFIXES["graph"]) if graph.startswith(PREFIXES["graph"]) else quote(graph, safe="")
    return STAGING + inside


def push(
    trig: Path,
    endpoint: str,
    user: str | None = None,
    password: str | None = None,
    auth: str = "digest",
    timeout: float = PUSH_TIMEOUT,
    update: str | None = None,
) -> PushReport:
    """PUT every named graph of the TriG file to a Graph Store Protocol endpoint, in IRI order.

    With `update` (the same store's SPARQL Update endpoint) the graphs are staged, then switched in
    with one update; otherwise each is replaced in turn, and a failure says which were."""
    check_http_url(endpoint)
    if update is not None:
        check_http_url(update, "update endpoint")
    seconds(timeout, "--timeout")
    graphs = graphs_of(trig)
    with _session(endpoint, user, password, auth, timeout) as session:
        remote = _Remote(session, endpoint, update, timeout, auth)
        if update is None:
            _replace_one_by_one(remote, graphs)
        else:
            _stage_and_switch(remote, graphs)
    return PushReport(endpoint, {graph: data.count(b"\n") for graph, data in graphs.items()}, update is not None)


def _replace_one_by_one(remote: _Remote, graphs: dict[str, bytes]) -> None:
    sent: list[str] = []
    for graph, data in graphs.items():
        try:
            remote.put(graph, data)
        except _Failed as failed:
            raise OncoKGError(f"{failed}; {_so_far(sent, graphs)}") from None
        sent.append(graph)


def _so_far(sent: list[str], graphs: dict[str, bytes]) -> str:
    """What a failed push had replaced: the remote store holds these graphs of the new build."""
    if not sent:
        return "no graph was replaced"
    return (
        f"{len(sent)} of {len(graphs)} graphs were replaced (in IRI order, up to {sent[-1]}); "
        "the others hold what they held before; push again to replace them all "
        "(with --update, a push replaces all or none)"
    )


def _stage_and_switch(remote: _Remote, graphs: dict[str, bytes]) -> None:
    staged = {graph: staging_name(graph) for graph in graphs}
    loaded: list[str] = []
    for graph, data in graphs.items():
        try:
            remote.put(staged[graph], data)
        except _Failed as failed:
            raise OncoKGError(f"{failed}; no graph was replaced{_drop(remote, loaded, staged[graph])}") from None
        loaded.append(staged[graph])
    try:
        remote.update(switch_update(staged))
    except _Failed as failed:
        raise OncoKGError(f"{failed} while switching to the new graphs; {_switched(remote, staged)}") from None


def switch_update(staged: dict[str, str]) -> str:
    """The one update request that moves each staging graph onto its graph (graph -> staging name)."""
    return " ;\n".join(f"MOVE GRAPH {_iri(name)} TO GRAPH {_iri(graph)}" for graph, name in staged.items())


def _iri(name: str) -> str:
    return term_n3(Value("iri", name))


def _drop(remote: _Remote, loaded: list[str], failed: str) -> str:
    """Drop the staging graphs of a push that failed while loading (the one it was loading too, in
    case the store kept part of it); what became of those it had loaded."""
    try:
        remote.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(name)}" for name in [*loaded, failed]))
    except _Failed:
        left = f", but the {len(loaded)} graphs it loaded under {STAGING} are left there until the next push"
        return left if loaded else ""
    return f", and the {len(loaded)} graphs it had loaded under {STAGING} were removed" if loaded else ""


def _switched(remote: _Remote, staged: dict[str, str]) -> str:
    """After a failed switch, which graphs were switched: those whose staging graph was moved away."""
    try:
        waiting = [graph for graph, name in staged.items() if remote.holds(name)]
    except _Failed as failed:
        return f"cannot tell which graphs were switched ({failed}); push again to switch them all"
    if len(waiting) == len(staged):
        return f"no graph was replaced; the new graphs wait under {STAGING} until the next push"
    if not waiting:
        return f"all {len(staged)} graphs were replaced all the same (the store did the switch but its answer was lost)"
    return (
        f"{len(staged) - len(waiting)} of {len(staged)} graphs were replaced; these still hold what they "
        f"held before: {', '.join(waiting)}; push again to switch them all"
    )
