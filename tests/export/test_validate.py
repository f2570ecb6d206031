"""validate_files: each file's SHACL violations in turn, and what is not a readable RDF file refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.export.validate import validate_files
from extractor.model.usage import UsageError

GRAPHS = Path(__file__).resolve().parents[2] / "graphs"
SEED_TTL = GRAPHS / "amazon-anthropic-8b.ttl"


def test_each_file_in_turn_then_the_bad_path(tmp_path: Path) -> None:
    """Lazily: the files before a bad path are checked (and printed by the command) before it is refused."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x> a ng:Product ; rdfs:label 'X' ; ng:kind 'gizmo' .\n"
    )
    checked = validate_files([SEED_TTL, bad, tmp_path / "nope.ttl"])
    assert next(checked) == (SEED_TTL, [])
    path, violations = next(checked)
    assert path == bad and any("ng:kind" in str(v) for v in violations)
    with pytest.raises(UsageError) as raised:
        next(checked)
    assert raised.value.messages == (f"{tmp_path / 'nope.ttl'}: no such file or store",)


def test_a_file_that_is_not_rdf_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    with pytest.raises(UsageError, match="broken.ttl: not valid ttl"):
        list(validate_files([broken]))


def test_a_store_directory_is_validated(tmp_path: Path) -> None:
    """validate takes what merge --out STORE writes, not only RDF files; a directory that is no store is refused."""
    import json

    from extractor import ArticleGraph
    from extractor.export.store import write_store
    from extractor.graph.corpus import merge

    article = ArticleGraph.from_json(json.loads((GRAPHS / "amazon-anthropic-8b.json").read_text()))
    store = tmp_path / "store"
    write_store(merge([article]).to_rdf(), store)
    assert list(validate_files([store])) == [(store, [])]
    (tmp_path / "plain").mkdir()
    with pytest.raises(UsageError) as raised:
        list(validate_files([tmp_path / "plain"]))
    assert "not an Oxigraph store" in raised.value.messages[0]
