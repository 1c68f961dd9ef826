/* Fokus: news and events in the order of the reader's clock, without a rebuild.

   A list (`[data-fokus-news]`) has three groups: upcoming events, soonest first; news, newest
   first; past events, most recent first, each marked as past. The build wrote them in that
   order as of the build (site_builder/events.py has the same rules); this script sorts them
   again now, and again while the page stays open. An event page's "has taken place" note
   follows the same clock. */
(function () {
  "use strict";

  var RECHECK_MS = 60 * 1000;

  function time(item, name) {
    return Date.parse(item.dataset[name]);
  }

  function order(list, now) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-kind]"));
    var upcoming = [], news = [], past = [];
    items.forEach(function (item) {
      if (item.dataset.kind !== "event") news.push(item);
      else if (time(item, "end") > now) upcoming.push(item);
      else past.push(item);
    });
    upcoming.sort(function (a, b) { return time(a, "start") - time(b, "start"); });
    past.sort(function (a, b) { return time(b, "start") - time(a, "start"); });
    news.sort(function (a, b) {
      return (b.dataset.date || "").localeCompare(a.dataset.date || "");
    });
    var withPast = !list.hasAttribute("data-without-past");
    var limit = Number(list.dataset.limit) || Infinity;
    var shown = 0;
    [["upcoming", upcoming], ["news", news], ["past", withPast ? past : []]]
      .forEach(function (group) {
        var section = list.querySelector('[data-group="' + group[0] + '"]');
        if (!section) return;
        var ul = section.querySelector("ul");
        var visible = 0;
        group[1].forEach(function (item) {
          ul.appendChild(item);
          item.toggleAttribute("data-past", group[0] === "past");
          item.hidden = shown >= limit;
          if (!item.hidden) { shown += 1; visible += 1; }
        });
        section.hidden = visible === 0;
      });
    if (!withPast) {
      past.forEach(function (item) { item.hidden = true; });
    }
  }

  function markEvent(section, now) {
    var note = section.querySelector("[data-fokus-event-past]");
    if (note) note.hidden = !(Date.parse(section.dataset.end) <= now);
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-fokus-news]").forEach(function (list) { order(list, now); });
    document.querySelectorAll("[data-fokus-event]").forEach(function (s) { markEvent(s, now); });
  }

  function start() {
    update();
    setInterval(update, RECHECK_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) update();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
