"""RDF serialisations, each with deterministic output, and reading RDF files back.

Triple formats (Turtle, N-Triples, JSON-LD) hold one graph; quad formats (N-Quads, TriG) hold a
dataset with one named graph per article, named by the article's IRI.

Text is written by ``write`` from plain terms (``serialize_quads``; ``serialize`` turns an rdflib
graph into them first), which gives rdflib's text several times faster; rdflib's serialisers
(``serialize_rdflib``) remain for what ``write`` does not cover and as the reference it is tested against.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ...model.paths import StrPath
from .build import PREFIXES, bind_prefixes
from .syntaxes import RDF_FORMATS
from .terms import Quad, Unwritable, quads_of, to_dataset
from .write import WRITERS, sorted_jsonld

BY_EXTENSION = {ext: name for name, (_, ext, _) in RDF_FORMATS.items()} | {".json-ld": "jsonld", ".n3": "ttl"}
JSONLD_CONTEXT: dict[str, Any] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class RDFReadError(ValueError):
    """An RDF file that cannot be read: unknown extension or a syntax error."""


def serialize(data: Graph | Dataset, fmt: str) -> str:
    """``data`` in format ``fmt`` (a key of RDF_FORMATS); the same graph always gives the same text."""
    if RDF_FORMATS[fmt][2] and not isinstance(data, Dataset):
        raise ValueError(f"{fmt} needs a Dataset")
    try:
        plain = quads_of(data)
    except Unwritable:
        return serialize_rdflib(data, fmt)
    return serialize_quads(plain, fmt, lambda: data)


def serialize_quads(quads: list[Quad], fmt: str, rdflib_data: Callable[[], Graph | Dataset] | None = None) -> str:
    """``quads`` in format ``fmt``, the text ``serialize_rdflib`` gives for them, written directly.

    What ``write`` does not cover (blank nodes, lists, ill-typed numbers...) goes to rdflib:
    ``rdflib_data`` gives it as rdflib holds it."""
    try:
        return WRITERS[fmt](quads)
    except Unwritable:
        return serialize_rdflib(rdflib_data() if rdflib_data is not None else to_dataset(quads), fmt)


def serialize_rdflib(data: Graph | Dataset, fmt: str) -> str:
    """``serialize`` through rdflib's serialisers: slower, and what ``write`` is checked against."""
    rdflib_format, _, quads = RDF_FORMATS[fmt]
    if quads and not isinstance(data, Dataset):
        raise ValueError(f"{fmt} needs a Dataset")
    if not quads and isinstance(data, Dataset):
        union = bind_prefixes(Graph())
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union
    if rdflib_format in {"nt", "nquads"}:  # line formats: sorted lines are canonical enough
        # split on "\n" only: splitlines() also breaks at form feeds and U+2028 inside literals
        lines = data.serialize(format=rdflib_format).split("\n")
        return "\n".join(sorted(set(line for line in lines if line.strip()))) + "\n"
    if rdflib_format == "trig":
        return _trig(data)
    if rdflib_format == "json-ld":
        doc = json.loads(data.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
        return json.dumps(sorted_jsonld(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"  # the reference
    return data.serialize(format=rdflib_format)


def _trig(ds: Dataset) -> str:
    """TriG with the default graph first and named graphs in IRI order; rdflib's own TriG writer
    orders graphs and subjects differently from one process to the next. Each graph is rdflib's
    Turtle without its prefixes, indented: all but the lines inside a long string literal."""
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items())) + "\n"
    blocks = []
    graphs = sorted(ds.graphs(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))
    for graph in graphs:
        copy = bind_prefixes(Graph())
        for triple in graph:
            copy.add(triple)
        if not len(copy):
            continue
        lines = copy.serialize(format="turtle").split("\n")
        while lines and lines[0].startswith("@prefix"):
            del lines[0]
        body = "\n".join(_indented("\n".join(lines).strip("\n").split("\n")))
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else f"<{graph.identifier}> "
        blocks.append(f"{name}{{\n{body}\n}}\n")
    return header + "\n".join(blocks)


def _indented(lines: list[str], indent: str = "    ") -> list[str]:
    """Turtle lines indented, but not those that continue a long (triple-quoted) string literal."""
    out, inside = [], False
    for line in lines:
        out.append(line if inside or not line else indent + line)
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if c == "\\":
                i += 2
            elif line.startswith('"""', i):
                inside = not inside
                i += 3
            elif c == '"' and not inside:  # a short string: ends on this line at its closing quote
                i += 1
                while i < n and line[i] != '"':
                    i += 2 if line[i] == "\\" else 1
                i += 1
            else:
                i += 1
    return out


def format_of(path: StrPath) -> str:
    fmt = BY_EXTENSION.get("".join(Path(path).suffixes[-1:]).lower())
    if fmt is None:
        known = ", ".join(sorted(BY_EXTENSION))
        raise RDFReadError(f"{path}: cannot tell the RDF format from the extension (known: {known})")
    return fmt


def read_rdf(path: StrPath) -> Dataset:
    """An RDF file as a Dataset (triple formats land in its default graph)."""
    path = Path(path)
    fmt = format_of(path)
    rdflib_format, _, quads = RDF_FORMATS[fmt]
    ds = Dataset()
    try:
        if quads:
            ds.parse(path, format=rdflib_format)
        else:
            ds.default_graph.parse(path, format=rdflib_format)
    except Exception as err:  # noqa: BLE001  (rdflib raises many kinds of syntax errors)
        raise RDFReadError(f"{path}: not valid {fmt}: {err}") from err
    return ds


__all__ = [
    "RDFReadError",
    "format_of",
    "read_rdf",
    "serialize",
]
