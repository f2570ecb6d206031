"""``newsgraph extract`` as one library call: ``run_job(ExtractJob(paths, out, ...))`` makes the command's
checks, runs the batch, merges the corpus and says what happened, so a Python user runs exactly what the
command runs, without typer. The command only builds the job, prints and turns the result into an exit code.

Every refusal is a ``UsageError`` raised before anything is written; once the batch runs, nothing is
raised for one article: failures and unusable paths are reported through the callbacks and counted in
the result."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..export import writers
from ..io import readers
from ..model.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE, MAX_CHARS
from ..model.facts import ArticleGraph, Failure
from ..model.paths import StrPath
from ..model.usage import UsageError, iso_date
from ..text.article import ArticleText
from . import batch, engines, sinks
from .batch import Progress, Summary
from .sinks import DirectorySink, JsonlSink, OutputBusyError

__all__ = ["CorpusWritten", "ExtractJob", "JobResult", "UsageError", "run_job", "write_corpus"]

STDIN = readers.STDIN
STDIN_FORMATS = ("text", "jsonl", "html")


@dataclass(frozen=True)
class ExtractJob:
    """What ``newsgraph extract`` is asked to do: one field per option, with the command's defaults."""

    paths: Sequence[str | Path]  # article files, directories (searched recursively), "-" for stdin
    out: str | Path  # a directory (ID.json per article), a .jsonl file, or "-" for stdout
    formats: Sequence[str] = ()  # graph files to write as well: writer names, or "all"
    model: str | None = None
    published: str | None = None  # ISO date for relative dates; overrides a dateline
    jobs: int | None = None  # worker processes; None: the cores this process may use
    batch_size: int = DEFAULT_BATCH_SIZE
    resume: bool = False
    engine: str = "local"  # one of engines.ENGINES
    scheduler: str | None = None  # with engine "dask": the scheduler's address; None: a LocalCluster
    stdin_format: str | None = None  # what "-" reads: one of STDIN_FORMATS; None: recognised from its first bytes
    input_format: str | None = None  # what every file is, whatever its extension: one of STDIN_FORMATS
    corpus: str | Path | None = None  # also merge the articles into an Oxigraph store here
    strict: bool = False  # stop at the first article that fails
    max_chars: int = MAX_CHARS
    min_confidence: float = DEFAULT_MIN_CONFIDENCE


@dataclass(frozen=True)
class CorpusWritten:
    """What the corpus step wrote, for the one line that says so."""

    paths: list[Path]
    articles: int
    entities: int
    relations: int  # distinct relations: the corpus graph's edges

    def line(self) -> str:
        return (
            f"corpus of {self.articles} articles, {self.entities} entities, "
            f"{self.relations} distinct relations written to {', '.join(map(str, self.paths))}"
        )


@dataclass(frozen=True)
class JobResult:
    """What a job did. The batch ran; the rest says what went wrong, if anything."""

    summary: Summary
    problems: tuple[str, ...] = ()  # paths given that had nothing to read (the others were done)
    skipped_files: int = 0  # files of the directories walked that are not articles (by extension) or our outputs
    failures_path: Path | None = None  # the file listing the articles that failed; None when none did or on stdout
    corpus: CorpusWritten | None = None  # None without a corpus, when the batch stopped, or when it failed
    corpus_error: str | None = None  # why the corpus could not be written

    @property
    def stopped(self) -> str | None:
        """Why the batch ended before its input did (a full disk); what was written stays for ``resume``."""
        return self.summary.stopped

    @property
    def interrupted(self) -> bool:
        """Ctrl-C ended the batch; what was written stays for ``resume``."""
        return self.summary.interrupted

    @property
    def ok(self) -> bool:
        """Every path read, every article written, the corpus too when asked for."""
        return not (self.problems or self.summary.failed or self.stopped or self.interrupted or self.corpus_error)


