"""Article graphs as networkx MultiDiGraphs: entities are nodes, relations are edges."""

from __future__ import annotations

import re
import unicodedata

import networkx as nx

from .facts import ArticleGraph, Entity


def slug(text: str) -> str:
    """A lower-case ASCII slug: "Amazon Web Services" → "amazon-web-services"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return s or "x" + "".join(f"{ord(c):x}" for c in text)[:40]


def entity_key(entity: Entity) -> str:
    """The same key for the same entity in every article: Wikidata id, else type and name."""
    if entity.wikidata:
        return f"wd:{entity.wikidata}"
    return f"{entity.type.lower()}:{slug(entity.name)}"


def to_networkx(article: ArticleGraph) -> nx.MultiDiGraph:
    """Nodes keyed by ``entity_key`` with name, type, kind, aliases, wikidata; one edge per
    relation, keyed by predicate, with amount, date, round, status, confidence and evidence."""
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
        g.add_edge(keys[r.subject], keys[r.object], key=f"{key}#{seen[key]}", **attrs)
    return g
