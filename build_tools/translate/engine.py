"""The machine translation engine: an Argos Translate ar->en package, run offline.

We use argostranslate (LibreTranslate's torch-free ``argos-translate-lt``
distribution) for what it is good at: reading a package's metadata and
tokenizer. Translation itself calls the package's CTranslate2 model directly,
streaming every sentence of a whole run through ``translate_iterable`` so
that both cores always have a batch (benchmarks/translate_speed.py measures
the difference with argostranslate's own per-paragraph path).

Limits are explicit: CTranslate2 silently cuts input at 1024 and output at
256 tokens by default. We split sentences longer than ``MAX_INPUT_TOKENS``
before translation (sentences.split_long) and report, for each output,
whether it reached ``MAX_DECODING_TOKENS``, so that a cut translation is
flagged rather than published as complete.

Where packages live: ``ARGOS_PACKAGES_DIR`` when set, otherwise
argostranslate's default (~/.local/share/argos-translate/packages).
argostranslate reads that variable once, on import; we resolve it on every
call so that one process (the tests) can point at different folders.
Every problem with the installation is one ``ArchiveError`` naming the path.
"""
from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ArchiveError

SOURCE, TARGET = "ar", "en"
DISTRIBUTION = "argos-translate-lt"
BEAM_SIZE = 4  # argostranslate's default
# Sentences per batch, each batch on one core (inter_threads = cores, intra_threads = 1). On the
# base-size benchmark models (benchmarks/translate_speed.py, 2 cores), batches of 2-4 sentences
# (8-16 beams) cost the least CPU time; 8 and 16 cost 10-30% more. Batches are formed from
# chunks of 16 batches sorted by length (CTranslate2's translate_iterable), so padding stays small.
BATCH_SENTENCES = 4
# Sentences up to this many subword tokens go to the model whole; longer ones are split at clause
# boundaries first. Long inputs are where the real model is reported to hallucinate and drop text.
MAX_INPUT_TOKENS = 128
MAX_DECODING_TOKENS = 256  # an output this long is taken as cut off, and flagged
# A package's version names its model in every memory entry and on the pages ("translate-ar_en 1.9"):
# Argos writes "1.0", "1.9"; nothing empty, no spaces or slashes.
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
REINSTALL = "remove the package folder and install the model again (python -m build_tools model install --from FILE)"
TEST_WORD = "تجربة"


def argos():
    """The argostranslate modules, or one error line when the library is missing or broken."""
    folder = configured_packages_dir()  # argostranslate creates this folder on import: a bad one fails first
    try:
        import ctranslate2  # noqa: F401  (the engine's runtime, brought by argostranslate)
        from argostranslate import package, settings
    except Exception as e:  # ImportError, or a broken install failing while it initialises
        if isinstance(e, OSError) and folder is not None and e.filename is not None \
                and folder.is_relative_to(e.filename):  # (the library is fine; the folder it makes is not)
            raise cannot_make(folder, e) from e
        raise ArchiveError("argostranslate", f"cannot be loaded ({type(e).__name__}: {e}); "
                                             f"reinstall it: .venv/bin/pip install -e .") from e
    return package, settings


def cannot_make(folder: Path, e: OSError) -> ArchiveError:
    return ArchiveError(folder, f"the packages folder cannot be made ({e.strerror}); set ARGOS_PACKAGES_DIR to a "
                                "folder you can write")


def packages_dir() -> Path:
    return configured_packages_dir() or Path(argos()[1].package_data_dir)


def configured_packages_dir() -> Path | None:
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured is not None and not configured.strip():  # argostranslate would take the current folder
        raise ArchiveError("ARGOS_PACKAGES_DIR", "is set but empty: unset it (packages then go to argostranslate's "
                                                 "own folder, which model status names) or name a folder")
    if not configured:
        return None
    folder = Path(configured)
    if folder.exists() and not folder.is_dir():
        raise ArchiveError(folder, "ARGOS_PACKAGES_DIR must name a folder, and this is a file")
    return folder


def package_name(package) -> str:
    """How a package is named to maintainers: Argos metadata has no name field of its own, so
    the name is argospm's (translate-ar_en) and the folder the package came in."""
    return f"{package.type or 'translate'}-{package.from_code}_{package.to_code}"


def model_of(package) -> str:
    """The model as recorded in the memory: a different string means a different model."""
    return f"{package_name(package)} {package.package_version}"


def describe(package) -> str:
    return (f"{package_name(package)} ({package.from_name or package.from_code} -> "
            f"{package.to_name or package.to_code}), version {package.package_version}")


