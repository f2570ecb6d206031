"""Calibrate each rule's confidence to its measured precision. Prints figures; --write updates the rules.

    python benchmarks/calibrate.py [--gold DIR --articles DIR]... [--conll train] [--prior 5] [--write]

A rule's ``confidence`` should say how likely a fact it finds is right. This script extracts the
given gold sets (by default the dev set; add ``--gold/--articles`` pairs for more) and, with
``--conll SPLIT``, a CoNLL04 split for the two relations CoNLL04 annotates, counts for every rule
how many of its facts are required gold facts (right) and how many are not in the gold at all
(wrong; optional facts count neither way), and sets

    confidence = (right + prior * written) / (right + wrong + prior)

where ``written`` is the confidence the rule's author gave it: with little evidence the author's
estimate stands, with much the measurement wins. ``--write`` rewrites the ``confidence`` field of
each rule in ``extractor/resources/rules/*.jsonl`` in place (nothing else changes). Report accuracy
at thresholds on sets that were not used here (``benchmarks/accuracy.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import SHARED, extract, load_module, rule_counts  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "extractor" / "resources" / "rules"
LOWEST, HIGHEST = 0.3, 0.97
CONLL_PREDICATES = ("works_for", "located_in")


def conll_counts(split: str, work: Path) -> dict[str, Counter]:
    """Per rule: right and wrong works_for/located_in facts on a CoNLL04 split (strict matching)."""
    conll = load_module(SHARED / "external" / "conll04.py", "conll04")
    sc = load_module(SHARED / "external" / "score_conll04.py", "score_conll04")
    conll.convert(SHARED / "external" / "conll04" / f"conll04_{split}.json", work / "conll", split)
    extract(work / "conll" / "input.jsonl", work / "conll-pred")
    docs = {f: json.loads(f.read_text(encoding="utf-8")) for f in (work / "conll-pred").glob("*.json")}
    rules = {r.get("rule") for d in docs.values() for r in d["relations"] if r["predicate"] in CONLL_PREDICATES}
    counts: dict[str, Counter] = {}
    for rule in sorted(r for r in rules if r):
        out = work / f"conll-{rule}"
        out.mkdir()
        for f, d in docs.items():
            kept = [r for r in d["relations"] if r.get("rule") == rule]
            (out / f.name).write_text(json.dumps({**d, "relations": kept}), encoding="utf-8")
        res = sc.score(sc.load_gold(work / "conll" / "gold.jsonl"), out, False)
        micro = res["relations"]["micro"]
        counts[rule] = Counter(tp=micro["tp"], fp=micro["fp"])
    return counts


def written_confidences() -> dict[str, float]:
    return {
        row["id"]: float(row.get("confidence", 0.8))
        for f in sorted(RULES.glob("*.jsonl"))
        for row in (json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    }


def calibrated(right: int, wrong: int, written: float, prior: float) -> float:
    value = (right + prior * written) / (right + wrong + prior)
    return round(min(HIGHEST, max(LOWEST, value)), 2)


def write(new: dict[str, float]) -> int:
    """Rewrite the confidence of each rule in place; the rest of each line is kept as it was."""
    changed = 0
    for f in sorted(RULES.glob("*.jsonl")):
        lines = []
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["id"] in new and row.get("confidence") != new[row["id"]]:
                    row["confidence"] = new[row["id"]]
                    changed += 1
                line = json.dumps(row, ensure_ascii=False)
            lines.append(line)
        f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, action="append", help="a gold directory (repeat with --articles)")
    ap.add_argument("--articles", type=Path, action="append", help="the articles of the --gold before it")
    ap.add_argument("--conll", choices=["train", "dev"], help="also count works_for/located_in on this split")
    ap.add_argument("--prior", type=float, default=5.0, help="weight of the written confidence, in facts")
    ap.add_argument("--write", action="store_true", help="rewrite the rules' confidences")
    a = ap.parse_args()
    golds = a.gold or [SHARED / "eval" / "dev" / "gold"]
    articles = a.articles or [SHARED / "eval" / "dev" / "articles"]
    if len(golds) != len(articles):
        ap.error("give one --articles per --gold")
    score = load_module(SHARED / "eval" / "score.py", "score")
    total: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n, (gold, arts) in enumerate(zip(golds, articles, strict=True)):
            extract(arts, work / f"set{n}")
            for rule, c in rule_counts(gold, work / f"set{n}", score).items():
                total.setdefault(rule, Counter()).update(c)
        if a.conll:
            for rule, c in conll_counts(a.conll, work).items():
                total.setdefault(rule, Counter()).update(c)
    written = written_confidences()
    new: dict[str, float] = {}
    print(f"{'rule':36} {'right':>5} {'wrong':>5} {'written':>7} {'calibrated':>10}")
    for rule in sorted(total, key=lambda r: -sum(total[r].values())):
        if rule not in written:
            continue
        c = total[rule]
        new[rule] = calibrated(c["tp"], c["fp"], written[rule], a.prior)
        print(f"{rule:36} {c['tp']:5} {c['fp']:5} {written[rule]:7.2f} {new[rule]:10.2f}")
    if a.write:
        print(f"{write(new)} confidences rewritten in {RULES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
