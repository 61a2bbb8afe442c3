"""Train, choose, calibrate and persist the learned lead-scoring model.

The one training path (used by the CRM, by ``leadloom score evaluate`` and by the
benchmark) is :func:`train_model`:

1. Validate: a known target, two classes, enough rows (else a clear
   :class:`~leadloom.crm.errors.InsufficientDataError` such as
   "not enough closed deals to train: 12 of 50").
2. Put the rows in time order and hold back the most recent ``holdout_fraction``
   (20 %) as the *gate set*. Leads of the future look like the recent past, not like a
   random sample of all time, so the gate measures what matters in production. The
   gate set is cut into ``gate_windows`` (2) consecutive windows, judged by *rolling
   origin*: the candidates for each window are trained on every row before it. Small
   data keeps one window (each window needs ``gate_window_min_class`` won and lost
   outcomes: a ROC-AUC on a few dozen leads is mostly noise).
3. Fit every candidate on the older rows (per window): a regularised logistic
   regression (one-hot categories, scaled and binned numbers, missing/never
   indicators) and a histogram gradient boosting model (native categories, missing values handled by the trees);
   each with and without *time-proxy* columns (numbers that mostly track the calendar,
   such as economic indicators; they shift outside the training range later and
   trees cannot extrapolate).
4. Calibrate each candidate on the gate set (Platt scaling of its predictions for the
   most recent rows, all windows together, the ``cv="prefit"`` recipe): the
   probabilities then match the *current* conversion rate, not the average of all history. The gate's Brier score
   is cross-fitted (calibrate on one half of the gate set, measure on the other) so it
   stays honest.
   A third candidate, the *blend*, averages the log-odds of the logistic regression and
   the boosting model (both with all columns): it keeps the linear model's
   extrapolation on drifting columns and the trees' interactions.
5. Gate: a candidate's gate ROC-AUC is its mean over the windows. Keep the blend
   unless a single candidate beats it there by more than ``blend_tolerance`` ROC-AUC
   (a recent holdout is a noisy judge on drifting data: on the bank benchmark adjacent
   10 % time blocks give the same model ROC-AUC from 0.35 to 0.72, so small differences
   there say little, and an average of two models is rarely far from the better one).
   Otherwise keep the candidate with the best ROC-AUC; within ``auc_tolerance`` of the
   best, prefer the lower Brier score (better calibrated probabilities), then the
   simpler model (logistic regression). Two windows instead of one (same gate set,
   same calibration rows) were measured on the bank benchmark: 5-fold ROC-AUC 0.797 ->
   0.801, Brier 0.092 -> 0.081, the date-ordered split unchanged (every fold then keeps
   the blend instead of flipping to logistic regression on one noisy holdout).
6. Refit the winner on all rows with the same settings (for boosting, the number of
   trees early stopping chose in the most recent window; for the blend, both members)
   and keep its calibration map. Return a :class:`TrainedModel` that carries its
   metrics, features and training window and serialises to bytes for the model
   registry.

With too few rows for a time-ordered gate, the regularised logistic regression is
trained on all rows and Platt-calibrated on cross-validated predictions.

A fitted logistic-regression pipeline is finally *compiled* (:class:`CompiledLinear`):
one-hot, imputation and scaling are all per column and affine, so the whole pipeline
equals "intercept + one table lookup or one multiply per column". That gives the same
numbers as the pipeline (checked at compile time) without scikit-learn's per-call
validation overhead, which dominates when scoring one lead.

A score is the calibrated probability of converting times 100, rounded.
"""

from __future__ import annotations

import io
import itertools
import math
import time
import uuid
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import joblib
import numpy as np
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from leadloom.crm.errors import InsufficientDataError, ValidationError
from leadloom.crm.scoring.features import FeatureBuilder, to_bool
from leadloom.crm.threads import limited, single_thread

MIN_CLOSED_OUTCOMES = 50
MIN_PER_CLASS = 5
SCHEMA_VERSION = 1
LOGISTIC = "logistic_regression"
BOOSTING = "hist_gradient_boosting"
# The average of the two (on the logit scale), then calibrated: see the module doc.
BLEND = "blend_lr_hgb"


@dataclass(frozen=True)
class TrainConfig:
    """Knobs of the training path. Defaults are the documented production choice."""

    min_rows: int = MIN_CLOSED_OUTCOMES
    holdout_fraction: float = 0.2
    auc_tolerance: float = 0.005
    calibration_folds: int = 3
    candidates: tuple[str, ...] = (LOGISTIC, BOOSTING, BLEND)
    # The blend is kept unless a single model beats it by more than this ROC-AUC on the
    # gate set: on drifting data one recent holdout is a noisy judge (see the module doc).
    blend_tolerance: float = 0.03
    # Rolling-origin gate: the recent holdout is cut into this many windows, each
    # judged by models trained on all rows before it; candidates are ranked by their
    # mean ROC-AUC over the windows (see the module doc). Fewer windows when one would
    # hold fewer than gate_window_min_class won or lost outcomes.
    gate_windows: int = 2
    gate_window_min_class: int = 50
    # Compare variants without columns that mostly track the calendar (see module doc).
    try_without_time_proxies: bool = True
    time_proxy_threshold: float = 0.6
    random_state: int = 0
    # BLAS/OpenMP threads while training (None: the library default).
    threads: int | None = 1


