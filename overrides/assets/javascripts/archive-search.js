/* The archive's search page, over the sharded index that build_tools/search_index.py writes.
 * A query is normalised exactly as the index was: the character table and the prefixes come
 * from the index's description, which the page holds (#archive-search-index). Each query word
 * reads the shards of its forms' roots, every word must be found in a document, and only the
 * results shown fetch their passage text.
 * Source text is untrusted: results are built from text nodes, never as HTML. */
(function () {
  "use strict";

  var PAGE = 10; // results shown at once; "more results" shows the next ones
  var PASSAGE = 320; // characters of a long paragraph shown around its first hit

  function byCodePoints(a, b) {
    var x = Array.from(a), y = Array.from(b);
    if (x.length !== y.length) return x.length - y.length;
    for (var i = 0; i < x.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return 0;
  }

  function makeNormalizer(rules, shardCount) {
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
    // search_index.py root() and shard(): where the index files a word.
    function root(form) {
      return Array.from(forms(form)).sort(byCodePoints)[0];
    }
    function shard(key) {
      var h = 0x811c9dc5;
      new TextEncoder().encode(key).forEach(function (byte) { h = Math.imul(h ^ byte, 0x01000193) >>> 0; });
      return h % shardCount;
    }
    function words(text) {
      return (text.match(/[\p{L}\p{N}\p{Mn}\u0640]+/gu) || []).map(normalize).filter(Boolean);
    }
    return { normalize: normalize, forms: forms, root: root, shard: shard, words: words };
  }

  function meets(a, b) {
    for (var f of a) if (b.has(f)) return true;
    return false;
  }

  function makeSearcher(base, meta) {
    var tools = makeNormalizer(meta.normalization, meta.shards);
    var cache = new Map();
    function load(name) {
      if (!cache.has(name)) {
        cache.set(name, fetch(base + name).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + r.url);
          return r.json();
        }));
      }
      return cache.get(name);
    }
    function shardName(n) { return "w/" + ("00" + n.toString(16)).slice(-3) + ".json"; }

    /* Where one query word is found: {doc id: {numbers: Set of paragraph numbers (0: title), exact}}. */
    function lookUp(word) {
      var wanted = tools.forms(word);
      var names = new Set(Array.from(wanted, function (f) { return shardName(tools.shard(tools.root(f))); }));
      return Promise.all(Array.from(names, load)).then(function (shards) {
        var found = new Map();
        shards.forEach(function (postings) {
          Object.keys(postings).forEach(function (token) {
            if (!meets(tools.forms(token), wanted)) return;
            postings[token].split(" ").forEach(function (entry) { // "<doc>.<paragraph>.<paragraph>", base 36
              var parts = entry.split("."), doc = parts[0];
              var hit = found.get(doc) || { numbers: new Set(), exact: false };
              parts.slice(1).forEach(function (n) { hit.numbers.add(parseInt(n, 36)); });
              hit.exact = hit.exact || token === word;
              found.set(doc, hit);
            });
          });
        });
        return found;
      });
    }

    /* Documents holding every query word, ranked: the page of an actor or organisation whose names hold
     * them all, title hits, exact-form hits, then matched paragraphs. */
    function find(text) {
      var query = Array.from(new Set(tools.words(text)));
      if (!query.length) return Promise.resolve({ words: [], results: [] });
      return Promise.all(query.map(lookUp)).then(function (perWord) {
        var results = [];
        perWord[0].forEach(function (_, doc) {
          var hits = perWord.map(function (found) { return found.get(doc); });
          if (hits.some(function (h) { return !h; })) return;
          var counts = new Map();
          hits.forEach(function (h) { h.numbers.forEach(function (n) { counts.set(n, (counts.get(n) || 0) + 1); }); });
          var title = hits.filter(function (h) { return h.numbers.has(0); }).length;
          results.push({
            doc: doc,
            // an actor's or organisation's page (id marked "_" by search_index.py) named by every query word
            entity: doc.charAt(0) === "_" && title === hits.length ? 1 : 0,
            title: title,
            exact: hits.filter(function (h) { return h.exact; }).length,
            matched: hits.reduce(function (sum, h) { return sum + h.numbers.size; }, 0),
            paragraph: bestParagraph(counts)
          });
        });
        results.sort(function (a, b) {
          return b.entity - a.entity || b.title - a.title || b.exact - a.exact || b.matched - a.matched ||
            (a.doc < b.doc ? -1 : 1);
        });
        return { words: query.map(tools.forms), results: results };
      });
    }

    /* The paragraph with the most query words (the earliest on a tie); 0 when only the title has them. */
    function bestParagraph(counts) {
      var best = 0;
      counts.forEach(function (count, n) {
        if (n > 0 && (best === 0 || count > counts.get(best) || (count === counts.get(best) && n < best))) best = n;
      });
      return best;
    }

    function passage(result) {
      var chunk = result.paragraph > 0 ? Math.floor((result.paragraph - 1) / meta.per_chunk) : 0;
      return load("d/" + result.doc + "-" + chunk + ".json").then(function (data) {
        // A title hit shows the opening paragraph and links to the top of the page.
        var p = data.p.filter(function (entry) { return entry[0] === result.paragraph; })[0];
        return { doc: data, paragraph: p || data.p[0], linked: Boolean(p) };
      });
    }
    return { tools: tools, find: find, passage: passage };
  }

  /* ``text`` as text nodes, with the words that meet a query word's forms in <mark>; a long text
   * is cut to PASSAGE characters around its first hit when ``cut`` is set. */
  function highlighted(text, queryForms, tools, cut) {
    var ranges = [];
    for (var m of text.matchAll(/[\p{L}\p{N}\p{Mn}\u0640]+/gu)) {
      var own = tools.forms(tools.normalize(m[0]));
      if (queryForms.some(function (q) { return meets(own, q); })) ranges.push([m.index, m.index + m[0].length]);
    }
    var start = 0, end = text.length;
    if (cut && text.length > PASSAGE) {
      var first = ranges.length ? ranges[0][0] : 0;
      start = Math.max(0, first - PASSAGE / 3);
      var space = text.indexOf(" ", start);
      if (start > 0 && space >= 0 && space < first) start = space + 1; // begin at a word
      end = Math.min(text.length, start + PASSAGE);
      if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    }
    var fragment = document.createDocumentFragment();
    var at = start;
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      fragment.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      fragment.appendChild(mark);
      at = r[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  function resultItem(found, queryForms, tools) {
    var doc = found.doc, p = found.paragraph;
    var li = document.createElement("li");
    var a = document.createElement("a");
    var anchored = found.linked && p[1];
    a.href = doc.u + (anchored ? "#" + p[1] : "");
    a.setAttribute("dir", "auto");
    a.appendChild(highlighted(doc.t, queryForms, tools, false));
    li.appendChild(a);
    var about = document.createElement("p");
    about.className = "archive-search-about";
    about.textContent = [doc.k, doc.d, anchored ? "¶" + p[0] : ""].filter(Boolean).join(" · ");
    li.appendChild(about);
    if (p && p[2]) {
      var text = document.createElement("p");
      text.className = "archive-search-passage";
      text.setAttribute("dir", "auto");
      text.appendChild(highlighted(p[2], queryForms, tools, true));
      li.appendChild(text);
    }
    return li;
  }

  /* "3 نتائج", "11 نتيجةً", "1 result": the wording of the CLDR plural category of ``n``. The page
   * gives the wording of each category (data-count, from data/labels.yml) and the category of
   * 0-199 as Babel computed it at build time (data-plural); past 199 the categories of the
   * archive's languages repeat those of 100-199 (the rules look at n % 100 alone there). */
  function counter(root) {
    var forms = JSON.parse(root.dataset.count);
    var categories = root.dataset.plural.split(" ");
    return function (n) {
      var category = categories[n < categories.length ? n : 100 + n % 100];
      return (forms[category] || forms.other).replace("{n}", String(n));
    };
  }

  function start(root) {
    var countText = counter(root);
    var input = root.querySelector("input[type=search]");
    var status = root.querySelector(".archive-search-status");
    var list = root.querySelector(".archive-search-results");
    var more = root.querySelector(".archive-search-more");
    var form = root.querySelector("form");
    var searcher;
    var current = null; // {query, words, results, shown}: what the page shows
    var generation = 0;

    /* The next PAGE results, each shown as soon as its passage and those of the results
     * before it have arrived (their passages are fetched at once), so a slow file holds back
     * only the results after it. */
    function showMore(answer, mine) {
      var next = answer.results.slice(answer.shown, answer.shown + PAGE);
      var firstNew = null;
      var shownInOrder = next.map(searcher.passage).reduce(function (previous, passage) {
        return previous.then(function () { return passage; }).then(function (found) {
          if (mine !== generation) return;
          var li = resultItem(found, answer.words, searcher.tools);
          firstNew = firstNew || li;
          list.appendChild(li);
        });
      }, Promise.resolve());
      return shownInOrder.then(function () {
        if (mine !== generation) return;
        answer.shown += next.length;
        more.hidden = answer.shown >= answer.results.length;
        root.dataset.shown = answer.query;
        return firstNew;
      });
    }
    function show(text) {
      var mine = ++generation;
      root.dataset.shown = "";
      if (!text.trim()) {
        list.textContent = ""; status.textContent = ""; more.hidden = true;
        root.dataset.shown = text;
        return;
      }
      searcher.find(text).then(function (answer) {
        if (mine !== generation) return;
        current = { query: text, words: answer.words, results: answer.results, shown: 0 };
        root.dataset.found = String(current.results.length);
        list.textContent = "";
        status.textContent = current.results.length ?
          countText(current.results.length) : root.dataset.none;
        return showMore(current, mine);
      });
    }
    function update() {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      document.dispatchEvent(new CustomEvent("archive:location"));
      show(input.value);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    input.addEventListener("input", update);
    more.addEventListener("click", function () {
      if (!current) return;
      showMore(current, generation).then(function (firstNew) {
        if (firstNew) firstNew.querySelector("a").focus();
      });
    });
    input.value = new URL(window.location.href).searchParams.get("q") || "";
    searcher = makeSearcher(root.dataset.index, JSON.parse(document.getElementById("archive-search-index").textContent));
    window.archiveSearch = searcher;
    searcher.countText = countText;
    root.dataset.ready = "true";
    show(input.value);
  }

  var root = document.getElementById("archive-search");
  if (root) start(root);
})();
