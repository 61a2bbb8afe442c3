"""Evaluate Leadloom's lead-scoring training path on any labelled CSV file.

``leadloom score evaluate`` and the benchmark call :func:`evaluate_csv`. It reads the
file (encoding detected with charset-normalizer, delimiter with :class:`csv.Sniffer`),
turns the target column into won/lost, drops the columns asked for, and runs the very
same :func:`~leadloom.crm.scoring.model.train_model` used in production:

- 5-fold stratified cross-validation: ROC-AUC, PR-AUC (average precision), Brier;
- a time-ordered split (first 80 % of rows by ``order_by``, or file order with
  ``ordered=True``, train; last 20 % test): the honest "will it work next month" figure;
- the time to train on the whole file, and which candidate the gate chose.
"""

from __future__ import annotations

import csv
import io
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from leadloom.crm.errors import ValidationError
from leadloom.crm.scoring.features import category_key, date_layout_of, to_datetime, to_float
from leadloom.crm.scoring.model import TrainConfig, compute_metrics, train_model

POSITIVE_WORDS = ("yes", "true", "1", "won", "y", "t", "converted", "positive", "closed won", "success")
MAX_FILE_BYTES = 500 * 1024 * 1024


@dataclass
class CsvTable:
    """A CSV file read as dict rows, with how it was read."""

    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str
    delimiter: str


@dataclass
class EvalReport:
    """Figures of one evaluation; ``as_dict`` is what ``--json`` writes."""

    file: str
    rows: int
    positives: int
    target: str
    positive: str
    dropped: list[str]
    cv_folds: int
    cv_roc_auc: float
    cv_roc_auc_std: float
    cv_pr_auc: float
    cv_brier: float
    ordered_by: str | None
    ordered_roc_auc: float | None
    ordered_pr_auc: float | None
    ordered_brier: float | None
    train_seconds: float
    chosen_algorithm: str
    gate_candidates: dict[str, dict[str, float]] = field(default_factory=dict)
    fold_algorithms: list[str] = field(default_factory=list)
    ordered_algorithm: str | None = None
    excluded_time_proxies: list[str] = field(default_factory=list)
    unused_columns: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    delimiter: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in asdict(self).items()}


def detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else charset-normalizer's best guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 files

    matches = list(from_bytes(raw[:1_000_000]))
    if not matches:
        return "cp1252"
    best = matches[0]
    # Short Western files often fit several code pages equally well (cp850, cp1252,
    # latin-1); spreadsheets on the machines our users have write cp1252, so prefer it
    # when it reads about as cleanly as the best guess.
    for match in matches:
        if match.encoding in ("cp1252", "latin_1", "iso8859_15") and match.chaos <= best.chaos + 0.02:
            return match.encoding
    if best.encoding in ("cp850", "cp437", "cp858", "mac_roman"):
        try:
            raw.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


