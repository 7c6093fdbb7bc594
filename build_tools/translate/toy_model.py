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
  the speed benchmark only. Its decoder either walks a fixed chain (output:
  32 tokens of noise whatever the input, so no name placeholder survives) or
  copies its input through cross-attention (output: the input, token for
  token, placeholders included, as long as the input), which is nearer to
  what a trained model does with a Latin placeholder and with length.
"""
from __future__ import annotations

import json
import string
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


DEFECTS = ("no model.bin", "corrupt model.bin", "no sentencepiece.model", "corrupt sentencepiece.model")


def broken_copy(package: Path, out: Path, defect: str) -> Path:
    """A copy of the package file ``package`` with ``defect`` (one of ``DEFECTS``)."""
    target = out / f"{defect.replace(' ', '-')}.argosmodel"
    with zipfile.ZipFile(package) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.endswith("/model/model.bin") and defect.endswith("model.bin"):
                if defect == "no model.bin":
                    continue
                data = data[: len(data) // 2] + bytes(64)  # cut in the middle of the weights
            if item.filename.endswith("/sentencepiece.model") and defect.endswith("sentencepiece.model"):
                if defect == "no sentencepiece.model":
                    continue
                data = b"not a sentencepiece model"
            copy.writestr(item, data)
    return target


def build_base_package(out: Path, output_tokens: int = 32, seed: int = 0, texts: list[str] | None = None,
                       decoder: str = "chain") -> Path:
    """A base-size ar->en package (6+6 layers, d=512, 8 heads, ffn=2048, int8 like Argos models) with
    random weights: every layer does a real model's work. With ``texts``, the tokenizer is trained on
    them (subwords of real Arabic, about two tokens a word on the seeds, a little more than a real
    model's tokenizer) instead of on random letters.

    ``decoder``: "chain" stops after ``output_tokens`` tokens of noise, whatever the input; "copy"
    (see ``_copy_fill``) outputs its input token for token, so it carries name placeholders through
    and its output is as long as its input."""
    if decoder not in DECODERS:
        raise ValueError(f"decoder must be one of {DECODERS}")
    rng = np.random.default_rng(seed)
    letters = list("abcdefghijklmnopqrstuvwxyzابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    lines = _CORPUS + (texts or [" ".join("".join(rng.choice(letters, 5)) for _ in range(8)) for _ in range(400)])
    lines.append(" ".join(string.ascii_uppercase))  # a real model's vocabulary has Latin capitals (placeholders)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "translate-ar_en-base"
        folder.mkdir()
        vocab = _train_tokenizer(folder, lines, "unigram", 1000 if texts else 800)
        if decoder == "chain":
            chain = ["<s>"] + vocab[3:3 + output_tokens] + ["</s>"]
            spec = _spec(6, 8, 512, 2048, vocab, _chain_fill(vocab, chain, rng))
        else:
            spec = _spec(6, 8, 512, 2048, vocab, _copy_fill(len(vocab), rng))
            positions = _copy_positions(rng)
            spec.encoder.position_encodings.encodings = positions
            spec.decoder.position_encodings.encodings = positions
            spec._config.__dict__["add_source_eos"] = True  # the copied </s> ends the output
            spec.validate()
        spec.optimize(quantization="int8")
        return _package(spec, folder, out, "translate-ar_en-base")


DECODERS = ("chain", "copy")
# The copy model's residual stream (512 wide): a position code in [0, 64) and its negation in
# [64, 128), the source token's code in [128, 192) and its negation in [192, 256), the copied code in
# [256, 320) and its negation in [320, 384). Negated copies keep each vector's mean at zero, so
# layer normalisation only rescales the codes. The codes are about 1000 per component, far above
# what the random layers (weights ~N(0, 0.05)) add, which is a few units.
_SIGNAL, _HEAD = 1000.0, 64


def _copy_positions(rng, length: int = 1024):
    """Position encodings (``length`` x 512): 32 (cos, sin) pairs of frequencies chosen so that a
    position's code matches its own far better than any other's (cosine at most about 0.35)."""
    steps = np.arange(1, length)
    best = None
    for _ in range(50):
        frequencies = np.sort(rng.uniform(0.05, np.pi, 32))
        worst = np.max(np.cos(np.outer(steps, frequencies)).sum(1)) / 32
        if best is None or worst < best[0]:
            best = (worst, frequencies)
    angles = np.arange(length)[:, None] * best[1]
    code = np.concatenate([np.cos(angles), np.sin(angles)], 1) * _SIGNAL
    encodings = np.zeros((length, 512), dtype=np.float32)
    encodings[:, 0:64], encodings[:, 64:128] = code, -code
    return encodings


def _copy_fill(vocab_size: int, rng, layer: int = 5):
    """Weights for a model that outputs its input: the encoder embeds each token as a random unit
    code (times the signal); in the last decoder layer, cross-attention head 0 matches the decoder's
    position with the source positions (queries and keys read the position code, queries scaled so
    that the softmax picks one position) and carries that position's token code into the copied
    dims; the projection scores every token by its code against them. The decoder's own input
    tokens are ignored, the source ends with </s> (add_source_eos), so the copy ends there too.
    Every other weight is random, as in the chain model."""
    d, h = 512, _HEAD
    codes = rng.normal(0, 1, (vocab_size, h))
    codes /= np.linalg.norm(codes, axis=1, keepdims=True)
    cross = f"decoder/layer_{layer}/attention/"

    def fill(name: str, shape):
        if name.endswith("gamma"):
            return np.ones(shape)
        if name.endswith("beta"):
            return np.zeros(shape)
        weights = np.zeros(shape)
        if name == "encoder/embeddings_0/weight":  # scaled by sqrt(d) in the model
            weights[:, 128:192] = codes * _SIGNAL * np.sqrt(h) / np.sqrt(d)
            weights[:, 192:256] = -weights[:, 128:192]
        elif name == "decoder/projection/weight":
            weights[:, 256:320], weights[:, 320:384] = codes * 50, -codes * 50
        elif name == cross + "linear_0/weight":  # queries of head 0: the decoder's position
            weights[0:h, 0:h] = 8 * np.eye(h)
        elif name == cross + "linear_1/weight":  # keys of head 0: source positions; values: token codes
            weights[0:h, 0:h] = np.eye(h)
            weights[d:d + h, 128:192] = np.eye(h)
        elif name == cross + "linear_2/weight":  # head 0's output into the copied dims
            weights[256:320, 0:h], weights[320:384, 0:h] = _SIGNAL * np.eye(h), -_SIGNAL * np.eye(h)
        elif name != "decoder/embeddings/weight":  # the decoder's input tokens are ignored
            weights = rng.normal(0, 0.05, shape)
        return weights
    return fill
