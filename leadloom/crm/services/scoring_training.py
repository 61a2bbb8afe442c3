"""Training lead-scoring models on an organization's own history, and the model registry around them.

Training data (no leakage): every contact with a known outcome becomes one row. The label is 1 for a
won deal or a customer lifecycle stage (customer, evangelist, churned: they bought), 0 for lost deals
or disqualification; a salesperson's latest correction overrides it. A lifecycle outcome without a
deal counts only when the record history says when it happened. The features are the contact as
it looked *before* the outcome: ``lead_to_record(lead, as_of=outcome time - DECISION_MARGIN)`` drops
activities after that moment, and nothing that is only known afterwards (stage, deal status, score)
is given to it. The margin keeps the closing call itself ("we'd like to move forward") out.

Training (:func:`train_org_model`):

- fewer than ``MIN_CLOSED_OUTCOMES`` outcomes, or outcomes that cannot train a model (one class only):
  the transparent cold-start model (naive Bayes), stored as ``kind = "cold_start"`` with the reason,
  e.g. "not enough closed deals to train: 12 of 50";
- otherwise champion/challenger on a held-back, time-ordered test set: the most recent outcomes the
  champion never saw when there are enough of them (else the most recent 20 %). The challenger is
  trained on the older outcomes with the one training path (``crm.scoring.train_model``), and
  ``crm.scoring.compare`` decides. Accepted: the model is refit on *all* outcomes (recent leads
  matter most), becomes the champion, and every contact is queued for rescoring. Rejected: stored
  with ``status = "rejected"``, its metrics and the reason; the champion keeps scoring. With too few
  outcomes the champion has not seen (fewer than 20, or one class only), no fair comparison exists:
  the champion would win on memory. The new model is then stored as a ``candidate`` with its own
  holdout metrics and the reason, and the champion stays.

The heavy lifting runs in a worker thread so the event loop (API, workers) keeps serving.
"""

from __future__ import annotations

import asyncio
import io
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import numpy as np
from psycopg_pool import AsyncConnectionPool

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import InsufficientDataError, NotFoundError, ValidationError
from leadloom.crm.permissions import authorize
from leadloom.crm.repositories import scoring as repo
from leadloom.crm.scoring import (
    MIN_CLOSED_OUTCOMES,
    ColdStartModel,
    TrainConfig,
    TrainedModel,
    compare,
    compute_metrics,
    lead_to_record,
    status,
    train_model,
)
from leadloom.crm.scoring.features import ABSURD_ABS_VALUE, to_float
from leadloom.crm.scoring.model import MIN_PER_CLASS, check_trainable

log = logging.getLogger(__name__)

DECISION_MARGIN = timedelta(days=1)
POSITIVE_STAGES = frozenset({"customer", "evangelist", "churned"})
NEGATIVE_STAGES = frozenset({"disqualified"})
HOLDOUT_FRACTION = 0.2
MIN_TEST = 20
LABEL_DEFINITION = (
    "1 = won a deal or reached customer/evangelist/churned; 0 = lost deals or disqualified; "
    "a salesperson's correction overrides both. Features as of one day before the outcome."
)

Model = TrainedModel | ColdStartModel
Row = dict[str, Any]


