"""Finding articles on disk (files, directories, stdin) without reading them all at once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .api import Failure, read_article
from .article import ArticleError, ArticleText, from_text

ARTICLE_SUFFIXES = (".txt", ".md")
STDIN = "-"


@dataclass
class Inputs:
    """Article files found under the given paths, and the paths that were unusable."""

    files: list[Path] = field(default_factory=list)
    stdin: bool = False
    problems: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.files) + int(self.stdin)


def discover(paths: list[str]) -> Inputs:
    """Files as given, directories searched recursively for ``.txt``/``.md``, in sorted order."""
    found = Inputs()
    for raw in paths:
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            if not files:
                found.problems.append(f"{raw}: no .txt or .md articles in this directory")
            found.files.extend(files)
        elif path.is_file():
            found.files.append(path)
        elif path.exists():
            found.problems.append(f"{raw}: not a regular file or directory")
        else:
            found.problems.append(f"{raw}: no such file or directory")
    return found


def articles(inputs: Inputs, published: str | None = None) -> Iterator[ArticleText | Failure]:
    for path in inputs.files:
        yield read_article(path, published)
    if inputs.stdin:
        try:
            yield from_text(sys.stdin.read(), "stdin", source=STDIN, published=published)
        except ArticleError as err:
            yield Failure("stdin", STDIN, str(err))
