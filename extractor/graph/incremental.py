"""Adding articles to a corpus store without reading the old ones again (``merge --into``).

The store's entity index (``index``) has every old article's entities as the article had them and
the clusters their keys form. A new article's keys find the clusters it touches; a cluster holding at
most one Wikidata id resolves to one entity whatever the order of its items, so joining it needs only
its stats (the fast path). A cluster where two Wikidata ids meet, or one that loses an article being
replaced, is resolved again from its items in article-id order (the slow path), as a merge from
scratch would. Either way the result is the store a merge of all the articles from scratch makes.

Where that changes an old entity's IRI (its most used name changed, or two entities became one),
the quads of the articles that mention it are rewritten: their mentions and relation nodes, the
direct triples they support, the entity descriptions. An article already in the store with the same
content is left alone; with other content, its named graph is replaced.

The work is done on a copy of the store made beside it (``Store.backup``: hard links to RocksDB's
immutable files, so it costs little more than the index file it copies) and swapped in when
complete, so a kill leaves the old store or the new one.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..export.rdf.build import article_iri, entity_iri
from ..export.rdf.statements import directions
from ..export.store import build_beside_with, check_store_target, looks_like_store, recover_store, swap_in
from ..model.paths import StrPath
from .index import INDEX_FILE, Index, NoIndexError, aliases_json
from .nquads import (
    ALIAS,
    KIND,
    LABEL,
    MENTIONED_IN,
    PREDICATE_IRIS,
    R_OBJECT,
    R_PREDICATE,
    R_SUBJECT,
    SAME_AS,
    A,
    entity_lines,
)
from .resolution import EntityInfo, GroupStats, Resolution, Summaries, entity_keys
from .stream import Articles, NoArticles, OnError, load_lines, merge_to_store, summarize

DESCRIPTION = tuple(ox.NamedNode(p[1:-1]) for p in (A, LABEL, ALIAS, KIND, SAME_AS))
DEFAULT = ox.DefaultGraph()


@dataclass
class Added:
    """What ``merge_into_store`` did, for its summary line."""

    added: int  # new articles
    replaced: int  # articles already there with other content
    unchanged: int  # articles already there with this content
    articles: int  # in the store now
    entities: int
    rewritten: int = 0  # old articles whose quads changed because an entity's IRI did


def merge_into_store(source: Articles, path: StrPath, on_error: OnError | None = None) -> Added:
    """Add ``source``'s articles to the store at ``path`` (created if there is none), resolving their
    entities against those already there; the result equals a merge of every article from scratch."""
    path = Path(path)
    check_store_target(path)
    recover_store(path)
    if not looks_like_store(path):
        counts = merge_to_store(source, path, on_error)
        return Added(counts.articles, 0, 0, counts.articles, counts.entities)
    if not (path / INDEX_FILE).is_file():
        raise NoIndexError(
            f"{path} has no newsgraph entity index (it was written by an older newsgraph): "
            "merge all its articles again with --out to make one"
        )
    summaries = summarize(source, on_error)
    if not any(summaries.live):
        raise NoArticles("no article JSON")
    unchanged = _all_there(source, summaries, path / INDEX_FILE)
    if unchanged is not None:
        return unchanged  # nothing to write: the store is left as it is, not copied
    outcome: list[Added] = []

    def fill(directory: Path) -> None:
        os.rmdir(directory)  # backup makes the directory itself
        old = ox.Store.read_only(str(path))
        try:
            old.backup(str(directory))
        finally:
            del old
        shutil.copyfile(path / INDEX_FILE, directory / INDEX_FILE)
        index = Index(directory / INDEX_FILE)
        try:
            store = ox.Store(str(directory))
            outcome.append(_Addition(source, summaries, index, store).run())
            store.flush()
            del store
            gc.collect()
        except BaseException:
            index.abandon()
            raise
        index.close()

    swap_in(build_beside_with(path, fill), path)
    return outcome[0]


def _all_there(source: Articles, summaries: Summaries, index_file: Path) -> Added | None:
    """If every article is in the store already with the same content, what adding them did: nothing."""
    index = Index(index_file, read_only=True)
    try:
        live = summaries.live_articles()
        there = index.articles_by_id(summaries.article_ids[k] for k in live)
        for k in live:
            found = there.get(summaries.article_ids[k])
            if found is None or found[1] != source.digest(k):
                return None
        return Added(0, 0, len(live), *index.totals())
    finally:
        index.abandon()


@dataclass
class OldGroup:
    grp: int
    cluster: int
    key: str
    stats: GroupStats


@dataclass
class Plan:
    """The resolution's changes, before any is written."""

    groups: dict[int, tuple[int, GroupStats, EntityInfo]] = field(default_factory=dict)  # new or changed
    removed: set[int] = field(default_factory=set)  # old groups that are gone
    absorbed: dict[int, int] = field(default_factory=dict)  # old group -> the group all its items join
    moves: dict[tuple[int, int], int] = field(default_factory=dict)  # (aid, pos) -> group, re-resolved items
    new_item_group: dict[int, int] = field(default_factory=dict)  # new item -> group
    keys: dict[str, int] = field(default_factory=dict)  # key -> cluster, set
    renamed_clusters: dict[int, int] = field(default_factory=dict)  # old cluster -> cluster its keys join
    dropped_clusters: set[int] = field(default_factory=set)  # old clusters whose keys are set again
    new_keys: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # old group -> its items' keys


