"""Round twenty, set 68: conventions read from an Atlanta agency's requests (an owner's run-on phone messages, a
formal office manager, pasted lead notices, Spanish office notes). An instruction in the Spanish infinitive
("cambiar el owner de X a mí", "quitar el sms consent"), a job said as news ("the new GM"), and a job that ends
before "and" joins the next change. Examples are our own, written for a Phoenix agency that markets pool builders,
electricians and garage-door companies (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.args import _employer_of_new_person
from leadloom.agents.local.spanish import from_spanish
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Rosa Quintana", "email": "rosa@saguaro.test"},
        {"name": "Derek Lund", "email": "derek@saguaro.test"},
    ],
    "tags": ["pools", "electrical", "garage-doors", "hot-lead", "ppc"],
    "lead_sources": ["website", "referral", "yelp", "facebook-ads"],
    "companies": ["Mesa Pool Works", "Tempe Garage Door Co", "Sonoran Sparks Electric LLC"],
    "contacts": ["Ignacio Bravo", "Lupe Arriaga", "Travis Neal"],
    "country": "US",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


# --- Spanish instructions in the infinitive (spanish.py) ---------------------------------------------------------


def test_infinitives_read_as_instructions() -> None:
    assert (
        from_spanish("cambiar el owner de Lupe Arriaga a mí por favor")
        == "change the owner of Lupe Arriaga to me please"
    )
    assert from_spanish("quitar el email consent por favor") == "remove the email consent please"
    assert from_spanish("borrar todos los contactos churned por favor") == "delete all contacts churned please"
    assert from_spanish("agregar los tags pools y ppc a Travis Neal") == "add the tags pools and ppc to Travis Neal"


def test_infinitive_field_change_without_a_name() -> None:
    assert from_spanish("Lupe Arriaga es la nueva Gerente, cambiar su título por favor") == (
        "Lupe Arriaga is the new Gerente, change the title please"
    )


def test_ads_and_contacts_from_a_source() -> None:
    assert from_spanish("Ana Solís vino de los anuncios de Facebook") == "Ana Solís came from the Facebook ads"
    assert from_spanish("todos los contactos de yelp, asignar a mí") == "all contacts from yelp, assign to me"


def test_spanish_name_particles_stay() -> None:
    # "de" inside a name, and English text, are left alone
    assert from_spanish("nuevo contacto: Inés de Soto, tel 602-555-0101") == (
        "new contact: Inés de Soto, tel 602-555-0101"
    )
    assert from_spanish("add Rafael de la Cruz to pools") == "add Rafael de la Cruz to pools"


def test_infinitive_owner_change(model: LocalChatModel) -> None:
    text = "Por favor cambiar el owner de Ignacio Bravo a mí, habla mejor en español"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Ignacio Bravo", "changes": {"owner": "me"}})


def test_infinitive_consent_off(model: LocalChatModel) -> None:
    text = "Travis Neal no quiere SMS, quitar el sms consent por favor"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Travis Neal", "changes": {"sms_consent": False}})


def test_infinitive_tags_added(model: LocalChatModel) -> None:
    text = "agregar los tags electrical y hot-lead a Lupe Arriaga por favor"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Lupe Arriaga", "changes": {"tags_add": ["electrical", "hot-lead"]}},
    )


def test_infinitive_bulk_delete(model: LocalChatModel) -> None:
    text = "borrar todos los contactos churned que vinieron de yelp por favor"
    assert _calls(model, text)[0] == ("delete_contacts", {"filters": {"stage": "churned", "lead_source": "yelp"}})


# --- jobs ----------------------------------------------------------------------------------------------------------


def test_job_said_as_news(model: LocalChatModel) -> None:
    text = "Travis Neal is the new Service Manager at Mesa Pool Works, please update his title"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Travis Neal", "changes": {"title": "Service Manager"}},
    )


def test_job_ends_before_the_next_change(model: LocalChatModel) -> None:
    text = "Please change Lupe Arriaga's title to Operations Director and set her stage to opportunity."
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Lupe Arriaga", "changes": {"title": "Operations Director", "stage": "opportunity"}},
    )


def test_new_contact_with_a_one_word_new_job(model: LocalChatModel) -> None:
    text = "Add Wendy Ocampo! She's the new CFO at Tempe Garage Door Co, wendy@tempegd.test"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert args["title"] == "CFO"


# --- several changes, whose records, which person -------------------------------------------------------------------


def test_pull_a_tag_is_a_second_change(model: LocalChatModel) -> None:
    text = "Travis Neal went quiet, move him back to lead and pull the ppc tag"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Travis Neal", "changes": {"stage": "lead", "tags_remove": ["ppc"]}},
    )


def test_owner_by_a_possessive_apostrophe_alone() -> None:
    # a colleague whose name ends in s: "Chris Mathis' contacts"
    model = model_for({**VOCAB, "users": [*VOCAB["users"], {"name": "Chris Mathis", "email": "chris@saguaro.test"}]})
    text = "reassign all of Chris Mathis' contacts tagged pools to Rosa Quintana while he is out"
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"owner": "Chris Mathis", "tag": "pools"}, "changes": {"owner": "Rosa Quintana"}},
    )


def test_asker_s_own_tasks_said_with_i_got(model: LocalChatModel) -> None:
    assert _calls(model, "what tasks i got open")[0] == ("list_tasks", {"owner": "me", "status": "open"})


def test_deals_a_colleague_has_won(model: LocalChatModel) -> None:
    name, args = _calls(model, "list all the deals Derek has won, I need them for his bonus")[0]
    assert name == "list_deals"
    assert args["owner"] == "Derek Lund"


def test_note_on_a_person_who_gave_an_address(model: LocalChatModel) -> None:
    text = "Please log a note on Lupe Arriaga: she asked that quotes go to office@arriagapools.test from now on."
    name, args = _calls(model, text)[0]
    assert name == "log_activity"
    assert args["contact"] == "Lupe Arriaga"


def test_new_follow_up_is_no_filter_in_a_bulk_change(model: LocalChatModel) -> None:
    text = "everybody tagged garage-doors set a follow up for this friday we gonna push the winter promo"
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "garage-doors"}, "changes": {"next_follow_up": "2026-11-27"}},
    )


# --- pasted lead notices and numbered lists ---------------------------------------------------------------------


def test_numbered_form_for_a_new_contact(model: LocalChatModel) -> None:
    text = (
        "Please create a new contact:\n1. Name: Maribel Ochoa\n2. Title: Controller\n3. Company: Ochoa Electric\n"
        "4. Email: maribel@ochoaelectric.test\n5. Owner: Derek Lund"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["company"], args["title"], args["owner"]) == ("Ochoa Electric", "Controller", "Derek Lund")


def test_numbered_changes_to_someone_s_record(model: LocalChatModel) -> None:
    text = (
        "Kindly make the following changes to Travis Neal's record:\n1. Phone: +1 480 555 0133\n"
        "2. Title: Field Supervisor\nThank you."
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Travis Neal", "changes": {"title": "Field Supervisor", "phone": "+1 480 555 0133"}},
    )


def test_lead_notice_names_the_person_customer(model: LocalChatModel) -> None:
    text = (
        "Yelp — New lead\nCustomer: Rhett Calloway\nProject: Pool resurfacing ads\nBusiness: Calloway Pools\n"
        "Contact: rhett@callowaypools.test\n\nadd rhett, source yelp, tags pools ppc"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Rhett", "Calloway")
    assert args["tags"] == ["pools", "ppc"]
    assert "stage" not in args  # "Customer:" labels the person, "New lead" titles the notice


def test_caller_named_on_file(model: LocalChatModel) -> None:
    text = (
        "CallRail — New caller\nCaller ID: (602) 555-0119\nName on file: Odell Price\n\n"
        "please create odell, company Price Garage Doors, source website"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["phone"]) == ("Odell", "Price", "(602) 555-0119")


# --- a new person's employer, typed on the phone -------------------------------------------------------------------


def test_employer_after_with_or_of(model: LocalChatModel) -> None:
    m = model._get_matcher()
    said = {"first_name": "Gus", "last_name": "Ferrer"}
    assert (
        _employer_of_new_person("new lead gus ferrer with ferrer pool service gus@ferrer.test", dict(said), m)[
            "company"
        ]
        == "Ferrer Pool Service"
    )
    assert (
        _employer_of_new_person("Please add Gus Ferrer of Ferrer Electric as a new contact.", dict(said), m)["company"]
        == "Ferrer Electric"
    )
    # a colleague or a source after "with" is no employer
    assert "company" not in _employer_of_new_person("add gus ferrer with rosa quintana tomorrow", dict(said), m)


def test_firm_typed_in_one_breath_ends_at_its_legal_form(model: LocalChatModel) -> None:
    out = {"first_name": "Bo", "last_name": "Reyes", "company": "Reyes Gates Llc He'S Ready To Sign"}
    assert _employer_of_new_person("…", out, model._get_matcher())["company"] == "Reyes Gates LLC"


def test_new_guy_is_the_new_person(model: LocalChatModel) -> None:
    text = "add a new guy wes harlan with harlan electric 480 555 0177 give him to me tag electrical"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Wes", "Harlan", "Harlan Electric")


def test_show_me_everyone_tagged_that_s_mine(model: LocalChatModel) -> None:
    text = "Show me everyone tagged ppc that's mine!! gotta make calls"
    assert _calls(model, text)[0] == ("search_contacts", {"owner": "me", "tag": "ppc"})


# --- listing someone, a deal named as such --------------------------------------------------------------------------


def test_put_down_as_tags_spelled_as_words(model: LocalChatModel) -> None:
    text = "headed to tempe, put lupe arriaga down as hot lead and garage doors, she got calls stacking up"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Lupe Arriaga", "changes": {"tags_add": ["hot-lead", "garage-doors"]}},
    )


def test_put_down_as_a_stage_stays_a_stage(model: LocalChatModel) -> None:
    assert _calls(model, "put travis neal down as a lead")[0] == (
        "update_contact",
        {"contact": "Travis Neal", "changes": {"stage": "lead"}},
    )


def test_deal_named_as_such_moves(model: LocalChatModel) -> None:
    name, args = _calls(model, "Mesa Pool Works said YES!! Move the Spring Splash Promo deal to won!")[0]
    assert name == "move_deal_stage"
    assert args["deal"] == "Spring Splash Promo"


# --- the team's own chat --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lupe Arriaga just sent the funniest meme about pool noodles 😂 cannot breathe",
        "Please note that the monthly all-hands has moved to Friday at 9 a.m. in the break room.",
        "Does anyone have a preference between Canva and Figma for the ad mockups?",
    ],
)
def test_team_chat_is_no_crm_request(model: LocalChatModel, text: str) -> None:
    assert _calls(model, text) == []


def test_notice_job_line_is_the_work_asked_for(model: LocalChatModel) -> None:
    text = (
        "Yelp — New lead\nName: Dana Kirby\nPhone: (480) 555-0150\nJob: Pool resurfacing marketing\n"
        "Business: Kirby Pools LLC\n\nadd her as a new lead, source yelp"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert "title" not in args
    assert args["company"] == "Kirby Pools LLC"


def test_trade_acronym_in_the_notes_is_no_employer(model: LocalChatModel) -> None:
    text = "Customer: Ray Ocampo\nEmail: ray@ocampo.test\nNotes: Wants PPC for AC repair\n\ncreate him, source yelp"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert "company" not in args


def test_billing_desk_signature(model: LocalChatModel) -> None:
    text = (
        "She's not in the CRM yet:\n\nNoor Haddad\nAccounts Receivable\nSonoran Sparks Electric LLC\n602-555-0190\n"
        "noor@sonoransparks.test\n\nCan you add her? She's already a customer."
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"]) == ("Noor", "Haddad", "Accounts Receivable")


def test_moved_over_at_a_firm_typed_without_the_apostrophe(model: LocalChatModel) -> None:
    text = (
        "travis neal left mesa pool works hes over at tempe garage door co now, update his company and make him a lead"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Travis Neal", "changes": {"company": "Tempe Garage Door Co", "stage": "lead"}},
    )


def test_a_form_line_kept_whole_is_no_company(model: LocalChatModel) -> None:
    m = model._get_matcher()
    said = {"first_name": "Ray", "last_name": "Ocampo"}
    assert "company" not in _employer_of_new_person("…", {**said, "company": "Category: Pool Marketing"}, m)
    assert _employer_of_new_person("…", {**said, "company": "Company: Ocampo Pools"}, m)["company"] == "Ocampo Pools"
