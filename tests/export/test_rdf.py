"""RDF output: two independent parsers, SHACL conformance, round trips, and real SPARQL questions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.serializers.nt import _quoteLiteral
from typer.testing import CliRunner

from extractor.cli import app
from extractor.export import outputs as exports
from extractor.export.outputs import article_source, corpus_source
from extractor.export.rdf.build import article_quads, to_rdf
from extractor.export.rdf.formats import RDF_FORMATS, read_rdf, serialize, serialize_quads, serialize_rdflib
from extractor.export.rdf.namespace import PREDICATES
from extractor.export.rdf.terms import RDF_TYPE, Lit, nt
from extractor.export.rdf.write import dumps_sorted, sorted_jsonld
from extractor.export.store import OX_FORMATS, query
from extractor.export.validate import validate_file, validate_graph
from extractor.graph.corpus import merge
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation
from extractor.model.vocabulary import vocabulary

REPO = Path(__file__).resolve().parents[2]
GRAPHS = REPO / "graphs"
RDF_FILES = sorted(p for p in GRAPHS.iterdir() if p.suffix in {ext for _, ext, _ in RDF_FORMATS.values()})
SEED_TRIG = GRAPHS / "amazon-anthropic-8b.trig"
NG_IRI = "https://w3id.org/newsgraph/ontology#"


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


# --- the direct writers: the text rdflib's serialisers wrote, without them ----------------------------

SEED_JSON = GRAPHS / "amazon-anthropic-8b.json"
OX_FORMAT = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
# what breaks writers: quotes, backslashes, line ends N-Triples escapes and those it does not, control
# characters, a long-string delimiter, a line that looks like a prefix, IRI-breaking and non-Latin characters
TRICKY = [
    '"', "'", "\\", "\n", "\r", "\r\n", "\t", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\u0085", "\u2028", "\u2029",
    '"""', '""', '\\"', "@prefix x: <y> .", "@", "#", "%", "%4", "%41", "(", ")", ".", ":", "/", "<", ">", "{", "}",
    "^", "`", "|", " ", "é", "ß", "日本", "😀", "\u202e", "\u200b", "\ufeff", "a", "Q1", "_",
]  # fmt: skip
strings = st.one_of(
    st.lists(st.sampled_from(TRICKY), max_size=8).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=24),
)
names = strings.filter(str.strip)
dates = st.one_of(
    st.sampled_from(["2023", "2023-09", "2023-09-25", "2023-13", "0023", "2024-02-30", "24-9", "2023-09-25T10:00"]),
    strings,
)
numbers = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, 1.0, 0.75, 8e9, 1e-7, 2.5e20, float("inf"), -float("inf"), float("nan")]),
)


@st.composite
def articles(draw: st.DrawFn) -> ArticleGraph:
    """Articles whose every string, number and date can be anything a writer has to escape or type."""
    types = ["Organization", "GovernmentBody", "Person", "Product", "Location"]
    entities = [
        Entity(
            f"e{i}",
            draw(names),
            draw(st.sampled_from(types)),
            draw(st.lists(strings, max_size=3)),
            draw(st.none() | strings),
            draw(st.none() | st.from_regex(r"Q[1-9][0-9]{0,5}", fullmatch=True)),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    relations = []
    for _ in range(draw(st.integers(0, 4)) if entities else 0):
        amount = draw(
            st.none()
            | st.fixed_dictionaries(
                {"value": numbers, "currency": st.sampled_from(["USD", "EUR", 'x\n"']), "text": strings},
                optional={"bound": st.sampled_from(["at_least", "", "up to\n"])},
            )
        )
        relations.append(
            Relation(
                draw(st.sampled_from(entities)).id,
                draw(st.sampled_from(sorted(PREDICATES))),
                draw(st.sampled_from(entities)).id,
                Evidence(draw(strings), draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6))),
                amount=amount,
                date=draw(st.none() | dates),
                round=draw(st.none() | strings),
                status=draw(st.sampled_from(["asserted", "planned", ""])) or draw(strings),
                confidence=draw(st.one_of(st.floats(0, 1), numbers)),
                purpose=draw(st.none() | strings),
                role=draw(st.none() | strings),
                rule=draw(st.none() | strings),
            )
        )
    optional = [draw(st.none() | strings), draw(st.none() | strings), draw(st.none() | dates)]
    return ArticleGraph(draw(names), entities, relations, *optional)


def seed() -> ArticleGraph:
    return ArticleGraph.from_json(json.loads(SEED_JSON.read_text(encoding="utf-8")))


def outcome(write, *args) -> str | type:
    """The text written, or the kind of failure (rdflib refuses some IRIs; so must the writers)."""
    try:
        return write(*args)
    except Exception as error:  # noqa: BLE001
        return Exception if not isinstance(error, UnicodeError) else UnicodeError


