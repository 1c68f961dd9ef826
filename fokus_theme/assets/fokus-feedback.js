/* Fokus: "Hjälpte det här?" widgets. Votes go to the feedback API; the browser remembers its
   own votes (localStorage) so a reload shows them, and a changed mind replaces the vote. */
(function () {
  "use strict";

  var TOKEN_KEY = "fokus:token";
  var VOTES_KEY = "fokus:votes";
  var LAST_QUERY_KEY = "fokus:lastQuery";
  var TIMEOUT_MS = 5000;

  function strings() {
    var element = document.getElementById("fokus-strings");
    try { return element ? JSON.parse(element.textContent) : {}; } catch (e) { return {}; }
  }
  var t = strings();

  function apiBase() {
    var meta = document.querySelector('meta[name="fokus-api"]');
    return new URL(meta ? meta.content : "api/", location.href).href.replace(/\/?$/, "/");
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function token() {
    var store = storage();
    var value = store && store.getItem(TOKEN_KEY);
    if (!value) {
      var bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      value = Array.prototype.map.call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      if (store) store.setItem(TOKEN_KEY, value);
    }
    return value;
  }

  function savedVotes() {
    var store = storage();
    try { return JSON.parse((store && store.getItem(VOTES_KEY)) || "{}"); } catch (e) { return {}; }
  }

  function remember(key, vote) {
    var store = storage();
    if (!store) return;
    var votes = savedVotes();
    votes[key] = vote;
    store.setItem(VOTES_KEY, JSON.stringify(votes));
  }

  function lastQuery(articleId) {
    try {
      var saved = JSON.parse(sessionStorage.getItem(LAST_QUERY_KEY) || "null");
      if (saved && String(saved.article_id) === String(articleId)) return saved.query || null;
    } catch (e) { /* no session storage: no query */ }
    return null;
  }

  function send(widget, helpful, comment) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var body = {
      article_id: Number(widget.dataset.article),
      anchor: widget.dataset.anchor || null,
      helpful: helpful,
      // null keeps the comment already sent (the service keeps it); text replaces it.
      comment: typeof comment === "string" ? comment : null,
      query: lastQuery(widget.dataset.article),
      token: token()
    };
    return fetch(apiBase() + "feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal
    }).then(function (response) {
      clearTimeout(timer);
      if (response.status !== 201) throw new Error("HTTP " + response.status);
      return response.json();
    }, function (error) { clearTimeout(timer); throw error; });
  }

  function key(widget) {
    return widget.dataset.article + "#" + (widget.dataset.anchor || "");
  }

  function show(widget, vote, message) {
    widget.querySelectorAll("[data-helpful]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.helpful === String(vote.helpful)));
    });
    widget.classList.add("fokus-feedback--answered");
    widget.querySelector(".fokus-feedback__status").textContent = message;
  }

  function vote(widget, helpful) {
    var status = widget.querySelector(".fokus-feedback__status");
    var form = widget.querySelector(".fokus-feedback__comment");
    send(widget, helpful, null).then(function (stored) {
      remember(key(widget), { helpful: stored.helpful, commented: Boolean(stored.comment) });
      show(widget, stored, stored.comment ? t["feedback.kept"] : t["feedback.thanks"]);
      form.hidden = helpful;
      if (!helpful) {
        // What the reader already said stays, shown so that it can be changed.
        var textarea = form.querySelector("textarea");
        textarea.value = stored.comment || "";
        textarea.focus();
        offerNeed(widget);
      }
    }, function () {
      status.textContent = t["feedback.failed"];
    });
  }

  /* After Nej: "Berätta vad du letade efter", folded, for what the article does not cover. */
  function offerNeed(widget) {
    if (!window.fokusNeeds || widget.querySelector("[data-fokus-need]")) return;
    var need = window.fokusNeeds.form({ query: lastQuery(widget.dataset.article),
                                        articleId: Number(widget.dataset.article),
                                        collapsed: true });
    widget.insertBefore(need, widget.querySelector(".fokus-feedback__status"));
  }

  function comment(widget, event) {
    event.preventDefault();
    var form = widget.querySelector(".fokus-feedback__comment");
    var text = form.querySelector("textarea").value;
    var status = widget.querySelector(".fokus-feedback__status");
    if (text.length > 1000) { status.textContent = t["feedback.too_long"]; return; }
    send(widget, false, text).then(function (stored) {
      remember(key(widget), { helpful: stored.helpful, commented: Boolean(stored.comment) });
      show(widget, stored, t["feedback.thanks_comment"]);
      // The focused Skicka button is hidden with its form: focus goes to the thank-you line
      // (already a live region), never back to <body>.
      form.hidden = true;
      status.focus();
    }, function () {
      status.textContent = t["feedback.failed"];
    });
  }

  function init(widget) {
    var saved = savedVotes()[key(widget)];
    if (saved) show(widget, saved, t["feedback.change"]);
    widget.querySelectorAll("[data-helpful]").forEach(function (button) {
      button.addEventListener("click", function () {
        vote(widget, button.dataset.helpful === "true");
      });
    });
    widget.querySelector(".fokus-feedback__comment").addEventListener("submit", function (e) {
      comment(widget, e);
    });
  }

  function start() {
    document.querySelectorAll("[data-fokus-feedback]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
