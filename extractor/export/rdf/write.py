"""N-Triples, N-Quads, Turtle, TriG and JSON-LD written straight from plain terms (``terms``).

rdflib's serialisers cost most of an article's export: each walks its store and names every term
again. These write the same text directly: sorted lines for N-Triples and N-Quads, rdflib's subject,
predicate and object order for Turtle, rdflib's JSON-LD structure (then sorted, as ``formats`` always
did). What they do not cover raises ``Unwritable``, and ``formats`` hands that data to rdflib.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from .build import PREFIXES
from .terms import (
    JSONLD_NATIVE,
    RDF_FIRST,
    RDF_NIL,
    RDF_TYPE,
    RDFS_CLASS,
    RDFS_LABEL,
    XSD_INTEGER,
    XSD_STRING,
    Lit,
    Quad,
    Term,
    Unwritable,
    jsonld_iri,
    nt,
    object_order,
    turtle_named,
)

Triple = tuple[str, str, Term]
CONTEXT: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
TRIG_HEADER = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(CONTEXT.items())) + "\n"


def union(quads: Iterable[Quad]) -> list[Triple]:
    """The triples of every graph, each once: what Turtle, N-Triples and JSON-LD hold."""
    return list(dict.fromkeys((s, p, o) for s, p, o, _ in quads))


def encodable(text: str) -> bool:
    """No lone surrogate: rdflib writes each as "?" (and refuses to, in N-Triples)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def as_rdflib_wrote(text: str) -> str:
    """Lone surrogates as "?", as rdflib's serialisers encode their text."""
    return text.encode("utf-8", "replace").decode("utf-8")


def ntriples(quads: Iterable[Quad]) -> str:
    """One ``s p o .`` line per triple of the union, sorted."""
    text = "\n".join(sorted({f"{nt(s)} {nt(p)} {nt(o)} ." for s, p, o, _ in quads})) + "\n"
    if not encodable(text):
        text.encode("utf-8")  # raises, as rdflib does
    return text


def nquads(quads: Iterable[Quad]) -> str:
    """One line per quad, sorted; the default graph's lines end ``  .`` as rdflib writes them."""
    lines = {f"{nt(s)} {nt(p)} {nt(o)} {nt(g) if g is not None else ''} ." for s, p, o, g in quads}
    text = "\n".join(sorted(lines)) + "\n"
    if not encodable(text):
        text = "\n".join(sorted({as_rdflib_wrote(line) for line in lines})) + "\n"
    return text


def _statements(triples: Iterable[Triple], indent: str = "") -> tuple[set[tuple[str, str]], list[str]]:
    """The prefixes used and one statement per subject, as rdflib's Turtle writer orders them:
    subjects that are an ``rdfs:Class`` first, then by how often they are objects and by IRI;
    ``rdf:type`` and ``rdfs:label`` before the other predicates, which go by IRI; objects sorted.
    ``indent`` starts each line of a statement but not the lines inside a long string literal."""
    by_subject: dict[str, dict[str, list[Term]]] = {}
    references: dict[str, int] = {}
    for s, p, o in dict.fromkeys(triples):
        props = by_subject.get(s)
        if props is None:
            props = by_subject[s] = {}
        objects = props.get(p)
        if objects is None:
            props[p] = [o]
        else:
            objects.append(o)
        if o.__class__ is str:
            references[o] = references.get(o, 0) + 1
    classes = sorted(s for s, props in by_subject.items() if RDFS_CLASS in props.get(RDF_TYPE, ()))
    top = set(classes)
    rest = sorted((references.get(s, 0), s) for s in by_subject if s not in top)
    used: set[tuple[str, str] | None] = set()
    statements = []
    more_objects, more_predicates = f",\n{indent}        ", f" ;\n{indent}    "
    for s in classes + [s for _, s in rest]:
        props = by_subject[s]
        label, declared = turtle_named(s)
        used.add(declared)
        first = [p for p in (RDF_TYPE, RDFS_LABEL) if p in props]
        parts = []
        for p in first + sorted(p for p in props if p not in first):
            objects = props[p]
            verb, declared = turtle_named(p, True)
            used.add(declared)
            labels = []
            for o in object_order(objects) if len(objects) > 1 else objects:
                text, declared = turtle_named(o)
                used.add(declared)
                labels.append(text)
            parts.append(verb + " " + more_objects.join(labels))
        statements.append(indent + label + " " + more_predicates.join(parts) + " .")
    used.discard(None)
    return used, statements  # type: ignore[return-value]


def turtle(quads: Iterable[Quad]) -> str:
    """The union graph as rdflib's Turtle writer writes it: the prefixes it uses, then each subject."""
    used, statements = _statements(union(quads))
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(used))
    text = header + "".join(f"\n{statement}\n" for statement in statements) + "\n"
    return text if encodable(text) else as_rdflib_wrote(text)


def trig(quads: Iterable[Quad]) -> str:
    """Every prefix, then the default graph and the named graphs in IRI order, each as indented Turtle.

    Written like ``formats._trig`` wrote it through rdflib's Turtle, except that the lines inside a long
    string literal are left as they are: that indented them too, changing the literal, and dropped those
    that began with "@prefix"."""
    graphs: dict[str | None, list[Triple]] = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, []).append((s, p, o))
    blocks = []
    for name in sorted(graphs, key=lambda g: (g is not None, g or "")):
        _, statements = _statements(graphs[name], "    ")
        label = "" if name is None else f"{nt(name)} "
        blocks.append(label + "{\n" + "\n\n".join(statements) + "\n}\n")
    text = TRIG_HEADER + "\n".join(blocks)
    return text if encodable(text) else as_rdflib_wrote(text)


