/* Material for MkDocs' inline script of partials/javascripts/content.html (9.8), moved to a
 * file so that the Content-Security-Policy allows no inline script. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
