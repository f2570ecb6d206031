"""Graph files: Turtle parses, GraphML reads back with its attributes, node-link loads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from extractor.export import outputs as exports
from extractor.export.rdf import NG, NGR
from extractor.model.facts import ArticleGraph
from extractor.model.usage import UsageError

TEXT = (
    "Investors cheer\n\nSEATTLE, Nov. 22, 2024 - Amazon will invest $4 billion in Anthropic, "
    'the startup "behind" <Claude>. Anthropic will use AWS Trainium chips.'
)


def test_writes_every_format(run, tmp_path: Path) -> None:
    article = run(TEXT)
    paths = exports.write(article, tmp_path, exports.GRAPH_FORMATS)
    suffixes = [
        ".html",
        ".png",
        ".svg",
        ".json",
        ".ttl",
        ".nt",
        ".nq",
        ".trig",
        ".jsonld",
        ".graphml",
        ".gexf",
        ".nodelink.json",
        ".nodes.csv",
        ".relationships.csv",
        ".cypher",
    ]
    assert sorted(p.name for p in paths) == sorted(f"article{s}" for s in suffixes)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_turtle_has_direct_triples_and_relation_nodes(run) -> None:
    article = run(TEXT)
    g = Graph().parse(data=exports.turtle(article), format="turtle")
    amazon, anthropic = NGR["Q3884"], NGR["Q116758847"]
    assert (amazon, NG.investsIn, anthropic) in g
    assert (amazon, RDFS.label, Literal("Amazon")) in g
    q = """SELECT ?value ?date WHERE { ?r ng:relationSubject ?s ; ng:relationPredicate ng:investsIn ;
            ng:amount ?a . ?a schema:value ?value . OPTIONAL { ?r dcterms:date ?date } }"""
    rows = list(
        g.query(
            q,
            initNs={
                "ng": NG._NS,
                "schema": URIRef("https://schema.org/"),
                "dcterms": URIRef("http://purl.org/dc/terms/"),
            },
        )
    )
    assert [float(r.value) for r in rows] == [4e9]


def test_graphml_keeps_attributes(run, tmp_path: Path) -> None:
    article = run(TEXT)
    path = tmp_path / "a.graphml"
    path.write_text(exports.graphml(article))
    g = nx.read_graphml(path, force_multigraph=True)
    node = g.nodes["Q3884"]
    assert node["name"] == "Amazon" and node["type"] == "Organization"
    edges = [d for _, _, d in g.edges(data=True) if d["predicate"] == "invests_in"]
    assert edges and edges[0]["amount"] == 4_000_000_000 and edges[0]["currency"] == "USD"
    assert g.number_of_edges() == len(article.relations)
    expected = exports.flat_graph(article.to_networkx())
    for key, data in expected.nodes(data=True):
        assert {k: str(v) for k, v in g.nodes[key].items()} == {k: str(v) for k, v in data.items()}
    got = sorted(json.dumps({k: str(v) for k, v in d.items()}, sort_keys=True) for *_, d in g.edges(data=True))
    want = sorted(json.dumps({k: str(v) for k, v in d.items()}, sort_keys=True) for *_, d in expected.edges(data=True))
    assert got == want


def test_nodelink_loads_back(run) -> None:
    article = run(TEXT)
    data = json.loads(exports.nodelink(article))
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_nodes() == len(article.entities)
    assert g.number_of_edges() == len(article.relations)


def test_json_is_deterministic(run) -> None:
    assert run(TEXT).dumps() == run(TEXT).dumps()


def test_article_json_round_trips(run) -> None:
    from extractor import ArticleGraph

    article = run(TEXT)
    again = ArticleGraph.from_json(json.loads(article.dumps()))
    assert again.dumps() == article.dumps()


def test_gexf_keeps_attributes(run, tmp_path: Path) -> None:
    article = run(TEXT)
    path = tmp_path / "a.gexf"
    path.write_text(exports.render(exports.article_source(article), ("gexf",))[".gexf"])
    g = nx.read_gexf(path)
    expected = exports.flat_graph(article.to_networkx())
    assert g.number_of_nodes() == expected.number_of_nodes()
    assert g.number_of_edges() == expected.number_of_edges()
    for key, data in expected.nodes(data=True):
        got = g.nodes[key]
        for attr, value in data.items():
            assert str(got.get(attr, got.get("label") if attr == "name" else None)) == str(value), (key, attr)
    got_edges = sorted(
        json.dumps({k: str(v) for k, v in d.items() if k not in {"id", "key"}}, sort_keys=True)
        for *_, d in g.edges(data=True)
    )
    want_edges = sorted(
        json.dumps({k: str(v) for k, v in d.items()}, sort_keys=True) for *_, d in expected.edges(data=True)
    )
    assert got_edges == want_edges


def test_outputs_are_ordinary_files(run, tmp_path: Path) -> None:
    import os
    import stat

    [path] = exports.write(run(TEXT), tmp_path)
    mode = stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_gexf_is_the_same_bytes_on_any_day(run, monkeypatch) -> None:
    """networkx stamps GEXF with today's date; the file must not change with the calendar."""
    import time

    article = run(TEXT)
    today = exports.render(exports.article_source(article), ("gexf",))[".gexf"]
    monkeypatch.setattr(time, "strftime", lambda fmt, *a: "1999-12-31")
    later = exports.render(exports.article_source(article), ("gexf",))[".gexf"]
    assert today == later
    assert "1999" not in later
    read = nx.read_gexf(io.BytesIO(later.encode()))
    assert read.number_of_edges() == article.to_networkx().number_of_edges()


