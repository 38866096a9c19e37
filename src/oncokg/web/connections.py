"""Connections the service keeps open: a time limit on each request head, and caps that make idle
connections give way instead of locking other clients out.

uvicorn counts open connections against `limit_concurrency` and has no timeout for reading a
request's head, so 256 connections that send nothing (or one header line every few seconds) made
every other client get 503 for as long as they stayed. Here a connection must deliver a request
head within ``request_head_seconds`` of opening, or of the first byte of a later request (between
requests, uvicorn's keep-alive timeout closes an idle connection), or it is closed; and
when the service (or one client address) is at its connection cap, a new connection closes the
oldest one that has no request under way, first among those that never sent a whole request (a
kept-alive connection that has been answered may be sending its next request just now). Only when
every connection is busy with a request is the new one refused, with a JSON 503 and `Retry-After`.
"""

import asyncio
from collections import OrderedDict

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from oncokg.limits import limit
from oncokg.web.jobs import error_reply


def _refusal() -> bytes:
    reply = error_reply(503, "the service has too many connections open; try again")
    head = (
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\n"
        f"connection: close\r\ncontent-length: {len(reply.body)}\r\n\r\n"
    )
    return head.encode() + reply.body


class _Open:
    """The service's open connections, oldest first, and each client address's."""

    def __init__(self) -> None:
        self.all: OrderedDict[H11Protocol, None] = OrderedDict()
        self.by_client: dict[str, OrderedDict[H11Protocol, None]] = {}


def guarded_protocol() -> type[H11Protocol]:
    """A protocol class for one server (its own registry of open connections), with the limits
    read now from `oncokg.limits`."""
    opened = _Open()
    head_seconds = limit("request_head_seconds")
    total_cap, client_cap = limit("max_connections"), limit("max_connections_per_client")

    class GuardedH11Protocol(H11Protocol):
        """uvicorn's h11 protocol with a request-head timeout and connection caps that evict idle ones."""

        _head_timer: asyncio.TimerHandle | None = None
        _answered = False

        def connection_made(self, transport):
            super().connection_made(transport)
            client = self.client[0] if self.client else ""
            mine = opened.by_client.setdefault(client, OrderedDict())
            if not self._make_room(mine, client_cap) or not self._make_room(opened.all, total_cap):
                transport.write(_refusal())
                transport.close()
                return
            opened.all[self] = None
            mine[self] = None
            self._arm()

        def _make_room(self, group: OrderedDict, cap: int) -> bool:
            """Whether there is room in `group` for one more, after closing its oldest idle connection."""
            if len(group) < cap:
                return True
            idle = next((other for other in group if other._idle() and not other._answered), None)
            idle = idle or next((other for other in group if other._idle()), None)
            if idle is None:
                return False
            idle._close()
            return True

        def _idle(self) -> bool:
            return (self.cycle is None or self.cycle.response_complete) and self.conn.their_state is h11.IDLE

        def _close(self) -> None:
            self._disarm()
            self._forget()
            if not self.transport.is_closing():
                self.transport.close()

        def _forget(self) -> None:
            opened.all.pop(self, None)
            client = self.client[0] if self.client else ""
            mine = opened.by_client.get(client)
            if mine is not None:
                mine.pop(self, None)
                if not mine:
                    del opened.by_client[client]

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(head_seconds, self._head_timeout)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timeout(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE:
                self._close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self._disarm()
            elif self._head_timer is None and not self.transport.is_closing():
                self._arm()  # part of a later request's head: it too must arrive in time

        def on_response_complete(self) -> None:
            self._answered = True
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            self._forget()
            super().connection_lost(exc)

    return GuardedH11Protocol
