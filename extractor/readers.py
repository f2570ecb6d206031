"""Reading articles from disk and stdin: text, Markdown, JSON Lines, HTML, each possibly gzipped.

Inputs are read lazily, one file at a time, so a batch of millions of articles holds only what
it is working on. Every problem becomes a ``Failure`` naming the article; nothing here raises.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import Failure
from .article import MAX_CHARS, ArticleError, ArticleText, from_text

KINDS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
STDIN = "-"


def kind_of(path: Path) -> str | None:
    """ "text", "jsonl" or "html" from the file name, looking through a final ".gz"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def text_of(name: str) -> str:
    """A file name as text JSON can hold: bytes that are not UTF-8 (which Python keeps as lone
    surrogates) written as ``\\xff``, so that "x\\xff.txt" is an article like any other."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def source_of(path: Path) -> str:
    """The ``source`` of an article read from ``path``."""
    return text_of(str(path))


def stem_of(path: Path) -> str:
    """The article id of a file: its name without the kind's (and ".gz") extensions."""
    name = text_of(path.name)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


@dataclass
class Inputs:
    """Article files found under the given paths, and the paths that were unusable."""

    files: list[Path] = field(default_factory=list)
    stdin: bool = False
    problems: list[str] = field(default_factory=list)  # usage errors: nothing to read at a path given
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # found, but cannot be read

    def __len__(self) -> int:
        return len(self.files) + int(self.stdin) + len(self.unreadable)


def discover(paths: list[str]) -> Inputs:
    """Files as given, directories searched recursively for article files, in sorted order."""
    found = Inputs()
    for raw in paths:
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            before = len(found)
            for p in walk(path):
                if not kind_of(p):
                    continue
                if p.is_file():
                    found.files.append(p)
                elif p.is_symlink():
                    found.unreadable.append((p, "a broken symbolic link or a symbolic link loop"))
            if len(found) == before:
                found.problems.append(f"{raw}: no article files (.txt .md .jsonl .html, or gzipped) in this directory")
        elif path.is_file():
            found.files.append(path)
        elif path.is_symlink():
            found.problems.append(f"{raw}: a broken symbolic link or a symbolic link loop")
        elif path.exists():
            found.problems.append(f"{raw}: not a regular file or directory")
        else:
            found.problems.append(f"{raw}: no such file or directory")
    return found


def walk(root: Path) -> Iterator[Path]:
    """Every path below ``root`` in sorted order; directory links are followed once each, so a
    link loop cannot make the walk endless."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(directory.iterdir())
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.is_dir():
                subdirs.append(entry)
            else:
                yield entry
        stack.extend(reversed(subdirs))


def read_all(
    inputs: Inputs, published: str | None = None, stdin_kind: str = "text", max_chars: int = MAX_CHARS
) -> Iterator[ArticleText | Failure]:
    for path in inputs.files:
        yield from read_path(path, published, max_chars)
    for path, reason in inputs.unreadable:
        yield Failure(stem_of(path), source_of(path), reason)
    if inputs.stdin:
        yield from read_data(sys.stdin.buffer.read(), stdin_kind, "stdin", STDIN, published, max_chars)


def read_path(path: Path, published: str | None = None, max_chars: int = MAX_CHARS) -> Iterator[ArticleText | Failure]:
    kind = kind_of(path) or "text"
    if kind == "jsonl":
        yield from jsonl_file(path, published, max_chars)
        return
    try:
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield Failure(stem_of(path), source_of(path), f"cannot read: {getattr(err, 'strerror', None) or err}")
        return
    yield from read_data(data, kind, stem_of(path), source_of(path), published, max_chars)


def read_data(
    data: bytes, kind: str, article_id: str, source: str, published: str | None, max_chars: int = MAX_CHARS
) -> Iterator[ArticleText | Failure]:
    try:
        text, warnings = decode(data)
    except ArticleError as err:
        yield Failure(article_id, source, str(err))
        return
    if kind == "jsonl":
        yield from jsonl_articles(((line, warnings) for line in text.split("\n")), source, published, max_chars)
        return
    try:
        if kind == "html":
            yield html_article(text, article_id, source, published, warnings, max_chars)
        else:
            yield from_text(text, article_id, source, published, warnings, max_chars)
    except ArticleError as err:
        yield Failure(article_id, source, str(err))
    except Exception as err:  # noqa: BLE001  (an HTML parser's error costs this page, never the batch)
        yield Failure(article_id, source, f"could not read the page: {type(err).__name__}: {err}")


BINARY_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG\r\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "gzip data (name the file .gz to have it read)",
    b"RIFF": "audio or video",
}
BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
LEGACY = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text and any warnings: UTF-8 or a BOM's encoding; else Windows-1252 or Latin-1, with a warning;
    binary files (PDFs, images, archives, anything with NUL bytes) are errors."""
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleError(f"not text: {what}")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), ()
            except UnicodeDecodeError as err:
                raise ArticleError(f"not valid {encoding} text despite its byte-order mark (byte {err.start})") from err
    if b"\x00" in data[:65536]:
        raise ArticleError("not text (it contains NUL bytes)")
    try:
        text, warnings = data.decode("utf-8"), ()
    except UnicodeDecodeError as err:
        for encoding, name in LEGACY:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            warnings = (f"not UTF-8 (byte {err.start}): decoded as {name}",)
            break
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 0.05 * max(1, len(text[:65536])):
        raise ArticleError("not text (too many control characters)")
    return text, warnings


