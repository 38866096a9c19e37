"""Complete answers to ad-hoc SPARQL kept in the service, so that a query asked again is answered
without a worker.

The profile of `/query` under load (docs/benchmarks.md) put about nine tenths of the service's
CPU in the query engine and the rest in passing the request to a worker and back; the oxigraph
server runs the same engine, so only an answer not computed again can beat it. The store is read
only and replaced whole by `oncokg build`, so an answer stays true until the next build: the key
holds the build's generation (a rebuilt store starts afresh), the query text, the dataset, the
base IRI and the Accept header. A query whose answer may change from one run to the next (RAND,
NOW, UUID, STRUUID, BNODE) is never kept, nor an error. The cache is bounded in bytes
(`max_answer_cache_bytes`), oldest use first out, and one answer may take at most a sixty-fourth
of it, so a few large answers cannot push out all the others.

A query asked again while its first asking still runs waits for that answer instead of taking a
second worker: at the start of a load, 64 clients asking the same few texts would otherwise fill
the pool with copies of one query and be refused for it.
"""

import asyncio
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from oncokg.limits import limit
from oncokg.web.jobs import Reply

_CHANGING = re.compile(r"\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def keepable(text: str) -> bool:
    """Whether the query's answer is the same each time it runs on one store."""
    return _CHANGING.search(text) is None


class AnswerCache:
    """Replies by key, least recently used out first, within a budget in bytes."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = max_bytes if max_bytes is not None else limit("max_answer_cache_bytes")
        self.max_entry = self.max_bytes // 64
        self._replies: OrderedDict[Hashable, Reply] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future[Reply]] = {}
        self.size = 0
        self.hits = 0

    async def answer(self, key: Hashable, compute: Callable[[], Awaitable[Reply]]) -> Reply:
        """The kept answer; or the one being computed for the same key; or a new one, computed and
        kept (it is finished and kept even when the request that started it goes away)."""
        kept = self.get(key)
        if kept is not None:
            return kept
        running = self._running.get(key)
        if running is None:
            running = self._running[key] = asyncio.ensure_future(compute())
            running.add_done_callback(lambda done: self._finish(key, done))
        else:
            self.hits += 1
        return await asyncio.shield(running)

    def _finish(self, key: Hashable, done: asyncio.Future[Reply]) -> None:
        del self._running[key]
        if not done.cancelled() and done.exception() is None:
            self.put(key, done.result())

    def get(self, key: Hashable) -> Reply | None:
        reply = self._replies.get(key)
        if reply is not None:
            self._replies.move_to_end(key)
            self.hits += 1
        return reply

    def put(self, key: Hashable, reply: Reply) -> None:
        """Keep a successful answer that fits; drop the least recently used ones to make room."""
        if reply.status != 200 or len(reply.body) > self.max_entry or key in self._replies:
            return
        self._replies[key] = reply
        self.size += len(reply.body)
        while self.size > self.max_bytes:
            _, dropped = self._replies.popitem(last=False)
            self.size -= len(dropped.body)
