"""Changes and questions said the way outside writers say them: a new employer with a legal form, the old job
after the new one, a status told by what the person does, everyone at a company named in a story, deals with a
company, segments named with a trailing description, the end of the (working) week."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.dates import find_dates
from tests.unit.local_model.conftest import TODAY, model_for
from tests.unit.local_model.conftest import contact_calls as _calls

VOCAB = {
    "users": [
        {"name": "Maria Lopez", "email": "maria@agency.test"},
        {"name": "Tobias Kranz", "email": "tobias@agency.test"},
    ],
    "tags": ["vip", "plumbing", "cbd"],
    "lead_sources": ["website", "referral", "webinar"],
    "companies": ["Acme", "Baltic Yachting GmbH", "Anadolu Tekstil A.Ş.", "Kessler & Sons Plumbing"],
    "contacts": ["Jane Doe", "Oliver Bennett", "Heike Lüders", "Isabella Costa"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        (
            "Jane Doe changed to Baltic Yachting GmbH, new mail is jane@baltic-yachting.de",
            "Jane Doe",
            {"company": "Baltic Yachting GmbH", "email": "jane@baltic-yachting.de"},
        ),
        (
            "Oliver Bennett is now Head of Exhibitions, not Marketing Manager anymore",
            "Oliver Bennett",
            {"title": "Head of Exhibitions"},
        ),
        (
            "Isabella Costa has been paying since Monday, stop treating her like a lead",
            "Isabella Costa",
            {"stage": "customer"},
        ),
        (
            "Heike Lüders - qualified for sales, handover to Tobias",
            "Heike Lüders",
            {"stage": "sql", "owner": "Tobias Kranz"},
        ),
        (
            "Jane Doe was promoted to Office Manager at her clinic could you please update her title",
            "Jane Doe",
            {"title": "Office Manager"},
        ),
        (
            "we lost Jane Doe, she went to the competitor fair in Utrecht. mark her as churned",
            "Jane Doe",
            {"stage": "churned"},
        ),
        ("Jane Doe is mine now.", "Jane Doe", {"owner": "me"}),
        ("Jane Doe's last name is Doe-Hayes now (just got married)", "Jane Doe", {"last_name": "Doe-Hayes"}),
        (
            "Oliver Bennett: follow up 12/15, owner Tobias.",
            "Oliver Bennett",
            {"next_follow_up": "2026-12-15", "owner": "Tobias Kranz"},
        ),
    ],
)
def test_changes_said_in_passing(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_changed_to_a_date_is_no_employer(model: LocalChatModel) -> None:
    calls = _calls(model, "Jane Doe's follow up changed to Friday")
    assert calls == [("update_contact", {"contact": "Jane Doe", "changes": {"next_follow_up": "2026-11-27"}})]


def test_everyone_at_a_company_named_in_a_story(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "Nobody from Anadolu Tekstil wants emails anymore, they called today. Set email consent off for all of them",
    )
    assert calls == [
        ("bulk_update_contacts", {"filters": {"company": "Anadolu Tekstil A.Ş."}, "changes": {"email_consent": False}})
    ]


def test_my_stage_ones_arrow_is_a_bulk_change(model: LocalChatModel) -> None:
    calls = _calls(model, "my churned ones → back to lead, doing a win-back push")
    assert calls == [
        ("bulk_update_contacts", {"filters": {"stage": "churned", "owner": "me"}, "changes": {"stage": "lead"}})
    ]


def test_deals_with_a_company(model: LocalChatModel) -> None:
    msg = model.respond([HumanMessage("What open deals do we have with Acme?")], specialist_specs("contacts"))
    assert [(tc["name"], tc["args"]) for tc in msg.tool_calls] == [
        ("list_deals", {"company": "Acme", "status": "open"})
    ]


def test_company_word_is_not_a_tag_filter(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage("Who are our customers at Kessler & Sons Plumbing")], specialist_specs("contacts")
    )
    assert [(tc["name"], tc["args"]) for tc in msg.tool_calls] == [
        ("search_contacts", {"company": "Kessler & Sons Plumbing", "stage": "customer"})
    ]


@pytest.mark.parametrize(
    ("text", "name", "filters"),
    [
        (
            "Can you make a segment called CBD offices with all the customers tagged cbd?",
            "CBD offices",
            {"stage": "customer", "tag": "cbd"},
        ),
        (
            "make a segment called 'vip website leads' - leads tagged vip from the website",
            "vip website leads",
            {"stage": "lead", "tag": "vip", "lead_source": "website"},
        ),
    ],
)
def test_segment_names(model: LocalChatModel, text: str, name: str, filters: dict[str, Any]) -> None:
    msg = model.respond([HumanMessage(text)], specialist_specs("campaigns"))
    assert [(tc["name"], tc["args"]) for tc in msg.tool_calls] == [
        ("create_segment", {"filters": filters, "name": name})
    ]


def test_end_of_the_week_is_friday() -> None:
    # TODAY is Thursday 2026-11-26
    assert find_dates("push her to the end of the week", TODAY)[0].start.isoformat() == "2026-11-27"
    assert find_dates("end of the week", TODAY.replace(day=28))[0].start.isoformat() == "2026-11-29"  # a Saturday


def test_selection_colon_consent_off(model: LocalChatModel) -> None:
    calls = _calls(model, "Everyone tagged vip: SMS consent off. Legal says so.")
    assert calls == [("bulk_update_contacts", {"filters": {"tag": "vip"}, "changes": {"sms_consent": False}})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe's phone.", ("get_contact", {"contact": "Jane Doe"})),
        ("anything overdue for Tobias?", ("list_tasks", {"owner": "Tobias Kranz", "overdue": True, "status": "open"})),
        ("qué tareas tengo abiertas?", ("list_tasks", {"owner": "me", "status": "open"})),
    ],
)
def test_questions_said_short(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text)[:1] == [expected]


def test_one_person_named_first_is_not_a_bulk_change(model: LocalChatModel) -> None:
    # "vip" is also a tag the organization uses: a story about one contact still changes only her
    calls = _calls(model, "Jane Doe downloaded the vip pricing guide and has opened every email since — MQL")
    assert calls == [("update_contact", {"contact": "Jane Doe", "changes": {"stage": "mql"}})]


def test_deal_for_a_person_named_after_a_campaign(model: LocalChatModel) -> None:
    calls = _calls(
        model, "Create a deal for Oliver Bennett – Harbour terrace campaign, 6,500 AUD, closing end of the month"
    )
    assert calls == [
        (
            "create_deal",
            {
                "contact": "Oliver Bennett",
                "name": "Harbour terrace campaign",
                "amount": 6500.0,
                "currency": "AUD",
                "expected_close": "2026-11-30",
            },
        )
    ]


def test_chuck_em_back(model: LocalChatModel) -> None:
    calls = _calls(model, "any mqls from the webinar that nobody's touched since 1/2, chuck em back to lead")
    assert calls == [
        (
            "bulk_update_contacts",
            {
                "filters": {"lead_source": "webinar", "stage": "mql", "not_contacted_since": "2026-01-02"},
                "changes": {"stage": "lead"},
            },
        )
    ]


@pytest.mark.parametrize(("country", "currency"), [("CA", "CAD"), ("AU", "AUD"), (None, "USD"), ("DE", "USD")])
def test_a_bare_dollar_is_the_organizations_dollar(country: str | None, currency: str) -> None:
    vocab = {**VOCAB, "country": country} if country else VOCAB
    local = model_for(vocab)
    msg = local.respond(
        [HumanMessage("create a deal 'Spring booth' for Acme, 18 500 $, closing November 30")],
        specialist_specs("contacts"),
    )
    args = msg.tool_calls[0]["args"]
    assert (args["amount"], args["currency"]) == (18500.0, currency)
