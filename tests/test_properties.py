"""Property-based tests: for arbitrary Unicode text, extraction returns article JSON that
validates against the shipped JSON Schema, every serialisation parses back (rdflib and
pyoxigraph for RDF, networkx for GraphML, GEXF and node-link, csv for Neo4j, the page's JSON,
the PNG header, SVG as XML), and the output is the same bytes twice."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree

import jsonschema
import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from extractor.export import outputs as exports
from extractor.model.schema import article_schema
from extractor.nlp.api import extract_article
from extractor.text.article import ArticleError, from_text

WORDS = [
    "Amazon",
    "will",
    "invest",
    "$4 billion",
    "in",
    "Anthropic",
    "the",
    "startup",
    "said",
    "its",
    "chips",
    "Nvidia's",
    "H100",
    "acquire",
    "Arm",
    "for",
    "€500m",
    "Microsoft",
    "rival",
    "Google",
    "CEO",
    "Satya Nadella",
    ",",
    ".",
    "(AWS)",
    "based",
    "-",
    "Paris",
    "last year",
    "on Monday",
    "\n",
    "\n\n",
    '"',
    "'",
    "<b>",
    "&amp;",
    "\u202e",
    "\u200b",
    "😀",
    "日本",
    "Société",
    "O'Reilly",
    "=SUM(A1)",
    "@here",
    "\t",
    "\x01",
    "\\",
    "}{",
]
RDF = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS),
    ".trig": ("trig", ox.RdfFormat.TRIG),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}

texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join),
)
ids = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


def png_checked(data: bytes) -> None:
    """A PNG's signature, and a width and height in its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert int.from_bytes(data[16:20], "big") > 0 and int.from_bytes(data[20:24], "big") > 0


def svg_checked(data: str) -> None:
    assert ElementTree.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"


def html_nodes(page: str) -> int:
    """The entities in the page's inline data (the page draws what that JSON holds)."""
    start = page.index('<script type="application/json" id="newsgraph-data">')
    data = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return len(json.loads(data)["nodes"])


def csv_rows(text: str) -> int:
    """Data rows of a CSV file, each as wide as its header."""
    header, *rows = csv.reader(io.StringIO(text))
    assert all(len(row) == len(header) for row in rows)
    return len(rows)


def cypher_nodes(script: str) -> int:
    return sum(line.startswith("MERGE (n:Entity ") for line in script.splitlines())


# suffix → how it is read back: to the number of entities, or None when it holds no such count
READ_BACK: dict[str, Callable[[Any], int | None]] = {
    ".graphml": lambda data: nx.parse_graphml(data).number_of_nodes(),
    ".gexf": lambda data: nx.read_gexf(io.BytesIO(data.encode("utf-8"))).number_of_nodes(),
    ".nodelink.json": lambda data: nx.node_link_graph(json.loads(data), edges="edges").number_of_nodes(),
    ".nodes.csv": csv_rows,
    ".relationships.csv": lambda data: None if csv_rows(data) >= 0 else 0,
    ".cypher": cypher_nodes,
    ".html": html_nodes,
    ".png": png_checked,
    ".svg": svg_checked,
}


def check_exports(article) -> None:
    files = exports.render(exports.article_source(article, stem="x"), exports.GRAPH_FORMATS)
    assert set(files) == set(RDF) | set(READ_BACK)  # a new format needs a way to be read back here
    for suffix, (rdflib_format, ox_format) in RDF.items():
        ds = Dataset()
        ds.parse(data=files[suffix], format=rdflib_format)
        store = ox.Store()
        store.load(files[suffix].encode("utf-8"), format=ox_format)
        assert len(store) == len(ds) or suffix == ".jsonld", suffix
    for suffix, read in READ_BACK.items():
        count = read(files[suffix])
        assert count is None or count == len(article.entities), suffix


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, article_id=ids)
def test_any_text_gives_valid_article_json_and_exports(nlp, text: str, article_id: str) -> None:
    try:
        article_text = from_text(text, article_id)
    except ArticleError:
        return  # empty, no letters, NUL bytes: refused with a message, never a crash
    first = extract_article(article_text, nlp=nlp)
    jsonschema.validate(first.to_json(), article_schema())
    for r in first.relations:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.text
    for e in first.entities:
        assert all(0 <= s < t <= len(text) for s, t in e.mentions)
    check_exports(first)
    again = extract_article(article_text, nlp=nlp)
    assert again.dumps() == first.dumps()
    assert exports.render(exports.article_source(again), ("ttl", "trig")) == exports.render(
        exports.article_source(first), ("ttl", "trig")
    )
