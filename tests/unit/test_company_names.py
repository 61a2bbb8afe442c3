"""Which typed company names mean a known company (crm/company_names.py)."""

from __future__ import annotations

import pytest

from leadloom.crm.company_names import key, same_company


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Acme Corp", "Acme Corporation"),  # legal form
        ("acme.com", "Acme"),  # a domain typed as the name
        ("davis dentl", "Davis Dental"),  # typo
        ("DavisDental", "Davis Dental"),  # spacing
        ("Davis", "Davis Dental"),  # shortened
        ("UA Veterinary Clinic", "Upper Arlington Veterinary Clinic"),  # initials for words
        ("arctic air", "Arctic Air Heating & Cooling"),
        ("Davis Dental Group", "Davis Dental"),  # a generic word added
        ("Müller GmbH & Co. KG", "Mueller"),
        ("Nowak Sp. z o.o.", "Nowak"),
    ],
)
def test_same_company(typed, name):
    assert same_company(typed, name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Clintonville Family Dental", "Davis Dental"),  # one shared word is not the same company
        ("Acme Logistics", "Acme Labs"),
        ("Northside Vet", "Southside Veterinary"),
        ("Blue Harbor Media", "Harbor Freight"),
    ],
)
def test_different_company(typed, name):
    assert not same_company(typed, name)


def test_key_drops_case_punctuation_and_legal_form():
    assert key("ACME Corp.") == key("Acme Corporation") == "acme"
    assert key("The Co.") == "theco"  # a name made only of legal words keeps them all as its key
