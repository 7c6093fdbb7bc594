"""The cross-linked index pages and open data of the seed archive, as built HTML and files."""
from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from build_tools.site import build_site

from .conftest import front_matter, page, write_source


def target_of(site: Path, page_file: Path, href: str) -> tuple[Path, str]:
    """(file, fragment) that a relative link on ``page_file`` points to."""
    base = "http://x/" + page_file.relative_to(site).as_posix()
    parsed = urlparse(urljoin(base, href))
    path = site / parsed.path.lstrip("/")
    if parsed.path.endswith("/"):
        path = path / "index.html"
    return path, parsed.fragment


@lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    return frozenset(el["id"] for el in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                     .select("[id]"))


def test_every_internal_link_and_anchor_of_the_site_resolves(seed_site):
    broken = []
    for html in seed_site.rglob("*.html"):
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select("a[href]"):
            href = a["href"]
            if urlparse(href).scheme or href.startswith(("/", "mailto:")):
                continue
            target, fragment = target_of(seed_site, html, href)
            if not target.is_file():
                broken.append(f"{html.relative_to(seed_site)} -> {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids_in(target):
                broken.append(f"{html.relative_to(seed_site)} -> {href} (no #{fragment})")
    assert broken == []


def test_organisations_index_lists_all_59_signatories_in_both_languages(seed_site):
    for url in ("organisations", "en/organisations"):
        assert len(page(seed_site, url).select(".archive-index tbody tr")) == 59


def test_organisation_page_lists_what_it_signed_with_co_signatory_count(seed_site):
    soup = page(seed_site, "en/organisations/syrians-for-truth-and-justice")
    items = [li.get_text(" ", strip=True) for li in soup.select(".archive-entity > ul li")]
    assert len(items) == 1
    assert "Joint statement of Syrian civil-society organisations" in items[0]
    assert "58 co-signatories" in items[0]
    assert soup.select_one(".archive-entity > ul li time")["datetime"] == "2023-09"  # when it was signed
    assert "the name the organisation itself uses" in soup.select_one(".archive-names").get_text()


def test_actor_page_lists_every_mention_with_context_and_the_demands_addressed_to_it(seed_site):
    soup = page(seed_site, "en/actors/sdf")
    mentions = soup.select(".archive-mentions > li")
    sources = {a["href"].split("/")[-2] for li in mentions for a in li.select("a")[:1]}
    assert sources == {"civil-society-joint-statement", "coalition-calls-to-end-fighting",
                       "sdf-launches-enhancing-security", "sharqia-post-results-of-the-campaign",
                       "sdf-command-calls-for-international-court"}
    assert all(li.select_one(".archive-context[lang=ar] mark") for li in mentions)
    assert len(soup.select("#demands + ul > li")) == 3  # two in the joint statement, one in prose (tests/gold)
    marks = [m.get_text() for m in soup.select(".archive-context mark")]
    assert {"قسد", "قوات سوريا الديمقراطية"} <= set(marks)
    group = page(seed_site, "en/actors/erdogan").find("dt", string="Listed under")  # a group: "Type: People" read oddly
    assert group.find_next("dd").get_text() == "People"


def test_demands_are_grouped_by_addressee_and_by_source_with_signatories(seed_site):
    index = page(seed_site, "en/demands")
    assert "3 demands" in index.select_one("#to-sdf").get_text()
    assert index.select_one("#by-source + p a").get_text() != index.select_one("#by-source").get_text()  # says more
    assert len(page(seed_site, "en/demands/to/sdf").select(".archive-index > ul > li")) == 3
    assert len(page(seed_site, "en/demands/to/local-community-representatives").select(".archive-index > ul > li")) == 2
    by_source = page(seed_site, "en/demands/from")
    joint = by_source.select_one("#from-civil-society-joint-statement")
    details = joint.find_next("details")
    assert "Signed by 59 organisations" in details.summary.get_text()
    assert len(details.select("a")) == 59
    items = details.find_next("ul", class_=False).select(":scope > li")
    assert len(items) == 11  # 6 listed, 5 in prose (tests/gold/seeds.yml)
    assert len({li["id"] for li in items}) == 11  # two demands in one paragraph are two items, two ids
    # ... each saying what it asks, or the two would read as one listed twice (¶7: two asks, no addressee)
    seventh = [li for li in items if "¶7" in li.get_text()]
    asks = [[span.bdi.get_text() for span in li.select("span.archive-note") if span.get_text().startswith("What it asks")]
            for li in seventh]
    assert len(seventh) == 2 and all(len(a) == 1 for a in asks) and asks[0] != asks[1]
    sdf = by_source.select_one("#from-sdf-command-calls-for-international-court")
    assert "Issued by: General Command of the Syrian Democratic Forces" in sdf.find_next("p").get_text()


def test_source_page_links_to_every_index_that_cites_it(seed_site):
    section = page(seed_site, "sources/civil-society-joint-statement").select_one(".archive-in-source")
    hrefs = [a["href"] for a in section.select("a")]
    assert sum("organisations/" in h for h in hrefs) == 59
    demands = page(seed_site, "en/sources/civil-society-joint-statement").select_one("#demands").find_next("dd")
    items = [li.get_text() for li in demands.select("li")]
    assert len(items) == 11 and all("Addressed to:" in t and t.endswith(tuple(f"¶{n}" for n in range(1, 40)))
                                    for t in items), items
    assert all(li.select("a")[-1]["href"].startswith("./#p-") for li in demands.select("li"))  # its own paragraphs
    assert len(set(items)) == len(items)  # two demands of one paragraph say what each asks
    # each says what it asks in the page's language, a listed demand too (it said only whom it asks)
    listed = next(t for t in items if t.endswith("¶10"))
    assert listed.strip().startswith("To work to restore the supply of basic goods") and "…" in listed
    unnamed = next(t for t in items if t.endswith("¶8"))
    assert "The signatory organisations call for the protection of civilians" in unnamed
    assert "Addressed to: no one the text names" in unnamed
    assert any("actors/sdf/" in h for h in hrefs)
    assert any("timeline/#2023-09-01" in h for h in hrefs)


def test_timeline_lists_dated_events_in_order(seed_site):
    times = [t["datetime"] for t in page(seed_site, "en/timeline").select(".archive-timeline time")]
    assert times == ["2019-03", "2023-08-23", "2023-08-27", "2023-08-27", "2023-08-30", "2023-09-01"]


def test_open_data_files_hold_the_same_records_as_the_pages(seed_site):
    data = json.loads((seed_site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == [
        "sdf-launches-enhancing-security", "civil-society-joint-statement", "coalition-calls-to-end-fighting",
        "sdf-command-calls-for-international-court", "sharqia-post-results-of-the-campaign"]
    assert len(data["signatures"]) == 59 and len(data["demands"]) == 21 and len(data["organisations"]) == 59
    assert {p["en_origin"] for s in data["sources"] for p in s["paragraphs"]} == {"maintainer"}
    rows = list(csv.DictReader(io.StringIO((seed_site / "downloads/signatures.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 59 and rows[0]["source"] == "civil-society-joint-statement"
    demands = list(csv.DictReader(io.StringIO((seed_site / "downloads/demands.csv").read_text(encoding="utf-8-sig"))))
    assert demands[0]["addressees"] == "sdf"  # sdf-launches-enhancing-security ¶5, a demand in prose
    assert demands[0]["demanded_by"] == "arab-tribes" and demands[0]["asked_as_written"].startswith("باستمرار")
    links = [a["href"] for a in page(seed_site, "en/downloads").select(".archive-index a")]
    assert len(links) == 8


@pytest.mark.parametrize("url, unit", [("downloads", "كيلوبايت"), ("en/downloads", "kilobyte")])
def test_the_downloads_page_gives_the_size_of_each_file(seed_site, url, unit):
    """On a phone, archive.json is megabytes at a few hundred sources: the reader sees it before opening it."""
    for item in page(seed_site, url).select(".archive-index li"):
        name = item.select_one("a").get_text()
        size = (seed_site / "downloads" / name).stat().st_size
        assert f"({max(1, round(size / 1000))} {unit}" in item.get_text(), item.get_text()


@pytest.mark.parametrize("lang, size, shown", [("en", 2_345_678, "2.3 megabytes"), ("ar", 2_345_678, "2.3 ميغابايت"),
                                                ("en", 999_499, "999 kilobytes"), ("en", 12, "1 kilobyte")])
def test_file_sizes_are_in_kilobytes_under_a_megabyte_and_never_zero(archive, lang, size, shown):
    from build_tools.render import Renderer
    assert Renderer(archive, None, lang, "https://example.org/").file_size(size) == shown


def test_csv_downloads_open_in_spreadsheets_without_running_formulas(archive):
    write_source(archive, "f", front_matter(id="formula", title="'=HYPERLINK(\"http://x\")'") + "@SUM(1)\n")
    site = build_site(archive)
    raw = (site / "downloads/sources.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["title"] == "'=HYPERLINK(\"http://x\")"
    data = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert data["sources"][0]["title"] == '=HYPERLINK("http://x")'


@pytest.mark.parametrize("url", ["actors/sdf", "organisations/baytna", "demands", "timeline", "downloads"])
def test_index_pages_exist_in_both_languages_with_the_right_direction(seed_site, url):
    assert (page(seed_site, url).html["dir"], page(seed_site, "en/" + url).html["dir"]) == ("rtl", "ltr")


def test_a_reported_demand_names_who_made_it_and_an_inferred_date_says_how(archive):
    write_source(archive, "s", front_matter(id="report", date="2023-08-30")
                 + "وطالب التحالف الدولي قوات سوريا الديمقراطية بوقف القتال فوراً.\nوقعت الاشتباكات في الـ27 من آب.\n")
    site = build_site(archive)
    demand = page(site, "en/demands/to/sdf").select_one(".archive-index > ul > li").get_text(" ", strip=True)
    assert "Demanded by: International coalition against ISIS" in demand
    item = page(site, "en/timeline").select_one(".archive-timeline > li")
    assert item.time["datetime"] == "2023-08-27"
    assert "part of the date inferred: year 2023 from the source's date (2023-08-30)" in item.get_text(" ", strip=True)
    # the Arabic page says how too, in Arabic and in view (no tooltip a phone cannot show)
    assert page(site, "timeline").select_one(".archive-inferred").get_text(strip=True) == \
        "(جزء من التاريخ مستنتج من السياق: السنة 2023 من تاريخ المصدر (2023-08-30))"


def test_an_organisations_description_is_on_its_page_in_both_languages_and_in_the_open_data(archive):
    registry = archive.data_dir / "organisations.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "- id: dez-24\n  ar: دير الزور 24\n  en: Deir ez-Zor 24\n"
                        "  en_source: organisation\n  description: {en: A local news network., ar: شبكة أخبار محلية.}\n",
                        encoding="utf-8")
    write_source(archive, "s", front_matter() + "نص.\n")
    site = build_site(archive)
    assert "A local news network." in page(site, "en/organisations/dez-24").select_one(".archive-names").get_text()
    assert "شبكة أخبار محلية." in page(site, "organisations/dez-24").select_one(".archive-names").get_text()
    data = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert {o["id"]: o["description"] for o in data["organisations"]}["dez-24"] == {
        "en": "A local news network.", "ar": "شبكة أخبار محلية."}


def test_arabic_pages_separate_clauses_with_arabic_punctuation(seed_site):
    notes = " ".join(n.get_text() for n in page(seed_site, "demands/from").select(".archive-note"))
    assert "؛ " in notes and "; " not in notes


def test_only_actors_someone_addresses_get_a_page_of_demands_addressed_to_them(seed_site):
    """At 1,000 sources 64 actors per language had an empty page of demands, listed in the sitemap."""
    pages = {p.name for p in (seed_site / "en/demands/to").iterdir() if p.is_dir()}
    listed = {a["href"].rstrip("/").split("/")[-1] for a in page(seed_site, "en/demands").select("li[id^=to-] a")}
    assert pages == listed and "erdogan" not in pages
    assert "demands/to/erdogan/" not in (seed_site / "sitemap.xml").read_text(encoding="utf-8")
