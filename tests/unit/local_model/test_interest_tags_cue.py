"""A tag's word for interest is said by the cue, and the thing may come before the word for interest."""

from __future__ import annotations

from leadloom.agents.local.args import interest_tags

TAGS = ("crm-interest", "payroll-inquiry", "seo", "photography", "hot-lead", "video")


def test_the_cue_says_the_tags_interest_word() -> None:
    assert interest_tags("add Ana Ruiz, she's interested in a CRM for her clinic", TAGS) == ["crm-interest"]
    assert interest_tags("new contact Bo Chen, asking about payroll", TAGS) == ["payroll-inquiry"]


def test_the_thing_before_the_word_for_interest() -> None:
    assert interest_tags("add Tom Reyes, Reyes Hardware, SEO interest, follow up Friday", TAGS) == ["seo"]
    assert interest_tags("new record: Ida Holm, sent a photography enquiry via insta", TAGS) == ["photography"]


def test_no_thing_no_tag() -> None:
    assert interest_tags("add Lena Park, she lost interest last year but call her", TAGS) == []
    assert interest_tags("add Lena Park from Park Dental", TAGS) == []
