"""``newsgraph show``: one article's entities and relations as tables on the terminal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..model.facts import Failure
from ..model.usage import UsageError
from .common import EXIT_ARTICLE_FAILED, ModelOption, PublishedOption, report, usage_exit


def show(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Print the entities and relations of one article as tables."""
    from ..nlp import api

    try:
        article = api.extract_file(path, model=model, published=published)
    except UsageError as error:
        raise usage_exit(error) from None
    if isinstance(article, Failure):
        report("error", article.source, article.error)
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    console = Console(highlight=False)
    title = article.title or article.id
    ents = Table("id", "name", "type", "kind", "aliases", "wikidata", title=f"Entities: {title}", title_justify="left")
    for e in article.entities:
        ents.add_row(e.id, e.name, e.type, e.kind or "", ", ".join(e.aliases), e.wikidata or "")
    names = {e.id: e.name for e in article.entities}
    rels = Table(
        "subject",
        "predicate",
        "object",
        "amount",
        "date",
        "status",
        "conf.",
        "evidence",
        title="Relations",
        title_justify="left",
    )
    for r in article.relations:
        amount = r.amount["text"] if r.amount else ""
        rels.add_row(
            names[r.subject],
            r.predicate,
            names[r.object],
            amount,
            r.date or "",
            r.status,
            f"{r.confidence:.2f}",
            r.evidence.text[:80],
        )
    console.print(ents)
    console.print(rels)
