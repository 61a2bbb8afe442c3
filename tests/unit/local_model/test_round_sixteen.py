"""Round sixteen: conventions read from a Manchester agency's requests (gyms and studios). "for the last month" as a
filter, "a week today", a new number beside a callback, "is going by <new name> now", a
closing sentence on a colleague away, "the ones that are still subscribers", a new contact as a comma list or with
the business in brackets or "called …", "stick her on me", "is X a lead yet? if not make him one", a note about the
person just changed, a pasted table of several people, "met him at the networking breakfast", a status tag said
beside what they want, word-usage questions. Examples are our own, written for this vocabulary (today is Thursday
2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Gemma Thornley", "email": "gemma@northfit.test"},
        {"name": "Callum Ashworth", "email": "callum@northfit.test"},
    ],
    "tags": ["hot-lead", "paid-social", "seo", "new-website", "needs-callback"],
    "lead_sources": ["website", "referral", "instagram", "cold-call", "trade-show", "business-breakfast"],
    "companies": ["Salford Strength Lab", "Didsbury Yoga Loft"],
    "contacts": ["Imogen Platt", "Imogen Shaw", "Terry Bickerstaff", "Nadia Quayle", "Owain Pryce"],
    "country": "GB",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_for_the_last_month_reaches_back_one_month(model: LocalChatModel) -> None:
    assert _calls(model, "which hot-leads have we not spoken to for the last month?")[0] == (
        "search_contacts",
        {"tag": "hot-lead", "not_contacted_since": "2026-10-26"},
    )


def test_a_week_today(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new contact Rhys Kettering, rhys@ketteringpt.test, follow up a week today")
    assert name == "create_contact"
    assert args["next_follow_up"] == "2026-12-03"


def test_a_new_number_beside_the_callback_she_wants(model: LocalChatModel) -> None:
    text = "Nadia Quayle's changed her number, it's 07700 900123 now. she wants a callback Monday so set that too"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Nadia Quayle", "changes": {"phone": "07700 900123", "next_follow_up": "2026-11-30"}},
    )


def test_going_by_a_new_surname(model: LocalChatModel) -> None:
    text = "Imogen Shaw (Didsbury Yoga Loft, not the Salford one) is going by Imogen Raleigh now, she got married"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Imogen Shaw", "changes": {"last_name": "Raleigh"}})


def test_a_closing_sentence_on_a_colleague_away(model: LocalChatModel) -> None:
    assert _calls(model, "All Callum's opportunities to Gemma. Callum's on leave from Monday.")[0] == (
        "bulk_update_contacts",
        {"filters": {"owner": "Callum Ashworth", "stage": "opportunity"}, "changes": {"owner": "Gemma Thornley"}},
    )


def test_the_stage_they_are_still_in_is_the_filter(model: LocalChatModel) -> None:
    assert _calls(model, "move all the trade show leads that are still just subscribers up to lead")[0] == (
        "bulk_update_contacts",
        {"filters": {"lead_source": "trade-show", "stage": "subscriber"}, "changes": {"stage": "lead"}},
    )
    assert _calls(model, "show me contacts whose follow up already passed and they are still opportunity")[0] == (
        "search_contacts",
        {"stage": "opportunity", "follow_up_before": "2026-11-25"},
    )


def test_a_new_contact_as_a_comma_list(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new: Dale Hoyle, Prestwich Boxing Club, head coach, 07700 900456. lead.")
    assert name == "create_contact"
    assert args["company"] == "Prestwich Boxing Club"
    assert args["stage"] == "lead"


def test_the_business_in_brackets_after_the_name(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Kirsty Lomax (Lomax Pilates Studio, Altrincham) as an sql")
    assert name == "create_contact"
    assert args["company"] == "Lomax Pilates Studio"  # the town after the comma is where it is
    (name, args), *_ = _calls(model, "add Kirsty Lomax (head coach) as an sql")
    assert "company" not in args


def test_a_place_called_and_a_thing_that_is_no_business(model: LocalChatModel) -> None:
    text = "new contact her name is Bev Ormrod she runs a spin studio in Bolton called Pedal House, lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["company"] == "Pedal House"
    (name, args), *_ = _calls(model, "add Bev Ormrod from the walking netball thing in Bolton, 07700 900789")
    assert name == "create_contact"
    assert "company" not in args


def test_stick_her_on_me(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Bev Ormrod, bev@pedalhouse.test, stick her on me")
    assert name == "create_contact"
    assert args["owner"] == "me"


def test_is_she_a_lead_yet_if_not_make_her_one(model: LocalChatModel) -> None:
    assert _calls(model, "is Owain Pryce an mql yet? if not make him one, he downloaded the guide")[0] == (
        "update_contact",
        {"contact": "Owain Pryce", "changes": {"stage": "mql"}},
    )


def test_the_note_is_about_the_person_just_changed(model: LocalChatModel) -> None:
    calls = _calls(model, "Terry Bickerstaff churned please, and log a note that it's gone to Gemma to chase the bill")
    assert [c[0] for c in calls] == ["update_contact", "log_activity"]
    assert calls[1][1]["contact"] == "Terry Bickerstaff"


def test_the_namesake_one_from(model: LocalChatModel) -> None:
    assert _calls(model, "the imogen platt one from salford, make her an opportunity")[0] == (
        "update_contact",
        {"contact": "Imogen Platt", "changes": {"stage": "opportunity"}},
    )


def test_a_pasted_table_is_one_new_person_per_row(model: LocalChatModel) -> None:
    text = (
        "add these two from the open evening, both leads\n\n"
        "Lewis Crompton | Crompton Fitness, Bury | 07700 900111 | lewis@cromptonfit.test\n"
        "Amira Sadiq | Sadiq Yoga, Rochdale | 07700 900222 | amira@sadiqyoga.test"
    )
    calls = _calls(model, text)
    assert [c[0] for c in calls] == ["create_contact", "create_contact"]
    assert [(c[1]["first_name"], c[1]["email"], c[1]["stage"]) for c in calls] == [
        ("Lewis", "lewis@cromptonfit.test", "lead"),
        ("Amira", "amira@sadiqyoga.test", "lead"),
    ]


def test_the_event_named_after_its_kind(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Stan Whitworth, met him at the business breakfast in Bury, stan@whit.test")
    assert name == "create_contact"
    assert args["lead_source"] == "business-breakfast"


def test_a_status_tag_said_beside_what_they_want(model: LocalChatModel) -> None:
    text = "new contact Dev Sharma runs Oldham Fight Club wants paid social, tag him hot lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert sorted(args["tags"]) == ["hot-lead", "paid-social"]


def test_a_word_usage_question_is_chatter(model: LocalChatModel) -> None:
    assert _declined(model, "Is it correct to say 'fewer members' or 'less members'? always get it wrong")
