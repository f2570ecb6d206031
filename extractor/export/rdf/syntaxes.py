"""The RDF syntaxes newsgraph writes, as plain data: the writer table and --help read it without
loading rdflib."""

from __future__ import annotations

# format name → (rdflib format, file extension, holds named graphs)
RDF_FORMATS: dict[str, tuple[str, str, bool]] = {
    "ttl": ("turtle", ".ttl", False),
    "nt": ("nt", ".nt", False),
    "nq": ("nquads", ".nq", True),
    "trig": ("trig", ".trig", True),
    "jsonld": ("json-ld", ".jsonld", False),
}
