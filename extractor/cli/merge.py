"""``newsgraph merge``: many article JSON files into one corpus graph, a store or an RDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..export import writers
from ..model.facts import ArticleGraph
from .common import EXIT_ARTICLE_FAILED, fail_usage, json_files, refuse_bad_store_target, report, write_corpus_or_fail


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
    out: Annotated[Path, typer.Option("--out", "-o", help="Corpus store directory, or a file such as corpus.trig.")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=merge_format_help(),
        ),
    ] = None,
) -> None:
    """Merge many articles into one graph, one node per real-world entity."""
    from ..graph.corpus import merge, read_articles

    try:
        fmt = writers.corpus_format(out, format)
    except ValueError as error:
        raise fail_usage(str(error)) from None
    if writers.get(fmt).directory:
        refuse_bad_store_target(out)
    files = json_files(paths)
    articles: list[ArticleGraph] = []
    failed = 0
    for item in read_articles(files):
        if isinstance(item, ArticleGraph):
            articles.append(item)
        else:
            failed += 1
            report("error", item[0], item[1])
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    write_corpus_or_fail(merge(articles), out, fmt)
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)
