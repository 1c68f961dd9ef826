/* Fokus: status banners ("Driftstörning: …", "Planerat underhåll: …"). The build lists the
   banners current when it ran; this script, loaded right after them, hides each one whose
   `data-until` has passed by the reader's clock, and the whole bar when none is left. It checks
   again while the page stays open, so a banner goes by itself without a rebuild. */
(function () {
  "use strict";

  var MAX_WAIT_MS = 60 * 1000;  // also catches a clock that jumps (sleep, a changed time)
  var bar = document.querySelector("[data-fokus-status]");
  if (!bar) return;
  var container = bar.closest(".md-banner") || bar;

  function update() {
    var now = Date.now();
    var next = Infinity;
    var shown = 0;
    bar.querySelectorAll("[data-until]").forEach(function (item) {
      var until = Date.parse(item.dataset.until);
      var over = !(until > now);
      item.hidden = over;
      if (!over) {
        shown += 1;
        next = Math.min(next, until - now);
      }
    });
    container.hidden = shown === 0;
    if (shown) setTimeout(update, Math.max(0, Math.min(next, MAX_WAIT_MS)));
  }

  update();
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) update();
  });
})();
