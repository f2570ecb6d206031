"""The fast check answers as the schema does: it vouches only for articles jsonschema accepts."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from extractor.graph import check
from extractor.model.schema import article_problem, article_schema

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "graphs" / "amazon-anthropic-8b.json"

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    1.0,
    0.5,
    2,
    1e30,
    "",
    "x",
    "e1",
    "Q1",
    "USD",
    "2024",
    "2024\n",
    "max",
    "total",
    "asserted",
    "chip",
    "Organization",
    [],
    [1],
    [0, 0],
    [0, 0, 0],
    [-1, 2],
    {},
    {"value": 1, "currency": "USD"},
    {"value": -1, "currency": "USD"},
    {"text": "t", "start": 0},
]


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document, as a path of keys and indexes."""
    found = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            found += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for n, v in enumerate(node):
            found += paths(v, (*prefix, n))
    return found


def mutated(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The document with one value replaced, or one key dropped."""
    doc = copy.deepcopy(doc)
    path = rng.choice(paths(doc)[1:])
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and rng.random() < 0.2:
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return doc


def small_article() -> dict[str, Any]:
    """The shipped article cut to a few entities and the relations between them (jsonschema is slow)."""
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    doc["entities"] = doc["entities"][:4]
    kept = {e["id"] for e in doc["entities"]}
    doc["relations"] = [r for r in doc["relations"] if r["subject"] in kept and r["object"] in kept][:3]
    assert len(doc["relations"]) >= 2
    return doc


def test_the_fast_check_follows_the_shipped_schema() -> None:
    """When this fails, the schema changed: make ``_valid`` check what it now says, then update SHAPE."""
    assert check.shape(article_schema()) == check.SHAPE
    assert check._enums() is not None


@pytest.mark.parametrize("seed", range(3))
def test_it_answers_as_jsonschema_does(seed: int) -> None:
    rng = random.Random(seed)
    doc = small_article()
    amount = {"value": 8, "currency": "USD", "text": "$8", "bound": "max", "approximate": True}
    doc["relations"][0]["amount"] = amount
    doc["relations"][1]["purpose"] = "train"
    assert check._valid(doc) and check.problem(doc) is None
    vouched = 0
    for _ in range(400):
        bad = mutated(doc, rng)
        if rng.random() < 0.3:
            bad = mutated(bad, rng)
        assert check.problem(bad) == article_problem(bad), bad
        vouched += check._valid(bad)
    assert vouched > 15  # the walk accepts the harmless changes itself, not only the original


def test_what_it_is_too_strict_for_goes_to_jsonschema() -> None:
    doc = small_article()
    doc["relations"][0]["evidence"]["start"] = 3.0  # an integer to JSON Schema
    assert not check._valid(doc) and check.problem(doc) is None