@dataclass
class Metrics:
    """Quality of probabilities on a set of labelled leads."""

    roc_auc: float
    pr_auc: float
    brier: float
    n: int
    positives: int

    def as_dict(self) -> dict[str, float]:
        return {
            "roc_auc": self.roc_auc,
            "pr_auc": self.pr_auc,
            "brier": self.brier,
            "n": self.n,
            "positives": self.positives,
        }


def compute_metrics(y: np.ndarray, p: np.ndarray) -> Metrics:
    """ROC-AUC, PR-AUC (average precision) and Brier score; NaN AUCs if one class only."""
    y = np.asarray(y, dtype=int)
    both = 0 < y.sum() < y.size
    return Metrics(
        roc_auc=float(roc_auc_score(y, p)) if both else math.nan,
        pr_auc=float(average_precision_score(y, p)) if both else math.nan,
        brier=float(brier_score_loss(y, p)),
        n=int(y.size),
        positives=int(y.sum()),
    )


def _as_labels(labels: Sequence[Any]) -> np.ndarray:
    y = np.fromiter((to_bool(v) for v in labels), dtype=float, count=len(labels))
    if np.isnan(y).any():
        bad = int(np.flatnonzero(np.isnan(y))[0])
        raise ValidationError(
            f"label in row {bad} is {labels[bad]!r}: expected won/lost as true/false, yes/no or 1/0",
            errors=[{"field": "label", "message": f"row {bad}: {labels[bad]!r}"}],
        )
    return y.astype(int)


def check_trainable(y: np.ndarray, min_rows: int = MIN_CLOSED_OUTCOMES) -> None:
    """Raise a clear error when these outcomes cannot train a model."""
    n = int(y.size)
    if n < min_rows:
        raise InsufficientDataError(f"not enough closed deals to train: {n} of {min_rows}", have=n, need=min_rows)
    pos = int(y.sum())
    if pos == 0 or pos == n:
        only = "won" if pos else "lost"
        raise InsufficientDataError(
            f"every closed deal is {only}: a model needs both won and lost deals to learn from",
            have=n,
            positives=pos,
        )
    if min(pos, n - pos) < MIN_PER_CLASS:
        raise InsufficientDataError(
            f"too few {'won' if pos < n - pos else 'lost'} deals to train: {min(pos, n - pos)} of {MIN_PER_CLASS}",
            have=n,
            positives=pos,
        )


# ----------------------------------------------------------------- estimators
def _logistic(builder: FeatureBuilder | _SubBuilder, columns: list[int], random_state: int) -> Pipeline:
    kinds = builder.feature_kinds
    cats = [i for i in columns if kinds[i] == "categorical"]
    flags = [i for i in columns if kinds[i] in ("boolean", "indicator")]
    numbers = [i for i in columns if kinds[i] in ("numeric", "datetime")]
    # Numbers are imputed (their indicators already recorded what was missing) and
    # scaled, and stay linear on purpose: binning them (tried: quantile bins) won
    # +0.003 ROC-AUC in random cross-validation on the bank data but lost 0.03 on the
    # date-ordered split, because bins cannot extrapolate past the training range
    # when a column drifts. Later leads matter more than shuffled ones.
    numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    pre = ColumnTransformer(
        [
            ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=5), cats),
            ("num", numeric, numbers),
            ("flag", SimpleImputer(strategy="most_frequent"), flags),
        ],
        sparse_threshold=0.0,
    )
    return Pipeline([("pre", pre), ("lr", LogisticRegression(C=0.05, max_iter=2000, random_state=random_state))])


def _boosting(builder: FeatureBuilder, columns: list[int], random_state: int) -> HistGradientBoostingClassifier:
    mask = [builder.categorical_mask[i] for i in columns]
    # Small trees, large leaves, coarse bins and L2: lead data is small and noisy;
    # early stopping picks the number of trees on a validation slice. (Compared on
    # the bank data by 5-fold CV: lr 0.1/31 leaves 0.800, lr 0.05/8 leaves 0.801,
    # this setting 0.804.)
    return HistGradientBoostingClassifier(
        learning_rate=0.04,
        max_iter=600,
        max_leaf_nodes=15,
        min_samples_leaf=60,
        max_bins=64,
        l2_regularization=1.0,
        categorical_features=np.asarray(mask, dtype=bool) if any(mask) else None,
        early_stopping=True,
        validation_fraction=0.15,
        n_iter_no_change=25,
        random_state=random_state,
    )


