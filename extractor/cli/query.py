"""``newsgraph query``: a SPARQL query over a corpus store or an RDF file."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .common import fail_usage, out_console


class QueryOutput(StrEnum):
    """How the answer is printed: a table for people, CSV or SPARQL JSON results for programs."""

    table = "table"
    csv = "csv"
    json = "json"


def query(
    target: Annotated[
        Path, typer.Argument(help="An Oxigraph store directory or an RDF file (.ttl .nt .nq .trig .jsonld).")
    ],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK or CONSTRUCT query, or - to read it from stdin.")],
    output: Annotated[
        QueryOutput, typer.Option("--output", help="A table to read, or CSV or SPARQL JSON results for programs.")
    ] = QueryOutput.table,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Let the query ask remote endpoints (SPARQL SERVICE).")
    ] = False,
) -> None:
    """Answer a SPARQL query; the prefixes ng:, ngr:, schema:, prov:, dcterms:, rdfs:, owl:, xsd:, wd: are declared."""
    from ..export.store import QueryError
    from ..export.store import query as run_query

    text = sys.stdin.read() if sparql == "-" else sparql
    try:
        answer = run_query(target, text, allow_service=allow_service)
    except QueryError as error:
        raise fail_usage(str(error)) from None
    console = out_console()
    if output is QueryOutput.csv:
        sys.stdout.write(answer.to_csv())
    elif output is QueryOutput.json:
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
