"""`oncokg push --update` on a real Virtuoso: a push cut off at any point leaves the remote answering
the previous release in every graph, and a finished push answers the new build in every graph
(review 2, finding 11: an interrupted push had left 5 graphs new and 10 old)."""

import contextlib
import socket
import threading

import pyoxigraph
import pytest

from oncokg.errors import OncoKGError

pytestmark = pytest.mark.slow  # a Virtuoso and a few pushes of the whole graph

_RELEASE = pyoxigraph.NamedNode("urn:test:release")
_MARK = (pyoxigraph.NamedNode("urn:test:previous"), _RELEASE, pyoxigraph.Literal("previous"))


class Relay:
    """A TCP relay in front of the store that breaks off like a network or a client does: after `cut`
    bytes from the client (mid-request), or, with `mute`, by hanging up once the store has answered,
    so that the store did the work and the client never heard."""

    def __init__(self, port: int, cut: int | None = None, mute: bool = False):
        self.port, self.cut, self.mute, self.sent = port, cut, mute, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            store = socket.create_connection(("127.0.0.1", self.port))
            threading.Thread(target=self._to_store, args=(client, store), daemon=True).start()
            threading.Thread(target=self._to_client, args=(store, client), daemon=True).start()

    def _to_store(self, client: socket.socket, store: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := client.recv(65536):
                with self.lock:
                    self.sent += len(chunk)
                    over = self.cut is not None and self.sent > self.cut
                if over:
                    break
                store.sendall(chunk)
        _hang_up(client, store)

    def _to_client(self, store: socket.socket, client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while (chunk := store.recv(65536)) and not self.mute:
                client.sendall(chunk)
        _hang_up(client, store)


def _hang_up(*sockets: socket.socket) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


@pytest.fixture(scope="module")
def virtuoso(built, tmp_path_factory):
    """A private Virtuoso of this module's own, which these tests may overwrite: (query, GSP, update) URLs."""
    from engines import require_virtuoso, virtuoso_server

    reason = require_virtuoso()
    if reason:
        pytest.skip(reason)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso-push")) as (query_url, gsp_url):
        yield query_url, gsp_url, query_url.removesuffix("/sparql") + "/sparql-auth"


@pytest.fixture(scope="module")
def previous_release(built_project, tmp_path_factory):
    """The build with one more triple in every graph: what the remote held before this push."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(built_project.trig), format=pyoxigraph.RdfFormat.TRIG)
    for graph in list(store.named_graphs()):
        store.add(pyoxigraph.Quad(*_MARK, graph))
    trig = tmp_path_factory.mktemp("previous") / "oncokg.trig"
    store.dump(str(trig), pyoxigraph.RdfFormat.TRIG)
    return trig


@pytest.fixture
def remote(virtuoso, previous_release):
    """The Virtuoso holding the previous release in full, and the triples of each graph then."""
    from oncokg.store.push import push

    query_url, gsp_url, update_url = virtuoso
    push(previous_release, gsp_url, user="dba", password="dba", update=update_url)
    before = graphs_on(query_url)
    assert before and all(marked for _, marked in before.values())
    return virtuoso, before


def graphs_on(query_url: str) -> dict[str, tuple[int, bool]]:
    """Each of the project's graphs on the store: its triples, and whether it holds the previous release's marker."""
    from oncokg.store.remote import RemoteBackend

    answer = RemoteBackend(query_url).select(
        "SELECT ?g (COUNT(*) AS ?n) (SUM(IF(?p = <urn:test:release>, 1, 0)) AS ?m) "
        'WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/oncokg/graph/")) } GROUP BY ?g'
    )
    return {row["g"].value: (int(row["n"].value), int(row["m"].value) > 0) for row in answer.rows}


def _port(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def _through(relay: Relay, url: str) -> str:
    return relay.url + "/" + url.split("/", 3)[3]


def test_a_push_cut_off_while_loading_leaves_every_graph_as_it_was(remote, built_project):
    from oncokg.store.push import STAGING, graphs_of, push

    (query_url, gsp_url, update_url), before = remote
    sizes = [len(data) for data in graphs_of(built_project.trig).values()]
    relay = Relay(_port(gsp_url), cut=sum(sizes[:5]) + 65536)  # within the 6th graph's PUT (over 64 KB)
    try:
        with pytest.raises(OncoKGError, match="no graph was replaced, and the 5 graphs it had loaded") as caught:
            push(built_project.trig, _through(relay, gsp_url), user="dba", password="dba", update=update_url)
    finally:
        relay.close()
    assert "\n" not in str(caught.value)
    assert graphs_on(query_url) == before  # every graph still whole and old; no staging graph left
    assert not any(graph.startswith(STAGING) for graph in graphs_on(query_url))


def test_a_switch_never_received_replaces_nothing_and_the_next_push_completes(remote, built_project):
    from oncokg.store.push import STAGING, push

    (query_url, gsp_url, update_url), before = remote
    relay = Relay(_port(update_url), cut=0)
    try:
        with pytest.raises(OncoKGError, match="while switching to the new graphs; no graph was replaced"):
            push(built_project.trig, gsp_url, user="dba", password="dba", update=_through(relay, update_url))
    finally:
        relay.close()
    after = graphs_on(query_url)
    assert {graph: after[graph] for graph in before} == before
    assert sum(graph.startswith(STAGING) for graph in after) == len(before)  # waiting to be switched

    report = push(built_project.trig, gsp_url, user="dba", password="dba", update=update_url)
    assert report.staged and len(report.graphs) == len(before)
    assert graphs_on(query_url) == {graph: (triples - 1, False) for graph, (triples, _) in before.items()}


def test_a_switch_whose_answer_is_lost_is_reported_as_done(remote, built_project):
    from oncokg.store.push import push

    (query_url, gsp_url, update_url), before = remote
    relay = Relay(_port(update_url), mute=True)
    try:
        with pytest.raises(OncoKGError, match=f"all {len(before)} graphs were replaced all the same"):
            push(built_project.trig, gsp_url, user="dba", password="dba", update=_through(relay, update_url))
    finally:
        relay.close()
    assert graphs_on(query_url) == {graph: (triples - 1, False) for graph, (triples, _) in before.items()}


def test_the_cli_pushes_the_new_build_whole(remote, built_project):
    from helpers import oncokg

    (query_url, gsp_url, update_url), before = remote
    result = oncokg(
        "push", "--endpoint", gsp_url, "--update", update_url, "--user", "dba", "--password", "dba",
        root=built_project.root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "staged and switched in one update" in result.stdout
    assert graphs_on(query_url) == {graph: (triples - 1, False) for graph, (triples, _) in before.items()}


def test_the_switch_is_one_transaction_on_oxigraph_and_operation_by_operation_on_virtuoso(virtuoso, tmp_path):
    """What docs/querying.md says of the switch, on the real engines: a request whose last operation
    fails keeps the MOVEs before it on Virtuoso 7.2 (hence push's report of what was switched) and
    undoes them on the oxigraph server."""
    import requests

    from engines import oxigraph_server
    from oncokg.store.push import switch_update
    from oncokg.store.remote import RemoteBackend

    graph, staged, other = "http://example.org/g", "http://example.org/staged", "http://example.org/other"
    failing = switch_update({graph: staged}) + f" ;\nCREATE GRAPH <{other}>"  # CREATE fails: the graph exists
    auth = requests.auth.HTTPDigestAuth("dba", "dba")
    with oxigraph_server(tmp_path) as (oxigraph_query, oxigraph_gsp):
        oxigraph_update = oxigraph_query.removesuffix("/query") + "/update"
        kept = {}
        for query_url, gsp_url, update_url in [(oxigraph_query, oxigraph_gsp, oxigraph_update), virtuoso]:
            for name, value in ((graph, "old"), (staged, "new"), (other, "other")):
                put = requests.put(
                    gsp_url, params={"graph": name}, data=f'<urn:s> <urn:p> "{value}" .\n', auth=auth,
                    headers={"Content-Type": "application/n-triples"}, timeout=60,
                )  # fmt: skip
                assert put.status_code < 300
            answer = requests.post(
                update_url, data=failing, auth=auth, headers={"Content-Type": "application/sparql-update"}, timeout=60
            )
            assert answer.status_code >= 400
            rows = RemoteBackend(query_url).select(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s <urn:p> ?o }} }}").rows
            kept[gsp_url == oxigraph_gsp] = [row["o"].value for row in rows]
    assert kept == {True: ["old"], False: ["new"]}
