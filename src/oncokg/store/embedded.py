"""The embedded store: the pyoxigraph store written by `oncokg build`, queried in-process on a
worker thread so that a timeout can give up on a query, or on the caller's thread once the same
text has been seen to finish far within it (`KnownCosts`)."""

import json
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_TIMEOUT, read_text, seconds
from oncokg.project import INDEX_FILE, PATHWAYS_FILE
from oncokg.store.binding import Term, bind_values
from oncokg.store.dataset import NO_DATASET, ProtocolDataset, has_merged_default_graph, merge_into_default_graph
from oncokg.store.guard import QueryLimits, check_query_text
from oncokg.store.local import open_store
from oncokg.store.results import Result, Value


def _value(term) -> Value | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return Value("iri", term.value)
    if isinstance(term, pyoxigraph.Literal):
        return Value("literal", term.value, term.datatype.value, term.language)
    return Value("bnode", term.value)


def _no_job() -> object:
    raise RuntimeError("the worker was started without a job")


FRESH_AFTER_ROWS = 1_000
"""After an answer of more rows than this, the worker goes on in a fresh thread.

Measured at 1M quads: after one answer of 8,500-35,000 rows (the resolver's index queries), a
small query ran 1.4-1.7x slower on that thread than on a new one or on the caller's thread, and
stayed so (glibc's malloc_trim did not help); starting a thread costs about 0.1 ms."""


def _large(value: object) -> bool:
    return isinstance(value, Result) and len(value.rows) > FRESH_AFTER_ROWS


QUICK_SHARE = 50
"""A text runs on the caller's thread once it has finished in at most 1/QUICK_SHARE of the timeout.

pyoxigraph cannot stop a query it has started (measured: a SIGALRM handler runs only when the
query returns), so the timeout is kept by running each query on a thread the caller can give up
on. The hand-off costs 0.25-0.6 ms on a quiet machine and several milliseconds on a loaded one,
which is more than many catalogue queries take. On a read-only store the same text does the same
work every time; a text that took 20 ms under a 60 s timeout would have to run 3,000 times slower
to reach it."""

KNOWN_TEXTS = 4_096
"""Texts `KnownCosts` keeps (the oldest is forgotten first): catalogue queries with their
parameters bound repeat; ad-hoc texts mostly do not."""


KNOWN_VALUES = 65_536
"""Converted terms a backend keeps between answers; all are forgotten when there are more."""


class _Cells(dict):
    """Each distinct term converted once, on first sight (`__missing__`), then looked up by the
    dictionary itself: IRIs and certainties repeat down a column and from one answer to the next,
    and a `Value` cannot change, so answers share them. The lookup is made in C, with no Python
    call per cell: a lookup and a converting function per cell took 14 us more of drug-classes'
    0.25 ms (15 cells) than reading the answer as raw pyoxigraph terms; now 4 us."""

    def __missing__(self, term: object) -> Value | None:
        value = self[term] = _value(term)
        return value


class KnownCosts:
    """How long each text took when it last ran on the worker thread, on a store that cannot change.

    A text known to finish far within the timeout (`QUICK_SHARE`) with a small answer (a large one
    goes to the worker, which renews its thread: `FRESH_AFTER_ROWS`) runs on the caller's thread,
    so that a repeated catalogue query costs what the engine costs. A text not yet seen, or seen
    to take longer, or a timeout lowered below its share, still runs on the worker.

    >>> costs = KnownCosts()
    >>> costs.quick(("ASK", "ASK {}"), timeout=60.0)
    False
    >>> costs.record(("ASK", "ASK {}"), 0.002, True)
    >>> costs.quick(("ASK", "ASK {}"), timeout=60.0), costs.quick(("ASK", "ASK {}"), timeout=0.05)
    (True, False)
    """

    def __init__(self) -> None:
        self._seconds: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def quick(self, key: tuple[str, str], timeout: float) -> bool:
        seconds = self._seconds.get(key)
        return seconds is not None and seconds * QUICK_SHARE <= timeout

    def record(self, key: tuple[str, str], seconds: float, value: object) -> None:
        if _large(value):
            return
        with self._lock:
            if key not in self._seconds and len(self._seconds) >= KNOWN_TEXTS:
                del self._seconds[next(iter(self._seconds))]
            self._seconds[key] = seconds


class _Worker:
    """One daemon thread that runs queries in turn (a daemon, so a query abandoned at its
    timeout never keeps the process alive).

    Plain locks hand a job over and its outcome back: a queue and an event cost about four times
    as much per query (73 against 19 us on this machine), which is most of what a sub-millisecond
    query pays for its timeout. `turn` lets one caller in at a time; a caller that gives up on a
    stuck job keeps it, so later callers wait for their own timeout, as they would behind the job.
    After a large answer the loop moves to a new thread (`FRESH_AFTER_ROWS`); the locks stay, so
    callers never see it.
    """

    def __init__(self) -> None:
        self.turn = threading.Lock()
        self.start = threading.Lock()
        self.finish = threading.Lock()
        self.start.acquire()
        self.finish.acquire()
        self.job: Callable[[], object] = _no_job
        self.outcome: tuple = ()
        threading.Thread(target=self._loop, name="oncokg-query", daemon=True).start()

    def _loop(self) -> None:
        while True:
            self.start.acquire()
            try:
                self.outcome = (True, self.job())
            except BaseException as exc:
                self.outcome = (False, exc)
            renew = _large(self.outcome[1])
            if renew:
                threading.Thread(target=self._loop, name="oncokg-query", daemon=True).start()
            self.finish.release()
            if renew:
                return

    def run(self, job, timeout: float):
        """The job's result, or None if it did not finish in time (the thread is then given up)."""
        deadline = time.monotonic() + timeout
        if not self.turn.acquire(timeout=timeout):
            return None
        self.job = job
        self.start.release()
        if not self.finish.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return None
        done, value = self.outcome
        self.job, self.outcome = _no_job, ()
        self.turn.release()
        if not done:
            raise value
        return value


