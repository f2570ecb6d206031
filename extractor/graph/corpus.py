"""Many articles as one graph: one node per real-world entity, edges citing every supporting article.

Entities of different articles are the same thing when they share a Wikidata id, or a normalised
name, or an unambiguous alias (an acronym or a name of two words or more), within one type group
(a regulator typed Organization in one article still meets itself typed GovernmentBody in
another). Two entities with different Wikidata ids are never merged.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from ..export.rdf.build import Node, article_iri, entity_iri, to_rdf
from ..model.facts import ArticleGraph, Entity
from ..model.paths import StrPath
from ..model.usage import UsageError
from ..model.vocabulary import vocabulary
from .article import symmetric_mark
from .check import problem as check_article
from .resolution import Resolution, Summaries

SYMMETRIC = vocabulary().symmetric  # merged in either direction


@dataclass
class CorpusEntity:
    key: str
    name: str
    type: str
    kind: str | None
    wikidata: str | None
    aliases: list[str]
    articles: list[str]

    def node(self) -> Node:
        return Node(entity_iri(self.key), self.name, self.type, self.kind, tuple(self.aliases), self.wikidata)


@dataclass
class Corpus:
    """Articles and the resolution of their entities to corpus entities."""

    articles: list[ArticleGraph]
    entity_of: dict[tuple[str, str], CorpusEntity] = field(default_factory=dict)

    @property
    def entities(self) -> list[CorpusEntity]:
        unique = {e.key: e for e in self.entity_of.values()}
        return [unique[k] for k in sorted(unique)]

    def resolve(self, article: ArticleGraph, entity: Entity) -> CorpusEntity:
        return self.entity_of[(article.id, entity.id)]

    def to_networkx(self) -> nx.MultiDiGraph:
        """One node per corpus entity; one edge per (subject, predicate, object) with the articles,
        evidence sentences, amounts and dates that support it. A symmetric predicate's edge is one
        either way (its subject the lesser key) and marked ``symmetric=True``."""
        g = nx.MultiDiGraph(articles=[a.id for a in self.articles])
        for e in self.entities:
            g.add_node(
                e.key,
                name=e.name,
                type=e.type,
                kind=e.kind,
                aliases=list(e.aliases),
                wikidata=e.wikidata,
                articles=list(e.articles),
            )
        support: dict[tuple[str, str, str], list[tuple[ArticleGraph, object]]] = defaultdict(list)
        for article in self.articles:
            ents = {e.id: e for e in article.entities}
            for r in article.relations:
                s = self.resolve(article, ents[r.subject]).key
                o = self.resolve(article, ents[r.object]).key
                if r.predicate in SYMMETRIC and o < s:
                    s, o = o, s
                support[(s, r.predicate, o)].append((article, r))
        for (s, pred, o), items in sorted(support.items()):
            rels = [r for _, r in items]
            amounts = sorted({r.amount["value"] for r in rels if r.amount})
            g.add_edge(
                s,
                o,
                key=pred,
                predicate=pred,
                articles=sorted({a.id for a, _ in items}),
                evidence=[r.evidence.text for r in rels],
                support=len(rels),
                confidence=max(r.confidence for r in rels),
                amount=amounts[-1] if amounts else None,
                amounts=amounts or None,
                currency=next((r.amount["currency"] for r in rels if r.amount), None),
                dates=sorted({r.date for r in rels if r.date}) or None,
                status=sorted({r.status for r in rels})[0] if len({r.status for r in rels}) == 1 else "mixed",
                **symmetric_mark(pred),
            )
        return g

    def to_rdf(self) -> Dataset:
        """The default graph states each entity and direct triple once, under its corpus IRI and name;
        one named graph per article keeps the relation nodes and their evidence."""
        ds = Dataset()
        for article in self.articles:
            ents = {e.id: e for e in article.entities}
            to_rdf(
                article,
                ds.graph(article_iri(article.id)),
                node_of=lambda e, a=article, ents=ents: self.resolve(a, ents[e.id]).node(),
                knowledge=ds.default_graph,
            )
        return ds


def merge(articles: Iterable[ArticleGraph]) -> Corpus:
    """Resolve the entities of many articles to corpus entities. An article id given twice counts
    once, the later article: what a store does when an article is added again."""
    latest: dict[str, ArticleGraph] = {}
    for a in articles:
        latest.pop(a.id, None)
        latest[a.id] = a
    arts = sorted(latest.values(), key=lambda a: a.id)
    summaries = Summaries()
    for a in arts:
        summaries.add(a.id, [(e.name, e.type, e.kind, e.wikidata, e.aliases) for e in a.entities])
    items = [(a, e) for a in arts for e in a.entities]
    corpus = Corpus(arts)
    for _, stats, members in Resolution(summaries).groups():
        info = stats.entity()
        entity = CorpusEntity(
            info.key,
            info.name,
            info.type,
            info.kind,
            info.wikidata,
            list(info.aliases),
            sorted({items[n][0].id for n in members}),
        )
        for n in members:
            article, e = items[n]
            corpus.entity_of[(article.id, e.id)] = entity
    return corpus


def json_files(paths: Iterable[StrPath]) -> list[Path]:
    """The JSON files given, and those under the directories given, in a stable order; raises
    FileNotFoundError for a path that is neither, before any is read."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return files


