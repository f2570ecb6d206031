"""Reading an article: headline, dateline, publication date, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.io.readers import read_path
from extractor.text.article import ArticleError, from_text


def test_headline_needs_a_blank_line() -> None:
    a = from_text("Nvidia buys Run:ai\n\nApril 24, 2024 - Nvidia agreed to buy Run:ai.", "x")
    assert a.title == "Nvidia buys Run:ai"
    assert a.published == "2024-04-24"
    assert a.text.startswith("Nvidia buys")  # offsets stay offsets into the whole text


def test_no_headline_without_blank_line() -> None:
    a = from_text("Amazon is doubling down.\nMore text.", "x")
    assert a.title is None and a.published is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Nvidia buys Run:ai\n\nApril 24, 2024 - Nvidia agreed to buy Run:ai.", "Nvidia buys Run:ai"),
        ("### Nvidia buys Run:ai ###\n\nApril 24, 2024 - Nvidia agreed to buy Run:ai.", "Nvidia buys Run:ai"),
        ("Nvidia buys Run:ai\n=====\n\nApril 24, 2024 - Nvidia agreed to buy Run:ai.", "Nvidia buys Run:ai"),
        ("Nvidia buys Run:ai\n---\nApril 24, 2024 - Nvidia agreed to buy Run:ai.", "Nvidia buys Run:ai"),
        ("#NvidiaNews buys Run:ai\n\nApril 24, 2024 - Nvidia agreed.", "#NvidiaNews buys Run:ai"),  # a hashtag
    ],
)
def test_a_markdown_headline_loses_its_marks(text: str, title: str) -> None:
    """A Markdown heading (ATX "# Title", or a setext underline) is the headline without its marks;
    the dateline under it is still read, and the text keeps every character (offsets stay offsets)."""
    a = from_text(text, "x")
    assert a.title == title
    assert a.published == "2024-04-24"
    assert a.text == text


def test_published_overrides_dateline() -> None:
    a = from_text("T\n\nOct. 27, 2023 - Google said.", "x", published="2023-11-01")
    assert a.published == "2023-11-01"


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_an_error(text: str) -> None:
    with pytest.raises(ArticleError, match="empty"):
        from_text(text, "x")


def test_binary_file_is_a_failure(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    [failure] = read_path(p)
    assert failure.id == "image" and "not text" in failure.error


def test_file_id_is_the_stem(tmp_path: Path) -> None:
    p = tmp_path / "my-story.txt"
    p.write_text("Headline\n\nBody.", encoding="utf-8")
    [article] = read_path(p)
    assert article.id == "my-story"


def test_a_markdown_file_has_its_heading_as_title(tmp_path: Path) -> None:
    path = tmp_path / "run-ai.md"
    path.write_text("# Nvidia buys Run:ai\n\nApril 24, 2024 - Nvidia agreed to buy Run:ai.\n", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "Nvidia buys Run:ai"
