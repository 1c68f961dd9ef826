/* Fokus: "Berätta vad du letade efter". A reader who found nothing, or answered Nej, tells the
   helpdesk what they were looking for; the text goes to the API's /needs. The search results
   page and the feedback widget ask for a form with window.fokusNeeds.form(options). */
(function () {
  "use strict";

  var MAX_TEXT = 1000;
  var TIMEOUT_MS = 5000;
  var counter = 0;

  function json(id, fallback) {
    var element = document.getElementById(id);
    try { return element ? JSON.parse(element.textContent) : fallback; } catch (e) { return fallback; }
  }
  var t = json("fokus-strings", {});

  function apiBase() {
    var meta = document.querySelector('meta[name="fokus-api"]');
    return new URL(meta ? meta.content : "api/", location.href).href.replace(/\/?$/, "/");
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function send(body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(apiBase() + "needs", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal: controller.signal, credentials: "same-origin"
    }).then(function (response) {
      clearTimeout(timer);
      if (response.status !== 201) throw new Error("HTTP " + response.status);
      return response.json();
    }, function (error) { clearTimeout(timer); throw error; });
  }

  /* options: query (the search), articleId (voted Nej on), category (preselected area),
     collapsed (behind a "Berätta vad du letade efter" summary, as after Nej). */
  function form(options) {
    options = options || {};
    counter += 1;
    var id = "fokus-need-" + counter;
    var root = el("form", { "class": "fokus-need", "data-fokus-need": "" });
    var area = el("select", { id: id + "-area", name: "category" });
    area.appendChild(el("option", { value: "" }, t["needs.any_area"]));
    json("fokus-areas", []).forEach(function (item) {
      var option = el("option", { value: item.slug }, item.title);
      if (item.slug === options.category) option.selected = true;
      area.appendChild(option);
    });
    var text = el("textarea", { id: id + "-text", name: "text", rows: "3",
                                maxlength: String(MAX_TEXT) });
    var status = el("p", { "class": "fokus-need__status", role: "status", "aria-live": "polite",
                           tabindex: "-1" });
    var fields = [
      el("label", { "for": id + "-text" }, t["needs.text"]), text,
      el("label", { "for": id + "-area" }, t["needs.area"]), area,
      el("button", { type: "submit", "class": "md-button md-button--primary" }, t["needs.send"]),
      status
    ];
    var holder = root;
    if (options.collapsed) {
      holder = el("details", { "class": "fokus-need__details" });
      holder.appendChild(el("summary", {}, t["needs.title"]));
      root.appendChild(holder);
    } else {
      root.appendChild(el("h2", { "class": "fokus-need__title" }, t["needs.title"]));
    }
    fields.forEach(function (node) { holder.appendChild(node); });
    root.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = text.value.trim();
      if (!typed) { status.textContent = t["needs.empty"]; text.focus(); return; }
      if (typed.length > MAX_TEXT) { status.textContent = t["needs.too_long"]; return; }
      send({ text: typed, query: options.query || null, category: area.value || null,
             article_id: options.articleId || null }).then(function () {
        status.textContent = t["needs.thanks"];
        // The focused Skicka button is hidden with the fields: focus moves to the thanks.
        fields.slice(0, -1).forEach(function (node) { node.hidden = true; });
        status.focus();
      }, function () {
        status.textContent = t["needs.failed"];
      });
    });
    return root;
  }

  window.fokusNeeds = { form: form };
})();
