(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("storyline-data").textContent);
  var options = {
    renderer: "svg", actions: false, ast: true, expr: vega.expressionInterpreter,
    defaultStyle: false, tooltip: { disableDefaultStyle: true }
  };
  function chart(id, spec) {
    var el = document.getElementById(id);
    if (!el) return;
    if (!spec.data.values.length) { el.textContent = "nothing to draw"; return; }
    vegaEmbed(el, spec, options).then(function () {
      el.setAttribute("data-rendered", "true");
    }).catch(function (err) {
      el.textContent = "chart not drawn: " + err.message;
    });
  }
  function network() {
    var el = document.getElementById("chart-network");
    if (!el) return;
    if (!data.network.length) { el.textContent = "no events between two actors"; return; }
    el.textContent = "";
    var cy = cytoscape({
      container: el, elements: data.network,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "wrap",
          "text-max-width": 120, "background-color": "#34495e", "color": "#222",
          "width": "mapData(events, 1, 12, 14, 40)", "height": "mapData(events, 1, 12, 14, 40)" } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "data(color)",
          "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier",
          "label": "data(label)", "font-size": 9 } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 }
    });
    el.setAttribute("data-rendered", "true");
    window.storylineNetwork = cy;
  }
  chart("chart-timeline", data.timeline);
  chart("chart-balance", data.balance);
  network();
})();
