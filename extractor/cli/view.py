"""``newsgraph view``: an article or a corpus drawn as an offline HTML page or a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..model.usage import UsageError
from .common import EXIT_ARTICLE_FAILED, err, report, usage_exit


def view(
    paths: Annotated[
        list[Path], typer.Argument(help="Article JSON files, or directories of them (drawn as one corpus).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="graph.html (interactive, offline), graph.png or graph.svg.")
    ],
) -> None:
    """Draw a graph: one self-contained interactive HTML page, or a PNG or SVG picture."""
    from ..export.outputs import draw

    failed = 0

    def on_error(path: Path, reason: str) -> None:
        nonlocal failed
        failed += 1
        report("error", path, reason)

    try:
        written = draw(paths, out, on_error)
    except UsageError as error:
        raise usage_exit(error) from None
    err.print(f"newsgraph: {written}", markup=False)
    if failed:  # drawn without them, as merge does
        raise typer.Exit(EXIT_ARTICLE_FAILED)
