"""`add` on saved web pages and plain texts: what reaches the source, what is kept, what is refused."""
from __future__ import annotations

import hashlib
import socket

import pytest
import yaml

from build_tools.corpus import load_corpus
from build_tools.errors import ArchiveError
from build_tools.ingest import add_source
from build_tools.site import build_site

from .conftest import REPO, page

PAGE = REPO / "tests/fixtures/saved_page.html"


def meta_and_body(path):
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the HTML path tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_saved_page_gives_main_text_without_menus_comments_share_buttons_or_read_also(archive, offline):
    path, _ = add_source(archive, PAGE, "page", captured="2026-11-20")
    _, body = meta_and_body(path)
    assert body.split("\n")[0].startswith("قتل وجرح العشرات")  # the headline is the title, not paragraph 1
    assert "وطالبت العشائر في بيان مصور التحالف الدولي" in body
    for boilerplate in ("الرئيسية", "اقرأ أيضاً", "قسد تعتقل قائد", "شارك على", "تعليق من قارئ", "جميع الحقوق",
                        "alert("):
        assert boilerplate not in body


def test_saved_page_metadata_comes_from_the_page(archive, offline):
    path, found = add_source(archive, PAGE, "page", captured="2026-11-20")
    meta, _ = meta_and_body(path)
    assert meta["title"] == "اشتباكات في دير الزور بين قسد والعشائر" and meta["title_supplied"] is False
    assert (meta["author"], meta["publisher"], meta["url"]) == ("فريق التحرير", "موقع الخبر",
                                                                 "https://example.org/news/123")
    assert meta["date"] == "2023-08-30" and set(meta["date_note"]) == {"ar", "en"}
    assert found.source.date.iso() == "2023-08-30"


def test_the_original_is_kept_with_its_sha256_and_capture_date_and_checked_on_load(archive, offline):
    path, found = add_source(archive, PAGE, "page", url="https://example.org/saved", captured="2026-11-20")
    meta, _ = meta_and_body(path)
    kept = path.parent / "original.html"
    assert kept.read_bytes() == PAGE.read_bytes()
    assert meta["captured"] == {"file": "original.html", "sha256": hashlib.sha256(PAGE.read_bytes()).hexdigest(),
                                "date": "2026-11-20"}
    assert meta["url"] == "https://example.org/saved"  # --url wins over the page's canonical address
    assert found.source.captured.date.iso() == "2026-11-20"
    kept.write_bytes(PAGE.read_bytes() + b"<!-- changed -->")
    with pytest.raises(ArchiveError, match=r"^sources/page/source.md:\d+: captured: original.html does not match"):
        load_corpus(archive)


def test_page_shows_the_original_as_captured_and_never_publishes_the_html(archive, offline):
    add_source(archive, PAGE, "page", captured="2026-11-20")
    site = build_site(archive)
    sha = hashlib.sha256(PAGE.read_bytes()).hexdigest()
    for url, label in (("sources/page", "الأصل كما حُفظ"), ("en/sources/page", "Original as captured")):
        meta = page(site, url).select_one(".archive-meta").get_text(" ")
        assert label in meta and sha in meta
    assert not [p for p in site.rglob("*") if p.name == "original.html" or b"alert(1)" in
                (p.read_bytes() if p.is_file() else b"")]


def test_a_text_file_holding_html_goes_through_the_html_path(archive, tmp_path, offline):
    disguised = tmp_path / "article.txt"
    disguised.write_bytes(PAGE.read_bytes())
    path, _ = add_source(archive, disguised, "disguised", captured="2026-11-20")
    _, body = meta_and_body(path)
    assert "<p>" not in body and "الرئيسية" not in body and (path.parent / "original.html").exists()


def test_html_without_an_article_is_refused_and_leaves_nothing(archive, tmp_path, offline):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>صفحة</title></head><body><script>document.write('نص')</script></body></html>",
                     encoding="utf-8")
    with pytest.raises(ArchiveError, match="no article text found"):
        add_source(archive, empty, "empty")
    assert list(archive.sources_dir.iterdir()) == []


ARTICLE = ("<p>قتل وجرح العشرات في اشتباكات بين قوات سوريا الديمقراطية ومقاتلي العشائر العربية في ريف دير الزور "
           "الشرقي يوم 30 آب 2023، بحسب مصادر محلية تحدثت للموقع عن الاشتباكات.</p>"
           "<p>وطالبت العشائر في بيان مصور التحالف الدولي بالتدخل لإطلاق سراح المعتقلين.</p>")


