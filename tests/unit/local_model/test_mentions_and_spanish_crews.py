"""Chat mentions as owners ("@maria she's yours", "→ @maria"), tag lists after "tags:", and the Spanish a
bilingual crew mixes in: owners ("ponme a mí de owner", "la tomo yo"), "de" meaning at ("borra todos los churned
de Acme"), a new phone, a new title ("ahora es …, ya no es …"), consent, a meeting logged with a follow-up; plus
a field said first ("lead source for X should be …"), a company whose name holds a source word, a reason date
after the change, and an emoji at the end of a campaign's name."""

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
    "tags": ["vip", "cbd"],
    "lead_sources": ["website", "referral", "webinar", "partner"],
    "companies": ["Acme", "Northwind Partners LLC"],
    "contacts": ["Jane Doe", "Oliver Bennett", "Isabella Costa"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("new lead from the website: Ana Ruiz, ana@ruiz.test, @maria she's yours", {"owner": "Maria Lopez"}),
        (
            "Ben Ode | Acme | ben@acme.test | tags: vip, cbd | @tobias can you own this one?",
            {"tags": ["vip", "cbd"], "owner": "Tobias Kranz"},
        ),
        (
            "agrega a Pablo Ortiz, gerente de Acme, cel 555-0101. ponme a mí de owner",
            {"title": "gerente", "company": "Acme", "phone": "555-0101", "owner": "me"},
        ),
        (
            "nueva: Lucía Vega — Acme — lucia@acme.test — vino del webinar — la tomo yo",
            {"lead_source": "webinar", "owner": "me", "company": "Acme"},
        ),
        ("nuevo contacto: Raúl Soto, raul@soto.test, ponle tag vip y cbd", {"tags": ["vip", "cbd"]}),
        (
            "Add Leo Park, Northwind Partners, 555-0100, website",  # "Partners" is the company, not the source
            {"company": "Northwind Partners LLC", "lead_source": "website", "title": None},
        ),
        ("Simone Achterberg, Acme, VP Ops. sql. Maria owns.", {"title": "VP Ops", "stage": "sql"}),
    ],
)
def test_new_contacts(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_contact"]
    assert {k: calls[0][1].get(k) for k in fields} == fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "all of Tobias's contacts at Acme → @maria (he's off that account)",
            (
                "bulk_update_contacts",
                {"filters": {"company": "Acme", "owner": "Tobias Kranz"}, "changes": {"owner": "Maria Lopez"}},
            ),
        ),
        (
            "borra todos los churned de Acme, ya cerraron",
            ("delete_contacts", {"filters": {"stage": "churned", "company": "Acme"}}),
        ),
        (
            "a todos los de Acme ponles el tag vip",
            ("bulk_update_contacts", {"filters": {"company": "Acme"}, "changes": {"tags_add": ["vip"]}}),
        ),
        (
            "los leads de Acme que no contactamos desde enero → disqualified",
            (
                "bulk_update_contacts",
                {
                    "filters": {"stage": "lead", "company": "Acme", "not_contacted_since": "2026-01-01"},
                    "changes": {"stage": "disqualified"},
                },
            ),
        ),
        (
            "every customer tagged vip → set their follow up to end of month pls, renewals kick in 12/1",
            (
                "bulk_update_contacts",
                {"filters": {"stage": "customer", "tag": "vip"}, "changes": {"next_follow_up": "2026-11-30"}},
            ),
        ),
        (
            "el cel nuevo de Oliver Bennett es 555-0199",
            ("update_contact", {"contact": "Oliver Bennett", "changes": {"phone": "555-0199"}}),
        ),
        (
            "Jane Doe ahora es Head of Sales, ya no es coordinator",
            ("update_contact", {"contact": "Jane Doe", "changes": {"title": "Head of Sales"}}),
        ),
        (
            "Isabella Costa dice que sí le podemos mandar emails",
            ("update_contact", {"contact": "Isabella Costa", "changes": {"email_consent": True}}),
        ),
        (
            "lead source for Jane Doe should be referral not website, her friend sent her",
            ("update_contact", {"contact": "Jane Doe", "changes": {"lead_source": "referral"}}),
        ),
        (
            "take the vip tag off Oliver Bennett, he downgraded, and add cbd while you're in there",
            ("update_contact", {"contact": "Oliver Bennett", "changes": {"tags_remove": ["vip"], "tags_add": ["cbd"]}}),
        ),
    ],
)
def test_changes(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text) == [expected]


def test_meeting_logged_with_a_follow_up_in_spanish(model: LocalChatModel) -> None:
    calls = _calls(model, "tuve junta con Jane Doe en la oficina, regístrala como meeting y ponle follow up el lunes")
    assert [(name, args.get("contact"), args.get("type")) for name, args in calls] == [
        ("log_activity", "Jane Doe", "meeting"),
        ("update_contact", "Jane Doe", None),
    ]
    assert calls[1][1]["changes"] == {"next_follow_up": "2026-11-30"}


