"""The article JSON contract (``shared/spec/SCHEMA.md``) as dataclasses: the model layer, free of
spaCy, so reading, merging and exporting graphs never load it. ``doc_facts`` builds these from a Doc."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

SCHEMA_VERSION = 1


class AmountJSON(TypedDict):
    """A relation's money amount as the article JSON has it (``attributes.Amount.to_json``): typed, yet a plain
    dict, so the JSON is written as before."""

    value: int | float
    currency: str  # ISO 4217
    text: str
    bound: NotRequired[str]  # "min" or "max"
    approximate: NotRequired[bool]


@dataclass(frozen=True)
class Failure:
    """An article that could not be processed, and why."""

    id: str
    source: str | None
    error: str
    stage: str = "read"  # "read": the input was not an article; "extract": it was, and extraction failed
    count: int = 1  # more than one: the bad records of an input past those listed, summed up in one line


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
    amount: AmountJSON | None = None
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
        from ..graph.article import to_networkx

        return to_networkx(self)
