"""German words in requests, read as their English counterparts.

Teams in Germany, Austria and Switzerland write to the CRM in English with German words, or in German for a whole
line ("Bitte Julia Kaminski auf SQL setzen", "Frau Zimmermann ist jetzt Kundin", "Wiedervorlage Frank Becker bitte
auf den 12.4. schieben", "Janina Voigt bitte löschen", "Alle Kontakte von Tobias bitte an Elif übertragen", "Zeig
mir die Leads mit Tag roadshow, sortiert nach Score"). The rules read English, so the CRM words of such a request
(stages, verbs of change, fields, days, months, question words, politeness) are replaced by English ones before
anything else reads it; names and the rest stay as written. Written out from the language (round thirteen), with
two Berlin teams' requests as the examples; like ``dutch.py`` it is a lexicon, not a translator.

German puts the verb last ("… auf SQL setzen", "… bitte löschen"), so the entries that matter most carry the
verb together with what it governs. "von" and "zu" are never translated alone ("Ursula von der Leyen"). A
message is only rewritten when it carries a clearly German word (``_STRONG``) or three common ones.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_STAGES = (
    r"subscriber|lead|mql|sql|opportunity|customer|evangelist|churned|disqualified|kunde|kundin|interessent(?:in)?"
)

_WEAK = re.compile(
    r"(?<![\w'’-])(?:ist|und|der|die|das|den|dem|mit|für|nicht|auf|alle|noch|schon|sie|er|wir|ich)(?![\w'’-])", re.I
)
_STRONG = re.compile(
    r"(?<![\w'’-])(?:bitte|danke|anlegen|angelegt|löschen|lösch|wiedervorlagen?|kundin|kunde|kunden|ändern|setzen|"
    r"stellen|übertragen|umschreiben|ansprechpartner(?:in)?|zeig|zeige|sortiert|aufgabe|quelle|kontaktiert|nächste|"
    r"nächsten|jetzt|heute|gestern|übermorgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"unterschrieben|gewechselt|verschieben|schieben|eintragen|trag|erfassen|einwilligung|termin|angebot|wer|"
    r"wann|welche|welcher|kontakt|kontakte|neuer|neue|firma|gekündigt|entfernen|hinzufügen|ergänzen|"
    r"verlängert|hochstufen|zurück|wieder|woche|monat|vielen)(?![\w'’-])",
    re.I,
)
_DAYS = {
    "montag": "monday", "dienstag": "tuesday", "mittwoch": "wednesday", "donnerstag": "thursday",
    "freitag": "friday", "samstag": "saturday", "sonntag": "sunday",
}  # fmt: skip
_MONTHS = {
    "januar": "january", "jänner": "january", "februar": "february", "märz": "march", "mai": "may",
    "juni": "june", "juli": "july", "oktober": "october", "dezember": "december",
}  # fmt: skip
_NAME = r"(?-i:(?:Frau|Herrn?|Dr\.)\s+)*(?-i:[A-ZÄÖÜ][\w'’-]+)(?:\s+(?-i:[A-ZÄÖÜ][\w'’-]+))*"

# (German, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # the stage, verb last: "Julia Kaminski auf SQL setzen", "Status bitte auf Customer ändern", "bitte auf churned"
    (rf"(?:(?:den\s+)?status\s+)?(?:bitte\s+)?auf\s+({_STAGES})\s+(?:setzen|stellen|ändern|umstellen|hochstufen|"
     r"zurücksetzen|zurückstufen|heben|bringen)", r"to \1"),
    (rf"(?:bitte\s+)?(?:wieder\s+)?(?:zurück\s+)?auf\s+({_STAGES})(?=\s*[.!,;)]|\s*$)", r"to \1"),
    (rf"status(?=\s+(?!(?:{_STAGES})\b)(?-i:[A-ZÄÖÜ]))", "stage of"),
    # English with German word order (round twenty): the verb last, "… the owner on me setzen", "… the retainer tag
    # remove", "… has the retainer gekündigt", "please this as follow-up eintragen"
    (r"(?:the\s+|den\s+)?owner\s+(?:on|auf|to)\s+(?:me|mich)\s+(?:setzen|stellen|ändern|umstellen|übertragen)",
     "set the owner to me"),
    (r"(?:the\s+|den\s+)?owner\s+(?:on|auf|to)\s+(\w+)\s+(?:setzen|stellen|ändern|umstellen|übertragen)",
     r"set the owner to \1"),
    (r"(?:the\s+|den\s+|das\s+)?([\w-]+)[\s-]+tag\s+(?:remove|entfernen|löschen|wegnehmen)", r"remove the \1 tag"),
    (r"(?:has|hat)\s+(the|den|die|das)\s+([\w-]+)\s+gekündigt", r"has cancelled the \2"),
    (r"(this|das|dies)\s+(?:als|as)\s+(?:follow-?up|wiedervorlage)\s+(?:eintragen|setzen|anlegen|einplanen)",
     "set this as follow-up"),
    (r"handy-?nummer|mobilnummer|mobilfunknummer", "mobile number"),
    (r"termin", "meeting"),
    # "am 8. April", "on 8. April": a German day of the month takes a dot
    (r"(\d{1,2})\.(?=\s*(?:januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|"
     r"dezember|january|february|march|may|june|july|october|december)\b)", r"\1"),
    (r"kaltakquise", "cold call"),
    (r"interesse\s+an", "interested in"),
    (r"ist\s+(?:jetzt|nun|ab\s+(?:heute|sofort))(?:\s+ein(?:e)?)?", "is now"),
    (r"ist\s+wieder(?:\s+ein(?:e)?)?", "is again a"),
    (r"(?:ist|hat)\s+zum\s+wettbewerber\s+gewechselt|ist\s+zur\s+konkurrenz\s+gegangen", "went to a competitor"),
    (r"(?:kundin|kunde)\s+ab\s+(?:heute|sofort|jetzt)", "customer"),
    (r"kundin|kunde", "customer"),
    (r"hat\s+(?:heute\s+)?unterschrieben", "signed"),
    (r"hat\s+gekündigt", "cancelled"),
    # delete, verb last: "Janina Voigt bitte löschen", "Herrn Grossmann bitte löschen"
    (rf"({_NAME})\s+(?:bitte\s+)?(?:löschen|entfernen)(?=[\s,.!]|$)", r"delete \1"),
    (r"lösch(?:e)?(?:\s+bitte)?", "delete"),
    (r"kann\s+gelöscht\s+werden|bitte\s+löschen|löschen", "delete"),
    (r"deal\s+anlegen|neuer\s+deal", "new deal"),
    (r"segment\s+anlegen", "create segment"),
    (r"tags?\s+([\w-]+)\s+(?:setzen|hinzufügen|vergeben|geben)", r"add tag \1"),
    # new contacts: "Kontakt anlegen bitte:", "Trag bitte Frau Dr. … ein", "Neuer Kontakt:", "bitte erfassen"
    (r"(?:neuen?\s+)?kontakt\s+(?:bitte\s+)?(?:anlegen|erfassen|eintragen)", "add contact"),
    (r"(?:bitte\s+)?(?:neu\s+)?anlegen|(?:bitte\s+)?erfassen", "add"),
    (rf"trag(?:\s+bitte)?\s+({_NAME})\s+ein", r"add \1"),
    (r"trag(?:\s+bitte)?", "add"),
    (r"neuer\s+kontakt|neue\s+kontaktperson|neuer\s+ansprechpartner", "new contact"),
    (r"neuer\s+lead", "new lead"),
    # follow-ups: "Wiedervorlage Frank Becker bitte auf den 12.4. schieben", "Wiedervorlage Montag"
    (r"(?:auf\s+den|auf|zum)\s+(\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?)\s+(?:schieben|verschieben|legen|setzen)",
     r"to \1"),
    (r"wann\s+ist\s+die\s+nächste\s+(?:wiedervorlage|follow-?up)\s+mit", "when is the next follow-up with"),
    (r"wiedervorlage(?:n)?|nachfassen", "follow-up"),
    (r"(?:ver)?schieben", "move"),
    # tasks: "eine Aufgabe für Mehmet: Standskizze … schicken bis 24.3."
    (r"(?:und\s+)?(?:bitte\s+)?(?:eine\s+)?aufgabe\s+für", "and create a task for"),
    (r"aufgabe(?:n)?", "task"),
    (r"bis(?=\s+\d{1,2}\.\s?\d{1,2}\.)", "due"),
    (r"fällig(?:\s+am)?", "due"),
    # owners: "Alle Kontakte von Tobias bitte an Elif übertragen", "Owner … auf Aylin ändern"
    (r"alle\s+kontakte\s+von", "all contacts owned by"),
    (r"(?:bitte\s+)?an\s+(\w+)\s+(?:übertragen|übergeben|umschreiben|geben)", r"reassign to \1"),
    (r"(?:bitte\s+)?auf\s+(\w+)\s+(?:übertragen|umschreiben|ändern)", r"to \1"),
    # fields
    (r"(?:bitte\s+)?(?:position|titel|jobtitel)\s+(?:bitte\s+)?(?:ändern|anpassen)", "change title"),
    (r"(?:bitte\s+)?firma\s+(?:bitte\s+)?(?:ändern|anpassen)", "change company"),
    (r"neue\s+(?:e-?mail|mail)(?:-adresse)?", "new email"),
    (r"quelle", "source"),
    (r"firma", "company"),
    (r"einwilligung", "consent"),
    (r"mit\s+tag", "with tag"),
    # selections: "Alle Leads, die seit dem 1.10.2027 nicht kontaktiert wurden", "die seit 1.1. angelegt wurden"
    (r",?\s*die\s+seit\s+(?:dem\s+)?(\S+)\s+nicht\s+(?:mehr\s+)?kontaktiert\s+wurden", r" not contacted since \1"),
    (r",?\s*die\s+seit\s+(?:dem\s+)?(\S+)\s+angelegt\s+wurden", r" created since \1"),
    (r",?\s*die\s+vor\s+(?:dem\s+)?(\S+)\s+angelegt\s+wurden", r" created before \1"),
    (r"bekommen", "get"),
    (r"liste\s+(?:bitte\s+)?alle\s+ansprechpartner(?:innen)?\s+(?:bei|von)", "list all contacts at"),
    (r"ansprechpartner(?:in)?(?:nen)?", "contacts"),
    (r"zeig(?:e)?\s+mir|gib\s+mir", "show me"),
    (r"sortiert\s+nach\s+score\s*\(?\s*(?:höchster|höchste|beste)\s+zuerst\s*\)?", "sorted by score highest first"),
    (r"sortiert\s+nach", "sorted by"),
    (r"wer\s+hat\s+(?:im|in)\s+(\w+)\s+die\s+meisten\s+(calls|anrufe|meetings|e-?mails)\s+gemacht",
     r"who made the most \2 in \1"),
    (r"anrufe", "calls"),
    # deals and segments
    (r"abschluss", "expected close"),
    (r"kontakt(?=\s+(?-i:[A-ZÄÖÜ]))", "contact"),
    (r"kontakte", "contacts"),
    # dates
    (r"heute", "today"),
    (r"gestern", "yesterday"),
    (r"übermorgen", "in 2 days"),
    (r"nächste\s+woche", "next week"),
    (r"in\s+(?:zwei|2)\s+wochen", "in two weeks"),
    (r"(?:am\s+)?ende\s+(?:des\s+)?monats", "end of the month"),
    (r"ende(?=\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)\b)",
     "end of"),
    *((rf"(?:am\s+)?nächsten\s+{de}", f"next {en}") for de, en in _DAYS.items()),
    *((rf"(?:am\s+)?{de}", en) for de, en in _DAYS.items()),
    *((de, en) for de, en in _MONTHS.items()),
    (r"seit\s+dem|seit", "since"),
    # politeness and joins
    (r"vielen\s+dank|danke(?:\s+schön)?", "thanks"),
    (r"bitte", "please"),
    (r"und", "and"),
    (r"alle", "all"),
    (r"nicht\s+mehr", "no longer"),
    (r"nicht", "not"),
]  # fmt: skip
_GERMAN = Lexicon(_STRONG, _WEAK, _LEXICON)


def from_german(text: str) -> str:
    """The request with its German CRM words in English (unchanged when it has none)."""
    return _GERMAN.to_english(text)
