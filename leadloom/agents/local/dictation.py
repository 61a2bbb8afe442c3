"""Spoken forms in written requests: what speech-to-text leaves behind, turned back into what a person types.

Sales reps dictate to their phones between visits, and the transcript reaches Leadloom as words: an email read
out ("ana dot ferreira at spice route dot com dot au"), a phone number digit by digit ("oh four one two five
five …"), a name spelled for the listener ("jasper ng j a s p e r"), a date as words ("the twenty third"), and
the speaker correcting themself ("opportunity no wait I mean sql"). Every later step (names, emails, phones,
dates, stages) reads written forms, so the request is rewritten once, here, before anything else looks at it.
Typed text passes through unchanged: each rule needs a shape typed text does not have (a run of single
letters, five digit words in a row, "at … dot com", a correction cue).
"""

from __future__ import annotations

import unicodedata

from leadloom.agents.local import rx as re

_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
           "six": "6", "seven": "7", "eight": "8", "nine": "9"}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30}  # fmt: skip
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# (country endings of the places our users write from: "mugoauto dot co dot ke", "… dot com dot ng")
_TLD = (
    r"(?:com|net|org|io|co|biz|info|edu|gov|au|uk|nz|ie|ca|us|de|fr|es|it|nl|be|pt|br|in|za|sg|jp|app|dev|ai|"
    r"ke|ng|gh|tz|ug|rw|ph|my|hk|tw|mx|ar|cl|pe|ch|at|se|dk|fi|pl|cz|ae|sa|eg|ma|pk|bd|lk|vn|th|kr|tr|gr|il|ro|"
    r"ac|ltd|online|store|shop|agency|studio|health|xyz|me|tv)"
)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if c.isalnum())


# -- spelled names ---------------------------------------------------------------------------------------------
_LETTER_RUN = re.compile(r"(?<![\w'’])(?:[^\W\d_] ){2,}[^\W\d_](?![\w'’])")


