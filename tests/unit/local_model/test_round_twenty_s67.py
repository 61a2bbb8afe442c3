"""Round twenty, set 67: conventions read from a Warsaw agency's requests (Polish mixed into English, some
requests wholly Polish, names typed without their diacritics, pasted CSV rows and Sales Navigator cards, PLN and
EUR). A Polish frame around English CRM words is read in English (polish.py): "zmień ownera na X", "owner na
mnie", "dodaj tagi X i Y", "wszyscy z <firma>", "kto jest ownerem …?", "follow-up jutro", "we wtorek 30
marca", "do przyszłego piątku"; a woman's name declined after "na"/"dla"/"od" is read back to its "-a".
Examples are our own, written for other trades."""

from __future__ import annotations

import pytest

from leadloom.agents.local.polish import from_polish


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("Irena Sowa — zmień ownera na Martę", "change owner to Marta"),
        ("Leon Gajda: owner na mnie, Tomek jest na urlopie", "owner to me"),
        ("Nowy kontakt: Ewa Lis, CFO w Piekarnia Zbyszko, owner ja", "owner me"),
        ("Hubert Kruk — zmień jego stanowisko na Head of Sales", "change his title"),
        ("Lena Bąk przeszła do Młyn Mazury, zmień jej firmę", "moved to Młyn Mazury, change her company"),
    ],
)
def test_a_change_of_owner_or_field_reads_in_english(polish: str, english: str) -> None:
    assert english in from_polish(polish)


def test_a_woman_named_in_a_case_is_read_back_to_her_name() -> None:
    assert "for Marta" in from_polish("zadanie dla Marty: zadzwonić do hurtowni")
    assert "task for Ola" in from_polish("zadanie dla Oli: zadzwonić do hurtowni")


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("Dawid Kurek — dodaj tagi vip i b2b", "add tags vip and b2b"),
        ("Dawid Kurek: dodaj eko-farma + dostawa-24h", "add tags eko-farma + dostawa-24h"),
        ("Dawid Kurek — usuń tag cold, dodaj vip", "remove tag cold, add vip"),
    ],
)
def test_tags_added_and_removed(polish: str, english: str) -> None:
    assert english in from_polish(polish)


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("wszyscy z Tartak Orzeł — follow-up na 3 maja", "all contacts at Tartak Orzeł — follow-up to 3 may"),
        ("usuń wszystkie kontakty ze stage churned z Tartak Orzeł", "delete all contacts with stage churned from"),
        (
            "wywal wszystkich z tagiem expo, z którymi nie było kontaktu od 1 lipca 2026",
            "with tag expo, not contacted since 1 july 2026",
        ),
        ("kontakty ze źródła event, stage mql → przesuń na sql", "contacts from source event, stage mql → move to sql"),
    ],
)
def test_everyone_selected_by_company_stage_tag_or_silence(polish: str, english: str) -> None:
    assert english in from_polish(polish)


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("kto jest ownerem Roman Pietrzyk?", "who is the owner of Roman Pietrzyk?"),
        ("ile mamy kontaktów w stage customer? i kto je prowadzi", "how many contacts in stage customer?"),
        ("kto z Tartak Orzeł ma tag vip?", "list contacts at Tartak Orzeł with tag vip?"),
        ("pokaż otwarte deale Bartka", "show open deals owned by Bartka"),
    ],
)
def test_questions_read_as_searches(polish: str, english: str) -> None:
    assert english in from_polish(polish)


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("Roman Pietrzyk — follow-up jutro, proszę", "follow-up tomorrow, please"),
        ("Roman Pietrzyk — follow-up pojutrze", "follow-up in 2 days"),
        ("Roman Pietrzyk z Tartak Orzeł — follow-up we wtorek 4 maja", "follow-up on tuesday 4 may"),
        ("roman pietrzyk - follow up do przyszłego czwartku", "follow up by next thursday"),
        ("zadanie dla mnie: oddzwonić do hurtowni, termin piątek", "for me: oddzwonić do hurtowni, due friday"),
    ],
)
def test_polish_dates(polish: str, english: str) -> None:
    assert english in from_polish(polish)


