"""Reading articles: what a directory walk takes and passes over; and reading stops at a bound (gzip bombs,
endless stdin, overlong lines, special files, floods of bad records)."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io import readers
from extractor.io.readers import Inputs, read_all, read_path
from extractor.nlp.api import Failure

GOOD = "Oracle partnered with Nvidia to build data centers."
WORKTREE = Path(__file__).resolve().parents[2]
ADDRESS_SPACE = 1 << 30  # a normal small run needs about 400 MiB of address space; the old reader needed a bomb's size
MIB = 1 << 20


def gzip_of(block: bytes, times: int) -> bytes:
    """``block`` repeated ``times`` times, gzipped as that many members: a bomb built in kilobytes."""
    return gzip.compress(block, compresslevel=9) * times


def limited() -> None:
    """In the child: at most ADDRESS_SPACE bytes of address space, so reading a bomb whole fails."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def newsgraph(args: list[str], stdin: int | io.IOBase | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        cwd=WORKTREE,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limited,
    )


def written(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl")


def failures(out: Path) -> list[dict]:
    path = out / "failures.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("newsgraph: error:")]


# -- item 10: bounded reading --------------------------------------------------------------------
def test_gzip_bombs_fail_alone_in_bounded_memory(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD)
    (src / "bomb.txt.gz").write_bytes(gzip_of(bytes(MIB), 1024))  # 1 GiB of zeros
    first = gzip.compress(json.dumps({"id": "first", "text": GOOD}).encode() + b"\n")
    (src / "feed.jsonl.gz").write_bytes(first + gzip_of(b"a" * MIB, 1024))  # then a line of 1 GiB
    (src / "lines.jsonl.gz").write_bytes(gzip_of((b"x" * 99 + b"\n") * 10_000, 1000))  # 10 M bad lines, 1 GB
    (src / "z.txt").write_text(GOOD)
    out = tmp_path / "out"
    result = newsgraph(["extract", str(src), "--out", str(out), "--jobs", "1"])
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1
    assert written(out) == ["a.json", "first.json", "z.json"]
    failed = failures(out)
    by_source = {f["source"]: f["error"] for f in failed}
    assert by_source[str(src / "bomb.txt.gz")].startswith("too long for one article (more than 4,000,004 bytes")
    bombs = [f for f in failed if "decompression bomb" in f["error"]]
    assert [f["source"] for f in bombs] == [str(src / "feed.jsonl.gz"), str(src / "lines.jsonl.gz")]
    from_lines = [f for f in failed if f["source"].startswith(str(src / "lines.jsonl.gz"))]
    assert len(from_lines) == 1002  # 1,000 listed, one line for the rest, one for the bomb
    assert re.fullmatch(r"[\d,]+ more bad records not listed \(1,000 listed\)", from_lines[-2]["error"])
    assert len(errors(result.stderr)) == len(failed)


def test_endless_stdin_ends_with_an_error(tmp_path: Path) -> None:
    with subprocess.Popen(["yes", "Nvidia bought Arm."], stdout=subprocess.PIPE) as endless:
        result = newsgraph(["extract", "-", "--out", str(tmp_path / "out"), "--jobs", "1"], stdin=endless.stdout)
        endless.kill()
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1
    assert "newsgraph: error: -: too long for one article (more than 4,000,004 bytes" in result.stderr


def test_endless_zeros_on_stdin_as_json_lines_end_with_an_error(tmp_path: Path) -> None:
    with subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE) as endless:
        args = ["extract", "-", "--stdin-format", "jsonl", "--out", str(tmp_path / "out"), "--jobs", "1"]
        result = newsgraph(args, stdin=endless.stdout)
        endless.kill()
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1
    assert "newsgraph: error: -: not text (it contains NUL bytes)" in result.stderr


