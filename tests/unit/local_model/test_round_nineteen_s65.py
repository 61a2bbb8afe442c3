"""Round nineteen, set 65: conventions read from a Tokyo agency's requests (non-native English, Japanese dates and
honorifics, pasted LINE messages and business cards, Australian slang, JPY). A colleague's honorific after a name
("owner Tyler-san"), dates written with 月 and 日, "change owner of <someone> to <someone>", and a legal form in
dotted initials ("K.K.") kept whole. Examples are our own, written for an Osaka agency that sells kimono rental and
tea-ceremony tours (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.args import with_legal_form
from leadloom.agents.local.extract import clean_name
from leadloom.agents.local.japanese import from_japanese
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Daichi Mori", "email": "daichi@kinuya.test"},
        {"name": "Chloe Dupont", "email": "chloe@kinuya.test"},
    ],
    "tags": ["vip", "tea-ceremony", "kimono", "newsletter"],
    "lead_sources": ["website", "referral", "line", "trade-show"],
    "companies": ["Gion Tea House K.K.", "Nishiki Kimono Co., Ltd."],
    "contacts": ["Haruto Kaneda", "Sakura Ono", "Ben Archer"],
    "country": "JP",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


# --- honorifics and Japanese dates (japanese.py) ------------------------------------------------------------------


def test_honorifics_leave_the_name() -> None:
    assert from_japanese("give Haruto Kaneda to Daichi-san") == "give Haruto Kaneda to Daichi"
    assert from_japanese("Ono-sama and Mori-kun") == "Ono and Mori"
    assert from_japanese("our pre-sales team") == "our pre-sales team"  # no name before the hyphen


def test_kanji_dates_read_as_english_dates() -> None:
    assert from_japanese("follow up 12月3日 please") == "follow up December 3 please"
    assert from_japanese("created since 2027年1月20日") == "created since January 20, 2027"
    assert from_japanese("5月2日はどう") == "May 2 はどう"  # Japanese text running on gets a space
    assert from_japanese("13月40日") == "13月40日"  # no such date


def test_owner_named_with_an_honorific(model: LocalChatModel) -> None:
    text = "Please kindly remove tag kimono from Sakura Ono and change owner to Chloe-san."
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Sakura Ono", "changes": {"tags_remove": ["kimono"], "owner": "Chloe Dupont"}},
    )


def test_follow_up_on_a_kanji_date(model: LocalChatModel) -> None:
    text = "Sorry, follow-up of Ben Archer is not 12月1日, correct one is 12月8日. Please fix."
    assert _calls(model, text)[0] == (
        "update_contact",
        {"contact": "Ben Archer", "changes": {"next_follow_up": "2026-12-08"}},
    )


# --- owners and company names ---------------------------------------------------------------------------------------


def test_change_owner_of_someone_to_a_colleague(model: LocalChatModel) -> None:
    text = "Please change owner of Haruto Kaneda to me. Daichi is busy with the Kyoto fair."
    assert _calls(model, text)[0] == ("update_contact", {"contact": "Haruto Kaneda", "changes": {"owner": "me"}})


def test_change_owner_of_a_company_s_contacts(model: LocalChatModel) -> None:
    text = "change owner of all contacts of Gion Tea House K.K. to Daichi-san, he runs the tea tours now"
    assert _calls(model, text)[0] == (
        "bulk_update_contacts",
        {"filters": {"company": "Gion Tea House K.K."}, "changes": {"owner": "Daichi Mori"}},
    )


def test_dotted_legal_form_keeps_its_last_dot() -> None:
    # one mechanism keeps a legal form's stops (args.with_legal_form); clean_name only trims the sentence's
    assert with_legal_form("Arashiyama Fans K.K", "add Emi Sato, Arashiyama Fans K.K., sales") == "Arashiyama Fans K.K."
    assert with_legal_form("Delft Tiles B.V", "Delft Tiles B.V. signed") == "Delft Tiles B.V."
    assert clean_name("Ledgerline.") == "Ledgerline"  # a sentence's stop still goes


# --- a source named by its organizer, typed-in-a-hurry words ---------------------


SOURCES_VOCAB = {**VOCAB, "lead_sources": ["website", "referral", "kyoto-expo", "trade-show"]}


@pytest.fixture(scope="module")
def sources_model() -> LocalChatModel:
    return model_for(SOURCES_VOCAB)


def test_event_source_named_by_its_organizer(sources_model: LocalChatModel) -> None:
    text = "add Lena Vogt, lena@vogt-reisen.test, met her at the Kyoto buyers night. owner Daichi"
    name, args = _calls(sources_model, text)[0]
    assert name == "create_contact"
    assert args["lead_source"] == "kyoto-expo"


def test_request_words_typed_in_a_hurry(model: LocalChatModel) -> None:
    assert _calls(model, "Sakura Ono, folow up Monday pls")[0] == (
        "update_contact",
        {"contact": "Sakura Ono", "changes": {"next_follow_up": "2026-11-30"}},
    )
    assert _calls(model, "tag evryone at Nishiki Kimono Co., Ltd. with kimono")[0] == (
        "bulk_update_contacts",
        {"filters": {"company": "Nishiki Kimono Co., Ltd."}, "changes": {"tags_add": ["kimono"]}},
    )
