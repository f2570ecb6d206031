"""``newsgraph show``: the entities and relations of the articles of one file, as tables, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..model.facts import Failure
from ..model.usage import UsageError, iso_date
from .common import EXIT_ARTICLE_FAILED, ModelOption, PublishedOption, out_console, report, usage_exit

if TYPE_CHECKING:
    from rich.console import Console

    from ..model.facts import ArticleGraph


class ShowOutput(StrEnum):
    """Tables to read, or for programs CSV (one row per relation) or JSON Lines (one article JSON a line)."""

    table = "table"
    csv = "csv"
    json = "json"


RELATION_COLUMNS = (
    "article",
    "subject",
    "subject_type",
    "predicate",
    "object",
    "object_type",
    "amount",
    "currency",
    "date",
    "round",
    "status",
    "confidence",
    "evidence",
)


def show(
    path: Annotated[
        str,
        typer.Argument(
            help="One file: an article (.txt .md .html), a JSON Lines feed (each article, or --id), "
            "article JSON that extract wrote (shown as it is), or - for stdin."
        ),
    ],
    article_id: Annotated[
        str | None, typer.Option("--id", help="Only the article with this id (of a JSON Lines feed).")
    ] = None,
    output: Annotated[
        ShowOutput,
        typer.Option("--output", help="table to read; csv (a row per relation) or json (JSON Lines) for programs."),
    ] = ShowOutput.table,
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Print the entities and relations of each article of a file."""
    failed = False
    writer = csv.writer(sys.stdout, lineterminator="\n") if output is ShowOutput.csv else None
    if writer is not None:
        writer.writerow(RELATION_COLUMNS)
    console = out_console()
    try:
        for article in articles_of(path, article_id, model, published):
            if isinstance(article, Failure):
                report("error", article.source or article.id, article.error)
                failed = True
            elif writer is not None:
                writer.writerows(relation_rows(article))
            elif output is ShowOutput.json:
                sys.stdout.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
            else:
                print_tables(console, article)
    except UsageError as error:
        raise usage_exit(error) from None
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


def articles_of(
    path: str, article_id: str | None, model: str | None, published: str | None
) -> Iterator[ArticleGraph | Failure]:
    """Article JSON is shown as it is, without loading spaCy; anything else is extracted."""
    from ..io.readers import STDIN

    iso_date(published)
    if path != STDIN and Path(path).suffix.lower() == ".json":
        from ..graph.corpus import read_article_json

        return iter([read_article_json(path, article_id)])
    from ..nlp import api

    return api.file_graphs(path, article_id=article_id, model=model, published=published)


def relation_rows(article: ArticleGraph) -> list[list[str]]:
    entities = {e.id: e for e in article.entities}
    rows = []
    for r in article.relations:
        s, o = entities[r.subject], entities[r.object]
        amount = r.amount or {}
        rows.append(
            [
                article.id,
                s.name,
                s.type,
                r.predicate,
                o.name,
                o.type,
                str(amount.get("value", "")),
                str(amount.get("currency", "")),
                r.date or "",
                r.round or "",
                r.status,
                f"{r.confidence:.2f}",
                r.evidence.text,
            ]
        )
    return rows


def print_tables(console: Console, article: ArticleGraph) -> None:
    from rich.table import Table

    title = article.title or article.id
    ents = Table("id", "name", "type", "kind", "aliases", "wikidata", title=f"Entities: {title}", title_justify="left")
    for e in article.entities:
        ents.add_row(e.id, e.name, e.type, e.kind or "", ", ".join(e.aliases), e.wikidata or "")
    names = {e.id: e.name for e in article.entities}
    rels = Table(
        "subject", "predicate", "object", "amount", "date", "status", "conf.", "evidence",
        title="Relations", title_justify="left",
    )  # fmt: skip
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
            r.evidence.text if not console.is_terminal else r.evidence.text[:80],
        )
    console.print(ents)
    console.print(rels)
