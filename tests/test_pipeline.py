"""The components as a spaCy user meets them: entry points, add_pipe, config, to_disk."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extractor.pipeline import COMPONENTS, ModelNotFoundError, default_model, load

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
