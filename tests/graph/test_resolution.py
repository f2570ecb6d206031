"""The resolution of compact summaries gives what the object-per-mention union-find gave before it,
on corpora made to have names shared by two Wikidata ids (where the order of articles decides)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from extractor.graph.corpus import merge
from extractor.graph.resolution import GroupStats, Resolution, Summaries, entity_keys, linking
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation
from extractor.model.keys import name_key, normalized_name, type_group


def reference_merge(articles: list[ArticleGraph]) -> dict[tuple[str, str], tuple]:
    """The merge as it was written before summaries: one union-find node per mention."""
    arts = sorted(articles, key=lambda a: a.id)
    items = [(a, e) for a in arts for e in a.entities]
    parent = list(range(len(items)))
    wd = [e.wikidata for _, e in items]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for n, (_, e) in enumerate(items):
        names = [e.name] + [a for a in e.aliases if len(a.split()) > 1 or (a.isupper() and len(a) >= 2)]
        keys = [f"wd:{e.wikidata}"] if e.wikidata else []
        keys += [f"{type_group(e.type)}:{normalized_name(x)}" for x in names if normalized_name(x)]
        for key in keys:
            if key not in first:
                first[key] = n
                continue
            ra, rb = find(first[key]), find(n)
            if ra == rb or (wd[ra] and wd[rb] and wd[ra] != wd[rb]):
                continue
            parent[rb] = ra
            wd[ra] = wd[ra] or wd[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        groups[find(n)].append(n)
    out = {}
    for members in groups.values():
        ents = [items[n][1] for n in members]
        names = Counter(e.name for e in ents)
        name = max(names, key=lambda x: (names[x], not x.isupper(), len(x), x))
        types = Counter(e.type for e in ents)
        etype = max(types, key=lambda t: (types[t], t == "GovernmentBody", t))
        kinds = Counter(e.kind for e in ents if e.kind)
        kind = max(kinds, key=lambda k: (kinds[k], k)) if kinds else ("other" if etype == "Product" else None)
        wikidata = next((e.wikidata for e in ents if e.wikidata), None)
        aliases = sorted({x for e in ents for x in (e.name, *e.aliases)} - {name})
        key = wikidata or name_key(etype, name)
        entity = (key, name, etype, kind if etype == "Product" else None, wikidata, aliases)
        entity += (sorted({items[n][0].id for n in members}), min(members))
        for n in members:
            out[(items[n][0].id, items[n][1].id)] = entity
    return out


NAMES = ["Apple", "Apple Inc.", "APPLE", "Amazon Web Services", "AWS", "Zeta Labs", "Zeta", "the Zeta Labs", "Nestlé"]
TYPES = ["Organization", "GovernmentBody", "Product", "Person"]


def random_corpus(rng: random.Random, n_articles: int) -> list[ArticleGraph]:
    """Articles drawing on a few names, types, aliases and Wikidata ids, so that conflicts are common."""
    articles = []
    for a in rng.sample(range(1000), n_articles):  # ids out of order with the list
        entities = []
        for n in range(rng.randint(1, 5)):
            name = rng.choice(NAMES)
            aliases = rng.sample([x for x in NAMES if x != name], rng.randint(0, 2))
            wikidata = rng.choice([None, None, "Q1", "Q2", "Q3"])
            kind = rng.choice([None, "chip", "software"])
            entities.append(Entity(f"e{n}", name, rng.choice(TYPES), aliases, kind, wikidata))
        s, o = (f"e{rng.randrange(len(entities))}" for _ in range(2))
        relations = [Relation(s, "partners_with", o, Evidence("x", 0, 1))]
        articles.append(ArticleGraph(f"art-{a:04d}", entities, relations))
    return articles


@pytest.mark.parametrize("seed", range(40))
def test_the_resolution_is_the_merge_it_replaces(seed: int) -> None:
    articles = random_corpus(random.Random(seed), 12)
    expected = reference_merge(articles)
    corpus = merge(articles)
    got = {k: (e.key, e.name, e.type, e.kind, e.wikidata, e.aliases, e.articles) for k, e in corpus.entity_of.items()}
    assert got == {k: v[:-1] for k, v in expected.items()}
    summaries = Summaries()
    for a in articles:
        summaries.add(a.id, [(e.name, e.type, e.kind, e.wikidata, e.aliases) for e in a.entities])
    keys = {k for a in articles for e in a.entities for k in entity_keys(e.name, e.type, e.wikidata, e.aliases)}
    assert set(Resolution(summaries).key_cluster) == keys
    # groups are numbered, and so iterated, in the order of their first mention, as before
    firsts = sorted({v[-1]: v[0] for v in expected.values()}.items())
    in_order = {id(e): e for e in corpus.entity_of.values()}.values()
    assert [e.key for e in in_order] == [key for _, key in firsts]


def test_conflicts_depend_on_the_order_of_articles() -> None:
    """ "Apple" with Q1 first takes the article with no id; with Q2 first, Q2 takes it: the order is
    the articles' ids, whatever the order they are given in."""
    q1 = ArticleGraph("a", [Entity("e1", "Apple", "Organization", [], None, "Q1")], [])
    q2 = ArticleGraph("b", [Entity("e1", "Apple", "Organization", [], None, "Q2")], [])
    plain = ArticleGraph("c", [Entity("e1", "Apple", "Organization", [])], [])
    for given in ([q1, q2, plain], [plain, q2, q1]):
        corpus = merge(given)
        assert corpus.entity_of[("c", "e1")].wikidata == "Q1"
        assert corpus.entity_of[("b", "e1")].wikidata == "Q2"


def test_an_article_given_twice_counts_once_the_later() -> None:
    old = ArticleGraph("a", [Entity("e1", "Old Name Corp", "Organization", [])], [])
    new = ArticleGraph("a", [Entity("e1", "New Name Corp", "Organization", [])], [])
    corpus = merge([old, new])
    assert [a.id for a in corpus.articles] == ["a"] and [e.name for e in corpus.entities] == ["New Name Corp"]


def test_clusters_join_what_shares_a_key_even_across_wikidata_ids() -> None:
    s = Summaries()
    s.add("a", [("Apple", "Organization", None, "Q1", []), ("Zeta Labs", "Organization", None, None, [])])
    s.add("b", [("Apple", "Organization", None, "Q2", ["Zeta Labs"])])
    r = Resolution(s)
    assert r.n_groups == 2 and r.n_clusters == 1  # the Apples apart (Zeta Labs goes with Q2), one cluster
    assert r.key_cluster == {"wd:Q1": 0, "org:apple": 0, "org:zeta labs": 0, "wd:Q2": 0}


def test_keys_and_linking_aliases() -> None:
    assert linking("AWS") and linking("Amazon Web Services") and not linking("Commission") and not linking("A")
    assert entity_keys("ZT Systems Inc.", "Organization", "Q9", ["ZT", "Commission", "zt systems"]) == [
        "wd:Q9",
        "org:zt systems",
        "org:zt",
        "org:zt systems",
    ]


def test_group_stats_round_trip_and_add() -> None:
    a, b = GroupStats(), GroupStats()
    a.add_member("AWS", "Organization", None, None, ["Amazon Web Services"])
    b.add_member("Amazon Web Services", "Organization", None, "Q1", [])
    b.add_member("Amazon Web Services", "GovernmentBody", None, None, [])
    a.add(b)
    assert GroupStats.from_json(a.to_json()) == a
    info = a.entity()
    assert (info.key, info.name, info.type, info.aliases) == ("Q1", "Amazon Web Services", "Organization", ("AWS",))
    assert a.members == 3
