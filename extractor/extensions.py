"""Custom attributes newsgraph sets on spaCy objects, registered explicitly and idempotently."""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_EXTENSIONS = {
    "kind": None,  # product kind of an entity mention (chip, ai_model, ...)
    "core_name": None,  # the name inside a longer mention: "Trainium" in "AWS Trainium"
}
DOC_EXTENSIONS = {
    "entities": None,  # list[EntityCluster]: one entity per real-world thing
    "mention_of": None,  # dict[token index, tuple[entity id, ...]]: named, pronoun and descriptor mentions
    "relations": None,  # list[RelationFact]
    "published": None,  # ISO date of publication, when known
    "title": None,  # headline
}


TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, made once: spaCy joins every token again on each ``doc.text``."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def register_extensions() -> None:
    """Safe to call any number of times."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
