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
        "--window-size=1400,900",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # the page itself 1400 x 900 (the window's frame would take some of --window-size)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
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
    browser.find_element("xpath", "//summary[text()='Relations']").click()  # folded away at first
    browser.find_element("css selector", "input[data-predicate='invests_in']").click()
    visible = browser.execute_script(
        "return window.newsgraph.cy.edges().filter(e => !e.hasClass('hidden')).map(e => e.data('predicate'))"
    )
    assert "invests_in" not in visible and "develops" not in visible  # develops points at hidden products


def open_seed(browser, tmp_path: Path) -> None:
    page = tmp_path / "seed.html"
    assert CliRunner().invoke(app, ["view", str(SEED_JSON), "--out", str(page)]).exit_code == 0
    open_page(browser, page)


@needs_chromium
def test_seed_names_are_readable_at_first_sight(browser, tmp_path: Path) -> None:
    """At 1400 x 900 every name of the seed's article is drawn, at least 10 px on screen, in view."""
    open_seed(browser, tmp_path)
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == [1400, 900]
    nodes = browser.execute_script(
        """var cy = window.newsgraph.cy, r = cy.renderer();
        return cy.nodes().map(function (n) {
          var p = n.renderedPosition();
          return {name: n.data('name'), label: n.style('label'), hidden: n.hasClass('nolabel'),
                  px: parseFloat(n.renderedStyle('font-size')), drawn: r.eleTextBiggerThanMin(n),
                  x: p.x, y: p.y, w: cy.width(), h: cy.height()};
        })"""
    )
    assert len(nodes) == 19
    for n in nodes:
        assert n["label"] == n["name"] and not n["hidden"] and n["drawn"], n
        assert n["px"] >= 10, n
        assert 0 < n["x"] < n["w"] and 0 < n["y"] < n["h"], n
    assert nodes[0]["w"] >= 1000 and nodes[0]["h"] == 900  # the graph has the window but for the panel
    relation_px = browser.execute_script(
        "var cy = window.newsgraph.cy; return cy.edges().filter(e => !e.hasClass('nolabel')).length"
    )
    assert relation_px == 34  # relations labelled too at this zoom
    assert [e for e in browser.get_log("browser") if e["level"] in ("WARNING", "SEVERE")] == []  # not even a warning


@needs_chromium
def test_every_name_of_a_larger_article_at_first_sight(browser, tmp_path: Path) -> None:
    """An article's graph of 60 entities (a long thin tree): it opens further out, every name still
    drawn at least 10 px on screen."""
    import networkx as nx

    from extractor.export.viewer import render_html

    tree = nx.random_labeled_tree(60, seed=1)
    g = nx.MultiDiGraph()
    for i in tree:
        g.add_node(f"org/n{i}", name=f"Entity number {i}", type="Organization")
    for i, j in sorted(tree.edges):
        g.add_edge(f"org/n{i}", f"org/n{j}", key="invests_in", predicate="invests_in")
    page = tmp_path / "sixty.html"
    page.write_text(render_html(g, "sixty"))
    open_page(browser, page)
    sizes = browser.execute_script(
        "return window.newsgraph.cy.nodes()"
        ".map(n => n.hasClass('nolabel') ? 0 : parseFloat(n.renderedStyle('font-size')))"
    )
    assert len(sizes) == 60 and min(sizes) >= 10
    assert browser.execute_script("return window.newsgraph.cy.zoom()") < 0.9  # not the seed's zoom: fonts grew


