"""RDF for article graphs: the newsgraph vocabulary and the graph builder.

Names are loaded on first use (PEP 562), so that ``extractor.export.rdf.syntaxes`` can be read without rdflib."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {"to_rdf": ".build", "NG": ".namespace", "NGR": ".namespace"}
__all__ = ["NG", "NGR", "to_rdf"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_WHERE[name], __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
