/* Live preview for the lesson editor (progressive enhancement: saving and the "Preview" button work without it).
 * The Markdown is posted only to this server's preview URL, which renders it with the lesson sanitiser;
 * nothing is sent anywhere else. Loaded with <script defer>; no inline code, so the strict CSP holds. */
(function () {
  "use strict";
  var DELAY_MS = 600;

  function setUp(form) {
    var textarea = form.querySelector("textarea[name='text']");
    var target = document.getElementById("preview-output");
    var status = document.getElementById("preview-status");
    var token = form.querySelector("input[name='csrf_token']");
    if (!textarea || !target || !status || !token || !window.fetch) {
      return;
    }
    var url = new URL(form.dataset.previewUrl, window.location.href);
    if (url.origin !== window.location.origin) {
      return; // never send lesson text to another server
    }
    var timer = null;
    var latest = 0;
    var warnings = document.getElementById("preview-warnings");

    function showWarnings(messages) {
      if (!warnings) {
        return;
      }
      var list = warnings.querySelector("ul");
      list.textContent = "";
      messages.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message; // text, never markup
        list.appendChild(item);
      });
      warnings.hidden = messages.length === 0;
    }

    function update() {
      var request = ++latest;
      var body = new FormData();
      body.append("csrf_token", token.value);
      body.append("text", textarea.value);
      fetch(url.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("preview " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          if (request !== latest) {
            return; // an answer to an older keystroke arrived late
          }
          target.innerHTML = answer.html; // sanitised on the server with the lesson allow-list
          showWarnings(answer.warnings || []);
          status.textContent = form.dataset.msgUpdated;
        })
        .catch(function () {
          if (request === latest) {
            status.textContent = form.dataset.msgFailed;
          }
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("editor-form");
    if (form) {
      setUp(form);
    }
  });
})();