def test_campaign_name_without_its_emoji(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage("draft an email campaign called Winter Push 2027 ⛄️ to the vip segment")],
        specialist_specs("campaigns"),
    )
    assert [(tc["name"], tc["args"].get("name")) for tc in msg.tool_calls] == [("draft_campaign", "Winter Push 2027")]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Could you please add Ms. Rita Moreau? She's the People & Culture Manager at Acme, rita@acme.test",
            {"title": "People & Culture Manager", "company": "Acme"},
        ),
        (
            "New contact: Lise Barbier, she is chargée de formation at Acme. lise@acme.test",
            {"title": "chargée de formation"},
        ),
        (
            "Add the contact of Ana Lima please, she is coordinator of trainings in Acme, ana@acme.test. She came by "
            "indication of Jane Doe",
            {"title": "coordinator of trainings", "lead_source": "referral"},
        ),
        (
            "please enter the following new client for me Dr. Paul Engel DVM practice owner at Acme paul@acme.test, "
            "Maria will be his account owner",
            {"first_name": "Paul", "last_name": "Engel", "owner": "Maria Lopez"},
        ),
        ("Could you add a contact for me: Kim Ode, Medical Director at Acme, kim@acme.test", {"owner": None}),
        (
            "pls add this guy, met him at the webinar, tobias owns\n\nLuc Petit\nEstimator | Acme\nluc@acme.test",
            {"owner": "Tobias Kranz", "title": "Estimator"},
        ),
    ],
)
def test_titles_and_owners_said_in_full(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_contact"]
    assert {k: calls[0][1].get(k) for k in fields} == fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the e-learning tag doesn't mean anything anymore, please remove the vip tag from everyone who has it",
            ("bulk_update_contacts", {"filters": {"tag": "vip"}, "changes": {"tags_remove": ["vip"]}}),
        ),
        (
            "Everybody with the tag vip who is customer, pass the owner to me and take out the tag",
            (
                "bulk_update_contacts",
                {"filters": {"tag": "vip", "stage": "customer"}, "changes": {"owner": "me", "tags_remove": ["vip"]}},
            ),
        ),
        (
            "the date of the next follow up with Jane Doe is 12/15",
            ("update_contact", {"contact": "Jane Doe", "changes": {"next_follow_up": "2026-12-15"}}),
        ),
    ],
)
def test_said_by_writers_of_english_as_a_second_language(
    model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]
) -> None:
    assert _calls(model, text) == [expected]


def test_the_law_in_general_is_advice(model: LocalChatModel) -> None:
    text = "Can a dentist in Ohio legally text patients appointment reminders without written consent?"
    for tools in (supervisor_specs(), specialist_specs("contacts")):
        assert not model.respond([HumanMessage(text)], tools).tool_calls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oliver Bennett ko lead mein daal do pls",
            ("update_contact", {"contact": "Oliver Bennett", "changes": {"stage": "lead"}}),
        ),
        (
            "Jane Doe got promoted, she is Principal now (earlier VP). same to be updated",
            ("update_contact", {"contact": "Jane Doe", "changes": {"title": "Principal"}}),
        ),
        (
            "oliver bennett's last name is spelled wrong it should be b e n n e t",
            ("update_contact", {"contact": "Oliver Bennett", "changes": {"last_name": "Bennet"}}),
        ),
        (
            "Isabella Costa's surname is actually Costa Lima, pls fix the last name",
            ("update_contact", {"contact": "Isabella Costa", "changes": {"last_name": "Costa Lima"}}),
        ),
        (
            "Jane Doe phone is +91 94470 55667 and mail jane.doe@acme.test, update both asap",
            (
                "update_contact",
                {"contact": "Jane Doe", "changes": {"phone": "+91 94470 55667", "email": "jane.doe@acme.test"}},
            ),
        ),
        (
            "Who haven't we contacted since March? Just the opportunities pls",
            ("search_contacts", {"stage": "opportunity", "not_contacted_since": "2026-03-01"}),
        ),
        (
            "any customers we haven't spoken to since the first of march tag them vip we need to check in on them",
            (
                "bulk_update_contacts",
                {
                    "filters": {"stage": "customer", "not_contacted_since": "2026-03-01"},
                    "changes": {"tags_add": ["vip"]},
                },
            ),
        ),
        (
            "create a deal for acme call it acme house blend um value eighteen thousand",
            ("create_deal", {"company": "Acme", "name": "acme house blend", "amount": 18000.0}),  # no currency said
        ),
    ],
)
def test_indian_and_dictated_english(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text)[:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Is it 'churned' or 'churned out'? Writing a report and my brain is fried",
        "IND vs AUS score?",
    ],
)
def test_usage_and_sports_questions_are_declined(model: LocalChatModel, text: str) -> None:
    for tools in (supervisor_specs(), specialist_specs("contacts")):
        assert not model.respond([HumanMessage(text)], tools).tool_calls, text


def test_a_story_then_a_stage_change_is_not_chatter(model: LocalChatModel) -> None:
    msg = model.respond(
        [
            HumanMessage(
                "isabella from acme is giving us a testimonial video and a case study, upgrade her to evangelist"
            )
        ],
        supervisor_specs(),
    )
    assert [tc["name"] for tc in msg.tool_calls] == ["transfer_to_contacts"]