def _make_estimator(algorithm: str, builder: FeatureBuilder, columns: list[int], config: TrainConfig) -> Any:
    if algorithm == LOGISTIC:
        # The pipeline indexes the *selected* columns, so give it positions 0..k-1 mapped.
        return _logistic(_SubBuilder(builder, columns), list(range(len(columns))), config.random_state)
    if algorithm == BOOSTING:
        return _boosting(builder, columns, config.random_state)
    raise ValidationError(f"unknown algorithm {algorithm!r}")


class _SubBuilder:
    """A view of a builder's feature names/mask restricted to some columns."""

    def __init__(self, builder: FeatureBuilder, columns: list[int]) -> None:
        self.feature_names = [builder.feature_names[i] for i in columns]
        self.feature_kinds = [builder.feature_kinds[i] for i in columns]


def _fit_calibrated(estimator: Any, X: np.ndarray, y: np.ndarray, config: TrainConfig) -> Any:
    """Cross-validated Platt calibration (what ``CalibratedClassifierCV(ensemble=False)``
    does): out-of-fold predictions fit the sigmoid, then the model is refit on all rows."""
    folds = min(config.calibration_folds, int(min(y.sum(), y.size - y.sum())))
    if folds < 2:
        return PlattCalibrated(estimator.fit(X, y), Platt())
    oof = cross_val_predict(
        clone(estimator),
        X,
        y,
        cv=StratifiedKFold(folds, shuffle=True, random_state=config.random_state),
        method="predict_proba",
    )[:, 1]
    return PlattCalibrated(estimator.fit(X, y), Platt().fit(oof, y))


def time_proxy_columns(builder: FeatureBuilder, X: np.ndarray, threshold: float) -> list[str]:
    """Numeric input columns whose values mostly follow the row order (the calendar).

    |Spearman correlation| between the column and the row position above ``threshold``
    marks a column that describes *when* a lead came in rather than *who* it is. Such
    columns drift out of the training range over time.
    """
    n = X.shape[0]
    if n < 50:
        return []
    position = np.arange(n, dtype=float)
    out = []
    for spec in builder.specs:
        if spec.kind not in ("numeric", "datetime"):
            continue
        col = X[:, spec.feature_slice[0]]
        ok = ~np.isnan(col)
        if ok.sum() < 50 or np.nanstd(col) == 0:
            continue
        a = _rank(col[ok])
        b = _rank(position[ok])
        r = float(np.corrcoef(a, b)[0, 1])
        if abs(r) >= threshold:
            out.append(spec.name)
    return out


def _rank(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(x.size, dtype=float)
    ranks[order] = np.arange(x.size, dtype=float)
    # Average ties so a column with few distinct values is ranked fairly.
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return (sums / counts)[inverse]


# -------------------------------------------------------------- trained model
@dataclass
class TrainedModel:
    """A fitted, calibrated lead-scoring model with what a registry needs to know."""

    algorithm: str
    builder: FeatureBuilder
    estimator: Any
    columns: list[int]
    feature_names: list[str]
    metrics: dict[str, float]
    candidates: dict[str, dict[str, float]]
    excluded_columns: list[str]
    training_window: dict[str, Any]
    n_train: int
    positive_rate: float
    train_seconds: float
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    schema_version: int = SCHEMA_VERSION
    kind: str = "learned"

    # ------------------------------------------------------------- predicting
    def matrix(self, records: Sequence[Mapping[str, Any]], *, as_of: datetime | None = None) -> np.ndarray:
        """Feature matrix restricted to the columns this model uses."""
        return self.builder.transform(records, as_of=as_of)[:, self.columns]

    def proba_matrix(self, X: np.ndarray) -> np.ndarray:
        return self.estimator.predict_proba(X)[:, 1]

    def predict_proba(self, records: Sequence[Mapping[str, Any]], *, as_of: datetime | None = None) -> np.ndarray:
        """Calibrated probability of converting for each record."""
        if not records:
            return np.zeros(0)
        return self.proba_matrix(self.matrix(records, as_of=as_of))

    def score(self, records: Sequence[Mapping[str, Any]], *, as_of: datetime | None = None) -> np.ndarray:
        """0-100 scores (batch path: uses every thread the caller allows)."""
        return to_score(self.predict_proba(records, as_of=as_of))

    def score_one(self, record: Mapping[str, Any], *, as_of: datetime | None = None) -> int:
        """0-100 score of one lead (request path: single-threaded BLAS/OpenMP)."""
        with single_thread():
            return int(to_score(self.predict_proba([record], as_of=as_of))[0])

    def card(self) -> dict[str, Any]:
        """JSON-ready description for the registry and the model card."""
        return {
            "version": self.version,
            "kind": self.kind,
            "algorithm": self.algorithm,
            "metrics": self.metrics,
            "candidates": self.candidates,
            "feature_names": self.feature_names,
            "excluded_columns": self.excluded_columns,
            "dropped_columns": dict(self.builder.dropped),
            "training_window": self.training_window,
            "n_train": self.n_train,
            "positive_rate": self.positive_rate,
            "train_seconds": self.train_seconds,
            "created_at": self.created_at.isoformat(),
            "schema_version": self.schema_version,
        }

    # ------------------------------------------------------------ persistence
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TrainedModel:
        try:
            model = joblib.load(io.BytesIO(data))
        except Exception as exc:  # any unpickling failure means "not a model"
            raise ValidationError(f"these bytes are not a Leadloom lead-scoring model: {exc}") from exc
        if not isinstance(model, cls):
            raise ValidationError("these bytes are not a Leadloom lead-scoring model")
        if model.schema_version != SCHEMA_VERSION:
            raise ValidationError(
                f"model schema {model.schema_version} is not supported (expected {SCHEMA_VERSION}); retrain"
            )
        return model


def to_score(p: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(p) * 100), 0, 100).astype(int)


