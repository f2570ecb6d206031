"""The check merge makes of each article JSON file, fast for the files that pass it.

``model.schema.article_problem`` runs jsonschema over every entity and relation: tens of
milliseconds per article, most of a corpus merge's time. Here a plain Python walk first tries to show
the article valid with checks at least as strict as the schema's (exact types, anchored patterns,
the schema's own enums); only an article it cannot vouch for goes to jsonschema, which then finds
the error to report, or accepts what the walk was too strict for (``1.0`` as an integer, say). So a
file is accepted exactly when the schema accepts it.

The walk knows the schema's structure as it is written; ``SHAPE`` is a digest of that structure with
the vocabulary's enums left out, and when the shipped schema no longer has it the walk is not used.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from functools import cache
from typing import Any

from ..model.schema import article_problem, article_schema, reference_problem

SHAPE = "121205d95cee4dac"  # the schema's structure this walk follows (see shape())
ENTITY_ID = re.compile(r"e[0-9]+")
DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
WIKIDATA = re.compile(r"Q[0-9]+")
CURRENCY = re.compile(r"[A-Z]{3}")


def shape(schema: dict[str, Any]) -> str:
    """A digest of the schema without the enums the vocabulary sets."""
    bare = copy.deepcopy(schema)
    entity = bare["$defs"]["entity"]["properties"]
    entity["type"]["enum"] = entity["kind"]["enum"] = []
    bare["$defs"]["relation"]["properties"]["predicate"]["enum"] = []
    return hashlib.sha256(json.dumps(bare, sort_keys=True).encode()).hexdigest()[:16]


@cache
def _enums() -> tuple[frozenset[str], frozenset[str | None], frozenset[str]] | None:
    schema = article_schema()
    if shape(schema) != SHAPE:
        return None
    entity, relation = schema["$defs"]["entity"]["properties"], schema["$defs"]["relation"]["properties"]
    return (
        frozenset(entity["type"]["enum"]),
        frozenset(entity["kind"]["enum"]),
        frozenset(relation["predicate"]["enum"]),
    )


def _str(value: object) -> bool:
    return type(value) is str


def _opt_str(value: object, pattern: re.Pattern[str] | None = None) -> bool:
    return value is None or (type(value) is str and (pattern is None or pattern.fullmatch(value) is not None))


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def _number(value: object) -> bool:
    return type(value) in (int, float)


def _valid(data: object) -> bool:
    """True only if the schema surely accepts ``data`` (False: ask jsonschema)."""
    enums = _enums()
    if enums is None or type(data) is not dict:
        return False
    types, kinds, predicates = enums
    if data.get("schema_version", 0) != 1 or type(data["schema_version"]) is not int:
        return False
    article, entities, relations = data.get("article"), data.get("entities"), data.get("relations")
    if type(article) is not dict or type(entities) is not list or type(relations) is not list:
        return False
    art_id = article.get("id")
    if type(art_id) is not str or not art_id:
        return False
    if not all(_opt_str(article.get(k)) for k in ("source", "title")) or not _opt_str(article.get("published"), DATE):
        return False
    for e in entities:
        if type(e) is not dict or not ("id" in e and "name" in e and "type" in e and "aliases" in e):
            return False
        name, aliases = e["name"], e["aliases"]
        if not (_str(e["id"]) and ENTITY_ID.fullmatch(e["id"]) and _str(name) and name and _str(e["type"])):
            return False
        if e["type"] not in types or type(aliases) is not list or not all(type(a) is str for a in aliases):
            return False
        kind = e.get("kind")
        if (
            (kind is not None and type(kind) is not str)
            or kind not in kinds
            or not _opt_str(e.get("wikidata"), WIKIDATA)
        ):
            return False
        mentions = e.get("mentions", [])
        if type(mentions) is not list:
            return False
        for m in mentions:
            if type(m) is not list or len(m) != 2 or not (_count(m[0]) and _count(m[1])):
                return False
    for r in relations:
        if not (type(r) is dict and "subject" in r and "predicate" in r and "object" in r and "evidence" in r):
            return False
        s, o, p, ev = r["subject"], r["object"], r["predicate"], r["evidence"]
        if not (
            _str(s) and ENTITY_ID.fullmatch(s) and _str(o) and ENTITY_ID.fullmatch(o) and _str(p) and p in predicates
        ):
            return False
        if type(ev) is not dict or not ("text" in ev and "start" in ev and "end" in ev):
            return False
        if not (_str(ev["text"]) and _count(ev["start"]) and _count(ev["end"])):
            return False
        amount = r.get("amount")
        if amount is not None and not _amount(amount):
            return False
        if not _opt_str(r.get("date"), DATE) or r.get("round", None) not in (None, "total", "initial", "additional"):
            return False
        if "round" in r and r["round"] is not None and type(r["round"]) is not str:
            return False
        if "status" in r and (
            type(r["status"]) is not str or r["status"] not in ("asserted", "planned", "cancelled", "negated")
        ):
            return False
        if "confidence" in r and not (_number(r["confidence"]) and 0 <= r["confidence"] <= 1):
            return False
        if not all(type(r[k]) is str for k in ("purpose", "role", "rule") if k in r):
            return False
    return True


def _amount(amount: object) -> bool:
    if type(amount) is not dict or "value" not in amount or "currency" not in amount:
        return False
    value, currency = amount["value"], amount["currency"]
    if not (_number(value) and value >= 0 and _str(currency) and CURRENCY.fullmatch(currency)):
        return False
    if "text" in amount and type(amount["text"]) is not str:
        return False
    if "bound" in amount and (type(amount["bound"]) is not str or amount["bound"] not in ("max", "min")):
        return False
    return "approximate" not in amount or type(amount["approximate"]) is bool


def problem(data: object) -> str | None:
    """``model.schema.article_problem``, with the same answers: None for article JSON merge can use,
    else "JSON path: message"."""
    if _valid(data):
        return reference_problem(data)  # type: ignore[arg-type]
    return article_problem(data)
