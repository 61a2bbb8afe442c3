"""Taglish (English with Tagalog grammar words) around English CRM words is read as English; English, names, chatter
and other languages pass unchanged.

The examples are our own (people, companies and tags invented here), written from the language as Filipino staff
write to a CRM in Viber or Slack."""

from __future__ import annotations

from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.model import normalize_request
from leadloom.agents.local.tagalog import from_tagalog
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined, model_for


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("pa-update naman si Rommel Dacanay to sql", "update Rommel Dacanay to sql"),
        ("paki-move na siya sa opportunity", "move them to opportunity"),
        ("si Arnel ng BlueHarbor, ibalik mo muna sa lead", "Arnel at BlueHarbor, move back to lead"),
        ("Gawin mo nang customer si Liezl Ocampo", "move Liezl Ocampo to customer"),
        ("pa-mql naman si Jayson Cortez", "move Jayson Cortez to mql"),
        ("Rommel Dacanay customer na po", "Rommel Dacanay is now customer"),
        ("lead to sql si Liezl Ocampo pls", "move Liezl Ocampo from lead to sql pls"),
        ("Si Nonoy Padilla, from subscriber gawin mong lead", "move Nonoy Padilla from subscriber to lead"),
        ("palitan mo number ni Liezl Ocampo, 0917 222 3344", "change Liezl Ocampo's number to 0917 222 3344"),
        ("tanggalin mo yung budget-tight tag ni Jayson Cortez", "remove the budget-tight tag from Jayson Cortez"),
        ("add tag vip at retainer kay Jayson Cortez", "add tag vip and retainer to Jayson Cortez"),
        (
            "lahat ng contacts ni Mylene na lead pa rin, ilipat mo kay Ramon",
            "reassign all Mylene's contacts that are still lead to Ramon",
        ),
        (
            "lahat ng galing webinar na score 60 pataas, gawin mong sql",
            "all contacts from webinar with score 60 or more, - move them to sql",
        ),
        ("mga subscriber na score 15 pababa, delete na natin", "delete the subscriber with score 15 or less"),
        (
            "yung mga churned na may vip tag pa, tanggalin mo na yung vip tag nila",
            "remove the vip tag from all churned contacts tagged vip",
        ),
        (
            "yung mga leads na hindi pa na-contact since February 1, i-set mo follow up nila sa Friday",
            "the leads not contacted since February 1, set follow up on Friday",
        ),
        ("sino may hawak kay Liezl Ocampo?", "who owns Liezl Ocampo?"),
        ("kelan follow up natin kay Nonoy Padilla?", "when is the next follow up with Nonoy Padilla?"),
        ("pa-send naman email ni Jayson Cortez", "what is Jayson Cortez's email"),
        ("list mo lahat ng mql ko", "list all my mql contacts"),
        ("ano mga overdue tasks ko?", "what are my overdue tasks?"),
        ("ano overdue tasks ni Mylene?", "what are Mylene's overdue tasks?"),
        ("ano mga tasks ko na due bukas", "what are my tasks due tomorrow"),
        (
            "new lead: Rachelle Dimalanta, owner ng Tahanan Bistro. owner ako",
            "new lead: Rachelle Dimalanta, owner at Tahanan Bistro. owner me",
        ),
        (
            "GM ng Kalinaw Grill, referral ni Liezl Ocampo, lead, kay Mylene",
            "GM at Kalinaw Grill, referral from Liezl Ocampo, lead, owner Mylene",
        ),
        ("add mo si Atty. Bernard Sison, partner ng Sison Law", "add Bernard Sison, partner at Sison Law"),
        ("pa-add si Kuya Dodong, Teodoro Lacson, 0917 555 1234", "add Teodoro Lacson, 0917 555 1234"),
        (
            "paki-create ng task: send quotation to Tahanan Bistro by Friday, ako owner",
            "create task for me: send quotation to Tahanan Bistro by Friday",
        ),
        ("score mo nga si Jayson Cortez", "score Jayson Cortez"),
        ("bakit ang baba ng score ni Nonoy Padilla?", "why is Nonoy Padilla's score so low?"),
        ("Ma'am, check ko lang po ano open deals ni Ramon", "check what are Ramon's open deals"),
        (
            "Liezl Ocampo lipat na ng company, nasa Tahanan Bistro na siya ngayon",
            "Liezl Ocampo now works at Tahanan Bistro",
        ),
    ],
)
def test_tagalog_frame_read_as_english(mixed: str, english: str) -> None:
    assert from_tagalog(mixed) == english


