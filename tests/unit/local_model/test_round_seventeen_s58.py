"""Round seventeen (set 58): conventions read from a Sydney agency's requests (hospitality venues, Australian
English, emoji, voice notes). "this financial year" as the Australian one (1 July), "not contacted in like 60
days", follow-ups that "already went past", a campaign topic that ends at an emoji or the subject line, the
writer's own schoolwork, the contact named beside a forwarded address ("From: Name <address>") or whose old
address is being changed. Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.dates import financial_year_start, find_dates
from tests.unit.local_model.conftest import TODAY, model_for
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined

VOCAB = {
    "users": [
        {"name": "Kirra Donnelly", "email": "kirra@tradielink.test"},
        {"name": "Mick Papadakis", "email": "mick@tradielink.test"},
    ],
    "tags": ["hot-lead", "plumbing", "electrical", "roofing", "vip"],
    "lead_sources": ["website", "referral", "facebook", "trade-show", "home-show"],
    "companies": ["Parramatta Pipes", "Wollongong Sparkies", "Gold Coast Gutters"],
    "contacts": ["Shane Kowalczyk", "Shane Ruddock", "Bronwyn Ellery", "Tahnee Walsh", "Dean Pappas"],
    "country": "AU",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _first(model: LocalChatModel, text: str, agent: str) -> tuple[str, dict]:
    call = model.respond([HumanMessage(text)], specialist_specs(agent)).tool_calls[0]
    return call["name"], call["args"]


def test_the_australian_financial_year_starts_in_july() -> None:
    assert financial_year_start("AU") == 7
    assert financial_year_start("US") == 1
    (span,) = find_dates("revenue for last FY", TODAY, fy_start=7)
    assert (span.start.isoformat(), span.end.isoformat()) == ("2025-07-01", "2026-06-30")
    (span,) = find_dates("wins this financial year", TODAY, fy_start=1)
    assert span.start.isoformat() == "2026-01-01"


def test_this_financial_year_as_an_analytics_range(model: LocalChatModel) -> None:
    assert _first(model, "Win rate by lead source for this financial year please", "analytics") == (
        "conversion_by_source",
        {"since": "2026-07-01"},
    )


def test_a_hedge_before_the_number_of_days_not_contacted(model: LocalChatModel) -> None:
    assert _calls(model, "which sparkies havent we called in about 45 days")[0][1].get("not_contacted_since") == (
        "2026-10-12"
    )


def test_follow_ups_that_already_went_past(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "my hot-leads whose follow ups already went past, move them to next friday")
    assert name == "bulk_update_contacts"
    assert args["filters"]["follow_up_before"] == "2026-11-25"
    assert args["changes"] == {"next_follow_up": "2026-12-04"}


def test_a_campaign_topic_ends_at_an_emoji_or_the_subject(model: LocalChatModel) -> None:
    text = (
        'draft an email to the roofing customers segment about our storm season gutter check ⛈️ subject "Storms, sorted"'
    )

    name, args = _first(model, text, "campaigns")
    assert name == "draft_campaign"
    assert (args["name"], args["subject"]) == ("Storm season gutter check", "Storms, sorted")


def test_the_writers_own_schoolwork_is_chatter(model: LocalChatModel) -> None:
    assert _declined(model, "could you help me with my business studies assignment pls, it's due friday 😩")
    assert not _declined(model, "Dean Pappas is a student doing a thesis on solar, disqualify him")


def _created(model: LocalChatModel, text: str) -> dict:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact", (name, args)
    return args


def test_the_contact_named_on_a_forwarded_address(model: LocalChatModel) -> None:
    text = (
        "see below from Shane | From: Shane Ruddock <shane@ruddockroofing.test> | Subject: quote | "
        "we've gone with another mob, sorry | can you mark him churned"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Shane Ruddock", "changes": {"stage": "churned"}})


def test_changing_a_contacts_old_address(model: LocalChatModel) -> None:
    text = "pls change Tahnee Walsh's email from tahnee.w@hotmail.test to tahnee@walshelectrical.test, ta"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Tahnee Walsh", "changes": {"email": "tahnee@walshelectrical.test"}},
    )


def test_a_source_named_for_an_event_is_no_company(model: LocalChatModel) -> None:
    text = "everybody from the Home Show expo who are still leads, set them a follow up next Tuesday"
    (name, args), *_ = _calls(model, text)
    assert name == "bulk_update_contacts"
    assert args["filters"] == {"lead_source": "home-show", "stage": "lead"}


def test_a_form_line_for_the_venue(model: LocalChatModel) -> None:
    text = "Please add: | Name: Corey Blake | Title: Manager | Venue: Wattle Tree Tavern, Katoomba | Stage: Lead"
    args = _created(model, text)
    assert args["company"] == "Wattle Tree Tavern"


def test_a_venue_as_a_list_item_by_what_it_serves(model: LocalChatModel) -> None:
    assert _created(model, "Add: Minh Tran, Saigon Noodle Bankstown, owner. 0433 221 908. Lead.")["company"] == (
        "Saigon Noodle Bankstown"
    )


def test_a_lowercase_kind_and_suburb_after_the_venue_name(model: LocalChatModel) -> None:
    args = _created(model, "new lead: Jade Morton, manager at Juniper & Thyme bakery in glebe, jade@juniperthyme.test")
    assert args["company"] == "Juniper & Thyme"


def test_a_business_kind_then_its_name_in_quotes(model: LocalChatModel) -> None:
    args = _created(model, 'New: Luca Bruni, luca.bruni@gmail.test, coffee van "Bean There". Lead. Source Facebook.')
    assert args["company"] == "Bean There"