def rdflib_loses_a_value(article: ArticleGraph) -> bool:
    """rdflib's JSON-LD writer drops an empty string that comes first among a property's values."""
    values: dict[tuple, list] = {}
    for s, p, o, _ in article_quads(article):
        values.setdefault((s, p), []).append(o)
    return any(len(set(v)) > 1 and Lit("") in v for v in values.values())


def rdflib_breaks_a_long_string(article: ArticleGraph) -> bool:
    """rdflib's Turtle leaves the last quote of a multi-line string unescaped after a backslash."""
    return any(
        isinstance(o, Lit) and "\n" in o.lexical and o.lexical.endswith('\\"') for _, _, o, _ in article_quads(article)
    )


def check_same_as_rdflib(article: ArticleGraph) -> dict[str, str]:
    """Every RDF format written directly is rdflib's text for the same article, byte for byte, but
    where rdflib was wrong: the values its JSON-LD loses, the long strings its Turtle breaks."""
    src = article_source(article)
    texts = {}
    rdflib_wrong = {"jsonld": rdflib_loses_a_value(article)}
    rdflib_wrong["ttl"] = rdflib_wrong["trig"] = rdflib_breaks_a_long_string(article)
    for name in RDF_FORMATS:
        direct = outcome(serialize_quads, article_quads(article), name)
        if not rdflib_wrong.get(name):
            assert direct == outcome(serialize_rdflib, src.rdf(), name), name
        if isinstance(direct, str):
            texts[name] = direct
    return texts


def test_the_seed_is_written_as_rdflib_wrote_it_and_as_graphs_holds_it() -> None:
    texts = check_same_as_rdflib(seed())
    for name, (_, ext, _) in RDF_FORMATS.items():
        assert texts[name] == (GRAPHS / f"amazon-anthropic-8b{ext}").read_text(encoding="utf-8"), name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_any_article_is_written_as_rdflib_writes_it(article: ArticleGraph) -> None:
    check_same_as_rdflib(article)


DATASET_DEFAULT = URIRef("urn:x-rdflib:default")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def as_set(ds: Dataset, quads: bool) -> set[tuple]:
    """The quads (or the union's triples) of ``ds``, literals by value: Turtle writes the decimal "0" as
    ``0.0``, and pyoxigraph an ``xsd:string`` as a simple literal, the same RDF."""

    def term(o: object) -> object:
        if not isinstance(o, Literal):
            return o
        datatype = None if o.datatype == XSD_STRING else o.datatype
        by_value = datatype and o.value is not None and o.value == o.value  # NaN is no value to compare by
        return ("literal", datatype, o.language, o.value if by_value else str(o))

    return {
        (s, p, term(o), g if quads and g != DATASET_DEFAULT else None)
        for s, p, o, g in ds.quads((None, None, None, None))
    }


def expected_quads(article: ArticleGraph, quads: bool) -> set[tuple]:
    return as_set(article_source(article).rdf(), quads)


def parsed_by_rdflib(text: str, name: str) -> set[tuple]:
    ds = Dataset()
    rdflib_format, _, quads = RDF_FORMATS[name]
    (ds.parse if quads else ds.default_graph.parse)(data=text, format=rdflib_format)
    return as_set(ds, quads)


def parsed_by_oxigraph(text: str, name: str) -> set[tuple]:
    """What pyoxigraph reads, handed to rdflib through pyoxigraph's own N-Quads."""
    store = ox.Store()
    store.load(text.encode("utf-8"), format=OX_FORMAT[name])
    return parsed_by_rdflib(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), "nq")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_what_is_written_parses_back_in_rdflib_and_oxigraph(article: ArticleGraph) -> None:
    quads = article_quads(article)
    for name, (_, _, holds_graphs) in RDF_FORMATS.items():
        try:
            text = serialize_quads(quads, name)
        except Exception:  # noqa: BLE001  (an IRI rdflib refuses too: the test above checks that)
            continue
        expected = expected_quads(article, holds_graphs)
        assert parsed_by_rdflib(text, name) == expected, name
        if name != "jsonld":  # pyoxigraph reads JSON-LD's numbers and @type its own way
            assert parsed_by_oxigraph(text, name) == expected, name
        assert serialize_quads(article_quads(article), name) == text  # the same bytes again


def test_trig_keeps_long_literals_as_they_are() -> None:
    """rdflib's Turtle writes a name with a line break in triple quotes; TriG used to indent its second
    line too (another name) and to drop it when it began with "@prefix" (not TriG at all)."""
    article = seed()
    article.entities[0].name = 'Ama\nzon "x"\n@prefix y: <z> .\n  \n'
    text = serialize_quads(article_quads(article), "trig")
    assert text == serialize_rdflib(article_source(article).rdf(), "trig")
    expected = expected_quads(article, True)
    assert parsed_by_rdflib(text, "trig") == expected == parsed_by_oxigraph(text, "trig")
    assert ("literal", None, None, article.entities[0].name) in {o for _, _, o, _ in expected}


