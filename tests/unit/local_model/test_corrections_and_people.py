"""Writers correcting themselves mid-message, and people named other than by their full name: diminutives
("Dazza", "Macca"), a first name alone, the person behind a shared address ("info@…, the person is …")."""

from __future__ import annotations

from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.extract import Matcher, diminutive_of
from leadloom.agents.local.vocabulary import Vocabulary
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [{"name": "Maria Lopez", "email": "maria@agency.test"}, {"name": "Tom Baker", "email": "tom@agency.test"}],
    "tags": ["vip", "champion"],
    "lead_sources": ["webinar", "referral", "event"],
    "companies": ["Acme", "BrightPath Analytics"],
    "contacts": ["Jane Doe", "Darren Holloway", "Liam McKenzie", "Kenji Sato", "Dario Conti", "Priya Nair"],
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("move Jane Doe to sql — no wait, opportunity", {"stage": "opportunity"}),
        ("set Jane Doe's follow up to friday, no, monday", {"next_follow_up": "2026-11-30"}),
        ("Jane Doe's source is webinar... actually event", {"lead_source": "event"}),
        # "no reply" is not a correction: the stage stays what was asked
        ("Jane Doe, no reply since october, move her to churned", {"stage": "churned"}),
    ],
)
def test_the_value_after_a_correction_wins(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": "Jane Doe", "changes": changes})]


def test_a_corrected_owner_in_a_new_contact(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, "add Rosa Mendez from Acme as a lead, owner maria — no, tom")
    assert name == "create_contact" and args["owner"] == "Tom Baker" and args["first_name"] == "Rosa"


def test_diminutives_name_one_contact_or_nobody() -> None:
    contacts = tuple(VOCAB["contacts"])
    assert diminutive_of("macca", contacts) == "Liam McKenzie"  # from the surname, "mc" read as "mac"
    assert diminutive_of("kenjo", contacts) == "Kenji Sato"
    # "Dazza": "daz" read as "dar" fits Darren and Dario: two people, so nobody is guessed
    assert diminutive_of("dazza", contacts) is None
    assert diminutive_of("davo", contacts) is None  # no contact fits


def test_a_diminutive_or_a_first_name_is_a_known_contact(model: LocalChatModel) -> None:
    assert _calls(model, "Macca's signed, he's a customer now") == [
        ("update_contact", {"contact": "Liam McKenzie", "changes": {"stage": "customer"}})
    ]
    assert _calls(model, "kenji's number?") == [("get_contact", {"contact": "Kenji Sato"})]


def test_the_person_behind_a_shared_address(model: LocalChatModel) -> None:
    text = "create contact info@brightpath.io, shared inbox at brightpath, the person is Omar Haddad (their CFO)"
    [(name, args)] = _calls(model, text)
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["email"]) == ("Omar", "Haddad", "info@brightpath.io")
    assert args["title"] == "CFO"
    assert args["company"] == "BrightPath Analytics"  # said loosely, at the domain of a company the CRM has


def test_an_address_alone_does_not_name_the_employer(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, "add omar@brightpath.io, name's Omar Haddad")
    assert name == "create_contact" and "company" not in args  # people write from other companies' mail too


def test_a_role_address_is_not_a_name(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, "create contact sales@nordwind.example")
    assert name == "create_contact" and args == {"email": "sales@nordwind.example"}