def read_csv(path: str | Path, *, encoding: str | None = None, delimiter: str | None = None) -> CsvTable:
    """Read a CSV with detected encoding and delimiter into dict rows."""
    file = Path(path)
    if not file.is_file():
        raise ValidationError(f"no such file: {file}")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise ValidationError(f"{file} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    raw = file.read_bytes()
    if not raw.strip():
        raise ValidationError(f"{file} is empty")
    enc = encoding or detect_encoding(raw)
    try:
        text = raw.decode(enc)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ValidationError(f"cannot decode {file} as {enc}: {exc}") from exc
    if delimiter is None:
        sample = text[:64_000]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            # Sniffer gives up on some files; the most common candidate in the header wins.
            first_line = sample.splitlines()[0] if sample else ""
            delimiter = max(",;\t|", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise ValidationError(f"{file} has no header row") from exc
    if len(set(header)) != len(header):
        dupes = [h for h, k in Counter(header).items() if k > 1]
        raise ValidationError(f"duplicate column names in {file}: {', '.join(dupes)}")
    rows = []
    for line_no, values in enumerate(reader, start=2):
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ValidationError(f"{file} line {line_no} has {len(values)} fields, the header has {len(header)}")
        rows.append(dict(zip(header, values, strict=True)))
    return CsvTable(header, rows, enc, delimiter)


def labels_from(rows: Sequence[dict[str, str]], target: str, positive: str | None) -> tuple[list[int], str]:
    """0/1 labels from the target column; ``positive`` is inferred from yes/true/1/won."""
    values = [category_key(r[target]) for r in rows]
    missing = sum(v == "(missing)" for v in values)
    if missing:
        raise ValidationError(f"target column {target!r} is empty in {missing} rows")
    distinct = Counter(values)
    if positive is None:
        found = [w for w in POSITIVE_WORDS if w in distinct]
        if not found:
            raise ValidationError(
                f"cannot tell which value of {target!r} means converted; pass --positive "
                f"(values: {', '.join(sorted(distinct)[:10])})"
            )
        positive = found[0]
    key = category_key(positive)
    if key not in distinct:
        raise ValidationError(
            f"positive value {positive!r} never occurs in {target!r} (values: {', '.join(sorted(distinct)[:10])})"
        )
    return [int(v == key) for v in values], key


def _sort_keys(values: Sequence[str]) -> list[tuple[int, Any]]:
    """Keys that order a column by time: dates (ISO, or the column's own layout such as
    "03/14/2024"), else numbers, else text. Text order would put "12/01/2023" before
    "3/5/2023", which is why the column's date layout is found first."""
    counts = Counter(values)
    iso = sum(k for v, k in counts.items() if to_datetime(v) is not None)
    layout = None if iso >= 0.98 * sum(counts.values()) else date_layout_of(counts)
    keys: list[tuple[int, Any]] = []
    for value in values:
        d = to_datetime(value, layout)
        if d is not None:
            keys.append((0, d))
            continue
        x = to_float(value)
        keys.append((1, x) if not math.isnan(x) else (2, value))
    return keys


def evaluate_csv(
    path: str | Path,
    *,
    target: str,
    positive: str | None = None,
    drop: Sequence[str] = (),
    order_by: str | None = None,
    ordered: bool = False,
    folds: int = 5,
    encoding: str | None = None,
    delimiter: str | None = None,
    config: TrainConfig | None = None,
    random_state: int = 0,
) -> EvalReport:
    """Run the production training path on a CSV and measure it (see the module doc)."""
    if order_by and ordered:
        raise ValidationError("use either --order-by COLUMN or --ordered, not both")
    table = read_csv(path, encoding=encoding, delimiter=delimiter)
    if target not in table.columns:
        raise ValidationError(
            f"target column {target!r} is not in the file (columns: {', '.join(table.columns)})",
            errors=[{"field": "target", "message": "not found"}],
        )
    unknown = [c for c in drop if c not in table.columns]
    if unknown:
        raise ValidationError(f"cannot drop unknown columns: {', '.join(unknown)}")
    if order_by and order_by not in table.columns:
        raise ValidationError(f"order-by column {order_by!r} is not in the file")
    rows = table.rows
    y_list, positive_key = labels_from(rows, target, positive)

    if order_by:
        # Stable sort: rows with equal times keep their file order.
        keys = _sort_keys([r[order_by] for r in rows])
        index = sorted(range(len(rows)), key=keys.__getitem__)
        rows = [rows[i] for i in index]
        y_list = [y_list[i] for i in index]
    # The order column itself is not a lead attribute; it only says when.
    excluded = {target, *drop, *([order_by] if order_by else [])}
    features = [c for c in table.columns if c not in excluded]
    records: list[dict[str, Any]] = [{c: r[c] for c in features} for r in rows]
    y = np.asarray(y_list, dtype=int)
    config = config or TrainConfig()

    # Cross-validation: each fold trains through the full path (gate included) on its
    # training rows, kept in their original order so the gate's holdout is the latest.
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    fold_metrics = []
    fold_algorithms = []
    for train_idx, test_idx in cv.split(np.zeros(len(y)), y):
        model = train_model([records[i] for i in train_idx], y[train_idx].tolist(), config=config)
        p = model.predict_proba([records[i] for i in test_idx])
        fold_metrics.append(compute_metrics(y[test_idx], p))
        fold_algorithms.append(model.algorithm)

    ordered_metrics = None
    ordered_algorithm = None
    if order_by or ordered:
        cut = round(len(records) * 0.8)
        model = train_model(records[:cut], y[:cut].tolist(), config=config)
        ordered_metrics = compute_metrics(y[cut:], model.predict_proba(records[cut:]))
        ordered_algorithm = model.algorithm

    started = time.perf_counter()
    full = train_model(records, y.tolist(), config=config)
    train_seconds = time.perf_counter() - started

    aucs = np.asarray([m.roc_auc for m in fold_metrics])
    return EvalReport(
        file=str(path),
        rows=len(records),
        positives=int(y.sum()),
        target=target,
        positive=positive_key,
        dropped=list(drop),
        cv_folds=folds,
        cv_roc_auc=float(aucs.mean()),
        cv_roc_auc_std=float(aucs.std()),
        cv_pr_auc=float(np.mean([m.pr_auc for m in fold_metrics])),
        cv_brier=float(np.mean([m.brier for m in fold_metrics])),
        ordered_by=order_by or ("file order" if ordered else None),
        ordered_roc_auc=ordered_metrics.roc_auc if ordered_metrics else None,
        ordered_pr_auc=ordered_metrics.pr_auc if ordered_metrics else None,
        ordered_brier=ordered_metrics.brier if ordered_metrics else None,
        train_seconds=train_seconds,
        chosen_algorithm=full.algorithm,
        gate_candidates=full.candidates,
        fold_algorithms=fold_algorithms,
        ordered_algorithm=ordered_algorithm,
        excluded_time_proxies=full.excluded_columns,
        unused_columns=dict(full.builder.dropped),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )
