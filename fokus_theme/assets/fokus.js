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

  var VIA = "svar";  // ?via=svar: the visit came through a link pasted into a reply

  function apiBase() {
    var meta = document.querySelector('meta[name="fokus-api"]');
    return new URL(meta ? meta.content : "api/", location.href).href.replace(/\/?$/, "/");
  }

  /* Reply-link tracking: a "Kopiera länk" press or a visit through a copied link. Counting
     must never get in the reader's way, so failures are ignored. */
  function count(kind, articleId, anchor) {
    if (!articleId) return;
    var body = JSON.stringify({ article_id: Number(articleId), anchor: anchor || null, kind: kind });
    fetch(apiBase() + "reply-links", { method: "POST", body: body, keepalive: true,
                                       credentials: "same-origin",
                                       headers: { "Content-Type": "application/json" } })
      .catch(function () { /* counting only */ });
  }

  function countVisit() {
    var params = new URLSearchParams(location.search);
    if (params.get("via") !== VIA) return;
    var named = document.querySelector("[data-fokus-article]");
    var anchor = location.hash ? decodeURIComponent(location.hash.slice(1)) : null;
    count("visit", named && named.dataset.fokusArticle, anchor);
    params.delete("via");  // once: a reload or a bookmark of this address does not count again
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") +
                         location.hash);
  }

  function snippet(button) {
    var address = new URL(button.dataset.fokusShort, siteRoot());
    address.searchParams.set("via", VIA);
    var url = address.href + (button.dataset.fokusAnchor || "");
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
    // The button is a live region from the start (site_builder/widgets.py): one made live
    // at the moment its text changes may go unannounced.
    button.textContent = message;
    setTimeout(function () { button.textContent = original; }, 2500);
  }

  function copy(button) {
    var s = snippet(button);
    var done = function () {
      announce(button, button.dataset.fokusCopied);
      count("copy", button.dataset.fokusArticle, (button.dataset.fokusAnchor || "").replace(/^#/, ""));
    };
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
  /* The short link printed under an article's title, whole even without `site_url`. */
  function printLinks() {
    document.querySelectorAll("[data-fokus-print-link]").forEach(function (element) {
      element.textContent = new URL(element.dataset.fokusPrintLink, siteRoot()).href;
    });
  }

  function start() {
    openFromHash();
    countVisit();
    printLinks();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
