"""``newsgraph show``: one article's entities and relations as tables on the terminal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..model.facts import Failure
from .common import EXIT_ARTICLE_FAILED, ModelOption, PublishedOption, check_date, fail_usage, load_model, report


def show(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Print the entities and relations of one article as tables."""
    from ..io import readers
    from ..nlp import api

    published = check_date(published)
    inputs = readers.discover([path])
    if inputs.problems:
        raise fail_usage(inputs.problems[0])
    if len(inputs) != 1:
        raise fail_usage(f"{path}: show takes one article, found {len(inputs)}")
    item = next(readers.read_all(inputs, published), None)
    if item is None:
        raise fail_usage(f"{path}: no article in it")
    if isinstance(item, Failure):
        report("error", item.source, item.error)
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    article = api.extract_article(item, nlp=load_model(model))
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
