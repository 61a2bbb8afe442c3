"""Feature building for lead scoring: generic records in, a numeric matrix out.

A *record* is a plain dict of column -> value (a CSV row, or a lead flattened by
:func:`lead_to_record`). :class:`FeatureBuilder` learns, from training records only,
what each column is and how to encode it:

- numeric columns: the value (NaN when missing), a missing indicator when the column
  had gaps in training, and a "never" indicator when the column uses a sentinel such as
  ``999`` in a "days since" column (the sentinel itself is turned into NaN so that no
  model reads 999 as "a very long time");
- booleans (true/false, yes/no, 0/1): 0/1 plus a missing indicator;
- categorical columns: an integer code per category seen at least ``min_count`` times;
  rare and unseen categories share one "other" code, so predicting on a category the
  model never saw works instead of crashing;
- dates: days before the reference time ("recency"), plus a missing indicator;
- identifiers and free text (almost one distinct value per row) are dropped and listed.

Absurd numbers (inf, or magnitudes above :data:`ABSURD_ABS_VALUE`) raise
:class:`~leadloom.crm.errors.ValidationError` naming the column and row: a clear error
is better than a silent nonsense score.

:func:`lead_to_record` is the CRM-specific part: it derives activity counts and recency,
channels, inbound replies, has-phone/has-email, source, company size and industry and
custom fields from a lead dict, and drops fields that are only known after the outcome
(they would leak the label).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

import numpy as np

from leadloom.crm import normalize
from leadloom.crm.errors import ValidationError

ColumnKind = Literal["numeric", "boolean", "categorical", "datetime"]

# Strings that mean "no value". "unknown" is deliberately *not* here: in real data it is
# often an answer of its own (a client who would not say) and carries signal.
MISSING_STRINGS = frozenset({"", "na", "n/a", "nan", "null", "none", "nil", "?", "-", "--"})
_TRUE = frozenset({"true", "yes", "y", "t", "1"})
_FALSE = frozenset({"false", "no", "n", "f", "0"})
# Beyond this magnitude a number in a lead record is an input error, not a measurement.
ABSURD_ABS_VALUE = 1e15
OTHER = "(other)"
MISSING = "(missing)"


def is_missing(value: Any) -> bool:
    """True for None, NaN and the strings that spreadsheets use for "no value"."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip().lower() in MISSING_STRINGS
    return False


def to_float(value: Any) -> float:
    """Parse a number; NaN when missing or not a number."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in MISSING_STRINGS:
            return math.nan
        try:
            return float(text)
        except ValueError:
            pass
        # "$1,200.50", "€ 3.400,00", "45%", "(1,200)": spreadsheet exports write numbers as people read them
        try:
            return float(normalize.to_number(text))
        except ValueError:
            return math.nan
    if isinstance(value, np.generic):
        return float(value)  # type: ignore[arg-type]
    return math.nan


def to_bool(value: Any) -> float:
    """1.0 / 0.0 for a recognisable boolean, NaN otherwise."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return 1.0
        if text in _FALSE:
            return 0.0
    return math.nan


# Date layouts other than ISO 8601 that spreadsheet and CRM exports write. They are
# chosen per column, never per value: "03/04/2024" is March in one file and April in
# another, and only the whole column can tell (a 14 in the first place settles it).
# When every value fits both orders the month-first reading wins, listed first.
DATE_FORMATS = (
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%m-%d-%Y",
    "%d-%m-%Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
)
# A time of day after the date ("14:05", "2:05:09 PM", "T14:05"): recency is counted in
# days, so the time is dropped before a non-ISO layout is applied.
_TIME_OF_DAY = re.compile(r"[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")


