"""``newsgraph extract``: articles in, one article JSON per article out (and graph files, a corpus store).

The options are declared here; ``run.job.run_job`` does the work (a Python user calls it alike), and this
prints what it reports and turns its result into the exit code."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..export import writers
from ..model.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE, MAX_CHARS
from ..model.usage import UsageError
from .common import (
    EXIT_ARTICLE_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    ModelOption,
    PublishedOption,
    err,
    report,
    usage_exit,
)

if TYPE_CHECKING:
    from ..run.batch import Progress


class Engine(StrEnum):
    """Where the articles are extracted (``engines.ENGINES``); typer turns any other value into a usage error."""

    local = "local"
    dask = "dask"


class StdinFormat(StrEnum):
    """What ``-`` reads: one article of plain text, JSON Lines of articles, or one HTML page."""

    text = "text"
    jsonl = "jsonl"
    html = "html"


def extract_format_help() -> str:
    """--format of extract, from the writer table (plugins included)."""
    names = writers.article_formats()
    left_out = [n for n in names if not writers.get(n).in_all]
    all_help = f"all (every one but {', '.join(left_out)})" if left_out else "all"
    return f"Graph files to write as well, comma-separated: {writers.describe(names)}; or {all_help}."


def log_line(text: str) -> None:
    """Progress when stderr is not a terminal: plain lines a log keeps."""
    err.print(f"newsgraph: {text}", markup=False)


def progress_display(total: int | None) -> Progress:
    """A bar on a terminal, plain lines a log keeps otherwise."""
    from ..run import batch

    return batch.TerminalProgress(total) if batch.is_terminal() else batch.LogProgress(log_line)


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or directories (.txt .md .jsonl .html, also gzipped), or - for stdin."),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR|FILE.jsonl|-",
            help="A directory (ID.json per article), a .jsonl file, or - for stdout.",
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help=extract_format_help(),
        ),
    ] = "",
    model: ModelOption = None,
    published: PublishedOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: the number of cores)."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, metavar="N", help="Articles per spaCy batch.")] = DEFAULT_BATCH_SIZE,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip articles whose output is already complete and current.")
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: processes on this machine; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the scheduler's address (default: a LocalCluster).",
        ),
    ] = None,
    stdin_format: Annotated[
        StdinFormat | None,
        typer.Option(
            "--stdin-format",
            help="What - reads: text is one article, jsonl many, html one page "
            "(default: recognised from its first bytes: an HTML page, JSON Lines, else text).",
        ),
    ] = None,
    input_format: Annotated[
        StdinFormat | None,
        typer.Option(
            "--input-format",
            help="Read every file as this, whatever its extension (else by extension: .txt .md text, "
            ".jsonl, .html .htm; others are skipped in a directory and refused when named).",
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="STORE",
            help="Also merge the articles into one corpus graph: an Oxigraph store at this path.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first article that fails.")] = False,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars", min=1, metavar="N", help="Longest article read; longer ones fail (spaCy's own limit)."
        ),
    ] = MAX_CHARS,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            metavar="T",
            min=0.0,
            max=1.0,
            help="Leave out relations less likely than this to be right (see the README's Accuracy section).",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Extract entities and relations from articles; write one article JSON per article."""
    from ..run.job import ExtractJob, run_job

    job = ExtractJob(
        paths=tuple(paths),
        out=out,
        formats=tuple(format.split(",")),
        model=model,
        published=published,
        jobs=jobs,
        batch_size=batch_size,
        resume=resume,
        engine=engine.value,
        scheduler=scheduler,
        stdin_format=None if stdin_format is None else stdin_format.value,
        input_format=None if input_format is None else input_format.value,
        corpus=corpus,
        strict=strict,
        max_chars=max_chars,
        min_confidence=min_confidence,
    )
    try:
        result = run_job(
            job,
            on_problem=lambda problem: report("error", problem),
            on_failure=lambda f: report("error", f.source or f.id, f.error),
            on_warning=lambda a, w: report("warning", a.source or a.id, w),
            progress=progress_display,
        )
    except UsageError as error:
        raise usage_exit(error) from None
    err.print(f"newsgraph: {result.summary.line()}; output in {out}", markup=False)
    if result.skipped_files:
        err.print(
            f"newsgraph: {result.skipped_files} files left out of the directories read: not articles by their "
            "extension (--input-format reads them), or newsgraph's own outputs",
            markup=False,
        )
    if result.interrupted:
        again = "; run the same command with --resume to continue" if out != "-" else ""
        err.print(f"newsgraph: interrupted: {result.summary.articles} articles written{again}", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    if result.failures_path is not None:
        err.print(f"newsgraph: the failures are listed in {result.failures_path}", markup=False)
    if result.stopped:
        again = "; make room and run the same command with --resume to finish it" if out != "-" else ""
        report("error", out, f"the batch stopped: {result.stopped}{again}")
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    if result.corpus_error is not None:
        err.print(f"newsgraph: error: {result.corpus_error}", markup=False)
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    if result.corpus is not None:
        err.print(f"newsgraph: {result.corpus.line()}", markup=False)
    if result.problems:
        raise typer.Exit(EXIT_USAGE)
    if result.summary.failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)
