"""Afrikaans words in requests, read as their English counterparts.

South African teams write to the CRM in English and switch to Afrikaans for a whole line ("sit haar op customer
asseblief", "gee hom vir Pieter", "opvolg môre", "verwyder die vip tag van …", "Nuwe kontak: … van Stellenbosch
Hills, bron website", "wys my al die leads met 'n score van 70 of meer"). The rules read English, so the CRM words
of such a request (verbs of change, fields, days, months, question words, politeness) are replaced by English
ones before anything else reads it; names and the rest stay as written. Written out from the language (round
eighteen), with a Cape Town agency's requests as the examples; like ``dutch.py`` it is a lexicon, not a
translator, and it runs before the Dutch one (the two share words that mean different things: "die", "sy").

"van" is a name particle ("Jessica van Wyk", "van der Merwe"), so it is read as "from" only after a whole name
("Johan du Plessis van Kransberg") or before a selection ("van almal", "van cold-outreach af"). A message is only
rewritten when it carries a clearly Afrikaans word (``_STRONG``) or three common ones.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_WEAK = re.compile(r"(?<![\w'’-])(?:die|het|nie|hy|sy|ons|wat|vir|ek|'n|kontakte|kontak)(?![\w'’-])", re.I)
_STRONG = re.compile(
    r"(?<![\w'’-])(?:asseblief|asb|dankie|opvolg|geteken|gister|vanoggend|vanmiddag|môre|nuwe|nommer|verwyder|"
    r"wys|watter|skuif|skep|almal|sedert|gekontak|eienaar|maatskappy|opdateer|hulle|vrydag|saterdag|sondag|"
    r"januarie|februarie|desember|goeie|gesê|verwysing|gebel|geskakel|e-pos|epos|volg\s+op|"
    r"(?:verander|opdateer)\s+(?:sy|haar|die))(?![\w'’-])",
    re.I,
)
_DAYS = {
    "maandag": "monday", "dinsdag": "tuesday", "woensdag": "wednesday", "donderdag": "thursday",
    "vrydag": "friday", "saterdag": "saturday", "sondag": "sunday",
}  # fmt: skip
_MONTHS = {
    "januarie": "january", "februarie": "february", "maart": "march", "april": "april", "mei": "may",
    "junie": "june", "julie": "july", "augustus": "august", "oktober": "october", "desember": "december",
}  # fmt: skip
_PRONOUN = {"hom": "him", "haar": "her", "hulle": "them", "dit": "it"}
_PRON = r"(hom|haar|hulle)"
_STAGES = r"subscriber|lead|mql|sql|opportunity|customer|evangelist|churned|disqualified"
# a whole name before "van": "Johan du Plessis van Kransberg", "Elna Vermeulen van …" (never "Jessica van Wyk")
_WHOLE_NAME = r"(?-i:[A-Z][\w'’-]+)\s+(?:(?:du|le|de|la|van|der|den|von)\s+)*(?-i:[A-Z][\w'’-]+)"

# (Afrikaans, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # a colleague's part, told in passing: "hy sal die opvolg doen" (he'll do the follow-up), no change asked
    (r"(?:hy|sy|ek|ons)\s+sal\s+(?:die\s+)?[\w-]+\s+doen", "who will handle it"),
    # who takes a record: "gee haar vir Kyle", "Gee Ayanda Mkhize vir Sipho", "maak my die eienaar", "eienaar is ek"
    (rf"gee\s+{_PRON}\s+vir", "give {0} to"),
    (r"gee\s+(.+?)\s+vir(?=\s+(?-i:[A-Z]))", r"give \1 to"),
    (r"maak\s+my\s+(?:die\s+)?eienaar", "make me the owner"),
    (r"(?:die\s+)?eienaar\s+is\s+ek", "owner is me"),
    (r"eienaar\s+van", "owner of"),
    (r"eienaar", "owner"),
    (r"(?:wie|watter\s+kontakte)\s+besit\s+(.+?)(?=\s*[?.!]|\s*$)", r"which contacts does \1 own"),
    (r"besit", "own"),
    # the stage: "sit haar op customer", "skuif hulle na mql", "wat nog op lead is", "wat churned is"
    (rf"sit\s+{_PRON}\s+op", "move {0} to"),
    (rf"skuif\s+{_PRON}\s+(?:na|op)", "move {0} to"),
    (rf"wat\s+(?:nog\s+)?(?:op\s+)?({_STAGES})\s+is", r"at stage \1"),
    # a tag: "verwyder die hot-lead tag van …"
    (r"verwyder\s+(?:asseblief\s+|asb\s+)?die\s+([\w-]+\s+tag)\s+van", r"remove the \1 from"),
    (r"verwyder\s+(?:asseblief\s+|asb\s+)?die\s+([\w-]+\s+tag)", r"remove the \1"),
    (r"verwyder\s+(?:asseblief|asb)", "please delete"),
    (r"verwyder", "delete"),
    # new records: "Nuwe kontak: …", "Voeg asseblief 'n nuwe kontak by: …", "Skep 'n kontak", "Maak 'n kontak vir …"
    (r"voeg\s+(?:asseblief\s+|asb\s+)?(.+?)\s+by(?=\s*:)", r"please add \1"),
    (r"(?:maak|skep)\s+(?:asseblief\s+|asb\s+)?'n\s+(?:nuwe\s+)?kontak\s+vir", "please create a contact for"),
    (r"(?:maak|skep)\s+(?:asseblief\s+|asb\s+)?'n\s+(?:nuwe\s+)?kontak", "please create a contact"),
    (r"(?:maak|skep)\s+(?:asseblief\s+|asb\s+)?'n\s+segment", "please create a segment"),
    (r"nuwe\s+kontak|nuwe\s+lead", "new contact"),
    (r"nuwe\s+(?:nommer|selfoon(?:nommer)?|telefoon(?:nommer)?)", "new number"),
    (r"nuwe\s+e-?pos(?:adres)?", "new email"),
    (r"nuwe", "new"),
    (r"(?:(?:hy|sy|hulle)\s+het\s+)?(?:via|deur)\s+'n\s+verwysing\s+(?:in)?gekom", "came in via referral"),
    (r"verwysing", "referral"),
    # selections: "almal met die … tag", "al die churned kontakte", "wat van cold-outreach af kom", "met 'n score van
    # 60 of meer", "wat ons nie sedert 1 Junie gekontak het nie"
    (r"wat\s+van\s+(.+?)\s+af\s+(?:kom|gekom\s+het)", r"from \1"),
    (r"wat\s+ons\s+nie\s+sedert\s+(.+?)\s+gekontak\s+het\s+nie", r"not contacted since \1"),
    (r"nie\s+sedert\s+(.+?)\s+gekontak(?:\s+nie)?", r"not contacted since \1"),
    (r"(?:'n\s+)?score\s+van\s+(\d+)\s+of\s+(?:meer|hoër)", r"a score of \1+"),
    (r"vee\s+(?:asseblief\s+|asb\s+)?(.+?)\s+uit", r"please delete \1"),
    (r"van\s+almal", "from everyone"),
    (r"almal", "everyone"),
    (r"al\s+die", "all the"),
    (r"kontakte", "contacts"),
    (r"kontak", "contact"),
    (r"met\s+die", "with the"),
    (r"genaamd", "called"),
    # follow-ups: "opvolg môre", "volg op volgende week Woensdag", "X se opvolg: skuif dit na 1 Maart"
    (r"((?-i:[A-Z])[\w'’-]+)\s+se\s+opvolg", r"\1's follow-up"),
    (r"skuif\s+dit\s+(?:asseblief\s+|asb\s+)?(?:na|tot)", "move it to"),
    (r"volgende\s+opvolg", "next follow-up"),
    (r"volg\s+op", "follow up"),
    (r"opvolg", "follow up"),
    # fields and changes: "verander sy titel na …", "Opdateer asb die maatskappy", "sy werk nou by …"
    (r"is\s+nie\s+meer\s+by\s+(.+?)\s+nie", r"is no longer at \1"),
    (r"(?:hy|sy)\s+werk\s+nou\s+by", "is now at"),
    (r"opdateer\s+(?:asseblief\s+|asb\s+)?(?:sy|haar|die)", "please update the"),
    (r"verander\s+(?:asseblief\s+|asb\s+)?(?:sy|haar|die)", "change the"),
    (r"opdateer", "update"),
    (r"verander", "change"),
    (r"maatskappy", "company"),
    (r"titel", "title"),
    (r"(?:sel|selfoon|telefoon)?nommer", "number"),
    (r"e-?pos(?:adres)?", "email"),
    (r"bron", "source"),
    (rf"({_WHOLE_NAME})\s+van(?=\s+(?-i:[A-Z])(?!(?:an|er|en|e|u|a)\b))", r"\1 from"),
    (r"by(?=\s+(?-i:[A-Z]))", "at"),
    (r"van(?=\s+(?!(?:der|den|de|die)\b)(?-i:[a-z]))", "from"),  # "leads van wtm-africa"
    # activities: "Log 'n vergadering met …", "ons het … bespreek", "het gister die kontrak geteken"
    (r"vergadering\s+met", "meeting with"),
    (r"vergadering", "meeting"),
    (r"oproep\s+met", "call with"),
    (r"oproep", "call"),
    (r"gebel|geskakel", "called"),
    (r"ons\s+het\s+(.+?)\s+bespreek", r"we discussed \1"),
    (r"het\s+(?:(?:gister|vanoggend)\s+)?(?:die\s+)?kontrak\s+geteken", "signed the contract"),
    (r"geteken", "signed"),
    (r"het\s+(?:vanoggend\s+|gister\s+)?nee\s+gesê", "said no"),
    # questions: "Wys my al die leads …", "Watter kontakte …", "Wanneer is die volgende opvolg met …?"
    (r"wys\s+my", "show me"),
    (r"kyk\s+(?:asseblief\s+|asb\s+)?na", "please look at"),
    (r"dis", "it's"),
    (r"die", "the"),
    (r"watter", "which"),
    (r"wanneer", "when"),
    (r"hoeveel", "how many"),
    (r"wie", "who"),
    (r"ek", "I"),
    (r"hy", "he"),
    (r"sy", "she"),
    (r"'n", "a"),
    (r"en", "and"),
    (r"met", "with"),
    (r"vir", "for"),
    (r"na", "to"),
    # greetings first ("goeie môre" is no follow-up date)
    (r"goeie\s+môre|goeiemôre", "good morning"),
    # days and dates
    (r"vanoggend", "this morning"),
    (r"vanmiddag", "this afternoon"),
    (r"vandag", "today"),
    (r"oormôre", "the day after tomorrow"),
    (r"môre", "tomorrow"),
    (r"gister", "yesterday"),
    (r"volgende\s+week", "next week"),
    (r"volgende\s+maand", "next month"),
    *((rf"(?:op\s+)?{af}", en) for af, en in _DAYS.items()),
    # a month only beside a day or a year: "Julie" and "Junie" are also given names ("score Julie Brandt")
    *((rf"(\d{{1,2}})\s+{af}", rf"\1 {en}") for af, en in _MONTHS.items()),
    *((rf"{af}(?=\s+\d)", en) for af, en in _MONTHS.items()),
    # politeness
    (r"asseblief|asb", "please"),
    (r"baie\s+dankie|dankie", "thanks"),
]
_AFRIKAANS = Lexicon(_STRONG, _WEAK, _LEXICON, _PRONOUN)


def from_afrikaans(text: str) -> str:
    """The request with its Afrikaans CRM words in English (unchanged when it has none)."""
    return _AFRIKAANS.to_english(text)
