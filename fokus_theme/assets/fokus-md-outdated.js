/* Material for MkDocs' inline script of partials/javascripts/outdated.html (9.8), moved to a
 * file so that the Content-Security-Policy allows no inline script. Its base comes from the
 * script element's data-base attribute. */
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.base,location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
