"""RDF serialisations, each with deterministic output, and reading RDF files back.

Triple formats (Turtle, N-Triples, JSON-LD) hold one graph; quad formats (N-Quads, TriG) hold a
dataset with one named graph per article, named by the article's IRI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .build import PREFIXES, bind_prefixes
from .syntaxes import RDF_FORMATS

BY_EXTENSION = {ext: name for name, (_, ext, _) in RDF_FORMATS.items()} | {".json-ld": "jsonld", ".n3": "ttl"}
JSONLD_CONTEXT: dict[str, Any] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class RDFReadError(ValueError):
    """An RDF file that cannot be read: unknown extension or a syntax error."""


def serialize(data: Graph | Dataset, fmt: str) -> str:
    """``data`` in format ``fmt`` (a key of RDF_FORMATS); the same graph always gives the same text."""
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
        return json.dumps(_sorted_jsonld(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return data.serialize(format=rdflib_format)


def _trig(ds: Dataset) -> str:
    """TriG with the default graph first and named graphs in IRI order; rdflib's own TriG writer
    orders graphs and subjects differently from one process to the next."""
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items())) + "\n"
    blocks = []
    graphs = sorted(ds.graphs(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))
    for graph in graphs:
        copy = bind_prefixes(Graph())
        for triple in graph:
            copy.add(triple)
        if not len(copy):
            continue
        body = "\n".join(line for line in copy.serialize(format="turtle").split("\n") if not line.startswith("@prefix"))
        body = "\n".join(("    " + line) if line else "" for line in body.strip("\n").split("\n"))
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else f"<{graph.identifier}> "
        blocks.append(f"{name}{{\n{body}\n}}\n")
    return header + "\n".join(blocks)


def _sorted_jsonld(value: Any) -> Any:
    """JSON-LD arrays without @list are unordered: sort them so output is stable."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_jsonld(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def format_of(path: Path) -> str:
    fmt = BY_EXTENSION.get("".join(path.suffixes[-1:]).lower())
    if fmt is None:
        known = ", ".join(sorted(BY_EXTENSION))
        raise RDFReadError(f"{path}: cannot tell the RDF format from the extension (known: {known})")
    return fmt


def read_rdf(path: Path) -> Dataset:
    """An RDF file as a Dataset (triple formats land in its default graph)."""
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
