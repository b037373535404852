// Upload each chosen or dropped file on its own, with a progress bar; the server reads it in a
// worker (a job), which this page polls until the result is there (with several server
// processes, the upload's own request waits for the result instead).
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("f-files");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("upload-results");
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || name; };
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function row(file) {
    var li = el("li", "upload-item");
    li.appendChild(el("p", "file-name", file.name));
    var bar = el("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", msg("progress") + " " + file.name);
    li.appendChild(bar);
    var status = el("p", "file-status", msg("sending"));
    li.appendChild(status);
    list.appendChild(li);
    return { li: li, bar: bar, status: status };
  }

  function showResult(view, ok, body) {
    view.bar.value = 100;
    view.li.classList.add(ok ? "ok" : "failed");
    if (!ok) {
      var error = body && body.error ? body.error.message : msg("network");
      view.status.textContent = msg("error") + ": " + error;
      view.status.setAttribute("role", "alert");
      return;
    }
    view.status.textContent = msg("done") + " (" + msg(body.status) + "). " + body.statements + " " + msg("statements") + ".";
    if (body.warnings && body.warnings.length) {
      view.li.appendChild(el("p", "warnings", msg("warnings") + ": " + body.warnings.join("; ")));
    }
    if (body.document_id) {
      var link = el("a", "open", msg("open"));
      link.href = "/dokument/" + body.document_id + "?versjon=" + body.version;
      view.li.appendChild(link);
    }
  }

  function send(file) {
    var view = row(file);
    if (file.size > maxBytes) {
      showResult(view, false, { error: { message: msg("too-large") } });
      return;
    }
    var data = new FormData();
    data.append("file", file, file.name);
    var actor = document.getElementById("f-actor").value;
    if (actor) data.append("actor", actor);
    var secret = document.getElementById("f-private");
    if (secret && secret.checked) data.append("private", "true");
    var xhr = new XMLHttpRequest();
    var poll = form.getAttribute("data-poll") === "true";
    xhr.open("POST", form.action + (poll ? "?wait=false" : "?wait=true"));
    var csrf = document.querySelector("meta[name='csrf-token']");
    if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf.getAttribute("content"));
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) view.bar.value = Math.round((event.loaded / event.total) * 90);
    });
    xhr.upload.addEventListener("load", function () { view.status.textContent = msg("reading"); });
    xhr.addEventListener("load", function () {
      if (xhr.status === 202 && xhr.response && xhr.response.url) follow(view, xhr.response.url);
      else showResult(view, xhr.status === 200, xhr.response);
    });
    xhr.addEventListener("error", function () { showResult(view, false, null); });
    xhr.send(data);
  }

  // Ask for the job's status until it is done: queued, then read and coded in a worker.
  function follow(view, url) {
    var poll = new XMLHttpRequest();
    poll.open("GET", url);
    poll.responseType = "json";
    poll.addEventListener("load", function () {
      var job = poll.response;
      if (poll.status !== 200 || !job) return showResult(view, false, job);
      if (job.status === "queued" || job.status === "running") {
        view.bar.value = job.status === "running" ? 95 : 92;
        view.status.textContent = msg("reading") + " (" + Math.round(job.seconds) + " s)";
        window.setTimeout(function () { follow(view, url); }, 400);
        return;
      }
      if (job.status === "failed") return showResult(view, false, { error: job.error });
      var result = job.result;
      if (result.status === "error") return showResult(view, false, { error: { message: result.error } });
      showResult(view, true, result);
    });
    poll.addEventListener("error", function () { showResult(view, false, null); });
    poll.send();
  }

  function sendAll(files) {
    for (var i = 0; i < files.length; i++) send(files[i]);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    sendAll(event.dataTransfer.files);
  });
})();
