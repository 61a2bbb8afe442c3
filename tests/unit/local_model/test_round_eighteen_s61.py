"""Round eighteen, set 61: conventions read from a Singapore agency's requests (Singlish, pasted WhatsApp and
property-portal enquiries, Malay words, day-first dates). Comparison signs as score bounds ("score >= 70"), a dash
between two day-first dates as a range, a bare list of criteria before an arrow as a selection, a heading that
names a new segment, English CRM words in a Malay frame ("tolong …", "owner tukar ke …", "esok", "saya", "semua
… yang follow up dah lepas") and Singlish "off her SMS consent". Examples are our own, written for a Kuala Lumpur
caterer's vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.malay import from_malay
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Faridah Yusof", "email": "faridah@rempah.test"},
        {"name": "Gerald Pang", "email": "gerald@rempah.test"},
    ],
    "tags": ["vip", "nurture", "wedding", "corporate-lunch", "halal-cert"],
    "lead_sources": ["website", "referral", "instagram", "wedding-fair"],
    "companies": ["Bangsar Events Sdn Bhd", "Klang Valley Weddings"],
    "contacts": ["Nurul Aina binti Hashim", "Rahim Jaafar", "Lee Mei Ling", "Suresh Pillai"],
    "country": "MY",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _first(model: LocalChatModel, text: str, specialist: str) -> tuple[str, dict[str, Any]]:
    msg = model.respond([HumanMessage(text)], specialist_specs(specialist))
    return msg.tool_calls[0]["name"], msg.tool_calls[0]["args"]


def test_comparison_signs_before_a_number_are_score_bounds(model: LocalChatModel) -> None:
    assert _calls(model, "List contacts from instagram with score >= 55")[0] == (
        "search_contacts",
        {"lead_source": "instagram", "min_score": 55},
    )
    assert _calls(model, "Delete contacts with score <= 10 and not contacted since 1/9")[0] == (
        "delete_contacts",
        {"filters": {"max_score": 10, "not_contacted_since": "2026-09-01"}},
    )


def test_a_bare_list_of_criteria_before_an_arrow_selects_records(model: LocalChatModel) -> None:
    assert _calls(model, "Tag wedding AND score <= 30 -> add tag nurture")[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "wedding", "max_score": 30}, "changes": {"tags_add": ["nurture"]}},
    )


def test_a_dash_between_day_first_dates_is_a_range(model: LocalChatModel) -> None:
    assert _calls(model, "Source referral + stage subscriber, created 1/8-30/9 -> stage lead")[0] == (
        "bulk_update_contacts",
        {
            "filters": {
                "lead_source": "referral",
                "stage": "subscriber",
                "created_after": "2026-08-01",
                "created_before": "2026-09-30",
            },
            "changes": {"stage": "lead"},
        },
    )


def test_a_heading_naming_a_new_segment_creates_it(model: LocalChatModel) -> None:
    name, args = _first(
        model, 'New segment "Warm Weddings": tag wedding, source wedding-fair, score >= 40', "campaigns"
    )
    assert (name, args["name"], args["filters"]) == (
        "create_segment",
        "Warm Weddings",
        {"tag": "wedding", "lead_source": "wedding-fair", "min_score": 40},
    )


def test_malay_frame_words_read_as_english() -> None:
    assert (
        from_malay("Rahim Jaafar owner tukar ke Gerald ya, terima kasih")
        == "Rahim Jaafar change owner to Gerald, thanks"
    )
    assert from_malay("Siapa top 3 leads saya sekarang?") == "who are my top 3 leads now?"
    # a name with "bin"/"binti" and an English request with "ada" or "dia" in it stay as written
    assert from_malay("Ada Lovelace wants a quote for Dia Mirza's launch") == (
        "Ada Lovelace wants a quote for Dia Mirza's launch"
    )


def test_malay_update_with_jadi_and_owner_tukar_ke(model: LocalChatModel) -> None:
    assert _calls(
        model, "Tolong update email Nurul Aina binti Hashim jadi aina@bangsarevents.my, yang lama sudah tak guna"
    )[0] == ("update_contact", {"contact": "Nurul Aina binti Hashim", "changes": {"email": "aina@bangsarevents.my"}})
    assert _calls(model, "Rahim Jaafar owner tukar ke Gerald ya")[0] == (
        "update_contact",
        {"contact": "Rahim Jaafar", "changes": {"owner": "Gerald Pang"}},
    )


def test_malay_days_and_the_writer_as_owner(model: LocalChatModel) -> None:
    assert _calls(model, "Lee Mei Ling follow up esok ya, sudah janji dengan dia")[0] == (
        "update_contact",
        {"contact": "Lee Mei Ling", "changes": {"next_follow_up": "2026-11-27"}},
    )
    name, args = _first(model, "Siapa top 3 leads saya sekarang?", "scoring")
    assert (name, args) == ("top_leads", {"owner": "me", "limit": 3})


def test_malay_selection_with_overdue_follow_ups(model: LocalChatModel) -> None:
    text = "Semua contacts dengan tag vip yang follow up dah lepas, tolong set follow up ke next Friday"
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "vip", "follow_up_before": "2026-11-25"}, "changes": {"next_follow_up": "2026-12-04"}},
    )
    assert _calls(model, "Tolong delete semua contact dari referral yang stage subscriber dan tak contacted since 1/8")[
        0
    ] == (
        "delete_contacts",
        {"filters": {"lead_source": "referral", "stage": "subscriber", "not_contacted_since": "2026-08-01"}},
    )


def test_singlish_off_before_a_consent_turns_it_off(model: LocalChatModel) -> None:
    assert _calls(model, "Suresh Pillai don't want our newsletter. Please off his email consent")[0] == (
        "update_contact",
        {"contact": "Suresh Pillai", "changes": {"email_consent": False}},
    )


def test_a_form_field_asked_for_in_the_notes_is_kept_there(model: LocalChatModel) -> None:
    text = (
        "Wedding enquiry\nFirst Name: Siti Aisyah\nLast Name: Kamal\nMobile: +60 12-555 0101\n"
        "Guest count: 300\nVenue: Bangsar Hall\n\npls add as lead, source wedding-fair, guest count in notes"
    )
    args = _calls(model, text)[0][1]
    assert (args["first_name"], args["last_name"], args["notes"]) == ("Siti Aisyah", "Kamal", "Guest count: 300")


def test_a_portal_listing_is_not_the_buyers_employer(model: LocalChatModel) -> None:
    text = (
        "Enquiry from the portal\nName: Daniel Wong\nPhone: +60 17-222 3344\nListing: Mont Kiara Suites - 2BR\n"
        "Unit type: 2-Bedroom\n\npls create, source website, note down the unit type"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert "company" not in args and "title" not in args
    assert args["notes"] == "Unit type: 2-Bedroom"
