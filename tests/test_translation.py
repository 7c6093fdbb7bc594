"""Offline machine translation, for real: tiny Argos packages built here (toy_model.py), installed
and checked by our installer, run through the build and the CLI on sources without translation."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import zipfile
from functools import partial
from pathlib import Path
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

import build_tools.translate as translate_module
from build_tools import cli
from build_tools.corpus import load_corpus
from build_tools.errors import ArchiveError
from build_tools.memory import MEMORY_FILE
from build_tools.project import Project
from build_tools.site import build_site
from build_tools.sources import segment_key
from build_tools.translate import engine as engine_module
from build_tools.translate.install import install_from_file
from build_tools.translate.toy_model import CHAIN_OUTPUT, DEFECTS, broken_copy, build_chain_package

from .conftest import front_matter, page, write_source

# Two paragraphs: three sentences (one naming the SDF, to be protected), then one (؛ joins clauses).
TEXT = "أعلنت قسد بدء الحملة. قال المصدر، دون تفاصيل، إن العملية مستمرة؟ نعم!\nانتهى الاجتماع؛ ولم يصدر بيان.\n"
FIRST, SECOND = TEXT.splitlines()


@pytest.fixture(scope="session")
def package_file(tmp_path_factory):
    return build_chain_package(tmp_path_factory.mktemp("argos-package"))


@pytest.fixture
def model(package_file, tmp_path, monkeypatch):
    """The tiny package installed by our installer into this test's own folder; yields the list
    of sentence streams the engine was asked to translate."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    installed = install_from_file(package_file)
    assert (tmp_path / "argos-packages" / installed.package_path.name / "model" / "model.bin").is_file()
    calls: list[list[str]] = []
    original = engine_module.ArgosEngine.stream

    def counting(self, sentences):
        calls.append(list(sentences))
        return original(self, calls[-1])
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", counting)
    return calls


def memory_of(project: Project, folder: str) -> dict:
    return yaml.safe_load((project.sources_dir / folder / MEMORY_FILE).read_text(encoding="utf-8"))


def with_memory(project: Project, entries: list[dict], folder: str = "new") -> None:
    (project.sources_dir / folder / MEMORY_FILE).write_text(yaml.safe_dump(
        {"source": folder, "entries": entries}, allow_unicode=True), encoding="utf-8")


def maintainer_entry(arabic: str, english: str) -> dict:
    return {"key": segment_key(arabic), "ar": arabic, "en": english, "origin": "maintainer",
            "translator": "R. Reviewer", "date": "2026-01-01"}


def machine_entry(arabic: str, english: str, model: str = "translate-ar_en 0.0-old", **extra) -> dict:
    return {"key": segment_key(arabic), "ar": arabic, "en": english, "origin": "machine",
            "engine": "Argos Translate", "model": model, "date": "2026-01-01", **extra}


def english_paragraphs(site, source_id):
    return page(site, f"en/sources/{source_id}").select(".archive-text [data-origin]")


