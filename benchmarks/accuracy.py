"""Accuracy by confidence: precision and recall at thresholds, and per rule. Prints figures.

    python benchmarks/accuracy.py [--gold ../shared/eval/dev/gold --articles ../shared/eval/dev/articles]
                                  [--conll dev] [--thresholds 0,0.5,0.6,0.7,0.8,0.9] [--rules]

Extracts the articles once with every relation kept (confidence 0 and up), then scores the
predictions with the project's scorers (``../shared/eval/score.py``, and with ``--conll SPLIT``
``../shared/external/score_conll04.py`` on that CoNLL04 split) keeping only relations at or
above each threshold: what ``newsgraph extract --min-confidence T`` would give. ``--rules``
adds, per rule, how many of its relations are required gold facts, optional ones, or wrong on
the dev set: what its confidence should say.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def extract(inputs: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "extractor", "extract", str(inputs), "--out", str(out), "--min-confidence", "0"]
    subprocess.run(cmd, check=True, capture_output=True, text=True)


def filtered(pred: Path, threshold: float, into: Path) -> Path:
    """A copy of the article JSON in ``pred`` without the relations below ``threshold``."""
    into.mkdir(parents=True, exist_ok=True)
    for f in pred.glob("*.json"):
        doc = json.loads(f.read_text(encoding="utf-8"))
        doc["relations"] = [r for r in doc.get("relations", []) if r.get("confidence", 1.0) >= threshold]
        (into / f.name).write_text(json.dumps(doc), encoding="utf-8")
    return into


def dev_scores(gold: Path, pred: Path, score_module) -> dict:  # noqa: ANN001  (a module loaded by path)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        score_module.main([str(gold), str(pred), "--json"])
    return json.loads(out.getvalue())


def rule_counts(gold: Path, pred: Path, score_module) -> dict[str, Counter]:  # noqa: ANN001
    """Per rule: required (tp), optional, wrong (fp) relations, as score.py would count them. Each
    rule is judged on every triple it finds, also one another rule found too (a deal told again
    carries its own sum and date), so that every rule's confidence can be measured."""
    counts: dict[str, Counter] = {}
    for gf in sorted(gold.glob("*.json")):
        pf = pred / gf.name
        if not pf.exists():
            continue
        g = score_module.Gold(json.loads(gf.read_text(encoding="utf-8")))
        doc = json.loads(pf.read_text(encoding="utf-8"))
        ents = {e["id"]: e for e in doc["entities"]}
        match = {eid: g.match(e) for eid, e in ents.items()}
        seen: set[tuple] = set()
        for r in sorted(doc["relations"], key=lambda r: -r.get("confidence", 1.0)):
            key = score_module.triple(
                r["predicate"],
                match.get(r["subject"]) or "?" + ents[r["subject"]]["name"],
                match.get(r["object"]) or "?" + ents[r["object"]]["name"],
            )
            if (r.get("rule"), key) in seen:
                continue
            seen.add((r.get("rule"), key))
            verdict = "tp" if key in g.required else "optional" if key in g.optional else "fp"
            counts.setdefault(r.get("rule", "?"), Counter())[verdict] += 1
    return counts


def load_module(path: Path, name: str):  # noqa: ANN201
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.path.insert(0, str(path.parent))
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev" / "gold")
    ap.add_argument("--articles", type=Path, default=SHARED / "eval" / "dev" / "articles")
    ap.add_argument("--conll", choices=["train", "dev", "test"], help="also score this CoNLL04 split")
    ap.add_argument("--thresholds", default="0,0.5,0.6,0.7,0.8,0.9")
    ap.add_argument("--rules", action="store_true", help="per-rule counts on the dev set")
    a = ap.parse_args()
    thresholds = [float(t) for t in a.thresholds.split(",")]
    score = load_module(SHARED / "eval" / "score.py", "score")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        extract(a.articles, work / "dev")
        print(f"{a.articles} (score.py), relations kept at confidence >= T:")
        print(f"{'T':>5} {'P':>6} {'R':>6} {'F1':>6} {'amounts F1':>11} {'dates F1':>9}")
        for t in thresholds:
            s = dev_scores(a.gold, filtered(work / "dev", t, work / f"dev-{t}"), score)
            rel, amounts, dates = s["relations"], s["amounts"]["f"], s["dates"]["f"]
            print(f"{t:5.2f} {rel['p']:6.3f} {rel['r']:6.3f} {rel['f']:6.3f} {amounts:11.3f} {dates:9.3f}")
        if a.rules:
            print("\nper rule on the dev set (required / optional / wrong):")
            counts = rule_counts(a.gold, work / "dev", score)
            for rule, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
                n = c["tp"] + c["fp"]
                precision = c["tp"] / n if n else 0.0
                print(f"  {rule:34} {c['tp']:4} {c['optional']:4} {c['fp']:4}   precision {precision:.2f}")
        if a.conll:
            conll = load_module(SHARED / "external" / "conll04.py", "conll04")
            sc = load_module(SHARED / "external" / "score_conll04.py", "score_conll04")
            conll.convert(SHARED / "external" / "conll04" / f"conll04_{a.conll}.json", work / "conll", a.conll)
            extract(work / "conll" / "input.jsonl", work / "conll-pred")
            print(f"\nCoNLL04 {a.conll} (score_conll04.py, strict; works_for + located_in), confidence >= T:")
            print(f"{'T':>5} {'P':>6} {'R':>6} {'F1':>6}")
            for t in thresholds:
                golds = sc.load_gold(work / "conll" / "gold.jsonl")
                res = sc.score(golds, filtered(work / "conll-pred", t, work / f"conll-{t}"), False)
                m = res["relations"]["micro"]
                print(f"{t:5.2f} {m['p']:6.3f} {m['r']:6.3f} {m['f']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
