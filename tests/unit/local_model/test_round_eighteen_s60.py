"""Round eighteen, set 60: conventions read from a Dublin growth agency's requests (a terse head of accounts'
notes with signs and arrows, Irish English, tram dictation with "full stop", pasted exports and signatures).
A tag put on with "+word" or taken off with "−word", "Name. stage." as two fragments, "full stop" said aloud,
"tag him X as well", "sure" leading into the ask, "put me down as owner", a colleague "on leave" closing a note.
Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Brona Keating", "email": "brona@harbourlight.test"},
        {"name": "Fiach Doran", "email": "fiach@harbourlight.test"},
    ],
    "tags": ["hot-lead", "payroll", "nurture", "vip", "podcast"],
    "lead_sources": ["website", "referral", "linkedin", "trade-show"],
    "companies": ["Clonmel Freight", "Bluestack Dental"],
    "contacts": ["Peadar Lawlor", "Siún Brady", "Kofi Asante", "Helga Strand"],
    "country": "IE",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_a_plus_sign_before_a_word_puts_that_tag_on(model: LocalChatModel) -> None:
    assert _calls(model, "Kofi Asante: +vip +payroll")[0] == (
        "update_contact",
        {"contact": "Kofi Asante", "changes": {"tags_add": ["vip", "payroll"]}},
    )


def test_a_minus_sign_before_a_word_takes_that_tag_off(model: LocalChatModel) -> None:
    assert _calls(model, "Helga Strand −nurture. went quiet.")[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"tags_remove": ["nurture"]}},
    )


def test_name_then_the_stage_alone_as_fragments(model: LocalChatModel) -> None:
    assert _calls(model, "Peadar Lawlor. customer. → remove nurture")[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"stage": "customer", "tags_remove": ["nurture"]}},
    )


def test_full_stop_said_aloud_ends_the_sentence(model: LocalChatModel) -> None:
    text = "move siun brady to opportunity she wants the payroll bundle full stop tag her vip as well"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Siún Brady", "changes": {"stage": "opportunity", "tags_add": ["vip"]}},
    )


def test_put_me_down_as_owner_after_an_irish_sure(model: LocalChatModel) -> None:
    text = "Peadar Lawlor is ready to go so bump him to sql there and sure put me down as owner on him"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"stage": "sql", "owner": "me"}},
    )


def test_a_colleague_on_leave_closing_a_hand_over(model: LocalChatModel) -> None:
    assert _calls(model, "all Fiach's sqls → Brona. F on leave from Thu.")[0] == (
        "bulk_update_contacts",
        {"filters": {"owner": "Fiach Doran", "stage": "sql"}, "changes": {"owner": "Brona Keating"}},
    )
