"""Round nineteen, set 64: conventions read from a Barcelona agency's requests (Spanish mixed into English,
some requests wholly Spanish, German and British writers, day-first dotted dates, EUR with a dot grouping
thousands). Who "lleva" a client owns it, "apunta a X" adds a contact, a tag is named after "de" ("quítale la
de paid-social"), "el 1 de enero de 2026" is a full date, "12.000 €" is twelve thousand euro, "05.05.2027" is a
date and no phone, "now she works in X" is a move. Examples are our own, written for other trades."""

from __future__ import annotations

import pytest

from leadloom.agents.local import extract as ex
from leadloom.agents.local.spanish import from_spanish


@pytest.mark.parametrize(
    ("text", "value"),
    [("8.500 € setup fee", 8500.0), ("2.400 € per month", 2400.0), ("budget 1.250.000 €", 1250000.0)],
)
def test_a_dot_groups_thousands_before_a_trailing_euro_sign(text: str, value: float) -> None:
    assert ex.amounts(text)[0][1] == value


def test_a_dotted_version_number_is_no_amount() -> None:
    assert ex.amounts("upgrade to 2.3.1 €") == []


def test_a_day_first_dotted_date_is_no_phone() -> None:
    assert ex.phones_in("Callback: 14.09.2027, mobile 0171 5558 2210") == ["0171 5558 2210"]


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("Anótalo: la llevo yo.", "owner me"),
        ("Inés Ortega: ahora la lleva Tomás.", "owner Tomás"),
        ("¿Quién lleva a Olga Prats?", "who owns Olga Prats"),
    ],
)
def test_who_carries_a_client_owns_it(spanish: str, english: str) -> None:
    assert english in from_spanish(spanish)


def test_apunta_a_someone_adds_them() -> None:
    assert from_spanish("Apunta a Lidia Camps, email lidia@fusteria.test").startswith("add Lidia Camps")


def test_a_tag_named_after_de_is_that_tag() -> None:
    out = from_spanish("Ponle a Berta Solà la etiqueta de vip y quítale la de newsletter.")
    assert out.startswith("Berta Solà: add tag vip and remove tag newsletter")
    assert "remove tag churn-risk" in from_spanish("Joan Puig ya es cliente, quítale lo de churn-risk.")


def test_a_follow_up_set_for_everyone_is_no_tag() -> None:
    out = from_spanish("Todos los de Ferretería Nou con la etiqueta vip, ponles seguimiento el 9 de junio.")
    assert "tagged vip" in out and "set the follow up 9 june" in out


def test_a_spanish_date_keeps_its_year() -> None:
    out = from_spanish("Borra los leads que no hemos contactado desde el 15 de marzo de 2025.")
    assert "since 15 march 2025" in out


def test_tag_names_in_quotes_read_as_bare_words() -> None:
    from leadloom.agents.local.model import normalize_request

    assert "add the tags vip and newsletter to Rolf Berg" in normalize_request(
        "Please add the Tags 'vip' and 'newsletter' to Rolf Berg."
    )
    assert "remove the tag churn-risk and add upsell" in normalize_request(
        "Please remove the Tag 'churn-risk' and add 'upsell'."
    )


def test_a_quoted_deal_name_keeps_its_quotes() -> None:
    from leadloom.agents.local.model import normalize_request

    assert "'Spring Menu Shoot'" in normalize_request("new deal: 'Spring Menu Shoot', 2.000 €, contact Ines Roca")


def test_now_she_works_in_a_named_company_is_a_move() -> None:
    from leadloom.agents.local.args import _MOVED_TO

    hit = _MOVED_TO.search("Lea Brandt left Hafenblick Hotel, now she works in Alster Suites.")
    assert hit and hit.group("co") == "Alster Suites"
    assert not _MOVED_TO.search("he works in marketing")
