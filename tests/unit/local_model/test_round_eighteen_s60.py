"""Round eighteen, set 60: conventions read from a Dublin growth agency's requests (a terse head of accounts'
notes with signs and arrows, Irish English, tram dictation with "full stop", pasted exports and signatures).
A tag put on with "+word" or taken off with "−word", "Name. stage." as two fragments, "full stop" said aloud,
"tag him X as well", "sure" leading into the ask, "put me down as owner", a colleague "on leave" closing a note.
Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Brona Keating", "email": "brona@harbourlight.test"},
        {"name": "Fiach Doran", "email": "fiach@harbourlight.test"},
    ],
    "tags": ["hot-lead", "payroll", "nurture", "vip", "podcast"],
    "lead_sources": ["website", "referral", "linkedin", "trade-show"],
    "companies": ["Clonmel Freight", "Bluestack Dental"],
    "contacts": ["Peadar Lawlor", "Siún Brady", "Kofi Asante", "Helga Strand"],
    "country": "IE",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_a_plus_sign_before_a_word_puts_that_tag_on(model: LocalChatModel) -> None:
    assert _calls(model, "Kofi Asante: +vip +payroll")[0] == (
        "update_contact",
        {"contact": "Kofi Asante", "changes": {"tags_add": ["vip", "payroll"]}},
    )


def test_a_minus_sign_before_a_word_takes_that_tag_off(model: LocalChatModel) -> None:
    assert _calls(model, "Helga Strand −nurture. went quiet.")[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"tags_remove": ["nurture"]}},
    )


def test_name_then_the_stage_alone_as_fragments(model: LocalChatModel) -> None:
    assert _calls(model, "Peadar Lawlor. customer. → remove nurture")[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"stage": "customer", "tags_remove": ["nurture"]}},
    )


def test_full_stop_said_aloud_ends_the_sentence(model: LocalChatModel) -> None:
    text = "move siun brady to opportunity she wants the payroll bundle full stop tag her vip as well"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Siún Brady", "changes": {"stage": "opportunity", "tags_add": ["vip"]}},
    )


def test_put_me_down_as_owner_after_an_irish_sure(model: LocalChatModel) -> None:
    text = "Peadar Lawlor is ready to go so bump him to sql there and sure put me down as owner on him"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"stage": "sql", "owner": "me"}},
    )


def test_a_colleague_on_leave_closing_a_hand_over(model: LocalChatModel) -> None:
    assert _calls(model, "all Fiach's sqls → Brona. F on leave from Thu.")[0] == (
        "bulk_update_contacts",
        {"filters": {"owner": "Fiach Doran", "stage": "sql"}, "changes": {"owner": "Brona Keating"}},
    )


def test_a_field_said_wrong_then_what_it_should_be(model: LocalChatModel) -> None:
    assert _calls(model, "Kofi Asante's company field is empty, should be Bluestack Dental.")[0] == (
        "update_contact",
        {"contact": "Kofi Asante", "changes": {"company": "Bluestack Dental"}},
    )
    assert _calls(model, "Fix Helga Strand's source please, it should be trade-show (met her at the stand).")[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"lead_source": "trade-show"}},
    )


def test_what_her_signature_says_is_the_field_the_ask_names(model: LocalChatModel) -> None:
    text = "Siún Brady's email signature says 'Senior Payroll Manager' now, not Analyst — can you update her title?"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Siún Brady", "changes": {"title": "Senior Payroll Manager"}},
    )


def test_moved_to_a_company_as_a_new_job(model: LocalChatModel) -> None:
    text = (
        "Peadar Lawlor rang, he's after moving over to Clonmel Freight as Head of Operations, so update his "
        "company and title"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"company": "Clonmel Freight", "title": "Head of Operations"}},
    )
    text = "Kofi Asante's LinkedIn says he's at Bluestack Dental now (Practice Manager) — update his company and title?"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Kofi Asante", "changes": {"company": "Bluestack Dental", "title": "Practice Manager"}},
    )


def test_she_is_the_new_job_after_another_change(model: LocalChatModel) -> None:
    text = "update Helga Strand mobile is 086 123 4567. and she's the new Finance Director"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"phone": "086 123 4567", "title": "Finance Director"}},
    )


def test_an_export_row_says_who_the_line_below_says_what(model: LocalChatModel) -> None:
    text = (
        "First Name,Last Name,Email,Company,Lifecycle Stage\nKofi,Asante,kofi@bluestack.test,Bluestack Dental,Lead\n\n"
        "he booked a demo off the webinar, can we move him to SQL?"
    )
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Kofi Asante", "changes": {"stage": "sql"}})


def test_the_fields_the_line_below_a_signature_names_come_from_it(model: LocalChatModel) -> None:
    text = (
        "Regards,\nHelga Strand\nChief People Officer | Clonmel Freight\nhelga.strand@clonmelfreight.test\n"
        "+353 51 600 700\n\n^ pls update her with the new title + phone from the signature"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"title": "Chief People Officer", "phone": "+353 51 600 700"}},
    )


def test_a_one_line_card_and_the_same_job_said_below(model: LocalChatModel) -> None:
    text = (
        "Peadar Lawlor | Managing Director | Clonmel Freight | peadar@clonmel.test\n\n"
        "^ he's managing director now — update title"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Peadar Lawlor", "changes": {"title": "Managing Director"}},
    )


def test_lead_source_names_the_field_not_the_stage_lead(model: LocalChatModel) -> None:
    assert _calls(model, "remove all contacts with lead source trade-show that are churned.")[0] == (
        "delete_contacts",
        {"filters": {"lead_source": "trade-show", "stage": "churned"}},
    )


def test_still_sitting_there_as_a_stage_selects_it_and_a_favour_asked_is_no_owner(model: LocalChatModel) -> None:
    text = (
        "Could you do a thing for me, anyone scoring 60 or more who's still sitting there as a subscriber, "
        "make them lead"
    )
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"stage": "subscriber", "min_score": 60}, "changes": {"stage": "lead"}},
    )


def test_a_tag_added_to_every_one_of_a_selection_said_first(model: LocalChatModel) -> None:
    assert _calls(model, "Tidy-up: all contacts at Bluestack Dental — put the vip tag on each of them.")[0] == (
        "bulk_update_contacts",
        {"filters": {"company": "Bluestack Dental"}, "changes": {"tags_add": ["vip"]}},
    )


def test_clear_them_out_deletes(model: LocalChatModel) -> None:
    text = "anyone that's churned and owned by Fiach, clear them out altogether, they're clogging up the list"
    assert _calls(model, text)[0] == ("delete_contacts", {"filters": {"stage": "churned", "owner": "Fiach Doran"}})


def test_a_tag_word_in_the_rule_name_is_no_lead_source() -> None:
    vocab = {**VOCAB, "tags": [*VOCAB["tags"], "referral-partner"]}
    text = "Brona's referral folk: everyone tagged referral-partner owned by Brona, set follow-up to next Friday."
    calls = _calls(model_for(vocab), text)
    assert calls[0][0] == "bulk_update_contacts"
    assert calls[0][1]["filters"] == {"tag": "referral-partner", "owner": "Brona Keating"}


def test_a_dictated_name_is_told_from_the_company_by_the_address(model: LocalChatModel) -> None:
    text = (
        "new lead orla quirke bluestack dental practice manager orla dot quirke at bluestackdental dot ie "
        "source referral"
    )
    args = _calls(model, text)[0][1]
    assert (args["first_name"], args["last_name"]) == ("Orla", "Quirke")
    assert args["title"].lower() == "practice manager"
    text = "add new contact tadgh foley from clonmel freight hes the operations director email tadgh at clonmel dot ie"
    args = _calls(model, text)[0][1]
    assert (args["first_name"], args["last_name"]) == ("Tadgh", "Foley")


def test_a_pasted_export_header_and_row_give_the_new_person(model: LocalChatModel) -> None:
    text = (
        "First Name,Last Name,Email,Phone Number,Company Name,Job Title\n"
        "Nuala,Breen,nuala.breen@clonmelfreight.test,+353 52 610 2200,Clonmel Freight,Logistics Manager\n\n"
        "came in through the website form — can you create her? I'll own her"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert {k: args.get(k) for k in ("first_name", "last_name", "company", "title", "phone", "owner")} == {
        "first_name": "Nuala",
        "last_name": "Breen",
        "company": "Clonmel Freight",
        "title": "Logistics Manager",
        "phone": "+353 52 610 2200",
        "owner": "me",
    }


def test_a_field_for_a_person_then_its_value(model: LocalChatModel) -> None:
    assert _calls(model, "owner for Kofi Asante is Fiach now im handing him over")[0] == (
        "update_contact",
        {"contact": "Kofi Asante", "changes": {"owner": "Fiach Doran"}},
    )


def test_a_stage_then_what_they_are_interested_in_to_tag(model: LocalChatModel) -> None:
    assert _calls(model, "helga strand sql for now and shes interested in the podcast tag that")[0] == (
        "update_contact",
        {"contact": "Helga Strand", "changes": {"stage": "sql", "tags_add": ["podcast"]}},
    )


def test_the_crms_own_record_pasted_with_a_change_below_is_an_update(model: LocalChatModel) -> None:
    text = (
        "Contact: Siún Brady\nCompany: Clonmel Freight\nLifecycle stage: Lead\nLead status: Open\n\n"
        "she asked for a proposal on the call — can we make her an opportunity and tag vip?"
    )
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Siún Brady", "changes": {"stage": "opportunity", "tags_add": ["vip"]}},
    )


def test_a_task_written_as_fragments(model: LocalChatModel) -> None:
    name, args = _calls(model, "task → ring Clonmel about the renewal. Kofi Asante. due Fri. me.")[0]
    assert name == "create_task"
    assert (args["subject"], args.get("contact"), args.get("owner")) == (
        "Ring Clonmel about the renewal",
        "Kofi Asante",
        "me",
    )


def test_at_this_stage_is_by_now_not_the_stage_field(model: LocalChatModel) -> None:
    text = "Helga Strand is a proper customer at this stage I'd say, she's renewed twice, put her down as that"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Helga Strand", "changes": {"stage": "customer"}})
