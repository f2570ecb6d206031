"""Throughput and memory of batch extraction, measured in one run. Prints figures; asserts nothing.

    python benchmarks/throughput.py [--articles 600] [--repeat 3] [--memory 1000,10000] [--batch-size 32]

Builds a corpus from seeds/ and the dev articles (../shared/eval/dev/articles when present), each
article repeated with its own id, then measures:

- articles/s and words/s of the bare base pipeline (nlp.pipe of the same spaCy model, same batch
  size) and of the full extraction (newsgraph's engines, article graphs built, nothing written),
  for 1 and 2 processes, each the best of --repeat runs taken in turn (the usual way to time code
  on a machine that is doing other things too);
- the same full extraction writing what `newsgraph extract DIR --out OUT` writes (the run of the CLI,
  relations at the default --min-confidence, files made durable): article JSON only, and with
  `--format all`, into a temporary directory under --out-dir (the disk's speed at fsync counts);
  "vs json" is the throughput beside that of writing JSON only;
- the peak RSS of a whole `newsgraph extract` run (one process, writing article JSON) for each
  corpus size in --memory, to show that memory stays flat however many articles there are.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.model.settings import Settings  # noqa: E402
from extractor.nlp.pipeline import default_model  # noqa: E402
from extractor.run import engines  # noqa: E402
from extractor.text.article import from_text  # noqa: E402


def source_texts() -> list[str]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    dev = REPO.parent / "shared" / "eval" / "dev" / "articles"
    if dev.exists():
        paths += sorted(dev.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def corpus(n: int) -> list[tuple[str, str]]:
    texts = source_texts()
    return [(f"article-{i:06d}", texts[i % len(texts)]) for i in range(n)]


def bare(texts: list[str], batch_size: int, processes: int) -> float:
    import spacy

    nlp = spacy.load(default_model())
    if processes > 1:  # warm the workers' start-up out of the measurement, as for the full run
        list(nlp.pipe(texts[: batch_size * processes], batch_size=batch_size, n_process=processes))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def full(items: list[tuple[str, str]], batch_size: int, jobs: int) -> float:
    articles = [from_text(text, art_id) for art_id, text in items]
    warm = articles[: batch_size * jobs]
    settings = Settings(batch_size=batch_size)
    for _ in engines.run(warm, jobs=jobs, settings=settings):
        pass
    start = time.perf_counter()
    for _ in engines.run(articles, jobs=jobs, settings=settings):
        pass
    return time.perf_counter() - start


def written(items: list[tuple[str, str]], batch_size: int, jobs: int, formats: str, out_dir: Path | None) -> float:
    """Seconds of a batch run as ``newsgraph extract`` makes it, writing ``formats`` ("" for JSON only)."""
    from extractor.export.writers import parse_formats
    from extractor.model.defaults import DEFAULT_MIN_CONFIDENCE
    from extractor.run.batch import run_batch
    from extractor.run.sinks import DirectorySink

    names = parse_formats(formats) if formats else ()
    articles = [from_text(text, art_id) for art_id, text in items]
    with tempfile.TemporaryDirectory(dir=out_dir, prefix="throughput-") as tmp:

        def run(batch: list, name: str) -> float:
            sink = DirectorySink(Path(tmp) / name, names, resume=False)
            start = time.perf_counter()
            summary = run_batch(
                batch,
                sink,
                formats=names,
                jobs=jobs,
                batch_size=batch_size,
                min_confidence=DEFAULT_MIN_CONFIDENCE,
            )
            assert summary.articles == len(batch) and not summary.failed, summary.line()
            return time.perf_counter() - start

        run(articles[: batch_size * jobs], "warm")
        return run(articles, "out")


def peak_rss_mb(n: int, batch_size: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for art_id, text in corpus(n):
                fh.write(json.dumps({"id": art_id, "text": text}) + "\n")
        code = (
            "import resource, sys; from extractor.cli import main; sys.argv = sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        args = [
            sys.executable,
            "-c",
            code,
            "newsgraph",
            "extract",
            str(feed),
            "--out",
            str(Path(tmp) / "out"),
            "--jobs",
            "1",
            "--batch-size",
            str(batch_size),
        ]
        done = subprocess.run(args, capture_output=True, text=True, check=True, cwd=REPO)
        return int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600, help="corpus size for the throughput runs")
    parser.add_argument("--memory", default="1000,10000", help="corpus sizes for the peak-RSS runs ('' for none)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts")
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where the writing runs write (default: the temporary directory)"
    )
    parser.add_argument("--no-writes", action="store_true", help="leave out the runs that write files")
    args = parser.parse_args()

    items = corpus(args.articles)
    texts = [t for _, t in items]
    words = sum(len(t.split()) for t in texts)
    print(
        f"corpus: {len(items)} articles, {words} words; model {default_model()}; batch size {args.batch_size}; "
        f"best of {max(1, args.repeat)} runs"
    )
    writes = {} if args.no_writes else {"json": "", "all": "all"}
    print(f"{'':38}{'articles/s':>12}{'words/s':>12}{'vs bare':>10}{'vs 1 proc':>11}{'vs json':>9}")
    results: dict[tuple[str, int], float] = {}
    for _ in range(max(1, args.repeat)):
        for processes in (1, 2):
            timings = {"bare": bare(texts, args.batch_size, processes), "full": full(items, args.batch_size, processes)}
            for kind, formats in writes.items():
                timings[kind] = written(items, args.batch_size, processes, formats, args.out_dir)
            for kind, seconds in timings.items():
                results[(kind, processes)] = min(seconds, results.get((kind, processes), float("inf")))
    labels = {
        "bare": "bare pipeline",
        "full": "full pipeline",
        "json": "full, writing JSON",
        "all": "full, writing --format all",
    }
    for kind in ("bare", "full", *writes):
        for processes in (1, 2):
            seconds = results[(kind, processes)]
            vs_bare = results[("bare", processes)] / seconds
            vs_one = results[(kind, 1)] / seconds
            vs_json = f"{results[('json', processes)] / seconds:9.2f}" if kind in writes else ""
            label = f"{labels[kind]}, {processes} process{'es' if processes > 1 else ''}"
            rate = f"{len(texts) / seconds:12.1f}{words / seconds:12.0f}"
            print(f"{label:38}{rate}{vs_bare:10.2f}{vs_one:11.2f}{vs_json}")
    sizes = [int(s) for s in args.memory.split(",") if s.strip()]
    rss = {n: peak_rss_mb(n, args.batch_size) for n in sizes}
    for n, mb in rss.items():
        print(f"peak RSS of `newsgraph extract` over {n} articles, 1 process: {mb:.0f} MB")
    if len(sizes) >= 2:
        first, last = rss[sizes[0]], rss[sizes[-1]]
        print(f"peak RSS at {sizes[-1]} vs {sizes[0]} articles: {100 * (last - first) / first:+.1f}%")
    print(f"(measured on {resource.getpagesize()}-byte pages; figures vary with the machine and its load)")


if __name__ == "__main__":
    main()
