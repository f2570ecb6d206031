"""A corpus merge in two passes over the articles, holding what grows with the distinct entities and
never the articles themselves.

Pass one reads each article and keeps its entities as a few ints (``resolution.Summaries``); the
resolution runs once over them. Pass two reads each article again, in id order, and writes its quads
with the resolved IRIs straight into Oxigraph's bulk loader, or into an N-Quads, N-Triples or TriG
file; the default graph's entity descriptions are written once, from the resolution. The networkx
form keeps one edge per distinct triple, never an article's graph.

The same articles give the same store content and the same bytes as ``corpus.merge(...).to_rdf()``
(tests compare them).
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import io
import json
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import networkx as nx
import pyoxigraph as ox

from ..export.rdf.build import article_iri, entity_iri
from ..export.rdf.statements import directions
from ..export.store import build_beside_with, check_store_target, recover_store, swap_in
from ..io.durable import write_stream
from ..model.facts import ArticleGraph, Relation
from ..model.paths import StrPath
from ..model.vocabulary import vocabulary
from .article import symmetric_mark
from .check import problem as check_article
from .corpus import SYMMETRIC, strict_json
from .index import INDEX_FILE, Index, aliases_json
from .nquads import PREDICATE_IRIS, article_lines, entity_lines, iri
from .resolution import NONE, EntityInfo, GroupStats, Resolution, Summaries

LOAD_LINES = 250_000  # quads per call of the bulk loader
OnError = Callable[[Path, str], None]


class ArticleChanged(OSError):
    """An article file that changed between the two passes: its entities were resolved as they were."""


@dataclass
class Rendered:
    """One article's quads as pass two makes them, wherever it ran."""

    article_id: str
    graph: list[str]  # its named graph, N-Quads
    direct: list[str]  # its direct triples, for the default graph
    relations: list[tuple[int, str, int]]  # (subject position, predicate, object position)


class Articles(Protocol):
    """Articles a merge can read twice: once for their entities, then one by one for their quads."""

    def summarize(self, on_error: OnError | None = None) -> Summaries:
        """Pass one: every article's entities; ``on_error`` hears of each input that is not an article."""
        ...

    def render(self, work: Iterable[tuple[int, list[str]]]) -> Iterator[Rendered]:
        """Pass two: for each (k, entity IRI terms), the k-th article's quads, in the order given."""
        ...

    def fetch(self, k: int) -> ArticleGraph:
        """The k-th article pass one read, again."""
        ...

    def digest(self, k: int) -> bytes:
        """A short digest of the k-th article's content: the same content, the same digest."""
        ...


def relation_positions(article: ArticleGraph) -> list[tuple[int, str, int]]:
    pos = {e.id: n for n, e in enumerate(article.entities)}
    return [(pos[r.subject], r.predicate, pos[r.object]) for r in article.relations]


def render_article(article: ArticleGraph, terms: list[str]) -> Rendered:
    if len(article.entities) != len(terms):
        raise ArticleChanged(f"article {article.id}: changed while it was being merged")
    graph, direct = article_lines(article, terms)
    return Rendered(article.id, graph, direct, relation_positions(article))


