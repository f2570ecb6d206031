"""Running extraction over a stream of articles: in this process, in a process pool, or on Dask.

Every engine takes articles in chunks of ``batch_size``, keeps a bounded number of chunks in flight
(so memory stays flat however long the stream), loads the spaCy pipeline once per worker, and
yields results in input order, so every engine writes the same files.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from itertools import islice
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from ..io.readers import Inputs
from ..model.facts import ArticleGraph, Failure
from ..model.settings import Settings
from ..text.article import ArticleText

Item = ArticleText | Failure
Result = ArticleGraph | Failure
# What a worker does with each article it extracted, before sending it back (``finish(article, tag)``,
# the tag given with the article): picklable, so that it runs in the worker, not the parent.
Finish = Callable[[ArticleGraph, Any], Any]
ENGINES = ("local", "dask")
T = TypeVar("T")


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def effective_jobs(inputs: Inputs, jobs: int, batch_size: int, stdin_format: str) -> int:
    """No more workers than there are batches to give them, when that is known in advance: a JSON
    Lines input can hold any number of articles, so it gets every worker asked for."""
    streams = any(inputs.kind(f) == "jsonl" for f in inputs.files) or (inputs.stdin and stdin_format == "jsonl")
    if streams:
        return jobs
    return max(1, min(jobs, -(-len(inputs) // batch_size)))


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_chunk(chunk: list[Item], settings: Settings) -> list[Result]:
    """Runs in a worker: the pipeline is loaded on first use and kept for the worker's life; the
    chunk's ``settings`` are applied to it each time, whichever process this is."""
    from ..nlp.api import extract_many  # the NLP layer, imported where extraction runs: engines import without spaCy

    return list(extract_many(chunk, settings=settings))


def finish_chunk(chunk: list[tuple[Item, Any]], settings: Settings, finish: Finish) -> list[Any]:
    """Runs in a worker: ``extract_chunk`` of the chunk's items, then ``finish(article, tag)`` for each
    article (a failure is passed on as it is), so that what comes back is what ``finish`` made."""
    results = extract_chunk([item for item, _ in chunk], settings)
    return [r if isinstance(r, Failure) else finish(r, tag) for r, (_, tag) in zip(results, chunk, strict=True)]


def _finished_here(items: Iterable[tuple[Item, Any]], settings: Settings, finish: Finish) -> Iterator[Any]:
    """``finish_chunk`` in this process, streamed: only the tags of the articles in flight are kept."""
    from ..nlp.api import extract_many

    tags: deque[Any] = deque()

    def untagged() -> Iterator[Item]:
        for item, tag in items:
            tags.append(tag)
            yield item

    for result in extract_many(untagged(), settings=settings):
        tag = tags.popleft()
        yield result if isinstance(result, Failure) else finish(result, tag)


def _warm(settings: Settings) -> None:
    """Loads the pipeline, and the API that runs it, so workers forked after this inherit both."""
    from ..nlp import api  # noqa: F401  (imported here, before the fork)

    settings.pipeline()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 0.5


