"""Phone numbers from anywhere: E.164 when the country is known, kept as typed when it cannot be placed."""

from __future__ import annotations

import pytest

from leadloom.crm import normalize


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("415-555-0142", "+14155550142"),  # the organization's region (US)
        ("(555) 210-4478", "+15552104478"),  # a 555 number: possible, kept in the region as before
        ("+44 7911 123456", "+447911123456"),  # a country code places any number
        ("+1 (312) 555-0178", "+13125550178"),
    ],
)
def test_numbers_with_a_known_country_are_e164(typed: str, stored: str) -> None:
    assert normalize.phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("020 7946 0958", "02079460958"),  # London: was refused as "not a possible phone number"
        ("0412 555 019", "0412555019"),  # an Australian mobile: was stored as the wrong +10412555019
        ("087 123 4567", "0871234567"),  # an Irish mobile
    ],
)
def test_foreign_numbers_without_country_code_are_kept_as_typed(typed: str, stored: str) -> None:
    # A trunk 0 never starts a North American number, and several countries accept the same digits:
    # no country is guessed, nothing is refused, and the same input always gives the same value.
    assert normalize.phone(typed) == stored
    assert normalize.phone(typed) == normalize.phone(typed.replace(" ", "-"))


@pytest.mark.parametrize("typed", ["12ab", "+44 12", "123"])
def test_impossible_numbers_get_a_clear_error(typed: str) -> None:
    with pytest.raises(ValueError, match="phone number"):
        normalize.phone(typed)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0745 210 998", "0745210998"),  # Kenyan mobile: its country is the organization's, read by the service
        ("98450 12345", "9845012345"),  # Indian mobile: 10 digits, which a US reading would wrongly make +1
        ("(415) 555-0100", "4155550100"),
        ("+254 745 210 998", "+254745210998"),  # a country code places it at once
    ],
)
def test_typed_numbers_keep_their_digits_until_the_country_is_known(typed: str, kept: str) -> None:
    assert normalize.phone_typed(typed) == kept


@pytest.mark.parametrize(
    ("kept", "region", "stored"),
    [
        ("0745210998", "KE", "+254745210998"),
        ("9845012345", "IN", "+919845012345"),
        ("4155550100", None, "+14155550100"),  # no country set: the US, as before
        ("02079460958", None, "02079460958"),  # a London number in a US organization: kept, never guessed
        ("+447911123456", "KE", "+447911123456"),
    ],
)
def test_numbers_are_read_in_the_organizations_country(kept: str, region: str | None, stored: str) -> None:
    assert normalize.phone_in_region(kept, region) == stored


@pytest.mark.parametrize("typed", ["12 34", "1234567890123456", "+44 12"])
def test_impossible_typed_numbers_get_a_clear_error(typed: str) -> None:
    with pytest.raises(ValueError, match="phone number"):
        normalize.phone_typed(typed)
