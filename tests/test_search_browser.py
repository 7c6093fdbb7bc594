"""The search page in Chromium, over the seed archive plus a few test sources (a hostile one,
and rare words for ranking and paging), built for real and served on localhost; and the
language switcher carrying the query and paragraph anchor across."""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from benchmarks.search_cost import serve
from build_tools.normalize import normalize
from build_tools.plurals import counted
from build_tools.project import Project
from build_tools.search_index import root, shard, shards_of, word_forms
from build_tools.site import build_site

from .conftest import REPO, front_matter, make_archive, write_source
from .test_browser import SOURCE, browser, visit  # noqa: F401  (Chromium and the page opener, on our base_url)

HOSTILE = '<img src=x onerror="window.pwned=1"> نص عدائي'
RARE = "زيزفون"  # in no seed: the test sources below hold it
REPEATS = 11  # sources that hold RARE once each: with the three ranked ones, more than one page of results


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    project = make_archive(tmp_path_factory.mktemp("search-browser"), with_seeds=True)
    write_source(project, "hostile", front_matter(id="hostile", title="'<b>عنوان</b> عدائي'") + HOSTILE + "\n")
    write_source(project, "rare-in-title", front_matter(id="rare-in-title", title=RARE) + "نص أول\n")
    write_source(project, "rare-in-text", front_matter(id="rare-in-text", title="نص ثان")
                 + f"فيه {RARE} مرة\nوفيه {RARE} مرة أخرى\n")
    write_source(project, "rare-with-prefix", front_matter(id="rare-with-prefix", title="نص ثالث")
                 + f"فيه وال{RARE}\nفيه بال{RARE}\nفيه كال{RARE}\n")
    for n in range(REPEATS):
        write_source(project, f"repeat-{n}", front_matter(id=f"repeat-{n}", title=f"تكرار {n}")
                     + f"سطر تمهيد\nفي هذا النص {RARE} أيضا\n")
    with serve(project.root / "site") as url:
        os.environ["ARCHIVE_SITE_URL"] = url
        try:
            build_site(project)
        finally:
            del os.environ["ARCHIVE_SITE_URL"]
        yield url


def search(page, query: str) -> list[str]:
    """The result links shown for ``query``, once its results are in the page."""
    page.fill("#archive-search-input", query)
    page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=query)
    return page.eval_on_selector_all(".archive-search-results li > a", "links => links.map(a => a.href)")


def open_search(visit, path: str = "search/"):
    page = visit(path)
    page.wait_for_selector("#archive-search[data-ready=true]")
    return page


def shard_count(page) -> int:
    """The number of shards of the index the search page reads, from the description it holds."""
    return page.evaluate("JSON.parse(document.getElementById('archive-search-index').textContent).shards")


def test_arabic_search_ignores_hamza_diacritics_and_attached_prefixes(visit):
    page = open_search(visit)
    variants = {q: search(page, q) for q in ("الأمن", "الامن", "أمن", "امن", "الأَمْن", "بالأمن")}
    assert len({tuple(found) for found in variants.values()}) == 1, {q: len(f) for q, f in variants.items()}
    assert len(variants["الأمن"]) >= 5
    assert search(page, "خولة") == search(page, "خوله") != []
    assert search(page, "أبو خولة") == search(page, "ابو خوله") != []
    assert search(page, "مدنيين") == search(page, "المدنيين") == search(page, "والمدنيين") != []
    assert all("/en/" not in url for url in variants["الأمن"])


def test_english_search_finds_english_pages(visit, base_url):
    page = open_search(visit, "en/search/")
    found = search(page, "coalition")
    assert found and all(url.startswith(base_url + "en/") for url in found)
    assert f"{base_url}en/actors/international-coalition/" in found
    page.click(".archive-search-results a >> nth=0")
    assert page.url.startswith(base_url + "en/")


def test_search_query_can_be_shared_as_a_link(visit):
    page = visit("search/?q=" + "قسد")
    page.wait_for_function("document.getElementById('archive-search').dataset.shown === 'قسد'")
    assert page.input_value("#archive-search-input") == "قسد"
    assert page.locator(".archive-search-results li").count() > 0


def test_home_page_search_box_leads_to_results(visit, base_url):
    page = visit("")
    page.fill("#home-search", "التحالف")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}search/?q=*")
    page.wait_for_function("document.getElementById('archive-search').dataset.shown === 'التحالف'")
    assert page.locator(".archive-search-results li").count() > 0


