"""How much faster is the build's translate command than argostranslate's default path?

Run:  .venv/bin/python benchmarks/translate_speed.py [--runs 3] [--model copy|chain|both]

Both sides translate the same Arabic (every title and paragraph of the seed documents, in a
throwaway copy of the archive without translation memories) with the same model: a
base-size Transformer (6+6 layers, 512 wide, 8 heads, int8) built offline by
build_tools/translate/toy_model.py, with a subword tokenizer trained on the seeds. Same beam
(4), same length penalty, same decoding limit (256 tokens). Each run is a fresh process,
timed end to end (start-up, loading the model, translating, writing):

- argostranslate's default path: ``apply_packaged_translation`` once per paragraph with
  argostranslate's own settings (what its ``translate()`` does; our sentence splitter
  replaces its own, which downloads a model);
- ours: ``python -m build_tools translate``, the command the build runs, with name
  placeholders, clause splitting, retries and memory writes included.

Two models, as the real ar->en model cannot be downloaded here:

- ``copy`` (reported first): random weights except one cross-attention head that copies
  the input, so the output is as long as the input and name placeholders come through, as
  they do with a trained model that copies Latin tokens (unverified for the real model);
- ``chain``: random weights whose decoder emits 32 tokens of noise whatever the input, so it
  never copies a placeholder: the build translates every sentence that names a registry entry
  a second time, without placeholders (the worst case), and each piece of a sentence cut for
  length costs a whole sentence's decoding.

It prints each run's seconds, the median ratio of the runs (target: at least 8x on a 2-core
machine), how many inputs each side gave the model, with the ratio per model input, and the
ratio of CPU time (user + system of each process), which other work on the machine disturbs
less than the wall clock but does not count the use of both cores. Not a test: timings
depend on the machine and on what else runs on it (the load average is printed; compare
medians).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.machine import describe  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each path (the median is reported)")
    parser.add_argument("--model", choices=("copy", "chain", "both"), default="both",
                        help="the benchmark model's decoder (see above)")
    parser.add_argument("--argos-worker", metavar="ARCHIVE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.argos_worker:
        argos_default_path(Path(args.argos_worker))
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
               **{xdg: str(Path(tmp) / xdg) for xdg in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
        os.environ.update(env)
        archive = throwaway_archive(Path(tmp) / "archive")
        results = {decoder: compare(Path(tmp), archive, env, decoder, args.runs)
                   for decoder in (("copy", "chain") if args.model == "both" else (args.model,))}
        for decoder, (ratio, per_input, cpu) in results.items():
            print(f"{decoder} model: median of {args.runs} runs {ratio:.1f}x end to end (target: at least 8x), "
                  f"{per_input:.1f}x per model input, {cpu:.1f}x in CPU time")


def compare(tmp: Path, archive: Path, env: dict, decoder: str, runs: int) -> tuple[float, float, float]:
    """Median ratios (end to end, per model input, of CPU time) of ``runs`` runs on ``decoder``'s model."""
    from build_tools.corpus import load_corpus
    from build_tools.project import Project
    from build_tools.translate.install import install_from_file
    from build_tools.translate.toy_model import build_base_package

    print(f"{decoder} model: building and installing a base-size model ...", flush=True)
    env = {**env, "ARGOS_PACKAGES_DIR": str(tmp / f"packages-{decoder}")}
    os.environ["ARGOS_PACKAGES_DIR"] = env["ARGOS_PACKAGES_DIR"]
    texts = [text for source in load_corpus(Project(archive)).sources for text in source.segments]
    package = install_from_file(build_base_package(tmp, texts=texts, decoder=decoder))
    tokens = sum(len(package.tokenizer.encode(t)) for t in texts) / sum(len(t.split()) for t in texts)
    print(f"tokenizer: {tokens:.2f} subword tokens per Arabic word", flush=True)
    print(f"machine: {describe()} at start", flush=True)
    ratios, per_input, cpu_ratios = [], [], []
    for run in range(1, runs + 1):
        theirs, their_cpu, their_inputs = timed([sys.executable, __file__, "--argos-worker", str(archive)],
                                                env, archive)
        ours, our_cpu, our_inputs = timed([sys.executable, "-m", "build_tools", "translate"], env, archive)
        for memory in (archive / "sources").glob("*/translation.en.yaml"):
            memory.unlink()
        ratios.append(theirs / ours)
        per_input.append((our_inputs / ours) / (their_inputs / theirs))
        cpu_ratios.append(their_cpu / our_cpu)
        print(f"run {run}: argostranslate default {theirs:5.1f} s, {their_cpu:5.1f} CPU s ({their_inputs} model "
              f"inputs); build's translate {ours:5.1f} s, {our_cpu:5.1f} CPU s ({our_inputs} model inputs): "
              f"{ratios[-1]:4.1f}x, per model input {per_input[-1]:4.1f}x, CPU time {cpu_ratios[-1]:4.1f}x "
              f"(load average {os.getloadavg()[0]:.2f})", flush=True)
    return statistics.median(ratios), statistics.median(per_input), statistics.median(cpu_ratios)


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


def timed(command: list[str], env: dict, cwd: Path) -> tuple[float, float, int]:
    """(seconds, CPU seconds, sentences sent to the model) of one run of ``command``, which reports
    "(N sentences)"."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    last = done.stdout.strip().splitlines()[-1]
    print("   ", last, flush=True)
    return elapsed, cpu, int(re.search(r"\((\d+) sentences?[,)]", last).group(1))


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
