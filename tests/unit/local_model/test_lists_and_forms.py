"""Messages laid out as lists or forms, and new contacts whose job, company or name is said in less usual ways."""

from __future__ import annotations

import json

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from tests.unit.local_model.conftest import contact_calls as _run


def test_numbered_list_of_requests_runs_each_item(model: LocalChatModel) -> None:
    calls = _run(
        model,
        "updates from today:\n1) Jane Doe - move to customer\n2) Log a meeting with Alex Chen\n3) tag Alex Kim vip",
    )
    assert [name for name, _ in calls] == ["update_contact", "log_activity", "update_contact"]
    assert calls[0][1] == {"contact": "Jane Doe", "changes": {"stage": "customer"}}
    assert calls[1][1]["contact"] == "Alex Chen" and calls[1][1]["type"] == "meeting"
    assert calls[2][1] == {"contact": "Alex Kim", "changes": {"tags_add": ["vip"]}}


def test_supervisor_sends_each_specialist_its_items(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage("pls do these:\n1. move Jane Doe to sql\n2. conversion rate by lead source this quarter")],
        supervisor_specs(),
    )
    first = msg.tool_calls[0]
    assert first["name"] == "transfer_to_contacts"
    assert "Jane Doe" in first["args"]["task"] and "conversion" not in first["args"]["task"]


def test_people_listed_under_one_add_share_what_the_header_says(model: LocalChatModel) -> None:
    calls = _run(
        model,
        "add these 2 from Sunrise Dental, both source referral, owner Maria:\n"
        "1. Rekha Bhat, Librarian, 94480 11223\n2. Naveen Gowda, Transport In-charge, 94480 33445",
    )
    assert [name for name, _ in calls] == ["create_contact", "create_contact"]
    for (_, args), (first, phone) in zip(calls, [("Rekha", "94480 11223"), ("Naveen", "94480 33445")], strict=True):
        assert args["first_name"] == first and args["phone"] == phone  # a phone stops at its line's end
        assert (args["company"], args["lead_source"], args["owner"]) == ("Sunrise Dental", "referral", "Maria Lopez")
    assert calls[1][1]["title"] == "Transport In-charge"


def test_a_bulleted_form_is_one_record_not_a_list_of_requests(model: LocalChatModel) -> None:
    calls = _run(
        model,
        "Pls create:\n- Name: Dr Felix Amsel\n- Role: Head of Medical Affairs\n- Company: Ardent Ltd\n- Stage: MQL",
    )
    assert len(calls) == 1 and calls[0][0] == "create_contact"
    args = calls[0][1]
    assert (args["first_name"], args["last_name"]) == ("Felix", "Amsel")  # the honorific is not a name
    assert args["title"] == "Head of Medical Affairs" and args["company"] == "Ardent Ltd" and args["stage"] == "mql"


def test_form_with_dashes_and_any_job_before_at_company(model: LocalChatModel) -> None:
    form = _run(
        model,
        "Name - Pooja Hiremath\nDesignation - Admin Officer\nSchool - Jnana Deepa Public School\nMob - 99000 11223",
    )
    assert form[0][1]["first_name"] == "Pooja" and form[0][1]["title"] == "Admin Officer"
    assert form[0][1]["company"] == "Jnana Deepa Public School"
    job = _run(model, "Add Hans Becker, Einkaufsleiter at Müller Präzisionstechnik GmbH, hans.becker@mueller.example")
    assert job[0][1]["title"] == "Einkaufsleiter" and job[0][1]["company"] == "Müller Präzisionstechnik GmbH"
    head = _run(
        model, "set up a record for Benedikt von Arnim? He's Head of UK Operations at Vltava Logistik, b@vl.example"
    )
    assert head[0][1]["title"] == "Head of UK Operations" and head[0][1]["last_name"] == "von Arnim"


