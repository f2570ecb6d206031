"""Regenerate the shipped files derived from the vocabulary: ``python -m extractor.regenerate [--check]``.

A module of its own (not ``extractor.model.vocabulary``'s ``__main__``) because the package imports the
vocabulary at start-up, and running an already-imported module with ``-m`` loads it twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .model.vocabulary import Vocabulary, vocabulary


def generated_files(vocab: Vocabulary) -> dict[Path, str]:
    """Each shipped file derived from the vocabulary, with the text it should have."""
    from .export.rdf.generate import ontology_text, shapes_text
    from .model.schema import schema_text

    package = Path(__file__).resolve().parent
    return {
        package / "model" / "schema" / "article.schema.json": schema_text(vocab),
        package / "export" / "rdf" / "ontology.ttl": ontology_text(vocab),
        package / "export" / "rdf" / "shapes.ttl": shapes_text(vocab),
    }


def main(argv: list[str]) -> int:
    """Write the stale files; with ``--check``, only name them and exit 1 if there are any."""
    stale = {path: text for path, text in generated_files(vocabulary()).items() if path.read_text("utf-8") != text}
    for path, text in stale.items():
        if "--check" in argv:
            print(f"stale: {path} (run python -m extractor.regenerate)")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
