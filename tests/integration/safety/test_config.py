"""OWASP API8 (security misconfiguration): production refuses to start with the development defaults."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from leadloom.crm.settings import Settings


def test_production_refuses_default_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LEADLOOM_SECRET_KEY", "LEADLOOM_APP_DB_PASSWORD", "LEADLOOM_ENV"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValidationError, match="LEADLOOM_SECRET_KEY"):
        Settings(env="production", _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="LEADLOOM_APP_DB_PASSWORD"):
        Settings(env="production", secret_key="x" * 40, _env_file=None)  # type: ignore[call-arg]