def saved_page(tmp_path, body: str, head: str = "", name: str = "page.html", charset: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes((f'<!DOCTYPE html><html lang="ar"><head><meta charset="{charset}"><title>عنوان الخبر في الموقع'
                      f'</title>{head}</head><body><article>{body}</article><footer>© 2023 جميع الحقوق محفوظة</footer>'
                      '</body></html>').encode("utf-8"))
    return path


def test_a_page_dated_only_by_a_copyright_line_is_dated_from_its_text_not_1_january(archive, tmp_path, offline):
    path, found = add_source(archive, saved_page(tmp_path, ARTICLE), "page", captured="2023-09-10")
    meta, _ = meta_and_body(path)
    assert meta["date"] == "2023-08-30" and meta["date_note"]["en"].startswith("Guessed when the source was added")


def test_a_page_without_date_metadata_is_dated_by_its_dateline_not_by_the_sites_header(archive, tmp_path, offline):
    """Syrian outlets write Levantine month names (آب) that htmldate does not read; a site's header
    often shows the day the page was saved, before the headline."""
    header = '<header><span class="today-date">الأحد 10 أيلول 2023</span></header>'
    article = '<h1>اشتباكات في ريف دير الزور</h1><div class="post-date">الاثنين، 28 آب/اغسطس 2023</div>' + ARTICLE
    path = tmp_path / "dateline.html"
    path.write_text(f'<html lang="ar"><head><meta charset="utf-8"><title>خبر</title></head><body>{header}'
                    f'<article>{article}</article></body></html>', encoding="utf-8")
    made, found = add_source(archive, path, "dateline", captured="2023-09-10")
    meta, _ = meta_and_body(made)
    assert meta["date"] == "2023-08-28" and meta["date_note"]["en"] == "From the date shown with the article on the page."


def real_world_page(tmp_path, head: str, before: str = "", article: str = ARTICLE, after: str = ""):
    """A saved page built the way the outside walkthrough found real Arabic outlets built theirs."""
    path = tmp_path / "outlet.html"
    path.write_text(f'<html lang="ar"><head><meta charset="utf-8">{head}</head><body>{before}<article>{article}'
                    f'</article>{after}</body></html>', encoding="utf-8")
    return path


def test_an_article_published_after_local_midnight_keeps_the_date_its_page_shows(archive, tmp_path, offline):
    """Metadata in UTC puts it a day early (Sada El Balad): readers see and cite the local date."""
    page = real_world_page(tmp_path, '<title>خبر</title><meta property="article:published_time" '
                                     'content="2020-12-24T23:59:50+00:00">',
                           before='<h1>اشتباكات في ريف دير الزور</h1><div class="post-date">2020/12/25 - 1:59 صباحًا</div>')
    path, found = add_source(archive, page, "midnight", captured="2021-01-10")
    assert found.source.date.iso() == "2020-12-25"


def test_an_author_field_naming_a_logo_or_the_site_itself_is_left_empty(archive, tmp_path, offline):
    """Sputnik's author markup yields a logo's address; Akhbar El Yom's the site and its developer."""
    for n, author in enumerate(("Sputnik https://cdnarabic.img.ria.ru/i/logo.png", "Akhbarelyom; Heba Musa")):
        page = real_world_page(tmp_path, f'<title>خبر {n} - Akhbarelyom</title><meta name="author" content="{author}">'
                                         '<link rel="canonical" href="https://akhbarelyom.com/news/1">')
        path, found = add_source(archive, page, f"author-{n}", captured="2023-09-10")
        assert found.source.author is None, author
        path.parent.joinpath("original.html").unlink(), path.unlink(), path.parent.rmdir()
    page = real_world_page(tmp_path, '<title>خبر</title><meta name="author" content="ضحى عرفة">')
    assert add_source(archive, page, "person", captured="2023-09-10")[1].source.author.pick("ar")[0] == "ضحى عرفة"


def test_a_title_decorated_with_the_site_name_gives_the_headline_and_the_canonical_address_wins(
        archive, tmp_path, offline):
    """Almadenah News: "Site - headline" as title, and og:url on the server's bare IP address."""
    page = real_world_page(tmp_path, '<title>المدينة نيوز - اشتباكات عنيفة في ريف دير الزور الشرقي</title>'
                                     '<meta property="og:url" content="https://52.16.95.170/article/825076">'
                                     '<link rel="canonical" href="https://www.example.com/article/825076">',
                           before="<h1>اشتباكات عنيفة في ريف دير الزور الشرقي</h1>")
    path, found = add_source(archive, page, "decorated", captured="2023-09-10")
    meta, body = meta_and_body(path)
    assert meta["title"] == "اشتباكات عنيفة في ريف دير الزور الشرقي" and not meta["title_supplied"]
    assert meta["url"] == "https://www.example.com/article/825076"
    assert not body.startswith("اشتباكات عنيفة")  # the headline is not paragraph 1


def test_a_site_logo_in_an_h1_is_never_taken_for_the_headline(archive, tmp_path, offline):
    page = real_world_page(tmp_path, "<title>قصف على ذيبان في ريف دير الزور الشرقي - تلفزيون سوريا الإخباري</title>",
                           before='<header><h1 class="logo">تلفزيون سوريا الإخباري</h1><span class="date">الأحد 10 '
                                  'أيلول 2023</span></header><h1>قصف على ذيبان في ريف دير الزور الشرقي</h1>')
    path, found = add_source(archive, page, "logo", captured="2023-09-10")
    assert found.source.title == "قصف على ذيبان في ريف دير الزور الشرقي"
    assert found.source.date.iso() == "2023-08-30"  # from the text: the header's day is not the article's


def test_a_lead_printed_above_the_article_body_is_kept(archive, tmp_path, offline):
    """Sputnik prints its lead (also the page's description) outside the article's body."""
    lead = "أعلنت مصادر محلية اليوم الثلاثاء مقتل خمسة مدنيين في قصف على بلدة ذيبان في ريف دير الزور الشرقي"
    page = tmp_path / "sputnik.html"
    page.write_text(f'<html lang="ar"><head><meta charset="utf-8"><title>خبر</title><meta name="description" '
                    f'content="{lead}"></head><body><div class="b-article"><h1>قصف على ذيبان</h1><div '
                    f'itemprop="description" class="b-article__lead"><p>{lead}</p></div><div itemprop="articleBody" '
                    f'class="b-article__text">{ARTICLE}</div></div></body></html>', encoding="utf-8")
    path, found = add_source(archive, page, "lead", captured="2023-09-10")
    assert found.source.paragraphs[0].text == lead and found.source.paragraphs[1].text.startswith("قتل وجرح")
    teaser = real_world_page(tmp_path, f'<title>خبر</title><meta name="description" content="{lead}">')
    assert add_source(archive, teaser, "teaser", captured="2023-09-10")[1].source.paragraphs[0].text != lead


def test_a_page_date_after_its_capture_is_not_taken_nor_accepted_by_check(archive, tmp_path, offline):
    later = '<meta property="article:published_time" content="2024-01-05T10:00:00+03:00">'
    path, found = add_source(archive, saved_page(tmp_path, ARTICLE, later), "page", captured="2023-09-10")
    assert found.source.date.iso() == "2023-08-30"  # from the text: the page cannot be newer than its capture
    text = path.read_text(encoding="utf-8")
    assert ("# date: the page's metadata gives 2024-01-05, after the day it was captured (2023-09-10): not used. "
            "If the page was saved later, add it again with --captured.") in text  # said, not silently dropped
    path.write_text(text.replace("date: '2023-08-30'", "date: '2023-09-11'"), encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"^sources/page/source.md:\d+: date 2023-09-11 is after the day the page "
                                           r"was captured \(2023-09-10\)$"):
        load_corpus(archive)


def test_a_date_after_the_day_a_source_was_added_is_refused(archive):
    path, _ = add_source(archive, REPO / "tests/fixtures/unseen_report.txt", "later")
    meta, _ = meta_and_body(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"date: '{meta['date']}'", "date: '2999-12-30'"), encoding="utf-8")
    with pytest.raises(ArchiveError, match=rf"^sources/later/source.md:\d+: date 2999-12-30 is after the day the "
                                           rf"source was added \({meta['added']}\)$"):
        load_corpus(archive)


