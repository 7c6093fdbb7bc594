"""Long lists are split into pages of at most PER_PAGE items, reached from the sections,
so no page grows with the archive and the sidebar holds the sections only."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from build_tools.render import PER_PAGE, Pager
from build_tools.site import build_site

from .conftest import front_matter, page, write_source


def many_mentions(archive, paragraphs: int):
    body = "".join(f"قالت قسد في اليوم {n} إن الوضع هادئ في 3/9/2023.\n" for n in range(1, paragraphs + 1))
    write_source(archive, "long", front_matter(id="long-report") + body)
    return build_site(archive)


def test_an_actor_named_in_more_paragraphs_than_a_page_holds_gets_numbered_pages(archive):
    site = many_mentions(archive, PER_PAGE + 1)
    first, second = page(site, "en/actors/sdf"), page(site, "en/actors/sdf/page-2")
    assert len(first.select(".archive-mentions > li")) == PER_PAGE
    assert len(second.select(".archive-mentions > li")) == 1
    assert "¶101" in second.select_one(".archive-mentions").get_text()
    assert [a.get_text() for a in first.select_one(".archive-pager").select("a")] == ["2", "Next"]
    assert first.select_one(".archive-pager [aria-current=page]").get_text() == "1"
    assert [a.get_text() for a in second.select_one(".archive-pager").select("a")] == ["Previous", "1"]
    assert "page 2 of 2" in second.title.get_text()


def test_later_pages_of_an_actor_open_at_its_mentions_not_below_its_demands_again(archive):
    """On a phone, 100 demands above the mentions of every page were 29 screens to scroll past."""
    body = "".join(f"طالب التحالف الدولي قسد بالإفراج عن المعتقلين في اليوم {n}.\n" for n in range(1, PER_PAGE + 2))
    write_source(archive, "long", front_matter(id="long-report") + body)
    site = build_site(archive)
    first, second = page(site, "en/actors/sdf"), page(site, "en/actors/sdf/page-2")
    assert first.select_one("#demands") is not None
    assert second.select_one("#demands") is None and second.select_one(".archive-entity > ul").get("class") == ["archive-mentions"]
    link = second.find("a", string=lambda t: t and t.startswith("Demands addressed to it"))
    assert link["href"].rstrip("/").endswith("demands/to/sdf")
    assert [a["href"].split("/")[-1] for a in second.select_one(".archive-pager").select("a")] == ["#mentions"] * 2


def test_the_timeline_is_split_and_source_pages_link_to_the_page_holding_each_date(archive):
    site = many_mentions(archive, PER_PAGE + 1)
    assert len(page(site, "en/timeline").select(".archive-timeline > li")) == PER_PAGE
    assert len(page(site, "en/timeline/page-2").select(".archive-timeline > li")) == 1
    links = [a["href"] for a in page(site, "en/sources/long-report").select(".archive-in-source a")]
    assert any(h.endswith("timeline/#2023-09-03") for h in links)


def test_sources_are_listed_by_date_and_by_kind_and_not_in_the_sidebar(archive):
    write_source(archive, "a", front_matter(id="a-report", date="2023-08-28") + "نص.\n")
    write_source(archive, "b", front_matter(id="b-opinion", kind="opinion", date="2023-08-27") + "نص.\n")
    site = build_site(archive)
    listed = [a["href"].split("/")[-2] for a in page(site, "en/browse").select(".archive-source-list a")]
    assert listed == ["b-opinion", "a-report"]
    opinions = [a["href"].split("/")[-2] for a in page(site, "en/browse/kind/opinion").select(".archive-source-list a")]
    assert opinions == ["b-opinion"]
    assert "Every document" not in page(site, "en/browse/kind/opinion").select_one(".archive-index p").get_text()
    sidebar = page(site, "en/sources/a-report").select_one("nav.md-nav--primary").get_text()
    assert "Documents" in sidebar and "عنوان" not in sidebar and "Actors" in sidebar


def test_sources_are_listed_by_publisher_at_the_same_address_in_both_languages(archive):
    publisher = "{ar: نورث برس, en: North Press}"
    write_source(archive, "a", front_matter(id="a-report", publisher=publisher) + "نص.\n")
    write_source(archive, "b", front_matter(id="b-report") + "نص.\n")
    site = build_site(archive)
    en = {a.get_text(): a["href"] for a in page(site, "en/browse/publishers").select(".archive-index li a")}
    ar = {a.get_text(): a["href"] for a in page(site, "browse/publishers").select(".archive-index li a")}
    assert list(en) == ["North Press", "Unknown"] and list(ar)[0] == "نورث برس"
    assert en["North Press"] == ar["نورث برس"] and en["North Press"].endswith("/north-press/")
    target = urljoin("/en/browse/publishers/", en["North Press"]).strip("/")
    listed = [a["href"].split("/")[-2] for a in page(site, target).select(".archive-source-list a")]
    assert listed == ["a-report"]


def test_a_publisher_named_in_arabic_only_or_sharing_latin_words_gets_an_address_of_its_own(archive):
    for name, publisher in (("a", "{ar: عنب بلدي}"), ("b", "{ar: بلدي نيوز, en: Baladi News}"),
                            ("c", "{ar: بلدي نيوز الجديدة, en: Baladi News}")):
        write_source(archive, name, front_matter(id=f"{name}-report", publisher=publisher) + "نص.\n")
    site = build_site(archive)
    addresses = [a["href"].strip("/").split("/")[-1] for a in page(site, "en/browse/publishers").select(".archive-index li a")]
    assert len(set(addresses)) == 3 and "baladi-news" in addresses
    assert all(a == "baladi-news" or (len(a) == 10 and a.isalnum()) for a in addresses), addresses


def test_the_sidebar_lists_the_sections_in_one_order_in_both_languages(archive):
    """Not the files' alphabetical order: home first, about last, the same in Arabic and English."""
    write_source(archive, "a", front_matter() + "نص.\n")
    site = build_site(archive)
    order = ["", "browse/", "actors/", "organisations/", "demands/", "timeline/", "downloads/", "search/", "about/"]
    for url, home in (("", "الرئيسية"), ("en/", "Home")):
        nav = page(site, url.rstrip("/") or ".").select_one("nav.md-nav--primary").select("a.md-nav__link")
        assert [urljoin("https://example.org/" + url, a["href"]).removeprefix("https://example.org/" + url)
                for a in nav] == order
        assert nav[0].get_text(strip=True) == home