# ------------------------------------------------------------------------------ features
def lead_from_row(row: Mapping[str, Any], activities: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A contact row (``lead_rows``) and its activities as the lead dict ``lead_to_record`` reads.

    Only fields known before an outcome are passed; lifecycle stage, deals and the score are not.
    """
    lead: dict[str, Any] = {
        "email": row.get("email"),
        "phone": row.get("phone"),
        "source": row.get("lead_source"),
        "job_title": row.get("title"),
        "created_at": row.get("created_at"),
        "email_consent": bool(row.get("email_consent")),
        "activities": [
            {"type": a["type"], "direction": a.get("direction"), "occurred_at": a["occurred_at"]} for a in activities
        ],
        "custom_fields": row.get("custom") or {},
    }
    if row.get("company") is not None:
        lead["company"] = {"size": row.get("company_size"), "industry": row.get("industry")}
    return lead


async def load_leads(conn: Conn, *, org_id: UUID, ids: Sequence[UUID]) -> dict[UUID, tuple[dict[str, Any], Row]]:
    """Lead dicts (for features) and the raw rows (for display) of these contacts, by id."""
    rows = await repo.lead_rows(conn, org_id=org_id, ids=ids)
    acts: dict[UUID, list[Row]] = {}
    for a in await repo.lead_activities(conn, org_id=org_id, ids=[r["id"] for r in rows]):
        acts.setdefault(a["contact_id"], []).append(a)
    return {r["id"]: (lead_from_row(r, acts.get(r["id"], [])), r) for r in rows}


# ----------------------------------------------------------------------------- labels
@dataclass
class TrainingSet:
    """Feature records, labels and outcome times, in time order."""

    records: list[dict[str, Any]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    contact_ids: list[UUID] = field(default_factory=list)
    corrections_used: int = 0
    # Values refused as absurd (say a budget of 1e300 from a bad import), blanked for training.
    absurd_values: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.labels)


def outcome_of(row: Mapping[str, Any]) -> tuple[int, datetime] | None:
    """(label, when it became known) for one ``outcomes`` row; None when the contact has no outcome."""
    natural: tuple[int, datetime] | None = None
    stage = row.get("lifecycle_stage")
    if row.get("won_at") is not None:
        natural = (1, row["won_at"])
    elif row.get("lost_at") is not None:
        natural = (0, row["lost_at"])
    elif stage in POSITIVE_STAGES | NEGATIVE_STAGES and row.get("stage_at") is not None:
        # Only when the record history says when the stage was reached: a guess such as updated_at
        # could fall after the real decision and let later activity leak into the features.
        natural = (int(stage in POSITIVE_STAGES), row["stage_at"])
    if row.get("corrected_at") is None:
        return natural
    label = row.get("corrected_label")
    if label is None:
        label = (row.get("corrected_score") or 0) >= 50
    # The correction decides the label; the features stay those before the real outcome when there is one.
    return int(bool(label)), natural[1] if natural else row["corrected_at"]


def _blank_absurd(record: dict[str, Any], seen: dict[str, int]) -> dict[str, Any]:
    """Blank numbers no lead can have: one bad imported value must not stop the whole
    organization's training (the feature builder refuses them). Counted for the model card."""
    for key, value in record.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            continue
        x = to_float(value)
        if math.isinf(x) or (not math.isnan(x) and abs(x) > ABSURD_ABS_VALUE):
            record[key] = None
            seen[key] = seen.get(key, 0) + 1
    return record


async def build_training_set(conn: Conn, *, org_id: UUID) -> TrainingSet:
    """Every contact with an outcome, as of just before that outcome (see the module doc)."""
    found = []
    corrections = 0
    for row in await repo.outcomes(conn, org_id=org_id):
        got = outcome_of(row)
        if got is not None:
            found.append((row["id"], got[0], got[1]))
            corrections += row.get("corrected_at") is not None
    found.sort(key=lambda t: (t[2], str(t[0])))
    leads = await load_leads(conn, org_id=org_id, ids=[f[0] for f in found])
    out = TrainingSet(corrections_used=corrections)
    for contact_id, label, when in found:
        if contact_id not in leads:
            continue
        lead, _ = leads[contact_id]
        out.records.append(_blank_absurd(lead_to_record(lead, as_of=when - DECISION_MARGIN), out.absurd_values))
        out.labels.append(label)
        out.times.append(when)
        out.contact_ids.append(contact_id)
    return out


# ------------------------------------------------------------------------- model cache
_CACHE: OrderedDict[UUID, Model] = OrderedDict()
_CACHE_SIZE = 32


def _cached(model_id: UUID, artefact: bytes | None, kind: str) -> Model:
    if model_id in _CACHE:
        _CACHE.move_to_end(model_id)
        return _CACHE[model_id]
    if artefact is None:
        raise NotFoundError(f"no model {model_id}")
    model: Model = TrainedModel.from_bytes(artefact) if kind == "learned" else ColdStartModel.from_bytes(artefact)
    _CACHE[model_id] = model
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return model


async def current_model(conn: Conn, *, org_id: UUID) -> tuple[Row, Model] | None:
    """The champion's registry row and the loaded model (cached per process by model id)."""
    model_id = await repo.champion_id(conn, org_id=org_id)
    if model_id is None:
        return None
    if model_id in _CACHE:
        row = await repo.get_model(conn, org_id=org_id, model_id=model_id)
        if row is not None:
            return row, _cached(model_id, None, row["kind"])
    row = await repo.champion(conn, org_id=org_id)
    if row is None:
        return None
    return row, _cached(row["id"], bytes(row["artefact"]), row["kind"])


_TRAIN_LOCKS: dict[UUID, asyncio.Lock] = {}


async def ensure_model(pool: AsyncConnectionPool[Conn], org_id: UUID) -> tuple[Row, Model]:
    """The champion, training the first one when the organization has none yet."""
    async with org_tx(pool, org_id) as conn:
        found = await current_model(conn, org_id=org_id)
    if found is not None:
        return found
    async with _TRAIN_LOCKS.setdefault(org_id, asyncio.Lock()):
        async with org_tx(pool, org_id) as conn:
            found = await current_model(conn, org_id=org_id)
        if found is None:
            await _train_org(pool, org_id)
            async with org_tx(pool, org_id) as conn:
                found = await current_model(conn, org_id=org_id)
    if found is None:  # pragma: no cover - train_org always leaves a champion
        raise NotFoundError("no scoring model could be trained")
    return found


# ------------------------------------------------------------------------------ training
@dataclass
class _Result:
    """What one training run decided, ready for the registry."""

    kind: str
    algorithm: str
    status: str
    status_text: str
    model: Model
    metrics: dict[str, Any]
    features: list[dict[str, Any]]
    gate: dict[str, Any] | None
    window: tuple[datetime | None, datetime | None]
    n_train: int
    n_outcomes: int
    card: dict[str, Any]
    train_seconds: float


def calibration_bins(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    """Reliability curve: leads sorted by predicted probability, cut into equal-count bins."""
    if y.size == 0:
        return []
    k = max(1, min(bins, y.size // 10))
    order = np.argsort(p, kind="mergesort")
    out = []
    for chunk in np.array_split(order, k):
        if chunk.size:
            out.append(
                {
                    "predicted": round(float(p[chunk].mean()), 4),
                    "observed": round(float(y[chunk].mean()), 4),
                    "count": int(chunk.size),
                }
            )
    return out


def permutation_importances(
    model: TrainedModel, records: Sequence[Mapping[str, Any]], y: np.ndarray, *, repeats: int = 3, seed: int = 0
) -> list[dict[str, Any]]:
    """ROC-AUC lost when one input column is shuffled on the held-back set (bigger = matters more).

    Measured per input column (all its encoded columns shuffled together), on leads the model did not
    train on, so it says what the model relies on for *new* leads.
    """
    if not (0 < y.sum() < y.size):
        return []
    rng = np.random.default_rng(seed)
    X = model.matrix(records)
    base = compute_metrics(y, model.proba_matrix(X)).roc_auc
    pos = {c: i for i, c in enumerate(model.columns)}
    out: list[dict[str, Any]] = []
    for spec in model.builder.specs:
        cols = [pos[j] for j in range(*spec.feature_slice) if j in pos]
        if not cols:
            continue
        drops = []
        for _ in range(repeats):
            Xp = X.copy()
            perm = rng.permutation(X.shape[0])
            Xp[:, cols] = X[perm][:, cols]
            drops.append(base - compute_metrics(y, model.proba_matrix(Xp)).roc_auc)
        out.append({"feature": spec.name, "label": spec.label, "importance": round(float(np.mean(drops)), 4)})
    out.sort(key=lambda f: -f["importance"])
    return out


def _cold_start(data: TrainingSet, reason: str | None, started: float) -> _Result:
    model = ColdStartModel.fit(data.records, data.labels, reason=reason)
    text = reason or status(len(data), MIN_CLOSED_OUTCOMES)
    card = {
        **model.card(),
        "status": text,
        "label_definition": LABEL_DEFINITION,
        "class_counts": {"won": int(sum(data.labels)), "lost": len(data) - int(sum(data.labels))},
        "corrections_used": data.corrections_used,
        "absurd_values_ignored": data.absurd_values,
        "calibration": [],
        "importances": [],
        "note": "a transparent frequency model until enough outcomes exist; it has no held-back metrics",
    }
    return _Result(
        kind="cold_start",
        algorithm=model.algorithm,
        status="champion",
        status_text=text,
        model=model,
        metrics={},
        features=[{"feature": f} for f in model.fields],
        gate=None,
        window=(data.times[0] if data.times else None, data.times[-1] if data.times else None),
        n_train=len(data),
        n_outcomes=len(data),
        card=card,
        train_seconds=time.perf_counter() - started,
    )


def _split(data: TrainingSet, champion: Model | None, champion_to: datetime | None) -> tuple[int, str, str | None]:
    """Where the held-back test set starts, what it is, and why a comparison would be unfair (or None).

    With a learned champion the test set must be outcomes it never trained on, or the champion wins on
    memory rather than merit. Without enough of them, no fair comparison is possible yet.
    """
    n = len(data)
    default = min(round(n * (1 - HOLDOUT_FRACTION)), n - MIN_TEST)
    recent = "the most recent 20 % of outcomes"
    if champion is None or getattr(champion, "kind", "") != "learned" or champion_to is None:
        return default, recent, None
    unseen = next((i for i, t in enumerate(data.times) if t > champion_to), n)
    y_new = data.labels[unseen:]
    if n - unseen >= MIN_TEST and 0 < sum(y_new) < len(y_new) and unseen >= n // 2:
        return unseen, "outcomes after the champion's training window (unseen by both models)", None
    why = (
        f"champion kept: {n - unseen} outcomes since it was trained ({sum(y_new)} won); a fair comparison "
        f"needs at least {MIN_TEST} it has not seen, with both won and lost"
    )
    return default, recent, why


def _train_sync(
    data: TrainingSet,
    champion: Model | None,
    champion_to: datetime | None,
    config: TrainConfig | None,
    challenger_labels: Callable[[list[int]], list[int]] | None,
) -> _Result:
    """The CPU part of a training run (runs in a worker thread)."""
    started = time.perf_counter()
    y_all = np.asarray(data.labels, dtype=int)
    try:
        check_trainable(y_all, MIN_CLOSED_OUTCOMES)
    except InsufficientDataError as exc:
        result = _cold_start(data, exc.detail if len(data) >= MIN_CLOSED_OUTCOMES else None, started)
        if champion is not None and getattr(champion, "kind", "") == "learned":
            # Outcomes were deleted or re-labelled so far that no model trains: keep the learned champion.
            result.status = "rejected"
            result.gate = {"accepted": False, "reason": f"kept the learned champion: {result.status_text}"}
        return result

    labels = list(data.labels)
    if challenger_labels is not None:
        labels = list(challenger_labels(labels))
    cut, test_source, unfair = _split(data, champion, champion_to)
    test_records, y_test = data.records[cut:], y_all[cut:]
    base = config or TrainConfig()
    # The 50-outcome rule was checked on the whole set; the older part only needs both classes.
    sub_config = replace(base, min_rows=2 * MIN_PER_CLASS)
    challenger = train_model(data.records[:cut], labels[:cut], times=data.times[:cut], config=sub_config)
    if unfair:
        # Kept as a candidate with its own honest holdout metrics; never promoted on an unfair test.
        accepted = False
        holdout = compute_metrics(y_test, challenger.predict_proba(test_records)).as_dict()
        gate = {
            "accepted": False,
            "reason": unfair,
            "test_set": test_source,
            "n_test": len(y_test),
            "challenger": holdout,
            "champion": None,
        }
    else:
        try:
            decision = compare(champion, challenger, test_records, y_test.tolist(), min_test=MIN_TEST)
            gate = {**decision.as_dict(), "test_set": test_source, "n_test": len(y_test)}
            accepted = decision.accepted
            holdout = decision.challenger
        except InsufficientDataError as exc:
            # No fair comparison possible: a first model may go live, a champion is never replaced blindly.
            accepted = champion is None or getattr(champion, "kind", "") != "learned"
            gate = {"accepted": accepted, "reason": exc.detail, "test_set": test_source, "n_test": len(y_test)}
            holdout = compute_metrics(y_test, challenger.predict_proba(test_records)).as_dict()
    p_test = challenger.predict_proba(test_records)
    calibration = calibration_bins(y_test, p_test)
    importances = permutation_importances(challenger, test_records, y_test)
    metrics: dict[str, Any] = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in holdout.items()}
    metrics["test_from"] = data.times[cut].isoformat() if cut < len(data) else None

    if accepted:
        model = train_model(data.records, labels, times=data.times, config=base)
        n_train, window = len(data), (data.times[0], data.times[-1])
        status_text = f"learned model: trained on {len(data)} closed outcomes; {gate['reason']}"
        state = "champion"
    else:
        model, n_train, window = challenger, cut, (data.times[0], data.times[cut - 1])
        status_text = str(gate["reason"])
        state = "candidate" if unfair else "rejected"
    card = {
        **model.card(),
        "status": status_text,
        "label_definition": LABEL_DEFINITION,
        "holdout_metrics": metrics,
        "gate": gate,
        "calibration": calibration,
        "importances": importances,
        "corrections_used": data.corrections_used,
        "absurd_values_ignored": data.absurd_values,
        "n_outcomes": len(data),
    }
    return _Result(
        kind="learned",
        algorithm=model.algorithm,
        status=state,
        status_text=status_text,
        model=model,
        metrics={**metrics, "train_seconds": round(time.perf_counter() - started, 3)},
        features=importances or [{"feature": f} for f in model.feature_names],
        gate=gate,
        window=window,
        n_train=n_train,
        n_outcomes=len(data),
        card=card,
        train_seconds=time.perf_counter() - started,
    )


def _public(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("artefact",)}


async def train_org(
    pool: AsyncConnectionPool[Conn],
    org_id: UUID,
    *,
    now: datetime | None = None,
    config: TrainConfig | None = None,
    challenger_labels: Callable[[list[int]], list[int]] | None = None,
) -> dict[str, Any]:
    """Train, gate and register a model for one organization (system use: workers, first score).

    ``challenger_labels`` transforms the challenger's training labels; it exists to check the gate
    (e.g. shuffled labels must be rejected), never for production use. One training per organization
    at a time in this process; the registry write is also serialised in the database.
    """
    async with _TRAIN_LOCKS.setdefault(org_id, asyncio.Lock()):
        return await _train_org(pool, org_id, now=now, config=config, challenger_labels=challenger_labels)


async def _train_org(
    pool: AsyncConnectionPool[Conn],
    org_id: UUID,
    *,
    now: datetime | None = None,
    config: TrainConfig | None = None,
    challenger_labels: Callable[[list[int]], list[int]] | None = None,
) -> dict[str, Any]:
    async with org_tx(pool, org_id) as conn:
        data = await build_training_set(conn, org_id=org_id)
        found = await current_model(conn, org_id=org_id)
    champion_row, champion = found if found else (None, None)
    champion_to = champion_row.get("window_to") if champion_row else None
    result = await asyncio.to_thread(_train_sync, data, champion, champion_to, config, challenger_labels)

    async with org_tx(pool, org_id) as conn:
        await repo.lock_org_models(conn, org_id=org_id)
        if result.status == "champion":
            await repo.retire_champion(conn, org_id=org_id)
        version = await repo.next_version(conn, org_id=org_id)
        row = await repo.insert_model(
            conn,
            org_id=org_id,
            version=version,
            kind=result.kind,
            algorithm=result.algorithm,
            status=result.status,
            status_text=result.status_text,
            metrics=result.metrics,
            features=result.features,
            gate=result.gate,
            window_from=result.window[0],
            window_to=result.window[1],
            n_train=result.n_train,
            n_outcomes=result.n_outcomes,
            artefact=result.model.to_bytes(),
            card=result.card,
        )
        queued = await repo.enqueue_org(conn, org_id=org_id) if result.status == "champion" else 0
    _CACHE[row["id"]] = result.model
    log.info("org %s: model v%s %s (%s): %s", org_id, version, result.status, result.kind, result.status_text)
    return {
        "model": _public(row),
        "accepted": result.status == "champion",
        "kind": result.kind,
        "status": result.status_text,
        "gate": result.gate,
        "metrics": result.metrics,
        "champion_before": _public(champion_row) if champion_row else None,
        "outcomes": len(data),
        "contacts_queued": queued,
        "train_seconds": round(result.train_seconds, 3),
        "trained_at": (now or datetime.now(UTC)).isoformat(),
    }


async def train_org_model(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    *,
    now: datetime | None = None,
    config: TrainConfig | None = None,
    challenger_labels: Callable[[list[int]], list[int]] | None = None,
) -> dict[str, Any]:
    """Retrain the actor's organization's model now (champion/challenger; see the module doc)."""
    authorize(actor, "scoring.train")
    return await train_org(pool, actor.org_id, now=now, config=config, challenger_labels=challenger_labels)


# ------------------------------------------------------------------------ registry reads
async def list_models(pool: AsyncConnectionPool[Conn], actor: Actor, *, limit: int = 100) -> list[dict[str, Any]]:
    """Every model of the organization, newest first (without artefacts)."""
    async with org_tx(pool, actor) as conn:
        return await repo.list_models(conn, org_id=actor.org_id, limit=max(1, min(limit, 500)))


async def model_card(pool: AsyncConnectionPool[Conn], actor: Actor, model_id: UUID | None = None) -> dict[str, Any]:
    """One model's card (the champion's by default): metrics, features and importances, training window,
    calibration curve data, the gate decision."""
    async with org_tx(pool, actor) as conn:
        if model_id is None:
            model_id = await repo.champion_id(conn, org_id=actor.org_id)
            if model_id is None:
                raise NotFoundError("no scoring model has been trained yet: POST /api/v1/scoring/train")
        row = await repo.get_model(conn, org_id=actor.org_id, model_id=model_id)
    if row is None:
        raise NotFoundError(f"no scoring model {model_id}")
    card = dict(row.pop("card") or {})
    return {
        **row,
        "training_window": {"from": row["window_from"], "to": row["window_to"]},
        "calibration": card.get("calibration", []),
        "importances": card.get("importances", []),
        "card": card,
    }


def calibration_png(card: Mapping[str, Any]) -> bytes:
    """The calibration curve (predicted vs observed conversion on the held-back set) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display in a server; must precede pyplot
    import matplotlib.pyplot as plt

    points = card.get("calibration") or []
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    try:
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
        if points:
            xs = [p["predicted"] for p in points]
            ys = [p["observed"] for p in points]
            ax.plot(xs, ys, marker="o", label=f"model v{card.get('version', '?')}")
            metrics = card.get("metrics") or {}
            brier = metrics.get("brier")
            if brier is not None:
                ax.set_title(f"Calibration on held-back leads (Brier {brier:.3f})")
            else:
                ax.set_title("Calibration on held-back leads")
        else:
            ax.set_title("No calibration curve")
            ax.text(0.5, 0.5, str(card.get("status_text") or "cold-start model")[:60], ha="center", wrap=True)
        ax.set_xlabel("predicted probability of converting")
        ax.set_ylabel("observed conversion rate")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
    finally:
        plt.close(fig)
    return buffer.getvalue()


async def model_calibration_png(pool: AsyncConnectionPool[Conn], actor: Actor, model_id: UUID) -> bytes:
    card = await model_card(pool, actor, model_id)
    return await asyncio.to_thread(calibration_png, card)


# --------------------------------------------------------------------------- corrections
async def record_correction(
    pool: AsyncConnectionPool[Conn],
    actor: Actor,
    contact_id: UUID,
    *,
    label: bool | None = None,
    score: int | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Store a salesperson's correction of a contact's score; the next training uses it as the label.

    ``label``: True "this lead is (or will be) a customer", False "it is not". ``score``: the 0-100 score
    they think is right (50 or more counts as a positive label).
    """
    authorize(actor, "scoring.correct")
    if label is None and score is None:
        raise ValidationError(
            "give the corrected label (true/false) or the corrected score (0-100)",
            errors=[{"field": "label", "message": "missing"}],
        )
    if score is not None and not 0 <= score <= 100:
        raise ValidationError("a score is 0-100", errors=[{"field": "score", "message": f"{score} is out of range"}])
    if reason is not None and len(reason) > 2000:
        raise ValidationError("the reason is too long (2000 characters at most)", errors=[{"field": "reason"}])
    async with org_tx(pool, actor) as conn:
        rows = await repo.lead_rows(conn, org_id=actor.org_id, ids=[contact_id])
        if not rows:
            raise NotFoundError(f"no contact {contact_id}")
        return await repo.insert_correction(
            conn,
            org_id=actor.org_id,
            contact_id=contact_id,
            user_id=actor.user_id,
            corrected_label=label,
            corrected_score=score,
            reason=reason,
            score_before=rows[0]["score"],
        )


__all__ = [
    "DECISION_MARGIN",
    "LABEL_DEFINITION",
    "TrainingSet",
    "build_training_set",
    "calibration_png",
    "current_model",
    "ensure_model",
    "lead_from_row",
    "list_models",
    "load_leads",
    "model_calibration_png",
    "model_card",
    "outcome_of",
    "record_correction",
    "train_org",
    "train_org_model",
]
