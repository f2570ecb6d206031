"""``newsgraph merge``: many article JSON files into one corpus graph, a store or an RDF file, or added
to a store that exists."""

from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..export import writers
from ..model.facts import ArticleGraph
from .common import (
    EXIT_ARTICLE_FAILED,
    err,
    fail_usage,
    json_files,
    refuse_bad_store_target,
    report,
    write_corpus_or_fail,
)


class Engine(StrEnum):
    """Where a merge's per-article work runs: here, or on a Dask cluster's workers."""

    local = "local"
    dask = "dask"


# formats drawn from the networkx form, which a merge builds without keeping the articles
NETWORKX_FORMATS = frozenset({"graphml", "gexf", "nodelink", "neo4j", "html", "png", "svg"})


def merge_format_help() -> str:
    """--format of merge, from the writer table: the default store first, then the file formats."""
    default = writers.get(writers.corpus_format(Path(""), None))
    others = [w.name for w in writers.all_writers() if w.corpora and w is not default]
    return (
        f"{default.name} ({default.description}, the default), or a file format: {', '.join(others)}. "
        "Without it, the extension of --out decides."
    )


def merge_articles(
    paths: Annotated[list[Path], typer.Argument(help="Directories or files of article JSON (what extract writes).")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Corpus store directory (created or replaced), or a file such as corpus.trig."
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="A corpus store to add the articles to (created if missing): the old articles are not read again, "
            "and an article already in it is replaced, not duplicated.",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=merge_format_help(),
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: every pass here; dask: reading, checking and each article's quads on a Dask cluster "
            "(the resolution and the writing stay here).",
        ),
    ] = Engine.local,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="With --engine dask: local workers (default: the cores).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="With --engine dask: the scheduler's address (default: a LocalCluster)."),
    ] = None,
) -> None:
    """Merge many articles into one graph, one node per real-world entity."""
    if (out is None) == (into is None):
        raise fail_usage("give --out STORE_OR_FILE for a new corpus, or --into STORE to add to a store")
    target = out if out is not None else into
    assert target is not None
    try:
        fmt = writers.corpus_format(target, format)
    except ValueError as error:
        raise fail_usage(str(error)) from None
    if (scheduler or jobs) and engine is not Engine.dask:
        raise fail_usage("--scheduler and --jobs go with --engine dask")
    if into is not None and fmt != "oxigraph":
        raise fail_usage(f"--into adds to an Oxigraph store, not to a {fmt} file: write a file with --out")
    if writers.get(fmt).directory:
        refuse_bad_store_target(target)
    files = json_files(paths)
    failed = 0

    def on_error(path: Path, reason: str) -> None:
        nonlocal failed
        failed += 1
        report("error", path, reason)

    if fmt == "oxigraph" or fmt in NETWORKX_FORMATS or _streamed(fmt):
        with _cluster(engine, jobs, scheduler) as client:
            _merge_streamed(files, target, fmt, into is not None, on_error, paths, client)
    else:
        _merge_in_memory(files, target, fmt, on_error, paths)
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


def _streamed(fmt: str) -> bool:
    from ..graph.stream import STREAMED_FORMATS

    return fmt in STREAMED_FORMATS


def _cluster(engine: Engine, jobs: int | None, scheduler: str | None):  # noqa: ANN202
    """A Dask client for the merge's workers, or nothing for a local merge."""
    if engine is not Engine.dask:
        return nullcontext(None)
    from ..graph.distributed import dask_client
    from ..run.engines import default_jobs

    return dask_client(jobs or default_jobs(), scheduler)


def _merge_streamed(  # noqa: PLR0913
    files: list[Path],
    out: Path,
    fmt: str,
    adding: bool,
    on_error,
    paths: list[Path],
    client,  # noqa: ANN001
) -> None:
    """Two passes over the files: memory grows with the distinct entities, not with the articles."""
    from ..graph.incremental import merge_into_store
    from ..graph.index import NoIndexError
    from ..graph.stream import FileArticles, NoArticles, merge_to_file, merge_to_networkx, merge_to_store

    if client is None:
        source = FileArticles(files)
    else:
        from ..graph.distributed import DaskArticles

        source = DaskArticles(files, client)
    try:
        if adding:
            added = merge_into_store(source, out, on_error)
            err.print(
                f"newsgraph: added {added.added} articles to {out} ({added.replaced} replaced, {added.unchanged} "
                f"already there, {added.rewritten} old ones rewritten); it holds {added.articles} articles, "
                f"{added.entities} entities",
                markup=False,
            )
            return
        if fmt == "oxigraph":
            counts = merge_to_store(source, out, on_error)
            written = [out]
        elif fmt in NETWORKX_FORMATS:
            counts, written = _write_networkx(merge_to_networkx(source, on_error), out, fmt)
        else:
            counts = merge_to_file(source, out, fmt, on_error)
            written = [out]
    except NoArticles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}") from None
    except NoIndexError as error:
        raise fail_usage(str(error)) from None
    except OSError as error:
        err.print(f"newsgraph: error: cannot write the corpus to {out}: {error.strerror or error}", markup=False)
        raise typer.Exit(EXIT_ARTICLE_FAILED) from None
    err.print(
        f"newsgraph: corpus of {counts.articles} articles, {counts.entities} entities, "
        f"{counts.relations} distinct relations written to {', '.join(map(str, written))}",
        markup=False,
    )


def _write_networkx(graph, out: Path, fmt: str):  # noqa: ANN001, ANN202  (networkx types stay out of the CLI's imports)
    from ..export.outputs import write_source
    from ..graph.source import Source
    from ..graph.stream import Counts

    def no_rdf():  # noqa: ANN202
        raise ValueError(f"{fmt} is drawn from the networkx form")

    stem = out.name.removesuffix(".nodelink.json") if out.name.endswith(".nodelink.json") else out.stem
    title = f"newsgraph corpus of {len(graph.graph['articles'])} articles"
    written = write_source(Source(stem, no_rdf, lambda: graph, title=title), out.parent, (fmt,))
    return Counts(len(graph.graph["articles"]), graph.number_of_nodes(), graph.number_of_edges()), written


def _merge_in_memory(files: list[Path], out: Path, fmt: str, on_error, paths: list[Path]) -> None:  # noqa: ANN001
    """Turtle, JSON-LD and plugin formats: rdflib (or the plugin) holds the whole corpus anyway."""
    from ..graph.corpus import merge, read_articles

    articles: list[ArticleGraph] = []
    for item in read_articles(files):
        if isinstance(item, ArticleGraph):
            articles.append(item)
        else:
            on_error(*item)
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    write_corpus_or_fail(merge(articles), out, fmt)
