"""newsgraph: news articles to typed entity-relation knowledge graphs.

>>> from extractor import extract
>>> article = extract("Amazon will invest $4 billion in Anthropic.")
>>> sorted(article.triples())
[('Amazon', 'invests_in', 'Anthropic')]
"""

from .api import Failure, extract, extract_article, extract_many
from .article import ArticleError, ArticleText, from_text
from .facts import ArticleGraph, Entity, Evidence, Relation
from .graph import to_networkx
from .pipeline import load
from .rdf import to_rdf

__all__ = [
    "ArticleError",
    "ArticleGraph",
    "ArticleText",
    "Entity",
    "Evidence",
    "Failure",
    "Relation",
    "extract",
    "extract_article",
    "extract_many",
    "from_text",
    "load",
    "to_networkx",
    "to_rdf",
]
__version__ = "0.1.0"
