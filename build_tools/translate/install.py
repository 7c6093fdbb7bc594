"""Installing an ar->en package: checked first, then moved into place in one rename.

argostranslate's own installer unzips whatever it is given into the packages
folder, so a package with a corrupt or missing model.bin, or without its
tokenizer, "installs" and then crashes every later translate and build. Here
a package is unzipped into a hidden staging folder beside the installed ones
(``engine.installed_packages`` skips hidden folders), checked, and only then
renamed into place; a refused package leaves nothing behind.

The check translates a test sentence in a child process with a time limit:
a model that crashes the process or never finishes is refused like one that
raises an error.

Without a file, the package is fetched from the Argos package index with
plain HTTP and a timeout (argostranslate's index update retries itself
without end when offline), then installed the same way.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import ArchiveError
from .engine import SOURCE, TARGET, argos, cannot_make, configured_packages_dir, packages_dir, version_problem

CHECK_SECONDS = 120  # a real base-size model loads and translates one sentence in a few seconds
NETWORK_SECONDS = 20
MAX_UNPACKED_BYTES = 4 * 1024 ** 3  # real ar->en packages unpack to about 100 MB
TEST_SENTENCE = "أعلنت اللجنة بدء العمل."
_STAGING = ".install-"
_INDEX = "the Argos package index"


def install_from_file(path: Path):
    """Check the .argosmodel file at ``path`` and install it; the installed Package. A refused
    package leaves nothing behind, not even a packages folder this call created."""
    if not path.is_file():
        raise ArchiveError(path, "no such file" if not path.exists() else "is not a file (a .argosmodel file is)")
    folder = packages_dir()
    with _no_new_empty_folder(folder):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise cannot_make(folder, e) from e
        for leftover in interrupted_installs():
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=folder))
        except OSError as e:  # (named after the folder, not the random name it was making)
            raise ArchiveError(folder, f"cannot install into the packages folder: {e.strerror}") from e
        try:
            top = _unpack(path, staging)
            _check_package(path, staging / top)
            target = folder / top
            old = staging / ".replaced"
            if target.exists():  # the same package again: replace it
                target.rename(old)
            try:
                (staging / top).rename(target)
            except OSError:
                if old.exists():
                    old.rename(target)  # put the installed package back
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return argos()[0].Package(target)


@contextlib.contextmanager
def _no_new_empty_folder(folder: Path | None):
    """When what runs inside fails or is interrupted, remove ``folder`` if it did not exist before
    and is empty: a refused install leaves no packages folder behind, not even one argostranslate
    made on import."""
    created = folder is not None and not folder.exists()
    try:
        yield
    except BaseException:
        if created and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise


def interrupted_installs() -> list[Path]:
    """Staging folders an install left when it was killed (kill -9 passes no finally)."""
    folder = packages_dir()
    return sorted(folder.glob(_STAGING + "*")) if folder.is_dir() else []


def _unpack(path: Path, staging: Path) -> str:
    """Unzip ``path`` into ``staging``; the name of its single top folder."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            tops = {PurePosixPath(m.filename).parts[0] for m in members if m.filename.strip("/")}
            if len(tops) != 1:
                raise ArchiveError(path, "not an Argos package: it must hold exactly one top folder")
            top = tops.pop()
            for m in members:
                name = PurePosixPath(m.filename)
                if name.is_absolute() or ".." in name.parts or top.startswith("."):
                    raise ArchiveError(path, f"refused: the package holds the unsafe path {m.filename!r}")
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise ArchiveError(path, "refused: the package unpacks to more than 4 GiB")
            names = {m.filename for m in members}
            if f"{top}/metadata.json" not in names:
                raise ArchiveError(path, f"not an Argos package: no {top}/metadata.json inside")
            metadata = json.loads(zf.read(f"{top}/metadata.json"))
            if not isinstance(metadata, dict):
                raise ArchiveError(path, f"not an Argos package: {top}/metadata.json is not a JSON object")
            codes = (metadata.get("from_code"), metadata.get("to_code"))
            if codes != (SOURCE, TARGET):
                raise ArchiveError(path, f"is a package for {codes[0]}->{codes[1]}, not {SOURCE}->{TARGET}")
            if (problem := version_problem(metadata)):
                raise ArchiveError(path, f"not an Argos package: in {top}/metadata.json, {problem}")
            for needed in ("model/model.bin", "sentencepiece.model"):
                if f"{top}/{needed}" not in names:
                    raise ArchiveError(path, f"incomplete package: no {needed} inside; refused")
            zf.extractall(staging)
    except (OSError, zipfile.BadZipFile, ValueError, UnicodeDecodeError) as e:
        raise ArchiveError(path, f"not an Argos package (.argosmodel zip): {e}") from e
    return top


