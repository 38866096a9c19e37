"""The bounds of the kept SPARQL answers (`oncokg.web.answers`): bytes, one answer's share, what
is never kept."""

from oncokg.web.answers import AnswerCache, keepable
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


def test_queries_whose_answer_changes_from_run_to_run_are_not_keepable():
    for text in (
        "SELECT (RAND() AS ?r) {}",
        "SELECT (now () AS ?t) {}",
        "SELECT (STRUUID() AS ?u) {}",
        "SELECT (BNODE() AS ?b) {}",
    ):
        assert not keepable(text)
    assert keepable("SELECT ?random WHERE { ?s ?p ?random }")