def test_the_matcher_keeps_the_organizations_date_order() -> None:
    assert Matcher(Vocabulary.from_dict({**VOCAB, "country": "AU"})).vocab.day_first is True


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        # the organization's own tags switched off and on, and a tag taken off with a reason before it
        ("jane doe: vip off, champion on", {"tags_remove": ["vip"], "tags_add": ["champion"]}),
        ("jane doe finally replied, take vip off her", {"tags_remove": ["vip"]}),
        ("tag Jane Doe as a champion, she's selling us internally", {"tags_add": ["champion"]}),
        # a promotion said without an article, a title with a reason after it, a new surname
        ("Jane Doe got promoted — she's Director of Marketing now", {"title": "Director of Marketing"}),
        ("Jane Doe's title is Principal now, she bought out the agency", {"title": "Principal"}),
        ("Jane Doe got married, she goes by Doe-Okafor now. fix her last name pls", {"last_name": "Doe-Okafor"}),
        ("Jane Doe's email bounced, new one is jane@newco.example", {"email": "jane@newco.example"}),
        ("Jane Doe left Acme, she's at Northpeak Capital now", {"company": "Northpeak Capital"}),
    ],
)
def test_one_contacts_changes_said_in_passing(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    assert _calls(model, text) == [("update_contact", {"contact": "Jane Doe", "changes": changes})]


@pytest.mark.parametrize(
    ("text", "filters", "changes"),
    [
        # a tag removed from a selection is not a delete of the selection
        ("all the churned ones from Acme – remove their vip tag", {"stage": "churned", "company": "Acme", "tag": "vip"},
         {"tags_remove": ["vip"]}),
        ("everyone tagged vip who hasn't been contacted since october isn't vip anymore, take the tag off",
         {"tag": "vip", "not_contacted_since": "2026-10-01"}, {"tags_remove": ["vip"]}),
        # "in 60 days" after "haven't touched" reaches back from today
        ("any opportunity we haven't touched in 60 days is dead. mark them all disqualified",
         {"stage": "opportunity", "not_contacted_since": "2026-09-27"}, {"stage": "disqualified"}),
        # news about a colleague is why, not what: "on Monday" is neither a filter nor a follow-up
        ("Tom moves to enterprise on Monday. Reassign all sqls owned by Tom Baker to Maria Lopez.",
         {"stage": "sql", "owner": "Tom Baker"}, {"owner": "Maria Lopez"}),
        # the new follow-up date is not also a filter
        ("Set a follow up for the end of the month on all of Tom's sqls", {"stage": "sql", "owner": "Tom Baker"},
         {"next_follow_up": "2026-11-30"}),
        # each date with its own condition
        ("Delete churned contacts created before 6/1/2026 and not contacted since 9/1/2026", None, None),
    ],
)  # fmt: skip
def test_selections_and_their_dates(model: LocalChatModel, text: str, filters: Any, changes: Any) -> None:
    [(name, args)] = _calls(model, text)
    if changes is None:
        assert name == "delete_contacts"
        assert args["filters"] == {
            "stage": "churned",
            "created_before": "2026-06-01",
            "not_contacted_since": "2026-09-01",
        }
        return
    assert name == "bulk_update_contacts"
    assert args == {"filters": filters, "changes": changes}


def test_consent_switch_for_a_selection(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, "Turn off both email and SMS consent for every contact tagged vip.")
    assert (name, args) == (
        "bulk_update_contacts",
        {"filters": {"tag": "vip"}, "changes": {"email_consent": False, "sms_consent": False}},
    )


def test_a_surname_said_alone_names_its_one_contact(model: LocalChatModel) -> None:
    assert _calls(model, "Holloway to sql.") == [
        ("update_contact", {"contact": "Darren Holloway", "changes": {"stage": "sql"}})
    ]
    assert _calls(model, "Sato → me.") == [("update_contact", {"contact": "Kenji Sato", "changes": {"owner": "me"}})]


def test_a_bulleted_record_and_a_story_with_two_asks(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, "new one —\n- Rosa Mendez\n- Head of Procurement @ BrightPath\n- 0401 992 337")
    assert name == "create_contact"
    assert (args["first_name"], args["last_name"], args["title"]) == ("Rosa", "Mendez", "Head of Procurement")
    assert (args["company"], args["phone"]) == ("BrightPath Analytics", "0401 992 337")
    calls = _calls(model, "Just got off the phone with Jane Doe – log the call and set her follow up for friday")
    assert [name for name, _ in calls] == ["log_activity", "update_contact"]
    assert calls[0][1]["contact"] == "Jane Doe" and calls[0][1]["type"] == "call"
    assert calls[1][1] == {"contact": "Jane Doe", "changes": {"next_follow_up": "2026-11-27"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please set the follow-up to 4.12. for all opportunities of Maria",
         {"filters": {"stage": "opportunity", "owner": "Maria Lopez"}, "changes": {"next_follow_up": "2026-12-04"}}),
        ("All contacts tagged vip should get champion as well",
         {"filters": {"tag": "vip"}, "changes": {"tags_add": ["champion"]}}),
    ],
)  # fmt: skip
def test_owners_of_a_selection_and_tags_it_should_get(model: LocalChatModel, text: str, expected: Any) -> None:
    assert _calls(model, text) == [("bulk_update_contacts", expected)]


def test_the_follow_up_goes_to_the_date_it_is_moved_to(model: LocalChatModel) -> None:
    assert _calls(model, "Can you shift the follow-up with Jane Doe to monday? She is on holiday until friday") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"next_follow_up": "2026-11-30"}})
    ]


def test_a_german_amount_and_the_crms_spelling_of_a_company(model: LocalChatModel) -> None:
    [(name, args)] = _calls(model, 'Create a deal "Brightpath Stand" for BrightPath, 18.500 EUR')
    assert name == "create_deal"
    assert (args["amount"], args["currency"], args["company"]) == (18500, "EUR", "BrightPath Analytics")


def test_a_leaving_colleagues_contacts_go_to_another(model: LocalChatModel) -> None:
    # the news sentence names whose contacts "his" means, and its date is no filter
    assert _calls(model, "Tom is leaving us end of December. Move all his contacts to Maria.") == [
        ("bulk_update_contacts", {"filters": {"owner": "Tom Baker"}, "changes": {"owner": "Maria Lopez"}})
    ]
