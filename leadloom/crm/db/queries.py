"""Named SQL blocks loaded from .sql files (``-- name: find_contacts``), so SQL lives in SQL files.

Each file under ``crm/sql`` becomes a mapping of block name to SQL text, parsed once per process.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_NAME = re.compile(r"^--\s*name:\s*([a-z_][a-z0-9_]*)\s*$", re.MULTILINE)


def parse_queries(text: str) -> dict[str, str]:
    """Split a .sql file into its named blocks; the text before the first name is ignored (file comments)."""
    parts = _NAME.split(text)
    queries: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name in queries:
            raise ValueError(f"duplicate query name {name!r}")
        queries[name] = body.strip().rstrip(";")
    return queries


@cache
def queries(file: str) -> dict[str, str]:
    """The named queries of ``crm/sql/<file>.sql``."""
    return parse_queries((SQL_DIR / f"{file}.sql").read_text(encoding="utf-8"))


def q(file: str, name: str) -> str:
    """One named query; a KeyError here is a programming error, not user input."""
    return queries(file)[name]
