"""extract_file: the one article of a path, as ``newsgraph show`` prints it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from extractor.model.defaults import DEFAULT_MIN_CONFIDENCE
from extractor.model.facts import ArticleGraph, Failure
from extractor.model.usage import UsageError
from extractor.nlp.api import extract_file

REPO = Path(__file__).resolve().parents[2]
SEED = Path("seeds") / "amazon-anthropic-8b.txt"


def test_the_seed_file_gives_the_graph_extract_wrote(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every relation found, above the threshold the same as graphs/ (written by extract)."""
    monkeypatch.chdir(REPO)
    article = extract_file(SEED, nlp=nlp)
    assert isinstance(article, ArticleGraph) and article.source == str(SEED)
    expected = (REPO / "graphs" / "amazon-anthropic-8b.json").read_text()
    assert article.above(DEFAULT_MIN_CONFIDENCE).dumps() == expected


def test_an_unreadable_article_is_its_failure(nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("  \n")
    failure = extract_file(tmp_path / "e.txt", nlp=nlp)
    assert isinstance(failure, Failure) and failure.error == "the article is empty"


@pytest.mark.parametrize(
    "name, published, message",
    [
        ("two", None, "two: show takes one article, found 2"),
        ("nope.txt", None, "nope.txt: no such file or directory"),
        ("two/a.txt", "soon", "--published 'soon' is not an ISO date such as 2024-11-22"),
    ],
)
def test_a_path_that_is_not_one_article_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, published: str | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "two").mkdir()
    for stem in "ab":
        (tmp_path / "two" / f"{stem}.txt").write_text("Oracle partnered with Nvidia.\n")
    with pytest.raises(UsageError) as raised:
        extract_file(name, published=published, model="no_such_model_xx")  # refused before the model is loaded
    assert raised.value.messages == (message,)


def test_a_missing_model_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Oracle partnered with Nvidia.\n")
    with pytest.raises(UsageError, match="cannot load spaCy pipeline 'no_such_model_xx'"):
        extract_file(tmp_path / "a.txt", model="no_such_model_xx")
