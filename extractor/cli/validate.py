"""``newsgraph validate``: RDF files checked against the SHACL shapes newsgraph ships."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..model.usage import UsageError
from .common import EXIT_ARTICLE_FAILED, usage_exit


def validate(
    paths: Annotated[list[Path], typer.Argument(help="RDF files written by newsgraph (.ttl .nt .nq .trig .jsonld).")],
) -> None:
    """Check RDF against the SHACL shapes shipped with newsgraph; exit 1 when it does not conform."""
    from ..export.validate import validate_files

    bad = 0
    try:
        for path, violations in validate_files(paths):
            if violations:
                bad += 1
                print(f"{path}: does not conform ({len(violations)} violations)")
                for v in violations:
                    print(f"  {v}")
            else:
                print(f"{path}: conforms")
    except UsageError as error:
        raise usage_exit(error) from None
    if bad:
        raise typer.Exit(EXIT_ARTICLE_FAILED)
