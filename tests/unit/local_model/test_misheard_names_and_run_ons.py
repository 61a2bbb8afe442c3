"""Round eight: names misheard by dictation or misspelt by ear ("kristof nowak" for Krzysztof Nowak), run-on
sentences whose next clause starts with a pronoun ("… to keisha she's handling …"), a stage and an owner in one
update, forms that label first and last name, letter currency signs ("R85 000"), stories closed by "update her",
a selection closed by "bin them", and pricing or legal questions declined. Examples are our own, written for
this vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local import extract as ex
from leadloom.agents.local.aliases import alias_ref, respell
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from leadloom.agents.local.dictation import undictate
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


def test_a_spelling_confirmed_with_thats() -> None:
    text = "um create a contact for lindiwe zulu that's z u l u she runs a bakery"
    assert undictate(text) == "create a contact for lindiwe zulu she runs a bakery"


def test_an_explicit_new_contact_is_never_chatter(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "create a contact for lindiwe zulu she runs a bakery")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Lindiwe", "Zulu")


def test_the_name_before_a_pronoun_saying_the_job(model: LocalChatModel) -> None:
    text = "new contact for the harbour logistics account uh thabo nkosi he's their fleet manager"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"]) == ("Thabo", "Nkosi", "fleet manager")


def test_the_job_after_the_employers_possessive(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Add Lerato Dlamini (Karoo Foods' new buyer), lerato@karoo.test")
    assert name == "create_contact"
    assert args["title"] == "buyer"


def test_a_lower_case_employer_ends_where_the_next_clause_starts(model: LocalChatModel) -> None:
    text = "create contact thabo nkosi he's the director at blue crane daycare they need liability cover"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["company"] == "Blue Crane Daycare"


def test_a_source_then_the_stage(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Thabo Nkosi from Harbour Logistics pls. walk-in lead, follow up friday")
    assert name == "create_contact"
    assert (args["stage"], args["lead_source"]) == ("lead", "walk-in")


@pytest.mark.parametrize(
    ("text", "contact", "changes"),
    [
        ("Samuel Reid asked us to stop texting him. Email is still fine.", "Samuel Reid", {"sms_consent": False}),
        ("Marta Kowalska — add vip? no sorry, wrong Marta. Marta Kowalczyk gets the vip tag.", "Marta Kowalczyk",
         {"tags_add": ["vip"]}),
        ("Siyabonga Dube - disqualified (covered through his employer, nothing for us to quote)", "Siyabonga Dube",
         {"stage": "disqualified"}),
    ],
)  # fmt: skip
def test_consent_corrections_and_asides(
    model: LocalChatModel, text: str, contact: str, changes: dict[str, Any]
) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": contact, "changes": changes})]


def test_a_tag_of_two_words_said_after_the_name() -> None:
    vocab = {**VOCAB, "tags": ["bundle-candidate", "umbrella"]}
    m = model_for(vocab)
    calls = _calls(m, "tag samuel reid as bundle candidate and umbrella he's got two cars")
    assert calls == [
        ("update_contact", {"contact": "Samuel Reid", "changes": {"tags_add": ["bundle-candidate", "umbrella"]}})
    ]


def test_score_and_tell_me_why_is_two_calls(model: LocalChatModel) -> None:
    tools = specialist_specs("scoring")
    history: list[BaseMessage] = [HumanMessage("score Samuel Reid and tell me why it's so low")]
    calls = []
    for _ in range(4):
        msg = model.respond(history, tools)
        if not msg.tool_calls:
            break
        calls += [(tc["name"], tc["args"]) for tc in msg.tool_calls]
        history += [msg, *(ToolMessage(content="{}", tool_call_id=tc["id"]) for tc in msg.tool_calls)]
    assert calls == [("score_lead", {"contact": "Samuel Reid"}), ("explain_score", {"contact": "Samuel Reid"})]


def test_a_dictated_form_in_lower_case_is_written_as_names(model: LocalChatModel) -> None:
    text = "new contact please first name wiremu last name parata he's with harbour logistics stage is lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Wiremu", "Parata")


def test_a_persons_form_with_a_company_field_is_a_new_contact(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "Please add:\nFirst name: Lerato\nLast name: van der Walt\nCompany: Harbour Logistics"
    )
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Lerato", "van der Walt", "Harbour Logistics")