@pytest.mark.parametrize(
    "text",
    [
        "move Kay Whitfield to customer",  # "Kay" is a name, not "to"
        "log a call with Ng Wei Ling, she wants a quote",  # "Ng" is a surname
        "Ana Ko to opportunity please",
        "Sobia Rehman ko sql kar do",  # Hindustani "ko"
        "Naomi Jelagat: sql. Na set follow up yake Jumanne",  # Swahili "na"
        "Aroha Ngata ka pai, move her to customer",  # te reo Maori "ka pai"
        "abbiamo un po' di ritardo con Lucia Ferri, sposta a lead",  # Italian "un po'"
        "PO 4471 from Tahanan Bistro came in, mark them customer",
        # chatter in Taglish names nothing a CRM keeps, so it stays as written
        "uulan ba mamaya sa Pasig?",
        "pa-help naman mag-translate nito sa English",
        "Hi po, bago lang ako dito",
        "salamat po!",
    ],
)
def test_other_languages_names_and_chatter_pass_unchanged(text: str) -> None:
    assert from_tagalog(text) == text


def test_tagalog_keeps_spanish_surnames() -> None:
    # Tagalog borrows Spanish words, and Filipino surnames are Spanish ones: "Domingo" is a person, not Sunday
    assert "Domingo" in normalize_request("Ramil Domingo dq na po, invalid number tapos walang email")
    assert "Evangelista" in normalize_request("pakibalik si Nenita Evangelista sa lead")


VOCAB = {
    "users": [
        {"name": "Mylene Aquino", "email": "mylene@tahanan.test"},
        {"name": "Ramon Ilagan", "email": "ramon@tahanan.test"},
    ],
    "tags": ["vip", "retainer", "budget-tight"],
    "lead_sources": ["website", "webinar", "referral"],
    "companies": ["Tahanan Bistro", "BlueHarbor Logistics"],
    "contacts": ["Rommel Dacanay", "Liezl Ocampo", "Jayson Cortez", "Nonoy Padilla"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        (
            "pa-update naman si Rommel Dacanay to sql, nag-reply na sa proposal",
            "update_contact",
            {"contact": "Rommel Dacanay", "changes": {"stage": "sql"}},
        ),
        (
            "Gawin mo nang customer si Liezl Ocampo, nagbayad na kahapon",
            "update_contact",
            {"contact": "Liezl Ocampo", "changes": {"stage": "customer"}},
        ),
        (
            "tanggalin mo yung budget-tight tag ni Jayson Cortez",
            "update_contact",
            {"contact": "Jayson Cortez", "changes": {"tags_remove": ["budget-tight"]}},
        ),
        (
            "lahat ng contacts ni Mylene na lead pa rin, ilipat mo kay Ramon",
            "bulk_update_contacts",
            {"filters": {"owner": "Mylene Aquino", "stage": "lead"}, "changes": {"owner": "Ramon Ilagan"}},
        ),
        ("sino may hawak kay Nonoy Padilla?", "get_contact", {"contact": "Nonoy Padilla"}),
    ],
)
def test_tagalog_requests_make_the_right_call(
    model: LocalChatModel, text: str, name: str, args: dict[str, Any]
) -> None:
    calls = _calls(model, text)
    assert calls and calls[0][0] == name
    got = calls[0][1]
    for key, value in args.items():
        if isinstance(value, dict):
            assert {k: got[key].get(k) for k in value} == value
        else:
            assert got[key] == value


@pytest.mark.parametrize(
    "text",
    ["uulan ba mamaya sa Pasig? may shoot kami sa labas", "pa-help naman mag-translate nito sa English", "salamat po!"],
)
def test_taglish_chatter_is_declined(model: LocalChatModel, text: str) -> None:
    assert declined(model, text)
