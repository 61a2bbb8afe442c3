"""Round sixteen (CA): conventions read from a Toronto agency for dental and physio clinics. A request typed below a
pasted e-mail or web form names its contact (the ask's own name, the sender of a changed address, "already in the
crm" means an update), a known contact's bouncing address corrected, a contact said with where they work, titles
before names ("dr.", "doctor"), a town or street after a company, "Practice:"/"Clinic:" form labels, a referral's
new person, dictated self-corrections, lead sources said loosely or by the words of their initials, plural stage
deletes, task date ranges, "this afternoon" as today, segment names kept as typed, and food spots and plan coverage
as chatter. Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.dictation import undictate
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Carla Mendes", "email": "carla@pawsgrowth.test"},
        {"name": "Devon Price", "email": "devon@pawsgrowth.test"},
    ],
    "tags": ["vip", "hot-lead", "needs-callback", "seo"],
    "lead_sources": ["website", "referral", "bc-vet-expo", "cvma-ac", "cold-call", "linkedin"],
    "companies": ["Harbour Vets", "Kitsilano Animal Hospital", "Burnaby Pet Clinic"],
    "contacts": [
        "Simon Grant",
        "Paula Greer",
        "Megan Ross",
        "Megan Liu",
        "Nikhil Shah",
        "Roshni Shah",
        "Tariq Osei",
    ],
    "country": "CA",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_the_ask_below_a_pasted_email_names_the_contact(model: LocalChatModel) -> None:
    text = (
        "FW: Re: Quote - Harbour Vets\n\nHi,\nDr. Grant approved the quote.\n\nThanks,\nPaula Greer\n"
        "Office Manager | Harbour Vets\n604-555-0101\n\n^^ so simon grant is a customer now, update him pls"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Simon Grant", "changes": {"stage": "customer"}})


def test_already_in_the_crm_below_a_form_is_an_update(model: LocalChatModel) -> None:
    text = (
        'New enquiry - Website "Contact us"\n\nName: Tariq Osei\nClinic: Burnaby Pet Clinic\nPhone: 604-555-0177\n'
        "Message: can someone call me back?\n\nhe's already in the crm as a lead, bump him to SQL"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Tariq Osei", "changes": {"stage": "sql"}})


def test_the_sender_of_a_changed_address_is_the_contact(model: LocalChatModel) -> None:
    text = (
        "From: Paula Greer <paula@oldvets.ca>\nSubject: Changed address\n\nHi, my new email address is "
        "paula@harbourvets.ca from today.\n\nThanks,\nPaula\n\n-> update pls"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Paula Greer", "changes": {"email": "paula@harbourvets.ca"}},
    )


def test_a_corrected_address_and_a_tag_as_well(model: LocalChatModel) -> None:
    text = (
        "Hi, Simon Grant's emails keep bouncing. His correct address is simon@harbourvets.ca. Could you update it? "
        "He wants a call on Monday, so please add the needs-callback tag as well. Thanks!"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact"
    assert args["contact"] == "Simon Grant"
    assert args["changes"]["email"] == "simon@harbourvets.ca"
    assert args["changes"]["tags_add"] == ["needs-callback"]  # "as well" is no tag


def test_a_contact_at_their_company_to_a_stage(model: LocalChatModel) -> None:
    assert _calls(model, "paula greer @ harbour vets -> opportunity, she wants pricing on the full package")[0] == (
        "update_contact",
        {"contact": "Paula Greer", "changes": {"stage": "opportunity"}},
    )
    text = (
        "Good morning! I hope everyone had a lovely weekend. I finally talked to Megan at Kitsilano Animal yesterday "
        "and they're going ahead with the retainer. Could you please move her to customer? Thanks!"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Megan at Kitsilano Animal Hospital", "changes": {"stage": "customer"}},
    )


def test_a_short_first_name_picks_the_one_of_that_surname(model: LocalChatModel) -> None:
    text = "update stage for doctor nick shah to sequel comma he booked the strategy call period"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Nikhil Shah", "changes": {"stage": "sql"}})


def test_titles_before_a_new_name(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new: dr. lena fox, fox animal care (surrey), lena@foxcare.ca, referral, mql")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Lena", "Fox", "Fox Animal Care")
    text = "add dr. omar haddad / haddad pet care (richmond) / omar@haddadpets.ca / 604-555-0133 / mql / mine"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Omar", "Haddad")
    (_, args), *_ = _calls(model, "remind me to call Dr. Shah at Harbour Vets next Tuesday")
    assert args.get("contact") != "Dr"


def test_a_place_after_a_new_company_is_not_its_name(model: LocalChatModel) -> None:
    (_, args), *_ = _calls(model, "Add Dr. Ana Silva, Silva Vet Studio on Main Street. ana@silvavet.ca, owner me")
    assert args["company"] == "Silva Vet Studio"
    (_, args), *_ = _calls(model, "new lead: Ben Cho, Cho Animal Clinic in Richmond, ben@choanimal.ca")
    assert args["company"] == "Cho Animal Clinic"


def test_practice_and_clinic_form_labels_are_the_company(model: LocalChatModel) -> None:
    text = "New submission\n\nName: Lena Fox\nPractice: Fox Animal Care\nEmail: lena@foxcare.ca\n\nadding her? lead"
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert args["company"] == "Fox Animal Care"
    assert args["stage"] == "lead"  # a stage said after a question mark


def test_a_referral_brings_someone_new(model: LocalChatModel) -> None:
    text = (
        "We got a kind referral from Dr. Grant: Dr. Tom Becker, who owns Becker Vet & Wellness. Tom's email is "
        "tom@beckervet.ca. Could you add him as a lead with referral as the source?"
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Tom", "Becker")
    assert args["company"] == "Becker Vet & Wellness"
    assert args["title"] == "Owner"


def test_owner_and_business_as_one_list_item(model: LocalChatModel) -> None:
    (_, args), *_ = _calls(
        model, "new contact: dana wolfe, owner wolfe animal clinic, dana@wolfevet.ca, linkedin, lead"
    )
    assert (args["title"], args["company"]) == ("Owner", "Wolfe Animal Clinic")


def test_dictated_self_correction_of_a_name() -> None:
    said = undictate("create contact doctor Jon Reyes no wait Ramos Jon Ramos surgeon at Harbour Vets")
    assert "Jon Ramos surgeon" in said and "Reyes" not in said and "Ramos Jon" not in said
    assert undictate("move him to sequel comma he signed period") == "move him to SQL, he signed."


def test_a_health_profession_is_a_job(model: LocalChatModel) -> None:
    (_, args), *_ = _calls(model, "create contact Jon Ramos chiropractor at Harbour Vets lead source cold call")
    assert (args["first_name"], args["last_name"], args["title"].lower()) == ("Jon", "Ramos", "chiropractor")


def test_lead_sources_said_loosely(model: LocalChatModel) -> None:
    assert _calls(model, "Simon Grant's lead source is wrong, should be the vet expo not cold call. fix pls")[0] == (
        "update_contact",
        {"contact": "Simon Grant", "changes": {"lead_source": "bc-vet-expo"}},
    )
    text = "Lovely chat at our CVMA Annual Convention booth with Lena Fox, lena@foxcare.ca. Please add her as a lead."
    assert _calls(model, text)[0][1]["lead_source"] == "cvma-ac"
    text = "we don't have a tiktok source so put referral. Lena Fox, Fox Animal Care, lena@foxcare.ca, lead"
    assert _calls(model, text)[0][1]["lead_source"] == "referral"


def test_plural_stage_delete_and_task_range(model: LocalChatModel) -> None:
    assert _calls(model, "wipe the website subscribers with a score of 20 or lower")[0] == (
        "delete_contacts",
        {"filters": {"lead_source": "website", "stage": "subscriber", "max_score": 20}},
    )
    (name, args), *_ = _calls(model, "What tasks do I have due between today and Monday?")
    assert name == "list_tasks"
    assert (args["due_after"], args["due_before"]) == ("2026-11-26", "2026-11-30")


def test_this_afternoon_is_today(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "log a meeting with Simon Grant from this afternoon, we went through the quote")
    assert name == "log_activity"
    assert args["occurred_at"] == "2026-11-26"


def test_a_segment_name_is_kept_as_typed(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage("make a segment called Practice Mgmt Clients: customers tagged seo")],
        specialist_specs("campaigns"),
    )
    assert [(tc["name"], tc["args"].get("name")) for tc in msg.tool_calls] == [
        ("create_segment", "Practice Mgmt Clients")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "best ramen near Harbour Vets? taking Simon Grant out for lunch tmrw",
        "what does CDCP cover exactly? clinic owners keep asking us about it",
    ],
)
def test_food_spots_and_plan_coverage_are_chatter(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text)