def test_read_also_and_share_lines_inside_the_article_are_dropped_whatever_their_spelling(archive, tmp_path, offline):
    junk = ["اقرأ أيضًا: عشائر دير الزور تطالب التحالف الدولي بالتدخل", "شاهد أيضاً: فيديو من البصيرة",
            "طالع ايضا: الأمم المتحدة تدعو إلى ضبط النفس", "مواضيع ذات صلة: قسد تعتقل الخبيل",
            "لمتابعة آخر الأخبار تابعونا على قناة تلغرام", "شارك هذا الخبر على فيسبوك وتويتر"]
    news = "شارك مئات المتظاهرين في وقفة احتجاجية أمام مقر المجلس في بلدة ذيبان"  # "took part": news
    body = ARTICLE + "".join(f"<p>{line}</p>" for line in junk) + f"<p>{news}.</p>"
    path, found = add_source(archive, saved_page(tmp_path, body), "page", captured="2023-09-10")
    _, text = meta_and_body(path)
    assert not [line for line in junk if line.split(":")[0] in text] and news in text
    assert not [d for d in found.demands if "أيضًا" in d.paragraph.text]


def test_a_page_of_menus_only_is_refused_and_leaves_nothing(archive, tmp_path, offline):
    menus = saved_page(tmp_path, "<p>الرئيسية</p><p>مجازر</p><p>تقارير</p>")
    with pytest.raises(ArchiveError, match=r"no article text found in this HTML page \(\d words"):
        add_source(archive, menus, "menus", captured="2023-09-10")
    assert list(archive.sources_dir.iterdir()) == []