def run_cli(archive, env, *args):
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=archive.root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_build_translates_a_new_source_sentence_by_sentence(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    site = build_site(archive)
    paragraphs = english_paragraphs(site, "new")
    assert [p["data-origin"] for p in paragraphs] == ["machine", "machine"]
    texts = [p.get_text(" ", strip=True).split(" ", 1)[1] for p in paragraphs]
    assert texts == [" ".join([CHAIN_OUTPUT] * 3), CHAIN_OUTPUT]
    assert {p["data-model"] for p in paragraphs} == {"translate-ar_en 0.0-test"}
    summary = page(site, "en/sources/new").select_one(".archive-provenance").get_text(" ", strip=True)
    assert "Machine translation by Argos Translate (argos-translate-lt" in summary
    assert "model translate-ar_en 0.0-test" in summary and "not reviewed" in summary
    entries = memory_of(archive, "new")["entries"]
    assert {e["origin"] for e in entries} == {"machine"} and not any("truncated" in e for e in entries)
    # One stream for the whole source (title + 4 sentences), then one retry for the sentence
    # whose protected name the tiny model does not copy through.
    assert [len(stream) for stream in model] == [5, 1]
    assert memory_of(archive, "new")["entries"][1]["en"].startswith(CHAIN_OUTPUT)


def test_all_sources_go_to_the_engine_in_one_stream(archive, model):
    for n in range(3):
        write_source(archive, f"s{n}", front_matter(id=f"s{n}", date=f"2023-0{n + 1}") + "نص قصير.\nونص آخر.\n")
    build_site(archive)
    assert [len(stream) for stream in model] == [9]  # 3 sources x (title + 2 paragraphs)


def test_second_build_sends_nothing_to_the_engine(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    build_site(archive)
    sent = len(model)
    before = (archive.sources_dir / "new" / MEMORY_FILE).read_bytes()
    build_site(archive)
    assert len(model) == sent
    assert (archive.sources_dir / "new" / MEMORY_FILE).read_bytes() == before


def test_maintainer_text_survives_and_mixed_pages_label_each_paragraph(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with_memory(archive, [maintainer_entry(FIRST, "Our own words.")])
    site = build_site(archive)
    paragraphs = english_paragraphs(site, "new")
    assert [p["data-origin"] for p in paragraphs] == ["maintainer", "machine"]
    assert "Our own words." in paragraphs[0].get_text()
    assert [b.get_text() for b in page(site, "en/sources/new").select(".archive-text .archive-badge")] == [
        "Maintainers' translation", "Machine translation (translate-ar_en 0.0-test)"]
    assert model and all(FIRST not in s for stream in model for s in stream)


@pytest.mark.parametrize("reviewed", [maintainer_entry(FIRST, "Reviewed words."),
                                      machine_entry(FIRST, "Reviewed words.", reviewed_by="R. Reviewer")])
def test_reviewed_english_of_a_changed_paragraph_stays_labelled_as_of_an_earlier_version(archive, model, reviewed):
    edited = FIRST.replace("الحملة", "الحمله")  # one letter
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(FIRST, edited))
    with_memory(archive, [reviewed])
    site = build_site(archive)
    entry = next(e for e in memory_of(archive, "new")["entries"] if e["ar"] == edited)
    assert {k: v for k, v in entry.items() if k not in ("key", "ar", "translates_earlier", "proposal")} == {
        k: v for k, v in reviewed.items() if k not in ("key", "ar")}
    assert entry["translates_earlier"]["ar"] == FIRST
    assert entry["proposal"]["en"] == CHAIN_OUTPUT + " " + " ".join([CHAIN_OUTPUT] * 2)
    assert entry["proposal"]["model"] == "translate-ar_en 0.0-test"
    shown = english_paragraphs(site, "new")[0]
    assert shown["data-origin"] == reviewed["origin"].replace("machine", "reviewed")
    assert "Reviewed words." in shown.get_text() and CHAIN_OUTPUT not in shown.get_text()
    noticed = entry["translates_earlier"]["noticed"]
    assert f"Translation of an earlier version of this paragraph: the Arabic changed on {noticed}" in shown.get_text()
    checked = subprocess.run([sys.executable, "-m", "build_tools", "check"], cwd=archive.root,
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0
    assert "translation.en.yaml:" in checked.stderr and "outdated: this" in checked.stderr
    # The Arabic changed back: the reviewed English is current again, without a proposal.
    write_source(archive, "new", front_matter(id="new") + TEXT)
    build_site(archive)
    entry = next(e for e in memory_of(archive, "new")["entries"] if e["ar"] == FIRST)
    assert entry == reviewed


def test_without_a_model_reviewed_english_of_a_changed_paragraph_is_still_shown_as_of_an_earlier_version(
        archive, caplog):
    edited = FIRST.replace("الحملة", "الحمله")
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(FIRST, edited))
    with_memory(archive, [maintainer_entry(FIRST, "Reviewed words.")])
    with caplog.at_level(logging.WARNING, logger="build_tools"):
        shown = english_paragraphs(build_site(archive), "new")
    assert "1 reviewed translation of an earlier version of its paragraph, shown labelled so; `python -m " \
           "build_tools check` lists them" in caplog.text  # every build says so, a publishing one too
    assert [p["data-origin"] for p in shown] == ["maintainer", "pending"]
    assert "Reviewed words." in shown[0].get_text() and "earlier version" in shown[0].get_text()
    entry = memory_of(archive, "new")["entries"][0]
    assert entry["ar"] == edited and entry["translates_earlier"]["ar"] == FIRST and "proposal" not in entry


def test_mkdocs_on_its_own_previews_reviewed_english_of_a_changed_paragraph_as_a_build_shows_it(archive):
    """make serve runs no translate step: it must not show "Translation pending" where the build will
    show the maintainer's English of the earlier version; and it writes no memory."""
    edited = FIRST.replace("الحملة", "الحمله")
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(FIRST, edited))
    with_memory(archive, [maintainer_entry(FIRST, "Reviewed words.")])
    memory = archive.sources_dir / "new" / MEMORY_FILE
    before = memory.read_bytes()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=archive.root, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    shown = english_paragraphs(archive.root / "site", "new")
    assert [p["data-origin"] for p in shown] == ["maintainer", "pending"]
    assert "Reviewed words." in shown[0].get_text() and "earlier version" in shown[0].get_text()
    assert memory.read_bytes() == before


def test_check_names_reviewed_english_made_outdated_by_an_edit_before_any_build(archive):
    """A maintainer edits the Arabic and runs check: the warning is due now, not after a build."""
    edited = FIRST.replace("الحملة", "الحمله")
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(FIRST, edited))
    with_memory(archive, [machine_entry(FIRST, "Reviewed words.", reviewed_by="R. Reviewer")])
    memory = archive.sources_dir / "new" / MEMORY_FILE
    before = memory.read_bytes()
    checked = subprocess.run([sys.executable, "-m", "build_tools", "check"], cwd=archive.root,
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr
    warning = [line for line in checked.stderr.splitlines() if "outdated" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: sources/new/translation.en.yaml:")
    assert "the next build moves it to the new Arabic" in warning[0] and "set origin: maintainer" in warning[0]
    assert memory.read_bytes() == before  # check writes nothing


def test_check_names_a_machine_proposal_left_after_its_english_was_updated(archive):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    proposal = {"en": "Machine words.", "engine": "Argos Translate", "model": "translate-ar_en 0.0-test"}
    with_memory(archive, [{**maintainer_entry(FIRST, "Updated words."), "proposal": proposal}])
    checked = subprocess.run([sys.executable, "-m", "build_tools", "check"], cwd=archive.root,
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr
    assert [line for line in checked.stderr.splitlines() if "proposal" in line] == [
        "warning: sources/new/translation.en.yaml:2: a machine proposal is left without translates_earlier: 'en' "
        "translates the current Arabic, so delete the proposal"]


def test_unreviewed_machine_text_of_a_changed_paragraph_is_replaced_and_kept_as_previous(archive, model):
    edited = FIRST.replace("الحملة", "الحملة الأمنية")
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(FIRST, edited))
    with_memory(archive, [machine_entry(FIRST, "Old machine words.")])
    build_site(archive)
    entry = next(e for e in memory_of(archive, "new")["entries"] if e["ar"] == edited)
    assert entry["origin"] == "machine" and entry["en"].startswith(CHAIN_OUTPUT)
    assert entry["previous"]["en"] == "Old machine words." and entry["previous"]["ar"] == FIRST


def test_without_a_model_the_build_warns_and_strict_refuses(archive, caplog):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with caplog.at_level(logging.WARNING, logger="build_tools"):
        site = build_site(archive)
    assert "no English for 3 segments of 1 source (new) and no ar->en model is installed" in caplog.text
    assert {p["data-origin"] for p in english_paragraphs(site, "new")} == {"pending"}
    built = (site / "en/sources/new/index.html").read_bytes()
    with pytest.raises(ArchiveError, match=r"^sources: no English for 3 segments of 1 source \(new\)"):
        build_site(archive, strict=True)
    assert (site / "en/sources/new/index.html").read_bytes() == built


def test_a_page_of_machine_text_from_two_models_names_each_paragraphs_model(archive):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with_memory(archive, [machine_entry("عنوان", "Title.", model="m 1"), machine_entry(FIRST, "One.", model="m 1"),
                          machine_entry(SECOND, "Two.", model="m 2")])
    site = build_site(archive)
    assert [b.get_text() for b in page(site, "en/sources/new").select(".archive-text .archive-badge")] == [
        "Machine translation (m 1)", "Machine translation (m 2)"]
    # the parallel view says the origin again where the model changes, naming it
    assert [b.get_text() for b in page(site, "en/sources/new/parallel").select("td[lang=en] .archive-badge")] == [
        "Machine translation (m 1)", "Machine translation (m 2)"]


def test_machine_english_is_labelled_where_it_leaves_the_page_link_previews_feed_and_open_data(archive):
    write_source(archive, "new", front_matter(id="new", added="2026-01-02") + TEXT)
    with_memory(archive, [machine_entry("عنوان", "Title."), machine_entry(FIRST, "One.", truncated=True),
                          machine_entry(SECOND, "Two.")])
    site = build_site(archive)
    english = page(site, "en/sources/new")
    assert english.select_one('meta[name="description"]')["content"] == "Machine translation: One."
    feed = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert "<summary>Machine translation: One.</summary>" in feed
    record = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))["sources"][0]
    assert (record["title_en_origin"], record["title_en_model"]) == ("machine", "translate-ar_en 0.0-old")
    first = record["paragraphs"][0]
    assert (first["en_origin"], first["en_model"], first["en_truncated"]) == ("machine", "translate-ar_en 0.0-old", True)


