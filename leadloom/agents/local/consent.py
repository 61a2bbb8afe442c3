"""Consent wording, in one place: what "unsubscribed", "ok'd texts", "turn off her SMS consent" change.

The planner asks ``mentions_consent`` to decide that a message is an update of someone's consent, and the
argument filler asks ``consent_changes`` for the change itself. They read the same patterns, so a phrase
that picks the tool always produces a change (they used to be two lists that drifted apart).
"""

from __future__ import annotations

from leadloom.agents.local import rx as re

_TEXTS = re.compile(r"\b(?:sms|texts?|texting|text messages?)\b")
_EMAILS = re.compile(r"\be-?mails?\b|\bnewsletters?\b")

# withdrawing consent; the channel is email unless the clause names texts
_OFF = re.compile(
    r"\bunsubscrib(?:ed|es?)\b|\bopted out\b|\bopt(?:ed)?[- ]out\b|\bopt (?:him|her|them) out\b|"
    r"\bno more (?:\w+ )?(?:e-?mails|texts|sms|newsletters|messages)\b|"
    r"\bstop (?:emailing|texting|sending (?:him|her|them|us) (?:any )?"
    r"(?:e-?mails|texts|sms|text messages|marketing))\b|"
    # "asked to be taken off the emails", "take her off the mailing list"
    r"\b(?:taken|take (?:him|her|them)|be removed) (?:off|from) (?:the |our |all (?:the |our )?)?(?:marketing )?"
    r"(?:e-?mails?|e-?mail list|mailing list|newsletters?|texts?|sms)\b|"
    r"\b(?:we|you|i)\s+(?:can'?t|cannot|can no longer|must not|mustn'?t)\s+(?:\w+\s+)?(?:text|sms|e-?mail)\s+"
    r"(?:him|her|them\b|(?:[\w'’-]+\s+){1,3}?(?:any ?more|again)\b)|"
    r"\b(?:doesn'?t|does not|don'?t|do not) want (?:our |any )?(?:more )?(?:\w+ )?"
    r"(?:e-?mails|texts|text messages|sms|marketing)\b|"
    r"\b(?:turn|switch)(?:ed)? off (?:the )?(?:sms|texts?|texting|e-?mails?)(?: for (?:him|her|them))?\b|"
    r"\b(?:turn|switch)(?:ed)? off (?:[\w-]+ ){0,4}consent\b|\b(?:remove|withdr[ae]w\w*) (?:\w+ ){0,2}consent\b|"
    # "asked us not to text him anymore", "told me not to email her again"
    r"\b(?:asked|told|wants?|requested)\s+(?:us|me|you)?\s*not\s+to\s+(?:text|sms|e-?mail)\s+(?:him|her|them)\b"
)
# giving consent
_ON = re.compile(
    r"\bopted in\b|\bopt-in\b|\bopt (?:him|her|them) in\b|\bsubscribed to (?:the )?(?:newsletter|e-?mails)\b|"
    r"\bagreed to (?:get |receive )?(?:\w+ )?(?:e-?mails|texts|sms)\b|\bok'?d (?:texts|sms|e-?mails)\b|"
    r"\bsaid yes to (?:\w+ )?(?:e-?mails|texts|text messages|sms)\b|"
    r"\b(?:agreement|consent|ok|okay|permission) (?:for|to) (?:the |receive |get )?"
    r"(?:e-?mails|texts|text messages|sms)\b|"
    r"\b(?:fine|ok|okay|happy) (?:with|to) (?:get(?:ting)?|receiv\w+) |"
    r"\b(?:fine|ok|okay|happy) with (?:our |the )?(?:e-?mail|sms|text|whatsapp)\w* "
    r"(?:updates|messages|marketing|reminders)\b|"
    r"\bgave (?:us )?(?:her |his |their )?consent\b|"
    r"\b(?:texting|texts|sms|e-?mails?|e-?mailing)(?: (?:him|her|them))? (?:is|are) (?:fine|ok|okay|good)\b|"
    r"\brecord (?:his |her |their )?(?:\w+ )?consent\b|"
    r"\b(?:e-?mail|sms|text) consent\b|"
    # "ticked the SMS box on the form so we can text him now"
    r"\b(?:ticked|checked|clicked|selected)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:box|checkbox|tickbox|opt-?in)\b|"
    r"\b(?:we|you|i)\s+(?:can|may|are allowed to)\s+(?:now\s+)?(?:text|sms|e-?mail)\s+(?:him|her|them)\b"
)


