"""Doc to article graph: the one place the model layer's dataclasses are built from spaCy objects,
kept out of ``facts`` so the model imports without spaCy."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model.facts import ArticleGraph, Entity, Evidence, Relation


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