def test_result_shows_its_passage_with_the_hit_marked_and_links_to_the_paragraph(visit, base_url):
    page = open_search(visit)
    search(page, "بخولة")
    item = page.locator(".archive-search-results li", has=page.locator("a[href*='#p-']")).first
    assert "خولة" in item.locator(".archive-search-passage mark").first.inner_text()
    passage = item.locator(".archive-search-passage").inner_text().strip("… ")
    assert item.locator(".archive-search-about").inner_text().count("·") == 2  # kind · date · ¶N
    link = item.locator("a").get_attribute("href")
    link = page.evaluate("href => new URL(href, location.href).href", link)
    assert link.startswith(base_url + "sources/")
    source = visit(link.removeprefix(base_url))
    anchor = link.split("#")[1]
    assert passage[:40] in source.locator(f"[id='{anchor}']").inner_text()


def test_source_text_reaches_the_results_as_text_never_as_markup(visit):
    page = open_search(visit)
    assert search(page, "عدائي") != []
    results = page.locator(".archive-search-results")
    assert "<img src=x" in results.inner_text() and "<b>" in results.inner_text()
    assert results.locator("img, b").count() == 0
    assert page.evaluate("window.pwned") is None


@pytest.mark.parametrize("path, query, entity", [("search/", "قسد", "actors/sdf/"),
                                                  ("en/search/", "coalition", "en/actors/international-coalition/")])
def test_the_page_of_the_actor_a_query_names_comes_first(visit, base_url, path, query, entity):
    page = open_search(visit, path)
    assert search(page, query)[0] == base_url + entity


def test_title_hits_then_exact_forms_then_more_matches_come_first(visit, base_url):
    page = open_search(visit)
    found = [url.removeprefix(base_url).split("#")[0] for url in search(page, RARE)]
    assert found[:2] == ["sources/rare-in-title/", "sources/rare-in-text/"]  # title hit; exact form twice
    assert all(url.startswith("sources/repeat-") for url in found[2:])  # exact form once, before a prefixed form
    page.click(".archive-search-more")
    page.wait_for_function(f"document.querySelectorAll('.archive-search-results li').length === {REPEATS + 3}")
    last = page.locator(".archive-search-results li >> nth=-1").locator("a").get_attribute("href")
    assert "rare-with-prefix" in last


def test_long_result_lists_come_in_pages(visit):
    page = open_search(visit)
    assert len(search(page, RARE)) == 10
    more = page.locator(".archive-search-more")
    assert more.is_visible()
    more.click()
    page.wait_for_function(f"document.querySelectorAll('.archive-search-results li').length === {REPEATS + 3}")
    assert more.is_hidden()
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll("
                         "'.archive-search-results li')[10]")


def test_each_result_shows_once_its_passage_and_those_before_it_have_arrived(visit):
    in_order = search(open_search(visit), RARE)
    page = open_search(visit)
    passages = []  # the passage files asked for; all but the first are held back

    def hold(route):
        passages.append(route)
        if len(passages) == 1:
            route.continue_()

    page.route("**/search/index/d/*", hold)
    page.fill("#archive-search-input", RARE)
    page.wait_for_function("document.querySelectorAll('.archive-search-results li').length > 0", timeout=5000)
    assert page.evaluate("document.querySelectorAll('.archive-search-results li').length") == 1
    assert page.get_attribute("#archive-search", "data-shown") != RARE
    for route in passages[1:]:
        route.continue_()
    page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=RARE)
    shown = page.eval_on_selector_all(".archive-search-results li > a", "links => links.map(a => a.href)")
    assert len(passages) == 10 and shown == in_order


def test_a_query_fetches_its_own_shards_and_the_passages_shown_not_the_whole_index(visit):
    page = open_search(visit)
    before = len(page.requests)
    search(page, "التحالف الدولي")
    fetched = [url.split("/search/index/")[1] for url in page.requests[before:] if "/search/index/" in url]
    shards = shard_count(page)
    expected = {f"w/{s:03x}.json" for w in ("التحالف", "الدولي") for s in shards_of(normalize(w), shards)}
    assert {f for f in fetched if f.startswith("w/")} == expected
    assert 0 < len([f for f in fetched if f.startswith("d/")]) <= 10


WORDS = ["والمدنيين", "للتحالف", "بقسد", "الأَمْن", "مسؤول", "خولة", "فالإدارة", "كالعادة", "Coalition", "وَلِلْمُدُن",
         "بوقف", "البيان"]


def test_browser_normalises_query_words_and_finds_their_shards_exactly_as_the_index_was_built(visit):
    page = open_search(visit)
    shards = shard_count(page)
    in_browser = page.evaluate(
        """words => words.map(w => {
             const t = archiveSearch.tools, n = t.normalize(w);
             return [Array.from(t.forms(n)).sort(), t.root(n), t.shard(t.root(n))];
           })""", WORDS)
    in_python = [[sorted(word_forms(normalize(w))), root(normalize(w)), shard(root(normalize(w)), shards)] for w in WORDS]
    assert in_browser == in_python