def test_lone_surrogates_are_written_as_rdflib_writes_them() -> None:
    """rdflib writes a lone surrogate as "?", and refuses to in N-Triples; the direct writers too."""
    article = seed()
    article.entities[0].aliases = ["\ud800", "?"]
    texts = check_same_as_rdflib(article)
    assert set(texts) == set(RDF_FORMATS) - {"nt"}
    assert all("\ud800" not in text for text in texts.values())


def test_a_corpus_is_written_as_rdflib_wrote_it() -> None:
    """``serialize`` of an rdflib Dataset (a merged corpus) takes the direct writers too."""
    first = seed()
    second = seed()
    second.id, second.title, second.relations = "second", "Second\nline", second.relations[::2]
    ds = corpus_source(merge([first, second]), "corpus").rdf()
    for name in RDF_FORMATS:
        assert serialize(ds, name) == serialize_rdflib(ds, name), name


def test_a_long_string_ending_in_a_backslash_and_a_quote_is_turtle() -> None:
    article = seed()
    article.entities[0].name = 'line\none \\"'
    assert rdflib_breaks_a_long_string(article)
    for name in ("ttl", "trig"):
        text = serialize_quads(article_quads(article), name)
        assert text.count('one \\\\\\""""') == 1, name  # the backslash doubled, the quote escaped
        assert parsed_by_rdflib(text, name) == expected_quads(article, name == "trig") == parsed_by_oxigraph(text, name)


def test_jsonld_keeps_an_empty_string_among_values() -> None:
    article = seed()
    article.entities[0].aliases = ["", "0", "b"]
    assert rdflib_loses_a_value(article)
    graph = json.loads(serialize_quads(article_quads(article), "jsonld"))["@graph"]
    node = next(n for n in graph if n.get("rdfs:label") == article.entities[0].name)
    assert node["ng:alias"] == ["", "0", "b"]


def test_what_the_writers_leave_to_rdflib_is_written_by_rdflib() -> None:
    """Blank nodes (and doubles, booleans) are rdflib's to write: ``serialize`` hands them over."""
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    g.add((BNode("b1"), URIRef("urn:p"), Literal(1.5)))
    g.add((URIRef("urn:s"), URIRef("urn:p"), Literal(True)))
    for name in RDF_FORMATS:
        assert serialize(ds, name) == serialize_rdflib(ds, name), name


@given(st.lists(st.sampled_from(TRICKY), max_size=10).map("".join) | st.text(max_size=30))
def test_n_triples_escapes_literals_as_rdflib_does(text: str) -> None:
    for lit in (Lit(text), Lit(text, language="en-GB"), Lit(text, "http://www.w3.org/2001/XMLSchema#gYear")):
        rdflib_lit = Literal(text, lang=lit.language, datatype=lit.datatype, normalize=False)
        assert nt(lit) == _quoteLiteral(rdflib_lit)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["@list", "@id", "a", "b", "é"]), inner)
    ),
    max_leaves=30,
)


@given(json_values)
def test_jsonld_text_is_what_json_dumps_gave(value: object) -> None:
    assert dumps_sorted(value) == json.dumps(sorted_jsonld(value), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_the_same_bytes_in_another_process() -> None:
    """Nothing depends on the order of a set or a dict that changes with the hash seed."""
    article = seed()
    article.entities[1].aliases = ["b", "a", "c\n", "日本"]
    code = (
        "import json, sys; from extractor.export.rdf.build import article_quads; "
        "from extractor.export.rdf.formats import serialize_quads; from extractor.model.facts import ArticleGraph; "
        "a = ArticleGraph.from_json(json.loads(sys.stdin.read())); "
        "print(json.dumps({f: serialize_quads(article_quads(a), f) for f in sys.argv[1:]}))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, *RDF_FORMATS],
            input=article.dumps(),
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env=os.environ | {"PYTHONHASHSEED": seed_},
        ).stdout
        for seed_ in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0]) == {name: serialize_quads(article_quads(article), name) for name in RDF_FORMATS}


# -- symmetric predicates (issue 14, item 11) ---------------------------------------------------
PARTNERS = "Siemens partners with Nvidia on industrial AI. Intel competes with AMD in data-center chips."
SIEMENS, NVIDIA, INTEL, AMD = (
    f"https://w3id.org/newsgraph/resource/{q}" for q in ("Q81230", "Q182477", "Q248", "Q128896")
)