# ----------------------------------------------------------------- training
def _time_order(n: int, times: Sequence[Any] | None) -> np.ndarray:
    if times is None:
        return np.arange(n)
    if len(times) != n:
        raise ValidationError(f"{len(times)} times for {n} records")
    keys = [(t is None, t) for t in times]
    try:
        return np.asarray(sorted(range(n), key=keys.__getitem__))
    except TypeError as exc:
        raise ValidationError("times must all be comparable (all dates or all numbers)") from exc


def train_model(
    records: Sequence[Mapping[str, Any]],
    labels: Sequence[Any],
    *,
    times: Sequence[Any] | None = None,
    config: TrainConfig | None = None,
) -> TrainedModel:
    """Train, gate and calibrate a model on labelled records (see the module doc).

    ``records`` are dicts (CSV rows, or leads passed through ``lead_to_record``);
    ``labels`` won/lost as bools, 1/0 or yes/no; ``times`` when each outcome happened
    (any sortable values). Without ``times`` the records are taken to be in time order.
    """
    config = config or TrainConfig()
    if config.threads is None:
        return _train(records, labels, times, config)
    # Bounded BLAS/OpenMP threads: training shares the machine with the web server
    # and other workers, and oversubscribed OpenMP threads slow everyone down.
    with limited(config.threads):
        return _train(records, labels, times, config)


