"""French CRM words in requests are read as English; English text (with French names) passes unchanged; and the
whole model acts on requests written in French."""

from __future__ import annotations

from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.french import from_french
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        (
            "Hugo Martin a signé hier, mets-le en customer svp",
            "Hugo Martin signed yesterday, move him to customer please",
        ),
        ("Claire Morel n'est plus cliente", "Claire Morel is no longer customer"),
        ("passe-les en lead", "move them to lead"),
        ("relance le 1er mars", "follow up 1 march"),
        ("quelles sont mes tâches en retard?", "what are my overdue tasks?"),
        # a quoted name is kept as written
        (
            "prépare un brouillon de campagne courriel « Offre de printemps »",
            "draft an email campaign « Offre de printemps »",
        ),
    ],
)
def test_french_words_read_as_english(mixed: str, english: str) -> None:
    assert from_french(mixed) == english


@pytest.mark.parametrize(
    "english",
    [
        "Louis de Montigny moved to Café du Monde",  # particles and a French company name
        "mark Jane as customer and follow up on monday",
        "Hélène du Plessis owns La Maison des Fleurs",
        "est. 1998",  # one common word is not enough
    ],
)
def test_english_unchanged(english: str) -> None:
    assert from_french(english) == english


VOCAB = {
    "users": [{"name": "Maria Lopez", "email": "maria@agency.test"}, {"name": "Tom Baker", "email": "tom@agency.test"}],
    "tags": ["vip", "salon-2027"],
    "lead_sources": ["webinar", "referral", "event"],
    "companies": ["Acme", "Boulangerie Leblanc"],
    "contacts": ["Jane Doe", "Hugo Martin", "Claire Morel", "Élodie Roy"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hugo Martin est rendu client, il a payé ce matin", ("update_contact", {"stage": "customer"})),
        ("Claire Morel : stage = opportunité svp", ("update_contact", {"stage": "opportunity"})),
        ("je prends Élodie Roy", ("update_contact", {"owner": "me"})),
        (
            "Hugo Martin a dit oui pour les textos, active son consentement SMS",
            ("update_contact", {"sms_consent": True}),
        ),
    ],
)
def test_french_update(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    calls = _calls(model, text)
    assert [(name, args["changes"]) for name, args in calls] == [expected]


def test_french_new_contact_with_title_owner_and_follow_up(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "Ajoute Léa Gagnon de chez Boulangerie Leblanc, elle est directrice marketing. "
        "Son courriel : lea.gagnon@leblanc.ca. Relance le 3 décembre. C'est ma cliente.",
    )
    assert calls == [
        (
            "create_contact",
            {
                "first_name": "Léa",
                "last_name": "Gagnon",
                "email": "lea.gagnon@leblanc.ca",
                "title": "directrice marketing",
                "company": "Boulangerie Leblanc",
                "owner": "me",
                "next_follow_up": "2026-12-03",
            },
        )
    ]


def test_french_bulk_delete(model: LocalChatModel) -> None:
    calls = _calls(model, "supprime tous les subscribers venus de webinar créés avant le 1er janvier 2026")
    assert calls == [
        (
            "delete_contacts",
            {"filters": {"lead_source": "webinar", "stage": "subscriber", "created_before": "2026-01-01"}},
        )
    ]
