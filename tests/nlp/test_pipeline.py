"""The components as a spaCy user meets them: entry points, add_pipe, config, to_disk."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extractor.nlp.pipeline import COMPONENTS, ModelNotFoundError, default_model, load

SENTENCE = "Amazon will invest $4 billion in Anthropic."


def test_factories_are_published_as_entry_points() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"newsgraph_layout", *COMPONENTS} <= names


def test_components_in_a_users_own_pipeline() -> None:
    nlp = spacy.load(default_model())  # spaCy finds our factories through the entry points
    nlp.add_pipe("newsgraph_entities")
    nlp.add_pipe("newsgraph_mentions")
    nlp.add_pipe("newsgraph_relations")
    doc = nlp(SENTENCE)
    names = {c.id: c.name for c in doc._.entities}
    assert [(names[r.subject], r.predicate, names[r.object]) for r in doc._.relations] == [
        ("Amazon", "invests_in", "Anthropic")
    ]
    assert [e.label_ for e in doc.ents] == ["Organization", "Organization"]


def test_pipeline_round_trips_through_disk(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "newsgraph_entities" / "gazetteer.jsonl").exists()
    reloaded = spacy.load(tmp_path / "pipe")
    assert reloaded.pipe_names == nlp.pipe_names
    doc = reloaded(SENTENCE)
    assert len(doc._.relations) == 1


def test_gazetteer_is_configurable(tmp_path: Path) -> None:
    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text(json.dumps({"name": "Quuxcorp", "type": "Organization", "wikidata": "Q1"}) + "\n")
    nlp = spacy.load(default_model())
    nlp.add_pipe("newsgraph_entities", config={"gazetteer": str(gaz)})
    doc = nlp("quux: Quuxcorp reported results.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents if e.text == "Quuxcorp"] == [
        ("Quuxcorp", "Organization", "Q1")
    ]


def test_bad_gazetteer_type_is_a_clear_error(tmp_path: Path) -> None:
    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text(json.dumps({"name": "X", "type": "Company"}) + "\n")
    nlp = spacy.load(default_model())
    with pytest.raises(ValueError, match="unknown type 'Company'"):
        nlp.add_pipe("newsgraph_entities", config={"gazetteer": str(gaz)})


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="not installed"):
        load("no_such_pipeline_xx")


def test_min_confidence_filters(nlp: Language) -> None:
    strict = spacy.load(default_model())
    for name in COMPONENTS[:-1]:
        strict.add_pipe(name)
    strict.add_pipe("newsgraph_relations", config={"min_confidence": 0.99})
    assert strict(SENTENCE)._.relations == []


def test_faster_equivalents_annotate_exactly_like_spacy() -> None:
    """The attribute ruler and lemmatizer newsgraph swaps in must not change a single annotation."""
    from extractor.nlp.pipeline import use_faster_equivalents

    texts = [
        (Path(__file__).resolve().parents[2] / "seeds" / "amazon-anthropic-8b.txt").read_text(),
        "I ain't gonna do it, let's go. Y'all'd've known. He's got to. 'Tis done - wanna see? It isn't.",
        "We're here, aren't we? There is a cat. C'mon, you! But I did it, and it was you who had it.",
        "The geese ran faster than the mice; better, worst, was, been, has had.  \n \t Spaces.",
    ]
    plain = spacy.load(default_model())
    fast = spacy.load(default_model())
    use_faster_equivalents(fast)
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b]


GAZETTEER_ARTICLE = "Quux results\n\nQuuxcorp reported results on Monday. Quuxcorp said sales rose.\n"


def gazetteer_pipeline(gaz: Path) -> Language:
    nlp = spacy.load(default_model())
    nlp.add_pipe("newsgraph_layout", first=True)
    nlp.add_pipe("newsgraph_entities", config={"gazetteer": str(gaz)})
    nlp.add_pipe("newsgraph_mentions")
    nlp.add_pipe("newsgraph_relations")
    return nlp


def article_json(nlp: Language, text: str) -> str:
    from extractor.nlp.api import extract_article
    from extractor.text.article import from_text

    return extract_article(from_text(text, "a"), nlp=nlp).dumps()


def test_custom_gazetteer_reaches_the_article_json(tmp_path: Path) -> None:
    """The entities component owns the gazetteer; the mentions component reads it from there, so
    the article JSON has the custom entry's Wikidata id and name, also after to_disk/spacy.load."""
    gaz = tmp_path / "gaz.jsonl"
    row = {"name": "Quuxcorp Holdings", "type": "Organization", "wikidata": "Q123", "aliases": ["Quuxcorp"]}
    gaz.write_text(json.dumps(row) + "\n")
    nlp = gazetteer_pipeline(gaz)
    got = article_json(nlp, GAZETTEER_ARTICLE)
    entities = json.loads(got)["entities"]
    assert [(e["name"], e["wikidata"]) for e in entities if "Quux" in e["name"]] == [("Quuxcorp Holdings", "Q123")]
    nlp.to_disk(tmp_path / "pipe")
    assert article_json(spacy.load(tmp_path / "pipe"), GAZETTEER_ARTICLE) == got


OWN_CHIPS = (
    "Chips\n\nZorblax Group uses Quarkchip processors in its data centers. Velmora also uses Quarkchip processors.\n"
)


def test_the_relation_rules_read_the_pipelines_gazetteer(tmp_path: Path) -> None:
    """Using one's own product is not news, and "own" comes from the gazetteer's developer and parent
    fields: the relation resolvers must read the gazetteer newsgraph_entities holds, not the packaged one
    (with the packaged one, Zorblax Labs is nobody's subsidiary and the group's own chip becomes a use)."""
    rows = [
        {"name": "Zorblax Group", "type": "Organization"},
        {"name": "Zorblax Labs", "type": "Organization", "parent": "Zorblax Group"},
        {"name": "Quarkchip", "type": "Product", "kind": "chip", "developer": "Zorblax Labs"},
        {"name": "Velmora", "type": "Organization"},
    ]
    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text("".join(json.dumps(row) + "\n" for row in rows))
    article = json.loads(article_json(gazetteer_pipeline(gaz), OWN_CHIPS))
    names = {e["id"]: e["name"] for e in article["entities"]}
    triples = {(names[r["subject"]], r["predicate"], names[r["object"]]) for r in article["relations"]}
    assert triples == {("Velmora", "uses", "Quarkchip")}
