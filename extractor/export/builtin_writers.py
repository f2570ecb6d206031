"""The formats newsgraph ships, one small render function each; ``writers`` registers them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .rdf.syntaxes import RDF_FORMATS
from .writers import Writer

if TYPE_CHECKING:
    from ..graph.source import Source

# The render functions import what they draw with: the table itself is read by --help, which must
# not wait for networkx, rdflib or matplotlib.


def _article_json(src: Source) -> dict[str, str]:
    if src.json is None:
        raise ValueError("only articles have article JSON")
    return {".json": src.json()}


def _rdf(fmt: str) -> Callable[[Source], dict[str, str]]:
    _, ext, _ = RDF_FORMATS[fmt]

    def render(src: Source) -> dict[str, str]:
        from .rdf.formats import serialize, serialize_quads

        if src.quads is not None:  # the plain terms: written without rdflib, the same text
            return {ext: serialize_quads(src.quads(), fmt, src.rdf)}
        return {ext: serialize(src.rdf(), fmt)}

    return render


def _graphml(src: Source) -> dict[str, str]:
    from .xmlgraph import graphml_text

    return {".graphml": graphml_text(src.graph())}


def _gexf(src: Source) -> dict[str, str]:
    from .xmlgraph import flat_graph, gexf_text

    return {".gexf": gexf_text(flat_graph(src.graph()))}


def _nodelink(src: Source) -> dict[str, str]:
    import networkx as nx

    data = nx.node_link_data(src.graph(), edges="edges")
    return {".nodelink.json": json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"}


def _neo4j(src: Source) -> dict[str, str]:
    from . import neo4j

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
    def render(src: Source) -> dict[str, str | bytes]:
        from .viewer import render_picture
        from .xmlgraph import xml_safe

        data = render_picture(src.graph(), src.title or src.stem, fmt)
        # matplotlib copies names into SVG comments as they are: a control character would make the
        # file unreadable XML (any SVG that was readable is unchanged by xml_safe)
        return {f".{fmt}": xml_safe(data.decode("utf-8")) if fmt == "svg" else data}

    return render


def _oxigraph(src: Source, out: Path) -> None:
    from .store import write_store

    write_store(src.rdf(), out)


RDF_NAMES = {
    "ttl": "RDF Turtle",
    "nt": "RDF N-Triples",
    "nq": "RDF N-Quads",
    "trig": "RDF TriG",
    "jsonld": "RDF JSON-LD",
}

BUILTIN: tuple[Writer, ...] = (
    Writer("json", (".json",), "the article JSON, always written", _article_json, corpora=False, in_all=False),
    Writer("oxigraph", (), "a persistent Oxigraph store directory", store=_oxigraph, articles=False, in_all=False),
    *(Writer(fmt, (ext,), RDF_NAMES.get(fmt, f"RDF {fmt}"), _rdf(fmt)) for fmt, (_, ext, _) in RDF_FORMATS.items()),
    Writer("graphml", (".graphml",), "GraphML", _graphml),
    Writer("gexf", (".gexf",), "GEXF for Gephi", _gexf),
    Writer("nodelink", (".nodelink.json",), "networkx node-link JSON", _nodelink),
    Writer("neo4j", (".nodes.csv", ".relationships.csv", ".cypher"), "Neo4j import CSV and a Cypher script", _neo4j),
    Writer("html", (".html",), "an interactive offline page", _html),
    Writer("png", (".png",), "a picture", _picture("png"), binary=True, in_all=False),
    Writer("svg", (".svg",), "a vector picture", _picture("svg"), in_all=False),
)
