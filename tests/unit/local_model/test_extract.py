"""Argument extraction against a vocabulary: amounts, thresholds, counts, sort orders, owners, stages, tags."""

from __future__ import annotations

from datetime import date

from leadloom.agents.local import args as A
from leadloom.agents.local import extract as ex
from leadloom.agents.local.vocabulary import Vocabulary

VOCAB = Vocabulary.from_dict(
    {
        "users": [{"name": "Maria Lopez", "email": "maria@agency.test"}],
        "tags": ["vip"],
        "lead_sources": ["webinar"],
        "companies": ["Sunrise Dental"],
    }
).merged_with_defaults()
CTX = A.Ctx(ex.Matcher(VOCAB), date(2026, 11, 26))


def test_amounts_thresholds_counts_sorts() -> None:
    assert [v for _, v in ex.amounts("a deal worth $5k")] == [5000]
    assert [v for _, v in ex.amounts("5,000 dollars")] == [5000]
    assert [v for _, v in ex.amounts("$12,500.50")] == [12500.5]
    assert ex.limit_of("top 5 leads") == 5
    assert ex.limit_of("show the ten newest contacts") == 10
    assert ex.sort_of("newest contacts") == "-created_at"
    assert ex.sort_of("highest score first") == "-score"
    f = A.filters("leads scoring over 70 but under 90", CTX)
    assert f["min_score"] == 70 and f["max_score"] == 90


def test_fuzzy_vocabulary_matches() -> None:
    m = CTX.matcher
    assert m.stage("custmer") == "customer"
    assert m.stage("Marketing qualified lead") == "mql"
    assert m.user("maria") == "Maria Lopez"
    assert m.find_in("contacts at sunrise dentl", VOCAB.companies) == "Sunrise Dental"
    assert ex.owner_of("owned by maria@agency.test", m) == "maria@agency.test"
    assert ex.owner_of("show my leads", m) == "me"


def test_bulk_update_splits_selector_and_change() -> None:
    b = A.build_args("bulk_update_contacts", "move everyone tagged vip from the webinar to customer", CTX)
    assert b.args == {"filters": {"tag": "vip", "lead_source": "webinar"}, "changes": {"stage": "customer"}}


def test_delete_by_condition_and_by_name() -> None:
    assert A.build_args("delete_contacts", "delete all disqualified contacts at Sunrise Dental", CTX).args == {
        "filters": {"company": "Sunrise Dental", "stage": "disqualified"}
    }
    assert A.build_args("delete_contacts", "delete Jane Doe", CTX).args == {"contact": "Jane Doe"}


def test_update_fields() -> None:
    assert A.build_args("update_contact", "change jane doe's phone to 415-555-0199", CTX).args == {
        "contact": "Jane Doe",
        "changes": {"phone": "415-555-0199"},
    }
    assert A.build_args("update_contact", "push Jane Doe's follow-up to next friday", CTX).args == {
        "contact": "Jane Doe",
        "changes": {"next_follow_up": "2026-12-04"},
    }
    assert A.build_args("update_contact", "assign Jane Doe to maria", CTX).args == {
        "contact": "Jane Doe",
        "changes": {"owner": "Maria Lopez"},
    }


def test_missing_required_value() -> None:
    assert A.build_args("create_contact", "add a new contact", CTX).missing == "name"
    assert A.build_args("create_contact", "add jo@x.test", CTX).args == {"email": "jo@x.test"}