@pytest.mark.parametrize("url", ["sources", "browse/kind", "browse/publisher", "demands/to",
                                 "en/sources", "en/browse/kind", "en/browse/publisher", "en/demands/to"])
def test_a_folder_of_generated_pages_leads_on_to_the_listing_of_what_is_in_it(seed_site, url):
    """A reader who shortens /en/sources/x/ to /en/sources/ got "page not found"."""
    redirect = page(seed_site, url)
    refresh = redirect.select_one('meta[http-equiv="refresh"]')["content"]
    target = urljoin(f"/{url}/", refresh.split("url=", 1)[1])
    assert redirect.select_one("a")["href"] == refresh.split("url=", 1)[1]
    assert redirect.select_one('meta[name="robots"]')["content"] == "noindex"
    landed = page(seed_site, target.split("#")[0].strip("/") or ".")
    assert landed.select_one(".archive-index h1") is not None
    if "#" in target:
        assert landed.find(id=target.split("#")[1]) is not None
    assert redirect.html["lang"] == ("en" if url.startswith("en/") else "ar")


@pytest.mark.parametrize("number, count, shown", [
    (30, 58, [1, None, 28, 29, 30, 31, 32, None, 58]),
    (1, 58, [1, 2, 3, None, 58]),
    (58, 58, [1, None, 56, 57, 58]),
    (2, 4, [1, 2, 3, 4]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),
])
def test_a_long_listing_links_its_first_last_and_nearby_pages_not_every_page(number, count, shown):
    """The SDF's page at 1,000 sources had 58 page links in a column, twice, 2,500 px tall."""
    assert Pager("actors/sdf", number, count, count * PER_PAGE, PER_PAGE).shown == shown


def test_a_split_timeline_links_each_month_to_the_page_where_it_starts(archive):
    """Its pages were numbered 1…12 with nothing to say which dates each holds."""
    body = "".join(f"قالت قسد في اليوم {n} إن الوضع هادئ في {1 + n % 28}/{8 if n <= 60 else 9}/2023.\n"
                   for n in range(1, PER_PAGE + 21))
    write_source(archive, "long", front_matter(id="long-report") + body)
    site = build_site(archive)
    for path in ("en/timeline", "en/timeline/page-2"):
        months = page(site, path).select(".archive-months a")
        assert [a.get_text() for a in months] == ["August 2023", "September 2023"]
        for a in months:
            target = urljoin(f"http://x/{path}/", a["href"])
            anchor = target.split("#")[1]
            assert page(site, target.split("#")[0][len("http://x/"):].strip("/")).find(id=anchor) is not None


def test_split_browse_listings_link_each_month_to_the_page_where_it_starts(archive, monkeypatch):
    import build_tools.render as render
    monkeypatch.setattr(render, "PER_PAGE", 2)
    for n, date in enumerate(("2023-08-20", "2023-08-28", "2023-09-02")):
        write_source(archive, f"s{n}", front_matter(id=f"s{n}", date=date) + "نص.\n")
    site = build_site(archive)
    for path in ("en/browse", "en/browse/page-2", "en/browse/kind/news-report"):
        months = [(a.get_text(), a["href"]) for a in page(site, path).select(".archive-months a")]
        assert [m for m, _ in months] == ["August 2023", "September 2023"], path
        assert urljoin(f"http://x/{path}/", months[1][1]).endswith("browse/page-2/" if "kind" not in path
                                                                   else "browse/kind/news-report/page-2/")
