"""How much faster is our batched translation than argostranslate's default path?

Run:  .venv/bin/python benchmarks/translate_speed.py [--sentences N]

Both paths run the same base-size model (6+6 layers, 512 wide, 8 heads, int8;
random weights, built offline by build_tools/translate/toy_model.py, so the
output is noise of a sentence's length but the compute is a real model's) on
the same Arabic sentences from the seed documents, in one process on one machine:

- default: argostranslate's per-call path, ``apply_packaged_translation`` once per
  paragraph with argostranslate's default settings (its translate() does this);
- ours: ``ArgosEngine.translate`` on all sentences at once (build_tools/translate/engine.py).

It prints sentences per second for each and their ratio. The target is a
ratio of at least 8. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=80, help="how many seed sentences to translate")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        for xdg in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[xdg] = str(Path(tmp) / xdg)
        run(Path(tmp), args.sentences)


def run(tmp: Path, count: int) -> None:
    import ctranslate2
    from argostranslate import translate as argos_translate

    from build_tools.corpus import load_corpus
    from build_tools.project import Project
    from build_tools.translate.engine import ArgosEngine, install_from_file
    from build_tools.translate.sentences import split_sentences
    from build_tools.translate.toy_model import build_base_package

    print("building a base-size model with random weights ...", flush=True)
    package = install_from_file(build_base_package(tmp))
    corpus = load_corpus(Project(Path(__file__).resolve().parent.parent))
    paragraphs, sentences = [], []
    for source in corpus.sources:
        for p in source.paragraphs:
            if len(sentences) < count:
                paragraphs.append(" ".join(split_sentences(p.text)[:count - len(sentences)]))
                sentences += split_sentences(paragraphs[-1])
    print(f"{len(sentences)} sentences in {len(paragraphs)} paragraphs, {os.cpu_count()} cores")

    class OurSplitter:  # argostranslate's own splitter downloads a model; both paths use ours
        def split_sentences(self, text):
            return split_sentences(text)

    from argostranslate import settings  # the translator argostranslate itself would make

    translator = ctranslate2.Translator(str(package.package_path / "model"), device=settings.device,
                                        inter_threads=settings.inter_threads, intra_threads=settings.intra_threads)
    start = time.perf_counter()
    for paragraph in paragraphs:
        argos_translate.apply_packaged_translation(package, paragraph, translator, OurSplitter(), 1)
    default = len(sentences) / (time.perf_counter() - start)

    engine = ArgosEngine(package)
    start = time.perf_counter()
    engine.translate(sentences)
    ours = len(sentences) / (time.perf_counter() - start)

    print(f"argostranslate default path: {default:7.1f} sentences/s")
    print(f"our batched path:            {ours:7.1f} sentences/s")
    print(f"ratio: {ours / default:.1f}x (target: at least 8x)")


if __name__ == "__main__":
    main()
