"""``newsgraph extract``: articles in, one article JSON per article out (and graph files, a corpus store)."""

from __future__ import annotations

import importlib.util
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..export import writers
from ..model.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE, MAX_CHARS
from ..model.facts import ArticleGraph
from .common import (
    EXIT_ARTICLE_FAILED,
    EXIT_USAGE,
    ModelOption,
    PublishedOption,
    check_date,
    err,
    fail_usage,
    load_model,
    parse_formats,
    refuse_bad_store_target,
    report,
    write_corpus_or_fail,
)


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


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or directories (.txt .md .jsonl .html, also gzipped), or - for stdin."),
    ],
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="A directory (ID.json per article), a .jsonl file, or - for stdout."),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=extract_format_help(),
        ),
    ] = "",
    model: ModelOption = None,
    published: PublishedOption = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = DEFAULT_BATCH_SIZE,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip articles whose output is already complete and current.")
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: processes on this machine; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="With --engine dask: the scheduler's address (default: a LocalCluster)."),
    ] = None,
    stdin_format: Annotated[
        StdinFormat,
        typer.Option("--stdin-format", help="What - reads: text is one article, jsonl many, html one page."),
    ] = StdinFormat.text,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Also merge the articles into one corpus graph: an Oxigraph store at this path."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first article that fails.")] = False,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Longest article read; longer ones fail (spaCy's own limit).")
    ] = MAX_CHARS,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out relations less likely than this to be right (see the README's Accuracy section).",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Extract entities and relations from articles; write one article JSON per article."""
    from ..graph.corpus import articles_in_output, merge
    from ..io import readers
    from ..run import batch, engines, sinks
    from ..run.sinks import DirectorySink, JsonlSink, OutputBusyError

    formats = parse_formats(format)
    published = check_date(published)
    if scheduler and engine is not Engine.dask:
        raise fail_usage("--scheduler goes with --engine dask")
    to_stream = out == "-" or out.lower().endswith(".jsonl")
    if to_stream and formats:
        raise fail_usage("graph files (--format) need a directory for --out, not a .jsonl file or stdout")
    if out == "-" and resume:
        raise fail_usage("--resume needs a directory or a .jsonl file for --out, not stdout")
    inputs = readers.discover(paths)
    for problem in inputs.problems:
        report("error", problem)
    if not len(inputs):
        raise typer.Exit(EXIT_USAGE)
    if engine is Engine.local:
        load_model(model)  # a missing model is a usage error before any work starts
    elif importlib.util.find_spec("distributed") is None:
        raise fail_usage("the Dask engine needs Dask: pip install 'newsgraph[dask]'")
    workers = engines.effective_jobs(inputs, jobs or engines.default_jobs(), batch_size, stdin_format.value)
    if out != "-":
        directory = Path(out) if not to_stream else Path(out).parent
        try:
            sinks.check_writable(directory)
        except OSError as error:
            raise fail_usage(f"cannot write to {directory}: {error.strerror or error}") from None
    if corpus is not None:
        refuse_bad_store_target(corpus)
    try:
        if to_stream:
            sink: DirectorySink | JsonlSink = JsonlSink(None if out == "-" else Path(out), resume)
        else:
            sink = DirectorySink(Path(out), formats, resume)
    except OutputBusyError as error:
        raise fail_usage(str(error)) from None
    except OSError as error:
        raise fail_usage(f"cannot write to {out}: {error.strerror or error}") from None
    written: list[ArticleGraph] = []
    total = len(inputs.files) if all(readers.kind_of(f) != "jsonl" for f in inputs.files) and not inputs.stdin else None
    progress = batch.TerminalProgress(total) if batch.is_terminal() else batch.LogProgress(log_line)
    summary = batch.run_batch(
        readers.read_all(inputs, published, stdin_format.value, max_chars),
        sink,
        model=model,
        formats=formats,
        resume=resume,
        engine=engine.value,
        jobs=workers,
        batch_size=batch_size,
        max_chars=max_chars,
        scheduler=scheduler,
        progress=progress,
        strict=strict,
        on_failure=lambda f: report("error", f.source or f.id, f.error),
        on_warning=lambda a, w: report("warning", a.source or a.id, w),
        on_article=written.append if corpus is not None else (lambda a: None),
        min_confidence=min_confidence,
    )
    err.print(f"newsgraph: {summary.line()}; output in {out}", markup=False)
    if summary.failed and sink.failures_path is not None:
        err.print(f"newsgraph: the failures are listed in {sink.failures_path}", markup=False)
    if summary.stopped:
        again = "; make room and run the same command with --resume to finish it" if out != "-" else ""
        report("error", out, f"the batch stopped: {summary.stopped}{again}")
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    if corpus is not None:
        # a resumed run's corpus holds every article of the output, not only those of this run
        in_corpus = articles_in_output(Path(out)) if resume and out != "-" else written
        write_corpus_or_fail(merge(in_corpus), corpus, "oxigraph")
    if inputs.problems:
        raise typer.Exit(EXIT_USAGE)
    if summary.failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)
