"""An article graph as RDF: a direct triple per relation plus a relation node with its details.

``:Amazon ng:investsIn :Anthropic`` keeps simple SPARQL simple; the ``ng:Relation`` node beside it
carries what the triple cannot (amount, date, round, status, confidence, evidence) and
``prov:wasDerivedFrom`` the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ...model.facts import ArticleGraph, Entity, Relation
from ...model.keys import entity_key
from .namespace import CLASSES, NG, NGR, PREDICATES, STRUCTURE_TERMS
from .terms import Lit, Quad, Term, to_rdflib

WIKIDATA = "http://www.wikidata.org/entity/"
SCHEMA_TYPES = {
    "Organization": SDO.Organization,
    "GovernmentBody": SDO.GovernmentOrganization,
    "Person": SDO.Person,
    "Product": SDO.Product,
    "Location": SDO.Place,
}
PREFIXES = {
    "ng": NG._NS,
    "ngr": NGR,
    "schema": SDO._NS,
    "prov": PROV._NS,
    "dcterms": DCTERMS._NS,
    "owl": OWL._NS,
    "rdfs": RDFS._NS,
    "xsd": XSD._NS,
    "wd": WIKIDATA,
}


@dataclass(frozen=True)
class Node:
    """How an entity is written in RDF; a corpus gives one Node to many articles' entities."""

    iri: URIRef
    name: str
    type: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


def entity_iri(key: str) -> URIRef:
    """Safe for any key: each path segment is percent-encoded."""
    return NGR["/".join(quote(part, safe="") for part in key.split("/"))]


def entity_node(entity: Entity) -> Node:
    return Node(
        entity_iri(entity_key(entity)), entity.name, entity.type, entity.kind, tuple(entity.aliases), entity.wikidata
    )


def article_iri(article_id: str) -> URIRef:
    return NGR[f"article/{quote(article_id, safe='')}"]


def date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def to_rdf(
    article: ArticleGraph,
    graph: Graph | None = None,
    node_of: Callable[[Entity], Node] = entity_node,
    knowledge: Graph | None = None,
) -> Graph:
    """Adds the article to ``graph`` (a new Graph by default) and returns it.

    With ``knowledge``, what holds beyond this article (entity descriptions and the direct triples)
    goes there instead, so a dataset's default graph states each fact once and each article's
    named graph keeps the provenance: the article, its relation nodes and its mentions.
    """
    g = bind_prefixes(graph if graph is not None else Graph())
    kg = knowledge if knowledge is not None else g
    for s, p, o, shared in article_triples(article, node_of):
        (kg if shared else g).add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))  # type: ignore[arg-type]
    return g


def article_quads(article: ArticleGraph, node_of: Callable[[Entity], Node] = entity_node) -> list[Quad]:
    """The article as the export writes it: knowledge in the default graph, provenance in the named
    graph of the article's IRI; plain terms, for ``write`` (``to_dataset`` makes them rdflib's)."""
    art = str(article_iri(article.id))
    return [(s, p, o, None if shared else art) for s, p, o, shared in article_triples(article, node_of)]


# The IRIs of the terms below, as plain strings: rdflib's namespace lookups are slow enough to matter here.
_TYPE, _LABEL, _SAME_AS = str(RDF.type), str(RDFS.label), str(OWL.sameAs)
_ARTICLE_TYPES = tuple(str(c) for c in (NG.Article, SDO.NewsArticle, PROV.Entity))
_IDENTIFIER, _TITLE, _ISSUED, _SOURCE, _DATE = (
    str(t) for t in (DCTERMS.identifier, DCTERMS.title, DCTERMS.issued, DCTERMS.source, DCTERMS.date)
)
_DERIVED_FROM, _MONETARY, _VALUE, _CURRENCY = (
    str(t) for t in (PROV.wasDerivedFrom, SDO.MonetaryAmount, SDO.value, SDO.currency)
)
_NG = {name: str(getattr(NG, name)) for name in STRUCTURE_TERMS}
_CLASSES = {name: (_NG["Entity"], str(cls), str(SCHEMA_TYPES[name])) for name, cls in CLASSES.items()}
_PREDICATES = {name: str(p) for name, p in PREDICATES.items()}
_INTEGER, _DECIMAL = str(XSD.integer), str(XSD.decimal)


