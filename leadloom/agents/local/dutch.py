"""Dutch words in requests, read as their English counterparts.

Teams in the Netherlands and Flanders write to the CRM in English with Dutch words, or switch to Dutch for a
whole line ("Kees is klant geworden, contract is binnen", "wie is eigenaar van Pieter de Graaf?", "gooi alle
disqualified contacten weg", "alle contacten met tag black-friday: follow up op 24-11"). The rules read
English, so the CRM words of such a request (stages, verbs of change, fields, days, months, question words,
politeness) are replaced by English ones before anything else reads it; names and the rest of the sentence stay
as written. Like ``french.py`` it is a lexicon, not a translator.

Name particles ("van", "de", "der", "'t") and the pronoun "haar" (also a word in company names, "Mooi Haar") are
never translated alone. A message is only rewritten when it carries a clearly Dutch word (``_STRONG``) or three
common ones, so English text with "Gijs van Beek" or "Huis ter Duin" passes unchanged.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# common Dutch words that English text rarely has; three of them mark a Dutch message without a strong word
_WEAK = re.compile(
    r"(?<![\w'’-])(?:een|het|naar|ook|nog|maar|dat|deze|dit|zijn|heeft|ik|hem|wil|mag|moet|kan|wordt|geen|niet|"
    r"met|voor|bij|uit|wel)(?![\w'’-])",
    re.I,
)
_STRONG = re.compile(
    r"(?<![\w'’-])(?:klant(?:en)?|contacten|eigenaar van|wie is|welke|gebeld|gemaild|gesproken|morgen|vandaag|"
    r"gisteren|overmorgen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|"
    r"augustus|oktober|niet|geen|gewoon|zetten|zet|gooi|nieuwe?|aanmaken|voeg|toevoegen|bedrijf|functie|"
    r"telefoonnummer|ontvangen|alsjeblieft|bedankt|geworden|verwijder(?:en)?|afspraak|terugbellen|volgende week|"
    r"bron|hoeveel|wanneer|graag|taken)(?![\w'’-])",
    re.I,
)
_DAYS = {
    "maandag": "monday", "dinsdag": "tuesday", "woensdag": "wednesday", "donderdag": "thursday",
    "vrijdag": "friday", "zaterdag": "saturday", "zondag": "sunday",
}  # fmt: skip
_MONTHS = {
    "januari": "january", "februari": "february", "maart": "march", "juni": "june", "juli": "july",
    "augustus": "august", "oktober": "october",
}  # fmt: skip
_PRONOUN = {"hem": "him", "haar": "her", "ze": "them", "die": "them", "hen": "them"}

# (Dutch, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # who takes a record: "zet hem op mij", "geef haar aan Fleur", "ik neem hem zelf", "eigenaar wordt Bram"
    (r"zet\s+(hem|haar|ze|die|hen)\s+op\s+mij", "assign {0} to me"),
    (r"zet\s+(hem|haar|ze|die|hen)\s+op\s+naam\s+van", "assign {0} to"),
    (r"zet\s+(hem|haar|ze|die|hen)\s+op(?=\s+(?-i:[A-Z]))", "assign {0} to"),
    (r"geef\s+(hem|haar|ze|die|hen)\s+aan", "give {0} to"),
    (r"ik\s+neem\s+(hem|haar|ze|die|hen)(?:\s+zelf)?", "I'll take {0}"),
    (r"neem\s+ik(?:\s+zelf)?", "I'll take"),
    (r"wie\s+is\s+(?:de\s+)?eigenaar\s+van", "who owns"),
    (r"eigenaar\s+wordt", "the owner becomes"),
    (r"eigenaar(?=\s*:)", "owner"),  # a form's "Eigenaar: Fleur" (a title "Functie: eigenaar" stays as written)
    # new records: "nieuw: …", "Contact aanmaken: …", "voeg Dirk toe", "nieuw nummer Jan: 06-…"
    (r"(?:nieuw|nieuwe)\s+(?:telefoon)?nummer(?:\s+van|\s+voor)?", "new phone number for"),
    (r"(?:nieuw|nieuwe)\s+e-?mail(?:adres)?(?:\s+van|\s+voor)?", "new email for"),
    (r"(?:nieuw|nieuwe)\s+(?:contact|lead|klant|persoon)", "new contact"),
    (r"nieuw(?=\s*:)", "new contact"),
    (r"contact\s+aanmaken|maak\s+(?:een\s+)?(?:nieuw\s+)?contact\s+aan", "create contact"),
    (r"voeg\s+toe|toevoegen", "add"),
    (r"voeg", "add"),  # "voeg Dirk-Jan toe": the trailing "toe" is dropped below
    (r"toe(?=\s*[:.,!]|\s*$)", ""),
    # status
    (r"is\s+klant\s+geworden|werd\s+klant|is\s+nu\s+klant", "is now customer"),
    (r"klant\s+geworden", "became customer"),
    (r"contract\s+is\s+binnen|heeft\s+getekend", "signed the contract"),
    (r"getekend", "signed"),
    (r"opgezegd", "cancelled"),
    (r"klanten", "customers"),
    (r"klant", "customer"),
    (r"gewoon\s+een", "just a"),
    (r"nog\s+niet", "not yet"),
    (r"niet\s+meer", "no longer"),
    (r"niet", "not"),
    (r"geen", "no"),
    (r"wordt", "becomes"),
    # consent: "Floris mag sms ontvangen", "wil geen mails meer"
    (r"mag\s+(?:weer\s+)?(sms|e-?mail|mail)(?:['’]?(?:jes|s))?\s+ontvangen", "opted in to \\1"),
    (r"wil\s+geen\s+(sms|e-?mail|mail)(?:['’]?(?:jes|s))?(?:\s+meer)?(?:\s+ontvangen)?", "opted out of \\1"),
    # fields, and a pasted form's labels
    (r"(?:telefoon)?nummer\s+van", "phone number of"),
    (r"telefoonnummer|telefoon|tel\.?(?=\s*:)", "phone"),
    (r"e-?mail(?:adres)?\s+van", "email of"),
    (r"bedrijf", "company"),
    (r"functie", "title"),
    (r"naam(?=\s*:)", "name"),
    (r"bron", "source"),
    (r"achternaam", "last name"),
    (r"voornaam", "first name"),
    # verbs of change
    (r"(follow[- ]?up)\s+op\s+(.+?)\s+zetten", "set \\1 to \\2"),
    (r"zet\s+(?:de\s+)?(follow[- ]?up|eigenaar|stage|fase)", "set \\1"),
    (r"gooi\s+(.+?)\s+weg", "delete \\1"),
    (r"haal\s+(.+?)\s+weg", "remove \\1"),
    (r"verwijder(?:en)?", "delete"),
    (r"zetten", "set"),
    (r"zet", "set"),
    # activities
    (r"net\s+gebeld\s+met", "just called"),
    (r"gebeld\s+met", "called"),
    (r"gebeld", "called"),
    (r"gemaild\s+met|gemaild", "emailed"),
    (r"gesproken\s+met", "spoke with"),
    (r"afspraak\s+met", "meeting with"),
    (r"afspraak", "meeting"),
    (r"terugbellen", "call back"),
    (r"bellen", "call"),
    (r"taken", "tasks"),
    (r"taak", "task"),
    (r"voorstel", "proposal"),
    (r"offerte", "quote"),
    # questions and selections
    (r"die\s+(?:via|van|uit)\s+(.+?)\s+(?:komen|kwamen|komt|kwam)", "from \\1"),
    (r"alle\s+contacten", "all contacts"),
    (r"contacten", "contacts"),
    (r"alle", "all"),
    (r"met\s+(?:de\s+)?tag", "with tag"),
    (r"welke", "which"),
    (r"wie", "who"),
    (r"hoeveel", "how many"),
    (r"wanneer", "when"),
    (r"aangemaakt\s+na", "created after"),
    (r"aangemaakt\s+voor", "created before"),
    (r"sinds", "since"),
    (r"mijn", "my"),
    (r"mij", "me"),
    (r"ik", "I"),
    (r"zijn", "are"),
    (r"heeft", "has"),
    (r"een", "a"),
    (r"met", "with"),
    (r"op", "on"),
    (r"en", "and"),
    # days and dates
    (r"vandaag", "today"),
    (r"overmorgen", "day after tomorrow"),
    (r"morgen", "tomorrow"),
    (r"gisteren", "yesterday"),
    (r"volgende\s+week", "next week"),
    (r"over\s+(\d+|twee|drie|vier)\s+weken", "in \\1 weeks"),
    (r"over\s+(\d+)\s+dagen", "in \\1 days"),
    (r"(?:aan\s+het\s+)?eind(?:e)?\s+van\s+de\s+maand", "end of the month"),
    (r"(\d{1,2})\s+mei", "\\1 may"),
    *((rf"(?:op\s+)?{nl}", f"on {en}") for nl, en in _DAYS.items()),
    *((nl, en) for nl, en in _MONTHS.items()),
    # politeness
    (r"alsjeblieft|alstublieft|a\.u\.b\.?|aub|graag", "please"),
    (r"bedankt|dank\s*je(?:wel)?", "thanks"),
]
_DUTCH = Lexicon(_STRONG, _WEAK, _LEXICON, _PRONOUN)


def from_dutch(text: str) -> str:
    """The request with its Dutch CRM words in English (unchanged when it has none)."""
    return _DUTCH.to_english(text)