@needs_chromium
def test_search_finds_selects_and_centres_an_entity(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_seed(browser, tmp_path)
    box = browser.find_element("id", "search")
    box.send_keys("anthropic", Keys.ENTER)  # any case
    selected = browser.execute_script("return window.newsgraph.cy.$(':selected').map(n => n.data('name'))")
    assert selected == ["Anthropic"]
    centre = browser.execute_script(
        "var cy = window.newsgraph.cy, n = cy.$(':selected')[0], p = n.renderedPosition();"
        "return [p.x - cy.width() / 2, p.y - cy.height() / 2, parseFloat(n.renderedStyle('font-size'))]"
    )
    assert abs(centre[0]) < 2 and abs(centre[1]) < 2 and centre[2] >= 10
    details = browser.find_element("id", "details")
    assert details.text.startswith("Anthropic") and "Organization" in details.text
    assert "← invests in · $4 billion · 2023-09 ← Amazon" in details.text  # its relations, and their evidence
    rect = browser.execute_script(
        "var r = document.querySelector('#details h3').getBoundingClientRect(),"
        " b = document.getElementById('details').getBoundingClientRect();"
        "return [r.top, r.bottom, r.left, r.right, b.bottom]"
    )
    assert 0 <= rect[0] < rect[1] <= 900 and 1000 <= rect[2] < rect[3] <= 1400 and rect[4] <= 900
    # a relation in its list: a click shows it
    browser.find_element("xpath", "//button[@class='relation'][contains(., '$8 billion')]").click()
    assert browser.find_element("id", "details").text.startswith("Amazon → invests_in → Anthropic")
    assert browser.execute_script("return window.newsgraph.cy.$(':selected').map(e => e.data('amount'))") == [
        "$8 billion"
    ]
    browser.find_element("id", "search").send_keys(Keys.ENTER)  # the name still in the box: Anthropic again
    assert browser.find_element("id", "details").text.startswith("Anthropic")
    shot = tmp_path / "search.png"
    browser.save_screenshot(str(shot))
    assert not_blank(shot)
    # a list of matches: name before alias, prefixes before words inside a name; arrows choose
    box.clear()
    box.send_keys("claude")
    matches = [li.text.split("\n")[0] for li in browser.find_elements("css selector", "#matches li")]
    assert matches == ["Claude", "Claude 3 Haiku"]
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert browser.execute_script("return window.newsgraph.cy.$(':selected').map(n => n.data('name'))") == [
        "Claude 3 Haiku"
    ]
    assert not browser.find_element("id", "matches").is_displayed()
    names = browser.execute_script("return window.newsgraph.matches('aws').map(n => n.data('name'))")
    assert names[:2] == ["Amazon Web Services", "AWS Neuron"]  # an alias said in full before a prefix
    assert browser.execute_script("return window.newsgraph.matches('markets').map(n => n.data('name'))") == [
        "Competition and Markets Authority"
    ]
    assert browser.execute_script("return window.newsgraph.matches('zzz').length") == 0
    # a click on a match does the same
    box.clear()
    box.send_keys("micro")
    browser.find_element("css selector", "#matches li").click()
    assert browser.execute_script("return window.newsgraph.cy.$(':selected').map(n => n.data('name'))") == ["Microsoft"]
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@needs_chromium
def test_zoom_buttons_and_fit(browser, tmp_path: Path) -> None:
    open_seed(browser, tmp_path)
    zoom = "return window.newsgraph.cy.zoom()"
    start = browser.execute_script(zoom)
    browser.find_element("id", "zoom-in").click()
    assert browser.execute_script(zoom) == pytest.approx(start * 1.4)
    browser.find_element("id", "zoom-in").click()
    browser.find_element("id", "zoom-out").click()
    browser.find_element("id", "zoom-out").click()
    browser.find_element("id", "zoom-out").click()
    assert browser.execute_script(zoom) == pytest.approx(start / 1.4)
    browser.execute_script("window.newsgraph.cy.pan({x: 900, y: -700})")  # lost somewhere
    browser.find_element("id", "fit").click()
    assert browser.execute_script(zoom) == pytest.approx(start)
    inside = browser.execute_script(
        "var cy = window.newsgraph.cy, e = cy.elements().renderedBoundingBox();"
        "return e.x1 >= 0 && e.y1 >= 0 && e.x2 <= cy.width() && e.y2 <= cy.height()"
    )
    assert inside
    # a mouse wheel's notch (100 px) zooms by about an eighth, about the pointer
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin

    ActionChains(browser).scroll_from_origin(
        ScrollOrigin.from_element(browser.find_element("id", "graph")), 0, -100
    ).perform()
    assert 1.08 < browser.execute_script(zoom) / start < 1.2


@needs_chromium
def test_symmetric_relations_have_no_arrowhead(browser, tmp_path: Path) -> None:
    from extractor.model.vocabulary import vocabulary

    open_seed(browser, tmp_path)
    arrows = browser.execute_script(
        "var seen = {}; window.newsgraph.cy.edges().forEach(function (e) {"
        " seen[e.data('predicate')] = e.style('target-arrow-shape'); }); return seen"
    )
    symmetric = vocabulary().symmetric
    assert {"partners_with", "competes_with"} <= set(arrows) and "invests_in" in arrows
    for predicate, shape in arrows.items():
        assert shape == ("none" if predicate in symmetric else "triangle"), predicate


def test_the_largest_entities_rank_first() -> None:
    from extractor.export.viewer import view_data

    graph = ArticleGraph.from_json(json.loads(SEED_JSON.read_text())).to_networkx()
    nodes = sorted(view_data(graph)["nodes"], key=lambda n: n["rank"])
    assert [n["rank"] for n in nodes] == list(range(19))
    assert nodes[0]["name"] == "Anthropic" and nodes[0]["degree"] == max(n["degree"] for n in nodes)
    assert [n["degree"] for n in nodes] == sorted((n["degree"] for n in nodes), reverse=True)
    assert nodes[0]["size"] > nodes[-1]["size"] == 18  # drawn larger; no neighbour, the smallest size


def test_the_page_is_the_same_bytes_each_time() -> None:
    from extractor.export.viewer import render_html

    graph = ArticleGraph.from_json(json.loads(SEED_JSON.read_text())).to_networkx()
    assert render_html(graph, "seed") == render_html(graph, "seed")


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
    browser.find_element("id", "search").send_keys("<img")  # and in the search's matches
    assert browser.find_element("css selector", "#matches li").text.startswith(EVIL)
    assert browser.execute_script("return window.pwned === undefined")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@needs_chromium
def test_a_corpus_of_thousands_of_nodes(browser, tmp_path: Path) -> None:
    """The largest entities are named at first sight, the small ones only as the view zooms in; the
    pointer on an entity marks its neighbours and fades the rest."""
    import networkx as nx
    from selenium.webdriver.common.action_chains import ActionChains

    from extractor.export.viewer import render_html

    hubs = nx.barabasi_albert_graph(2500, 1, seed=3)  # a few entities with many partners, most with one
    g = nx.MultiDiGraph()
    for i in hubs:
        g.add_node(f"org/n{i}", name=f"Company {i}", type="Organization", articles=["a"])
    for i, j in sorted(hubs.edges):
        g.add_edge(
            f"org/n{j}",
            f"org/n{i}",
            key="partners_with",
            predicate="partners_with",
            evidence=[f"Company {j} partnered."],
            articles=["a"],
        )
    page = tmp_path / "big.html"
    page.write_text(render_html(g, "big"))
    open_page(browser, page)
    assert browser.execute_script("return window.newsgraph.cy.nodes().length") == 2500
    by_degree = sorted(hubs, key=lambda i: (-hubs.degree(i), i))
    largest = [f"org/n{i}" for i in by_degree[:10]]
    smallest = [f"org/n{i}" for i in hubs if hubs.degree(i) == 1]
    labels = """var cy = window.newsgraph.cy;
        return arguments[0].map(function (id) {
          var n = cy.getElementById(id);
          return !n.hasClass('nolabel') && n.style('label') !== '' && parseFloat(n.renderedStyle('font-size')) >= 10;
        });"""
    assert all(browser.execute_script(labels, largest))
    assert len(smallest) > 1000 and not any(browser.execute_script(labels, smallest))
    shown = "return window.newsgraph.cy.nodes().filter(n => !n.hasClass('nolabel')).length"
    first = browser.execute_script(shown)
    assert 10 <= first <= 60  # the largest ones, not a heap of overlapping names
    for _ in range(4):
        browser.find_element("id", "zoom-in").click()
    assert browser.execute_script(shown) > 4 * first  # more names as there is room for them
    # the pointer on the largest entity: its neighbours marked, the rest faded
    hub = largest[0]
    browser.execute_script(  # the hub in the middle of the graph's canvas
        "var cy = window.newsgraph.cy, p = cy.getElementById(arguments[0]).position();"
        "cy.viewport({zoom: 1, pan: {x: cy.width() / 2 - p.x, y: cy.height() / 2 - p.y}})",
        hub,
    )
    ActionChains(browser).move_to_element(browser.find_element("id", "graph")).perform()
    marks = """var cy = window.newsgraph.cy, hub = cy.getElementById(arguments[0]);
        return [hub.hasClass('focus'),
                hub.neighborhood('node').every(n => n.hasClass('neighbour') && !n.hasClass('faded')),
                cy.nodes().difference(hub.closedNeighborhood()).every(n => n.hasClass('faded')),
                hub.neighborhood('node').length]"""
    focus, near, faded, degree = browser.execute_script(marks, hub)
    assert focus and near and faded and degree == hubs.degree(by_degree[0])
    ActionChains(browser).move_to_element_with_offset(browser.find_element("id", "graph"), -400, -380).perform()
    assert browser.execute_script("return window.newsgraph.cy.elements('.faded').length") == 0  # pointer gone
    browser.execute_script("window.newsgraph.cy.getElementById(arguments[0]).emit('tap')", hub)  # a tap keeps it
    assert browser.execute_script(marks, hub)[:3] == [True, True, True]
    sizes = browser.execute_script(
        "return window.newsgraph.cy.nodes('.focus, .neighbour').map(n => parseFloat(n.renderedStyle('font-size')))"
    )
    assert min(sizes) >= 10 and max(sizes) <= 24  # neighbours named, the hub's name not a headline
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
    assert viewer.layout(graph) == unlimited(graph, viewer.spread(graph.number_of_nodes()))
    assert threads and set(threads) == {1}


def test_the_layout_keeps_graph_distances_and_components_apart() -> None:
    """Stress majorization: on a path and on a small tree, entities one step apart are drawn closer
    than entities three steps apart; two components do not overlap; the same graph gives the same
    positions on every run."""
    import math

    import networkx as nx

    from extractor.export.viewer import layout

    def apart(pos: dict[str, tuple[float, float]], a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    path = nx.MultiDiGraph()
    nx.add_path(path, [f"p{i}" for i in range(8)])
    tree = nx.MultiDiGraph()
    tree.add_edges_from(("root", f"k{i}") for i in range(3))
    tree.add_edges_from((f"k{i}", f"k{i}-{j}") for i in range(3) for j in range(2))
    for g in (path, tree):
        pos = layout(g)
        assert pos == layout(g)
        hops = dict(nx.all_pairs_shortest_path_length(g.to_undirected()))
        near = max(apart(pos, a, b) for a in g for b in g if hops[a][b] == 1)
        far = min(apart(pos, a, b) for a in g for b in g if hops[a][b] == 3)
        assert near < far, (near, far)

    two = nx.MultiDiGraph()
    two.add_edges_from(("a", f"a{i}") for i in range(5))
    two.add_edges_from(("b", f"b{i}") for i in range(5))
    two.add_edge("b4", "b5")
    pos = layout(two)
    assert pos == layout(two)

    def box(prefix: str) -> tuple[float, float, float, float]:
        xs = [x for n, (x, _) in pos.items() if n.startswith(prefix)]
        ys = [y for n, (_, y) in pos.items() if n.startswith(prefix)]
        return min(xs), max(xs), min(ys), max(ys)

    (ax0, ax1, ay0, ay1), (bx0, bx1, by0, by1) = box("a"), box("b")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0, (box("a"), box("b"))
