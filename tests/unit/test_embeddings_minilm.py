"""Our MiniLM encoder gives sentence-transformers' vectors for the bundled all-MiniLM-L6-v2."""

from __future__ import annotations

import numpy as np

from leadloom.memory.embeddings import get_model, model_path

TEXTS = [
    "move Jane Doe to customer",
    "hi",
    "Add Tobias Krüger, Head of Finance at Müller-Hoffmann Antriebe GmbH, tobias.krueger@mh-antriebe.de",
    "which contacts haven't we called since march? " * 20,  # longer than the 256-token limit: truncated alike
]


def test_vectors_match_sentence_transformers() -> None:
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(model_path()), device="cpu").encode(TEXTS, normalize_embeddings=True)
    ours = get_model().encode(TEXTS, normalize_embeddings=True)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    assert np.abs(ours - reference).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
