"""Round eleven: chatter that names a client in passing ("<client> asked me for a good book, any recs?", the weather
for a client lunch, a currency sum, a plot summary, a speech) is declined; a first name several contacts share is
told apart by a surname said elsewhere ("(Bamford not Holt)") or passed on with the company, even typed in lower
case; "is officially a customer"; a new title or employer told before the field is named ("she's Practice
Administrator now, can you update her title"); "phone tag" is no tag. Examples are our own, written for this
vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Nadia Petrova", "email": "nadia@kilnworks.test"},
        {"name": "Tom Okafor", "email": "tom@kilnworks.test"},
        {"name": "Rosa Lima", "email": "rosa@kilnworks.test"},
    ],
    "tags": ["hot-lead", "website-build", "seo", "needs-quote"],
    "lead_sources": ["website", "referral", "trade-show", "cold-call"],
    "companies": ["Red Kiln Brewery", "Harbourside Dental", "Northgate Physio", "Copper Pot Bakery"],
    "contacts": [
        "Jamie Hargrove",
        "Jamie Oyelaran",
        "Katie Brennan",
        "Katie Hollis",
        "Dana Whitcombe",
        "Lorenzo Bassi",
        "Priti Chaudhary",
        "Gabe Lindahl",
    ],
    "country": "GB",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _declined(model: LocalChatModel, text: str) -> bool:
    return not model.respond([HumanMessage(text)], supervisor_specs()).tool_calls


@pytest.mark.parametrize(
    "text",
    [
        "Dana Whitcombe asked me for a decent podcast about running a clinic, any recs?",
        "what's the weather like on saturday? we're taking Lorenzo Bassi out on the boat",
        "can you order pizza for the office, Priti Chaudhary is coming in at 1",
        "Gabe Lindahl says there's a great tapas place near Northgate, any recommendations around there?",
        "convert 4,200 EUR to GBP",
        "summarise the plot of Succession in two lines, Lorenzo Bassi keeps quoting it",
        "write a retirement speech for my dad, he's a Harbourside Dental patient of 30 years",
        "translate 'book your check-up today' into Polish for the Harbourside Dental poster",
    ],
)
def test_chatter_naming_a_client_in_passing_is_declined(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text), text


def test_a_crm_instruction_beside_such_chatter_is_still_done(model: LocalChatModel) -> None:
    assert not _declined(model, "log that Dana Whitcombe asked me for podcast recs")


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("katie at northgate (Hollis not Brennan) is sql now, budget confirmed", "Katie Hollis"),
        ("jamie from the brewery (oyelaran) is a lead now, replied to the mailer", "Jamie Oyelaran"),
    ],
)
def test_a_shared_first_name_is_told_apart_by_a_surname_said_elsewhere(
    model: LocalChatModel, text: str, contact: str
) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["contact"] == contact, args


def test_a_shared_first_name_in_lower_case_goes_with_the_company(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "jamie at red kiln signed the order!! move him to customer pls")
    assert (name, args) == (
        "update_contact",
        {"contact": "Jamie at Red Kiln Brewery", "changes": {"stage": "customer"}},
    )


def test_officially_a_customer(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Katie from Harbourside Dental is officially a customer!!")
    assert (name, args) == (
        "update_contact",
        {"contact": "Katie at Harbourside Dental", "changes": {"stage": "customer"}},
    )


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "Gabe Lindahl left Copper Pot and is over at Northgate Physio now, update his company pls",
            {"company": "Northgate Physio"},
        ),
        (
            "Priti Chaudhary got promoted! she's Head of Operations now, can you update her title",
            {"title": "Head of Operations"},
        ),
        (
            "Lorenzo Bassi: new title Managing Director, new number 07700 900 123",
            {"title": "Managing Director", "phone": "07700 900 123"},
        ),
    ],
)
def test_a_new_value_told_before_the_field_is_named(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["changes"] == changes, args


def test_phone_tag_is_not_a_tag(model: LocalChatModel) -> None:
    text = "two weeks of phone tag with her office but Dana's finally in! can you mark Dana as a customer?"
    (name, args), *_ = _calls(model, text)
    assert (name, args) == ("update_contact", {"contact": "Dana Whitcombe", "changes": {"stage": "customer"}})