class EmbeddedBackend:
    """The built pyoxigraph store, queried in-process; the default graph is the merge of all graphs
    (`oncokg.store.dataset`), unless the query or the protocol names its dataset.

    Queries run on one reused worker thread so that a timeout can give up on a query; a worker
    stuck past its timeout is abandoned and a fresh one serves the next query. On a read-only
    store, a text already seen to finish far within the timeout runs on the caller's thread
    (`KnownCosts`).
    """

    def __init__(
        self,
        store: pyoxigraph.Store,
        timeout: float = QUERY_TIMEOUT,
        build_dir: Path | None = None,
        allow_federation: Iterable[str] = (),
        read_only: bool = False,
    ):
        if not has_merged_default_graph(store):
            if read_only:
                raise OncoKGError(
                    "the built store predates the merged default graph (SPARQL datasets); run `oncokg build` again"
                )
            merge_into_default_graph(store)
        self.store = store
        self.timeout = seconds(timeout, "the query timeout")
        self.build_dir = build_dir
        self.allow_federation = tuple(allow_federation)
        self.query_limits = QueryLimits.read()  # the guard's limits, read when the store is opened
        self.read_only = read_only
        self.selector = f"oxigraph:{build_dir}" if build_dir else "oxigraph:(in memory)"
        self._worker = _Worker()
        self._costs = KnownCosts() if read_only else None
        self._cells = _Cells()
        # each text's variables (the same text projects the same ones): reading them from pyoxigraph
        # cost 3-4 us a query, a lookup 1 us
        self._variables: dict[str, tuple[str, ...]] = {}

    def name_index(self) -> dict | None:
        """The name index the build wrote beside this store, if it did (not while it builds)."""
        index = self.build_dir / INDEX_FILE if self.build_dir else None
        return json.loads(read_text(index, "the build's name index")) if index and index.is_file() else None

    def saved_projection(self) -> dict | None:
        """The pathway projection's answer the build saved beside this store, if it did."""
        saved = self.build_dir / PATHWAYS_FILE if self.build_dir else None
        if saved is None or not saved.is_file():
            return None
        try:
            return json.loads(read_text(saved, "the build's pathway projection"))
        except ValueError:
            raise OncoKGError(f"{saved}: not the projection's SPARQL JSON results; run `oncokg build` again") from None

    @classmethod
    def open(
        cls, build_dir: Path, timeout: float = QUERY_TIMEOUT, allow_federation: Iterable[str] = ()
    ) -> "EmbeddedBackend":
        return cls(open_store(build_dir), timeout, build_dir, allow_federation, read_only=True)

    def execute(
        self,
        text: str,
        dataset: ProtocolDataset = NO_DATASET,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
    ):
        """The one query path of the embedded store, for every query form (the web service's
        SPARQL endpoint uses it directly): the text is checked first (size, nesting, SERVICE),
        then pyoxigraph's lazy result, solutions, boolean or triples. The dataset is the query's
        own (`FROM`), the protocol's when given, else the merged default graph; relative IRIs
        resolve against `base_iri`; `prefixes` are declared unless the query declares them."""
        check_query_text(text, self.allow_federation, self.query_limits)
        arguments = dataset.arguments()  # only those given: each keyword costs pyoxigraph 1.5-2 us to read
        if base_iri is not None:
            arguments["base_iri"] = base_iri
        if prefixes is not None:
            arguments["prefixes"] = prefixes
        try:
            return self.store.query(text, **arguments)
        except SyntaxError as exc:
            raise OncoKGError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from None
        except (OSError, RuntimeError) as exc:
            raise OncoKGError(f"query failed: {' '.join(str(exc).split())[:300]}") from None

    def _run(self, text: str) -> Result:
        solutions = self.execute(text)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise OncoKGError("expected a SELECT query")
        variables = self._variables.get(text)
        if variables is None:
            if len(self._variables) >= KNOWN_TEXTS:
                self._variables.clear()
            variables = self._variables[text] = tuple(v.value for v in solutions.variables)
        cells = self._cells
        if len(cells) > KNOWN_VALUES:
            cells.clear()
        cell = cells.__getitem__
        rows = [dict(zip(variables, map(cell, solution), strict=True)) for solution in solutions]
        return Result(list(variables), rows)

    def _in_time(self, job, key: tuple[str, str]):
        """The job's result within the timeout: on the caller's thread when `key` (the form and
        text) is known to be quick, else on the worker, timed for next time."""
        costs = self._costs
        if costs is not None and costs.quick(key, self.timeout):
            return job()
        began = time.monotonic()
        result = self._worker.run(job, self.timeout)
        if result is None:
            self._worker = _Worker()
            raise OncoKGError(f"query did not finish within its timeout of {self.timeout:g} s")
        if costs is not None:
            costs.record(key, time.monotonic() - began, result)
        return result

    def select(self, query: str, bindings: dict[str, Term] | None = None) -> Result:
        text = bind_values(query, bindings or {})
        return self._in_time(lambda: self._run(text), ("SELECT", text))

    def ask(self, query: str) -> bool:
        """The answer of an ASK query."""
        return self._in_time(lambda: bool(self.execute(query)), ("ASK", query))

    def construct(self, query: str) -> bytes:
        """The triples of a CONSTRUCT or DESCRIBE query, as N-Triples."""
        return self._in_time(
            lambda: self.execute(query).serialize(format=pyoxigraph.RdfFormat.N_TRIPLES) or b"", ("TRIPLES", query)
        )