def article_triples(
    article: ArticleGraph, node_of: Callable[[Entity], Node] = entity_node
) -> Iterator[tuple[str, str, Term, bool]]:
    """Every triple of the article as plain terms, with True for what holds beyond it (entity
    descriptions and the direct triples) and False for its provenance."""
    art = str(article_iri(article.id))
    for cls in _ARTICLE_TYPES:
        yield art, _TYPE, cls, False
    yield art, _IDENTIFIER, Lit(article.id), False
    if article.title:
        yield art, _TITLE, Lit(article.title), False
    if article.published:
        yield art, _ISSUED, _date(article.published), False
    if article.source:
        yield art, _SOURCE, Lit(article.source), False
    iris = {}
    for e in article.entities:
        node = node_of(e)
        iri = iris[e.id] = str(node.iri)
        for s, p, o in entity_triples(node):
            yield s, p, o, True
        yield iri, _NG["mentionedIn"], art, False
    for n, r in enumerate(article.relations, start=1):
        yield iris[r.subject], _PREDICATES[r.predicate], iris[r.object], True
        for s, p, o in relation_triples(r, iris, art, f"{art}/relation/{n}"):
            yield s, p, o, False


def entity_triples(node: Node) -> Iterator[tuple[str, str, Term]]:
    iri = str(node.iri)
    for cls in _CLASSES[node.type]:  # ng:Entity stated, so "?e a ng:Entity" needs no reasoner
        yield iri, _TYPE, cls
    yield iri, _LABEL, Lit(node.name)
    for alias in node.aliases:
        yield iri, _NG["alias"], Lit(alias)
    if node.kind:
        yield iri, _NG["kind"], Lit(node.kind)
    if node.wikidata:
        yield iri, _SAME_AS, WIKIDATA + node.wikidata


def relation_triples(r: Relation, iris: dict[str, str], art: str, node: str) -> Iterator[tuple[str, str, Term]]:
    ng = _NG
    yield node, _TYPE, ng["Relation"]
    yield node, ng["relationSubject"], iris[r.subject]
    yield node, ng["relationPredicate"], _PREDICATES[r.predicate]
    yield node, ng["relationObject"], iris[r.object]
    yield node, _DERIVED_FROM, art
    yield node, ng["status"], Lit(r.status)
    yield node, ng["confidence"], _decimal(r.confidence)
    yield node, ng["evidence"], Lit(r.evidence.text)
    yield node, ng["evidenceStart"], _integer(r.evidence.start)
    yield node, ng["evidenceEnd"], _integer(r.evidence.end)
    if r.date:
        yield node, _DATE, _date(r.date)
    if r.round:
        yield node, ng["round"], Lit(r.round)
    for attr in ("purpose", "role", "rule"):
        value = getattr(r, attr)
        if value:
            yield node, ng[attr], Lit(value)
    if r.amount:
        money = f"{node}/amount"
        yield node, ng["amount"], money
        yield money, _TYPE, _MONETARY
        yield money, _VALUE, _decimal(r.amount["value"])
        yield money, _CURRENCY, Lit(r.amount["currency"])
        if r.amount.get("bound"):
            yield money, ng["bound"], Lit(r.amount["bound"])


@lru_cache(maxsize=4096)
def _date(value: str) -> Lit:
    """The lexical form rdflib gives the date (it normalises what it can parse)."""
    lit = date_literal(value)
    return Lit(str(lit), str(lit.datatype))


@lru_cache(maxsize=4096, typed=True)  # typed: 1 and 1.0 are different decimals ("1" and "1.0")
def _decimal(value: float) -> Lit:
    return Lit(str(Literal(Decimal(str(value)), datatype=XSD.decimal)), _DECIMAL)


def _integer(value: int) -> Lit:
    if type(value) is int:
        return Lit(str(value), _INTEGER)
    return Lit(str(Literal(value, datatype=XSD.integer)), _INTEGER)
