"""Lifecycle stages said by describing what happened rather than by naming the stage.

"We have lost him as a client" is churned, "he is basically our brand ambassador now" an evangelist,
"budget, authority, need, timeline all confirmed" a sales-qualified lead. Each phrase here is one a
salesperson uses for the event itself, in any organization; none is tied to a product or a vertical.
A stage named outright ("move her to opportunity") always wins over a description (see args._changes_one).
"""

from __future__ import annotations

from leadloom.agents.local import rx as re

_DESCRIBED: list[tuple[str, re.Pattern[str]]] = [
    (
        "churned",
        re.compile(
            r"\bno longer (?:with us|a (?:customer|client)|(?:our )?(?:customer|client)s?|working with us)\b|"
            r"\b(?:we(?:['’]ve| have)? )?lost (?:him|her|them|it|the (?:account|client|customer)) "
            r"as an? (?:client|customer)\b|\blost (?:[^\W\d_][\w'’-]*\s+){1,4}?as an? (?:client|customer)\b|"
            r"\b(?:decided )?not (?:to )?renew(?:ing)?\b|\b(?:didn['’]t|won['’]t|will not|did not) renew\b|"
            r"\bcancel+(?:ed|ing) (?:their|the|his|her|our) (?:contract|subscription|retainer|plan|account)\b|"
            r"\b(?:moved|switched|gone|went) (?:over )?to (?:a |an )?"
            r"(?:competitor|in-house|another (?:agency|vendor|supplier))|"
            r"\bended (?:the|their|our) (?:contract|retainer|relationship)\b|"
            r"\bstopped (?:using|buying from|working with) us\b|"
            # "went with a competitor after 8 months with us": a customer who left (a lead who did is no customer)
            r"\b(?:went|gone|switched|moved) (?:with|to) (?:a |an )?(?:competitor|cheaper \w+|another (?:agency|vendor|"
            r"supplier|provider)|someone else)\b.{0,40}\b(?:after|in) (?:\d+|a few|a couple of|two|three|several) "
            r"(?:months|years) (?:with us|as (?:a )?(?:client|customer))",
            re.I,
        ),
    ),
    (
        "evangelist",
        re.compile(
            r"\b(?:brand )?ambassador\b|\bsing(?:s|ing)? our praises\b|"
            # "she's properly one of our champions now": a customer who promotes us
            r"\b(?:one of our|our (?:biggest|best|real|true)|a (?:real|true|proper|big|huge))\s+"
            r"(?:(?:biggest|best|real|true)\s+)?champions?\b|\bbest advert\b|\braving fan\b|"
            r"\b(?:keeps|has been|is|always) (?:recommending|referring|promoting) us\b|"
            r"\breferred (?:\d+|two|three|several|a few|a couple of) (?:\w+ )?"
            r"(?:clients|customers|people|friends|companies)\b",
            re.I,
        ),
    ),
    (
        "sql",
        re.compile(
            r"\bsales[- ]ready\b|\bqualified for sales\b|\bbant (?:confirmed|qualified|done)\b|"
            r"\bbudget,? authority,? need,? (?:and )?timeline\b|\bready (?:to talk to|for) sales\b",
            re.I,
        ),
    ),
    (
        "opportunity",
        re.compile(
            r"\bnegotiations? (?:is |are )?(?:going on|ongoing|under ?way|started|in progress)\b|"
            r"\b(?:in|into|under|entered) negotiations?\b|\bnegotiating\b|"
            # "received our quotation", not "wants a quote" (asking for one is a task, still before the stage)
            r"\b(?:received|accepted|reviewing|is reviewing|signed off) (?:a |our |the )?(?:formal )?"
            r"(?:proposal|quote|quotation)\b",
            re.I,
        ),
    ),
    (
        "customer",
        re.compile(
            r"\bpo (?:received|came in|arrived)\b|\bpurchase order (?:received|came in|arrived)\b|"
            r"\b(?:(?:she|he|they)(?:['’]s| is| are| has been| have been)|has been|have been|started|now) "
            r"paying\b(?! for)|"
            r"\bpaying customer now\b|"
            # "has paid the first invoice 🎉", "paid our 1st invoice": the first payment makes a customer
            r"\b(?:has |have |just |finally )?paid (?:the |our |his |her |their )?(?:first|1st|initial|opening) "
            r"(?:invoice|bill|instal+ment)\b",
            re.I,
        ),
    ),
    (
        "disqualified",
        re.compile(r"\bqualif(?:y|ied) (?:him |her |them |it )?out\b|\bcan be qualified out\b", re.I),
    ),
]


def described_stage(text: str) -> str | None:
    """The stage a description implies ("we have lost him as a client" → churned), or None."""
    for stage, pattern in _DESCRIBED:
        if pattern.search(text):
            return stage
    return None
