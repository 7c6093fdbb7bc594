/* The archive's search page (build_tools/search_index.py builds the index it reads).
 * A query is normalised exactly as the index was: the character table and the
 * prefixes come from the index itself. Every query word must match by one of
 * its forms; the last one also as the beginning of a word (search as you type). Results are built with textContent, never as HTML. */
(function () {
  "use strict";

  function makeNormalizer(rules) {
    var map = rules.map;
    function normalize(word) {
      var out = "";
      for (var ch of word.normalize("NFC")) {
        out += Object.prototype.hasOwnProperty.call(map, ch) ? map[ch] : ch;
      }
      return out.toLowerCase();
    }
    // The same forms as build_tools/search_index.py word_forms(): without و/ف, ب/ل/ك (لل -> ال), ال.
    function forms(norm) {
      var found = new Set([norm]);
      var stems = [norm];
      if (norm.length - 1 >= rules.min_stem && rules.conjunctions.indexOf(norm[0]) >= 0) {
        stems.push(norm.slice(1));
      }
      stems.forEach(function (stem) {
        found.add(stem);
        if (stem.length - 1 >= rules.min_stem && rules.prepositions.indexOf(stem[0]) >= 0) {
          found.add(stem.slice(1));
          if (stem.indexOf("لل") === 0) found.add("ا" + stem.slice(1));
        }
      });
      Array.from(found).forEach(function (f) {
        if (f.indexOf(rules.article) === 0 && f.length - rules.article.length >= rules.min_stem) {
          found.add(f.slice(rules.article.length));
        }
      });
      return found;
    }
    function words(text) {
      return (text.match(/[\p{L}\p{N}\p{Mn}\u0640]+/gu) || []).map(normalize).filter(Boolean);
    }
    return { normalize: normalize, forms: forms, words: words };
  }

  function search(index, text, tools) {
    var query = tools.words(text);
    if (!query.length) return [];
    return index.docs.filter(function (doc) {
      if (!doc._keys) { doc._keys = new Set(doc.k.split(" ")); doc._list = doc.k.split(" "); }
      return query.every(function (word, i) {
        var forms = Array.from(tools.forms(word));
        if (forms.some(function (f) { return doc._keys.has(f); })) return true;
        if (i < query.length - 1) return false;
        var starts = forms.filter(function (f) { return f.length >= 3; });
        return doc._list.some(function (k) { return starts.some(function (f) { return k.indexOf(f) === 0; }); });
      });
    });
  }

  function start(root) {
    var input = root.querySelector("input[type=search]");
    var status = root.querySelector(".archive-search-status");
    var list = root.querySelector(".archive-search-results");
    var form = root.querySelector("form");
    var index = null, tools = null;

    function show(text) {
      list.textContent = "";
      if (!text.trim()) { status.textContent = ""; return; }
      if (!index) { status.textContent = root.dataset.loading; return; }
      var found = search(index, text, tools);
      status.textContent = found.length ? root.dataset.count.replace("{count}", found.length) : root.dataset.none;
      found.slice(0, 100).forEach(function (doc) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = doc.u;
        a.textContent = doc.t;
        a.setAttribute("dir", "auto");
        var p = document.createElement("p");
        p.textContent = doc.x;
        p.setAttribute("dir", "auto");
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    }
    function update() {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      show(input.value);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    input.addEventListener("input", update);
    input.value = new URL(window.location.href).searchParams.get("q") || "";
    fetch(root.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
      index = data;
      tools = makeNormalizer(data.normalization);
      window.archiveSearch = { tools: tools, search: function (q) { return search(index, q, tools); } };
      root.dataset.ready = "true";
      show(input.value);
    });
  }

  var root = document.getElementById("archive-search");
  if (root) start(root);
})();
