"""A Source builds each form of its graph once, however many formats ask, and writers share them."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.export import writers
from extractor.export.outputs import article_source, corpus_source, render
from extractor.graph.corpus import merge
from extractor.model.facts import ArticleGraph

SEED = Path(__file__).resolve().parents[2] / "graphs" / "amazon-anthropic-8b.json"


def seed() -> ArticleGraph:
    return ArticleGraph.from_json(json.loads(SEED.read_text(encoding="utf-8")))


def test_each_form_is_built_once() -> None:
    src = article_source(seed())
    assert src.rdf() is src.rdf() and src.graph() is src.graph() and src.quads is not None
    assert src.quads() is src.quads() and src.json is not None and src.json() is src.json()
    corpus = corpus_source(merge([seed()]), "corpus")
    assert corpus.rdf() is corpus.rdf() and corpus.graph() is corpus.graph() and corpus.quads is None


def test_formats_rendered_together_are_the_formats_rendered_alone() -> None:
    """No writer changes the graph it shares with the others: every file is the same bytes whether
    its format is rendered alone or after all the others from the same Source."""
    article = seed()
    formats = ("json", *writers.parse_formats("all"))
    together = render(article_source(article), formats)
    alone = {suffix: data for name in formats for suffix, data in render(article_source(article), (name,)).items()}
    assert together == alone
    backwards = render(article_source(article), formats[::-1])
    assert backwards == together
