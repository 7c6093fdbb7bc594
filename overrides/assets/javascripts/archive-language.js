/* Material's language switcher links each page to its counterpart; this carries what the
 * reader is looking at across: the query (?q=) of the search page, and the place in the page:
 * the anchor in the address (#p-... for a paragraph, #mentions, #d-..., a date: the archive's
 * ids are the same in both languages), else the paragraph at the top of the screen.
 * Material also handles clicks on these links itself, working out the counterpart from the
 * sitemap, which has no query strings (it would drop ?q=); when there is something to carry,
 * the link's own address, already the counterpart, is followed instead. */
(function () {
  "use strict";

  /* The first paragraph not yet scrolled past, once the reader has scrolled: where they read. */
  function paragraphOnScreen() {
    if (window.scrollY < 1) return "";
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var paragraphs = document.querySelectorAll(".md-content [id^='p-']");
    for (var i = 0; i < paragraphs.length; i++) {
      if (paragraphs[i].getBoundingClientRect().bottom > top) return "#" + paragraphs[i].id;
    }
    return "";
  }

  function carried(reading) {
    var here = new URL(window.location.href);
    return {
      search: document.getElementById("archive-search") ? here.search : "",
      hash: /^#[\w-]+$/.test(here.hash) ? here.hash : (reading ? paragraphOnScreen() : "")
    };
  }

  function carry(reading) {
    var keep = carried(reading);
    document.querySelectorAll(".md-select a[hreflang]").forEach(function (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      target.search = keep.search;
      target.hash = keep.hash;
      link.href = target.href;
    });
    return keep.search || keep.hash;
  }

  carry(false);
  window.addEventListener("hashchange", function () { carry(false); });
  document.addEventListener("archive:location", function () { carry(false); }); // the search page changed ?q=
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-select a[hreflang]");
    if (link && carry(true)) event.stopPropagation(); // before Material's handler on <body>
  }, true);
})();
