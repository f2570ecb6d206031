"""The HTML viewer in a real headless Chromium, and the static pictures."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.model.facts import ArticleGraph, Entity, Evidence, Relation

REPO = Path(__file__).resolve().parents[2]
SEED_JSON = REPO / "graphs" / "amazon-anthropic-8b.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),  # under CI a missing browser fails
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
EVIL = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path) -> None:
    browser.get_log("performance")  # start from an empty log
    browser.get(path.as_uri())
    browser.execute_script("return document.readyState")


def requests_made(browser) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]


@needs_chromium
def test_seed_page_draws_every_entity_and_relation_offline(browser, tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    assert CliRunner().invoke(app, ["view", str(SEED_JSON), "--out", str(page)]).exit_code == 0
    open_page(browser, page)
    article = json.loads(SEED_JSON.read_text())
    drawn = browser.execute_script("var cy = window.newsgraph.cy; return [cy.nodes().length, cy.edges().length]")
    assert drawn == [
        len(article["entities"]),
        len(article["relations"]),  # one edge per relation: two rounds told in one sentence are two edges
    ]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert requests_made(browser) == []
    # click a relation: its evidence sentence shows
    browser.execute_script(
        "var e = window.newsgraph.cy.edges().filter(function (x) { return x.data('amount') === '$8 billion'; })[0];"
        "e.emit('tap');"
    )
    details = browser.find_element("id", "details").text
    assert "Amazon → invests_in → Anthropic" in details and "$8 billion" in details
    assert "bringing its total investment to $8 billion" in details  # the evidence sentence
    # click a node: its type, aliases and the evidence of its relations show
    browser.execute_script("window.newsgraph.cy.getElementById('Q456157').emit('tap')")
    node_details = browser.find_element("id", "details").text
    assert "AWS" in node_details and "Organization" in node_details
    assert "Anthropic will use AWS Trainium and Inferentia chips" in node_details
    shot = tmp_path / "seed.png"
    browser.save_screenshot(str(shot))
    assert not_blank(shot)


@needs_chromium
def test_filters_hide_types_and_predicates(browser, tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    CliRunner().invoke(app, ["view", str(SEED_JSON), "--out", str(page)])
    open_page(browser, page)
    browser.find_element("css selector", "input[data-type='Product']").click()
    hidden = browser.execute_script("return window.newsgraph.cy.nodes('.hidden').map(n => n.data('type'))")
    assert hidden and set(hidden) == {"Product"}
    browser.find_element("css selector", "input[data-predicate='invests_in']").click()
    visible = browser.execute_script(
        "return window.newsgraph.cy.edges().filter(e => !e.hasClass('hidden')).map(e => e.data('predicate'))"
    )
    assert "invests_in" not in visible and "develops" not in visible  # develops points at hidden products


@needs_chromium
def test_names_with_html_are_shown_as_text(browser, tmp_path: Path) -> None:
    article = ArticleGraph(
        "evil",
        [Entity("e1", EVIL, "Organization"), Entity("e2", "Beta</script>", "Organization")],
        [Relation("e1", "partners_with", "e2", Evidence(EVIL + " partnered.", 0, 10))],
        title=EVIL,
    )
    src = tmp_path / "evil.json"
    src.write_text(article.dumps())
    page = tmp_path / "evil.html"
    assert CliRunner().invoke(app, ["view", str(src), "--out", str(page)]).exit_code == 0
    assert "<script>window.pwned" not in page.read_text()
    open_page(browser, page)
    assert browser.execute_script("return window.pwned === undefined")
    browser.execute_script("window.newsgraph.cy.nodes().filter(n => n.data('name').startsWith('<img'))[0].emit('tap')")
    text = browser.find_element("id", "details").text
    assert EVIL in text  # shown as the text it is
    assert browser.execute_script("return window.pwned === undefined")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@needs_chromium
def test_a_corpus_of_thousands_of_nodes(browser, tmp_path: Path) -> None:
    import networkx as nx

    from extractor.export.viewer import render_html

    g = nx.MultiDiGraph()
    for i in range(2500):
        g.add_node(f"org/n{i}", name=f"Company {i}", type="Organization")
    for i in range(1, 2500):
        g.add_edge(
            f"org/n{i}",
            f"org/n{(i * 7) % i}",
            key="partners_with",
            predicate="partners_with",
            evidence=[f"Company {i} partnered."],
            articles=["a"],
        )
    page = tmp_path / "big.html"
    page.write_text(render_html(g, "big"))
    open_page(browser, page)
    assert browser.execute_script("return window.newsgraph.cy.nodes().length") == 2500
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def not_blank(png: Path) -> bool:
    """More than one colour in the picture: something was drawn."""
    import matplotlib.image as mpimg
    import numpy as np

    pixels = mpimg.imread(png)
    return len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 10


def test_pictures(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("seed.png", "seed.svg"):
        result = runner.invoke(app, ["view", str(SEED_JSON), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert not_blank(tmp_path / "seed.png")
    svg = (tmp_path / "seed.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "Anthropic" in svg
    assert runner.invoke(app, ["view", str(SEED_JSON), "--out", str(tmp_path / "x.pdf")]).exit_code == 2


def test_the_layout_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenBLAS's extra threads only spin on the layout's small vectors (several times the work when
    extract's workers keep the other cores busy): it runs on one, and finds the same positions."""
    from threadpoolctl import threadpool_info

    from extractor.export import viewer

    graph = ArticleGraph.from_json(json.loads((REPO / "graphs" / "amazon-anthropic-8b.json").read_text())).to_networkx()
    threads: list[int] = []
    unlimited = viewer._layout

    def watched(g: object, scale: float) -> dict[str, tuple[float, float]]:
        threads.extend(lib["num_threads"] for lib in threadpool_info() if lib["internal_api"] == "openblas")
        return unlimited(g, scale)

    monkeypatch.setattr(viewer, "_layout", watched)
    assert viewer.layout(graph) == unlimited(graph, 900.0)
    assert threads and set(threads) == {1}
