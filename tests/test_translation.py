"""Offline machine translation, for real: a tiny Argos package built here, installed with
argostranslate's installer, run through the build on sources that have no translation yet."""
from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
import yaml

from build_tools.corpus import load_corpus
from build_tools.errors import ArchiveError
from build_tools.memory import MEMORY_FILE
from build_tools.project import Project
from build_tools.registry import load_registry
from build_tools.site import build_site
from build_tools.sources import segment_key
from build_tools.translate import engine as engine_module
from build_tools.translate.names import protect, restore
from build_tools.translate.sentences import split_sentences
from build_tools.translate.toy_model import CHAIN_OUTPUT, build_chain_package

from .conftest import REPO, front_matter, page, write_source

# Two paragraphs: three sentences (one naming the SDF, to be protected), then two.
TEXT = "أعلنت قسد بدء الحملة. قال المصدر، دون تفاصيل، إن العملية مستمرة؟ نعم!\nانتهى الاجتماع؛ ولم يصدر بيان.\n"


@pytest.fixture(scope="session")
def package_file(tmp_path_factory):
    return build_chain_package(tmp_path_factory.mktemp("argos-package"))


@pytest.fixture
def model(package_file, tmp_path, monkeypatch):
    """The tiny package installed by argostranslate's installer into this test's own folder;
    yields the list of sentence batches the engine was asked to translate."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    installed = engine_module.install_from_file(package_file)
    assert (tmp_path / "argos-packages" / installed.package_path.name / "model" / "model.bin").is_file()
    calls: list[list[str]] = []
    original = engine_module.ArgosEngine.translate

    def counting(self, sentences):
        calls.append(list(sentences))
        return original(self, sentences)
    monkeypatch.setattr(engine_module.ArgosEngine, "translate", counting)
    return calls


def memory_of(project: Project, folder: str) -> dict:
    return yaml.safe_load((project.sources_dir / folder / MEMORY_FILE).read_text(encoding="utf-8"))


def source_with_maintainer_translation(project: Project, english: str) -> str:
    """Source "new" made of TEXT, whose first paragraph the maintainers translated as ``english``."""
    write_source(project, "new", front_matter(id="new") + TEXT)
    first = TEXT.splitlines()[0]
    (project.sources_dir / "new" / MEMORY_FILE).write_text(yaml.safe_dump({
        "source": "new", "entries": [{"key": segment_key(first), "ar": first, "en": english, "origin": "maintainer",
                                      "translator": "R. Reviewer", "date": "2026-01-01"}]},
        allow_unicode=True), encoding="utf-8")
    return first


def english_paragraphs(site, source_id):
    return page(site, f"en/sources/{source_id}").select(".archive-text [data-origin]")


def test_build_translates_a_new_source_sentence_by_sentence(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    site = build_site(archive)
    paragraphs = english_paragraphs(site, "new")
    assert [p["data-origin"] for p in paragraphs] == ["machine", "machine"]
    texts = [p.get_text(" ", strip=True).split(" ", 1)[1] for p in paragraphs]
    assert texts == [" ".join([CHAIN_OUTPUT] * 3), " ".join([CHAIN_OUTPUT] * 2)]
    summary = page(site, "en/sources/new").select_one(".archive-provenance").get_text(" ", strip=True)
    assert "Machine translation by Argos Translate (argos-translate-lt" in summary
    assert "model translate-ar_en-test 0.0-test" in summary and "not reviewed" in summary
    entries = memory_of(archive, "new")["entries"]
    assert {e["origin"] for e in entries} == {"machine"} and all(e["engine"] and e["model"] for e in entries)
    # One batched call for the whole source (title + 2 paragraphs = 6 sentences), then one retry
    # for the sentence whose protected name the tiny model does not copy through.
    assert [len(batch) for batch in model] == [6, 1]


def test_second_build_sends_nothing_to_the_engine(archive, model):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    build_site(archive)
    sent = len(model)
    before = (archive.sources_dir / "new" / MEMORY_FILE).read_bytes()
    build_site(archive)
    assert len(model) == sent
    assert (archive.sources_dir / "new" / MEMORY_FILE).read_bytes() == before


def test_maintainer_text_survives_and_mixed_pages_label_each_paragraph(archive, model):
    first = source_with_maintainer_translation(archive, "Our own words.")
    site = build_site(archive)
    paragraphs = english_paragraphs(site, "new")
    assert [p["data-origin"] for p in paragraphs] == ["maintainer", "machine"]
    assert "Our own words." in paragraphs[0].get_text()
    assert [b.get_text() for b in page(site, "en/sources/new").select(".archive-text .archive-badge")] == [
        "Maintainers' translation", "Machine translation"]
    assert model and all(first not in s for batch in model for s in batch)
    kept = memory_of(archive, "new")["entries"]
    assert {"en": "Our own words.", "origin": "maintainer"}.items() <= kept[1].items()


def test_changed_paragraph_is_retranslated_and_the_old_english_kept_for_review(archive, model):
    first = source_with_maintainer_translation(archive, "Reviewed words.")
    edited = first.replace("الحملة", "الحملة الأمنية")
    write_source(archive, "new", front_matter(id="new") + TEXT.replace(first, edited))
    site = build_site(archive)
    entry = next(e for e in memory_of(archive, "new")["entries"] if e["ar"] == edited)
    assert entry["origin"] == "machine"
    assert entry["previous"] == {"ar": first, "en": "Reviewed words.", "origin": "maintainer",
                                 "date": "2026-01-01", "translator": "R. Reviewer"}
    assert "earlier version" in english_paragraphs(site, "new")[0].get_text()


def test_without_a_model_the_build_warns_and_strict_refuses(archive, caplog):
    write_source(archive, "new", front_matter(id="new") + TEXT)
    with caplog.at_level(logging.WARNING, logger="build_tools"):
        site = build_site(archive)
    assert "3 segments have no English and no ar->en model is installed" in caplog.text
    assert {p["data-origin"] for p in english_paragraphs(site, "new")} == {"pending"}
    built = (site / "en/sources/new/index.html").read_bytes()
    with pytest.raises(ArchiveError, match=r"^sources: 3 segments have no English"):
        build_site(archive, strict=True)
    assert (site / "en/sources/new/index.html").read_bytes() == built


def test_interrupted_run_keeps_finished_sources_and_resumes(archive, model, monkeypatch):
    write_source(archive, "a", front_matter(id="a", date="2023-01") + "نص أول.\n")
    write_source(archive, "b", front_matter(id="b", date="2023-02") + "نص ثان.\n")
    working = engine_module.ArgosEngine.translate

    def fail_on_b(self, sentences):
        if any("ثان" in s for s in sentences):
            raise KeyboardInterrupt
        return working(self, sentences)
    monkeypatch.setattr(engine_module.ArgosEngine, "translate", fail_on_b)
    with pytest.raises(KeyboardInterrupt):
        build_site(archive)
    assert (archive.sources_dir / "a" / MEMORY_FILE).exists()
    assert not (archive.sources_dir / "b" / MEMORY_FILE).exists()
    assert not [p for p in (archive.sources_dir / "b").iterdir() if p.name.startswith(".")]
    monkeypatch.setattr(engine_module.ArgosEngine, "translate", working)
    calls_before = len(model)
    build_site(archive)
    assert [s for batch in model[calls_before:] for s in batch] == ["عنوان", "نص ثان."]  # b: title, text


def test_names_are_protected_before_translation_and_restored_in_english():
    registry = load_registry(Project(REPO))
    names = [(registry.actor_names, registry.actors), (registry.organisation_names, registry.organisations)]
    protected, mapping = protect("وقال أبو خولة إن قسد ولقوات سوريا الديمقراطية حضوراً.", names)
    assert protected == "وقال QAQ إن QBQ ولQCQ حضوراً."
    assert mapping == {"QAQ": "Ahmad al-Khabil (Abu Khawla)", "QBQ": "Syrian Democratic Forces (SDF)",
                       "QCQ": "Syrian Democratic Forces (SDF)"}
    assert restore("QAQ said QBQ and QCQ are present.", mapping) == (
        "Ahmad al-Khabil (Abu Khawla) said Syrian Democratic Forces (SDF) and "
        "Syrian Democratic Forces (SDF) are present.")
    assert restore("QAQ said it.", mapping) is None  # a lost name: the caller translates again


def test_machine_output_never_leaks_placeholders(archive, model):
    write_source(archive, "new", front_matter(id="new") + "قال أبو خولة إن قسد انسحبت.\n")
    build_site(archive)
    assert "QAQ" not in str(memory_of(archive, "new"))


@pytest.mark.parametrize("text, sentences", [
    ("جملة أولى. جملة ثانية", ["جملة أولى.", "جملة ثانية"]),
    ("هل انتهى؟ نعم! حسناً؛ ثم", ["هل انتهى؟", "نعم!", "حسناً؛", "ثم"]),
    ("قال، بعد تردد، إنه موافق.", ["قال، بعد تردد، إنه موافق."]),  # the Arabic comma does not end
    ("قال: “انتهى الأمر.” ثم غادر.", ["قال: “انتهى الأمر.”", "ثم غادر."]),  # the quote stays with it
    ("حرمان أكثر من 40.000 طالب في 27/8/2023م.", ["حرمان أكثر من 40.000 طالب في 27/8/2023م."]),
    ("1. البند الأول. والثاني", ["1. البند الأول.", "والثاني"]),
    ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("لماذا !؟ هكذا…", ["لماذا !؟", "هكذا…"]),
])
def test_arabic_sentence_splitter(text, sentences):
    assert split_sentences(text) == sentences


def test_cli_installs_the_model_reports_status_and_translates(archive, package_file, tmp_path):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"), "NO_MKDOCS_2_WARNING": "1"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=archive.root, env=env,
                              capture_output=True, text=True, timeout=300)
    assert "no ar->en model installed" in cli("model", "status").stdout
    assert cli("translate").returncode == 1
    installed = cli("model", "install", "--from", str(package_file))
    assert installed.returncode == 0 and str(tmp_path / "pk") in installed.stdout
    assert "in use: translate-ar_en-test 0.0-test" in cli("model", "status").stdout
    write_source(archive, "new", front_matter(id="new") + TEXT)
    result = cli("translate", "new")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("3 segments translated (6 sentences), 0 reused, 0 pending")
    assert cli("translate", "no-such-source").returncode == 1
    assert load_corpus(archive).memories["new"].get(segment_key("انتهى الاجتماع؛ ولم يصدر بيان.")).origin == "machine"


def test_model_install_refuses_a_file_that_is_not_an_argos_package(tmp_path):
    bogus = tmp_path / "x.argosmodel"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError, match="not an Argos package"):
        engine_module.install_from_file(bogus)


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
