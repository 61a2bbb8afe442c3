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
