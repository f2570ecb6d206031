"""The graph formats newsgraph ships mark a symmetric predicate's edge (partners_with, competes_with):
``symmetric`` true in GraphML, GEXF, node-link JSON and the Neo4j files, which still parse back."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from extractor.export import writers
from extractor.graph.corpus import merge
from extractor.graph.source import Source, article_source, corpus_source
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation
from extractor.model.vocabulary import vocabulary

TEXT = "Siemens partners with Nvidia on industrial AI. Intel competes with AMD in data-center chips."
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def other_article() -> ArticleGraph:
    """One more article: the partnership told the other way, and a predicate that is not symmetric."""
    entities = [
        Entity("e1", "Nvidia", "Organization", [], None, "Q182477"),
        Entity("e2", "Siemens", "Organization", [], None, "Q81230"),
    ]
    relations = [
        Relation("e1", "partners_with", "e2", Evidence("Nvidia and Siemens.", 0, 19)),
        Relation("e1", "invests_in", "e2", Evidence("Nvidia invests in Siemens.", 20, 46)),
    ]
    return ArticleGraph("other", entities, relations)


@pytest.fixture(scope="module")
def sources(run) -> list[Source]:
    article = run(TEXT)
    return [article_source(article), corpus_source(merge([article, other_article()]), "corpus")]


def by_predicate(g: nx.DiGraph) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for *_, d in g.edges(data=True):
        found.setdefault(d["predicate"], []).append(d)
    return found


def check_marks(g: nx.DiGraph) -> None:
    edges = by_predicate(g)
    assert {"partners_with", "competes_with"} <= set(edges)
    for predicate, ds in edges.items():
        for d in ds:
            assert d.get("symmetric") is (True if predicate in vocabulary().symmetric else None), (predicate, d)


def test_the_networkx_edges_are_marked(sources: list[Source]) -> None:
    for src in sources:
        check_marks(src.graph())
    assert "invests_in" in by_predicate(sources[1].graph())  # the corpus has an edge that is not symmetric


def test_graphml_marks_them_and_parses_back(sources: list[Source]) -> None:
    for src in sources:
        text = writers.get("graphml").render(src)[".graphml"]
        keys = {k.get("attr.name"): k for k in ET.fromstring(text).iter(f"{GRAPHML}key") if k.get("for") == "edge"}
        assert keys["symmetric"].get("attr.type") == "boolean"
        marks = [
            d.text for d in ET.fromstring(text).iter(f"{GRAPHML}data") if d.get("key") == keys["symmetric"].get("id")
        ]
        assert marks and set(marks) == {"true"}  # XML Schema's boolean, not Python's "True"
        check_marks(nx.read_graphml(io.StringIO(text), force_multigraph=True))


def test_gexf_marks_them_and_parses_back(sources: list[Source]) -> None:
    for src in sources:
        text = writers.get("gexf").render(src)[".gexf"]
        check_marks(nx.read_gexf(io.BytesIO(text.encode("utf-8"))))


def test_node_link_json_marks_them(sources: list[Source]) -> None:
    for src in sources:
        data = json.loads(writers.get("nodelink").render(src)[".nodelink.json"])
        g = nx.node_link_graph(data, edges="edges")
        check_marks(g)


def test_neo4j_marks_the_relationships(sources: list[Source]) -> None:
    for src in sources:
        files = writers.get("neo4j").render(src)
        rows = list(csv.reader(io.StringIO(files[".relationships.csv"])))
        column = rows[0].index("symmetric:boolean")
        for row in rows[1:]:
            symmetric = row[2].lower() in vocabulary().symmetric
            assert row[column] == ("true" if symmetric else ""), row
        merges = [line for line in files[".cypher"].splitlines() if "]->(b)" in line]
        assert merges
        for line in merges:
            symmetric = any(f":{p.upper()} " in line for p in vocabulary().symmetric)
            assert ("symmetric: true" in line) is symmetric, line
