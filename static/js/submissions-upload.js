// Upload with a progress bar. Without JavaScript the form posts normally; with it, the same request
// goes through XMLHttpRequest so the student sees how far the upload is, and a file over the limit
// is refused before a single byte is sent.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData) { return; }
  var progress = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var errorBox = document.getElementById("upload-error");
  var button = form.querySelector("button[type=submit]");

  function showError(message) {
    errorBox.querySelector(".error-text").textContent = message;
    errorBox.hidden = false;
    errorBox.focus();
    progress.hidden = true;
    button.disabled = false;
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    var file = input && input.files && input.files[0];
    if (!file || !form.checkValidity()) { return; }  // the browser or the server explains
    event.preventDefault();
    if (file.size > Number(form.dataset.maxBytes)) { showError(form.dataset.tooLarge); return; }
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      progress.textContent = percent + " %";
      status.textContent = percent + " %";
    });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
      if (answer && answer.ok) { window.location.assign(answer.redirect); return; }
      showError(answer && answer.error ? answer.error : form.dataset.failed);
    });
    request.addEventListener("error", function () { showError(form.dataset.failed); });
    errorBox.hidden = true;
    progress.hidden = false;
    button.disabled = true;  // one upload at a time: a double click sends one request
    request.send(new FormData(form));
  });
}());
