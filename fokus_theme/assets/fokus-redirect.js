/* Short links and moved pages: forward to the page the canonical link names and keep the
 * query (?via=svar) and the #anchor, which a meta refresh alone would drop. A file rather than
 * an inline script: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var target = document.querySelector('link[rel="canonical"]');
  if (target) location.replace(target.href + location.search + location.hash);
})();
