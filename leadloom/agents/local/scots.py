"""Scots words in English requests, read as their English counterparts.

Teams in Glasgow, Edinburgh or Aberdeen write English with Scots words and grammar in it ("she's fae Portsoy
Smokehouse", "follow up wi Innes the morra", "asked us no tae text him", "we've no spoken to them since
September", "turn aff her email consent", "can ye add this yin"). The CRM words are English already, so the
lexicon rewrites the Scots function words, negation and days and leaves names as written. Written out from the
language (round fourteen), with a Glasgow agency's requests as the examples; it is not a translator.

A message is only rewritten when it has a clearly Scots word (``_STRONG``) or three common ones (``_WEAK``). The
short words are read only in lower case: "Tae" and "Fae" are given names, "WI" is Wisconsin.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# A Scots "no" is English "not" after an auxiliary or its subject: "we've no spoken", "have we no spoken", "she's
# no in a position". English "no" after "have" is a determiner ("we have no email for her"), so the participles
# are listed.
_PARTICIPLE = r"(?:been|spoken|heard|had|got|gotten|done|seen|replied|answered|called|paid|signed|booked|sent|met)"
_NO_AS_NOT = (
    rf"(?:(?<=['’]ve )|(?<=\bhave )|(?<=\bhas )|(?<=['’]s )|(?<=\bwe )|(?<=\bthey )|(?<=\byou )|(?<=\bshe )|"
    rf"(?<=\bhe ))no(?=\s+{_PARTICIPLE}\b)"
    r"|(?:(?<=['’]s )|(?<=['’]re )|(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bwere ))no"
    r"(?=\s+(?:in|at|that|too|very|interested|sure|ready|happy|keen|bothered|fussed|answering|replying)\b)"
)
_STRONG = re.compile(
    r"\b(?-i:fae|frae|tae|intae|ontae|wi|aff|oot|aboot|efter|whit|noo|yin|gies|gie|masel|yersel|anywan|everywan|"
    r"somewan|naebody|awfy|gonnae|wantae|dinnae|dinna|cannae|canna|isnae|wasnae|didnae|wouldnae|couldnae|"
    r"shouldnae|havenae|hasnae|doesnae|willnae|winnae|widnae)\b"
    r"|\bthe\s+(?:morra|nicht)\b|\bdae\s+ye\b" + rf"|(?:{_NO_AS_NOT})",
    re.I,
)
_WEAK = re.compile(r"\b(?-i:ye|yer|wee|aye|naw|nae|ken|awa|doon|ower|hame|auld|lassie|laddie|bairn|pal)\b", re.I)


def _lower(word: str) -> str:
    return rf"(?-i:{word})"


# (Scots, English), longest phrases first; each is matched as whole words, case-insensitively unless marked.
_LEXICON: list[tuple[str, str]] = [
    (_NO_AS_NOT, "not"),
    (r"no\s+tae", "not to"),
    (r"dae\s+ye", "do you"),
    (r"the\s+morra", "tomorrow"),
    (r"the\s+nicht", "tonight"),
    # "they signed the day 🥃": Scots "today", only where the clause ends (English "the day before" stays)
    (r"the\s+day(?=\s*(?:$|[.,!?;:)\n]|[^\w\s]))", "today"),
    (_lower("dinnae|dinna"), "don't"),
    (_lower("cannae|canna"), "can't"),
    (_lower("isnae"), "isn't"),
    (_lower("wasnae"), "wasn't"),
    (_lower("didnae"), "didn't"),
    (_lower("wouldnae|widnae"), "wouldn't"),
    (_lower("couldnae"), "couldn't"),
    (_lower("shouldnae"), "shouldn't"),
    (_lower("havenae"), "haven't"),
    (_lower("hasnae"), "hasn't"),
    (_lower("doesnae"), "doesn't"),
    (_lower("willnae|winnae"), "won't"),
    (_lower("gonnae"), "going to"),
    (_lower("wantae"), "want to"),
    (_lower("intae"), "into"),
    (_lower("ontae"), "onto"),
    (_lower("tae"), "to"),
    (_lower("fae|frae"), "from"),
    (_lower("wi"), "with"),
    (_lower("aff"), "off"),
    (_lower("oot"), "out"),
    (_lower("aboot"), "about"),
    (_lower("efter"), "after"),
    (_lower("whit['’]s"), "what's"),
    (_lower("whit"), "what"),
    (_lower("noo"), "now"),
    (_lower("awa"), "away"),
    (_lower("doon"), "down"),
    (_lower("ower"), "over"),
    (_lower("hame"), "home"),
    (_lower("gies"), "give me"),
    (_lower("gie"), "give"),
    (_lower("masel"), "myself"),
    (_lower("yersel"), "yourself"),
    (_lower("anywan"), "anyone"),
    (_lower("everywan"), "everyone"),
    (_lower("somewan"), "someone"),
    (_lower("naebody"), "nobody"),
    (r"this\s+(?-i:yin)", "this one"),
    (_lower("yin"), "one"),
    (_lower("ye"), "you"),
    (_lower("yer"), "your"),
    (_lower("aye"), "yes"),
    (_lower("naw"), "no"),
]  # fmt: skip
_SCOTS = Lexicon(_STRONG, _WEAK, _LEXICON)


def from_scots(text: str) -> str:
    """The request with its Scots words in English (unchanged when it has none)."""
    return _SCOTS.to_english(text)
