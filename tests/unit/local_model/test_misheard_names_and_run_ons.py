"""Round eight: names misheard by dictation or misspelt by ear ("kristof nowak" for Krzysztof Nowak), run-on
sentences whose next clause starts with a pronoun ("… to keisha she's handling …"), a stage and an owner in one
update, forms that label first and last name, letter currency signs ("R85 000"), stories closed by "update her",
a selection closed by "bin them", and pricing or legal questions declined. Examples are our own, written for
this vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local import extract as ex
from leadloom.agents.local.aliases import alias_ref, respell
from leadloom.agents.local.contract import supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Thandiwe Mokoena", "email": "thandiwe@agency.test"},
        {"name": "Keisha Brown", "email": "keisha@agency.test"},
    ],
    "tags": ["vip", "fleet", "umbrella"],
    "lead_sources": ["website", "referral", "walk-in"],
    "companies": ["Harbour Logistics", "Karoo Foods (Pty) Ltd", "Lakeside Dental Group"],
    "contacts": [
        "Krzysztof Wiśniewski",
        "Paweł Zieliński",
        "Nikos Papadakis",
        "Babatunde Okoro",
        "Siyabonga Dube",
        "Marta Kowalska",
        "Marta Kowalczyk",
        "Samuel Reid",
    ],
    "country": "ZA",
}
CONTACTS = tuple(VOCAB["contacts"])


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("typed", "contact"),
    [
        ("kristof wisniewski", "Krzysztof Wiśniewski"),  # the first name by ear, the surname exact
        ("pavel zielinsky", "Paweł Zieliński"),  # both by ear
        ("nicos papadakis", "Nikos Papadakis"),
        ("siya dube", "Siyabonga Dube"),  # a short form of the first name
        ("Dube (Siyabonga)", "Siyabonga Dube"),  # the family name first
    ],
)
def test_misheard_names_find_the_one_contact(typed: str, contact: str) -> None:
    assert alias_ref(f"mark {typed} as customer", CONTACTS) == contact


@pytest.mark.parametrize(
    "typed",
    [
        "marta kowalsky",  # Kowalska and Kowalczyk both fit: nobody is guessed
        "mark nowak",  # no contact is called anything like it
        "the baker said",
    ],
)
def test_no_guess_when_none_or_several_fit(typed: str) -> None:
    assert alias_ref(typed, CONTACTS) is None


def test_respell_writes_the_name_as_the_organization_does() -> None:
    assert respell("put pavel zielinsky in opportunity", CONTACTS) == "put Paweł Zieliński in opportunity"
    # a name said exactly elsewhere is a different person: "Sam Reid and Samuel Reid are one person"
    text = "Sam Reid and Samuel Reid are one person"
    assert respell(text, CONTACTS) == text


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("um put pavel zielinsky in opportunity he wants a quote on the fleet", "Paweł Zieliński",
         {"stage": "opportunity"}),
        ("babatunde okoro's a customer he paid the deposit this morning", "Babatunde Okoro", {"stage": "customer"}),
        ("change the owner on nikos papadakis to keisha she's handling the fleet accounts now", "Nikos Papadakis",
         {"owner": "Keisha Brown"}),
        ("Marta Kowalska is now a customer, and pls assign her to Thandiwe Mokoena", "Marta Kowalska",
         {"stage": "customer", "owner": "Thandiwe Mokoena"}),
        ("Really? Samuel Reid signed? Then he's a customer, update him", "Samuel Reid", {"stage": "customer"}),
    ],
)  # fmt: skip
def test_one_contact_changes(model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_a_new_employer_ends_where_the_next_clause_starts(model: LocalChatModel) -> None:
    calls = _calls(model, "siyabonga dube moved over to lakeside dental group he's their practice manager now")
    assert calls == [
        (
            "update_contact",
            {
                "contact": "Siyabonga Dube",
                "changes": {"title": "practice manager", "company": "Lakeside Dental Group"},
            },
        )
    ]


def test_a_form_that_labels_first_and_last_name(model: LocalChatModel) -> None:
    text = "Please add:\nFirst name: Lerato\nLast name: van der Walt\nCompany: Karoo Foods (Pty) Ltd\nTitle: Buyer"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"]) == ("Lerato", "van der Walt", "Buyer")


def test_a_name_field_followed_by_unlabelled_fields(model: LocalChatModel) -> None:
    text = "Name: Lerato Mahlangu | Buyer | Karoo Foods (Pty) Ltd | lerato@karoo.test | stage: lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"]) == ("Lerato", "Mahlangu", "Buyer")


def test_a_firm_named_for_its_people_is_not_a_job(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Lindiwe Zulu, Harbour Realty Partners, Director. phone 082 555 0101")
    assert name == "create_contact"
    assert args.get("title") != "Harbour Realty Partners"


def test_a_selection_closed_by_bin_them(model: LocalChatModel) -> None:
    assert _calls(model, "disqualified contacts from walk-in... bin them") == [
        ("delete_contacts", {"filters": {"stage": "disqualified", "lead_source": "walk-in"}})
    ]


def test_a_colleague_called_by_a_short_first_name_owns_the_tasks(model: LocalChatModel) -> None:
    calls = _calls(model, "which of Thandi's tasks are still open?")
    assert calls == [("list_tasks", {"owner": "Thandiwe Mokoena", "status": "open"})]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("R85 000", 85000.0),
        ("R380k", 380000.0),
        ("RM 12 500", 12500.0),
        ("about 42000 closing end of may", 42000.0),
    ],
)
def test_letter_signs_spaced_thousands_and_approximate_figures(text: str, amount: float) -> None:
    assert [v for _, v in ex.amounts(text)] == [amount]


@pytest.mark.parametrize("text", ["about 2 weeks", "call 0612 345 678", "Room 12"])
def test_what_is_not_an_amount(text: str) -> None:
    assert ex.amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "should I price our social retainer at R9 000 or R14 000 a month?",
        "what does POPIA say about cold calling leads?",
    ],
)
def test_pricing_and_the_law_in_general_are_declined(model: LocalChatModel, text: str) -> None:
    msg = model.respond([HumanMessage(text)], supervisor_specs())
    assert not msg.tool_calls, text