def test_a_page_that_is_only_a_comment_is_refused_in_one_line(archive, tmp_path, offline):
    page = tmp_path / "comment.html"
    page.write_bytes(b"<!-- <html><body>saved by a broken tool</body></html> -->")
    with pytest.raises(ArchiveError, match="no article text found"):
        add_source(archive, page, "comment", captured="2023-09-10")
    assert list(archive.sources_dir.iterdir()) == []


@pytest.mark.parametrize("damage, message", [
    (lambda data: data.replace("قتل".encode(), b"\x00\x01"), "contains NUL bytes"),
    (lambda data: data.replace("قتل".encode(), b"\xff\xfe\xff"), "bytes that are not text in the page's character"),
])
def test_a_damaged_page_is_refused_and_leaves_nothing(archive, tmp_path, offline, damage, message):
    path = saved_page(tmp_path, ARTICLE)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ArchiveError, match=message):
        add_source(archive, path, "damaged", captured="2023-09-10")
    assert list(archive.sources_dir.iterdir()) == []


def test_the_same_page_or_address_is_not_added_twice(archive, tmp_path, offline):
    add_source(archive, PAGE, "page", captured="2026-11-20")
    copy = tmp_path / "copy.html"
    copy.write_bytes(PAGE.read_bytes())
    with pytest.raises(ArchiveError, match=r"^.*copy.html: sources/page already holds this very file"):
        add_source(archive, copy, "again", captured="2026-11-20")
    other = saved_page(tmp_path, ARTICLE)  # another capture, given the first one's address
    with pytest.raises(ArchiveError, match=r"sources/page already holds the address https://example.org/news/123"):
        add_source(archive, other, "other", url="https://example.org/news/123", captured="2023-09-10")
    assert sorted(p.name for p in archive.sources_dir.iterdir()) == ["page"]
    text = REPO / "tests/fixtures/unseen_report.txt"
    add_source(archive, text, "report")
    with pytest.raises(ArchiveError, match=r"sources/report already holds this text"):
        add_source(archive, text, "report-again")


@pytest.mark.parametrize("captured, message", [("2023-13-45", "--captured 2023-13-45: not a day written YYYY-MM-DD"),
                                               ("2999-01-01", "--captured 2999-01-01: a day after today")])
def test_a_bad_capture_date_is_refused_naming_the_option(archive, captured, message):
    with pytest.raises(ArchiveError, match=message) as refused:
        add_source(archive, PAGE, "page", captured=captured)
    assert "source.md" not in str(refused.value) and list(archive.sources_dir.iterdir()) == []


@pytest.mark.parametrize("first, author", [("حوار: آسيا العتروس", "آسيا العتروس"), ("كتبت أسماء نصار", "أسماء نصار"),
                                           ("كتب التحالف الدولي في بيانه أن الوضع هادئ", None)])
def test_a_byline_opening_the_text_names_its_author(archive, tmp_path, first, author):
    raw = tmp_path / "byline.txt"
    raw.write_text(f"حوار مع ناشط سوداني\n{first}\nما الذي يحدث في السودان؟\n", encoding="utf-8")
    _, found = add_source(archive, raw, "byline")
    assert (found.source.author.pick("ar")[0] if found.source.author else None) == author


