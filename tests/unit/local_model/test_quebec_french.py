"""Québec French CRM requests (round fifteen): stage changes, owners, tags, follow-ups, tasks, notes, questions,
bulk changes, dictation and forwarded e-mails are read; French chatter touches no tool. Every name and sentence
here is invented."""

from __future__ import annotations

from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.french import french_words, from_french
from leadloom.agents.local.portuguese import portuguese_words
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("faudrait remettre Lucie Hamel en lead", "please move Lucie Hamel to lead"),
        ("tu peux la passer en client stp", "can you move her to customer please"),
        ("on le met churned", "move him to churned"),
        (
            "transfère Gaston Roy à Nadine pis un suivi lundi prochain",
            "assign Gaston Roy to Nadine and a follow up next monday",
        ),
        ("Enlève le tag froid de Rémi Fortin", "remove the tag froid from Rémi Fortin"),
        ("C'est qui l'owner de Rémi Fortin?", "who is the owner of Rémi Fortin?"),
        ("Qui sont mes contacts en MQL?", "who are my MQL contacts?"),
        ("décale le suivi avec Rémi Fortin au 12/05", "push the follow-up of Rémi Fortin au 12 may"),
        ("courriel paul point roy arobas exemple point ca", "email paul.roy@exemple.ca"),
        (
            "De : Lise Aubin <lise@exemple.ca>\nObjet : Soumission",
            "From: Lise Aubin <lise@exemple.ca>\nSubject: Soumission",
        ),
    ],
)
def test_quebec_french_read_as_english(mixed: str, english: str) -> None:
    assert from_french(mixed) == english


def test_quebec_french_is_not_portuguese() -> None:
    # "mais" is also Portuguese; "ça", "remettre" are French
    text = "ça serait bien de remettre Hugo Gendron en lead mais pas tout de suite"
    assert french_words(text) > portuguese_words(text)


VOCAB = {
    "users": [
        {"name": "Nadine Caron", "email": "nadine@agence.test"},
        {"name": "Yves Paradis", "email": "yves@agence.test"},
    ],
    "tags": ["froid", "kiosque"],
    "lead_sources": ["website", "referral", "salon-expo"],
    "companies": ["Boulangerie Lune", "Ferme Tardif"],
    "contacts": ["Rémi Fortin", "Lucie Hamel", "Gaston Roy", "Hugo Gendron"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mettre Lucie Hamel en SQL svp, elle a rappelé", ("update_contact", {"stage": "sql"})),
        ("Gaston Roy, tu peux le mettre en opportunité", ("update_contact", {"stage": "opportunity"})),
        ("Hugo Gendron est clairement rendu client", ("update_contact", {"stage": "customer"})),
        ("transfère Rémi Fortin à Yves", ("update_contact", {"owner": "Yves Paradis"})),
        ("Enlève le tag froid de Rémi Fortin, il a rappelé", ("update_contact", {"tags_remove": ["froid"]})),
    ],
)
def test_quebec_french_update(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    calls = _calls(model, text)
    assert [(name, args["changes"]) for name, args in calls] == [expected]


def test_quebec_french_owner_question(model: LocalChatModel) -> None:
    assert _calls(model, "C'est qui l'owner de Lucie Hamel?") == [("get_contact", {"contact": "Lucie Hamel"})]


def test_quebec_french_bulk_owner(model: LocalChatModel) -> None:
    calls = _calls(model, "Tous les contacts de Nadine, transfère-les à Yves.")
    assert calls == [
        ("bulk_update_contacts", {"filters": {"owner": "Nadine Caron"}, "changes": {"owner": "Yves Paradis"}})
    ]


def test_quebec_french_task_for_a_colleague(model: LocalChatModel) -> None:
    calls = _calls(model, "Crée une tâche pour Yves : rappeler Gaston Roy d'ici le 20/11")
    assert len(calls) == 1
    name, args = calls[0]
    assert name == "create_task"
    assert (args["owner"], args["contact"], args["due"]) == ("Yves Paradis", "Gaston Roy", "2026-11-20")
