"""Writing a graph source (an article or a corpus) in any registered format (see ``writers``).

Every file is rendered before any is written, then written through ``durable`` so that neither a
killed run nor a crash of the machine leaves a partial file. The names others import from here
(``Source``, ``article_source``, ``parse_formats``, ``corpus_format``, ``GRAPH_FORMATS``...) stay here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..graph.source import Source, article_source, corpus_source
from ..io.durable import as_bytes, write_files
from ..model.paths import StrPath
from ..model.usage import UsageError
from . import writers
from .writers import corpus_format, parse_formats
from .xmlgraph import flat_graph, gexf_text, xml_safe

if TYPE_CHECKING:
    from ..graph.corpus import Corpus
    from ..model.facts import ArticleGraph

__all__ = [  # and GRAPH_FORMATS, PICTURES through __getattr__
    "Source",
    "article_source",
    "corpus_format",
    "corpus_source",
    "draw",
    "flat_graph",
    "gexf_text",
    "graphml",
    "nodelink",
    "parse_formats",
    "render",
    "source_files",
    "turtle",
    "write",
    "write_corpus",
    "write_source",
    "xml_safe",
]


def __getattr__(name: str) -> tuple[str, ...]:
    """``GRAPH_FORMATS`` (every ``--format`` name) and ``PICTURES`` (those "all" leaves out), asked
    of the registry when first used, so that plugins are included."""
    if name == "GRAPH_FORMATS":
        return writers.article_formats()
    if name == "PICTURES":
        return tuple(n for n in writers.article_formats() if not writers.get(n).in_all)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(src: Source, formats: tuple[str, ...]) -> dict[str, str | bytes]:
    """``{suffix: data}`` for every file of ``formats``, in the order asked."""
    files: dict[str, str | bytes] = {}
    for name in formats:
        writer = writers.get(name)
        if writer.render is None:
            raise ValueError(f"{name} is a directory, not files")
        files.update(writer.render(src))
    return files


def source_files(src: Source, out_dir: StrPath, formats: tuple[str, ...]) -> dict[Path, bytes]:
    """Every file of ``formats`` for ``src``, as ``out_dir/STEM<suffix>`` → its bytes."""
    return {Path(out_dir) / f"{src.stem}{suffix}": as_bytes(data) for suffix, data in render(src, formats).items()}


def write_source(src: Source, out_dir: StrPath, formats: tuple[str, ...]) -> list[Path]:
    """Every file of ``formats`` for ``src``: rendered before any is written, then all or none written."""
    files = source_files(src, out_dir, formats)
    write_files(files)
    return list(files)


def write(article: ArticleGraph, out_dir: StrPath, formats: tuple[str, ...] = ()) -> list[Path]:
    """The article JSON and each requested format, as ``out_dir/ID.<ext>``."""
    return write_source(article_source(article), out_dir, (writers.ARTICLE_JSON, *formats))


DRAWINGS = ("html", "png", "svg")


def draw(paths: Iterable[StrPath], out: StrPath, on_error: Callable[[Path, str], None] | None = None) -> Path:
    """What ``newsgraph view`` writes: the article JSON files given (or under the directories given) drawn
    as one page or picture, its format named by ``out``'s extension; several articles are merged into one
    corpus graph first. A file that is not readable article JSON is left out and given to ``on_error``
    with the reason. A bad ``out``, no article JSON or an unwritable ``out`` raise UsageError."""
    from ..graph.corpus import json_files, merge, read_articles
    from ..model.facts import ArticleGraph

    paths, out = [Path(p) for p in paths], Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in DRAWINGS:
        raise UsageError(f"--out {out}: name an .html, .png or .svg file")
    try:
        files = json_files(paths)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    articles = []
    for found in read_articles(files):
        if isinstance(found, ArticleGraph):
            articles.append(found)
        elif on_error is not None:
            on_error(*found)
    if not articles:
        raise UsageError(f"no article JSON in {', '.join(map(str, paths))}")
    if len(articles) == 1:
        src = article_source(articles[0], stem=out.stem)
    else:
        corpus = merge(articles)
        src = Source(out.stem, corpus.to_rdf, corpus.to_networkx, title=f"newsgraph corpus of {len(articles)} articles")
    try:
        return write_source(src, out.parent, (fmt,))[0]
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from None


def turtle(article: ArticleGraph) -> str:
    return render(article_source(article), ("ttl",))[".ttl"]


def graphml(article: ArticleGraph) -> str:
    return render(article_source(article), ("graphml",))[".graphml"]


def nodelink(article: ArticleGraph) -> str:
    return render(article_source(article), ("nodelink",))[".nodelink.json"]


def write_corpus(corpus: Corpus, out: StrPath, fmt: str) -> list[Path]:
    """A store at ``out`` (a directory format such as oxigraph), or files named after ``out``'s stem."""
    out = Path(out)
    writer = writers.get(fmt)
    if writer.store is not None:
        writer.store(corpus_source(corpus, out.name), out)
        return [out]
    stem = out.name.removesuffix(".nodelink.json") if out.name.endswith(".nodelink.json") else out.stem
    source = corpus_source(corpus, stem)
    if len(writer.suffixes) == 1 and writer.render is not None:  # one file: the one named (corpus.json)
        [data] = writer.render(source).values()
        write_files({out: as_bytes(data)})
        return [out]
    return write_source(source, out.parent, (fmt,))
