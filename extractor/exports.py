"""Output formats, one small writer each, found through one name → writer table.

A writer turns a graph source (an article or a corpus) into files: ``{suffix: text}``, written
through ``durable`` so that neither a killed run nor a crash of the machine leaves a partial file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from . import neo4j
from .corpus import Corpus
from .durable import as_bytes, write_files
from .facts import ArticleGraph
from .rdf.build import article_iri, to_rdf
from .rdf.formats import RDF_FORMATS, serialize


@dataclass
class Source:
    """Something to export: its file stem and how to get it as RDF, as networkx, as JSON."""

    stem: str
    rdf: Callable[[], Dataset]
    graph: Callable[[], nx.MultiDiGraph]
    json: Callable[[], str] | None = None
    title: str = ""


def article_source(article: ArticleGraph, stem: str | None = None) -> Source:
    def rdf() -> Dataset:
        ds = Dataset()
        to_rdf(article, ds.graph(article_iri(article.id)), knowledge=ds.default_graph)
        return ds

    return Source(stem or article.id, rdf, article.to_networkx, article.dumps, article.title or article.id)


XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters or lone surrogates, even escaped."""
    return XML_INVALID.sub("\ufffd", text)


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF hold no lists, None or XML-invalid characters: lists are joined with "|",
    empty values dropped, invalid characters replaced by U+FFFD."""
    g = nx.relabel_nodes(g, {n: xml_safe(str(n)) for n in g.nodes}, copy=True)
    for data in [d for _, d in g.nodes(data=True)] + [d for *_, d in g.edges(keys=True, data=True)] + [g.graph]:
        for k in list(data):
            v = data[k]
            if isinstance(v, list | tuple):
                data[k] = xml_safe("|".join(str(x) for x in v))
            elif v is None:
                del data[k]
            elif isinstance(v, str):
                data[k] = xml_safe(v)
    return g


def _rdf_writer(fmt: str) -> Callable[[Source], dict[str, str]]:
    _, ext, _ = RDF_FORMATS[fmt]
    return lambda src: {ext: serialize(src.rdf(), fmt)}


def _graphml(src: Source) -> dict[str, str]:
    return {".graphml": "\n".join(nx.generate_graphml(flat_graph(src.graph()))) + "\n"}


def _gexf(src: Source) -> dict[str, str]:
    return {".gexf": gexf_text(flat_graph(src.graph()))}


def gexf_text(g: nx.MultiDiGraph) -> str:
    """GEXF without the day it was written: networkx stamps ``lastmodifieddate`` with today's date
    and its own version as creator, so the same graph would give other bytes tomorrow or after an
    upgrade. Both are optional in GEXF 1.2; the creator is newsgraph."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "newsgraph"
    writer.add_graph(g)
    return "\n".join(str(writer).splitlines()) + "\n"


def _nodelink(src: Source) -> dict[str, str]:
    data = nx.node_link_data(src.graph(), edges="edges")
    return {".nodelink.json": json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"}


def _neo4j(src: Source) -> dict[str, str]:
    g = src.graph()
    return {
        ".nodes.csv": neo4j.nodes_csv(g),
        ".relationships.csv": neo4j.relationships_csv(g),
        ".cypher": neo4j.cypher(g),
    }


def _html(src: Source) -> dict[str, str]:
    from .viewer import render_html

    return {".html": render_html(src.graph(), src.title or src.stem)}


def _picture(fmt: str) -> Callable[[Source], dict[str, str | bytes]]:
    def write(src: Source) -> dict[str, str | bytes]:
        from .viewer import render_picture

        data = render_picture(src.graph(), src.title or src.stem, fmt)
        return {f".{fmt}": data.decode("utf-8") if fmt == "svg" else data}

    return write


def _article_json(src: Source) -> dict[str, str]:
    if src.json is None:
        raise ValueError("only articles have article JSON")
    return {".json": src.json()}


WRITERS: dict[str, Callable[[Source], dict[str, str]]] = {
    "json": _article_json,
    **{fmt: _rdf_writer(fmt) for fmt in RDF_FORMATS},
    "graphml": _graphml,
    "gexf": _gexf,
    "nodelink": _nodelink,
    "neo4j": _neo4j,
    "html": _html,
    "png": _picture("png"),
    "svg": _picture("svg"),
}
GRAPH_FORMATS = tuple(k for k in WRITERS if k != "json")
PICTURES = ("png", "svg")  # drawn for people; "all" leaves them out
SUFFIXES: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    **{fmt: (ext,) for fmt, (_, ext, _) in RDF_FORMATS.items()},
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "nodelink": (".nodelink.json",),
    "neo4j": (".nodes.csv", ".relationships.csv", ".cypher"),
    "html": (".html",),
    "png": (".png",),
    "svg": (".svg",),
}


def parse_formats(value: str) -> tuple[str, ...]:
    """ "ttl,graphml" → ("ttl", "graphml"); "all" → every graph format. Raises ValueError on unknown names."""
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in names:
        names = [n for n in names if n != "all"] + [f for f in GRAPH_FORMATS if f not in PICTURES]
    unknown = [n for n in names if n not in GRAPH_FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(GRAPH_FORMATS)} or all")
    return tuple(dict.fromkeys(names))


def render(src: Source, formats: tuple[str, ...]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for name in formats:
        files.update(WRITERS[name](src))
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
    return write_source(article_source(article), out_dir, ("json", *formats))


def turtle(article: ArticleGraph) -> str:
    return render(article_source(article), ("ttl",))[".ttl"]


def graphml(article: ArticleGraph) -> str:
    return render(article_source(article), ("graphml",))[".graphml"]


def nodelink(article: ArticleGraph) -> str:
    return render(article_source(article), ("nodelink",))[".nodelink.json"]


# -- corpus graphs -------------------------------------------------------------------------
CORPUS_FORMATS = ("oxigraph", *GRAPH_FORMATS)
CORPUS_EXTENSIONS = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "nodelink",
    ".cypher": "neo4j",
    ".csv": "neo4j",
    ".html": "html",
    ".png": "png",
    ".svg": "svg",
}


def corpus_format(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one ``out``'s extension names; a path without one is a store."""
    if fmt:
        if fmt not in CORPUS_FORMATS:
            raise ValueError(f"unknown format {fmt}; choose from {', '.join(CORPUS_FORMATS)}")
        return fmt
    return CORPUS_EXTENSIONS.get(out.suffix.lower(), "oxigraph")


def write_corpus(corpus: Corpus, out: Path, fmt: str) -> list[Path]:
    """An Oxigraph store at ``out`` (a directory), or files named after ``out``'s stem."""
    if fmt == "oxigraph":
        from .store import write_store

        write_store(corpus.to_rdf(), out)
        return [out]
    stem = out.name.removesuffix(".nodelink.json") if out.name.endswith(".nodelink.json") else out.stem
    src = Source(stem, corpus.to_rdf, corpus.to_networkx, title=f"newsgraph corpus of {len(corpus.articles)} articles")
    return write_source(src, out.parent, (fmt,))
