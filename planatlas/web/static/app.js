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
// form's field, so the page works the same without scripts. A <select data-search> narrows its
// options (the choice follows the search); a <fieldset data-search> of check boxes narrows its
// rows, keeping the ticked ones in sight.
(function () {
  "use strict";
  var SEARCH_FROM = 20; // shorter lists are read at a glance

  function searchField(list, id, parent, before) {
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "list-search";
    input.placeholder = list.getAttribute("data-search");
    input.setAttribute("aria-label", list.getAttribute("data-search"));
    parent.insertBefore(input, before);
    return input;
  }

  // a typed word matches the start of a word: "bygd 1" finds "Bygd 12", not "Bygd 01"
  function words(text) {
    return text.toLowerCase().split(/[^0-9a-zæøåäöüé]+/).filter(Boolean);
  }

  function searchable(list, items, textOf, hide, input, count, chose) {
    var texts = items.map(function (item) { return " " + words(textOf(item)).join(" "); });
    var timer = null;

    function narrow() {
      var typed = words(input.value);
      var shown = 0, first = null;
      items.forEach(function (item, i) {
        var on = typed.every(function (word) { return texts[i].indexOf(" " + word) !== -1; });
        hide(item, !on);
        if (on) { shown += 1; first = first || item; }
      });
      if (typed.length && first) chose(first);
      count.textContent = typed.length
        ? list.getAttribute("data-search-count").replace("{n}", String(shown))
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

  function counter(after) {
    var count = document.createElement("span");
    count.className = "list-count";
    count.setAttribute("aria-live", "polite");
    after.parentNode.insertBefore(count, after.nextSibling);
    return count;
  }

  function searchableSelect(select) {
    // "none chosen" (no value) stays in every search
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value; });
    if (options.length < SEARCH_FROM) return;
    var input = searchField(select, select.id + "-sok", select.parentNode, select);
    input.setAttribute("aria-controls", select.id);
    searchable(select, options, function (o) { return o.text; },
      function (o, off) { o.hidden = off; }, input, counter(select),
      function (first) {
        // the chosen option stays chosen while it matches; otherwise the first match is chosen
        var chosen = select.options[select.selectedIndex];
        if (!chosen || chosen.hidden || !chosen.value) first.selected = true;
      });
  }

  function searchableBoxes(fieldset) {
    var rows = Array.prototype.slice.call(fieldset.querySelectorAll(".check-row"));
    if (rows.length < SEARCH_FROM) return;
    // beside the group, not in it: a group holds only the boxes its legend names
    var field = document.createElement("div");
    field.className = "field";
    fieldset.parentNode.insertBefore(field, fieldset);
    var label = document.createElement("label");
    label.htmlFor = fieldset.id + "-sok";
    label.textContent = fieldset.getAttribute("data-search");
    field.appendChild(label);
    var input = searchField(fieldset, fieldset.id + "-sok", field, null);
    input.setAttribute("aria-controls", fieldset.id);
    searchable(fieldset, rows, function (row) { return row.textContent; },
      function (row, off) { row.hidden = off && !row.querySelector("input").checked; },
      input, counter(input), function () {});
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-search]"), searchableSelect);
  Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-search]"), searchableBoxes);
})();
