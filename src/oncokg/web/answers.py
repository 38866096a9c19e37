"""Complete answers to ad-hoc SPARQL kept in the service, so that a query asked again is answered
without a worker.

The profile of `/query` under load (docs/benchmarks.md) put the largest share of the service's
busy time in the query engine, which the oxigraph server runs too, and a fifth in the ASGI stack
and the hand-off to a worker; so even with no overhead at all the service could only draw level,
and only an answer not computed again can beat it. The store is read
only and replaced whole by `oncokg build`, so an answer stays true until the next build: the key
holds the build's generation (a rebuilt store starts afresh), the query text, the dataset, the
base IRI and the Accept header. A query whose answer differs on purpose from one run to the next
(RAND, UUID, STRUUID, BNODE) is never kept, nor an error; one that reads the clock (NOW, as the
catalogue's `sources` and `stale-facts` do) is kept for one second, which to its client is as if
it had run a second earlier, as a slow network would make it. The cache is bounded in bytes
(`max_answer_cache_bytes`), oldest use first out, and one answer may take at most a sixty-fourth
of it, so a few large answers cannot push out all the others.

A query asked again while its first asking still runs waits for that answer instead of taking a
second worker: at the start of a load, 64 clients asking the same few texts would otherwise fill
the pool with copies of one query and be refused for it.
"""

import asyncio
import math
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from oncokg.limits import limit
from oncokg.web.jobs import Reply

_RANDOM = re.compile(r"\b(?:RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)
_CLOCK = re.compile(r"\bNOW\s*\(", re.IGNORECASE)
CLOCK_SECONDS = 1.0


def lifetime(text: str) -> float:
    """For how many seconds the query's answer may be given again: 0 for an answer that must differ
    each time, `CLOCK_SECONDS` for one that reads the clock, else until the store is rebuilt."""
    if _RANDOM.search(text):
        return 0.0
    return CLOCK_SECONDS if _CLOCK.search(text) else math.inf


class AnswerCache:
    """Replies by key, least recently used out first, within a budget in bytes."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = max_bytes if max_bytes is not None else limit("max_answer_cache_bytes")
        self.max_entry = self.max_bytes // 64
        self._replies: OrderedDict[Hashable, tuple[Reply, float]] = OrderedDict()  # and until when
        self._running: dict[Hashable, asyncio.Future[Reply]] = {}
        self.size = 0
        self.hits = 0

    async def answer(self, key: Hashable, compute: Callable[[], Awaitable[Reply]], seconds: float = math.inf) -> Reply:
        """The kept answer; or the one being computed for the same key; or a new one, computed and
        kept for `seconds` (it is finished and kept even when the request that started it goes away)."""
        kept = self.get(key)
        if kept is not None:
            return kept
        running = self._running.get(key)
        if running is None:
            running = self._running[key] = asyncio.ensure_future(compute())
            running.add_done_callback(lambda done: self._finish(key, done, seconds))
            return await asyncio.shield(running)
        self.hits += 1
        reply = await asyncio.shield(running)
        # a 429 was about the first asker's share of the workers, not this one's: it asks for itself
        return await compute() if reply.status == 429 else reply

    def _finish(self, key: Hashable, done: asyncio.Future[Reply], seconds: float) -> None:
        del self._running[key]
        if not done.cancelled() and done.exception() is None:
            self.put(key, done.result(), seconds)

    def get(self, key: Hashable) -> Reply | None:
        kept = self._replies.get(key)
        if kept is None:
            return None
        reply, until = kept
        if until < time.monotonic():
            self._drop(key)
            return None
        self._replies.move_to_end(key)
        self.hits += 1
        return reply

    def put(self, key: Hashable, reply: Reply, seconds: float = math.inf) -> None:
        """Keep a successful answer that fits; drop the least recently used ones to make room."""
        if reply.status != 200 or len(reply.body) > self.max_entry or key in self._replies:
            return
        self._replies[key] = (reply, time.monotonic() + seconds)
        self.size += len(reply.body)
        while self.size > self.max_bytes:
            self._drop(next(iter(self._replies)))

    def _drop(self, key: Hashable) -> None:
        reply, _ = self._replies.pop(key)
        self.size -= len(reply.body)
