"""A pool of query worker processes with deadlines that stop work.

pyoxigraph cannot cancel a running query from Python, so each query runs in a worker process that
holds the store open read-only. A worker past its deadline is killed (the query stops with it) and
a fresh one takes its place; a worker that crashes (a parser stack overflow, a segfault) is
replaced the same way. The service keeps a fixed number of processes and, to wait on them, one
thread each: threads and memory do not grow with the number of queries served.
"""

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from oncokg.errors import OncoKGError
from oncokg.web.jobs import Jobs, Reply, error_reply
from oncokg.web.settings import WAITING_PER_WORKER, WORKER_START_TIMEOUT

_CONTEXT = multiprocessing.get_context("spawn")


def _watch_parent(parent: int) -> None:
    """Exit when the service is gone (even killed with SIGKILL), whatever the worker is doing."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _worker_main(conn: Connection, root: str | None, timeout: float, parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        jobs = Jobs(Path(root) if root else None, timeout)
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

    def __init__(self, root: Path | None, timeout: float, generation: int = 0):
        self.generation = generation
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_worker_main,
            args=(child, str(root) if root else None, timeout, os.getpid()),
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
        """The job's reply; or "timeout" / "crashed" (the worker is then dead and must be replaced)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                self.kill()
                return "timeout"
            return self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            return "crashed"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class PoolStats:
    """What /metrics reports about the pool."""

    in_flight: int = 0
    timeouts: int = 0
    crashes: int = 0
    busy_refusals: int = 0
    replaced: int = 0
    pids: set[int] = field(default_factory=set)


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
        self.queue_limit = queue_limit if queue_limit is not None else WAITING_PER_WORKER * size
        self.stats = PoolStats()
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="oncokg-pool")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._waiting = 0

    async def start(self) -> None:
        """Start every worker (in parallel); a worker that cannot start stops the service."""
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *(loop.run_in_executor(self._executor, self._new_worker) for _ in range(self.size))
        )
        for worker in workers:
            self._idle.put_nowait(worker)

    def _new_worker(self) -> Worker:
        worker = Worker(self.root, self.timeout, self._generation)
        self.stats.pids.add(worker.process.pid)
        return worker

    async def run(self, job: tuple) -> Reply:
        """Run a job within the timeout (waiting for a worker counts); late or crashed: a JSON error."""
        if self._waiting >= self.queue_limit:
            self.stats.busy_refusals += 1
            return error_reply(503, f"the service is busy ({self._waiting} requests waiting); try again")
        started = time.monotonic()
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            self.stats.busy_refusals += 1
            return error_reply(503, f"no query worker became free within the timeout of {self.timeout:g} s")
        finally:
            self._waiting -= 1
        if self._rebuilt() or worker.generation != self._generation:
            try:
                worker = await self._renew(worker)
            except OncoKGError as exc:
                asyncio.get_running_loop().create_task(self._replace())
                return error_reply(503, f"the store is being rebuilt ({exc}); try again")
            started = time.monotonic()
        left = max(0.001, self.timeout - (time.monotonic() - started))
        self.stats.in_flight += 1
        call = asyncio.get_running_loop().run_in_executor(self._executor, worker.call, job, left)
        try:
            outcome = await asyncio.shield(call)
        except asyncio.CancelledError:
            call.add_done_callback(lambda done: self._settle(worker, done.result()))
            raise
        return self._settle(worker, outcome)

    def _settle(self, worker: Worker, outcome: Reply | str) -> Reply:
        """Give the worker back, or replace it; the reply (even when the request was abandoned)."""
        self.stats.in_flight -= 1
        if isinstance(outcome, Reply):
            self._idle.put_nowait(worker)
            return outcome
        self.stats.pids.discard(worker.process.pid)
        asyncio.get_running_loop().create_task(self._replace())
        if outcome == "timeout":
            self.stats.timeouts += 1
            return error_reply(
                503, f"the query did not finish within the timeout of {self.timeout:g} s and was stopped"
            )
        self.stats.crashes += 1
        return error_reply(
            500,
            f"the query engine crashed on this request (worker exit code "
            f"{worker.process.exitcode}); a new worker has been started",
        )

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
        self.stats.pids.discard(worker.process.pid)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, worker.kill)
        fresh = await loop.run_in_executor(self._executor, self._new_worker)
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
        while not self._idle.empty():
            self._idle.get_nowait().kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
