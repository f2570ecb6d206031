"""spaCy components of newsgraph, each registered with ``@Language.factory``."""
