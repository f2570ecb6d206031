/* newsgraph viewer. Every name is shown with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newsgraph-data").textContent);
  var STYLE = data.style;

  function elements() {
    var out = [];
    data.nodes.forEach(function (n) {
      out.push({ group: "nodes", data: n, position: { x: n.x, y: n.y } });
    });
    data.edges.forEach(function (e) {
      out.push({ group: "edges", data: e });
    });
    return out;
  }

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements(),
    layout: { name: "preset", fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    textureOnViewport: data.nodes.length > 1500,
    hideEdgesOnViewport: data.nodes.length > 1500,
    style: [
      { selector: "node", style: {
          "label": "data(name)", "background-color": "data(color)", "shape": "data(shape)",
          "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22,
          "text-wrap": "ellipsis", "text-max-width": 140, "min-zoomed-font-size": 7 } },
      { selector: "edge", style: {
          "label": "data(label)", "font-size": 8, "color": "#5b6672", "width": 1.4,
          "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "data(arrow)", "curve-style": "bezier",
          "text-rotation": "autorotate", "min-zoomed-font-size": 8, "text-background-color": "#fff",
          "text-background-opacity": 0.7 } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111", "line-color": "#111",
          "target-arrow-color": "#111" } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });

  function row(parent, label, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var l = document.createElement("div"); l.className = "label"; l.textContent = label;
    var v = document.createElement("div"); v.className = "value";
    v.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    parent.appendChild(l); parent.appendChild(v);
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
      row(box, "Wikidata", d.wikidata);
      row(box, "articles", d.articles);
      var seen = {};
      el.connectedEdges().forEach(function (edge) {
        (edge.data("evidence") || []).forEach(function (text) {
          if (seen[text]) return;
          seen[text] = true;
          var q = document.createElement("blockquote"); q.className = "evidence";
          q.textContent = text + " (" + (edge.data("articles") || []).join(", ") + ")";
          box.appendChild(q);
        });
      });
    } else {
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
  }

  cy.on("tap", "node, edge", function (evt) { show(evt.target); });
  cy.on("mouseover", "node, edge", function (evt) {
    document.getElementById("graph").title = evt.target.isNode() ? evt.target.data("name") : evt.target.data("predicate");
  });

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
  window.newsgraph = { cy: cy, show: show };
})();
