"""Custom attributes newsgraph sets on spaCy objects, registered explicitly and idempotently.

Every piece of state that passes from one component (or the caller) to another travels as one
of these declared extensions, never as a raw ``doc.user_data`` or ``doc.spans`` key, so that the
factories' ``assigns``/``requires`` can name it and ``nlp.analyze_pipes()`` can check the order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..text.article import ArticleHead, parse_head

SPAN_EXTENSIONS = {
    "kind": None,  # product kind of an entity mention (chip, ai_model, ...)
    "core_name": None,  # the name inside a longer mention: "Trainium" in "AWS Trainium"
}
DOC_EXTENSIONS = {
    "entities": None,  # list[EntityCluster]: one entity per real-world thing
    "mention_of": None,  # dict[token index, tuple[entity id, ...]]: named, pronoun and descriptor mentions
    "relations": None,  # list[RelationFact]
    "published": None,  # ISO date of publication, when known
    "head": None,  # ArticleHead: headline and dateline, parsed once (by the article layer or the layout)
    "dateline_end": None,  # character offset where the dateline ends, when the article has one
    "dates": None,  # list[Span]: the base NER's DATE entities, kept before newsgraph_entities replaces doc.ents
    "source_lines": None,  # list[tuple[int, int, int, int]]: place and name character spans of source lines
    "place_qualifiers": None,  # list[Span]: "New Jersey" of "Secaucus, New Jersey", a place of its own
    "text": None,  # the Doc's text, made once (doc_text)
    "token_texts": None,  # list[str]: every token's text, made once (token_texts)
}


def doc_text(doc: Doc) -> str:
    """The Doc's text, made once: spaCy joins every token again on each ``doc.text``."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, read once per Doc from one array instead of a Token per word."""
    texts = doc._.token_texts
    if texts is None or len(texts) != len(doc):
        strings = doc.vocab.strings
        texts = doc._.token_texts = [strings[h] for h in doc.to_array("ORTH").tolist()]
    return texts


def article_head(doc: Doc) -> ArticleHead:
    """The article's headline and dateline: the caller's parse when it handed one over (api.make_doc),
    else parsed here once, for a Doc made from plain text."""
    head = doc._.head
    if head is None:
        head = doc._.head = parse_head(doc_text(doc))
    return head


def register_extensions() -> None:
    """Safe to call any number of times."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