class Endless(io.RawIOBase):
    """An endless stream of ``fill`` that counts what it hands out, and gives up past ``give_up`` bytes."""

    def __init__(self, fill: bytes = b"a", give_up: int = 64 * MIB) -> None:
        self.fill, self.give_up, self.handed = fill, give_up, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        if self.handed > self.give_up:
            raise AssertionError("the reader did not stop")
        n = len(buffer)
        buffer[:n] = (self.fill * (n // len(self.fill) + 1))[:n]
        self.handed += n
        return n


class Stdin:
    def __init__(self, buffer: io.BufferedReader) -> None:
        self.buffer = buffer


def test_stdin_is_read_only_up_to_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = Endless()
    monkeypatch.setattr(sys, "stdin", Stdin(io.BufferedReader(stream)))
    [failure] = list(read_all(Inputs(stdin=True), max_chars=1000))
    assert isinstance(failure, Failure) and failure.error.startswith("too long for one article (more than 4,004 bytes")
    assert stream.handed <= 4004 + 1 + io.DEFAULT_BUFFER_SIZE


def test_json_lines_on_stdin_are_read_a_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": n, "text": GOOD}).encode() + b"\n" for n in range(3)]
    feed = io.BufferedReader(io.BytesIO(lines[0] + b"b" * (16 * MIB) + b"\n" + lines[1] + b"{broken\n" + lines[2]))
    monkeypatch.setattr(sys, "stdin", Stdin(feed))
    tracemalloc.start()
    try:
        items = list(read_all(Inputs(stdin=True), stdin_kind="jsonl", max_chars=1000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(i.id, type(i).__name__) for i in items] == [
        ("0", "ArticleText"),
        ("line-2", "Failure"),
        ("1", "ArticleText"),
        ("line-4", "Failure"),
        ("2", "ArticleText"),
    ]
    assert items[1].error.startswith("too long for one article (a line of more than 77,536 bytes")
    assert peak < 4 * MIB  # the 16 MiB line was never held


def test_an_overlong_gzipped_line_is_skipped_in_pieces(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl.gz"
    good = [json.dumps({"id": n, "text": GOOD}).encode() + b"\n" for n in range(2)]
    noise = os.urandom(MIB).translate(bytes(b"ab"[i & 1] for i in range(256)))  # compresses about 8 times
    feed.write_bytes(gzip.compress(good[0]) + gzip_of(noise, 16) + gzip.compress(b"\n" + good[1]))
    tracemalloc.start()
    try:
        items = list(read_path(feed, max_chars=1000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [i.id for i in items] == ["0", "line-2", "1"]
    assert "too long for one article" in items[1].error
    assert peak < 8 * MIB  # the 16 MiB line was never held


def test_a_decompression_bomb_of_blank_lines_stops(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl.gz"
    feed.write_bytes(gzip.compress(json.dumps({"id": 1, "text": GOOD}).encode() + b"\n") + gzip_of(b"\n" * MIB, 64))
    items = list(read_path(feed))
    assert [i.id for i in items] == ["1", "feed"]
    assert "decompression bomb" in items[1].error


def test_corrupt_gzip_data_is_a_failure(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(GOOD.encode() * 100))
    data[20:30] = b"\xff" * 10
    for name in ("bad.txt.gz", "bad.jsonl.gz"):
        (tmp_path / name).write_bytes(bytes(data))
        [failure] = list(read_path(tmp_path / name))
        assert isinstance(failure, Failure) and failure.error.startswith("cannot read"), failure


# -- item 15: FIFOs, sockets and devices ---------------------------------------------------------
@pytest.fixture()
def no_hang() -> Iterator[None]:
    def hung(*_: object) -> None:
        raise AssertionError("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture()
def specials(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    os.mkfifo(d / "fifo.txt")
    (d / "fifo-link.txt").symlink_to(d / "fifo.txt")
    (d / "null.txt").symlink_to("/dev/null")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(d / "sock.txt"))
    sock.close()
    (d / "z.md").write_text(GOOD)
    return d


def test_special_files_in_a_directory_are_reported_as_what_they_are(
    specials: Path, tmp_path: Path, no_hang: None
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(specials), "--out", str(out), "--jobs", "1"])
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert written(out) == ["good.json", "z.json"]
    failed = {f["id"]: f["error"] for f in failures(out)}
    assert failed == {
        "fifo": "not a regular file (a FIFO)",
        "fifo-link": "not a regular file (a FIFO)",
        "null": "not a regular file (a device)",
        "sock": "not a regular file (a socket)",
        "dangling": "a broken symbolic link or a symbolic link loop",
    }
    assert len(errors(result.output)) == 5


def test_special_files_given_as_arguments_are_reported_as_what_they_are(
    specials: Path, tmp_path: Path, no_hang: None
) -> None:
    out = tmp_path / "out"
    names = ["good.txt", "fifo.txt", "fifo-link.txt", "null.txt", "sock.txt", "dangling.txt", "z.md"]
    result = CliRunner().invoke(app, ["extract", *(str(specials / n) for n in names), "--out", str(out)])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert written(out) == ["good.json", "z.json"]
    for name, what in [
        ("fifo.txt", "not a regular file (a FIFO)"),
        ("fifo-link.txt", "not a regular file (a FIFO)"),
        ("null.txt", "not a regular file (a device)"),
        ("sock.txt", "not a regular file (a socket)"),
        ("dangling.txt", "a broken symbolic link or a symbolic link loop"),
    ]:
        assert f"newsgraph: error: {specials / name}: {what}" in result.output
    assert errors(CliRunner().invoke(app, ["extract", "/dev/null", "--out", str(out)]).output) == [
        "newsgraph: error: /dev/null: not a regular file (a device)"
    ]


def test_reading_a_fifo_directly_does_not_block(tmp_path: Path, no_hang: None) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    [failure] = list(read_path(tmp_path / "fifo.txt"))
    assert isinstance(failure, Failure) and failure.error == "not a regular file (a FIFO)"


# -- item 16: a flood of bad records -------------------------------------------------------------
def test_bad_records_past_a_thousand_are_counted_not_listed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [
        b"{broken\n" if n % 500 else json.dumps({"id": f"g{n}", "text": GOOD}).encode() + b"\n" for n in range(3000)
    ]
    (src / "flood.jsonl").write_bytes(b"".join(lines))
    (src / "few.jsonl").write_bytes(b"[1]\n" + json.dumps({"id": "few", "text": GOOD}).encode() + b"\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out), "--jobs", "1"])
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert written(out) == sorted(["few.json", *(f"g{n}.json" for n in range(0, 3000, 500))])
    failed = failures(out)
    assert len(failed) == 1 + 1001
    flood = [f for f in failed if f["source"].startswith(str(src / "flood.jsonl"))]
    assert flood[-1] == {
        "id": "flood",
        "source": str(src / "flood.jsonl"),
        "error": "1,994 more bad records not listed (1,000 listed)",
    }
    assert len(errors(result.output)) == 1002
    assert "), 2995 failed," in result.output  # the summary counts every bad record, listed or not
    assert readers.MAX_LISTED_FAILURES == 1000


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_walk_takes_article_files_and_counts_the_rest(tmp_path: Path) -> None:
    """Hidden entries are passed over (with all under them); files that are not articles by their
    extension are counted, never read as prose."""
    root = tree(
        tmp_path / "news",
        {
            "a.txt": GOOD,
            "b.md": GOOD,
            "sub/c.html": f"<p>{GOOD}</p>",
            "x.ttl": "@prefix",
            "x.json": "{}",
            ".hidden.txt": GOOD,
            ".git/d.txt": GOOD,
        },
    )
    found = readers.discover([root])
    assert [p.relative_to(root).as_posix() for p in found.files] == ["a.txt", "b.md", "sub/c.html"]
    assert found.skipped == 2 and found.problems == []


def test_a_file_named_with_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    ttl = tree(tmp_path, {"x.ttl": "@prefix ng: <x> ."}) / "x.ttl"
    found = readers.discover([str(ttl)])
    assert found.files == [] and found.problems == [
        f"{ttl}: {readers.NOT_AN_ARTICLE}; --input-format text|jsonl|html reads it as one"
    ]


def test_input_format_says_what_every_file_is(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"story.wire": GOOD, "feed.dat": json.dumps({"id": "f1", "text": GOOD}) + "\n"})
    named = readers.discover([root / "feed.dat"], input_format="jsonl")
    [article] = list(read_all(named))
    assert article.id == "f1"
    walked = readers.discover([root], input_format="text")
    assert [p.name for p in walked.files] == ["feed.dat", "story.wire"] and walked.skipped == 0
    assert {a.id for a in read_all(walked)} == {"feed", "story"}


def test_skip_leaves_out_what_it_refuses_with_all_under_it(tmp_path: Path) -> None:
    root = tree(tmp_path / "news", {"a.txt": GOOD, "graphs/a.txt": GOOD, "graphs/deep/b.txt": GOOD})
    found = readers.discover([root], skip=lambda p: p.name == "graphs")
    assert [p.name for p in found.files] == ["a.txt"]


def test_public_readers_take_str_paths(tmp_path: Path) -> None:
    path = tree(tmp_path, {"a.txt": GOOD}) / "a.txt"
    [article] = list(read_path(str(path)))
    assert article.id == "a" and article.text == GOOD
    assert readers.discover([str(tmp_path)]).files == [path]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"\xef\xbb\xbf  \n<html lang='en'>", "html"),
        (b'{"id": "a", "text": "Oracle partnered with Nvidia."}\n', "jsonl"),
        (b"Oracle partnered with Nvidia.\n", "text"),
        (b"<Nvidia> said on Monday ...", "text"),
    ],
)
def test_stdin_is_recognised_from_its_first_bytes(head: bytes, kind: str) -> None:
    assert readers.sniff(head) == kind


def test_piped_html_and_json_lines_are_read_as_such(tmp_path: Path) -> None:
    """`cat page.html | newsgraph extract - --out d` reads the page's text, not its markup as prose."""
    page = (
        "<!DOCTYPE html><html><head><title>Deal</title></head><body><nav><a href='/'>upgrades</a></nav>"
        f"<article><p>{GOOD}</p></article></body></html>"
    )
    runner = CliRunner()
    html = runner.invoke(app, ["extract", "-", "--out", str(tmp_path / "h"), "--jobs", "1"], input=page)
    assert html.exit_code == 0, html.output
    names = {e["name"] for e in json.loads((tmp_path / "h" / "stdin.json").read_text())["entities"]}
    assert {"Oracle", "Nvidia"} <= names and not any("DOCTYPE" in n or "</" in n for n in names), names
    feed = json.dumps({"id": "f1", "text": GOOD}) + "\n" + json.dumps({"id": "f2", "text": GOOD}) + "\n"
    lines = runner.invoke(app, ["extract", "-", "--out", str(tmp_path / "j"), "--jobs", "1"], input=feed)
    assert lines.exit_code == 0, lines.output
    assert sorted(p.name for p in (tmp_path / "j").glob("*.json")) == ["f1.json", "f2.json"]