def test_writer_intro_rank_and_company_called(model: LocalChatModel) -> None:
    args = _run(
        model, "Sneha here - add Col. (Retd.) Harish Chandra Pandey, Administrator, Lotus Hospital, 98860 77889"
    )[0][1]
    assert (args["first_name"], args["last_name"], args["title"]) == ("Harish Chandra", "Pandey", "Administrator")
    story = _run(
        model,
        "Had a call with a chap from a new fintech called Ledgerline. His name's Ravi Menon, ravi@ledgerline.example",
    )[0][1]
    assert story["company"] == "Ledgerline" and story["first_name"] == "Ravi"


def test_selection_then_arrow_is_a_bulk_change(model: LocalChatModel) -> None:
    calls = _run(model, "webinar contacts we haven't been in touch with for 90 days → churned")
    assert calls == [
        (
            "bulk_update_contacts",
            {
                "filters": {"lead_source": "webinar", "not_contacted_since": "2026-08-28"},
                "changes": {"stage": "churned"},
            },
        )
    ]


def test_stage_described_or_corrected(model: LocalChatModel) -> None:
    assert _run(model, "Jane Doe's school decided not to renew. We have lost her as a client, update stage pls") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"stage": "churned"}})
    ]
    assert _run(model, "Kindly revert Jane Doe back to lead, she was wrongly marked as MQL by the intern") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"stage": "lead"}})
    ]
    assert _run(model, "Move Jane Doe out of disqualified and make her a lead again, she called back") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"stage": "lead"}})
    ]


def test_story_then_log_it_then_a_change_is_two_calls(model: LocalChatModel) -> None:
    calls = _run(model, "Emailed Jane Doe the brochure this morning – log that, and she's an MQL now")
    assert [name for name, _ in calls] == ["log_activity", "update_contact"]
    assert calls[0][1]["type"] == "email" and calls[1][1] == {"contact": "Jane Doe", "changes": {"stage": "mql"}}
    met = _run(model, "Met Alex Chen at the expo, log the meeting and move him to sql")
    assert [name for name, _ in met] == ["log_activity", "update_contact"]


def test_bulk_owner_and_tag_said_after_the_selection(model: LocalChatModel) -> None:
    assert _run(model, "Every MQL that came from the webinar should be Tom's") == [
        (
            "bulk_update_contacts",
            {"filters": {"stage": "mql", "lead_source": "webinar"}, "changes": {"owner": "Tom Baker"}},
        )
    ]
    assert _run(model, "Maria's last day is end of this month. Kindly move all her contacts to Tom.") == [
        ("bulk_update_contacts", {"filters": {"owner": "Maria Lopez"}, "changes": {"owner": "Tom Baker"}})
    ]
    assert _run(model, "all contacts of Acme pls tag as vip") == [
        ("bulk_update_contacts", {"filters": {"company": "Acme"}, "changes": {"tags_add": ["vip"]}})
    ]
    assert _run(model, "All contacts from Sunrise Dental to be assigned to Maria going forward") == [
        ("bulk_update_contacts", {"filters": {"company": "Sunrise Dental"}, "changes": {"owner": "Maria Lopez"}})
    ]


def test_create_a_task_stays_a_task_when_it_names_an_assignee(model: LocalChatModel) -> None:
    calls = _run(model, "create a task to send revised quotation to Jane Doe by friday, assign to Maria")
    assert calls[0][0] == "create_task"
    assert (calls[0][1]["contact"], calls[0][1]["due"], calls[0][1]["owner"]) == (
        "Jane Doe",
        "2026-11-27",
        "Maria Lopez",
    )


def test_questions_said_as_requests(model: LocalChatModel) -> None:
    assert _run(model, "Remind me who Jane Doe works for?") == [("get_contact", {"contact": "Jane Doe"})]
    assert _run(model, "send me Alex Chen's mobile no., need to call him urgently") == [
        ("get_contact", {"contact": "Alex Chen"})
    ]
    assert _run(model, "Which contacts is Maria handling currently?") == [("search_contacts", {"owner": "Maria Lopez"})]
    assert _run(model, "whom all do we have at Acme?") == [("search_contacts", {"company": "Acme"})]


