"""Wrong or hostile damaged stores and Graph Store endpoints that fail: refused with one line naming the file or the line; nothing wrong is accepted."""

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from oncokg.errors import OncoKGError

pytestmark = pytest.mark.hostile


def test_a_damaged_store_is_one_line(built, tmp_path):
    import shutil

    from oncokg.store.local import open_store

    copy = tmp_path / "build"
    shutil.copytree(built.out, copy)
    (copy / "store" / "CURRENT").write_bytes(b"\x00garbage")
    with pytest.raises(OncoKGError, match="cannot open the store .*run `oncokg build`"):
        open_store(copy)


def test_push_refuses_triples_outside_named_graphs_before_sending(tmp_path):
    from oncokg.store.push import push

    trig = tmp_path / "oncokg.trig"
    trig.write_text(
        "<http://e/s> <http://e/p> <http://e/o> .\n<http://e/g> { <http://e/s> <http://e/p> <http://e/o2> . }\n"
    )
    with pytest.raises(OncoKGError, match="1 triples outside any named graph"):
        push(trig, "http://127.0.0.1:9/store")


class _GraphStore(BaseHTTPRequestHandler):
    """A Graph Store endpoint that takes `accept` PUTs, then fails (500) or stops answering."""

    accept, stall, graphs = 2, False, []

    def log_message(self, *args) -> None:
        pass

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if len(self.graphs) >= self.accept:
            if self.stall:
                time.sleep(5)
            self.send_response(500)
            self.end_headers()
            return
        self.graphs.append(parse_qs(urlsplit(self.path).query)["graph"][0])
        self.send_response(204)
        self.end_headers()


@contextmanager
def graph_store(stall: bool = False):
    handler = type("Handler", (_GraphStore,), {"graphs": [], "stall": stall})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/store", handler.graphs
    finally:
        server.shutdown()
        server.server_close()


def test_a_push_that_fails_midway_says_which_graphs_were_replaced(built, built_project):
    """Review 2, finding 11: the order changed from run to run, and the error did not say that
    some graphs had been replaced."""
    from oncokg.store.push import graphs_of, push

    everything = list(graphs_of(built_project.trig))
    assert everything == sorted(everything)
    with graph_store() as (url, replaced), pytest.raises(OncoKGError) as caught:
        push(built_project.trig, url)
    assert replaced == everything[:2]
    assert f"2 of {len(everything)} graphs were replaced (in IRI order, up to {everything[1]})" in str(caught.value)


def test_push_stops_at_its_timeout(built, built_project):
    from oncokg.store.push import push

    started = time.monotonic()
    with graph_store(stall=True) as (url, _), pytest.raises(OncoKGError, match="2 of .* graphs were replaced"):
        push(built_project.trig, url, timeout=1)
    assert time.monotonic() - started < 4


def test_push_says_a_literal_too_long_to_read_back_must_be_shortened(tmp_path):
    """Review 2, finding 22: the advice was to build again, which writes the same literal again."""
    from oncokg.store.push import push

    trig = tmp_path / "oncokg.trig"
    trig.write_text('<http://e/g> { <http://e/s> <http://e/p> "' + "x" * (17 * 2**20) + '" . }\n')
    with pytest.raises(OncoKGError, match="longer than the 16 MiB .*shorten that value in the facts") as caught:
        push(trig, "http://127.0.0.1:9/store")
    assert "run `oncokg build` again" not in str(caught.value)