def test_interrupted_run_keeps_what_was_finished_and_resumes(archive, model, monkeypatch):
    write_source(archive, "a", front_matter(id="a", date="2023-01") + "نص أول.\n")
    write_source(archive, "b", front_matter(id="b", date="2023-02") + "نص ثان.\n")
    working = engine_module.ArgosEngine.stream

    def interrupted_after_three(self, sentences):
        for n, output in enumerate(working(self, sentences)):
            if n == 3:
                raise KeyboardInterrupt
            yield output
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", interrupted_after_three)
    corpus = load_corpus(archive)
    with pytest.raises(KeyboardInterrupt):
        translate_module.translate_corpus(corpus, engine_module.find_engine())
    assert len(memory_of(archive, "a")["entries"]) == 2  # a: title and text, finished
    assert [e["ar"] for e in memory_of(archive, "b")["entries"]] == ["عنوان"]  # b: its title only
    assert not [p for p in (archive.sources_dir / "b").iterdir() if p.name.startswith(".")]
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", working)
    calls_before = len(model)
    build_site(archive)
    assert [s for stream in model[calls_before:] for s in stream] == ["نص ثان."]


def test_a_memory_edited_by_hand_while_translate_runs_is_not_overwritten(archive, model, monkeypatch):
    """A maintainer corrects a memory during a long run: the run saves the other memories and says
    in one line that this one was left alone, instead of writing its own copy over the correction."""
    write_source(archive, "a", front_matter(id="a", date="2023-01") + "نص أول.\n")
    write_source(archive, "b", front_matter(id="b", date="2023-02") + "نص ثان.\n")
    with_memory(archive, [maintainer_entry("عنوان", "Title.")], folder="a")
    corpus = load_corpus(archive)
    working = engine_module.ArgosEngine.stream
    corrected = {**maintainer_entry("عنوان", "A corrected title."), "date": "2026-01-02"}

    def edited_meanwhile(self, sentences):
        with_memory(archive, [corrected], folder="a")  # saved by hand while the engine works
        yield from working(self, sentences)
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", edited_meanwhile)
    with pytest.raises(ArchiveError, match=r"^sources/a/translation.en.yaml: edited while this run was translating: "
                                           r"not overwritten"):
        translate_module.translate_corpus(corpus, engine_module.find_engine())
    assert memory_of(archive, "a")["entries"] == [corrected]
    assert [e["ar"] for e in memory_of(archive, "b")["entries"]] == ["عنوان", "نص ثان."]  # the others are saved


