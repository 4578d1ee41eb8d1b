// Error reports on the article page: select text in the article and press Ctrl+Enter
// (⌘+Enter on a Mac), or activate "Report an error", and a dialog takes the quote, a
// comment and an optional address, posting them like the no-JS form does (asking for
// JSON). Every word shown comes from the page (the <template> and data attributes),
// rendered from the catalogs; this file holds none. Without a <dialog> or fetch the link
// simply leads to the form page.
(function () {
  "use strict";
  var root = document.querySelector("[data-report]");
  var template = document.getElementById("report-dialog-template");
  if (!root || !template || !window.fetch || typeof HTMLDialogElement !== "function") {
    return;
  }
  var article = root.closest("article") || document.body;
  var link = root.querySelector(".report-link");
  var hint = root.querySelector(".report-hint");
  if (hint) {
    hint.hidden = false;
  }
  var dialog = null;
  var returnTo = null;
  var lastQuote = "";
  var cancelLabel = "";

  // The text selected inside the article, if any.
  function selectedQuote() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) {
      return "";
    }
    var range = sel.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) {
      return "";
    }
    if (dialog && dialog.contains(range.commonAncestorContainer)) {
      return "";
    }
    return sel.toString().replace(/\s+/g, " ").trim().slice(0, 1000);
  }

  // Activating the link may clear the selection first: remember the last one.
  document.addEventListener("selectionchange", function () {
    var q = selectedQuote();
    if (q) {
      lastQuote = q;
    }
  });

  function part(selector) {
    return dialog.querySelector(selector);
  }

  function build() {
    dialog = template.content.firstElementChild.cloneNode(true);
    document.body.appendChild(dialog);
    var form = part("form");
    cancelLabel = part(".report-cancel").textContent;
    part(".report-cancel").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      var target = returnTo && document.contains(returnTo) ? returnTo : link;
      returnTo = null;
      if (target && typeof target.focus === "function") {
        target.focus();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(form);
    });
  }

  function setStatus(text, failed) {
    var status = part(".report-status");
    status.textContent = text;
    status.classList.toggle("form-error", !!failed);
  }

  function markErrors(errors) {
    ["quote", "comment", "email"].forEach(function (name) {
      var field = part("[name=" + name + "]");
      if (errors && errors[name]) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    });
  }

  function send(form) {
    var button = part(".report-send");
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    setStatus(root.getAttribute("data-sending"), false);
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: body,
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        button.disabled = false;
        markErrors(answer.errors);
        if (answer.ok) {
          part(".report-fields").hidden = true;
          button.hidden = true;
          part(".report-cancel").textContent = root.getAttribute("data-close");
          setStatus(answer.message, false);
          part(".report-cancel").focus();
        } else {
          var details = Object.keys(answer.errors || {})
            .map(function (k) {
              return answer.errors[k];
            })
            .join(" ");
          setStatus((answer.message + " " + details).trim(), true);
          var first = Object.keys(answer.errors || {})[0];
          var field = first && part("[name=" + first + "]");
          if (field && field.type !== "hidden") {
            field.focus();
          }
        }
      })
      .catch(function () {
        button.disabled = false;
        setStatus(root.getAttribute("data-network-error"), true);
      });
  }

  function open(quote) {
    if (!dialog) {
      build();
    }
    if (dialog.open) {
      return;
    }
    returnTo = document.activeElement;
    part("form").reset();
    part(".report-fields").hidden = false;
    part(".report-send").hidden = false;
    part(".report-send").disabled = false;
    part(".report-cancel").textContent = cancelLabel;
    markErrors(null);
    setStatus("", false);
    part("[name=quote]").value = quote;
    dialog.showModal();
    part("[name=quote]").focus();
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    open(selectedQuote() || lastQuote);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
      return;
    }
    if (dialog && dialog.open) {
      // Ctrl+Enter in the dialog sends it.
      event.preventDefault();
      part("form").requestSubmit();
      return;
    }
    var target = event.target;
    var typing =
      target &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) {
      return;
    }
    event.preventDefault();
    open(selectedQuote());
  });
})();
