"""The bounds of the kept SPARQL answers (`oncokg.web.answers`): bytes, one answer's share, what
is never kept."""

import asyncio
import math
import time

from oncokg.web.answers import CLOCK_SECONDS, AnswerCache, lifetime
from oncokg.web.jobs import Reply, error_reply


def answer(size: int) -> Reply:
    return Reply(200, "application/sparql-results+json", b"x" * size)


def test_the_least_recently_used_answers_go_first_and_the_bytes_stay_bounded():
    cache = AnswerCache(max_bytes=6_400)
    for key in "abcdefg":
        cache.put(key, answer(100))
    cache.get("a")
    for key in range(60):
        cache.put(key, answer(100))
    assert cache.size <= 6_400
    assert cache.get("a") is not None and cache.get("b") is None


def test_errors_and_answers_over_their_share_are_not_kept():
    cache = AnswerCache(max_bytes=6_400)
    cache.put("error", error_reply(503, "busy"))
    cache.put("large", answer(101))
    cache.put("fits", answer(100))
    assert cache.get("error") is None and cache.get("large") is None and cache.get("fits") is not None
    assert cache.size == 100 and cache.hits == 1


def test_random_answers_are_not_kept_and_clock_answers_for_a_second():
    for text in ("SELECT (RAND() AS ?r) {}", "SELECT (STRUUID() AS ?u) {}", "SELECT (BNODE() AS ?b) {}"):
        assert lifetime(text) == 0
    assert lifetime("SELECT ?d { BIND(xsd:date(now ()) AS ?d) }") == CLOCK_SECONDS
    assert lifetime("SELECT ?random WHERE { ?s ?p ?random }") == math.inf
    cache = AnswerCache(max_bytes=6_400)
    cache.put("clock", answer(10), seconds=0.05)
    assert cache.get("clock") is not None
    time.sleep(0.06)
    assert cache.get("clock") is None and cache.size == 0


def test_a_query_asked_while_it_runs_waits_for_that_answer():
    """64 clients asking one text at once take one worker, not 64."""
    runs = []

    async def compute() -> Reply:
        runs.append(1)
        await asyncio.sleep(0.05)
        return answer(10)

    async def ask_together():
        cache = AnswerCache(max_bytes=6_400)
        replies = await asyncio.gather(*(cache.answer("q", compute) for _ in range(64)))
        return cache, replies

    cache, replies = asyncio.run(ask_together())
    assert len(runs) == 1 and len(set(replies)) == 1 and cache.hits == 63 and cache.get("q") is not None


def test_an_error_is_shared_with_those_waiting_but_not_kept():
    async def fails() -> Reply:
        await asyncio.sleep(0.01)
        return error_reply(503, "the query did not finish within the timeout")

    async def ask_twice():
        cache = AnswerCache(max_bytes=6_400)
        replies = await asyncio.gather(cache.answer("q", fails), cache.answer("q", fails))
        return cache, replies

    cache, replies = asyncio.run(ask_twice())
    assert [r.status for r in replies] == [503, 503] and cache.get("q") is None


def test_a_refusal_for_the_first_askers_share_is_not_given_to_another():
    """A 429 said the first asker's client held its share; another client asks for itself."""
    statuses = iter([429, 200])

    async def compute() -> Reply:
        await asyncio.sleep(0.01)
        return Reply(next(statuses), "application/json", b"{}")

    async def ask_twice():
        cache = AnswerCache(max_bytes=6_400)
        return await asyncio.gather(cache.answer("q", compute), cache.answer("q", compute))

    assert [reply.status for reply in asyncio.run(ask_twice())] == [429, 200]
