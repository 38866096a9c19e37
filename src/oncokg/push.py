"""`oncokg push`: load the built graph into a remote store with the SPARQL 1.1 Graph Store Protocol.

Each named graph of build/oncokg.trig is sent with one HTTP PUT to ``ENDPOINT?graph=IRI``, which
replaces that graph: pushing twice leaves the same data. Named graphs are kept as they are.
"""

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from .errors import OncoKGError

AUTH_SCHEMES = ("digest", "basic")


@dataclass
class PushReport:
    """What was sent where."""

    endpoint: str
    graphs: dict[str, int]

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _opener(endpoint: str, user: str | None, password: str | None, auth: str) -> urllib.request.OpenerDirector:
    if user is None:
        return urllib.request.build_opener()
    if auth not in AUTH_SCHEMES:
        raise OncoKGError(f"unknown auth scheme {auth!r}; use {' or '.join(AUTH_SCHEMES)}")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    handler = PreemptiveDigestAuthHandler if auth == "digest" else urllib.request.HTTPBasicAuthHandler
    return urllib.request.build_opener(handler(passwords))


class PreemptiveDigestAuthHandler(urllib.request.HTTPDigestAuthHandler):
    """Digest auth that, once challenged, signs every later request up front.

    urllib otherwise sends each body unauthenticated first; Virtuoso answers 401 and closes before
    reading a large one, which breaks the pipe. push() sends the smallest graph first to get the
    challenge.
    """

    challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(auth.split(" ", 1)[1])))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self.challenge and not req.has_header("Authorization"):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header("Authorization", f"Digest {signed}")
        return req

    https_request = http_request


def graphs_of(trig: Path) -> dict[str, bytes]:
    """Each named graph of a TriG file as N-Triples."""
    if not trig.is_file():
        raise OncoKGError(f"no built graph at {trig}; run `oncokg build` first")
    store = pyoxigraph.Store()
    store.bulk_load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    return {
        graph.value: store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph)
        for graph in store.named_graphs()
    }


def push(trig: Path, endpoint: str, user: str | None = None, password: str | None = None,
         auth: str = "digest", timeout: float = 120.0) -> PushReport:
    """PUT every named graph of the TriG file to a Graph Store Protocol endpoint."""
    if not endpoint.startswith(("http://", "https://")):
        raise OncoKGError(f"endpoint {endpoint!r} is not an http(s) URL")
    opener = _opener(endpoint, user, password, auth)
    sent = {}
    for graph, data in sorted(graphs_of(trig).items(), key=lambda item: len(item[1])):
        separator = "&" if "?" in endpoint else "?"
        url = endpoint + separator + urllib.parse.urlencode({"graph": graph})
        request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise OncoKGError(
                f"{endpoint} refused graph {graph}: HTTP {exc.code} {exc.reason}" + (f": {body[0][:200]}" if body else "")
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise OncoKGError(f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}") from None
        sent[graph] = data.count(b"\n")
    return PushReport(endpoint, sent)
