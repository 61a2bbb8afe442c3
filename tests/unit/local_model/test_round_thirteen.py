"""Round thirteen: requests written in Swahili/Sheng or German around the CRM words, German, Polish and
Australian short forms of given names, and conventions read from three teams' requests: "Head of Trade Shows" as a
whole title, "cold called him" as the source, "get rid of X" and "X can be deleted", "tags for X: a and b", a tag
given with its reason ("vip tag coz …"), "Ksh 450,000", "also log a note: …", moving a follow-up in a message that
also chats, "chuck the drone tag on her", "score min. 70". Examples are our own, written for this vocabulary
(today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Akinyi Odera", "email": "akinyi@jengadigital.test"},
        {"name": "Otieno Mbugua", "email": "otieno@jengadigital.test"},
        {"name": "Mia Schubert", "email": "mia@jengadigital.test"},
    ],
    "tags": ["hot-lead", "promo", "spam", "messe", "winback", "drone", "vip", "social-media-mgmt", "retail"],
    "lead_sources": ["website", "referral", "instagram", "walk-in", "cold-call", "linkedin"],
    "companies": ["Baraka Bakery", "Jenga Hardware", "Rheinwerk AG", "Kustom Prints"],
    "contacts": [
        "Halima Chege",
        "Wairimu Gitau",
        "Tom Mbugua",
        "Oliver Brandt",
        "Benedikt Roth",
        "Rebecca Lowry",
        "Katarzyna Nowak",
        "Petra Lang",
        "Sven Roth",
    ],
    "country": "KE",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    ("text", "call"),
    [
        (
            "Halima Chege ni customer sasa 🎉",
            ("update_contact", {"contact": "Halima Chege", "changes": {"stage": "customer"}}),
        ),
        ("Futa Tom Mbugua, alikuwa test entry", ("delete_contacts", {"contact": "Tom Mbugua"})),
        ("nipe number ya Wairimu Gitau haraka", ("get_contact", {"contact": "Wairimu Gitau"})),
        (
            "Otieno anaondoka end of month, hamisha contacts zake zote kwa Akinyi",
            ("bulk_update_contacts", {"filters": {"owner": "Otieno Mbugua"}, "changes": {"owner": "Akinyi Odera"}}),
        ),
        ("Bitte Petra Lang auf SQL setzen", ("update_contact", {"contact": "Petra Lang", "changes": {"stage": "sql"}})),
        ("Sven Roth bitte löschen, Dublette", ("delete_contacts", {"contact": "Sven Roth"})),
        (
            "Wiedervorlage Petra Lang bitte auf den 3.12. schieben",
            ("update_contact", {"contact": "Petra Lang", "changes": {"next_follow_up": "2026-12-03"}}),
        ),
    ],
)
def test_swahili_and_german_requests(model: LocalChatModel, text: str, call: tuple) -> None:
    assert _calls(model, text)[0] == call


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("Olli Brandt hat unterschrieben!!! customer", "Oliver Brandt"),
        ("Benni Roth → lead", "Benedikt Roth"),
        ("bec lowry signed the retainer, make her a customer", "Rebecca Lowry"),
        ("Kasia Nowak is now a customer", "Katarzyna Nowak"),
    ],
)
def test_short_forms_of_given_names(model: LocalChatModel, text: str, contact: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["contact"] == contact, args


def test_a_head_of_something_is_one_title(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "Add new contact: Imani Otieno, Head of Trade Shows, Kustom Prints, imani@kustom.test"
    )
    assert name == "create_contact" and args["title"] == "Head of Trade Shows", args
    (name, args), *_ = _calls(model, "new contact Lena Kraus, head of ICT & digital, lena@rheinwerk.test. linkedin")
    assert args["title"] == "head of ICT & digital" and args["lead_source"] == "linkedin", args


def test_cold_called_is_the_source_of_a_new_contact(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Jo Kamau from Kustom Prints, jo@kustom.test. Cold called her today, MQL.")
    assert name == "create_contact" and args["lead_source"] == "cold-call" and args["stage"] == "mql", args


@pytest.mark.parametrize(
    "text",
    ["get rid of Tom Mbugua. not a client, just a student", "Tom Mbugua can be deleted, he retired last year"],
)
def test_a_delete_said_another_way(model: LocalChatModel, text: str) -> None:
    assert _calls(model, text)[0] == ("delete_contacts", {"contact": "Tom Mbugua"})


def test_tags_listed_after_the_person(model: LocalChatModel) -> None:
    assert _calls(model, "tags for Petra Lang: messe and winback")[0] == (
        "update_contact",
        {"contact": "Petra Lang", "changes": {"tags_add": ["messe", "winback"]}},
    )


def test_the_reason_after_a_tag_is_no_tag(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Add Amos Njoroge, amos@jenga.test. sql, and vip tag coz our CEO asked personally")
    assert name == "create_contact" and args["tags"] == ["vip"], args


def test_kenyan_shillings_said_as_ksh(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "New deal: Jenga Hardware TikTok campaign, Ksh 450,000, contact Halima Chege")
    assert name == "create_deal" and args["amount"] == 450000 and args["currency"] == "KES", args


def test_a_note_logged_after_a_change_is_about_the_same_person(model: LocalChatModel) -> None:
    calls = _calls(model, "Halima Chege is a customer now. Also log a note: onboarding call scheduled for Monday")
    assert calls[0] == ("update_contact", {"contact": "Halima Chege", "changes": {"stage": "customer"}})
    assert calls[1][0] == "log_activity" and calls[1][1]["contact"] == "Halima Chege", calls
    assert calls[1][1]["type"] == "note", calls


def test_a_follow_up_moved_in_a_chatty_message(model: LocalChatModel) -> None:
    assert _calls(model, "push Sven's follow up to the 3rd, he's away at the footy trip")[0] == (
        "update_contact",
        {"contact": "Sven Roth", "changes": {"next_follow_up": "2026-12-03"}},
    )


def test_chuck_a_tag_on(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "Petra Lang booked the package, make her a customer and chuck the drone tag on her"
    )
    assert (name, args) == (
        "update_contact",
        {"contact": "Petra Lang", "changes": {"stage": "customer", "tags_add": ["drone"]}},
    )


def test_a_minimum_score_written_min_dot(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "which contacts from linkedin have score min. 70?")
    assert name == "search_contacts" and args == {"lead_source": "linkedin", "min_score": 70}, args


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("jamaa mmoja Amos Kibet wa Kustom Prints, cold call, lead. Otieno atamhandle", "owner", "Otieno Mbugua"),
        ("nimepata lead mpya: Amos Kibet, Kustom Prints. Weka lead, tag promo", "stage", "lead"),
        (
            "Amos Kibet from Baraka Bakery, amos@baraka.test, joining their account so weka customer straight away",
            "stage",
            "customer",
        ),
    ],
)
def test_swahili_new_contacts(model: LocalChatModel, text: str, field: str, value: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact" and args[field] == value, args
    assert args["first_name"] == "Amos" and args["last_name"] == "Kibet", args


def test_german_status_and_source_of_a_new_contact(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "Neuer Kontakt: Jonas Beck, Einkaufsleiter bei Rheinwerk AG, j.beck@rheinwerk.test. Status Lead, "
        "Quelle Kaltakquise",
    )
    assert name == "create_contact" and args["stage"] == "lead" and args["lead_source"] == "cold-call", args


@pytest.mark.parametrize(
    "text",
    [
        "add Wanjiru Kamau, Baraka Bakery, wanjiru@baraka.test. She wants social media management for 3 months",
        "add Wanjiru Kamau, Baraka Bakery, wanjiru@baraka.test, tag her retail and social media management",
    ],
)
def test_a_tag_said_with_its_short_form_written_out(model: LocalChatModel, text: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact" and "social-media-mgmt" in args["tags"], args


def test_a_german_stage_change_then_a_task_for_a_colleague(model: LocalChatModel) -> None:
    calls = _calls(model, "Petra Lang auf SQL setzen und bitte eine Aufgabe für Mia: Angebot schicken bis 3.12.")
    assert calls[0] == ("update_contact", {"contact": "Petra Lang", "changes": {"stage": "sql"}})
    name, args = calls[1]
    assert name == "create_task" and args["owner"] == "Mia Schubert" and args["due"] == "2026-12-03", args
    assert args["subject"].startswith("Angebot schicken"), args  # "for Mia" is not "for me" + "ia"


@pytest.mark.parametrize(
    "text",
    [
        "What do you think, is the Frankfurt book fair still worth it or is it dying slowly?",
        "how many sqm has hall 4 at Messe Essen?",
        "Petra Lang told me she loves gin – which one should I give her as a gift, under 40 EUR?",
        "Sven Roth asked if we know a good hotel near the Nairobi expo centre – any recommendation?",
        "What time is it in Lagos now? Halima Chege is there for a conference and I want to ring her",
        "Tom Mbugua reckons Gor Mahia will win the league this year, is he dreaming?",
    ],
)
def test_chatter_that_names_a_client_or_a_place(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text)


def test_swahili_give_them_to(model: LocalChatModel) -> None:
    assert _calls(model, "All contacts tagged promo ambao hawajacontactiwa tangu 1st October, wape Akinyi")[0] == (
        "bulk_update_contacts",
        {"filters": {"tag": "promo", "not_contacted_since": "2026-10-01"}, "changes": {"owner": "Akinyi Odera"}},
    )


def test_a_new_phone_said_with_a_promotion(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Tom Mbugua new phone +254 733 902 118, and he's now Operations Director")
    assert (name, args["changes"]) == ("update_contact", {"title": "Operations Director", "phone": "+254 733 902 118"})


def test_log_it_as_a_meeting_after_a_story(model: LocalChatModel) -> None:
    calls = _calls(
        model, "Sven Roth is now opportunity, the meeting today in Essen was very good. Log it as meeting too"
    )
    assert calls[0] == ("update_contact", {"contact": "Sven Roth", "changes": {"stage": "opportunity"}})
    assert calls[1][0] == "log_activity" and calls[1][1]["type"] == "meeting", calls


@pytest.mark.parametrize(
    ("text", "tool", "filters"),
    [
        (
            "Which follow-ups are already over and nobody did them?",
            "search_contacts",
            {"follow_up_before": "2026-11-25"},
        ),
        ("all my follow-ups which are already in the past → push them to next Monday", "bulk_update_contacts", None),
    ],
)
def test_follow_ups_in_the_past_are_overdue(model: LocalChatModel, text: str, tool: str, filters: dict | None) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == tool, args
    if filters:
        assert args == filters, args
    else:
        assert args["filters"] == {"owner": "me", "follow_up_before": "2026-11-25"}, args
        assert args["changes"] == {"next_follow_up": "2026-11-30"}, args


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("new contact Amos Kibet, amos@kustom.test, pls tag as retail and hot-lead", ["retail", "hot-lead"]),
        ("add Amos Kibet, Kustom Prints, amos@kustom.test. she's a hot one, f/u thurs", ["hot-lead"]),
        ("add Amos Kibet kustom prints amos@kustom.test sql social-media-mgmt", ["social-media-mgmt"]),
        ("crea contacto Amos Kibet, Kustom Prints, le interesa social media management, mql", ["social-media-mgmt"]),
    ],
)
def test_tags_of_a_new_contact_said_loosely(model: LocalChatModel, text: str, tags: list[str]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact" and args.get("tags") == tags, args
    assert "lead_source" not in args, args  # the interest is a tag, not where they came from
