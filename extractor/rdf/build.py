"""An article graph as RDF: a direct triple per relation plus a relation node with its details."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ..facts import ArticleGraph, Entity, Relation
from ..graph import slug
from .namespace import CLASSES, NG, NGR, PREDICATES

WIKIDATA = "http://www.wikidata.org/entity/"
SCHEMA_TYPES = {
    "Organization": SDO.Organization,
    "GovernmentBody": SDO.GovernmentOrganization,
    "Person": SDO.Person,
    "Product": SDO.Product,
    "Location": SDO.Place,
}


def entity_iri(entity: Entity) -> URIRef:
    """Deterministic and safe: Wikidata id when known, else type and slugged name."""
    if entity.wikidata:
        return NGR[quote(entity.wikidata, safe="")]
    return NGR[f"{entity.type.lower()}/{slug(entity.name)}"]


def article_iri(article: ArticleGraph) -> URIRef:
    return NGR[f"article/{quote(article.id, safe='')}"]


def date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


def to_rdf(article: ArticleGraph, graph: Graph | None = None) -> Graph:
    g = graph if graph is not None else Graph()
    for prefix, ns in (
        ("ng", NG._NS),
        ("ngr", NGR),
        ("schema", SDO),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("owl", OWL),
        ("wd", WIKIDATA),
    ):
        g.bind(prefix, ns)
    art = article_iri(article)
    g.add((art, RDF.type, NG.Article))
    g.add((art, RDF.type, PROV.Entity))
    g.add((art, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        g.add((art, DCTERMS.title, Literal(article.title)))
    if article.published:
        g.add((art, DCTERMS.issued, date_literal(article.published)))
    if article.source:
        g.add((art, DCTERMS.source, Literal(article.source)))
    iris = {}
    for e in article.entities:
        node = iris[e.id] = entity_iri(e)
        g.add((node, RDF.type, CLASSES[e.type]))
        g.add((node, RDF.type, SCHEMA_TYPES[e.type]))
        g.add((node, RDFS.label, Literal(e.name)))
        for alias in e.aliases:
            g.add((node, NG.alias, Literal(alias)))
        if e.kind:
            g.add((node, NG.kind, Literal(e.kind)))
        if e.wikidata:
            g.add((node, OWL.sameAs, URIRef(WIKIDATA + e.wikidata)))
        g.add((node, NG.mentionedIn, art))
    for n, r in enumerate(article.relations, start=1):
        add_relation(g, r, iris, art, NGR[f"article/{quote(article.id, safe='')}/relation/{n}"])
    return g


def add_relation(g: Graph, r: Relation, iris: dict[str, URIRef], art: URIRef, node: URIRef) -> None:
    s, p, o = iris[r.subject], PREDICATES[r.predicate], iris[r.object]
    g.add((s, p, o))
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
