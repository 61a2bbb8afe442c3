"""Round seventeen, set 59: conventions read from a London recruitment-marketing agency's requests (a formal,
hurried director; British Slack shorthand; pasted LinkedIn cards and email signatures; Spanish word order). A
closing "Thanks, <name>", "employer brand" as a trade, a LinkedIn card's degree and headline, "emailed us first"
and "the web form" as sources, clipped tag words ("grad campaign"), "Is X now, before was Y", the person told in a
notes question, a short post or a rewrite of copy as chatter. Examples are our own, written for this vocabulary
(today is Thursday 2026-11-26)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Harriet Voss", "email": "harriet@pinewell.test"},
        {"name": "Omar Siddiqui", "email": "omar@pinewell.test"},
    ],
    "tags": ["hot-lead", "employer-branding", "executive-search", "podcast", "newsletter"],
    "lead_sources": ["website", "referral", "linkedin", "inbound-email", "trade-show"],
    "companies": ["Copperleaf Logistics", "Mistral Dental Group"],
    "contacts": ["Petra Lindqvist", "Dev Anand", "Rosalind Achebe", "Callum Firth"],
    "country": "GB",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _analytics(model: LocalChatModel, text: str) -> list[tuple[str, dict[str, Any]]]:
    msg = model.respond([HumanMessage(text)], specialist_specs("analytics"))
    return [(tc["name"], tc["args"]) for tc in msg.tool_calls]


def test_a_closing_thanks_signed_with_a_name_is_no_part_of_the_request(model: LocalChatModel) -> None:
    text = "Rosalind Achebe has agreed the podcast package. Please mark her as a customer. Many thanks, Omar"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Rosalind Achebe", "changes": {"stage": "customer"}},
    )


def test_employer_brand_is_the_trade_not_the_company_field(model: LocalChatModel) -> None:
    text = "Dev Anand signed off the employer brand audit today, make him an opportunity"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Dev Anand", "changes": {"stage": "opportunity"}})


def test_a_linkedin_card_with_its_connection_degree(model: LocalChatModel) -> None:
    text = (
        "From LinkedIn:\n\nMarguerite Okafor · 3rd\nDirector of People at Copperleaf Logistics\n"
        "Manchester, England · 300 connections\n\nsource linkedin, lead"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Marguerite", "Okafor")
    assert args["title"] == "Director of People"
    assert args["company"] == "Copperleaf Logistics"


def test_a_linkedin_headline_goes_on_after_the_company_between_bars(model: LocalChatModel) -> None:
    text = (
        "Tobias Wren\nHead of Talent @ Mistral Dental Group | ex-Bupa | Hiring clinicians across the North\n"
        "Leeds · Contact info\n\nadd as lead pls, source linkedin"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["title"] == "Head of Talent"
    assert args["company"] == "Mistral Dental Group"


def test_emailed_us_first_is_the_inbound_email_source(model: LocalChatModel) -> None:
    text = "add Nell Hartigan, nell@brookfieldvets.test, Brookfield Vets. She emailed us first. Lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["lead_source"] == "inbound-email"


def test_the_web_form_is_the_website_source(model: LocalChatModel) -> None:
    text = "New contact from the contact form: Idris Bello, idris@harrowgate.test, works at Harrowgate Foods"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["lead_source"] == "website"


def test_a_clipped_tag_phrase_is_the_organizations_tag(model: LocalChatModel) -> None:
    text = "add Wendy Pask - Copperleaf Logistics - wendy@copperleaf.test. tag exec search. lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["tags"] == ["executive-search"]


def test_what_it_was_before_is_not_the_new_stage(model: LocalChatModel) -> None:
    text = "Can you change of Callum Firth the stage? Is customer now, before was opportunity."
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Callum Firth", "changes": {"stage": "customer"}})


def test_the_person_told_is_whose_notes_to_search(model: LocalChatModel) -> None:
    assert _analytics(model, "what did we tell petra lindqvist about the fee? can't find it") == [
        ("search_notes", {"query": "fee", "contact": "Petra Lindqvist"})
    ]


def test_a_short_linkedin_post_and_a_rewrite_of_copy_are_chatter(model: LocalChatModel) -> None:
    assert _declined(model, "Please draft a brief LinkedIn post welcoming our new Account Director. Warm tone.")
    assert _declined(model, "Rewrite this careers page blurb so it reads warmer: 'Copperleaf is a market leader in …'")


def test_when_is_my_follow_up_with_one_person(model: LocalChatModel) -> None:
    assert _calls(model, "whens my follow up w rosalind")[0] == ("get_contact", {"contact": "Rosalind Achebe"})


def test_a_month_and_a_year(model: LocalChatModel) -> None:
    text = "customers we haven't spoken to since oct 2025 - delete them"
    assert _calls(model, text)[0] == (
        "delete_contacts",
        {"filters": {"stage": "customer", "not_contacted_since": "2025-10-01"}},
    )


def test_stick_in_is_adding_someone(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "stick in ada quist, ops manager at copperleaf logistics, lead, mine")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Ada", "Quist")


def test_a_colleague_on_leave_and_please_action_are_no_part_of_a_handover(model: LocalChatModel) -> None:
    text = "All contacts owned by Harriet need moving to Omar while she is on parental leave. Please action today."
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"owner": "Harriet Voss"}, "changes": {"owner": "Omar Siddiqui"}},
    )


def test_please_create_then_the_name_field(model: LocalChatModel) -> None:
    text = "Please create: name Ottilie Brand, company Copperleaf Logistics, position Head of Marketing. Tag podcast."
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Ottilie", "Brand")


def test_the_owner_i_am(model: LocalChatModel) -> None:
    text = "Please create: name Ines Borrell, company Mistral Dental Group, telephone 07700 900321. The owner I am."
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["owner"] == "me"


def test_is_actually_one_job_not_another(model: LocalChatModel) -> None:
    text = "Petra Lindqvist is actually Director of Talent not talent manager, fix pls"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Petra Lindqvist", "changes": {"title": "Director of Talent"}},
    )


def test_a_later_sentence_refusing_marketing_emails_is_a_second_change(model: LocalChatModel) -> None:
    text = "Take the podcast tag off Callum Firth, he asked. And he doesn't want marketing emails either."
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Callum Firth", "changes": {"tags_remove": ["podcast"], "email_consent": False}},
    )


def test_someones_direct_line_is_then_update_please(model: LocalChatModel) -> None:
    text = "Dev Anand's direct line is 0161 496 0123. Update please."
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Dev Anand", "changes": {"phone": "0161 496 0123"}})


def test_a_selection_from_an_event_then_put_them_as_a_stage(model: LocalChatModel) -> None:
    text = "All the contacts that came from the Trade Show and are still subscriber, put them as lead please."
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"lead_source": "trade-show", "stage": "subscriber"}, "changes": {"stage": "lead"}},
    )