def test_follow_up_note_and_consent_said_in_passing(model: LocalChatModel) -> None:
    assert _run(model, "Jane Doe - call after Diwali, put follow up on 1st Dec") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"next_follow_up": "2026-12-01"}})
    ]
    note = _run(model, "Alex Chen asked to call only after 6 pm. Put a note on him")
    assert note[0][0] == "log_activity" and note[0][1]["type"] == "note"
    assert _run(model, "jane doe is ok with SMS updates, she gave consent on the call") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"sms_consent": True}})
    ]


def test_two_changes_and_consent_said_in_passing(model: LocalChatModel) -> None:
    assert _run(model, "take vip off Jane Doe, she just signed the bigger package lol") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"tags_remove": ["vip"]}})
    ]
    two = _run(model, "Jane Doe signed so she is now a customer and her follow up should be December 3")
    assert two == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"stage": "customer", "next_follow_up": "2026-12-03"}})
    ]
    assert _run(
        model, "Alex Chen told me he does not want any more text messages from us please turn off SMS for him"
    ) == [("update_contact", {"contact": "Alex Chen", "changes": {"sms_consent": False}})]


def test_status_said_after_a_known_name_or_last(model: LocalChatModel) -> None:
    assert _run(model, "Jane Doe: won 🎉🎉") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"stage": "customer"}})
    ]
    assert _run(model, "Alex Chen told the whole room about us at the meetup. evangelist for sure") == [
        ("update_contact", {"contact": "Alex Chen", "changes": {"stage": "evangelist"}})
    ]
    assert _run(model, "I'll take Jane Doe") == [
        ("update_contact", {"contact": "Jane Doe", "changes": {"owner": "me"}})
    ]


def test_bulk_tag_removal_from_a_tagged_selection_and_colleague_on_leave(model: LocalChatModel) -> None:
    assert _run(model, "season is over, pull the webinar-2026 tag off everyone tagged vip") == [
        ("bulk_update_contacts", {"filters": {"tag": "vip"}, "changes": {"tags_remove": ["webinar-2026"]}})
    ]
    assert _run(
        model, "Maria starts her leave monday so all of her opportunities need to go to Tom until she is back"
    ) == [
        (
            "bulk_update_contacts",
            {"filters": {"owner": "Maria Lopez", "stage": "opportunity"}, "changes": {"owner": "Tom Baker"}},
        )
    ]


def test_own_sources_and_tags_count_only_as_crm_words(model: LocalChatModel) -> None:
    org = model.with_vocabulary(
        {"tags": ["roofing", "storm-season"], "lead_sources": ["website", "yelp"], "contacts": ["Jane Doe"]}
    )
    for chatter in ("hack into my competitor's website", "what's a good website builder for a bakery?"):
        msg = org.respond([HumanMessage(chatter)], supervisor_specs())
        assert not msg.tool_calls, chatter  # the word "website" is not a lead source here
    routed = org.respond([HumanMessage("turn off sms consent for everybody from yelp")], supervisor_specs())
    assert routed.tool_calls and routed.tool_calls[0]["name"] == "transfer_to_contacts"


def test_a_later_list_item_missing_its_contact_asks_instead_of_calling(model: LocalChatModel) -> None:
    tools = specialist_specs("contacts")
    history: list[BaseMessage] = [HumanMessage("updates:\n1) move Jane Doe to customer\n2) zzyzx qqq to customer")]
    first = model.respond(history, tools)
    assert [tc["name"] for tc in first.tool_calls] == ["update_contact"]
    history += [first, ToolMessage(content=json.dumps({"ok": True}), tool_call_id=first.tool_calls[0]["id"])]
    second = model.respond(history, tools)
    assert not second.tool_calls  # no call the tool would reject for a missing contact
    assert "?" in str(second.content)