def test_an_interrupted_run_keeps_segments_whose_names_went_again_without_placeholders(archive, model, monkeypatch):
    """The tiny model never copies a name placeholder, so the sentence naming قسد goes to the engine
    twice; the second time is in the next block, not after the whole run, so an interrupt later on
    keeps it (it used to wait for every other sentence of the run first)."""
    monkeypatch.setattr(translate_module, "BLOCK_BATCHES", 1)
    write_source(archive, "a", front_matter(id="a", date="2023-01") + "أعلنت قسد بدء الحملة.\n")
    for n in range(8):
        write_source(archive, f"s{n}", front_matter(id=f"s{n}", date=f"2023-0{2 + n % 7}") + f"نص رقم {n}.\n")
    engine = engine_module.find_engine()
    block = engine_module.BATCH_SENTENCES * engine.workers
    working, seen = engine_module.ArgosEngine.stream, []

    def interrupted_in_the_second_block(self, sentences):
        for output in working(self, sentences):
            seen.append(output)
            if len(seen) == block + 3:  # the first block, the retry that opens the second, then two more
                raise KeyboardInterrupt
            yield output
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", interrupted_in_the_second_block)
    with pytest.raises(KeyboardInterrupt):
        translate_module.translate_corpus(load_corpus(archive), engine)
    entries = memory_of(archive, "a")["entries"]
    assert [(e["ar"], e["en"]) for e in entries] == [("عنوان", CHAIN_OUTPUT), ("أعلنت قسد بدء الحملة.", CHAIN_OUTPUT)]


def test_translate_checks_every_source_but_extracts_nothing(archive, model, monkeypatch, capsys):
    """Translation needs the sources, memories and registry, not what extraction finds in them."""
    import build_tools.corpus as corpus_module

    write_source(archive, "new", front_matter(id="new") + TEXT)
    monkeypatch.chdir(archive.root)

    def no_extraction(*args):
        raise AssertionError("translate extracted a source")
    monkeypatch.setattr(corpus_module, "extract", no_extraction)
    assert cli.main(["translate"]) == 0
    assert "3 segments translated" in capsys.readouterr().out
    write_source(archive, "bad", front_matter(id="bad", kind="no-such-kind") + TEXT)
    assert cli.main(["translate"]) == 1
    assert "sources/bad/source.md" in capsys.readouterr().err


