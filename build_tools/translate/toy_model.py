"""Build small but real Argos Translate packages, offline, for tests and benchmarks.

The real ar->en model cannot be downloaded on our build machines, so the
engine is exercised on packages built here: a SentencePiece tokenizer trained
on a few lines and a CTranslate2 Transformer whose weights are set by numpy.

- ``build_chain_package``: a tiny model whose decoder ignores its input and
  follows a fixed chain of tokens, so every sentence translates to
  ``CHAIN_OUTPUT``: tests can assert exact output and sentence counts.
- ``broken_copy``: a copy of a package with one defect (a missing or corrupt
  model.bin, no sentencepiece.model), which installing must refuse.
- ``build_base_package``: base-size dimensions (6+6 layers, 512 wide, 8
  heads, int8) with random weights, the same compute as a real model: for
  the speed benchmark only (its output is noise of a realistic length).
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import numpy as np

CHAIN_OUTPUT = "the archive test model translated this sentence ."
PACKAGE_VERSION = "0.0-test"
# Training lines for the tokenizer: the chain words and some Arabic, so both sides have pieces.
_CORPUS = [CHAIN_OUTPUT, "أعلنت قوات سوريا الديمقراطية انطلاق عملية أمنية في دير الزور .",
           "دعا التحالف الدولي إلى وقف القتال .", "وقالت الإدارة في بيانها إن الحملة جاءت بناء على طلب السكان ."]


def _train_tokenizer(folder: Path, lines: list[str], model_type: str, vocab_size: int) -> list[str]:
    import sentencepiece as spm

    corpus = folder / "corpus.txt"
    corpus.write_text("\n".join(lines * 3) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(folder / "sentencepiece"), vocab_size=vocab_size,
        model_type=model_type, character_coverage=1.0, hard_vocab_limit=False,
        bos_id=1, eos_id=2, unk_id=0, pad_id=-1, minloglevel=2)
    corpus.unlink()
    (folder / "sentencepiece.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _spec(layers: int, heads: int, d_model: int, ffn: int, vocab: list[str], fill):
    """A TransformerSpec with every weight set by ``fill(name, shape)``."""
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
    shapes = {"embeddings": (len(vocab), d_model), "projection": (len(vocab), d_model)}
    for name in spec.variables():
        if not name.endswith(("/weight", "/gamma", "/beta")):
            continue
        shape = _shape(name, d_model, ffn, shapes)
        _set(spec, name, np.asarray(fill(name, shape), dtype=np.float32))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    return spec


def _shape(name: str, d: int, ffn: int, shapes: dict) -> tuple[int, ...]:
    if "embeddings" in name:
        return shapes["embeddings"]
    if "projection" in name:
        return shapes["projection"]
    if name.endswith("gamma") or name.endswith("beta"):
        return (d,)
    if "self_attention/linear_0" in name:
        return (3 * d, d)
    if "/attention/linear_1" in name:
        return (2 * d, d)
    if "ffn/linear_0" in name:
        return (ffn, d)
    if "ffn/linear_1" in name:
        return (d, ffn)
    return (d, d)


def _set(spec, name: str, array) -> None:
    """Assign ``array`` to the spec variable at slash-separated ``name``."""
    *path, attr = name.split("/")
    node = spec
    for part in path:
        base, _, index = part.rpartition("_")
        if index.isdigit() and isinstance(getattr(node, base, None), list):  # "layer_0" is node.layer[0]
            node = getattr(node, base)[int(index)]
        else:
            node = getattr(node, part)
    setattr(node, attr, array)


def _package(spec, folder: Path, out: Path, name: str, package_version: str = PACKAGE_VERSION) -> Path:
    """The zip Argos expects; metadata.json has the fields real Argos packages have (no name field)."""
    (folder / "model").mkdir()
    spec.save(str(folder / "model"))
    (folder / "metadata.json").write_text(json.dumps({
        "package_version": package_version, "argos_version": "1.9.0", "from_code": "ar", "from_name": "Arabic",
        "to_code": "en", "to_name": "English", "type": "translate"}), encoding="utf-8")
    (folder / "README.md").write_text(f"{name}: built offline by build_tools/translate/toy_model.py\n")
    target = out / f"{name}.argosmodel"
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, Path(folder.name) / path.relative_to(folder))
    return target


def _chain_fill(vocab: list[str], chain: list[str], rng=None):
    """Weights for a decoder that walks ``chain`` whatever the input: chain token k embeds along
    axis k, far above position encodings and whatever the layers add, and the projection maps
    axis k to token k+1. The layers get zeros, or random weights (``rng``) for real compute."""
    index = {piece: i for i, piece in enumerate(vocab)}

    def fill(name: str, shape):
        if name.endswith("gamma"):
            return np.ones(shape)
        if name == "decoder/embeddings/weight":
            weights = np.zeros(shape)
            for k, token in enumerate(chain[:-1]):
                weights[index[token], k] = 1000.0
            return weights
        if name == "decoder/projection/weight":
            weights = np.zeros(shape)
            for k, following in enumerate(chain[1:]):
                weights[index[following], k] = 50.0
            return weights
        if rng is None or name.endswith("beta"):
            return np.zeros(shape)
        return rng.normal(0, 0.05, shape)
    return fill


def build_chain_package(out: Path, package_version: str = PACKAGE_VERSION) -> Path:
    """A tiny ar->en package that translates any sentence to ``CHAIN_OUTPUT``."""
    name = f"translate-ar_en-{package_version}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        vocab = _train_tokenizer(folder, _CORPUS, "word", 64)
        chain = ["<s>"] + ["▁" + w for w in CHAIN_OUTPUT.split()] + ["</s>"]
        d = len(chain) + len(chain) % 2  # one embedding direction per chain state; even, as positions need
        return _package(_spec(2, 1, d, 4, vocab, _chain_fill(vocab, chain)), folder, out, name, package_version)


DEFECTS = ("no model.bin", "corrupt model.bin", "no sentencepiece.model")


def broken_copy(package: Path, out: Path, defect: str) -> Path:
    """A copy of the package file ``package`` with ``defect`` (one of ``DEFECTS``)."""
    target = out / f"{defect.replace(' ', '-')}.argosmodel"
    with zipfile.ZipFile(package) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.endswith("/model/model.bin") and defect != "no sentencepiece.model":
                if defect == "no model.bin":
                    continue
                data = data[: len(data) // 2] + bytes(64)  # cut in the middle of the weights
            if item.filename.endswith("/sentencepiece.model") and defect == "no sentencepiece.model":
                continue
            copy.writestr(item, data)
    return target


def build_base_package(out: Path, output_tokens: int = 32, seed: int = 0, texts: list[str] | None = None) -> Path:
    """A base-size ar->en package (6+6 layers, d=512, 8 heads, ffn=2048, int8 like Argos models) with
    random weights whose decoder stops after ``output_tokens`` tokens, the length of a typical
    sentence: every layer does a real model's work, and the output (noise) has a realistic length.
    With ``texts``, the tokenizer is trained on them (subwords of real Arabic, about two tokens a
    word on the seeds, a little more than a real model's tokenizer) instead of on random letters."""
    rng = np.random.default_rng(seed)
    letters = list("abcdefghijklmnopqrstuvwxyzابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    lines = _CORPUS + (texts or [" ".join("".join(rng.choice(letters, 5)) for _ in range(8)) for _ in range(400)])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "translate-ar_en-base"
        folder.mkdir()
        vocab = _train_tokenizer(folder, lines, "unigram", 1000 if texts else 800)
        chain = ["<s>"] + vocab[3:3 + output_tokens] + ["</s>"]
        spec = _spec(6, 8, 512, 2048, vocab, _chain_fill(vocab, chain, rng))
        spec.optimize(quantization="int8")
        return _package(spec, folder, out, "translate-ar_en-base")