def run_job(
    job: ExtractJob,
    *,
    on_problem: Callable[[str], None] = lambda problem: None,
    on_failure: Callable[[Failure], None] = lambda failure: None,
    on_warning: Callable[[ArticleText, str], None] = lambda article, warning: None,
    progress: Callable[[int | None], Progress] = lambda total: Progress(),
) -> JobResult:
    """Runs ``job`` as ``newsgraph extract`` does. Raises UsageError before any article is read when the
    job cannot run as asked (a bad value or combination before the disk is touched at all); a path with
    nothing to read is passed to ``on_problem`` and the batch goes on unless nothing at all is left.
    ``progress`` makes the progress display from the number of articles when that is known in advance
    (None: a JSON Lines input may hold any number)."""
    out = str(job.out)
    formats = _checked(job)
    published = iso_date(job.published)
    if job.scheduler and job.engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    to_stream = out == STDIN or out.lower().endswith(".jsonl")
    if to_stream and formats:
        raise UsageError("graph files (--format) need a directory for --out, not a .jsonl file or stdout")
    if out == STDIN and job.resume:
        raise UsageError("--resume needs a directory or a .jsonl file for --out, not stdout")
    # a walk never reads newsgraph's own outputs (this run's --out, any output directory's graph files)
    inputs = readers.discover(job.paths, skip=sinks.OwnOutputs(out), input_format=job.input_format)
    if not len(inputs):
        raise UsageError(*(inputs.problems or ["no article paths given"]))
    for problem in inputs.problems:
        on_problem(problem)
    _check_engine(job)
    stdin_format = job.stdin_format or (readers.stdin_kind() if inputs.stdin else "text")
    workers = engines.effective_jobs(inputs, job.jobs or engines.default_jobs(), job.batch_size, stdin_format)
    if out != STDIN:
        _check_writable(Path(out).parent if to_stream else Path(out))
    store = None if job.corpus is None else Path(job.corpus)
    if store is not None:
        _check_store_target(store)
    sink = _open_sink(out, to_stream, formats, job.resume)
    written: list[ArticleGraph] = []
    summary = batch.run_batch(
        readers.read_all(inputs, published, stdin_format, job.max_chars),
        sink,
        model=job.model,
        formats=formats,
        resume=job.resume,
        engine=job.engine,
        jobs=workers,
        batch_size=job.batch_size,
        max_chars=job.max_chars,
        scheduler=job.scheduler,
        progress=progress(known_total(inputs)),
        strict=job.strict,
        on_failure=on_failure,
        on_warning=on_warning,
        on_article=written.append if store is not None else (lambda article: None),
        min_confidence=job.min_confidence,
    )
    failures = sink.failures_path if summary.failed else None
    result = JobResult(summary, tuple(inputs.problems), inputs.skipped, failures)
    if summary.stopped or summary.interrupted or store is None:
        return result
    if job.resume and out != STDIN:
        from ..graph.corpus import articles_in_output

        # a resumed run's corpus holds every article of the output, not only those of this run
        written = articles_in_output(Path(out))
    try:
        return replace(result, corpus=write_corpus(written, store))
    except OSError as error:
        return replace(result, corpus_error=f"cannot write the corpus to {store}: {error.strerror or error}")


def _checked(job: ExtractJob) -> tuple[str, ...]:
    """The values typer checks for the command, checked again for a Python caller; the formats as writer names."""
    try:
        formats = writers.parse_formats(",".join(job.formats))
    except ValueError as error:
        raise UsageError(str(error)) from None
    if job.engine not in engines.ENGINES:
        raise UsageError(f"unknown engine {job.engine!r}; choose from {', '.join(engines.ENGINES)}")
    if job.stdin_format is not None and job.stdin_format not in STDIN_FORMATS:
        raise UsageError(f"unknown stdin format {job.stdin_format!r}; choose from {', '.join(STDIN_FORMATS)}")
    if job.input_format is not None and job.input_format not in STDIN_FORMATS:
        raise UsageError(f"unknown input format {job.input_format!r}; choose from {', '.join(STDIN_FORMATS)}")
    for name, value in (("jobs", job.jobs), ("batch_size", job.batch_size), ("max_chars", job.max_chars)):
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1, not {value}")
    if not 0.0 <= job.min_confidence <= 1.0:
        raise UsageError(f"min_confidence must be between 0 and 1, not {job.min_confidence}")
    return formats


def _check_engine(job: ExtractJob) -> None:
    """A missing model, or Dask, is a usage error before any work starts."""
    if job.engine == "local":
        from ..nlp.pipeline import ModelNotFoundError, shared  # spaCy: only when the job runs here

        try:
            shared(job.model)
        except ModelNotFoundError as error:
            raise UsageError(str(error)) from None
    elif importlib.util.find_spec("distributed") is None:
        raise UsageError("the Dask engine needs Dask: pip install 'newsgraph[dask]'")


def _check_writable(directory: Path) -> None:
    """Creates the output directory and writes a probe in it: a read-only or missing place is found
    before the first article, not after it."""
    try:
        sinks.check_writable(directory)
    except OSError as error:
        raise UsageError(f"cannot write to {directory}: {error.strerror or error}") from None


def _check_store_target(store: Path) -> None:
    """A store goes to a new or empty directory or over a store, never over other files."""
    from ..export.store import StoreTargetError, check_store_target

    try:
        check_store_target(store)
    except StoreTargetError as error:
        raise UsageError(str(error)) from None


def _open_sink(out: str, to_stream: bool, formats: tuple[str, ...], resume: bool) -> DirectorySink | JsonlSink:
    """The output, locked: another run writing it is a usage error, not a race."""
    try:
        if to_stream:
            return JsonlSink(None if out == STDIN else Path(out), resume)
        return DirectorySink(Path(out), formats, resume)
    except OutputBusyError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write to {out}: {error.strerror or error}") from None


def known_total(inputs: readers.Inputs) -> int | None:
    """How many articles there are, when that is known before reading: one per file unless a JSON Lines
    file or stdin may hold any number."""
    if inputs.stdin or any(inputs.kind(f) == "jsonl" for f in inputs.files):
        return None
    return len(inputs.files)


def write_corpus(articles: Iterable[ArticleGraph], store: StrPath) -> CorpusWritten:
    """The corpus step as one call: the articles merged into one graph and written as an Oxigraph store
    (replacing one there). A streaming merge replaces this function alone. Raises OSError."""
    from ..export import outputs as exports
    from ..graph.corpus import merge

    corpus = merge(articles)
    paths = exports.write_corpus(corpus, Path(store), "oxigraph")
    return CorpusWritten(paths, len(corpus.articles), len(corpus.entities), corpus.to_networkx().number_of_edges())
