"""Polish words in requests, read as their English counterparts.

Teams in Poland write to the CRM in English with Polish words, or in Polish around English CRM jargon ("zmień
ownera na Olę", "owner na mnie", "dodaj tagi dach i hot-lead", "follow-up jutro", "wszyscy z Lindqvist Freight
AB — follow-up na 1 kwietnia", "kto jest ownerem …?", "pokaż otwarte deale Jonasa", "usuń wszystkie kontakty ze
stage churned z …"). The rules read English, so the frame of such a request (verbs of change, fields, "z"/"w",
days, months, relative dates, question words, politeness) is rewritten in English before anything else reads it;
names, companies and the rest of the sentence stay as written. Written out from the language (round twenty)
with a Warsaw agency's requests as the examples; it is not a translator.

Polish declines names: a colleague is "na Olę" (Ola), "dla Marty" (Marta), "deale Jonasa" (Jonas). The
matcher forgives a trailing "-a" on a man's name, not a woman's name's changed ending, so after the words
that govern a case a woman's "-ę"/"-y"/"-i" is read back to "-a". A message is only rewritten when it carries
a clearly Polish word (``_STRONG``) or three common ones: "termin" and "tag" are German and English too, and words
Polish shares with German and Spanish ("ich", "Kontakt", "firma") or with names ("Maja") are not strong.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# ("na", "po", "do", "i" and "we" are not counted: Tagalog "na"/"po", English "do"/"we", and "i" typed lower case)
_WEAK = re.compile(r"(?<![\w@.'’/-])(?:z|ze|w|nie|jak|się|sie|czy|oraz)(?![\w@'’/-])", re.I)
_STRONG = re.compile(
    r"(?<![\w@.'’-])(?:"
    # verbs of a CRM request, written with and without their diacritics
    r"dodaj|dodać|dodac|usuń|usun|usunąć|usunac|zmień|zmien|zmienić|zmienic|zmieniony|zmieniona|zmienione|"
    r"ustaw|przesuń|przesun|przenieś|przenies|wywal|skasuj|pokaż|pokaz|wyświetl|znajdź|znajdz|przypisz|"
    r"napisz|przeszła|przeszedł|przeszla|przeszedl|przyszedł|przyszła|przyszedl|przyszla|podpisali|podpisał|podpisała|wysłać|wyslac|zadzwonić|"
    # small words, questions, politeness
    r"proszę|prosze|dzięki|dzieki|dziękuję|dziekuje|też|tez|jej|jego|mnie|mamy|ile|kto|jest|są|"
    r"który|która|które|których|którymi|ktorymi|już|juz|jeszcze|dla|oraz|było|bylo|"
    # CRM words
    r"kontakty|kontaktów|kontaktow|kontaktu|kontaktem|wszyscy|wszystkie|wszystkich|nowy|nowa|firmę|"
    r"firmy|ownera|ownerem|tagi|tagiem|tagami|źródło|źródła|zrodlo|zrodla|polecenia|otwarte|zadanie|"
    # dates
    r"jutro|pojutrze|dzisiaj|dziś|dzis|wczoraj|poniedziałek|poniedzialek|wtorek|środa|środę|sroda|srode|"
    r"czwartek|piątek|piatek|sobota|sobotę|sobote|niedziela|niedzielę|niedziele|przyszłego|przyszlego|"
    r"przyszły|przyszly|przyszłym|przyszlym|tygodniu|tydzień|tydzien|stycznia|lutego|marca|kwietnia|"
    r"czerwca|lipca|sierpnia|września|wrzesnia|października|pazdziernika|listopada|grudnia"
    r")(?![\w@'’-])",
    re.I,
)

_DAYS = (
    ("poniedzia[łl]e?k", "monday"), ("wtor(?:ek|ku)", "tuesday"), ("[śs]rod[aęey]", "wednesday"),
    ("czwart(?:ek|ku)", "thursday"), ("pi[ąa]t(?:ek|ku)", "friday"), ("sobot[aęey]", "saturday"),
    ("niedziel[aęi]", "sunday"),
)  # fmt: skip
_MONTHS = (
    ("stycznia", "january"), ("lutego", "february"), ("marca", "march"), ("kwietnia", "april"), ("maja", "may"),
    ("czerwca", "june"), ("lipca", "july"), ("sierpnia", "august"), ("wrze[śs]nia", "september"),
    ("pa[źz]dziernika", "october"), ("listopada", "november"), ("grudnia", "december"),
)  # fmt: skip
_STAGE = r"(?:subscriber|lead|mql|sql|opportunity|opp|customer|evangelist|churned|disqualified)"
_CAP = r"(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])"
_FIELD = (
    ("firm[ęe]", "company"), ("stanowisko|tytu[łl]", "title"), ("ownera|w[łl]a[śs]ciciela", "owner"),
    ("(?:numer(?:\\s+telefonu)?|telefon)", "phone"), ("maila|e-?maila|adres\\s+e-?mail", "email"),
    ("[źz]r[óo]d[łl]o", "source"),
)  # fmt: skip

# (Polish, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # new contacts: "nowy kontakt:", "dodaj nowy kontakt:", "CEO w Codewave", "founder w DevNest"
    (r"nowy\s+kontakt|nowa\s+osoba|nowy\s+lead", "new contact"),
    (rf"w(?=\s+{_CAP})", "at"),
    # who and what: "kto jest ownerem X?", "kto z X ma tag Y?", "ile mamy kontaktów w stage …?"
    (r"kto\s+jest\s+(?:ownerem|w[łl]a[śs]cicielem|opiekunem)(?:\s+kontaktu)?", "who is the owner of"),
    (r"kto\s+(?:prowadzi|ma\s+pod\s+sob[ąa])", "who owns"),
    (r"[,;]?\s*i\s+kto\s+(?:je|ich|go|j[ąa])\s+prowadzi", ""),
    (rf"kto\s+z(?:e)?\s+({_CAP}[^?]{{1,60}}?)\s+ma(?:j[ąa])?\s+tag", r"list contacts at \1 with tag"),
    (r"ile\s+(?:mamy\s+)?kontakt[óo]w", "how many contacts"),
    (r"ma\s+tag", "has the tag"),
    (r"maj[ąa]\s+tag", "have the tag"),
    # delete: "usuń wszystkie kontakty …", "wywal wszystkich subscriberów …"; otherwise "usuń tag" removes
    (r"(?:usu[ńn]|wywal|skasuj)(?=\s+wszystk)", "delete"),
    # everyone at a company: "wszyscy z Lindqvist Freight AB — …", "wszystkie kontakty z …"
    (r"wszyscy\s+z(?:e)?|(?:wszystkie\s+)?kontakty\s+z(?:e)?(?=\s+(?-i:[A-ZĄĆĘŁŃÓŚŹŻ]))", "all contacts at"),
    (r"wszystkie\s+kontakty|wszystkich\s+kontakt[óo]w", "all contacts"),
    (r"wszystkich|wszystkie", "all"),
    (r"kontakty\s+ze\s+[źz]r[óo]d[łl]a", "contacts from source"),
    (r"ze\s+[źz]r[óo]d[łl]a", "from source"),
    (r"ze\s+stage", "with stage"),
    (r"w\s+stage", "in stage"),
    (r"z\s+tagiem|z\s+tagami", "with tag"),
    (r"z\s+kt[óo]rymi\s+nie\s+(?:by[łl]o|mieli[śs]my)\s+kontaktu\s+od", "not contacted since"),
    (r"bez\s+kontaktu\s+od|nie\s+kontaktowan[iy]\s+od", "not contacted since"),
    (r"wywal|skasuj", "delete"),
    (r"usu[ńn]\s+tagi?", "remove tag"),
    (r"usu[ńn]", "remove"),
    # tags: "dodaj tagi dach i hot-lead", "tagi seo + uk-market", "dodaj też tag retainer"
    (r"dodaj\s+te[żz]", "also add"),
    (r"dodaj(?=\s+[\w-]+\s*[+,]\s*[\w-]+)", "add tags"),
    (r"dodaj|dopisz", "add"),
    (r"tagi\s+([\w-]+)\s+i\s+([\w-]+)", r"tags \1 and \2"),
    (r"tagi", "tags"),
    (r"tagiem", "tag"),
    # "dodaj tag hot-lead do Agnieszki Nowak": the person a tag goes to
    (rf"(tags?\s+[\w-]+(?:\s*(?:\+|,|and)\s*[\w-]+)*)\s+do(?=\s+{_CAP})", r"\1 to"),
    # changes: "zmień ownera na Olę", "owner na mnie", "Owner ja", "email zmieniony na …", "zmień jej firmę"
    *((rf"zmie[ńn]\s+(?:jej\s+)?{pl}", f"change her {en}") for pl, en in _FIELD[:1]),
    *((rf"zmie[ńn]\s+jego\s+{pl}", f"change his {en}") for pl, en in _FIELD),
    *((rf"zmie[ńn]\s+{pl}", f"change {en}") for pl, en in _FIELD),
    (r"zmie[ńn]|ustaw", "change"),
    (r"owner\s+na\s+mnie", "owner to me"),
    (r"owner\s+ja", "owner me"),
    (r"(?:przypisz|daj)\s+(?:na\s+)?mnie|na\s+mnie", "to me"),
    (r"zmienion[yae]\s+na|zmieni[łl]\s+si[ęe]\s+na", "changed to"),
    (r"przesz(?:ed[łl]|[łl]a)\s+do", "moved to"),
    (r"przesu[ńn]|przenie[śs]", "move"),
    (r"(owner|change|move)\s+na(?=\s)", r"\1 to"),
    # sources: "z polecenia Łukasza" (a referral), "źródło referral"
    (r"z\s+polecenia", "referral from"),
    (r"przysz(?:ed[łl]|[łl]a|li)\s+z(?:e)?", "came from"),
    (r"kampanii|kampani[ąa]", "the campaign"),
    (r"[źz]r[óo]d[łl]o", "source"),
    # deals and tasks: "pokaż otwarte deale Jonasa", "task dla mnie: …, termin piątek"
    (rf"otwarte\s+deale?(?=\s+{_CAP})", "open deals owned by"),
    (r"otwarte\s+deale?", "open deals"),
    (r"deale", "deals"),
    (r"poka[żz](?:\s+mi)?|wy[śs]wietl", "show"),
    (r"napisz(?:\s+mi)?", "write me"),
    (r"dla\s+mnie", "for me"),
    (r"dla", "for"),
    (r"zadanie", "task"),
    (rf"termin(?:\s+na)?(?=\s+(?:\d|jutro|pojutrze|dzi|{'|'.join(pl for pl, _ in _DAYS)}))", "due"),
    # dates: "jutro", "pojutrze", "we wtorek 30 marca", "do przyszłego piątku", "na 1 kwietnia"
    (r"pojutrze", "in 2 days"),
    (r"jutro", "tomorrow"),
    (r"dzisiaj|dzi[śs]", "today"),
    (r"wczoraj", "yesterday"),
    (r"(?:w\s+)?przysz[łl]ym\s+tygodniu|za\s+tydzie[ńn]", "next week"),
    *((rf"do\s+przysz[łl]ego\s+{pl}", f"by next {en}") for pl, en in _DAYS),
    *((rf"(?:w|we)\s+przysz[łl]y\s+{pl}|przysz[łl]y\s+{pl}", f"next {en}") for pl, en in _DAYS),
    *((rf"(?:w|we)\s+{pl}", f"on {en}") for pl, en in _DAYS),
    *((pl, en) for pl, en in _DAYS),
    *((rf"(\d{{1,2}})\s+{pl}", rf"\1 {en}") for pl, en in _MONTHS),
    (r"(follow-?up)\s+na(?=\s+\d)", r"\1 to"),
    (rf"z(?:e)?(?=\s+{_CAP})", "from"),
    (r"od(?=\s+\d)", "since"),
    # politeness and joins
    (r"prosz[ęe]|pls", "please"),
    (r"dzi[ęe]ki|dzi[ęe]kuj[ęe]", "thanks"),
    (r"te[żz]", "also"),
    (r"oraz", "and"),
]  # fmt: skip
_POLISH = Lexicon(_STRONG, _WEAK, _LEXICON)

# a woman's name after a Polish word that declines it: "na Olę", "dla Marty", "od Kasi", "na Kubę"
_DECLINED = re.compile(
    r"\b(?P<pre>(?i:na|dla|od|do))\s+(?P<name>(?-i:[A-ZĄĆĘŁŃÓŚŹŻ])[a-ząćęłńóśźż]{1,10}?)"
    r"(?P<end>ę|(?<=[bdfgkmnprtwłz])y|(?<=[sczn])i|(?<=l)i)(?![\w@'’-])"
)


def _nominative(hit: re.Match[str]) -> str:
    """ "na Olę" -> "na Ola", "dla Marty" -> "dla Marta", "od Kasi" -> "od Kasia": a name said in a case."""
    name, end = hit.group("name"), hit.group("end")
    if end == "i" and not name.endswith("l"):
        return f"{hit.group('pre')} {name}ia"
    return f"{hit.group('pre')} {name}a"


# Colleagues call each other by the everyday short forms of their given names ("owner Kuba" is Jakub); an owner is
# a colleague, so after the word "owner" the short form is read as the name the user is listed under.
_SHORT_FORMS = {
    "kuba": "Jakub", "ola": "Aleksandra", "kasia": "Katarzyna", "gosia": "Małgorzata", "tomek": "Tomasz",
    "wojtek": "Wojciech", "bartek": "Bartłomiej", "basia": "Barbara", "asia": "Joanna", "zosia": "Zofia",
    "krzysiek": "Krzysztof", "staszek": "Stanisław", "jurek": "Jerzy", "maciek": "Maciej", "franek": "Franciszek",
    "antek": "Antoni", "magda": "Magdalena", "ania": "Anna", "grzesiek": "Grzegorz", "józek": "Józef",
}  # fmt: skip
_OWNER_SHORT = re.compile(
    r"\b(owner(?:a|em)?\s*(?::|=|->|→|na|to)?\s*)(" + "|".join(_SHORT_FORMS) + r")(?![\w@'’-])", re.I
)


def from_polish(text: str) -> str:
    """The request with its Polish CRM words in English (unchanged when it has none)."""
    if not _POLISH.mixed_in(text):
        return text
    text = _POLISH.to_english(_DECLINED.sub(_nominative, text))
    return _OWNER_SHORT.sub(lambda o: o.group(1) + _SHORT_FORMS[o.group(2).lower()], text)
