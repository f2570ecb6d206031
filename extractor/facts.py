"""The article JSON contract (``shared/spec/SCHEMA.md``) as dataclasses, built from a Doc."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

SCHEMA_VERSION = 1


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    wikidata: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "wikidata": self.wikidata,
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entity:
        return cls(
            d["id"],
            d["name"],
            d["type"],
            list(d.get("aliases", [])),
            d.get("kind"),
            d.get("wikidata"),
            [tuple(m) for m in d.get("mentions", [])],
        )


@dataclass
class Evidence:
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: Evidence
    amount: dict[str, Any] | None = None
    date: str | None = None
    round: str | None = None
    status: str = "asserted"
    confidence: float = 1.0
    purpose: str | None = None
    role: str | None = None
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "amount": self.amount,
            "date": self.date,
            "round": self.round,
            "status": self.status,
            "confidence": self.confidence,
        }
        if self.purpose:
            out["purpose"] = self.purpose
        if self.role:
            out["role"] = self.role
        out["evidence"] = self.evidence.to_json()
        if self.rule:
            out["rule"] = self.rule
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Relation:
        ev = d["evidence"]
        return cls(
            d["subject"],
            d["predicate"],
            d["object"],
            Evidence(ev["text"], ev["start"], ev["end"]),
            d.get("amount"),
            d.get("date"),
            d.get("round"),
            d.get("status", "asserted"),
            d.get("confidence", 1.0),
            d.get("purpose"),
            d.get("role"),
            d.get("rule"),
        )


@dataclass
class ArticleGraph:
    """What newsgraph knows of one article: its metadata, entities and relations."""

    id: str
    entities: list[Entity]
    relations: list[Relation]
    source: str | None = None
    title: str | None = None
    published: str | None = None

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def by_name(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name or name in e.aliases), None)

    def above(self, min_confidence: float) -> ArticleGraph:
        """The article with only the relations of at least ``min_confidence``."""
        if all(r.confidence >= min_confidence for r in self.relations):
            return self
        kept = [r for r in self.relations if r.confidence >= min_confidence]
        return ArticleGraph(self.id, self.entities, kept, self.source, self.title, self.published)

    def triples(self) -> set[tuple[str, str, str]]:
        """(subject name, predicate, object name) of every relation: handy in tests and notebooks."""
        names = {e.id: e.name for e in self.entities}
        return {(names[r.subject], r.predicate, names[r.object]) for r in self.relations}

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "article": {"id": self.id, "source": self.source, "title": self.title, "published": self.published},
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }

    def dumps(self) -> str:
        """Deterministic JSON text: same article, same bytes."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ArticleGraph:
        art = d.get("article", {})
        return cls(
            art["id"],
            [Entity.from_json(e) for e in d.get("entities", [])],
            [Relation.from_json(r) for r in d.get("relations", [])],
            art.get("source"),
            art.get("title"),
            art.get("published"),
        )

    def to_networkx(self):  # noqa: ANN201  (networkx has no stable type to name here)
        from .graph import to_networkx

        return to_networkx(self)


def from_doc(doc: Doc, article_id: str, source: str | None = None, title: str | None = None) -> ArticleGraph:
    """The article graph of a Doc processed by the newsgraph pipeline."""
    entities = [
        Entity(
            id=c.id,
            name=c.name,
            type=c.type,
            aliases=list(c.aliases),
            kind=c.kind,
            wikidata=c.wikidata,
            mentions=sorted({(m.start_char, m.end_char) for m in c.mentions}),
        )
        for c in doc._.entities or []
    ]
    relations = []
    for f in doc._.relations or []:
        sent = f.sentence
        text = sent.text.rstrip()
        relations.append(
            Relation(
                subject=f.subject,
                predicate=f.predicate,
                object=f.object,
                evidence=Evidence(text, sent.start_char, sent.start_char + len(text)),
                amount=f.amount.to_json() if f.amount else None,
                date=f.date,
                round=f.round,
                status=f.status,
                confidence=f.confidence,
                purpose=f.attrs.get("purpose"),
                role=f.attrs.get("role"),
                rule=f.rule,
            )
        )
    return ArticleGraph(article_id, entities, relations, source, title, doc._.published)