# one channel refused by name ("said no SMS please, only email", "no texts pls"), or the texting convention of
# replying STOP: only that channel changes; "no email yet" (we lack the address) is no refusal
_NO_CHANNEL = re.compile(
    r"\b(?:(?:said|says|wants|asked for|requested|prefers?)\s+no\s+(?:more\s+)?(?P<a>sms|texts?|text messages|"
    r"whatsapps?|calls|e-?mails?|newsletters?)\b|no\s+(?:more\s+)?(?P<b>sms|texts?|text messages|e-?mails?|"
    r"newsletters?)\s*(?:please|pls|plz|thanks|,?\s*only|,?\s*just)\b)"
)
_STOP_REPLY = re.compile(r"\b(?:replied|responded|texted|answered|wrote|sent)\s+(?:back\s+)?(?:with\s+)?['\"“]?stop\b")
# "opt her into sms", "opted him in to texts": consent given to one named channel
_INTO_CHANNEL = re.compile(
    r"\bopt(?:ed)?\s+(?:him|her|them\s+)?\s*in(?:to|\s+to|\s+for)\s+(?:the\s+)?(?:our\s+)?(?P<ch>sms|texts?|texting|"
    r"e-?mails?|newsletters?)\b"
)


_OUT_OF_A_SEQUENCE = r"\bopt(?:ed)?[- ]out of (?:the |our )?(?:\w+ )?(?:sequence|cadence|drip|nurture|automation)\b"
_STILL_WANTS_EMAIL = r"\bstill (?:wants?|gets?|reads?|likes?) (?:the |our )?(?:newsletter|e-?mails)\b"
_ALL_BUT_EMAIL = (
    r"\bunsubscrib\w*\s+(?:from\s+)?(?:everything|all)\s+(?:except|but|apart from|other than)\s+(?:the\s+|our\s+)?"
    r"(?:\w+\s+)?(?:newsletter|e-?mails?)\b"
)


def _channel(word: str) -> str:
    return "email_consent" if re.match(r"e-?mail|newsletter", word) else "sms_consent"


def _one_channel(low: str) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for hit in _NO_CHANNEL.finditer(low):
        word = hit.group("a") or hit.group("b")
        if word != "calls":
            out[_channel(word)] = False
    if _STOP_REPLY.search(low):
        out["sms_consent"] = False
    for hit in _INTO_CHANNEL.finditer(low):
        out[_channel(hit.group("ch"))] = True
    return out


def _channel_switches(low: str) -> tuple[dict[str, bool], str]:
    """Explicit per-channel switches ("turn off his SMS consent", "email consent to yes"), and the text with
    those phrases blanked out (what else the message says about consent)."""
    out: dict[str, bool] = {}
    rest = low
    for channel in ("sms", "email"):
        word = r"(?:sms|text(?:ing|s)?)" if channel == "sms" else r"(?:e-?mails?)"
        off = re.search(
            rf"\b(?:(?:turn|switch|set)\s+off|remove|uncheck|untick|un-tick|disable|revoke|clear)\s+"
            rf"(?:the\s+|his\s+|her\s+|their\s+)?{word}\s+(?:consent|opt-?in)|"
            # "should have SMS consent set to off", "sms consent -> no"
            rf"{word}\s+consent\s+(?:(?:set|switched|turned)\s+)?(?:off|to\s+(?:off|false|no)|->\s*(?:off|no|false))\b",
            low,
        )
        on = re.search(
            rf"\b(?:(?:turn|switch|set)\s+on|tick|check|enable)\s+(?:the\s+|his\s+|her\s+|their\s+)?{word}\s+"
            rf"(?:consent|opt-?in)|"
            rf"{word}\s+consent\s+(?:(?:set|switched|turned)\s+)?(?:on|to\s+(?:on|true|yes)|->\s*(?:on|yes|true))\b",
            low,
        )
        if off or on:
            out[f"{channel}_consent"] = bool(on and not off)
            for hit in (off, on):
                if hit:
                    rest = rest[: hit.start()] + " " * (hit.end() - hit.start()) + rest[hit.end() :]
    return out, rest


