"""End to end, as a reader's browser sees it: the seed archive built and served on
localhost, driven with Debian's headless Chromium through Playwright.

Screenshots of an Arabic and an English source page are written to
test-artifacts/screenshots/ for maintainers to look at."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from build_tools import render
from build_tools.site import build_site

from .conftest import REPO, make_archive

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
SOURCE = "civil-society-joint-statement"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def served(tmp_path_factory, prefix: str = "/", handler=QuietHandler):
    """(address, server): the seed archive built for http://127.0.0.1:PORT<prefix> and served there."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}{prefix}"
    os.environ["ARCHIVE_SITE_URL"] = url
    try:
        site = build_site(make_archive(tmp_path_factory.mktemp("browser"), with_seeds=True))
    finally:
        del os.environ["ARCHIVE_SITE_URL"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url, server


def page_opener(context, base_url: str, opened: list):
    """Opens pages of the site in ``context``; each page records its requests and its errors
    (console errors, uncaught exceptions, responses of 400 and above) for the test to check."""
    def open_page(path: str):
        page = context.new_page()
        page.requests, page.errors = [], []
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        opened.append(page)
        return page
    return open_page


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The seed site, built for the address it is served at, on a free localhost port."""
    url, server = served(tmp_path_factory)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed for the browser tests: `make test` installs it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, base_url):
    """Open a page of the site; every request and console error is recorded on the page object."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    opened = []
    open_page = page_opener(context, base_url, opened)
    yield open_page
    for page in opened:
        assert page.errors == [], f"console errors on {page.url}: {page.errors}"
    context.close()


@pytest.mark.parametrize("path, lang, direction", [
    ("", "ar", "rtl"), (f"sources/{SOURCE}/", "ar", "rtl"), ("actors/sdf/", "ar", "rtl"),
    ("en/", "en", "ltr"), (f"en/sources/{SOURCE}/", "en", "ltr"), ("en/actors/sdf/", "en", "ltr"),
])
def test_pages_declare_language_and_direction(visit, path, lang, direction):
    page = visit(path)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == direction


def test_arabic_font_is_loaded_from_the_site_itself_and_nothing_leaves_it(visit, base_url):
    page = visit(f"sources/{SOURCE}/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'دير الزور')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"Noto Naskh Arabic"' in loaded or "Noto Naskh Arabic" in loaded
    assert any(url.endswith(".woff2") for url in page.requests)
    assert [url for url in page.requests if not url.startswith(base_url)] == []


def test_language_switcher_works_from_the_keyboard_and_lands_on_the_counterpart(visit, base_url):
    page = visit(f"sources/{SOURCE}/")
    page.focus(".md-select button")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "English"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}en/sources/{SOURCE}/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("a.archive-counterpart")
    page.wait_for_url(f"{base_url}sources/{SOURCE}/")


def test_citation_is_copied_to_the_clipboard(visit, base_url):
    page = visit(f"en/sources/{SOURCE}/")
    page.click(".archive-cite summary >> text=BibTeX")
    page.click("button[data-copy=bibtex]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("pre[data-cite=bibtex]")
    assert copied.startswith("@misc{civil_society_joint_statement_en,")
    assert f"url = {{{base_url}en/sources/{SOURCE}/}}" in copied
    assert page.inner_text("button[data-copy=bibtex]") == "Copied"


def test_parallel_view_aligns_the_two_languages(visit):
    page = visit(f"en/sources/{SOURCE}/parallel/")
    rows = page.locator("table.archive-parallel tbody tr")
    assert rows.count() == 77
    first = rows.nth(0)
    assert first.locator("td[lang=ar]").inner_text().startswith("بتاريخ 27 آب/أغسطس 2023")
    assert "On 27 August 2023" in first.locator("td[lang=en]").inner_text()


@pytest.mark.parametrize("path", ["", f"sources/{SOURCE}/", "actors/", "demands/", "search/",
                                  "en/", f"en/sources/{SOURCE}/", "en/actors/", "en/demands/", "en/search/"])
def test_no_serious_or_critical_accessibility_violations(visit, path):
    page = visit(path)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def screenshots_of_source_pages(open_page, suffix: str = "") -> None:
    """Screenshots of the Arabic and English source pages in test-artifacts/, for maintainers to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path, lang in ((f"sources/{SOURCE}/", "ar"), (f"en/sources/{SOURCE}/", "en")):
        target = SCREENSHOTS / f"source-{lang}{suffix}.png"
        target.unlink(missing_ok=True)
        open_page(path).screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 10_000


def test_screenshots_of_source_pages_for_maintainers(visit):
    screenshots_of_source_pages(visit)


@pytest.fixture
def phone(browser, base_url):
    """Open a page as a 390 x 844 phone screen sees it; console errors are failures, as in `visit`."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    opened = []
    yield page_opener(context, base_url, opened)
    for page in opened:
        assert page.errors == [], f"console errors on {page.url}: {page.errors}"
    context.close()


@pytest.fixture(scope="module")
def split_url(tmp_path_factory):
    """The seed site with listings split every 2 items, as a large archive's are split every 100:
    the SDF's mentions fill dozens of pages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PER_PAGE", 2)
        url, server = served(tmp_path_factory)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", ["actors/sdf/page-8/", "en/actors/sdf/page-8/"])
def test_a_long_listings_pager_is_one_short_row_on_a_phone(browser, split_url, path):
    """At 1,000 sources the SDF's 58 page links were an unstyled column 2,500 px tall, twice a page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    opened: list = []
    try:
        page = page_opener(context, split_url, opened)(path)
        pager = page.locator(".archive-pager").first
        assert pager.locator("a").count() <= 9  # previous, next, the first, the last and two either side
        box = pager.bounding_box()
        assert box["width"] <= 390 and box["height"] < 100, box
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        assert page.errors == []
    finally:
        context.close()


PHONE_PAGES = ["", f"sources/{SOURCE}/", f"sources/{SOURCE}/parallel/", "organisations/", "actors/sdf/",
               "demands/", "timeline/", "search/", "downloads/"]


@pytest.mark.parametrize("path", PHONE_PAGES + ["en/" + p for p in PHONE_PAGES])
def test_no_page_scrolls_sideways_on_a_phone(phone, path):
    page = phone(path)
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.evaluate("innerWidth")


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_source_text_starts_within_two_screens_on_a_phone_and_the_skip_link_reaches_it(phone, lang_prefix):
    page = phone(f"{lang_prefix}sources/{SOURCE}/")
    first = page.locator(".archive-text p").first
    assert first.bounding_box()["y"] < 2 * 844
    values = page.locator(".archive-meta dd")
    assert min(values.nth(i).bounding_box()["width"] for i in range(values.count())) > 250
    page.click(".archive-skip a")
    assert page.evaluate("location.hash") == "#text"
    assert 0 <= page.locator("#text h2").bounding_box()["y"] < 844


def test_parallel_view_stacks_arabic_above_english_on_a_phone_and_names_the_origin_once(phone):
    page = phone(f"en/sources/{SOURCE}/parallel/")
    row = page.locator("table.archive-parallel tbody tr").first
    arabic, english = row.locator("td[lang=ar]").bounding_box(), row.locator("td[lang=en]").bounding_box()
    assert english["y"] >= arabic["y"] + arabic["height"] - 1
    assert arabic["width"] > 300
    assert page.locator("table.archive-parallel .archive-badge").count() == 1


@pytest.mark.parametrize("path", [f"sources/{SOURCE}/", "actors/sdf/"])
def test_arabic_title_is_at_least_as_large_as_the_headings_below_it(visit, path):
    page = visit(path)
    sizes = page.evaluate("[...document.querySelectorAll('.md-content h1, .md-content h2')]"
                          ".map(h => parseFloat(getComputedStyle(h.querySelector('bdi') || h).fontSize))")
    assert sizes[0] >= max(sizes[1:])


def test_phone_screenshots_of_source_pages_for_maintainers(phone):
    screenshots_of_source_pages(phone, "-phone")


@pytest.mark.parametrize("path, lang, heading", [("404.html", "ar", "الصفحة غير موجودة"),
                                                 ("en/404.html", "en", "Page not found")])
def test_not_found_page_speaks_the_language_of_its_site(visit, base_url, path, lang, heading):
    page = visit(path)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang, "rtl" if lang == "ar" else "ltr"]
    assert page.inner_text(".md-content h1") == heading
    home = page.locator(".md-content p a").evaluate("a => a.href")
    assert home == base_url + ("en/" if lang == "en" else "")
    # as every page: each language link in its own language, a skip link, a menu a keyboard reaches
    assert page.eval_on_selector_all(".md-select__link", "links => links.map(a => a.lang)") == ["ar", "en"]
    assert page.locator(".md-skip").count() == 1
    assert page.locator('label[for="__drawer"][role=button][tabindex="0"]').count() == 1


def test_printed_source_page_shows_title_metadata_text_and_citation_only(visit):
    page = visit(f"sources/{SOURCE}/")
    page.emulate_media(media="print")
    visible = page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null
                               || getComputedStyle(e).position === 'fixed' && getComputedStyle(e).display !== 'none')
                               .map(e => e.className || e.tagName)""",
                            ".md-header, .md-sidebar--primary, .md-sidebar--secondary, .md-footer, .archive-skip, "
                            ".archive-copy, .archive-in-source, .md-content h1, .archive-meta, .archive-text, .archive-cite")
    assert sorted(visible) == ["H1", "archive-cite", "archive-meta", "archive-text"]


@pytest.mark.parametrize("path", ["timeline/", "en/timeline/"])
def test_timeline_items_start_with_their_date_not_a_list_number(visit, path):
    page = visit(path)
    first = page.locator("ol.archive-timeline > li").first
    assert first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    assert first.evaluate("li => li.firstElementChild.tagName") == "TIME"


@pytest.mark.parametrize("path", [f"sources/{SOURCE}/", f"en/sources/{SOURCE}/", "timeline/", "search/"])
def test_no_text_under_12_px_on_a_phone(phone, path):
    page = phone(path)
    small = page.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.offsetParent !== null
        && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
        && parseFloat(getComputedStyle(e).fontSize) < 12).map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert small == []


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text of ``selector`` with: {family: glyphs} (DevTools' own account)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {(f["familyName"] + (" (web font)" if f["isCustomFont"] else "")): f["glyphCount"] for f in fonts}


@pytest.mark.parametrize("path", ["", f"sources/{SOURCE}/", f"en/sources/{SOURCE}/"])
def test_every_arabic_character_of_a_page_is_drawn_with_the_archives_arabic_font(visit, path):
    """The font files hold only the Arabic script's blocks: every Arabic letter, mark and
    punctuation the page shows, regular and bold, is still drawn with Noto Naskh Arabic. Each
    is drawn again with a system font that has Arabic behind it, which would draw whatever the
    files lack; a presentation form the files leave out (U+FB56) shows that it would."""
    page = visit(path)
    page.evaluate("document.fonts.ready")
    count = page.evaluate("""() => {
        const used = [...new Set(document.body.innerText.match(/[\\u0600-\\u08ff\\ufb50-\\ufdff\\ufe70-\\ufeff]/g))];
        const add = (id, weight, chars) => {
          const p = document.createElement("p");
          p.id = id; p.lang = "ar"; p.dir = "rtl";
          p.style.fontWeight = weight; p.style.fontFamily = '"Noto Naskh Arabic", "DejaVu Sans"';
          p.textContent = chars.map(ch => /[\\u064b-\\u065f\\u0670]/.test(ch) ? "\u0628" + ch : ch).join(" ");
          document.querySelector(".md-content").appendChild(p);
        };
        add("arabic-400", 400, used);
        add("arabic-700", 700, used);
        add("arabic-control", 400, ["\ufb56"]);
        return used.length;
      }""")
    page.evaluate("document.fonts.ready")
    for weight in (400, 700):
        drawn = _fonts_drawing(page, f"#arabic-{weight}")
        arabic_font = drawn.pop("Noto Naskh Arabic (web font)", 0)
        assert arabic_font >= count and drawn == {}, (weight, count, drawn)
    assert count > (40 if path != f"en/sources/{SOURCE}/" else 10)
    assert "DejaVu Sans" in _fonts_drawing(page, "#arabic-control")


def test_materials_scripts_still_run_when_deferred(visit):
    """Material's bundle, deferred, still works the page: the header shows the page's title
    once its heading has scrolled away, and the back-to-top button appears on the way up."""
    page = visit(f"sources/{SOURCE}/")
    page.mouse.wheel(0, 3000)
    page.wait_for_selector(".md-header__title--active")
    page.mouse.wheel(0, -400)
    page.wait_for_selector(".md-top:not([hidden])")


@pytest.mark.parametrize("path", ["", "actors/sdf/", "en/timeline/", f"en/sources/{SOURCE}/parallel/", "en/about/"])
def test_the_first_tab_stop_of_every_page_skips_to_its_content(visit, path):
    """Material gives the skip link only to pages with a table of contents (the about pages)."""
    page = visit(path)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.outerHTML]")
    assert focused[0], focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector(location.hash) !== null && "
                         "document.querySelector(location.hash).closest('.md-content') !== null")


@pytest.mark.parametrize("path", ["", "search/"])
def test_a_focused_search_box_shows_its_focus(visit, path):
    page = visit(path)
    field = page.locator("input[type=search]").first
    field.focus()
    page.keyboard.press("a")  # focus by keyboard: :focus-visible
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_links_on_hover_and_copy_buttons_keep_aa_contrast(visit):
    """Material's deep-orange accent (#ff6e42) is 2.8:1 on white."""
    page = visit(f"en/sources/{SOURCE}/")
    accent = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()")
    red, green, blue = (int(accent[i:i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    assert 1.05 / (luminance + 0.05) >= 4.5, accent


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_the_signatory_and_demand_lists_take_the_full_width_on_a_phone(phone, lang_prefix):
    """Beside its floated label it was 115 px wide and 5,490 px tall at 390 px (45 px at 320)."""
    page = phone(f"{lang_prefix}sources/civil-society-joint-statement/")
    details = page.locator(".archive-in-source details").first
    details.locator("summary").click()
    assert details.bounding_box()["width"] > 0.8 * 390
    demands = page.locator(".archive-in-source dd > ul")  # the source's demands: 165 px wide beside their label
    assert demands.count() == 1 and demands.bounding_box()["width"] > 0.8 * 390


@pytest.mark.parametrize("lang_prefix, name", [("", "القائمة"), ("en/", "Menu")])
def test_the_phone_menu_opens_and_closes_from_the_keyboard_and_hides_its_links_when_closed(phone, lang_prefix, name):
    """Material's menu button is a <label>: no keyboard reached it, while the closed menu's links,
    off screen, still took focus."""
    page = phone(lang_prefix)
    button = page.locator('label.md-header__button[for="__drawer"]')
    assert button.get_attribute("aria-label") == name and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    for _ in range(6):  # the skip link, then the header: the button comes within a few stops
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('for')") == "__drawer":
            break
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert not page.evaluate("document.querySelector('.md-sidebar--primary').inert")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"


@pytest.mark.parametrize("lang_prefix, label", [("", "اختر اللغة"), ("en/", "Select language")])
def test_the_language_menu_opens_within_a_phones_screen_and_is_named_without_misspelling(phone, lang_prefix, label):
    """Centred under its button, Material's menu ran 19 px off the left of an Arabic phone screen
    and 16 px off the right of an English one; its Arabic name was spelt «إختر اللغة»."""
    page = phone(lang_prefix)
    button = page.locator(".md-header__option .md-select button")
    assert button.get_attribute("aria-label") == label
    button.focus()
    menu = page.locator(".md-header__option .md-select__inner")
    page.wait_for_function("e => getComputedStyle(e).opacity === '1'", arg=menu.element_handle())
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert menu.locator("a").count() == 2 and all(link.is_visible() for link in menu.locator("a").all())


@pytest.mark.parametrize("path", ["", "en/", f"en/sources/{SOURCE}/"])
def test_no_page_downloads_the_sitemap(visit, path):
    """Material fetches the sitemap beside any link whose rel is exactly "alternate" (the feed link
    was one): a download on every page view for nothing, and a 404 on the English pages."""
    page = visit(path)
    assert [url for url in page.requests if "sitemap" in url] == []
