"""Requests said the British way or as a long story: "needs a bell", "jumped ship", "bin them", "the churned lot",
"pop him in", "stick me down as owner", a colleague's name ending in s, Irish and Welsh particles, an email read out
after "her email's", a hedge after a job title, a deal's owner said last, "call it …", and benchmarks asked "for a
business our size" (advice, not a question about the organization's records)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Maria Lopez", "email": "maria@agency.test"},
        {"name": "Tobias Kranz", "email": "tobias@agency.test"},
    ],
    "tags": ["vip", "plumbing", "cbd"],
    "lead_sources": ["website", "referral", "webinar"],
    "companies": ["Acme", "Kessler & Sons Plumbing"],
    "contacts": ["Jane Doe", "Oliver Bennett", "Heike Lüders", "Isabella Costa"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        (
            "Oliver Bennett got promoted, he's Head of Partnerships now. Well deserved",
            "Oliver Bennett",
            {"title": "Head of Partnerships"},
        ),
        ("Heike Lüders got married, surname's Lüders-Brandt now", "Heike Lüders", {"last_name": "Lüders-Brandt"}),
        (
            "Isabella Costa has jumped ship to Kessler & Sons Plumbing, same role",
            "Isabella Costa",
            {"company": "Kessler & Sons Plumbing"},
        ),
        (
            "swap plumbing for cbd on Oliver Bennett",
            "Oliver Bennett",
            {"tags_remove": ["plumbing"], "tags_add": ["cbd"]},
        ),
        (
            "Jane Doe ticked the email box on the signup form so we can email her now",
            "Jane Doe",
            {"email_consent": True},
        ),
        ("Jane Doe needs a bell on monday, can you set that", "Jane Doe", {"next_follow_up": "2026-11-30"}),
        (
            "Move Jane Doe to opportunity, the quote went out today. Chase her monday",
            "Jane Doe",
            {"stage": "opportunity", "next_follow_up": "2026-11-30"},
        ),
        (
            "Don't delete Oliver Bennett, just disqualify him, wrong industry entirely",
            "Oliver Bennett",
            {"stage": "disqualified"},
        ),
        (
            "Isabella Costa cancelled her retainer in March but she's signed up again, so customer again please",
            "Isabella Costa",
            {"stage": "customer"},
        ),
        (
            "Heike Lüders sent us three referrals, she's one of our biggest champions now, update her stage",
            "Heike Lüders",
            {"stage": "evangelist"},
        ),
    ],
)
def test_one_contact_changes(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_we_cannot_text_them_anymore(model: LocalChatModel) -> None:
    calls = _calls(model, "we can't text Oliver Bennett anymore, he asked")
    assert calls == [("update_contact", {"contact": "Oliver Bennett", "changes": {"sms_consent": False}})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tobias is off from Monday so all his contacts need to go to Maria",
            ("bulk_update_contacts", {"filters": {"owner": "Tobias Kranz"}, "changes": {"owner": "Maria Lopez"}}),
        ),
        (
            "The churned lot at Acme asked us to stop emailing them, turn off email consent for all of them",
            (
                "bulk_update_contacts",
                {"filters": {"company": "Acme", "stage": "churned"}, "changes": {"email_consent": False}},
            ),
        ),
        (
            "bin all the webinar subscribers we haven't contacted since June",
            (
                "delete_contacts",
                {"filters": {"lead_source": "webinar", "stage": "subscriber", "not_contacted_since": "2026-06-01"}},
            ),
        ),
        (
            "which of Maria's lot came in off the webinar",
            ("search_contacts", {"lead_source": "webinar", "owner": "Maria Lopez"}),
        ),
        ("what's overdue for me?", ("list_tasks", {"owner": "me", "overdue": True, "status": "open"})),
    ],
)
def test_selections_and_questions(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text)[:1] == [expected]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "add Rosa Quintero, ops director at Acme, rosa@acme.test, follow up 12/14, she's Tobias's",
            {"owner": "Tobias Kranz", "company": "Acme", "next_follow_up": "2026-12-14"},
        ),
        ("Lena Fischer | Acme | lena@acme.test | mql | Tobias", {"owner": "Tobias Kranz", "stage": "mql"}),
        ("Aoife Ní Bhriain, aoife@bhriain.test, Acme, referral", {"first_name": "Aoife", "last_name": "Ní Bhriain"}),
        ("Dafydd ap Huw - dafydd@huw.test - website", {"first_name": "Dafydd", "last_name": "ap Huw"}),
        ("New: Jana Novak, Acme, Leiter Vertrieb, jana@acme.test", {"title": "Leiter Vertrieb"}),
        (
            "Jane Smith — jane@smith.test — subscriber, source website",  # not Jane Doe: a full name the CRM lacks
            {"first_name": "Jane", "last_name": "Smith", "stage": "subscriber", "lead_source": "website"},
        ),
        (
            "met a lady called Mia Wong who found us through the website, she's at Acme, office manager I think, "
            "her email's mia at acme dot com, can you get her in as a lead",
            {
                "email": "mia@acme.com",
                "title": "office manager",
                "lead_source": "website",
                "stage": "lead",
                "company": "Acme",
            },
        ),
        (
            "so I got chatting to this bloke at the pub, Piet Claes, runs Claes Bakery, piet@claes.test. Can you pop "
            "him in, stick me down as owner, it's a referral really",
            {"first_name": "Piet", "last_name": "Claes", "owner": "me", "lead_source": "referral"},
        ),
    ],
)
def test_new_contacts(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_contact"]
    args = calls[0][1]
    assert {k: args.get(k) for k in fields} == fields
    assert args.get("title") != "owner"  # "stick me down as owner" names who owns the record, not a job


def test_deal_owner_said_last(model: LocalChatModel) -> None:
    calls = _calls(model, "New deal for Acme, call it 'Spring refit', $3,000, closing end of the month. Maria's")
    assert calls == [
        (
            "create_deal",
            {
                "company": "Acme",
                "name": "Spring refit",
                "amount": 3000.0,
                "currency": "USD",
                "expected_close": "2026-11-30",
                "owner": "Maria Lopez",
            },
        )
    ]


def test_campaign_named_with_call_it(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage("draft an email campaign to the vip segment, call it Winter thank-you offer")],
        specialist_specs("campaigns"),
    )
    assert [(tc["name"], tc["args"].get("name")) for tc in msg.tool_calls] == [
        ("draft_campaign", "Winter thank-you offer")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "what's a healthy close rate for an agency our size?",
        "what's the fine for an overdue library book",
        "my library book is overdue, what's the fine",
    ],
)
def test_advice_and_other_overdue_things_are_declined(model: LocalChatModel, text: str) -> None:
    for tools in (supervisor_specs(), specialist_specs("contacts")):
        msg = model.respond([HumanMessage(text)], tools)
        assert not msg.tool_calls, text
        assert "CRM" in str(msg.content)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jane Doe has moved from Acme to Kessler & Sons Plumbing, head of hr there now",
            (
                "update_contact",
                {"contact": "Jane Doe", "changes": {"company": "Kessler & Sons Plumbing", "title": "head of hr"}},
            ),
        ),
        (
            "isabella costa is isabella marino now (got married) new email i.marino@acme.test",
            (
                "update_contact",
                {"contact": "Isabella Costa", "changes": {"last_name": "Marino", "email": "i.marino@acme.test"}},
            ),
        ),
        ("email for heike?", ("get_contact", {"contact": "Heike Lüders"})),
        (
            "f/u with heike lüders 12/3, she said circle back after their budget cycle",
            ("update_contact", {"contact": "Heike Lüders", "changes": {"next_follow_up": "2026-12-03"}}),
        ),
        (
            "List the customers at Acme, highest score first",
            ("search_contacts", {"stage": "customer", "company": "Acme", "sort_by": "-score"}),
        ),
        (
            "Contacts tagged vip with a score of 70 or above: set stage to MQL and next follow-up to Monday.",
            (
                "bulk_update_contacts",
                {
                    "filters": {"tag": "vip", "min_score": 70},
                    "changes": {"stage": "mql", "next_follow_up": "2026-11-30"},
                },
            ),
        ),
        (
            "any cbds we haven't talked to since 1/1?",
            ("search_contacts", {"tag": "cbd", "not_contacted_since": "2026-01-01"}),
        ),
    ],
)
def test_round_five_misc(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text)[:1] == [expected]


def test_campaign_called_with_a_quoted_subject(model: LocalChatModel) -> None:
    msg = model.respond(
        [
            HumanMessage(
                "draft an email campaign called spring guide to all customers tagged vip, subject 'Your 2027 guide'"
            )
        ],
        specialist_specs("campaigns"),
    )
    args = msg.tool_calls[0]["args"]
    assert (msg.tool_calls[0]["name"], args["name"], args["subject"]) == (
        "draft_campaign",
        "spring guide",
        "Your 2027 guide",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "remove the vip tag from everybody who has it, the vip promotion ended 28.2.",
            ("bulk_update_contacts", {"filters": {"tag": "vip"}, "changes": {"tags_remove": ["vip"]}}),
        ),
        (
            "Bad news from Acme – they've gone with another agency and they're taking all events in-house. "
            "Oliver Bennett → churned.",
            ("update_contact", {"contact": "Oliver Bennett", "changes": {"stage": "churned"}}),
        ),
        (
            "Heike Lüders has moved from Acme to Kessler & Sons Plumbing – she's Head of Operations there now.",
            (
                "update_contact",
                {
                    "contact": "Heike Lüders",
                    "changes": {"company": "Kessler & Sons Plumbing", "title": "Head of Operations"},
                },
            ),
        ),
        (
            "All the plumbing webinar leads created before June – mark them disqualified",
            (
                "bulk_update_contacts",
                {
                    "filters": {
                        "stage": "lead",
                        "tag": "plumbing",
                        "lead_source": "webinar",
                        "created_before": "2026-06-01",
                    },
                    "changes": {"stage": "disqualified"},
                },
            ),
        ),
    ],
)
def test_reasons_and_stories_around_a_change(
    model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]
) -> None:
    assert _calls(model, text)[:1] == [expected]


def test_writing_to_someone_who_is_no_contact_is_declined(model: LocalChatModel) -> None:
    text = "Draft a polite but firm email to the caterer telling them the canapés at Thursday's launch were cold"
    for tools in (supervisor_specs(), specialist_specs("campaigns")):
        assert not model.respond([HumanMessage(text)], tools).tool_calls
