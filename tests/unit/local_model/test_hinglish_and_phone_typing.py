"""Round six: Indian English and Hinglish ("update kar do", "X se kaun kaun hai?", "tag wale", lakh and crore),
terse phone typing ("ill take …", "yesenias customers", "tag him" with the tag implied), people named by a
first name and an initial, one consent channel refused by name ("no SMS please, only email", replying STOP),
a short change ending a selection with no separator, several new people each with their job in brackets, and
questions about tools and channels in general (declined). Examples are our own, written for this vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local import extract as ex
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Priya Nair", "email": "priya@agency.test"},
        {"name": "Dustin Cole", "email": "dustin@agency.test"},
    ],
    "tags": ["vip", "hot-prospect", "hindi-speaking", "expo-2026", "gold"],
    "lead_sources": ["website form", "google ads", "referral", "trade show"],
    "companies": ["Acme", "Lakeside Builders LLP", "Orbit Foods"],
    "contacts": ["Jane Doe", "Arjun Rao", "Arjun Mehta", "Meera Iyer", "Tom Hale"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Arjun M - sql now, demo went well", "Arjun Mehta", {"stage": "sql"}),
        (
            "Meera ji ne haan bol diya. They are moving everything to us. mark her customer",
            "Meera Iyer",
            {"stage": "customer"},
        ),
        (
            "Tom Hale shared our post with every single client he has 🙌 evangelist pls",
            "Tom Hale",
            {"stage": "evangelist"},
        ),
        ("Jane Doe surname is Doe-Smith, full. update kar do", "Jane Doe", {"last_name": "Doe-Smith"}),
        (
            "Arjun Rao - opportunity, and Priya will handle him from now on",
            "Arjun Rao",
            {"stage": "opportunity", "owner": "Priya Nair"},
        ),
        (
            "Arjun Rao has moved from Acme to Orbit Foods as AVP Marketing",
            "Arjun Rao",
            {"company": "Orbit Foods", "title": "AVP Marketing"},
        ),
        ("Meera Iyer said no texts please, only email", "Meera Iyer", {"sms_consent": False}),
        ("tom hale replied STOP to the promo texts", "Tom Hale", {"sms_consent": False}),
        ("ill take arjun rao", "Arjun Rao", {"owner": "me"}),
        ("met jane doe at our expo 2026 booth, tag her", "Jane Doe", {"tags_add": ["expo-2026"]}),
        ("meera iyer prefers hindi on calls, tag her", "Meera Iyer", {"tags_add": ["hindi-speaking"]}),
        ("take vip off tom hale, he downgraded after all", "Tom Hale", {"tags_remove": ["vip"]}),
        ("tom hale stage lead pls", "Tom Hale", {"stage": "lead"}),
    ],
)
def test_one_contact_changes(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_a_note_then_a_consent_after_also(model: LocalChatModel) -> None:
    calls = _calls(model, "note on jane doe: only call after 6pm. also opt her into sms")
    assert [(name, args.get("contact")) for name, args in calls] == [
        ("log_activity", "Jane Doe"),
        ("update_contact", "Jane Doe"),
    ]
    assert calls[1][1]["changes"] == {"sms_consent": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "jo bhi expo-2026 tag wale hai with score 60 or more, make them mql",
            ("bulk_update_contacts", {"filters": {"tag": "expo-2026", "min_score": 60}, "changes": {"stage": "mql"}}),
        ),
        (
            "every vip contact from google ads not contacted since 10/1 tag gold",
            (
                "bulk_update_contacts",
                {
                    "filters": {"tag": "vip", "lead_source": "google ads", "not_contacted_since": "2026-10-01"},
                    "changes": {"tags_add": ["gold"]},
                },
            ),
        ),
        (
            "all vip contacts with a follow up before 12/1 push to 12/8",
            (
                "bulk_update_contacts",
                {
                    "filters": {"tag": "vip", "follow_up_before": "2026-12-01"},
                    "changes": {"next_follow_up": "2026-12-08"},
                },
            ),
        ),
        (
            "reassign all of priyas customers to dustin",
            (
                "bulk_update_contacts",
                {"filters": {"owner": "Priya Nair", "stage": "customer"}, "changes": {"owner": "Dustin Cole"}},
            ),
        ),
        (
            "All contacts from Orbit Foods are dead, they closed the office. Mark them churned",
            ("bulk_update_contacts", {"filters": {"company": "Orbit Foods"}, "changes": {"stage": "churned"}}),
        ),
        (
            "orbit foods went out of business, delete all their contacts",
            ("delete_contacts", {"filters": {"company": "Orbit Foods"}}),
        ),
        (
            "delete every contact tagged gold that nobody has talked to since last year",
            ("delete_contacts", {"filters": {"tag": "gold", "not_contacted_since": "2026-01-01"}}),
        ),
        ("Lakeside Builders se kaun kaun hai in the CRM?", ("search_contacts", {"company": "Lakeside Builders LLP"})),
        ("Arjun Rao kis company mein hai?", ("get_contact", {"contact": "Arjun Rao"})),
        ("priya's hot prospects?", ("search_contacts", {"owner": "Priya Nair", "tag": "hot-prospect"})),
        ("Meera Iyer's number? need to call her today", ("get_contact", {"contact": "Meera Iyer"})),
    ],
)
def test_selections_and_questions(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _calls(model, text) == [expected]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "Haan, add Mr. Kiran Shetty. He is VP Marketing, Lakeside Builders LLP. Number 98450 11122. Priya will own",
            {"first_name": "Kiran", "title": "VP Marketing", "company": "Lakeside Builders LLP", "owner": "Priya Nair"},
        ),
        (
            "new one - Ravi Kumar, Head of Growth at Orbit Foods, ravi@orbit.test. They want google ads for their "
            "snacks. tag vip. assign me",
            {"owner": "me", "lead_source": None, "tags": ["vip"]},
        ),
        (
            "pls add this gentleman, met him at the trade show\n--\nSuresh Pai\nDirector - Sales & Marketing\n"
            "Pai Steel Works\nsuresh@paisteel.test",
            {"title": "Director - Sales & Marketing", "company": "Pai Steel Works"},
        ),
        (
            "ran into dr lina haddad at the gym, she runs Haddad Dental. cell 555-0142. put her under dustin",
            {"first_name": "Lina", "last_name": "Haddad", "owner": "Dustin Cole"},
        ),
        (
            "new contact from the website form: Ana Ruiz, ana@ruiz.test",
            {"lead_source": "website form"},
        ),
        (
            "create: Lee Park - lee@park.test - Acme - VP Marketing - referral - sql",
            {"first_name": "Lee", "company": "Acme", "lead_source": "referral", "stage": "sql"},
        ),
        (
            "new contact - ana lima, owner of lima studio, 555-0101. came from google ads, tag vip, follow up 12/3",
            {"tags": ["vip"], "next_follow_up": "2026-12-03", "lead_source": "google ads"},
        ),
        ("add dr sara lee-wong medical director Acme sara@acme.test", {"first_name": "Sara", "last_name": "Lee-Wong"}),
        (
            "pls add Otto Kraus, estimator at Acme, otto@acme.test. only on the newsletter so subscriber",
            {"stage": "subscriber"},
        ),
        (
            "contacto nuevo: rosa diaz de acme, es la owner, cel 555 0199, referida por jane doe",
            {"title": "owner", "lead_source": "referral", "company": "Acme"},
        ),
    ],
)
def test_new_contacts(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_contact"]
    assert {k: calls[0][1].get(k) for k in fields} == fields


def test_two_new_people_each_with_their_job_in_brackets(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "add two people from Orbit Foods — Ravi Das (founder, ravi@orbit.test) and Nina Roy (head of ops, "
        "nina@orbit.test). Priya owns both",
    )
    assert [(n, a.get("first_name"), a.get("title"), a.get("owner")) for n, a in calls] == [
        ("create_contact", "Ravi", "founder", "Priya Nair"),
        ("create_contact", "Nina", "head of ops", "Priya Nair"),
    ]


def test_brothers_are_two_people_with_one_stage(model: LocalChatModel) -> None:
    calls = _calls(
        model, "add 2 ppl from acme: bo tran (bo@acme.test) and his brother an tran (an@acme.test). both leads"
    )
    assert [(a.get("first_name"), a.get("last_name"), a.get("stage")) for _, a in calls] == [
        ("Bo", "Tran", "lead"),
        ("An", "Tran", "lead"),
    ]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("create a deal 'Festive launch' for Orbit Foods, ₹12 lakh, closing 12/20", 1_200_000, "INR"),
        ("new deal for Acme, ₦2.5m retainer, call it 'Lagos rollout'", 2_500_000, "NGN"),
        ("new deal for Acme called 'Q1 shop', 8,5k EUR", 8_500, "EUR"),
    ],
)
def test_deal_amounts_in_other_currencies(model: LocalChatModel, text: str, amount: float, currency: str) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_deal"]
    assert (calls[0][1].get("amount"), calls[0][1].get("currency")) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("₹12L", 1_200_000),
        ("5 lakh", 500_000),
        ("1.2 crore", 12_000_000),
        ("Rs. 40,000", 40_000),
        ("8,5k", 8_500),
        ("€ 12.500,-", 12_500),
        ("$1,500", 1_500),
    ],
)
def test_amounts(text: str, value: float) -> None:
    assert ex.amounts(text)[0][1] == value


@pytest.mark.parametrize(
    "text",
    [
        "is Meta ads better than Google ads for lead gen generally?",
        "write 2 lines for my whatsapp status for Diwali",
        "whats a good cost per lead for dental clinics",
    ],
)
def test_general_questions_are_declined(model: LocalChatModel, text: str) -> None:
    for tools in (supervisor_specs(), specialist_specs("contacts")):
        msg = model.respond([HumanMessage(text)], tools)
        assert not msg.tool_calls, text


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        (
            "tag tom hale as gold and set his follow up for Dec 10",
            "Tom Hale",
            {"tags_add": ["gold"], "next_follow_up": "2026-12-10"},
        ),
        ("Meera Iyer - lead source was actually google ads, not referral", "Meera Iyer", {"lead_source": "google ads"}),
        (
            "tom hale is not coming back, his company was sold to a big group. churned.",
            "Tom Hale",
            {"stage": "churned"},
        ),
        ("Is not a lead anymore, is a real customer now: Jane Doe", "Jane Doe", {"stage": "customer"}),
        ("Hale - evangelist. He brought us two referrals.", "Tom Hale", {"stage": "evangelist"}),
        ("tom hale went with a competitor after 8 months with us", "Tom Hale", {"stage": "churned"}),
        (
            "Jane Doe moved to Orbit Foods as their new CFO - please update her company and title.",
            "Jane Doe",
            {"company": "Orbit Foods", "title": "CFO"},
        ),
        ("jane doe shld be subscriber only, do NOT move her to lead yet", "Jane Doe", {"stage": "subscriber"}),
        (
            "Put Tom Hale back to subscriber — he opted out of the sales sequence but still wants the newsletter",
            "Tom Hale",
            {"stage": "subscriber"},
        ),
        ("Please make Dustin the responsible for Jane Doe", "Jane Doe", {"owner": "Dustin Cole"}),
        (
            "Tom Hale sent us three referrals this month, what a legend. Evangelist status, he earned it",
            "Tom Hale",
            {"stage": "evangelist"},
        ),
        ("tag Meera as gold, she is pushing us internally", "Meera Iyer", {"tags_add": ["gold"]}),
    ],
)
def test_more_one_contact_changes(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_two_new_people_one_with_an_email_one_with_a_phone(model: LocalChatModel) -> None:
    calls = _calls(
        model, "Two from the Pune trade show: Asha Kale (asha@kale.test) and Dev Joshi (98200 11223). Both leads."
    )
    assert [
        (n, a.get("first_name"), a.get("email"), a.get("phone"), a.get("company"), a.get("stage")) for n, a in calls
    ] == [
        ("create_contact", "Asha", "asha@kale.test", None, None, "lead"),
        ("create_contact", "Dev", None, "98200 11223", None, "lead"),
    ]


def test_where_are_we_with_someone_reads_the_record(model: LocalChatModel) -> None:
    calls = _calls(model, "Where are we with Meera Iyer? Call in 5 mins and I forgot everything")
    assert calls == [("get_contact", {"contact": "Meera Iyer"})]


def test_a_line_after_the_list_is_said_of_every_item(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "add 2 contacts from Orbit Foods:\n1. Ravi Das - ravi@orbit.test\n2. Nina Roy - nina@orbit.test\n"
        "both under Priya",
    )
    assert [(a.get("first_name"), a.get("owner")) for _, a in calls] == [("Ravi", "Priya Nair"), ("Nina", "Priya Nair")]


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "New contact:\n• Name: Lata Rao\n• Org: Lakeview Hospitals, Colombo\n• Role: CIO\n"
            "• Email: lata@lakeview.test",
            {"company": "Lakeview Hospitals", "title": "CIO"},
        ),
        # a default source ("event") never beats the organization's own ("trade show")
        (
            "add this gentleman, met him at our stall in the Pune expo yesterday: Vikram Joshi, vikram@vj.test",
            {"lead_source": "trade show"},
        ),
    ],
)
def test_forms_and_stories(model: LocalChatModel, text: str, fields: dict[str, Any]) -> None:
    calls = _calls(model, text)
    assert [name for name, _ in calls] == ["create_contact"]
    assert {k: calls[0][1].get(k) for k in fields} == fields