def test_a_headline_pasted_twice_in_a_text_is_kept_once(archive, tmp_path):
    raw = tmp_path / "twice.txt"
    raw.write_text("اشتباكات في ريف دير الزور\nاشتباكات في ريف دير الزور\nقتل وجرح العشرات في الاشتباكات.\n",
                   encoding="utf-8")
    _, found = add_source(archive, raw, "twice")
    assert found.source.title == "اشتباكات في ريف دير الزور"
    assert [p.text for p in found.source.paragraphs] == ["قتل وجرح العشرات في الاشتباكات."]


def test_a_written_hijri_date_dates_an_added_text(archive, tmp_path):
    raw = tmp_path / "hijri.txt"
    raw.write_text("بيان العشائر\nصدر هذا البيان يوم 17 صفر 1445 هـ في ريف دير الزور الشرقي.\n", encoding="utf-8")
    path, found = add_source(archive, raw, "hijri")
    assert found.source.date.iso() == "2023-09-02"


def test_a_bad_url_is_refused_before_anything_is_written(archive):
    with pytest.raises(ArchiveError, match="--url: address 'javascript:alert' is not an http"):
        add_source(archive, PAGE, "page", url="javascript:alert")
    assert list(archive.sources_dir.iterdir()) == []


def test_a_long_lead_sentence_is_never_the_title(archive, tmp_path):
    lead = ("قتل وجرح العشرات بينهم مدنيون اليوم من جراء الاشتباكات بين قوات سوريا الديمقراطية ومقاتلي "
            "العشائر في ريف دير الزور الشرقي بحسب ما أفادت مصادر محلية للموقع")
    raw = tmp_path / "lead.txt"
    raw.write_text(lead + "\nوأعلنت العشائر النفير العام.\n", encoding="utf-8")
    path, found = add_source(archive, raw, "lead")
    meta, body = meta_and_body(path)
    assert meta["title_supplied"] is True and meta["title"].endswith("…") and len(meta["title"].split()) == 8
    assert body.startswith(lead)  # nothing of the text is lost
    assert found.source.title_supplied


def test_a_headline_becomes_the_title_and_is_not_repeated_as_paragraph_one(archive):
    path, found = add_source(archive, REPO / "tests/fixtures/unseen_report.txt", None)
    assert found.source.title == "المبعوث الأمريكي يلتقي وجهاء العشائر في ديرالزور"
    assert found.source.paragraphs[0].text.startswith("وصل المبعوث الأمريكي")


def test_date_notes_have_language_keys_and_no_markup(archive):
    path, found = add_source(archive, REPO / "tests/fixtures/unseen_report.txt", None)
    meta, _ = meta_and_body(path)
    assert set(meta["date_note"]) == {"ar", "en"}
    assert not any(c in text for text in meta["date_note"].values() for c in "`*_<>")
    assert found.source.date_note.pick("ar") == (meta["date_note"]["ar"], "ar")


def test_an_added_source_is_dated_added_today_and_its_notes_speak_to_readers(archive):
    """The feeds list sources by their ``added`` day; a date note is shown on the page, so it says
    how the date was found, not what the maintainer should do (the file's header says that)."""
    import datetime as dt

    path, found = add_source(archive, REPO / "tests/fixtures/unseen_report.txt", None)
    meta, _ = meta_and_body(path)
    assert meta["added"] == dt.date.today().isoformat()
    assert not any("Review" in text or "للمراجعة" in text for text in meta["date_note"].values())
    site = build_site(archive)
    assert found.source.id in (site / "en/feed.xml").read_text(encoding="utf-8")


def test_an_untranslated_title_on_the_english_page_says_its_translation_is_pending(archive):
    path, found = add_source(archive, REPO / "tests/fixtures/unseen_report.txt", None)
    english = page(build_site(archive), f"en/sources/{found.source.id}")
    heading = english.select_one(".archive-source h1")
    assert heading.select_one("bdi")["lang"] == "ar" and "Translation pending" in heading.get_text()
    assert english.select_one(".archive-original-title") is None  # not the same Arabic twice


def test_check_shows_each_candidate_with_its_evidence_and_context_line(archive, monkeypatch, capsys):
    from build_tools.cli import main
    add_source(archive, REPO / "tests/fixtures/unseen_report.txt", None)
    monkeypatch.chdir(archive.root)
    assert main(["check"]) == 0
    err = capsys.readouterr().err.splitlines()
    i = err.index("warning: sources/unseen-report/source.md:22: possible name not in the registry: "
                  "حاجم البشير (after the title الشيخ)")
    assert err[i + 1] == "    in: وأكد الشيخ [حاجم البشير] أن أبناء المنطقة يريدون إدارة مناطقهم بأنفسهم."
