"""Answers name the record a tool created or changed, not the wrapper the tool put it in."""

from leadloom.agents.local.respond import render, table


def test_created_record_is_named_from_inside_the_wrapper():
    out = render("create_task", {}, {"created": {"id": "t1", "subject": "Follow up with Ananya Bell", "due": None}})
    assert "Follow up with Ananya Bell" in out
    assert "****" not in out


def test_created_contact_without_wrapper_keeps_working():
    out = render("create_contact", {}, {"id": "c1", "name": "Jane Roe", "email": "jane@roe.example"})
    assert out.startswith("Created **Jane Roe**")


def test_update_names_the_contact_beside_before_and_after():
    out = render(
        "update_contact",
        {},
        {"id": "c1", "name": "Brian Pham", "before": {"stage": "mql"}, "after": {"stage": "customer"}},
    )
    assert out.startswith("Updated **Brian Pham**")
    assert "mql → customer" in out


def test_a_short_page_of_a_long_list_counts_what_is_left() -> None:
    rows = [{"name": f"Person {i}", "score": 90 - i} for i in range(5)]
    text = table(rows, total=396)
    assert text.count("| Person") == 5 and text.endswith("…and 391 more.")
    assert "more" not in table(rows, total=5)