def jsonl_file(path: Path, published: str | None, max_chars: int) -> Iterator[ArticleText | Failure]:
    """A JSON Lines file, gzipped or not, read a line at a time: memory does not grow with its size."""
    try:
        fh = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")  # noqa: SIM115
    except OSError as err:
        yield Failure(stem_of(path), source_of(path), f"cannot read: {err.strerror or err}")
        return
    with fh:
        try:
            head = fh.read(4096)
            decode(head if b"\n" not in head else head[: head.rindex(b"\n")])  # binary files fail here, once
            fh.seek(0)
            yield from jsonl_articles(decoded_lines(fh), source_of(path), published, max_chars)
        except ArticleError as err:
            yield Failure(stem_of(path), source_of(path), str(err))
        except (OSError, EOFError, gzip.BadGzipFile) as err:
            yield Failure(stem_of(path), source_of(path), f"cannot read: {getattr(err, 'strerror', None) or err}")


def decoded_lines(lines: Iterable[bytes]) -> Iterator[tuple[str, tuple[str, ...]]]:
    for n, raw in enumerate(lines):
        try:
            yield raw.decode("utf-8-sig" if n == 0 else "utf-8"), ()
        except UnicodeDecodeError:
            text, warnings = decode(raw)
            yield text, warnings


def jsonl_articles(
    lines: Iterable[tuple[str, tuple[str, ...]]], source: str, published: str | None, max_chars: int = MAX_CHARS
) -> Iterator[ArticleText | Failure]:
    """One article per line: ``{"id", "text"}`` and optionally ``title``, ``url``, ``published``."""
    seen = False
    for lineno, (line, warnings) in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
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
            yield from_text(full, str(art_id), where, published or normalise_date(date), warnings, max_chars)
        except ArticleError as err:
            yield Failure(str(art_id), where, str(err))
    if not seen:
        yield Failure(source.rsplit("/", 1)[-1], source, "the JSON Lines file is empty")


def normalise_date(value: str | None) -> str | None:
    """The date part of an ISO date or timestamp ("2024-04-24T10:00:00Z" → "2024-04-24")."""
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def html_article(
    html: str,
    article_id: str,
    source: str,
    published: str | None,
    warnings: tuple[str, ...] = (),
    max_chars: int = MAX_CHARS,
) -> ArticleText:
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
    return from_text(full, article_id, source, published or normalise_date(doc.date), warnings, max_chars)
