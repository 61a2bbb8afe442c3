"""Swahili and Sheng words in English requests, read as their English counterparts.

Teams in Nairobi, Mombasa or Dar es Salaam write English with Swahili grammar words and Sheng around English CRM
words ("ongeza Abdullahi Hussein wa Eastleigh Textiles … weka kama lead", "Futa Pauline Kanini", "nipe number ya
Sunil Mehta", "hamisha contacts zake zote kwa Wanjiru", "Kevin ana tasks gani kesho?", "Naomi Jelagat: sql. Na
set follow up yake Jumanne"). The CRM words are mostly English already, so the lexicon rewrites the frame (verbs
of change, "of"/"at"/"to", pronouns, days, "now", "please") and leaves names as written. Written out from the
language (round thirteen), with the requests of two Nairobi teams as the examples; it is not a translator.

A message is only rewritten when it carries a clearly Swahili word (``_STRONG``) or three common ones (``_WEAK``):
"na", "ni", "ya", "wa" alone are syllables in other languages, and "Ana", "Nina", "Mimi", "Jana", "Hadi" and "Niko"
are people's names, so none of them marks a message.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_WEAK = re.compile(r"\b(?:na|ni|ya|wa|kwa|yake|zake|sasa|leo|hii|hiyo|tu|bado|tena|pia|sana|kama)\b", re.I)
_STRONG = re.compile(
    r"\b(?:tafadhali|kwa|wape|ongeza|uongeze|weka|futa|toa|nipe|nipee|mpe|kesho|yeye|gani|nani|zangu|"
    r"zote|zenye|ambazo|ambao|ambaye|kila|mpya|hamisha|mpeleke|aje|ijayo|jumatatu|jumanne|jumatano|alhamisi|"
    r"ijumaa|jumamosi|jumapili|mwezi|mwaka|nataka|kuona|kutoka|kupitia|tangu|sio|hakuna|ndiye|"
    r"tuliongeza|ziliongezwa|nimetuma|tumeongea|hawajacontactiwa|atamhandle|atahandle|anahandle|nifollow|"
    r"amebadilisha|jina|asubuhi|jioni|mchana|wamerenew|amerenew|amesign|wamesign|ameingia|ameunsubscribe|"
    r"amekataa|amehama|amejiunga|amekubali|amerudi|anaondoka|ameondoka|alikuwa|ilikuwa|yuko|anataka|alikuja|"
    r"alitupata|tulikutana|(?:ni|si|sio)\s+(?:subscriber|lead|mql|sql|opportunity|customer|evangelist|churned|"
    r"disqualified))\b",
    re.I,
)

# Sheng and Swahili verbs made from English ones: "amesign" (has signed), "ame-qualify", "wamerenew"
_ENGLISH_VERB = (
    r"sign|unsubscribe|qualify|renew|cut|download|attend|book|pay|confirm|accept|reply|call|text|email|ask|"
    r"cancel|subscribe|register|join|leave|upgrade|downgrade|churn|convert|referia|refer"
)


def _word(word: str) -> str:
    """A Swahili word that also names businesses and people ("Haraka Loans", "Lipa Sasa Ltd", "Kwame Asante"): read
    when written in lower case, or capitalised at the start of a sentence with no capitalised word after it."""
    return rf"(?-i:{word})|(?:^|(?<=[.!?:;,(]\s)|(?<=\n))(?-i:{word.capitalize()})(?!\s+(?-i:[A-Z]))"


# (Swahili, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    (r"(?:a|wa)mejiunga(?:\s+tu)?\s+na", "signed up for"),
    # who owns, who handles: "Nani anahandle Zawadi Mwakio?", "Brian atahandle", "Dennis ndiye owner"
    (r"nani\s+ana(?:handle|shughulikia|miliki)", "who owns"),
    (r"nani\s+ni\s+owner\s+(?:wa|ya)", "who is the owner of"),
    (r"((?-i:[A-Z])\w+)\s+(?:ata(?:m)?handle|atashughulikia|ndiye\s+owner)", r"owner \1"),
    (r"ata(?:m)?handle|atashughulikia", "will own it"),
    (r"ndiye\s+owner", "is the owner"),
    (r"owner\s+mimi|nipe\s+mimi|mpe\s+mimi", "owner me"),
    (r"wape|wapeleke\s+kwa", "assign them to"),
    (r"mpe|mpeleke\s+kwa", "assign to"),
    # "Nani nifollow up leo?": whom should I follow up with today
    (r"nani\s+ni(?:-)?follow\s*up", "who should I follow up with"),
    # "hamisha contacts zake zote kwa Wanjiru": move all his contacts to Wanjiru
    (r"hamisha\s+contacts\s+zake\s+zote\s+kwa", "reassign all his contacts to"),
    (r"hamisha", "move"),
    (r"(?:kwa|ya)\s+kila\s+mtu\s+(?:wa|ya|kwa)", "from everyone at"),
    (r"kila\s+mtu\s+(?:wa|ya|kwa)", "everyone at"),
    (r"kila\s+mtu", "everyone"),
    # lists: "opportunities zangu zote" (all my opportunities), "contacts zote zenye stage …"
    (r"(\w+)\s+zangu\s+zote", r"all my \1"),
    (r"(\w+)\s+zake\s+zote", r"all his \1"),
    (r"(\w+)\s+zote\s+zenye", r"all \1 with"),
    (r"(\w+)\s+zote", r"all \1"),
    (r"(\w+)\s+zangu", r"my \1"),
    (r"zenye|yenye|wenye|mwenye", "with"),
    (r"ambazo|ambao|ambaye", "that"),
    (r"ziliongezwa|ziliingizwa|waliongezwa", "were created"),
    (r"tuliongeza", "we added"),
    (r"hawajacontactiwa|hawajaongeleshwa", "have not been contacted"),
    (r"ni\s+(?:contacts|leads|deals)\s+gani", "which contacts"),
    (r"(\w+)\s+gani", r"which \1"),
    # "Kevin ana tasks gani kesho?" (what tasks does Kevin have), "Nina open tasks gani"
    (r"nina", "I have"),
    (r"ana(?=\s+(?:which|tasks|follow|deals|leads|contacts|meetings))", "has"),
    # possessives after the noun: "number yake", "email consent yake", "follow up yake"
    (r"(email\s+consent|sms\s+consent|follow[\s-]*up|number|namba|simu|email|phone|company|title)\s+yake", r"his \1"),
    (r"(number|namba|simu|email|phone)\s+ya", r"\1 of"),
    # "jamaa mmoja Ken Omwenga …" (a guy, Ken Omwenga): someone new
    (r"(?:jamaa|mtu|msee|dame|mama|mzee)\s+mmoja", "add"),
    # verbs of change
    (r"tafadhali\s+ongeza|ongeza|uongeze|aki\s+add", "add"),
    (r"(?:contact|lead)\s+mpya", "new contact"),
    (r"weka\s+contact\s+mpya", "add new contact"),
    (r"weka\s+kama", "set as"),
    (r"weka", "set"),
    (r"futa", "delete"),
    (r"toa", "remove"),
    (r"nipee?", "give me"),
    (r"nataka\s+kuona", "show me"),
    # "pipeline iko aje?" (how is the pipeline doing)
    (r"(\w+)\s+iko\s+aje", r"how is the \1"),
    # "ni customer sasa", "hiyo ni SQL sasa", "si subscriber tena"
    (r"hiyo\s+ni", "that is"),
    (r"(?:yeye\s+)?ni(?=\s+(?:subscriber|lead|mql|sql|opportunity|customer|evangelist|churned|disqualified|"
     r"referral|a|an)\b)", "is"),
    (r"si(?:o)?(?=\s+(?:subscriber|lead|mql|sql|opportunity|customer|evangelist|churned|disqualified)\b)", "not"),
    (_word("tena"), "anymore"),
    (_word("sasa"), "now"),
    (r"surname\s+now\s+is|surname\s+ni", "surname is"),
    # "ame-" + an English verb: "amesign" (has signed), "wamerenew", "ameunsubscribe"
    (rf"(?:a|wa|tu|ni)me-?({_ENGLISH_VERB})", r"\1"),
    (r"amekataa", "declined"),
    (r"amekubali", "accepted"),
    (r"amehama", "moved"),
    (r"amejiunga", "joined"),
    (r"amerudi", "is back"),
    (r"anaondoka", "is leaving"),
    (r"nimetuma", "I sent"),
    (r"anataka|wanataka", "wants"),
    (r"(\w+)\s+(?:yetu|wetu|zetu)", r"our \1"),
    (r"hana|hawana", "has no"),
    (r"alikuja|walikuja", "came"),
    (r"alitupata|walitupata", "found us"),
    (r"tulikutana\s+(?:na(?:ye)?\s+)?(?:kwa|at)?", "we met at"),
    (r"ame(?:ni|tu)referia|alitureferia", "referred"),
    (r"ametuletea|wametuletea", "brought us"),
    (r"tumeongea\s+na", "we talked to"),
    (r"kutoka(?:\s+kwa)?|kupitia", "from"),
    (r"tangu", "since"),
    (r"hadi", "until"),
    # who and where: "Abdullahi Hussein wa Eastleigh Textiles" (of, at), "kwa Wanjiru" (to)
    (r"wa(?=\s+(?-i:[A-Z]))", "at"),
    (r"ya", "of"),
    (r"kwa", "to"),
    (r"na", "and"),
    (r"mimi", "me"),
    (r"yeye", "he"),
    (_word("hakuna"), "no"),
    (_word("bado"), "yet"),
    (_word("pia"), "also"),
    (_word("haraka"), "quickly"),
    # days and times
    (r"leo\s+asubuhi", "this morning"),
    (r"kesho\s+kutwa", "in 2 days"),
    (_word("kesho"), "tomorrow"),
    (_word("leo"), "today"),
    (_word("jana"), "yesterday"),
    (r"wiki\s+ijayo", "next week"),
    (r"wiki\s+hii", "this week"),
    (r"mwezi\s+huu", "this month"),
    (r"mwezi\s+ujao", "next month"),
    (r"mwaka\s+huu", "this year"),
    (r"jumatatu", "monday"), (r"jumanne", "tuesday"), (r"jumatano", "wednesday"), (r"alhamisi", "thursday"),
    (r"ijumaa", "friday"), (r"jumamosi", "saturday"), (r"jumapili", "sunday"),
    (r"ijayo", "next"),
    # politeness
    (r"tafadhali|tafadhal|pliz", "please"),
    (r"asante\s+sana", "thanks"),
    (_word("asante"), "thanks"),
]  # fmt: skip
_SWAHILI = Lexicon(_STRONG, _WEAK, _LEXICON)
# "Jumanne ijayo" / "Monday ijayo": the day, then "next" after it
_NEXT_AFTER_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+next\b", re.I)


def swahili_words(text: str) -> int:
    """How many clearly Swahili words the message has (to tell it from Taglish)."""
    return _SWAHILI.clear_words(text)


def from_swahili(text: str) -> str:
    """The request with its Swahili CRM words in English (unchanged when it has none)."""
    if not _SWAHILI.mixed_in(text):  # one strong word ("tafadhali", "weka", "kesho") or three common ones
        return text
    return _NEXT_AFTER_DAY.sub(r"next \1", _SWAHILI.to_english(text))