def test_a_translate_run_waits_for_the_build_or_run_in_progress(archive, package_file, tmp_path):
    """Two runs at once did the same work, and the second, finding the memory saved by the first,
    refused to save its own ('edited while this run was translating')."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    write_source(archive, "new", front_matter(id="new") + TEXT)
    (archive.root / "build").mkdir(exist_ok=True)
    held = os.open(archive.root / "build" / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a build in progress holds it
    try:
        run = subprocess.Popen([sys.executable, "-m", "build_tools", "translate"], cwd=archive.root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert "another build or translate run of this archive is running; waiting" in run.stderr.readline()
        assert run.poll() is None and not (archive.sources_dir / "new" / MEMORY_FILE).exists()
    finally:
        os.close(held)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0 and "3 segments translated" in out, err
    assert len(memory_of(archive, "new")["entries"]) == 3
    held = os.open(archive.root / "build" / ".lock", os.O_RDWR)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:  # Ctrl-C while waiting: nothing was done, and it says so
        run = subprocess.Popen([sys.executable, "-m", "build_tools", "translate", "--refresh"], cwd=archive.root,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert "waiting" in run.stderr.readline()
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    finally:
        os.close(held)
    assert run.returncode == 130 and err.strip().splitlines() == [
        "interrupted: nothing was changed: it was still waiting for the other run"]


def test_ctrl_c_is_one_line_and_a_non_zero_exit(archive, model, monkeypatch, capsys):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    monkeypatch.chdir(archive.root)

    def interrupted(self, sentences):
        raise KeyboardInterrupt
        yield
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", interrupted)
    assert cli.main(["translate"]) == 130
    assert capsys.readouterr().err.strip().splitlines() == [
        "interrupted: what was finished is saved; run the same command again to continue"]


def press_ctrl_c_at_every_save(monkeypatch) -> None:
    """Ctrl-C (a real SIGINT to this process) as each translation memory starts being written."""
    from build_tools.memory import TranslationMemory

    save = TranslationMemory.save

    def pressed(self):
        os.kill(os.getpid(), signal.SIGINT)
        save(self)
    monkeypatch.setattr(TranslationMemory, "save", pressed)


def interrupted_translate(capsys) -> list[str]:
    """The error lines of ``translate`` run as the command line runs it (with its own Ctrl-C
    handling), which must end interrupted."""
    try:
        assert cli.main(["translate"]) == 130
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # main's handler would outlive the test
    return capsys.readouterr().err.strip().splitlines()


def test_a_second_ctrl_c_does_not_cut_short_the_saving_of_the_first(archive, model, monkeypatch, capsys):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    monkeypatch.chdir(archive.root)
    stream = engine_module.ArgosEngine.stream

    def ctrl_c_after_the_title(self, sentences):
        yield from stream(self, list(sentences)[:1])
        os.kill(os.getpid(), signal.SIGINT)
    monkeypatch.setattr(engine_module.ArgosEngine, "stream", ctrl_c_after_the_title)
    press_ctrl_c_at_every_save(monkeypatch)
    assert interrupted_translate(capsys) == [
        "interrupted: what was finished is saved; run the same command again to continue"]
    assert [e["ar"] for e in memory_of(archive, "new")["entries"]] == ["عنوان"]


def test_ctrl_c_while_the_memories_are_saved_takes_effect_once_they_are(archive, model, monkeypatch, capsys):
    """The closing save is not retried: a Ctrl-C there lost every segment of the run (a memory of
    4,000 entries takes 1.5 s to write), while the message said they were saved."""
    write_source(archive, "new", front_matter(id="new") + TEXT)
    monkeypatch.chdir(archive.root)
    press_ctrl_c_at_every_save(monkeypatch)
    assert interrupted_translate(capsys) == [
        "interrupted: what was finished is saved; run the same command again to continue"]
    assert len(memory_of(archive, "new")["entries"]) == 3


def test_ctrl_c_during_model_install_says_nothing_was_installed(archive, package_file, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(archive.root)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("build_tools.translate.install._check_package", interrupted)
    assert cli.main(["model", "install", "--from", str(package_file)]) == 130
    assert capsys.readouterr().err.strip().splitlines() == ["interrupted: nothing was installed"]
    assert not (tmp_path / "pk").exists()


def test_machine_output_never_leaks_placeholders(archive, model):
    write_source(archive, "new", front_matter(id="new") + "قال أبو خولة إن قسد انسحبت.\n")
    build_site(archive)
    assert "QAQ" not in str(memory_of(archive, "new"))


def test_long_sentence_is_translated_in_clauses_and_joined(archive, model, monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_INPUT_TOKENS", 6)
    # The tiny model's word tokenizer makes one token of unknown Arabic; count words instead, as
    # a real subword tokenizer counts at least one token per word.
    monkeypatch.setattr(engine_module.ArgosEngine, "tokens", lambda self, text: len(text.split()))
    long = "أولاً كلمة كلمة كلمة، ثانياً كلمة كلمة كلمة؛ ثالثاً كلمة كلمة كلمة."
    write_source(archive, "new", front_matter(id="new") + long + "\n")
    build_site(archive)
    assert model[0][1:] == ["أولاً كلمة كلمة كلمة،", "ثانياً كلمة كلمة كلمة؛", "ثالثاً كلمة كلمة كلمة."]
    entry = memory_of(archive, "new")["entries"][1]
    assert entry["en"] == " ".join([CHAIN_OUTPUT] * 3) and "truncated" not in entry


def test_output_cut_at_the_decoding_limit_is_flagged_in_memory_page_and_check(archive, model, monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_DECODING_TOKENS", 4)
    write_source(archive, "new", front_matter(id="new") + "نص قصير.\n")
    site = build_site(archive)
    entry = memory_of(archive, "new")["entries"][1]
    assert entry["truncated"] is True and len(entry["en"].split()) < len(CHAIN_OUTPUT.split())
    shown = english_paragraphs(site, "new")[0]
    assert "may be incomplete" in shown.select_one(".archive-note--truncated").get_text()
    checked = subprocess.run([sys.executable, "-m", "build_tools", "check"], cwd=archive.root,
                             capture_output=True, text=True, timeout=300)
    assert "machine translation looks truncated" in checked.stderr


def test_a_cut_off_machine_proposal_beside_reviewed_english_is_listed_by_check(archive, model, monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_DECODING_TOKENS", 4)
    write_source(archive, "new", front_matter(id="new") + "نص قصير.\n")
    with_memory(archive, [maintainer_entry("نص قصير.", "Short text.")])
    write_source(archive, "new", front_matter(id="new") + "نص قصير جداً.\n")
    build_site(archive)
    entry = memory_of(archive, "new")["entries"][1]
    assert entry["en"] == "Short text." and entry["proposal"]["truncated"] is True
    checked = subprocess.run([sys.executable, "-m", "build_tools", "check"], cwd=archive.root,
                             capture_output=True, text=True, timeout=300)
    assert "the machine proposal looks truncated" in checked.stderr


def test_output_much_shorter_than_its_arabic_is_flagged(archive, model):
    long = " ".join(["كلمة"] * 20) + "."  # 20 words, under the token limit; the tiny model answers 8
    write_source(archive, "new", front_matter(id="new") + long + "\n")
    build_site(archive)
    assert memory_of(archive, "new")["entries"][1]["truncated"] is True


def test_refresh_retranslates_only_unreviewed_machine_entries_of_another_model(archive, model, tmp_path):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with_memory(archive, [machine_entry("عنوان", "Old title."), maintainer_entry(FIRST, "Our words."),
                          machine_entry(SECOND, "Checked.", reviewed_by="R. Reviewer")])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = (archive.sources_dir / "new" / MEMORY_FILE).read_bytes()
    dry = run_cli(archive, env, "translate", "--refresh", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip() == ("dry run with translate-ar_en 0.0-test: would translate 0 new segments, 0 "
                                  "proposals beside reviewed English of an earlier version, 1 unreviewed machine "
                                  "entry made by another model (1 by translate-ar_en 0.0-old); nothing written")
    assert run_cli(archive, env, "translate", "--dry-run").stdout.strip().endswith(
        "would translate 0 new segments, 0 proposals beside reviewed English of an earlier version; 1 unreviewed "
        "machine entry made by another model (1 by translate-ar_en 0.0-old) kept: --refresh translates them again; "
        "nothing written")
    assert (archive.sources_dir / "new" / MEMORY_FILE).read_bytes() == before
    assert run_cli(archive, env, "translate").stdout.strip().endswith("0 segments translated (0 sentences), "
                                                                      "3 reused, 0 pending")
    done = run_cli(archive, env, "translate", "--refresh")
    assert done.returncode == 0 and "1 refreshed" in done.stdout
    entries = {e["ar"]: e for e in memory_of(archive, "new")["entries"]}
    assert entries["عنوان"]["en"] == CHAIN_OUTPUT and entries["عنوان"]["model"] == "translate-ar_en 0.0-test"
    assert entries[FIRST]["en"] == "Our words." and entries[SECOND]["en"] == "Checked."
    assert entries["عنوان"]["previous"]["en"] == "Old title."  # an unmarked correction there would not be lost
    assert entries["عنوان"]["previous"]["model"] == "translate-ar_en 0.0-old"
    assert done.stdout.strip().endswith("0 segments translated, 1 refreshed (1 sentence), 2 reused, 0 pending")
    assert run_cli(archive, env, "translate", "--refresh", "--dry-run").stdout.strip() == (
        "dry run with translate-ar_en 0.0-test: would translate 0 new segments, 0 proposals beside reviewed English "
        "of an earlier version, no unreviewed machine entries made by another model; nothing written")


def test_a_dry_run_counts_what_the_run_would_translate_and_writes_nothing(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "translate", "--dry-run").stdout.strip() == (
        "dry run: every segment has English; nothing to translate, nothing written")
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with_memory(archive, [maintainer_entry(FIRST, "Our words.")])
    source = archive.sources_dir / "new" / "source.md"
    source.write_text(source.read_text(encoding="utf-8").replace(FIRST, FIRST + " أيضاً"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (archive.sources_dir / "new").iterdir()}
    no_model = run_cli(archive, env, "translate", "--dry-run")
    assert no_model.returncode == 0 and no_model.stdout.strip().startswith("dry run: 2 segments without English; "
                                                                           "no ar->en model is installed")
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    dry = run_cli(archive, env, "translate", "--dry-run")
    assert dry.stdout.strip() == ("dry run with translate-ar_en 0.0-test: would translate 2 new segments, 1 proposal "
                                  "beside reviewed English of an earlier version; nothing written")
    assert {p: p.read_bytes() for p in (archive.sources_dir / "new").iterdir()} == before
    done = run_cli(archive, env, "translate")
    assert "2 segments translated, 1 proposal (" in done.stdout and ", 1 reviewed translation of an earlier" in done.stdout


def test_cli_installs_the_model_reports_status_and_translates(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert "no ar->en model installed" in run_cli(archive, env, "model", "status").stdout
    assert run_cli(archive, env, "translate").returncode == 1
    installed = run_cli(archive, env, "model", "install", "--from", str(package_file))
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.strip() == (f"installed translate-ar_en (Arabic -> English), version 0.0-test in "
                                        f"{tmp_path / 'pk' / 'translate-ar_en-0.0-test'}")
    assert "in use: translate-ar_en (Arabic -> English), version 0.0-test" in run_cli(
        archive, env, "model", "status").stdout
    write_source(archive, "new", front_matter(id="new") + TEXT)
    result = run_cli(archive, env, "translate", "new")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("3 segments translated (6 sentences, 1 of them again without name "
                                          "placeholders), 0 reused, 0 pending")
    assert run_cli(archive, env, "translate", "no-such-source").returncode == 1
    assert load_corpus(archive).memories["new"].get(segment_key(SECOND)).origin == "machine"


def test_install_reports_the_package_just_installed_not_the_newest(archive, package_file, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    install_from_file(build_chain_package(tmp_path, package_version="9.9"))
    installed = install_from_file(package_file)
    assert installed.package_version == "0.0-test"
    assert [p.package_version for p in engine_module.installed_packages()] == ["9.9", "0.0-test"]
    again = run_cli(archive, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, "model", "install", "--from", str(package_file))
    assert again.stdout.splitlines()[1].startswith("not in use: translate uses the newest version, translate-ar_en "
                                                   "(Arabic -> English), version 9.9")


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_broken_package_is_refused_in_one_line_and_leaves_nothing(archive, package_file, tmp_path, defect):
    broken = broken_copy(package_file, tmp_path, defect)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    result = run_cli(archive, env, "model", "install", "--from", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {broken}: ") and len(result.stderr.strip().splitlines()) == 1
    # What is wrong with the file, not the path of the deleted staging folder or advice for an installed package
    assert ".install-" not in result.stderr and "remove the package folder" not in result.stderr
    assert not (tmp_path / "pk").exists()  # not even the packages folder the install would have made


def test_a_refused_package_leaves_the_installed_one_in_use(archive, package_file, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    install_from_file(package_file)
    with pytest.raises(ArchiveError, match="refused"):
        install_from_file(broken_copy(package_file, tmp_path, "corrupt model.bin"))
    assert [p.package_version for p in engine_module.installed_packages()] == ["0.0-test"]
    assert engine_module.find_engine().translate(["نص"])[0].text == CHAIN_OUTPUT


@pytest.mark.parametrize("what", ["missing.argosmodel", "."])
def test_installing_from_a_missing_file_or_a_folder_says_which(tmp_path, monkeypatch, what):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    with pytest.raises(ArchiveError, match="no such file|is not a file"):
        install_from_file(tmp_path / what)


def test_a_file_that_is_not_an_argos_package_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    bogus = tmp_path / "x.argosmodel"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError, match="not an Argos package"):
        install_from_file(bogus)


def test_install_without_a_file_offline_says_so_in_one_line(archive, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
           "NO_MKDOCS_2_WARNING": "1"}
    result = run_cli(archive, env, "model", "install")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: the Argos package index: cannot be downloaded from "
                                    "http://127.0.0.1:9/index.json (")
    assert "--from FILE" in result.stderr
    assert not (tmp_path / "pk").exists()  # argostranslate makes it on import: not left behind empty


def repacked(package: Path, out: Path, **metadata) -> Path:
    """``package`` with other ``metadata`` (package_version, from_code ...), in the same top folder."""
    target = out / f"repacked-{'-'.join(str(v).replace('/', '_') for v in metadata.values())}.argosmodel"
    with zipfile.ZipFile(package) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.endswith("/metadata.json"):
                data = json.dumps({**json.loads(data), **metadata}).encode()
            copy.writestr(item, data)
    return target


def test_a_package_for_another_language_pair_is_refused_naming_it(package_file, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    reversed_pair = repacked(package_file, tmp_path, from_code="en", to_code="ar")
    with pytest.raises(ArchiveError, match=r"repacked-en-ar.argosmodel: is a package for en->ar, not ar->en$"):
        install_from_file(reversed_pair)
    assert not (tmp_path / "pk").exists()


@pytest.mark.parametrize("version", [None, "", "../../x", "1.0 beta", 2])
def test_a_package_without_a_proper_version_is_refused(package_file, tmp_path, monkeypatch, version):
    """The version names the model in every memory entry and on the pages."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    bad = repacked(package_file, tmp_path, package_version=version)
    with pytest.raises(ArchiveError, match=r"not an Argos package: in translate-ar_en-0.0-test/metadata.json, it"
                                           r"(s package_version .* is not a version| has no package_version)"):
        install_from_file(bad)
    assert not (tmp_path / "pk").exists()


