"""The newsgraph vocabulary, declared as rdflib declares its own (``_fail`` on typos)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology#"
RESOURCE_IRI = "https://w3id.org/newsgraph/resource/"


class NG(DefinedNamespace):
    """Classes and properties of the newsgraph ontology."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes
    Entity: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    Person: URIRef
    Product: URIRef
    Location: URIRef
    Relation: URIRef  # a relation stated in an article, with what the direct triple cannot carry
    Article: URIRef

    # the schema's 14 relation predicates
    investsIn: URIRef
    acquires: URIRef
    partnersWith: URIRef
    competesWith: URIRef
    uses: URIRef
    develops: URIRef
    partOf: URIRef
    availableOn: URIRef
    supplies: URIRef
    approves: URIRef
    investigates: URIRef
    worksFor: URIRef
    founded: URIRef
    locatedIn: URIRef

    # properties of entities and relation nodes
    kind: URIRef
    alias: URIRef
    relationSubject: URIRef
    relationPredicate: URIRef
    relationObject: URIRef
    amount: URIRef
    bound: URIRef
    round: URIRef
    status: URIRef
    confidence: URIRef
    purpose: URIRef
    role: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    rule: URIRef
    mentionedIn: URIRef


NGR = Namespace(RESOURCE_IRI)

PREDICATES: dict[str, URIRef] = {
    "invests_in": NG.investsIn,
    "acquires": NG.acquires,
    "partners_with": NG.partnersWith,
    "competes_with": NG.competesWith,
    "uses": NG.uses,
    "develops": NG.develops,
    "part_of": NG.partOf,
    "available_on": NG.availableOn,
    "supplies": NG.supplies,
    "approves": NG.approves,
    "investigates": NG.investigates,
    "works_for": NG.worksFor,
    "founded": NG.founded,
    "located_in": NG.locatedIn,
}
CLASSES: dict[str, URIRef] = {
    "Organization": NG.Organization,
    "GovernmentBody": NG.GovernmentBody,
    "Person": NG.Person,
    "Product": NG.Product,
    "Location": NG.Location,
}
