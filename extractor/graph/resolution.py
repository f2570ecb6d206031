"""Which entities of many articles are one real-world thing, computed from compact summaries.

The rule: entities are one node when they share a Wikidata id, or a linking name (the name, or an
alias that is an acronym or of two words or more) normalised within one type group; two different
Wikidata ids are never merged. The union-find runs over the articles in id order and each
article's entities in their order, because where a name is shared by two Wikidata ids the outcome
depends on which comes first.

An entity is kept as a few ints (its strings interned once), not as an object, so a corpus of a
hundred thousand articles is resolved in memory that grows with its distinct names, not with the
articles' text. Keys are grouped into *clusters*: the items joined by shared keys, Wikidata ids
ignored. A cluster holding at most one Wikidata id is one entity whatever the order; only a cluster
with two or more depends on the order of its own items, which is what lets a store take new
articles without resolving the old ones again (``incremental``).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..model.keys import name_key, normalized_name, type_group

# an entity as the resolution reads it: name, type, kind, Wikidata id, aliases
Summary = tuple[str, str, str | None, str | None, Sequence[str]]
NONE = -1


def linking(alias: str) -> bool:
    """May this alias join an entity to another article's? Acronyms and names of two words or more
    ("AWS", "Amazon Web Services") may; a single word ("Commission") may not."""
    return len(alias.split()) > 1 or (alias.isupper() and len(alias) >= 2)


def entity_keys(name: str, etype: str, wikidata: str | None, aliases: Iterable[str]) -> list[str]:
    """The keys an entity is found by, in the order the union-find reads them: its Wikidata id,
    then its linking names normalised within its type group (``org:zt systems``)."""
    keys = [f"wd:{wikidata}"] if wikidata else []
    group = type_group(etype)
    for text in (name, *(a for a in aliases if linking(a))):
        norm = normalized_name(text)
        if norm:
            keys.append(f"{group}:{norm}")
    return keys


@dataclass
class GroupStats:
    """What the members of one corpus entity say, enough to name it and to add members later:
    how often each name, type and kind occurs, its Wikidata id, every name and alias used."""

    names: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    wikidata: str | None = None
    surfaces: set[str] = field(default_factory=set)

    def add_member(self, name: str, etype: str, kind: str | None, wikidata: str | None, aliases: Iterable[str]) -> None:
        self.names[name] = self.names.get(name, 0) + 1
        self.types[etype] = self.types.get(etype, 0) + 1
        if kind:
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.wikidata = self.wikidata or wikidata
        self.surfaces.add(name)
        self.surfaces.update(aliases)

    def add(self, other: GroupStats) -> None:
        for mine, theirs in ((self.names, other.names), (self.types, other.types), (self.kinds, other.kinds)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.wikidata = self.wikidata or other.wikidata
        self.surfaces |= other.surfaces

    @property
    def members(self) -> int:
        return sum(self.names.values())

    def entity(self) -> EntityInfo:
        """The corpus entity: its most used name (ties: not all capitals, longer, then the text), its most
        used type (ties: GovernmentBody), kind, Wikidata id and every other name as an alias."""
        names, types, kinds = self.names, self.types, self.kinds
        name = max(names, key=lambda n: (names[n], not n.isupper(), len(n), n))
        etype = max(types, key=lambda t: (types[t], t == "GovernmentBody", t))
        kind = max(kinds, key=lambda k: (kinds[k], k)) if kinds else ("other" if etype == "Product" else None)
        aliases = tuple(sorted(self.surfaces - {name}))
        key = self.wikidata or name_key(etype, name)
        return EntityInfo(key, name, etype, kind if etype == "Product" else None, self.wikidata, aliases)

    def to_json(self) -> str:
        data = {"n": self.names, "t": self.types, "k": self.kinds, "w": self.wikidata, "s": sorted(self.surfaces)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> GroupStats:
        d = json.loads(text)
        return cls(d["n"], d["t"], d["k"], d["w"], set(d["s"]))


@dataclass(frozen=True)
class EntityInfo:
    """A corpus entity as it is written: its key (IRI), name, type, kind, Wikidata id and aliases."""

    key: str
    name: str
    type: str
    kind: str | None
    wikidata: str | None
    aliases: tuple[str, ...]


class Summaries:
    """Pass one of a merge: each article's entities as ints into one table of strings.

    An article added again under the same id replaces the earlier one (the later file wins)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._ids: dict[str, int] = {}
        self.article_ids: list[str] = []
        self.live = bytearray()  # 0: replaced by a later article of the same id
        self.latest: dict[str, int] = {}
        self.start = array("q", [0])  # the items of article k are start[k]:start[k + 1]
        self.name, self.type, self.kind, self.wikidata = array("i"), array("i"), array("i"), array("i")
        self.alias_start = array("q", [0])
        self.alias = array("i")

    def intern(self, text: str | None) -> int:
        if text is None:
            return NONE
        n = self._ids.get(text)
        if n is None:
            n = self._ids[text] = len(self.strings)
            self.strings.append(text)
        return n

    def add(self, article_id: str, entities: Iterable[Summary]) -> int:
        """Adds an article's entities, in their order; returns its index."""
        k = len(self.article_ids)
        earlier = self.latest.get(article_id)
        if earlier is not None:
            self.live[earlier] = 0
        self.latest[article_id] = k
        self.article_ids.append(article_id)
        self.live.append(1)
        intern = self.intern
        for name, etype, kind, wikidata, aliases in entities:
            self.name.append(intern(name))
            self.type.append(intern(etype))
            self.kind.append(intern(kind))
            self.wikidata.append(intern(wikidata))
            self.alias.extend(intern(a) for a in aliases)
            self.alias_start.append(len(self.alias))
        self.start.append(len(self.name))
        return k

    def freeze(self) -> None:
        """No more articles: the lookups that adding needs are let go (a tenth of a merge's memory)."""
        self._ids = None  # type: ignore[assignment]
        self.latest = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.name)

    def items(self, k: int) -> range:
        return range(self.start[k], self.start[k + 1])

    def live_articles(self) -> list[int]:
        """The articles that count, in id order: the order the union-find reads them in."""
        ids = self.article_ids
        return sorted((k for k in range(len(ids)) if self.live[k]), key=ids.__getitem__)

    def summary(self, i: int) -> Summary:
        s = self.strings
        kind, wikidata = self.kind[i], self.wikidata[i]
        aliases = [s[a] for a in self.alias[self.alias_start[i] : self.alias_start[i + 1]]]
        kind_text = s[kind] if kind >= 0 else None
        return s[self.name[i]], s[self.type[i]], kind_text, s[wikidata] if wikidata >= 0 else None, aliases


