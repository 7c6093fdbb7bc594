"""How much faster is the build's translate command than argostranslate's default path?

Run:  .venv/bin/python benchmarks/translate_speed.py [--runs 3]

Both sides translate the same Arabic (every title and paragraph of the seed documents, in a
throwaway copy of the archive without translation memories) with the same model: a
base-size Transformer (6+6 layers, 512 wide, 8 heads, int8) with random weights, built
offline by build_tools/translate/toy_model.py, whose decoder stops after 32 tokens, so
its output is noise of a sentence's length but the compute is a real model's. Same
beam (4), same length penalty, same decoding limit (256 tokens). Each run is a fresh
process, timed end to end (start-up, loading the model, translating, writing):

- argostranslate's default path: ``apply_packaged_translation`` once per paragraph with
  argostranslate's own settings (what its ``translate()`` does; our sentence splitter
  replaces its own, which downloads a model);
- ours: ``python -m build_tools translate``, the command the build runs, with name
  placeholders, clause splitting, retries and memory writes included.

It prints each run's seconds and the median ratio of the runs (target: at least 8x on a
2-core machine), and how many inputs each side gave the model: the random model never
copies a name placeholder through, so the build retranslates every sentence that names a
registry entry (120 of the 128 seed sentences), and its fixed 32-token output makes each
piece of a sentence cut for length cost a whole sentence's decoding. Both are work a real
model would mostly not cause, so the ratio per model input is printed too. Not a test:
timings depend on the machine and on what else runs on it (the load average is printed).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each path (the median is reported)")
    parser.add_argument("--argos-worker", metavar="ARCHIVE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.argos_worker:
        argos_default_path(Path(args.argos_worker))
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(Path(tmp) / "packages"), "NO_MKDOCS_2_WARNING": "1",
               **{xdg: str(Path(tmp) / xdg) for xdg in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
        os.environ.update(env)
        compare(Path(tmp), env, args.runs)


def compare(tmp: Path, env: dict, runs: int) -> None:
    from build_tools.translate.install import install_from_file
    from build_tools.translate.toy_model import build_base_package

    from build_tools.corpus import load_corpus
    from build_tools.project import Project

    print("building and installing a base-size model with random weights ...", flush=True)
    archive = throwaway_archive(tmp / "archive")
    texts = [text for source in load_corpus(Project(archive)).sources for text in source.segments]
    package = install_from_file(build_base_package(tmp, texts=texts))
    tokens = sum(len(package.tokenizer.encode(t)) for t in texts) / sum(len(t.split()) for t in texts)
    print(f"tokenizer: {tokens:.2f} subword tokens per Arabic word", flush=True)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start", flush=True)
    ratios, per_input = [], []
    for run in range(1, runs + 1):
        theirs, their_inputs = timed([sys.executable, __file__, "--argos-worker", str(archive)], env, archive)
        for memory in (archive / "sources").glob("*/translation.en.yaml"):
            memory.unlink()
        ours, our_inputs = timed([sys.executable, "-m", "build_tools", "translate"], env, archive)
        ratios.append(theirs / ours)
        per_input.append((our_inputs / ours) / (their_inputs / theirs))
        print(f"run {run}: argostranslate default {theirs:6.1f} s ({their_inputs} model inputs), build's translate "
              f"{ours:6.1f} s ({our_inputs} model inputs): {ratios[-1]:4.1f}x, per model input {per_input[-1]:4.1f}x "
              f"(load average {os.getloadavg()[0]:.2f})", flush=True)
    print(f"median of {runs} runs: {statistics.median(ratios):.1f}x end to end (target: at least 8x), "
          f"{statistics.median(per_input):.1f}x per model input")


def throwaway_archive(root: Path) -> Path:
    """The seed documents without their translation memories, in a copy the command may write to."""
    root.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("data", "sources"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "build_tools").symlink_to(REPO / "build_tools")
    for memory in (root / "sources").glob("*/translation.en.yaml"):
        memory.unlink()
    return root


def timed(command: list[str], env: dict, cwd: Path) -> tuple[float, int]:
    """(seconds, sentences sent to the model) of one run of ``command``, which reports "(N sentences)"."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    last = done.stdout.strip().splitlines()[-1]
    print("   ", last, flush=True)
    return elapsed, int(re.search(r"\((\d+) sentences\)", last).group(1))


def argos_default_path(archive: Path) -> None:
    """What argostranslate does for one text, once per title and paragraph of every source."""
    import ctranslate2
    from argostranslate import settings
    from argostranslate import translate as argos_translate

    from build_tools.corpus import load_corpus
    from build_tools.project import Project
    from build_tools.translate.engine import installed_packages
    from build_tools.translate.sentences import split_sentences

    class OurSplitter:  # argostranslate's own splitter downloads a model
        def split_sentences(self, text):
            return split_sentences(text)

    package = installed_packages()[0]
    translator = ctranslate2.Translator(str(package.package_path / "model"), device=settings.device,
                                        inter_threads=settings.inter_threads, intra_threads=settings.intra_threads)
    corpus = load_corpus(Project(archive))
    texts = [text for source in corpus.sources for text in source.segments]
    for text in texts:
        argos_translate.apply_packaged_translation(package, text, translator, OurSplitter(), 1)
    print(f"{len(texts)} segments ({sum(len(split_sentences(t)) for t in texts)} sentences)")


if __name__ == "__main__":
    main()
