"""Round ten: a stage said of one known contact is a change, not chatter ("Priya should be churned", "flip
Ola to customer", "… Evangelist for sure"); a shared first name made one person by the company ("Ravi at
Copperleaf"); several people each moved to a stage in one message; reassigning a colleague's contacts
("her contacts", "everything Omar has"); tags said with emoji or a space ("as hot lead 🔥"); "Thursday next
week"; "closing before July"; "highest first"; "not just mine"; a source said by its distinctive word ("from
the expo"); "I'd say lead"; a nickname inside a name; segments and campaign drafts asked for by name. Examples
are our own, written for this vocabulary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from leadloom.agents.local.dates import find_dates
from tests.unit.local_model.conftest import TODAY, model_for
from tests.unit.local_model.conftest import contact_calls as _calls

VOCAB = {
    "users": [
        {"name": "Hana Sato", "email": "hana@studio.test"},
        {"name": "Omar Haddad", "email": "omar@studio.test"},
        {"name": "Greta Lindqvist", "email": "greta@studio.test"},
    ],
    "tags": ["hot-lead", "retainer", "video", "print"],
    "lead_sources": ["website", "referral", "nordic-design-expo", "instagram"],
    "companies": ["Copperleaf Interiors", "Baltic Ferries", "Harbour Lights Hotel"],
    "contacts": ["Ravi Menon", "Ravi Shah", "Priya Nair", "Ola Berg", "Kai Lund", "Mona Eriksen", "Tove Ahl"],
    "country": "SE",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


def _routed(model: LocalChatModel, text: str) -> list[str]:
    msg = model.respond([HumanMessage(text)], supervisor_specs())
    return [tc["name"] for tc in msg.tool_calls]


@pytest.mark.parametrize(
    ("text", "contact", "stage"),
    [
        ("Priya Nair — disqualified, wrong person, she's the receptionist not the buyer", "Priya Nair", "disqualified"),
        ("Kai from Baltic Ferries should be churned, they went with another studio. gutted", "Kai Lund", "churned"),
        ("hey can u flip Ola to customer, the hotel people are on board ☕", "Ola Berg", "customer"),
        ("Mona keeps telling every hotel in town about us. Evangelist for sure 🙌", "Mona Eriksen", "evangelist"),
    ],
)
def test_a_stage_said_of_one_known_contact_is_a_change(
    model: LocalChatModel, text: str, contact: str, stage: str
) -> None:
    assert _routed(model, text) == ["transfer_to_contacts"], text
    assert _calls(model, text)[0] == ("update_contact", {"contact": contact, "changes": {"stage": stage}})


def test_chatter_about_a_stage_word_is_still_declined(model: LocalChatModel) -> None:
    for text in (
        "any good lead paint removal tips?",
        "what's the best way to become a customer success manager?",
    ):
        assert not model.respond([HumanMessage(text)], supervisor_specs()).tool_calls, text


def test_a_shared_first_name_is_passed_on_with_the_company(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Ravi at Copperleaf is an opportunity now, he wants the lobby mural quoted")
    assert name == "update_contact" and args["contact"] == "Ravi at Copperleaf Interiors"
    (name, args), *_ = _calls(model, "Ravi @ Baltic Ferries, what's his number again?")
    assert name == "get_contact" and args["contact"] == "Ravi at Baltic Ferries"
    (name, args), *_ = _calls(model, "Priya at Copperleaf is a customer now")  # one Priya: her full name
    assert args["contact"] == "Priya Nair"


def test_several_people_each_moved_to_a_stage(model: LocalChatModel) -> None:
    calls = _calls(model, "move Ola Berg to opportunity and Kai Lund to sql, both at the ferry company")
    assert calls == [
        ("update_contact", {"contact": "Ola Berg", "changes": {"stage": "opportunity"}}),
        ("update_contact", {"contact": "Kai Lund", "changes": {"stage": "sql"}}),
    ]
    calls = _calls(model, "Tove Ahl and Mona Eriksen are both customers now")
    assert [a["contact"] for _, a in calls] == ["Tove Ahl", "Mona Eriksen"]
    assert {a["changes"]["stage"] for _, a in calls} == {"customer"}


@pytest.mark.parametrize(
    ("text", "filters", "changes"),
    [
        (
            "Ms. Lindqvist is on leave until June. Please reassign all of her contacts in the lead stage to Omar.",
            {"owner": "Greta Lindqvist", "stage": "lead"},
            {"owner": "Omar Haddad"},
        ),
        (
            "i'm taking over everything at Baltic Ferries that omar has, move them all to me",
            {"company": "Baltic Ferries", "owner": "Omar Haddad"},
            {"owner": "me"},
        ),
        (
            # the colleague only gave permission: the contacts are not hers
            "all the print leads should go to me? Hana said I could take them",
            {"tag": "print", "stage": "lead"},
            {"owner": "me"},
        ),
        ("can u tag everyone with a score of 85+ as hot lead 🔥🔥", {"min_score": 85}, {"tags_add": ["hot-lead"]}),
        (
            "anybody of mine not contacted since 1/9, set their follow up to next Monday",
            {"owner": "me", "not_contacted_since": "2026-09-01"},
            {"next_follow_up": "2026-11-30"},
        ),
        (
            "everyone scoring 15 or less that we haven't contacted since Christmas — mark them disqualified",
            {"max_score": 15, "not_contacted_since": "2025-12-25"},
            {"stage": "disqualified"},
        ),
        (
            "all the contacts from the expo that are still just leads, can you assign them to Hana",
            {"lead_source": "nordic-design-expo", "stage": "lead"},
            {"owner": "Hana Sato"},
        ),
    ],
)
def test_bulk_changes(model: LocalChatModel, text: str, filters: dict[str, Any], changes: dict[str, Any]) -> None:
    assert _calls(model, text)[0] == ("bulk_update_contacts", {"filters": filters, "changes": changes})


def test_searches_and_deals(model: LocalChatModel) -> None:
    assert _calls(model, "who has follow-ups already past due? everybody, not just mine")[0][1].get("owner") is None
    _, args = _calls(model, "list video-tagged contacts with a score of 60 and above, highest first")[0]
    assert args == {"tag": "video", "min_score": 60, "sort_by": "-score"}
    _, args = _calls(model, "list everybody we have at Harbour Lights")[0]
    assert args == {"company": "Harbour Lights Hotel"}
    name, args = _calls(model, "what open deals do we have over 30k closing before July?")[0]
    assert name == "list_deals" and args["closing_before"] == "2027-06-30" and "closing_after" not in args
    name, args = _calls(model, "new deal: Baltic Ferries onboard screens, 42,000 SEK, contact Kai Lund, Omar's deal")[0]
    assert name == "create_deal" and args["name"] == "Baltic Ferries onboard screens"
    assert args["company"] == "Baltic Ferries" and args["owner"] == "Omar Haddad"


def test_top_scores_with_a_source_are_a_search() -> None:
    m = model_for(VOCAB)
    msg = m.respond([HumanMessage("top 10 highest scoring contacts from the expo?")], supervisor_specs())
    assert [tc["name"] for tc in msg.tool_calls] == ["transfer_to_contacts"]
    name, args = _calls(m, "top 10 highest scoring contacts from the expo?")[0]
    assert (name, args) == ("search_contacts", {"lead_source": "nordic-design-expo", "sort_by": "-score", "limit": 10})


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("thursday next week", date(2026, 12, 3)),
        ("Thursday of next week", date(2026, 12, 3)),
        ("next week on Tue", date(2026, 12, 1)),
        ("since Christmas", date(2025, 12, 25)),
    ],
)
def test_dates(text: str, day: date) -> None:
    assert find_dates(text, TODAY)[0].start == day
    assert not find_dates("the Christmas campaign", TODAY)  # a name, not a date


def test_new_contacts(model: LocalChatModel) -> None:
    _, args = _calls(model, "new hot lead - Elin Falk, art director at Copperleaf Interiors, 070 123 4567")[0]
    assert (args["first_name"], args["last_name"]) == ("Elin", "Falk")
    _, args = _calls(model, "Could you add Robert (Bob) Strand, bob@strand.test? He runs the print shop")[0]
    assert (args["first_name"], args["last_name"]) == ("Robert", "Strand")
    _, args = _calls(
        model, "add Linn Dahl, linn@dahl.test. Met her at the expo. I'd say lead. Owner me. Follow up Friday."
    )[0]
    assert args["lead_source"] == "nordic-design-expo" and args["stage"] == "lead" and args["owner"] == "me"
    assert args["next_follow_up"] == "2026-11-27"
    _, args = _calls(model, "DM from Siv Ek @ Fjord Pottery, siv@fjord.test. instagram lead, mine")[0]
    assert args["company"] == "Fjord Pottery" and args["lead_source"] == "instagram" and "title" not in args
    _, args = _calls(model, "add Per Holm, per@holm.test, they run a food truck called Holm Street Eats")[0]
    assert args["company"] == "Holm Street Eats"
    _, args = _calls(model, "add Eva Nord, eva@nord.test, we were introduced by Kai Lund. lead")[0]
    assert args["lead_source"] == "referral"


def test_segments_campaigns_and_follow_on_steps(model: LocalChatModel) -> None:
    text = 'can you make a segment called "Expo video" w/ everyone from the expo tagged video?'
    msg = model.respond([HumanMessage(text)], specialist_specs("campaigns"))
    assert [tc["name"] for tc in msg.tool_calls] == ["create_segment"]
    assert msg.tool_calls[0]["args"]["filters"] == {"lead_source": "nordic-design-expo", "tag": "video"}
    assert _routed(model, 'draft an email for the Expo video segment, subject "Spring reels"') == [
        "transfer_to_campaigns"
    ]
    calls = _calls(model, "Kai Lund — opportunity. Also pls create a task for me to send him the reel by Friday")
    assert [n for n, _ in calls] == ["update_contact", "create_task"] and calls[1][1]["contact"] == "Kai Lund"
    calls = _calls(
        model, "Called Tove at the hotel this morning, they want to go ahead. Customer!! Log the call too pls"
    )
    assert [n for n, _ in calls] == ["update_contact", "log_activity"]
    assert calls[0][1] == {"contact": "Tove Ahl", "changes": {"stage": "customer"}}
    calls = _calls(model, "Ola Berg: mark as opportunity. Also log a meeting — had coffee with her in Visby today")
    assert calls[1][0] == "log_activity" and calls[1][1]["contact"] == "Ola Berg"
    calls = _calls(model, "Mona from the hotel wants a quote, make her an opportunity and remind me to send it friday")
    assert [n for n, _ in calls] == ["update_contact", "create_task"]


def test_later_fixes_of_the_round(model: LocalChatModel) -> None:
    assert _calls(model, "mark all my leads with a score of 75+ as hot-lead")[0] == (
        "bulk_update_contacts",
        {"filters": {"stage": "lead", "owner": "me", "min_score": 75}, "changes": {"tags_add": ["hot-lead"]}},
    )
    _, args = _calls(
        model, "Tove Ahl has been promoted to Head of Guest Experience at Harbour Lights, pls update her title"
    )[0]
    assert args["changes"] == {"title": "Head of Guest Experience"}
    _, args = _calls(model, "Kai Lund has moved to Copperleaf Interiors apparently, can you update his company")[0]
    assert args["changes"] == {"company": "Copperleaf Interiors"}
    _, args = _calls(model, "create contact juma otieno email juma at otieno dot co dot ke source referral")[0]
    assert args["email"] == "juma@otieno.co.ke"
    msg = model.respond(
        [HumanMessage("make a segment of all video contacts who are customers, call it Video clients")],
        specialist_specs("campaigns"),
    )
    assert msg.tool_calls[0]["args"] == {"filters": {"stage": "customer", "tag": "video"}, "name": "Video clients"}