def _check_package(path: Path, unpacked: Path) -> None:
    """Load the unpacked package and translate a test sentence, in a child process with a time limit."""
    try:
        done = subprocess.run([sys.executable, "-m", "build_tools.translate.install", str(unpacked)],
                              capture_output=True, text=True, timeout=CHECK_SECONDS)
    except subprocess.TimeoutExpired:
        raise ArchiveError(path, f"refused: the model did not translate a test sentence within "
                                 f"{CHECK_SECONDS} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise ArchiveError(path, f"refused: the model does not work ({last.removeprefix('error: ')})")


def _translate_test_sentence(unpacked: Path) -> None:
    """What the child process runs: the engine, exactly as translate uses it, on one sentence."""
    from .engine import ArgosEngine

    output = ArgosEngine(argos()[0].Package(unpacked), inter_threads=1).translate([TEST_SENTENCE])
    if not output or not output[0].text:
        raise ArchiveError(unpacked, "the model returned an empty translation of a test sentence")


def install_from_index():
    """Download the ar->en package named in the Argos package index, then install it as a file. A
    packages folder made for it (argostranslate makes it on import) is removed if that fails."""
    with _no_new_empty_folder(configured_packages_dir()):  # (argostranslate's own folder is made on import)
        return _download_and_install()


def _download_and_install():
    index_url = argos()[1].remote_package_index
    try:
        index = json.loads(_download(index_url, _INDEX))
    except ValueError as e:
        raise ArchiveError(_INDEX, f"{index_url} is not valid JSON: {e}") from None
    if not isinstance(index, list):
        raise ArchiveError(_INDEX, f"{index_url} is not a list of packages")
    entries = [p for p in index if isinstance(p, dict) and p.get("type", "translate") == "translate"
               and (p.get("from_code"), p.get("to_code")) == (SOURCE, TARGET) and p.get("links")]
    if not entries:
        raise ArchiveError(_INDEX, f"{index_url} has no {SOURCE}->{TARGET} package")
    with tempfile.TemporaryDirectory() as tmp:
        downloaded = Path(tmp) / f"translate-{SOURCE}_{TARGET}.argosmodel"
        downloaded.write_bytes(_download(entries[0]["links"][0], "the ar->en package"))
        return install_from_file(downloaded)


def _download(url: str, what: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=NETWORK_SECONDS) as response:
            return response.read()
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise ArchiveError(what, f"cannot be downloaded from {url} ({reason}); without "
                                 "internet, download translate-ar_en-*.argosmodel on another machine "
                                 "(https://www.argosopentech.com/argospm/index/), copy it to this one "
                                 "and run python -m build_tools model install --from FILE") from None


if __name__ == "__main__":
    try:
        _translate_test_sentence(Path(sys.argv[1]))
    except Exception as e:  # anything at all: the parent reports the last line
        # What went wrong, without the staging folder's path or the advice for an installed package.
        reason = str((e.__cause__ or e.message) if isinstance(e, ArchiveError) else e)
        print("error: " + reason.replace(sys.argv[1] + "/", "").replace("\n", " "), file=sys.stderr)
        sys.exit(1)
