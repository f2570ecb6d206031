"""Time newsgraph's pattern matcher against spaCy's DependencyMatcher on the packaged rules. Prints figures.

    python benchmarks/matcher.py [--repeat 5]

Parses the seed and dev articles once, then matches every pattern of the packaged rules over them
with both matchers (checking they find the same matches) and prints the time per article of each.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from spacy.matcher import DependencyMatcher  # noqa: E402

from extractor.nlp.components.relations import packaged_rules  # noqa: E402
from extractor.nlp.pipeline import shared  # noqa: E402
from extractor.nlp.rules.pattern import DocArrays, compile_pattern, match  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO.parent / "shared/eval/dev/articles").glob("*.txt"))
    nlp = shared()
    docs = list(nlp.pipe(p.read_text(encoding="utf-8") for p in paths))
    patterns = [p for rule in packaged_rules().rules for p in rule.patterns]
    theirs = DependencyMatcher(nlp.vocab)
    for n, p in enumerate(patterns):
        theirs.add(str(n), [list(p)])
    ours = [compile_pattern(p, nlp.vocab.strings) for p in patterns]

    def run_theirs() -> set[tuple[int, tuple[int, ...]]]:
        return {(d, (int(nlp.vocab.strings[k]), *ids)) for d, doc in enumerate(docs) for k, ids in theirs(doc)}

    def run_ours() -> set[tuple[int, tuple[int, ...]]]:
        found = set()
        for d, doc in enumerate(docs):
            arrays = DocArrays(doc)
            found |= {(d, (n, *ids)) for n, p in enumerate(ours) for ids in match(arrays, p)}
        return found

    timings = {}
    for name, fn in (("spaCy DependencyMatcher", run_theirs), ("newsgraph matcher", run_ours)):
        best = float("inf")
        for _ in range(a.repeat):
            started = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - started)
        timings[name] = (best, result)
    same = timings["spaCy DependencyMatcher"][1] == timings["newsgraph matcher"][1]
    print(f"{len(patterns)} patterns, {len(docs)} articles, best of {a.repeat}; same matches: {same}")
    for name, (seconds, result) in timings.items():
        print(f"  {name:24} {seconds / len(docs) * 1000:8.1f} ms per article ({len(result)} matches)")
    ratio = timings["spaCy DependencyMatcher"][0] / timings["newsgraph matcher"][0]
    print(f"  newsgraph's matcher is {ratio:.0f}x faster")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
