"""Round eighteen, set 62: conventions read from a Cape Town agency's requests (South African English, long polite
e-mails, pasted booking forms, emoji, some requests in Afrikaans, ZAR). Afrikaans CRM words, emoji used as
punctuation, a known tag added without the word "tag", chat spellings ("smses", "whos got", "rn"), "<name> title:
<job>", the order under a pasted form, wine and lodge jobs, a trade's tag named by the thing wanted, "no company name
yet", a closing "Shame …" and "im doing her …". Examples are our own, written for a Durban events-and-golf agency's
vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.afrikaans import from_afrikaans
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Lungile Maseko", "email": "lungile@kusasa.test"},
        {"name": "Ruan Smit", "email": "ruan@kusasa.test"},
    ],
    "tags": ["vip", "hot-lead", "brochure-design", "golf-estate", "events"],
    "lead_sources": ["website", "referral", "instagram", "trade-show"],
    "companies": ["Blouberg Golf Estate", "Umhlanga Events Co"],
    "contacts": ["Marike Jacobs", "Sanele Ndaba", "Ronel van Heerden", "Thembeka Zulu"],
    "country": "ZA",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


# --- Afrikaans -----------------------------------------------------------------------------------------------------


def test_afrikaans_stage_after_a_signed_contract(model: LocalChatModel) -> None:
    text = "Marike Jacobs het die kontrak geteken, sit haar op customer asseblief"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Marike Jacobs", "changes": {"stage": "customer"}})


def test_afrikaans_give_someone_to_a_colleague(model: LocalChatModel) -> None:
    text = "Gee Sanele Ndaba vir Ruan asseblief, hy sal die opvolg doen"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Sanele Ndaba", "changes": {"owner": "Ruan Smit"}})


def test_afrikaans_remove_a_tag_from_a_name_with_van_in_it(model: LocalChatModel) -> None:
    text = "Verwyder die vip tag van Ronel van Heerden"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Ronel van Heerden", "changes": {"tags_remove": ["vip"]}},
    )


def test_afrikaans_follow_up_tomorrow(model: LocalChatModel) -> None:
    assert _calls(model, "Thembeka Zulu, opvolg môre")[0] == (
        "update_contact",
        {"contact": "Thembeka Zulu", "changes": {"next_follow_up": "2026-11-27"}},
    )


def test_afrikaans_new_contact_from_a_company_with_its_source(model: LocalChatModel) -> None:
    text = "Nuwe kontak: Willem Bosman van Blouberg Golf Estate, willem@blouberggolf.test, bron referral"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Willem", "Bosman")
    assert (args["company"], args["lead_source"]) == ("Blouberg Golf Estate", "referral")


def test_afrikaans_search_with_a_minimum_score(model: LocalChatModel) -> None:
    text = "Wys my al die leads van instagram met 'n score van 50 of meer"
    assert _calls(model, text)[0] == ("search_contacts", {"lead_source": "instagram", "stage": "lead", "min_score": 50})


def test_english_and_dutch_pass_the_afrikaans_lexicon_unchanged() -> None:
    for text in (
        "Please add Jessica van Wyk, she met us by the pool and is keen",
        "Kees is klant geworden, contract is binnen",
        "Wat is die hoofstad van Namibië?",  # chatter with no CRM word stays as written
    ):
        assert from_afrikaans(text) == text


# --- chat: emoji, spellings, bare tags ----------------------------------------------------------------------------


def test_an_emoji_after_new_contact_opens_the_record(model: LocalChatModel) -> None:
    text = "new contact 👉 lwazi khumalo events manager at umhlanga events co lwazi@umhlangaevents.test"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"]) == ("Lwazi", "Khumalo")


def test_an_emoji_after_a_lower_case_name_ends_it(model: LocalChatModel) -> None:
    text = "add zinhle mokoena 👋 shes a golf coach who found us on instagram zinhle@fairway.test"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["lead_source"]) == ("Zinhle", "Mokoena", "instagram")


def test_a_known_tag_added_to_a_person_without_the_word_tag(model: LocalChatModel) -> None:
    text = "can u add vip to sanele ndaba 🙏 hes our oldest client"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Sanele Ndaba", "changes": {"tags_add": ["vip"]}})


def test_a_known_tag_added_to_everyone_tagged_another(model: LocalChatModel) -> None:
    text = "add golf-estate to everyone tagged events"
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "events"}, "changes": {"tags_add": ["golf-estate"]}},
    )


def test_smses_is_sms(model: LocalChatModel) -> None:
    text = "marike jacobs doesnt want smses anymore, switch it off"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Marike Jacobs", "changes": {"sms_consent": False}})


def test_whos_got_a_tag_right_now(model: LocalChatModel) -> None:
    assert _calls(model, "whos got the vip tag rn 👀")[0] == ("search_contacts", {"tag": "vip"})


def test_a_title_given_with_a_colon_after_the_name(model: LocalChatModel) -> None:
    assert _calls(model, "Ronel van Heerden title: Events Coordinator")[0] == (
        "update_contact",
        {"contact": "Ronel van Heerden", "changes": {"title": "Events Coordinator"}},
    )


# --- new records ---------------------------------------------------------------------------------------------------


def test_the_order_under_a_pasted_form_is_not_a_job(model: LocalChatModel) -> None:
    text = (
        "Event enquiry form:\nName: Bongani Dube\nEmail: bongani@kznweddings.test\nCompany: Umhlanga Events Co\n"
        "Guests: 120\n\n---\nplease add as lead, source website, me as owner"
    )
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert "title" not in args
    assert (args["stage"], args["lead_source"], args["owner"]) == ("lead", "website", "me")


def test_a_cellar_master_is_a_job(model: LocalChatModel) -> None:
    text = "Please add Anton Louw, Cellar Master at Groot Drakenstein Wines, 082 111 2233"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["title"], args["company"]) == ("Cellar Master", "Groot Drakenstein Wines")


def test_the_thing_wanted_names_a_trade_tag(model: LocalChatModel) -> None:
    name, args = _calls(model, "Please add Nadia Pillay, she's keen on a new brochure")[0]
    assert name == "create_contact"
    assert args["tags"] == ["brochure-design"]


def test_no_company_name_yet_records_no_company(model: LocalChatModel) -> None:
    name, args = _calls(
        model, "Please add Sipho Zungu, he's starting a golf school, no company name yet. 083 444 5566"
    )[0]
    assert name == "create_contact"
    assert "company" not in args
    assert (args["first_name"], args["last_name"]) == ("Sipho", "Zungu")


# --- asides --------------------------------------------------------------------------------------------------------


def test_a_closing_shame_is_a_remark_of_feeling(model: LocalChatModel) -> None:
    text = "Marike Jacobs is their Head of Events now, please update her title. Shame, she's earned it"
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Marike Jacobs", "changes": {"title": "Head of Events"}},
    )


def test_im_doing_her_event_says_why_the_writer_takes_the_record(model: LocalChatModel) -> None:
    text = "thembeka zulu owner = me 🙋 im doing her launch event"
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Thembeka Zulu", "changes": {"owner": "me"}})


def test_happy_to_take_ownership_makes_the_writer_the_owner(model: LocalChatModel) -> None:
    text = "Please add Dineo Radebe from Umhlanga Events Co as a new contact. I'm happy to take ownership."
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert args["owner"] == "me"


def test_a_title_that_should_be_updated_is_the_job_said_before(model: LocalChatModel) -> None:
    text = "Sanele Ndaba is now the Events Director there, so his title should be updated accordingly."
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Sanele Ndaba", "changes": {"title": "Events Director"}},
    )


def test_a_lower_case_name_ends_where_she_or_he_starts_the_story(model: LocalChatModel) -> None:
    text = "add lerato mahlangu she DMd us on insta about a corporate golf day lerato.m@mail.test"
    name, args = _calls(model, text)[0]
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["lead_source"]) == ("Lerato", "Mahlangu", "instagram")


def test_why_the_records_go_is_no_filter(model: LocalChatModel) -> None:
    text = "Please delete all the subscribers created before 2025, they're just old sign-ups from the golf day raffle"
    assert _calls(model, text)[0] == (
        "delete_contacts",
        {"filters": {"stage": "subscriber", "created_before": "2025-01-01"}},
    )


def test_julie_is_a_name_unless_a_day_stands_beside_it() -> None:
    assert from_afrikaans("score julie brandt for me") == "score julie brandt for me"
    assert (
        from_afrikaans("Thembeka Zulu se opvolg: skuif dit na 3 Julie")
        == "Thembeka Zulu's follow-up: move it to 3 july"
    )
