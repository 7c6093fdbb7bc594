"""The machine translation engine: an Argos Translate ar->en package, run offline.

We use argostranslate (LibreTranslate's torch-free ``argos-translate-lt``
distribution) for what it is good at: installing packages, reading their
metadata and tokenizer. Translation itself calls the package's CTranslate2
model directly with all sentences of a document in one batched call, because
argostranslate's own ``translate()`` splits sentences with models it
downloads at run time and sends about one sentence per model call
(benchmarks/translate_speed.py measures the difference).

Where packages live: ``ARGOS_PACKAGES_DIR`` when set, otherwise
argostranslate's default (~/.local/share/argos-translate/packages).
argostranslate reads that variable once, on import; we resolve it on every
call so that one process (the tests) can point at different folders.
"""
from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..errors import ArchiveError

SOURCE, TARGET = "ar", "en"
DISTRIBUTION = "argos-translate-lt"
BEAM_SIZE = 4  # argostranslate's default
BATCH_SENTENCES = 16  # sentences per model call: measured best on 2 cores (benchmarks/)


def packages_dir() -> Path:
    from argostranslate import settings

    return Path(os.environ.get("ARGOS_PACKAGES_DIR") or settings.package_data_dir)


def installed_packages() -> list:
    """Every installed ar->en translation package, newest version first."""
    from argostranslate import package
    from packaging.version import InvalidVersion, Version

    folder = packages_dir()
    if not folder.is_dir():
        return []
    found = [p for p in package.get_installed_packages([folder])
             if p.type == "translate" and p.from_code == SOURCE and p.to_code == TARGET]

    def newest(p):
        try:
            return Version(p.package_version)
        except InvalidVersion:
            return Version("0")
    return sorted(found, key=newest, reverse=True)


def install_from_file(path: Path):
    """Install a local .argosmodel file with argostranslate's own installer."""
    from argostranslate import package, settings

    metadata = _package_metadata(path)
    if (metadata.get("from_code"), metadata.get("to_code")) != (SOURCE, TARGET):
        raise ArchiveError(path, f"is a {metadata.get('from_code')}->{metadata.get('to_code')} model, "
                                 f"not {SOURCE}->{TARGET}")
    folder = packages_dir()
    folder.mkdir(parents=True, exist_ok=True)
    settings.package_data_dir = folder  # install_from_path unzips into this module setting
    package.install_from_path(path)
    return installed_packages()[0]


def install_from_index():
    """Download and install the ar->en package from the Argos package index (needs the internet)."""
    from argostranslate import package, settings

    folder = packages_dir()
    folder.mkdir(parents=True, exist_ok=True)
    settings.package_data_dir = folder
    package.update_package_index()
    if not package.install_package_for_language_pair(SOURCE, TARGET):
        raise ArchiveError(folder, "the Argos package index could not be read or has no ar->en package "
                                   "(no internet?); install from a file with --from FILE")
    return installed_packages()[0]


def _package_metadata(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/metadata.json")]
            if not names:
                raise ArchiveError(path, "not an Argos package: no <folder>/metadata.json inside")
            return json.loads(zf.read(names[0]))
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError) as e:
        raise ArchiveError(path, f"not an Argos package (.argosmodel zip): {e}") from e


@dataclass
class ArgosEngine:
    """Translates lists of Arabic sentences with one installed package."""
    package: object  # argostranslate.package.Package

    def __post_init__(self):
        import ctranslate2

        # One batch per core in parallel beats all cores on one batch (benchmarks/translate_speed.py).
        self._translator = ctranslate2.Translator(str(self.package.package_path / "model"), device="cpu",
                                                  inter_threads=os.cpu_count() or 1, intra_threads=1)

    @property
    def name(self) -> str:
        return f"Argos Translate ({DISTRIBUTION} {version(DISTRIBUTION)})"

    @property
    def model(self) -> str:
        return f"{self.package.code or 'translate-ar_en'} {self.package.package_version}"

    def translate(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        tokenizer, prefix = self.package.tokenizer, self.package.target_prefix
        results = self._translator.translate_batch(
            [tokenizer.encode(s) for s in sentences],
            target_prefix=[[prefix]] * len(sentences) if prefix else None,
            replace_unknowns=True, max_batch_size=BATCH_SENTENCES, batch_type="examples",
            beam_size=BEAM_SIZE, num_hypotheses=1, length_penalty=0.2)
        out = []
        for result in results:
            text = tokenizer.decode(result.hypotheses[0])
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            out.append(text.strip())
        return out


def find_engine() -> ArgosEngine | None:
    packages = installed_packages()
    return ArgosEngine(packages[0]) if packages else None
