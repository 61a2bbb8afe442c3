"""Known contacts said by nickname, short first name, initials, or title and surname."""

from __future__ import annotations

import pytest

from leadloom.agents.local.aliases import alias_ref

CONTACTS = (
    "Robert Kessler",
    "Deborah Finch",
    "Tomasz Wiśniewski",
    "Jean-Baptiste Moreau",
    "Gregory Van der Berg",
    "Anjali Raman",
    "Hiroshi Nakamura",
    "Katherine Brennan",
    "Karen Brennan",  # shares a surname: "k brennan" must not guess
    "Mia Chen",
    "Leo Chen",
)


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("bob kessler -> opp", "Robert Kessler"),
        ("deb finch is mql now", "Deborah Finch"),
        ("tom wisniewski sold the plumbing biz, churned", "Tomasz Wiśniewski"),
        ("is JB Moreau still a customer?", "Jean-Baptiste Moreau"),
        ("greg van der berg sql→opp", "Gregory Van der Berg"),
        ("dr raman's office confirmed they have budget", "Anjali Raman"),
        ("Dr. Nakamura signed the agreement", "Hiroshi Nakamura"),
        ("kate brennan back to lead", "Katherine Brennan"),
    ],
)
def test_alias_names_one_contact(text: str, contact: str) -> None:
    assert alias_ref(text, CONTACTS) == contact


@pytest.mark.parametrize(
    "text",
    [
        "dr brennan called",  # two Brennans: a title and surname is not enough
        "ask chen about it",  # a surname alone, shared
        "sam kessler rang",  # Sam is no form of Robert
        "move the lead to customer",
    ],
)
def test_no_guess_without_one_match(text: str) -> None:
    assert alias_ref(text, CONTACTS) is None
