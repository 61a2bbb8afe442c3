"""Round fourteen: Scots words around English CRM words ("fae", "wi", "the morra", "no tae", "we've no spoken",
"aff", "this yin"), and conventions read from a Glasgow team's requests: "asked us not to text him", "bin all the
X", "who've we got at X", "since before Christmas", chatter about units, a team's chances and a word's meaning,
"owns X" / "the owner is X" as the title, "X's looking after her" as the owner, "got married, she's X Y now", a
sentence that leaves someone as they are, "done deal", a list item "marketing exec" as the title, a shared first
name with the employer in brackets, "can u add X? …", "while she's in Skye". Examples are our
own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.scots import from_scots
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Kirsty Barr", "email": "kirsty@thistlemedia.test"},
        {"name": "Graeme Tulloch", "email": "graeme@thistlemedia.test"},
    ],
    "tags": ["hot-lead", "cold", "vip", "video", "print"],
    "lead_sources": ["website", "referral", "instagram", "trade-show"],
    "companies": ["Bonnie Brae Bakery", "Firth Ferries", "Kelpie Kilts"],
    "contacts": [
        "Ailsa Crombie",
        "Hamish Dunbar",
        "Morag Baillie",
        "Fraser Baillie",
        "Iona Sutherland",
        "Morag Leslie",
    ],
    "country": "GB",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("scots", "english"),
    [
        ("follow up wi Hamish the morra", "follow up with Hamish tomorrow"),
        ("she's fae Kelpie Kilts", "she's from Kelpie Kilts"),
        ("he asked us no tae phone him", "he asked us not to phone him"),
        ("anyone we've no spoken to since May", "anyone we've not spoken to since May"),
        ("which clients have we no heard from", "which clients have we not heard from"),
        ("turn aff her sms", "turn off her sms"),
        ("can ye add this yin", "can you add this one"),
    ],
)
def test_scots_words_read_as_english(scots: str, english: str) -> None:
    assert from_scots(scots) == english


@pytest.mark.parametrize(
    "text",
    [
        "we have no email for her yet",  # English "no" after "have" is a determiner
        "he's no longer with Firth Ferries",
        "Tae Yoon from WI called",  # a given name and a state, not Scots
        "the day before the launch, call Iona",
    ],
)
def test_english_passes_unchanged(text: str) -> None:
    assert from_scots(text) == text


def test_a_follow_up_said_in_scots(model: LocalChatModel) -> None:
    assert _calls(model, "Follow up wi Hamish Dunbar the morra, he's just back")[0] == (
        "update_contact",
        {"contact": "Hamish Dunbar", "changes": {"next_follow_up": "2026-11-27"}},
    )


def test_asked_not_to_be_texted_withdraws_sms_consent(model: LocalChatModel) -> None:
    assert _calls(model, "Ailsa Crombie asked us no tae text her anymore")[0] == (
        "update_contact",
        {"contact": "Ailsa Crombie", "changes": {"sms_consent": False}},
    )


def test_bin_is_a_delete(model: LocalChatModel) -> None:
    assert _calls(model, "bin all the disqualified contacts with a score of 15 or less")[0] == (
        "delete_contacts",
        {"filters": {"stage": "disqualified", "max_score": 15}},
    )


def test_who_have_we_got_at_a_company(model: LocalChatModel) -> None:
    assert _calls(model, "who've we got at Firth Ferries")[0] == ("search_contacts", {"company": "Firth Ferries"})


def test_since_before_christmas_is_a_date_not_a_person(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "which customers have we no spoken to since before Christmas?")
    assert (name, args) == ("search_contacts", {"stage": "customer", "not_contacted_since": "2025-12-25"})


@pytest.mark.parametrize(
    "text",
    [
        "convert 330ml to fluid ounces please",
        "d'ye reckon Hibs will qualify for Europe this season",
        "what's a haggis again? Hamish keeps going on about it",
    ],
)
def test_chatter_about_units_teams_and_words_is_declined(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text)


def test_owns_a_business_is_the_owner_title(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "pls add Callum Reid, owns The Thistle Tearoom, callum@thistletearoom.test, mine")
    assert name == "create_contact"
    assert args["company"].endswith("Thistle Tearoom")
    assert (args["title"], args["owner"]) == ("Owner", "me")


def test_the_owner_is_and_a_colleague_looking_after_her(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "New one for Bonnie Brae Bakery - the owner is Elspeth Gow, elspeth@bonniebrae.test. "
        "Kirsty's looking after her",
    )
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"], args["owner"]) == (
        "Elspeth",
        "Gow",
        "Owner",
        "Kirsty Barr",
    )


def test_married_with_a_new_surname(model: LocalChatModel) -> None:
    assert _calls(model, "Iona Sutherland got married, she's Iona Munro now")[0] == (
        "update_contact",
        {"contact": "Iona Sutherland", "changes": {"last_name": "Munro"}},
    )


def test_a_sentence_leaving_someone_as_they_are_changes_nothing(model: LocalChatModel) -> None:
    calls = _calls(model, "Hamish Dunbar should be SQL. Ailsa's still just a lead tho, leave her as she is")
    assert calls == [("update_contact", {"contact": "Hamish Dunbar", "changes": {"stage": "sql"}})]


def test_done_deal_is_a_signature_not_a_task(model: LocalChatModel) -> None:
    assert _calls(model, "Ailsa Crombie. Customer. Done deal 🤝")[0] == (
        "update_contact",
        {"contact": "Ailsa Crombie", "changes": {"stage": "customer"}},
    )


def test_a_short_job_title_in_a_list(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new contact Rhona Kerr, Firth Ferries, marketing exec, rhona@firthferries.test")
    assert name == "create_contact"
    assert args["title"].lower() == "marketing exec"


def test_a_pronoun_is_never_a_title(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "stick Angus Reid in the crm, he's at Kelpie Kilts, came through instagram")
    assert name == "create_contact"
    assert "title" not in args and args["company"] == "Kelpie Kilts"


def test_a_shared_first_name_with_the_employer_in_brackets(model: LocalChatModel) -> None:
    assert _calls(model, "Morag (Firth Ferries) to mql please")[0] == (
        "update_contact",
        {"contact": "Morag at Firth Ferries", "changes": {"stage": "mql"}},
    )


def test_a_question_mark_after_the_order_to_add(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "can u add elspeth gow? she's from bonnie brae bakery")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["company"]) == ("Elspeth", "Gow", "Bonnie Brae Bakery")


def test_where_a_colleague_is_names_nobody(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "which of Kirsty's follow-ups are overdue? covering while she's in Orkney")
    assert name == "search_contacts"
    assert args["owner"] == "Kirsty Barr" and "follow_up_before" in args and "name" not in args


def test_all_over_a_network_is_no_selection(model: LocalChatModel) -> None:
    assert _calls(
        model, "Iona Sutherland's been raving about us all over Instagram, she's an evangelist, change her stage"
    )[0] == ("update_contact", {"contact": "Iona Sutherland", "changes": {"stage": "evangelist"}})


def test_a_note_for_the_crm_is_a_preamble(model: LocalChatModel) -> None:
    assert _calls(model, "note for the CRM hamish dunbar is now an S Q L he wants a quote full stop")[0] == (
        "update_contact",
        {"contact": "Hamish Dunbar", "changes": {"stage": "sql"}},
    )


def test_in_a_position_to_is_no_job(model: LocalChatModel) -> None:
    assert _calls(model, "Morag Baillie said she's no in a position to spend this year. put her back to subscriber")[
        0
    ] == (
        "update_contact",
        {"contact": "Morag Baillie", "changes": {"stage": "subscriber"}},
    )


def test_tags_listed_before_the_word_and_a_label_that_is_no_verb(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "new: Rab Doig, Kelpie Kilts, wants the label redesign printed. video + print tags"
    )
    assert name == "create_contact"
    assert args["tags"] == ["video", "print"]


def test_an_employer_as_a_list_item_with_a_trade_word(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Eilidh Shaw, Shaw Sweets & Bakers, 07700 900123, walked in today. lead please")
    assert name == "create_contact"
    assert args["company"] == "Shaw Sweets & Bakers"
