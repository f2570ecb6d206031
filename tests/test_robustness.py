"""Bad inputs, unsafe names and faults never crash a batch or corrupt an export."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.readers import decode, read_path
from extractor.model.settings import Settings
from extractor.run import engines
from extractor.run.sinks import Names, safe_stem
from extractor.text.article import ArticleText

GOOD = "Oracle partnered with Nvidia to build data centers."


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name != "failures.jsonl")


def failures(out: Path) -> list[dict]:
    path = out / "failures.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"   \n\t\n  ",
    "image.txt": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64,
    "paper.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)),
    "digits.txt": b"1234 5678 -- 42 %% 3.14 ... ()",
    "scripts.html": b"<html><head><script>var a = 'Nvidia buys Arm';</script></head>"
    b"<body><script>x()</script></body></html>",
    "feed.jsonl": b'{"id": "ok", "text": "'
    + GOOD.encode()
    + b'"}\n{broken\n{"id": "no-text"}\n{"id": 5, "text": ["x"]}\n[1,2]\n',
}


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name, data in BAD_FILES.items():
        (d / name).write_bytes(data)
    (d / "good.txt").write_text(GOOD)
    (d / "cp1252.txt").write_bytes("Société Générale said Nvidia’s chips — “fast” — cost €5 billion.".encode("cp1252"))
    (d / "latin1.txt").write_bytes("Nestlé and Danone said so. Ça va: Mañana, Zürich.".encode("latin-1"))
    (d / "utf16.txt").write_bytes("\ufeffOracle partnered with Nvidia.".encode("utf-16-le"))
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    (d / "sub").mkdir()
    (d / "sub" / "up").symlink_to(d)  # a directory link loop
    return d


def test_a_batch_of_bad_inputs_keeps_every_good_article(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(["extract", str(mixed), "--out", str(out), "--jobs", "1"])
    assert code == 1
    assert outputs(out) == ["cp1252.json", "good.json", "latin1.json", "ok.json", "utf16.json"]
    failed = {f["id"]: f["error"] for f in failures(out)}
    assert set(failed) == {
        "empty",
        "blank",
        "image",
        "paper",
        "digits",
        "scripts",
        "line-2",
        "no-text",
        "5",
        "line-5",
        "loop",
        "dangling",
    }
    assert "PNG" in failed["image"] and "PDF" in failed["paper"] and "no letters" in failed["digits"]
    assert "no article text" in failed["scripts"] and "symbolic link" in failed["loop"]
    errors = [line for line in output.splitlines() if line.startswith("newsgraph: error:")]
    assert len(errors) == len(failed)  # one line each, naming the article
    assert "warning:" in output and "decoded as Windows-1252" in output
    cp = json.loads((out / "cp1252.json").read_text())
    assert {"Société Générale", "Nvidia"} <= {e["name"] for e in cp["entities"]}
    assert "12 failed" in output and "failures.jsonl" in output


def test_strict_stops_at_the_first_failure(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(["extract", str(mixed), "--out", str(out), "--jobs", "1", "--strict"])
    assert code == 1 and "1 failed" in output
    assert len(failures(out)) == 1


def test_decoding() -> None:
    assert decode("naïve".encode()) == ("naïve", ())
    assert decode("\ufeffBOM".encode("utf-8")) == ("BOM", ())
    assert decode("naïve".encode("utf-16"))[0] == "naïve"
    text, warnings = decode("naïve €".encode("cp1252"))
    assert text == "naïve €" and "Windows-1252" in warnings[0]
    text, warnings = decode(b"caf\xe9 \x81")  # 0x81 is undefined in Windows-1252
    assert text == "café \x81" and "Latin-1" in warnings[0]


def test_long_inputs(tmp_path: Path, nlp) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Nvidia bought Arm. " * (50 * 1024 * 1024 // 19))  # a 50 MB file
    [failure] = list(read_path(huge))
    assert "too long" in failure.error
    from extractor import extract

    sentence = ("Nvidia said Oracle and Microsoft and Google would use its chips " * 1850).strip() + "."
    assert len(sentence.split()) > 20_000
    article = extract(sentence, nlp=nlp)  # one 20,000-word sentence: slow, but it finishes
    assert article.entities


# -- unsafe names ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "article_id",
    [
        "../../etc/passwd",
        "/abs/path",
        "a\x00b",
        "..",
        ".",
        "CON",
        "nul.txt",
        "a/b\\c:d*e?f",
        "\u202eevil\u200b",
        "x" * 400,
        "",
        "  .hidden",
    ],
)
def test_safe_stems_stay_inside_the_output_directory(article_id: str, tmp_path: Path) -> None:
    stem = safe_stem(article_id)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem and not stem.startswith(".")
    assert len(stem.encode()) <= 150 and stem.split(".")[0].lower() not in {"con", "nul"}
    target = (tmp_path / f"{stem}.json").resolve()
    assert target.parent == tmp_path.resolve()


def test_colliding_ids_never_overwrite_each_other(tmp_path: Path) -> None:
    names = Names()
    assert [names.claim(i) for i in ["a", "A", "a/", "a", "b"]] == ["a", "A-2", "a_", "a-3", "b"]
    feed = tmp_path / "feed.jsonl"
    records = [{"id": i, "text": GOOD} for i in ["../x", "x", "../x", "..", "CON"]]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out"
    code, _ = run(["extract", str(feed), "--out", str(out), "--jobs", "1"])
    assert code == 0
    assert outputs(out) == sorted(["_x.json", "x.json", "_x-2.json", "article.json", "_CON.json"])
    assert not (tmp_path / "x.json").exists()
    ids = sorted(json.loads((out / n).read_text())["article"]["id"] for n in outputs(out))
    assert ids == sorted(r["id"] for r in records)  # the article JSON keeps the id as given


NASTY = 'Acme "Quoted" <Tag> & Co\nLine\x01\x7f \u202eRTL\u200f \u2028sep\x85 =cmd|calc'


def test_unsafe_entity_names_make_valid_exports(tmp_path: Path) -> None:
    import networkx as nx
    import pyoxigraph as ox
    from rdflib import Dataset

    from extractor.export import outputs as exports
    from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation

    article = ArticleGraph(
        "weird/../id\x00",
        [Entity("e1", NASTY, "Organization", [NASTY + "2", "@SUM(A1)"]), Entity("e2", "-Beta+", "Organization")],
        [Relation("e1", "partners_with", "e2", Evidence("said " + NASTY, 0, 10))],
    )
    files = exports.render(exports.article_source(article, stem="x"), exports.GRAPH_FORMATS)
    for suffix in (".ttl", ".nt", ".nq", ".trig", ".jsonld"):
        fmt = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}[suffix]
        ds = Dataset()
        ds.parse(data=files[suffix], format=fmt)
        assert len(ds) > 5, suffix
        store = ox.Store()
        oxfmt = {
            ".ttl": ox.RdfFormat.TURTLE,
            ".nt": ox.RdfFormat.N_TRIPLES,
            ".nq": ox.RdfFormat.N_QUADS,
            ".trig": ox.RdfFormat.TRIG,
            ".jsonld": ox.RdfFormat.JSON_LD,
        }[suffix]
        store.load(files[suffix].encode(), format=oxfmt)
        assert len(store) > 5, suffix
    for suffix in (".graphml", ".gexf"):
        path = tmp_path / f"x{suffix}"
        path.write_text(files[suffix])
        g = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
        assert g.number_of_nodes() == 2
    for row in files[".nodes.csv"].splitlines()[1:]:
        for cell in row.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), row
    assert "\x01" not in files[".cypher"] and "\\u0001" in files[".cypher"]


# -- faults --------------------------------------------------------------------------------------
REAL_EXTRACT_CHUNK = engines.extract_chunk


def deadly_extract_chunk(chunk, settings):  # noqa: ANN001, ANN201  (runs in the forked workers)
    if any(getattr(a, "id", "") == "poison" for a in chunk):
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return REAL_EXTRACT_CHUNK(chunk, settings)


def test_a_killed_worker_costs_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "extract_chunk", deadly_extract_chunk)
    items = [ArticleText(f"a{n}", GOOD) for n in range(7)]
    items.insert(3, ArticleText("poison", GOOD))
    results = list(engines.run_local(items, settings=Settings(batch_size=2), jobs=2))
    assert [r.id for r in results] == [a.id for a in items]  # in order, nothing lost
    failed = [r for r in results if not hasattr(r, "entities")]
    assert [f.id for f in failed] == ["poison"] and "worker process died" in failed[0].error


def test_lone_surrogates_from_json_are_replaced(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "s\\udcff", "text": "Oracle \\udcff partnered with Nvidia."}\n')
    out = tmp_path / "out"
    code, output = run(["extract", str(feed), "--out", str(out), "--jobs", "1"])
    assert code == 0 and "lone surrogate" in output
    [name] = outputs(out)
    assert json.loads((out / name).read_text())["article"]["id"] == "s\ufffd"


def test_an_unreadable_file_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    locked = tmp_path / "in" / "locked.txt"
    locked.write_text(GOOD)
    (tmp_path / "in" / "open.txt").write_text(GOOD)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # as for a file without read permission (tests run as root)
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    code, output = run(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"])
    assert code == 1 and outputs(out) == ["open.json"]
    assert f"newsgraph: error: {locked}: cannot read: Permission denied" in output


def test_an_html_extractor_error_fails_only_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*_: object, **__: object) -> None:
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text("<html><body><p>Nvidia bought Arm.</p></body></html>")
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    out = tmp_path / "out"
    code, output = run(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"])
    assert code == 1 and outputs(out) == ["good.json"]
    assert "page.html: could not read the page: ImportError" in output


def test_a_file_name_that_is_not_utf8_is_an_article_like_any_other(tmp_path: Path) -> None:
    """Bytes of a name that are not UTF-8 are kept as \\xff in its id and source; the batch, and a
    resume of it, go on."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Oracle bought Cerner in 2022.\n")
    with open(os.path.join(os.fsencode(src), b"x\xff.txt"), "wb") as fh:
        fh.write(b"Nvidia bought Arm in 2020.\n")
    out = tmp_path / "out"
    for options in ([], ["--resume"]):
        result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out), *options])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    articles = {json.loads(f.read_text())["article"]["id"] for f in out.glob("*.json") if f.name != "manifest.json"}
    assert articles == {"good", "x\\xff"}


def test_each_error_is_one_line_whatever_the_name(tmp_path: Path) -> None:
    """A file name with a line break or an invisible character is reported on one line, escaped."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a\nb\u202e.txt").write_text("   \n")
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("newsgraph: error:")]
    assert len(errors) == 1 and "a\\nb\\u202e.txt: the article is empty" in errors[0], result.output


def test_a_resume_removes_the_temporaries_a_killed_run_left(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Broadcom agreed to buy VMware for $61 billion.\n")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["extract", str(src), "--out", str(out)]).exit_code == 0
    left = out / ".a.ttl.ng-tmp-k3x9q1zz"  # what a kill between write and rename leaves
    left.write_text("@prefix half")
    (out / ".notes").write_text("the user's own")
    assert CliRunner().invoke(app, ["extract", str(src), "--out", str(out), "--resume"]).exit_code == 0
    assert not left.exists() and (out / ".notes").exists()
