"""Spanish CRM words mixed into English requests are read as English; English text passes unchanged."""

from __future__ import annotations

import pytest

from leadloom.agents.local.spanish import from_spanish


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        (
            "Stefan Novak ponlo en opportunity y follow up el lunes",
            "Stefan Novak move him to opportunity and follow up on monday",
        ),
        ("Sunita no es lead, es customer desde marzo", "Sunita is not lead, is customer since march"),
        ("regrésala a lead porfa", "move her back to lead please"),
        ("Luis ya firmó!! customer", "Luis signed!! customer"),
        ("nuevo contacto | Armando Quiñones | cel 602-555-0117", "new contact | Armando Quiñones | phone 602-555-0117"),
        ("recuérdame llamarle mañana", "remind me llamarle tomorrow"),
    ],
)
def test_spanish_words_read_as_english(mixed: str, english: str) -> None:
    assert from_spanish(mixed) == english


@pytest.mark.parametrize(
    "english",
    [
        "Luis de la Garza signed the contract",  # a name with Spanish particles
        "Sol y Sombra Townhomes wants a quote",  # a company with "y"
        "mark Jane as customer and follow up on monday",
        "es muss sein",  # one common word is not enough
    ],
)
def test_english_unchanged(english: str) -> None:
    assert from_spanish(english) == english
