"""Speech-to-text leftovers become what a person would have typed; typed text passes through unchanged."""

from __future__ import annotations

import pytest

from leadloom.agents.local.dictation import undictate


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        # an email read out, with a digit and a dot in the local part
        ("email felix wong eight eight at gmail dot com", "email felixwong88@gmail.com"),
        ("ana dot ferreira at spice route dot com dot au", "ana.ferreira@spiceroute.com.au"),
        # a correction replaces the address said first
        (
            "email is daniel at ardent legal dot com dot au no sorry it's d okafor at ardent legal dot com dot au",
            "email is dokafor@ardentlegal.com.au",
        ),
        # phones digit by digit, with "oh", "double" and a country code
        ("her number is oh four one two five five eight nine oh three", "her number is 0412558903"),
        ("phone plus four four double seven oh oh nine oh oh", "phone +447700900"),
        # a name spelled out for the listener is dropped; a spelling that is the value is joined
        ("add jasper ng j a s p e r n g he owns it", "add jasper ng he owns it"),
        ("her surname should be e r i c s s o n", "her surname should be ericsson"),
        # days of the month and amounts as words
        ("follow up on the twenty third", "follow up on the 23rd"),
        ("not contacted since the first of march", "not contacted since the 1st of march"),
        ("deal value eighteen thousand", "deal value 18000"),
        ("a score of eighty or more", "a score of 80 or more"),
        # the speaker correcting themself
        ("move her to opportunity no wait I mean sql", "move her to sql"),
        ("follow up tomorrow no wait thursday", "follow up thursday"),
        ("called bean there no wait it's called ground floor espresso", "called ground floor espresso"),
        ("Rosa | Pho Saigon?? no sorry she's from Spice Route | mine", "Rosa | she's from Spice Route | mine"),
    ],
)
def test_spoken_forms(spoken: str, written: str) -> None:
    assert undictate(spoken) == written


@pytest.mark.parametrize(
    "typed",
    [
        "get rid of every contact from the tender source",  # "ten" inside a word
        "first name Bob, in two weeks, these two: Ann and Joe",
        "meet at the office at 5, one of them is at Acme",
        "Olivia (olivia@acme.com) is at Acme dot",
        "I mean it, mark her as customer",
    ],
)
def test_typed_text_unchanged(typed: str) -> None:
    assert undictate(typed) == typed
