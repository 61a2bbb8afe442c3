"""Round thirteen: requests written in Swahili/Sheng or German around the CRM words, and German, Polish and
Australian short forms of given names. Examples are our own, written for this vocabulary (today is Thursday
2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Akinyi Odera", "email": "akinyi@jengadigital.test"},
        {"name": "Otieno Mbugua", "email": "otieno@jengadigital.test"},
        {"name": "Mia Schubert", "email": "mia@jengadigital.test"},
    ],
    "tags": ["hot-lead", "promo", "spam", "messe", "winback"],
    "lead_sources": ["website", "referral", "instagram", "walk-in"],
    "companies": ["Baraka Bakery", "Jenga Hardware", "Rheinwerk AG", "Kustom Prints"],
    "contacts": [
        "Halima Chege",
        "Wairimu Gitau",
        "Tom Mbugua",
        "Oliver Brandt",
        "Benedikt Roth",
        "Rebecca Lowry",
        "Katarzyna Nowak",
        "Petra Lang",
        "Sven Roth",
    ],
    "country": "KE",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "Halima Chege ni customer sasa 🎉",
            ("update_contact", {"contact": "Halima Chege", "changes": {"stage": "customer"}}),
        ),
        ("Futa Tom Mbugua, alikuwa test entry", ("delete_contacts", {"contact": "Tom Mbugua"})),
        ("nipe number ya Wairimu Gitau haraka", ("get_contact", {"contact": "Wairimu Gitau"})),
        (
            "Otieno anaondoka end of month, hamisha contacts zake zote kwa Akinyi",
            ("bulk_update_contacts", {"filters": {"owner": "Otieno Mbugua"}, "changes": {"owner": "Akinyi Odera"}}),
        ),
        ("Bitte Petra Lang auf SQL setzen", ("update_contact", {"contact": "Petra Lang", "changes": {"stage": "sql"}})),
        ("Sven Roth bitte löschen, Dublette", ("delete_contacts", {"contact": "Sven Roth"})),
        (
            "Wiedervorlage Petra Lang bitte auf den 3.12. schieben",
            ("update_contact", {"contact": "Petra Lang", "changes": {"next_follow_up": "2026-12-03"}}),
        ),
    ],
)
def test_swahili_and_german_requests(model: LocalChatModel, text: str, call: tuple) -> None:
    assert _calls(model, text)[0] == call


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("Olli Brandt hat unterschrieben!!! customer", "Oliver Brandt"),
        ("Benni Roth → lead", "Benedikt Roth"),
        ("bec lowry signed the retainer, make her a customer", "Rebecca Lowry"),
        ("Kasia Nowak is now a customer", "Katarzyna Nowak"),
    ],
)
def test_short_forms_of_given_names(model: LocalChatModel, text: str, contact: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["contact"] == contact, args
