"""The README's SPARQL cookbook, run as written over the corpus of the dev articles: each question's
query must parse, answer, and give the answer an analyst would check for."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor import ArticleGraph
from extractor.export.store import query, write_store
from extractor.graph.corpus import merge
from extractor.io.readers import discover, read_all
from extractor.nlp.api import extract_many

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "eval" / "dev" / "articles"
QUESTION = re.compile(r"^\*\*(\d+)\. ([^*]+)\*\*.*?\n```sparql\n(.*?)\n```", re.MULTILINE | re.DOTALL)


def cookbook() -> dict[int, tuple[str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### The relation node and a SPARQL cookbook") : text.index("## Accuracy")]
    return {int(n): (question, sparql) for n, question, sparql in QUESTION.findall(section)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:  # noqa: ANN001
    if not DEV.is_dir():
        pytest.skip("../shared/eval is not beside this checkout")
    articles = [a for a in extract_many(read_all(discover([DEV])), nlp=nlp) if isinstance(a, ArticleGraph)]
    assert len(articles) == len(list(DEV.glob("*.txt")))
    path = tmp_path_factory.mktemp("cookbook") / "store"
    write_store(merge(articles).to_rdf(), path)
    return path


def rows(store: Path, n: int) -> list[dict[str, str | None]]:
    answer = query(store, cookbook()[n][1])
    assert answer.rows is not None and answer.variables is not None
    return [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]


def has(found: list[dict[str, str | None]], **want: str) -> bool:
    return any(all(row.get(k) == v for k, v in want.items()) for row in found)


CHECKS: dict[int, Callable[[list[dict[str, str | None]]], bool]] = {
    1: lambda r: (
        has(r, investor="Amazon", largest="8000000000", currency="USD")
        and has(r, investor="Google", largest="2000000000")
    ),
    2: lambda r: (
        has(r, buyer="IBM", target="HashiCorp", status="planned")
        and all((row["date"] or "").startswith("2024") for row in r)
        and not has(r, target="Air India", buyer="Synopsys")
    ),
    3: lambda r: (
        has(r, regulator="Competition and Markets Authority", action="investigates", buyer="Nvidia", target="Arm")
        and has(r, regulator="European Commission", action="approves", buyer="Synopsys", target="Ansys")
    ),
    4: lambda r: has(r, person="Dario Amodei", role="ceo", company="Anthropic"),
    5: lambda r: has(r, user="Anthropic", chip="Trainium", maker="Amazon Web Services"),
    6: lambda r: has(r, subject="Atlassian", predicate="acquires") and all(row["issued"] >= "2025-07-01" for row in r),
    7: lambda r: has(r, entity="Microsoft") and all(int(row["articles"] or 0) >= 4 for row in r),
    8: lambda r: has(r, partner="Microsoft"),
    9: lambda r: has(r, company="Wiz", place="New York"),
    10: lambda r: len(r) >= 2 and all("Wiz" in (row["title"] or "") for row in r),
}


def test_the_cookbook_has_ten_questions() -> None:
    assert sorted(cookbook()) == list(range(1, 11)) == sorted(CHECKS)


@pytest.mark.parametrize("n", sorted(CHECKS))
def test_each_question_gets_its_answer(store: Path, n: int) -> None:
    found = rows(store, n)
    assert found, f"question {n} ({cookbook()[n][0]}) has no answer"
    assert CHECKS[n](found), f"question {n} ({cookbook()[n][0]}): {found[:10]}"