def test_draw_one_article_or_a_merged_corpus(run, tmp_path: Path) -> None:
    """``newsgraph view``'s function: one article drawn as itself, several merged into one corpus graph."""
    a = run(TEXT)
    b = ArticleGraph.from_json({**a.to_json(), "article": {**a.to_json()["article"], "id": "other"}})
    one, many = tmp_path / "one", tmp_path / "many"
    exports.write(a, one)
    exports.write(a, many)
    (many / "other.json").write_text(b.dumps())
    assert exports.draw([one / f"{a.id}.json"], tmp_path / "a.svg") == tmp_path / "a.svg"
    assert (tmp_path / "a.svg").read_text().lstrip().startswith("<")
    page = exports.draw([many], tmp_path / "corpus.html")
    assert "newsgraph corpus of 2 articles" in page.read_text()


@pytest.mark.parametrize(
    "name, message",
    [
        ("x.pdf", "name an .html, .png or .svg file"),
        ("x.html", "no article JSON in"),
    ],
)
def test_draw_refuses_before_writing(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "in").mkdir()
    with pytest.raises(UsageError, match=message):
        exports.draw([tmp_path / "in"], tmp_path / name)
    assert not (tmp_path / name).exists()


def _networkx_graphml(g: nx.MultiDiGraph) -> str:
    """networkx's own GraphML, but for booleans: XML Schema's ``true``, not Python's ``True``."""
    from extractor.export.xmlgraph import flat_graph

    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(flat_graph(g))
    booleans = {k.get("id") for k in writer.xml.iter("key") if k.get("attr.type") == "boolean"}
    for data in writer.xml.iter("data"):
        if data.get("key") in booleans and data.text in ("True", "False"):
            data.text = data.text.lower()
    return "\n".join(str(writer).splitlines()) + "\n"


def test_graphml_is_the_text_networkx_writes(run) -> None:
    """GraphML is written directly, not through networkx's XML tree: the same text, to the byte, for
    an article, a corpus and graphs of every awkward value (markup, line breaks, non-ASCII, control
    characters, numbers, booleans, lists, None), and networkx's writer for what it does not cover."""
    import random

    from extractor.export.xmlgraph import graphml_text
    from extractor.graph.corpus import merge

    article = run(TEXT)
    graphs = [article.to_networkx(), merge([article]).to_networkx()]
    rnd = random.Random(7)
    pieces = ["a", "&", "<", ">", '"', "'", "\r", "\n", "\t", " ", "é", "\u2028", "\x85", "\U0001f600", "\x01", "]]>"]

    def text() -> str:
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5)))

    def value() -> object:
        return rnd.choice([text(), rnd.randint(-5, 5), rnd.random(), True, False, None, [text(), text()], "", 1e20])

    for _ in range(150):
        g = nx.MultiDiGraph()
        if rnd.random() < 0.5:
            g.graph[text() or "x"] = value()
        for n in range(rnd.randint(0, 5)):
            g.add_node(text() or f"n{n}", **{rnd.choice(["name", "type", text() or "k"]): value() for _ in range(3)})
        nodes = list(g.nodes) or ["z"]
        for e in range(rnd.randint(0, 6)):
            attrs = {rnd.choice(["predicate", "amount", text() or "w"]): value() for _ in range(rnd.randint(0, 3))}
            g.add_edge(rnd.choice(nodes), rnd.choice(nodes), key=rnd.choice([text() or "k", e]), **attrs)
        graphs.append(g)
    with_id = nx.MultiDiGraph(id="g1")  # not what newsgraph writes: networkx's own writer
    for g in [*graphs, with_id]:
        assert graphml_text(g) == _networkx_graphml(g)


def test_view_draws_the_good_articles_and_names_the_bad_ones(tmp_path: Path) -> None:
    """A broken article JSON beside good ones is reported, not skipped silently; the page is drawn
    from the others and the exit code says an input failed, as merge does."""
    from typer.testing import CliRunner

    from extractor.cli import app
    from extractor.cli.common import EXIT_ARTICLE_FAILED

    seed = Path(__file__).resolve().parents[2] / "graphs" / "amazon-anthropic-8b.json"
    (tmp_path / "good.json").write_bytes(seed.read_bytes())
    broken = json.loads(seed.read_text(encoding="utf-8"))
    broken["relations"][0]["subject"] = "e999"  # an entity the article does not have
    (tmp_path / "bad.json").write_text(json.dumps(broken), encoding="utf-8")
    problems: list[tuple[Path, str]] = []
    page = exports.draw([str(tmp_path)], str(tmp_path / "page.html"), lambda p, r: problems.append((p, r)))
    assert page.is_file() and [p.name for p, _ in problems] == ["bad.json"]
    result = CliRunner().invoke(app, ["view", str(tmp_path), "--out", str(tmp_path / "cli.html")])
    assert result.exit_code == EXIT_ARTICLE_FAILED
    assert "bad.json" in result.output and (tmp_path / "cli.html").is_file()
