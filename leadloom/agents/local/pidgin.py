"""Nigerian Pidgin in English requests: the Pidgin frame around English CRM words, read as English.

Teams in Lagos, Abuja or Accra write English with Pidgin grammar words ("mark am as customer", "Tunde take am",
"contacts wey nobody don talk to since 1/8", "anybody wey get the vip tag and still dey customer stage, make dem
evangelist", "wetin be her email?", "her new email na …"). The CRM words are already English, so only the frame is
rewritten; names and the rest stay as written. Like ``hinglish.py`` it is a small set of patterns, not a
translator: each needs a word English does not use that way ("am" after a verb, "wey", "dey", "dem", "wetin",
"don" before a verb), so English text passes unchanged.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re

# "don" + verb is the perfect ("don pay" = has paid); the participles English needs
_PARTICIPLE = {
    "talk": "talked", "call": "called", "pay": "paid", "sign": "signed", "reply": "replied", "respond": "responded",
    "buy": "bought", "book": "booked", "confirm": "confirmed", "agree": "agreed", "do": "done", "finish": "finished",
    "cancel": "cancelled", "leave": "left", "go": "gone", "send": "sent", "collect": "collected", "reach": "reached",
    "chop": "taken", "waka": "gone", "commot": "left", "comot": "left", "stop": "stopped", "accept": "accepted",
    "approve": "approved", "move": "moved", "join": "joined", "visit": "visited", "meet": "met",
}  # fmt: skip
_VERBS_TAKING_AM = (
    r"take|mark|move|put|make|call|give|assign|add|disturb|tag|delete|remove|set|flag|follow|chase|text|email|"
    r"ring|drop|change|update|transfer|hand|leave|send|upgrade|downgrade|disqualify|churn|help|check"
)

# (pattern, replacement), applied in order; case-insensitive
_RULES: list[tuple[str, str]] = [
    (r"\bwetin\s+be\b", "what is"),
    (r"\bwetin\b", "what"),
    # "… wey get the vip tag" -> "… who have the vip tag"
    (r"\bwey\s+get\b", "who have"),
    (r"\bwey\b", "that"),
    # "still dey customer stage" -> "are still in customer stage"
    (r"\bstill\s+dey\b", "are still in"),
    (r"\bdey\b", "is"),
    (r"\bmake\s+dem\b", "make them"),
    (r"\bdem\b", "them"),
    # "her new email na ola@…": the value after "na"
]
_DON = re.compile(rf"\bdon\s+({'|'.join(_PARTICIPLE)})\b", re.I)
# "Tunde take am", "mark am as customer": "am" after a verb is the person (him or her)
_AM = re.compile(rf"\b({_VERBS_TAKING_AM})\s+am\b", re.I)
_COMPILED = [(re.compile(p, re.I), r) for p, r in _RULES]
# "her new email na ola@…": "na" before an address or a number is the value (English has no such "na")
_NA_VALUE = re.compile(r"\b(e-?mail|number|phone|mobile|line)\s+na\s+(?=\S+@|\+?\d)", re.I)
# "e don do": it is done, settled (an acknowledgement)
_DONE = re.compile(r"\be\s+don\s+do\b", re.I)
# a Pidgin word must be there before anything is rewritten
# ("dem" alone is not enough: German writes "mit dem Kunden")
_MARKER = re.compile(rf"\b(?:wetin|wey|dey|abeg|don\s+(?:{'|'.join(_PARTICIPLE)})|(?:{_VERBS_TAKING_AM})\s+am)\b", re.I)


def from_pidgin(text: str) -> str:
    """The request with its Pidgin frame rewritten in English (unchanged when it has none)."""
    text = _NA_VALUE.sub(r"\1 is ", text)
    if not _MARKER.search(text):
        return text
    text = _DONE.sub("all good", text)
    text = _DON.sub(lambda hit: "has " + _PARTICIPLE[hit.group(1).lower()], text)
    text = _AM.sub(lambda hit: hit.group(1) + " him", text)
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text)
    return text
