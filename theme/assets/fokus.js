/* Fokus: copy-link buttons and FAQ deep links. No framework, no build step. */
(function () {
  "use strict";

  function siteRoot() {
    var configured = document.querySelector('meta[name="fokus-site-url"]');
    if (configured && configured.content) {
      return configured.content.replace(/\/?$/, "/");
    }
    var base = document.querySelector('meta[name="fokus-base"]');
    return new URL((base ? base.content : ".") + "/", location.href).href;
  }

  function snippet(button) {
    var url = new URL(button.dataset.fokusShort, siteRoot()).href + (button.dataset.fokusAnchor || "");
    var label = (button.dataset.fokusKb + " " + button.dataset.fokusTitle).trim();
    var text = label + " \u2013 " + url;
    var link = document.createElement("a");
    link.href = url;
    link.textContent = label;
    return { text: text, html: link.outerHTML };
  }

  function announce(button, message) {
    var original = button.dataset.fokusLabel || button.textContent;
    button.dataset.fokusLabel = original;
    button.textContent = message;
    button.setAttribute("aria-live", "polite");
    setTimeout(function () { button.textContent = original; }, 2500);
  }

  function copy(button) {
    var s = snippet(button);
    var done = function () { announce(button, button.dataset.fokusCopied); };
    var failed = function () { announce(button, button.dataset.fokusFailed + ": " + s.text); };
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/plain": new Blob([s.text], { type: "text/plain" }),
        "text/html": new Blob([s.html], { type: "text/html" })
      });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(s.text).then(done, failed);
      });
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(s.text).then(done, failed);
    } else {
      failed();
    }
  }

  function openFromHash() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var details = target.closest("details");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".fokus-copy");
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });
  window.addEventListener("hashchange", openFromHash);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openFromHash);
  } else {
    openFromHash();
  }
})();
