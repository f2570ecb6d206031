"""The newsgraph vocabulary, declared as rdflib declares its own (``_fail`` on typos).

The entity classes and predicate properties come from ``resources/vocabulary.json``; the
properties of relation nodes and articles are the RDF export's own and listed here.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

from ...model.vocabulary import Vocabulary, vocabulary

ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology#"
RESOURCE_IRI = "https://w3id.org/newsgraph/resource/"

# terms that are not vocabulary: the class of all entities, relation nodes, articles and their properties
STRUCTURE_TERMS = (
    "Entity",
    "Relation",  # a relation stated in an article, with what the direct triple cannot carry
    "Article",
    "kind",
    "alias",
    "relationSubject",
    "relationPredicate",
    "relationObject",
    "amount",
    "bound",
    "round",
    "status",
    "confidence",
    "purpose",
    "role",
    "evidence",
    "evidenceStart",
    "evidenceEnd",
    "rule",
    "mentionedIn",
)


def namespace_for(vocab: Vocabulary) -> DefinedNamespaceMeta:
    """A closed rdflib namespace of ``vocab``'s classes and predicates and the structure terms."""
    terms = [t.iri for t in vocab.entity_types] + [p.iri for p in vocab.predicates] + list(STRUCTURE_TERMS)
    body = {
        "__doc__": "Classes and properties of the newsgraph ontology.",
        "__annotations__": dict.fromkeys(terms, URIRef),
        "_NS": Namespace(ONTOLOGY_IRI),
        "_fail": True,
    }
    return DefinedNamespaceMeta("NG", (DefinedNamespace,), body)


def predicates_for(vocab: Vocabulary) -> dict[str, URIRef]:
    """Article JSON predicate name → its property IRI."""
    return {p.name: URIRef(ONTOLOGY_IRI + p.iri) for p in vocab.predicates}


def classes_for(vocab: Vocabulary) -> dict[str, URIRef]:
    """Article JSON entity type → its class IRI."""
    return {t.name: URIRef(ONTOLOGY_IRI + t.iri) for t in vocab.entity_types}


NG = namespace_for(vocabulary())
NGR = Namespace(RESOURCE_IRI)
PREDICATES: dict[str, URIRef] = predicates_for(vocabulary())
CLASSES: dict[str, URIRef] = classes_for(vocabulary())
