/* policykg graph page: builds the vis-network from the JSON block, then filters and search.
   Text from documents is only ever set with textContent (never as HTML). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var ROLES = {ASSIGNED_TO: 1, COORDINATES_WITH: 1, MONITORED_BY: 1};

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function tip(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var row = document.createElement("div");
      if (i === 0) { row.className = "tip-head"; }
      if (line[0]) {
        var key = document.createElement("span");
        key.className = "tip-key";
        key.textContent = line[0] + ": ";
        row.appendChild(key);
      }
      row.appendChild(document.createTextNode(line[1]));
      box.appendChild(row);
    });
    return box;
  }

  data.nodes.forEach(function (n) {
    n.title = tip(n.tip);
    n.folded = fold(n.search + " " + n.label);
  });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    e.title = tip(e.tip);
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, data.options);
  window.policykg = {network: network, nodes: data.nodes.length, edges: data.edges.length};
  document.body.setAttribute("data-nodes", String(data.nodes.length));
  document.body.setAttribute("data-edges", String(data.edges.length));
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "yes"); });
  network.fit();

  var select = document.getElementById("province");
  var provinces = {};
  data.nodes.forEach(function (n) { n.provinces.forEach(function (p) { provinces[p] = true; }); });
  Object.keys(provinces).sort().forEach(function (p) {
    var option = document.createElement("option");
    option.value = p;
    option.textContent = p;
    select.appendChild(option);
  });

  function checked(attribute) {
    var out = {};
    document.querySelectorAll("input[" + attribute + "]").forEach(function (box) {
      out[box.getAttribute(attribute)] = box.checked;
    });
    return out;
  }

  var visible = {};
  function apply() {
    var province = select.value, types = checked("data-type"), roles = checked("data-role");
    data.nodes.forEach(function (n) {
      visible[n.id] = types[n.type] && (!province || n.provinces.indexOf(province) >= 0);
    });
    var anyRole = {}, shownRole = {};
    data.edges.forEach(function (e) {
      if (ROLES[e.role]) {
        anyRole[e.to] = true;
        if (roles[e.role] && visible[e.from]) { shownRole[e.to] = true; }
      }
    });
    data.nodes.forEach(function (n) {
      if (n.type === "Agency" && anyRole[n.id] && !shownRole[n.id]) { visible[n.id] = false; }
    });
    var shownEdges = 0, shownNodes = 0;
    nodes.update(data.nodes.map(function (n) {
      if (visible[n.id]) { shownNodes += 1; }
      return {id: n.id, hidden: !visible[n.id]};
    }));
    edges.update(data.edges.map(function (e) {
      var on = visible[e.from] && visible[e.to] && (!ROLES[e.role] || roles[e.role]);
      if (on) { shownEdges += 1; }
      return {id: e.id, hidden: !on};
    }));
    document.getElementById("shown").textContent = shownNodes === data.nodes.length && shownEdges === data.edges.length
      ? data.nodes.length + " nodes, " + data.edges.length + " edges"
      : shownNodes + " of " + data.nodes.length + " nodes, " + shownEdges + " of " + data.edges.length + " edges shown";
    search();
  }

  var box = document.getElementById("search"), found = document.getElementById("found"), matches = [];
  function search() {
    var query = fold(box.value.trim());
    matches = query.length < 2 ? [] : data.nodes.filter(function (n) {
      return visible[n.id] && n.folded.indexOf(query) >= 0;
    }).map(function (n) { return n.id; });
    network.selectNodes(matches, false);
    found.textContent = query.length < 2 ? "" : matches.length + " found";
  }

  document.querySelectorAll(".controls input[type=checkbox], #province").forEach(function (el) {
    el.addEventListener("change", apply);
  });
  box.addEventListener("input", search);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches.length) { network.fit({nodes: matches}); }
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });
  apply();
}());
