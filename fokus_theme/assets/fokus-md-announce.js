/* Material for MkDocs' inline script of partials/javascripts/announce.html (9.8), moved to a
 * file so that the Content-Security-Policy allows no inline script. */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
