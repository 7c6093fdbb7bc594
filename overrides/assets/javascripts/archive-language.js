/* Material's language switcher links each page to its counterpart; this carries what the
 * reader is looking at across: the query (?q=) of the search page, and a paragraph anchor
 * (#p-...), which is the same in both languages.
 * Material also handles clicks on these links itself, working out the counterpart from the
 * sitemap, which has no query strings (it would drop ?q=); when there is something to carry,
 * the link's own address, already the counterpart, is followed instead. */
(function () {
  "use strict";

  function carried() {
    var here = new URL(window.location.href);
    return {
      search: document.getElementById("archive-search") ? here.search : "",
      hash: /^#p-[\w-]+$/.test(here.hash) ? here.hash : ""
    };
  }

  function carry() {
    var keep = carried();
    document.querySelectorAll(".md-select a[hreflang]").forEach(function (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      target.search = keep.search;
      target.hash = keep.hash;
      link.href = target.href;
    });
    return keep.search || keep.hash;
  }

  carry();
  window.addEventListener("hashchange", carry);
  document.addEventListener("archive:location", carry); // the search page changed ?q=
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-select a[hreflang]");
    if (link && carry()) event.stopPropagation(); // before Material's handler on <body>
  }, true);
})();
