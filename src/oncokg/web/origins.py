"""Whom the service answers: the Host a request names, and the Origin of a browser's request.

A service on a loopback address is still reachable from any page its user opens: a form can POST
to it (no CORS preflight for a form), and with DNS rebinding a page on `attacker.example` can read
its answers. So a request must name the service by a host it was bound to (or one allowed with
`--allow-host`), a browser's POST must come from the service's own origin (or one allowed with
`--cors`), and CORS headers are sent only for the origins `--cors` lists (Starlette's
CORSMiddleware, off unless asked, as the oxigraph server's `--cors`).
"""

import ipaddress
from collections.abc import Iterable

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from oncokg.web.jobs import error_reply

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_UNSPECIFIED = ("0.0.0.0", "::")


def host_names(bound: str, allowed: Iterable[str] = ()) -> frozenset[str]:
    """The host names (without port) a request may name: the bound address, the loopback names
    when bound to loopback or to every address, and those given with `--allow-host`."""
    names = {bound.lower().strip("[]"), *(name.lower().strip().strip("[]") for name in allowed)}
    try:
        address = ipaddress.ip_address(bound.strip("[]"))
        local = address.is_loopback or bound in _UNSPECIFIED
    except ValueError:
        local = bound.lower() == "localhost"
    if local:
        names.update(_LOOPBACK_NAMES)
    return frozenset(names - {""})


def _host_of(value: str) -> str:
    """The host of a Host header or an origin's authority, without its port ([::1]:80 -> ::1)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class OriginGuard:
    """ASGI middleware: a Host outside `hosts` gets 421, a browser's cross-site POST 403, both JSON."""

    def __init__(self, app, hosts: frozenset[str], origins: frozenset[str]):
        self.app, self.hosts, self.origins = app, hosts, origins

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        refusal = self._refusal(scope["method"], headers)
        if refusal is None:
            return await self.app(scope, receive, send)
        status, message = refusal
        reply = error_reply(status, message)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", reply.media_type.encode()), (b"content-length", b"%d" % len(reply.body))],
            }
        )
        await send({"type": "http.response.body", "body": reply.body})

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if _host_of(host) not in self.hosts:
            return 421, (
                f"Host {host[:100]!r} is not a name of this service; start it with --allow-host NAME to answer to it"
            )
        origin = headers.get("origin")
        if method == "POST" and origin is not None and not self._same_or_allowed(origin, host):
            return 403, (
                f"cross-site request from {origin[:100]!r} refused; start the service with --cors ORIGIN to allow it"
            )
        return None

    def _same_or_allowed(self, origin: str, host: str) -> bool:
        origin = origin.strip().lower()
        return (
            origin in (f"http://{host.lower()}", f"https://{host.lower()}")
            or origin in self.origins
            or ("*" in self.origins)
        )


def protect(app: FastAPI, bound: str, allow_hosts: Iterable[str] = (), cors: Iterable[str] = ()) -> None:
    """Add the Host and Origin checks and, only for the origins given, CORS (outermost, so a
    preflight from an allowed origin is answered)."""
    origins = frozenset(origin.strip().rstrip("/").lower() for origin in cors)
    app.add_middleware(OriginGuard, hosts=host_names(bound, allow_hosts), origins=origins)
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"] if "*" in origins else sorted(origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept"],
        )
