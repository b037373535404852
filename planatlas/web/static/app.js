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

// Long lists of choices (an atlas of thousands of documents or actors): a search field above
// the list narrows it to the choices holding every word typed. The list itself stays the
// form's field, so the page works the same without scripts.
(function () {
  "use strict";
  var SEARCH_FROM = 20; // shorter lists are read at a glance

  function searchable(select) {
    var options = Array.prototype.slice.call(select.options);
    if (options.length < SEARCH_FROM) return;
    var texts = options.map(function (option) { return option.text.toLowerCase(); });
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-sok";
    input.className = "list-search";
    input.placeholder = select.getAttribute("data-search");
    input.setAttribute("aria-label", select.getAttribute("data-search"));
    input.setAttribute("aria-controls", select.id);
    var count = document.createElement("span");
    count.className = "list-count";
    count.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(count, select.nextSibling);
    var timer = null;

    function narrow() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0, first = null;
      options.forEach(function (option, i) {
        if (!option.value) return; // "none chosen" stays
        var on = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        option.hidden = !on;
        if (on) { shown += 1; first = first || option; }
      });
      var chosen = select.options[select.selectedIndex];
      // the choice follows the search: the first match when the chosen one no longer matches
      if (words.length && (!chosen || chosen.hidden || !chosen.value) && first) first.selected = true;
      count.textContent = words.length
        ? select.getAttribute("data-search-count").replace("{n}", String(shown))
        : "";
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(narrow, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); narrow(); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-search]"), searchable);
})();
