"""A pool of query worker processes with deadlines that stop work and limits the OS enforces.

pyoxigraph cannot cancel a running query from Python, so each query runs in a worker process that
holds the store open read-only. A worker past its deadline is killed (the query stops with it) and
a fresh one takes its place; a worker that crashes (a parser stack overflow, a segfault) or runs
into its memory cap (`RLIMIT_AS`, which the worker sets on itself before it opens the store) is
replaced the same way. The service keeps a fixed number of processes and, to wait on them, one
thread each: threads and memory do not grow with the number of queries served.

Whatever happens to a request (an answer, a crash, an error passing the job, a client that gives
up), its worker is given back or replaced: a worker is never lost. A request waits for a worker
only while enough of its timeout is left to run (`QUERY_RUN_SHARE`, half); past that it is refused
with a 503 and `Retry-After`, so overload sheds requests instead of killing workers. Ad-hoc SPARQL
may hold every worker but one, so runaway queries cannot stop the catalogue and the pathway API;
and one client address may hold all of those but one (`ClientShare`), so one client's runaway
queries cannot stop other clients' SPARQL either.
"""

import asyncio
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.limits import QUERY_RUN_SHARE, WORKER_START_TIMEOUT, limit
from oncokg.web.jobs import Jobs, Reply, error_reply, memory_message

_CONTEXT = multiprocessing.get_context("spawn")
_WATCH_SECONDS = 1.0
_ADHOC = "sparql"


def _watch_parent(parent: int) -> None:
    """Exit when the service is gone (even killed with SIGKILL), whatever the worker is doing."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _worker_main(conn: Connection, root: str | None, timeout: float, parent: int, megabytes: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))
    try:
        jobs = Jobs(Path(root) if root else None, timeout, megabytes)
    except OncoKGError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(jobs.handle(job))


def _identity(path: Path) -> tuple[int, int] | None:
    """Which directory is at a path now (`oncokg build` replaces build/ by a rename)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Worker:
    """One worker process and the parent's end of its pipe; `generation` says which build it opened."""

    def __init__(self, root: Path | None, timeout: float, generation: int = 0, megabytes: int = 0):
        self.generation = generation
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_worker_main,
            args=(child, str(root) if root else None, timeout, os.getpid(), megabytes or limit("max_worker_megabytes")),
            name="oncokg-query-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        if not self.conn.poll(WORKER_START_TIMEOUT):
            self.kill()
            raise OncoKGError(f"a query worker did not start within {WORKER_START_TIMEOUT:g} s")
        try:
            state, detail = self.conn.recv()
        except EOFError:
            self.kill()
            raise OncoKGError(f"a query worker exited while starting (exit code {self.process.exitcode})") from None
        if state != "ready":
            self.kill()
            raise OncoKGError(detail)

    def call(self, job: tuple, timeout: float) -> Reply | str:
        """The job's reply; or "timeout", "crashed" or "failed" (the worker is then dead and must
        be replaced). Any exception counts: one that escaped here once lost the worker for good."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                self.kill()
                return "timeout"
            return self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            return "crashed"
        except Exception:
            self.kill()
            return "failed"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class PoolStats:
    """What /metrics and /healthz report about the pool; `processes` are the current workers'."""

    in_flight: int = 0
    timeouts: int = 0
    crashes: int = 0
    busy_refusals: int = 0
    replaced: int = 0
    processes: dict[int, BaseProcess] = field(default_factory=dict)

    def live(self) -> int:
        """Workers whose process is alive now (a worker killed from outside is not counted)."""
        return sum(process.is_alive() for process in list(self.processes.values()))


class ClientShare:
    """How many ad-hoc queries each client address holds a worker for, at most `cap` at once.

    A client past its share waits for one of its own queries to finish (within the same budget as
    any wait for a worker), then gets a 429. Entries go with a client's last request, so the table
    is no larger than the number of requests under way.
    """

    def __init__(self, cap: int):
        self.cap = cap
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._users: dict[str, int] = {}

    async def acquire(self, client: str, timeout: float) -> None:
        slot = self._slots.setdefault(client, asyncio.Semaphore(self.cap))
        self._users[client] = self._users.get(client, 0) + 1
        try:
            await asyncio.wait_for(slot.acquire(), timeout)
        except BaseException:
            self._leave(client)
            raise

    def release(self, client: str) -> None:
        self._slots[client].release()
        self._leave(client)

    def _leave(self, client: str) -> None:
        self._users[client] -= 1
        if not self._users[client]:
            del self._users[client], self._slots[client]


