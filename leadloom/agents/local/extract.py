"""Argument extraction: turns a request plus the organization's vocabulary into a tool's JSON arguments.

Every value is found by a rule that reads the text (emails, phones, dates, amounts, thresholds, counts,
sort orders) or matches it against the organization's own words (stages, owners, tags, lead sources,
company and contact names) with rapidfuzz so typos still match. Names that are not in the vocabulary are
passed through as text because the tools resolve names themselves. ``build_args`` keeps only the keys the
bound tool's JSON schema declares.
"""

# ruff: noqa: E501  -- regular expressions read better on one line than split across several

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz, process

from leadloom.agents.local import rx as re
from leadloom.agents.local.dates import DateSpan, find_dates
from leadloom.agents.local.portuguese import GIVEN_NAMES as PT_GIVEN_NAMES
from leadloom.agents.local.spanish import GIVEN_NAMES
from leadloom.agents.local.vocabulary import Vocabulary
from leadloom.crm import company_names

# Words that are never part of a person's or company's name in a request.
STOP = set(
    """a an the to as at from for with and or of in on by into is are was were be been it its this that these those
    me my mine i i'm im i’m we our us you your he she they them their his her all every everyone anyone any each some
    please pls plz can could would will should shall may might must do does did done have has had
    show list find get give search look pull up open tell display see what whats what's who whos who's which when
    where why how is new add create make set move mark change update assign reassign switch put delete remove
    erase drop trash wipe purge log note record call called email emailed emailing met meeting score rate rank explain
    merge combine contact contacts lead leads people person customer customers client clients prospect prospects
    stage status owner owned tag tagged tags source phone number email title company companies account deal deals
    task tasks follow followup follow-up up next last this week month today tomorrow yesterday now just also
    then about over under above below more less than top best highest lowest newest oldest recent recently
    score scoring scored points point info details record profile card timeline history activity activities
    hey hi hello quick one ok so um thanks thank cheers thx asap pls needs need want wants like interested interest
    good morning afternoon evening bonjour hola excuse sorry dear straight salon guten morgen moin servus hallo
    ciao buongiorno namaste
    moved marked changed updated assigned reassigned switched bumped
    not no yes only just segment campaign draft sms text notes note due overdue open won lost closing close
    name named called works work working via came come comes signed convert converted went into out back
    one two three four five six seven eight nine ten day days weeks months year years ago since before after until
    everybody everything folks guys list crm system database him her""".split()
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w$€£])(?:\(?\+?\d[\d \t().-]{6,}\d)(?![\w%])")  # one line: "…11223\n2. Naveen" is two
# ISO codes people type with amounts ("SGD 25k", "18,500 CAD")
CURRENCY_CODES = "usd|sgd|eur|gbp|aud|cad|nzd|chf|sek|nok|dkk|jpy|inr|hkd|myr|idr|php|thb|zar|aed|mxn|brl|pln|czk|huf|cny|krw|ngn|kes"
# currency signs and words, and the code each stands for ("₹12L", "₦2.5m", "€ 12.500,-"; "R$ 40 mil" is not
# read); "$" and "dollars" are not here: which dollar depends on the organization's country
CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "₹": "INR", "₦": "NGN", "¥": "JPY", "₩": "KRW", "₱": "PHP", "₺": "TRY",
                  "₽": "RUB", "฿": "THB", "₫": "VND", "₪": "ILS", "₵": "GHS"}  # fmt: skip
CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "rupees": "INR", "rupee": "INR",
                  "rs": "INR", "naira": "NGN", "yen": "JPY", "ringgit": "MYR", "baht": "THB", "cedis": "GHS",
                  "shillings": "KES", "ksh": "KES", "kshs": "KES"}  # fmt: skip
_SIGNS = "".join(CURRENCY_SIGNS)
# multipliers: thousands, millions, and the Indian lakh (100,000) and crore (10 million); "12L" only after a sign
_MULT = r"k|m|mn|grand|thousand|million|lakhs?|lacs?|crores?|cr"
_AMOUNT = re.compile(
    # "R85 000" (rand), "RM 12 000" (ringgit): a letter sign said right before the figure, which may group its
    # thousands with spaces
    rf"(?P<cur>[${_SIGNS}]|\brs\.?|\bkshs?\.?|(?-i:\bRM|\bR)(?=\s?\d)|\b(?:" + CURRENCY_CODES + rf")\b)\s?"
    rf"(?P<n>\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?!\d|[.,]\d)|\d[\d,]*(?:\.\d+)?)\s?(?P<k>{_MULT}|l)?\b"
    rf"|\b(?P<n2>\d[\d,]*(?:\.\d+)?)\s?(?P<k2>{_MULT})?\s?"
    r"(?P<cur2>dollars|bucks|euros?|pounds|naira|rupees|" + CURRENCY_CODES + r")\b"
    # "18 500 $", "18 500 CAD": a space groups thousands where the currency comes after (French, Nordic); so
    # does a dot ("12.000 €", "1.500 € per month": Spain, Germany)
    r"|(?<![\d,.])(?P<n4>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:\.\d{3})+(?![.,]\d))"
    r"\s?(?P<cur4>[$€£]|\b(?:" + CURRENCY_CODES + r")\b)"
    r"|\b(?P<n3>\d[\d,]*(?:\.\d+)?)\s?(?P<k3>k|grand|lakhs?|lacs?|crores?)\b"
    # "value eighteen thousand" (dictated: "value 18000"), "worth 12,000": a bare number said as the value
    r"|\b(?:value|valued at|worth|amount|deal size)\s*(?:of|is|:|=)?\s*(?P<n5>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<k5>k|m|grand|thousand|million)?\b"
    # "about forty two thousand" (dictated: "about 42000"): a round figure of thousands said approximately
    r"|\b(?:about|around|roughly|approximately|approx\.?|~)\s*(?P<n6>\d{4,}|\d{1,3}(?:,\d{3})+)(?![\d%])",
    re.I,
)
# "a score of 10 or lower" is an upper bound: the number is a minimum only when no "or less" follows it
_OR_LESS = r"\s*(?:or (?:less|lower|below|under|fewer)|and (?:under|below|lower|less))\b"
_THRESH_MIN = re.compile(
    r"\b(?:over|above|more than|greater than|at least|>=?|higher than|min(?:imum|\.)?|exceeding|north of|scoring|score[sd]?|of)\s*(\d{1,3})\b(?!"
    + _OR_LESS
    + r")\+?|\b(\d{1,3})\s*(?:\+|or (?:more|higher|above)|and up)",
    re.I,
)
_THRESH_MAX = re.compile(
    r"\b(?:under|below|less than|lower than|<=?|at most|max(?:imum)?|beneath)\s*(\d{1,3})\b|\b(\d{1,3})" + _OR_LESS,
    re.I,
)
_NUMWORD = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|fifty|dozen)"
_LIMIT = re.compile(
    rf"\b(?:top|first|best|last|latest|newest|hottest|highest[- ]scoring|\d+ most recent)\s+{_NUMWORD}\b"
    rf"|\b{_NUMWORD}\s+(?:[a-z-]+\s+)?(?:leads|contacts|people|deals|tasks|prospects|interactions|records|results|items"
    r"|companies|opportunities|customers|mqls|sqls|subscribers|opps|clients|accounts)\b",
    re.I,
)
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50, "dozen": 12}  # fmt: skip


# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


@lru_cache(maxsize=8192)  # pure, and the same request and vocabulary words are folded many times per call
def _fold(text: str) -> str:
    """Lower case, accents dropped ("Søren Núñez" -> "soren nunez"), anything else but letters/digits a space."""
    low = unicodedata.normalize("NFKD", text.lower().translate(_FOLD_EXTRA))
    low = "".join(ch for ch in low if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9@.]+", " ", low).strip()


@dataclass
class Matcher:
    """Fuzzy look-ups against one organization's vocabulary (built once per vocabulary)."""

    vocab: Vocabulary
    stage_names: dict[str, str] = field(default_factory=dict)  # folded key/label/synonym -> stage key
    deal_stage_names: dict[str, str] = field(default_factory=dict)
    user_names: dict[str, str] = field(default_factory=dict)  # folded name/first name/email -> owner value

    def __post_init__(self) -> None:
        v = self.vocab
        for s in v.lifecycle_stages:
            key, label = s["key"], s.get("label") or s["key"]
            for name in {key, label, label.lower().replace("qualified", "qualified lead")}:
                self.stage_names[_fold(name)] = key
            self.stage_names.setdefault(_fold(key) + "s", key)
        synonyms = {
            "customer": [
                "client",
                "clients",
                "customers",
                "paying customer",
                "won customer",
                "closed customer",
                "closed won",
                "won",
            ],
            "lead": ["new lead", "leads", "prospect", "prospects"],
            "mql": ["marketing qualified", "marketing qualified lead", "m q l", "mqls"],
            "sql": ["sales qualified", "sales qualified lead", "s q l", "sqls"],
            "churned": ["churn", "lost customer", "cancelled", "canceled", "ex customer", "former customer"],
            "disqualified": ["dq", "disq", "disqual", "disqualify", "unqualified", "not a fit", "junk", "dead"],
            "opportunity": ["opp", "opps", "opportunities"],
            "subscriber": ["subscribers", "newsletter subscriber"],
            "evangelist": ["advocate", "promoter", "fan", "evangelists"],
        }
        keys = {s["key"] for s in v.lifecycle_stages}
        for key, words in synonyms.items():
            if key in keys:
                for w in words:
                    self.stage_names.setdefault(_fold(w), key)
        for name in v.deal_stages:
            self.deal_stage_names[_fold(name)] = name
            if name.lower().startswith("closed "):
                self.deal_stage_names.setdefault(_fold(name[7:]), name)
        for u in v.users:
            value = u.get("name") or u.get("email", "")
            if u.get("name"):
                self.user_names[_fold(u["name"])] = value
                self.user_names.setdefault(_fold(u["name"].split()[0]), value)
            if u.get("email"):
                self.user_names[u["email"].lower()] = u.get("email") or value
        for alias, value in _user_short_names(v.users).items():
            self.user_names.setdefault(alias, value)

    def stage(self, text: str, *, cutoff: float = 85) -> str | None:
        return _best(text, self.stage_names, cutoff)

    def deal_stage(self, text: str, *, cutoff: float = 85) -> str | None:
        return _best(text, self.deal_stage_names, cutoff)

    def user(self, text: str, *, cutoff: float = 88) -> str | None:
        return _best(text, self.user_names, cutoff)

    def find_in(self, text: str, names: list[str], *, cutoff: float = 88) -> str | None:
        """The vocabulary entry appearing (maybe misspelt) in ``text``: longest n-gram match wins."""
        if not names:
            return None
        words = _fold(text).split()
        listed = tuple(names)  # one conversion: an organization's contact list can hold thousands of names
        folded = _folded_names(listed)
        keys = _folded_keys(listed)
        # Every n-gram, longest first ("Juan Carlos de la Cruz" is five words), scored against every name in one
        # rapidfuzz.cdist call: the same scores as one extractOne per n-gram, without ~150 Python round trips.
        grams: list[tuple[int, str]] = []
        for n in range(min(_max_words(listed), 6), 0, -1):
            for i in range(len(words) - n + 1):
                gram = " ".join(words[i : i + n])
                if not (n == 1 and (gram in STOP or len(gram) < 3)):
                    grams.append((n, gram))
        best: tuple[float, int, str] | None = None
        if grams and keys:
            scores = process.cdist(
                [g for _, g in grams], keys, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float64, workers=1
            )
            tops, where = scores.max(axis=1), scores.argmax(axis=1)  # argmax: the first name with the top score
        for row, (n, _) in enumerate(grams if keys else ()):
            if best and best[0] >= 95 and n < best[1]:
                break  # a near-exact match at a longer length ends the search (shorter grams are parts of it)
            score = float(tops[row])
            if score >= cutoff and (best is None or (score, n) > (best[0], best[1])):
                best = (score, n, folded[keys[where[row]]])
        if (best is None or best[0] < 95) and names is self.vocab.contacts:
            from leadloom.agents.local.aliases import alias_ref

            alias = alias_ref(text, listed)  # "bob kessler", "Dr. Nakamura", "JB Moreau"
            if alias:
                return alias
        return best[2] if best else None