def _train(
    records: Sequence[Mapping[str, Any]], labels: Sequence[Any], times: Sequence[Any] | None, config: TrainConfig
) -> TrainedModel:
    started = time.perf_counter()
    if len(records) != len(labels):
        raise ValidationError(f"{len(records)} records but {len(labels)} labels")
    y_all = _as_labels(labels)
    check_trainable(y_all, config.min_rows)
    order = _time_order(len(records), times)
    ordered = [records[i] for i in order]
    y = y_all[order]

    n = len(ordered)
    windows = _gate_windows(y, config)

    candidates: dict[str, dict[str, float]] = {}
    winner: tuple[float, float, int, str, list[str], Any, Platt] | None = None
    if windows:
        members = [a for a in config.candidates if a != BLEND]
        if BLEND in config.candidates:
            members = list(dict.fromkeys([*members, LOGISTIC, BOOSTING]))
        # Per candidate name: predictions and labels of every window, the estimator of
        # the most recent window, and its excluded columns.
        raws: dict[str, list[np.ndarray]] = {}
        truths: dict[str, list[np.ndarray]] = {}
        last_fit: dict[str, tuple[str, list[str], Any]] = {}
        for start, end in windows:
            # Features are learnt from the rows before the window only, so it is unseen.
            gate_builder = FeatureBuilder().fit(ordered[:start])
            X_old = gate_builder.transform(ordered[:start], check=False)
            X_new = gate_builder.transform(ordered[start:end], check=False)
            y_old, y_new = y[:start], y[start:end]
            variants: list[tuple[str, list[str]]] = [("all", [])]
            if config.try_without_time_proxies:
                proxies = time_proxy_columns(gate_builder, X_old, config.time_proxy_threshold)
                if proxies:
                    variants.append(("no_time_proxies", proxies))
            gate_raw: dict[str, tuple[Any, np.ndarray]] = {}
            for algorithm in members:
                for variant, excluded in variants:
                    cols = _columns_without(gate_builder, excluded)
                    est = _make_estimator(algorithm, gate_builder, cols, config)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", UserWarning)  # e.g. merged quantile bins
                        est.fit(X_old[:, cols], y_old)
                    if variant == "all":
                        gate_raw[algorithm] = (est, _logit_of(est, X_new[:, cols]))
                    if algorithm not in config.candidates:
                        continue  # only a member of the blend
                    name = algorithm if variant == "all" else f"{algorithm}+{variant}"
                    raws.setdefault(name, []).append(est.predict_proba(X_new[:, cols])[:, 1])
                    truths.setdefault(name, []).append(y_new)
                    last_fit[name] = (algorithm, excluded, est)
            if BLEND in config.candidates:
                (lr_est, lr_z), (gb_est, gb_z) = gate_raw[LOGISTIC], gate_raw[BOOSTING]
                raws.setdefault(BLEND, []).append(_sigmoid((lr_z + gb_z) / 2))
                truths.setdefault(BLEND, []).append(y_new)
                last_fit[BLEND] = (BLEND, [], (lr_est, gb_est))
        scored: list[tuple[float, float, int, str, list[str], Any, Platt]] = []
        blend_entry = None
        for name, parts in raws.items():
            if len(parts) != len(windows):
                continue  # a variant that not every window had (time proxies differ)
            algorithm, excluded, est = last_fit[name]
            raw, truth = np.concatenate(parts), np.concatenate(truths[name])
            m = compute_metrics(truth, raw)
            # Judge by the mean ROC-AUC over the windows: one recent window is a noisy
            # judge on drifting data (see the module doc).
            m.roc_auc = float(np.mean([roc_auc_score(t, r) for t, r in zip(truths[name], parts, strict=True)]))
            m.brier = _crossfit_brier(raw, truth)
            candidates[name] = {**m.as_dict(), "excluded": len(excluded), "windows": len(windows)}
            simplicity = {LOGISTIC: 0, BOOSTING: 1}.get(algorithm, 2)
            entry = (m.roc_auc, m.brier, simplicity, algorithm, excluded, est, Platt().fit(raw, truth))
            scored.append(entry)
            if name == BLEND:
                blend_entry = entry
        top_auc = max(s[0] for s in scored)
        if blend_entry is not None and blend_entry[0] >= top_auc - config.blend_tolerance:
            winner = blend_entry
        else:
            near = [s for s in scored if s[0] >= top_auc - config.auc_tolerance]
            near.sort(key=lambda s: (s[1], s[2]))
            winner = near[0]

    builder = FeatureBuilder().fit(ordered)
    X = builder.transform(ordered, check=False)
    if winner is not None:
        _, _, _, algorithm, excluded, gate_est, platt = winner
        cols = _columns_without(builder, excluded)
        if algorithm == BLEND:
            lr_final = _make_estimator(LOGISTIC, builder, cols, config)
            gb_final = _make_estimator(BOOSTING, builder, cols, config)
            gb_final.set_params(early_stopping=False, max_iter=int(gate_est[1].n_iter_))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                final: Any = Blend([lr_final.fit(X[:, cols], y), gb_final.fit(X[:, cols], y)])
        else:
            final = _make_estimator(algorithm, builder, cols, config)
            if algorithm == BOOSTING:
                # Same number of trees as the gated model, so its calibration map still fits.
                final.set_params(early_stopping=False, max_iter=int(gate_est.n_iter_))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                final.fit(X[:, cols], y)
        estimator: Any = PlattCalibrated(final, platt)
    else:
        # Too little data for a time-ordered gate: the regularised linear model is the
        # safe choice on small samples, calibrated by cross-validation.
        algorithm, excluded = LOGISTIC, []
        cols = _columns_without(builder, excluded)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            estimator = _fit_calibrated(_make_estimator(algorithm, builder, cols, config), X[:, cols], y, config)
    sub_kinds = [builder.feature_kinds[i] for i in cols]
    cards = _cardinalities(builder, cols)
    estimator.compile(sub_kinds, cards, X[:: max(1, n // 200), cols])
    name = algorithm if not excluded else f"{algorithm}+no_time_proxies"
    window = _window(times, order)
    return TrainedModel(
        algorithm=name,
        builder=builder,
        estimator=estimator,
        columns=cols,
        feature_names=[builder.feature_names[i] for i in cols],
        metrics=candidates.get(name, {}),
        candidates=candidates,
        excluded_columns=excluded,
        training_window=window,
        n_train=n,
        positive_rate=float(y.mean()),
        train_seconds=time.perf_counter() - started,
    )


def _gate_windows(y: np.ndarray, config: TrainConfig) -> list[tuple[int, int]]:
    """The time-ordered gate windows as (start, end) row positions, oldest first.

    The most recent ``holdout_fraction`` of the rows is cut into ``gate_windows``
    consecutive windows; each is scored by models trained on every row before it
    (rolling origin). Fewer windows are used when a window would hold fewer than
    ``gate_window_min_class`` won or lost outcomes (a ROC-AUC on a few dozen leads is
    mostly noise; small data keeps one window). A window is kept only when both it and
    the rows before it have won and lost outcomes; no usable window means no gate.
    """
    n = int(y.size)
    first = round(n * (1 - config.holdout_fraction))
    for k in range(max(1, config.gate_windows), 0, -1):
        edges = [first + round((n - first) * i / k) for i in range(k + 1)]
        minority = min(min(int(y[a:b].sum()), int(b - a - y[a:b].sum())) for a, b in itertools.pairwise(edges))
        if k == 1 or minority >= config.gate_window_min_class:
            break
    out = []
    for start, end in itertools.pairwise(edges):
        old, new = y[:start], y[start:end]
        if old.size >= 20 and 0 < old.sum() < old.size and 0 < new.sum() < new.size:
            out.append((start, end))
    return out


class Platt:
    """Sigmoid calibration of a model's probabilities: p' = 1 / (1 + exp(-(a*logit(p) + b)))."""

    def __init__(self) -> None:
        self.a, self.b = 1.0, 0.0

    @staticmethod
    def _logit(p: np.ndarray) -> np.ndarray:
        p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    def fit(self, p: np.ndarray, y: np.ndarray) -> Platt:
        if 0 < y.sum() < y.size:
            # Nearly unregularised: two parameters cannot overfit a few hundred rows.
            lr = LogisticRegression(C=1e4, max_iter=1000).fit(self._logit(p)[:, None], y)
            self.a, self.b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
        return self

    def __call__(self, p: np.ndarray) -> np.ndarray:
        z = self.a * self._logit(p) + self.b
        return 1 / (1 + np.exp(-z))


class PlattCalibrated:
    """A fitted classifier followed by a :class:`Platt` map (the ``predict_proba`` API)."""

    def __init__(self, estimator: Any, platt: Platt) -> None:
        self.estimator, self.platt = estimator, platt
        self.classes_ = np.asarray([0, 1])

    def compile(self, kinds: list[str], cardinalities: list[int], sample: np.ndarray) -> PlattCalibrated:
        """Swap the fitted model for its exact compiled form (see the module doc)."""
        if isinstance(self.estimator, Pipeline) and isinstance(self.estimator[-1], LogisticRegression):
            self.estimator = CompiledLinear.from_pipeline(self.estimator, kinds, cardinalities, sample)
        elif isinstance(self.estimator, HistGradientBoostingClassifier):
            self.estimator = CompiledTrees.from_estimator(self.estimator, cardinalities, sample)
        elif isinstance(self.estimator, Blend):
            self.estimator.compile(kinds, cardinalities, sample)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = self.platt(self.estimator.predict_proba(X)[:, 1])
        return np.column_stack([1 - p, p])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _logit_of(estimator: Any, X: np.ndarray) -> np.ndarray:
    """A fitted binary classifier's log-odds for ``X`` (every member here has them)."""
    return np.ravel(estimator.decision_function(X)).astype(float)


class Blend:
    """The average log-odds of several fitted classifiers (``predict_proba`` API).

    Logistic regression and gradient boosting are both fitted with log loss on the same
    labels, so their log-odds share a scale; the average keeps the linear model's
    extrapolation on drifting columns and the trees' interactions, and the Platt map
    fitted on the gate set calibrates the result.
    """

    def __init__(self, members: list[Any]) -> None:
        self.members = members
        self.classes_ = np.asarray([0, 1])

    def compile(self, kinds: list[str], cardinalities: list[int], sample: np.ndarray) -> Blend:
        compiled: list[Any] = []
        for member in self.members:
            if isinstance(member, Pipeline) and isinstance(member[-1], LogisticRegression):
                compiled.append(CompiledLinear.from_pipeline(member, kinds, cardinalities, sample))
            elif isinstance(member, HistGradientBoostingClassifier):
                compiled.append(CompiledTrees.from_estimator(member, cardinalities, sample))
            else:
                compiled.append(member)
        self.members = compiled
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return np.mean([_logit_of(m, X) for m in self.members], axis=0)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1 - p, p])


class CompiledLinear:
    """A fitted one-hot/impute/scale + logistic-regression pipeline as lookups and multiplies.

    The pipeline's logit is a sum of per-column terms. Probing it column by column
    around a reference row recovers each term exactly: a table over the category
    codes for categorical columns, and slope + value-when-missing for the others.
    """

    def __init__(self, base: float, tables: dict[int, np.ndarray], slopes: np.ndarray, missing: np.ndarray) -> None:
        self.base, self.tables, self.slopes, self.missing = base, tables, slopes, missing
        self.classes_ = np.asarray([0, 1])

    @classmethod
    def from_pipeline(
        cls, pipeline: Pipeline, kinds: list[str], cardinalities: list[int], sample: np.ndarray
    ) -> CompiledLinear:
        """Compile ``pipeline``; ``sample`` rows (from training) verify the result."""
        ref = np.nan_to_num(sample[0], nan=0.0)
        probes = [ref]
        layout: list[tuple[int, bool, int]] = []
        for j, kind in enumerate(kinds):
            values = range(cardinalities[j]) if kind == "categorical" else (ref[j] + 1.0, np.nan)
            for v in values:
                row = ref.copy()
                row[j] = v
                probes.append(row)
                layout.append((j, np.isnan(v), len(probes) - 1))
        z = pipeline.decision_function(np.vstack(probes))
        z0 = float(z[0])
        tables: dict[int, list[float]] = {}
        slopes = np.zeros(ref.size)
        missing = np.zeros(ref.size)
        for j, is_nan, i in layout:
            if kinds[j] == "categorical":
                tables.setdefault(j, []).append(float(z[i] - z0))  # 0 at the reference code
            elif is_nan:
                missing[j] = z[i] - z0 + slopes[j] * ref[j]  # the +1 probe came first
            else:
                slopes[j] = z[i] - z0
        base = z0 - float(sum(slopes[j] * ref[j] for j in range(ref.size) if kinds[j] != "categorical"))
        model = cls(base, {j: np.asarray(t) for j, t in tables.items()}, slopes, missing)
        if not np.allclose(model.decision_function(sample), pipeline.decision_function(sample), atol=1e-6):
            raise ValidationError("internal error: compiled linear model disagrees with its pipeline")
        return model

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        z = np.full(X.shape[0], self.base)
        for j, table in self.tables.items():
            codes = np.clip(np.nan_to_num(X[:, j], nan=table.size - 1), 0, table.size - 1).astype(int)
            z += table[codes]
        linear = [j for j in range(X.shape[1]) if j not in self.tables]
        block = X[:, linear]
        nan = np.isnan(block)
        z += np.where(nan, self.missing[linear], np.where(nan, 0.0, block) * self.slopes[linear]).sum(axis=1)
        return z

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = 1 / (1 + np.exp(-self.decision_function(X)))
        return np.column_stack([1 - p, p])


class CompiledTrees:
    """A fitted binary ``HistGradientBoostingClassifier`` for small batches.

    scikit-learn's predict pays milliseconds of input validation and one OpenMP region
    per tree; for one lead (or the few dozen variants of an explanation) that is
    nearly all of the time. Here every tree is laid out in flat arrays and all rows
    walk all trees together, one vectorised step per tree level, following the same
    rules as scikit-learn's predictor (missing and unknown categories take the
    missing-value branch). Large batches still go to scikit-learn, which is faster
    there. The result is checked against scikit-learn when compiling.
    """

    SMALL_BATCH = 512

    def __init__(self, estimator: HistGradientBoostingClassifier) -> None:
        self.estimator = estimator
        self.classes_ = np.asarray([0, 1])
        predictors = [tree[0] for tree in estimator._predictors]
        offsets = np.cumsum([0] + [len(p.nodes) for p in predictors[:-1]])
        nodes = np.concatenate([p.nodes for p in predictors])
        sizes = np.repeat(offsets, [len(p.nodes) for p in predictors])
        bitsets = [p.raw_left_cat_bitsets for p in predictors]
        bit_offsets = np.repeat(np.cumsum([0] + [len(b) for b in bitsets[:-1]]), [len(p.nodes) for p in predictors])
        self.roots = offsets.astype(np.intp)
        self.feature = nodes["feature_idx"].astype(np.intp)
        self.threshold = nodes["num_threshold"].astype(float)
        self.left = (nodes["left"] + sizes).astype(np.intp)
        self.right = (nodes["right"] + sizes).astype(np.intp)
        self.leaf = nodes["is_leaf"].astype(bool)
        self.value = nodes["value"].astype(float)
        self.missing_left = nodes["missing_go_to_left"].astype(bool)
        self.categorical = nodes["is_categorical"].astype(bool)
        self.bitset_row = (nodes["bitset_idx"] + bit_offsets).astype(np.intp)
        stacked = [b for b in bitsets if len(b)]
        self.left_bits = np.concatenate(stacked) if stacked else np.zeros((1, 8), dtype=np.uint32)
        # Numeric split nodes of trees without categorical splits point past the end;
        # their bitset is never read for the decision, but the gather must stay in bounds.
        self.bitset_row = np.minimum(self.bitset_row, len(self.left_bits) - 1)
        known, f_idx_map = estimator._bin_mapper.make_known_categories_bitsets()
        self.known_bits = known if len(known) else np.zeros((1, 8), dtype=np.uint32)
        self.f_idx_map = np.asarray(f_idx_map, dtype=np.intp)
        self.depth = int(nodes["depth"].max()) + 1
        self.baseline = float(np.ravel(estimator._baseline_prediction)[0])
        # With categorical features scikit-learn reorders columns (categories first) and
        # ordinal-encodes the categories (unknown ones become missing) before the trees.
        self.order: np.ndarray | None = None
        self.lookups: list[np.ndarray] = []
        pre = getattr(estimator, "_preprocessor", None)
        if pre is not None:
            mask = np.asarray(estimator.is_categorical_, dtype=bool)
            self.order = np.concatenate([np.flatnonzero(mask), np.flatnonzero(~mask)])
            for categories in pre.named_transformers_["encoder"].categories_:
                table = np.full(256, np.nan)
                for i, c in enumerate(categories):
                    if not np.isnan(c) and 0 <= c < 256:
                        table[int(c)] = i
                self.lookups.append(table)

    @classmethod
    def from_estimator(
        cls, estimator: HistGradientBoostingClassifier, cardinalities: list[int], sample: np.ndarray
    ) -> CompiledTrees | HistGradientBoostingClassifier:
        """Compile, or keep the estimator when the compiled form does not match it."""
        try:
            model = cls(estimator)
        except (AttributeError, KeyError, ValueError, IndexError):  # a changed internal layout
            return estimator
        # Verify on training rows plus every category code and a missing value per column.
        probes = [sample]
        for j, size in enumerate(cardinalities):
            rows = np.repeat(sample[:1], size + 2, axis=0)
            rows[:, j] = [*range(size + 1), np.nan] if size else [0.0] * (size + 1) + [np.nan]
            probes.append(rows)
        check = np.vstack(probes)
        try:
            same = np.allclose(model._proba_small(check), estimator.predict_proba(check)[:, 1], atol=1e-9)
        except (IndexError, ValueError):
            same = False
        return model if same else estimator

    def _raw_small(self, X: np.ndarray) -> np.ndarray:
        if self.order is not None:
            X = X[:, self.order]  # a copy
            for k, table in enumerate(self.lookups):
                col = X[:, k]
                ok = (col >= 0) & (col < 256)  # False for NaN too
                encoded = np.full(col.shape, np.nan)
                encoded[ok] = table[col[ok].astype(np.intp)]
                X[:, k] = encoded
        n = X.shape[0]
        idx = np.broadcast_to(self.roots, (n, self.roots.size)).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.depth):
            leaf = self.leaf[idx]
            if leaf.all():
                break
            x = X[rows, self.feature[idx]]
            nan = np.isnan(x)
            cat = self.categorical[idx]
            code = np.where(nan | ~cat | (x < 0), 0, x).astype(np.intp) & 255
            word, bit = code // 32, (code % 32).astype(np.uint32)
            in_left = ((self.left_bits[self.bitset_row[idx], word] >> bit) & 1).astype(bool)
            known = ((self.known_bits[self.f_idx_map[self.feature[idx]], word] >> bit) & 1).astype(bool)
            missing = nan | (cat & ((x < 0) | (~in_left & ~known)))
            go_left = np.where(missing, self.missing_left[idx], np.where(cat, in_left, x <= self.threshold[idx]))
            idx = np.where(leaf, idx, np.where(go_left, self.left[idx], self.right[idx]))
        return self.baseline + self.value[idx].sum(axis=1)

    def _proba_small(self, X: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self._raw_small(X)))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if X.shape[0] > self.SMALL_BATCH:
            return self.estimator.predict_proba(X)
        p = self._proba_small(X)
        return np.column_stack([1 - p, p])

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        if X.shape[0] > self.SMALL_BATCH:
            return np.ravel(self.estimator.decision_function(X))
        return self._raw_small(X)


