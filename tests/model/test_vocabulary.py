"""One vocabulary: every predicate table in the code, and every shipped schema and Turtle file, comes from
``resources/vocabulary.json``; a predicate added there reaches all of them; the file agrees with SCHEMA.md."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from extractor.export.rdf import generate, namespace
from extractor.export.rdf.namespace import NG, ONTOLOGY_IRI
from extractor.export.validate import ontology
from extractor.export.viewer import KIND_SHAPES, PREDICATE_COLORS, SYMMETRIC, TYPE_STYLE, style_for, view_data
from extractor.graph import corpus
from extractor.model.schema import article_schema, schema_for
from extractor.model.vocabulary import Vocabulary, VocabularyError, vocabulary
from extractor.nlp.components import relations
from extractor.nlp.rules import linked, spec
from extractor.regenerate import generated_files
from extractor.text import lexicon

SCHEMA_MD = Path("/work/shared/spec/SCHEMA.md")
NGSH = Namespace("https://w3id.org/newsgraph/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOCAB = vocabulary()


def shipped_data() -> dict[str, Any]:
    return json.loads(resources.files("extractor.resources").joinpath("vocabulary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def with_sues() -> Vocabulary:
    """The shipped vocabulary and one predicate more."""
    data = shipped_data()
    data["predicates"].append(
        {
            "name": "sues",
            "iri": "sues",
            "label": "sues",
            "comment": "Takes to court.",
            "signatures": [{"subject": ["Organization"], "object": ["Organization"]}],
            "symmetric": False,
            "attributes": ["date"],
            "color": "#123456",
        }
    )
    return Vocabulary.from_dict(data)


# -- the shipped files are what the generators make ----------------------------------------------


@pytest.mark.parametrize("path", list(generated_files(VOCAB)), ids=lambda p: p.name)
def test_shipped_file_is_generated(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == generated_files(VOCAB)[path], "run python -m extractor.regenerate"


def test_shipped_rdf_parses_as_generated() -> None:
    """Parsed afresh: pySHACL adds triples to the shapes graph it is given, so the cached one may have grown."""
    rdf = resources.files("extractor.export.rdf")
    parsed = {
        name: Graph().parse(data=rdf.joinpath(f"{name}.ttl").read_text(), format="turtle")
        for name in ("ontology", "shapes")
    }
    assert isomorphic(parsed["ontology"], generate.ontology_for(VOCAB))
    assert isomorphic(parsed["shapes"], generate.shapes_for(VOCAB))


def test_shipped_schema_enums() -> None:
    props = article_schema()["$defs"]
    assert props["relation"]["properties"]["predicate"]["enum"] == list(VOCAB.predicate_names)
    assert props["entity"]["properties"]["type"]["enum"] == list(VOCAB.type_names)
    assert props["entity"]["properties"]["kind"]["enum"] == [*VOCAB.kind_names, None]


# -- every table in the code is the vocabulary's ------------------------------------------------


def test_relation_component_tables() -> None:
    assert {p.name: (set(p.subject_types), set(p.object_types)) for p in VOCAB.predicates} == relations.TYPE_SIGNATURES
    assert relations.SYMMETRIC == set(VOCAB.symmetric) == {"partners_with", "competes_with"}
    assert {"invests_in", "acquires"} == relations.MONEY_PREDICATES
    assert set(relations.DEAL_PREDICATES) <= relations.MONEY_PREDICATES
    assert set(VOCAB.carrying("date")) == relations.DATED_PREDICATES
    assert set(VOCAB.predicate_names) >= relations.LIFTED_FROM_PRODUCTS
    assert set(relations.RULE_SIGNATURES) == set(VOCAB.predicate_names)


def test_shipped_rules_name_only_vocabulary_predicates() -> None:
    assert {r.predicate for r in relations.packaged_rules().rules} <= set(VOCAB.predicate_names)


def test_other_tables() -> None:
    assert corpus.SYMMETRIC == linked.SYMMETRIC == SYMMETRIC == VOCAB.symmetric
    assert set(VOCAB.type_names) == spec.ENTITY_TYPES
    assert VOCAB.kind_names == lexicon.PRODUCT_KINDS
    assert {p.name: p.color for p in VOCAB.predicates} == PREDICATE_COLORS
    assert list(TYPE_STYLE) == list(VOCAB.type_names)
    assert list(KIND_SHAPES) == list(VOCAB.kind_names)


def test_rdf_namespace() -> None:
    assert {p.name: URIRef(ONTOLOGY_IRI + p.iri) for p in VOCAB.predicates} == namespace.PREDICATES
    assert {t.name: URIRef(ONTOLOGY_IRI + t.iri) for t in VOCAB.entity_types} == namespace.CLASSES
    assert NG.investsIn == URIRef(ONTOLOGY_IRI + "investsIn") and NG.Relation == URIRef(ONTOLOGY_IRI + "Relation")
    with pytest.raises(AttributeError):
        _ = NG.investsInn  # still closed: a typo fails
    g = ontology()
    props = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    classes = set(g.subjects(RDF.type, OWL.Class))
    assert {URIRef(ONTOLOGY_IRI + t) for t in namespace.STRUCTURE_TERMS} <= props | classes  # every term is declared


def test_part_of_needs_a_whole_signature() -> None:
    part_of = VOCAB.predicate("part_of")
    assert part_of.admits("Organization", "Organization") and part_of.admits("Product", "Product")
    assert not part_of.admits("Organization", "Product") and not part_of.admits("Product", "Organization")


def test_works_for_range_is_the_schemas() -> None:
    """SCHEMA.md: works_for is Person → Organization/GovernmentBody; the ontology said ng:Entity."""
    g = ontology()
    rng = g.value(NG.worksFor, RDFS.range)
    members = set(g.items(g.value(rng, OWL.unionOf)))
    assert members == {NG.Organization, NG.GovernmentBody}


# -- a predicate added to the vocabulary reaches every table ------------------------------------


def test_new_predicate_reaches_the_schema(with_sues: Vocabulary) -> None:
    assert "sues" in schema_for(with_sues)["$defs"]["relation"]["properties"]["predicate"]["enum"]
    assert "sues" not in article_schema()["$defs"]["relation"]["properties"]["predicate"]["enum"]


def test_new_predicate_reaches_the_namespace(with_sues: Vocabulary) -> None:
    ns = namespace.namespace_for(with_sues)
    assert ns.sues == URIRef(ONTOLOGY_IRI + "sues")
    assert namespace.predicates_for(with_sues)["sues"] == ns.sues
    with pytest.raises(AttributeError):
        _ = NG.sues


def test_new_predicate_reaches_the_ontology(with_sues: Vocabulary) -> None:
    g = generate.ontology_for(with_sues)
    sues = URIRef(ONTOLOGY_IRI + "sues")
    assert (sues, RDF.type, OWL.ObjectProperty) in g
    assert g.value(sues, RDFS.domain) == NG.Organization == g.value(sues, RDFS.range)
    assert g.value(sues, RDFS.label) == Literal("sues", lang="en")


def test_new_predicate_reaches_the_shapes(with_sues: Vocabulary) -> None:
    g = generate.shapes_for(with_sues)
    sues = URIRef(ONTOLOGY_IRI + "sues")
    assert (NGSH.Sues, SH.targetSubjectsOf, sues) in g
    allowed = g.value(_predicate_property(g), SH["in"])
    assert sues in set(g.items(allowed))
    # and the shape holds: an organisation suing a person does not conform
    data = Graph()
    org, person, other = (URIRef(f"https://example.org/{n}") for n in ("org", "person", "other"))
    data.add((org, RDF.type, NG.Organization))
    data.add((person, RDF.type, NG.Person))
    data.add((other, RDF.type, NG.Organization))
    ont = generate.ontology_for(with_sues)
    good = Graph() + data
    good.add((org, sues, other))
    bad = Graph() + data
    bad.add((org, sues, person))
    shape_only = g.cbd(NGSH.Sues)  # the shape and its blank nodes, without the entity shapes
    assert pyshacl.validate(good, shacl_graph=shape_only, ont_graph=ont, inference="none")[0]
    assert not pyshacl.validate(bad, shacl_graph=shape_only, ont_graph=ont, inference="none")[0]


def _predicate_property(g: Graph) -> Any:
    return next(b for b in g.objects(NGSH.Relation, SH.property) if g.value(b, SH.path) == NG.relationPredicate)


def test_new_predicate_reaches_the_viewer(with_sues: Vocabulary) -> None:
    assert style_for(with_sues).predicates["sues"] == "#123456"
    g = nx.MultiDiGraph()
    g.add_node("a", name="A", type="Organization")
    g.add_node("b", name="B", type="Organization")
    g.add_edge("a", "b", key="sues", predicate="sues")
    edge = view_data(g, with_sues)["edges"][0]
    assert (edge["color"], edge["arrow"]) == ("#123456", "triangle")
    assert view_data(g)["edges"][0]["color"] == "#888"  # unknown to the shipped vocabulary


def test_symmetric_new_predicate_draws_no_arrow(with_sues: Vocabulary) -> None:
    data = shipped_data()
    assert data["predicates"][1]["name"] == "acquires"  # Organization to Organization: may be symmetric
    data["predicates"][1]["symmetric"] = True
    assert "acquires" in style_for(Vocabulary.from_dict(data)).symmetric


# -- the file checks itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["predicates"].append(dict(d["predicates"][0])), "duplicate predicate"),
        (lambda d: d["predicates"][0]["signatures"][0]["object"].append("Company"), "unknown entity types"),
        (lambda d: d["predicates"][0].update(attributes=["price"]), "unknown attributes"),
        (lambda d: d["predicates"][0].update(color="green"), "colour"),
        (lambda d: d["predicates"][0].update(mappings={"foaf:knows": ["x:y"]}), "undeclared prefix"),
        # invests_in goes from a Person to an Organization, not back: its direct triple cannot be written both ways
        (lambda d: d["predicates"][0].update(symmetric=True), "symmetric, so each signature"),
    ],
)
def test_bad_vocabulary_is_refused(change: Any, message: str) -> None:
    data = shipped_data()
    change(data)
    with pytest.raises(VocabularyError, match=message):
        Vocabulary.from_dict(data)


# -- and agrees with the contract --------------------------------------------------------------


def schema_md_predicates() -> dict[str, tuple[set[tuple[str, str]], bool, set[str]]]:
    """SCHEMA.md's relation table: predicate → ((subject, object) pairs, symmetric, attributes)."""
    out = {}
    for line in SCHEMA_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not re.fullmatch(r"`[a-z_]+`", cells[0]):
            continue
        name, sig, attrs = cells[0].strip("`"), cells[1], cells[3]
        pairs = set()
        for part in sig.split(","):
            subj, obj = re.split(r"\s*[→↔]\s*", part.strip())
            pairs |= {(s, o) for s in subj.split("/") for o in obj.split("/")}
        out[name] = (pairs, "↔" in sig, set(re.findall(r"`([a-z_]+)`", attrs)))
    return out


@pytest.mark.skipif(not SCHEMA_MD.exists(), reason="the shared spec is not on this machine")
def test_agrees_with_schema_md() -> None:
    md = schema_md_predicates()
    assert list(md) == list(VOCAB.predicate_names)
    for p in VOCAB.predicates:
        pairs = {(s, o) for sig in p.signatures for s in sig.subject for o in sig.object}
        assert md[p.name] == (pairs, p.symmetric, set(p.attributes)), p.name
    types = re.findall(r"^\| `([A-Z][A-Za-z]+)` \|", SCHEMA_MD.read_text(encoding="utf-8"), re.M)
    assert types == list(VOCAB.type_names)
