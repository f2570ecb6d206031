"""RDF terms as plain Python values, and how N-Triples, Turtle and JSON-LD name each one.

An article's graph is a few hundred triples, and rdflib spends most of an export adding them to its
store and reading them back in its serialisers. As plain values (an IRI is a ``str``, a literal a
``Lit``) they are built once per article and written straight to text by ``write``; ``to_rdflib``
gives rdflib terms where the Python API wants them. The naming rules here copy rdflib's own (7.x):
the text written is byte for byte the text rdflib wrote, which the tests check against rdflib.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import split_uri


class Lit(NamedTuple):
    """A literal: its lexical form as rdflib would hold it, and a datatype IRI or a language tag."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


Term = str | Lit
Quad = tuple[str, str, Term, str | None]  # subject, predicate, object, graph IRI (None: the default graph)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_CLASS = "http://www.w3.org/2000/01/rdf-schema#Class"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DECIMAL, XSD_DOUBLE, XSD_BOOLEAN, XSD_STRING = (
    XSD + name for name in ("integer", "decimal", "double", "boolean", "string")
)
# rdflib's Turtle writes these without quotes when well typed (and doubles, booleans: not written here)
TURTLE_PLAIN = {XSD_INTEGER, XSD_DECIMAL, XSD_DOUBLE, XSD_BOOLEAN, "http://www.w3.org/2002/07/owl#rational"}
# rdflib's JSON-LD writes these as JSON values
JSONLD_NATIVE = {XSD_INTEGER, XSD_DOUBLE, XSD_BOOLEAN, XSD_STRING}
INVALID_IRI_CHARS = '<>" {}|\\^`'  # rdflib refuses to write an IRI with any of them
PERCENT_WITHOUT_HEX = re.compile(r"%(?![0-9A-Fa-f]{2})")


class Unwritable(ValueError):
    """What the direct writers do not cover (blank nodes, lists, ill-typed numbers...): rdflib writes it."""


# -- N-Triples and N-Quads ---------------------------------------------------------------------


def check_iri(iri: str) -> str:
    """rdflib raises rather than write an IRI that N-Triples cannot hold; so does this."""
    for c in INVALID_IRI_CHARS:
        if c in iri:
            raise ValueError(f'"{iri}" does not look like a valid URI, I cannot serialize this as N3/Turtle.')
    return iri


# The caches hold IRIs (and literals' datatypes), which recur from article to article; literals,
# mostly evidence sentences seen once, are written afresh. Each holds at most IRI_CACHE entries.
IRI_CACHE = 1 << 14


@lru_cache(maxsize=IRI_CACHE)
def _nt_iri(iri: str) -> str:
    return f"<{check_iri(iri)}>"


def nt(term: Term) -> str:
    """``term`` as N-Triples writes it: rdflib's escaping of ``\\``, newline, ``"`` and CR, nothing else."""
    if isinstance(term, str):
        return _nt_iri(term)
    quoted = (
        '"' + term.lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    )
    if term.language:
        return f"{quoted}@{term.language}"
    if term.datatype:
        return f"{quoted}^^<{term.datatype}>"
    return quoted


# -- Turtle ------------------------------------------------------------------------------------


@cache
def bound_namespaces() -> dict[str, str]:
    """Namespace → prefix, as a Graph that newsgraph binds its prefixes to has them (rdflib's own too)."""
    from .build import bind_prefixes

    return {str(ns): prefix for prefix, ns in bind_prefixes(Graph()).namespaces()}


@lru_cache(maxsize=IRI_CACHE)
def pname(iri: str) -> tuple[str, str, str] | None:
    """``(prefix, namespace, "prefix:local")`` as rdflib's Turtle writer names ``iri``, or None for ``<iri>``.

    rdflib splits the IRI after its last character that cannot be in a name and looks the front part up
    among the bound namespaces; the local part's brackets and stray ``%`` are escaped, and a local part
    ending in ``.`` is no name."""
    bound = bound_namespaces()
    prefix = None
    for c in INVALID_IRI_CHARS:
        if c in iri:
            return None
    try:
        namespace, local = split_uri(iri)
        prefix = bound.get(namespace)
    except ValueError:
        pass
    if prefix is None:  # rdflib's last try: the IRI is itself a bound namespace
        namespace, local = iri, ""
        prefix = bound.get(iri)
        if prefix is None:
            return None
    local = PERCENT_WITHOUT_HEX.sub("\\%", local.replace("(", "\\(").replace(")", "\\)"))
    if local.endswith("."):
        return None
    return prefix, namespace, f"{prefix}:{local}"


def turtle_string(text: str) -> str:
    """A string literal's quoted form in rdflib's Turtle: long quotes when it holds a line break.

    A last quote is escaped unless it already is, so that it cannot run into the closing ones; rdflib
    took a doubled backslash before it for its escape and wrote four quotes at the end (not Turtle)."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and (len(encoded) - 1 - len(encoded[:-1].rstrip("\\"))) % 2 == 0:
            encoded = encoded[:-1] + "\\" + '"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'  # no "\n" here


def turtle_iri(iri: str, verb: bool = False) -> str:
    if iri == RDF_NIL:
        return "()"
    if verb and iri == RDF_TYPE:
        return "a"
    found = pname(iri)
    if found is None:
        if verb:  # rdflib would make up a prefix (ns1) for the predicate's namespace
            raise Unwritable(f"no prefix for the predicate {iri}")
        return nt(iri)
    return found[2]


def turtle_literal(lit: Lit) -> str:
    """rdflib's ``_literal_n3(use_plain=True)``: integers and decimals bare, the rest quoted."""
    datatype = lit.datatype
    if datatype in TURTLE_PLAIN and not (datatype == XSD_DECIMAL and not lit.lexical[-1:].isdigit()):
        if datatype == XSD_INTEGER:
            return lit.lexical
        if datatype == XSD_DECIMAL:
            s = lit.lexical
            return s if "." in s or "e" in s or "E" in s else s + ".0"
        raise Unwritable(f"a literal of {datatype}")
    # Infinity and NaN as decimals are written typed and quoted, "INF"^^xsd:decimal, as rdflib writes them
    lexical = lit.lexical.replace("Infinity", "INF") if datatype == XSD_DECIMAL else lit.lexical
    quoted = turtle_string(lexical)
    if lit.language:
        return f"{quoted}@{lit.language}"
    if datatype:
        found = pname(datatype)
        return f"{quoted}^^{found[2] if found else f'<{datatype}>'}"
    return quoted


def turtle_named(term: Term, verb: bool = False) -> tuple[str, tuple[str, str] | None]:
    """How rdflib's Turtle writer writes ``term`` (as the predicate, with ``verb``), and the
    ``(prefix, namespace)`` it declares for it: that of the IRI or of the literal's datatype, even
    when the literal is written bare; none for ``rdf:type`` as the predicate, which is ``a``."""
    if isinstance(term, str):
        return _turtle_named_iri(term, verb)
    found = pname(term.datatype) if term.datatype else None
    return turtle_literal(term), None if found is None else (found[0], found[1])


@lru_cache(maxsize=IRI_CACHE)
def _turtle_named_iri(iri: str, verb: bool) -> tuple[str, tuple[str, str] | None]:
    found = None if verb and iri == RDF_TYPE else pname(iri)
    return turtle_iri(iri, verb), None if found is None else (found[0], found[1])


def object_order(objects: list[Term]) -> list[Term]:
    """The objects of one subject and predicate in rdflib's order: IRIs by text, then plain literals by
    text; anything else (typed or tagged literals side by side) by rdflib's own comparison."""
    if len(objects) < 2:
        return objects
    if all(isinstance(o, str) or (not o.datatype and not o.language) for o in objects):
        return sorted(objects, key=lambda o: (False, o) if isinstance(o, str) else (True, o.lexical))
    return sorted(objects, key=to_rdflib)


# -- JSON-LD -----------------------------------------------------------------------------------


def jsonld_split(iri: str) -> tuple[str, str | None]:
    """rdflib's JSON-LD ``split_iri``: at the last ``#``, else the last ``/``, else the last ``:``."""
    for delim in ("#", "/", ":"):
        at = iri.rfind(delim)
        if at > -1:
            return iri[: at + 1], iri[at + 1 :]
    return iri, None


def jsonld_iri(iri: str, prefixes: dict[str, str]) -> str:
    """rdflib's ``shrink_iri``: ``prefix:name`` when the namespace is one of the context's, else the IRI."""
    ns, name = jsonld_split(iri)
    prefix = prefixes.get(ns)
    return f"{prefix}:{name}" if prefix and name is not None else iri


# -- to and from rdflib ------------------------------------------------------------------------


def to_rdflib(term: Term) -> URIRef | Literal:
    return _uriref(term) if isinstance(term, str) else _literal(term)


@lru_cache(maxsize=IRI_CACHE)
def _uriref(iri: str) -> URIRef:
    return URIRef(iri)


@lru_cache(maxsize=4096)  # the literals that recur: statuses, kinds, rules, confidences
def _literal(lit: Lit) -> Literal:
    return Literal(lit.lexical, lang=lit.language, datatype=_uriref(lit.datatype) if lit.datatype else None)


def from_rdflib(term: object) -> Term:
    """An rdflib IRI or literal as a plain term; raises Unwritable for what the direct writers leave
    to rdflib (blank nodes, ill-typed or infinite numbers, doubles and booleans)."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype in TURTLE_PLAIN or datatype in JSONLD_NATIVE:
            if datatype not in {XSD_INTEGER, XSD_DECIMAL, XSD_STRING} or term.value is None or term.ill_typed:
                raise Unwritable(f"a literal of {datatype}")
            if datatype == XSD_DECIMAL and not math.isfinite(float(term.value)):
                raise Unwritable("an infinite decimal")
        return Lit(str(term), datatype, term.language)
    raise Unwritable(f"a {type(term).__name__}")


def quads_of(data: Graph | Dataset) -> list[Quad]:
    """Every quad of ``data`` as plain terms (a Graph's in the default graph); raises Unwritable."""
    if not isinstance(data, Dataset):
        return [(from_rdflib(s), from_rdflib(p), from_rdflib(o), None) for s, p, o in data]  # type: ignore[misc]
    found: list[Quad] = []
    for s, p, o, g in data.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name == DATASET_DEFAULT_GRAPH_ID or name is None:
            graph = None
        elif isinstance(name, URIRef):
            graph = str(name)
        else:
            raise Unwritable(f"a graph named by a {type(name).__name__}")
        found.append((from_rdflib(s), from_rdflib(p), from_rdflib(o), graph))  # type: ignore[arg-type]
    return found


def to_dataset(quads: Iterable[Quad]) -> Dataset:
    """The quads as an rdflib Dataset with newsgraph's prefixes bound."""
    from .build import bind_prefixes

    ds = Dataset()
    bind_prefixes(ds.default_graph)
    for s, p, o, g in quads:
        target = ds.default_graph if g is None else ds.graph(URIRef(g))
        target.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))  # type: ignore[arg-type]
    return ds
