"""``newsgraph view``: an article or a corpus drawn as an offline HTML page or a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..model.facts import ArticleGraph
from .common import err, fail_usage, json_files


def view(
    paths: Annotated[
        list[Path], typer.Argument(help="Article JSON files, or directories of them (drawn as one corpus).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="graph.html (interactive, offline), graph.png or graph.svg.")
    ],
) -> None:
    """Draw a graph: one self-contained interactive HTML page, or a PNG or SVG picture."""
    from ..export import outputs as exports
    from ..graph.corpus import merge, read_articles

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in {"html", "png", "svg"}:
        raise fail_usage(f"--out {out}: name an .html, .png or .svg file")
    files = json_files(paths)
    articles = [a for a in read_articles(files) if isinstance(a, ArticleGraph)]
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    if len(articles) == 1:
        src = exports.article_source(articles[0], stem=out.stem)
    else:
        corpus = merge(articles)
        src = exports.Source(
            out.stem, corpus.to_rdf, corpus.to_networkx, title=f"newsgraph corpus of {len(articles)} articles"
        )
    try:
        written = exports.write_source(src, out.parent, (fmt,))
    except OSError as error:
        raise fail_usage(f"cannot write {out}: {error.strerror or error}") from None
    err.print(f"newsgraph: {written[0]}", markup=False)
