// The alliance network: hovering or focusing an actor highlights its links and neighbours.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".node"));
  var lines = Array.prototype.slice.call(svg.querySelectorAll("line"));

  function highlight(id) {
    var near = {};
    near[id] = true;
    lines.forEach(function (line) {
      var a = line.getAttribute("data-a"), b = line.getAttribute("data-b");
      var on = a === id || b === id;
      if (on) { near[a] = true; near[b] = true; }
      line.classList.toggle("active", on);
      line.classList.toggle("dim", !on);
    });
    nodes.forEach(function (node) {
      var key = node.getAttribute("data-id");
      node.classList.toggle("active", key === id);
      node.classList.toggle("dim", !near[key]);
    });
  }

  function clear() {
    lines.forEach(function (line) { line.classList.remove("active", "dim"); });
    nodes.forEach(function (node) { node.classList.remove("active", "dim"); });
  }

  nodes.forEach(function (node) {
    var id = node.getAttribute("data-id");
    node.addEventListener("mouseenter", function () { highlight(id); });
    node.addEventListener("focus", function () { highlight(id); });
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  });
})();
