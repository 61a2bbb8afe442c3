"""Roman Urdu / Hindi (Hindustani in Latin script) around English CRM words is read as English; English and other
languages pass unchanged.

The examples are our own (people, companies and tags invented here), written from the language as Pakistani and
Indian sales staff write to a CRM."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.hinglish import from_hinglish
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("Sobia Rehman ko sql kar do", "Sobia Rehman to sql"),
        ("Danyal Qazi ko opportunity pe le jao, quote bhej diya", "Danyal Qazi to opportunity, quote bhej diya"),
        ("Sobia se baat hui. unko customer kar do pls", "Sobia se baat hui. move them to customer pls"),
        ("Evangelist bana do usko", "move them to Evangelist"),
        ("subscriber pe rakh do isko", "move them to subscriber"),
        ("abhi ready nahi hain, mql se wapis lead kar do", "abhi ready nahi hain, move them back to lead"),
        ("Faraz bhai ka status lead kar do", "Faraz to lead"),
        (
            "Tabassum Gill pe gold tag laga do aur dormant wala hata do",
            "Tabassum Gill add tag gold and remove tag dormant",
        ),
        ("Junaid Cheema ka follow up parson rakh do", "Junaid Cheema - set follow up in 2 days"),
        ("follow up agle Tuesday rakh do", "set follow up next Tuesday"),
        ("Rafia ka email update karo: rafia@noorcloth.test", "Rafia - change email to rafia@noorcloth.test"),
        ("Adeel Mirza ka naya number 0312-1234567 hai", "Adeel Mirza new number is 0312-1234567 - update it"),
        ("Sadaf Ilyas ka email id bhejna zara", "what is Sadaf Ilyas's email"),
        (
            "remove vip from Ch. Arif Warraich, payment nahi aayi",
            "remove vip from Chaudhry Arif Warraich, payment nahi aayi",
        ),
        ("mere saare SQLs dikhao", "show all my SQLs"),
        ("sab customers ko gold wala tag laga do", "all customers add tag gold"),
        ("Rafia Noor ko SQL pe move kar do", "Rafia Noor to SQL"),
        ("Rafia Noor ka stage customer mein change kar do", "Rafia Noor to customer"),
        (
            "Rafia Noor ka email ye hai: rafia@noorcloth.test",
            "Rafia Noor new email is rafia@noorcloth.test - update it",
        ),
        ("ERP chahiye unko, mere naam kar do", "interested in ERP, owner me"),
        ("Rafia Noor kis ke paas hai?", "who owns Rafia Noor?"),
        ("Rafia Noor ka stage kya hai?", "what is Rafia Noor's stage?"),
        ("mere kitne open tasks hain?", "how many open tasks do I have?"),
        ("rafia noor ko mql me daal dena", "rafia noor to mql"),
        ("Rafia Noor ke saath meeting hui aaj 3 baje", "had a meeting with Rafia Noor today at 3 pm"),
        ("Rafia Noor ab customer ban gayi hain", "Rafia Noor is now a customer"),
        ("Rafia Noor ne sign kar diya", "Rafia Noor signed"),
        ("Rafia Noor ki details dikhao", "show details of Rafia Noor"),
        ("aaj kya kya karna hai?", "what are my tasks due today?"),
        ("Sitara Mills wali deal won kar do", "mark the Sitara Mills deal won"),
        ("nayi deal bana do Sitara Mills ke liye, 5 lakh", "create a deal for Sitara Mills, 5 lakh"),
        ("Rafia Noor, 0300-1234567 - lead ke tor pe add kar do", "Rafia Noor, 0300-1234567 - as lead add"),
        ("Rafia Noor ka owner kaun hai?", "who owns Rafia Noor?"),
        ("Rafia Noor ka title Purchase Manager kar do", "Rafia Noor - change title to Purchase Manager"),
        ("Rafia Noor ke saath call hui, 15 min", "had a call with Rafia Noor, 15 min"),
        ("Rafia Noor ko kal call karne ka reminder laga do", "remind me to call Rafia Noor tomorrow"),
        ("mujhe kal yaad dila dena Rafia Noor ko quote bhejna hai", "remind me to send Rafia Noor the quote tomorrow"),
        ("Sitara Mills mein kaun kaun hai?", "which contacts are at Sitara Mills?"),
        ("Rubina ke saare leads dikhao", "show all Rubina's leads"),
        ("aaj mere kaun kaun se tasks due hain?", "which of my tasks are due today?"),
        ("Rubina ne is mahine kitni calls ki hain?", "how many calls did Rubina make this month?"),
        (
            "jitne bhi churned contacts 1 Mar 2025 se pehle ke hain sab delete kar do",
            "all churned contacts created before 1 Mar 2025 - delete them",
        ),
        (
            "jin contacts ka score 75 ya us se zyada hai unko gold tag laga do",
            "contacts with score 75 or more add tag gold",
        ),
        (
            "jin leads se 3 mahine se koi baat nahi hui unko dormant tag laga do",
            "all leads not contacted for 3 months add tag dormant",
        ),
        (
            "Nadir ja raha hai company se, uske saare contacts Rubina ko transfer kar do",
            "Nadir is leaving us, reassign all his contacts to Rubina",
        ),
        ("Sitara Mills ke saare contacts churned kar do", "move all contacts at Sitara Mills to churned"),
        (
            "mere jitne follow ups ki date guzar chuki hai sab kal pe kar do",
            "all my overdue follow ups - move them to tomorrow",
        ),
        ("bhai ek banda add karo Kashan Malik, 0333-7654321", "add Kashan Malik, 0333-7654321"),
        ("Noreen Akhtar ko add kar do, gold tag lagana", "add Noreen Akhtar, add tag gold"),
        (
            "naya lead: Bilqees Ansari, Ansari Looms. mere naam kar do",
            "new contact: Bilqees Ansari, Ansari Looms. owner me",
        ),
    ],
)
def test_hindustani_frame_read_as_english(mixed: str, english: str) -> None:
    assert from_hinglish(mixed) == english


@pytest.mark.parametrize(
    "text",
    [
        "move Wale Adeyemi to customer",  # "wale" is a Yoruba name, not "those of"
        "log a call with thi hoa dang, she wants a quote",  # "thi" in a Vietnamese name
        "met Hye-jin Seo at the expo, add her as a lead",
        "Hui Min Koh is now a customer",
        "wala pa silang budget, subscriber lang muna si Carmela",  # Tagalog "wala"
        "mein Kollege Jonas hat angerufen, bitte auf SQL setzen",  # German "mein"
        "Ana Ko to opportunity please",  # "ko" as a surname in English text
        "Kal Penner from Acme wants a demo next week",
    ],
)
def test_other_languages_and_names_pass_unchanged(text: str) -> None:
    assert from_hinglish(text) == text


VOCAB = {
    "users": [
        {"name": "Rubina Shah", "email": "rubina@loomsoft.test"},
        {"name": "Nadir Aziz", "email": "nadir@loomsoft.test"},
    ],
    "tags": ["gold", "dormant"],
    "lead_sources": ["website", "referral"],
    "companies": ["Sitara Mills", "Noor Cloth House"],
    "contacts": ["Sobia Rehman", "Junaid Cheema", "Tabassum Gill", "Faraz Haider", "Rafia Noor"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("Sobia Rehman ko sql kar do", "update_contact", {"contact": "Sobia Rehman", "changes": {"stage": "sql"}}),
        (
            "Faraz bhai ka status lead kar do",
            "update_contact",
            {"contact": "Faraz Haider", "changes": {"stage": "lead"}},
        ),
        (
            "Tabassum Gill pe gold tag laga do aur dormant wala hata do",
            "update_contact",
            {"contact": "Tabassum Gill", "changes": {"tags_add": ["gold"], "tags_remove": ["dormant"]}},
        ),
        (
            "Rafia ka email update karo: rafia@noorcloth.test",
            "update_contact",
            {"contact": "Rafia Noor", "changes": {"email": "rafia@noorcloth.test"}},
        ),
        (
            "Sitara Mills ke saare contacts churned kar do",
            "bulk_update_contacts",
            {"filters": {"company": "Sitara Mills"}, "changes": {"stage": "churned"}},
        ),
    ],
)
def test_hindustani_requests_make_the_right_call(
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


def test_parson_is_the_day_after_tomorrow(model: LocalChatModel) -> None:
    calls = _calls(model, "Junaid Cheema ka follow up parson rakh do")
    assert calls[0][0] == "update_contact"
    assert calls[0][1]["changes"]["next_follow_up"] == date(2026, 11, 28).isoformat()
