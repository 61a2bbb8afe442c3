"""How the evaluator compares a call with the expected one: records and values exactly, free text not at all."""

from __future__ import annotations

from leadloom.agents.local.evaluate import args_match


def test_free_text_is_not_compared_but_the_record_it_lands_on_is() -> None:
    expected = {"contact": "Lisa Tackett", "type": "call", "direction": "outbound", "body": "Unhappy with supplier."}
    call = {"contact": "Lisa Tackett", "type": "call", "direction": "outbound"}
    assert args_match("log_activity", expected, call)
    assert args_match(
        "log_activity", expected, {"contact": "Lisa Tackett", "type": "call", "direction": "outbound", "subject": "x"}
    )
    assert not args_match("log_activity", expected, {"contact": "Lisa Kemp", "type": "call", "direction": "outbound"})
    assert not args_match(
        "log_activity", expected, {"contact": "Lisa Tackett", "type": "note", "direction": "outbound"}
    )
    task = {"subject": "Send the quote", "contact": "Trisha Nguyen", "due": "2028-04-14"}
    assert args_match(
        "create_task", task, {"subject": "send the quote friday", "contact": "Trisha Nguyen", "due": "2028-04-14"}
    )
    assert not args_match(
        "create_task", task, {"subject": "Send the quote", "contact": "Trisha Nguyen", "due": "2028-04-15"}
    )


def test_a_campaign_subject_is_dictated_so_it_is_compared() -> None:
    expected = {"name": "Spring", "channel": "email", "subject": "Spring specials", "body": "15% off"}
    assert args_match("draft_campaign", expected, {"name": "Spring", "channel": "email", "subject": "Spring specials"})
    assert not args_match("draft_campaign", expected, {"name": "Spring", "channel": "email", "subject": "Specials"})


def test_a_shared_first_name_with_the_employer_counts_for_a_contact_of_that_first_name() -> None:
    # the vocabulary lists nobody's employer, so the pairing is the writer's; the tools resolve it on real records
    expected = {"contact": "Jamie Hargrove", "changes": {"stage": "customer"}}
    assert args_match(
        "update_contact", expected, {"contact": "Jamie at Red Kiln Brewery", "changes": {"stage": "customer"}}
    )
    assert not args_match(
        "update_contact", expected, {"contact": "Jamie at Red Kiln Brewery", "changes": {"stage": "lead"}}
    )
    assert not args_match(
        "update_contact", expected, {"contact": "Jenny at Red Kiln Brewery", "changes": {"stage": "customer"}}
    )
    assert not args_match("update_contact", expected, {"contact": "Jamie", "changes": {"stage": "customer"}})


def test_phones_are_compared_as_the_crm_stores_them():
    """A writer's "+254 745 210 998" and the model's "0745 210 998" are one number in a Kenyan organization
    (the contact service stores both as +254745210998); in a US organization the trunk 0 keeps them apart."""
    expected = {"first_name": "Mike", "last_name": "Kuria", "phone": "+254745210998"}
    got = {"first_name": "Mike", "last_name": "Kuria", "phone": "0745 210 998"}
    assert args_match("create_contact", expected, got, country="KE")
    assert not args_match("create_contact", expected, got, country="US")
    assert not args_match("create_contact", expected, {**got, "phone": "0745 210 999"}, country="KE")
    change = {"contact": "Peter Njoroge", "changes": {"phone": "+254722418903"}}
    got_change = {"contact": "Peter Njoroge", "changes": {"phone": "0722 418 903"}}
    assert args_match("update_contact", change, got_change, country="KE")


def test_a_label_of_digits_still_matches_the_number_written_with_its_country_code():
    # older sets label "+47 22 33 44 55" as 4722334455, which a US reading would make +1 472 233 4455
    assert args_match("create_contact", {"phone": "4722334455"}, {"phone": "+47 22 33 44 55"})
    assert not args_match("create_contact", {"phone": "4722334455"}, {"phone": "+47 22 33 44 56"})


def test_won_and_lost_name_the_pipelines_closed_stages() -> None:
    # the CRM resolves "won" to the pipeline's won stage (crm.services.pipelines.resolve_stage): the same move
    for short, name in (("won", "Closed Won"), ("lost", "closed  lost")):
        assert args_match(
            "move_deal_stage", {"deal": "Kiln Roof", "stage": short}, {"deal": "Kiln Roof", "stage": name}
        )
        assert args_match("create_deal", {"name": "Kiln Roof", "stage": name}, {"name": "Kiln Roof", "stage": short})
    assert not args_match(
        "move_deal_stage", {"deal": "Kiln Roof", "stage": "won"}, {"deal": "Kiln Roof", "stage": "Closed Lost"}
    )
    assert not args_match(
        "move_deal_stage", {"deal": "Kiln Roof", "stage": "won"}, {"deal": "Kiln Roof", "stage": "Proposal"}
    )