def _outcome(done: asyncio.Future) -> Reply | str:
    return "failed" if done.cancelled() or done.exception() else done.result()


class WorkerPool:
    """N workers; a job waits for an idle one, then runs under the deadline.

    After `oncokg build` replaces the store, each worker that opened the old one is replaced
    before its next job, so the service answers from the new build without a restart.
    """

    def __init__(self, root: Path, store: Path, size: int, timeout: float, queue_limit: int | None = None):
        if size < 1:
            raise OncoKGError(f"--workers must be at least 1 (got {size})")
        self.root, self.size, self.timeout = root, size, timeout
        self.store, self._store_identity, self._generation = store, _identity(store), 0
        self.queue_limit = queue_limit if queue_limit is not None else limit("max_waiting_per_worker") * size
        self.megabytes = limit("max_worker_megabytes")
        self.budget = timeout * QUERY_RUN_SHARE
        self.stats = PoolStats()
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="oncokg-pool")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._adhoc = asyncio.Semaphore(max(1, size - 1))
        self.clients = ClientShare(max(1, size - 2))
        self._waiting = 0
        self._watcher: asyncio.Task | None = None
        self._replacing: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Start every worker (in parallel); a worker that cannot start stops the service."""
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *(loop.run_in_executor(self._executor, self._new_worker) for _ in range(self.size))
        )
        for worker in workers:
            self._idle.put_nowait(worker)
        self._watcher = loop.create_task(self._watch())

    def _new_worker(self) -> Worker:
        worker = Worker(self.root, self.timeout, self._generation, self.megabytes)
        if worker.process.pid is not None:
            self.stats.processes[worker.process.pid] = worker.process
        return worker

    def _busy(self, message: str) -> Reply:
        self.stats.busy_refusals += 1
        return error_reply(503, message, retry_after=1)

    async def run(self, job: tuple, client: str = "") -> Reply:
        """Run a job within the timeout; refused at once (503) when it cannot get a worker while
        enough time is left to run it, or (429) when its client already holds its share of the
        workers for ad-hoc SPARQL. A late or crashed job: a JSON error, the worker replaced."""
        if self._waiting >= self.queue_limit:
            return self._busy(f"the service is busy ({self._waiting} requests waiting); try again")
        deadline = time.monotonic() + self.timeout
        held: list[Callable[[], None]] = []  # what to give back, whatever becomes of the request
        self._waiting += 1
        try:
            if job[0] == _ADHOC:
                await self.clients.acquire(client, max(0.001, deadline - self.budget - time.monotonic()))
                held.append(lambda: self.clients.release(client))
                await asyncio.wait_for(self._adhoc.acquire(), max(0.001, deadline - self.budget - time.monotonic()))
                held.append(self._adhoc.release)
            worker = await self._take(deadline - self.budget)
        except TimeoutError:
            share = job[0] == _ADHOC and not held
            self._release(held)
            if share:
                self.stats.busy_refusals += 1
                return error_reply(
                    429,
                    f"this client already runs {self.clients.cap} SPARQL "
                    f"{'query' if self.clients.cap == 1 else 'queries'} at once, its share of the "
                    "query workers; try again when one has finished",
                    retry_after=1,
                )
            return self._busy(f"no query worker became free in time (timeout {self.timeout:g} s); try again")
        except OncoKGError as exc:
            self._release(held)
            return error_reply(503, f"the store is being rebuilt ({exc}); try again", retry_after=5)
        except BaseException:
            self._release(held)
            raise
        finally:
            self._waiting -= 1
        return await self._dispatch(worker, job, held, max(self.budget, deadline - time.monotonic()))

    async def _take(self, wait_until: float) -> Worker:
        """An idle worker that is alive and on the current build; dead ones are replaced on the way."""
        while True:
            worker = await asyncio.wait_for(self._idle.get(), max(0.001, wait_until - time.monotonic()))
            if not worker.process.is_alive():
                self._lose(worker)
                continue
            if self._rebuilt() or worker.generation != self._generation:
                renewing = asyncio.ensure_future(self._renew(worker))
                try:
                    return await asyncio.shield(renewing)
                except asyncio.CancelledError:
                    renewing.add_done_callback(self._give_back)
                    raise
            return worker

    def _give_back(self, renewing: asyncio.Future) -> None:
        """A worker renewed for a request that was abandoned meanwhile goes back to the pool."""
        if not renewing.cancelled() and renewing.exception() is None:
            self._idle.put_nowait(renewing.result())

    async def _dispatch(self, worker: Worker, job: tuple, held: list[Callable[[], None]], left: float) -> Reply:
        self.stats.in_flight += 1
        call = asyncio.get_running_loop().run_in_executor(self._executor, worker.call, job, left)

        def settle(outcome: Reply | str) -> Reply:
            self._release(held)
            return self._settle(worker, outcome)

        try:
            outcome = await asyncio.shield(call)
        except asyncio.CancelledError:
            call.add_done_callback(lambda done: settle(_outcome(done)))
            raise
        except Exception:
            outcome = "failed"
        return settle(outcome)

    @staticmethod
    def _release(held: list[Callable[[], None]]) -> None:
        """Give back what an ad-hoc query held: its client's share and the ad-hoc slot."""
        for release in held:
            release()

    def _settle(self, worker: Worker, outcome: Reply | str) -> Reply:
        """Give the worker back, or replace it; the reply (even when the request was abandoned)."""
        self.stats.in_flight -= 1
        if isinstance(outcome, Reply):
            self._idle.put_nowait(worker)
            return outcome
        self._lose(worker)
        if outcome == "timeout":
            self.stats.timeouts += 1
            return error_reply(
                503, f"the query did not finish within the timeout of {self.timeout:g} s and was stopped"
            )
        self.stats.crashes += 1
        if worker.process.exitcode == -signal.SIGABRT:  # Rust aborts when an allocation fails
            return error_reply(503, memory_message(self.megabytes))
        if outcome == "failed":
            return error_reply(500, "internal error: the request could not be passed to a query worker")
        return error_reply(
            500,
            f"the query engine crashed on this request (worker exit code "
            f"{worker.process.exitcode}); a new worker has been started",
        )

    def _lose(self, worker: Worker) -> None:
        """A dead or killed worker: forgotten, and a fresh one started in its place."""
        worker.kill()
        self.stats.processes.pop(worker.process.pid or 0, None)
        self._spawn_replacement()

    def _spawn_replacement(self) -> None:
        """Start a replacement in the background (held here, so the task is not collected)."""
        task = asyncio.get_running_loop().create_task(self._replace())
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _watch(self) -> None:
        """Replace idle workers that died (the OOM killer, a `kill -9`) before a request finds them."""
        while True:
            await asyncio.sleep(_WATCH_SECONDS)
            for _ in range(self._idle.qsize()):
                worker = self._idle.get_nowait()
                if worker.process.is_alive():
                    self._idle.put_nowait(worker)
                else:
                    self._lose(worker)

    def generation(self) -> int:
        """Which build the store holds now: a count of the replacements seen since the start."""
        self._rebuilt()
        return self._generation

    def _rebuilt(self) -> bool:
        """Whether the store was replaced since the workers were started (a new generation begins)."""
        current = _identity(self.store)
        if current is None or current == self._store_identity:
            return False
        self._store_identity = current
        self._generation += 1
        return True

    async def _renew(self, worker: Worker) -> Worker:
        """A worker on the current build in place of one on an older build."""
        self.stats.processes.pop(worker.process.pid or 0, None)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, worker.kill)
        try:
            fresh = await loop.run_in_executor(self._executor, self._new_worker)
        except OncoKGError:
            self._spawn_replacement()
            raise
        self.stats.replaced += 1
        return fresh

    async def _replace(self) -> None:
        """Start a worker in place of a dead one; retried while the store cannot be opened."""
        while True:
            try:
                worker = await asyncio.get_running_loop().run_in_executor(None, self._new_worker)
                break
            except OncoKGError as exc:
                print(f"oncokg serve: cannot start a query worker: {exc}; retrying in 5 s", flush=True)
                await asyncio.sleep(5)
        self.stats.replaced += 1
        self._idle.put_nowait(worker)

    def close(self) -> None:
        """Stop every worker (idle ones here; busy ones exit when their pipe closes or the service dies)."""
        if self._watcher is not None:
            self._watcher.cancel()
        while not self._idle.empty():
            self._idle.get_nowait().kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
