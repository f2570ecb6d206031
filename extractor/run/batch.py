"""A batch run: articles in, outputs written as they finish, a summary out.

``job.run_job`` runs it for ``newsgraph extract``, with the command's checks and sinks around it; a
Python user can also call it directly with any iterable of articles and any sink.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..model.defaults import MAX_CHARS
from ..model.facts import ArticleGraph, Failure
from ..model.settings import Settings
from ..text.article import ArticleText
from . import engines
from .sinks import Rendered, RenderError, Sink, fingerprint, out_of_space

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class Summary:
    articles: int = 0
    entities: int = 0
    relations: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the batch ended before its input did (a full disk)
    interrupted: bool = False  # Ctrl-C: what was written stays, --resume does the rest

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.articles} articles ({self.entities} entities, {self.relations} relations), "
            f"{self.failed} failed, {self.skipped} skipped as already done, in {self.seconds:.1f} s "
            f"({rate:.1f} articles/s)"
        )


@dataclass(frozen=True)
class Prepare:
    """What a worker does with each article once extracted, so that the parent has only to write it:
    the relations below ``min_confidence`` left out, then its files rendered, when the sink says how
    (``render(article, stem)``). Pickled to the workers with each chunk."""

    min_confidence: float
    render: Callable[[ArticleGraph, str], Rendered] | None = None

    def __call__(self, article: ArticleGraph, stem: str) -> ArticleGraph | Rendered:
        article = article.above(self.min_confidence)
        return article if self.render is None else self.render(article, stem)


def _described(error: Exception) -> str:
    return str(error) if isinstance(error, RenderError) else f"{type(error).__name__}: {error}"


class _Stop(Exception):
    """The output cannot take another article: end the batch cleanly, keeping what is written."""


def no_space_reason(error: OSError) -> str:
    what = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    return f"{what}{where}"


class Progress:
    """Quiet by default; see ``TerminalProgress`` and ``LogProgress``."""

    def advance(self, summary: Summary) -> None: ...

    def close(self) -> None: ...


class TerminalProgress(Progress):
    """A rich progress bar on stderr: articles done of the total (when it is known), rate, time left."""

    def __init__(self, total: int | None, console: Console | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.bar = Bar(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn() if total else TextColumn(""),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),  # stdout may be the output (--out -)
            transient=True,
        )
        self.task = self.bar.add_task("extract", total=total, rate="")
        self.start = time.monotonic()
        self.bar.start()

    def advance(self, summary: Summary) -> None:
        done = summary.articles + summary.failed + summary.skipped
        rate = summary.articles / max(time.monotonic() - self.start, 1e-9)
        self.bar.update(self.task, completed=done, rate=f"{rate:.1f} art/s")

    def close(self) -> None:
        self.bar.stop()


class LogProgress(Progress):
    """A plain line every ``every`` seconds, for logs and pipes."""

    def __init__(self, write: Callable[[str], None], every: float = 10.0) -> None:
        self.write, self.every = write, every
        self.start = self.last = time.monotonic()

    def advance(self, summary: Summary) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            summary.seconds = now - self.start
            self.write(f"progress: {summary.line()}")


def run_batch(
    items: Iterable[ArticleText | Failure],
    sink: Sink,
    *,
    model: str | None = None,
    formats: tuple[str, ...] = (),
    resume: bool = False,
    engine: str = "local",
    jobs: int = 1,
    batch_size: int = 32,
    max_chars: int = MAX_CHARS,
    scheduler: str | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    on_failure: Callable[[Failure], None] = lambda f: None,
    on_warning: Callable[[ArticleText, str], None] = lambda a, w: None,
    on_article: Callable[[ArticleGraph], None] = lambda a: None,
    min_confidence: float = 0.0,
) -> Summary:
    """Extract every article and write it to ``sink`` as it finishes; never raises for one article.
    With ``strict``, the first failure ends the run; relations below ``min_confidence`` are left out.
    A full disk ends it too, with ``summary.stopped`` saying so, and Ctrl-C, with ``summary.interrupted``:
    what was written stays, the rest is left for ``--resume``."""
    progress = progress or Progress()
    summary = Summary()
    started = time.monotonic()
    settings = {"newsgraph": __version__, "model": model, "formats": list(formats), "min_confidence": min_confidence}
    pending: dict[str, deque[tuple[str, str]]] = defaultdict(deque)

    def todo() -> Iterator[tuple[ArticleText | Failure, str | None]]:
        """Each item to extract with its file stem, which the worker renders its files with."""
        for item in items:
            key = None
            if isinstance(item, ArticleText):
                key, fp = sink.claim(item.id), fingerprint(item, settings)
                if resume and sink.is_current(key, fp):
                    summary.skipped += 1
                    progress.advance(summary)
                    continue
                for warning in item.warnings:
                    on_warning(item, warning)
                pending[item.id].append((key, fp))
            yield item, key

    def key_of(article_id: str) -> tuple[str, str]:
        key_fp = pending[article_id].popleft()
        if not pending[article_id]:
            del pending[article_id]  # a long batch keeps only what is in flight
        return key_fp

    def failed(failure: Failure) -> bool:
        """Counts and logs a failure; True when the run should stop."""
        summary.failed += failure.count
        try:
            sink.fail(failure.id, failure.source, failure.error)
        except OSError as error:
            if out_of_space(error):
                raise _Stop(no_space_reason(error)) from None
            raise
        on_failure(failure)
        return strict

    def written(done: ArticleGraph | Rendered) -> bool:
        """Writes one article (its files rendered by the worker, when the sink could say how); True
        when the run should stop."""
        result = done.article if isinstance(done, Rendered) else done
        key, fp = key_of(result.id)
        try:
            if isinstance(done, Rendered):
                sink.write_rendered(done, key, fp)  # type: ignore[attr-defined]  (a sink with a renderer)
            else:
                sink.write(result, key, fp)
        except OSError as error:
            if out_of_space(error):
                raise _Stop(no_space_reason(error)) from None
            return failed(Failure(result.id, result.source, f"cannot write the output: {error.strerror or error}"))
        except Exception as error:  # noqa: BLE001  (a write error costs one article, never the batch)
            return failed(Failure(result.id, result.source, f"cannot write the output: {_described(error)}"))
        summary.articles += 1
        summary.entities += len(result.entities)
        summary.relations += len(result.relations)
        on_article(result)
        return False

    # a sink that can say how its files are rendered has them rendered in the workers (a directory
    # of files); the parent then only writes them
    renderer: Any = getattr(sink, "renderer", None)
    prepare = Prepare(min_confidence, renderer() if renderer is not None else None)
    results: Iterator[ArticleGraph | Rendered | Failure] = iter(())
    try:
        run_settings = Settings(model, max_chars, batch_size)
        results = engines.run(
            todo(), engine=engine, settings=run_settings, jobs=jobs, scheduler=scheduler, finish=prepare
        )
        for result in results:
            if isinstance(result, Failure):
                if result.stage == "extract":
                    sink.discard(key_of(result.id)[0])  # nor may an earlier run's files of it stay
                stop = failed(result)
            else:
                stop = written(result)
            progress.advance(summary)
            if stop:
                break
    except _Stop as stop:
        summary.stopped = str(stop)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if isinstance(results, Generator):
            results.close()  # the engine stops its workers now, not when the generator is collected
        progress.close()
        try:
            sink.close()
        except OSError as error:
            if not out_of_space(error):
                raise
            summary.stopped = summary.stopped or no_space_reason(error)
        summary.seconds = time.monotonic() - started
    return summary


def is_terminal() -> bool:
    return sys.stderr.isatty()
