// Desk enhancements; every form works without them. Autosave posts the editor form every
// 20 seconds when it changed (drafts only); live preview renders the body as you type.
// Its messages come from the page (data-* attributes), in the page's language.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var status = document.getElementById("autosave-status");
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    setInterval(function () {
      if (!dirty) return;
      dirty = false;
      fetch(form.getAttribute("data-autosave"), {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, body: j }; });
      }).then(function (res) {
        if (res.ok) {
          form.querySelector("input[name=version]").value = res.body.version;
          status.textContent = status.getAttribute("data-saved").replace("{time}", res.body.saved_at);
        } else {
          status.textContent = res.body.error || status.getAttribute("data-failed");
        }
      }).catch(function () { status.textContent = status.getAttribute("data-offline"); });
    }, 20000);
  }
  var editor = document.querySelector("form[data-preview]");
  var pane = document.getElementById("live-preview");
  if (editor && pane) {
    var timer;
    var refresh = function () {
      var data = new URLSearchParams(new FormData(editor));
      data.set("fragment", "1");
      fetch("/desk/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) { pane.innerHTML = html; });
    };
    editor.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 600); });
  }
  // "Read also" suggestions follow the text as it is typed (2 s after the last key).
  var box = document.querySelector("[data-read-also]");
  if (editor && box) {
    var waiting;
    var suggest = function () {
      var data = new URLSearchParams(new FormData(editor));
      if (box.getAttribute("data-exclude")) { data.set("exclude", box.getAttribute("data-exclude")); }
      fetch(box.getAttribute("data-read-also"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) {
          if (!j || !j.suggestions || !j.suggestions.length) { return; }
          var list = box.querySelector("ul") || box.appendChild(document.createElement("ul"));
          list.textContent = "";
          j.suggestions.forEach(function (s) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = "/articles/" + s.slug;
            a.textContent = s.headline;
            var code = document.createElement("code");
            code.textContent = s.line;
            li.appendChild(a);
            li.appendChild(document.createElement("br"));
            li.appendChild(code);
            list.appendChild(li);
          });
        })
        .catch(function () {});
    };
    editor.addEventListener("input", function () { clearTimeout(waiting); waiting = setTimeout(suggest, 2000); });
  }
})();
// Live coverage (News Feed items, live entries): a form[data-quick-post] posts with fetch
// and the new row appears at the top of its list without a reload; field errors show next
// to their fields. Without this script the same form posts and redirects back.
(function () {
  var forms = document.querySelectorAll("form[data-quick-post]");
  Array.prototype.forEach.call(forms, function (form) {
    var prefix = form.getAttribute("data-prefix");
    var status = form.querySelector("[data-quick-status]");
    var clearErrors = function () {
      Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (span) {
        span.textContent = "";
        span.hidden = true;
      });
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (input) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      });
    };
    var showErrors = function (fields) {
      var first = null;
      Object.keys(fields || {}).forEach(function (name) {
        var span = document.getElementById(prefix + "-" + name + "-error");
        var input = document.getElementById(prefix + "-" + name);
        if (span) { span.textContent = fields[name]; span.hidden = false; }
        if (input) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", prefix + "-" + name + "-error");
          first = first || input;
        }
      });
      if (first) first.focus();
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new URLSearchParams(new FormData(form));
      if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
      var buttons = form.querySelectorAll("button");
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      clearErrors();
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (r) {
        return r.json().then(function (j) { return { ok: r.ok, body: j }; }, function () { return { ok: false, body: {} }; });
      }).then(function (res) {
        if (res.ok) {
          var listId = res.body.published ? form.getAttribute("data-list") : (form.getAttribute("data-drafts") || form.getAttribute("data-list"));
          var list = document.getElementById(listId);
          if (list) {
            list.insertAdjacentHTML("afterbegin", res.body.html);
            var note = list.parentNode.querySelector("[data-empty-note]");
            if (note) note.remove();
          }
          var authors = form.elements.authors ? form.elements.authors.value : null;
          form.reset();
          if (authors !== null) form.elements.authors.value = authors;
          status.textContent = res.body.notice;
          var firstField = form.querySelector("input:not([type=hidden]), textarea");
          if (firstField) firstField.focus();
        } else {
          showErrors(res.body.fields);
          status.textContent = res.body.error || status.getAttribute("data-failed");
        }
      }).catch(function () {
        status.textContent = status.getAttribute("data-offline");
      }).then(function () {
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      });
    });
  });
  // Deleting and archiving ask first (without the script the button acts at once).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