def _start_worker(settings: Settings, parent: int, forker: int | None) -> None:
    """The pool's initializer: a worker must not outlive its parent (a killed parent leaves no
    one to stop it, and each worker holds a loaded pipeline). Ctrl-C reaches the whole process group:
    the parent handles it (and stops the workers), so a worker ignores it instead of printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent, forker)
    _warm(settings)


def _die_with_parent(parent: int, forker: int | None) -> None:
    """SIGKILL from the kernel when the parent dies, on Linux. The kernel sends it when the
    *thread* that forked exits, so only for a worker forked by the parent's main thread
    (``forker``: that thread's ident, None when not forked). A thread that polls the parent's pid
    covers the other cases, and a parent that died before the prctl."""
    if forker is not None and forker == threading.get_ident() and sys.platform.startswith("linux"):
        _set_pdeathsig()
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="newsgraph-parent-watch", daemon=True).start()


def _set_pdeathsig() -> None:
    with suppress(OSError, AttributeError):  # no libc prctl: the watching thread still stops the worker
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch_parent(parent: int) -> None:
    """A worker whose parent died is adopted by another process: its parent pid changes."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def pool_context() -> BaseContext:
    """fork where the platform has it: workers start with the parent's loaded pipeline. A fork
    pool starts all its workers at the first submit, before a progress bar starts any thread."""
    return get_context("fork" if "fork" in get_all_start_methods() else "spawn")


def _ordered(
    submit: Callable[[list[Any]], Any],
    result: Callable[[Any], list[Any]],
    items: Iterable[Any],
    batch_size: int,
    in_flight: int,
) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for chunk in chunks(items, batch_size):
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


class _Pool:
    """A process pool that can be rebuilt after a worker dies."""

    def __init__(self, jobs: int, settings: Settings, finish: Finish | None = None) -> None:
        self.jobs, self.settings, self.finish = jobs, settings, finish
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = pool_context()
        forker = threading.main_thread().ident if context.get_start_method() == "fork" else None
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.settings, os.getpid(), forker),
        )

    def submit(self, chunk: list[Any]) -> Future[list[Any]]:
        """Never raises for a dead worker: a pool found broken here gives a future that fails as the
        running chunks' futures do, so the chunk is retried with them wherever they are collected."""
        try:
            if self.finish is None:
                return self.executor.submit(extract_chunk, chunk, self.settings)
            return self.executor.submit(finish_chunk, chunk, self.settings, self.finish)
        except BrokenProcessPool as err:
            lost: Future[list[Any]] = Future()
            lost.set_exception(err)
            return lost

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def alone(self, chunk: list[Any]) -> list[Any] | None:
        """The chunk's results, run with nothing else in flight; None when a worker died again."""
        try:
            return self.submit(chunk).result()
        except BrokenProcessPool:
            self.restart()
            return None

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop now (Ctrl-C, or the caller stopped reading): the chunks in flight are dropped, not
        waited for; their articles were never written, so ``--resume`` does them."""
        kill_workers = getattr(self.executor, "kill_workers", None)  # Python 3.14
        if kill_workers is not None:
            kill_workers()
        else:  # before 3.14: the pool's own table of its processes (shutdown empties it, so read it first)
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                with suppress(OSError, ValueError):
                    process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _finished(future: Future[list[Any]]) -> bool:
    """Done with its results, so not lost with the pool it ran on."""
    return future.done() and not future.cancelled() and future.exception() is None


def _died(item: Item | tuple[Item, Any]) -> Result:
    if isinstance(item, tuple):  # an item and its tag (with ``finish``)
        item = item[0]
    if isinstance(item, Failure):
        return item
    message = "the worker process died while extracting this article (tried twice)"
    return Failure(item.id, item.source, message, "extract")


def run_local(items: Iterable[Any], *, settings: Settings, jobs: int, finish: Finish | None = None) -> Iterator[Any]:
    """``jobs`` = 1: in this process; more: a pool of worker processes. A worker that dies (killed,
    out of memory, a crash in native code) costs only the articles it was working on, whether the break
    shows at a submit or at a result: their chunk is run again alone, then article by article, and only
    those that kill a worker again are reported.

    With ``finish``, the items are (item, tag) pairs, and each article is ``finish(article, tag)``
    once extracted, in the worker that extracted it; failures come as they are."""
    if jobs <= 1:
        from ..nlp.api import extract_many

        yield from extract_many(items, settings=settings) if finish is None else _finished_here(items, settings, finish)
        return
    _warm(settings)  # loaded once here; forked workers share it instead of loading their own
    pool = _Pool(jobs, settings, finish)
    pending: deque[tuple[list[Any], Future[list[Any]]]] = deque()

    def collect() -> Iterator[Result]:
        chunk, future = pending.popleft()
        try:
            yield from future.result()
            return
        except BrokenProcessPool:
            pool.restart()
        results = pool.alone(chunk)
        if results is None:
            results = []
            for item in chunk:
                again = pool.alone([item])
                results += again if again is not None else [_died(item)]
        waiting = list(pending)  # the futures not done before the pool broke died with it: submit them again
        pending.clear()
        pending.extend((other, done if _finished(done) else pool.submit(other)) for other, done in waiting)
        yield from results

    try:
        for chunk in chunks(items, settings.batch_size):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= 2 * jobs:
                yield from collect()
        while pending:
            yield from collect()
    except BaseException:  # KeyboardInterrupt, or GeneratorExit when the caller stops early
        pool.kill()
        raise
    pool.close()


def run_dask(
    items: Iterable[Any],
    *,
    settings: Settings,
    jobs: int,
    scheduler: str | None = None,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """On a Dask cluster: ``scheduler`` is its address, or a LocalCluster of ``jobs`` workers is
    started for the run. Workers need newsgraph and the spaCy model installed. ``finish``: as for
    ``run_local``, run on the Dask workers."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(chunk: list[Any]) -> Any:
            if finish is None:
                return client.submit(extract_chunk, chunk, settings, pure=False)
            return client.submit(finish_chunk, chunk, settings, finish, pure=False)

        yield from _ordered(submit, lambda f: f.result(), items, settings.batch_size, in_flight=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    items: Iterable[Any],
    *,
    engine: str = "local",
    settings: Settings | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    finish: Finish | None = None,
) -> Iterator[Any]:
    """Results in input order: article graphs and failures, or, with ``finish``, what it made of each
    article (the items are then (item, tag) pairs)."""
    settings = settings or Settings()
    if engine == "dask":
        return run_dask(items, settings=settings, jobs=jobs, scheduler=scheduler, finish=finish)
    return run_local(items, settings=settings, jobs=jobs, finish=finish)
