"""The JSON Schema of the article JSON (shared/spec/SCHEMA.md, schema_version 1), and the check of
article JSON read from files: what merge is given may be anyone's, and a wrong file must be one error,
not a crash or a corpus quietly built on nonsense.

``article.schema.json`` is hand-written except for its enums of entity types, product kinds and
predicates, which ``schema_for`` sets from the vocabulary (``python -m extractor.regenerate``).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from ..vocabulary import Vocabulary

MESSAGE_CHARS = 300  # jsonschema quotes the offending value whole; a line stays short


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath("article.schema.json").read_text(encoding="utf-8"))


@cache
def article_validator() -> Draft202012Validator:
    """Built once: compiling the schema costs more than checking an article."""
    return Draft202012Validator(article_schema())


def article_problem(data: object) -> str | None:
    """What is wrong with parsed article JSON, as "JSON path: message", or None if nothing is: the
    schema's most relevant error, then what a schema cannot say (entity ids are unique; relations
    join entities of the same article)."""
    error = best_match(article_validator().iter_errors(data))
    if error is not None:
        return f"{error.json_path}: {short(error.message)}"
    return reference_problem(data)  # type: ignore[arg-type]  (the schema made it an article)


def reference_problem(data: dict[str, Any]) -> str | None:
    ids: set[str] = set()
    for n, entity in enumerate(data["entities"]):
        if entity["id"] in ids:
            return f"$.entities[{n}].id: {entity['id']!r} is the id of an earlier entity"
        ids.add(entity["id"])
    for n, relation in enumerate(data["relations"]):
        for end in ("subject", "object"):
            if relation[end] not in ids:
                return f"$.relations[{n}].{end}: {relation[end]!r} is not the id of an entity of this article"
    return None


def short(message: str) -> str:
    return message if len(message) <= MESSAGE_CHARS else message[: MESSAGE_CHARS - 1] + "…"


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


__all__ = ["article_problem", "article_schema", "article_validator", "schema_for", "schema_text"]