def _spelled(text: str) -> str:
    """ "jasper ng j a s p e r n g" → "jasper ng" (spelling out what was just said); "it should be e r i c s s o n"
    → "it should be ericsson" (a spelling that is the value)."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(0).replace(" ", "")
        before = re.findall(r"[^\W\d_][\w'’-]*", text[: m.start()])[-4:]
        for k in range(1, len(before) + 1):
            if _fold("".join(before[-k:])) == _fold(word) or _fold(before[-k]) == _fold(word):
                return ""  # a confirmation of the name just said
        return word

    return _LETTER_RUN.sub(repl, text)


# -- emails read out -------------------------------------------------------------------------------------------
_EMAIL_CUE = r"(?:e-?mail(?:\s+address)?(?:\s+is|\s*:)?|address is)"
_SPOKEN_EMAIL = re.compile(
    rf"(?:(?P<cue>\b{_EMAIL_CUE})\s+(?P<local1>[\w-]+(?:\s+[\w-]+){{0,4}}?)|(?P<local2>[\w'’-]+(?:\s+[\w'’-]+){{0,2}}?))"
    rf"\s+at\s+(?P<domain>[\w-]+(?:\s+(?!dot\b)[\w-]+){{0,3}}?)\s+dot\s+(?P<tld>{_TLD}(?:\s+dot\s+{_TLD})*)\b",
    re.I,
)
_NOT_LOCAL = {"is", "it's", "it’s", "its", "that's", "she's", "he's",
              "it", "email", "e-mail", "mail", "address", "the", "and", "his", "her", "their",
              "no", "sorry", "wait", "actually", "me", "to", "send", "at", "on", "mean", "i", "was"}  # fmt: skip


def _local_part(words: list[str]) -> str:
    out = []
    for w in words:
        lw = w.lower()
        if lw == "dot":
            out.append(".")
        elif lw in ("underscore",):
            out.append("_")
        elif lw in ("dash", "hyphen"):
            out.append("-")
        else:
            out.append(_DIGITS.get(lw, lw))
    return "".join(out)


def _emails(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group("cue"):
            prefix, words = m.group("cue") + " ", m.group("local1").split()
        else:
            words = m.group("local2").split()
            # without "email is" in front, the address is the last words before "at" that are not talk
            keep: list[str] = []
            for w in reversed(words):
                # "her email's wiktoria at …": a word with "'s" is talk ("email's", "name's"), never the address
                if w.lower() in _NOT_LOCAL or re.search(r"['’]s$", w, re.I):
                    break
                keep.insert(0, w)
            if not keep:
                return m.group(0)
            prefix = m.group("local2")[: len(m.group("local2")) - len(" ".join(keep))]
            words = keep
        domain = "".join(w.lower() for w in m.group("domain").split())
        tld = ".".join(p.lower() for p in re.split(r"\s+dot\s+", m.group("tld")))
        return f"{prefix}{_local_part(words)}@{domain}.{tld}"

    return _SPOKEN_EMAIL.sub(repl, text)


# -- numbers read out ------------------------------------------------------------------------------------------
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_PHONE_RUN = re.compile(rf"\b(?:plus\s+)?{_DIGIT_WORD}(?:[\s,-]+{_DIGIT_WORD}){{5,}}\b", re.I)


def _phones(text: str) -> str:
    """ "oh four one two five five eight nine oh three" → "0412558903"; "double five" → "55"."""

    def repl(m: re.Match[str]) -> str:
        words = re.split(r"[\s,-]+", m.group(0).lower())
        out, repeat = "", 1
        for w in words:
            if w == "plus":
                out += "+"
            elif w in ("double", "triple"):
                repeat = 2 if w == "double" else 3
            else:
                out += (_DIGITS[w]) * repeat
                repeat = 1
        if re.fullmatch(r"\d{9}", out):
            # "five zero two three three one eight four four": a nine-digit national number (Poland, Spain,
            # Portugal, Czechia) is written in threes, "502 331 844", and unspaced it reads as no phone at all
            return f"{out[:3]} {out[3:6]} {out[6:]}"
        return out

    return _PHONE_RUN.sub(repl, text)


_ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_SPOKEN_ORDINAL = re.compile(
    rf"\b(?:(?P<tens>twenty|thirty)[\s-]+)?(?P<unit>{_ORDINAL_WORDS})\b|\b(?P<only>twentieth|thirtieth)\b", re.I
)


# after "the first …", one of these nouns makes it an ordinal of that noun, not a day ("the first time")
_ORDINAL_NOUN = re.compile(
    r"\s+(?:time|times|thing|things|step|steps|one|ones|call|calls|meeting|round|attempt|visit|week|month|year|quarter|"
    r"half|person|e-?mail|draft|option|choice|floor|try|place|job|impression|phase|batch|payment|invoice|order|page|"
    r"line|item|slot|instal?ment|contact|lead|deal)\b"
)


def _ordinal_dates(text: str) -> str:
    """ "the twenty third" → "the 23rd", "first of march" → "1st of march": only where a day of the month is meant
    ("the …", "… of <month>", "<month> …"), so "first name" and "second call" stay words."""

    def repl(m: re.Match[str]) -> str:
        before, after = text[: m.start()].lower(), text[m.end() :].lower()
        if not (
            re.search(r"\bthe\s+$", before)
            or re.match(rf"\s+(?:of\s+)?(?:{_MONTHS})\b", after)
            or re.search(rf"\b(?:{_MONTHS})\s+(?:the\s+)?$", before)
        ) or _ORDINAL_NOUN.match(after):
            return m.group(0)  # "the first time", "the second call": an ordinal of a noun, not a day
        unit = (m.group("unit") or m.group("only")).lower()
        day = _ORDINALS[unit] + (_TENS[m.group("tens").lower()] if m.group("tens") else 0)
        if not 1 <= day <= 31 or (m.group("tens") and _ORDINALS[unit] >= 10):
            return m.group(0)
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return f"{day}{suffix}"

    return _SPOKEN_ORDINAL.sub(repl, text)


_CARDINAL = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-]+(?P<unit>one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?P<teen>{'|'.join(_TEENS)})"
    rf"|(?P<small>two|three|four|five|six|seven|eight|nine)(?=\s+(?:hundred|thousand|k)\b))\b"
    r"(?:\s+(?P<scale>hundred|thousand|k)\b)?",
    re.I,
)


# "webinar two thousand twenty seven", "since two thousand and nine": a year said in words
_SPOKEN_YEAR = re.compile(
    rf"\btwo\s+thousand(?:\s+and)?\s+(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-]+(?P<unit>one|two|three|four|five|six|"
    rf"seven|eight|nine))?|(?P<teen>{'|'.join(_TEENS)})|(?P<small>one|two|three|four|five|six|seven|eight|nine))\b",
    re.I,
)


def _said_number(m: re.Match[str]) -> int:
    """The number below a hundred a match says in words, from its groups tens (+ unit), teen or small."""
    if m.group("tens"):
        return _TENS[m.group("tens").lower()] + (int(_DIGITS[m.group("unit").lower()]) if m.group("unit") else 0)
    if m.group("teen"):
        return _TEENS[m.group("teen").lower()]
    return int(_DIGITS[m.group("small").lower()])


def _years(text: str) -> str:
    """ "two thousand twenty seven" → "2027": a year, read before the cardinals (which made it "2000 27")."""
    return _SPOKEN_YEAR.sub(lambda m: str(2000 + _said_number(m)), text)


def _cardinals(text: str) -> str:
    """ "eighteen thousand" → "18000", "a score of eighty" → "a score of 80": amounts and thresholds said as
    words. Numbers below ten stay words unless scaled ("five thousand") — "these two" and "in two weeks" read fine."""

    def repl(m: re.Match[str]) -> str:
        scale = (m.group("scale") or "").lower()
        return str(_said_number(m) * {"hundred": 100, "thousand": 1000, "k": 1000}.get(scale, 1))

    return _CARDINAL.sub(repl, text)


# -- the speaker correcting themself ---------------------------------------------------------------------------
_CORRECTION = re.compile(
    r"[\s,.;!?]*\b(?:no[\s,.]+wait|wait[\s,.]+no|no[\s,.]+sorry|sorry[\s,.]+no|no[\s,.]+actually|actually[\s,.]+no|"
    r"or rather|scratch that|correction|no[\s,.]+i mean|sorry[\s,.]+i mean|wait[\s,.]+i mean|"
    r"(?:wait[\s,.]+)?typo|sorry[\s,.]+typo)\b[\s,.]*"
    r"(?:i mean\b|it'?s\b|it is\b|make (?:it|that)\b|that'?s\b|just\b)?\s*",
    re.I,
)


def _corrections(text: str) -> str:
    """The phrase a correction replaces is dropped: "to opportunity no wait I mean sql" → "to sql";
    "called bean there no wait it's called ground floor espresso" → "called ground floor espresso";
    "| Pho Saigon?? no sorry she's from Spice Route |" → "| she's from Spice Route |"."""
    for _ in range(3):  # a second correction in the same message
        m = _CORRECTION.search(text)
        if not m or m.end() >= len(text):
            return text
        before, after = text[: m.start()], text[m.end() :]
        domain = re.match(r"([\w-]+(?:\.[\w-]+)+)\b", after)
        email = re.search(r"([\w.+-]+)@[\w.-]+?\.*$", before.rstrip(" ,.")) if domain else None
        if domain and email:
            # "ahmed.farouk@maplerige.ca.. wait typo, it's mapleridge.ca": only the domain was wrong
            fixed = f"{email.group(1)}@{domain.group(1)}"
            text = before.rstrip(" ,.")[: email.start()] + fixed + after[domain.end() :]
            continue
        first = re.match(r"[\w'’-]+", after)
        # words, not the dash or dots that led into the correction ("to sql — no wait, opportunity")
        words = [w for w in re.finditer(r"\S+", before) if re.search(r"\w", w.group(0))]
        start = None
        if first:
            for w in reversed(words[-8:]):
                if w.group(0).lower().strip(".,!?") == first.group(0).lower():
                    start = w.start()  # the same lead word again: the phrase from there on is replaced
                    break
        if start is None:
            seg = re.split(r"[|;:\n,]|\s[-–—]\s", before)[-1]
            if 0 < len(seg.split()) <= 4 and len(seg) < len(before):
                start = len(before) - len(seg)  # a short list item said wrong: the whole item
            elif words:
                start = words[-1].start()  # otherwise the last word said ("… to tomorrow no wait thursday")
            else:
                start = 0
        text = before[:start].rstrip() + " " + after
        # "doctor paolo reyes no wait ramos paolo ramos": the surname, then the whole name again; said once
        at = max(0, start - 40)
        text = text[:at] + _SAID_TWICE.sub(r"\1", text[at : start + 60], count=1) + text[start + 60 :]
    return text


_SAID_TWICE = re.compile(r"(?i)\b([^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\s+\1\b")


_FILLER = re.compile(r"(?<![\w'’-])(?:u+m+|u+h+|u+h+m+|e+r+m+|hmm+)(?![\w'’-])[,.]?\s*", re.I)


_SPELLING_CUE = re.compile(r"\b(?:that'?s|that is|spelled|spelt)\s+(?=(?:[a-z]\s+){2,}[a-z]\b)", re.I)


# punctuation read out: "… to sequel comma he booked the call period" (only when "comma" is said: "trial period")
_SAID_COMMA = re.compile(r"\s+comma\b\s*", re.I)
_SAID_PERIOD = re.compile(r"\s+(?:period|full stop)\b(?=\s*$|\s+[a-z])", re.I)
# "… they signed this morning full stop tag him retainer": "full stop" is never a word of a request, so it ends the
# sentence even when no comma was said ("period" may be one: "trial period")
_FULL_STOP = re.compile(r"\s+full stop\b(?:\s*$|\s+(?=[a-z]))", re.I)
# "move him to sequel": SQL as speech-to-text writes it
_SEQUEL = re.compile(r"\b(to|as|into|an?|is|now|stage)\s+sequel\b", re.I)


def undictate(text: str) -> str:
    """The request as a person would have typed it (see the module docstring)."""
    if _SAID_COMMA.search(text) and not re.search(r"[,.]", text):
        text = _SAID_PERIOD.sub(".", _SAID_COMMA.sub(", ", text))
    text = _FULL_STOP.sub(". ", text).strip()
    text = _SEQUEL.sub(r"\1 SQL", text)
    text = _FILLER.sub("", text)  # "new contact um freya holmes"
    text = _SPELLING_CUE.sub("", text)  # "sungmin cho that's c h o": the cue of a spelling goes with it
    text = _spelled(text)
    text = _emails(text)
    text = _phones(text)
    text = _ordinal_dates(text)
    text = _years(text)
    text = _cardinals(text)
    text = _corrections(text)
    return re.sub(r"[ \t]+", " ", text).strip()