def to_datetime(value: Any, layout: str | None = None) -> datetime | None:
    """Parse a date or datetime to naive UTC; None otherwise.

    Objects and ISO 8601 text always parse; other text only with ``layout``, one of
    :data:`DATE_FORMATS` found for the whole column by :func:`date_layout_of`.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        # Cheap shape check first: fromisoformat on every categorical value would be slow.
        if len(text) >= 8 and text[:4].isdigit() and text[4] in "-/":
            try:
                parsed = datetime.fromisoformat(text.replace("/", "-").replace("Z", "+00:00"))
            except ValueError:
                return None
        elif layout is None or len(text) < 6:
            return None
        else:
            try:
                parsed = datetime.strptime(_TIME_OF_DAY.sub("", text), layout)
            except ValueError:
                return None
    else:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def date_layout_of(value_counts: Mapping[Any, int], *, share: float = 0.98) -> str | None:
    """The :data:`DATE_FORMATS` layout that reads at least ``share`` of a column's present
    text values (given as value -> count), or None. ISO dates need no layout."""
    counted: Counter[str] = Counter()
    for v, k in value_counts.items():
        if isinstance(v, str) and not is_missing(v):
            counted[v.strip()] += k
    total = sum(counted.values())
    if not total:
        return None
    # Try each layout on a few distinct values first: most columns are not dates at all.
    distinct = list(counted)
    sample = distinct[:: max(1, len(distinct) // 50)][:50]
    best, best_n = None, 0
    for layout in DATE_FORMATS:
        if sum(to_datetime(v, layout) is not None for v in sample) < share * len(sample):
            continue
        n = sum(k for v, k in counted.items() if to_datetime(v, layout) is not None)
        if n > best_n:
            best, best_n = layout, n
    return best if best_n >= share * total else None


def category_key(value: Any) -> str:
    """The string a categorical value is keyed by (case and surrounding space ignored)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().lower()


def _count(values: list[Any]) -> Counter[Any]:
    """Counts of each value; unhashable values (lists, dicts) are counted by their text."""
    try:
        return Counter(values)
    except TypeError:
        return Counter(v if isinstance(v, (str, int, float, bool, date)) or v is None else str(v) for v in values)


def _mapped(values: list[Any], parse: Any) -> np.ndarray:
    """``parse`` applied to each value as floats, parsing each distinct value only once."""
    try:
        lookup = {v: parse(v) for v in set(values)}
        return np.fromiter((lookup[v] for v in values), dtype=float, count=len(values))
    except TypeError:  # unhashable values: parse one by one
        return np.fromiter((parse(v) for v in values), dtype=float, count=len(values))


def _days_before(ref: datetime | None, value: Any, layout: str | None = None) -> float:
    d = to_datetime(value, layout)
    return math.nan if d is None or ref is None else (ref - d).total_seconds() / 86400.0


def _all_nines(value: float) -> bool:
    return value >= 99 and value.is_integer() and set(str(int(value))) == {"9"}


@dataclass
class ColumnSpec:
    """How one input column is encoded; learnt from training records."""

    name: str
    kind: ColumnKind
    label: str
    has_missing: bool = False
    # numeric / datetime
    median: float = 0.0
    low: float = 0.0
    high: float = 0.0
    sentinel: float | None = None
    # datetime written in a non-ISO layout (see DATE_FORMATS)
    date_layout: str | None = None
    # categorical
    categories: list[str] = field(default_factory=list)
    mode: str = ""
    # Columns of the output matrix that belong to this input column (filled by the builder).
    feature_slice: tuple[int, int] = (0, 0)

    def code_of(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.categories)}


