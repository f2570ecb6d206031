"""N-Quads lines of a corpus, written straight from article graphs and resolved entity IRIs.

They are the quads ``export.rdf.build.to_rdf`` puts in a dataset (a test compares the two), but
building an rdflib graph per article and serialising it took most of a merge's time; these are
strings, so a merge can stream them into a store or a file one article at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, XSD
from rdflib.namespace import DCTERMS, OWL, PROV, SDO

from ..export.rdf.build import SCHEMA_TYPES, WIKIDATA, article_iri
from ..export.rdf.namespace import CLASSES, NG, PREDICATES
from ..model.facts import ArticleGraph, Relation
from .resolution import EntityInfo

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """An IRI as an N-Quads term; newsgraph's IRIs are percent-encoded, so never need escapes."""
    return f"<{value}>"


def literal(text: str, datatype: str | None = None) -> str:
    quoted = '"' + text.translate(ESCAPES) + '"'
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def decimal(value: float | int) -> str:
    """As rdflib writes ``Literal(Decimal(str(value)))``: positional notation, never an exponent."""
    return literal(f"{Decimal(str(value)):f}", DECIMAL)


def date(value: str) -> str:
    return literal(value, DATE_TYPES.get(len(value), str(XSD.string)))


DECIMAL, INTEGER = str(XSD.decimal), str(XSD.integer)
DATE_TYPES = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}
A = iri(str(RDF.type))
LABEL, ALIAS, KIND, SAME_AS = iri(str(RDFS.label)), iri(str(NG.alias)), iri(str(NG.kind)), iri(str(OWL.sameAs))
ENTITY_TYPES = {t: (iri(str(NG.Entity)), iri(str(CLASSES[t])), iri(str(SCHEMA_TYPES[t]))) for t in CLASSES}
ARTICLE_TYPES = tuple(iri(str(c)) for c in (NG.Article, SDO.NewsArticle, PROV.Entity))
IDENTIFIER, TITLE, ISSUED, SOURCE = (
    iri(str(p)) for p in (DCTERMS.identifier, DCTERMS.title, DCTERMS.issued, DCTERMS.source)
)
MENTIONED_IN = iri(str(NG.mentionedIn))
PREDICATE_IRIS = {name: iri(str(p)) for name, p in PREDICATES.items()}
RELATION, R_SUBJECT, R_PREDICATE, R_OBJECT = (
    iri(str(t)) for t in (NG.Relation, NG.relationSubject, NG.relationPredicate, NG.relationObject)
)
DERIVED, STATUS, CONFIDENCE = iri(str(PROV.wasDerivedFrom)), iri(str(NG.status)), iri(str(NG.confidence))
EVIDENCE, E_START, E_END = iri(str(NG.evidence)), iri(str(NG.evidenceStart)), iri(str(NG.evidenceEnd))
DATE, ROUND, AMOUNT, BOUND = iri(str(DCTERMS.date)), iri(str(NG.round)), iri(str(NG.amount)), iri(str(NG.bound))
OPTIONAL = tuple((attr, iri(str(getattr(NG, attr)))) for attr in ("purpose", "role", "rule"))
MONEY, VALUE, CURRENCY = iri(str(SDO.MonetaryAmount)), iri(str(SDO.value)), iri(str(SDO.currency))


def entity_lines(entity: EntityInfo, subject: str) -> list[str]:
    """What the default graph says of an entity (``subject`` is its IRI term): types, label, aliases,
    kind, its Wikidata id."""
    lines = [f"{subject} {A} {cls} .\n" for cls in ENTITY_TYPES[entity.type]]
    lines.append(f"{subject} {LABEL} {literal(entity.name)} .\n")
    lines += [f"{subject} {ALIAS} {literal(alias)} .\n" for alias in entity.aliases]
    if entity.kind:
        lines.append(f"{subject} {KIND} {literal(entity.kind)} .\n")
    if entity.wikidata:
        lines.append(f"{subject} {SAME_AS} {iri(WIKIDATA + entity.wikidata)} .\n")
    return lines


def article_lines(
    article: ArticleGraph, entity_iris: Sequence[str], *, quads: bool = True
) -> tuple[list[str], list[str]]:
    """The article's named graph (the article, its mentions, its relation nodes) and its direct
    triples for the default graph; ``entity_iris[n]`` is the IRI term of its n-th entity. Without
    ``quads``, the named graph's lines are triples (N-Triples, or the inside of a TriG block)."""
    art_iri = str(article_iri(article.id))
    art = iri(art_iri)
    g = f" {art} .\n" if quads else " .\n"
    lines = [f"{art} {A} {cls}{g}" for cls in ARTICLE_TYPES]
    lines.append(f"{art} {IDENTIFIER} {literal(article.id)}{g}")
    if article.title:
        lines.append(f"{art} {TITLE} {literal(article.title)}{g}")
    if article.published:
        lines.append(f"{art} {ISSUED} {date(article.published)}{g}")
    if article.source:
        lines.append(f"{art} {SOURCE} {literal(article.source)}{g}")
    by_id, mentioned = {}, set()
    for e, term in zip(article.entities, entity_iris, strict=True):
        by_id[e.id] = term
        if term not in mentioned:  # two entities of the article that are one corpus entity: one mention
            mentioned.add(term)
            lines.append(f"{term} {MENTIONED_IN} {art}{g}")
    direct = []
    for n, r in enumerate(article.relations, start=1):
        s, p, o = by_id[r.subject], PREDICATE_IRIS[r.predicate], by_id[r.object]
        direct.append(f"{s} {p} {o} .\n")
        relation_lines(lines, r, s, p, o, iri(f"{art_iri}/relation/{n}"), art, g)
    return lines, direct


def relation_lines(lines: list[str], r: Relation, s: str, p: str, o: str, node: str, art: str, g: str) -> None:
    """The relation node of ``r``: what the direct triple cannot carry, as ``add_relation`` writes it."""
    lines += (
        f"{node} {A} {RELATION}{g}",
        f"{node} {R_SUBJECT} {s}{g}",
        f"{node} {R_PREDICATE} {p}{g}",
        f"{node} {R_OBJECT} {o}{g}",
        f"{node} {DERIVED} {art}{g}",
        f"{node} {STATUS} {literal(r.status)}{g}",
        f"{node} {CONFIDENCE} {decimal(r.confidence)}{g}",
        f"{node} {EVIDENCE} {literal(r.evidence.text)}{g}",
        f"{node} {E_START} {literal(str(r.evidence.start), INTEGER)}{g}",
        f"{node} {E_END} {literal(str(r.evidence.end), INTEGER)}{g}",
    )
    if r.date:
        lines.append(f"{node} {DATE} {date(r.date)}{g}")
    if r.round:
        lines.append(f"{node} {ROUND} {literal(r.round)}{g}")
    for attr, prop in OPTIONAL:
        value = getattr(r, attr)
        if value:
            lines.append(f"{node} {prop} {literal(value)}{g}")
    if r.amount:
        money = iri(f"{node[1:-1]}/amount")
        lines += (
            f"{node} {AMOUNT} {money}{g}",
            f"{money} {A} {MONEY}{g}",
            f"{money} {VALUE} {decimal(r.amount['value'])}{g}",
            f"{money} {CURRENCY} {literal(r.amount['currency'])}{g}",
        )
        if r.amount.get("bound"):
            lines.append(f"{money} {BOUND} {literal(r.amount['bound'])}{g}")
