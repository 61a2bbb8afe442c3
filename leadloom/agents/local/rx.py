"""The ``re`` module's functions with a compiled-pattern cache that holds all of the local model's patterns.

The local model's rules use well over a thousand distinct regular expressions, many of them built per request
from the organization's vocabulary (a tag, a source, a company said in the message). ``re`` keeps only the last
512 compiled patterns and evicts the oldest, so every request evicted patterns the next one needed and
recompiled them: on the slowest dev-set requests about 65 compilations per model call, in ``re``'s pure-Python
parser, were most of the time spent outside the embedding. The package's modules import this module as ``re``
(``from leadloom.agents.local import rx as re``): same names and signatures, one cache of 8,192 patterns.
"""

from __future__ import annotations

import re as _re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

I = IGNORECASE = _re.IGNORECASE  # noqa: E741 (the name re uses)
M = MULTILINE = _re.MULTILINE
S = DOTALL = _re.DOTALL
X = VERBOSE = _re.VERBOSE
Pattern = _re.Pattern
Match = _re.Match
error = _re.error
escape = _re.escape


@lru_cache(maxsize=8192)
def _compiled(pattern: str, flags: int) -> _re.Pattern[str]:
    return _re.compile(pattern, flags)


def compile(pattern: str | _re.Pattern[str], flags: int = 0) -> _re.Pattern[str]:
    return pattern if isinstance(pattern, _re.Pattern) else _compiled(pattern, int(flags))


def search(pattern: str | _re.Pattern[str], string: str, flags: int = 0) -> _re.Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str | _re.Pattern[str], string: str, flags: int = 0) -> _re.Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str | _re.Pattern[str], string: str, flags: int = 0) -> _re.Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern: str | _re.Pattern[str], string: str, flags: int = 0) -> Iterator[_re.Match[str]]:
    return compile(pattern, flags).finditer(string)


def findall(pattern: str | _re.Pattern[str], string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def sub(
    pattern: str | _re.Pattern[str],
    repl: str | Callable[[_re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int = 0,
) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(
    pattern: str | _re.Pattern[str],
    repl: str | Callable[[_re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int = 0,
) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: str | _re.Pattern[str], string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)


def __getattr__(name: str) -> Any:  # anything else re offers (flags, purge, …) is re's own
    return getattr(_re, name)
