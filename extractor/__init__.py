"""newsgraph: news articles to typed entity-relation knowledge graphs.

>>> from extractor import extract
>>> article = extract("Amazon will invest $4 billion in Anthropic.")
>>> sorted(article.triples())
[('Amazon', 'invests_in', 'Anthropic')]
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "ArticleError",
    "ArticleGraph",
    "ArticleText",
    "Entity",
    "Evidence",
    "ExtractJob",
    "Failure",
    "Relation",
    "UsageError",
    "extract",
    "extract_article",
    "extract_file",
    "extract_many",
    "from_text",
    "load",
    "run_job",
    "to_networkx",
    "to_rdf",
]
__version__ = "0.1.0"

# Each public name and the module it comes from, imported on first use (PEP 562): `import extractor`
# loads nothing else, so the CLI's --help, merge, query and validate never load spaCy.
_HOMES = {
    "ArticleError": "text.article",
    "ArticleText": "text.article",
    "from_text": "text.article",
    "ArticleGraph": "model.facts",
    "Entity": "model.facts",
    "Evidence": "model.facts",
    "Failure": "model.facts",
    "Relation": "model.facts",
    "UsageError": "model.usage",
    "extract": "nlp.api",
    "extract_article": "nlp.api",
    "extract_file": "nlp.api",
    "extract_many": "nlp.api",
    "ExtractJob": "run.job",
    "run_job": "run.job",
    "to_networkx": "graph.article",
    "load": "nlp.pipeline",
    "to_rdf": "export.rdf",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