def test_where_a_contact_came_from() -> None:
    assert "referral from Zbyszka" in from_polish(
        "dodaj nowy kontakt: Ola Wrona, CEO w Młyn Mazury, z polecenia Zbyszka"
    )
    assert "CEO at Młyn Mazury" in from_polish("dodaj nowy kontakt: Ola Wrona, CEO w Młyn Mazury")
    assert "came from the campaign" in from_polish("Ola Wrona: dodaj vip, przyszła z kampanii")


@pytest.mark.parametrize(
    "english",
    [
        "Florian Weiß: the next Termin is on 8. April, please this as follow-up eintragen.",
        "Ida Olsen from Oslo, tag nordics, owner Jonas",
        "add Ana Do, CTO w/ 10 yrs experience",
    ],
)
def test_english_and_german_requests_pass_unchanged(english: str) -> None:
    assert from_polish(english) == english


def test_a_tag_given_to_someone_with_do() -> None:
    assert "add tag vip to Anna Lis" in from_polish("dodaj tag vip do Anny Lis, świetna rozmowa")


def test_an_export_row_with_identifier_column_names() -> None:
    from leadloom.agents.local.args import _export_row

    text = "first_name,last_name,job_title,company,email\nOskar,Wilk,Head Baker,Piekarnia Wilk,oskar@wilk.test\n\nadd"
    assert _export_row(text) == {
        "first_name": "Oskar", "last_name": "Wilk", "title": "Head Baker", "company": "Piekarnia Wilk",
        "email": "oskar@wilk.test",
    }  # fmt: skip


def test_an_export_row_pasted_without_its_header_starts_with_the_name() -> None:
    from leadloom.agents.local.args import _export_row

    text = "Greta,Holm,Store Manager,Holm Hardware AB,greta@holm.test,,Malmö\n\n^ new one, owner me"
    assert _export_row(text) == {"first_name": "Greta", "last_name": "Holm"}
    assert _export_row("Greta, Holm and Sons called\n\nlog it") == {}


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("tag them expo two thousand twenty eight", "tag them expo 2028"),
        ("customer since two thousand and nine", "customer since 2009"),
        ("budget two thousand", "budget 2000"),
    ],
)
def test_a_year_said_in_words(said: str, written: str) -> None:
    from leadloom.agents.local.dictation import undictate

    assert undictate(said) == written


def test_a_dictated_nine_digit_number_is_written_in_threes() -> None:
    from leadloom.agents.local.dictation import undictate

    assert "601 228 934" in undictate("her mobile is six zero one two two eight nine three four thanks")
    assert "0412558903" in undictate("oh four one two five five eight nine oh three")


