"""Where a batch's articles go: a directory of files, one JSON Lines file, or stdout.

A sink records each finished article in a manifest (``.newsgraph-manifest.jsonl`` in the output
directory, ``FILE.manifest.jsonl`` beside a JSON Lines file) after its output is complete, with a
fingerprint of its input and of the settings. ``--resume`` skips what the manifest shows is done
and current, so an interrupted batch continues where it stopped and nothing is done twice.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path
from typing import IO, Protocol

from . import exports
from .article import ArticleText
from .facts import ArticleGraph

MANIFEST_NAME = ".newsgraph-manifest.jsonl"
FAILURES_NAME = "failures.jsonl"
UNSAFE_CHARS = set('/\\:*?"<>|')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM_BYTES = 150


def safe_stem(article_id: str) -> str:
    """A file name stem for an article id that stays inside the output directory on any system:
    no separators, no "..", no NUL or control or invisible characters, no reserved device names,
    not too long (a hash of the id keeps long ones unique)."""
    text = unicodedata.normalize("NFC", article_id)
    text = "".join(
        "_" if c in UNSAFE_CHARS or unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} else c for c in text
    )
    text = text.strip(" .")
    if not text:
        text = "article"
    if text.split(".")[0].lower() in WINDOWS_RESERVED:
        text = "_" + text
    if len(text.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        while len(text.encode("utf-8")) > MAX_STEM_BYTES - 13:
            text = text[:-1]
        text = f"{text}-{digest}"
    return text


class Names:
    """Unique stems in input order: the second article called "a" (or "A", or "a/") gets "a-2"."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, article_id: str) -> str:
        stem = base = safe_stem(article_id)
        n = 1
        while stem.casefold() in self.used:
            n += 1
            stem = f"{base}-{n}"
        self.used.add(stem.casefold())
        return stem


class FailureLog:
    """``failures.jsonl``: this run's failures, one JSON object a line (id, source, error)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        if path is not None:
            path.unlink(missing_ok=True)

    def record(self, article_id: str, source: str | None, error: str) -> None:
        if self.path is None:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("w", encoding="utf-8")
        self._fh.write(json.dumps({"id": article_id, "source": source, "error": error}, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def fingerprint(article: ArticleText, settings: dict[str, object]) -> str:
    """Changes when the input or anything that shapes the output changes."""
    payload = json.dumps([article.text, article.title, article.published, settings], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class Manifest:
    """Append-only record of finished articles; a torn last line (a killed run) is ignored."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: dict[str, str] = {}
        self._fh: IO[str] | None = None

    def load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        for line in self.path.read_text(encoding="utf-8").split("\n"):
            try:
                record = json.loads(line)
                self.done[record["id"]] = record["fingerprint"]
            except (json.JSONDecodeError, KeyError, TypeError):
                continue

    def save(self) -> None:
        """Replace the file with exactly what ``done`` holds, atomically. Called on resume, after
        ``load``, so that the next record never lands on the end of a torn last line."""
        if self.path is None:
            return
        records = "".join(json.dumps({"id": k, "fingerprint": v}) + "\n" for k, v in self.done.items())
        exports.write_atomic(self.path, records)

    def record(self, article_id: str, fp: str) -> None:
        if self.path is None:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        self._fh.write(json.dumps({"id": article_id, "fingerprint": fp}) + "\n")
        self._fh.flush()
        self.done[article_id] = fp

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class Sink(Protocol):
    def claim(self, article_id: str) -> str: ...

    def is_current(self, key: str, fp: str) -> bool: ...

    def write(self, article: ArticleGraph, key: str, fp: str) -> None: ...

    def fail(self, article_id: str, source: str | None, error: str) -> None: ...

    def close(self) -> None: ...


def remove_stale_temporaries(out: Path) -> None:
    """The temporary files a killed run left half-written (``.ID.json.ng-tmp-XXXX``), removed
    before this run writes. One run at a time per output directory: a second one at once would
    lose its temporaries (outputs are not locked yet)."""
    for path in out.glob(f".*{exports.TEMP_MARK}*"):
        if path.is_file():
            path.unlink(missing_ok=True)


class DirectorySink:
    """``DIR/ID.json`` and the requested graph files for each article."""

    def __init__(self, out: Path, formats: tuple[str, ...], resume: bool) -> None:
        self.out = out
        self.formats = formats
        self.names = Names()
        self.manifest = Manifest(out / MANIFEST_NAME)
        self.failures = FailureLog(out / FAILURES_NAME)
        if resume:
            self.manifest.load()
            self.manifest.save()
            remove_stale_temporaries(out)
        elif (out / MANIFEST_NAME).exists():
            (out / MANIFEST_NAME).unlink()  # a fresh run starts a fresh record

    def claim(self, article_id: str) -> str:
        return self.names.claim(article_id)

    def expected_files(self, stem: str) -> list[Path]:
        suffixes = [".json"]
        for name in self.formats:
            suffixes += list(exports.SUFFIXES[name])
        return [self.out / f"{stem}{s}" for s in suffixes]

    def is_current(self, key: str, fp: str) -> bool:
        return self.manifest.done.get(key) == fp and all(p.exists() for p in self.expected_files(key))

    def write(self, article: ArticleGraph, key: str, fp: str) -> None:
        exports.write_source(exports.article_source(article, stem=key), self.out, ("json", *self.formats))
        self.manifest.record(key, fp)

    def fail(self, article_id: str, source: str | None, error: str) -> None:
        self.failures.record(article_id, source, error)

    def close(self) -> None:
        self.manifest.close()
        self.failures.close()


class JsonlSink:
    """One article JSON per line, in a file (``corpus.jsonl``) or on stdout (``-``)."""

    def __init__(self, out: Path | None, resume: bool) -> None:
        self.out = out
        self.names = Names()
        if out is None:
            self.manifest = Manifest(None)
            self.failures = FailureLog(None)
            self._fh: IO[str] = sys.stdout
            return
        self.manifest = Manifest(out.with_name(out.name + ".manifest.jsonl"))
        self.failures = FailureLog(out.with_name(out.name + ".failures.jsonl"))
        out.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            self.manifest.load()
            self._keep_finished_lines(out)
        else:
            self.manifest.path.unlink(missing_ok=True)
            out.write_text("", encoding="utf-8")
        self._fh = out.open("a", encoding="utf-8")

    def _keep_finished_lines(self, out: Path) -> None:
        """Drop a torn last line and lines the manifest does not vouch for, atomically."""
        lines = []
        if out.exists():
            for line in out.read_text(encoding="utf-8").split("\n")[:-1]:
                try:
                    json.loads(line)["article"]["id"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    break  # a torn line: what follows it was never vouched for
                lines.append(line)
        keys = list(self.manifest.done)  # recorded in the order the lines were written
        kept = lines[: len(keys)]
        exports.write_atomic(out, "".join(line + "\n" for line in kept))
        self.manifest.done = {k: self.manifest.done[k] for k in keys[: len(kept)]}
        self.manifest.save()

    def claim(self, article_id: str) -> str:
        return self.names.claim(article_id)

    def is_current(self, key: str, fp: str) -> bool:
        return self.out is not None and self.manifest.done.get(key) == fp

    def write(self, article: ArticleGraph, key: str, fp: str) -> None:
        self._fh.write(json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()  # the line is complete before the manifest vouches for it
        self.manifest.record(key, fp)

    def fail(self, article_id: str, source: str | None, error: str) -> None:
        self.failures.record(article_id, source, error)

    def close(self) -> None:
        if self._fh is not sys.stdout:
            self._fh.close()
        self.manifest.close()
        self.failures.close()