@dataclass
class FeatureBuilder:
    """Learns column encodings from training records and turns records into a matrix.

    Parameters are generic (no column of any particular data set is named here):
    ``min_count`` is how often a category must occur to get its own code,
    ``max_categories`` caps the codes per column (the rest become "other"),
    ``clip_numeric`` clips numbers to the training range. It is off by default: on
    data that drifts (economic indicators, prices) the linear model's extrapolation
    beyond the training range measurably helps on later leads, and truly absurd
    values are refused anyway (see :data:`ABSURD_ABS_VALUE`).
    """

    min_count: int = 5
    max_categories: int = 60
    clip_numeric: bool = False
    specs: list[ColumnSpec] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    feature_names: list[str] = field(default_factory=list)
    categorical_mask: list[bool] = field(default_factory=list)
    # Per output column: the input kind, or "indicator" for missing/never flags.
    feature_kinds: list[str] = field(default_factory=list)
    reference_time: datetime | None = None
    baseline: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _codes: list[dict[str, int]] = field(default_factory=list, repr=False)

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        records: Sequence[Mapping[str, Any]],
        *,
        columns: Sequence[str] | None = None,
        reference_time: datetime | None = None,
    ) -> FeatureBuilder:
        """Infer every column's kind and encoding from ``records``."""
        if not records:
            raise ValidationError("no records to learn features from")
        if columns is None:
            seen: dict[str, None] = {}
            for record in records:
                for key in record:
                    seen.setdefault(key, None)
            columns = list(seen)
        self.specs, self.dropped = [], {}
        latest: datetime | None = None
        n = len(records)
        for name in columns:
            values = [r.get(name) for r in records]
            spec, reason, col_latest = self._infer(name, values, n)
            if spec is None:
                self.dropped[name] = reason
                continue
            self.specs.append(spec)
            if col_latest is not None and (latest is None or col_latest > latest):
                latest = col_latest
        if not self.specs:
            raise ValidationError(
                "none of the columns can be used as a feature",
                errors=[{"field": k, "message": v} for k, v in self.dropped.items()],
            )
        self.reference_time = reference_time or latest
        self._layout()
        self._fit_baseline(self.transform(records, check=False))
        return self

    def _infer(self, name: str, values: list[Any], n: int) -> tuple[ColumnSpec | None, str, datetime | None]:
        # Work on distinct values with their counts: real columns repeat values a lot,
        # so parsing each distinct value once makes fitting on 40k rows quick.
        counted = _count(values)
        present = {v: k for v, k in counted.items() if not is_missing(v)}
        n_present = sum(present.values())
        has_missing = n_present < n
        label = humanize(name)
        if not present:
            return None, "always empty", None
        keys: Counter[str] = Counter()
        for v, k in present.items():
            keys[category_key(v)] += k
        if len(keys) == 1 and not has_missing:
            return None, "the same value in every row", None

        # Booleans first: 0/1 and yes/no columns read best as "has X / no X".
        if len(keys) <= 2 and set(keys) <= (_TRUE | _FALSE):
            return ColumnSpec(name, "boolean", label, has_missing=has_missing), "", None

        numbers = {v: to_float(v) for v in present}
        n_parsed = sum(k for v, k in present.items() if not math.isnan(numbers[v]))
        if n_parsed >= 0.98 * n_present:
            distinct_x = np.asarray([x for x in numbers.values() if not math.isnan(x)], dtype=float)
            if np.isinf(distinct_x).any() or np.abs(distinct_x).max() > ABSURD_ABS_VALUE:
                self._check_absurd(name, values)
            weights = np.asarray([present[v] for v, x in numbers.items() if not math.isnan(x)], dtype=float)
            arr = np.repeat(distinct_x, weights.astype(int))
            sentinel = _detect_sentinel(arr)
            if sentinel is not None:
                arr = arr[arr != sentinel]
            if arr.size == 0:
                # Only the placeholder (e.g. "never contacted" for everyone): nothing to learn,
                # and an all-empty column would break tree binning.
                return None, "only a placeholder value (never)", None
            if _looks_like_number_key(name, distinct_x, n_present):
                return None, f"looks like an identifier ({len(distinct_x)} different whole numbers)", None
            spec = ColumnSpec(
                name,
                "numeric",
                label,
                has_missing=has_missing or n_parsed < n_present,
                median=float(np.median(arr)),
                low=float(arr.min()),
                high=float(arr.max()),
                sentinel=sentinel,
            )
            return spec, "", None

        layout = None
        dates = {v: to_datetime(v) for v in present}
        n_dates = sum(k for v, k in present.items() if dates[v] is not None)
        if n_dates < 0.98 * n_present:
            layout = date_layout_of(present)
            if layout is not None:
                dates = {v: to_datetime(v, layout) for v in present}
                n_dates = sum(k for v, k in present.items() if dates[v] is not None)
        if n_dates >= 0.98 * n_present:
            good = [d for d in dates.values() if d is not None]
            spec = ColumnSpec(name, "datetime", label, has_missing=has_missing or n_dates < n_present)
            spec.date_layout = layout
            return spec, "", max(good)

        if len(keys) > max(50, 0.5 * n):
            return None, f"looks like an identifier or free text ({len(keys)} distinct values)", None
        counts = Counter(keys)
        if has_missing:
            counts[MISSING] += n - n_present
        keep = [c for c, k in counts.most_common(self.max_categories) if k >= self.min_count]
        spec = ColumnSpec(
            name,
            "categorical",
            label,
            has_missing=has_missing,
            categories=[*keep, OTHER],
            mode=counts.most_common(1)[0][0],
        )
        return spec, "", None

    @staticmethod
    def _check_absurd(name: str, values: Iterable[Any], offset: int = 0) -> None:
        for i, value in enumerate(values):
            x = to_float(value)
            if math.isinf(x) or abs(x) > ABSURD_ABS_VALUE:
                raise ValidationError(
                    f"column {name!r} has an absurd value {value!r} in row {i + offset}",
                    errors=[{"field": name, "message": f"absurd value {value!r} (row {i + offset})"}],
                )

    def _layout(self) -> None:
        names: list[str] = []
        kinds: list[str] = []
        self._codes = []
        for spec in self.specs:
            start = len(names)
            names.append(spec.name)
            kinds.append(spec.kind)
            if spec.kind in ("numeric", "boolean", "datetime") and spec.has_missing:
                names.append(f"{spec.name}__missing")
                kinds.append("indicator")
            if spec.sentinel is not None:
                names.append(f"{spec.name}__never")
                kinds.append("indicator")
            spec.feature_slice = (start, len(names))
            self._codes.append(spec.code_of())
        self.feature_names, self.feature_kinds = names, kinds
        self.categorical_mask = [k == "categorical" for k in kinds]

    # ------------------------------------------------------------ transforming
    def transform(
        self, records: Sequence[Mapping[str, Any]], *, as_of: datetime | None = None, check: bool = True
    ) -> np.ndarray:
        """Encode ``records`` column by column (vectorised per column, so 100k rows are quick)."""
        if not self.specs:
            raise ValidationError("the feature builder has not been fitted")
        n = len(records)
        out = np.empty((n, len(self.feature_names)), dtype=float)
        ref = as_of or self.reference_time
        for spec, codes in zip(self.specs, self._codes, strict=True):
            start, _ = spec.feature_slice
            col = start
            values = [r.get(spec.name) for r in records]
            if spec.kind == "categorical":
                other = len(spec.categories) - 1
                out[:, col] = _mapped(values, lambda v, c=codes, o=other: c.get(category_key(v), o))
                continue
            if spec.kind == "numeric":
                x = _mapped(values, to_float)
                finite = x[~np.isnan(x)]
                if check and finite.size and (np.isinf(finite).any() or np.abs(finite).max() > ABSURD_ABS_VALUE):
                    self._check_absurd(spec.name, values)
                if spec.sentinel is not None:
                    never = x == spec.sentinel
                    x = np.where(never, np.nan, x)
                if self.clip_numeric:
                    x = np.clip(x, spec.low, spec.high)  # NaN stays NaN
            elif spec.kind == "boolean":
                x = _mapped(values, to_bool)
            else:  # datetime -> days before the reference time
                x = _mapped(values, lambda v, f=spec.date_layout: _days_before(ref, v, f))
            missing = np.isnan(x) if spec.sentinel is None else np.isnan(x) & ~never
            out[:, col] = x
            col += 1
            if spec.has_missing:
                out[:, col] = missing
                col += 1
            if spec.sentinel is not None:
                out[:, col] = never
        return out

    def fit_transform(self, records: Sequence[Mapping[str, Any]], **kwargs: Any) -> np.ndarray:
        self.fit(records, **kwargs)
        return self.transform(records)

    def _fit_baseline(self, matrix: np.ndarray) -> None:
        """The "typical lead" in feature space: median numbers, most common category and
        the most common missing/never state. Explanations measure each factor against it."""
        base = np.zeros(matrix.shape[1])
        for spec in self.specs:
            start, stop = spec.feature_slice
            for j in range(start, stop):
                col = matrix[:, j]
                if spec.kind == "categorical" or j > start:
                    values, counts = np.unique(col[~np.isnan(col)], return_counts=True)
                    base[j] = values[counts.argmax()] if values.size else np.nan
                else:
                    present = col[~np.isnan(col)]
                    base[j] = float(np.median(present)) if present.size else np.nan
            if stop - start > 1 and base[start + 1 : stop].max() >= 1:
                base[start] = np.nan  # typical lead has no value here (missing / never)
        self.baseline = base

    def spec(self, name: str) -> ColumnSpec:
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(name)


