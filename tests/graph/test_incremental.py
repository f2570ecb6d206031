"""Articles added to a store give the store a merge of every article from scratch gives, whatever the
order of their ids, whether entities merge, split or change their names, and however many additions."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from extractor.export.store import write_store
from extractor.graph.corpus import json_files, merge
from extractor.graph.incremental import merge_into_store
from extractor.graph.index import INDEX_FILE, NoIndexError
from extractor.graph.stream import FileArticles, MemoryArticles, merge_to_store
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation


def quads(path: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(path))
    try:
        return set(store)
    finally:
        del store


def from_scratch(articles: list[ArticleGraph], path: Path) -> set[ox.Quad]:
    merge_to_store(MemoryArticles(articles), path)
    return quads(path)


def latest(articles: list[ArticleGraph]) -> list[ArticleGraph]:
    """Each id once, the last given: what a store holds after the additions."""
    return list({a.id: a for a in articles}.values())


def diff(got: set[ox.Quad], expected: set[ox.Quad]) -> str:
    return f"extra {sorted(map(str, got - expected))[:6]} missing {sorted(map(str, expected - got))[:6]}"


@pytest.mark.parametrize("seed", range(12))  # 3 s each: 12 made-up corpora, for CI time
def test_additions_equal_a_merge_from_scratch(seed: int, tmp_path: Path, corpus_of: Callable) -> None:
    rng = random.Random(seed)
    articles = corpus_of(seed, 24)
    batches = [articles[:10], articles[10:17], articles[17:]]
    # some articles come again: unchanged, or with other content under the same id
    again = rng.sample(articles[:17], 4)
    batches[2] = batches[2] + [again[0], again[1]]
    changed = corpus_of(seed + 1000, 2)
    batches[2] += [ArticleGraph(again[2].id, c.entities, c.relations) for c in changed[:1]]
    batches.append([ArticleGraph(again[3].id, changed[1].entities, changed[1].relations)])
    store = tmp_path / "store"
    given: list[ArticleGraph] = []
    for n, batch in enumerate(batches):
        merge_into_store(MemoryArticles(batch), store)
        given += batch
        expected = from_scratch(latest(given), tmp_path / f"scratch-{n}")
        got = quads(store)
        assert got == expected, f"after batch {n}: {diff(got, expected)}"


def test_an_article_added_again_is_not_duplicated(tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(7, 8)
    store = tmp_path / "store"
    merge_to_store(MemoryArticles(articles), store)
    before, inode = quads(store), store.stat().st_ino
    added = merge_into_store(MemoryArticles(articles[:3]), store)
    assert (added.added, added.replaced, added.unchanged, added.articles) == (0, 0, 3, 8)
    assert quads(store) == before and store.stat().st_ino == inode  # not even copied and swapped
    edited = ArticleGraph(articles[0].id, articles[0].entities, articles[0].relations[:0], title="Edited")
    added = merge_into_store(MemoryArticles([edited]), store)
    assert (added.added, added.replaced, added.articles) == (0, 1, 8)
    assert quads(store) == from_scratch([edited, *articles[1:]], tmp_path / "scratch")
    s = ox.Store.read_only(str(store))
    assert len(list(s.named_graphs())) == 8


def org(n: str, name: str, aliases: list[str] | None = None, wikidata: str | None = None) -> Entity:
    return Entity(n, name, "Organization", aliases or [], None, wikidata)


def deal(article_id: str, a: Entity, b: Entity) -> ArticleGraph:
    return ArticleGraph(
        article_id, [a, b], [Relation(a.id, "invests_in", b.id, Evidence(f"{a.name} and {b.name}", 0, 5))]
    )


def test_a_new_article_that_links_two_old_entities_merges_them(tmp_path: Path) -> None:
    """ "AWS" and "Amazon Web Services" are two entities until an article names one as the other's
    acronym: then every old article's quads move to the one IRI, as a merge from scratch would have it."""
    old = [
        deal("a", org("e1", "AWS"), org("e2", "Anthropic")),
        deal("b", org("e1", "Amazon Web Services"), org("e2", "Anthropic")),
        deal("c", org("e1", "Amazon Web Services"), org("e2", "Hugging Face")),
    ]
    store = tmp_path / "store"
    merge_to_store(MemoryArticles(old), store)
    link = deal("d", org("e1", "AWS", ["Amazon Web Services"]), org("e2", "Intel"))
    added = merge_into_store(MemoryArticles([link]), store)
    assert added.rewritten == 1  # article "a" mentioned org/aws, now org/amazon-web-services
    assert quads(store) == from_scratch([*old, link], tmp_path / "scratch")
    labels = [
        r["l"].value
        for r in ox.Store.read_only(str(store)).query(
            "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    ]
    assert labels.count("Amazon Web Services") == 1 and "AWS" not in labels


def test_ids_that_sort_before_the_old_ones_and_conflicting_wikidata_ids(tmp_path: Path) -> None:
    """Where "Apple" is Q1 in one article and Q2 in another, which entity an article without an id
    joins depends on which comes first by id: an addition that sorts first changes it."""
    old = [
        ArticleGraph("m", [org("e1", "Apple", wikidata="Q1")], []),
        ArticleGraph("n", [org("e1", "Apple")], []),
    ]
    store = tmp_path / "store"
    merge_to_store(MemoryArticles(old), store)
    first = ArticleGraph("a", [org("e1", "Apple", wikidata="Q2")], [])
    merge_into_store(MemoryArticles([first]), store)
    assert quads(store) == from_scratch([*old, first], tmp_path / "scratch")
    corpus = merge([*old, first])
    assert corpus.entity_of[("n", "e1")].wikidata == "Q2"


def test_the_dev_articles_added_in_two_halves(dev_json: Path, tmp_path: Path) -> None:
    files = json_files([dev_json])
    first, second = tmp_path / "first", tmp_path / "second"
    for n, path in enumerate(files):
        target = first if n % 2 else second
        target.mkdir(exist_ok=True)
        shutil.copy(path, target / path.name)
    store = tmp_path / "store"
    merge_to_store(FileArticles(json_files([first])), store)
    added = merge_into_store(FileArticles(json_files([second])), store)
    assert added.articles == len(files)
    assert quads(store) == quads(merge_store(files, tmp_path / "scratch"))
    again = merge_into_store(FileArticles(json_files([second])), store)
    assert again.unchanged == len(json_files([second])) and again.added == again.replaced == 0


def merge_store(files: list[Path], path: Path) -> Path:
    merge_to_store(FileArticles(files), path)
    return path


def test_a_store_without_an_index_is_refused(tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(2, 3)
    store = tmp_path / "store"
    write_store(merge(articles).to_rdf(), store)  # as newsgraph wrote stores before the index
    assert not (store / INDEX_FILE).exists()
    with pytest.raises(NoIndexError, match="no newsgraph entity index"):
        merge_into_store(MemoryArticles(articles), store)


def test_into_a_missing_store_makes_one(tmp_path: Path, corpus_of: Callable) -> None:
    articles = corpus_of(4, 5)
    added = merge_into_store(MemoryArticles(articles), tmp_path / "new")
    assert added.added == added.articles == 5
    assert quads(tmp_path / "new") == from_scratch(articles, tmp_path / "scratch")


def test_the_index_keeps_what_resolution_needs(tmp_path: Path, corpus_of: Callable) -> None:
    import sqlite3

    articles = corpus_of(9, 6)
    merge_to_store(MemoryArticles(articles), tmp_path / "store")
    db = sqlite3.connect(tmp_path / "store" / INDEX_FILE)
    n_items = sum(len(a.entities) for a in articles)
    assert db.execute("SELECT COUNT(*) FROM item").fetchone()[0] == n_items
    assert db.execute("SELECT COUNT(*) FROM article").fetchone()[0] == len(articles)
    (rels,) = db.execute("SELECT rels FROM article ORDER BY id LIMIT 1").fetchone()
    first = min(articles, key=lambda a: a.id)
    assert len(json.loads(rels)) == len(first.relations)


def partners(article_id: str, a: Entity, b: Entity, predicate: str = "partners_with") -> ArticleGraph:
    return ArticleGraph(article_id, [a, b], [Relation(a.id, predicate, b.id, Evidence(f"{a.name} and {b.name}", 0, 5))])


def parties_of(store: Path, name: str) -> list[str]:
    """The labels of those ``name`` partners with, asked with ``name``'s entity as the subject."""
    s = ox.Store.read_only(str(store))
    try:
        found = s.query(
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            f"SELECT ?l WHERE {{ ?x rdfs:label '{name}' ; ng:partnersWith ?y . ?y rdfs:label ?l }}"
        )
        return sorted(r["l"].value for r in found)
    finally:
        del s


def test_a_symmetric_relation_is_found_either_way_as_articles_come_and_go(tmp_path: Path) -> None:
    """``Siemens ng:partnersWith Nvidia`` is in the store both ways while any article tells it either
    way, and gone once none does; each addition gives the store a merge from scratch gives."""
    siemens, nvidia = org("e1", "Siemens"), org("e2", "Nvidia")
    told = partners("a", siemens, nvidia)
    store = tmp_path / "store"
    merge_into_store(MemoryArticles([told]), store)
    assert parties_of(store, "Nvidia") == ["Siemens"] and parties_of(store, "Siemens") == ["Nvidia"]
    backwards = partners("b", org("e1", "Nvidia"), org("e2", "Siemens"))
    merge_into_store(MemoryArticles([backwards]), store)
    assert quads(store) == from_scratch([told, backwards], tmp_path / "scratch-1")
    nodes = [q for q in quads(store) if q.object.value.endswith("#Relation")]
    assert len(nodes) == 2  # one relation node per article, never one per direction
    untold = ArticleGraph("a", [siemens, nvidia], [])  # "a" again, without the partnership
    merge_into_store(MemoryArticles([untold]), store)
    assert quads(store) == from_scratch([untold, backwards], tmp_path / "scratch-2")
    assert parties_of(store, "Nvidia") == ["Siemens"] and parties_of(store, "Siemens") == ["Nvidia"]  # "b" tells it
    merge_into_store(MemoryArticles([ArticleGraph("b", backwards.entities, [])]), store)
    assert parties_of(store, "Nvidia") == [] and parties_of(store, "Siemens") == []


def test_a_symmetric_relation_moves_both_ways_when_an_entity_changes_iri(tmp_path: Path) -> None:
    """An addition that makes "Amazon Web Services" one entity with "AWS" rewrites the old article that
    told its partnership: both direct triples move to the new IRI, the old ones go."""
    old = [
        deal("a", org("e1", "AWS"), org("e2", "Intel")),
        partners("b", org("e1", "Amazon Web Services"), org("e2", "Anthropic")),
    ]
    store = tmp_path / "store"
    merge_to_store(MemoryArticles(old), store)
    link = deal("c", org("e1", "AWS", ["Amazon Web Services"]), org("e2", "Intel"))
    added = merge_into_store(MemoryArticles([link]), store)
    assert added.rewritten == 1
    assert quads(store) == from_scratch([*old, link], tmp_path / "scratch")
    assert merge([*old, link]).entity_of[("b", "e1")].key == "org/aws"  # was org/amazon-web-services
    assert parties_of(store, "Anthropic") == ["AWS"] and parties_of(store, "AWS") == ["Anthropic"]
    direct = [q for q in quads(store) if q.predicate.value.endswith("#partnersWith")]
    assert sorted(q.subject.value.rsplit("/", 1)[1] for q in direct) == ["anthropic", "aws"]
