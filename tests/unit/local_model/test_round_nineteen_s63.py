"""Round nineteen, set 63: conventions read from a Nashville agency's requests (a founder's Southern voice notes, a
lower-case Gen-Z coordinator, rows pasted from spreadsheets and lead-ad exports).
A tab between the cells of a pasted row, a default source the organization keeps in a longer form of its own
("fb lead" for its "facebook-lead-ads"), "set the source to X", a title said to be wrong and then the right one,
"is the X now not Y", fast-typing slips ("emial", "creat"), "new #" for a phone number, and
a contact the CRM already has, changed rather than added again.
Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Hollis Ward", "email": "hollis@sagebrushmedia.test"},
        {"name": "Marisol Teague", "email": "marisol@sagebrushmedia.test"},
    ],
    "tags": ["hot-lead", "catering", "newsletter", "vip", "reels"],
    "lead_sources": ["website", "referral", "facebook-lead-ads", "networking-event", "walk-in", "instagram"],
    "companies": ["Juniper Bakehouse", "Red Mesa Roasters"],
    "contacts": ["Odell Fenwick", "Prudence Okoye", "Cass Lindqvist", "Tobias Renner"],
    "country": "US",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_a_tab_parts_the_cells_of_a_pasted_row(model: LocalChatModel) -> None:
    text = (
        "Imogen Strand\tCopper Kettle Cafe\tHead Baker\timogen@copperkettle.test\t720-555-0142\nadd her. referral. mine"
    )
    assert _calls(model, text)[0] == (
        "create_contact",
        {
            "first_name": "Imogen",
            "last_name": "Strand",
            "company": "Copper Kettle Cafe",
            "title": "Head Baker",
            "email": "imogen@copperkettle.test",
            "phone": "720-555-0142",
            "lead_source": "referral",
            "owner": "me",
        },
    )


def test_a_pasted_row_names_the_contact_by_its_name_cell(model: LocalChatModel) -> None:
    text = "Tobias Renner\ttobias.renner@mail.test\t(720) 555-0108\nwork email now tobias@redmesa.test. update"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Tobias Renner", "changes": {"email": "tobias@redmesa.test"}},
    )


def test_a_short_source_word_is_the_organizations_longer_source(model: LocalChatModel) -> None:
    got = _calls(model, "new contact: Wren Alcott, wren@alcottdesign.test. fb lead, tag catering")[0]
    assert got[0] == "create_contact"
    assert got[1]["lead_source"] == "facebook-lead-ads"


def test_a_story_of_a_networking_event_is_the_organizations_event_source(model: LocalChatModel) -> None:
    got = _calls(model, "add a new contact Reuben Achterberg, I met him at the rotary mixer so networking event")[0]
    assert got[0] == "create_contact"
    assert got[1]["lead_source"] == "networking-event"


def test_the_source_set_to_a_value(model: LocalChatModel) -> None:
    text = "Please add Dolores Quint from Sunflower Creamery as a new contact and set the source to walk-in. Thanks!"
    got = _calls(model, text)[0]
    assert got[0] == "create_contact"
    assert got[1]["lead_source"] == "walk-in"


def test_a_title_said_to_be_wrong_then_the_right_one(model: LocalChatModel) -> None:
    text = "Cass Lindqvist / Red Mesa Roasters / Barista\ntitle's wrong, she's Head Roaster. fix"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Cass Lindqvist", "changes": {"title": "Head Roaster"}},
    )


def test_the_job_now_then_the_one_it_was(model: LocalChatModel) -> None:
    text = "prudence okoye is the events manager now not sales coordinator, can u fix her title"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Prudence Okoye", "changes": {"title": "events manager"}},
    )


def test_fast_typing_slips_are_read_through(model: LocalChatModel) -> None:
    assert _calls(model, "Tobias Renner emial is t.renner@outlook.test (the old one bounced)")[0] == (
        "update_contact",
        {"contact": "Tobias Renner", "changes": {"email": "t.renner@outlook.test"}},
    )


def test_the_number_sign_for_a_phone_number(model: LocalChatModel) -> None:
    assert _calls(model, "odell fenwick new # 720-555-0177")[0] == (
        "update_contact",
        {"contact": "Odell Fenwick", "changes": {"phone": "720-555-0177"}},
    )


def test_a_known_contact_is_changed_not_added_again(model: LocalChatModel) -> None:
    text = "could you add the vip and catering tags to Cass Lindqvist? Red Mesa Roasters wants a quote on a new website"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Cass Lindqvist", "changes": {"tags_add": ["vip", "catering"]}},
    )


def test_not_been_in_touch_with_since_a_date(model: LocalChatModel) -> None:
    text = "Which of our vip contacts haven't we been in touch with since October 1st? I'd like to call them."
    assert _calls(model, text)[0] == ("search_contacts", {"tag": "vip", "not_contacted_since": "2026-10-01"})


def test_a_drinks_trade_job_in_a_pasted_row(model: LocalChatModel) -> None:
    text = "Linus Abara\tJuniper Bakehouse\tBrand Ambassador\tlinus@copperstill.test\nnew. referral, owner Marisol"
    assert _calls(model, text)[0] == (
        "create_contact",
        {
            "first_name": "Linus",
            "last_name": "Abara",
            "company": "Juniper Bakehouse",
            "title": "Brand Ambassador",
            "email": "linus@copperstill.test",
            "lead_source": "referral",
            "owner": "Marisol Teague",
        },
    )


# Narrowed after the merged regression (sets 27 and 59): the organization's longer form of a source word must not
# hide that the word is part of the job, and "our ambassador" alone is a happy customer, not a job.
PARTNER_VOCAB = {**VOCAB, "lead_sources": ["website", "referral", "linkedin", "partner-agency"]}


def test_a_source_word_in_the_job_is_no_source_in_its_longer_form() -> None:
    model = model_for(PARTNER_VOCAB)
    text = "new contact - Wendell Osei, Managing Partner, Osei Capital, wendell@osei.test, found him on linkedin"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert args["lead_source"] == "linkedin"
    assert args["title"] == "Managing Partner"


def test_our_ambassador_is_no_job(model: LocalChatModel) -> None:
    text = "Prudence Okoye sent us two referrals this month, honestly she is really our ambassador"
    assert "title" not in _calls(model, text)[0][1].get("changes", {})