_KEY_WORDS = frozenset(
    {"id", "ids", "no", "nr", "num", "number", "key", "code", "ref", "uuid", "guid", "#", "row", "index", "idx",
     "serial", "seq", "sequence"}
)  # fmt: skip


def _looks_like_number_key(name: str, distinct_x: np.ndarray, n_present: int) -> bool:
    """A record number ("Lead Number", "customer_id", "row"): whole numbers, a different one in (nearly) every row,
    in a column named like a key. Such a column says which record, not what it is like; a model fed it learns
    when the record was made, or nothing. The name must say so: a measurement can be unique and even rise
    through the file (budgets of leads in the order they came), and it keeps its place.
    """
    if n_present < 50 or len(distinct_x) < 0.95 * n_present or not np.all(distinct_x == np.round(distinct_x)):
        return False
    words = set(re.findall(r"[a-z]+|#", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower()))
    return bool(words & _KEY_WORDS)


def _detect_sentinel(arr: np.ndarray) -> float | None:
    """A placeholder value standing for "never"/"not applicable" (999, 9999, -1).

    Generic rule: the column's extreme value is all nines (>= 99) or -1 under otherwise
    non-negative values, it covers at least 1 % of the rows, and it sits far from the
    other values (more than 3x the largest of the rest). Such a value is a code, not a
    measurement, so it becomes NaN plus a "never" indicator.
    """
    if arr.size < 20:
        return None
    top = float(arr.max())
    if _all_nines(top):
        rest = arr[arr != top]
        if (arr == top).mean() >= 0.01 and (rest.size == 0 or top > 3 * max(float(rest.max()), 1.0)):
            return top
    bottom = float(arr.min())
    if bottom == -1:
        rest = arr[arr != -1]
        if (arr == -1).mean() >= 0.01 and rest.size and float(rest.min()) >= 0:
            return -1.0
    return None


