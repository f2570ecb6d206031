"""An article graph as RDF: a direct triple per relation plus a relation node with its details.

``:Amazon ng:investsIn :Anthropic`` keeps simple SPARQL simple; the ``ng:Relation`` node beside it
carries what the triple cannot (amount, date, round, status, confidence, evidence) and
``prov:wasDerivedFrom`` the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ...model.facts import ArticleGraph, Entity, Relation
from ...model.keys import entity_key
from .namespace import CLASSES, NG, NGR, PREDICATES

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
    art = article_iri(article.id)
    for cls in (NG.Article, SDO.NewsArticle, PROV.Entity):
        g.add((art, RDF.type, cls))
    g.add((art, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        g.add((art, DCTERMS.title, Literal(article.title)))
    if article.published:
        g.add((art, DCTERMS.issued, date_literal(article.published)))
    if article.source:
        g.add((art, DCTERMS.source, Literal(article.source)))
    iris = {}
    for e in article.entities:
        node = node_of(e)
        iris[e.id] = node.iri
        add_entity(kg, node)
        g.add((node.iri, NG.mentionedIn, art))
    for n, r in enumerate(article.relations, start=1):
        kg.add((iris[r.subject], PREDICATES[r.predicate], iris[r.object]))
        add_relation(g, r, iris, art, URIRef(f"{art}/relation/{n}"))
    return g


def add_entity(g: Graph, node: Node) -> None:
    g.add((node.iri, RDF.type, NG.Entity))  # stated, so "?e a ng:Entity" needs no reasoner
    g.add((node.iri, RDF.type, CLASSES[node.type]))
    g.add((node.iri, RDF.type, SCHEMA_TYPES[node.type]))
    g.add((node.iri, RDFS.label, Literal(node.name)))
    for alias in node.aliases:
        g.add((node.iri, NG.alias, Literal(alias)))
    if node.kind:
        g.add((node.iri, NG.kind, Literal(node.kind)))
    if node.wikidata:
        g.add((node.iri, OWL.sameAs, URIRef(WIKIDATA + node.wikidata)))


def add_relation(g: Graph, r: Relation, iris: dict[str, URIRef], art: URIRef, node: URIRef) -> None:
    s, p, o = iris[r.subject], PREDICATES[r.predicate], iris[r.object]
    g.add((node, RDF.type, NG.Relation))
    g.add((node, NG.relationSubject, s))
    g.add((node, NG.relationPredicate, p))
    g.add((node, NG.relationObject, o))
    g.add((node, PROV.wasDerivedFrom, art))
    g.add((node, NG.status, Literal(r.status)))
    g.add((node, NG.confidence, Literal(Decimal(str(r.confidence)), datatype=XSD.decimal)))
    g.add((node, NG.evidence, Literal(r.evidence.text)))
    g.add((node, NG.evidenceStart, Literal(r.evidence.start, datatype=XSD.integer)))
    g.add((node, NG.evidenceEnd, Literal(r.evidence.end, datatype=XSD.integer)))
    if r.date:
        g.add((node, DCTERMS.date, date_literal(r.date)))
    if r.round:
        g.add((node, NG.round, Literal(r.round)))
    for attr in ("purpose", "role", "rule"):
        value = getattr(r, attr)
        if value:
            g.add((node, getattr(NG, attr), Literal(value)))
    if r.amount:
        money = URIRef(f"{node}/amount")
        g.add((node, NG.amount, money))
        g.add((money, RDF.type, SDO.MonetaryAmount))
        g.add((money, SDO.value, Literal(Decimal(str(r.amount["value"])), datatype=XSD.decimal)))
        g.add((money, SDO.currency, Literal(r.amount["currency"])))
        if r.amount.get("bound"):
            g.add((money, NG.bound, Literal(r.amount["bound"])))
