/* Fokus search: suggestions as you type, the results page and click recording, all from the
 * search service's API (search_service/openapi.py). Plain ES2017, no framework, no build step.
 *
 * Every request has a deadline (AbortController): when the API cannot be reached, the reader
 * is told so and offered the helpdesk contact instead of a spinner. */
(function () {
  "use strict";

  var TIMEOUT_MS = 2000;
  var DEBOUNCE_MS = 150;
  // Suggestions wait for the debounce first; their deadline is counted from the keystroke, so
  // an unreachable API is reported within two seconds of typing, rendering included.
  var SUGGEST_TIMEOUT_MS = TIMEOUT_MS - DEBOUNCE_MS - 50;
  var MAX_SUGGESTIONS = 8;
  var MAX_QUERY = 200;
  var LAST_QUERY_KEY = "fokus:lastQuery";
  var TYPES = ["handbook", "guide", "faq", "news"];

  // -- page settings -----------------------------------------------------------------------

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  function readJson(id) {
    var element = document.getElementById(id);
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  var STRINGS = readJson("fokus-strings");
  // Where the build put Fokus's own pages (site_builder/urls.py), relative to the site root:
  // they step aside when the organisation's content has pages of its own at the usual paths.
  var PATHS = readJson("fokus-paths");

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(STRINGS, key) ? STRINGS[key] : key;
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? String(values[name]) : match;
    });
  }

  function withSlash(url) {
    return /\/$/.test(url) ? url : url + "/";
  }

  var SITE_ROOT = new URL(withSlash(meta("fokus-base") || "."), location.href);
  var API_BASE = new URL(withSlash(meta("fokus-api") || SITE_ROOT.href + "api/"), location.href);
  var CONTACT_URL = new URL(PATHS.contact || "", SITE_ROOT).href;

  function sitePath(path) {
    return new URL(path, SITE_ROOT).href;
  }

  function normalise(text) {
    return (text || "").split(/\s+/).filter(Boolean).join(" ");
  }

  // -- DOM helpers -------------------------------------------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "className") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* The API escapes snippets and only adds <mark>; keep exactly that and nothing else. */
  function snippetNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        out.appendChild(el("mark", { text: node.textContent }));
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function contactLink() {
    return el("a", { href: CONTACT_URL, className: "fokus-contact-link",
                     text: t("contact.title") });
  }

  function quoted(text) {
    return t("search.quoted", { q: text });
  }

  // -- the API -----------------------------------------------------------------------------

  /* Why a request failed: "unavailable" (network, timeout, 5xx, not JSON), "rejected" (a JSON
   * 4xx from the API) or "superseded" (the reader typed on; nobody is waiting for it). */
  function ApiError(kind, status, body) {
    this.kind = kind;
    this.status = status || 0;
    this.body = body || null;
  }

  function request(endpoint, init, options) {
    options = options || {};
    var controller = new AbortController();
    var timedOut = false;
    var timer = setTimeout(function () {
      timedOut = true;
      controller.abort();
    }, options.timeout || TIMEOUT_MS);
    if (options.signal) {
      if (options.signal.aborted) controller.abort();
      options.signal.addEventListener("abort", function () { controller.abort(); });
    }
    var settings = Object.assign({ headers: { Accept: "application/json" },
                                   credentials: "same-origin" }, init || {},
                                 { signal: controller.signal });
    return fetch(new URL(endpoint, API_BASE).href, settings)
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status >= 500 || type.indexOf("json") === -1) {
          throw new ApiError("unavailable", response.status);
        }
        return response.json().then(function (body) {
          if (!response.ok) throw new ApiError("rejected", response.status, body);
          return body;
        }, function () {
          throw new ApiError("unavailable", response.status);
        });
      })
      .catch(function (error) {
        if (error instanceof ApiError && error.kind !== "unavailable") throw error;
        if (!timedOut && options.signal && options.signal.aborted) {
          throw new ApiError("superseded");
        }
        throw error instanceof ApiError ? error : new ApiError("unavailable");
      })
      .then(function (body) {
        clearTimeout(timer);
        return body;
      }, function (error) {
        clearTimeout(timer);
        throw error;
      });
  }

  function getJSON(endpoint, params, options) {
    var query = new URLSearchParams();
    Object.keys(params).forEach(function (name) {
      if (params[name] !== null && params[name] !== undefined && params[name] !== "") {
        query.set(name, params[name]);
      }
    });
    return request(endpoint + "?" + query.toString(), { method: "GET" }, options);
  }

  /* Which search led the reader to the page they open, for this tab only:
   * {query, article_id, anchor, position, source: "results" | "suggestion", at}. */
  function remember(entry) {
    try {
      sessionStorage.setItem(LAST_QUERY_KEY, JSON.stringify(
        Object.assign({ at: new Date().toISOString() }, entry)));
    } catch (error) { /* storage disabled: nothing to remember */ }
  }

  function anchorOf(path) {
    var hash = String(path || "").split("#")[1];
    return hash ? decodeURIComponent(hash) : null;
  }

  /* A search result was opened: tell the API (for search analytics) and remember the query
   * for this tab, so the article's feedback can say which search led there. */
  function recordClick(click) {
    remember(Object.assign({ source: "results" }, click));
    var body = JSON.stringify(click);
    var url = new URL("click", API_BASE).href;
    var sent = false;
    try {
      sent = !!(navigator.sendBeacon &&
                navigator.sendBeacon(url, new Blob([body], { type: "application/json" })));
    } catch (error) { sent = false; }
    if (!sent) {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin",
                   headers: { "Content-Type": "application/json" } })
        .catch(function () { /* analytics only: never in the reader's way */ });
    }
  }

  var FILTERS = ["type", "category", "page"];

  /* A 4xx from the API: the query or a filter in the address is wrong, or (no field named)
   * the API turned the request down for another reason, such as a rate limit. */
  function rejectionMessage(error) {
    var field = error.body && error.body.field;
    if (field === "q") return t("search.invalid_query");
    if (FILTERS.indexOf(field) !== -1) return t("search.invalid_filter");
    return t("search.rejected");
  }

  // -- suggestions: a combobox over an <input> ---------------------------------------------

  function Combobox(form, input, listbox, status) {
    this.form = form;
    this.input = input;
    this.listbox = listbox;
    this.status = status;
    this.items = [];
    this.active = -1;
    this.generation = 0;
    this.timer = null;
    this.pending = null;
    this.query = "";
    this.bind();
  }

  Combobox.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.onInput(); });
    this.input.addEventListener("keydown", function (event) { self.onKeydown(event); });
    this.input.addEventListener("focus", function () {
      if (self.items.length && normalise(self.input.value) === self.query) self.open();
    });
    this.form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !self.form.contains(event.relatedTarget)) {
        self.close();
        self.say("");
      }
    });
    this.form.addEventListener("submit", function (event) {
      if (!normalise(self.input.value)) {
        event.preventDefault();
        self.input.focus();
      }
    });
    // Keep the focus in the box while the pointer picks a suggestion or the contact link
    // (a click that moved the focus would close them before it lands).
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.status.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) self.choose(Number(option.dataset.index));
    });
  };

  Combobox.prototype.onInput = function () {
    var self = this;
    var query = normalise(this.input.value);
    this.generation += 1;
    clearTimeout(this.timer);
    if (this.pending) this.pending.abort();
    this.pending = null;
    if (!query) {
      this.query = "";
      this.show([]);
      this.say("");
      return;
    }
    if (query.length > MAX_QUERY) {
      this.show([]);
      this.say(t("search.invalid_query"), true);
      return;
    }
    var generation = this.generation;
    this.timer = setTimeout(function () { self.fetch(query, generation); }, DEBOUNCE_MS);
  };

  Combobox.prototype.fetch = function (query, generation) {
    var self = this;
    var controller = new AbortController();
    this.pending = controller;
    getJSON("suggest", { q: query }, { signal: controller.signal, timeout: SUGGEST_TIMEOUT_MS })
      .then(function (body) {
        if (!body || !Array.isArray(body.suggestions)) throw new ApiError("unavailable");
        return body;
      })
      .then(function (body) {
        if (generation !== self.generation) return;  // the reader has typed on
        self.query = query;
        self.show(body.suggestions.slice(0, MAX_SUGGESTIONS));
        if (self.items.length) {
          self.say(self.items.length === 1 ? t("search.suggestions_one")
                   : t("search.suggestions_many", { n: self.items.length }));
        } else {
          self.say(t("search.no_suggestions"));
        }
      }, function (error) {
        if (generation !== self.generation || error.kind === "superseded") return;
        self.show([]);
        if (error.kind === "rejected") self.say(rejectionMessage(error), true);
        else self.sayUnavailable();
      })
      .then(function () {
        if (self.pending === controller) self.pending = null;
      });
  };

  Combobox.prototype.show = function (suggestions) {
    var self = this;
    this.items = suggestions;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    clear(this.listbox);
    suggestions.forEach(function (item, index) {
      var label = t("type." + item.type);
      var detail = item.text !== item.title ? label + " · " + item.title
        : label + (item.kb ? " · " + item.kb : "");
      self.listbox.appendChild(el("li", {
        id: self.listbox.id + "-" + index, role: "option", "aria-selected": "false",
        className: "fokus-suggestion", "data-index": String(index), "data-path": item.path
      }, [
        el("span", { className: "fokus-suggestion__text", text: item.text }),
        el("span", { className: "fokus-suggestion__detail", text: detail })
      ]));
    });
    if (suggestions.length) this.open();
    else this.close();
  };

  Combobox.prototype.open = function () {
    if (!this.items.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.highlight(-1);
  };

  Combobox.prototype.isOpen = function () {
    return !this.listbox.hidden && this.items.length > 0;
  };

  Combobox.prototype.highlight = function (index) {
    var options = this.listbox.querySelectorAll('[role="option"]');
    this.active = index;
    Array.prototype.forEach.call(options, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && options[index]) {
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  /* Down from the last suggestion, or up from the first, goes back to the text itself. */
  Combobox.prototype.move = function (step) {
    var count = this.items.length;
    var next = this.active + step;
    if (next >= count) next = -1;
    if (next < -1) next = count - 1;
    this.highlight(next);
  };

  Combobox.prototype.onKeydown = function (event) {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!this.items.length) return;
        event.preventDefault();
        if (!this.isOpen()) {
          this.open();
          this.highlight(event.key === "ArrowDown" ? 0 : this.items.length - 1);
        } else {
          this.move(event.key === "ArrowDown" ? 1 : -1);
        }
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        break;  // otherwise the form submits to the results page
      case "Escape":
        if (this.isOpen() || this.status.textContent) {
          event.preventDefault();
          this.close();
          this.say("");
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
    }
  };

  Combobox.prototype.choose = function (index) {
    var item = this.items[index];
    if (!item) return;
    this.close();
    remember({ query: this.query, article_id: item.article_id,
               anchor: anchorOf(item.path), position: index + 1, source: "suggestion" });
    location.assign(sitePath(item.path));
  };

  /* The status is a live region: a short announcement for screen readers, or a visible
   * message (`alert`) for the reader who cannot search right now. */
  Combobox.prototype.say = function (message, alert) {
    clear(this.status);
    this.status.classList.toggle("is-visible", !!(message && alert));
    if (message) this.status.appendChild(document.createTextNode(message));
  };

  Combobox.prototype.sayUnavailable = function () {
    this.say(t("search.unavailable"), true);
    this.status.appendChild(document.createTextNode(" "));
    this.status.appendChild(contactLink());
  };

  function headerSearch() {
    var form = document.querySelector("form[data-fokus-search]");
    var input = form && form.querySelector("#fokus-q");
    var listbox = form && form.querySelector("#fokus-suggestions");
    var status = form && form.querySelector(".fokus-search__status");
    if (!input || !listbox || !status) return null;
    input.maxLength = MAX_QUERY;
    return new Combobox(form, input, listbox, status);
  }

  /* The start page's big box gets the same suggestions; its markup comes from the content. */
  function heroSearch() {
    var input = document.getElementById("fokus-hero-q");
    var form = input && input.form;
    if (!form) return null;
    var listbox = el("ul", { id: "fokus-hero-suggestions", role: "listbox", hidden: true,
                             className: "fokus-suggestions fokus-suggestions--hero",
                             "aria-label": t("search.suggestions") });
    var status = el("p", { className: "fokus-search__status fokus-search__status--hero",
                           role: "status", "aria-live": "polite" });
    var row = input.parentNode;
    row.parentNode.insertBefore(listbox, row.nextSibling);
    listbox.parentNode.insertBefore(status, listbox.nextSibling);
    form.classList.add("fokus-hero-search--enhanced");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.maxLength = MAX_QUERY;
    return new Combobox(form, input, listbox, status);
  }

  // -- placeholders that fit ---------------------------------------------------------------

  /* Whether `text` fits the empty box: the layout's own answer, with the text as the box's
   * value for a moment (setting a value fires no event, and nothing is painted in between). */
  function fitsInto(input, text) {
    input.value = text;
    var fitting = input.scrollWidth <= input.clientWidth;
    input.value = "";
    return fitting;
  }

  /* A big search box (start page, 404) gives an example in its placeholder. Where it would be
   * cut ("glömt l…", on a phone) the box takes the short example instead, or on the narrowest
   * screens the header's "Sök": chosen at the box's width now, and again when the width or
   * the font changes. */
  function fitPlaceholder(input) {
    var texts = [input.getAttribute("placeholder") || "", t("search.placeholder_short"),
                 t("search.placeholder")];
    function fit() {
      if (input.value) return;  // the reader's text shows, not the placeholder
      input.placeholder = texts.find(function (text) { return fitsInto(input, text); }) ||
        texts[texts.length - 1];
    }
    fit();
    window.addEventListener("resize", fit);
    if (document.fonts) document.fonts.ready.then(fit);
  }

  // -- the results page --------------------------------------------------------------------

  function ResultsPage(container, fallback) {
    this.container = container;
    this.fallback = fallback;
    var params = new URLSearchParams(location.search);
    this.query = normalise(params.get("q"));
    this.type = params.get("type") || "";
    this.category = params.get("category") || "";
    this.page = params.get("page") || "";
    this.summary = el("p", { className: "fokus-results__summary", role: "status" });
    this.body = el("div", { className: "fokus-results__body" });
    clear(container);
    container.appendChild(this.summary);
    container.appendChild(this.body);
  }

  ResultsPage.prototype.link = function (changes) {
    var state = { q: this.query, type: this.type, category: this.category };
    Object.assign(state, changes);
    var params = new URLSearchParams();
    ["q", "type", "category", "page"].forEach(function (name) {
      if (state[name] && !(name === "page" && String(state[name]) === "1")) {
        params.set(name, state[name]);
      }
    });
    return location.pathname + "?" + params.toString();
  };

  ResultsPage.prototype.showFallback = function (visible) {
    if (this.fallback) this.fallback.hidden = !visible;
  };

  ResultsPage.prototype.run = function () {
    var self = this;
    var header = document.getElementById("fokus-q");
    if (header && this.query) header.value = this.query;
    if (!this.query) {
      this.summary.textContent = t("search.empty");
      this.showFallback(true);
      return Promise.resolve();
    }
    document.title = quoted(this.query) + " – " + document.title;
    this.showFallback(false);
    this.container.setAttribute("aria-busy", "true");
    this.summary.textContent = t("search.loading");
    this.summary.classList.add("is-loading");
    return getJSON("search", { q: this.query, type: this.type, category: this.category,
                               page: this.page })
      .then(function (body) {
        if (!body || !Array.isArray(body.hits)) throw new ApiError("unavailable");
        self.render(body);
      })
      .catch(function (error) {
        if (!(error instanceof ApiError)) console.error(error);  // a bug here, not the API
        if (error.kind === "rejected") self.rejected(error);
        else self.unavailable();
      })
      .then(function () {
        self.summary.classList.remove("is-loading");
        self.container.removeAttribute("aria-busy");
      });
  };

  ResultsPage.prototype.unavailable = function () {
    clear(this.summary);
    this.summary.classList.add("fokus-results__message", "fokus-results__message--alert");
    this.summary.appendChild(document.createTextNode(t("search.unavailable") + " "));
    this.summary.appendChild(contactLink());
    clear(this.body);
    this.showFallback(true);
  };

  ResultsPage.prototype.rejected = function (error) {
    this.summary.textContent = rejectionMessage(error);
    this.summary.classList.add("fokus-results__message");
    clear(this.body);
    if (error.body && FILTERS.indexOf(error.body.field) !== -1) {
      this.body.appendChild(el("p", {}, [
        el("a", { href: this.link({ type: "", category: "", page: "" }),
                  text: t("search.clear_filters") })]));
    }
    this.showFallback(true);
  };

  ResultsPage.prototype.render = function (result) {
    var self = this;
    var query = result.query || this.query;
    var facets = result.facets || {};
    var titles = {};
    (facets.category || []).forEach(function (f) { titles[f.value] = f.title || f.value; });
    clear(this.body);
    clear(this.summary);
    if (result.total > 0) {
      this.summary.textContent = t("search.results_for") + " " + quoted(query) + ": " +
        (result.total === 1 ? t("search.count_one") : t("search.count_many", { n: result.total }));
    } else {
      this.summary.classList.add("fokus-results__message");
      this.summary.textContent = t("search.no_results") + " " + quoted(query) + ". " +
        t("search.no_results_help");
    }
    if (result.did_you_mean) {
      this.body.appendChild(el("p", { className: "fokus-results__did-you-mean" }, [
        t("search.did_you_mean") + " ",
        el("a", { href: this.link({ q: result.did_you_mean, type: "", category: "", page: "" }),
                  text: result.did_you_mean }),
        "?"
      ]));
    }
    var filtered = !!(this.type || this.category);
    var hasFacets = (facets.type || []).length || (facets.category || []).length;
    var column = el("div", { className: "fokus-results__hits" });
    if (result.hits.length) {
      var first = (result.page - 1) * result.page_size + 1;
      var list = el("ol", { className: "fokus-hits", start: String(first) });
      result.hits.forEach(function (hit, index) {
        list.appendChild(self.hit(hit, query, first + index, titles));
      });
      column.appendChild(list);
      var paging = this.paging(result);
      if (paging) column.appendChild(paging);
    } else if (result.total > 0) {
      column.appendChild(el("p", { className: "fokus-results__message" }, [
        t("search.page_missing") + " ",
        el("a", { href: this.link({ page: "" }), text: t("search.first_page") })]));
    } else if (filtered) {
      column.appendChild(el("p", {}, [
        el("a", { href: this.link({ type: "", category: "", page: "" }),
                  text: t("search.clear_filters") })]));
    }
    if (result.total === 0 && window.fokusNeeds) {  // "Berätta vad du letade efter"
      column.appendChild(window.fokusNeeds.form({ query: query, category: this.category }));
    }
    if (hasFacets || filtered) {
      this.body.appendChild(el("div", { className: "fokus-results__layout" },
                               [this.filters(facets, titles), column]));
    } else {
      this.body.appendChild(column);
    }
    this.showFallback(result.total === 0);
  };

  /* On a narrow screen the filters wait behind a button that names the ones chosen, so the
   * first hit is on the first screen; where they fit beside the hits, the stylesheet shows
   * them and hides the button (fokus-search.css). */
  ResultsPage.prototype.filters = function (facets, titles) {
    var panel = this.facets(facets, titles);
    var chosen = [];
    if (this.type) chosen.push(t("type." + this.type));
    if (this.category) chosen.push(titles[this.category] || this.category);
    var toggle = el("button", {
      type: "button", className: "fokus-filters__toggle", "aria-expanded": "false",
      "aria-controls": panel.id,
      text: t("search.filter_toggle") + (chosen.length ? ": " + chosen.join(", ") : "")
    });
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
    });
    return el("div", { className: "fokus-filters" }, [toggle, panel]);
  };

  ResultsPage.prototype.facets = function (facets, titles) {
    var self = this;
    var aside = el("nav", { id: "fokus-facets", className: "fokus-facets",
                            "aria-label": t("search.filters") });
    function group(name, heading, values, label) {
      var current = self[name];
      var total = 0;
      values.forEach(function (f) { total += f.count; });
      if (current && !values.some(function (f) { return f.value === current; })) {
        values = values.concat([{ value: current, count: 0 }]);
      }
      var id = "fokus-facet-" + name;
      var list = el("ul", { className: "fokus-facets__list", "aria-labelledby": id });
      function item(value, text, count) {
        var selected = value === current;
        var changes = { page: "" };
        changes[name] = value;
        list.appendChild(el("li", {}, [
          el("a", { href: self.link(changes), "aria-current": selected ? "true" : null,
                    className: "fokus-facets__link" + (selected ? " is-current" : "") }, [
            el("span", { className: "fokus-facets__label", text: text }),
            count === null ? null : el("span", { className: "fokus-facets__count",
                                                 text: String(count) })
          ])]));
      }
      item("", t("search.all"), total);
      values.forEach(function (f) { item(f.value, label(f), f.count); });
      aside.appendChild(el("h2", { id: id, className: "fokus-facets__heading",
                                   text: heading }));
      aside.appendChild(list);
    }
    var types = (facets.type || []).slice().sort(function (a, b) {
      return TYPES.indexOf(a.value) - TYPES.indexOf(b.value);
    });
    group("type", t("search.type"), types, function (f) { return t("type." + f.value); });
    group("category", t("search.category"), (facets.category || []).slice(),
          function (f) { return f.title || titles[f.value] || f.value; });
    return aside;
  };

  ResultsPage.prototype.hit = function (hit, query, position, titles) {
    var click = { query: query, article_id: hit.article_id, position: position };
    function opened(anchor) {
      return function (event) {
        if (event.type === "auxclick" && event.button !== 1) return;
        recordClick(Object.assign({ anchor: anchor || null }, click));
      };
    }
    function track(link, anchor) {
      link.addEventListener("click", opened(anchor));
      link.addEventListener("auxclick", opened(anchor));
      return link;
    }
    var title = track(el("a", { href: sitePath(hit.path), className: "fokus-hit__link" }, [
      el("span", { className: "fokus-hit__title", text: hit.title }),
      hit.section ? el("span", { className: "fokus-hit__section", text: hit.section }) : null
    ]), hit.anchor);
    var metaLine = el("p", { className: "fokus-hit__meta" }, [
      hit.kb ? el("span", { className: "fokus-hit__kb", text: hit.kb }) : null,
      el("span", { className: "fokus-hit__type", text: t("type." + hit.type) }),
      titles[hit.category] ? el("span", { text: titles[hit.category] }) : null
    ]);
    var more = null;
    if (hit.more_sections && hit.more_sections.length) {
      more = el("p", { className: "fokus-hit__more" }, [t("search.more_sections") + ": "]);
      hit.more_sections.forEach(function (section, index) {
        if (index) more.appendChild(document.createTextNode(" · "));
        more.appendChild(track(el("a", { href: sitePath(section.path),
                                         text: section.heading }), section.anchor));
      });
    }
    var snippet = el("p", { className: "fokus-hit__snippet" });
    snippet.appendChild(snippetNodes(hit.snippet));
    return el("li", { className: "fokus-hit" }, [
      el("h2", { className: "fokus-hit__heading" }, [title]),
      metaLine,
      hit.snippet ? snippet : null,
      hit.summary && hit.summary !== hit.snippet
        ? el("p", { className: "fokus-hit__summary", text: hit.summary }) : null,
      more
    ]);
  };

  ResultsPage.prototype.paging = function (result) {
    if (!(result.pages > 1)) return null;
    var page = result.page;
    return el("nav", { className: "fokus-paging", "aria-label": t("search.pages") }, [
      page > 1 ? el("a", { href: this.link({ page: page - 1 }), rel: "prev",
                           className: "fokus-paging__link", text: "‹ " + t("search.previous") })
        : null,
      el("span", { className: "fokus-paging__current", "aria-current": "page",
                   text: t("search.page", { page: page, pages: result.pages }) }),
      page < result.pages ? el("a", { href: this.link({ page: page + 1 }), rel: "next",
                                      className: "fokus-paging__link",
                                      text: t("search.next") + " ›" })
        : null
    ]);
  };

  // -- start -------------------------------------------------------------------------------

  /* "/" jumps to the search box, as it does on other Material sites. */
  function shortcut(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable ||
                   /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName))) return;
    // The header's box, or the page's own where the header's steps aside (on a phone).
    var input = Array.prototype.filter.call(
      document.querySelectorAll("#fokus-q, .fokus-hero-search input[type=search]"),
      function (box) { return box.offsetParent !== null; })[0];
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  }

  function start() {
    headerSearch();
    heroSearch();
    Array.prototype.forEach.call(
      document.querySelectorAll(".fokus-hero-search input[type=search]"), fitPlaceholder);
    document.addEventListener("keydown", shortcut);
    var results = document.querySelector("[data-fokus-results]");
    if (results) {
      new ResultsPage(results, document.querySelector("[data-fokus-fallback]")).run();
    }
  }

  // Expose the little the feedback widget and tests may need, nothing more.
  window.fokusSearch = { lastQueryKey: LAST_QUERY_KEY, api: API_BASE.href };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