_STILL_FINE_EMAIL = re.compile(
    r"\b(?:e-?mails?|e-?mailing|newsletters?)\s+(?:is|are)\s+(?:still\s+)?(?:fine|ok|okay|good)\b|"
    r"\b(?:ok|okay|fine|happy)\s+(?:with|to get)\s+(?:the\s+|our\s+)?(?:e-?mails?|newsletters?)\b|"
    # "He would still like emails about his warranty, just no more text messages"
    r"\bstill\s+(?:likes?|wants?|gets?|reads?|ok with|fine with|happy with)\s+(?:the\s+|our\s+)?"
    r"(?:e-?mails?|newsletters?)\b"
)
# "her new email is ola@…": the address field changes, which says nothing about email consent
_ADDRESS_GIVEN = re.compile(r"\be-?mail(?:\s+address)?\s*(?:is\s+|:\s*|=\s*|to\s+)?(?:now\s+)?\S+@\S+")


def consent_changes(text: str) -> dict[str, bool]:
    """The consent changes a clause asks for, e.g. {"email_consent": False}; empty when it asks for none."""
    switches, low = _channel_switches(text.lower())
    one = _one_channel(low)
    if one:
        return {**one, **switches}
    if re.search(_OUT_OF_A_SEQUENCE, low) and re.search(_STILL_WANTS_EMAIL, low):
        return switches  # "opted out of the sales sequence but still wants the newsletter": email stays on
    if re.search(_ALL_BUT_EMAIL, low):
        return switches  # "unsubscribed from everything except the newsletter": still emailed, consent stays
    texts = bool(_TEXTS.search(low))
    emails = bool(_EMAILS.search(_ADDRESS_GIVEN.sub(" ", low)))
    out: dict[str, bool] = {}
    off, on = _OFF.search(low), _ON.search(low)
    parts = re.split(r"\s+but\s+|\s*;\s*|\.\s+", low)
    if off and on and texts and emails and len(parts) > 1:
        # "texting her is fine but no more marketing emails": each part gives its own channel
        each: dict[str, bool] = {}
        for part in parts:
            for channel, value in consent_changes(part).items():
                each.setdefault(channel, value)
        if len(each) == 2 and len(set(each.values())) == 2:
            return {**each, **switches}
    if off and texts and _STILL_FINE_EMAIL.search(low):
        emails = False  # "asked us to stop texting him. Email is still fine.": the other channel stays as it is
    if off:
        # "unsubscribed" alone is email; "no more texts" is SMS; "no more texts or emails" is both
        if not texts or emails:
            out["email_consent"] = False
        if texts:
            out["sms_consent"] = False
    elif on:
        if texts:
            out["sms_consent"] = True  # "fine with getting texts from us now, he opted in"
        if not texts or emails:
            out["email_consent"] = True
    # an explicit switch names its channel and wins; the rest of the message is read without it, so "switch off
    # sms consent, we're not texting newsletter people" changes sms only, while "unsubscribed from the
    # newsletter but set his sms consent to yes" changes both
    return {**out, **switches}


def mentions_consent(text: str) -> bool:
    """Whether the message asks to change someone's consent."""
    return bool(consent_changes(text))
