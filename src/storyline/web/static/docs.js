// The API reference: reads /openapi.json and lists every operation with its parameters.
// Built with DOM calls and textContent only, so nothing in the description is parsed as HTML.
(function () {
  "use strict";
  var root = document.getElementById("openapi");
  if (!root) { return; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (spec) {
      root.textContent = "";
      root.appendChild(el("p", (spec.info && spec.info.description) || ""));
      Object.keys(spec.paths || {}).sort().forEach(function (path) {
        var ops = spec.paths[path];
        Object.keys(ops).forEach(function (method) {
          var op = ops[method];
          var sec = el("section", null, "op");
          var h = el("h2");
          h.appendChild(el("span", method.toUpperCase(), "method " + method));
          h.appendChild(document.createTextNode(" "));
          h.appendChild(el("code", path));
          sec.appendChild(h);
          if (op.summary) { sec.appendChild(el("p", op.summary)); }
          var params = op.parameters || [];
          if (params.length) {
            var table = el("table", null, "params");
            var head = el("tr");
            ["name", "in", "required", "description"].forEach(function (t) { head.appendChild(el("th", t)); });
            table.appendChild(head);
            params.forEach(function (p) {
              var tr = el("tr");
              tr.appendChild(el("td", p.name));
              tr.appendChild(el("td", p["in"]));
              tr.appendChild(el("td", p.required ? "yes" : "no"));
              tr.appendChild(el("td", p.description || (p.schema && p.schema.pattern) || ""));
              table.appendChild(tr);
            });
            sec.appendChild(table);
          }
          if (op.requestBody) { sec.appendChild(el("p", "Body: JSON (see the schema in /openapi.json)")); }
          root.appendChild(sec);
        });
      });
    })
    .catch(function (err) { root.textContent = "Could not load /openapi.json: " + err.message; });
})();
