"""An article graph as rdflib RDF: a direct triple per relation plus a relation node with its details.

``:Amazon ng:investsIn :Anthropic`` keeps simple SPARQL simple; the ``ng:Relation`` node beside it
carries what the triple cannot (amount, date, round, status, confidence, evidence) and
``prov:wasDerivedFrom`` the article. Which statements an article makes is ``statements``'s to say;
this module gives them as rdflib terms (``to_rdf``) or as the plain terms the writers take
(``article_quads``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import RDFS, XSD, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ...model.facts import ArticleGraph, Entity
from ...model.keys import entity_key
from .namespace import NG, NGR
from .statements import SCHEMA_TYPES, WIKIDATA, article_iri, article_statements, date_literal, entity_iri
from .terms import Quad, to_rdflib

__all__ = [
    "PREFIXES",
    "SCHEMA_TYPES",
    "WIKIDATA",
    "Node",
    "article_iri",
    "article_quads",
    "bind_prefixes",
    "date_literal",
    "entity_iri",
    "entity_node",
    "to_rdf",
]

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


def entity_node(entity: Entity) -> Node:
    return Node(
        entity_iri(entity_key(entity)), entity.name, entity.type, entity.kind, tuple(entity.aliases), entity.wikidata
    )


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
    for s, p, o, in_article in article_quads(article, node_of):
        (kg if in_article is None else g).add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))  # type: ignore[arg-type]
    return g


def article_quads(article: ArticleGraph, node_of: Callable[[Entity], Node] = entity_node) -> list[Quad]:
    """The article as the export writes it: knowledge in the default graph, provenance in the named
    graph of the article's IRI; plain terms, for ``write`` (``to_dataset`` makes them rdflib's)."""
    nodes = [node_of(e) for e in article.entities]
    return list(article_statements(article, [str(n.iri) for n in nodes], nodes))