def humanize(name: str) -> str:
    """A column name as a marketer would read it: "nr.employed" -> "nr employed"."""
    text = name.replace("__", " ").replace("_", " ").replace(".", " ").replace("-", " ").strip()
    return " ".join(text.split()) or name


# --------------------------------------------------------------------- CRM leads

# Fields only known once a lead is won or lost. Using them would leak the outcome.
OUTCOME_FIELDS = frozenset(
    {
        "status",
        "stage",
        "lifecycle_stage",
        "outcome",
        "won",
        "lost",
        "converted",
        "is_won",
        "closed_at",
        "won_at",
        "lost_at",
        "converted_at",
        "close_reason",
        "lost_reason",
        "deal_value",
        "amount_won",
        "score",
        "score_history",
        "label",
    }
)
CHANNELS = ("email", "call", "meeting", "sms", "chat", "web", "form", "social")
_CHANNEL_ALIASES = {
    "email_sent": "email",
    "email_received": "email",
    "reply": "email",
    "phone": "call",
    "phone_call": "call",
    "visit": "web",
    "page_view": "web",
    "web_visit": "web",
    "form_submission": "form",
    "whatsapp": "chat",
    "slack": "chat",
    "linkedin": "social",
    "text": "sms",
}
_STANDARD_KEYS = frozenset(
    {
        "id",
        "email",
        "phone",
        "source",
        "company",
        "company_size",
        "industry",
        "activities",
        "custom_fields",
        "created_at",
        "name",
        "first_name",
        "last_name",
        "organization_id",
    }
)


def _company(lead: Mapping[str, Any]) -> Mapping[str, Any]:
    company = lead.get("company")
    return company if isinstance(company, Mapping) else {}