def _jsonld_value(o: Term, prefixes: dict[str, str]) -> Any:
    """An object as rdflib's JSON-LD writer gives it under an active context."""
    if isinstance(o, str):
        if o == RDF_NIL:
            raise Unwritable("rdf:nil is a JSON-LD list")
        return {"@id": jsonld_iri(o, prefixes)}
    if o.datatype in JSONLD_NATIVE:
        if o.datatype == XSD_INTEGER:
            return int(o.lexical)
        if o.datatype == XSD_STRING:
            return o.lexical
        raise Unwritable(f"a literal of {o.datatype}")
    if o.datatype:
        return {"@type": jsonld_iri(o.datatype, prefixes), "@value": o.lexical}
    if o.language:
        return {"@language": o.language, "@value": o.lexical}
    return o.lexical


def jsonld(quads: Iterable[Quad], context: dict[str, str] = CONTEXT) -> str:
    """The union graph as rdflib's JSON-LD writer builds it with ``context`` (``@graph`` of one node
    object per subject, ``@type`` for ``rdf:type``, integers as numbers), every array sorted; unlike
    it, a property with an empty string among several values keeps them all."""
    prefixes = {ns: prefix for prefix, ns in context.items()}
    namespaces = set(prefixes)
    nodes: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in union(quads):
        if p == RDF_FIRST or p in namespaces or (isinstance(o, Lit) and o.datatype in namespaces):
            raise Unwritable("a JSON-LD list, or a term the context defines")
        node = nodes.setdefault(s, {})
        if p == RDF_TYPE and isinstance(o, str):
            if o in namespaces:
                raise Unwritable("a type the context defines")
            node.setdefault("@type", []).append(jsonld_iri(o, prefixes))
        else:
            key = "@type" if p == RDF_TYPE else jsonld_iri(p, prefixes)
            node.setdefault(key, []).append(_jsonld_value(o, prefixes))
    objects: list[dict[str, Any]] = []
    ids = set()
    for s, props in nodes.items():
        node_id = jsonld_iri(s, prefixes)
        if node_id in ids:
            raise Unwritable("two subjects with one JSON-LD @id")
        ids.add(node_id)
        obj: dict[str, Any] = {"@id": node_id}
        for key, values in props.items():
            # every value: rdflib's writer let a second value replace a first that was empty ("" or 0)
            obj[key] = values[0] if len(values) == 1 else values
        objects.append(obj)
    doc: dict[str, Any] = dict(objects[0]) if len(objects) == 1 else {"@graph": objects}
    doc["@context"] = dict(context)
    text = dumps_sorted(doc)
    if not encodable(text):  # sorted again once rdflib's "?" replaced the surrogates, as it was
        text = dumps_sorted(json.loads(as_rdflib_wrote(json.dumps(doc, ensure_ascii=False))))
    return text


def sorted_jsonld(value: Any) -> Any:
    """JSON-LD arrays without @list are unordered: sort them so output is stable."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else sorted_jsonld(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def dumps_sorted(value: Any) -> str:
    """``json.dumps(sorted_jsonld(value), ensure_ascii=False, indent=2, sort_keys=True) + "\\n"``, the
    same text several times faster: with ``indent`` json falls back to its pure-Python encoder, and
    sorting dumps every array item again."""
    return _texts(value, 0, True)[0] + "\n"


_STRING = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) quotes strings with


def _texts(value: Any, level: int, sort: bool) -> tuple[str, str]:
    """``value`` sorted as ``sorted_jsonld`` sorts it, as json.dumps writes it indented and compact
    (the compact text is what arrays are sorted by)."""
    kind = type(value)
    if kind is str:
        text = _STRING(value)
        return text, text
    if kind is int:
        text = int.__repr__(value)
        return text, text
    if kind is dict:
        if not value:
            return "{}", "{}"
        inner = "\n" + "  " * (level + 1)
        keys, indented, compact = [], [], []
        for key in sorted(value):
            if type(key) is not str:
                break
            full, short = _texts(value[key], level + 1, sort and key != "@list")
            keys.append(_STRING(key))
            indented.append(full)
            compact.append(short)
        else:
            pairs = zip(keys, indented, strict=True)
            return (
                "{" + inner + ("," + inner).join(f"{k}: {v}" for k, v in pairs) + "\n" + "  " * level + "}",
                "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, compact, strict=True)) + "}",
            )
    elif kind is list:
        if not value:
            return "[]", "[]"
        inner = "\n" + "  " * (level + 1)
        items = [_texts(item, level + 1, sort) for item in value]
        if sort:
            items.sort(key=lambda texts: texts[1])
        return (
            "[" + inner + ("," + inner).join(full for full, _ in items) + "\n" + "  " * level + "]",
            "[" + ", ".join(short for _, short in items) + "]",
        )
    elif value is None or kind is bool or kind is float:
        text = json.dumps(value)
        return text, text
    # anything else (keys that are not strings, subclasses): json itself
    data = sorted_jsonld(value) if sort else value
    full = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n" + "  " * level)
    return full, json.dumps(data, ensure_ascii=False, sort_keys=True)


WRITERS: dict[str, Callable[[Iterable[Quad]], str]] = {
    "nt": ntriples,
    "nq": nquads,
    "ttl": turtle,
    "trig": trig,
    "jsonld": jsonld,
}
