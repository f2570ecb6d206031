"""The JSON Schema of the article JSON (shared/spec/SCHEMA.md, schema_version 1).

``article.schema.json`` is hand-written except for its enums of entity types, product kinds and
predicates, which ``schema_for`` sets from the vocabulary (``python -m extractor.regenerate``).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from ..vocabulary import Vocabulary


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("article.schema.json").read_text(encoding="utf-8"))


def schema_for(vocab: Vocabulary) -> dict[str, Any]:
    """The shipped schema with its vocabulary enums taken from ``vocab``."""
    schema = copy.deepcopy(article_schema())
    entity = schema["$defs"]["entity"]["properties"]
    entity["type"]["enum"] = list(vocab.type_names)
    entity["kind"]["enum"] = [*vocab.kind_names, None]
    schema["$defs"]["relation"]["properties"]["predicate"]["enum"] = list(vocab.predicate_names)
    return schema


def schema_text(vocab: Vocabulary) -> str:
    return json.dumps(schema_for(vocab), indent=2, ensure_ascii=False) + "\n"
