"""The seed article end to end, the dev set's accuracy, and graphs/ kept current."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "amazon-anthropic-8b.txt"
GRAPH_FORMATS = "all,png"


def test_seed_end_to_end(run) -> None:
    article = run(SEED.read_text())
    found = article.triples()
    for expected in [
        ("Amazon", "invests_in", "Anthropic"),
        ("Google", "invests_in", "Anthropic"),
        ("Microsoft", "invests_in", "OpenAI"),
        ("Anthropic", "uses", "Trainium"),
        ("Anthropic", "uses", "Inferentia"),
        ("Anthropic", "develops", "Claude"),
        ("Annapurna Labs", "part_of", "Amazon Web Services"),
        ("Claude 3 Haiku", "part_of", "Claude"),
        ("Claude", "available_on", "Amazon Bedrock"),
        ("Competition and Markets Authority", "approves", "Anthropic"),
        ("Federal Trade Commission", "investigates", "Anthropic"),
    ]:
        assert expected in found, expected
    amounts = {r.amount["value"] for r in article.relations if r.predicate == "invests_in" and r.amount}
    assert amounts == {8_000_000_000, 4_000_000_000, 2_000_000_000}
    aws = article.by_name("AWS")
    assert aws is not None and aws.name == "Amazon Web Services"


def load_scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval is not beside this checkout")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_accuracy(tmp_path: Path, capsys) -> None:
    """The issue's bar on ../shared/eval/dev, measured with the shared scorer."""
    score = load_scorer()
    out = tmp_path / "pred"
    result = CliRunner().invoke(app, ["extract", str(SHARED / "eval" / "dev" / "articles"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    capsys.readouterr()
    assert score.main([str(SHARED / "eval" / "dev" / "gold"), str(out), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["relations"]["f"] >= 0.85 and figures["relations"]["p"] >= 0.90
    assert figures["entities"]["f"] >= 0.90
    assert figures["amounts"]["f"] >= 0.85
    assert figures["dates"]["f"] >= 0.80


def test_graphs_are_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """graphs/ must be what `newsgraph extract seeds --out graphs --format ...` writes now."""
    monkeypatch.chdir(REPO)
    out = tmp_path / "graphs"
    result = CliRunner().invoke(app, ["extract", "seeds", "--out", str(out), "--format", GRAPH_FORMATS])
    assert result.exit_code == 0, result.output
    fresh = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    kept = {p.name: p.read_bytes() for p in (REPO / "graphs").iterdir() if not p.name.startswith(".")}
    assert fresh.keys() == kept.keys()
    # pictures go through the machine's font rasteriser: same names, not necessarily the same bytes
    stale = sorted(n for n in fresh if fresh[n] != kept[n] and not n.endswith(".png"))
    assert not stale, (
        f"graphs/ is stale for {stale}; regenerate with: newsgraph extract seeds --out graphs --format {GRAPH_FORMATS}"
    )
