"""The ``newsgraph`` command: parses arguments, calls the library, prints. No logic here.

One module per command, and ``common`` for what they share. Module level imports typer, rich and the
light model modules only; each command imports what it uses inside its function, so --help, merge, query
and validate start without loading spaCy (and --help without networkx, rdflib or the readers)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import extract, merge, query, show, validate, view
from .common import EXIT_INTERRUPTED, err
from .helptext import Command, Group

app = typer.Typer(
    name="newsgraph",
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn news articles into knowledge graphs: article JSON, networkx graphs, RDF.",
)
# in this order in --help
app.command(cls=Command)(extract.extract)
app.command(cls=Command)(show.show)
app.command(name="merge", cls=Command)(merge.merge_articles)
app.command(cls=Command)(view.view)
app.command(cls=Command)(query.query)
app.command(cls=Command)(validate.validate)


def print_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def newsgraph(
    version: Annotated[
        bool,
        typer.Option("--version", callback=print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn news articles into knowledge graphs: article JSON, networkx graphs, RDF."""


def main() -> None:
    """The console script: Ctrl-C ends with one line and the shell's 130, not a traceback (a batch says
    itself how far it got; this catches Ctrl-C anywhere else)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsgraph: interrupted", markup=False)
        sys.exit(EXIT_INTERRUPTED)