def _crossfit_brier(p: np.ndarray, y: np.ndarray) -> float:
    """Brier score of Platt-calibrated ``p``, each half calibrated on the other half."""
    halves = [np.arange(y.size) % 2 == 0, np.arange(y.size) % 2 == 1]
    out = np.empty(y.size)
    for fit_on, apply_to in (halves, halves[::-1]):
        out[apply_to] = Platt().fit(p[fit_on], y[fit_on])(p[apply_to])
    return float(np.mean((out - y) ** 2))


def _cardinalities(builder: FeatureBuilder, cols: list[int]) -> list[int]:
    """Number of category codes of each selected feature column (0 when not categorical)."""
    sizes = [0] * len(builder.feature_names)
    for spec in builder.specs:
        if spec.kind == "categorical":
            sizes[spec.feature_slice[0]] = len(spec.categories)
    return [sizes[i] for i in cols]


def _columns_without(builder: FeatureBuilder, excluded: list[str]) -> list[int]:
    cols: list[int] = []
    for spec in builder.specs:
        if spec.name in excluded:
            continue
        cols.extend(range(*spec.feature_slice))
    return cols


def _window(times: Sequence[Any] | None, order: np.ndarray) -> dict[str, Any]:
    if times is None or not len(order):
        return {"first": 0, "last": int(len(order) - 1), "unit": "row"}
    first, last = times[int(order[0])], times[int(order[-1])]
    return {
        "first": first.isoformat() if hasattr(first, "isoformat") else first,
        "last": last.isoformat() if hasattr(last, "isoformat") else last,
        "unit": "time",
    }
