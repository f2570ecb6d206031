"""Corpora for the merge tests: the dev articles as extract writes them, and made-up ones whose names,
aliases and Wikidata ids collide on purpose."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "eval" / "dev" / "articles"

NAMES = ["Apple", "Apple Inc.", "APPLE", "Amazon Web Services", "AWS", "Zeta Labs", "Zeta", "the Zeta Labs", "Nestlé",
         "Nestle", "Café Group", "Cafe Group", "Baidu 百度", 'Q"uote\\Co']  # fmt: skip
TYPES = ["Organization", "GovernmentBody", "Product", "Person"]
PREDICATES = ["invests_in", "partners_with", "competes_with", "uses", "acquires"]


@pytest.fixture(scope="session")
def dev_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev articles extracted once, as article JSON files."""
    if not DEV.is_dir():
        pytest.skip("../shared/eval/dev is not beside this checkout")
    from extractor.cli import app

    out = tmp_path_factory.mktemp("dev") / "json"
    result = CliRunner().invoke(app, ["extract", str(DEV), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


def made_up(seed: int, n_articles: int, ids: range = range(1000)) -> list[ArticleGraph]:
    """Articles drawing on a few names, types, aliases and Wikidata ids, so that names shared by two ids,
    slugs shared by two names and every relation attribute are common."""
    rng = random.Random(seed)
    articles = []
    for a in rng.sample(ids, n_articles):  # ids out of order with the list
        entities = []
        for n in range(rng.randint(1, 5)):
            name = rng.choice(NAMES)
            aliases = rng.sample([x for x in NAMES if x != name], rng.randint(0, 2))
            wikidata = rng.choice([None, None, None, "Q1", "Q2", "Q3"])
            kind = rng.choice([None, "chip", "software"])
            entities.append(Entity(f"e{n}", name, rng.choice(TYPES), aliases, kind, wikidata, [(0, 1)]))
        relations = []
        for _ in range(rng.randint(0, 4)):
            s, o = (f"e{rng.randrange(len(entities))}" for _ in range(2))
            amount = rng.choice([None, {"value": rng.choice([5, 2.5e9, 1e-3]), "currency": "USD", "text": "$"}])
            relations.append(
                Relation(
                    s,
                    rng.choice(PREDICATES),
                    o,
                    Evidence(rng.choice(["said so.", 'a "b"\nc', ""]), 0, rng.randint(0, 9)),
                    amount=amount,
                    date=rng.choice([None, "2024", "2024-05", "2024-05-06"]),
                    round=rng.choice([None, "total"]),
                    status=rng.choice(["asserted", "planned"]),
                    confidence=rng.choice([0.5, 0.92, 1.0]),
                    purpose=rng.choice([None, "train"]),
                    rule=rng.choice([None, "r1"]),
                )
            )
        title = rng.choice([None, "A title", "Ünïcode\ttitle"])
        articles.append(ArticleGraph(f"art-{a:04d}", entities, relations, f"src/{a}.txt", title, "2024-11-22"))
    return articles


@pytest.fixture
def corpus_of() -> Callable[..., list[ArticleGraph]]:
    return made_up
