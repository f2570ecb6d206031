"""What a writer is given: one article or a whole corpus behind the same small interface, so each
format is written by one function whatever the graph came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Dataset

from ..export.rdf.build import article_iri, article_quads, to_rdf
from ..export.rdf.terms import Quad

if TYPE_CHECKING:
    from ..model.facts import ArticleGraph
    from .corpus import Corpus


@dataclass
class Source:
    """Something to export: its file stem and how to get it as RDF, as networkx, as JSON.

    ``quads``, when given, is the RDF as plain terms, which the RDF writers write without rdflib.
    Each is built once however many formats ask (``article_source`` and ``corpus_source`` cache them),
    so writers must not change what they are given."""

    stem: str
    rdf: Callable[[], Dataset]
    graph: Callable[[], nx.MultiDiGraph]
    json: Callable[[], str] | None = None
    title: str = ""
    quads: Callable[[], list[Quad]] | None = None


def article_source(article: ArticleGraph, stem: str | None = None) -> Source:
    """One article: its facts in a named graph, its knowledge (labels, types) in the default graph."""

    @cache
    def rdf() -> Dataset:
        ds = Dataset()
        to_rdf(article, ds.graph(article_iri(article.id)), knowledge=ds.default_graph)
        return ds

    return Source(
        stem or article.id,
        rdf,
        cache(article.to_networkx),
        cache(article.dumps),
        article.title or article.id,
        cache(lambda: article_quads(article)),
    )


def corpus_source(corpus: Corpus, stem: str) -> Source:
    """A merged corpus; it has no article JSON."""
    return Source(
        stem,
        cache(corpus.to_rdf),
        cache(corpus.to_networkx),
        title=f"newsgraph corpus of {len(corpus.articles)} articles",
    )
