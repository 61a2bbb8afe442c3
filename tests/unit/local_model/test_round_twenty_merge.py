"""Round twenty, the merge of the helpers' branches: a rule of one branch meeting a rule of another. Set 66's
emoji and polite-sentence separators cut "X went cold 😩 move her back to lead and pull the hot tag" into a story
clause ("went cold", read alone as churned) and the change asked for; the stage the request names wins. Examples
are our own (a Lisbon agency for surf schools and guesthouses)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [{"name": "Inês Duarte", "email": "ines@onda.test"}, {"name": "Rui Matos", "email": "rui@onda.test"}],
    "tags": ["hot-lead", "surf-camp", "vip", "trial"],
    "lead_sources": ["website", "referral", "instagram"],
    "companies": ["Ericeira Surf School", "Casa Azul Guesthouse"],
    "contacts": ["Marta Sousa", "Tiago Lopes", "Joana Reis"],
    "country": "PT",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "Marta Sousa went cold 😩 move her back to lead and pull the hot-lead tag",
            {"stage": "lead", "tags_remove": ["hot-lead"]},
        ),
        ("Tiago Lopes went cold, set him back to mql and remove the vip tag", {"stage": "mql", "tags_remove": ["vip"]}),
    ],
)
def test_the_stage_asked_for_beats_the_story(model: LocalChatModel, text: str, changes: dict) -> None:
    first = _calls(model, text)[0]
    assert first[0] == "update_contact" and first[1]["changes"] == changes


# Set 66's emoji separator cut "X went from ignoring everything to opening every email 📈 bump her to MQL" into a
# clause of its own, where "went from A to B" read "opening every single" as her new employer (set 33, a new miss).
@pytest.mark.parametrize(
    "text",
    [
        "Marta Sousa went from ignoring everything to opening every single email 📈📈 bump her to MQL",
        "Marta Sousa went from not answering to calling us twice a day 🔥 move her to mql",
    ],
)
def test_a_change_of_habit_is_no_new_employer(model: LocalChatModel, text: str) -> None:
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Marta Sousa", "changes": {"stage": "mql"}})


def test_went_from_one_firm_to_another_still_moves(model: LocalChatModel) -> None:
    text = "tiago lopes went from ericeira surf school to casa azul guesthouse"
    first = _calls(model, text)[0]
    assert first[0] == "update_contact" and first[1]["changes"] == {"company": "Casa Azul Guesthouse"}


# Set 67's "sms consent: false" (a ticket's field and value) read "turn off SMS consent on his record" as
# "consent on", turning it on (set 33, a new miss): "on" before whose record is the preposition.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Joana Reis asked us to stop texting her. Please turn off SMS consent on her record.", False),
        ("Please switch on email consent on the record of Joana Reis, she opted in at the fair", True),
        ("Joana Reis\n- sms consent: false", False),
    ],
)
def test_consent_on_a_record(model: LocalChatModel, text: str, value: bool) -> None:
    changes = _calls(model, text)[0][1]["changes"]
    assert [v for k, v in changes.items() if k.endswith("_consent")] == [value]
