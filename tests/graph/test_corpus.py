"""Corpus graphs: one node per real-world entity across articles, edges citing their articles."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import neo4j
from extractor.export import outputs as exports
from extractor.graph.corpus import merge

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "eval" / "dev" / "articles"

A = "Amazon Web Services (AWS) said on Monday that Amazon will invest $4 billion in Anthropic."
B = "AWS is now Anthropic's primary cloud provider. ZT Systems Inc. builds servers for AWS."
C = "AMD agreed to buy ZT Systems for $4.9 billion. The Federal Trade Commission is reviewing the deal."


@pytest.fixture(scope="module")
def small(nlp):
    from extractor import extract

    return [extract(t, id=f"a{n}", nlp=nlp) for n, t in enumerate([A, B, C])]


def test_one_node_per_entity_and_edges_cite_articles(small) -> None:
    corpus = merge(small)
    names = [e.name for e in corpus.entities]
    assert len(names) == len(set(names))
    assert "AWS" not in names and names.count("Amazon Web Services") == 1
    zt = next(e for e in corpus.entities if e.name.startswith("ZT Systems"))
    assert zt.articles == ["a1", "a2"]  # "ZT Systems Inc." and "ZT Systems" are one company
    g = corpus.to_networkx()
    aws = next(k for k, d in g.nodes(data=True) if d["name"] == "Amazon Web Services")
    assert g.nodes[aws]["articles"] == ["a0", "a1"]
    edge = next(d for s, o, d in g.edges(data=True) if d["predicate"] == "invests_in")
    assert edge["articles"] == ["a0"] and edge["amount"] == 4_000_000_000 and edge["evidence"]


def test_different_wikidata_ids_never_merge(small) -> None:
    corpus = merge(small)
    by_wikidata = {}
    for e in corpus.entities:
        if e.wikidata:
            assert by_wikidata.setdefault(e.wikidata, e.key) == e.key


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev is not beside this checkout")
def test_merging_the_dev_articles(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "json"
    assert runner.invoke(app, ["extract", str(DEV), "--out", str(out)]).exit_code == 0
    store = tmp_path / "store"
    result = runner.invoke(app, ["merge", str(out), "--out", str(store)])
    assert result.exit_code == 0, result.output
    labels = runner.invoke(
        app, ["query", str(store), "SELECT ?l WHERE { ?e a ng:Entity . ?e rdfs:label ?l }", "--output", "json"]
    )
    assert labels.exit_code == 0, labels.output
    names = [r["l"] for r in json.loads(labels.output)["rows"]]
    assert len(names) == len(set(names)), "one node per real-world entity"
    assert "AWS" not in names and names.count("Anthropic") == 1 and names.count("Amazon Web Services") == 1
    support = runner.invoke(
        app,
        [
            "query",
            str(store),
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?r ng:relationPredicate ng:investsIn ; "
            "ng:relationSubject/rdfs:label 'Amazon' ; ng:relationObject/rdfs:label 'Anthropic' ; "
            "prov:wasDerivedFrom ?a }",
            "--output",
            "csv",
        ],
    )
    assert support.output.splitlines() == ["n", "2"]  # the seed and the Google story both tell it


def test_merge_to_files(small, tmp_path: Path) -> None:
    runner = CliRunner()
    src = tmp_path / "json"
    for article in small:
        exports.write(article, src)
    (src / "notes.json").write_text('{"not": "an article"}')
    for name in ["corpus.trig", "corpus.nq", "corpus.graphml", "corpus.gexf", "corpus.json", "corpus.cypher"]:
        result = runner.invoke(app, ["merge", str(src), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "corpus.nodes.csv").exists() and (tmp_path / "corpus.relationships.csv").exists()
    valid = runner.invoke(app, ["validate", str(tmp_path / "corpus.trig"), str(tmp_path / "corpus.nq")])
    assert valid.exit_code == 0, valid.output


def test_merge_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "empty").mkdir()
    assert runner.invoke(app, ["merge", str(tmp_path / "empty"), "--out", str(tmp_path / "s")]).exit_code == 2
    assert runner.invoke(app, ["merge", str(tmp_path / "nope"), "--out", str(tmp_path / "s")]).exit_code == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.json").write_text("{broken")
    assert runner.invoke(app, ["merge", str(bad), "--out", str(tmp_path / "s")]).exit_code == 2


def test_extract_with_corpus_and_query_outputs(tmp_path: Path) -> None:
    runner = CliRunner()
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(A)
    (src / "two.txt").write_text(C)
    store = tmp_path / "store"
    result = runner.invoke(app, ["extract", str(src), "--out", str(tmp_path / "out"), "--corpus", str(store)])
    assert result.exit_code == 0, result.output
    q = "SELECT ?who WHERE { ?x ng:acquires ?y . ?x rdfs:label ?who }"
    table = runner.invoke(app, ["query", str(store), q], env={"COLUMNS": "120"})
    assert table.exit_code == 0 and "AMD" in table.output
    ask = runner.invoke(app, ["query", str(store), "ASK { ?x ng:investsIn ?y }", "--output", "json"])
    assert json.loads(ask.output) == {"boolean": True}
    construct = runner.invoke(app, ["query", str(store), "CONSTRUCT { ?x ng:acquires ?y } WHERE { ?x ng:acquires ?y }"])
    assert construct.exit_code == 0 and "acquires" in construct.output
    assert runner.invoke(app, ["query", str(store), "SELEC nonsense"]).exit_code == 2
    assert runner.invoke(app, ["query", str(tmp_path / "missing"), "ASK {}"]).exit_code == 2


# -- Neo4j ---------------------------------------------------------------------------------
# neo4j-admin database import header syntax: <name>:<field type> for properties, where the type is
# one of the documented ones, optionally an array with []; :ID/:LABEL for nodes; :START_ID/:END_ID/:TYPE.
TYPES = "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration"
PROPERTY = re.compile(rf"^[A-Za-z_][A-Za-z0-9_]*(:({TYPES})(\[\])?)?$")


def check_header(header: list[str], required: list[str]) -> None:
    for field in required:
        assert sum(1 for h in header if h == field or h.endswith(field) and h.split(":")[0] and field == ":ID") >= 1
    for h in header:
        if h in {":LABEL", ":START_ID", ":END_ID", ":TYPE"} or h.endswith(":ID"):
            continue
        assert PROPERTY.match(h), h


def test_neo4j_csv_follows_the_import_header_syntax(small) -> None:
    g = merge(small).to_networkx()
    nodes = list(csv.reader(io.StringIO(neo4j.nodes_csv(g))))
    rels = list(csv.reader(io.StringIO(neo4j.relationships_csv(g))))
    check_header(nodes[0], [":ID", ":LABEL"])
    assert nodes[0][0] == "id:ID" and nodes[0][-1] == ":LABEL"
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    check_header(rels[0], [])
    assert all(len(row) == len(nodes[0]) for row in nodes) and all(len(row) == len(rels[0]) for row in rels)
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in rels[1:])
    assert all(row[-1].startswith("Entity;") for row in nodes[1:])
    assert {row[2] for row in rels[1:]} <= {
        "INVESTS_IN",
        "ACQUIRES",
        "INVESTIGATES",
        "USES",
        "SUPPLIES",
        "PART_OF",
        "DEVELOPS",
        "PARTNERS_WITH",
    }
    header = dict(zip(rels[0], range(len(rels[0])), strict=True))
    assert "articles:string[]" in header and "support:long" in header


def test_cypher_escapes_names() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("org/x", name='O\'Reilly \\ "Media"\nInc', type="Organization")
    g.add_node("org/y", name="Y", type="Organization")
    g.add_edge("org/x", "org/y", key="k'1", predicate="partners_with", evidence="it's")
    script = neo4j.cypher(g)
    assert "'O\\'Reilly \\\\ \"Media\"\\nInc'" in script
    assert ":PARTNERS_WITH {key: 'k\\'1'}" in script and "evidence: 'it\\'s'" in script
    assert script.count(";\n") == len(script.splitlines())


def test_query_refuses_remote_endpoints_unless_allowed() -> None:
    """newsgraph works offline: SERVICE is refused before anything is sent, unless --allow-service."""
    import http.server
    import threading

    hits: list[str] = []

    class Endpoint(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (the name http.server calls)
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    runner = CliRunner()
    server = http.server.HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        graph = str(Path(__file__).resolve().parents[2] / "graphs" / "amazon-anthropic-8b.ttl")
        federated = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.server_port}/sparql> {{ ?s ?p ?o }} }}"
        refused = runner.invoke(app, ["query", graph, federated])
        assert refused.exit_code == 2 and "SERVICE" in refused.output and "Traceback" not in refused.output
        assert hits == []
        mentioned = "ASK { ?s ?p 'SERVICE' } # SERVICE <http://x/>"
        quoted = runner.invoke(app, ["query", graph, mentioned, "--output", "json"])
        assert quoted.exit_code == 0, quoted.output  # the word in a string or a comment is no call
        allowed = runner.invoke(app, ["query", graph, federated, "--allow-service"])
        assert hits and allowed.exit_code == 2  # it asked; the endpoint's error is one clear line
    finally:
        server.shutdown()


def test_a_store_is_never_written_into_a_directory_of_other_files(tmp_path: Path) -> None:
    """merge --out DIR and extract --corpus DIR refuse a directory that holds other files, before
    any work, and leave it as it was; an empty directory and an existing store are fine."""
    runner = CliRunner()
    articles = Path(__file__).resolve().parents[2] / "graphs" / "amazon-anthropic-8b.json"
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "cat.jpg").write_bytes(b"\xff\xd8")
    for command in (
        ["merge", str(articles), "--out", str(photos)],
        ["extract", "-", "--out", str(tmp_path / "out"), "--corpus", str(photos)],
    ):
        result = runner.invoke(app, command, input="Oracle bought Cerner.\n")
        assert result.exit_code == 2 and "not a store" in result.output, result.output
        assert sorted(p.name for p in photos.iterdir()) == ["cat.jpg"]
    store = tmp_path / "store"
    store.mkdir()
    for _ in range(2):  # into an empty directory, then over the store it made
        assert runner.invoke(app, ["merge", str(articles), "--out", str(store)]).exit_code == 0
    ask = runner.invoke(app, ["query", str(store), "ASK { ?x ng:investsIn ?y }", "--output", "json"])
    assert json.loads(ask.output) == {"boolean": True}


@pytest.mark.parametrize("out_name", ["out", "out.jsonl"])
def test_a_resumed_run_keeps_every_article_in_its_corpus(tmp_path: Path, out_name: str) -> None:
    """extract --corpus STORE --resume: the store holds the articles of earlier runs too."""
    runner = CliRunner()
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Oracle bought Cerner in 2022.\n")
    (src / "b.txt").write_text("Broadcom agreed to buy VMware for $61 billion.\n")
    out, store = tmp_path / out_name, tmp_path / "store"
    first = runner.invoke(app, ["extract", str(src), "--out", str(out), "--corpus", str(store)])
    assert first.exit_code == 0, first.output
    (src / "c.txt").write_text("Microsoft agreed to buy Activision Blizzard.\n")
    for _ in range(2):  # the run that adds c, then one with nothing left to do
        again = runner.invoke(app, ["extract", str(src), "--out", str(out), "--corpus", str(store), "--resume"])
        assert again.exit_code == 0, again.output
        q = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }"
        assert runner.invoke(app, ["query", str(store), q, "--output", "csv"]).output.splitlines() == ["n", "3"]
