"""An article's statements (``export.rdf.statements``) as N-Quads lines, with the entity IRIs a corpus
resolution gave them, for a merge to stream into a store or a file one article at a time.

Building an rdflib graph per article and serialising it took most of a merge's time; these are
strings, written straight from the plain terms the direct writers write too.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..export.rdf import statements as st
from ..export.rdf.terms import Term, nt
from ..model.facts import ArticleGraph
from .resolution import EntityInfo


def iri(value: str) -> str:
    """An IRI as an N-Quads term; newsgraph's IRIs are percent-encoded, so never need escapes."""
    return f"<{value}>"


def term(value: Term) -> str:
    """An object as N-Quads writes it: an IRI bare in brackets, a literal as ``nt`` writes it."""
    return f"<{value}>" if value.__class__ is str else nt(value)


# the terms a merge's own queries and updates name (``incremental``), as N-Quads terms
A, LABEL, ALIAS, KIND, SAME_AS = (iri(t) for t in (st.TYPE, st.LABEL, st.ALIAS, st.KIND, st.SAME_AS))
MENTIONED_IN, R_SUBJECT, R_PREDICATE, R_OBJECT = (
    iri(t) for t in (st.MENTIONED_IN, st.R_SUBJECT, st.R_PREDICATE, st.R_OBJECT)
)
PREDICATE_IRIS = {name: iri(p) for name, p in st.PREDICATE_IRIS.items()}


def entity_lines(entity: EntityInfo, subject: str) -> list[str]:
    """What the default graph says of an entity (``subject`` is its IRI term): types, label, aliases,
    kind, its Wikidata id."""
    return [f"{subject} <{p}> {term(o)} .\n" for _, p, o in st.entity_statements(subject[1:-1], entity)]


def article_lines(
    article: ArticleGraph, entity_iris: Sequence[str], *, quads: bool = True
) -> tuple[list[str], list[str]]:
    """The article's named graph (the article, its mentions, its relation nodes) and its direct
    triples for the default graph; ``entity_iris[n]`` is the IRI term of its n-th entity. Without
    ``quads``, the named graph's lines are triples (N-Triples, or the inside of a TriG block)."""
    graph: list[str] = []
    direct: list[str] = []
    g = f" {iri(str(st.article_iri(article.id)))} .\n" if quads else " .\n"
    for s, p, o, in_article in st.article_statements(article, [t[1:-1] for t in entity_iris]):
        line = f"<{s}> <{p}> {f'<{o}>' if o.__class__ is str else nt(o)}"  # type: ignore[arg-type]
        if in_article is None:
            direct.append(line + " .\n")
        else:
            graph.append(line + g)
    return graph, direct
