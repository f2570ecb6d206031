"""RDF for article graphs: the newsgraph vocabulary and the graph builder."""

from .build import to_rdf
from .namespace import NG, NGR

__all__ = ["NG", "NGR", "to_rdf"]
