"""Article graphs as networkx MultiDiGraphs: entities are nodes, relations are edges."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from ..model.keys import entity_key
from ..model.vocabulary import vocabulary

if TYPE_CHECKING:  # a type hint only: facts imports this module lazily (to_networkx), never the other way round
    from ..model.facts import ArticleGraph

SYMMETRIC = vocabulary().symmetric


def symmetric_mark(predicate: str) -> dict[str, bool]:
    """What marks the edge of a symmetric predicate (partners_with, competes_with) as undirected:
    ``symmetric=True``, which GraphML, GEXF, node-link JSON and the Neo4j files carry; nothing on
    the others. The edge itself keeps the direction the article (or the corpus's key order) gave."""
    return {"symmetric": True} if predicate in SYMMETRIC else {}


def to_networkx(article: ArticleGraph) -> nx.MultiDiGraph:
    """Nodes keyed by ``entity_key`` with name, type, kind, aliases, wikidata; one edge per
    relation, keyed by predicate, with amount, date, round, status, confidence and evidence; a
    symmetric predicate's edge is marked ``symmetric=True``."""
    g = nx.MultiDiGraph(article=article.id, title=article.title, published=article.published)
    keys = {}
    for e in article.entities:
        keys[e.id] = entity_key(e)
        g.add_node(keys[e.id], name=e.name, type=e.type, kind=e.kind, aliases=list(e.aliases), wikidata=e.wikidata)
    seen: dict[str, int] = {}
    for r in article.relations:
        key = f"{r.predicate}@{r.evidence.start}"
        seen[key] = seen.get(key, 0) + 1
        attrs = {
            "predicate": r.predicate,
            "date": r.date,
            "round": r.round,
            "status": r.status,
            "confidence": r.confidence,
            "evidence": r.evidence.text,
            "evidence_start": r.evidence.start,
            "evidence_end": r.evidence.end,
            "article": article.id,
            "purpose": r.purpose,
            "role": r.role,
        }
        if r.amount:
            attrs.update(
                amount=r.amount["value"],
                currency=r.amount["currency"],
                amount_text=r.amount["text"],
                amount_bound=r.amount.get("bound"),
            )
        g.add_edge(keys[r.subject], keys[r.object], key=f"{key}#{seen[key]}", **attrs, **symmetric_mark(r.predicate))
    return g