class LocalArticles:
    """Both passes in this process, from ``scan`` and ``fetch``."""

    def scan(self) -> Iterator[ArticleGraph | tuple[Path, str]]:
        raise NotImplementedError

    def fetch(self, k: int) -> ArticleGraph:
        raise NotImplementedError

    def summarize(self, on_error: OnError | None = None) -> Summaries:
        summaries = Summaries()
        for item in self.scan():
            if isinstance(item, ArticleGraph):
                summaries.add(item.id, [(e.name, e.type, e.kind, e.wikidata, e.aliases) for e in item.entities])
            elif on_error is not None:
                on_error(*item)
        return summaries

    def render(self, work: Iterable[tuple[int, list[str]]]) -> Iterator[Rendered]:
        for k, terms in work:
            yield render_article(self.fetch(k), terms)


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class FileArticles(LocalArticles):
    """Article JSON files (``schema_version`` present; other JSON is skipped). Pass one checks each file
    against the shipped schema and keeps only its path and digest; pass two reads it again and fails if
    it changed in between."""

    def __init__(self, files: Iterable[StrPath]) -> None:
        self.files = [Path(f) for f in files]
        self._where = array("i")
        self._digests: list[bytes] = []

    def scan(self) -> Iterator[ArticleGraph | tuple[Path, str]]:
        for n, path in enumerate(self.files):
            try:
                data = path.read_bytes()
                parsed = strict_json(data.decode("utf-8"))
            except (OSError, UnicodeError, ValueError) as err:
                yield path, f"not readable JSON: {err}"
                continue
            if not isinstance(parsed, dict) or "schema_version" not in parsed:
                continue  # node-link JSON and other files beside the article JSON
            problem = check_article(parsed)
            if problem:
                yield path, f"not article JSON: {problem}"
                continue
            self._where.append(n)
            self._digests.append(digest_of(data))
            yield ArticleGraph.from_json(parsed)

    def fetch(self, k: int) -> ArticleGraph:
        path = self.files[self._where[k]]
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ArticleChanged(f"{path}: cannot be read again: {err.strerror or err}") from err
        if digest_of(data) != self._digests[k]:
            raise ArticleChanged(f"{path}: changed while it was being merged")
        return ArticleGraph.from_json(json.loads(data))

    def digest(self, k: int) -> bytes:
        return self._digests[k]


class MemoryArticles(LocalArticles):
    """Articles already in memory (``extract --corpus`` has them)."""

    def __init__(self, articles: Iterable[ArticleGraph]) -> None:
        self.articles = list(articles)

    def scan(self) -> Iterator[ArticleGraph]:
        return iter(self.articles)

    def fetch(self, k: int) -> ArticleGraph:
        return self.articles[k]

    def digest(self, k: int) -> bytes:
        return digest_of(self.articles[k].dumps().encode("utf-8"))


def summarize(source: Articles, on_error: OnError | None = None) -> Summaries:
    """Pass one: the entities of every article, as summaries; ``on_error`` hears of each bad input."""
    summaries = source.summarize(on_error)
    summaries.freeze()
    return summaries


@dataclass
class Counts:
    """What a merge wrote, for its summary line."""

    articles: int
    entities: int
    relations: int  # distinct (subject, predicate, object), symmetric predicates either way


class NoArticles(ValueError):
    """A merge given no article at all."""


class Resolved:
    """Pass one's outcome: the resolution, each group's corpus entity key and IRI term."""

    def __init__(self, summaries: Summaries) -> None:
        if not any(summaries.live):
            raise NoArticles("no article JSON")
        self.summaries = summaries
        self.resolution = Resolution(summaries)
        self._key_ids: dict[str, int] | None = {}  # while the entities are first gone through
        self.keys: list[str] = []  # corpus entity key per key number (two entities may share one)
        self.key_of_group = array("i", [NONE]) * self.resolution.n_groups
        self.distinct: DistinctRelations | None = None

    def entities(self) -> Iterator[tuple[int, GroupStats, EntityInfo, array]]:
        """Every group with its stats, corpus entity and members; the first time through, it also
        fills in each group's key."""
        key_ids = self._key_ids
        for g, stats, members in self.resolution.groups():
            info = stats.entity()
            if key_ids is not None:
                kid = key_ids.get(info.key)
                if kid is None:
                    kid = key_ids[info.key] = len(self.keys)
                    self.keys.append(info.key)
                self.key_of_group[g] = kid
            yield g, stats, info, members
        self._key_ids = None  # every key is known: the dict of them is not kept

    def term(self, kid: int) -> str:
        """The IRI term of key number ``kid``, made when needed rather than kept for every entity."""
        return iri(str(entity_iri(self.keys[kid])))

    def article_terms(self, k: int) -> list[str]:
        group, key_of, term = self.resolution.group, self.key_of_group, self.term
        return [term(key_of[group[i]]) for i in self.summaries.items(k)]

    def fetch(self, source: Articles, k: int) -> ArticleGraph:
        """Pass two's read of article k, in this process; its distinct relations are counted on the way."""
        article = source.fetch(k)
        if len(article.entities) != len(self.summaries.items(k)):
            raise ArticleChanged(f"article {article.id}: changed while it was being merged")
        self.count(k, relation_positions(article))
        return article

    def count(self, k: int, relations: Iterable[tuple[int, str, int]]) -> None:
        if self.distinct is None:
            self.distinct = DistinctRelations(self.keys)
        group, key_of, items = self.resolution.group, self.key_of_group, self.summaries.items(k)
        for s, p, o in relations:
            self.distinct.add(key_of[group[items[s]]], p, key_of[group[items[o]]])

    def counts(self) -> Counts:
        return Counts(len(self.resolution.order), len(self.keys), len(self.distinct or ()))


