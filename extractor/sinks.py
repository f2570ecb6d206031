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
from pathlib import Path
from typing import IO, Protocol

from . import exports
from .article import ArticleText
from .facts import ArticleGraph

MANIFEST_NAME = ".newsgraph-manifest.jsonl"


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
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
                self.done[record["id"]] = record["fingerprint"]
            except (json.JSONDecodeError, KeyError, TypeError):
                continue

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
    manifest: Manifest

    def is_current(self, article_id: str, fp: str) -> bool: ...

    def write(self, article: ArticleGraph, fp: str) -> None: ...

    def close(self) -> None: ...


class DirectorySink:
    """``DIR/ID.json`` and the requested graph files for each article."""

    def __init__(self, out: Path, formats: tuple[str, ...], resume: bool) -> None:
        self.out = out
        self.formats = formats
        self.manifest = Manifest(out / MANIFEST_NAME)
        if resume:
            self.manifest.load()
        elif (out / MANIFEST_NAME).exists():
            (out / MANIFEST_NAME).unlink()  # a fresh run starts a fresh record

    def expected_files(self, article_id: str) -> list[Path]:
        suffixes = [".json"]
        for name in self.formats:
            suffixes += list(exports.SUFFIXES[name])
        return [self.out / f"{article_id}{s}" for s in suffixes]

    def is_current(self, article_id: str, fp: str) -> bool:
        return self.manifest.done.get(article_id) == fp and all(p.exists() for p in self.expected_files(article_id))

    def write(self, article: ArticleGraph, fp: str) -> None:
        exports.write(article, self.out, self.formats)
        self.manifest.record(article.id, fp)

    def close(self) -> None:
        self.manifest.close()


class JsonlSink:
    """One article JSON per line, in a file (``corpus.jsonl``) or on stdout (``-``)."""

    def __init__(self, out: Path | None, resume: bool) -> None:
        self.out = out
        if out is None:
            self.manifest = Manifest(None)
            self._fh: IO[str] = sys.stdout
            return
        self.manifest = Manifest(out.with_name(out.name + ".manifest.jsonl"))
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
        kept = []
        if out.exists():
            for line in out.read_text(encoding="utf-8").splitlines():
                try:
                    art_id = json.loads(line)["article"]["id"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
                if art_id in self.manifest.done:
                    kept.append(line)
        exports.write_atomic(out, "".join(line + "\n" for line in kept))
        ids = {json.loads(line)["article"]["id"] for line in kept}
        self.manifest.done = {k: v for k, v in self.manifest.done.items() if k in ids}

    def is_current(self, article_id: str, fp: str) -> bool:
        return self.out is not None and self.manifest.done.get(article_id) == fp

    def write(self, article: ArticleGraph, fp: str) -> None:
        self._fh.write(json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()  # the line is complete before the manifest vouches for it
        self.manifest.record(article.id, fp)

    def close(self) -> None:
        if self._fh is not sys.stdout:
            self._fh.close()
        self.manifest.close()
