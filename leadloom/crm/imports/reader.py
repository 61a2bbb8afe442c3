"""Bytes of an uploaded file -> a header and rows: encoding and delimiter detection, ragged rows reported.

Row numbers count the header as row 1, as a spreadsheet shows them, so "row 7" in an error is the
row a person sees when they open the file. Anything that is not a usable CSV is a ValidationError that
says what is wrong, never a stack trace.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import charset_normalizer

from leadloom.crm.errors import ValidationError

DELIMITERS = (",", ";", "\t", "|")
# Encodings we accept from charset-normalizer's guess without a second look; other guesses for a file
# that is not UTF-8 are usually a Western export from Excel, which is cp1252.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "ascii"}
_LOOKS_LIKE_DATA = re.compile(
    r"^(?:[^@\s]+@[^@\s]+\.[a-z]{2,}|[+(]?\d[\d\s().\-/]{3,}|\$?\d[\d,.]*|\d{4}-\d{2}-\d{2}.*)$", re.IGNORECASE
)


@dataclass
class CsvTable:
    """A parsed file. ``rows`` are padded to the header's width; ``row_numbers[i]`` is the file row of ``rows[i]``."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str
    delimiter: str
    issues: list[dict[str, Any]] = field(default_factory=list)  # ragged rows: {"row", "column", "message"}
    bad_rows: set[int] = field(default_factory=set)  # file row numbers that cannot be imported as read

    def column(self, name: str) -> int:
        return self.header.index(name)


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(codec to decode with, name to show). BOMs first, then strict UTF-8, then charset-normalizer."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "utf-16"
    sample = data[:4000]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return "utf-16-le", "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) == 0:
        return "utf-16-be", "utf-16-be"
    if b"\x00" in data:
        raise ValidationError("the file is not a CSV text file (it contains binary data)")
    try:
        data.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise ValidationError("the file is not a CSV text file (no text encoding fits it)")
    if best.encoding in _WESTERN:
        return best.encoding, best.encoding
    try:
        data.decode("cp1252")
        return "cp1252", "cp1252"
    except UnicodeDecodeError:
        return best.encoding, best.encoding


def _text_ratio(text: str) -> float:
    """Share of characters that belong in a text file; garbage decoded as cp1252 scores low."""
    if not text:
        return 1.0
    sample = text[:20_000]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
    return good / len(sample)


def detect_delimiter(text: str) -> str:
    """csv.Sniffer on a sample, checked against a count of each candidate per line (Sniffer guesses wildly on
    short or very regular files)."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    sample = "\n".join(lines)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [len(next(csv.reader([ln], delimiter=delim))) - 1 for ln in lines] if lines else [0]
        if not counts or counts[0] == 0:
            continue
        # Columns in the header, weighted by how many lines agree with it.
        agree = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = counts[0] * agree
        if score > best_score:
            best, best_score = delim, score
    # The per-line count wins when it found anything: Sniffer picks ';' inside "Smith; Jones" style values.
    if best_score > 0:
        return best
    return sniffed if sniffed in DELIMITERS else ","


def read_csv(data: bytes) -> CsvTable:
    """Parse an uploaded file. Raises ValidationError for empty, binary, header-less or unparseable files."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ValidationError("the file is empty")
    codec, shown = detect_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ValidationError(f"the file could not be read as {shown} text ({exc.reason})") from None
    text = text.lstrip("\ufeff")
    if _text_ratio(text) < 0.95:
        raise ValidationError("the file is not a CSV text file (it contains binary data)")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw_rows = list(reader)
    except csv.Error as exc:
        raise ValidationError(f"the CSV is malformed near line {reader.line_num}: {exc}") from None
    numbered = [(i + 1, r) for i, r in enumerate(raw_rows) if any(c.strip() for c in r)]
    if not numbered:
        raise ValidationError("the file has no rows")
    _, header_raw = numbered[0]
    header = _clean_header(header_raw)
    table = CsvTable(header=header, rows=[], row_numbers=[], encoding=shown, delimiter=delimiter)
    width = len(header)
    for number, row in numbered[1:]:
        cells = [c.strip() for c in row]
        if len(cells) > width:
            extra = [c for c in cells[width:] if c]
            if extra:
                table.issues.append(
                    {
                        "row": number,
                        "column": None,
                        "message": f"has {len(cells)} values but the header has {width} columns; "
                        "the row is skipped because values cannot be matched to columns",
                    }
                )
                table.bad_rows.add(number)
            cells = cells[:width]
        elif len(cells) < width:
            table.issues.append(
                {
                    "row": number,
                    "column": None,
                    "message": f"has {len(cells)} values but the header has {width} columns; missing ones are empty",
                    "level": "warning",
                }
            )
            cells += [""] * (width - len(cells))
        table.rows.append(cells)
        table.row_numbers.append(number)
    return table


def _clean_header(cells: list[str]) -> list[str]:
    names = [c.strip().lstrip("\ufeff") for c in cells]
    while names and not names[-1]:
        names.pop()
    filled = [n for n in names if n]
    if not filled:
        raise ValidationError("the first row is empty; it must name the columns")
    data_like = sum(1 for n in filled if _LOOKS_LIKE_DATA.match(n))
    if data_like and data_like >= max(1, len(filled) // 2):
        raise ValidationError(
            "the file has no header row: the first row looks like data "
            f"({', '.join(repr(n) for n in filled[:3])}); add a first row naming the columns"
        )
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        label = name or f"column {i + 1}"
        if label in seen:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        else:
            seen[label] = 1
        out.append(label)
    return out