class DistinctRelations:
    """Counts distinct (subject, predicate, object) as the networkx form has them: symmetric predicates
    in either direction are one. Held as ints, one per distinct triple."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = keys
        self.code = {p.name: n for n, p in enumerate(vocabulary().predicates)}
        self.seen: set[int] = set()

    def add(self, s: int, predicate: str, o: int) -> None:
        if predicate in SYMMETRIC and self.keys[o] < self.keys[s]:
            s, o = o, s
        self.seen.add((s * len(self.code) + self.code[predicate]) * len(self.keys) + o)

    def __len__(self) -> int:
        return len(self.seen)


def corpus_lines(source: Articles, resolved: Resolved, index: Index | None = None) -> Iterator[list[str]]:
    """The store's N-Quads lines, a batch at a time: entity descriptions, then each article's graph and
    direct triples (repeated where articles repeat them; the store keeps one). With ``index``, fills
    it in as it goes."""
    buf: list[str] = []
    res = resolved.resolution
    for g, stats, info, _ in resolved.entities():
        buf += entity_lines(info, resolved.term(resolved.key_of_group[g]))
        if index is not None:
            index.add_groups([(g, res.cluster_of_group[g], info.key, stats.to_json())])
        if len(buf) > 4096:
            yield buf
            buf = []
    yield buf
    if index is not None:
        index.set_keys(res.key_clusters())
    summaries = resolved.summaries
    work = ((k, resolved.article_terms(k)) for k in res.order)
    for aid, (k, done) in enumerate(zip(res.order, source.render(work), strict=True)):
        resolved.count(k, done.relations)
        if index is not None:
            rows = [
                (aid, pos, res.group[i], name, etype, kind, wd, aliases_json(aliases))
                for pos, i in enumerate(summaries.items(k))
                for name, etype, kind, wd, aliases in (summaries.summary(i),)
            ]
            index.add_article(aid, done.article_id, source.digest(k), index.codes(done.relations), rows)
        yield done.graph + done.direct


class _Lines(io.RawIOBase):
    """Batches of N-Quads lines as the binary file one call of the bulk loader reads: it ends once
    ``limit`` lines have been read (at a batch's end), or when the batches do. An error raised while
    making them is kept, to be raised as itself rather than as the loader's I/O error."""

    def __init__(self, batches: Iterator[list[str]], limit: int) -> None:
        self._batches, self._limit = batches, limit
        self._buf = memoryview(b"")
        self.lines = 0
        self.exhausted = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        while not self._buf:
            if self.exhausted or self.lines >= self._limit:
                return 0
            try:
                lines = next(self._batches)
            except StopIteration:
                self.exhausted = True
                return 0
            except BaseException as err:
                self.error, self.exhausted = err, True
                raise
            self.lines += len(lines)
            self._buf = memoryview("".join(lines).encode("utf-8"))
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def load_lines(store: ox.Store, batches: Iterable[list[str]]) -> None:
    """N-Quads lines into ``store`` through Oxigraph's bulk loader, ``LOAD_LINES`` at a time: its memory
    grows with what one call is given (about 700 bytes a quad), so a corpus is given in pieces, each
    made as the loader reads it."""
    batches = iter(batches)
    while True:
        reader = _Lines(batches, LOAD_LINES)
        try:
            store.bulk_load(io.BufferedReader(reader, 1 << 16), format=ox.RdfFormat.N_QUADS)
        except BaseException:
            if reader.error is not None:
                raise reader.error from None
            raise
        if reader.error is not None:
            raise reader.error
        if reader.exhausted:
            return


def merge_to_store(source: Articles, path: StrPath, on_error: OnError | None = None) -> Counts:
    """Create or replace the corpus store at ``path`` with ``source``'s articles and its entity index,
    built beside it and swapped in when complete (``export.store``): a kill leaves the old store or
    the new one. Peak memory grows with the distinct entities, not with the articles."""
    path = Path(path)
    check_store_target(path)
    recover_store(path)
    resolved = Resolved(summarize(source, on_error))

    def fill(directory: Path) -> None:
        index = Index(directory / INDEX_FILE, create=True)
        try:
            store = ox.Store(str(directory))
            load_lines(store, corpus_lines(source, resolved, index))
            # not compacted here (store.optimize): queries would run 1.3 to 2 times as fast, but the build
            # would take a fifth longer and the store twice the disk; RocksDB compacts in its own time
            store.flush()
            del store  # pyoxigraph's Store has no close(): RocksDB shuts down when the object goes
            gc.collect()
        except BaseException:
            index.abandon()
            raise
        index.close()

    swap_in(build_beside_with(path, fill), path)
    return resolved.counts()


# -- files -------------------------------------------------------------------------------------
STREAMED_FORMATS = ("nq", "nt", "trig")  # the RDF file formats a merge writes without the corpus in memory


def file_lines(source: Articles, resolved: Resolved, fmt: str) -> Iterator[str]:
    """A corpus as an N-Quads, N-Triples or TriG file, in pieces: the entities, each article's graph in
    id order, then the direct triples (each once). The same articles give the same bytes."""
    if fmt not in STREAMED_FORMATS:
        raise ValueError(f"{fmt} is not streamed")
    quads, trig = fmt == "nq", fmt == "trig"
    for _ in resolved.entities():  # every group's key first, to find the IRIs two entities share
        pass
    sharing = Counter(resolved.key_of_group)
    shared: dict[int, set[str]] = {}
    yield "{\n" if trig else ""
    buf: list[str] = []
    for g, stats, _ in resolved.resolution.groups():
        info = stats.entity()
        kid = resolved.key_of_group[g]
        lines = entity_lines(info, resolved.term(kid))
        if sharing[kid] > 1:  # two entities that slug to one IRI: their lines once, as the store has them
            shared.setdefault(kid, set()).update(lines)
        else:
            buf += lines
        if len(buf) > 4096:
            yield _block(buf, trig)
            buf = []
    for kid in sorted(shared, key=resolved.term):
        buf += sorted(shared[kid])
    del shared
    yield _block(buf, trig) + ("}\n" if trig else "")
    direct: set[int] = set()
    code = {p.name: n for n, p in enumerate(vocabulary().predicates)}
    n_keys, n_preds = len(resolved.keys), len(code)
    res = resolved.resolution
    work = ((k, resolved.article_terms(k)) for k in res.order)
    for k, done in zip(res.order, source.render(work), strict=True):
        resolved.count(k, done.relations)
        kids = [resolved.key_of_group[res.group[i]] for i in resolved.summaries.items(k)]
        for s, p, o in done.relations:
            for a, b in directions(kids[s], p, kids[o]):  # a symmetric predicate's both ways
                direct.add((a * n_preds + code[p]) * n_keys + b)
        art = iri(str(article_iri(done.article_id)))
        lines = done.graph if quads else [line.removesuffix(f" {art} .\n") + " .\n" for line in done.graph]
        if trig:
            yield f"{art} {{\n{_block(lines, True)}}}\n"
        else:
            yield "".join(lines)
    predicates = [PREDICATE_IRIS[p.name] for p in vocabulary().predicates]
    buf = []
    yield "{\n" if trig else ""
    for packed in sorted(direct):
        rest, o = divmod(packed, n_keys)
        s, p = divmod(rest, n_preds)
        buf.append(f"{resolved.term(s)} {predicates[p]} {resolved.term(o)} .\n")
        if len(buf) > 4096:
            yield _block(buf, trig)
            buf = []
    yield _block(buf, trig) + ("}\n" if trig else "")


def _block(lines: list[str], trig: bool) -> str:
    return "".join(f"    {line}" for line in lines) if trig else "".join(lines)


def merge_to_file(source: Articles, out: StrPath, fmt: str, on_error: OnError | None = None) -> Counts:
    """Write the corpus of ``source`` to ``out`` as N-Quads, N-Triples or TriG, atomically (a temporary
    file beside it, renamed when complete), without holding the articles or their graphs."""
    resolved = Resolved(summarize(source, on_error))
    write_stream(Path(out), (text.encode("utf-8") for text in file_lines(source, resolved, fmt)))
    return resolved.counts()


# -- networkx ----------------------------------------------------------------------------------
def merge_to_networkx(source: Articles, on_error: OnError | None = None) -> nx.MultiDiGraph:
    """The corpus as ``corpus.merge(...).to_networkx()`` has it (the same nodes, edges and attributes,
    in the same order), keeping one edge per distinct triple and never an article."""
    resolved = Resolved(summarize(source, on_error))
    summaries, res = resolved.summaries, resolved.resolution
    ids = summaries.article_ids
    nodes: dict[str, dict] = {}
    for _, _, info, members in resolved.entities():  # a key two entities share: the later one's node
        arts = sorted({ids[bisect.bisect_right(summaries.start, i) - 1] for i in members})
        nodes[info.key] = {
            "name": info.name,
            "type": info.type,
            "kind": info.kind,
            "aliases": list(info.aliases),
            "wikidata": info.wikidata,
            "articles": arts,
        }
    g = nx.MultiDiGraph(articles=[ids[k] for k in res.order])
    for key in sorted(nodes):
        g.add_node(key, **nodes[key])
    del nodes
    keys = resolved.keys
    edges: dict[tuple[str, str, str], _Edge] = {}
    for k in res.order:
        article = resolved.fetch(source, k)
        kids = [resolved.key_of_group[res.group[i]] for i in summaries.items(k)]
        pos = {e.id: n for n, e in enumerate(article.entities)}
        for r in article.relations:
            s, o = keys[kids[pos[r.subject]]], keys[kids[pos[r.object]]]
            if r.predicate in SYMMETRIC and o < s:
                s, o = o, s
            edge = edges.get((s, r.predicate, o))
            if edge is None:
                edge = edges[(s, r.predicate, o)] = _Edge()
            edge.add(article.id, r)
    for (s, pred, o), edge in sorted(edges.items()):
        g.add_edge(s, o, key=pred, predicate=pred, **edge.attributes(), **symmetric_mark(pred))
    return g


class _Edge:
    """What the relations behind one corpus edge say, gathered as they stream past."""

    __slots__ = ("articles", "evidence", "confidence", "amounts", "currency", "dates", "statuses")

    def __init__(self) -> None:
        self.articles: set[str] = set()
        self.evidence: list[str] = []
        self.confidence = -1.0
        self.amounts: set[float] = set()
        self.currency: str | None = None
        self.dates: set[str] = set()
        self.statuses: set[str] = set()

    def add(self, article_id: str, r: Relation) -> None:
        self.articles.add(article_id)
        self.evidence.append(r.evidence.text)
        self.confidence = max(self.confidence, r.confidence)
        if r.amount:
            self.amounts.add(r.amount["value"])
            if self.currency is None:
                self.currency = r.amount["currency"]
        if r.date:
            self.dates.add(r.date)
        self.statuses.add(r.status)

    def attributes(self) -> dict:
        amounts = sorted(self.amounts)
        return {
            "articles": sorted(self.articles),
            "evidence": self.evidence,
            "support": len(self.evidence),
            "confidence": self.confidence,
            "amount": amounts[-1] if amounts else None,
            "amounts": amounts or None,
            "currency": self.currency,
            "dates": sorted(self.dates) or None,
            "status": next(iter(self.statuses)) if len(self.statuses) == 1 else "mixed",
        }


__all__ = [
    "ArticleChanged",
    "Articles",
    "Counts",
    "FileArticles",
    "MemoryArticles",
    "merge_to_file",
    "merge_to_networkx",
    "merge_to_store",
]
