"""Running the service on uvicorn: checked options, the listening socket bound first (so a bad or
busy address is a one-line error), bounded connections and request heads (`connections`), and the
Host and Origin checks (`origins`)."""

import socket
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from oncokg.errors import OncoKGError
from oncokg.limits import SERVICE_BIND, SERVICE_TIMEOUT, SERVICE_WORKERS, seconds
from oncokg.web.app import create_app
from oncokg.web.connections import guarded_protocol
from oncokg.web.origins import protect


def parse_bind(bind: str) -> tuple[str, int]:
    """HOST:PORT (IPv6 as [::1]:PORT) as a host and a port number."""
    host, _, port = bind.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise OncoKGError(f"--bind {bind!r}: expected HOST:PORT such as {SERVICE_BIND}")
    return host, int(port)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, or a one-line error naming the address.

    Made with the protocol getaddrinfo gives (IPPROTO_TCP, not 0): asyncio sets TCP_NODELAY only on
    sockets that say TCP, and without it each answer on a kept-alive connection waited about 40 ms
    (Nagle's algorithm against the client's delayed ACK)."""
    try:
        family, kind, proto, _, _ = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        raise OncoKGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(
    root: Path | str | None = None,
    bind: str = SERVICE_BIND,
    timeout: float = SERVICE_TIMEOUT,
    workers: int = SERVICE_WORKERS,
    allow_hosts: Sequence[str] = (),
    cors: Sequence[str] = (),
    curate: bool = False,
) -> None:
    """Serve until interrupted; the worker processes stop with the service. Requests must name it
    by its bound address (or a host in `allow_hosts`); CORS only for the origins in `cors`."""
    seconds(timeout, "--timeout")
    if workers < 1:
        raise OncoKGError(f"--workers must be at least 1 (got {workers})")
    host, port = parse_bind(bind)
    app = create_app(root, timeout, workers, curate)
    protect(app, host, allow_hosts, cors)
    sock = listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"oncokg serve: http://{shown}:{sock.getsockname()[1]}/ (API docs at /docs, SPARQL at /query); "
        f"{workers} query workers, timeout {timeout:g} s; Ctrl-C stops",
        flush=True,
    )
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        http=guarded_protocol(),
        timeout_keep_alive=5,
        lifespan="on",
    )
    uvicorn.Server(config).run(sockets=[sock])