def read_articles(paths: Iterable[StrPath]) -> Iterator[ArticleGraph | tuple[Path, str]]:
    """Article JSON files (``schema_version`` present) as ArticleGraphs; other JSON is skipped.
    Files that are not JSON, or article JSON that breaks the shipped schema or refers to entities
    it does not have, are yielded as (path, reason): one bad file must not stop the others."""
    for path in map(Path, paths):
        try:
            data = strict_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeError, ValueError) as err:
            yield path, f"not readable JSON: {err}"
            continue
        if not isinstance(data, dict) or "schema_version" not in data:
            continue  # node-link JSON and other files beside the article JSON
        problem = check_article(data)
        if problem:
            yield path, f"not article JSON: {problem}"
        else:
            yield ArticleGraph.from_json(data)


def read_article_json(path: StrPath, article_id: str | None = None) -> ArticleGraph:
    """The article of one article JSON file (what ``extract`` wrote), as ``newsgraph show`` prints it;
    UsageError for a file that is missing, not article JSON or (with ``article_id``) another article's."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    found = next(read_articles([path]), None)
    if found is None:
        raise UsageError(f"{path}: JSON, but not article JSON (it has no schema_version)")
    if not isinstance(found, ArticleGraph):
        raise UsageError(f"{path}: {found[1]}")
    if article_id is not None and found.id != article_id:
        raise UsageError(f"{path}: no article with id {article_id!r} in it (it holds {found.id!r})")
    return found


LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # any surrogate escape: a pair is checked too
MAX_DIGITS = 4300  # Python's default limit of int("...")


def strict_json(text: str) -> object:
    """JSON as RFC 8259 has it: no NaN or Infinity, no number too large for a float or of more digits
    than Python converts, no lone surrogate (not Unicode text; extract writes U+FFFD for one);
    ValueError otherwise, also for nesting too deep for Python's parser (its RecursionError)."""
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer)
        if LONE_SURROGATE_ESCAPE.search(text):
            json.dumps(data, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeEncodeError:
        raise ValueError("a lone surrogate (\\ud800-\\udfff) is not Unicode text") from None
    return data


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise ValueError(f"an integer of {len(text)} digits is too large")
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large for a number")
    return value


def articles_in_output(out: StrPath) -> list[ArticleGraph]:
    """Every article an extraction wrote to ``out`` (a directory of article JSON, or a JSON Lines
    file of them), each id once: what a corpus of a resumed run must hold, not only that run's."""
    out = Path(out)
    if out.is_dir():
        files = sorted(p for p in out.rglob("*.json") if p.is_file())
        found = [a for a in read_articles(files) if isinstance(a, ArticleGraph)]
    else:
        found = []
        with out.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    found.append(ArticleGraph.from_json(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                    continue  # a torn last line of a killed run: that article is redone by the resume
    first: dict[str, ArticleGraph] = {}
    for a in found:
        first.setdefault(a.id, a)
    return list(first.values())


__all__ = [
    "Corpus",
    "CorpusEntity",
    "articles_in_output",
    "json_files",
    "merge",
    "read_article_json",
    "read_articles",
    "strict_json",
]
