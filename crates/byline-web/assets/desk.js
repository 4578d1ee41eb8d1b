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
})();