def installed_packages() -> list:
    """Every installed ar->en translation package, newest version first. Folders whose name starts
    with a dot are installs in progress (install.py) and are skipped."""
    from packaging.version import InvalidVersion, Version

    folder = packages_dir()
    if not folder.is_dir():
        return []
    package_module, _ = argos()
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        metadata = _read_metadata(path)
        if (metadata.get("from_code"), metadata.get("to_code")) != (SOURCE, TARGET):
            continue  # another language pair, shared folder
        if not (path / "model" / "model.bin").is_file():
            raise ArchiveError(path, f"broken ar->en package: no model/model.bin; {REINSTALL}")
        if (problem := version_problem(metadata)):
            raise ArchiveError(path / "metadata.json", f"broken ar->en package: {problem}; {REINSTALL}")
        found.append(package_module.Package(path))

    def newest(p):
        try:
            return Version(p.package_version)
        except InvalidVersion:
            return Version("0")
    return sorted(found, key=newest, reverse=True)


def version_problem(metadata: dict) -> str | None:
    """What is wrong with a package's version, or None."""
    version = metadata.get("package_version")
    if isinstance(version, str) and VERSION.fullmatch(version):
        return None
    if version is None:
        return "it has no package_version (such as \"1.9\")"
    return f"its package_version {version!r} is not a version (such as \"1.9\")"


def _read_metadata(path: Path) -> dict:
    try:
        data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArchiveError(path, f"not an Argos package (no metadata.json), in the packages folder {path.parent}: "
                                 "give the packages a folder of their own (ARGOS_PACKAGES_DIR)") from None
    except (OSError, ValueError) as e:
        raise ArchiveError(path / "metadata.json", f"unreadable package metadata: {e}") from e
    if not isinstance(data, dict):
        raise ArchiveError(path / "metadata.json", "package metadata must be a JSON object")
    return data


@dataclass(frozen=True)
class Output:
    """One translated input: its text and whether it may be cut off."""
    text: str
    input_tokens: int
    output_tokens: int

    @property
    def hit_limit(self) -> bool:
        return self.input_tokens > MAX_INPUT_TOKENS or self.output_tokens >= MAX_DECODING_TOKENS


class ArgosEngine:
    """Translates Arabic sentences with one installed package."""

    def __init__(self, package, inter_threads: int | None = None):
        import ctranslate2

        self.package = package
        self.workers = inter_threads or os.cpu_count() or 1
        try:
            # One batch per core in parallel beats all cores on one batch (benchmarks/translate_speed.py).
            self._translator = ctranslate2.Translator(
                str(package.package_path / "model"), device="cpu",
                inter_threads=self.workers, intra_threads=1)
        except (RuntimeError, ValueError, OSError) as e:
            raise ArchiveError(package.package_path / "model", f"the model cannot be loaded ({e}); {REINSTALL}") \
                from e
        if getattr(package, "tokenizer", None) is None:
            raise ArchiveError(package.package_path, f"package has no sentencepiece.model (tokenizer); {REINSTALL}")
        try:  # sentencepiece reads its model on first use: a corrupt one must fail here, in one line
            self.tokens(TEST_WORD)
        except (RuntimeError, ValueError, OSError) as e:
            raise ArchiveError(package.package_path / "sentencepiece.model",
                               f"the tokenizer cannot be loaded ({e}); {REINSTALL}") from e

    @functools.cached_property
    def name(self) -> str:  # cached: looking the version up costs 4 ms, once per segment filed
        try:
            return f"Argos Translate ({DISTRIBUTION} {version(DISTRIBUTION)})"
        except PackageNotFoundError:
            return "Argos Translate"

    @property
    def model(self) -> str:
        return model_of(self.package)

    def tokens(self, text: str) -> int:
        return len(self.package.tokenizer.encode(text))

    def fits(self, text: str) -> bool:
        """Whether the model takes ``text`` whole (else sentences.split_long cuts it)."""
        return self.tokens(text) <= MAX_INPUT_TOKENS

    def translate(self, sentences: list[str]) -> list[Output]:
        return list(self.stream(sentences))

    def stream(self, sentences: Iterable[str]) -> Iterator[Output]:
        """The translations, in order, as they are ready: batches are formed over the whole
        stream, sorted by length, and run on all cores at once."""
        tokenizer, prefix = self.package.tokenizer, self.package.target_prefix
        encoded = [tokenizer.encode(s) for s in sentences]
        if not encoded:
            return
        results = self._translator.translate_iterable(
            encoded, target_prefix=([[prefix]] * len(encoded)) if prefix else None,
            max_batch_size=BATCH_SENTENCES, batch_type="examples", replace_unknowns=True,
            beam_size=BEAM_SIZE, num_hypotheses=1, length_penalty=0.2,
            max_input_length=MAX_INPUT_TOKENS + 2,  # room for <s> and </s>
            max_decoding_length=MAX_DECODING_TOKENS)
        for tokens, result in zip(encoded, results):
            hypothesis = result.hypotheses[0]
            text = tokenizer.decode(hypothesis)
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            yield Output(text.strip(), len(tokens), len(hypothesis))


def find_engine() -> ArgosEngine | None:
    packages = installed_packages()
    return ArgosEngine(packages[0]) if packages else None
