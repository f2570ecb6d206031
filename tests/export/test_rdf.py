"""RDF output: two independent parsers, SHACL conformance, round trips, and real SPARQL questions."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export.rdf.formats import RDF_FORMATS, read_rdf, serialize
from extractor.export.store import OX_FORMATS, query
from extractor.export.validate import validate_file, validate_graph

REPO = Path(__file__).resolve().parents[2]
GRAPHS = REPO / "graphs"
RDF_FILES = sorted(p for p in GRAPHS.iterdir() if p.suffix in {ext for _, ext, _ in RDF_FORMATS.values()})
SEED_TRIG = GRAPHS / "amazon-anthropic-8b.trig"


def fmt(path: Path) -> str:
    return next(name for name, (_, ext, _) in RDF_FORMATS.items() if ext == path.suffix)


def test_graphs_holds_every_rdf_format() -> None:
    assert {fmt(p) for p in RDF_FILES} == set(RDF_FORMATS)


@pytest.mark.parametrize("path", RDF_FILES, ids=[p.name for p in RDF_FILES])
def test_parses_with_rdflib_and_oxigraph_alike(path: Path) -> None:
    ds = read_rdf(path)
    store = ox.Store()
    store.load(path=str(path), format=OX_FORMATS[fmt(path)])
    assert len(store) == len(ds) > 50


@pytest.mark.parametrize("path", RDF_FILES, ids=[p.name for p in RDF_FILES])
def test_conforms_to_the_shipped_shapes(path: Path) -> None:
    assert validate_file(path) == []


@pytest.mark.parametrize("path", RDF_FILES, ids=[p.name for p in RDF_FILES])
def test_round_trips(path: Path) -> None:
    first = read_rdf(path)
    name = fmt(path)
    data: Graph | Dataset = first
    again = Dataset()
    text = serialize(data, name)
    if RDF_FORMATS[name][2]:
        again.parse(data=text, format=RDF_FORMATS[name][0])
    else:
        again.default_graph.parse(data=text, format=RDF_FORMATS[name][0])
    assert set(first.quads((None, None, None, None))) == set(again.quads((None, None, None, None)))
    assert isomorphic(_union(first), _union(again))


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def rows(sparql: str) -> list[tuple[str | None, ...]]:
    answer = query(SEED_TRIG, sparql)
    return sorted(tuple(r) for r in answer.rows or [])


def test_who_invested_in_anthropic_how_much_and_when() -> None:
    investors = rows(
        "SELECT DISTINCT ?name WHERE { ?i ng:investsIn ?a . ?a rdfs:label 'Anthropic' . ?i rdfs:label ?name }"
    )
    assert investors == [("Amazon",), ("Google",)]
    total = rows(
        """SELECT ?value WHERE { ?r ng:relationPredicate ng:investsIn ; ng:relationSubject/rdfs:label 'Amazon' ;
           ng:relationObject/rdfs:label 'Anthropic' ; ng:round 'total' ; ng:amount/schema:value ?value }"""
    )
    assert [float(v) for (v,) in total] == [8e9]
    dated = rows(
        """SELECT DISTINCT ?value ?date WHERE { ?r ng:relationPredicate ng:investsIn ;
           ng:relationSubject/rdfs:label 'Amazon' ; dcterms:date ?date ; ng:amount/schema:value ?value }"""
    )
    assert [(float(v), d) for v, d in dated] == [(4e9, "2023-09")]


def test_which_chips_anthropic_uses_and_who_makes_them() -> None:
    chips = rows(
        """SELECT DISTINCT ?chip ?maker WHERE { ?a rdfs:label 'Anthropic' ; ng:uses ?c . ?c ng:kind 'chip' ;
           rdfs:label ?chip . OPTIONAL { ?m ng:develops ?c ; rdfs:label ?maker } }"""
    )
    assert chips == [("Inferentia", "Amazon Web Services"), ("Trainium", "Amazon Web Services")]


def test_which_regulators_look_at_the_deal() -> None:
    found = rows(
        """SELECT DISTINCT ?regulator ?action WHERE { ?g a ng:GovernmentBody ; rdfs:label ?regulator ; ?p ?x .
           ?x rdfs:label 'Anthropic' .
           VALUES (?p ?action) { (ng:approves 'approves') (ng:investigates 'investigates') } }"""
    )
    assert found == [("Competition and Markets Authority", "approves"), ("Federal Trade Commission", "investigates")]


def test_evidence_comes_with_every_relation_node() -> None:
    missing = rows(
        "SELECT ?r WHERE { ?r a ng:Relation . FILTER NOT EXISTS { ?r ng:evidence ?e ; prov:wasDerivedFrom ?a } }"
    )
    assert missing == []


def test_shapes_catch_a_badly_typed_triple() -> None:
    g = _union(read_rdf(GRAPHS / "amazon-anthropic-8b.ttl"))
    q = g.query("SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> 'Trainium' }")
    trainium = next(iter(q))[0]
    anthropic = next(iter(g.query("SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> 'Anthropic' }")))[
        0
    ]
    from extractor.export.rdf import NG

    g.add((anthropic, NG.investsIn, trainium))  # an investment in a chip breaks the schema
    violations = validate_graph(g)
    assert violations and any("investsIn" in v.path for v in violations)


def test_validate_command(tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(app, ["validate", str(GRAPHS / "amazon-anthropic-8b.ttl")])
    assert good.exit_code == 0 and "conforms" in good.output
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x> a ng:Product ; rdfs:label 'X' ; ng:kind 'gizmo' .\n"
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "does not conform" in result.output and "ng:kind" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    assert runner.invoke(app, ["validate", str(broken)]).exit_code == 2


def test_validating_leaves_the_shipped_shapes_as_parsed() -> None:
    """pySHACL adds triples to the graphs it is given; each validation must see the shapes as shipped."""
    from extractor.export.validate import ontology, shapes, validate_file

    before = (len(shapes()), len(ontology()))
    for _ in range(2):
        assert validate_file(Path(__file__).resolve().parents[2] / "graphs" / "amazon-anthropic-8b.ttl") == []
    assert (len(shapes()), len(ontology())) == before
