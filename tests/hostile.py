"""A hostile SPARQL peer for the tests: a real HTTP server on 127.0.0.1 that answers every request
with a chosen body and Content-Type (optionally a byte at a time), and logs the paths it was asked for."""

import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ENTITY_BOMB_RDFXML = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY l0 "lol">\n'
    + "".join(f' <!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">\n' for n in range(1, 10))
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">\n'
    ' <rdf:Description rdf:about="http://e/s"><e:p>&l9;</e:p></rdf:Description>\n</rdf:RDF>\n'
)


class Peer:
    """What the server answers, and what it was asked."""

    def __init__(self, body: bytes = b"", content_type: str = "application/sparql-results+json", drip: float = 0.0):
        self.body, self.content_type, self.drip = body, content_type, drip
        self.paths: list[str] = []
        self.url = ""


@contextmanager
def hostile_server(peer: Peer):
    """Serve `peer` on a free loopback port; yields it with its `url` set."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _answer(self) -> None:
            peer.paths.append(self.path)
            # read the request body first: a socket closed with unread data is reset, and the client
            # would see "connection reset" instead of the answer under test
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", peer.content_type)
            self.send_header("Content-Length", str(len(peer.body)))
            self.end_headers()
            try:
                if not peer.drip:
                    self.wfile.write(peer.body)
                    return
                for i in range(len(peer.body)):
                    self.wfile.write(peer.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(peer.drip)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    peer.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()
