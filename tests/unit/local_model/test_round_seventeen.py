"""Round seventeen: conventions read from a Denver agency's requests (home-services trades: truck dictation, pasted
forms and call-tracking notices). A first name with a lower-case initial, a surname before an arrow, a lower-case
company spelling the address's domain, consent "set to off", a phone beside a consent change, "promoted to X over
at Y so update her title", "put <colleague> on him", a deal "4500 a month" with a name that stops at "should close",
the day a meeting happened beside the month a report is about, leads said first as the selection, "who came in
from <source>", a pasted form of someone the CRM knows, a first name completed from a pasted voicemail, "tag him
for reviews management", spreadsheet and market-figure chatter. Examples are our own, written for this vocabulary
(today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Dana Whitfield", "email": "dana@saguarogrowth.test"},
        {"name": "Marcus Lee", "email": "marcus@saguarogrowth.test"},
    ],
    "tags": ["hot-lead", "ppc", "seo", "reviews-mgmt", "do-not-text", "pool-season"],
    "lead_sources": ["website", "referral", "call-tracking", "yelp", "home-show"],
    "companies": ["Desert Bloom Landscaping", "Cactus Cove Pools", "Mesa Ridge Irrigation"],
    "contacts": ["Gloria Ybarra", "Gloria Nunez", "Hector Villanueva", "Tess Okonjo", "Ruben Alcala", "Ruben Tapia"],
    "country": "US",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _routed(model: LocalChatModel, text: str) -> list[str]:
    return [tc["name"] for tc in model.respond([HumanMessage(text)], supervisor_specs()).tool_calls]


def test_a_first_name_and_a_lower_case_initial(model: LocalChatModel) -> None:
    assert _routed(model, "gloria y is a customer now") == ["transfer_to_contacts"]
    assert _calls(model, "ruben t churned. cancelled the irrigation ads")[0] == (
        "update_contact",
        {"contact": "Ruben Tapia", "changes": {"stage": "churned"}},
    )


def test_a_lower_case_surname_before_an_arrow(model: LocalChatModel) -> None:
    assert _routed(model, "villanueva -> sql") == ["transfer_to_contacts"]
    assert _calls(model, "okonjo -> opp")[0] == (
        "update_contact",
        {"contact": "Tess Okonjo", "changes": {"stage": "opportunity"}},
    )


def test_a_lower_case_company_that_spells_the_address_domain(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new contact pls - nina soto, nina@sotopavers.test, soto pavers, mql")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Nina", "Soto", "Soto Pavers")


def test_consent_set_to_off_for_everyone_tagged(model: LocalChatModel) -> None:
    assert _calls(model, "Everyone tagged do-not-text should have SMS consent set to off.")[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "do-not-text"}, "changes": {"sms_consent": False}},
    )


def test_a_phone_said_beside_a_consent_change(model: LocalChatModel) -> None:
    text = "hector villanueva is ok with texts now so turn on text consent and his cell is 602 555 0148"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Hector Villanueva", "changes": {"sms_consent": True, "phone": "602 555 0148"}},
    )


def test_promoted_over_at_a_place_then_the_request(model: LocalChatModel) -> None:
    text = "tess okonjo got promoted to operations manager over at cactus cove so update her title"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Tess Okonjo", "changes": {"title": "operations manager"}},
    )


def test_put_a_colleague_on_him(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Omar Reyes from Reyes Roofing, source referral, and put Marcus on him")
    assert name == "create_contact"
    assert args["owner"] == "Marcus Lee"


def test_a_deal_per_month_named_before_when_it_closes(model: LocalChatModel) -> None:
    text = (
        "make a deal for Cactus Cove Pools the PPC retainer 2800 a month call it Cactus Cove PPC should close by end "
        "of January"
    )
    assert _calls(model, text)[0] == (
        "create_deal",
        {
            "company": "Cactus Cove Pools",
            "name": "Cactus Cove PPC",
            "amount": 2800.0,
            "expected_close": "2027-01-31",
        },
    )


def test_the_day_a_meeting_happened_not_the_month_of_the_report(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "log a meeting with Tess Okonjo: we went through her October SEO report today")
    assert name == "log_activity"
    assert args["occurred_at"] == "2026-11-26"


def test_leads_said_first_are_the_selection(model: LocalChatModel) -> None:
    assert _calls(model, "Rule: leads with a score of 20 or lower → disqualified.")[0] == (
        "bulk_update_contacts",
        {"filters": {"stage": "lead", "max_score": 20}, "changes": {"stage": "disqualified"}},
    )


def test_who_came_in_from_a_source(model: LocalChatModel) -> None:
    assert _routed(model, "who came in from yelp this week?") == ["transfer_to_contacts"]
    assert _calls(model, "who came in from yelp this week?")[0] == (
        "search_contacts",
        {"lead_source": "yelp", "created_after": "2026-11-23"},
    )


def test_a_pasted_signature_names_the_contact_not_its_address(model: LocalChatModel) -> None:
    text = (
        "Gloria Ybarra | Office Manager | Desert Bloom Landscaping | gloria@desertbloom.test\n"
        "^ replied to the quote, move her to sql"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Gloria Ybarra", "changes": {"stage": "sql"}})


def test_a_pasted_form_of_someone_the_crm_knows_is_an_update(model: LocalChatModel) -> None:
    text = (
        "Quote request\nName: Hector Villanueva\nCompany: Mesa Ridge Irrigation\n\n"
        "spoke to him just now, budget ok. sql"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Hector Villanueva", "changes": {"stage": "sql"}})


def test_a_first_name_completed_from_the_pasted_voicemail(model: LocalChatModel) -> None:
    text = (
        'Voicemail: "hey it\'s Lena Marsh from Marsh Pool Care, call me back on 480-555-0190"\n\n'
        "create lena, lead, call-tracking"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Lena", "Marsh")


def test_a_tag_said_in_words_after_for(model: LocalChatModel) -> None:
    text = "add Paula Greer (paula@greerlawns.test), owner of Greer Lawns, and tag her for reviews management"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["tags"] == ["reviews-mgmt"]


def test_a_name_that_ends_a_business_is_no_person(model: LocalChatModel) -> None:
    text = "put in Cora Diaz from Valley Sun Solar Systems she's the owner, make her an opportunity since we quoted her"
    (_name, args), *_ = _calls(model, text)
    assert (args["first_name"], args["last_name"], args["stage"]) == ("Cora", "Diaz", "opportunity")


def test_what_they_want_listed_is_no_source(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Vic Moreno, he wants the lot new website seo everything, tag him hot lead")
    assert name == "create_contact"
    assert "lead_source" not in args


@pytest.mark.parametrize(
    "text",
    [
        "What's the formula in Google Sheets to split first and last names?",
        "how do I freeze the top row in Excel?",
        "what's a realistic cost per click for pool builders on Google these days?",
        "Ruben Tapia asked me whether he needs an HOA permit for a pergola, do you happen to know?",
    ],
)
def test_spreadsheet_market_and_favour_questions_are_chatter(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text)


def test_source_words_inside_a_known_company_are_no_source(model: LocalChatModel) -> None:
    # "home-show" is a source; "Home" opening a known company's name is not it
    vocab = {**VOCAB, "companies": [*VOCAB["companies"], "Home Show Remodeling"]}
    calls = _calls(model_for(vocab), "add Lou Park, he's Director of Sales at Home Show Remodeling")
    assert calls[0][0] == "create_contact"
    assert calls[0][1]["title"] == "Director of Sales"
    assert "lead_source" not in calls[0][1]


def test_a_department_in_shorthand_stays_as_typed(model: LocalChatModel) -> None:
    # set 57's writer spelt "ops mgr" out; the writers of sets 4, 5 and 7 kept "ops manager" / "ops director"
    (name, args), *_ = _calls(model, "new: abe lund, ops mgr @ lund septic, abe@lundseptic.test, mql")
    assert name == "create_contact"
    assert args["title"].lower() == "ops manager"


def test_why_the_writer_wants_a_list_is_no_owner(model: LocalChatModel) -> None:
    calls = _calls(model, "pull up every customer tagged pool-season I need to call them all before spring")
    assert calls[0] == ("search_contacts", {"stage": "customer", "tag": "pool-season"})


def test_a_new_inquiry_from_a_source_names_the_source(model: LocalChatModel) -> None:
    text = "new yelp inquiry: Rita Shaw, rita.shaw@mail.test, wants a patio quote. give her to Dana"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["lead_source"] == "yelp"


def test_a_forms_own_answer_on_how_they_heard_of_us(model: LocalChatModel) -> None:
    text = (
        "--- Quote request form ---\nName: Ivo Brandt\nCompany: Brandt Pools\nEmail: ivo@brandtpools.test\n"
        "How did you hear about us: Yelp\n---\nadd him pls"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["lead_source"] == "yelp"
