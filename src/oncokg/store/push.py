"""`oncokg push`: load the built graph into a remote store with the SPARQL 1.1 Graph Store Protocol.

Each named graph of build/oncokg.trig is sent with one HTTP PUT to ``ENDPOINT?graph=IRI``, which
replaces that graph: pushing twice leaves the same data. Named graphs are kept as they are.

The Graph Store Protocol has no transaction over several graphs, so a push that fails midway
leaves some graphs replaced. The graphs go in IRI order, always the same, and the error says how
many were replaced and up to which, so that the remote store's state is known and a second push
completes it.
"""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from oncokg.errors import OncoKGError
from oncokg.limits import PUSH_TIMEOUT, seconds
from oncokg.store.remote import check_http_url

AUTH_SCHEMES = ("digest", "basic")
_TOKEN_BYTES = 16 * 2**20  # pyoxigraph's largest buffer when it reads a file (one literal or IRI)


@dataclass
class PushReport:
    """What was sent where."""

    endpoint: str
    graphs: dict[str, int]

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _session(endpoint: str, user: str | None, password: str | None, auth: str, timeout: float) -> requests.Session:
    """An HTTP session that sends credentials with every PUT.

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


def graphs_of(trig: Path) -> dict[str, bytes]:
    """Each named graph of a TriG file as N-Triples."""
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


def push(
    trig: Path,
    endpoint: str,
    user: str | None = None,
    password: str | None = None,
    auth: str = "digest",
    timeout: float = PUSH_TIMEOUT,
) -> PushReport:
    """PUT every named graph of the TriG file to a Graph Store Protocol endpoint, in IRI order; a
    failure says which graphs were already replaced."""
    check_http_url(endpoint)
    seconds(timeout, "--timeout")
    graphs = graphs_of(trig)
    session = _session(endpoint, user, password, auth, timeout)
    sent: dict[str, int] = {}
    with session:
        for graph, data in graphs.items():
            try:
                response = session.put(
                    endpoint,
                    params={"graph": graph},
                    data=data,
                    timeout=timeout,
                    headers={"Content-Type": "application/n-triples"},
                )
            except requests.RequestException as exc:
                raise OncoKGError(f"cannot reach {endpoint}: {_reason(exc)}; {_so_far(sent, graphs)}") from None
            if response.status_code in (401, 403):
                raise OncoKGError(
                    f"{endpoint}: authentication failed (HTTP {response.status_code} {response.reason}); "
                    f"check --user, --password and --auth {auth}; {_so_far(sent, graphs)}"
                )
            if response.status_code >= 400:
                body = response.text.strip().splitlines()
                raise OncoKGError(
                    f"{endpoint} refused graph {graph}: HTTP {response.status_code} {response.reason}"
                    + (f": {body[0][:200]}" if body else "")
                    + f"; {_so_far(sent, graphs)}"
                )
            sent[graph] = data.count(b"\n")
    return PushReport(endpoint, sent)


def _so_far(sent: dict[str, int], graphs: dict[str, bytes]) -> str:
    """What a failed push had replaced: the remote store holds these graphs of the new build."""
    if not sent:
        return "no graph was replaced"
    return (
        f"{len(sent)} of {len(graphs)} graphs were replaced (in IRI order, up to {list(sent)[-1]}); "
        "the others hold what they held before; push again to replace them all"
    )