class Resolution:
    """Items (entities of articles) resolved to groups (corpus entities) and groups to clusters.

    Groups are numbered in the order of their first item in the union-find's order; only the items of
    live articles have a group (``NONE`` for the others)."""

    def __init__(self, summaries: Summaries) -> None:
        self.summaries = summaries
        s = summaries
        n = len(s)
        parent = array("i", range(n))  # the union-find of entities, which keeps Wikidata ids apart
        cluster = array("i", range(n))  # the union of everything a shared key joins
        wd = array("i", s.wikidata)  # a root's Wikidata id
        key_ids: dict[str, int] = {}
        first = array("i")  # per key, the first item that has it
        link_key: dict[int, array] = {}  # per type group, string -> the key of that name (-2: not yet known)
        linking_alias = bytearray(len(s.strings))  # 1: an alias that may link, 2: one that may not
        group_code: dict[int, int] = {}
        groups_seen: dict[str, int] = {}
        strings = s.strings

        def find(x: int, p: array = parent) -> int:
            while p[x] != x:
                p[x] = p[p[x]]
                x = p[x]
            return x

        def key_of(text: str) -> int:
            kid = key_ids.get(text)
            if kid is None:
                kid = key_ids[text] = len(first)
                first.append(-1)
            return kid

        def name_key(sid: int, etype: int) -> int:
            """The key of a name within a type group, NONE when it normalises to nothing."""
            code = group_code.get(etype)
            if code is None:
                code = group_code[etype] = groups_seen.setdefault(type_group(strings[etype]), len(groups_seen))
                if code not in link_key:
                    link_key[code] = array("i", [-2]) * len(strings)
            known = link_key[code]
            kid = known[sid]
            if kid == -2:
                norm = normalized_name(strings[sid])
                kid = known[sid] = key_of(f"{type_group(strings[etype])}:{norm}") if norm else NONE
            return kid

        order = s.live_articles()
        for k in order:
            for i in range(s.start[k], s.start[k + 1]):
                etype = s.type[i]
                keys = [key_of("wd:" + strings[s.wikidata[i]])] if s.wikidata[i] >= 0 else []
                keys.append(name_key(s.name[i], etype))
                for a in s.alias[s.alias_start[i] : s.alias_start[i + 1]]:
                    ok = linking_alias[a]
                    if not ok:
                        ok = linking_alias[a] = 1 if linking(strings[a]) else 2
                    if ok == 1:
                        keys.append(name_key(a, etype))
                for kid in keys:
                    if kid < 0:
                        continue
                    f = first[kid]
                    if f < 0:
                        first[kid] = i
                        continue
                    ra, rb = find(f), find(i)
                    if ra != rb:
                        wa, wb = wd[ra], wd[rb]
                        if not (wa >= 0 and wb >= 0 and wa != wb):
                            parent[rb] = ra
                            if wa < 0:
                                wd[ra] = wb
                    ca, cb = find(f, cluster), find(i, cluster)
                    if ca != cb:
                        cluster[cb] = ca
        del wd
        link_key.clear()
        self.key_texts = list(key_ids)  # by key number; the dict of them is not kept
        key_ids.clear()
        self.key_first = first
        self.order = order
        group = array("i", [NONE]) * n
        root_group = array("i", [NONE]) * n  # a root item's group
        n_groups = 0
        for k in order:
            for i in range(s.start[k], s.start[k + 1]):
                r = find(i)
                g = root_group[r]
                if g < 0:
                    g = root_group[r] = n_groups
                    n_groups += 1
                group[i] = g
        self.group = group
        self.n_groups = n_groups
        cluster_of_group = array("i", [NONE]) * n_groups
        cluster_id = array("i", [NONE]) * n  # a cluster root's number
        n_clusters = 0
        for r in range(n):
            g = root_group[r]
            if g >= 0:
                c = find(r, cluster)
                if cluster_id[c] < 0:
                    cluster_id[c] = n_clusters
                    n_clusters += 1
                cluster_of_group[g] = cluster_id[c]
        self.cluster_of_group = cluster_of_group
        self.n_clusters = n_clusters

    def key_clusters(self) -> Iterator[tuple[str, int]]:
        """Every key the items have, with its cluster."""
        group, cluster_of_group = self.group, self.cluster_of_group
        for text, f in zip(self.key_texts, self.key_first, strict=True):
            if f >= 0:
                yield text, cluster_of_group[group[f]]

    @property
    def key_cluster(self) -> dict[str, int]:
        return dict(self.key_clusters())

    def members(self) -> tuple[array, array]:
        """Items sorted by group (in the union-find's order within each) and where each group starts."""
        counts = array("q", [0]) * (self.n_groups + 1)
        for g in self.group:
            if g >= 0:
                counts[g + 1] += 1
        for g in range(self.n_groups):
            counts[g + 1] += counts[g]
        at = array("q", counts)
        items = array("q", [0]) * counts[-1]
        s = self.summaries
        for k in self.order:
            for i in range(s.start[k], s.start[k + 1]):
                g = self.group[i]
                items[at[g]] = i
                at[g] += 1
        return items, counts

    def groups(self) -> Iterator[tuple[int, GroupStats, array]]:
        """Each group's stats and items, one group at a time (a corpus's stats need not all be held)."""
        items, start = self.members()
        summary = self.summaries.summary
        for g in range(self.n_groups):
            members = items[start[g] : start[g + 1]]
            stats = GroupStats()
            for i in members:
                stats.add_member(*summary(i))
            yield g, stats, members