@pytest.mark.parametrize(
    ("ticket", "read"),
    [
        ("BULK: tag=expo AND stage=lead → owner Nina Berg", "tagged expo AND stage lead to owner Nina Berg"),
        ("show me stage=mql contacts from referral", "show me stage mql contacts"),
        ("Q: contacts owner=Nina Berg with follow-up overdue", "owner Nina Berg"),
        ("DEL: stage=disqualified AND not contacted since 2026-01-01", "delete all contacts with stage disqualified"),
    ],
)
def test_criteria_written_as_equations_select(ticket: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    assert read in normalize_request(ticket)


def test_an_equation_after_the_arrow_is_still_the_change() -> None:
    from leadloom.agents.local.model import normalize_request

    assert "→ owner to Nina Berg" not in normalize_request("stage=lead → owner=Nina Berg")
    assert "owner to Nina Berg" in normalize_request("stage=lead → owner=Nina Berg")
    assert "Olek Dym: stage to sql" in normalize_request("Olek Dym: stage=sql")


@pytest.mark.parametrize(
    ("ticket", "read"),
    [
        ("Hugo Lenz → lead_source: partner", "lead source: partner"),
        ("Hugo Lenz: sms_consent: false", "turn off SMS consent"),
        ("Hugo Lenz: email_consent = yes", "turn on email consent"),
        ("Hugo Lenz: next_follow_up → 2027-05-04", "follow-up to 2027-05-04"),
    ],
)
def test_a_field_written_as_an_identifier(ticket: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    assert read in normalize_request(ticket)


def test_an_address_with_an_identifier_in_it_stays() -> None:
    from leadloom.agents.local.model import normalize_request

    assert "lead_source@forms.test" in normalize_request("add lead_source@forms.test as a contact")


@pytest.mark.parametrize(
    ("ticket", "read"),
    [
        ("SUP-301 | Lena Holm | owner: Nina Berg | stage: sql", "Lena Holm | owner: Nina Berg; stage: sql"),
        ("- Lena Holm\n  - sms_consent: false\n  - phone: keep as is", "Lena Holm: turn off SMS consent"),
        ("SEGMENT\n- name: Expo Leads\n- filters: tag=expo, stage=lead", 'Create segment "Expo Leads": tagged expo'),
    ],
)
def test_a_ticket_layout_reads_as_one_request(ticket: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request(ticket)
    assert read in out and "keep" not in out


def test_a_pasted_table_row_is_no_ticket() -> None:
    from leadloom.agents.local.model import _ticket_as_request

    row = "Lena Holm | Store Manager | Holm AB | lena@holm.test"
    assert _ticket_as_request(row) == row


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("Lars Brandt: I take him. Please the owner on me setzen.", "Please set the owner to me."),
        ("Lars Brandt: please the owner on Heike setzen.", "set the owner to Heike."),
        (
            "Lars Brandt has the wartung gekündigt. Stage to churned and the wartung tag remove.",
            "has cancelled the wartung. Stage to churned and remove the wartung tag.",
        ),
        (
            "Lars Brandt: next Termin on 14. Mai, please this as follow-up eintragen.",
            "next meeting on 14 may, please set this as follow-up.",
        ),
        ("Lars Brandt has a new Handynummer: +49 151 2233 4455. Bitte update.", "new mobile number: +49 151"),
    ],
)
def test_english_in_german_word_order(mixed: str, english: str) -> None:
    from leadloom.agents.local.german import from_german

    assert english in from_german(mixed)


@pytest.mark.parametrize(
    ("said", "read"), [("deal 18 500 zł", "deal 18 500 PLN"), ("budget 7000zl", "budget 7000 PLN")]
)
def test_the_zloty_sign_reads_as_pln(said: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    assert normalize_request(said) == read


@pytest.mark.parametrize(
    ("said", "read"),
    [
        (
            "Ida Lund — ZoomInfo says title is 'Plant Manager', CRM still has Shift Lead, pls fix",
            "Ida Lund — title is 'Plant Manager', please fix",
        ),
        (
            "Ida Lund is in the CRM as Shift Lead, got promoted. update her title",
            "Ida Lund is in the CRM, got promoted.",
        ),
        ("Ida Lund: new mobile +46 70 123 45 67, email is the same", "Ida Lund: new mobile +46 70 123 45 67"),
        ("Ida Lund moved to Kiln AB. update her company, title stays unchanged", "update her company"),
    ],
)
def test_the_old_value_and_the_unchanged_fields_are_no_change(said: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request(said)
    assert read in out and "Shift Lead" not in out and "same" not in out and "unchanged" not in out


def test_a_pasted_card_gives_the_employer_when_the_ask_names_the_company() -> None:
    from leadloom.agents.local.args import _fields_from_paste

    card = "Ida Lund\nPlant Manager at Kiln AB\nGothenburg, Sweden\n\n^ changed jobs, update her company"
    assert _fields_from_paste(card, {}) == {"company": "Kiln AB"}
    promoted = "Ida Lund\nPlant Manager at Kiln AB\nGothenburg, Sweden\n\n^ got promoted, update her title"
    assert _fields_from_paste(promoted, {}) == {"title": "Plant Manager"}


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("tove berg she left the mailing list, no more emails to her", "turn off email consent"),
        ("Tove Berg asked us to stop, no more texts", "turn off SMS consent"),
        ("All contacts at Kiln AB please to me as owner", "change owner to me"),
        ("Everyone at Kiln AB to Nina Berg as the owner, she runs the account", "change owner to Nina Berg"),
        ("tove berg from kiln she moved to plant manager so update her title", "she is now plant manager"),
    ],
)
def test_changes_said_in_passing(said: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    assert read in normalize_request(said)


def test_a_state_held_since_a_date_is_the_reason_not_a_selection() -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request("Delete all contacts from Kiln AB, the company is bankrupt since January.")
    assert "since" not in out and "bankrupt" in out
    kept = "Delete all contacts from Kiln AB, they have been contacted since January."
    assert "since January" in normalize_request(kept)


def test_a_story_told_before_the_new_contacts_name_goes_after_it() -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request(
        "new contact met her at the bakery fair in gdansk her name is ewa lis owner at lis bakes owner me"
    )
    assert out.startswith("new contact ewa lis owner at lis bakes owner me.")
    assert out.endswith("met her at the bakery fair in gdansk")


def test_a_dictated_selection_ends_at_its_date() -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request("everyone tagged expo that we havent called since march 3rd move them to cold")
    assert "since march 3rd, move them" in out


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("all leads from the fair, put the expo tag on them", "add the expo tag"),
        ("Ewa Lis: slap the vip tag on her", "add the vip tag to her"),
    ],
)
def test_a_tag_put_on_someone_is_added(said: str, read: str) -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request(said)
    assert read in out and " on " not in out


