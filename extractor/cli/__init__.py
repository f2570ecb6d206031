"""The ``newsgraph`` command: parses arguments, calls the library, prints. No logic here.

One module per command, and ``common`` for what they share. Module level imports typer, rich and the
light model modules only; each command imports what it uses inside its function, so --help, merge, query
and validate start without loading spaCy (and --help without networkx, rdflib or the readers)."""

from __future__ import annotations

import sys

import typer

from . import extract, merge, query, show, validate, view
from .common import EXIT_INTERRUPTED, err

app = typer.Typer(
    name="newsgraph",
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles into knowledge graphs: article JSON, networkx graphs, RDF.",
)
# in this order in --help
app.command()(extract.extract)
app.command()(show.show)
app.command(name="merge")(merge.merge_articles)
app.command()(view.view)
app.command()(query.query)
app.command()(validate.validate)


def main() -> None:
    """The console script: Ctrl-C ends with one line and the shell's 130, not a traceback (a batch says
    itself how far it got; this catches Ctrl-C anywhere else)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsgraph: interrupted", markup=False)
        sys.exit(EXIT_INTERRUPTED)
