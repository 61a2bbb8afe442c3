"""Round fifteen: conventions read from an Ohio home-services agency's requests. A tag of several words taken off
("remove the budget concern tag"), "take the X tag off anyone …", "churn him" beside news about the business,
a lower-case first name beside a phone number, "tag him hot" for the organization's hot-lead, a surname said twice
("add scott ebert ebert roofing"), shorthand titles spelt out, stages and tags said as list items or asides, "the
first time" as no date, "unsubscribed from everything except the newsletter", copywriting and lunch spots as
chatter, a deal's total, a call-tracking summary as an inbound call, "jessica at <company> → sql". Examples are our
own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.dictation import _ordinal_dates
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Dana Whitfield", "email": "dana@buckeyegrowth.test"},
        {"name": "Corey Lindqvist", "email": "corey@buckeyegrowth.test"},
    ],
    "tags": ["hot-lead", "seasonal", "price-sensitive", "google-ads", "vip"],
    "lead_sources": ["website", "referral", "facebook", "cold-call", "linkedin"],
    "companies": ["Maple Ridge Gutters", "Lakeshore Pool Care", "Brightline Electric"],
    "contacts": [
        "Ingrid Castellanos",
        "Ingrid Rowe",
        "Otis Pemberton",
        "Rosalind Achebe",
        "Wendell Fairbanks",
    ],
    "country": "US",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_a_tag_of_several_words_is_taken_off(model: LocalChatModel) -> None:
    assert _calls(model, "remove the hot lead tag from Otis Pemberton, he went quiet")[0] == (
        "update_contact",
        {"contact": "Otis Pemberton", "changes": {"tags_remove": ["hot-lead"]}},
    )
    (name, args), *_ = _calls(model, "remove the slow payer tag from Otis Pemberton, he paid up")
    assert name == "update_contact"
    assert args["changes"] == {"tags_remove": ["slow payer"]}  # taken off as said, never added


def test_take_a_tag_off_anyone_scoring_under(model: LocalChatModel) -> None:
    assert _calls(model, "take the vip tag off anyone scoring 30 or under, they're not vips")[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "vip", "max_score": 30}, "changes": {"tags_remove": ["vip"]}},
    )


def test_churn_him_beside_news_about_the_business(model: LocalChatModel) -> None:
    assert _calls(model, "Wendell Fairbanks - churn him. they sold the company to a private equity firm")[0] == (
        "update_contact",
        {"contact": "Wendell Fairbanks", "changes": {"stage": "churned"}},
    )


def test_a_new_employer_said_after_the_news_still_counts(model: LocalChatModel) -> None:
    assert _calls(model, "Wendell Fairbanks sold the company to his brother, update his company to Fairbanks Pools")[
        0
    ] == (
        "update_contact",
        {"contact": "Wendell Fairbanks", "changes": {"company": "Fairbanks Pools"}},
    )


def test_a_lower_case_first_name_beside_a_phone_number(model: LocalChatModel) -> None:
    assert _calls(model, "rosalind's new cell is 330-555-0148")[0] == (
        "update_contact",
        {"contact": "Rosalind Achebe", "changes": {"phone": "330-555-0148"}},
    )


def test_a_surname_said_twice_starts_the_business(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add lyle brandauer brandauer fence co 330-555-0117, wants google ads")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Lyle", "Brandauer", "Brandauer Fence Co")
    (name, args), *_ = _calls(model, "add mavis quill - quill chimney sweep - mavis@quillsweep.test, src facebook")
    assert (args["first_name"], args["last_name"], args["company"]) == ("Mavis", "Quill", "Quill Chimney Sweep")


def test_tag_him_hot_is_the_hot_lead_tag_and_an_aside_tag(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "new guy - Hollis Grady, Grady Tree Service, hollis@gradytree.test, he's seasonal obv, tag him hot"
    )
    assert name == "create_contact"
    assert sorted(args["tags"]) == ["hot-lead", "seasonal"]


def test_shorthand_titles_are_spelt_out(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Petra Sollis, marketing dir @ Lakeshore Pool Care, petra@lakeshore.test")
    assert name == "create_contact"
    assert args["title"] == "Marketing Director"


def test_a_stage_said_as_a_list_item(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "pls create: Bram Oduya / Oduya Roofing / bram@oduyaroofing.test / 330 555 0190 / linkedin / lead"
    )
    assert name == "create_contact"
    assert (args["stage"], args["lead_source"]) == ("lead", "linkedin")


def test_already_a_customer_so_mark_her_customer(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "Please add Noor Haddad, she's the CFO at Brightline Electric, noor@brightline.test. "
        "They're already a customer so mark her customer too.",
    )
    assert name == "create_contact"
    assert args["stage"] == "customer"


def test_the_first_time_is_not_a_date() -> None:
    assert _ordinal_dates("Gutters done right, the first time") == "Gutters done right, the first time"
    assert _ordinal_dates("call her on the first") == "call her on the 1st"


def test_unsubscribed_from_all_but_the_newsletter_keeps_email(model: LocalChatModel) -> None:
    assert _calls(model, "otis pemberton unsubscribed from everything except the newsletter, make him a subscriber")[
        0
    ] == ("update_contact", {"contact": "Otis Pemberton", "changes": {"stage": "subscriber"}})


@pytest.mark.parametrize(
    "text",
    [
        "rewrite this facebook ad headline for Maple Ridge Gutters so it fits 40 chars: 'Clean Gutters Before Fall'",
        "best tacos in the short north? taking the Lakeshore Pool Care guys out",
    ],
)
def test_copywriting_and_lunch_spots_are_declined(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text)


def test_a_deal_is_worth_its_total(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "create a deal for Maple Ridge Gutters - ads retainer, $2,000/mo x 6 months so $12,000 total, close 12/15",
    )
    assert name == "create_deal"
    assert args["amount"] == 12000


def test_a_call_tracking_summary_is_an_inbound_call(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "Call Summary\nCaller: Otis Pemberton (330) 555-0101\nDuration: 4m 02s\nSummary: asked about pricing.\n\n"
        "^ log the call pls",
    )
    logged = next(args for name, args in calls if name == "log_activity")
    assert (logged["contact"], logged["type"], logged["direction"]) == ("Otis Pemberton", "call", "inbound")


def test_a_shared_first_name_at_a_company_with_an_arrow(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "ingrid at lakeshore pool → sql")
    assert name == "update_contact"
    assert args["changes"] == {"stage": "sql"}


def test_mark_him_customer_after_closing_a_company_is_a_stage(model: LocalChatModel) -> None:
    (name, _), *_ = _calls(model, "closed maple ridge gutters!! otis pemberton signed the 12 mo pkg. mark him customer")
    assert name == "update_contact"
