"""No secrets in logs: mask API keys, bearer tokens, passwords, session/reset tokens and Slack tokens in
every log record before any handler sees it.

Installed once per process (``install()``, called by the CLI and the app factory) as a log record factory,
so it covers every logger and handler, including third-party libraries that log request headers.
"""

from __future__ import annotations

import logging
import re
from typing import Any

MASK = "[redacted]"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Leadloom API keys: ll_<prefix>_<secret>; the prefix alone identifies the key, so keep it.
    (re.compile(r"\b(ll_[0-9a-f]{8})_[A-Za-z0-9_\-]{16,}"), rf"\1_{MASK}"),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/\-]{8,}=*"), rf"\1 {MASK}"),
    # Slack tokens (bot, user, app-level, refresh, config) and signing secrets in URLs or text.
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9\-]{8,}"), MASK),
    (re.compile(r"\bxapp-[A-Za-z0-9\-]{8,}"), MASK),
    # key=value / "key": "value" pairs whose name says they are secret.
    (
        re.compile(
            r"(?i)([\"']?\b(?:password|passwd|pwd|secret|token|api_key|apikey|session|leadloom_session|"
            r"signing_secret|authorization)[\"']?\s*[=:]\s*[\"']?)([^\s\"',;&}]+)"
        ),
        rf"\1{MASK}",
    ),
    # Database URLs with an inline password: postgresql://user:pass@host
    (re.compile(r"(\b[a-z][a-z0-9+.\-]*://[^:/\s@]+:)[^@\s/]+@"), rf"\1{MASK}@"),
]


def mask(text: str) -> str:
    """``text`` with every recognised secret replaced by [redacted]."""
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


_installed = False


def install() -> None:
    """Mask secrets in every log record created from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string is the caller's bug; leave the record as it is
            return record
        masked = mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
