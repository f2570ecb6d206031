"""Reading articles from disk and stdin: text, Markdown, JSON Lines, HTML, each possibly gzipped.

Inputs are read lazily, one file at a time, so a batch of millions of articles holds only what
it is working on. Every problem becomes a ``Failure`` naming the article; nothing here raises.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import Failure
from .article import ArticleError, ArticleText, from_text

KINDS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
STDIN = "-"


def kind_of(path: Path) -> str | None:
    """ "text", "jsonl" or "html" from the file name, looking through a final ".gz"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def stem_of(path: Path) -> str:
    """The article id of a file: its name without the kind's (and ".gz") extensions."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


@dataclass
class Inputs:
    """Article files found under the given paths, and the paths that were unusable."""

    files: list[Path] = field(default_factory=list)
    stdin: bool = False
    problems: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.files) + int(self.stdin)


def discover(paths: list[str]) -> Inputs:
    """Files as given, directories searched recursively for article files, in sorted order."""
    found = Inputs()
    for raw in paths:
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if kind_of(p) and p.is_file())
            if not files:
                found.problems.append(f"{raw}: no article files (.txt .md .jsonl .html, or gzipped) in this directory")
            found.files.extend(files)
        elif path.is_file():
            found.files.append(path)
        elif path.exists():
            found.problems.append(f"{raw}: not a regular file or directory")
        else:
            found.problems.append(f"{raw}: no such file or directory")
    return found


def read_all(inputs: Inputs, published: str | None = None, stdin_kind: str = "text") -> Iterator[ArticleText | Failure]:
    for path in inputs.files:
        yield from read_path(path, published)
    if inputs.stdin:
        yield from read_data(sys.stdin.buffer.read(), stdin_kind, "stdin", STDIN, published)


def read_path(path: Path, published: str | None = None) -> Iterator[ArticleText | Failure]:
    kind = kind_of(path) or "text"
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield Failure(stem_of(path), str(path), f"cannot read: {getattr(err, 'strerror', None) or err}")
        return
    yield from read_data(data, kind, stem_of(path), str(path), published)


def read_data(
    data: bytes, kind: str, article_id: str, source: str, published: str | None
) -> Iterator[ArticleText | Failure]:
    try:
        text = decode(data)
    except ArticleError as err:
        yield Failure(article_id, source, str(err))
        return
    if kind == "jsonl":
        yield from jsonl_articles(text, source, published)
        return
    try:
        if kind == "html":
            yield html_article(text, article_id, source, published)
        else:
            yield from_text(text, article_id, source=source, published=published)
    except ArticleError as err:
        yield Failure(article_id, source, str(err))


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(f"not UTF-8 text (byte {err.start})") from err


def jsonl_articles(text: str, source: str, published: str | None) -> Iterator[ArticleText | Failure]:
    """One article per line: ``{"id", "text"}`` and optionally ``title``, ``url``, ``published``."""
    if not text.strip():
        yield Failure(source.rsplit("/", 1)[-1], source, "the JSON Lines file is empty")
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(f"line-{lineno}", where, f"not a JSON object: {err.msg}")
            continue
        if not isinstance(record, dict):
            yield Failure(f"line-{lineno}", where, "not a JSON object")
            continue
        art_id, body = record.get("id"), record.get("text")
        if not isinstance(art_id, str | int) or isinstance(art_id, bool) or str(art_id).strip() == "":
            yield Failure(f"line-{lineno}", where, 'missing "id" (a string or number)')
            continue
        if not isinstance(body, str):
            yield Failure(str(art_id), where, 'missing "text" (a string)')
            continue
        title, date = record.get("title"), record.get("published")
        if title is not None and not isinstance(title, str) or date is not None and not isinstance(date, str):
            yield Failure(str(art_id), where, '"title" and "published" must be strings')
            continue
        full = f"{title.strip()}\n\n{body}" if title and not body.lstrip().startswith(title.strip()) else body
        try:
            yield from_text(full, str(art_id), source=where, published=published or normalise_date(date))
        except ArticleError as err:
            yield Failure(str(art_id), where, str(err))


def normalise_date(value: str | None) -> str | None:
    """The date part of an ISO date or timestamp ("2024-04-24T10:00:00Z" → "2024-04-24")."""
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def html_article(html: str, article_id: str, source: str, published: str | None) -> ArticleText:
    """The page's main text (boilerplate, scripts and navigation dropped by trafilatura), its title
    as the headline, and its publication date from the page's metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        raise ArticleError("no article text found in this HTML page")
    title = (doc.title or "").strip() if doc is not None else ""
    lines = text.splitlines()
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # the page repeats its title as the first heading
    body = "\n".join(lines).strip()
    full = f"{title}\n\n{body}" if title else body
    return from_text(full, article_id, source=source, published=published or normalise_date(doc.date))
