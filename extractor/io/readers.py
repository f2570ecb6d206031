"""Reading articles from disk and stdin: text, Markdown, JSON Lines, HTML, each possibly gzipped.

Inputs are read lazily, one file at a time, so a batch of millions of articles holds only what
it is working on. Every problem becomes a ``Failure`` naming the article; nothing here raises.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..model.facts import Failure
from ..model.paths import StrPath
from ..text.article import MAX_CHARS, ArticleError, ArticleText, from_text

KINDS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
STDIN = "-"

# How much is read before an input is refused, so that memory is bounded by --max-chars, not by the input.
BYTES_PER_CHAR = 4  # UTF-8 and UTF-32 spend at most 4 bytes on a character; a byte-order mark at most 4 more
HTML_MARKUP_BYTES = 32 << 20  # tags, scripts and styles around a page's text, which are not counted as its characters
JSON_BYTES_PER_CHAR = 12  # JSON may spell one character as "\ud83d\ude00"
JSON_OTHER_BYTES = 64 << 10  # a record's id, title, url and date beside its text
READ_PIECE = 1 << 20  # what is read at once, also when skipping an overlong line
HEAD = 4096  # what is looked at to tell a binary file

# Only a decompression bomb (a run of one byte or phrase) inflates past BOMB_RATIO: gzipped articles, pages and
# feeds shrink 3 to 10 times, and deflate itself cannot pass 1,032 times. Below BOMB_CHECK_AFTER bytes of output
# memory is not at stake, and the compressed position (read ahead in pieces) is too rough to judge by.
BOMB_RATIO = 200
BOMB_CHECK_AFTER = 4 << 20

MAX_LISTED_FAILURES = 1000  # per input file: more bad records are counted, not listed


def kind_of(path: StrPath) -> str | None:
    """ "text", "jsonl" or "html" from the file name, looking through a final ".gz"."""
    suffixes = [s.lower() for s in Path(path).suffixes]
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
    skipped: int = 0  # files of a directory walk that are not articles (by extension), or are our own outputs
    input_format: str | None = None  # what every file is, whatever its extension ("text", "jsonl", "html")

    def __len__(self) -> int:
        return len(self.files) + int(self.stdin) + len(self.unreadable)

    def kind(self, path: Path) -> str:
        """How a found file is read: as --input-format says, else by its extension."""
        return self.input_format or kind_of(path) or "text"


NOT_AN_ARTICLE = "not an article file by its extension (.txt .md .jsonl .html, or gzipped)"


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    skip: Callable[[Path], bool] | None = None,
    input_format: str | None = None,
) -> Inputs:
    """Files as given, directories searched recursively for article files, in sorted order.

    A walk passes over hidden entries (".git", newsgraph's own ".newsgraph-manifest.jsonl") and whatever
    ``skip`` says is not input (the sinks' own outputs), and counts the files whose extension is not an
    article's. A file named on its own with such an extension is refused, unless ``input_format`` says
    what every file is (then a walk reads every file it finds as that)."""
    found = Inputs(input_format=input_format)
    for given in paths:
        raw = os.fspath(given)
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        what = not_a_file(path)
        if what == "a directory":
            before = len(found)
            for p in walk(path, skip):
                if not input_format and not kind_of(p):
                    found.skipped += 1
                    continue
                reason = not_a_file(p)
                if reason is None:
                    found.files.append(p)
                else:
                    found.unreadable.append((p, reason))
            if len(found) == before:
                found.problems.append(f"{raw}: no article files (.txt .md .jsonl .html, or gzipped) in this directory")
        elif what is None and not input_format and not kind_of(path):
            found.problems.append(f"{raw}: {NOT_AN_ARTICLE}; --input-format text|jsonl|html reads it as one")
        elif what is None:
            found.files.append(path)
        else:
            found.problems.append(f"{raw}: {what}")
    return found


SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def not_a_file(path: Path) -> str | None:
    """None for a regular file (through any links), else what it is instead: opening a FIFO or a device
    could block for ever or never end, so these are reported, never read."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            return "a broken symbolic link or a symbolic link loop"
        return "no such file or directory" if isinstance(err, FileNotFoundError) else cannot_read(err)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    what = next((name for test, name in SPECIAL_FILES if test(mode)), "neither a file nor a directory")
    return f"not a regular file ({what})"


def walk(root: Path, skip: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """Every path below ``root`` in sorted order, but hidden ones and those ``skip`` refuses (with
    everything under them); directory links are followed once each, so a link loop cannot make the
    walk endless."""
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
            if entry.name.startswith(".") or (skip is not None and skip(entry)):
                continue
            if entry.is_dir():
                subdirs.append(entry)
            else:
                yield entry
        stack.extend(reversed(subdirs))


def read_all(
    inputs: Inputs, published: str | None = None, stdin_kind: str | None = None, max_chars: int = MAX_CHARS
) -> Iterator[ArticleText | Failure]:
    for path in inputs.files:
        yield from read_path(path, published, max_chars, kind=inputs.kind(path))
    for path, reason in inputs.unreadable:
        yield Failure(stem_of(path), source_of(path), reason)
    if inputs.stdin:
        yield from read_stdin(stdin_kind, published, max_chars)


READ_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError; corrupt deflate data a zlib.error


def cannot_read(err: BaseException) -> str:
    return f"cannot read: {getattr(err, 'strerror', None) or err}"


def byte_limit(kind: str, max_chars: int) -> int:
    """The most bytes an article of ``max_chars`` characters can take (a JSON Lines record: a line); reading
    stops past it, so memory is bounded by the limit however large or endless the input."""
    if kind == "jsonl":
        return JSON_BYTES_PER_CHAR * max_chars + JSON_OTHER_BYTES
    limit = BYTES_PER_CHAR * max_chars + 4
    return limit + HTML_MARKUP_BYTES if kind == "html" else limit


def too_long(kind: str, max_chars: int) -> str:
    """The error for an input longer than ``byte_limit``, worded as ``from_text``'s for too many characters."""
    what = "a line of " if kind == "jsonl" else ""
    limit = byte_limit(kind, max_chars)
    return f"too long for one article ({what}more than {limit:,} bytes; the limit is {max_chars:,} characters)"


class TooLong(ArticleError):
    """More bytes than ``byte_limit``."""


@dataclass
class Meter:
    """Counts what is read out of a gzipped file and refuses a decompression bomb: output past
    ``BOMB_RATIO`` times the compressed bytes consumed (``compressed.tell()``)."""

    compressed: IO[bytes] | None = None
    out: int = 0
    next_check: int = BOMB_CHECK_AFTER

    def add(self, n: int) -> None:
        self.out += n
        if self.compressed is None or self.out < self.next_check:
            return
        self.next_check = self.out + READ_PIECE  # the position costs a system call: look once a piece
        if self.out > BOMB_RATIO * max(1, self.compressed.tell()):
            raise ArticleError(
                f"not read: it decompresses to more than {BOMB_RATIO:,} times its size (a decompression bomb)"
            )


def open_input(path: Path) -> tuple[IO[bytes], Meter]:
    """The file for reading, decompressed if gzipped, and the ``Meter`` to count what is read with."""
    raw = path.open("rb")
    if not path.name.lower().endswith(".gz"):
        return raw, Meter()
    return gzip.GzipFile(fileobj=raw, mode="rb"), Meter(raw)


def close_input(fh: IO[bytes], meter: Meter) -> None:
    fh.close()
    if meter.compressed is not None:
        meter.compressed.close()  # a GzipFile leaves the file it was given open


def read_bounded(fh: IO[bytes], limit: int, meter: Meter | None = None) -> bytes:
    """All of ``fh`` in pieces, or ``TooLong`` as soon as more than ``limit`` bytes have come."""
    meter = meter or Meter()
    pieces: list[bytes] = []
    total = 0
    while total <= limit:
        piece = fh.read(min(READ_PIECE, limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        meter.add(len(piece))
    raise TooLong("too long")


def read_path(
    path: str | os.PathLike[str], published: str | None = None, max_chars: int = MAX_CHARS, kind: str | None = None
) -> Iterator[ArticleText | Failure]:
    """The articles of one file (one, or one per line of JSON Lines), or why it could not be read;
    ``kind`` ("text", "jsonl", "html") reads it as that whatever its extension."""
    path = Path(path)
    kind = kind or kind_of(path) or "text"
    what = not_a_file(path)
    if what is not None:
        yield Failure(stem_of(path), source_of(path), what)
        return
    if kind == "jsonl":
        yield from jsonl_file(path, published, max_chars)
        return
    try:
        data = read_article_bytes(path, byte_limit(kind, max_chars))
    except TooLong:
        yield Failure(stem_of(path), source_of(path), too_long(kind, max_chars))
        return
    except ArticleError as err:
        yield Failure(stem_of(path), source_of(path), str(err))
        return
    except READ_ERRORS as err:
        yield Failure(stem_of(path), source_of(path), cannot_read(err))
        return
    yield from read_data(data, kind, stem_of(path), source_of(path), published, max_chars)


def read_article_bytes(path: Path, limit: int) -> bytes:
    """The bytes of one article file, never more than ``limit`` of them (``TooLong``): a plain file by its
    size, a gzipped one in pieces as it is decompressed."""
    if not path.name.lower().endswith(".gz"):
        if path.stat().st_size > limit:
            raise TooLong("too long")
        return path.read_bytes()
    fh, meter = open_input(path)
    try:
        return read_bounded(fh, limit, meter)
    finally:
        close_input(fh, meter)


HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<?xml")


def sniff(head: bytes) -> str:
    """What a stream is from its first bytes, when nobody said: an HTML page ("<!DOCTYPE html>",
    "<html"), JSON Lines (a JSON object first), else an article of plain text."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:64].lower()
    if start.startswith(HTML_STARTS):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def stdin_kind() -> str:
    """What standard input holds, peeked at without reading it (see ``sniff``)."""
    return sniff(head_of(sys.stdin.buffer))


def read_stdin(kind: str | None, published: str | None, max_chars: int) -> Iterator[ArticleText | Failure]:
    """Standard input, in pieces: an endless stream ends in an error, not in running out of memory.
    ``kind`` None: recognised from its first bytes."""
    stream = sys.stdin.buffer
    kind = kind or sniff(head_of(stream))
    if kind == "jsonl":
        yield from jsonl_stream(stream, Meter(), "stdin", STDIN, published, max_chars)
        return
    try:
        data = read_bounded(stream, byte_limit(kind, max_chars))
    except TooLong:
        yield Failure("stdin", STDIN, too_long(kind, max_chars))
        return
    except READ_ERRORS as err:
        yield Failure("stdin", STDIN, cannot_read(err))
        return
    yield from read_data(data, kind, "stdin", STDIN, published, max_chars)


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
        fh, meter = open_input(path)
    except OSError as err:
        yield Failure(stem_of(path), source_of(path), cannot_read(err))
        return
    try:
        yield from jsonl_stream(fh, meter, stem_of(path), source_of(path), published, max_chars)
    finally:
        close_input(fh, meter)


def jsonl_stream(
    fh: IO[bytes], meter: Meter, article_id: str, source: str, published: str | None, max_chars: int
) -> Iterator[ArticleText | Failure]:
    """The articles of a JSON Lines stream; past ``MAX_LISTED_FAILURES`` bad records, the rest are counted
    in one last failure, so a file of millions of bad lines cannot flood the failures and the terminal.
    An error that stops the stream (binary, a bomb, unreadable) is its last failure."""
    cap = FailureCap()
    stopped: str | None = None
    try:
        head = head_of(fh)
        decode(head if b"\n" not in head else head[: head.rindex(b"\n")])  # binary files fail here, once
        lines = bounded_lines(fh, byte_limit("jsonl", max_chars), meter)
        yield from cap.listed(jsonl_articles(decoded_lines(lines), source, published, max_chars))
    except ArticleError as err:
        stopped = str(err)
    except READ_ERRORS as err:
        stopped = cannot_read(err)
    if cap.unlisted:
        yield Failure(article_id, source, cap.note(), count=cap.unlisted)
    if stopped is not None:
        yield Failure(article_id, source, stopped)


@dataclass
class FailureCap:
    """Lets through the first ``limit`` failures of one input and counts the rest; articles always pass."""

    limit: int = MAX_LISTED_FAILURES
    shown: int = 0
    unlisted: int = 0

    def listed(self, items: Iterable[ArticleText | Failure]) -> Iterator[ArticleText | Failure]:
        for item in items:
            if isinstance(item, Failure):
                if self.shown >= self.limit:
                    self.unlisted += 1
                    continue
                self.shown += 1
            yield item

    def note(self) -> str:
        return f"{self.unlisted:,} more bad records not listed ({self.shown:,} listed)"


def head_of(fh: IO[bytes]) -> bytes:
    """The first bytes of ``fh``, left unread: read and sought back in a file, peeked at in a pipe."""
    if fh.seekable():
        start = fh.tell()
        head = fh.read(HEAD)
        fh.seek(start)
        return head
    peek = getattr(fh, "peek", None)
    return peek(HEAD)[:HEAD] if peek is not None else b""


def bounded_lines(fh: IO[bytes], limit: int, meter: Meter) -> Iterator[bytes | None]:
    """Each line of ``fh``, or None for a line longer than ``limit`` bytes, which is skipped in pieces
    rather than read whole."""
    while line := fh.readline(limit + 1):
        meter.add(len(line))
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (piece := fh.readline(READ_PIECE)) and not piece.endswith(b"\n"):
            meter.add(len(piece))
        meter.add(len(piece))
        yield None


def decoded_lines(lines: Iterable[bytes | None]) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    for n, raw in enumerate(lines):
        if raw is None:
            yield None, ()
            continue
        try:
            yield raw.decode("utf-8-sig" if n == 0 else "utf-8"), ()
        except UnicodeDecodeError:
            text, warnings = decode(raw)
            yield text, warnings


def jsonl_articles(
    lines: Iterable[tuple[str | None, tuple[str, ...]]], source: str, published: str | None, max_chars: int = MAX_CHARS
) -> Iterator[ArticleText | Failure]:
    """One article per line: ``{"id", "text"}`` and optionally ``title``, ``url``, ``published``; a line
    given as None was too long to read."""
    seen = False
    for lineno, (line, warnings) in enumerate(lines, start=1):
        if line is not None and not line.strip():
            continue
        seen = True
        where = f"{source}:{lineno}"
        if line is None:
            yield Failure(f"line-{lineno}", where, too_long("jsonl", max_chars))
            continue
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


__all__ = [
    "Inputs",
    "STDIN",
    "discover",
    "kind_of",
    "read_all",
    "read_path",
    "read_stdin",
    "sniff",
]
