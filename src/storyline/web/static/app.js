// Storyline: a click (or Enter) on a highlighted span shows the records it belongs to.
// The records are in the page already (server-rendered, escaped); this only moves copies
// of them into the side panel. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";
  function show(span) {
    var panel = document.getElementById("record");
    if (!panel) { return; }
    var refs = (span.getAttribute("data-refs") || "").split(/\s+/);
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    refs.forEach(function (ref) {
      if (!/^(q|ev|en|tm)\d+$/.test(ref)) { return; }
      var rec = document.getElementById("rec-" + ref);
      if (rec) {
        var copy = rec.cloneNode(true);
        copy.removeAttribute("id");
        copy.setAttribute("data-ref", ref);
        panel.appendChild(copy);
      }
    });
    var prev = document.querySelectorAll(".hl.selected");
    Array.prototype.forEach.call(prev, function (el) { el.classList.remove("selected"); });
    // every piece of the innermost record clicked (a quote is cut where an entity starts)
    Array.prototype.forEach.call(document.querySelectorAll("#body .hl"), function (el) {
      if ((el.getAttribute("data-refs") || "").split(/\s+/).indexOf(refs[0]) >= 0) { el.classList.add("selected"); }
    });
  }
  document.addEventListener("click", function (ev) {
    var span = ev.target.closest ? ev.target.closest("#body .hl") : null;
    if (span) { show(span); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("#body .hl")) { show(ev.target); }
  });
})();
