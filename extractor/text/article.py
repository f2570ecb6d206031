"""An article as text: headline, dateline and publication date, before any NLP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.defaults import MAX_CHARS
from .attributes.dates import Dateline, find_dateline

HEADLINE_MAX_CHARS = 300
SURROGATES = re.compile("[\ud800-\udfff]")


class ArticleError(ValueError):
    """An input that is not an article newsgraph can read (empty, binary, undecodable)."""


@dataclass(frozen=True)
class ArticleHead:
    """The headline and the dateline, parsed once per article: the article layer takes its title and
    date from it, and the layout component (through ``doc._.head``) its dateline entities."""

    title: str | None
    body_start: int  # where the body starts: after the headline and its blank line, else 0
    dateline: Dateline | None


def parse_head(text: str) -> ArticleHead:
    title, body_start = headline_end(text)
    return ArticleHead(title, body_start, find_dateline(text[body_start:], offset=body_start))


@dataclass(frozen=True)
class ArticleText:
    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    warnings: tuple[str, ...] = ()  # read, but not cleanly: "decoded as Windows-1252"
    head: ArticleHead | None = field(default=None, compare=False, repr=False)  # of this text; None: not parsed yet


# The first line, then a blank line, or a Markdown setext underline ("====" or "----").
HEADLINE = re.compile(r"\s*([^\n]+)\n(?:[ \t]*\n|[ \t]*(?:=+|-+)[ \t]*(?:\n|$))")
# A Markdown ATX heading's marks: "# Title", "## Title ##".
ATX_MARKS = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def headline_end(text: str) -> tuple[str | None, int]:
    """The headline (first line, when a blank line or a Markdown underline follows; a Markdown
    heading without its marks) and where the body starts."""
    m = HEADLINE.match(text)
    if not m or len(m.group(1)) > HEADLINE_MAX_CHARS:
        return None, 0
    title = m.group(1).strip()
    marks = ATX_MARKS.match(title)
    if marks:
        title = marks.group(1).strip()
    return (title or None), m.end()


def from_text(
    text: str,
    article_id: str,
    source: str | None = None,
    published: str | None = None,
    warnings: tuple[str, ...] = (),
    max_chars: int = MAX_CHARS,
) -> ArticleText:
    """Reads the headline (first line, when a blank line follows) and a dateline such as
    "SEATTLE, Nov. 22, 2024 -". ``published`` overrides the dateline's date."""
    if SURROGATES.search(text) or SURROGATES.search(article_id):  # JSON can spell them; UTF-8 cannot
        text, article_id = SURROGATES.sub("\ufffd", text), SURROGATES.sub("\ufffd", article_id)
        warnings = (*warnings, "lone surrogate characters replaced with U+FFFD")
    if not text.strip():
        raise ArticleError("the article is empty")
    if "\x00" in text:
        raise ArticleError("the article is not text (it contains NUL bytes)")
    if len(text) > max_chars:
        raise ArticleError(f"too long for one article ({len(text):,} characters; the limit is {max_chars:,})")
    if not any(c.isalpha() for c in text):
        raise ArticleError("no letters in it: not an article")
    head = parse_head(text)
    dated = head.dateline.date if head.dateline else None
    return ArticleText(
        id=article_id,
        text=text,
        source=source,
        title=head.title,
        published=published or dated,
        warnings=warnings,
        head=head,
    )