class _Addition:
    """One addition: plan the resolution's changes from the index, then write them to the store copy."""

    def __init__(self, source: Articles, summaries: Summaries, index: Index, store: ox.Store) -> None:
        self.source, self.s, self.index, self.store = source, summaries, index, store
        self.next_aid, self.next_grp, self.next_cluster = index.next_ids()
        self._norm_keys: dict[tuple, list[str]] = {}

    # -- planning ----------------------------------------------------------------------------
    def run(self) -> Added:
        s = self.s
        order = s.live_articles()
        existing = self.index.articles_by_id(s.article_ids[k] for k in order)
        unchanged = {
            k for k in order if s.article_ids[k] in existing and existing[s.article_ids[k]][1] == self.source.digest(k)
        }
        adding = [k for k in order if k not in unchanged]
        if not adding:
            return Added(0, 0, len(unchanged), *self.index.totals())
        self.replaced = {existing[s.article_ids[k]][0] for k in adding if s.article_ids[k] in existing}
        self.adding = adding
        self.new_items = [i for k in adding for i in s.items(k)]
        self.item_keys = {i: self.keys_of(i) for i in self.new_items}
        plan = self.plan()
        rewritten = self.write(plan)
        articles, entities = self.index.totals()
        return Added(
            len(adding) - len(self.replaced), len(self.replaced), len(unchanged), articles, entities, rewritten
        )

    def keys_of(self, i: int) -> list[str]:
        name, etype, _, wikidata, aliases = self.s.summary(i)
        memo = (name, etype, wikidata, tuple(aliases))
        keys = self._norm_keys.get(memo)
        if keys is None:
            keys = self._norm_keys[memo] = entity_keys(name, etype, wikidata, aliases)
        return keys

    def plan(self) -> Plan:
        """Which old clusters the new articles (and the replaced ones) touch, joined into components,
        each resolved by the fast path or the slow one."""
        all_keys = {k for keys in self.item_keys.values() for k in keys}
        key_cluster = self.index.clusters_of_keys(all_keys)
        self.removed_items = self.index.items_of_articles(self.replaced)
        old_of_removed = self.index.groups({grp for _, _, grp in self.removed_items})
        removal_clusters = {c for c, _, _ in old_of_removed.values()}
        touched = set(key_cluster.values()) | removal_clusters
        self.old = {
            g: OldGroup(g, c, k, GroupStats.from_json(st))
            for g, (c, k, st) in self.index.groups_of_clusters(touched).items()
        }
        groups_in: dict[int, list[OldGroup]] = defaultdict(list)
        for g in self.old.values():
            groups_in[g.cluster].append(g)
        # components: old clusters and new items, joined by the keys they share
        parent: dict[object, object] = {}

        def find(x: object) -> object:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: object, b: object) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        for c in touched:
            find(("c", c))
        first_new: dict[str, int] = {}
        for i in self.new_items:
            find(("n", i))
            for key in self.item_keys[i]:
                c = key_cluster.get(key)
                if c is not None:
                    union(("c", c), ("n", i))
                else:
                    union(("n", first_new.setdefault(key, i)), ("n", i))
        components: dict[object, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for node in list(parent):
            kind, value = node  # type: ignore[misc]
            components[find(node)][0 if kind == "c" else 1].append(value)
        plan = Plan()
        for clusters, items in components.values():
            clusters.sort()
            items.sort()
            gs = [g for c in clusters for g in groups_in[c]]
            wikidata = {g.stats.wikidata for g in gs} | {self.s.summary(i)[3] for i in items}
            fast = (
                not (set(clusters) & removal_clusters)
                and all(len(groups_in[c]) == 1 for c in clusters)
                and len(wikidata - {None}) <= 1
            )
            (self.fast if fast else self.slow)(plan, clusters, gs, items)
        return plan

    def fast(self, plan: Plan, clusters: list[int], gs: list[OldGroup], items: list[int]) -> None:
        """Clusters with at most one Wikidata id among them and the new items: one entity."""
        stats = GroupStats()
        for g in gs:
            stats.add(g.stats)
        for i in items:
            stats.add_member(*self.s.summary(i))
        target = max(gs, key=lambda g: (g.stats.members, -g.grp), default=None)
        grp = target.grp if target else self._new_grp()
        cluster = target.cluster if target else self._new_cluster()
        info = stats.entity()
        plan.groups[grp] = (cluster, stats, info)
        for g in gs:
            plan.new_keys[g.grp].add(info.key)
            if g is not target:
                plan.removed.add(g.grp)
                plan.absorbed[g.grp] = grp
                plan.renamed_clusters[g.cluster] = cluster
        for i in items:
            plan.new_item_group[i] = grp
            for key in self.item_keys[i]:
                plan.keys[key] = cluster

    def slow(self, plan: Plan, clusters: list[int], gs: list[OldGroup], items: list[int]) -> None:
        """Clusters resolved again from all their items in article-id order, as from scratch."""
        rows = [r for r in self.index.items_of_clusters(clusters) if r[0] not in self.replaced]
        by_article: dict[str, list[tuple]] = defaultdict(list)
        for r in rows:
            by_article[r[8]].append(r)
        sub = Summaries()
        where: list[tuple] = []  # per sub item: ("old", aid, pos, old group) or ("new", item)
        for article_id, article_rows in by_article.items():
            article_rows.sort(key=lambda r: r[1])
            sub.add(article_id, [(r[3], r[4], r[5], r[6], json.loads(r[7])) for r in article_rows])
            where += [("old", r[0], r[1], r[2]) for r in article_rows]
        new_by_article: dict[int, list[int]] = defaultdict(list)
        for i in items:
            new_by_article[self._article_of(i)].append(i)
        for k, its in new_by_article.items():
            sub.add(self.s.article_ids[k], [self.s.summary(i) for i in its])
            where += [("new", i) for i in its]
        res = Resolution(sub)
        grp_of = [self._new_grp() for _ in range(res.n_groups)]
        cluster_of = [self._new_cluster() for _ in range(res.n_clusters)]
        for g, stats, _ in res.groups():
            plan.groups[grp_of[g]] = (cluster_of[res.cluster_of_group[g]], stats, stats.entity())
        for n, loc in enumerate(where):
            grp = grp_of[res.group[n]]
            if loc[0] == "old":
                plan.moves[(loc[1], loc[2])] = grp
                plan.new_keys[loc[3]].add(plan.groups[grp][2].key)
            else:
                plan.new_item_group[loc[1]] = grp
        plan.removed |= {g.grp for g in gs}
        plan.dropped_clusters |= set(clusters)
        for key, c in res.key_cluster.items():
            plan.keys[key] = cluster_of[c]

    def _article_of(self, i: int) -> int:
        return bisect.bisect_right(self.s.start, i) - 1

    def _new_grp(self) -> int:
        self.next_grp += 1
        return self.next_grp - 1

    def _new_cluster(self) -> int:
        self.next_cluster += 1
        return self.next_cluster - 1

    # -- writing -----------------------------------------------------------------------------
    def write(self, plan: Plan) -> int:
        """Apply ``plan`` to the store and the index; returns how many old articles were rewritten."""
        index, store = self.index, self.store
        old_key = {g.grp: g.key for g in self.old.values()}

        def new_group(aid: int, pos: int, grp: int) -> int:
            moved = plan.moves.get((aid, pos))
            if moved is not None:
                return moved
            return plan.absorbed.get(grp, grp)

        def key_of_group(grp: int) -> str:
            return plan.groups[grp][2].key if grp in plan.groups else self._key_of_untouched(grp)

        # the old articles an IRI change reaches: those with an entity of a group whose items change key
        rekeyed = {g for g, keys in plan.new_keys.items() if keys != {old_key[g]}}
        d_old: set[tuple[str, str, str]] = set()
        d_new: set[tuple[str, str, str]] = set()
        rewritten = 0
        for aid in sorted(index.articles_of_groups(rekeyed) - self.replaced):
            article_id, rels, items = index.article(aid)
            old_terms = [old_key.get(grp) or self._key_of_untouched(grp) for _, grp in items]
            new_terms = [key_of_group(new_group(aid, pos, grp)) for pos, grp in items]
            if old_terms != new_terms:
                rewritten += 1
                self._rewrite(article_id, rels, old_terms, new_terms, d_old, d_new)
        # replaced articles: their graphs go, and the direct triples only they supported
        for article_id, rels, items in (index.article(aid) for aid in sorted(self.replaced)):
            keys = [old_key.get(grp) or self._key_of_untouched(grp) for _, grp in items]
            store.remove_graph(ox.NamedNode(str(article_iri(article_id))))
            d_old |= {
                (a, index.predicates[p], b)
                for s, p, o in rels
                for a, b in directions(keys[s], index.predicates[p], keys[o])
            }
        # the index: items and groups
        db = index.db
        # descriptions: an IRI an old entity changed or left is described again from every entity that
        # has it now; the other new or changed entities add theirs (an IRI is the union of its entities')
        reset: set[str] = set()
        for g in self.old.values():
            now = plan.groups.get(g.grp)
            if now is None or g.grp in plan.removed or now[2] != g.stats.entity():
                reset.add(g.key)
        described: list[str] = []
        for grp, (_, _, info) in plan.groups.items():
            old = self.old.get(grp)
            if info.key not in reset and (old is None or old.stats.entity() != info):
                described += entity_lines(info, f"<{entity_iri(info.key)}>")
        index._in("DELETE FROM item WHERE aid IN ({})", self.replaced)
        index._in("DELETE FROM article WHERE aid IN ({})", self.replaced)
        for old_grp, grp in plan.absorbed.items():
            db.execute("UPDATE item SET grp = ? WHERE grp = ?", (grp, old_grp))
        db.executemany(
            "UPDATE item SET grp = ? WHERE aid = ? AND pos = ?", [(g, a, p) for (a, p), g in plan.moves.items()]
        )
        index._in("DELETE FROM grp WHERE grp IN ({})", plan.removed - set(plan.groups))
        db.executemany(
            "INSERT OR REPLACE INTO grp VALUES (?, ?, ?, ?)",
            [(g, c, info.key, stats.to_json()) for g, (c, stats, info) in plan.groups.items()],
        )
        index._in("DELETE FROM key WHERE cluster IN ({})", plan.dropped_clusters)
        for old_c, c in plan.renamed_clusters.items():
            db.execute("UPDATE key SET cluster = ? WHERE cluster = ?", (c, old_c))
        index.set_keys(plan.keys.items())
        for key in sorted(reset):
            subject = ox.NamedNode(str(entity_iri(key)))
            for p in DESCRIPTION:
                for q in list(store.quads_for_pattern(subject, p, None, DEFAULT)):
                    store.remove(q)
            term = f"<{subject.value}>"
            described += [
                line
                for st in index.groups_with_key(key)
                for line in entity_lines(GroupStats.from_json(st).entity(), term)
            ]
        # the new articles, after the descriptions of their entities
        load_lines(store, itertools.chain([described], self._new_article_lines(plan)))
        # direct triples: the rewritten ones, then the old ones nothing supports any more
        if d_new:
            store.extend(self._triple(t) for t in d_new)
        for t in sorted(d_old - d_new):
            if not self._supported(t):
                store.remove(self._triple(t))
        return rewritten

    def _key_of_untouched(self, grp: int) -> str:
        row = self.index.db.execute("SELECT key FROM grp WHERE grp = ?", (grp,)).fetchone()
        return row[0]

    def _rewrite(
        self,
        article_id: str,
        rels: list[list[int]],
        old_keys: list[str],
        new_keys: list[str],
        d_old: set[tuple[str, str, str]],
        d_new: set[tuple[str, str, str]],
    ) -> None:
        """An old article's mentions and relation nodes, moved to its entities' new IRIs."""
        store, predicates = self.store, self.index.predicates
        art = str(article_iri(article_id))
        g = ox.NamedNode(art)
        node = ox.NamedNode
        mentioned = node(MENTIONED_IN[1:-1])
        for key in set(old_keys) - set(new_keys):
            store.remove(ox.Quad(node(str(entity_iri(key))), mentioned, g, g))
        store.extend(ox.Quad(node(str(entity_iri(key))), mentioned, g, g) for key in set(new_keys) - set(old_keys))
        r_subject, r_object = node(R_SUBJECT[1:-1]), node(R_OBJECT[1:-1])
        for n, (s, p, o) in enumerate(rels, start=1):
            rel = node(f"{art}/relation/{n}")
            for prop, pos in ((r_subject, s), (r_object, o)):
                if old_keys[pos] != new_keys[pos]:
                    store.remove(ox.Quad(rel, prop, node(str(entity_iri(old_keys[pos]))), g))
                    store.add(ox.Quad(rel, prop, node(str(entity_iri(new_keys[pos]))), g))
            d_old.update((a, predicates[p], b) for a, b in directions(old_keys[s], predicates[p], old_keys[o]))
            d_new.update((a, predicates[p], b) for a, b in directions(new_keys[s], predicates[p], new_keys[o]))

    def _triple(self, t: tuple[str, str, str]) -> ox.Quad:
        s, p, o = t
        return ox.Quad(
            ox.NamedNode(str(entity_iri(s))),
            ox.NamedNode(PREDICATE_IRIS[p][1:-1]),
            ox.NamedNode(str(entity_iri(o))),
            DEFAULT,
        )

    def _supported(self, t: tuple[str, str, str]) -> bool:
        """Does a relation node of any article still state ``t`` (either way, for a symmetric predicate)?"""
        p = PREDICATE_IRIS[t[1]]
        told = " UNION ".join(
            f"{{ ?r {R_SUBJECT} <{entity_iri(s)}> ; {R_PREDICATE} {p} ; {R_OBJECT} <{entity_iri(o)}> }}"
            for s, o in directions(t[0], t[1], t[2])
        )
        return bool(self.store.query(f"ASK {{ GRAPH ?g {{ {told} }} }}"))

    def _new_article_lines(self, plan: Plan) -> Iterable[list[str]]:
        s, index = self.s, self.index
        terms: dict[int, str] = {}
        work = []
        for k in self.adding:
            grps = [plan.new_item_group[i] for i in s.items(k)]
            for grp in grps:
                if grp not in terms:
                    terms[grp] = f"<{entity_iri(plan.groups[grp][2].key)}>"
            work.append((k, [terms[g] for g in grps]))
        for (k, _), done in zip(work, self.source.render(work), strict=True):
            aid = self.next_aid
            self.next_aid += 1
            rows = [
                (aid, pos, plan.new_item_group[i], name, etype, kind, wd, aliases_json(aliases))
                for pos, i in enumerate(s.items(k))
                for name, etype, kind, wd, aliases in (s.summary(i),)
            ]
            index.add_article(aid, done.article_id, self.source.digest(k), index.codes(done.relations), rows)
            yield done.graph + done.direct


__all__ = [
    "Added",
    "merge_into_store",
]
