/* newsgraph viewer. Every name is shown with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newsgraph-data").textContent);
  var STYLE = data.style;
  var READABLE = 11;    // on-screen px a label has at the zoom where it first shows
  var SHOWN = 10;       // a name smaller than this on screen is not drawn
  var EDGE_FONT = 10, EDGE_SHOWN = 9;  // relation labels, from a zoom of 0.9
  var BASE_FONT = 12;   // a label's size in page px, at the least
  // labelled at first sight: every entity of an article's graph, the 30 largest of a corpus's
  var FIRST_LABELS = data.nodes.length <= 100 ? data.nodes.length : 30;
  var LARGEST = 24;     // on-screen px a name grows to at most as the view zooms in
  var MAX_FIT_ZOOM = 1.5;
  var WHEEL = 2.5;      // a mouse wheel's notch zooms by about 12% (cytoscape's default, 5%, barely moves)
  var big = data.nodes.length > 1500;

  function elements() {
    var out = [];
    data.nodes.forEach(function (n) {
      n.fs = BASE_FONT; n.tmw = BASE_FONT * 13;  // set again below, from the zoom the page opens with
      out.push({ group: "nodes", data: n, position: { x: n.x, y: n.y } });
    });
    data.edges.forEach(function (e) {
      out.push({ group: "edges", data: e });
    });
    return out;
  }

  cytoscape.warnings(false);  // it warns of any wheelSensitivity but its default, chosen here on purpose
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements(),
    layout: { name: "preset", fit: true, padding: 40 },
    maxZoom: 6,
    wheelSensitivity: WHEEL,
    boxSelectionEnabled: false,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      { selector: "node", style: {
          "label": "data(name)", "background-color": "data(color)", "shape": "data(shape)",
          "font-size": "data(fs)", "text-valign": "bottom", "text-margin-y": 3,
          "width": "data(size)", "height": "data(size)", "color": "#1d232b",
          "text-wrap": "ellipsis", "text-max-width": "data(tmw)",
          "text-outline-color": "#fff", "text-outline-width": 2, "text-outline-opacity": 0.85 } },
      { selector: "edge", style: {
          "label": "data(label)", "font-size": EDGE_FONT, "color": "#5b6672", "width": 1.4,
          "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "data(arrow)", "curve-style": "bezier",
          "text-rotation": "autorotate", "text-background-color": "#fff",
          "text-background-opacity": 0.7 } },
      { selector: ".nolabel", style: { "label": "" } },
      { selector: "node.neighbour, node.focus", style: { "label": "data(name)", "z-index": 10 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } },
      { selector: "edge.focus", style: { "width": 2.4, "z-index": 10 } },
      { selector: ".faded", style: { "opacity": 0.25 } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111", "line-color": "#111",
          "target-arrow-color": "#111" } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });
  cytoscape.warnings(true);

  /* Labels: the largest entities (data.rank 0 first) are readable at the zoom the page opens with;
     each next one from the zoom where there is room for it (the labels shown grow with the square of
     the zoom), and no name is drawn smaller than SHOWN px on screen: the class nolabel hides it.
     (cytoscape's min-zoomed-font-size rounds the zoom up to a power of two, so cannot promise that.) */
  function capFit() {
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(cy.elements(":visible"));
    }
  }
  capFit();
  var firstZoom = cy.zoom();
  cy.batch(function () {
    cy.nodes().forEach(function (n) {
      var r = n.data("rank") || 0;
      var from = r < FIRST_LABELS ? firstZoom : firstZoom * Math.sqrt(r / FIRST_LABELS);
      var fs = Math.max(BASE_FONT, READABLE / from);
      n.data({ fs: Math.round(fs * 10) / 10, tmw: Math.round(fs * 13) });
    });
  });

  var byRank = cy.nodes().sort(function (a, b) { return a.data("rank") - b.data("rank"); });
  var labelled = byRank.length, edgesLabelled = true;  // every label is drawn until relabel says otherwise
  function relabel() {
    var z = cy.zoom(), lo = 0, hi = byRank.length;
    while (lo < hi) {  // font sizes fall with the rank: the first one too small to show
      var mid = (lo + hi) >> 1;
      if (byRank[mid].data("fs") * z >= SHOWN) lo = mid + 1; else hi = mid;
    }
    var edges = EDGE_FONT * z >= EDGE_SHOWN;
    if (lo === labelled && edges === edgesLabelled) return;
    cy.batch(function () {
      if (lo < labelled) byRank.slice(lo, labelled).addClass("nolabel");
      else byRank.slice(labelled, lo).removeClass("nolabel");
      if (edges !== edgesLabelled) cy.edges().toggleClass("nolabel", !edges);
    });
    labelled = lo; edgesLabelled = edges;
  }
  /* Fit the visible graph with the labels the fitted zoom shows (twice: hiding or showing them
     changes what there is to fit). */
  function fit() {
    for (var i = 0; i < 2; i++) {
      cy.fit(cy.elements(":visible"), 40);
      capFit();
      relabel();
    }
  }
  /* Font bypasses: a name is never drawn larger than LARGEST px (the largest entities' names are
     big in page px, to be readable zoomed out), and a highlighted neighbour's at least READABLE px
     whatever its rank. Done once a zoom has settled: only the few largest names need it. */
  var sized = cy.collection(), sizing = null;
  function sizeLabels() {
    sizing = null;
    var z = cy.zoom(), most = LARGEST / z, least = READABLE / z, lo = 0, hi = byRank.length;
    while (lo < hi) {  // the first rank whose name is small enough as it is
      var mid = (lo + hi) >> 1;
      if (byRank[mid].data("fs") > most) lo = mid + 1; else hi = mid;
    }
    var want = byRank.slice(0, lo).union(cy.nodes(".focus, .neighbour").slice(0, 300));
    cy.batch(function () {
      sized.difference(want).removeStyle("font-size text-max-width");
      want.forEach(function (n) {
        var fs = n.data("fs");
        if (n.hasClass("focus") || n.hasClass("neighbour")) fs = Math.max(fs, least);
        fs = Math.min(fs, most);
        if (fs === n.data("fs")) n.removeStyle("font-size text-max-width");
        else n.style({ "font-size": fs, "text-max-width": fs * 13 });
      });
    });
    sized = want;
  }
  function zoomed() {
    relabel();
    if (sizing === null) sizing = setTimeout(sizeLabels, 120);
  }
  fit();
  sizeLabels();
  var openZoom = cy.zoom();
  cy.minZoom(openZoom / 4);
  cy.on("zoom", zoomed);

  function row(parent, label, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var l = document.createElement("div"); l.className = "label"; l.textContent = label;
    var v = document.createElement("div"); v.className = "value";
    v.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    parent.appendChild(l); parent.appendChild(v);
    return v;
  }

  function wikidata(parent, id) {
    var v = row(parent, "Wikidata", id);
    if (!v || !/^Q[0-9]+$/.test(id)) return;
    var a = document.createElement("a");
    a.href = "https://www.wikidata.org/wiki/" + id; a.target = "_blank"; a.rel = "noopener noreferrer";
    a.textContent = id;
    v.replaceChildren(a);
  }

  function relationLink(parent, edge, node) {
    var b = document.createElement("button"); b.type = "button"; b.className = "relation";
    var d = edge.data();
    var what = d.label || d.predicate;  // the predicate, with its amount and date when it has them
    b.textContent = edge.source().same(node) ? "\u2192 " + what + " \u2192 " + d.targetName
      : "\u2190 " + what + " \u2190 " + d.sourceName;
    b.addEventListener("click", function () { pick(edge, false); });
    parent.appendChild(b);
  }

  function show(el) {
    var box = document.getElementById("details");
    box.replaceChildren();
    var d = el.data();
    var title = document.createElement("h3");
    title.textContent = el.isNode() ? d.name : (d.sourceName + " \u2192 " + d.predicate + " \u2192 " + d.targetName);
    box.appendChild(title);
    if (el.isNode()) {
      row(box, "type", d.type + (d.kind ? " (" + d.kind + ")" : ""));
      row(box, "aliases", d.aliases);
      wikidata(box, d.wikidata);
      row(box, "articles", d.articles);
      var edges = el.connectedEdges();
      if (edges.length) {
        row(box, "relations", String(edges.length));
        var list = document.createElement("div"); list.className = "relations";
        edges.slice(0, 50).forEach(function (edge) { relationLink(list, edge, el); });
        if (edges.length > 50) {
          var more = document.createElement("div"); more.className = "label";
          more.textContent = "\u2026 and " + (edges.length - 50) + " more";
          list.appendChild(more);
        }
        box.appendChild(list);
      }
      var seen = {};
      edges.forEach(function (edge) {
        (edge.data("evidence") || []).forEach(function (text) {
          if (seen[text]) return;
          seen[text] = true;
          var q = document.createElement("blockquote"); q.className = "evidence";
          q.textContent = text + " (" + (edge.data("articles") || []).join(", ") + ")";
          box.appendChild(q);
        });
      });
    } else {
      row(box, "predicate", d.predicate);
      row(box, "amount", d.amount);
      row(box, "date", d.date);
      row(box, "status", d.status);
      row(box, "confidence", d.confidence);
      row(box, "articles", d.articles);
      (d.evidence || []).forEach(function (text) {
        var q = document.createElement("blockquote"); q.className = "evidence"; q.textContent = text;
        box.appendChild(q);
      });
    }
    box.scrollTop = 0;
  }

  /* Neighbourhood: an entity, its relations and its neighbours stand out, the rest fades. */
  var focused = null;
  function highlight(el) {
    cy.batch(function () {
      cy.elements(".faded").removeClass("faded");
      cy.elements(".neighbour, .focus").removeClass("neighbour focus");
      if (!el) return;
      var keep = el.isNode() ? el.closedNeighborhood() : el.union(el.connectedNodes());
      cy.elements().difference(keep).addClass("faded");
      el.addClass("focus");
      var near = el.isNode() ? el.neighborhood() : el.connectedNodes();
      near.addClass("neighbour");
      if (el.isNode()) el.connectedEdges().addClass("focus");
    });
    sizeLabels();  // neighbours' names readable at this zoom
  }

  function pick(el, centre) {
    cy.$(":selected").unselect();
    el.select();
    focused = el;
    if (centre) {
      var z = Math.max(cy.zoom(), 1), at = el.isNode() ? el.position() : el.midpoint();
      cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - at.x * z, y: cy.height() / 2 - at.y * z } });
    }
    highlight(el);
    show(el);
  }

  cy.on("tap", "node, edge", function (evt) { pick(evt.target, false); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { focused = null; cy.$(":selected").unselect(); highlight(null); }
  });
  cy.on("mouseover", "node", function (evt) {
    document.getElementById("graph").title = evt.target.data("name");
    highlight(evt.target);
  });
  cy.on("mouseout", "node", function () { highlight(focused); });
  cy.on("mouseover", "edge", function (evt) {
    document.getElementById("graph").title = evt.target.data("predicate");
  });

  /* Search: a name or an alias, any case; prefixes first, then words, then anywhere in it. */
  var index = cy.nodes().map(function (n) {
    return { node: n, names: [n.data("name")].concat(n.data("aliases") || []).map(function (s) {
      return String(s).toLowerCase();
    }) };
  });
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    index.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (name, i) {
        var score = name === q ? 0 : name.indexOf(q) === 0 ? 1 : (" " + name).indexOf(" " + q) >= 0 ? 2
          : name.indexOf(q) >= 0 ? 3 : null;
        if (score === null) return;
        score = score * 2 + (i ? 1 : 0);  // the name before an alias
        if (best === null || score < best) best = score;
      });
      if (best !== null) found.push({ node: entry.node, score: best });
    });
    found.sort(function (a, b) { return a.score - b.score || a.node.data("rank") - b.node.data("rank"); });
    return found.slice(0, 12).map(function (f) { return f.node; });
  }

  var search = document.getElementById("search");
  var list = document.getElementById("matches");
  var current = [], active = 0;
  function renderMatches() {
    list.replaceChildren();
    current.forEach(function (n, i) {
      var li = document.createElement("li"); li.setAttribute("role", "option");
      if (i === active) li.className = "active";
      var name = document.createElement("span"); name.textContent = n.data("name");
      var type = document.createElement("span"); type.className = "type"; type.textContent = n.data("type") || "";
      li.append(name, type);
      li.addEventListener("mousedown", function (evt) { evt.preventDefault(); choose(n); });
      list.appendChild(li);
    });
    list.hidden = !current.length;
  }
  function choose(n) {
    search.value = n.data("name");
    current = []; renderMatches();
    pick(n, true);
  }
  search.addEventListener("input", function () { current = matches(search.value); active = 0; renderMatches(); });
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      if (!current.length) return;
      active = (active + (evt.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      renderMatches(); evt.preventDefault();
    } else if (evt.key === "Enter") {
      if (!current.length) current = matches(search.value);
      if (current.length) choose(current[active] || current[0]);
      evt.preventDefault();
    } else if (evt.key === "Escape") {
      current = []; renderMatches();
    }
  });
  search.addEventListener("blur", function () { current = []; renderMatches(); });

  /* Zoom buttons, about the middle of the canvas; fit shows every visible element. */
  function zoomBy(factor) {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
  document.getElementById("fit").addEventListener("click", fit);

  function legend() {
    var box = document.getElementById("legend");
    Object.keys(STYLE.types).forEach(function (type) {
      var s = STYLE.types[type];
      var item = document.createElement("label"); item.className = "filter";
      var box2 = document.createElement("input"); box2.type = "checkbox"; box2.checked = true;
      box2.dataset.type = type; box2.addEventListener("change", applyFilters);
      var sw = document.createElement("span"); sw.className = "swatch " + s.css; sw.style.background = s.color;
      var text = document.createElement("span"); text.textContent = type;
      item.append(box2, sw, text); box.appendChild(item);
    });
    var preds = document.getElementById("predicates");
    Object.keys(STYLE.predicates).forEach(function (p) {
      var item = document.createElement("label"); item.className = "filter";
      var cb = document.createElement("input"); cb.type = "checkbox"; cb.checked = true;
      cb.dataset.predicate = p; cb.addEventListener("change", applyFilters);
      var sw = document.createElement("span"); sw.className = "swatch"; sw.style.background = STYLE.predicates[p];
      var text = document.createElement("span"); text.textContent = p;
      item.append(cb, sw, text); preds.appendChild(item);
    });
    var kinds = document.getElementById("kinds");
    Object.keys(STYLE.kinds).forEach(function (k) {
      var item = document.createElement("div"); item.className = "legend-item";
      var text = document.createElement("span"); text.textContent = "product: " + k + " \u2014 " + STYLE.kinds[k];
      item.appendChild(text); kinds.appendChild(item);
    });
  }

  function applyFilters() {
    var types = {}, preds = {};
    document.querySelectorAll("input[data-type]").forEach(function (cb) { types[cb.dataset.type] = cb.checked; });
    document.querySelectorAll("input[data-predicate]").forEach(function (cb) { preds[cb.dataset.predicate] = cb.checked; });
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", !types[n.data("type")]); });
      cy.edges().forEach(function (e) {
        var off = !preds[e.data("predicate")] || e.source().hasClass("hidden") || e.target().hasClass("hidden");
        e.toggleClass("hidden", off);
      });
    });
  }

  legend();
  document.getElementById("counts").textContent = data.nodes.length + " entities, " + data.edges.length + " relations";
  window.newsgraph = { cy: cy, SHOWN: SHOWN, show: show, pick: pick, matches: matches, fit: fit, openZoom: openZoom };
})();
