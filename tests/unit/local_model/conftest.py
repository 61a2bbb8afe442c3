"""One LocalChatModel per test session: the embedding model and the classifier load once (cached artefact)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from leadloom.agents.local import LocalChatModel

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 26)  # a Thursday
VOCAB = {
    "users": [{"name": "Maria Lopez", "email": "maria@agency.test"}, {"name": "Tom Baker", "email": "tom@agency.test"}],
    "tags": ["vip", "webinar-2026"],
    "lead_sources": ["webinar", "referral"],
    "companies": ["Acme", "Sunrise Dental"],
    "contacts": ["Jane Doe", "Alex Chen", "Alex Kim"],
}


@pytest.fixture(scope="session")
def model() -> LocalChatModel:
    return LocalChatModel(
        vocabulary=VOCAB, today=TODAY, cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model"
    ).load()