@pytest.mark.parametrize(
    ("polish", "english"),
    [
        ("nowy kontakt: Ewa Lis, CEO w Lis Bakes, owner Bartek.", "owner Bartłomiej."),
        ("Ewa Lis — zmień ownera na Kasię", "change owner to Katarzyna"),
    ],
)
def test_an_owner_called_by_a_short_form_is_the_colleague(polish: str, english: str) -> None:
    assert english in from_polish(polish)


def test_a_short_form_that_is_not_an_owner_stays() -> None:
    assert "Kuba has" in from_polish("Ewa Lis — owner na mnie, Kuba has too much on his plate")


def test_a_caret_takes_no_address_from_the_paste() -> None:
    from leadloom.agents.local.args import _fields_from_paste

    card = "Ida Lund\nPlant Manager | Kiln AB\nida@kiln.test\n\n^ she answered my cold email, move her to mql"
    assert _fields_from_paste(card, {"stage": "mql"}) == {"stage": "mql"}


def test_someone_put_on_a_contact_as_owner_keeps_its_frame() -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request("add Ida Lund, ida@kiln.test, and put Nina on her as owner since she runs the account")
    assert "change owner" not in out


def test_a_ticket_of_a_selection_and_its_change() -> None:
    from leadloom.agents.local.model import normalize_request

    out = normalize_request("- bulk: all stage=mql contacts tagged expo\n- set owner → Nina Berg")
    assert out.startswith("bulk: all stage mql contacts tagged expo: set owner") and out.endswith("Nina Berg")


@pytest.mark.parametrize(
    "other",
    [
        "Neuer Kontakt: ich habe Maja Berg getroffen, Firma Holz AG",
        "pa-update na po si Maja Reyes to sql, do it today",
        "we met Maja at the fair, we should add her, we think she's a lead",
    ],
)
def test_german_taglish_and_english_are_not_read_as_polish(other: str) -> None:
    assert from_polish(other) == other
