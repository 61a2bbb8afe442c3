"""Swahili/Sheng and German CRM words mixed into requests are read as English; English text passes unchanged.

The examples are our own (people and companies invented here), written from the languages."""

from __future__ import annotations

import pytest

from leadloom.agents.local.german import from_german
from leadloom.agents.local.swahili import from_swahili


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("ongeza Halima Chege wa Baraka Bakery, weka kama lead", "add Halima Chege at Baraka Bakery, set as lead"),
        ("Futa Tom Mbugua, alikuwa duplicate", "delete Tom Mbugua, alikuwa duplicate"),
        ("nipe number ya Wairimu Gitau", "give me number of Wairimu Gitau"),
        (
            "Otieno anaondoka, hamisha contacts zake zote kwa Akinyi",
            "Otieno is leaving, reassign all his contacts to Akinyi",
        ),
        ("Nani anahandle Baraka Bakery?", "who owns Baraka Bakery?"),
        ("toa promo tag kwa kila mtu wa Jenga Hardware", "remove promo tag from everyone at Jenga Hardware"),
        ("Halima Chege ni customer sasa", "Halima Chege is customer now"),
        ("follow up Jumanne ijayo tafadhali", "follow up next tuesday please"),
        ("set follow up ya leads zangu zote to kesho", "set follow up of all my leads to tomorrow"),
        ("Futa contacts zote zenye tag spam", "delete all contacts with tag spam"),
    ],
)
def test_swahili_words_read_as_english(mixed: str, english: str) -> None:
    assert from_swahili(mixed) == english


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("Kofi Asante ni lead sasa", "Kofi Asante is lead now"),  # "asante" (thanks) as a surname
        ("weka company Lipa Sasa Ltd tafadhali", "set company Lipa Sasa Ltd please"),  # "sasa" (now) in a name
        ("Amina amejiunga tu na newsletter yetu", "Amina signed up for our newsletter"),
    ],
)
def test_swahili_words_inside_names_are_kept(mixed: str, english: str) -> None:
    assert from_swahili(mixed) == english


@pytest.mark.parametrize(
    "text",
    [
        "Ana Paula Souza is now a customer",  # "Ana" is a name, not the Swahili "has"
        "Nina Hadi wants a demo, book it for Monday",
        "set Jana Mimi to lead",
        "move Wanjiru to customer",  # a Kenyan name alone is no reason to rewrite anything
        "add Kofi Asante from Haraka Loans, follow up next wednesday",  # Swahili words inside names
    ],
)
def test_english_with_names_passes_unchanged(text: str) -> None:
    assert from_swahili(text) == text
    assert from_german(text) == text


@pytest.mark.parametrize(
    ("mixed", "english"),
    [
        ("Bitte Petra Lang auf SQL setzen", "please Petra Lang to SQL"),
        ("Herr Brandt ist jetzt Kunde", "Herr Brandt is now customer"),
        ("Wiedervorlage Sven Roth bitte auf den 3.5. schieben", "follow-up Sven Roth please to 3.5."),
        ("Sven Roth bitte löschen, Dublette", "delete Sven Roth, Dublette"),
        (
            "Trag bitte Frau Dr. Ilse Kuhn ein, Einkauf bei Rheinwerk AG",
            "add Frau Dr. Ilse Kuhn, Einkauf bei Rheinwerk AG",
        ),
        ("Alle Kontakte von Jonas bitte an Mia übertragen", "all contacts owned by Jonas reassign to Mia"),
        (
            "Alle Leads, die seit dem 1.2.2028 nicht kontaktiert wurden → Tag winback setzen",
            "all Leads, not contacted since 1.2.2028 → add tag winback",
        ),
        (
            "Zeig mir die SQLs mit Tag messe, sortiert nach Score (höchster zuerst)",
            "show me die SQLs with tag messe, sorted by score highest first",
        ),
        ("Wann ist die nächste Wiedervorlage mit Frau Kuhn?", "when is the next follow-up with Frau Kuhn?"),
        ("Wer hat im März die meisten Calls gemacht?", "who made the most Calls in march?"),
        (
            "Deal anlegen: Stand IAA, 40.000 EUR, Abschluss Ende Mai",
            "new deal: Stand IAA, 40.000 EUR, expected close end of may",
        ),
        ("Kontakt anlegen: Jo Beck, Wiedervorlage nächsten Montag", "add contact: Jo Beck, follow-up next monday"),
    ],
)
def test_german_words_read_as_english(mixed: str, english: str) -> None:
    assert from_german(mixed) == english


@pytest.mark.parametrize(
    "text",
    ["Ursula von der Leyen is now a customer", "Die Hard Fitness signed, make them a customer", "add Kunz to lead"],
)
def test_english_passes_german_unchanged(text: str) -> None:
    assert from_german(text) == text
