"""Round seven: clients addressed by an honorific and their surname ("Chief Okafor", "Engr. Bello", "Alhaji
Musa"), a status said last after a story ("… She'd been a client for years. churned"), "should be X, not Y",
day-first dates joined by hyphens ("24-11", "1-1-2027"), writing help that names a client (declined), Nigerian
Pidgin around English CRM words, and Dutch. Examples are our own, written for this vocabulary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import supervisor_specs
from leadloom.agents.local.dates import find_dates
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Ngozi Eze", "email": "ngozi@agency.test"},
        {"name": "Pieter Smit", "email": "pieter@agency.test"},
    ],
    "tags": ["vip", "retail", "black-friday", "hot-lead"],
    "lead_sources": ["website", "referral", "cold-outreach"],
    "companies": ["Okafor Holdings Ltd", "Zonnebloem Retail B.V.", "Kestrel Analytics"],
    "contacts": ["Emeka Okafor", "Musa Bello", "Halima Musa", "Joke Adeyemi", "Daan Visser", "Femke de Wit"],
    "country": "NG",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Chief Okafor has signed the retainer, mark him customer", "Emeka Okafor", {"stage": "customer"}),
        ("Engr. Bello told us he went with another vendor. disqualify", "Musa Bello", {"stage": "disqualified"}),
        (
            "Joke from Okafor Holdings called, they are cutting all agency spend this year. Client for 3 years. "
            "churned",
            "Joke Adeyemi",
            {"stage": "churned"},
        ),
        (
            "Daan Visser should be opportunity, not mql. Proposal went out today",
            "Daan Visser",
            {"stage": "opportunity"},
        ),
    ],
)
def test_one_contact_changes(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_a_question_about_someone_called_by_honorific(model: LocalChatModel) -> None:
    assert _calls(model, "when do I follow up with Engr. Bello?") == [("get_contact", {"contact": "Musa Bello"})]


def test_a_job_starting_with_chief_is_not_a_title_of_address(model: LocalChatModel) -> None:
    calls = _calls(model, "Create contact: Tunde Bakare, Kestrel Analytics, Chief Revenue Officer, tunde@kestrel.test")
    assert calls[0][0] == "create_contact"
    assert calls[0][1]["first_name"] == "Tunde" and calls[0][1]["title"] == "Chief Revenue Officer"


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("follow up 4-12 with her", True, date(2026, 12, 4)),
        ("created before 1-1-2027, cleanup", True, date(2027, 1, 1)),
        ("on 11-20", False, date(2026, 11, 20)),
    ],
)
def test_day_and_month_joined_by_a_hyphen(text: str, day_first: bool, expected: date) -> None:
    spans = find_dates(text, date(2026, 11, 10), day_first=day_first)
    assert [s.start for s in spans] == [expected]


@pytest.mark.parametrize(
    ("text", "day_first"),
    [
        ("10-20 employees", True),
        ("call 06-44556677", True),
        ("2-3 weeks", True),
        ("score 60-80", True),
        ("meet 3-4 pm", True),
        ("between 10-20 of them", False),  # month first: only after a word asking for a date ("on 11-20")
    ],
)
def test_ranges_and_phones_are_not_hyphen_dates(text: str, day_first: bool) -> None:
    assert find_dates(text, date(2026, 11, 10), day_first=day_first) == []


@pytest.mark.parametrize(
    "text",
    [
        "Write me a caption for Okafor Holdings' anniversary post, something fun",
        "Help me write a thank-you message for Chief Okafor, he sent us a hamper",
        "Draft a friendly WhatsApp message I can send to Musa Bello about the late invoice",
        "If a lead converts at 8% and we get 300 leads a month, how many customers is that?",
        "How should I price a retainer for a small bakery?",
        "summarise the GDPR rules for cold emailing in Germany",
    ],
)
def test_writing_help_and_sums_are_declined(model: LocalChatModel, text: str) -> None:
    msg = model.respond([HumanMessage(text)], supervisor_specs())
    assert not msg.tool_calls, text


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Chief Okafor don pay the deposit, mark am as customer", "Emeka Okafor", {"stage": "customer"}),
        ("Musa Bello new email na musa@bello.test", "Musa Bello", {"email": "musa@bello.test"}),
        ("Daan Visser is klant geworden, contract is binnen", "Daan Visser", {"stage": "customer"}),
        ("femke de wit is gewoon een lead, niet mql", "Femke de Wit", {"stage": "lead"}),
        ("Daan Visser follow-up op morgen zetten", "Daan Visser", {"next_follow_up": "2026-11-27"}),
        ("Femke de Wit mag sms ontvangen", "Femke de Wit", {"sms_consent": True}),
        (
            "Daan Visser signed!! customer. and Ngozi becomes owner",
            "Daan Visser",
            {"stage": "customer", "owner": "Ngozi Eze"},
        ),
        (
            "Femke de Wit wants a proposal -> opportunity, and I take her myself",
            "Femke de Wit",
            {"stage": "opportunity", "owner": "me"},
        ),
    ],
)
def test_pidgin_dutch_and_owner_phrases(
    model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]
) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wie is eigenaar van Femke de Wit?", ("get_contact", {"contact": "Femke de Wit"})),
        ("Telefoonnummer van Daan Visser?", ("get_contact", {"contact": "Daan Visser"})),
        (
            "gooi alle disqualified contacten weg die van cold outreach komen",
            ("delete_contacts", {"filters": {"stage": "disqualified", "lead_source": "cold-outreach"}}),
        ),
        (
            "anybody wey get the vip tag and still dey customer stage, make dem evangelist",
            (
                "bulk_update_contacts",
                {"filters": {"tag": "vip", "stage": "customer"}, "changes": {"stage": "evangelist"}},
            ),
        ),
    ],
)
def test_pidgin_and_dutch_questions_and_selections(
    model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]
) -> None:
    assert _calls(model, text)[0] == expected


def test_a_new_lead_handed_over_in_pidgin(model: LocalChatModel) -> None:
    calls = _calls(model, "new lead: Bisi Cole, bisi@cole.test, from the website. Ngozi take am, follow up tomorrow")
    assert calls[0][0] == "create_contact" and calls[0][1]["owner"] == "Ngozi Eze"


def test_english_and_german_pass_unchanged() -> None:
    from leadloom.agents.local.dutch import from_dutch
    from leadloom.agents.local.pidgin import from_pidgin

    for text in ("add Gijs van Beek at Huis ter Duin", "I am going to call Femke de Wit", "mit dem Kunden gesprochen"):
        assert from_dutch(text) == text and from_pidgin(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many sql's has Ngozi at the moment", ("search_contacts", {"stage": "sql", "owner": "Ngozi Eze"})),
        ("Can you control if Daan Visser is already customer?", ("get_contact", {"contact": "Daan Visser"})),
        (
            "tasks of Pieter with a due date before 1-12",
            ("list_tasks", {"owner": "Pieter Smit", "status": "open", "due_before": "2026-12-01"}),
        ),
        (
            "Move every contact of Ngozi to Pieter, she is on leave from monday",
            ("bulk_update_contacts", {"filters": {"owner": "Ngozi Eze"}, "changes": {"owner": "Pieter Smit"}}),
        ),
        (
            "customers that still have the black-friday tag, remove it, the sale is over",
            (
                "bulk_update_contacts",
                {"filters": {"stage": "customer", "tag": "black-friday"}, "changes": {"tags_remove": ["black-friday"]}},
            ),
        ),
        (
            "tag Daan Visser as hot-lead, the black-friday tag can go off",
            (
                "update_contact",
                {"contact": "Daan Visser", "changes": {"tags_add": ["hot-lead"], "tags_remove": ["black-friday"]}},
            ),
        ),
        (
            "musa bello disq. they only wanted free advice",
            ("update_contact", {"contact": "Musa Bello", "changes": {"stage": "disqualified"}}),
        ),
    ],
)
def test_counts_checks_task_lists_and_tags(
    model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]
) -> None:
    assert _calls(model, text)[0] == expected


def test_a_new_email_address_is_not_email_consent() -> None:
    from leadloom.agents.local.consent import consent_changes

    assert consent_changes("her new email is halima@musa.test and she says SMS is fine now") == {"sms_consent": True}


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Name: Ada Obi | Company: Kestrel Analytics | Title: Sales Director | Phone: 0812 345 6789 | Owner: Ngozi",
            {"first_name": "Ada", "title": "Sales Director", "company": "Kestrel Analytics", "owner": "Ngozi Eze"},
        ),
        ("Add Tunde Bakare (tunde@kestrel.co), Kestrel. cold outreach", {"company": "Kestrel Analytics"}),
        (
            "Voeg toe: Joost Mulder, CFO of Zonnebloem, joost@zonnebloem.test",
            {"title": "CFO", "company": "Zonnebloem Retail B.V."},
        ),
        (
            "Add Lotte Bos (Kestrel Analytics, Growth Lead), lotte@kestrel.test. She is a lead from the website",
            {"title": "Growth Lead", "stage": "lead", "lead_source": "website"},
        ),
        (
            "Contact aanmaken: Marieke Zwart; Zonnebloem Retail B.V.; eigenaresse; 0612398765; lead",
            {"title": "eigenaresse", "stage": "lead"},
        ),
    ],
)
def test_new_contacts_in_forms_and_lists(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert calls[0][0] == "create_contact"
    assert {k: calls[0][1].get(k) for k in fields} == fields


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Halima Musa's surname is actually Musa-Bello, she got married", "Halima Musa", {"last_name": "Musa-Bello"}),
        ("Femke de Wit uses the name of her husband now: Femke Jansen", "Femke de Wit", {"last_name": "Jansen"}),
        ("Musa Bello has paid the first invoice 🎉 you know what to do", "Musa Bello", {"stage": "customer"}),
    ],
)
def test_surnames_and_first_payments(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_a_selection_starting_with_its_state(model: LocalChatModel) -> None:
    calls = _calls(model, "churned retail clients with a score of 60 and above, move them back to lead")
    assert calls == [
        (
            "bulk_update_contacts",
            {"filters": {"stage": "churned", "tag": "retail", "min_score": 60}, "changes": {"stage": "lead"}},
        )
    ]


def test_a_new_person_referred_by_a_known_one(model: LocalChatModel) -> None:
    calls = _calls(
        model, "Sipho Dlamini / Kestrel Analytics / owner & founder / 0612345678 / referral from Daan Visser / sql"
    )
    assert calls[0][0] == "create_contact"
    assert {k: calls[0][1].get(k) for k in ("first_name", "title", "stage")} == {
        "first_name": "Sipho",
        "title": "owner & founder",
        "stage": "sql",
    }


def test_a_new_person_given_by_address_only(model: LocalChatModel) -> None:
    calls = _calls(model, "add kim.jacobs@gmail.com as subscriber, she signed up on the website yesterday")
    assert calls[0][0] == "create_contact"
    assert calls[0][1]["email"] == "kim.jacobs@gmail.com" and calls[0][1]["stage"] == "subscriber"


def test_pidgin_na_before_a_value() -> None:
    from leadloom.agents.local.pidgin import from_pidgin

    assert from_pidgin("her new email na ola@x.test") == "her new email is ola@x.test"


def test_a_pasted_signature_after_an_intro_line(model: LocalChatModel) -> None:
    text = "Add him:\nPeter Okoye\nParish Priest\nSt. Mary's Catholic Church Yaba\n0803 765 4321\n\nSource: referral."
    calls = _calls(model, text)
    assert calls[0][0] == "create_contact"
    assert {k: calls[0][1].get(k) for k in ("first_name", "last_name", "title", "company")} == {
        "first_name": "Peter",
        "last_name": "Okoye",
        "title": "Parish Priest",
        "company": "St. Mary's Catholic Church Yaba",
    }


def test_people_in_a_state_said_after_them_is_a_search(model: LocalChatModel) -> None:
    assert _calls(model, "all contacts at Kestrel Analytics that are still lead") == [
        ("search_contacts", {"company": "Kestrel Analytics", "stage": "lead"})
    ]
