"""The N-Quads a merge streams are the quads rdflib's builder makes, term for term: two renderings of one
set of statements (``export.rdf.statements``)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from extractor.export.rdf.build import article_iri, entity_node, to_rdf
from extractor.export.rdf.formats import serialize
from extractor.export.rdf.statements import decimal_lit
from extractor.export.rdf.terms import Lit
from extractor.graph.nquads import article_lines, entity_lines, term
from extractor.graph.resolution import EntityInfo
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation

REPO = Path(__file__).resolve().parents[2]


def quads(text: str) -> set[ox.Quad]:
    return set(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def by_rdflib(article: ArticleGraph) -> str:
    ds = Dataset()
    to_rdf(article, ds.graph(article_iri(article.id)), knowledge=ds.default_graph)
    return serialize(ds, "nq")


def by_lines(article: ArticleGraph) -> str:
    nodes = [entity_node(e) for e in article.entities]
    terms = [f"<{n.iri}>" for n in nodes]
    graph, direct = article_lines(article, terms)
    described = [
        line
        for n, t in zip(nodes, terms, strict=True)
        for line in entity_lines(EntityInfo("", n.name, n.type, n.kind, n.wikidata, n.aliases), t)
    ]
    return "".join(graph + direct + described)


HOSTILE = ArticleGraph(
    'a"b\\c\nd/../é',
    [
        Entity("e1", 'Quote " and \\ back\r\nslash\x01\u2028', "Organization", ["Q\tCo", "A\u200fB"], None, "Q42"),
        Entity("e2", "Trainium", "Product", [], "chip"),
        Entity("e3", "Baidu 百度", "Organization", []),
    ],
    [
        Relation(
            "e1",
            "invests_in",
            "e3",
            Evidence('He said "yes"\n\tthen\\no', 3, 40),
            amount={"value": 1e-7, "currency": "USD", "text": "x", "bound": "max"},
            date="2024-11",
            round="total",
            confidence=0.3,
            purpose="p\u0085q",
            rule="r",
        ),
        Relation("e3", "uses", "e2", Evidence("", 0, 0), amount={"value": 2.5e20, "currency": "EUR", "text": "y"}),
        Relation("e1", "develops", "e2", Evidence("z", 1, 2), date="sometime", status="planned", role="ceo"),
        Relation("e3", "partners_with", "e1", Evidence("both ways", 4, 9), date="2024-02-30"),
    ],
    source="in/a b.txt",
    title="Title\nwith a break",
    published="2024",
)


def articles() -> list[ArticleGraph]:
    shipped = [p for p in sorted((REPO / "graphs").glob("*.json")) if not p.name.endswith(".nodelink.json")]
    return [HOSTILE, *(ArticleGraph.from_json(json.loads(p.read_text(encoding="utf-8"))) for p in shipped)]


@pytest.mark.parametrize("article", articles(), ids=lambda a: a.id[:20])
def test_the_lines_are_the_quads_of_the_rdflib_builder(article: ArticleGraph) -> None:
    expected, got = quads(by_rdflib(article)), quads(by_lines(article))
    assert got == expected, (got - expected, expected - got)


def test_literals_escape_what_n_quads_needs() -> None:
    assert term(Lit('a"b\\c\nd\re')) == '"a\\"b\\\\c\\nd\\re"'
    assert term(decimal_lit(1e-7)) == '"0.0000001"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert term(decimal_lit(4_000_000_000)) == '"4000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    graph, _ = article_lines(HOSTILE, ["<urn:x:1>", "<urn:x:2>", "<urn:x:3>"])
    assert all(line.endswith(" .\n") and line.count("\n") == 1 for line in graph)
