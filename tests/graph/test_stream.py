"""The streamed merge writes what the in-memory merge writes: the same quads in a store and in N-Quads,
N-Triples and TriG files, the same networkx graph, from files read twice or articles in memory."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export.rdf.formats import serialize
from extractor.export.store import query, write_store
from extractor.graph.corpus import json_files, merge
from extractor.graph.index import INDEX_FILE
from extractor.graph.stream import (
    ArticleChanged,
    FileArticles,
    MemoryArticles,
    NoArticles,
    merge_to_file,
    merge_to_networkx,
    merge_to_store,
)
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation


def store_quads(path: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(path))
    try:
        return set(store)
    finally:
        del store


def reference_store(articles: list[ArticleGraph], path: Path) -> set[ox.Quad]:
    """What ``merge --out STORE`` wrote before it streamed: the rdflib dataset of the whole corpus."""
    write_store(merge(articles).to_rdf(), path)
    return store_quads(path)


def write_json(articles: list[ArticleGraph], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (directory / f"{a.id}.json").write_text(a.dumps(), encoding="utf-8")
    return directory


def read_all(directory: Path) -> list[ArticleGraph]:
    return [ArticleGraph.from_json(json.loads(p.read_text(encoding="utf-8"))) for p in json_files([directory])]


def test_the_dev_articles_give_the_store_they_gave_before(dev_json: Path, tmp_path: Path) -> None:
    """The done-when test of the streamed merge: the same store content as the merge it replaces."""
    counts = merge_to_store(FileArticles(json_files([dev_json])), tmp_path / "streamed")
    articles = read_all(dev_json)
    expected = reference_store(articles, tmp_path / "before")
    got = store_quads(tmp_path / "streamed")
    assert got == expected, (len(got - expected), len(expected - got))
    corpus = merge(articles)
    edges = corpus.to_networkx().number_of_edges()
    assert (counts.articles, counts.entities, counts.relations) == (len(articles), len(corpus.entities), edges)
    assert (tmp_path / "streamed" / INDEX_FILE).is_file()


@pytest.mark.parametrize("seed", range(6))
def test_made_up_corpora_give_the_same_store(seed: int, tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(seed, 15)
    articles.append(ArticleGraph(articles[0].id, articles[1].entities, articles[1].relations))  # given twice
    merge_to_store(MemoryArticles(articles), tmp_path / "streamed")
    assert store_quads(tmp_path / "streamed") == reference_store(articles, tmp_path / "before")


def rdflib_quads(articles: list[ArticleGraph], fmt: str) -> set[ox.Quad]:
    text = serialize(merge(articles).to_rdf(), fmt)
    return set(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("fmt", ["nq", "nt", "trig"])
def test_files_hold_the_same_quads_in_the_same_bytes_every_time(fmt: str, tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(3, 20)
    out = tmp_path / f"corpus.{fmt}"
    merge_to_file(MemoryArticles(articles), out, fmt)
    data = out.read_bytes()
    parse_as = {"nq": ox.RdfFormat.N_QUADS, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}[fmt]
    got = set(ox.parse(data, format=parse_as))
    expected = rdflib_quads(articles, "nt" if fmt == "nt" else "nq")
    assert got == expected
    assert len(data.splitlines()) == len(set(data.splitlines())) or fmt == "trig"  # each quad once
    merge_to_file(MemoryArticles(reversed(articles)), out, fmt)
    assert out.read_bytes() == data
    if fmt == "trig":  # rdflib reads it too (newsgraph validate does)
        ds = Dataset()
        ds.parse(data=data.decode(), format="trig")
        assert len(ds) == len(expected)


def test_the_networkx_form_is_the_in_memory_one(corpus_of: Callable) -> None:
    articles = corpus_of(5, 30)
    expected = merge(articles).to_networkx()
    got = merge_to_networkx(MemoryArticles(articles))
    assert got.graph == expected.graph
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(got, expected)


def test_the_dev_networkx_form_too(dev_json: Path) -> None:
    expected = merge(read_all(dev_json)).to_networkx()
    got = merge_to_networkx(FileArticles(json_files([dev_json])))
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(got.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))


def test_a_file_changed_between_the_passes_fails_the_merge(tmp_path: Path, corpus_of: Callable) -> None:
    src = write_json(corpus_of(1, 5), tmp_path / "json")
    source = FileArticles(json_files([src]))
    real_scan = source.scan

    def scan_then_change():
        yield from real_scan()
        victim = sorted(src.glob("*.json"))[2]
        victim.write_text(victim.read_text(encoding="utf-8").replace('"name": "', '"name": "X'), encoding="utf-8")

    source.scan = scan_then_change  # type: ignore[method-assign]
    with pytest.raises(ArticleChanged, match="changed while it was being merged"):
        merge_to_store(source, tmp_path / "store")
    assert not (tmp_path / "store").exists() and not list(tmp_path.glob(".store.ng-*"))


def test_bad_files_are_reported_and_the_rest_merged(tmp_path: Path, corpus_of: Callable) -> None:
    src = write_json(corpus_of(2, 4), tmp_path / "json")
    (src / "broken.json").write_text("{not json")
    (src / "other.json").write_text('{"nodes": []}')  # not article JSON: skipped without a word
    bad = json.loads(next(src.glob("art-*.json")).read_text())
    bad["article"]["id"] = "bad"
    bad["relations"] = [{"subject": "e1", "predicate": "likes", "object": "e2", "evidence": {}}]
    (src / "bad.json").write_text(json.dumps(bad))
    errors: list[tuple[Path, str]] = []
    counts = merge_to_store(FileArticles(json_files([src])), tmp_path / "store", lambda p, r: errors.append((p, r)))
    assert counts.articles == 4
    assert sorted(p.name for p, _ in errors) == ["bad.json", "broken.json"]
    assert "not readable JSON" in dict((p.name, r) for p, r in errors)["broken.json"]
    with pytest.raises(NoArticles):
        merge_to_store(FileArticles([src / "other.json"]), tmp_path / "empty")


def told(article_id: str, subject: str, predicate: str, obj: str) -> ArticleGraph:
    entities = [Entity("e1", subject, "Organization", []), Entity("e2", obj, "Organization", [])]
    return ArticleGraph(article_id, entities, [Relation("e1", predicate, "e2", Evidence(f"{subject} {obj}.", 0, 9))])


SYMMETRIC_CORPUS = [
    told("a", "Siemens", "partners_with", "Nvidia"),
    told("b", "Nvidia", "partners_with", "Siemens"),  # the same partnership told the other way
    told("c", "Intel", "competes_with", "AMD"),
    told("d", "Nvidia", "invests_in", "Siemens"),  # not symmetric: one way only
]


def labels_with(target: Path, predicate: str, name: str) -> list[str]:
    answer = query(target, f"SELECT ?l WHERE {{ ?x rdfs:label '{name}' ; ng:{predicate} ?y . ?y rdfs:label ?l }}")
    return sorted(row[0] for row in answer.rows or [])


@pytest.mark.parametrize("out", ["corpus.nq", "corpus.nt", "corpus.trig", "store", "merge --out", "merge --into"])
def test_a_symmetric_relation_is_found_from_either_party(out: str, tmp_path: Path) -> None:
    """``?x ng:partnersWith ?y`` with ?x bound to the object finds the subject, in every streamed form of
    a corpus and through the command; one relation node per relation told."""
    articles = SYMMETRIC_CORPUS
    if out.startswith("merge"):
        target = tmp_path / ("corpus.nq" if out == "merge --out" else "store")
        json_dir = write_json(articles, tmp_path / "json")
        flag = "--out" if out == "merge --out" else "--into"
        result = CliRunner().invoke(app, ["merge", str(json_dir), flag, str(target)])
        assert result.exit_code == 0, result.output
    elif out == "store":
        target = tmp_path / "store"
        merge_to_store(MemoryArticles(articles), target)
    else:
        target = tmp_path / out
        merge_to_file(MemoryArticles(articles), target, target.suffix[1:])
    assert labels_with(target, "partnersWith", "Nvidia") == ["Siemens"]
    assert labels_with(target, "partnersWith", "Siemens") == ["Nvidia"]
    assert labels_with(target, "competesWith", "AMD") == ["Intel"]
    assert labels_with(target, "competesWith", "Intel") == ["AMD"]
    assert labels_with(target, "investsIn", "Nvidia") == ["Siemens"]
    assert labels_with(target, "investsIn", "Siemens") == []
    nodes = query(target, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ng:Relation }")
    assert nodes.rows == [["4"]]


def test_the_in_memory_corpus_states_a_symmetric_relation_both_ways_too(tmp_path: Path) -> None:
    path = tmp_path / "corpus.nq"
    path.write_text(serialize(merge(SYMMETRIC_CORPUS).to_rdf(), "nq"), encoding="utf-8")
    assert labels_with(path, "partnersWith", "Nvidia") == ["Siemens"]
    assert labels_with(path, "competesWith", "AMD") == ["Intel"]  # told only as "Intel competes with AMD"
    assert labels_with(path, "investsIn", "Siemens") == []


def test_a_symmetric_edge_is_one_edge_marked_symmetric() -> None:
    for g in (merge(SYMMETRIC_CORPUS).to_networkx(), merge_to_networkx(MemoryArticles(SYMMETRIC_CORPUS))):
        edges = {(s, o, k): d for s, o, k, d in g.edges(keys=True, data=True)}
        assert set(edges) == {
            ("org/nvidia", "org/siemens", "partners_with"),  # either way, one edge (subject the lesser key)
            ("org/amd", "org/intel", "competes_with"),
            ("org/nvidia", "org/siemens", "invests_in"),
        }
        assert edges[("org/nvidia", "org/siemens", "partners_with")]["symmetric"] is True
        assert edges[("org/nvidia", "org/siemens", "partners_with")]["support"] == 2
        assert edges[("org/amd", "org/intel", "competes_with")]["symmetric"] is True
        assert "symmetric" not in edges[("org/nvidia", "org/siemens", "invests_in")]