# Where a new clause starts in a run-on sentence (dictation, chat with no full stops): a pronoun and its verb.
# "to keisha she's handling all the trucking accounts now": the value said before it ends there.
NEW_CLAUSE = (
    r"(?:he|she|they|we|i)(?:['’](?:s|re|ll|d|m)\b|\s+(?:is|are|was|were|has|have|had|will|wants?|said|says|just|"
    r"does|did|do|handles?|runs?|works?|moved|got|paid|signed|told)\b)"
)


# words that join a person's own name to a parent's ("Muhammad Farhan bin Rosli", "Ravi s/o Kumar")
_PATRONYMIC = {"bin", "binte", "binti", "bte", "bt", "b", "s/o", "d/o", "a/l", "a/p", "ibn", "ben", "bint"}


def _user_short_names(users: list[dict[str, str]]) -> dict[str, str]:
    """How colleagues call each other, when it names one of them only: "Farhan" and "Muhammad Farhan" for
    Muhammad Farhan bin Rosli, "Kah Hock" for Ong Kah Hock (family name first), "Jon" for jon@…."""
    said: dict[str, set[str]] = {}
    for u in users:
        name, value = u.get("name") or "", u.get("name") or u.get("email", "")
        words = name.split()
        given = words
        for i, w in enumerate(words):
            if w.lower() in _PATRONYMIC and i > 0:
                given = words[:i]
                break
        forms = {" ".join(given), *given} if given is not words else set()
        if len(words) >= 3 and given is words:
            forms.add(" ".join(words[1:]))  # "Kah Hock"
        if u.get("email"):
            forms.add(re.split(r"[._+-]", u["email"].split("@")[0])[0])  # "jon@…"
        if given and len(given[0]) >= 6:
            # "Thandi" for Thandiwe, "Chris" for Christopher: the first name shortened (not below four letters)
            forms.update(given[0][:n] for n in range(4, len(given[0])))
        for f in forms:
            if len(f) >= 3 and _fold(f) not in STOP:
                said.setdefault(_fold(f), set()).add(value)
    return {f: next(iter(v)) for f, v in said.items() if len(v) == 1}


_POSSESSIVE = re.compile(r"['’]s$")


def without_possessive(word: str) -> str:
    """ "Jean-Luc's" -> "Jean-Luc", "Maaß’s" -> "Maaß": the name a possessive is said of."""
    return _POSSESSIVE.sub("", word)


@lru_cache(maxsize=32)
def _max_words(names: tuple[str, ...]) -> int:
    """The most words in one name of a vocabulary list (at least 4, the n-gram length names were read with)."""
    return max([4, *(len(n.split()) for n in names)])


@lru_cache(maxsize=32)
def _folded_keys(names: tuple[str, ...]) -> list[str]:
    return list(_folded_names(names))


@lru_cache(maxsize=32)
def _folded_names(names: tuple[str, ...]) -> dict[str, str]:
    """Folded name -> name for a vocabulary list, built once per list: an organization's 5,000 contacts
    are folded once, not on every lookup (several lookups run per request)."""
    folded = {_fold(n): n for n in names if n}
    for n in names:  # "norrland timber" names "Norrland Timber Co." (legal forms are often left out)
        short = company_names.without_legal_form(n)
        if short and short != n and len(short) >= 5:
            folded.setdefault(_fold(short), n)
    return folded


# Titles said before a person's name, read the same everywhere: dropped from a new contact's name ("Add Ms
# Grace Achieng"), and with a surname naming a known contact ("Dr. Nakamura", "dr raman's office"). Besides
# the academic and military ones, the honorifics by which much of the world addresses clients: religious
# ("Pastor", "Imam", "Alhaji"), chieftaincy and office ("Chief", "Hon.", "Justice"), and the professional
# prefixes West African clients are addressed by ("Engr.", "Barr."); the Malay and Singaporean forms of address
# ("Mdm", "Encik", "Puan", "Datuk") and the East African respectful "Mzee"; "Aunty"/"Uncle"/"Brother", said to
# elders and church members across much of Asia and Africa. ("Don" stays out: in English it is a first name.)
TITLES = (
    r"dr|doctor|mr|mrs|ms|miss|mx|prof|professor|sister|fr|rev|revd|col|capt|lt|sgt|mme|mlle|herr|frau|sra|srta|"
    r"pastor|pst|bishop|imam|rabbi|elder|deacon|alhaji|alhaja|hajia|mallam|chief|hon|honourable|honorable|"
    r"justice|engr|engineer|barr|barrister|madam|sir|dame|lady|lord|"
    r"mdm|encik|cik|puan|tuan|dato|datuk|datin|haji|hajah|ustaz|ustazah|mzee|aunty|auntie|uncle|brother|father"
)


def _best(text: str, table: dict[str, str], cutoff: float) -> str | None:
    key = _fold(text)
    if not key or not table:
        return None
    if key in table:
        return table[key]
    hit = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=cutoff)
    return table[hit[0]] if hit else None


def _scan(text: str, table: dict[str, str], cutoff: float = 88) -> list[tuple[int, str, str]]:
    """(position, matched text, value) for every n-gram of ``text`` that names an entry of ``table``."""
    low = text.lower()
    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"[a-z0-9@.'-]+", low)]
    grams = []  # (n, i, gram, key), longest first
    for n in (4, 3, 2, 1):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(t for _, t in tokens[i : i + n]).strip(".'")
            key = _fold(gram)
            if key and not (n == 1 and len(key) < 2):
                grams.append((n, i, gram, key))
    # Every n-gram not in the table, scored against all its keys in one rapidfuzz.cdist call: the same best key
    # as one extractOne per n-gram (argmax takes the first top score, as extractOne does), without a list of the
    # table and a Python round trip per n-gram (a lead-source table holds about 1,900 spellings).
    keys = list(table)
    fuzzy = [g[3] for g in grams if g[3] not in table and len(g[3]) >= 5]
    near: dict[str, str] = {}
    if fuzzy and keys:
        scores = process.cdist(fuzzy, keys, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float64, workers=1)
        for key, top, at in zip(fuzzy, scores.max(axis=1), scores.argmax(axis=1), strict=True):
            if top >= cutoff and _wordwise(key, keys[at]):
                near[key] = table[keys[at]]
    out: list[tuple[int, str, str]] = []
    used: set[int] = set()
    for n, i, gram, key in grams:
        if any(j in used for j in range(i, i + n)):
            continue
        val = table.get(key, near.get(key))
        if val is not None:
            used.update(range(i, i + n))
            out.append((tokens[i][0], gram, val))
    return sorted(out)


def _wordwise(gram: str, key: str) -> bool:
    """A fuzzy hit of several words must be close word by word: "list customers" is not "lost customer"."""
    a, b = gram.split(), key.split()
    if len(a) == 1 and len(b) == 1:
        return True
    if len(a) != len(b):
        return fuzz.ratio(gram, key) >= 95
    return all(fuzz.ratio(x, y) >= 80 for x, y in zip(a, b, strict=True))


def amounts(text: str) -> list[tuple[int, float]]:
    out = []
    for m in _AMOUNT.finditer(text):
        n = re.sub(
            r"\s", "", m.group("n") or m.group("n2") or m.group("n3") or m.group("n5") or m.group("n6") or m.group("n4")
        )
        k = (m.group("k") or m.group("k2") or m.group("k3") or m.group("k5") or "").lower()
        # "18.500 EUR": a dot before exactly three digits (and no other decimals) groups thousands
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", n):
            value = float(n.replace(".", ""))
        elif re.fullmatch(r"\d+,\d{1,2}", n):
            value = float(n.replace(",", "."))  # "8,5k", "12,50 €": a decimal comma (most of Europe)
        else:
            value = float(n.replace(",", ""))
        k = {"lakhs": "l", "lakh": "l", "lac": "l", "lacs": "l", "crores": "cr", "crore": "cr", "mn": "m"}.get(k, k)
        value *= {"k": 1e3, "grand": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "l": 1e5, "cr": 1e7}.get(k, 1)
        out.append((m.start(), value))
    return out


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _WORDNUM.get(word.lower(), 10)


def limit_of(text: str) -> int | None:
    m = _LIMIT.search(text)
    if not m:
        return None
    return _num(m.group(1) or m.group(2))


def sort_of(text: str) -> str | None:
    low = text.lower()
    if re.search(
        r"\b(highest|best|top|hottest)\b.*\bscor|\bby score\b|\bsorted by score|\bscore desc|\bhighest score", low
    ):
        return "-score"
    if re.search(r"\blowest scor|\bscore asc", low):
        return "score"
    if re.search(r"\bscor", low) and re.search(
        r"\b(?:highest|best|biggest|top)\s+(?:ones?\s+)?(?:first|on top)\b", low
    ):
        return "-score"  # "… with a score of 70 and above, highest first"
    if re.search(r"\bscor", low) and re.search(r"\blowest\s+(?:ones?\s+)?first\b", low):
        return "score"
    if re.search(r"\b(newest|latest|most recent|recently added|recent)\b", low):
        return "-created_at"
    if re.search(r"\b(oldest|earliest)\b", low):
        return "created_at"
    if re.search(r"\b(alphabetical|by name|a-z|a to z)\b", low):
        return "name"
    if re.search(r"\bby (next )?follow.?up\b|\bsoonest follow", low):
        return "next_follow_up"
    if re.search(r"\brecently updated|last updated|recently changed\b", low):
        return "-updated_at"
    return None


def emails_in(text: str) -> list[str]:
    return [e.rstrip(".").lower() for e in _EMAIL.findall(text)]


