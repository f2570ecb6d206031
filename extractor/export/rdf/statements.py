"""Which RDF statements an article makes, stated once, as plain terms (``terms``: an IRI is a ``str``,
a literal a ``Lit``), each with the graph it goes in.

Every rendering of an article's RDF is driven by these statements: ``build.to_rdf`` makes them
rdflib terms, the direct writers (``write``) write them as Turtle, N-Triples, N-Quads, TriG and
JSON-LD, and a corpus merge (``graph.nquads``) writes them as N-Quads lines with the entity IRIs its
resolution gave, for a store or a streamed file.

An article says, in its named graph (the article's IRI): the article itself (its types, identifier,
title, date, source), that each of its entities is mentioned in it, and for each relation a
``ng:Relation`` node with what a triple cannot carry (amount, date, round, status, confidence,
evidence, ``prov:wasDerivedFrom`` the article). In the default graph, what holds beyond the article:
each relation's direct triple (``:Amazon ng:investsIn :Anthropic``), in both directions for a symmetric
predicate (``vocabulary().symmetric``: ``?x ng:partnersWith ?y`` finds the partners of either party,
with no reasoner; the relation node keeps the direction the article told it in), and the
description of each entity (types, label, aliases, kind, Wikidata id) when the caller has one to give.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Protocol, TypeVar
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ...model.facts import ArticleGraph, Relation
from ...model.vocabulary import vocabulary
from .namespace import CLASSES, NG, NGR, PREDICATES, STRUCTURE_TERMS
from .terms import Lit, Quad, Term

__all__ = [
    "SYMMETRIC",
    "Described",
    "article_iri",
    "article_statements",
    "directions",
    "entity_iri",
    "entity_statements",
    "relation_statements",
]

Triple = tuple[str, str, Term]
T = TypeVar("T")

WIKIDATA = "http://www.wikidata.org/entity/"
SCHEMA_TYPES = {
    "Organization": SDO.Organization,
    "GovernmentBody": SDO.GovernmentOrganization,
    "Person": SDO.Person,
    "Product": SDO.Product,
    "Location": SDO.Place,
}


def entity_iri(key: str) -> URIRef:
    """Safe for any key: each path segment is percent-encoded."""
    return NGR["/".join(quote(part, safe="") for part in key.split("/"))]


def article_iri(article_id: str) -> URIRef:
    return NGR[f"article/{quote(article_id, safe='')}"]


class Described(Protocol):
    """What an entity's description is made of (``build.Node`` and a corpus's resolved entities have it)."""

    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def wikidata(self) -> str | None: ...


# The IRIs of the terms, as plain strings: rdflib's namespace lookups are slow enough to matter here.
TYPE, LABEL, SAME_AS = str(RDF.type), str(RDFS.label), str(OWL.sameAs)
ARTICLE_TYPES = tuple(str(c) for c in (NG.Article, SDO.NewsArticle, PROV.Entity))
IDENTIFIER, TITLE, ISSUED, SOURCE, DATE = (
    str(t) for t in (DCTERMS.identifier, DCTERMS.title, DCTERMS.issued, DCTERMS.source, DCTERMS.date)
)
DERIVED_FROM, MONETARY_AMOUNT, VALUE, CURRENCY = (
    str(t) for t in (PROV.wasDerivedFrom, SDO.MonetaryAmount, SDO.value, SDO.currency)
)
NG_TERMS = {name: str(getattr(NG, name)) for name in STRUCTURE_TERMS}
ENTITY, RELATION, ALIAS, KIND, MENTIONED_IN = (
    NG_TERMS[n] for n in ("Entity", "Relation", "alias", "kind", "mentionedIn")
)
R_SUBJECT, R_PREDICATE, R_OBJECT = (NG_TERMS[n] for n in ("relationSubject", "relationPredicate", "relationObject"))
ENTITY_CLASSES = {name: (ENTITY, str(cls), str(SCHEMA_TYPES[name])) for name, cls in CLASSES.items()}
PREDICATE_IRIS = {name: str(p) for name, p in PREDICATES.items()}
OPTIONAL = tuple((attr, NG_TERMS[attr]) for attr in ("purpose", "role", "rule"))
INTEGER, DECIMAL = str(XSD.integer), str(XSD.decimal)
SYMMETRIC = vocabulary().symmetric  # predicates whose direct triple is stated both ways


def directions(s: T, predicate: str, o: T) -> tuple[tuple[T, T], ...]:
    """The (subject, object) pairs of the direct triples a relation ``s predicate o`` states: one, or
    both ways for a symmetric predicate (one when ``s`` is ``o``). Any kind of entity term will do:
    IRIs here, keys or key numbers where a merge tracks the direct triples it wrote."""
    if predicate in SYMMETRIC and s != o:
        return ((s, o), (o, s))
    return ((s, o),)


def article_statements(
    article: ArticleGraph, iris: Sequence[str], described: Sequence[Described] | None = None
) -> Iterator[Quad]:
    """Every statement of the article as ``(subject, predicate, object, graph)``: graph is the
    article's IRI for its provenance, None for what holds beyond it (the default graph).

    ``iris[n]`` is the IRI of the article's n-th entity (two entities may have one: a corpus resolved
    them to one entity, mentioned once). With ``described``, each entity's description
    (``described[n]`` that of the n-th) comes before its mention; without, the caller states the
    descriptions (a corpus states each once, from its resolution)."""
    art = str(article_iri(article.id))
    for cls in ARTICLE_TYPES:
        yield art, TYPE, cls, art
    yield art, IDENTIFIER, Lit(article.id), art
    if article.title:
        yield art, TITLE, Lit(article.title), art
    if article.published:
        yield art, ISSUED, date_lit(article.published), art
    if article.source:
        yield art, SOURCE, Lit(article.source), art
    by_id: dict[str, str] = {}
    mentioned: set[str] = set()
    for n, (e, iri) in enumerate(zip(article.entities, iris, strict=True)):
        by_id[e.id] = iri
        if described is not None:
            for s, p, o in entity_statements(iri, described[n]):
                yield s, p, o, None
        if iri not in mentioned:
            mentioned.add(iri)
            yield iri, MENTIONED_IN, art, art
    for n, r in enumerate(article.relations, start=1):
        s, o, p = by_id[r.subject], by_id[r.object], PREDICATE_IRIS[r.predicate]
        for a, b in directions(s, r.predicate, o):
            yield a, p, b, None
        yield from relation_statements(r, s, o, art, f"{art}/relation/{n}")


def entity_statements(iri: str, entity: Described) -> Iterator[Triple]:
    """The description of an entity (default graph): its classes, label, aliases, kind, Wikidata id."""
    for cls in ENTITY_CLASSES[entity.type]:  # ng:Entity stated, so "?e a ng:Entity" needs no reasoner
        yield iri, TYPE, cls
    yield iri, LABEL, Lit(entity.name)
    for alias in entity.aliases:
        yield iri, ALIAS, Lit(alias)
    if entity.kind:
        yield iri, KIND, Lit(entity.kind)
    if entity.wikidata:
        yield iri, SAME_AS, WIKIDATA + entity.wikidata


def relation_statements(r: Relation, s: str, o: str, art: str, node: str) -> Iterator[Quad]:
    """The relation node ``node`` of ``r`` (``s`` and ``o``: its entities' IRIs), in the article's graph."""
    yield node, TYPE, RELATION, art
    yield node, R_SUBJECT, s, art
    yield node, R_PREDICATE, PREDICATE_IRIS[r.predicate], art
    yield node, R_OBJECT, o, art
    yield node, DERIVED_FROM, art, art
    yield node, NG_TERMS["status"], Lit(r.status), art
    yield node, NG_TERMS["confidence"], decimal_lit(r.confidence), art
    yield node, NG_TERMS["evidence"], Lit(r.evidence.text), art
    yield node, NG_TERMS["evidenceStart"], integer_lit(r.evidence.start), art
    yield node, NG_TERMS["evidenceEnd"], integer_lit(r.evidence.end), art
    if r.date:
        yield node, DATE, date_lit(r.date), art
    if r.round:
        yield node, NG_TERMS["round"], Lit(r.round), art
    for attr, prop in OPTIONAL:
        value = getattr(r, attr)
        if value:
            yield node, prop, Lit(value), art
    if r.amount:
        money = f"{node}/amount"
        yield node, NG_TERMS["amount"], money, art
        yield money, TYPE, MONETARY_AMOUNT, art
        yield money, VALUE, decimal_lit(r.amount["value"]), art
        yield money, CURRENCY, Lit(r.amount["currency"]), art
        if r.amount.get("bound"):
            yield money, NG_TERMS["bound"], Lit(r.amount["bound"]), art


def date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=4096)
def date_lit(value: str) -> Lit:
    """The lexical form rdflib gives the date (it normalises what it can parse)."""
    lit = date_literal(value)
    return Lit(str(lit), str(lit.datatype))


@lru_cache(maxsize=4096, typed=True)  # typed: 1 and 1.0 are different decimals ("1" and "1.0")
def decimal_lit(value: float) -> Lit:
    return Lit(str(Literal(Decimal(str(value)), datatype=XSD.decimal)), DECIMAL)


def integer_lit(value: int) -> Lit:
    if type(value) is int:
        return Lit(str(value), INTEGER)
    return Lit(str(Literal(value, datatype=XSD.integer)), INTEGER)
