"""Round twenty, set 66: conventions read from a Seoul agency's requests (Korean words and whole Korean asks around
English names, tags and stages). Korean puts the request verb last, marks a new value with 로/으로, follows a name
with an honorific (원장님, 실장님, 매니저), writes dates as 4월 3일 and money in 억; a pasted KakaoTalk message stays
as written. Examples are our own, written for this vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.korean import from_korean, has_korean, known_hangul_names
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Min-ji Cho", "email": "minji@hanbitmedia.test"},
        {"name": "Tomás Reyes", "email": "tomas@hanbitmedia.test"},
    ],
    "tags": ["vip", "nail-salon", "spa", "export", "trial"],
    "lead_sources": ["instagram", "referral", "trade-show", "naver"],
    "companies": ["Busan Nail Studio", "Mapo Spa Co."],
    "contacts": ["Seung-ho Lim", "Ara Shin", "Bo-ram Yoo", "Hannah Cole"],
    "country": "KR",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def test_a_request_without_hangul_is_unchanged() -> None:
    text = "move Hannah Cole to sql, she liked the deck"
    assert not has_korean(text)
    assert from_korean(text) == text


def test_an_honorific_after_a_name_is_dropped() -> None:
    assert from_korean("Seung-ho Lim 부장님 stage sql로 바꿔주세요") == "Seung-ho Lim stage to sql please"
    assert from_korean("Ara Shin 선생님 follow up 내일로 잡아주세요") == "Ara Shin follow up to tomorrow please"


def test_a_value_marked_with_ro_is_what_the_field_becomes() -> None:
    assert from_korean("Bo-ram Yoo 담당자 Tomás로 변경해 주세요") == "Bo-ram Yoo owner to Tomás please"
    assert from_korean("Ara Shin title Spa Director 로 수정 부탁해요") == "Ara Shin title to Spa Director please"
    assert from_korean("Ara Shin 담당자는 나로 바꿔줘") == "Ara Shin owner to me please"


def test_korean_dates_read_as_english() -> None:
    assert from_korean("Ara Shin follow-up 12월 9일로 변경해주세요") == "Ara Shin follow-up to December 9 please"
    assert "end of March" in from_korean("Mapo 딜 만들어주세요: 3월 말 close 예상")
    assert "Tuesday" in from_korean("다음 주 화요일로 잡아주세요")


def test_a_tag_and_its_verb() -> None:
    assert from_korean("Hannah Cole export 태그 추가해주세요") == "Hannah Cole add tag export "
    assert from_korean("Ara Shin 태그: spa 추가, trial은 빼주세요").startswith("Ara Shin tags: add spa , remove trial")


def test_many_contacts_are_selected_before_the_verb() -> None:
    assert from_korean("trade-show 소스 연락처 중에 score 50 이상인 사람 보여주세요") == (
        "show contacts from source trade-show with score at least 50"
    )
    assert from_korean("lead 연락처 중에 Busan Nail Studio 사람들 다 삭제해주세요") == (
        "delete all lead contacts at Busan Nail Studio"
    )
    assert from_korean("naver 소스 연락처 전부 trial 태그 붙여주세요").startswith(
        "add tag trial to all contacts from source naver"
    )
    assert from_korean("spa 태그 있는 mql 전부 담당자 Tomás로 바꿔주세요") == "change all mql tagged spa owner to Tomás"


def test_money_counted_in_eok() -> None:
    assert "250000000 KRW" in from_korean("딜 만들어주세요: 2.5억")
    assert "30000000 KRW" in from_korean("3천만원 deal")


def test_who_owns_and_a_changed_number() -> None:
    assert from_korean("Bo-ram Yoo 담당자 누구예요?") == "who is the owner of Bo-ram Yoo?"
    assert from_korean("Ara Shin 번호 바뀜 010-1234-5678") == "Ara Shin new phone 010-1234-5678"


def test_a_pasted_chat_line_keeps_its_line_breaks() -> None:
    assert from_korean('"고마워요 ㅎㅎ"\n\nㅋㅋ nice') == '"고마워요"\n\nnice'


def test_the_model_reads_a_korean_update(model: LocalChatModel) -> None:
    assert _calls(model, "Seung-ho Lim 원장님 담당자 Tomás로 바꿔주세요")[0] == (
        "update_contact",
        {"contact": "Seung-ho Lim", "changes": {"owner": "Tomás Reyes"}},
    )


def test_the_model_reads_a_korean_bulk_delete(model: LocalChatModel) -> None:
    got = _calls(model, "lead 연락처 중에 Busan Nail Studio 사람들 다 삭제해주세요")[0]
    assert got == ("delete_contacts", {"filters": {"company": "Busan Nail Studio", "stage": "lead"}})


def test_the_follow_up_date_said_after_its_word_not_the_day_of_a_later_story(model: LocalChatModel) -> None:
    got = _calls(model, "ara shin f/u mon + tag trial, couriered the brochure today")[0]
    assert got == (
        "update_contact",
        {"contact": "Ara Shin", "changes": {"next_follow_up": "2026-11-30", "tags_add": ["trial"]}},
    )


def test_fyi_closing_a_clause_is_no_part_of_a_tag(model: LocalChatModel) -> None:
    got = _calls(model, "tag hannah cole w/ spa + export fyi, she is opening a second shop")[0]
    assert got == ("update_contact", {"contact": "Hannah Cole", "changes": {"tags_add": ["spa", "export"]}})


def test_one_owners_records_with_an_arrow_to_a_person_are_handed_over(model: LocalChatModel) -> None:
    got = _calls(model, "all of tomás's mqls → me pls, he's off till june")[0]
    assert got == (
        "bulk_update_contacts",
        {"filters": {"owner": "Tomás Reyes", "stage": "mql"}, "changes": {"owner": "me"}},
    )


def test_a_second_change_after_also_an_emoji_or_a_polite_sentence(model: LocalChatModel) -> None:
    got = _calls(model, "bo-ram yoo → customer!! mapo signed the annual plan 🎉 also drop trial from her")[0]
    assert got == (
        "update_contact",
        {"contact": "Bo-ram Yoo", "changes": {"stage": "customer", "tags_remove": ["trial"]}},
    )
    text = (
        "Hello team, I'd be grateful if someone could update Hannah Cole's title to Spa Director – a well-earned "
        "promotion. "
        "While you're in there, could you also set a follow-up for next Tuesday, please?"
    )
    got = _calls(model, text)[0]
    assert got[1]["changes"] == {"title": "Spa Director", "next_follow_up": "2026-12-01"}


def test_the_cell_after_the_name_on_a_one_line_card_is_the_employer(model: LocalChatModel) -> None:
    got = _calls(model, "new contact: Yuna Baek / Jeonju Nail Bar / Head Stylist / 010-4410-2291, tag nail-salon")[0]
    assert got[0] == "create_contact"
    assert got[1]["company"] == "Jeonju Nail Bar"
    assert got[1]["title"] == "Head Stylist"
    badge = (
        "Trade show badge | Farid Nasser · Cedar Glow Trading LLC · Beirut | farid@cedarglow.test\n\nnew contact pls"
    )
    assert _calls(model, badge)[0][1]["company"] == "Cedar Glow Trading LLC"


def test_a_person_taken_out_of_a_tag_keeps_their_record(model: LocalChatModel) -> None:
    got = _calls(model, "Please remove Shin Ara from trial, she decided to wait until autumn")[0]
    assert got == ("update_contact", {"contact": "Ara Shin", "changes": {"tags_remove": ["trial"]}})


def test_someone_introduced_to_us_is_a_referral() -> None:
    assert "source referral" in from_korean("Jun Heo, 010-2222-3333, 소개받은 분이에요")


def test_a_name_in_hangul_is_the_contact_it_romanizes_to() -> None:
    names = ("Seung-ho Lim", "Bo-ram Yoo", "Hannah Cole")
    assert known_hangul_names("임승호 원장님 to sql please", names) == "Seung-ho Lim 원장님 to sql please"
    assert known_hangul_names("[카카오톡] 유보람: 감사합니다", names) == "[카카오톡] Bo-ram Yoo: 감사합니다"
    assert known_hangul_names("오늘 미팅 좋았어요", names) == "오늘 미팅 좋았어요"  # no contact's name


def test_the_model_finds_a_contact_named_in_hangul(model: LocalChatModel) -> None:
    got = _calls(model, "임승호 부장님 예산 없대요, disqualified로 바꿔주세요")[0]
    assert got == ("update_contact", {"contact": "Seung-ho Lim", "changes": {"stage": "disqualified"}})


def test_a_tag_the_contacts_have_selects_them(model: LocalChatModel) -> None:
    got = _calls(model, "Please set follow up date 9 December for all my contacts with tag export")[0]
    assert got == (
        "bulk_update_contacts",
        {"filters": {"owner": "me", "tag": "export"}, "changes": {"next_follow_up": "2026-12-09"}},
    )


def test_a_score_of_zero_is_at_most_zero(model: LocalChatModel) -> None:
    got = _calls(model, "delete all subscribers from source naver with score 0, they are bots")[0]
    assert got[0] == "delete_contacts"
    assert got[1]["filters"].get("max_score") == 0
    assert "min_score" not in got[1]["filters"]


def test_a_restaurant_for_a_client_dinner_is_chatter(model: LocalChatModel) -> None:
    text = "Can anyone recommend a quiet restaurant in Mapo for dinner Friday? Hannah Cole is visiting from Sydney."
    assert _calls(model, text) == []


def test_every_contact_at_a_company_moves_whatever_the_story_says_of_a_proposal(model: LocalChatModel) -> None:
    text = (
        "Now that Mapo Spa have said they are reading our proposal, could we please move every contact we have at "
        "Mapo Spa Co. to opportunity?"
    )
    got = _calls(model, text)[0]
    assert got == (
        "bulk_update_contacts",
        {"filters": {"company": "Mapo Spa Co."}, "changes": {"stage": "opportunity"}},
    )


def test_she_run_a_business_is_her_employer(model: LocalChatModel) -> None:
    text = (
        "New contact please: first name Linh, last name Dao. She run Lotus Nail House in Hanoi, phone +84 91 555 0101"
    )
    assert _calls(model, text)[0][1]["company"] == "Lotus Nail House"


def test_a_new_contacts_job_said_in_a_relative_clause_or_in_brackets(model: LocalChatModel) -> None:
    text = "Please add Tomasz Wren, who is a Buyer at Baltic Beauty Supply, email t.wren@balticbeauty.test"
    got = _calls(model, text)[0][1]
    assert (got["title"], got["company"]) == ("Buyer", "Baltic Beauty Supply")
    got = _calls(model, "add Soo-min Ha (Gangnam Lash Studio CEO), 010-9999-1212")[0][1]
    assert (got["title"], got["company"]) == ("CEO", "Gangnam Lash Studio")


def test_a_companys_new_person_in_charge_is_no_owner() -> None:
    assert "owner" not in from_korean("Jun Heo, Mapo Spa Co. 새 담당자, 010-2222-3333. 추가 부탁해요")