def lead_to_record(lead: Mapping[str, Any], *, as_of: datetime | None = None) -> dict[str, Any]:
    """Flatten a CRM lead into a record of features a marketer would recognise.

    ``lead`` keys understood: ``email``, ``phone``, ``source``, ``company`` (dict with
    ``size``/``employees``, ``industry``) or ``company_size``/``industry``, ``job_title``,
    ``created_at``, ``activities`` (list of dicts with ``type``/``channel``,
    ``direction`` ("inbound"/"outbound") and ``occurred_at``/``at``), ``custom_fields``
    (dict). Any other scalar field is kept as is, except :data:`OUTCOME_FIELDS`.

    ``as_of`` is the moment the score is for: now when scoring, the decision time when
    building training rows. Activities after it are ignored, so a training row never
    sees what happened after the outcome.
    """
    now = as_of or datetime.now(UTC).replace(tzinfo=None)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    company = _company(lead)
    record: dict[str, Any] = {
        "has_email": not is_missing(lead.get("email")),
        "has_phone": not is_missing(lead.get("phone")),
        "source": lead.get("source"),
        "company_size": company.get("size", company.get("employees", lead.get("company_size"))),
        "industry": company.get("industry", lead.get("industry")),
    }
    if "job_title" in lead or "title" in lead:
        record["job_title"] = lead.get("job_title", lead.get("title"))
    created = to_datetime(lead.get("created_at"))
    record["days_since_created"] = (now - created).total_seconds() / 86400.0 if created else None

    counts = dict.fromkeys(CHANNELS, 0)
    total = week = month = inbound = inbound_week = inbound_month = outbound = 0
    last: datetime | None = None
    last_in: datetime | None = None
    last_channel: str | None = None
    for act in lead.get("activities") or ():
        when = to_datetime(act.get("occurred_at", act.get("at")))
        if when is None or when > now:
            continue
        age = (now - when).total_seconds() / 86400.0
        kind = category_key(act.get("channel", act.get("type", "other")))
        kind = _CHANNEL_ALIASES.get(kind, kind)
        if kind in counts:
            counts[kind] += 1
        total += 1
        week += age <= 7
        month += age <= 30
        if category_key(act.get("direction")) in ("inbound", "in", "received"):
            inbound += 1
            inbound_week += age <= 7
            inbound_month += age <= 30
            last_in = when if last_in is None or when > last_in else last_in
        else:
            outbound += 1
        if last is None or when > last:
            last, last_channel = when, kind
    record.update(
        {
            "activities_total": total,
            "activities_7d": week,
            "activities_30d": month,
            "inbound_replies": inbound,
            "inbound_replies_7d": inbound_week,
            "inbound_replies_30d": inbound_month,
            "outbound_touches": outbound,
            "days_since_last_activity": (now - last).total_seconds() / 86400.0 if last else None,
            "days_since_last_reply": (now - last_in).total_seconds() / 86400.0 if last_in else None,
            "last_channel": last_channel,
        }
    )
    for channel, count in counts.items():
        record[f"{channel}_activities"] = count
    for key, value in (lead.get("custom_fields") or {}).items():
        if str(key).lower() not in OUTCOME_FIELDS:
            record[f"custom_{key}"] = value
    for key, value in lead.items():
        if key in _STANDARD_KEYS or key in record or str(key).lower() in OUTCOME_FIELDS:
            continue
        if key in ("job_title", "title"):
            continue
        if value is None or isinstance(value, (str, int, float, bool, date)):
            record[key] = value
    return record


# How derived CRM features read in an explanation. {v} is the lead's value.
PHRASES: dict[str, str] = {
    "has_email": "has an email address",
    "has_phone": "has a phone number",
    "source": "came from {v}",
    "company_size": "company size {v}",
    "industry": "industry: {v}",
    "job_title": "job title: {v}",
    "days_since_created": "lead created {v} days ago",
    "activities_total": "{v} activities in total",
    "activities_7d": "{v} activities in the last week",
    "activities_30d": "{v} activities in the last 30 days",
    "inbound_replies": "replied {v} times",
    "inbound_replies_7d": "replied {v} times in the last week",
    "inbound_replies_30d": "replied {v} times in the last 30 days",
    "outbound_touches": "{v} outreach touches",
    "days_since_last_activity": "last activity {v} days ago",
    "days_since_last_reply": "last reply {v} days ago",
    "last_channel": "last contact by {v}",
}
NEGATIVE_PHRASES: dict[str, str] = {
    "has_email": "no email address",
    "has_phone": "no phone number",
}
COUNTERFACTUAL_PHRASES: dict[str, str] = {
    "has_email": "with an email address",
    "has_phone": "with a phone number",
}