def test_an_installed_package_without_a_version_is_one_error_line(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    metadata = tmp_path / "pk" / "translate-ar_en-0.0-test" / "metadata.json"
    metadata.write_text(json.dumps({**json.loads(metadata.read_text()), "package_version": ""}))
    for command in (("model", "status"), ("translate",)):
        result = run_cli(archive, env, *command)
        assert result.returncode == 1 and result.stderr.strip().splitlines() == [
            f"error: {metadata}: broken ar->en package: its package_version '' is not a version (such as \"1.9\"); "
            "remove the package folder and install the model again (python -m build_tools model install --from FILE)"]


def test_an_empty_packages_folder_setting_is_refused_not_taken_for_the_current_folder(archive):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": "", "NO_MKDOCS_2_WARNING": "1"}
    for command in (("model", "status"), ("translate", "--dry-run"), ("model", "install")):
        result = run_cli(archive, env, *command)
        assert result.returncode == 1 and result.stderr.strip().splitlines() == [
            "error: ARGOS_PACKAGES_DIR: is set but empty: unset it (packages then go to argostranslate's own folder, "
            "which model status names) or name a folder"], command


def test_a_packages_folder_that_holds_other_things_is_named_without_advice_to_delete_them(archive):
    """ARGOS_PACKAGES_DIR set to the checkout by mistake: its folders are not packages, and are not
    to be removed (the message said "remove it from the packages folder" of sources/)."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(archive.root), "NO_MKDOCS_2_WARNING": "1"}
    result = run_cli(archive, env, "model", "status")
    first = sorted(p for p in archive.root.iterdir() if p.is_dir() and not p.name.startswith("."))[0]
    assert result.returncode == 1 and result.stderr.strip().splitlines() == [
        f"error: {first}: not an Argos package (no metadata.json), in the packages folder {archive.root}: "
        "give the packages a folder of their own (ARGOS_PACKAGES_DIR)"]
    assert "remove" not in result.stderr


def test_a_packages_folder_that_cannot_be_made_is_named(archive, package_file, tmp_path):
    """Not 'reinstall argostranslate' (argostranslate makes the folder on import)."""
    (tmp_path / "file").write_text("")
    unmakeable = tmp_path / "file" / "pk"  # under a file: cannot be made, whoever runs the tests
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(unmakeable), "NO_MKDOCS_2_WARNING": "1",
           "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    for install in (("model", "install"), ("model", "install", "--from", str(package_file))):
        result = run_cli(archive, env, *install)
        assert result.returncode == 1 and result.stderr.strip().splitlines() == [
            f"error: {unmakeable}: the packages folder cannot be made (Not a directory); set ARGOS_PACKAGES_DIR to "
            "a folder you can write"], install


def test_a_packages_folder_that_cannot_be_written_is_named(package_file, tmp_path, monkeypatch):
    """Not the random name of the staging folder the install was making in it. (A read-only
    folder, simulated: the tests may run as root, who writes into one.)"""
    import tempfile

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))

    def read_only(prefix, dir):
        raise PermissionError(13, "Permission denied", f"{dir}/{prefix}x1y2z3")
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    with pytest.raises(ArchiveError) as refused:
        install_from_file(package_file)
    assert str(refused.value) == f"{tmp_path / 'pk'}: cannot install into the packages folder: Permission denied"


def test_status_names_what_a_killed_install_left_and_the_next_install_removes_it(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    leftover = tmp_path / "pk" / ".install-killed"
    (leftover / "model").mkdir(parents=True)  # what kill -9 during an install leaves (47 MB for a real model)
    status = run_cli(archive, env, "model", "status")
    assert f"left by an interrupted install: {leftover} (not used; the next model install removes it)" in status.stdout
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    assert not leftover.exists()


def test_install_says_which_installed_version_it_replaces(archive, package_file, tmp_path):
    """A package in the same folder as an installed one replaces it: the maintainer is told."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    folder = tmp_path / "pk" / "translate-ar_en-0.0-test"
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    again = run_cli(archive, env, "model", "install", "--from", str(package_file))
    assert again.stdout.strip() == ("already installed: translate-ar_en (Arabic -> English), version 0.0-test in "
                                    f"{folder} (installed again)")
    newer = run_cli(archive, env, "model", "install", "--from", str(repacked(package_file, tmp_path, package_version="0.1-test")))
    assert newer.returncode == 0, newer.stderr
    assert newer.stdout.strip() == ("installed translate-ar_en (Arabic -> English), version 0.1-test in "
                                    f"{folder}, replacing translate-ar_en (Arabic -> English), version 0.0-test")


def test_install_without_a_file_downloads_from_the_index(package_file, tmp_path, monkeypatch):
    served = tmp_path / "index"
    served.mkdir()
    (served / "model.argosmodel").write_bytes(package_file.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(served)))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    (served / "index.json").write_text(json.dumps([{"type": "translate", "from_code": "ar", "to_code": "en",
                                                    "links": [address + "model.argosmodel"]}]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
        from argostranslate import settings
        monkeypatch.setattr(settings, "remote_package_index", address + "index.json")
        from build_tools.translate.install import install_from_index
        assert install_from_index().package_version == "0.0-test"
    finally:
        server.shutdown()


def test_a_package_folder_without_its_model_is_one_error_line(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    folder = tmp_path / "pk" / "translate-ar_en-0.0-test"
    for f in (folder / "model").iterdir():
        f.unlink()
    (folder / "model").rmdir()
    result = run_cli(archive, env, "model", "status")
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: {folder}: broken ar->en package: no model/model.bin; remove the "
                                     "package folder and install the model again (python -m build_tools model "
                                     "install --from FILE)")


def test_a_package_whose_tokenizer_broke_after_installing_is_one_error_line(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}
    assert run_cli(archive, env, "model", "install", "--from", str(package_file)).returncode == 0
    tokenizer = tmp_path / "pk" / "translate-ar_en-0.0-test" / "sentencepiece.model"
    tokenizer.write_bytes(b"garbage")
    write_source(archive, "new", front_matter(id="new") + TEXT)
    for command in (["model", "status"], ["translate"], ["translate", "--dry-run"], ["build"]):
        result = run_cli(archive, env, *command)
        assert result.returncode == 1, command
        assert result.stderr.startswith(f"error: {tokenizer}: the tokenizer cannot be loaded"), command
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_packages_dir_that_is_a_file_is_one_error_line(archive, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(not_a_folder), "NO_MKDOCS_2_WARNING": "1"}
    result = run_cli(archive, env, "model", "status")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {not_a_folder}: ARGOS_PACKAGES_DIR must name a folder, and this is a file"


def test_argostranslate_missing_is_one_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "argostranslate", None)
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    with pytest.raises(ArchiveError, match=r"^argostranslate: cannot be loaded \((ModuleNotFound|Import)Error"):
        engine_module.installed_packages()


def test_machine_translation_is_labelled_wherever_it_is_shown(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    site = build_site(archive)
    title = page(site, "en/sources/new").select_one(".archive-source h1")
    assert CHAIN_OUTPUT in title.get_text() and "Machine translation" in title.get_text()
    home_entry = page(site, "en").select_one(".archive-source-list li")
    assert "Machine translation" in home_entry.get_text()
    mention = page(site, "en/actors/sdf").select_one(".archive-context-translation")
    assert CHAIN_OUTPUT in mention.get_text() and "Machine translation" in mention.get_text()
    assert "Machine translation" not in page(site, "sources/new").select_one("h1").get_text()


def test_benchmark_copy_model_carries_name_placeholders_through_in_one_pass(archive, tmp_path, monkeypatch):
    """The speed benchmark's copy model (toy_model.build_base_package, decoder="copy") outputs its
    input, so a protected name comes back and nothing is translated twice."""
    from build_tools.translate.toy_model import build_base_package

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    install_from_file(build_base_package(tmp_path, texts=TEXT.splitlines(), decoder="copy"))
    write_source(archive, "new", front_matter(id="new") + TEXT)
    streams = []
    working = engine_module.ArgosEngine.stream
    monkeypatch.setattr(engine_module.ArgosEngine, "stream",
                        lambda self, sentences: streams.append(list(sentences)) or working(self, streams[-1]))
    summary = translate_module.translate_corpus(load_corpus(archive), engine_module.find_engine())
    assert [len(stream) for stream in streams] == [5] and summary.sentences == 5 and not summary.truncated
    assert "QAQ" in streams[0][1]
    first = memory_of(archive, "new")["entries"][1]["en"]
    assert first.startswith("أعلنت Syrian Democratic Forces (SDF) بدء الحملة.") and "QAQ" not in first


def test_a_short_run_writes_each_memory_once(archive, model, monkeypatch):
    for n in range(3):
        write_source(archive, f"s{n}", front_matter(id=f"s{n}", date=f"2023-0{n + 1}") + "نص قصير.\nونص آخر.\n")
    written = []
    saving = translate_module._save
    monkeypatch.setattr(translate_module, "_save", lambda memory, source, left: written.append(source.id)
                        or saving(memory, source, left))
    translate_module.translate_corpus(load_corpus(archive), engine_module.find_engine())
    assert sorted(written) == ["s0", "s1", "s2"]  # within SAVE_EVERY seconds: written when the run ends
    monkeypatch.setattr(translate_module, "SAVE_EVERY", 0)
    for n in range(3):
        (archive.sources_dir / f"s{n}" / MEMORY_FILE).unlink()
    written.clear()
    translate_module.translate_corpus(load_corpus(archive), engine_module.find_engine())
    assert len(written) < 2 * 3 and set(written) == {"s0", "s1", "s2"}  # only memories changed since written
