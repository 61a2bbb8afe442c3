"""Names written family name first, colleagues called by their short names, where a new lead came from told as a
story, stages said relative to the current one or undone after a colleague's mistake, and writing requests that
are not CRM work."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.args import _name_parts
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.extract import Matcher
from leadloom.agents.local.vocabulary import Vocabulary
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Ong Kah Hock", "email": "kahhock@agency.test"},
        {"name": "Muhammad Farhan bin Rosli", "email": "farhan@agency.test"},
        {"name": "Jonathan Reyes", "email": "jon@agency.test"},
    ],
    "tags": ["vip", "hot"],
    "lead_sources": ["website", "referral", "event", "whatsapp"],
    "companies": ["Acme", "Kopi Corner"],
    "contacts": ["Jane Doe", "Tan Wei Ming", "Lim Hui Ling", "Yeo Chee Hong", "Ravi Kumar"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("name", "email", "parts"),
    [
        ("Goh Siew Mei", "siewmei.goh@example.sg", ("Siew Mei", "Goh")),
        ("Yusuf Demir", "demir.yusuf@example.com", ("Yusuf", "Demir")),  # surname first in the address only
        ("Lucía de la Vega", "lucia.delavega@example.mx", ("Lucía", "de la Vega")),
        ("Goh Siew Mei", "siewmei@example.sg", ("Siew Mei", "Goh")),
        # the address does not say which word is the given name: the usual order stays
        ("John Smith", "smith@example.com", ("John", "Smith")),
        ("Mary Ann Smith", "maryann.smith@example.com", ("Mary Ann", "Smith")),
        ("Pieter van Dijk", None, ("Pieter", "van Dijk")),
    ],
)
def test_family_name_first_is_split_as_the_address_writes_it(
    name: str, email: str | None, parts: tuple[str, str]
) -> None:
    assert _name_parts(name, email) == parts


def test_colleagues_by_short_name() -> None:
    m = Matcher(Vocabulary.from_dict(VOCAB))
    assert m.user("Kah Hock", cutoff=95) == "Ong Kah Hock"
    assert m.user("Farhan", cutoff=95) == "Muhammad Farhan bin Rosli"
    assert m.user("Jon", cutoff=95) == "Jonathan Reyes"


def test_someone_new_sharing_a_contacts_family_name_is_created(model: LocalChatModel) -> None:
    # "Yeo" is also contact Yeo Chee Hong's first word: "Marcus Yeo" is someone else
    calls = _calls(model, "someone whatsapp us just now - Marcus Yeo, 9011 2233, wants a quote. put under Farhan")
    calls = [(name, {k: v for k, v in args.items() if k != "notes"}) for name, args in calls]  # "wants a quote"
    assert calls == [
        (
            "create_contact",
            {
                "first_name": "Marcus",
                "last_name": "Yeo",
                "phone": "9011 2233",
                "lead_source": "whatsapp",
                "owner": "Muhammad Farhan bin Rosli",
            },
        )
    ]


def test_met_at_an_event_is_the_event_source(model: LocalChatModel) -> None:
    calls = _calls(model, "add Nora Quinn, nora@quinnbakes.com, met her at the Halal food expo on saturday")
    assert calls[0][0] == "create_contact"
    assert calls[0][1]["lead_source"] == "event"


def test_colleague_leaving_by_short_name(model: LocalChatModel) -> None:
    calls = _calls(model, "Kah Hock leaving end of month. move all his contacts to Jon")
    assert calls == [
        ("bulk_update_contacts", {"filters": {"owner": "Ong Kah Hock"}, "changes": {"owner": "Jonathan Reyes"}})
    ]


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Ravi Kumar is mql now right? move him up one stage", "Ravi Kumar", {"stage": "sql"}),
        ("Jane Doe currently opportunity, knock her back one stage", "Jane Doe", {"stage": "sql"}),
        ("revert Ravi Kumar to lead, someone wrongly put sql", "Ravi Kumar", {"stage": "lead"}),
        ("Jane Doe is a real lead now, not just a subscriber", "Jane Doe", {"stage": "lead"}),
        ("We lost Jane Doe as a client last week (budget cuts). mark churned", "Jane Doe", {"stage": "churned"}),
        (
            "Ravi Kumar wrote us a glowing review and sends us friends. evangelist stage for him",
            "Ravi Kumar",
            {"stage": "evangelist"},
        ),
    ],
)
def test_stage_said_relative_or_undone(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


@pytest.mark.parametrize(
    "text",
    [
        "write me a catchy IG caption for a bubble tea promo",
        "give me 5 ideas for a mid-autumn campaign for a bakery client",
        "help me write a polite reply to decline a client's dinner invite",
        "draft a LinkedIn post announcing our new SEO service",
        "lunch today who's buying",
    ],
)
def test_writing_for_the_writer_is_not_crm_work(model: LocalChatModel, text: str) -> None:
    assert _calls(model, text) == []


def test_the_name_the_address_spells_beats_a_place_said_first(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "met a guy at the Toronto HR summit, Brandon Lee from Acme, he's their brand manager. brandon.lee@acme.com",
    )
    assert calls[0][0] == "create_contact"
    assert (calls[0][1]["first_name"], calls[0][1]["last_name"]) == ("Brandon", "Lee")
    assert calls[0][1]["title"] == "brand manager"


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("Ravi Kumar: swap the vip tag for hot", {"tags_remove": ["vip"], "tags_add": ["hot"]}),
        (
            "Jane Doe jumped from Acme to Kopi Corner, now Head of Marketing there",
            {"company": "Kopi Corner", "title": "Head of Marketing"},
        ),
        (
            "Jane Doe moved to Kopi Corner as Director of Sales, update her file",
            {"company": "Kopi Corner", "title": "Director of Sales"},
        ),
        ("Ravi Kumar unsubscribed from both EDM and SMS", {"email_consent": False, "sms_consent": False}),
    ],
)
def test_changes_said_in_passing(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    name = " ".join(text.split()[:2]).rstrip(":")
    assert _calls(model, text) == [("update_contact", {"contact": name, "changes": changes})]


def test_a_switch_to_a_competitor_names_no_company(model: LocalChatModel) -> None:
    calls = _calls(model, "jane doe switched to another agency for the retainer. we lost her, mark as churned")
    assert calls == [("update_contact", {"contact": "Jane Doe", "changes": {"stage": "churned"}})]


def test_deal_name_in_quotes_is_no_amount_currency_or_campaign(model: LocalChatModel) -> None:
    tools = specialist_specs("contacts")
    msg = model.respond([HumanMessage('create deal for Acme — "CNY 2028 campaign", SGD 25k, closing 15/12')], tools)
    assert [tc["name"] for tc in msg.tool_calls] == ["create_deal"]
    args = msg.tool_calls[0]["args"]
    assert (args["name"], args["amount"], args["currency"]) == ("CNY 2028 campaign", 25000.0, "SGD")


def test_segment_named_in_quotes(model: LocalChatModel) -> None:
    msg = model.respond([HumanMessage('make a segment "Hot SQLs" - sql stage, tag hot')], specialist_specs("campaigns"))
    assert [(tc["name"], tc["args"]) for tc in msg.tool_calls] == [
        ("create_segment", {"filters": {"stage": "sql", "tag": "hot"}, "name": "Hot SQLs"})
    ]
