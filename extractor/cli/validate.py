"""``newsgraph validate``: RDF files checked against the SHACL shapes newsgraph ships."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_ARTICLE_FAILED, fail_usage


def validate(
    paths: Annotated[list[Path], typer.Argument(help="RDF files written by newsgraph (.ttl .nt .nq .trig .jsonld).")],
) -> None:
    """Check RDF against the SHACL shapes shipped with newsgraph; exit 1 when it does not conform."""
    from ..export.rdf.formats import RDFReadError
    from ..export.validate import validate_file

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