def phones_in(text: str) -> list[str]:
    out = []
    clean = _EMAIL.sub(" ", text)
    for m in _PHONE.finditer(clean):
        raw = m.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        # ISO dates, "10/05" and day-first "05.05.2027" are dates, not phones; "5000" is an amount.
        if (
            len(digits) < 7
            or re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw)
            or re.fullmatch(r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})", raw)
            or ("/" in raw and re.fullmatch(r"[\d/]+", raw))
        ):
            continue
        # "5000" is an amount; "0861239876" is a phone; so is "91234888" said after a name (eight-digit numbers
        # in Singapore, Hong Kong, Denmark, Norway), unless money words stand around it
        local = (
            len(digits) == 8
            and raw[0] in "23456789"
            and not re.search(
                r"(?:[$€£¥]|\b(?:usd|sgd|eur|gbp|aud|cad|budget|revenue|worth|deal|amount|of))\s*$",
                clean[: m.start()],
                re.I,
            )
        )
        if raw.isdigit() and not (len(digits) >= 10 or (len(digits) >= 9 and raw.startswith("0")) or local):
            continue
        out.append(raw)
    return out


_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĞĠĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŮŰŲŹŻŽ"
_CAP_SEQ = re.compile(
    rf"\b([{_UPPER}][^\W\d_'’-]*[\w'’-]+(?:\s+(?:[{_UPPER}][^\W\d_'’-]*[\w'’-]+|(?:de|van|von|da|del|di|le|la)\b|&(?=\s)))*)"
)
_NAMEY = re.compile(r"^[a-z][a-z'’-]+$")


def capitalized_spans(text: str) -> list[tuple[int, str]]:
    """Runs of Capitalised words that are not common words (candidate person or company names)."""
    out = []
    for m in _CAP_SEQ.finditer(text):
        words = m.group(1).split()
        # Trim leading/trailing stop words ("Move Jane Doe" -> "Jane Doe"; "Acme Please" -> "Acme").
        while words and words[0].lower().strip("'’s") in STOP:
            words.pop(0)
        while words and (words[-1].lower() in STOP):
            words.pop()
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        while words and words[-1].lower() in ("de", "van", "von", "da", "del", "di", "le", "la", "&"):
            words.pop()  # a particle ends no name ("Please delete …" is not the name "de")
        while words and words[0].lower() in ("de", "van", "von", "da", "del", "di", "le", "la", "&"):
            words.pop(0)
        if words and not all(w.lower() in STOP or w.lower() in _MONTHS_DAYS for w in words):
            start = m.start() + m.group(1).find(words[0])
            out.append((start, " ".join(words)))
    return out


_MONTHS_DAYS = set(
    """january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    usd eur sms seo ppc crm ceo cmo cto vip q1 q2 q3 q4 christmas xmas easter""".split()
)


_FUNCTION_WORDS = {"his", "her", "he", "she", "they", "we", "i", "it", "the", "a", "an", "and", "or", "to", "of",
                   "in", "on", "at", "is", "was", "for", "with", "from", "by", "as", "who", "that", "this"}  # fmt: skip


def clean_name(text: str) -> str:
    words = [w for w in re.split(r"\s+", text.strip(" ,.;:!?'\"")) if w]
    while words and words[0].lower() in STOP:
        words.pop(0)
    # "Kolkata Knit Works", "Acme Group Partners": a capitalised last word of a capitalised name is the name's own
    # (typed in mixed case), not a trailing "works"/"group" of the sentence
    proper = (
        len(words) >= 2
        and all(w[:1].isupper() for w in words)
        and not " ".join(words).isupper()
        and not any(re.search(r"[.!?]$", w) for w in words[:-1])  # "Ledgerline. His": two sentences
    )
    while (
        words
        and words[-1].lower() in STOP
        and not (proper and len(words) > 1 and words[-1][:1].isupper() and words[-1].lower() not in _FUNCTION_WORDS)
    ):
        words.pop()
    if words and re.fullmatch(r"[^\W\d_][\w'’-]{4,}[.,;:!?]", words[-1]):
        words[-1] = words[-1][:-1]  # "Ledgerline. His name's …": the sentence's stop ("Ltd.", "s.r.o." keep theirs)
    name = " ".join(words)
    name = without_possessive(name)
    # all-lower-case input ("jane doe") reads as a proper name; mixed case is kept as typed
    return " ".join(w[:1].upper() + w[1:] for w in name.split()) if name and name.islower() else name


_REF_BEFORE = (
    r"(?:move|mark|set|update|change|assign|reassign|switch|make|put|delete|remove|erase|trash|wipe|drop|score|rate|"
    r"rescore|explain|show|open|pull up|find|get|lookup|look up|called|call|emailed|email|met|meeting with|"
    r"spoke (?:to|with)|talked (?:to|with)|with|for|about|of|is|tag|untag|merge|combine|fold|into|and|to|"
    r"who owns|who handles|who is|owns|owner of|details|profile|timeline|history|contact|lead|customer|client)"
)
_REF_AFTER = (
    r"(?=\s+(?:to|as|into|is|are|was|has|had|from|at|with|'s|’s|stage|status|score|phone|email|now|should|"
    r"converted|signed|went|called|wants|asked|unsubscribed|opted|on|about|re|regarding|for|in|scoring|tagged|"
    r"owned|who|and|because|since|before|after|by|next|tomorrow|today|yesterday|please|pls|thanks|please)\b|\s*[,.:;!?'’]|$)"
)
# a participle or a word about the activity itself, said where a lower-case name could stand ("call scheduled for …")
_NOT_A_NAME = re.compile(
    r"(?:re)?scheduled|booked|planned|confirmed|cancell?ed|moved|postponed|done|notes?|summary|recap|went|set|agenda"
)
_LOWER_REF = re.compile(rf"\b{_REF_BEFORE}\s+(?P<name>[a-z][a-z'’-]+(?:\s+[a-z][a-z'’-]+){{0,2}}?){_REF_AFTER}", re.I)


@lru_cache(maxsize=8)
def _by_compound_given_name(contacts: tuple[str, ...]) -> dict[str, list[str]]:
    """Folded two-word given name ("maria fernanda", "jose angel") -> the contacts of three words or more whose
    second word is itself a given name (Spanish and Portuguese names: "María Fernanda Treviño")."""
    index: dict[str, list[str]] = {}
    for c in contacts:
        parts = _fold(c).split()
        if len(parts) >= 3 and (parts[1] in GIVEN_NAMES or parts[1] in PT_GIVEN_NAMES):
            index.setdefault(f"{parts[0]} {parts[1]}", []).append(c)
    return index


def compound_given_name_ref(text: str, m: Matcher) -> str | None:
    """ "la de Empaques, María Fernanda, ya pasó a oportunidad", "maria jose, pasala a sql": a two-word given name
    that exactly one contact carries."""
    if not m.vocab.contacts:
        return None
    index = _by_compound_given_name(tuple(m.vocab.contacts))
    if not index:
        return None
    words = _fold(text).split()
    for a, b in itertools.pairwise(words):
        owners = index.get(f"{a} {b}".strip(",.;:!?"), [])
        if len(owners) == 1:
            return owners[0]
    return None


def first_name_and_initial(text: str, m: Matcher) -> str | None:
    """ "Rahul J - opportunity", "sarah k. wants a call": a shared first name made one person by a surname's initial
    ("maria k got promoted", "chris d churned": typed in lower case too, but for the words "a", "i" and "o")."""
    if not m.vocab.contacts:
        return None
    index = _by_first_name(tuple(m.vocab.contacts))
    for hit in re.finditer(r"\b([^\W\d_][\w'’-]+)\s+([A-Z]|(?![aio]\b)[a-z])\b\.?(?![\w'’-])", text):
        owners = [
            c
            for c in index.get(_fold(hit.group(1)), [])
            if len(c.split()) > 1 and _fold(c.split()[-1])[:1] == _fold(hit.group(2))
        ]
        if len(owners) == 1:
            return owners[0]
    return None