def test_language_switch_keeps_the_query(visit, base_url):
    page = open_search(visit, "search/?q=" + quote("قسد"))
    search(page, "خولة")
    page.focus(".md-select button")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}en/search/?q=*")
    assert page.input_value("#archive-search-input") == "خولة"


def test_language_switch_keeps_the_paragraph_anchor(visit, base_url):
    page = visit(f"sources/{SOURCE}/")
    anchor = page.get_attribute(".md-content [id^='p-'] >> nth=3", "id")
    page.evaluate("anchor => { location.hash = anchor; }", anchor)
    page.wait_for_function("anchor => document.querySelector('.md-select a[hreflang=en]').hash === '#' + anchor",
                           arg=anchor)
    page.click(".md-select button")
    page.click(".md-select a[hreflang=en]")
    page.wait_for_url(f"{base_url}en/sources/{SOURCE}/#*")
    assert page.url == f"{base_url}en/sources/{SOURCE}/#{anchor}"
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_language_switch_keeps_any_anchor_of_the_page(visit, base_url):
    """#mentions of an actor's page was dropped: only paragraph anchors were carried."""
    page = visit("actors/sdf/#mentions")
    page.wait_for_function("document.querySelector('.md-select a[hreflang=en]').hash === '#mentions'")
    page.click(".md-select button")
    page.click(".md-select a[hreflang=en]")
    page.wait_for_url(f"{base_url}en/actors/sdf/#mentions")


def test_language_switch_opens_the_counterpart_at_the_paragraph_being_read(visit, base_url):
    """Scrolled to a paragraph without following its link, the reader landed at the top of the other page."""
    page = visit(f"sources/{SOURCE}/")
    anchor = page.get_attribute(".md-content [id^='p-'] >> nth=5", "id")
    page.evaluate("anchor => document.getElementById(anchor).scrollIntoView()", anchor)
    page.click(".md-select button")
    page.click(".md-select a[hreflang=en]")
    page.wait_for_url(f"{base_url}en/sources/{SOURCE}/#*")
    assert page.url == f"{base_url}en/sources/{SOURCE}/#{anchor}"


@pytest.mark.parametrize("path, query", [("search/", "الأمن"), ("en/search/", "coalition")])
def test_search_results_have_no_serious_or_critical_accessibility_violations(visit, path, query):
    page = open_search(visit, path)
    search(page, query)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def _status(page) -> tuple[int, str]:
    return (int(page.get_attribute("#archive-search", "data-found")),
            page.inner_text(".archive-search-status").strip())


def test_results_are_counted_with_the_cldr_plural_form_of_their_number(visit):
    """14 results (3 ranked test sources and 11 repeats): Arabic's 'many' form, not '14 نتيجة'."""
    page = open_search(visit)
    search(page, RARE)
    assert _status(page) == (REPEATS + 3, f"{REPEATS + 3} نتيجةً")
    search(page, "عدائي")  # the hostile source alone
    assert _status(page) == (1, "نتيجة واحدة")
    page = open_search(visit, "en/search/")
    found = search(page, "coalition")
    assert _status(page) == (len(found), f"{len(found)} results") and len(found) > 1


@pytest.mark.parametrize("lang, path", [("ar", "search/"), ("en", "en/search/")])
def test_browser_counts_every_number_as_babel_does(visit, lang, path):
    """The script's count for 0-1,200 and a few large numbers is the wording plurals.py (Babel's
    CLDR rules) gives: the page carries Babel's categories, the script no rules of its own."""
    numbers = list(range(0, 1201)) + [10_000, 10_011, 1_000_000, 1_000_102]
    page = open_search(visit, path)
    in_browser = page.evaluate("numbers => numbers.map(n => archiveSearch.countText(n))", numbers)
    labels = Project(REPO).labels[lang]
    assert in_browser == [counted(labels, "search_count", n) for n in numbers]
    if lang == "ar":
        assert in_browser[:4] + [in_browser[11], in_browser[100], in_browser[103]] == [
            "لا نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجةً", "100 نتيجة", "103 نتائج"]


def test_the_search_buttons_look_like_buttons(visit):
    """Material resets buttons to bare text; on a phone «ابحث» read as a word, not a control."""
    page = open_search(visit)
    style = page.eval_on_selector("#archive-search form button[type=submit]",
                                  "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderTopStyle,"
                                  " b.getBoundingClientRect().height] }")
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] != "none" and style[2] >= 24, style