def parties(target: Path | ox.Store, predicate: str, bound: str) -> list[str]:
    """Who ``bound`` stands in ``predicate`` with, asked with ``bound`` as the subject."""
    answer = query(target, f"SELECT ?y WHERE {{ <{bound}> ng:{predicate} ?y }} ORDER BY ?y")
    return [row[0] for row in answer.rows or []]


def relation_nodes(target: Path | ox.Store) -> list[tuple[str | None, ...]]:
    answer = query(
        target,
        "SELECT ?s ?p ?o WHERE { ?r a ng:Relation ; ng:relationSubject ?s ; ng:relationPredicate ?p ;"
        " ng:relationObject ?o } ORDER BY ?s",
    )
    return [tuple(row) for row in answer.rows or []]


def test_a_symmetric_relation_is_found_from_either_party(run, tmp_path: Path) -> None:
    """``?x ng:partnersWith ?y`` with ?x the relation's object finds its subject, in every RDF format of
    a really extracted article; the relation node stays one, in the direction the article told it."""
    article = run(PARTNERS)
    assert {(r.subject, r.predicate, r.object) for r in article.relations} == {
        ("e1", "partners_with", "e2"),
        ("e3", "competes_with", "e4"),
    }
    written = exports.write(article, tmp_path, tuple(RDF_FORMATS))
    assert len(written) == len(RDF_FORMATS) + 1  # and the article JSON
    for path in sorted(tmp_path.glob("article.*")):
        if path.suffix == ".json":
            continue
        assert parties(path, "partnersWith", NVIDIA) == [SIEMENS], path.name
        assert parties(path, "partnersWith", SIEMENS) == [NVIDIA], path.name
        assert parties(path, "competesWith", AMD) == [INTEL], path.name
        assert parties(path, "competesWith", INTEL) == [AMD], path.name
        nodes = relation_nodes(path)
        assert sorted(nodes) == sorted(
            [(SIEMENS, f"{NG_IRI}partnersWith", NVIDIA), (INTEL, f"{NG_IRI}competesWith", AMD)]
        ), path.name
        assert validate_file(path) == [], path.name
    graph = to_rdf(article)  # the Python API: an rdflib Graph with both directions too
    assert (URIRef(NVIDIA), URIRef(f"{NG_IRI}partnersWith"), URIRef(SIEMENS)) in graph
    assert (URIRef(SIEMENS), URIRef(f"{NG_IRI}partnersWith"), URIRef(NVIDIA)) in graph
    assert len(list(graph.subjects(URIRef(RDF_TYPE), URIRef(f"{NG_IRI}Relation")))) == 2


def test_only_symmetric_predicates_are_written_both_ways() -> None:
    """Every predicate, once as the only relation of an article: its direct triple is written both
    ways exactly when the vocabulary calls it symmetric; one relation node either way."""
    for predicate in vocabulary().predicate_names:
        article = ArticleGraph(
            "one",
            [Entity("e1", "Alpha Corp", "Organization", []), Entity("e2", "Beta Corp", "Organization", [])],
            [Relation("e1", predicate, "e2", Evidence("Alpha Corp and Beta Corp.", 0, 25))],
        )
        quads = article_quads(article)
        p = PREDICATES[predicate]
        direct = sorted((s, o) for s, q, o, g in quads if q == str(p) and g is None)
        alpha, beta = (next(s for s, q, o, _ in quads if o == Lit(name)) for name in ("Alpha Corp", "Beta Corp"))
        expected = sorted([(alpha, beta), (beta, alpha)]) if predicate in vocabulary().symmetric else [(alpha, beta)]
        assert direct == expected, predicate
        assert sum(1 for _, q, o, _ in quads if q == RDF_TYPE and o == f"{NG_IRI}Relation") == 1


def test_a_relation_of_an_entity_with_itself_is_one_triple() -> None:
    article = ArticleGraph(
        "self",
        [Entity("e1", "Alpha Corp", "Organization", []), Entity("e2", "Alpha Corp", "Organization", [])],
        [Relation("e1", "partners_with", "e2", Evidence("Alpha Corp and Alpha Corp.", 0, 26))],
    )
    quads = article_quads(article)
    assert sum(1 for _, p, _, g in quads if p == str(PREDICATES["partners_with"]) and g is None) == 1


def test_the_ontology_declares_the_symmetric_predicates_symmetric() -> None:
    ontology = Graph().parse(REPO / "extractor" / "export" / "rdf" / "ontology.ttl", format="turtle")
    symmetric = set(ontology.subjects(URIRef(RDF_TYPE), URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")))
    assert symmetric == {PREDICATES[name] for name in vocabulary().symmetric}
    assert {str(p) for p in symmetric} == {f"{NG_IRI}partnersWith", f"{NG_IRI}competesWith"}