def first_name_ref(text: str, m: Matcher) -> str | None:
    """ "pieter signed the 3yr contract", "lucia's follow up": a first name that starts the message (or is said
    with 's) and belongs to exactly one contact and to no colleague — that contact's full name."""
    if not m.vocab.contacts:
        return None
    index = _by_first_name(tuple(m.vocab.contacts))
    initial = first_name_and_initial(text, m)
    if initial:
        return initial
    # "Harpreet stage to MQL" names Harpreet; "Harpreet Singh," is someone's full name
    hit = re.match(rf"^\W*([^\W\d_][\w'’-]+)\b(?!\s+[{_UPPER}][\w'’-]+\s*(?:,|$))", text) or re.search(
        r"\b([^\W\d_][\w'’-]+)['’]s\b", text
    )

    def unique(raw: str) -> str | None:
        word = _fold(without_possessive(raw))  # "Jean-Luc's contract", "kenji's number"
        if word in STOP or word in _MONTHS_DAYS or len(word) < 3 or (m.user_names and word in m.user_names):
            return None
        owners = index.get(word, [])
        if not owners and raw[:1].isupper() and _said_alone(raw, text) and not _names_part(word, m):
            return diminutive_of(word, tuple(m.vocab.contacts))  # "Davo", "Macca", "Gazza"
        return owners[0] if len(owners) == 1 else told_apart_by_surname(owners, text)

    # ("tag Thandiwe": no first word or possessive to read, but the later checks still can)
    found = unique(hit.group(1)) if hit else None
    if found:
        return found
    surnames = _by_last_name(tuple(m.vocab.contacts))
    lead = (
        re.match(r"^\W*([A-Z][\w'’-]+)\b(?=\s+(?:is|was|-|–|—|:|has|had|signed|wants|to)\b|\s*[-–—:]|\W*$)", text)
        or re.search(r"\b([A-Z][\w’-]+)['’]s\b", text)  # "Nowak to opp.", "Wójcik → me", "what's Maaß's score"
        # "beckett -> opp" (read as "beckett to opp"): typed in lower case, before an arrow
        or re.match(r"^\W*([^\W\d_][\w'’-]+)\s*(?:->|→|=>|to\b)", text)
    )
    if lead:  # "O'Connell is a customer again", "Grunewald - evangelist": a surname said alone, one contact's
        owners = surnames.get(_fold(without_possessive(lead.group(1))), [])
        if len(owners) == 1 and not (m.user_names and _fold(lead.group(1)) in m.user_names):
            return owners[0]
    # "Moved Chinwe to sql", "… Kenji hasn't signed, put him back": a capitalised first name anywhere, or one
    # right after a change verb
    for later in re.finditer(
        r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+)\b(?!\s+[A-Z][\w'’-]+)|"
        r"\b(?:moved?|put|mark(?:ed)?|set|change[d]?|update[d]?|make|made|bump(?:ed)?|switch(?:ed)?|"
        # "email for jean-luc?", "any tasks on kenji": a first name typed in lower case after a preposition
        r"for|with|on|about|of|owns|tag)\s+([^\W\d_][\w'’-]+)",
        text,
    ):
        prev = re.search(r"\b([A-Z][\w'’-]+)\s+$", text[: later.start()])
        if later.group(1) and prev and prev.group(1).lower() not in STOP:
            continue  # "Marcus Yeo, 9011 2233": the family name of someone new, not contact Yeo Chee Hong
        found = unique(later.group(1) or later.group(2))
        if found:
            return found
    return None


def told_apart_by_surname(owners: list[str], text: str) -> str | None:
    """ "Katie at MMU (Bamford not Holt) is sql now", "jamie at salford city (okafor)": a first name several contacts
    share, made one person by a surname said elsewhere in the message; a surname said after "not" is ruled out."""
    said = {_fold(w) for w in re.findall(r"[^\W\d_][\w'’-]+", text)}
    ruled_out = {_fold(w) for w in re.findall(r"\bnot\s+(?:the\s+)?([^\W\d_][\w'’-]+)", text, re.I)}
    left = [c for c in owners if len(c.split()) > 1 and _fold(c.split()[-1]) in said - ruled_out]
    return left[0] if len(left) == 1 else None


_DIMINUTIVE_ENDS = ("zza", "za", "o", "a", "ie", "y")


def _said_alone(word: str, text: str) -> bool:
    """A nickname is said on its own, not inside a name ("Ferro & Sons Construction", "Silva Costa")."""
    for hit in re.finditer(re.escape(word), text):
        before, after = text[: hit.start()].rstrip(), text[hit.end() :].lstrip()
        if re.search(r"(?:[A-Z][\w'’.-]*|&)$", before) or re.match(r"(?:[A-Z]|&)", after):
            return False
    return True


def _names_part(word: str, m: Matcher) -> bool:
    """A word that is itself a contact's surname or part of a company's name is that, not a nickname."""
    if word in _by_last_name(tuple(m.vocab.contacts)):
        return True
    return word in _company_words(tuple(m.vocab.companies))


@lru_cache(maxsize=8)
def _company_words(companies: tuple[str, ...]) -> frozenset[str]:
    """Every folded word of the organization's company names, built once per vocabulary."""
    return frozenset(w for c in companies for w in _fold(c).split())


def nickname_and_surname(text: str, m: Matcher) -> str | None:
    """ "mo farooq" (Mohammed Farooq), "steph barlow" (Stephanie Barlow): a short form of a first name, then the
    surname of exactly one contact whose first name it starts (or whose diminutive it is)."""
    if not m.vocab.contacts:
        return None
    surnames = _by_last_name(tuple(m.vocab.contacts))
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    for short, last in pairwise(words):
        owners = surnames.get(_fold(without_possessive(last)), [])
        if not owners or _fold(short) in STOP:
            continue
        said = _fold(short)
        # "nick patel" (Nikhil Patel beside Roshni Patel): the one of that surname whose first name the short
        # form starts, "ck" heard as "k"
        fits = [
            o
            for o in owners
            if len(o.split()) >= 2
            and len(said) >= 2
            and (
                _fold(o.split()[0]).startswith(said)
                or (len(said) >= 3 and _fold(o.split()[0]).startswith(said.replace("ck", "k")))
                or diminutive_of(said, (o,)) == o
            )
        ]
        if len(fits) == 1 and (len(owners) == 1 or _fold(fits[0].split()[0]) != said):
            return fits[0]
    return None


@lru_cache(maxsize=1024)
def diminutive_of(word: str, contacts: tuple[str, ...]) -> str | None:
    """The one contact an Australian / British diminutive names: "davo" (David), "macca" (McAllister), "gazza"
    (Gary), "thommo" (Thompson): the stem, its doubled last letter single and a "z" read as "r", begins exactly
    one contact's first name or surname ("mc" read as "mac"). None when no stem fits one contact."""
    if len(word) > 6:
        return None  # diminutives are short: "davo", "macca", "thommo"
    stems = {word[: -len(suf)] for suf in _DIMINUTIVE_ENDS if word.endswith(suf) and len(word) > len(suf) + 1}
    stems |= {re.sub(r"(.)\1$", r"\1", st) for st in stems}
    stems |= {st[:-1] + "r" for st in stems if st.endswith("z")}
    stems = {st for st in stems if len(st) >= 3}
    if not stems:
        return None
    by_first, by_last = set(), set()
    for c in contacts:
        parts = [_fold(p) for p in c.split()]
        if len(parts) < 2:
            continue
        if any(parts[0].startswith(st) and parts[0] != st for st in stems):
            by_first.add(c)
        if any(n.startswith(st) and n != st for n in (parts[-1], re.sub(r"^mc", "mac", parts[-1])) for st in stems):
            by_last.add(c)
    # a first name first ("Gazza" is Gary before García), then a surname ("Macca" for McAllister)
    for found in (by_first, by_last):
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None


@lru_cache(maxsize=8)
def _by_last_name(contacts: tuple[str, ...]) -> dict[str, list[str]]:
    """Folded last name -> the contacts carrying it, built once per vocabulary."""
    index: dict[str, list[str]] = {}
    for c in contacts:
        if len(c.split()) >= 2:
            index.setdefault(_fold(c.split()[-1]), []).append(c)
    return index


@lru_cache(maxsize=8)
def _by_first_name(contacts: tuple[str, ...]) -> dict[str, list[str]]:
    """Folded first name -> the contacts carrying it, built once per vocabulary."""
    index: dict[str, list[str]] = {}
    for c in contacts:
        if c.split():
            index.setdefault(_fold(c.split()[0]), []).append(c)
    return index


_SOMEONE = {"fella", "fellow", "guy", "lad", "chap", "bloke", "dude", "gal", "lady", "girl", "woman", "man", "one",
            "person", "gent", "gentleman", "geezer"}  # fmt: skip


def _display_name(text: str, email: str, m: Matcher) -> str | None:
    """The known contact an address is written under in a mail header: "From: Ruby Tait <ruby@taitco.test>"."""
    shown = re.search(r"([^\W\d_][\w'’ .-]{1,60}?)\s*<\s*" + re.escape(email) + r"\s*>", text, re.I)
    if not shown or not m.vocab.contacts:
        return None
    return m.find_in(shown.group(1), m.vocab.contacts, cutoff=92)


def person_ref(text: str, m: Matcher, *, exclude: tuple[str, ...] = ()) -> str | None:
    """The contact a request is about: an email, a known contact name, a Capitalised name, or a name after a verb."""
    ex = {e.lower() for e in exclude if e}
    for e in emails_in(text):
        if e not in ex:
            named = m.find_in(text[: text.find(e)], m.vocab.contacts) if m.vocab.contacts else None
            shown = _display_name(text, e, m)
            if shown and shown.lower() not in ex:
                return shown  # a forwarded "From: Ruby Tait <ruby@…>": the address's own name is the contact
            if (
                named
                and named.lower() not in ex
                and (
                    re.search(
                        r"\b(?:new|details|changed?|update|updated|now|correct|right)\b|['’]s\s+e-?mail\s+from\s*$",
                        text[: text.find(e)],
                        re.I,
                    )
                    # "Lupe Archuleta | Office Manager | … | lupe@…\n^ … move her to mql": a pasted signature of
                    # someone the CRM knows by name; the address may be one it does not have
                    or (len(named.split()) >= 2 and re.search(r"[|\n]", text[: text.find(e)]))
                )
            ):
                # "Joseph Mwangi sent his new details: joseph.mwangi@…", "change Ola Berg's email from ola@old… to
                # …": the address is the new value or the old one, the person is named before it
                return named
            return e
    known = (
        m.find_in(text, m.vocab.contacts)
        or first_name_ref(text, m)
        or nickname_and_surname(text, m)
        or compound_given_name_ref(text, m)
    )
    if known and known.lower() not in ex:
        return known
    users = set(m.user_names)
    for _, span in capitalized_spans(text):
        low = span.lower()
        if low in ex or (users and m.user(span, cutoff=95)):
            continue  # one of the organization's users is an owner, not the contact
        if m.stage(low, cutoff=95) or low in ex or any(low == x for x in ex):
            continue
        if m.find_in(span, m.vocab.companies, cutoff=92) == span:
            continue
        if re.fullmatch(r"(?i:dr|mr|mrs|ms|mx|prof|doctor)", span):
            continue  # "send the report to Dr. Patel": the title, not the person
        by_surname = _by_last_name(tuple(m.vocab.contacts)).get(_fold(span), []) if " " not in span else []
        if len(by_surname) == 1 and not _by_first_name(tuple(m.vocab.contacts)).get(_fold(span)):
            return by_surname[0]  # "Petrov now SQL": the one contact of that surname
        return span
    for hit in _LOWER_REF.finditer(text):
        name = clean_name(hit.group("name"))
        words = name.lower().split()
        if users and words and m.user(words[0], cutoff=95) and len(words) == 1:
            continue  # "move gloria's … contacts": a colleague, not the contact
        if not words or all(w in STOP or w in _MONTHS_DAYS for w in words) or name.lower() in ex:
            continue
        if words[-1] in _SOMEONE:
            continue  # "can u move this fella to sql" (a signature below names him): nobody's name
        if len(words) == 1 and _NOT_A_NAME.fullmatch(words[0]):
            continue  # "log a note: onboarding call scheduled for Monday": what happened to the call, not who
        if m.stage(name, cutoff=92) or (len(words) == 1 and words[0] in STOP):
            continue
        if any(w in STOP for w in words):
            name = " ".join(w for w in name.split() if w.lower() not in STOP)
            if not name:
                continue
        return clean_name(name)
    return None


_COMPANY_CUE = re.compile(
    # ("Seini Mahe @ Tongan Feast Co": a free-standing "@" has no word boundary before it)
    r"(?:\b(?:at|from|with|for|company|account|works? at|working at|employer|client)|(?<!\S)@)\s+(?:the\s+)?"
    r"(?P<name>[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|de))*)"
)
_COMPANY_CALLED = re.compile(
    r"\b(?:company|firm|agency|startup|start-up|fintech|business|outfit|brand|school|hospital|clinic|practice|"
    r"shop|store|restaurant|hotel|charity|consultancy|studio|group|ngo|nonprofit|non-profit|foundation|co-?op|"
    r"cooperative|truck|cafe|café|bakery|salon|gym|bar|pub|winery|brewery|farm|spa|boutique|venue|chain|franchise|"
    r"label|app|podcast|stall|kiosk|clinic)\b[^.,;\n]{0,40}?\b(?:called|named)\s+"
    r"(?P<name>[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|de))*)"
)
_COMPANY_LOWER = re.compile(
    # "at a braai on Sunday", "from a friend": a thing said with "a" or a possessive is not an employer
    r"\b(?:at|from|company|account|works? at|working at)\s+(?:the\s+)?(?!(?:a|an|some|my|our|his|her|their|your)\s)"
    r"(?P<name>[a-z0-9][\w&'’.-]*(?:\s+[a-z0-9][\w&'’.-]*){0,3}?)"
    r"(?=\s+(?:to|as|into|with|who|that|and|scoring|score|tagged|owned|over|above|under|below|in|on|for|created|since|worth|for|deal|,)\b"
    r"|\s+(?:they|he|she|we)\b|[,.!?]|$)",
    re.I,
)
_DEAL_CO = re.compile(
    r"\b(?:the\s+)?(?P<name>[\w&'’.-]+(?:\s+[\w&'’.-]+){0,2}?)(?:'s|’s)?\s+(?:deal|opportunity|opp|account)\b", re.I
)


def company_ref(text: str, m: Matcher, *, deal: bool = False) -> str | None:
    known = m.find_in(text, m.vocab.companies, cutoff=90)
    if known:
        return known
    named = _COMPANY_CALLED.search(text)
    if named and clean_name(named.group("name")):
        return clean_name(named.group("name"))  # "a new fintech in Spinningfields called Ledgerline"
    for hit in _COMPANY_CUE.finditer(text):
        name = clean_name(hit.group("name"))
        if re.fullmatch(r"[\d\s.,]+", name or "") or re.match(
            r"\s+(?:days?|weeks?|months?|years?|mins?|minutes?|hours?|people|guests|seats?)\b", text[hit.end() :], re.I
        ):
            continue  # "for 90 days", "for 250 people": a number, not a company
        if name and name.lower() not in STOP and not m.stage(name, cutoff=95) and not _is_source(name, m):
            if not find_dates(name, date.today()) and name.lower() not in _MONTHS_DAYS and not m.user(name, cutoff=95):
                return name
    if deal:
        for hit in _DEAL_CO.finditer(text):
            name = clean_name(hit.group("name"))
            if name and name.lower() not in STOP:
                return name
    sources = [_fold(s) for s in m.vocab.lead_sources]
    for hit in _COMPANY_LOWER.finditer(text):
        name = clean_name(hit.group("name"))
        tail = _fold(text[hit.start("name") :])
        if any(tail.startswith(s) for s in sources if s):
            continue  # "mqls from paid search": a lead source, not a company
        if _EVENT.search(name):
            continue  # "met him at the local meetup": a place or an event, not an employer
        if name and name.lower() not in STOP and not m.stage(name, cutoff=95) and not _is_source(name, m):
            if not find_dates(name, date.today()) and not re.search(r"\d", name):
                return name
    return None


_EVENT = re.compile(
    r"\b(meetup|meet-up|conference|expo|trade ?show|event|webinar|summit|fair|party|dinner|lunch|breakfast|coffee|"
    r"gym|airport|office|booth|networking|workshop|seminar|festival|convention|mixer|game)\b",
    re.I,
)


# Someone named only as who sent or knows a person ("referred by Rafael da Silva", "same account as rhiannon"):
# not the person a request is about, nor their company.
REFERRER = re.compile(
    r"\b(?:referred by|referral from|recommended by|introduced by|intro from|sent (?:to us )?by|"
    # ("a referral from Dr. Mensah: Dr. Nathan Brooks, …": the title before the referrer's name goes with it)
    r"same (?:account|company) as|colleague of|via)\s+(?:(?:dr|mr|mrs|ms|prof)\.?\s+)?"
    r"(?:[^\W\d_][\w'’-]*(?:\s+|$|(?=[:,;.]))){1,3}",
    re.I,
)


def _is_source(text: str, m: Matcher) -> bool:
    return bool(_best(text, {_fold(s): s for s in m.vocab.lead_sources}, 90))


_SOURCE_ALIASES = {"fb": "facebook", "ig": "instagram", "insta": "instagram", "li": "linkedin", "yt": "youtube",
                   "g ads": "google ads", "adwords": "google ads", "ppc": "paid search"}  # fmt: skip


# A source said outright ("source: cold call", "with networking as the source") ...
_SOURCE_STATED = (
    # ("set the source to trade-show": what it is set to)
    r"\b(?:lead\s+)?(?:source|src)\s*(?:is|:|=|-|to)?\s*(?:the\s+)?([\w -]{2,30}?)"
    r"(?=[,.;!?|)/\n]|$|\s+(?:and|stage|owner|tag|tags|follow|phone|email|mine|so|but)\b)",
    r"\b([\w-]+(?: [\w-]+)?)\s+as\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:lead\s+)?source\b",
    # a form's own answer: "How did you hear about us: Instagram", "Heard about us? - a friend"
    r"\b(?:how\s+did\s+you\s+(?:hear|find out|learn)\s+about\s+us|heard\s+about\s+us|referral\s+source)\W{0,3}\s*"
    r"([\w -]{2,30}?)(?=[,.;!?|)/\n]|$)",
)
# ... or in passing ("came in from the webinar", "yelp leads")
_SOURCE_SAID = (
    r"\b(?:source|via|through|came from|came in from|came in off|came in through|off|from(?: the)?|leads? from)\s+(?:the\s+|an?\s+)?([\w -]{2,30}?)(?=\s+(?:leads?|contacts?|campaign|people|form|and|with|to|as|who|that|this|last|since|in|review|reviews|listing|profile|page|ad|ads|post|booth)\b|[,.!?]|$)",
    r"\b([\w-]+(?: [\w-]+)?) leads\b",
    # "messaged us on Instagram about …", "found us through LinkedIn": where they reached us is the source
    r"\b(?:messaged|dm['’]?e?d|contacted|found|reached out to|enquired with|inquired with|wrote to|pinged|slid into)\s+"
    r"(?:us|our dms)\s+(?:on|via|through|over|from)\s+(?:the\s+)?([\w-]+ [\w-]+)\b",
    r"\b(?:messaged|dm['’]?e?d|contacted|found|reached out to|enquired with|inquired with|wrote to|pinged|slid into)\s+"
    r"(?:us|our dms)\s+(?:on|via|through|over|from)\s+(?:the\s+)?([\w-]+)\b",
)


# How someone came to us, told as a story, and the kind of lead source that story is: the organization's own
# source of that kind is used when it has exactly one ("event", "trade-show", "reiq expo"; "referral").
_EVENT_WORDS = r"(?:expo|fair|trade[- ]?show|trade[- ]?fair|conference|summit|booth|stand|stall|meetup|meet-up|convention|congress|exhibition|salon|open day|networking(?: event| night)?|event)"
_SOURCE_STORIES = (
    (
        rf"\b(?:met|meet|spoke (?:to|with)|talked (?:to|with)|chatted (?:to|with)|picked up)\s+(?:\w+\s+){{0,3}}?(?:at|during)\s+"
        rf"(?:the\s+|a\s+|an\s+|our\s+|their\s+)?(?:[\w&'’-]+\s+){{0,4}}?{_EVENT_WORDS}s?\b"
        rf"|\b(?:from|at)\s+(?:the\s+|our\s+)?(?:[\w&'’-]+\s+){{0,4}}?{_EVENT_WORDS}s?\s*[:,-]",
        r"event|expo|fair|show|conference|summit|booth",
    ),
    (
        r"\breferred (?:this one|this (?:guy|lady|person)|him|her|them|us)\b|\b(?:friend|colleague|client|customer)['’]?s? referral\b"
        r"|\breferral from\b"
        # "she came by indication of Luíza", "by recommendation of", "it is Élodie who recommended us"
        r"|\b(?:by|through|via|on) (?:the )?(?:indication|recommendation|referral|suggestion) of\b|\brecommended us\b"
        # "he got our name from Becky at Ancoats", "introduced by", French "référé(e) par"
        r"|\bgot (?:our|my) (?:name|number|details) from\b|\br[ée]f[ée]r[ée]e? par\b",
        r"referr",
    ),
    (r"\bwhats ?app(?:ed)? us\b|\b(?:on|via|through) whats ?app\b", r"whats ?app"),
    (r"\bwalk(?:ed)?[- ]in(?:to)?\b", r"walk"),  # "she walked into the Leslieville studio"
    # "she emailed us first", "got in touch by email": they wrote in, the organization's inbound email source
    (
        r"\be-?mailed\s+us\b|\b(?:came in|reached out|got in touch|contacted us|enquired|inquired)\s+(?:by|via|over)\s+e-?mail\b",
        r"e-?mail",
    ),
    # "a new contact from the web form", "filled in the contact form": the website's form is the website source
    (r"\b(?:web|website|online|contact|enquiry|inquiry)\s+form\b", r"web(?!inar)"),
)


def _source_in(patterns: tuple[str, ...], text: str, table: dict[str, str]) -> str | None:
    """The first organization lead source that a pattern's group names."""
    for pat in patterns:
        for hit in re.finditer(pat, text, re.I):
            # "from the website form", "came from the facebook ads": the organization's longer source said there
            # beats the shorter one the pattern stopped at ("website", "facebook")
            said = _fold(hit.group(1))
            after = _fold(text[hit.start(1) : hit.start(1) + 40])
            longer = max(
                (
                    k
                    for k in table
                    if len(k) > len(said) and k.startswith(said) and re.match(rf"{re.escape(k)}\b", after)
                ),
                key=len,
                default=None,
            )
            val = table[longer] if longer else _best(hit.group(1), table, 88) or _part_of_one(said, table)
            if val:
                return val
    return None


def _part_of_one(said: str, table: dict[str, str]) -> str | None:
    """ "met him at our masterclass" for the source mwangaza-masterclass, "from TRENZ" for trenz-2027: the
    distinctive word of exactly one source, said without the rest of its name."""
    words = said.split()
    if len(words) != 1 or len(words[0]) < 4 or words[0] in STOP:
        return None
    owners = [v for k, v in table.items() if words[0] in re.split(r"[\s_-]+", k) and k != words[0]]
    return owners[0] if len(owners) == 1 else None


_WANTED = re.compile(
    r"\b(?:wants?|interested in|looking for|needs?|asking about|asked about|keen on|for|help with|quote for)\s+"
    r"(?:an?\s+|the\s+|some\s+|more\s+)?(?:\w+\s+)?$"
)


# what they want, listed: "he wants the whole shebang new website SEO google ads everything" (no break, no word
# of where they came from between the wish and the source's words)
_WANTED_LIST = re.compile(
    r"\b(?:wants?|interested in|looking for|needs?|keen on)\b"
    r"(?:(?!\b(?:and|but|from|via|came|through|found|heard|referred|met|source|src)\b)[^.;!?\n,:]){0,60}$"
)


def _starts_a_company(rest: str, m: Matcher) -> bool:
    """The text goes on with the name of a company the organization knows (its first two words at least)."""
    said = _fold(" ".join(rest.split()[:6]))
    for co in m.vocab.companies:
        words = _fold(co).split()
        if len(words) >= 2 and said.startswith(" ".join(words[:2])):
            return True
    return False


def _own_word_in(source: str, kind: str, window: str) -> bool:
    """Does ``window`` say a word of ``source`` that is not its kind ("jnto" of jnto-event, not "event")?"""
    words = [w for w in re.split(r"[\s_-]+", _fold(source)) if len(w) >= 3 and w not in STOP]
    return any(not re.search(kind, w, re.I) and re.search(rf"\b{re.escape(w)}\b", window) for w in words)


def source_of(text: str, m: Matcher) -> str | None:
    return _own_source(_source_of(text, m), m)


def _own_source(found: str | None, m: Matcher) -> str | None:
    """A default source the organization keeps only in a longer form of its own ("fb lead" is its
    "facebook-lead-ads", "met at the chamber mixer, a networking event" its "networking-event"): the one own source
    whose name holds the default's words."""
    if not found or found in m.vocab.own_lead_sources:
        return found
    words = r"[\s_-]+".join(re.escape(w) for w in _fold(found).split())
    longer = [s for s in m.vocab.own_lead_sources if re.search(rf"(?<![^\W_]){words}(?![^\W_])", _fold(s))]
    return longer[0] if len(longer) == 1 else found


def _source_of(text: str, m: Matcher) -> str | None:
    table = {_fold(s): s for s in m.vocab.lead_sources}
    stated = _source_in(_SOURCE_STATED, text, table)  # beats a source word met in the story
    if stated:
        return stated
    # where they came from, said in passing ("came from the home show"), beats an alias met in what they want
    said = _source_in(_SOURCE_SAID, text, table)
    if said:
        return said
    for alias, full in _SOURCE_ALIASES.items():
        hit = re.search(rf"\b{re.escape(alias)}\b", text, re.I)
        if full in table and hit and not _WANTED.search(text[max(0, hit.start() - 30) : hit.start()].lower()):
            return table[full]  # "FB lead - Tasha Greene …", not "wants fb ads for their new subdivision"
    for story, kind in _SOURCE_STORIES:
        told = re.search(story, text, re.I)
        if told:
            fits = [s for s in m.vocab.lead_sources if re.search(kind, s, re.I)]
            # "met her at the F&B expo" -> the event source; the one the story names ("from the open day", "trade
            # show", "reiq expo") or plainly "event" when there are several
            # (the name may go on after the event word: "met him at the networking breakfast" is networking-breakfast)
            window = _fold(told.group(0) + re.split(r"[,.;:!?\n(]", text[told.end() : told.end() + 40])[0])
            named = [
                s
                for s in m.vocab.lead_sources
                if re.search(
                    r"\b" + r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", _fold(s)) if p) + r"\b", window
                )
            ]
            if not named:
                # "met him at JNTO networking night" for the source jnto-event: the story names the one event source
                # by its own word (the organizer), not by the rest of the source's name
                named = [s for s in fits if _own_word_in(s, kind, window)]
            plain = [s for s in fits if _fold(s) in ("event", "events", "referral", "referrals")]
            # the organization's own sources come first in its vocabulary, the defaults after them: a default
            # "event" never beats the organization's own "trade show"
            own = [s for s in fits if s in m.vocab.own_lead_sources]
            if plain and own and plain[0] not in own and len(own) == 1:
                plain = own
            for pick in (named, plain, fits):
                if len(pick) == 1:
                    return pick[0]
    for pos, gram, val in _scan(text, table, 92):
        before = text.lower()[max(0, pos - 30) : pos]
        if (
            _WANTED.search(before)
            or (
                # "… new website SEO google ads everything"; but "new zillow inquiry", "New Google Ads lead" came from it
                re.search(r"\b(?:new|a\s+proper|better)\s+$", before)
                and not re.match(
                    r"\s*(?:leads?|inquir(?:y|ies)|enquir(?:y|ies)|contacts?|sign-?ups?|forms?|requests?|submissions?|"
                    r"messages?|calls?|one|prospects?)\b",
                    text[pos + len(gram) :],
                    re.I,
                )
            )
            or _WANTED_LIST.search(text.lower()[max(0, pos - 70) : pos])
        ):
            # "wants google ads management", "wants a website rebuild", "… new website SEO google ads everything":
            # what they want, not where they came from
            continue
        if re.search(
            r"\b(?:about|regarding|re|invit\w*\s+(?:\w+\s+)?to)\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,3}$", before
        ):
            continue  # "draft an email … about the tax credit webinar": the topic, not where they came from
        if re.search(r"\btag(?:s|ged)?\b[^.;:\n]*$", re.split(r"[.;\n]", text[:pos])[-1], re.I):
            continue  # "tag d2c, google-ads": a tag in the list, not the source
        nxt = text.lower()[pos + len(gram) : pos + len(gram) + 14]
        if len(gram) > 3 and not re.match(r"\s*(newsletter|campaign|blast|address|addresses|to\b|about)", nxt):
            return val
    # "met him at our masterclass", "all the masterclass contacts": one source's distinctive word, said where a
    # source is said (after from/at/via, or before the people it brought)
    for hit in re.finditer(
        r"\b(?:from|at|via|through|thru)\s+(?:the\s+|our\s+|an?\s+|last\s+|this\s+)*([\w-]+)"
        r"|\b([\w-]+)\s+(?:contacts|leads|people|attendees|signups|sign-ups|crowd|folks)\b",
        text,
        re.I,
    ):
        found = _part_of_one(_fold(hit.group(1) or hit.group(2)), table)
        if found and hit.group(1) and _starts_a_company(text[hit.start(1) :], m):
            continue  # "Director of Marketing at Summit Air Heating & Cooling": the employer, not the "trades-summit"
        if found and not _WANTED.search(text.lower()[max(0, hit.start() - 30) : hit.start()]):
            return found
    return None


# short forms organizations use in tag names, and the word people say ("social-media-mgmt": "social media
# management")
TAG_SHORT_FORMS = {
    "mgmt": "management", "mgt": "management", "mktg": "marketing", "mkt": "marketing", "dev": "development",
    "biz": "business", "svc": "service", "svcs": "services", "ops": "operations", "admin": "administration",
    "acct": "account", "accts": "accounts", "prod": "production", "int": "international", "intl": "international",
    "maint": "maintenance", "install": "installation", "reno": "renovation", "promo": "promotion",
}  # fmt: skip


def _spoken_tag(tag: str) -> str:
    """A tag as people say it: words apart, short forms written out ("social-media-mgmt": "social media management")."""
    return " ".join(TAG_SHORT_FORMS.get(w, w) for w in re.split(r"[-_\s]+", _fold(tag)) if w)


def _more_tags(rest: str, m: Matcher) -> list[str]:
    """The rest of a tag list after its first tag ("tag her single-origin and espresso-blend", "tags psl + retained"):
    only tags the organization uses, so "tag her vip and call her friday" stops at "vip"."""
    if not m.vocab.tags:
        return []
    table = {_fold(t): t for t in m.vocab.tags}
    spoken = {said: t for t in m.vocab.tags if " " in (said := _spoken_tag(t))}
    out = []
    while True:
        three = re.match(r"\s*(?:,|\band\b|&|\+|/)\s*(?:the\s+)?['\"]?([\w-]+(?:\s[\w-]+){1,2})['\"]?", rest, re.I)
        said = spoken.get(_fold(three.group(1))) if three else None
        if said:  # "tag her retail and social media management": the tag social-media-mgmt, said in words
            out.append(said)
            rest = rest[three.end() :]
            continue
        nxt = re.match(r"\s*(?:,|\band\b|&|\+|/)\s*(?:the\s+)?['\"]?([\w-]+(?:\s[\w-]+)?)['\"]?", rest, re.I)
        if not nxt:
            return out
        words = nxt.group(1).split()
        two = table.get(_fold(nxt.group(1))) if len(words) == 2 else None
        one = _best(words[0], table, 90)
        if not (two or one):
            return out
        out.append(two or one)
        rest = rest[nxt.end() if two or len(words) == 1 else nxt.start(1) + len(words[0]) :]


def _clipped_tag(raw: str, tags: list[str]) -> str | None:
    """The one tag a clipped two-word phrase stands for, each word the start of the tag's word: "grad campaign" is
    graduate-campaign, "exec search" executive-search (British shorthand clips the long word, keeps the other)."""
    words = raw.lower().split()
    if len(words) < 2 or any(len(w) < 3 for w in words):
        return None
    fits = [
        t
        for t in tags
        if len(parts := re.split(r"[\s_-]+", t.lower())) == len(words)
        and all(p.startswith(w) for p, w in zip(parts, words, strict=True))
    ]
    return fits[0] if len(fits) == 1 else None


def tags_of(text: str, m: Matcher) -> list[str]:
    out: list[str] = []
    for hit in re.finditer(
        # "tags: vip, full-service": the colon is not a tag, and "tags" is never read as "tag" + "s"
        # ("label" only as a verb, never "the label redesign")
        r"\b(?:tagged(?: as| with)?|tag(?:ged)?s?\b|with (?:the )?tag|labell?ed|label(?=\s*:|\s+(?:him|her|them|it|as)\b)|#)"
        r"\s*:?\s*['\"]?([\w-]+(?: [\w-]+)?)['\"]?",
        text,
        re.I,
    ):
        raw = hit.group(1).lower()
        end = hit.end()
        if re.match(r"['’]t\b", text[hit.end(1) :]):
            continue  # "the e-learning tag doesn't mean anything anymore": a verb, not a tag
        if re.match(r"(?:to|onto|on|for|from|off)\b", raw):
            continue  # "add golden visa tag to Deepa Iyer": the tag was named before the word, the person follows
        if re.match(r"(?:coz|cos|cuz|cause|because|bc|since)\b", raw):
            continue  # "vip tag coz their CEO asked": the reason for the tag named before the word
        if " " in raw and m.vocab.tags and _best(raw.split()[0], {_fold(t): t for t in m.vocab.tags}, 95):
            raw = raw.split()[0]  # "tagged hot haven't been contacted": the known tag, not two words
            end = hit.start(1) + len(raw)
        if re.fullmatch(r"as well|too|also|as well as", raw):
            continue  # "please add the needs-callback tag as well": also, not a tag called "well"
        if raw.startswith("as ") and len(raw.split()) == 2:
            raw = raw.split()[1]  # "pls tag as restaurant and hot-lead"
            end = hit.end()
        pron = re.match(r"(?:him|her|them|it|this one|those|these)\s+(?:as\s+|with\s+)?([\w-]+)$", raw)
        if pron:
            raw = pron.group(1)  # "tag him corporate"
        joined = re.match(r"\s+([\w-]+)", text[hit.end() :])
        if (
            m.vocab.tags
            and joined
            and _fold(raw.split()[-1] + " " + joined.group(1)) in {_fold(t) for t in m.vocab.tags}
        ):
            raw = (
                raw.split()[-1] + "-" + joined.group(1).lower()
            )  # "tag him barista training": the tag barista-training
        if m.vocab.tags and not _best(raw, {_fold(t): t for t in m.vocab.tags}, 85):
            rest = text[hit.start(1) :]
            who = m.find_in(rest[:60], m.vocab.contacts, cutoff=92) if m.vocab.contacts else None
            if who:  # "tag daniel bailey budget-approved": the name is who gets tagged; the tag follows it
                after = re.match(
                    r"\W*(?:\S+\s+){" + str(len(who.split())) + r"}(?:as\s+|with\s+)?['\"]?([\w-]+)(\s+[\w-]+)?", rest
                )
                if after is None or after.group(1).lower() in STOP:
                    continue
                raw = after.group(1).lower()
                two = f"{raw} {after.group(2).strip().lower()}" if after.group(2) else ""
                if two and _fold(two) in {_fold(t) for t in m.vocab.tags}:
                    raw = two.replace(" ", "-")  # "tag keyonna brooks as bundle candidate": the tag bundle-candidate
                    end = hit.start(1) + after.end()
                else:
                    end = hit.start(1) + after.end(1)
        clipped = _clipped_tag(raw, m.vocab.tags)
        if clipped:
            raw = clipped  # "tag grad campaign": the organization's graduate-campaign, not "grad"
        words = raw.split()
        if len(words) == 2 and m.vocab.tags and _fold(raw) in {_fold(t) for t in m.vocab.tags}:
            words = [raw]  # "tag hot lead": the organization's hot-lead, not "hot" and the stage
        if len(words) == 2 and (words[1] in STOP or words[1] in ("list", "people", "contacts", "leads", "tag")):
            raw = words[0]
            end = hit.start(1) + len(raw)
        if raw.split()[0] in STOP:
            continue
        known = _best(raw, {_fold(t): t for t in m.vocab.tags}, 85) if m.vocab.tags else None
        if not known and m.vocab.tags and " " not in raw:
            # "tag him hot" where the organization keeps hot-lead: the one tag that is the word plus a generic noun
            generic = [
                t
                for t in m.vocab.tags
                if re.fullmatch(rf"{re.escape(raw)}[- ](?:leads?|prospects?|contacts?|clients?)", t)
            ]
            known = generic[0] if len(generic) == 1 else None
        out.append(known or re.sub(r"\s+", "-", raw))
        out.extend(_more_tags(text[end:], m))
    for hit in re.finditer(r"\b(?:the|a|an)\s+['\"]?([\w-]+(?:\s[\w-]+)?)['\"]?\s+tag\b", text, re.I):
        raw = hit.group(1).lower()
        # "she's the gatekeeper so tag her cold": "so tag" is the verb, not a tag named before the word
        if raw not in STOP and raw.split()[-1] not in ("so", "then", "and", "but", "pls", "please", "just"):
            known = _best(raw, {_fold(t): t for t in m.vocab.tags}, 85) if m.vocab.tags else None
            out.append(known or raw)
    for hit in re.finditer(r"\b([\w-]+(?:\s[\w-]+)?)\s+tag\b", text, re.I):
        known = {_fold(t): t for t in m.vocab.tags}.get(_fold(hit.group(1))) or {_fold(t): t for t in m.vocab.tags}.get(
            _fold(hit.group(1).split()[-1])
        )
        if known:
            out.append(known)  # "katarzyna wisniewska do-not-call tag pls"
    for hit in re.finditer(r"\b((?:[\w-]+\s*(?:\+|&|,|\band\b)\s*)+[\w-]+)\s+tags\b", text, re.I):
        # "brand-refresh + distillery tags": the organization's tags listed before the word
        for part in re.split(r"\s*(?:\+|&|,|\band\b)\s*", hit.group(1)):
            known = {_fold(t): t for t in m.vocab.tags}.get(_fold(part))
            if known:
                out.append(known)
    for hit in re.finditer(r"\b(?:the\s+)?([\w-]+)\s+(?:list|people|folks|crowd)\b", text, re.I):
        known = _best(hit.group(1), {_fold(t): t for t in m.vocab.tags}, 90) if m.vocab.tags else None
        if known:
            out.append(known)
    spoken = {_spoken_tag(t): t for t in m.vocab.tags}
    for hit in re.finditer(
        r"\btag(?:ged)?\s+(?:him|her|them|it)\s+(?:for|as|with)\s+(?:the\s+)?([\w-]+(?:\s+[\w-]+){0,2})", text, re.I
    ):
        words = _fold(hit.group(1)).split()
        for n in (3, 2, 1):  # "tag him for reviews management": the tag reviews-mgmt, said in words
            if len(words) >= n and " ".join(words[:n]) in spoken:
                out.append(spoken[" ".join(words[:n])])
                break
    return list(dict.fromkeys(out))


def owner_of(text: str, m: Matcher) -> str | None:
    """An owner used as a filter: "owned by Maria", "Maria's leads", "my contacts", "assigned to Tom"."""
    low = text.lower()
    pats = [
        r"\b(?:owned by|owner(?: is|:)?|assigned to|belonging to|handled by|managed by|rep(?: is)?)\s+([\w.@-]+(?-i: [A-Z][\w-]+)?)",
        r"\b([\w.@-]+(?:\s+[\w.@-]+)?)['’]s\s+(?:leads|contacts|deals|tasks|pipeline|accounts|customers|clients|people|to-?dos|prospects|opportunities|book)",
        r"\bfor\s+([\w.@-]+)\b(?!\s+(?:days|weeks|months))",
        r"\b(?:has|does|did)\s+([\w.@-]+)\s+(?:got|get|have|own|look after|handle)\b",  # "which contacts has hannah got"
        # "all opportunities of Katrin", "top 10 leads of Merve", "which contacts has Merve (actually)?"
        r"\b(?:contacts?|leads?|customers?|clients?|opportunities|opps|subscribers|accounts?|mqls|sqls|people|prospects)\s+"
        r"(?:of|from|at)\s+([\w.@-]+)\b",  # ("leads at Rogelio": Spanish "de" read as at; "every contact of Noor")
        r"\b(?:contacts|leads|customers|clients|opportunities|opps|accounts|mqls|sqls)\s+(?:has|does)\s+([\w.@-]+)\b",
        r"\b(?:is|are)\s+([\w.@-]+)\s+(?:handling|managing|looking after|covering|working on|running)\b",  # "…is Divya handling"
    ]
    for i, p in enumerate(pats):
        for hit in re.finditer(p, text, re.I):
            raw = hit.group(1)
            if raw.lower() in ("me", "myself", "i"):
                return "me"
            user = m.user(raw) if m.user_names else None
            if user:
                return user
            if i < 2 and m.user_names == {} and raw.lower() not in STOP:
                return clean_name(raw) if "@" not in raw else raw.lower()
            if i == 0 and raw.lower() not in STOP:
                return clean_name(raw) if "@" not in raw else raw.lower()
    if m.user_names:
        for hit in re.finditer(r"\b([\w.@-]+)['’]s\b", text):
            user = m.user(hit.group(1), cutoff=95)
            if user:
                return user  # "Kofi's mqls": a user's possessive is an owner filter
        for hit in re.finditer(
            r"\b([^\W\d_][\w-]+?)s\s+(?:leads|contacts|customers|clients|deals|people|accounts|prospects|"
            r"opportunities|opps|mqls|sqls|subscribers)\b",
            text,
            re.I,
        ):
            user = m.user(hit.group(1), cutoff=95)
            if user:
                return user  # "reassign all of yesenias customers to marisol": the apostrophe left out
        for p in (
            # "all the opportunities Tyler has right now", "all opportunities with Rohit": a colleague's people
            r"\b(?:contacts|leads|customers|clients|opportunities|opps|accounts|mqls|sqls|prospects)\s+(?:that\s+)?"
            r"([\w.@-]+)\s+(?:has|have|owns|is handling|handles|is working)\b",
            r"\b(?:contacts|leads|customers|clients|opportunities|opps|accounts|mqls|sqls|prospects)\s+with\s+([\w.@-]+)\b",
            r"\b([\w.@-]+)\s+(?:owns|handles|manages|looks after|is (?:in charge of|responsible for|handling|managing|working on))\b",
            r"\b(?:does|is|did|has)\s+([\w.@-]+)\s+(?:have|own|handle|manage|working)\b",
        ):
            for hit in re.finditer(p, text, re.I):
                user = m.user(hit.group(1), cutoff=92)
                if user:
                    return user
    # "everybody, not just mine", "it's messing up my view": a "my" that selects nobody
    low = re.sub(
        r"\bnot\s+(?:just|only)\s+(?:mine|my\s+\w+)|\b(?:everyone|everybody|all)\b[^.?!]{0,20}\bnot\s+mine\b|"
        r"\bmy\s+(?:view|dashboard|screen|report|reports|inbox|calendar|phone|laptop|day|week|bad|god|goodness|"
        r"head|opinion|boss|manager|team|colleague|pipeline view|numbers)\b",
        " ",
        low,
    )
    # "pull up every customer tagged renewal-due I need to call them all": why the writer wants the list, no owner
    low = re.sub(r"\bi\s+(?:need|have|want|got)\s+to\s+\w+\s+(?:them|these|those|'em)\b", " ", low)
    if re.search(
        r"\b(my|mine|i own|i'm responsible|assigned to me|do i|i need|i have|should i|have i|i've got|am i)\b", low
    ):
        return "me"
    return None


def new_owner_of(text: str, m: Matcher) -> str | None:
    """The owner a change assigns: "assign X to Maria", "give ... to Tom", "make Priya the owner"."""
    if re.search(
        r"\bi(?:'ll|’ll| will| can)\s+(?:own|take|handle|look after|look after)\b(?:\s+(?:it|her|him|them|this one))?"
        r"\s*(?:[.,;!)]|$)"
        # "… and I take her myself", "I'll keep her": the writer keeps the record
        r"|\bi(?:'ll|’ll| will)?\s+(?:take|keep)\s+(?:it|her|him|them|this one)(?:\s+myself)?\s*(?:[.,;!)]|$)",
        text,
        re.I,
    ):
        return "me"  # "stage opportunity, I'll own", "… I'll look after him"
    pats = [
        # "swap Anna over to Ben": British for handing a client over
        r"\b(?:assign(?:ed)?|reassign|give|hand(?: over)?|transfer|pass|switch|swap|move)\b.*?\b(?:over )?to\s+([\w.@-]+(?-i:\s+[A-Z][\w-]+)?)",
        # "make Tobias the responsible for Åsa" (German/Dutch "der Verantwortliche"), "make Ana the rep"
        r"\bmake\s+([\w.@-]+)\s+(?:the\s+)?(?:owner|responsible|rep|account manager|person in charge|point person)\b",
        # "and Fleur becomes owner", "the owner becomes Bram"
        r"\b([\w.@-]+)\s+(?:becomes|will become|is becoming)\s+(?:the\s+)?(?:new\s+)?(?:owner|rep|account manager)\b",
        r"\b(?:owner|rep|account manager)\s+(?:becomes|will become|is becoming)\s+([\w.@-]+)",
        # "…, assign me, follow up monday", "assign yesenia": the owner said straight after the verb
        r"\bassign(?:ed)?\s+(?:(?:it|this one|him|her|them)\s+)?(?:to\s+)?([\w.@-]+)\s*(?:[,.;!\n]|$)",
        r"\b(?:owner|owned by)(?:\s+(?:to|is|should be)\s+|\s*[:=]\s*|\s*(?:->|→)\s*|\s+)([\w.@-]+(?-i:\s+[A-Z][\w-]+)?)",
        r"\bunder\s+([\w.@-]+)",
        r"\b([\w.@-]+)\s+(?:should|will|can|is going to|to)\s+(?:own|take over|handle|look after)\b",
        r"\b([\w.@-]+)\s+(?:is|will be|should be)\s+(?:his|her|their|the)\s+(?:new\s+)?(?:account\s+)?"
        r"(?:rep|owner|account manager)\b",
        r"\b(?:pass|give|hand|switch|change|set)\s+(?:the\s+)?owner(?:ship)?\s+(?:over\s+)?to\s+([\w.@-]+)",
        # "change owner of Mika Nishimura to me", "switch the owner for all Acme contacts to Dana"
        r"\b(?:change|switch|set|update|move)\s+(?:the\s+)?owner(?:ship)?\s+(?:of|for|on)\s+[^.;!?\n]{1,80}?\s+to\s+"
        r"([\w.@-]+(?-i:\s+[A-Z][\w-]+)?)",
        r"\b(?:go|goes|going)\s+to\s+([\w.@-]+)",
        r"\b([\w.@-]+)\s+(?:owns|handles|manages|looks after|takes over|will take over|can take over|picks up)\s+"
        r"(?:him|her|them|it|this one|the account|this account|that account|the relationship|the client)\b",
        r"\b(?:can|could|should|will|let)\s+([\w.@-]+)\s+(?:take over|take|pick up|handle|own|look after)\b",
        r"\b([\w.@-]+)\s+(?:takes over|is taking over|will take over|picks up|is picking up)\b",
        r"\b([\w.@-]+)\s+(?:owns|has)[ \t]*(?:it|this one|this|him|her|both|both of them|them|all of them)?[ \t]*(?:[,.;!\n]|$)",
        r"\b([\w.@-]+?)(?:['’]s| is)\s+(?:taking|handling|getting|grabbing)\s+(?:him|her|them|it|this one)\b",
        r"\b(?:put|set)\s+([\w.@-]+)\s+as\s+(?:the\s+)?owner\b",
        r"\bput\s+(?:him|her|them|it)\s+(?:on|under|with)\s+([\w.@-]+(?-i:\s+[A-Z][\w-]+)?)",
        r"\b([\w.@-]+(?-i:\s+[A-Z][\w-]+)?)\s+owns\s+(?:it|him|her|them|this one)\b",
        r"\b([\w.@-]+)\s+is\s+(?:the\s+)?(?:owner|rep|account manager)\b",
        r"\bgive\s+([\w.@-]+)\s+(?:all|every|each|the|those|these)\b",
        # "every MQL from google ads should be Tom's", "they're all Priya's now"
        r"\b(?:should|shall|will|to|can|must)\s+(?:all\s+)?be\s+([\w.@-]+)['’]s\b",
        r"\b(?:are|is)\s+(?:all\s+)?(?:now\s+)?([\w.@-]+)['’]s(?:\s+now)?\s*(?:[,.;!]|$)",
        # chat mentions: "@dana she's yours", "@tyler can you own this one?", "@rogelio take it", "→ @gary"
        r"(?<![\w.])@([\w-]+)\b[\s,:–—-]*(?:(?:she|he|they|it|this one)(?:['’]s| is| are)\s+)?(?:all\s+)?"
        r"(?:yours|take (?:it|this|her|him|them)|(?:can|could) you (?:own|take|grab|handle)|to own|you own|"
        r"(?:pls|please) take|grab (?:it|this|her|him))\b",
        r"(?:->|→|\bto\b|\bowner\b:?)\s*@([\w-]+)",
    ]
    for p in pats:
        for hit in re.finditer(p, text, re.I):
            # "owner me. Follow up Friday": a sentence ends after the name, the next one's first word is not its surname
            raw = re.split(r"[.,;:!?]\s", hit.group(1))[0].strip().strip(".,;:!?")
            if raw.lower() in ("me", "myself"):
                return "me"
            user = m.user(raw) if m.user_names else None
            if not user and m.user_names and " " in raw:
                user = m.user(raw.split()[0])
            if user:
                return user
            if not m.user_names and raw.lower() not in STOP and not m.stage(raw, cutoff=90):
                return raw.lower() if "@" in raw else clean_name(raw)
    return None


def stage_after(text: str, m: Matcher) -> tuple[int, str] | None:
    """The lifecycle stage named in ``text`` (position, key): exact or fuzzy, longest phrase first."""
    hits = [
        h
        for h in _scan(text, m.stage_names, 88)
        # "just a lead, not an opportunity yet": a negated stage is the one it is not
        if not re.search(
            r"\b(?:not|no longer|isn'?t|never|wasn'?t|rather than|instead of)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
            r"(?:an?\s+|the\s+)?$",  # "a real lead now, not just a subscriber"
            text[: h[0]],
            re.I,
        )
        # "stop treating her like a lead": what she is not
        and not re.search(
            r"\b(?:stop|quit|don'?t keep|no more)\s+treating\s+\w+\s+(?:like|as)\s+(?:an?\s+)?$", text[: h[0]], re.I
        )
        # "do NOT move her to lead yet"
        and not re.search(r"\b(?:not|n'?t|never)\s+(?:\w+\s+){1,3}(?:to|as|into)\s+(?:an?\s+)?$", text[: h[0]], re.I)
        # "someone put her as churned by mistake": the wrong value, not the new one
        and not re.match(
            r"\W*(?:(?!someone\b|somebody\b|who\b)\w+\s+)?(?:by mistake|in error|by accident|accidentally|wrongly|by error)\b",
            text[h[0] + len(h[1]) :],
            re.I,
        )
        # "she was wrongly marked as MQL", "move her out of disqualified": the state it had, not the new one
        and not re.search(
            r"\b(?:(?:was|were|been|got)\s+(?:\w+\s+){0,2}(?:marked|set|put|moved|changed|flagged|entered|added|made)\s+"
            r"(?:as|to|in|into)|out of)\s+(?:an?\s+|the\s+)?$",
            text[: h[0]],
            re.I,
        )
        # "revert him to lead, someone wrongly put sql", "who changed Faizal to churned??": what a colleague set by
        # mistake is the value being undone
        and not re.search(
            r"\b(?:(?:someone|somebody|who)\s+(?:\w+\s+)?|(?:wrongly|mistakenly|accidentally)\s+)"
            r"(?:put|set|moved|marked|changed|made|switched)\s+(?:\S+\s+){0,4}?(?:(?:as|to|in|into)\s+)?(?:an?\s+)?$",
            text[: h[0]],
            re.I,
        )
        # "qualified her on teams" is not "disqualified"
        and h[1].lower() not in ("qualified", "qualify", "qualifies", "qualifying")
        # "the churned lot at Pennine Provisions …, turn off email consent for all of them": who, not the new stage
        and not (
            re.match(r"\s+(?:lot|ones|bunch|crowd|folks|guys|accounts)\b", text[h[0] + len(h[1]) :], re.I)
            and re.search(r"\b(?:the|all|every|our|my|his|her|their|those|these|any)\s+$", text[: h[0]], re.I)
        )
        # "lead source was instagram", "lead gen form": a kind of lead data, not the stage
        and not (
            h[2] == "lead"
            and re.match(r"[\s-]*(?:source|gen|generation|magnet|form|list|time|scor)", text[h[0] + len(h[1]) :], re.I)
        )
        # "from opportunity to won": won is a stage only as what the contact becomes, never "we won the pitch"
        and (
            h[1].lower() != "won"
            or re.search(r"\b(?:to|as|into|now|marked?|is|are)\s+(?:closed[- ])?$", text[: h[0]], re.I)
        )
    ]
    # "back to lead, the sql was premature": the stage it goes *to* wins over others mentioned
    targets = [
        h
        for h in hits
        if re.search(r"\b(?:to|as|into|now|back to)\s+(?:an?\s+|the\s+)?$", text[: h[0]], re.I)
        # "We lost Paolo as a client (…). mark churned": the stage an order names outright
        or re.search(r"(?:^|[.!;,]\s*|\s[-–—]\s*)(?:pls\s+|please\s+)?(?:mark|make|set)\s+$", text[: h[0]], re.I)
        or re.match(r"\s+again\b", text[h[0] + len(h[1]) :], re.I)  # "so customer again please"
    ]
    if targets:
        return targets[-1][0], targets[-1][2]
    if hits and hits[0][0] <= 2:
        return hits[0][0], hits[0][2]  # a stage first says what it becomes ("DQ zoe …", "lead, the sql was premature")
    return (hits[-1][0], hits[-1][2]) if hits else None


def date_spans(text: str, today: date) -> list[DateSpan]:
    return find_dates(text, today)


def split_clauses(text: str) -> list[str]:
    """ "find leads from Acme scoring over 70 and assign them to Maria" -> two clauses (a plan)."""
    # "emailed Bethany the brochure – log that, and she's an MQL now": what follows "log that" is a second request
    after_log = re.search(
        r"\blog (?:it|that|this|pls|please)(?:\s+as\s+(?:an?\s+)?(?:meeting|call|email|note|visit))?\b"
        r"(?P<sep>\s*[,.]?\s*(?:and then|and|then)\s+)(?=\S)",
        text,
        re.I,
    )
    if after_log:
        return [*split_clauses(text[: after_log.start("sep")]), *split_clauses(text[after_log.end("sep") :])]
    parts = re.split(
        # "note on lena: prefers texts after 5pm. also opt her into sms": "also" after a full stop starts a request
        # ("… — opportunity. Also pls create a task …": a courtesy word may follow "also")
        r"\s*(?:,\s*)?(?:\band then\b|\bthen\b|;|\band\b|,|[.!](?=\s+also\b))\s+"
        r"(?=(?:also\s+(?:(?:pls|please|can you|could you)\s+)?)?(?:assign|reassign|give|"
        r"move|mark|set|tag|add|delete|remove|draft|write|email|send|create|log|score|change|update|make|put|schedule|"
        r"remind|bump|push|switch|flag|untag|opt)\b)",
        text,
        flags=re.I,
    )
    return [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]


_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.):]|[•*▪●]|-(?=\s))\s*(?P<item>\S.*)$")


def list_items(text: str) -> tuple[str, list[str]] | None:
    """A message written as a numbered or bulleted list ("Sir, updates from today's visits:\n1) … 2) …"): the
    text before the list and one string per item (lines under an item continue it). None for fewer than two."""
    header: list[str] = []
    items: list[str] = []
    for line in text.split("\n"):
        hit = _LIST_ITEM.match(line)
        if hit:
            items.append(hit.group("item").strip())
        elif items and re.match(r"\s*(?:both|all|each|all of them|both of them|for all)\b", line, re.I):
            header.append(line)  # "…\n2. Sangeeta Rao - …\nboth under Rohit": said of every item, like the header
        elif items and line.strip():
            items[-1] = f"{items[-1]} {line.strip()}"
        elif not items:
            header.append(line)
    if len(items) < 2:
        return None
    return "\n".join(header).strip(), items


ANAPHOR = re.compile(r"\b(them|those|these|they|all of them|each of them|that list|the results?|their)\b", re.I)
