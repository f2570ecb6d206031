"""Writing a graph source (an article or a corpus) in any registered format (see ``writers``).

Every file is rendered before any is written, then written through ``durable`` so that neither a
killed run nor a crash of the machine leaves a partial file. The names others import from here
(``Source``, ``article_source``, ``parse_formats``, ``corpus_format``, ``GRAPH_FORMATS``...) stay here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..graph.source import Source, article_source, corpus_source
from ..io.durable import as_bytes, write_files
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


def source_files(src: Source, out_dir: Path, formats: tuple[str, ...]) -> dict[Path, bytes]:
    """Every file of ``formats`` for ``src``, as ``out_dir/STEM<suffix>`` → its bytes."""
    return {out_dir / f"{src.stem}{suffix}": as_bytes(data) for suffix, data in render(src, formats).items()}


def write_source(src: Source, out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every file of ``formats`` for ``src``: rendered before any is written, then all or none written."""
    files = source_files(src, out_dir, formats)
    write_files(files)
    return list(files)


def write(article: ArticleGraph, out_dir: Path, formats: tuple[str, ...] = ()) -> list[Path]:
    """The article JSON and each requested format, as ``out_dir/ID.<ext>``."""
    return write_source(article_source(article), out_dir, (writers.ARTICLE_JSON, *formats))


def turtle(article: ArticleGraph) -> str:
    return render(article_source(article), ("ttl",))[".ttl"]


def graphml(article: ArticleGraph) -> str:
    return render(article_source(article), ("graphml",))[".graphml"]


def nodelink(article: ArticleGraph) -> str:
    return render(article_source(article), ("nodelink",))[".nodelink.json"]


def write_corpus(corpus: Corpus, out: Path, fmt: str) -> list[Path]:
    """A store at ``out`` (a directory format such as oxigraph), or files named after ``out``'s stem."""
    writer = writers.get(fmt)
    if writer.store is not None:
        writer.store(corpus_source(corpus, out.name), out)
        return [out]
    stem = out.name.removesuffix(".nodelink.json") if out.name.endswith(".nodelink.json") else out.stem
    return write_source(corpus_source(corpus, stem), out.parent, (fmt,))
