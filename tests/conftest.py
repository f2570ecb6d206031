"""Shared fixtures: one loaded pipeline for the whole run (loading costs about a second)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor import ArticleGraph, extract, load


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load()


@pytest.fixture(scope="session")
def run(nlp: Language):
    """``run(text, published=None) -> ArticleGraph`` with the session's pipeline."""

    def _run(text: str, published: str | None = None) -> ArticleGraph:
        return extract(text, published=published, nlp=nlp)

    return _run


@pytest.fixture(scope="session")
def triples(run):
    """``triples(text) -> {(subject, predicate, object)}`` by canonical names."""

    def _triples(text: str, published: str | None = None) -> set[tuple[str, str, str]]:
        return run(text, published).triples()

    return _triples
