"""Per-tool argument builders: which extracted values go into which JSON argument of each tool.

``build_args(tool, text, ctx)`` returns the arguments for one tool call, filtered to the keys the bound
tool's schema declares, plus the name of a required value that is missing (so the model asks for it).
Bulk changes split the request into the part that selects records ("all leads from Acme") and the part
that says what changes ("to Maria").
"""

# ruff: noqa: E501  -- regular expressions read better on one line than split across several

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from leadloom.agents.local import extract as ex
from leadloom.agents.local import rx as re
from leadloom.agents.local.aliases import english_given_name
from leadloom.agents.local.consent import consent_changes
from leadloom.agents.local.dates import DateSpan, financial_year_start, find_dates, time_of_day
from leadloom.agents.local.portuguese import GIVEN_NAMES as PT_GIVEN_NAMES
from leadloom.agents.local.portuguese import PORTUGUESE_SPEAKING, is_portuguese
from leadloom.agents.local.spanish import GIVEN_NAMES, SPANISH_SPEAKING, is_spanish
from leadloom.agents.local.stage_words import described_stage
from leadloom.crm import company_names


@dataclass
class Ctx:
    matcher: ex.Matcher
    today: date
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)  # tool name -> JSON schema "properties"

    def dates(self, text: str) -> list[DateSpan]:
        """Date expressions in ``text``, read as this organization writes dates (day or month first)."""
        vocab = self.matcher.vocab
        return find_dates(text, self.today, day_first=vocab.day_first, fy_start=financial_year_start(vocab.country))


@dataclass
class Built:
    args: dict[str, Any]
    missing: str | None = None  # a required value we could not find: the model asks for it


def _iso(d: date) -> str:
    return d.isoformat()


_FOLLOW = re.compile(
    r"fol+ow(?:ed|ing)?[- ]?ups?|call back|callback|check in|check-in|touch base|touch ?points?|reach out|due\b|"
    r"\brelaunch\b|"  # French "relancer": "relaunch her tuesday"
    # "chase him friday", "needs a bell on friday" (British for a phone call), "give her a nudge monday"
    r"\bchas(?:e|ing)\b(?! (?:a|the|that|this|those|these|our|my) )|\b(?:a|another) (?:bell|buzz|nudge)\b",
    re.I,
)
_FOLLOW_CUE = (
    r"\b(?:follow|call|ring|phone|check|remind|touch|reach|ping|chase|circle|contact|email|text|get back|speak|talk|"
    r"meet|demo|visit|call back|back)\w*\b|,\s*$|^\s*$|\s[-–—]\s*$"
)
_NOT_CONTACTED = re.compile(
    r"not (?:been )?(?:contacted|touched|reached|called|emailed)|(?:has|have)(?:n'?t| not) (?:been )?(?:contacted|touched|reached|called|emailed)|haven'?t (?:talked|spoken|contacted|heard|reached|called|emailed)|"
    r"no (?:contact|activity|touch)|untouched|gone quiet|without (?:contact|activity)|not (?:talked|spoken)|last contacted before|"
    r"didn'?t (?:hear|talk|contact|call|email)|did not (?:contact|call|email|talk|hear)|not heard from|no response|"
    r"(?:nobody|no one|noone)(?:['’]s| has| have)? (?:touched|contacted|called|emailed|spoken to|talked to|rung|"
    r"reached out to|been in touch with)|haven'?t touched|"
    r"(?:haven'?t|hasn'?t|have not|has not|not) been in (?:touch|contact)|not (?:been )?in touch|"
    r"did (?:we|i|you|they) not (?:contact|call|email|talk to|speak to|reach)|not (?:contact|call|email) since|"
    r"(?:haven'?t|have not|hasn'?t) (?:we|i|you|they|anyone|anybody) (?:contacted|called|emailed|talked to|spoken to|"
    r"reached|touched|been in (?:touch|contact))",  # ("which … haven't we been in touch with since 1/9")
    re.I,
)


def _role(text: str, span: DateSpan) -> str:
    """Which filter a date means in a search: created_after/before, follow_up_before/after, not_contacted_since."""
    before = text.lower()[max(0, span.pos - 40) : span.pos]
    whole = text.lower()
    near = before[-30:]
    # the words right before the date say what it dates when a request sets several ("created before 6/1,
    # and not contacted since 9/1"); the whole request decides otherwise
    if re.search(r"\b(?:created|added|signed up|imported|entered)\b", near) and not _FOLLOW.search(near):
        if re.search(r"\b(?:before|until|prior to|older than)\b", near) or re.match(r"(?:before|until)\b", span.text):
            return "created_before"
        return "created_after"
    if _NOT_CONTACTED.search(whole):
        return "not_contacted_since"
    if _FOLLOW.search(whole):
        if re.search(r"\b(after|from|since|starting)\s*$", before.strip() + " ") or re.search(
            r"\bafter\b", before[-12:]
        ):
            return "follow_up_after"
        return "follow_up_before"
    if re.search(r"\b(before|until|prior to|older than)\b", before[-20:]) or re.match(r"(?:before|until)\b", span.text):
        return "created_before"
    return "created_after"


# Follow-ups already due: "overdue follow-ups", "follow up date has passed", "my follow ups that already past",
# "whos follow up date already came and went" (a few words between, never "follow up on the past-due invoice")
# A date said as when someone is away or since when, not as the date a change goes to ("until friday")
_AWAY = r"\b(?:until|till|til|since|from|after|before|back)\s+$"
_PAST_DUE = re.compile(
    r"overdue follow|follow.?ups? (?:are |that are )?(?:overdue|late|past due|missed)|"
    r"follow.?up (?:date['’]?s? )?(?:that'?s |that is |which is |is |has |have )?(?:already )?"
    r"(?:passed|past|in the past|gone by|gone|been and gone|lapsed)|"
    # "my follow ups that already past", "whos follow up date already came and went", "every follow up
    # that's already past due": a few words between, never "follow up on the past-due invoice"
    r"follow.?ups?(?:\s+dates?)?\s+(?:(?!on\b|about\b|re\b|for\b|with\b)[\w'’]+\s+){0,4}?"
    r"(?:overdue|past due|already (?:past|passed|gone)|(?:has|have) (?:already )?passed|came and went|"
    r"(?:already )?(?:went|gone|slipped) (?:past|by)|"  # "follow ups that already went past", "have slipped by"
    r"been and gone|gone by|lapsed)\b",
)


def filters(text: str, ctx: Ctx, *, with_dates: bool = True) -> dict[str, Any]:
    """search_contacts-style filters from a request (also used for bulk updates, deletes and segments)."""
    m = ctx.matcher
    out: dict[str, Any] = {}
    text = re.sub(r"\b([\w-]+?)-tagged\b", r"tagged \1", text)  # "gloria's landlord-tagged contacts"
    low = text.lower()
    emails = ex.emails_in(text)
    if emails:
        out["email"] = emails[0]
    company = ex.company_ref(text, m)
    source = ex.source_of(text, m) or _source_word(text, ctx)
    if (
        company
        and source
        and (
            ex._fold(source) in ex._fold(company)
            or re.sub(r"\s+", "-", ex._fold(company)) in ex._fold(source)
            # "came from London Tech Week" (the source london-tech-week): its first words are no company; "from the
            # Good Food Month event" (good-food-month): nor its last words
            or re.search(rf"\b{re.escape(ex._fold(company))}\b", ex._fold(source).replace("-", " "))
        )
    ):
        if (
            company in m.vocab.companies
            and len(ex._fold(source)) < len(ex._fold(company))
            and ex._fold(source) in ex._fold(company)
        ):
            source = None  # "whos at great lakes realty partners": a known company, not the generic source "partner"
        else:
            company = None  # "everybody who came from the TDA meeting": the source tda-meeting, not a company TDA
    said_at = text.lower().find(company.lower()) if company else -1
    if (
        company
        and company not in m.vocab.companies
        and said_at > 0
        and re.search(r"\b(?:they['’]re|they are|it['’]s|because|cause|since)\b[^,.;]*$", text[:said_at], re.I)
    ):
        company = None  # "…, they're junk from the old Groupon promo": the reason, not an employer
    literal = _literal_tags(text, ctx)
    if source and any(ex._fold(t) == ex._fold(source) for t in literal):
        source = None  # "trade-show contacts" spells the tag (with its hyphen), not the lead source "trade show"
    said_tag = re.search(r"\b(?:tagged|with (?:the )?tag)\s+['\"]?([\w-]+)", text, re.I)
    if (
        source
        and said_tag
        and ex._fold(source) in ex._fold(said_tag.group(1)).split()[:-1]
        and not re.search(r"\b(?:source|from|via|through|came)\b", text, re.I)
    ):
        source = None  # "Ellie's webinar people: everyone tagged webinar-attendee …": the tag's word, not a source
    if company:
        out["company"] = company
    if source:
        out["lead_source"] = source
    st = _filter_stage(text, ctx)
    if st:
        out["stage"] = st
    owner = ex.owner_of(text, m) or _plural_possessive_owner(text, ctx)
    if owner:
        out["owner"] = owner
    tags = ex.tags_of(text, m) or literal or _bare_tags(text, ctx)
    tagged = re.search(r"\b(?:tagged|with (?:the )?tag)\s+['\"]?([\w-]+)", text, re.I)
    if tagged and tagged.group(1).lower() in {t.lower() for t in m.vocab.tags}:
        tags = [tagged.group(1).lower(), *tags]  # "pull the storm-season tag off everyone tagged roofing"
    if (
        tags
        and company
        and not tagged
        and not _literal_tags(text, ctx)
        and ex._fold(tags[0]) in ex._fold(company).split()
    ):
        tags = tags[1:]  # "our customers at Kessler & Sons Plumbing": the company's word, not the tag "plumbing"
    if (
        tags
        and source
        and not tagged
        and not ex.tags_of(text, m)
        and ex._fold(tags[0]) in re.split(r"[\s-]+", source.lower())
    ):
        tags = tags[1:]  # "All the wedding fair leads …": the source's word, not the tag "wedding"
    if tags:
        out["tag"] = tags[0]
        said_stage = out.get("stage")
        tail = tags[0].split("-")[-1]
        phrase = re.search(rf"\b{re.escape(tags[0].split('-')[0])}[\s-]+{re.escape(tail[:5])}\w*", text, re.I)
        if (
            said_stage
            and "-" in tags[0]
            and phrase
            and m.stage(tail, cutoff=85) == said_stage
            and _filter_stage(text[: phrase.start()] + " " + text[phrase.end() :], ctx) is None
        ):
            del out["stage"]  # "the franchise prospects": the tag franchise-prospect, not the stage lead
    # "everything at Union County that tyler has", "Ms. Reinholt will be on leave …": the colleague whose contacts
    # they are, said next to what marks them as the holder (not "Margaret said I could take them")
    holder = re.search(
        r"\b(?:that|which)\s+(?P<a>[^\W\d_][\w'’-]*)\s+(?:has|had|owns|handles)\b"
        r"|\b(?P<b>[A-Z][\w'’-]+)\s+(?:is|will be|['’]s)\s+(?:on\s+leave|leaving|away|out\s+of\s+office|off\s+sick)\b"
        # "all the contacts from the expo that are still sitting with Priya – give them to Karim"
        r"|\b(?:sitting|parked|stuck|still)\s+with\s+(?P<c>[^\W\d_][\w'’-]*)"
        # "which contacts does maggie have at opportunity": whose contacts they are, asked
        r"|\b(?:does|did)\s+(?P<d>[^\W\d_][\w'’-]*)\s+(?:have|own|handle)\b",
        text,
    )
    said = holder and (holder.group("a") or holder.group("b") or holder.group("c") or holder.group("d"))
    holders = _users_in(said, ctx) if said else []
    if not owner and len(holders) == 1:
        owner = out["owner"] = holders[0]
    if not owner and re.search(
        r"\b(?:who|which\s+(?:contacts|leads|people|ones))\s*(?:['’]ve|\s+have|\s+do)\s+i\s+(?:got|have|own)\b", low
    ):
        owner = out["owner"] = "me"  # "who've i got with follow ups due …": the asker's own contacts
    if not owner and re.search(
        r"\b(?:his|her|their)\s+(?:own\s+|open\s+|current\s+|remaining\s+)?(?:contacts|leads|customers|clients|"
        r"accounts|book|people|prospects|deals|opportunities|opps|mqls|sqls|subscribers)\b"
        r"|\b(?:he|she|they)\s+(?:owns?|has|handles?|manages?)\b",
        low,
    ):
        # "Lucía is leaving, move all her contacts to Maya": "her" is the colleague named first
        named = [u for u in _users_in(text, ctx) if u != ex.new_owner_of(text, m)]
        if named:
            out["owner"] = named[0]
    mn = ex._THRESH_MIN.search(text)
    mx = ex._THRESH_MAX.search(text)
    if re.search(r"scor|points|rated|rating|hot", low) or mn or mx:
        if mn and (re.search(r"scor|point|rat", low) or not re.search(r"employee|staff|people|\$", low)):
            val = int(mn.group(1) or mn.group(2))
            if val <= 100:
                out["min_score"] = val
            if (
                val == 0
                and not mx
                and not re.search(r"\b(?:at least|or (?:more|above|higher)|above|over|min)\b|>", low)
            ):
                # "subscribers with score 0": no score is below zero, so a score of 0 is at most 0, not at least
                out["max_score"] = out.pop("min_score")
        if mx and re.search(r"scor|point|rat", low):
            val = int(mx.group(1) or mx.group(2))
            if val <= 100:
                out["max_score"] = val
    between = re.search(r"\bbetween\b", low)
    spans_all = ctx.dates(text) if with_dates else []
    if with_dates and not re.search(r"creat|added|follow|contacted|touched|called|emailed|heard", low):
        # "sean is on leave till december": a date about someone's absence, not a filter
        # … nor "dean's leaving end of month": when a colleague leaves or is away
        spans_all = [
            sp
            for sp in spans_all
            if not re.search(r"\b(?:till|until|til)\s*$", low[: sp.pos])
            and not re.search(
                r"\b(?:(?:leaving|leaves|left|leave|away|off|holiday|vacation|quitting|quits|retiring|retires)"
                # "on leave for a month from Monday"
                r"(?:\s+(?:us|the company|the team))?\s+(?:\w+\s+){0,4}|last day (?:is|will be|here is)\s+(?:\w+\s+)?)$",
                low[: sp.pos],
            )
        ]
    if between and len(spans_all) >= 2 and spans_all[0].pos > between.start():
        # "follow ups between the 18th and the 22nd": a range, both ends included
        role = _role(text, spans_all[0])
        if role.startswith("follow_up"):
            out["follow_up_after"], out["follow_up_before"] = _iso(spans_all[0].start), _iso(spans_all[1].end)
        elif role.startswith("created"):
            out["created_after"], out["created_before"] = _iso(spans_all[0].start), _iso(spans_all[1].end)
        with_dates = False
    now_to = re.search(r"\bbetween\s+(?:now|today)\s+and\s+", low)
    if with_dates and now_to and len(spans_all) == 1 and spans_all[0].pos >= now_to.end() - 1:
        # "follow ups due between now and friday": from today to that day, both ends included
        role = _role(text, spans_all[0])
        if role.startswith("follow_up"):
            out["follow_up_after"], out["follow_up_before"] = _iso(ctx.today), _iso(spans_all[0].end)
            with_dates = False
    if with_dates:
        for span in spans_all:
            if re.search(
                r"\b(?:ended|ends|finished|closed|expired|expires|started|kicks? in|happened|is over|was over|"
                r"wrapp(?:ed|ing) up)\b[^,;]{0,40}$",
                text[max(0, span.pos - 50) : span.pos],
                re.I,
            ):
                continue  # "…, the early bird phase ended 28.2.": when something happened, a reason, not a filter
            role = _role(text, span)
            if role == "follow_up_before":
                out.setdefault("follow_up_before", _iso(span.end))
                if not span.is_day and (span.start > ctx.today or (span.start == ctx.today and "next" in span.text)):
                    out.setdefault("follow_up_after", _iso(span.start))  # "in the next 2 weeks": not the overdue
            elif role == "created_before":
                out.setdefault(role, _iso(span.start))
            elif role == "not_contacted_since" and span.start > ctx.today:
                # "haven't touched in 60 days": a stretch reaching back from today, never a future date
                out.setdefault(role, _iso(ctx.today - (span.start - ctx.today)))
            elif (
                role == "not_contacted_since"
                and re.match(r"(?:since\s+)?last\s+year\b", span.text, re.I)
                and not re.search(r"\b(?:start|beginning)\s+of\s+(?:the\s+)?$", text[: span.pos], re.I)
            ):
                # "nobody has talked to since last year": the last contact was last year, so none this year
                out.setdefault(role, _iso(span.end + timedelta(days=1)))
            else:
                out.setdefault(role, _iso(span.start))
        if _PAST_DUE.search(low):
            out["follow_up_before"] = _iso(ctx.today - timedelta(days=1))
        if re.search(
            r"\b(?:due\s+)?today\s+or\s+(?:already\s+)?(?:overdue|earlier|before|past due)\b|"
            r"\b(?:overdue|late)\s+or\s+(?:due\s+)?today\b",
            low,
        ) and re.search(r"follow", low):
            out["follow_up_before"] = _iso(ctx.today)  # "a follow-up due today or already overdue": today included
        # "not contacted in 60 days", "in like 60 days", "in about 90 days": a hedge word may stand before the number
        m_days = re.search(
            r"\bin (?:(?:like|about|around|roughly|over|more than|the last|the past)\s+)?(\d+) days\b", low
        )
        if _NOT_CONTACTED.search(low) and "not_contacted_since" not in out and m_days:
            out["not_contacted_since"] = _iso(ctx.today - timedelta(days=int(m_days.group(1))))
    srt = ex.sort_of(text)
    if srt:
        out["sort_by"] = srt
    lim = ex.limit_of(text)
    if lim:
        out["limit"] = lim
    return out


def _plural_possessive_owner(text: str, ctx: Ctx) -> str | None:
    """ "all of Mia Brooks' contacts", "James' leads": a colleague whose name ends in s, possessive with the
    apostrophe alone, owns the people selected."""
    for hit in re.finditer(
        r"\b((?:[^\W\d_][\w-]*\s+)?[^\W\d_][\w-]*s)['’]\s+(?:own\s+)?(?:contacts|leads|customers|clients|deals|"
        r"people|accounts|prospects|opportunities|opps|mqls|sqls|subscribers|book)\b",
        text,
        re.I,
    ):
        user = ctx.matcher.user(hit.group(1), cutoff=92) if ctx.matcher.user_names else None
        if user:
            return user
    return None


def _asker_has(low: str) -> str | None:
    """ "what tasks i got open", "which deals do i have closing": the asker's own, said with "i got/have"."""
    said = re.search(
        r"\b(?:tasks?|to-?dos?|deals?|opportunities|opps)\s+(?:that\s+|do\s+)?i\s+(?:got|have|['’]?ve\s+got|own)\b", low
    )
    return "me" if said else None


def _holder_of_deals(text: str, m: ex.Matcher) -> str | None:
    """ "all the deals Marcus has won", "deals that Priya closed": the colleague whose deals they are."""
    hit = re.search(
        r"\b(?:deals|opportunities|opps)\s+(?:that\s+)?([^\W\d_][\w'’-]*)\s+(?:has|have|had|owns|closed|won|lost|is)\b",
        text,
        re.I,
    )
    return m.user(hit.group(1), cutoff=92) if hit and m.user_names else None


def _literal_tags(text: str, ctx: Ctx) -> list[str]:
    """The organization's hyphenated tags spelled exactly as they are ("trade-show", "q4-push")."""
    low = text.lower()
    return [
        t for t in ctx.matcher.vocab.tags if "-" in t and re.search(rf"(?<![\w-]){re.escape(t.lower())}(?![\w-])", low)
    ]


def _users_in(text: str, ctx: Ctx) -> list[str]:
    """Colleagues named in the text by full or first name, in order of appearance."""
    m = ctx.matcher
    found: list[tuple[int, str]] = []
    # two words first: "Kah Hock" (Ong Kah Hock) is one colleague, not the word "Kah" and the word "Hock"
    for pattern in (r"[^\W\d_][\w'’-]*\s+[^\W\d_][\w'’-]*", r"[^\W\d_][\w'’-]*"):
        for hit in re.finditer(rf"(?=\b({pattern}))", text):
            said = hit.group(1)
            if said.lower() in ex.STOP or not m.user_names:
                continue
            user = m.user(said, cutoff=95)
            if user and user not in [u for _, u in found]:
                found.append((hit.start(1), user))
    # "Ms. Reinholt is on leave": a colleague by the family name only one of them has
    surnames: dict[str, list[str]] = {}
    for u in m.vocab.users:
        if len(u["name"].split()) > 1:
            surnames.setdefault(ex._fold(u["name"].split()[-1]), []).append(u["name"])
    for hit in re.finditer(r"\b[A-Z][\w'’-]{2,}", text):
        owners = surnames.get(ex._fold(ex.without_possessive(hit.group(0))), [])
        if len(owners) == 1 and owners[0] not in [u for _, u in found]:
            found.append((hit.start(), owners[0]))
    return [u for _, u in sorted(found)]


@lru_cache(maxsize=1024)
def _tag_said_as_words(key: str) -> re.Pattern[str]:
    """ "med spa contacts", "kaylee's hot ones": the hyphenated tag's words before a people noun, after a
    possessive, or in the plural. Compiled once per tag (per-call patterns overflowed re's own cache)."""
    spaced = r"\s+".join(re.escape(w) for w in key.split("-"))
    return re.compile(
        rf"\b{spaced}s?\s+(?:contacts|leads|customers|clients|people|prospects|accounts)\b|['’]s\s+{spaced}s?\b|\b{spaced}s\b",
        re.I,
    )


def _bare_tags(text: str, ctx: Ctx) -> list[str]:
    """The organization's tags used as plain words ("vip customers"), when they are not also a stage or source."""
    m = ctx.matcher
    out = []
    words = set(re.findall(r"[a-z0-9-]+", text.lower()))
    for t in m.vocab.tags:
        key = t.lower()
        said = key in words or (f"{key}s" in words and not key.endswith("s"))  # "any champions we haven't …"
        if not said and "-" in key and key.split("-")[0] in words:
            # "med spa contacts nobody's touched", "kaylee's hot ones?": a hyphenated tag said as words, naming people
            said = bool(_tag_said_as_words(key).search(text))
        if len(key) >= 3 and said and not m.stage(key, cutoff=95) and not ex._is_source(key, m):
            out.append(t)
    return out


def _source_word(words: str, ctx: Ctx) -> str | None:
    """ "partner-source", "referral-sourced": one of the organization's lead sources said with the word source."""
    hit = re.search(r"\b([\w]+(?:[ -][\w]+)?)[- ]sourced?\b", words, re.I)
    if not hit or not ctx.matcher.vocab.lead_sources:
        return None
    return ex._best(hit.group(1), {ex._fold(s): s for s in ctx.matcher.vocab.lead_sources}, 88)


def _state_before_people(text: str, hit: tuple[int, str, str]) -> bool:
    """ "churned fashion clients …": a stage said as an adjective of the people selected (a participle right before
    a word for people), not the change to make."""
    pos, gram, _ = hit
    return gram.lower().endswith("ed") and bool(
        re.match(
            r"\s+(?:[\w-]+\s+){0,2}?(?:contacts|leads|clients|customers|people|prospects|subscribers|accounts|ones)\b",
            text[pos + len(gram) :],
            re.I,
        )
    )


def _singular(word: str) -> str:
    return re.sub(r"s$", "", re.sub(r"ies$", "y", word))


def _filter_stage(text: str, ctx: Ctx) -> str | None:
    """A stage used as a filter; "leads"/"contacts" alone are generic words, not the stage "lead"."""
    text = re.sub(r"-(stage|status)\b", r" \1", text)  # "his opportunity-stage contacts"
    hits = ex._scan(text, ctx.matcher.stage_names, 88)
    # "contacts with lead source cold-outbound that are disqualified": "lead" names the field, not the stage
    hits = [h for h in hits if not re.match(r"\s+source\b", text[h[0] + len(h[1]) :], re.I)]
    if len(hits) > 1 and hits[0][0] <= 2 and not _state_before_people(text, hits[0]):
        # "disqualify every contact in lead stage …": the first word is the change ("churned fashion clients …"
        # starts with the state they are in)
        hits = hits[1:]
    # "all the expo leads that are still just subscribers", "… and they are still opportunity": the stage said of
    # the people now is the filter, before a generic "leads" and though "they are" starts it
    still = [
        h
        for h in hits
        if re.search(
            r"\b(?:(?:that|who|which)(?:\s+are|\s+is|['’]re|['’]s)\s+(?:(?:still|currently|now|just|only)\s+)*"
            r"(?:still|currently|just|only)|they(?:\s+are|['’]re)\s+(?:just\s+)?(?:still|currently))\s+"
            # "who's still sitting there as a lead": where they are left waiting is the stage they are in
            r"(?:(?:sitting|sat|stuck|hanging|left)(?:\s+(?:there|around|about))?\s+(?:as|at|in)\s+)?"
            r"(?:(?:just|only)\s+)?(?:an?\s+)?$",
            text[: h[0]],
            re.I,
        )
        # the stage's own name ("…, they're just dead weight" is a reason, not the stage "disqualified")
        and _singular(ex._fold(h[1])) == _singular(ex._fold(h[2]))
    ]
    if still:
        return still[0][2]
    # "…, they're all junk": a reason after the selection is not a filter
    hits = [
        h
        for h in hits
        if not re.search(r"\b(?:they'?re|they are|it'?s|since they|because|as they)\b[^,]*$", text[: h[0]], re.I)
        # "All contacts from X are dead, … Mark them churned": a word for a state said of them is the story
        and not (
            ex._fold(h[1]) != ex._fold(h[2])
            and re.search(
                r"(?<!who )(?<!that )\b(?:are|is|were|went|gone)\s+(?:all\s+|now\s+|basically\s+)?$", text[: h[0]], re.I
            )
        )
    ]
    for _, gram, key in hits:
        g = gram.lower()
        if g in ("leads", "lead", "prospect", "prospects") and not re.search(
            r"\b(stage|status|in|at)\s+" + re.escape(g) + r"|\b" + re.escape(g) + r"\s+(?:stage|status)\b"
            # "… that are still lead": the stage said of the people selected
            # ("… that are still just leads", "who are only leads")
            r"|\b(?:that|who|which)\s+(?:are|is)\s+(?:(?:still|currently|now|already|just|only)\s+)*(?:an?\s+)?"
            + re.escape(g),
            text.lower(),
        ):
            # "every lead owned by sean", "which of my leads…", "all webinar leads": people at the stage "lead"
            # (as people outside the project read it); "top/hot leads" and "leads" alone stay generic
            selector = re.search(
                r"\b(?:every|all|any|each|my|our|the|which|what|which of (?:my|our|\w+'s)|[\w]+['’]s)\s+(?:[\w-]+\s+){0,2}?"
                + re.escape(g)
                + r"\b",
                text.lower(),
            )
            # "top leads", "my hottest leads", "highest scoring leads": a ranking of everyone, not the stage
            ranked = re.search(
                r"\b(top|hot|hottest|best|warm|warmest|highest|scoring|most|fewest)\s+(?:[\w-]+\s+)?" + re.escape(g),
                text.lower(),
            )
            # "cold outreach leads nobody touched since 30/6", "partner-source leads created after …": leads said
            # with where they came from are people at the stage too
            sourced = re.match(r"^\W*((?:[\w-]+\s+){1,3})" + re.escape(g) + r"\b", text.lower()) or re.match(
                r"^\W*"
                + re.escape(g)
                + r"\s+(?:from|via|through|thru)\s+(.+?)(?=\s+(?:this|last|since|created|in|who|that)\b|[?.!,]|$)",
                text.lower(),
            )  # "Leads from trade-show this year?"
            if sourced and (ex.source_of(sourced.group(1), ctx.matcher) or _source_word(sourced.group(1), ctx)):
                selector = sourced
            # "Rule: leads with a score of 15 or lower … → disqualified": the message opens on the leads it selects
            said_first = re.match(
                r"^\W*(?:[\w ]{1,12}:\s*)?"
                + re.escape(g)
                + r"\s+(?:with|who|that|whose|scoring|owned|created|tagged)\b",
                text.lower(),
            )
            selector = selector or said_first
            if not selector or ranked:
                continue
        return key
    return None


_CHANGE_CUE = re.compile(
    r"\s(?:to|as|into|->|→|=|is now(?: an?)?|are now|now|should be|should become|become|becomes)\s(?!(?:the|a)\s+(?:crm|list)\b)"
    # "anybody with the vip tag who is still a customer, make them evangelist": the selection, then its change
    r"|,\s*(?:make|mark|set|move|put|turn|switch)\s+(?:them|all of them|['’]em|those|these)(?:\s+(?:to|as|into))?\s",
    re.I,
)
_FIELD_FOR = re.compile(
    r"^(?P<change>.*?\b(?:fol+ow.?up|owner|stage|status|source|lead source|tag|consent|opt-?in|opt-?out)\b.*?)\s+(?:for|on)\s+"
    r"(?P<filter>(?:all|every|everyone|everybody|each|the|anyone|any)\b.*?)"
    r"(?P<value>\s+(?:to|as)\s+(?!me\b|us\b|him\b|her\b|them\b)[^,;]+)?$",
    re.I,
)


_SEL_CHANGE = re.compile(
    r"^(?P<sel>.*?\b(?:all|every|everyone|everybody|anybody|any|anything|each|anyone|leads|everything(?=\s+(?:created|added|imported|from|tagged|with|that|which|owned|older|since|in)\b)|contacts|customers|clients|people|"
    r"prospects|opportunities|opps|mqls|sqls|subscribers|ones)\b.*?)\s*(?:\s[-–—]\s|:|,|;|\bthen\b|\band\b|"
    # no separator, but the action points back at the selection: "… since march tag them priority"
    r"\s(?=(?:please\s+|pls\s+|just\s+)?[a-z]+(?:\s+(?:up|off|back|over))?\s+(?:them|it|those|these)\b)|"
    # no separator, a short change ending the message: "… not contacted since 3/1 tag tire-kicker", "… push to 4/24"
    # ("… that have the tag hall-b3" names the tag as a noun: no change)
    r"(?<!\bthe)(?<!\ba)(?<!\bhave)(?<!\bhas)(?<!\bwith)(?<!\bno)\s(?=(?:tag|untag|push|bump|move|mark|set|assign|reassign|give)\s+"
    r"(?:(?:them|it)\s+)?(?:to\s+|as\s+)?"
    r"[\w/@.-]+(?:\s+[\w/@.-]+)?[^\w?]*$))\s*"
    r"(?P<chg>(?:please\s+|pls\s+|just\s+)?(?:set|mark|move|change|make|assign|reassign|give|tag|untag|put|push|bump|chuck|"
    r"shift|send|kick|flip|"
    r"update|switch|turn off|turn on|opt|remove|take|add|delete|archive|trash|purge|wipe|nuke|drop|disqualify|dq|"
    # "All the contacts at Hanse Messebau: owner Étienne, and tag them …": after a colon, a field and its new value
    r"(?:(?<=:)|(?<=:\s))(?:owner|stage|status|(?:sms|e-?mail|text)\s+consent|follow[- ]?up))\b.*)$",
    re.I,
)
_FIND_VERB = re.compile(
    r"^\W*(?:find|show|list|search|get|pull|look ?up|who|which|what|how many|give me|display)\b", re.I
)


# a selection of many records, then an arrow (normalize_request reads the arrow as "set them to")
_SEL_ARROW = re.compile(
    r"^(?P<sel>.*?\b(?:all|every|everyone|everybody|any|each|anyone|leads|contacts|customers|clients|people|prospects|"
    r"opportunities|opps|mqls|sqls|subscribers|ones)\b.*?)\s*(?:->|→|=>|⇒)\s*(?P<chg>\S.*)$",
    re.I,
)


def _job_cleaned(args: dict[str, Any], text: str) -> dict[str, Any]:
    """A new contact's job as a job: "… his colleague Yusuf Demir, who is a Buyer at …" -> "Buyer"; "Jun Seo (Aurora
    Hair Lab CEO)" -> the company "Aurora Hair Lab" and the title "CEO" (the employer said before the job in
    brackets)."""
    title = args.get("title")
    if not title:
        return args
    title = re.sub(r"^(?:who|that)(?:\s+is|['’]s)\s+(?:an?|the|their|our)\s+", "", title, flags=re.I)
    both = re.fullmatch(r"((?:(?-i:[A-Z])[\w&'.-]*\s+){1,5})((?-i:[A-Z]{2,4})|(?i:founder|co-founder|owner))", title)
    if both and "company" not in args and f"({title})" in text:
        return args | {"company": both.group(1).strip(), "title": both.group(2)}
    return args | {"title": title}


def _tag_that_selects(text: str, f: dict[str, Any], ch: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """ "set follow up 3 April for all my contacts with tag sea-market": a tag said as what the contacts have selects
    them (filters), it is not also put on them, when something else changes."""
    if not ch.get("tags_add") or len(ch) < 2:
        return f, ch
    for tag in ch["tags_add"]:
        if f.get("tag") not in (None, tag):
            continue
        t = re.escape(tag)
        if re.search(
            rf"\b(?:contacts|leads|customers|clients|people|everyone|everybody|ones|those)\s+(?:with|having|that have)\s+"
            rf"(?:the\s+|a\s+)?(?:tag\s+['\"]?{t}|['\"]?{t}['\"]?\s+tag)(?![\w-])",
            text,
            re.I,
        ):
            rest = [x for x in ch["tags_add"] if x != tag]
            ch = {k: v for k, v in ch.items() if k != "tags_add"} | ({"tags_add": rest} if rest else {})
            return f | {"tag": tag}, ch
    return f, ch


def selector_then_change(text: str) -> tuple[str, str] | None:
    """ "all my leads with no contact since august - set their follow up to next monday": (who, what to do),
    for a selection stated first and the action after it (not a "find …, then …" plan)."""
    hit = _SEL_CHANGE.match(text.strip())
    if hit is None or _FIND_VERB.match(hit.group("sel")):
        return None
    return hit.group("sel").strip(), hit.group("chg").strip()


def split_change(text: str, m: ex.Matcher | None = None) -> tuple[str, str]:
    """(selector text, change text) of an update request."""
    ff = _FIELD_FOR.match(text)
    if ff and re.search(
        r"\b(?:all|every|everyone|everybody|each|anyone|any|contacts|leads|customers|clients|people|prospects|"
        r"subscribers|opportunities|mqls|sqls)\b",
        ff.group("filter"),
        re.I,
    ):  # "… on the phone" is no selection
        return ff.group("filter"), ff.group("change") + (ff.group("value") or "")
    cues = [
        c
        for c in _CHANGE_CUE.finditer(text)
        # "back to lead, she was wrongly marked as MQL": the record's past value, not the change
        if not re.search(
            r"\b(?:was|were|been|got)\s+(?:\w+\s+){0,2}(?:marked|set|put|moved|changed|flagged|entered|added|made)$",
            text[: c.start()],
            re.I,
        )
    ]
    # "remove the vip tag from all contacts" has no change cue; the change is the whole text
    if cues:
        last = cues[-1]
        # "move Jane Doe from lead to customer": the selector stops at "from"
        head = text[: last.start()]
        fm = re.search(r"\s+from\s+([\w -]+)$", head)
        if fm and m is not None and m.stage(fm.group(1), cutoff=90):
            head = head[: fm.start()]
        verb = re.search(
            r"\b(?:(?:to\s+)?be\s+)?(?:tag|tagged|assign|assigned|reassign|reassigned|mark|marked|switch|switched|"
            r"change|changed|move|moved|set|put|make|made|give|given|update|updated)\s*$",
            head,
            re.I,
        )
        if verb:
            # "all contacts of X pls tag as hospital-his", "… to be assigned to Divya": the verb says which field
            return head[: verb.start()], text[verb.start() :]
        return head, text[last.end() :]
    return text, text


_FIELD_WORDS = [
    ("phone", r"phone|number|mobile|mob|cell|tel|direct line|landline|line"),
    ("email", r"e-?mail(?: address)?|mail"),
    ("title", r"title|job title|role|position"),
    # "signed the employer brand retainer": the trade (employer branding), not the field
    ("company", r"company|employer(?!\s+brand)|organisation|organization"),
    ("lead_source", r"lead source|source|channel"),
    ("last_name", r"last name|surname|family name"),
    ("first_name", r"first name|given name"),
    ("next_follow_up", r"follow.?up|callback|call back|reminder"),
    ("stage", r"stage|status|lifecycle"),
    ("owner", r"owner|rep|account manager"),
]


_MOVED_TO = re.compile(
    r"\b(?:now works at|joined|works for|works at|is now at|now at|is over at|moved companies to|moved to|is with|"
    # "cody left marietta roof pros hes over at ridgeline roofing now": the apostrophe typed or not
    r"(?:he|she)['’]?s\s+(?:now\s+)?over\s+at|"
    # "now she works in Babel Idiomes": "in" for "at" (a Spanish or German writer's preposition), before a name
    r"works in(?=\s+(?-i:[A-ZÀ-ÖØ-Þ]))|"
    r"went to|"
    # ("went from ignoring everything to opening every email": a change of habit, said in gerunds, is no move)
    r"(?:moved|jumped|switched|went(?!\s+from\s+(?:(?:not|never|barely|hardly|rarely)\s+)?(?-i:[a-z]+ing)\b)) from .{2,40}? (?:over )?to|moved over to|"
    r"(?:jumped|switched) (?:over |ship )?to|left .{2,40}? for|"
    # "ryan left stackline, he's at northpeak capital now"
    r"(?<=, )(?:he|she|they)(?:'s|’s| is| are)(?: now)? (?:at|with))\s+"
    # "switched to another installer", "went to a competitor": no company named
    r"(?!(?:another|a|an|some other|the competition|(?:the )?competitors?|in-?house)\b)"
    r"(?P<co>[\w&' .-]+?)\s*(?:$|,|;|\.|\s[-–—]|\s+now\b|\s+(?:since|as of|from|as)\b|\s+(?=" + ex.NEW_CLAUSE + "))",
    re.I,
)
# "they sold the company to a PE group", "he's closing the business": what happened to the business itself
_COMPANY_NEWS = re.compile(
    r"\b(?:sold|sell|sells|selling|bought|buys|acquired|merged|closed|closing|shut|shutting)\s+"
    r"(?:down\s+)?(?:the|their|his|her|its)\s+(?:company|business|firm|shop)\b",
    re.I,
)
# "changed to X" names a new employer only when X is a company the CRM has or carries a legal form
_CHANGED_TO = re.compile(
    r"\b(?:changed|switched) (?:companies |jobs |employers )?to\s+(?P<co>[A-Z][\w&'’. -]+?)(?=\s*(?:[,;]|\.\s|\.?$))"
)
_MORE_CHANGES = re.compile(
    # "… is now a customer, and pls assign her to Angelica": a second change asked for politely after "and"
    r"\s*,?\s+and\s+(?:pls|please|kindly)\s+(?=(?:assign|reassign|give|hand|pass|set|mark|move|tag|make|put|change|"
    r"update)\b)|"
    # (an emoji closes a sentence as a full stop does: "… signed the pilot 🥳 also drop hot-lead from him")
    # (a polite letter's next sentence: "… Bologna. While you're in there, could you also set a follow-up …")
    r"\s*(?:,\s*(?:and\s+)?(?:also\s+)?|\s+and\s+(?:also\s+)?|;\s*|[.!]\s+(?:(?:please|also)\s+)?|"
    r"[.!]\s+(?:while\s+you(?:['’]re|\s+are)\s+(?:in\s+there|at\s+it),?\s+)?(?:could|can|would)\s+(?:you|someone)\s+"
    r"(?:(?:please|also|kindly)\s+)*|"
    r"\s+[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s+(?:(?:please|also)\s+)?)"
    r"(?=(?:assign|reassign|give|hand|handover|pass|owner|follow|set|mark|move|tag|chase|new\s+(?:e-?mail|mail|phone|number|mobile|title)|"
    r"change|update|make|put|push|schedule|bump|remind|take|remove|drop|untag|turn|switch|add|"
    # "move her back to lead and pull the hot-lead tag": "pull" takes a tag off ("pull up" looks a record up)
    r"pull(?!\s+up)|"
    # "… she is now a customer and her follow up should be November 1"
    r"(?:her|his|their|the)\s+(?:follow|next follow|phone|number|email|owner|stage|title|cell|mobile)|next\s+follow|"
    # "… move to opportunity, and Rohit will handle him from now on": a colleague taking the person over
    r"(?-i:[A-Z])[\w'’-]+\s+(?:will|can|should|is going to|(?:is|'s|’s) gonna)\s+(?:handle|own|take|look after|manage|cover)|"
    r"(?-i:[A-Z])[\w'’-]+\s+(?:owns|takes|handles)\s+(?:him|her|them)|"
    # "… klant. and Fleur becomes owner", "… opportunity, and I take her myself"
    r"(?-i:[A-Z])[\w'’-]+\s+(?:becomes|will become)\s+(?:the\s+)?(?:new\s+)?owner|"
    r"i(?:'ll|’ll| will)?\s+(?:take|keep)\s+(?:him|her|them)|"
    # "ultan moriarty mql for now and hes interested in content marketing tag that": what they want, to tag
    r"(?:she|he|they)(?:['’]s|\s+is|\s+are)\s+(?:\w+\s+)?interested\s+in\b[^.!?]*\btag\b|"
    # "phone number is 087 441 9023. and she's the new VP of Marketing": her new job, a second change
    r"(?:she|he|they)(?:['’]s|\s+is|\s+are)\s+(?:now\s+)?(?:the|their|our)\s+new\s+(?=\S)|"
    # "… changed her number, it's 07534 776201 now. she wants a callback Friday": the follow-up she asked for
    r"(?:she|he|they)\s+(?:wants|want|asked for|needs|need|would like)\s+a\s+(?:call\s*back|follow)|"
    # "phone is +91 … and mail rajesh.pillai@…": a second field given with its value
    r"(?:e-?mail|mail|phone|mobile|number)\s+(?:is\s+|:\s*)?(?=\S*(?:@|\d)))\b)",
    re.I,
)


def _implied_tag(text: str, m: ex.Matcher) -> str | None:
    """ "travis is a hot one 🔥 tag him", "cody prefers spanish, tag him": "tag him" with no tag named; the
    organization's one tag that the sentence describes (all its words, else its first word, said there)."""
    if not re.search(
        r"\btag\s+(?:him|her|them|it)\b(?:\s+(?:as\s+such|accordingly|pls|please))?\W*$"
        r"|\btag\s+(?:him|her|them|it)\s+(?:accordingly|as such)\b",
        text,
        re.I,
    ):
        return None
    said = set(re.findall(r"[a-z0-9]+", ex._fold(text)))
    parts = {t: re.findall(r"[a-z0-9]+", ex._fold(t)) for t in m.vocab.tags if t not in ex.STOP}
    full = [t for t, p in parts.items() if p and set(p) <= said]
    if len(full) == 1:
        return full[0]
    first = [t for t, p in parts.items() if p and len(p[0]) > 3 and p[0] in said]
    return first[0] if len(first) == 1 else None


# "she's after moving over to Corrib Pay as Head of Demand Gen", "hes at tern payroll now as head of marketing",
# "she's at Onboardly now (Head of Growth)": the new employer, then the new job after "as" or in brackets
_JOB_MOVE = re.compile(
    r"\b(?:(?:she|he|they)(?:['’]s|\s+is|\s+are)|shes|hes|is)\s+(?:now\s+)?(?:after\s+)?"
    r"(?:(?:moving|moved|gone|going|jumped|jumping|switched|switching)\s+(?:over\s+)?to|(?:over\s+)?at|with)\s+"
    r"(?P<co>[^\W\d_][\w&'’.-]*(?:\s+[\w&'’.-]+){0,3}?)\s+(?:now\s+)?"
    r"(?:as\s+(?:the\s+|their\s+|an?\s+)?(?:new\s+)?(?P<t1>[^,.;!?()—–\n]+?)|\((?P<t2>[^()\n]+)\))"
    r"(?=\s*(?:[,.;!?—–]|$|\s+(?:update|so|can|could|would|please|pls|now)\b))",
    re.I,
)


def _job_move(text: str, m: ex.Matcher) -> dict[str, str]:
    """The new employer and job of someone who moved, when the request asks for the record to follow ("update her
    company and title", "update that"); {} when the words after "as" are no job ("as a favour")."""
    hit = _JOB_MOVE.search(text)
    if not hit or not re.search(
        r"\b(?:company|title|role|employer|jobs?|update (?:that|it|her|him|them))\b", text, re.I
    ):
        return {}
    job = (hit.group("t1") or hit.group("t2") or "").strip()
    if not re.search(rf"\b{_JOB_NOUN}s?\b", job, re.I) or m.stage(hit.group("co"), cutoff=90):
        return {}
    return {"company": canonical_company(ex.clean_name(hit.group("co")), m), "title": job}


# "…, source linkedin", "… and lead source: event": a source as one more item of a list of changes
_LIST_SOURCE = re.compile(r"(?:[,;+]|\band\b)\s*(?:lead\s+)?source\s*(?::|=|to\b|is\b)?\s*([\w-]+)", re.I)


def changes(text: str, ctx: Ctx, *, selector: str = "") -> dict[str, Any]:
    """What an update request changes. Several changes joined by "and"/commas ("assign him to Priya and follow
    up next Tuesday") are read one by one and merged; the first value found for a field wins."""
    out = _known_company(_changes_merged(text, ctx), ctx)
    marked = re.search(
        r"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:mark|flag|label)\b.*\bas\s+(?:an?\s+)?['\"]?([\w-]+)['\"]?\W*$",
        text,
        re.I,
    )
    own_tags = {ex._fold(t): t for t in ctx.matcher.vocab.tags}
    if marked and ex._fold(marked.group(1)) in own_tags and set(out) <= {"stage", "tags_add"}:
        # "mark all my leads with a score of 70+ as hot-lead": the tag, not the stage "lead" of the selection
        return {"tags_add": [own_tags[ex._fold(marked.group(1))]]}
    listed = _put_down_as_tags(text, ctx.matcher)
    if listed:
        out = {k: v for k, v in out.items() if k != "stage"} | {"tags_add": listed}
    bare = _ASIDE.sub(" ", text)
    if bare != text:
        # "X - disqualified (covered through his employer, nothing for us to write)": a remark in brackets gives
        # its reason; free-text values read from it ("Write)" as the employer) are not changes
        said = _known_company(_changes_merged(bare, ctx), ctx)
        if said:
            out = {**{k: v for k, v in out.items() if k not in _FREE_TEXT_FIELDS}, **said}
    if not out.get("tags_add"):
        implied = _implied_tag(text, ctx.matcher)
        if implied:
            out["tags_add"] = [implied]
    edits = tag_edits(text, ctx.matcher.vocab.tags)
    taken_off = [t for t in out.get("tags_add") or [] if t in edits[1] and t not in edits[0]]
    if taken_off:
        # "take the hot lead tag off": the tag comes off
        out["tags_add"] = [t for t in out["tags_add"] if t not in taken_off]
        out["tags_remove"] = [
            *(out.get("tags_remove") or []),
            *[t for t in taken_off if t not in (out.get("tags_remove") or [])],
        ]
        if not out["tags_add"]:
            del out["tags_add"]
    said = {ex._fold(t) for k in ("tags_add", "tags_remove") for t in out.get(k) or []}
    for key, found in zip(("tags_add", "tags_remove"), edits, strict=True):
        new = [t for t in found if ex._fold(t) not in said]
        if new:
            # "take hot-lead off Tommy Garza and add maintenance-plan", "add demo-booked and hot-lead to X"
            out[key] = [*(out.get(key) or []), *new]
    if out.get("stage") and any(edits):
        rest = text
        for tag in (*edits[0], *edits[1]):
            rest = re.sub(re.escape(tag).replace(r"\-", "[- ]"), " ", rest, flags=re.I)
        if ctx.matcher.stage(rest, cutoff=92) is None and not re.search(rf"\b{re.escape(out['stage'])}\b", rest, re.I):
            del out["stage"]  # "remove hot lead from Anthony": the stage word was the tag's
    if out.get("tags_add") and out.get("tags_remove"):
        # "everyone tagged hot … isn't hot anymore, take the tag off": a tag taken off is not also put on
        out["tags_add"] = [t for t in out["tags_add"] if t not in out["tags_remove"]]
        if not out["tags_add"]:
            del out["tags_add"]
    out.update(_other_channel_said(text, out, selector))
    corrected = re.search(
        r"\b(?:correct|new|right|updated|proper|current)\s+(?:e-?mail\s+)?(?:address|e-?mail)\s+(?:is|:)\s*"
        r"(?P<e>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
        text,
        re.I,
    )
    if corrected and "email" not in out:
        # "Her correct address is nadia@…. … please add the needs-callback tag as well": the address changes too
        out["email"] = corrected.group("e")
    if not out and re.search(r"\bsource\b", text, re.I):
        # "Source for Yuri Lebedev is wrong. Not website. London roadshow.": the source said apart from its field
        said = ex.source_of(
            re.sub(r"\b(?:not|instead of|rather than)\s+(?:the\s+)?[\w -]+", " ", text, flags=re.I), ctx.matcher
        )
        if said and said in ctx.matcher.vocab.lead_sources:
            out["lead_source"] = said
    if out and "lead_source" not in out:
        # "→ move to lead, source linkedin": the source named as one more item of a list of changes
        item = _LIST_SOURCE.search(text)
        sources = {ex._fold(s): s for s in ctx.matcher.vocab.lead_sources}
        said = ex._best(item.group(1), sources, 95) if item and sources else None
        if said:
            out["lead_source"] = said
    when = out.get("next_follow_up")
    if isinstance(when, str) and when < ctx.today.isoformat() and len(out) > 1:
        # "remove the needs-proposal tag from rosa, we sent it over yesterday": when something happened, beside the
        # change asked for, is no follow-up (a follow-up is never set in the past)
        del out["next_follow_up"]
    moved = _job_move(text, ctx.matcher)
    if moved:
        out = {**{k: v for k, v in out.items() if k not in ("company", "title")}, **moved}
    if isinstance(out.get("title"), str):
        out["title"] = _bare_job(out["title"])
    return out


def _put_down_as_tags(text: str, m: ex.Matcher) -> list[str]:
    """ "put crystal yates down as hot lead and storm season": what she is listed as, when every item spells one of
    the organization's tags ("hot lead" for hot-lead); otherwise the words are a stage or a sentence."""
    said = re.search(r"\bput\s+(?:[\w'’-]+\s+){1,3}down\s+as\s+(?:an?\s+)?(?P<l>[^,.;!?]+)", text, re.I)
    if not said:
        return []
    spelled = {ex._fold(t).replace("-", " "): t for t in m.vocab.tags}
    found: list[str] = []
    for part in re.split(r"\s*(?:,|\+|&|\band\b)\s*", said.group("l"), flags=re.I):
        words = ex._fold(part).replace("-", " ").split()
        # the item may run on into the story: "storm season she got hail damage calls …"
        tag = next((spelled[" ".join(words[:n])] for n in (3, 2, 1) if " ".join(words[:n]) in spelled), None)
        if tag is None:
            return []
        found.append(tag)
    return found


def _bare_job(title: str) -> str:
    """The job without the words around it: "the new Office Manager" is an Office Manager ("new" is news, not part
    of the job), and "title to General Manager and set her stage to SQL" ends the job before "and"."""
    title = re.sub(r"\s+(?:and|&|then|plus)$", "", title.strip(), flags=re.I)
    return re.sub(r"^new\s+(?=\S)", "", title, flags=re.I) or title


def _other_channel_said(text: str, out: dict[str, Any], selector: str) -> dict[str, Any]:
    """A new email told beside a new phone number, or the other way round: "new details: jo@… and mobile +254 …",
    "email has changed …: it's mb@…. She also asked that we call her cell rather than the house, 216-555-0144".
    Each value must follow its own word, and the one that names the contact (in the selector) is no change."""
    if ("email" in out) == ("phone" in out):
        return {}
    if "email" in out:
        for phone in ex.phones_in(text):
            at = text.find(phone)
            if at > 0 and re.search(
                r"\b(?:cell|mobile|phone|number|tel|whats ?app|landline)\b", text[max(0, at - 60) : at], re.I
            ):
                return {"phone": phone}
        return {}
    for email in ex.emails_in(text):
        at = text.lower().find(email)
        if (
            at > 0
            and email not in selector.lower()
            and re.search(r"\b(?:e-?mail|details)\b", text[max(0, at - 60) : at], re.I)
        ):
            return {"email": email}
    return {}


# The verb that puts a tag on or takes it off, and the few words that may stand between it and the tag ("add
# the nurture tag", "take her off nurture", "remove hot lead from"); any other word in between means the verb
# is about something else ("mark all contacts at Oakfield Primary School as churned" tags nobody "school").
_TAG_GAP = r"(?:\s+(?:the|a|an|her|him|them|his|their|its|tag|tags|label|as|with|off|on|onto|to|from|also|both|a\s+new))*\s+#?$"
_TAG_OFF_BEFORE = re.compile(
    r"\b(?:remove|removing|removed|take|taking|took|drop|dropping|untag|strip|clear|delete|pull|pulling|no longer)"
    + _TAG_GAP,
    re.I,
)
_TAG_ON_BEFORE = re.compile(r"\b(?:add|adding|tag|put|give|apply|stick|slap|mark|label|throw)" + _TAG_GAP, re.I)


def tag_edits(text: str, tags: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """The organization's tags a request puts on and takes off, each named as it is spelt (or with a space for
    its hyphen), by the verb just before it ("add X", "remove the X tag from", "take her off X"), or by a
    following "off" after "take" ("take hot-lead off Tommy"); a tag joined by "and" to the one before shares
    its verb ("add demo-booked and hot-lead to X"). A tag in "tagged X" selects people, so it is neither."""
    add: list[str] = []
    remove: list[str] = []
    hits = []
    for tag in tags:
        word = re.escape(tag.lower()).replace(r"\-", "[- ]")
        for hit in re.finditer(rf"(?<![\w-])#?{word}(?![\w-])", text, re.I):
            hits.append((hit.start(), hit.end(), tag))
    last: tuple[int, list[str] | None] = (-1, None)
    for start, end, tag in sorted(hits):
        before = text[:start]
        target: list[str] | None = None
        if re.search(r"\btagged\s+(?:as\s+|with\s+)?(?:the\s+)?#?$", before, re.I):
            last = (end, None)
            continue  # "everyone tagged vip": a selection
        if _TAG_OFF_BEFORE.search(before) or (
            re.match(r"\s+(?:tag\s+)?off\b", text[end:], re.I)
            and re.search(r"\b(?:take|took|taking)\s+(?:the\s+|that\s+|this\s+)?$", before, re.I)
        ):
            target = remove
        elif _TAG_ON_BEFORE.search(before):
            target = add
        if last[1] is not None and re.fullmatch(r"\s*(?:,|and|&|\+|,\s*and)\s*", text[last[0] : start], re.I):
            target = last[1]  # "add demo-booked and hot-lead"
        if target is not None and tag not in target:
            target.append(tag)
        last = (end, target)
    return add, remove


# Patterns of this round's rules that run on most requests, compiled once (the rules use more patterns than re's
# cache holds, and _JOB_NOUN alone is a large one)
_VALUE_ENDS = re.compile(r"\s*[,;.]\s+|\s+(?:because|since|as|cause|cos)\s+|\s+(?=" + ex.NEW_CLAUSE + ")", re.I)
_TAG_WORD = re.compile(r"\btag(?:ged)?\b", re.I)
_TAG_FIRST = re.compile(r"\W*(?:(?:pls|please|can you)\s+)?tag\b", re.I)
_BAR = re.compile(r"\s+\|\s+")
_SOURCE_THEN_STAGE = re.compile(r"(.+?)\s+(lead|subscriber|customer|client|prospect|mql|sql)", re.I)
_LETTER_SIGN = re.compile(r"(?<![\w$])(RM|R)\s?\d")
_ASIDE = re.compile(r"\s*\((?=[^()]*[^\W\d_]{3})[^()]{3,}\)")  # words in brackets, not "(503)" of a phone
_FREE_TEXT_FIELDS = {"company", "title", "owner", "first_name", "last_name", "lead_source"}


def _known_company(out: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
    """A new employer the organization already has is written as the CRM spells it ("Chakan Forgings Pvt" cut
    at the sentence's full stop is "Chakan Forgings Pvt. Ltd."): bulk changes are built outside build_args."""
    m = ctx.matcher
    if isinstance(out.get("company"), str):
        out["company"] = canonical_company(out["company"], m)
        heads = [c for c in m.vocab.companies if re.match(rf"{re.escape(ex._fold(c))}\b", ex._fold(out["company"]))]
        if out["company"] not in m.vocab.companies and len(heads) == 1:
            out["company"] = heads[0]  # "moved to Lucky Dumpling House apparently": the company, then an aside
    title = out.get("title")
    at_co = re.search(r"\s+(?:at|@)\s+(?P<co>[A-Z][^,.;!?]*)$", title) if isinstance(title, str) else None
    first = ex._fold(at_co.group("co")).split()[0] if at_co else ""
    if at_co and (
        _company_opening(at_co.group("co"), m)
        or (len(first) >= 4 and [ex._fold(c).split()[0] for c in m.vocab.companies].count(first) == 1)
    ):
        out["title"] = title[: at_co.start()]  # "promoted to Director of Sales at Harbourside": where, not the job
    return out


def _changes_merged(text: str, ctx: Ctx) -> dict[str, Any]:
    whole = _changes_one(text, ctx)
    if whole and not any(k.endswith("_consent") for k in whole):
        # "Remove the newsletter tag from X. And she doesn't want marketing emails at all.": a later sentence
        # about what they will receive is a second change, the consent
        for later in re.split(r"(?<=[.!?])\s+", text.strip())[1:]:
            for key, value in consent_changes(later).items():
                whole.setdefault(key, value)
    pieces = [p for p in _MORE_CHANGES.split(text) if p and p.strip()]
    if len(pieces) < 2:
        return whole
    found = [_changes_one(p, ctx) for p in pieces]
    if sum(1 for f in found if f) < 2:
        return whole
    out = dict(whole)
    # "Tasha went cold, move her back to lead and …": a stage the request names beats one read from its story
    # ("went cold" alone is churned)
    named = [f["stage"] for p, f in zip(pieces, found, strict=True) if "stage" in f and ex.stage_after(p, ctx.matcher)]
    if "stage" not in out and named:
        out["stage"] = named[0]
    for f in found:
        for k, v in f.items():
            out.setdefault(k, v)
    return out


_VERB_FIRST = re.compile(
    r"(?:set|make|assign|move|mark|change|update|put|push|bump|give|add|remove|log|create|schedule|follow|remind)\b",
    re.I,
)


def _removed_tag(text: str, m: ex.Matcher) -> tuple[str, str] | None:
    """(tag, the words saying so) for a tag taken off someone: "take cold off her", "remove eastern-suburbs from
    her", "remove the hot tag", "untag vip"."""
    hit = re.search(
        r"\b(?:take|remove|drop|strip|delete)\s+(?:the\s+)?['\"]?(?P<t>[\w-]+)['\"]?(?:\s+tag)?\s+off\b"
        r"|\b(?:remove|drop|strip|delete|untag|take off|take out|take away)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:tag\s+)?['\"]?(?P<u>[\w-]+)['\"]?(?:\s+tag)?"
        r"(?=\s+from\b|\s*(?:[,.;!(]|$))"
        # "the black-friday tag can go off", "the old tag can come off now"
        r"|\bthe\s+(?P<g>[\w-]+)\s+tag\s+(?:can|should|must|may|has to|needs to)\s+(?:go|come|be taken)\s+(?:off|away)\b"
        # "remove Vo Quang from hot-lead": a person taken out of a tag (only a tag of ours counts, below)
        r"|\b(?:remove|take|drop)\b[^.;!?]{1,40}?\bfrom\s+(?:the\s+)?(?P<f>[\w-]+)(?![\w-])",
        text,
        re.I,
    )
    if not hit:
        return None
    raw = (hit.group("t") or hit.group("u") or hit.group("g") or hit.group("f")).lower()
    if raw in ("that", "this", "the", "those", "it", "tag") and ex.tags_of(text, m):
        raw = ex.tags_of(text, m)[0]  # "any customer still tagged sample-pack, can you take that tag off?"
    known = ex._best(raw, {ex._fold(t): t for t in m.vocab.tags}, 90) if m.vocab.tags else None
    return (known, hit.group(0)) if known else None


def _new_job_after(rest: str) -> str | None:
    """The job said right after a new employer: "moved to Quantix AI as Director of Talent", "jumped to X, now
    Head of Marketing there", "moved to Aurora Cabinetry Inc. as their new CFO - …"."""
    job = (
        re.match(
            # "company is Kapoor Family Trust now and title CIO": the job named as the field
            r"\s*(?:now\b)?\s*(?:,\s*|\s+and\s+|\s*;\s*)(?:(?:new|her|his|their)\s+)?(?:job\s+)?(?:title|role|position)"
            r"\s*(?:is\s+(?:now\s+)?|:\s*|to\s+|=\s*)?(?P<t>[A-Za-z][\w&/.-]*(?:\s+[A-Za-z][\w&/.-]*){0,4}?)\s*(?:[,.;!]|$|\s+now\b)",
            rest,
            re.I,
        )
        or re.match(
            rf"\.?\s*,?\s*(?:as|now|and (?:is )?now)\s+(?:an?\s+|the\s+|their\s+)?(?:new\s+)?"
            rf"(?P<t>(?:[A-Za-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}"
            # "as AVP Marketing": the department straight after the rank
            rf"(?:\s+of\s+[A-Za-z][\w&-]*(?:\s+(?-i:[A-Z])[\w&-]*)?|\s+(?:{_DEPARTMENTS})(?![\w-]))?)(?:\s+there)?"
            r"\s*(?:[,.;!]|\s[-–—]\s|$)",
            rest,
            re.I,
        )
        or re.match(
            # "…moved from lefevre to quayside hotels, head of hr there now"
            rf"\s*[,–—-]\s*(?:(?:she|he|they)(?:['’]s| is| are)\s+)?(?:an?\s+|the\s+|their\s+)?(?P<t>(?:[A-Za-z][\w&/-]*\s+){{0,3}}?"
            rf"{_JOB_NOUN}(?:\s+of\s+[A-Za-z][\w&-]*)?)\s+(?:there\s+now|now\s+there|there|now)\s*(?:[,.;!]|$)",
            rest,
            re.I,
        )
        or re.match(
            # "moved over to cuyahoga rentals she's their new leasing manager update her company and title"
            rf"\s*(?:now\b)?\s*[,.;]?\s*(?:and\s+)?(?:she|he|they)(?:['’]s| is| are)\s+(?:now\s+)?(?:an?\s+|the\s+|their\s+)"
            rf"(?:new\s+)?(?P<t>(?:[A-Za-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}(?:\s+of\s+[A-Za-z][\w&-]*)?)"
            r"(?:\s+(?:there|now))?\s*(?:[,.;!]|$|\s+(?:update|change|pls|please|can|could)\b)",
            rest,
            re.I,
        )
    )
    return job.group("t") if job else None


_CAPS_RUN = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|de|the|for))*"


# a job said to be wrong, then the right one: "title's wrong, he's Master Distiller", "her role is out of date - she is
# Head Brewer now"
_WRONG_TITLE = re.compile(
    r"\b(?:job\s+)?(?:title|role|position)(?:['’]s|\s+is)\s+(?:wrong|incorrect|off|outdated|out of date|old)\s*[,.;:—–-]*\s*"
    r"(?:(?:he|she|they)(?:['’]s|\s+is|\s+are)\s+|it\s+should\s+be\s+|should\s+be\s+)(?:actually\s+|now\s+|really\s+)?"
    r"(?:an?\s+|the\s+|their\s+|our\s+)?(?P<t>[A-Za-z][\w&/'’-]*(?:\s+[A-Za-z&][\w&/'’-]*){0,4}?)"
    r"(?:\s+now)?\s*(?:[,.;!?]|$)",
    re.I,
)


def _new_title_said(text: str) -> str | None:
    """ "Luke Bratton: new title Chief Operating Officer, new number …": the job right after "new title"."""
    new = re.search(r"\bnew\s+(?:job\s+)?(?:title|role)\s*(?:is\s+|:\s*|-\s*)?(?P<v>[A-Za-z][^,;.\n]*)", text, re.I)
    if new and not re.match(r"(?:is|for|of|on)\b", new.group("v"), re.I):
        return re.sub(r"\s+(?:and|pls|please)$", "", new.group("v").strip(), flags=re.I)
    return None


def _changes_one(text: str, ctx: Ctx) -> dict[str, Any]:
    """What one update clause changes: stage, owner, tags, follow-up date, phone, email, and so on."""
    m = ctx.matcher
    # "three weeks of phone tag with his front desk … mark John as a customer": the game, not a tag
    text = re.sub(r"\b(phone|telephone|voicemail)\s+tag\b", r"\1 ping-pong", text, flags=re.I)
    out: dict[str, Any] = {}
    wed = re.search(
        r"\b(?:name of (?:her|his) (?:husband|wife)|(?:her|his) (?:husband|wife)['’]s (?:sur|last )?name|"
        r"married name)(?:\s+now)?\s*(?:is|:|-|–)\s*(?P<n>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})\s*(?:[,.;!]|$)",
        text,
        re.I,
    )
    if wed:
        # "uses the name of her husband now: Yara van Dongen": the surname after her own first name
        said = wed.group("n").split()
        return {"last_name": " ".join(said[1:]) if len(said) > 1 else said[0]}
    text = re.sub(r"\s*\b(?:from now on|right now|for now|as of now|starting now)\b", "", text, flags=re.I)
    # "churned, they were a client last yr": what they were, the reason, not the new stage
    text = re.sub(
        r"[,;]?\s*\b(?:they|he|she|it)\s+(?:was|were|used to be)\s+(?:a\s+|an\s+|our\s+)?[\w-]+\s+"
        r"(?:last\s+\w+|before|previously|until\s+\w+|in\s+\d{4}|for\s+years)\b",
        "",
        text,
        flags=re.I,
    )
    # "Is opportunity now, before was sql": what it was before (Spanish word order, "antes era"), not the change
    text = re.sub(
        r"[,;.]?\s*\b(?:before|previously|formerly|until now)\s*,?\s+(?:(?:it|he|she|they)\s+)?(?:was|were)\s+"
        r"(?:an?\s+)?[\w-]+",
        "",
        text,
        flags=re.I,
    )
    # "his company's based in Calgary": where the company is, not a new employer
    text = re.sub(
        r"\b(?:company|employer)(?:['’]s|\s+is)\s+(?=based|located|headquartered|in\b|out\b|over\b|down\b)",
        "office is ",
        text,
        flags=re.I,
    )
    # "shld be subscriber only, do NOT move her to lead yet": what not to do is no change
    text = re.sub(
        r"[,;.]?\s*\b(?:do not|don'?t|never|pls don'?t|please don'?t)\s+(?:move|put|make|mark|set|change|switch|bump)\s+"
        r"(?:(?:him|her|them|it)\s+)?(?:(?:to|as|into|back to)\s+)?(?:an?\s+)?[\w-]+(?:\s+(?:yet|now|please|pls))?",
        "",
        text,
        flags=re.I,
    )
    sel, chg = split_change(text, m)
    low = text.lower()
    field_name = None
    # the field named right before the change ("…on the phone this morning — change his stage to SQL") first;
    # a stage as the new value beats a field word in the story before it ("replied to the cold email … bump her to
    # sales qualified", "fake company, spam form fill -> disqualified")
    if chg != text and ex.stage_after(chg, m) and ex.stage_after(chg, m)[0] <= 3:
        sel = re.sub(r"\b(?:e-?mail|phone|number|company|title|source|owner)\b", " ", sel, flags=re.I)
    field_name = next(
        (name for name, pat in _FIELD_WORDS if re.search(rf"\b(?:{pat})\b\s*(?:to|:|=|is)?\s*$", sel, re.I)), None
    )
    for name, pat in _FIELD_WORDS:
        if not field_name and re.search(
            rf"\b(?:update|change|set|fix|correct|new)\s+(?:the\s+)?(?:{pat})\s+(?:for|of|on)\b"
            rf"|\b(?:update|change|fix|correct)\s+(?:her|his|their)\s+(?:{pat})\b",
            text,
            re.I,
        ):
            field_name = name  # "update email for Vivienne Marchetti: v.marchetti@…"
    for name, pat in _FIELD_WORDS:
        if field_name:
            break
        if re.search(
            rf"\b(?:new|updated|different|correct|right|proper|actual|real|current)\s+(?:{pat})\b", text, re.I
        ) and (sel == chg or name in ("phone", "email")):
            field_name = name  # "new phone for Derek: …", "moved to London, her new phone is …"
            break
        if (
            re.search(rf"\b(?:{pat})\b", sel, re.I)
            and not re.search(rf"\b(?:{pat})\b", chg, re.I)
            # "his company was sold to a chinese group. churned.": news about the company, not its new value
            and not re.search(
                rf"\b(?:{pat})\s+(?:was|were|got|has been|had been|is being)\s+(?:\w+\s+)?"
                r"(?:sold|bought|acquired|taken over|closed|shut|merged|bankrupt|liquidated|restructured)\b",
                text,
                re.I,
            )
        ):
            if (name == "email" and not ex.emails_in(text)) or (name == "phone" and not ex.phones_in(text)):
                continue  # "has opened every email …, she's marketing qualified now": no address, not the field
            field_name = name
            break
    news = _COMPANY_NEWS.search(text)
    for name, pat in _FIELD_WORDS:
        fv = re.search(
            rf"\b(?:{pat})(?:\s+(?:is now|is actually|was actually|should have been|should be|is|=|:|to|now)|['’]s(?:\s+now)?)"
            rf"\s+(?P<v>.+?)(?:\s+now)?[.!]*$",
            # "sold the company to his son, update his company to X": the field is said after the news
            text[news.end() :] if news and name == "company" else text,
            re.I,
        )
        if fv and name in ("title", "company", "lead_source", "last_name", "first_name"):
            value = re.sub(
                r"\s*,?\s*(?:pls|please)?\s*(?:(?:update|change|fix|correct)(?:\s+(?:it|that|both|the\s+[\w ]*?name|"
                r"her\s+[\w ]*?name|his\s+[\w ]*?name))?)?\s*$",
                "",
                fv.group("v"),
                flags=re.I,
            )
            # "last name is spelled wrong it should be Ericsson", "surname is actually Fernández Ruiz"
            value = re.split(r"\b(?:should be|it'?s|it is|ought to be)\s+", value, flags=re.I)[-1]
            value = re.sub(r"^(?:actually|really|now|in fact)\s+", "", value, flags=re.I)
            # "title is Principal now, he bought out the agency": the value ends where the reason starts
            value = re.split(
                r"\s+now\b|,\s*(?:he|she|they|as|because|since|so|which|not)\b", value, maxsplit=1, flags=re.I
            )[0]
            if name in ("last_name", "first_name"):
                value = re.split(r"\s*[,;(]|\.\s", value, maxsplit=1)[0]  # "surname is Basavaraj, full. …": a name
            field_name, chg = name, re.sub(r"\s+now$", "", value.strip(" ,"), flags=re.I)
            break
    if (
        field_name == "company"
        and news
        and not re.search(
            r"\b(?:update|change|set|fix|correct|new)\s+(?:the\s+|her\s+|his\s+|their\s+)?company\b", text, re.I
        )
    ):
        # "churn him. they sold the company to a PE group": news about the business, not the contact's new employer
        field_name, chg = None, text
    told = _new_title_said(text)
    if told and field_name in (None, "title"):
        field_name, chg = "title", told
    renamed = re.search(
        # (or "alison beaton got married, she's alison nicol now")
        r"^\W*(?P<first>[^\W\d_][\w'’-]*)\s+[^\W\d_][\w'’-]*(?:\s+is|[^.!?]{0,40}?\b(?:she|he)(?:['’]s|\s+is))\s+"
        r"(?P=first)\s+(?P<last>[^\W\d_][\w'’-]*)\s+now\b",
        text,
        re.I,
    ) or re.search(
        # "Natalie Walsh (Lytham Pilates) is going by Natalie Fielding now, she just got married"
        r"^\W*(?P<first>[^\W\d_][\w'’-]*)\s+[^\W\d_][\w'’-]*[^.!?]{0,80}?\b(?:is\s+)?(?:going|goes)\s+by\s+"
        r"(?P=first)\s+(?P<last>[^\W\d_][\w'’-]*)",
        text,
        re.I,
    )
    if renamed and field_name in (None, "email", "last_name"):
        # "rebecca shaw is rebecca pryce now (got married)": the same first name with a new surname
        out["last_name"] = renamed.group("last")[:1].upper() + renamed.group("last")[1:]
        more = _changes_one(text[renamed.end() :], ctx) if text[renamed.end() :].strip() else {}
        return {**out, **{k: v for k, v in more.items() if k != "last_name"}}
    goes_by = re.search(r"\b(?:goes|going) by\s+(?P<v>[^\W\d_][\w'’-]+)", text, re.I)
    if goes_by and field_name in ("last_name", "first_name"):
        chg = goes_by.group("v")  # "she goes by Jennings-Oduya now. fix her last name"
    if (
        field_name is None
        and ex.emails_in(text)
        and re.search(r"\be-?mail\b", text, re.I)
        and re.search(r"\b(?:bounced|new one|changed|now|updated|is|its|it's)\b", text, re.I)
    ) or (field_name is None and re.match(r"\W*(?:e-?mail|mail)\s+(?:is\s+|:\s*)?\S+@", text, re.I)):
        # "Michael Tran's email bounced, new one is m.tran@…"; "… and mail rajesh.pillai@…" (a second field)
        field_name = "email"
    if (field_name == "email" and not ex.emails_in(text)) or (field_name == "phone" and not ex.phones_in(text)):
        field_name = None  # "she got arsy on the phone": a field word with no value is not the field
    raw = chg.strip(" .,!?;:'\"")
    raw = re.sub(r"\s+(?:please|pls|thanks|thx|asap|for me)$", "", raw, flags=re.I)
    # "referral, not website" / "Acme instead of Globex": the value is what comes before the correction
    raw = re.sub(r"\s*,?\s+(?:not|instead of|rather than|no longer)\s+.*$", "", raw, flags=re.I).strip(" ,")
    raw = re.sub(r"\s+now$", "", raw, flags=re.I)  # "title is MD now not ops director"
    tag_m = (
        re.search(
            r"\b(?:tag|label)\s+(?P<who>.+?)\s+(?:as|with)\s+(?:an?\s+)?['\"]?(?P<tag>[\w -]+?)['\"]?(?:\s+(?:please|pls))?"
            # "tag Thandiwe as a champion, she's selling us internally": a reason may follow
            # (emoji or other symbols may close it: "… as hot-lead 🔥🔥")
            r"(?:[^\w]*$|\s*[,;.]\s+(?:she|he|they|it|we|i|as|because|since|cause|cos|so)\b)",
            text,
            re.I,
        )
        or re.search(
            # "all contacts of Sahyadri pls tag as hospital-his": the selection came first
            r"\b(?:tag|label)\s+(?P<who>)(?:as|with)\s+['\"]?(?P<tag>[\w-]+)['\"]?(?:\s+(?:please|pls))?[^\w]*$",
            text,
            re.I,
        )
        or re.search(
            r"\b(?:tag|label)\s+(?P<who>them|those|these|all of them|each of them|everyone|him|her)\s+(?:as\s+|with\s+)?"
            r"['\"]?(?P<tag>[\w-]+)['\"]?(?:\s+(?:please|pls))?\s*(?:$|[,.;!]|\s+(?:we|i|as|because|since|so|they)\b)",
            text,
            re.I,
        )
    )
    add_tag = re.search(
        r"\b(?:add|put|stick|apply|slap)\s+(?:the\s+|a\s+)?(?:tag\s+['\"]?(?P<a>[\w-]+)['\"]?|['\"]?(?P<b>[\w-]+)['\"]?\s+tag)\b"
        r"|\b(?:flag|label|mark)\s+.+?\s+(?:as|with)\s+(?:an?\s+)?['\"]?(?P<c>[\w-]+)['\"]?"
        # "add do-not-call and turn off her sms consent": a tag the organization uses, added by its name alone
        r"|\b(?:add|apply)\s+(?:the\s+)?['\"]?(?P<d>[\w]+(?:-[\w]+)+|[\w]+)['\"]?"
        r"(?=\s*(?:[,.;!]|\band\b|\btoo\b|\bwhile\b|\bas well\b|\bpls\b|\bplease\b|$))",
        text,
        re.I,
    )
    if add_tag and add_tag.group("d") and ex._fold(add_tag.group("d")) not in {ex._fold(t) for t in m.vocab.tags}:
        add_tag = None
    if (
        add_tag
        and add_tag.group("c")
        and (m.stage(add_tag.group("c"), cutoff=88) or add_tag.group("c").lower() in ex.STOP)
        # "mark all my leads … as hot-lead": a tag the organization keeps is a tag, however much it looks like a stage
        and ex._fold(add_tag.group("c")) not in {ex._fold(t) for t in m.vocab.tags}
    ):
        add_tag = None  # "mark X as customer" is a stage, not a tag
    if (
        add_tag
        and add_tag.group("c")
        and m.vocab.tags
        and not ex._best(add_tag.group("c"), {ex._fold(t): t for t in m.vocab.tags}, 85)
    ):
        add_tag = None  # "mark" only tags with a tag the organization uses
    swap = re.search(
        r"\b(?:swap|switch|replace|change|exchange)\s+(?:the\s+|(?:his|her|their)\s+)?['\"]?(?P<a>[\w-]+)['\"]?\s+tag\s+"
        r"(?:for|with|to|into)\s+(?:the\s+|a\s+)?['\"]?(?P<b>[\w-]+)"
        r"|\b(?:swap|switch|replace|change)\s+(?:the\s+)?tag\s+['\"]?(?P<c>[\w-]+)['\"]?\s+(?:for|with|to|into)\s+['\"]?(?P<d>[\w-]+)"
        # "swap klaviyo for shopify-plus on Jess": two of the organization's tags, no word "tag" needed
        r"|\b(?:swap|switch|replace)\s+['\"]?(?P<e>[\w-]+)['\"]?\s+(?:for|with)\s+['\"]?(?P<f>[\w-]+)",
        text,
        re.I,
    )
    if swap and m.vocab.tags:
        table = {ex._fold(t): t for t in m.vocab.tags}
        said_old = swap.group("a") or swap.group("c") or swap.group("e")
        said_new = swap.group("b") or swap.group("d") or swap.group("f")
        old_tag = ex._best(said_old, table, 85)
        new_tag = ex._best(said_new, table, 85) or said_new.lower()
        if swap.group("e") and not (old_tag and ex._fold(said_new) in table):
            old_tag = None  # "switch Nadia for Tom as owner": not two tags
        if old_tag:
            out["tags_remove"], out["tags_add"] = [old_tag], [new_tag]  # "swap the meta-ads tag for google-ads"
            return out
    handed = re.match(r"^\W*\S+(?:\s+\S+){0,2}?\s+to\s+(?P<u>me|myself|[\w.@-]+(?:\s+[A-Z][\w-]+)?)\W*$", text)
    if handed and not m.stage(handed.group("u"), cutoff=90):
        who = "me" if handed.group("u").lower() in ("me", "myself") else m.user(handed.group("u"), cutoff=92)
        if who:
            out["owner"] = who  # "Wójcik → me", "Nowak to Jens": a short hand-over
            return out
    if re.search(
        r"\bi(?:'ll|’ll| will| can| am going to)\s+(?:take|handle|own|look after|pick up|take over)\b"
        r"|\bi(?:'ll|’ll| will)?\s+(?:take|keep)\s+(?:her|him|them)(?:\s+myself)?\b"  # "… and I take her myself"
        r"|\b(?:is|are)\s+(?:all\s+)?mine\b(?!\s+(?:to|too)\b)",  # "Kyle Van Dusen is mine now."
        text,
        re.I,
    ):
        out["owner"] = "me"  # "I'll take Jack Liu from now on"
        return out
    # "… is now Head of Exhibitions, not Marketing Manager anymore": the old job said after the new one
    plain = re.sub(
        r"\s*,?\s+(?:(?:is|she'?s|he'?s|they'?re)\s+)?(?:not|no longer|instead of|rather than)\s+[^,.;!]*"
        r"(?:anymore|any more)?\s*[.!]*$",
        "",
        text,
        flags=re.I,
    )
    # "she's Practice Administrator now, can you update her title": the request to update ends the news
    plain = re.sub(
        r"\s*[,.;]?\s*(?:(?:so|and)\s+)?(?:(?:pls|please|can you|could you|can u)\s+)?(?:update|change|fix)\s+"
        r"(?:her|his|their|the)\s+"
        r"(?:job\s+)?(?:title|role|position)\b(?:\s+(?:pls|please|too))?\W*$",
        "",
        plain,
        flags=re.I,
    )
    promoted = re.search(
        rf"\b(?:(?:she|he|they)(?:'s|’s| is| are)|(?-i:[A-Z])[\w'’-]+\s+is)\s+(?:now\s+)?(?:(?:the|their|our|an?)\s+(?:new\s+)?)?(?P<t>(?:[a-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}"
        rf"(?:\s+of\s+(?:{_DEPARTMENTS}|(?-i:[A-Z])[\w&-]+))?)(?:\s+(?:now|there))?\s*(?:\([^)]*\))?\s*(?:[.!]+(?:\s+[^.!?]*[.!]*)?)?$",
        plain,
        re.I,
    )
    job_words = promoted.group("t").lower().split() if promoted else []
    if promoted and (
        (len(job_words) == 1 and m.stage(promoted.group("t"), cutoff=95))
        or (job_words[-1] == "lead" and job_words[0] in _LEAD_QUALITY)
    ):
        promoted = None  # "she is a lead now", "a real lead now": a stage, not a job
    if promoted and re.search(
        r"\b(?:promoted|new (?:title|role|job|position)|now|(?:the|their|our) new)\b", text, re.I
    ):
        out["title"] = promoted.group("t")  # "charlotte ashworth got promoted, she's the operations director now"
        moved = _MOVED_TO.search(text)
        if moved and not m.stage(moved.group("co"), cutoff=90):
            out["company"] = ex.clean_name(moved.group("co"))  # "… moved from A to B — …, she's their X now"
        # "Sunil Mehta new phone +254 733 902 118, and he's now Operations Director": the number said before it
        phones, emails = ex.phones_in(text), ex.emails_in(text)
        if phones and re.search(r"\bnew\s+(?:phone|number|mobile|cell|no\.?)\b", text, re.I):
            out["phone"] = phones[0]
        if emails and re.search(r"\bnew\s+(?:e-?mail|mail)\b", text, re.I):
            out["email"] = emails[0]
        return out
    known_tags = {ex._fold(t): t for t in m.vocab.tags}
    switched = [
        (known_tags[ex._fold(t)], state.lower())
        for t, state in re.findall(r"\b([\w-]+)\s+(off|on)\b(?=\s*(?:[,.;!]|$|and\b))", text, re.I)
        if ex._fold(t) in known_tags
    ]
    if switched:
        # "zainab bello: trial-active off, trial-expired on": the organization's own tags switched off and on
        for tag, state in switched:
            out.setdefault("tags_add" if state == "on" else "tags_remove", []).append(tag)
        return out
    removed = _removed_tag(text, m)
    if removed and m.vocab.tags:
        rest = re.sub(
            r"\b(?:everyone|everybody|anyone|all|those|contacts|people|leads|customers|clients)\s+(?:\w+\s+){0,2}?"
            r"(?:tagged|with (?:the )?tag)\s+['\"]?[\w-]+",
            " ",
            text.replace(removed[1], " "),
            flags=re.I,
        )
        added = [t for t in ex.tags_of(rest, m) if t != removed[0] and t in m.vocab.tags]  # "tagged roofing" selects
        if added:  # "tag ingrid psl + retained, and take cold off her"
            out["tags_add"], out["tags_remove"] = added, [removed[0]]
            return out
    adds = re.search(
        r"\badd\s+(?:the\s+)?tags?\s+(?P<l>[\w-]+(?:\s*(?:,|and|&)\s*[\w-]+)*)"
        r"|\badd\s+(?:the\s+)?(?P<l2>[\w-]+(?:\s*(?:,|and|&)\s*[\w-]+)+)\s+tags\b",
        text,
        re.I,
    )
    rems = re.search(
        r"\b(?:remove|drop|take off|strip|untag)\s+(?:the\s+)?(?:tags?\s+)?(?P<l>[\w-]+(?:\s*(?:,|and|&)\s*[\w-]+)*)",
        text,
        re.I,
    )
    if (
        adds
        and (rems or re.search(r"\btags\b", adds.group(0), re.I))
        and not re.search(r"\btags?\s+to\s+(?:all|every|everyone)\b", text, re.I)
    ):
        # "connor macleod: add tags vip and tasting-booked, remove budget-conscious"
        def _tag_list(raw: str) -> list[str]:
            words = [w.lower() for w in re.split(r"\s*(?:,|\band\b|&)\s*", raw) if w.strip()]
            return [w for w in words if w not in ex.STOP and w not in ("remove", "drop", "tag", "tags")]

        out["tags_add"] = _tag_list((adds.group("l") or adds.group("l2")).split(" remove")[0])
        if rems:
            out["tags_remove"] = _tag_list(rems.group("l"))
        return out
    rm_tag = re.search(
        # "remove the budget concern tag from Derek": a tag of up to three words, said before "tag"
        r"\b(?:remove|drop|delete|take off|take|strip|untag)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:tag\s+['\"]?(?P<a>[\w-]+)['\"]?|['\"]?(?P<b>(?!(?:out|the|that|this|those|it)\b)[\w-]+(?:\s+(?!(?:from|off|out|the)\b)[\w-]+){0,2}?)['\"]?\s+tag)",
        text,
        re.I,
    )
    if rm_tag:
        said = (rm_tag.group("a") or rm_tag.group("b")).lower()
        if said in ("off", "out", "from") and removed:
            said = removed[0]  # "… tagged hot …, take the tag off": the tag of the selection
        if said in ("off", "out", "from") and not [t for t in ex.tags_of(text, m) if t in m.vocab.tags]:
            return out  # "take the tag off" with no tag in this clause: the selection names it (see changes())
        named = [t for t in ex.tags_of(text, m) if t not in ("off", "out", "from")]
        if said in ("that", "this", "those", "it") and not named:
            return out  # "…, take that tag off": the tag of the selection (see changes())
        if said in ("that", "this", "those", "it", "off", "out", "from") and named:
            said = named[0]  # "… still tagged sample-pack, can you take that tag off?"
        if m.vocab.tags:  # "the hot lead tag" is the organization's hot-lead
            said = ex._best(said, {ex._fold(t): t for t in m.vocab.tags}, 90) or said
        out["tags_remove"] = [said]
        return out
    if removed:
        out["tags_remove"] = [removed[0]]  # "take price-sensitive off Kevin Boateng, he just signed …"
        return out
    if tag_m and re.search(r"\s(?:and|,|&)\s*", tag_m.group("tag")):
        # "tag matteo de luca as vip and upsell", "… as decaf and sample pack" (the tag sample-pack)
        table = {ex._fold(t): t for t in m.vocab.tags}
        out["tags_add"] = [
            table.get(ex._fold(t), t.strip().lower())
            for t in re.split(r"\s*(?:,|\band\b|&)\s*", tag_m.group("tag"))
            # "tag tariq as cash-buyer and set his follow up for June 10": the next change, not a tag
            if t.strip() and (ex._fold(t) in table or (len(t.split()) <= 2 and not _VERB_FIRST.match(t.strip())))
        ]
        return out
    own = {ex._fold(t): t for t in m.vocab.tags}
    said_tag = ex._fold(re.sub(r"[\s-]+", "-", tag_m.group("tag").strip())) if tag_m else ""
    if tag_m and said_tag in own:
        out["tags_add"] = [own[said_tag]]  # "tag Kiri as hot lead": the organization's hot-lead, said with a space
        return out
    as_known = (
        re.search(r"\bas\s+(?:an?\s+)?['\"]?([\w-]+(?:\s[\w-]+)?)['\"]?\W*$", tag_m.group("tag")) if tag_m else None
    )
    if as_known and ex._fold(re.sub(r"[\s-]+", "-", as_known.group(1))) in own:
        # "Tag everyone with a score of 80 or more as hot-lead": the selection, then the tag after "as"
        out["tags_add"] = [own[ex._fold(re.sub(r"[\s-]+", "-", as_known.group(1)))]]
        return out
    if tag_m:
        out["tags_add"] = [
            ex.tags_of("tag " + tag_m.group("tag"), m)[0]
            if ex.tags_of("tag " + tag_m.group("tag"), m)
            else tag_m.group("tag").lower()
        ]
        return out
    if add_tag:
        said = (add_tag.group("a") or add_tag.group("b") or add_tag.group("c") or add_tag.group("d")).lower()
        fuzzy = [t for t in ex.tags_of(text, m) if t in m.vocab.tags]
        # "add tag warrnty job": the organization's warranty-job, misspelt, rather than the first word as said
        out["tags_add"] = [fuzzy[0] if fuzzy and ex._fold(said) not in own else said]
        return out
    gets = re.search(
        r"\bshould (?:also )?(?:get|have|receive)\s+(?:the\s+)?(?:tag\s+)?['\"]?([\w-]+)['\"]?", text, re.I
    )
    if gets and ex._fold(gets.group(1)) in known_tags:
        out["tags_add"] = [known_tags[ex._fold(gets.group(1))]]  # "all contacts tagged speaker should get vip as well"
        return out
    trailing = re.search(
        r"\btag\s+(?:everyone|everybody|all|each|every|them|those|these|the)\b[^,.;!?]*?\s+(?P<t>[\w-]+)\s*(?:[,.;!?]|$)",
        text,
        re.I,
    )
    if trailing and ex._fold(trailing.group("t")) in known_tags:
        out["tags_add"] = [known_tags[ex._fold(trailing.group("t"))]]  # "tag everyone at Loomstack enterprise"
        return out
    for key, value in consent_changes(text).items():
        out.setdefault(key, value)
    # an "owned by X" in the selector is a filter, not the new owner
    owner_text = (
        text.replace(sel, re.sub(r"\b(?:owned by|belonging to|assigned to)\s+\S+", " ", sel), 1) if sel != chg else text
    )
    new_owner = (
        ex.new_owner_of(owner_text, m)
        if re.search(
            r"\b(assign|assigned|reassign|reassigned|give|hand|transfer|pass|owner|owned by|own|(?:switch|swap) .* over|under|"
            r"go|goes|rep|"
            r"take over|takes over|taking over|pick up|picks up|handle|handles|look after|looks after|over to|move|"
            r"responsible|in charge|point person)\b"
            r"|\bbe\s+[\w.@-]+['’]s\b|\b(?:are|is)\s+(?:all\s+)?(?:now\s+)?[\w.@-]+['’]s\b"  # "should be Tom's"
            r"|(?:\bto|->|→)\s*@[\w-]+",  # "… → @gary": handed to a colleague by mention
            low,
        )
        else None
    )
    if (
        new_owner is None
        and chg != text
        and raw
        and (field_name == "owner" or (m.user_names and m.user(raw, cutoff=92)))
    ):
        # "change the owner of … to Marcus", "… should go to Ravi": the new value is one of the users
        head = _VALUE_ENDS.split(raw, maxsplit=1)[0]
        # "change the owner of X to Merve, Katrin goes on parental leave": the value ends at the reason
        new_owner = m.user(head, cutoff=85) or (ex.clean_name(head) if field_name == "owner" else None)
    if field_name in (None, "owner") and new_owner:
        out["owner"] = new_owner
        return out
    for name in ("phone", "email") if field_name is None else ():
        if re.search(
            rf"(?:['’]s|\b(?:his|her|their))\s+(?:new\s+|direct\s+|work\s+|personal\s+|office\s+)?"
            rf"(?:{dict(_FIELD_WORDS)[name]})\s+(?:is|=|:)\s+(?:now\s+)?[+(\w]",
            text,
            re.I,
        ) and (ex.phones_in(text) if name == "phone" else ex.emails_in(text)):
            field_name = name  # "Natasha Reyes's direct line is 020 …. Update please.": the number is the change
            break
    if field_name == "phone":
        phones = ex.phones_in(chg) or ex.phones_in(text)
        if phones:
            out["phone"] = phones[-1]
        return out
    if field_name == "email":
        emails = ex.emails_in(chg) or ex.emails_in(text)
        if emails:
            out["email"] = emails[-1]
        return out
    works = _MOVED_TO.search(text)
    if works and (m.stage(works.group("co"), cutoff=90) or works.group("co").lower() in ex.STOP):
        works = None
    changed = None if works else _CHANGED_TO.search(text)
    if changed and (
        canonical_company(changed.group("co").strip(" ,."), m) in m.vocab.companies
        or company_names.without_legal_form(changed.group("co")) != changed.group("co").strip(" ,.")
    ):
        works = changed  # "Friedrich von Hagen changed to Baltic Yachting GmbH": a company, not a date or stage
    # ("is the studio manager now not booking coordinator": the job now, then the one it was)
    fixed = re.search(
        r"(?:\bis|['’]s)\s+(?:actually|really|in fact|now)\s+(?:the\s+|an?\s+|their\s+|our\s+)?(?P<t>[^,.;!?]{2,50}?)\s*,?\s+"
        r"(?:not|rather than|instead of)\s+(?:an?\s+|the\s+)?(?P<old>[^,.;!?]{2,40})"
        r"|(?:\bis|['’]s)\s+(?:the\s+|an?\s+|their\s+|our\s+)?(?P<t2>[^,.;!?]{2,50}?)\s+now\s*,?\s+"
        r"(?:not|rather than|instead of|no longer)\s+(?:an?\s+|the\s+)?(?P<old2>[^,.;!?]{2,40})",
        text,
        re.I,
    )
    if fixed and fixed.group("t2") and re.search(r"\b(?:title|role|is|says|said)\b|['\"‘’“”]", fixed.group("t2"), re.I):
        fixed = None  # "… signature says 'Senior Payroll Manager' now, not Analyst": the quoted job is read below
    if (
        fixed
        and re.search(rf"\b{_JOB_NOUN}s?\b", fixed.group("t") or fixed.group("t2"), re.I)
        and re.search(rf"\b{_JOB_NOUN}s?\b", fixed.group("old") or fixed.group("old2"), re.I)
    ):
        # "X is actually Head of People not HR manager, fix pls": the job
        out["title"] = (fixed.group("t") or fixed.group("t2")).strip()
        return out
    wrong = _WRONG_TITLE.search(text)
    if wrong:
        out["title"] = wrong.group("t").strip()  # "title's wrong, she's Head Brewer. fix": the right one follows
        return out
    role_at = re.search(
        rf"(?:\bis|['’]s)\s+(?:now\s+)?(?:the\s+|an?\s+|their\s+)?(?P<t>(?:[a-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}s?(?:\s+of\s+\w+)?)\s+"
        r"(?:at|@|for|with)\s+(?P<co>[\w&' .-]+?)\s*(?:$|,|;|\.|\s+now\b)",
        text,
        re.I,
    )
    if role_at and (
        re.search(r"\b(?:title|role|position|jobs?)\b", text, re.I)
        or re.search(r"\b(?:is|['’]s) now\b", role_at.group(0), re.I)
    ):
        # "aisha bello is head of events at Ashcombe Hall Trust now, update her title and company"
        out["title"] = role_at.group("t").strip()
        if re.search(r"\b(?:company|employer|organi[sz]ation)\b", text, re.I) or not re.search(
            r"\btitle\b", text, re.I
        ):
            out["company"] = ex.clean_name(role_at.group("co"))
        return out
    if field_name == "company" and works:
        out["company"] = ex.clean_name(works.group("co"))  # "X works at Pioneer Roofing now, update his company"
        job = _new_job_after(text[works.end("co") :])
        if job:
            out["title"] = (
                job  # "moved to Aurora Cabinetry Inc. as their new CFO - please update his company and title"
            )
        return out
    if field_name in ("title", "company", "last_name", "first_name"):
        if field_name == "title":
            # "promoted to Office Manager at her clinic could you please update her title": the job ends where the
            # request starts (or at a place that is no company's name)
            promo = re.search(
                r"\bpromoted\s+to\s+(?:be\s+)?(?:the\s+|their\s+|our\s+|an?\s+)?(?P<t>[^\n]+)", text, re.I
            )
            if promo:
                raw = promo.group("t")  # "got promoted to Head of Operations, fair play to him. update his title"
            # … or at an emoji, a lower-case aside after a comma ("Head of Operations, fair play to him") or the
            # request itself ("branch manager 👏 update her title")
            raw = re.split(
                # ("general manager over at summit air so update her title": where, then the request)
                r"\s+(?:at|in|for)\s+(?:her|his|their|the same)\b|\s+(?:over|out|down|up)\s+(?:at|in)\b"
                r"|[,.;!?]?\s+so\s+(?=\w)|[,.;!?]?\s+(?:could|can|would|will) you\b|[,.;!?]?\s+(?:please|pls)\b"
                r"|\s*[^\w\s&/'’().,+-]+(?:\s|$)|,\s+(?=[a-z])|[,.;!?]?\s+(?:update|change|fix|set|edit)\s+(?:her|his|their|the)\b",
                raw,
                maxsplit=1,
                flags=re.I,
            )[0].strip(" ,.")
        if raw and chg != text:
            out[field_name] = ex.clean_name(raw) if field_name != "title" else raw
        said = (
            re.search(re.escape(out["company"]), text, re.I) if field_name == "company" and out.get("company") else None
        )
        job = _new_job_after(text[said.end() :]) if said else None
        if job:
            out["title"] = job  # "Aditya Rao company is Kapoor Family Trust now and title CIO"
        return out
    if field_name == "lead_source":
        out["lead_source"] = (
            ex._best(raw, {ex._fold(s): s for s in m.vocab.lead_sources}, 85)
            # "actually came from linkedin, not the website. fix the source"
            or ex.source_of(re.sub(r"\b(?:not|instead of|rather than)\s+(?:the\s+)?[\w -]+", " ", text, flags=re.I), m)
            or source_with_words(raw, m.vocab.lead_sources)
            or raw.lower()
        )
        return out
    spans = ctx.dates(chg) or (ctx.dates(text) if _FOLLOW.search(text) else [])
    target = ex.stage_after(text, m)
    if (
        target
        and field_name in (None, "stage")
        and not _FOLLOW.search(text)
        and re.search(r"\b(?:to|as|into)\s+(?:an?\s+)?$", text[: target[0]], re.I)
    ):
        spans = []  # "move Chloé Dubois to opportunity — she asked for a presentation next week": the stage
    if field_name == "next_follow_up" or (
        spans and (_FOLLOW.search(text) or re.search(r"remind|push|postpone|move|shift", low))
    ):
        said_in = chg if ctx.dates(chg) else text  # the text the spans' positions refer to
        if said_in is chg and _FOLLOW.search(text) and all(re.search(_AWAY, chg[: sp.pos], re.I) for sp in spans):
            # "push the follow-up for X to 1st Oct, she's travelling to Singapore till end of month": the change
            # was cut at "to Singapore"; the date it goes to is in the whole text
            spans, said_in = ctx.dates(text), text
        kept = [sp for sp in spans if not re.search(r"\b(?:not|instead of|rather than)\s+$", said_in[: sp.pos], re.I)]
        if kept:
            spans = kept  # "follow up tomorrow instead of today", "f/u tmrw not today": not the date ruled out
        if spans:
            # "shift the follow-up to monday? He is on holiday until friday": the date the change goes to
            to = [sp for sp in spans if re.search(r"\b(?:to|for)\s+$|^\s*$", said_in[: sp.pos], re.I)]
            others = [sp for sp in spans if sp not in to]
            away = all(
                re.search(_AWAY, said_in[: sp.pos], re.I)
                or re.match(r"(?:until|till|since|after|before|from)\b", sp.text, re.I)
                for sp in others
            )  # "… to monday? He is on holiday until friday": the other date is when they are away
            # "set their follow up to end of month pls, renewals kick in 8/1": a date after the clause is a reason
            later = bool(to) and all(re.search(r"[,.;!?]", said_in[to[-1].pos : sp.pos]) for sp in others)
            # "f/u fri + tag sample-sent, fedex'd the kit today": the date said right after the follow-up word is its
            # date; one in a later clause (after a comma) tells what happened, as "later" above
            said = [sp for sp in spans if re.search(r"fol+ow[- ]?ups?\s*(?:on\s+|for\s+)?$", said_in[: sp.pos], re.I)]
            if said and not to and len(spans) > 1:
                rest = [sp for sp in spans if sp.pos > said[0].pos]
                if rest and all(re.search(r"[,.;!?]", said_in[said[0].pos : sp.pos]) for sp in rest):
                    to, later = said[:1], True
            out["next_follow_up"] = _iso((to if to and others and (away or later) else spans)[-1].start)
        return out
    said_stage = ex.stage_after(text[: works.start()], m) if works else None
    if (
        works
        and said_stage
        and re.search(r"\b(?:is|now|as|to)\s+(?:an?\s+)?\S+\s*$", text[: works.start() - 0][: said_stage[0] + 30])
    ):
        works = None  # "björn is disqualified (works for a competitor clinic…)": the status is the change
    if (
        works
        and not (m.vocab.companies and m.find_in(works.group("co"), m.vocab.companies, cutoff=88))
        and (ex.stage_after(text, m) or re.search(r"\b(?:disqualify|dq)\b", text, re.I))
        and field_name != "company"
    ):
        works = None  # "Arjun – disqualified. Turns out he works for a competitor": the story, not a new employer
    if works:
        # as said: changes() writes a company the CRM has the way the CRM spells it (canonical_company)
        out["company"] = ex.clean_name(works.group("co"))
        # "moved to Quantix AI as Director of Talent", "jumped to X, now Head of Marketing there": the new job too
        job = _new_job_after(text[works.end("co") :])
        if job and not out.get("title"):
            out["title"] = job
        return out
    tagging = chg if _TAG_WORD.search(chg) else text if _TAG_FIRST.match(text) else ""  # "tag keyonna brooks as …"
    if tagging and ex.tags_of(tagging, m):
        tags = ex.tags_of(tagging, m)  # "… should be tagged gold", "tag ingrid psl and retained"
        out["tags_add"] = tags[:1] + [t for t in tags[1:] if t in m.vocab.tags]
        return out
    stepped = _stage_stepped(text, m)
    if stepped:
        out["stage"] = stepped
        return out
    st = ex.stage_after(chg, m) or (ex.stage_after(text, m) if chg != text and not new_owner else None)
    described = described_stage(text)
    targeted = any(
        re.search(
            r"\b(?:to|as|into|now|is|be|make (?:him|her|them|it)|mark (?:him|her|them|it))\s+(?:an?\s+)?$",
            text[: h[0]],
            re.I,
        )
        or h[0] == 0
        for h in ex._scan(text, m.stage_names, 88)
    )
    # "… cancelled the retainer in spring but she's re-signed, so customer again please": the stage it is again
    again = any(re.match(r"\s+again\b", text[h[0] + len(h[1]) :], re.I) for h in ex._scan(text, m.stage_names, 88))
    if described and (
        st is None
        or not (targeted or again)
        or (described == "churned" and st[1] == _stage_key(ctx, "customer") and not again)
    ):
        # "negotiation is going on … update his stage accordingly"; "we have lost him as a client"
        st = (0, _stage_key(ctx, described))
    if (
        st is None
        and not out
        and re.search(r"\b(signed|closed|converted|became a customer|bought|purchased|won)\b", low)
    ):
        st = (0, _stage_key(ctx, "customer"))
    if st is None and not out and re.search(r"\b(went cold|cancel+ed|left us|churned|churn)\b", low):
        st = (0, _stage_key(ctx, "churned"))
    if (
        st is None
        and not out
        and re.search(
            # "junk", "it's spam", "spam form fill", but not "complained about spam" (a reason for a consent change)
            r"\b(?:not a fit|junk|(?:is|was|it'?s|just|pure|total|obvious|looks like)\s+spam|"
            r"spam\s+(?:lead|contact|entry|sign-?up|form|bot|submission)|^\W*spam\b)",
            low,
        )
    ):
        st = (0, _stage_key(ctx, "disqualified"))
    if st and st[1]:
        out["stage"] = st[1]
        if re.search(r"\b(and|,)\s*(?:assign|give|hand ?over|handover|pass|transfer)", low) and new_owner:
            out["owner"] = new_owner
        return out
    if new_owner:
        out["owner"] = new_owner
    if not out and ex.phones_in(text) and re.search(r"\b(?:phone|number|mobile|cell|tel|landline)\b", low):
        out["phone"] = ex.phones_in(text)[-1]  # "…the mobile we have is old. The right number is +44 …"
    return out


# "a real lead now", "a hot lead": words for how good a lead is, so "<word> lead" is the stage, not a job title
_LEAD_QUALITY = frozenset(
    {"real", "hot", "warm", "cold", "qualified", "good", "proper", "new", "genuine", "solid", "strong", "actual",
     "serious", "big", "legit"}
)  # fmt: skip
_STEP = re.compile(
    r"\b(?:(?P<up>up|forward|down|back)\s+(?:one|a|1)\s+(?:stage|step|level)|(?P<rel>next|previous)\s+stage)\b", re.I
)


def _stage_stepped(text: str, m: ex.Matcher) -> str | None:
    """ "currently mql right? move her up one stage": the stage next to the one said, in the organization's own
    order (churned and disqualified are exits, not steps)."""
    step = _STEP.search(text)
    hits = ex._scan(text, m.stage_names, 88)
    said = {h[2] for h in hits}
    if not step or len(said) != 1:
        return None
    if any(re.search(r"\b(?:to|as|into)\s+(?:an?\s+)?$", text[: h[0]], re.I) for h in hits):
        return None  # "move him back a step to sql": the stage it goes to is said
    order = [s["key"] for s in m.vocab.lifecycle_stages if s["key"] not in ("churned", "disqualified")]
    now = next(iter(said))
    if now not in order:
        return None
    forward = (step.group("up") or step.group("rel")).lower() in ("up", "forward", "next")
    i = order.index(now) + (1 if forward else -1)
    return order[i] if 0 <= i < len(order) else None


def _stage_key(ctx: Ctx, word: str) -> str:
    return ctx.matcher.stage(word, cutoff=90) or word


def _person(text: str, ctx: Ctx, exclude: tuple[str, ...] = ()) -> str | None:
    who = ex.person_ref(text, ctx.matcher, exclude=exclude) or shared_name_at_company(text, ctx.matcher)
    first_de = re.match(r"([^\W\d_][\w'’-]*)\s+de\s+\S", who) if who and who not in ctx.matcher.vocab.contacts else None
    if first_de:
        # "Jessica de RioBravo -> customer" (Spanish "de": at, from): a first name and where the person works, not a
        # surname with a particle
        named = ex._by_first_name(tuple(ctx.matcher.vocab.contacts)).get(ex._fold(first_de.group(1)), [])
        if len(named) == 1:
            return named[0]
        at = at_their_company(first_de.group(1), text, ctx.matcher)
        if " at " in at:
            return at
    return at_their_company(who, text, ctx.matcher) if who else who


def shared_name_at_company(text: str, m: ex.Matcher) -> str | None:
    """ "jamie at red brick signed the quote!! move him to customer": a first name typed in lower case that several
    contacts share, said with where that one works (the tools resolve "Jamie at Red Brick Brewery")."""
    index = ex._by_first_name(tuple(m.vocab.contacts))
    for hit in re.finditer(r"\b([^\W\d_][\w'’-]+)\s+(?:at|from|@|de)\s", text, re.I):
        word = hit.group(1)
        if len(index.get(ex._fold(word), [])) >= 2 and " at " in at_their_company(word, text, m):
            return word.capitalize()
    return None


def at_their_company(who: str, text: str, m: ex.Matcher) -> str:
    """ "Jennifer at Lancaster Glass is an opportunity now", "Mike @ Marysville Auto": a first name several
    contacts share, made one person by where they work. The tools resolve "Jennifer at Lancaster Glass"."""
    if " " in who.strip() or "@" in who or not m.vocab.companies:
        return who
    if len(ex._by_first_name(tuple(m.vocab.contacts)).get(ex._fold(who), [])) < 2:
        return who
    hit = re.search(
        # (or "Fatima (Chenab Garments) to mql": the employer in brackets after the name)
        rf"\b{re.escape(who)}\s+(?:(?:at|from|of|@|wa|de)\s+(?:the\s+|la\s+|el\s+)?|\(\s*)(?P<co>[^,.;!?()\n]+)",
        text,
        re.I,
    )
    if not hit:
        return who
    said = ex._fold(hit.group("co"))
    found = set()
    for company in m.vocab.companies:
        words = ex._fold(company).split()
        # the company's name or its first words ("Marysville Auto" for Marysville Auto Components)
        for k in range(len(words), 0, -1):
            head = " ".join(words[:k])
            if (k >= 2 or len(head) >= 4) and re.match(rf"{re.escape(head)}\b", said):
                found.add(company)
                break
    return f"{who} at {found.pop()}" if len(found) == 1 else who


_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "dos", "das", "le", "la", "ter", "ten",
              "ó", "o", "ní", "ni", "nic", "ua", "uí", "ap", "binte", "binti",
              "bin", "al", "el", "mac", "st", "st."}  # fmt: skip


_CREDENTIAL = r"(?:DVM|MD|PhD|DDS|DMD|RN|NP|PA-C|CPA|Esq|MBA|PE|OD|DO|JD|CFA|CFP|PMP|FRCS|MRCS|BSc|MSc|LLB|LLM)"


# Spanish and Brazilian given names, for names read the Portuguese way (built once, not per name)
_IBERIAN_GIVEN_NAMES = GIVEN_NAMES | PT_GIVEN_NAMES


def _name_parts(
    name: str, email: str | None = None, *, two_surnames: bool = False, portuguese: bool = False
) -> tuple[str, str]:
    """(first, last): particles belong to the last name ("Pieter van Dijk" -> "Pieter", "van Dijk"). A name
    written family name first ("Heng Pei Shan", "Ong Jia Hui", as in Singapore or China) is split the way the
    person's own address writes it: "peishan.heng@…" makes "Pei Shan" the first name and "Heng" the last. Where
    people carry two family names (``two_surnames``), "Rogelio Treviño Cano" is Rogelio + Treviño Cano unless the
    middle word is a given name ("Jorge Alberto Ruiz"), and "María José Herrera Lozano" is two and two. Brazilian
    names (``portuguese``) are read the same way, with Brazilian given names ("João Pedro", "Ana Paula")."""
    parts = name.split()
    while len(parts) > 2 and re.fullmatch(_CREDENTIAL, parts[-1].strip(".,")):
        parts.pop()  # "Dr. Rosalind Achterberg DVM": letters after a name are a degree, not the surname
    if len(parts) == 1:
        return parts[0], ""
    flipped = _family_name_first(parts, email)
    if flipped:
        return flipped
    given_names = _IBERIAN_GIVEN_NAMES if portuguese else GIVEN_NAMES
    if (
        two_surnames
        and len(parts) in (3, 4)
        # "Mary Beth Flanagan" in a Madrid agency keeps the English order: a Spanish given name, or one the
        # English name table does not know, comes first
        and (ex._fold(parts[0]) in given_names or not english_given_name(parts[0]))
        and not any(p.lower() in _PARTICLES for p in parts)
    ):
        given = 2 if ex._fold(parts[1]) in given_names else 1
        if len(parts) == 4 or given == 1:
            return " ".join(parts[:given]), " ".join(parts[given:])
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(parts[:i]), " ".join(parts[i:])


def _family_name_first(parts: list[str], email: str | None) -> tuple[str, str] | None:
    if not email:
        return None
    # only a given name of two words written as one ("peishan", "jiahui") tells the order apart: "demir.yusuf"
    # for Yusuf Demir is just a surname-first address, and "vonarnim" is a surname with its particle
    if len(parts) < 3 or parts[1].lower() in _PARTICLES:
        return None
    tokens = [t for t in re.split(r"[._+-]+", ex._fold(email.split("@")[0])) if t]
    words = [re.sub(r"[^a-z]", "", ex._fold(p)) for p in parts]
    if "".join(words[1:]) not in tokens:
        return None
    return " ".join(parts[1:]), parts[0]


# Nouns for "a new record" that are not names ("new enquiry from the open day: Declan Murphy").
_NOT_NAMES = {"enquiry", "inquiry", "enquiries", "inquiries", "signup", "sign-up", "booking", "people", "person",
              "someone", "somebody", "subscriber", "her", "him", "them", "seller", "buyer", "landlord", "tenant",
              "investor", "patient", "member", "student", "vendor", "supplier", "homeowner", "renter", "family",
              "record", "entry", "one", "two", "three", "guy", "lady", "woman", "man", "couple", "bride", "groom"}  # fmt: skip
_NEW_NAME = re.compile(
    r"\b(?:add|create|new|save|register|enter|put|log|sign up|onboard|store)\b(?:\s+(?:a|an|the|new|contact|lead|customer|client|prospect|person|record|called|named|pls|please|plz|in(?=\s+(?-i:[A-Z]))|:|-|"
    # "add a new guy jimmy royce with …": the person, by how the owner talks of them
    r"guy|fella|feller|gal|lady|dude)|:)*"
    # "new hot lead - Phoebe Adams": how promising the lead is, not their name
    r"(?:\s+(?:hot|warm|cold|potential|possible|inbound|promising)\s+(?:lead|prospect|contact|one)(?:\s*[-–—:]|\s+(?:is|called|named))?)?\s+"
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+(?:[ÓóOo]'?|N[ií]|Mac|Mc|de|van|von|da|del|di|le|la|du))?(?:\s+[^\W\d_][\w'’-]+){0,2}?)"
    # a whole word, not the start of an address ("create contact sales@…" names nobody)
    r"\b(?![@.][\w])"
    r"(?=\s*(?:,|\(|;|:|\s-|–|—|\bfrom\b|\bat\b|\bwith\b|\bwho\b|\bemail\b|\bphone\b|"
    r"\bas\b|\bto\b|\binto\b|\bin\b|\bowner\b|\bowned\b|\bassign|\bfollow|\binterested\b|\bwants\b|\bcell\b|\bmobile\b|\bnumber\b|\bvia\b|"
    r"\bsource\b|\btag|\bcame\b|\bplease\b|\bpls\b|\bthey\b|\band\b|[\w.+-]+@|\+?\d|$))",
    re.I,
)


_GENERIC_STAGES = {"lead", "leads", "client", "clients", "prospect", "prospects", "customers", "new lead", "contact"}
_JOB_NOUN = (
    r"(?:manager|director|owner|founder|co-founder|ceo|cfo|cto|coo|cmo|vp|avp|svp|evp|president|head|lead|teacher|principal|"
    # wine and lodge trades: "Cellar Master", "Winemaker", "Viticulturist", "Concierge"
    r"master|winemaker|viticulturist|concierge|"
    r"brewmaster|chef|engineer|officer|partner|administrator|admin|coordinator|specialist|buyer|accountant|consultant|"
    r"analyst|generalist|supervisor|superintendent|secretary|treasurer|nurse|doctor|dentist|architect|designer|developer|agent|"
    r"broker|realtor|planner|editor|producer|dean|pastor|foreman|controller|assistant|receptionist|instructor|coach|"
    r"trainer|therapist|physio|recruiter|strategist|marketer|associate|executive|chair|chairman|chairwoman|barista|"
    r"co-owner|md|buyer|purchaser|sommelier|bartender|clerk|registrar|surveyor|solicitor|lawyer|attorney|paralegal|"
    r"scientist|gm|hod|pa|bursar|librarian|in-charge|incharge|professor|lecturer|physician|surgeon|pharmacist|"
    r"technician|advisor|adviser|auditor|inspector|caretaker|headteacher|headmaster|headmistress|warden|curator|"
    r"estimator|hygienist|journalist|reporter|photographer|stylist|copywriter|writer|dietitian|optometrist|"
    r"chiropractor|physiotherapist|orthodontist|periodontist|optician|veterinarian|vet|osteopath|podiatrist|"
    r"midwife|paramedic|psychologist|counsell?or|"
    r"priest|vicar|chaplain|imam|rabbi|bishop|deacon|exec|mgr|rep|representative|intern|"
    # drinks and venue trades: "Brand Ambassador", "Master Distiller", "Head Brewer" ("she is really our ambassador"
    # alone is a happy customer: an evangelist, not a job)
    r"brand\s+ambassador|distiller|brewer|"
    # German titles people keep in German: "Geschäftsführerin", "Vertriebsleiter", "Leiter Marketing", "Einkäuferin"
    r"\w*leiter(?:in)?|gesch[äa]ftsf[üu]hrer(?:in)?|eink[äa]ufer(?:in)?|inhaber(?:in)?|prokurist(?:in)?|"
    r"referent(?:in)?|berater(?:in)?|vorstand|direktor(?:in)?|"
    # French and Spanish titles put the noun first: "coordonnatrice recrutement", "Gerente de Recursos Humanos"
    r"coordonnat(?:eur|rice)|directeur|directrice|gestionnaire|conseill(?:er|[èe]re)|charg[ée]e?|"
    r"(?:vice-)?pr[ée]sidente?|adjointe?|g[ée]rante?|ing[ée]nieure?|repr[ée]sentante?|sp[ée]cialiste|analyste|"
    r"stagiaire|acheteu(?:r|se)|copropri[ée]taire|pdg|d[ée]l[ée]gu[ée]e?|"
    r"gerente|jef[ea]|coordinador(?:a)?|ejecutiv[oa]|directora|"
    # Dutch titles kept in Dutch: "eigenaresse", "oprichter", "inkoper", "bedrijfsleider", "directeur-eigenaar"
    r"eigena(?:ar|resse)|oprichter|medeoprichter|inkoper|bedrijfsleider|directeur-eigenaar|zaakvoerder|"
    r"marketeer|verkoper|adviseur)"
)
# a French, Spanish or German title: the noun, then what it is of ("coordonnateur événements", "vice-présidente RH",
# "Gerente de Recursos Humanos", "Leiter E-Commerce")
_NOUN_FIRST_JOB = (
    r"(?:coordonnat(?:eur|rice)|directeur|directrice|gestionnaire|conseill(?:er|[èe]re)|charg[ée]e?\s+de|"
    r"(?:vice-)?pr[ée]sidente?|adjointe?|g[ée]rante?|responsable|gerente|jef[ea]\s+de|coordinador(?:a)?|"
    r"stagiaire|acheteu(?:r|se)|"
    r"directora?|ejecutiv[oa]|leiter(?:in)?)(?:\s+(?:de\s+la|de|des|du|d['’]|en|del)?\s*(?!(?:at|chez|for|with|@)\b)[^\W\d_][\w&'’-]*){0,4}"
)
_JOB_TITLE = re.compile(
    rf"(?:^|,|\s[-–—]\s|\bis\s+(?:the\s+|an?\s+)?|(?:she|he|they)(?:'s|’s| is| are)\s+(?:the\s+|an?\s+)?)\s*"
    rf"(?P<t>(?:(?:[A-Za-z][\w&/-]*|&)\s+){{0,3}}?{_JOB_NOUN}s?)\s+(?:at|@|of|for)\s+\S"
    rf"|\bas\s+(?:an?\s+|the\s+|their\s+)?(?P<t2>(?:[A-Za-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}s?)\b",
    re.I,
)


_JOB_TITLE_ALONE = re.compile(
    rf"\b(?:she|he|they|shes|hes|theyre)(?:'s|’s| is| are)?\s+(?:the|their|our|its|an?)\s+(?P<t>(?:[A-Za-z][\w&/-]*\s+){{0,3}}?{_JOB_NOUN}s?)\b",
    re.I,
)
# "Ifeoma's head of growth there", "he's ops director there now": the job at the company just named
_JOB_THERE = re.compile(
    rf"\b(?:she|he|they|(?-i:[A-Z])[\w'’-]+)(?:'s|’s| is| are)\s+(?P<t>(?:[a-z][\w&/-]*\s+){{0,2}}?{_JOB_NOUN}"
    rf"(?:\s+of\s+[\w&-]+)?)\s+there\b",
    re.I,
)
# "il est coordonnateur événements" (read as "he is …"): French says the job with no article
_NOUN_FIRST_ALONE = re.compile(
    rf"\b(?:she|he|they)(?:'s|’s| is| are)\s+(?P<t>{_NOUN_FIRST_JOB})(?=\s*(?:[,.;!]|$))", re.I
)


_LEADING_PERSON = re.compile(
    r"^\W*(?:(?:pls|please|can you|could you|ok|hey)[, ]+)*(?:(?:add|create|new|enter|save)\s+(?:(?:a|an|new)\s+)*"
    r"(?:contact|lead|customer|client|prospect|person|enquiry|inquiry)?\s*:?\s*)?"
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+(?:van|von|de|der|den|da|del|di|du|le|la|o'|mc|mac|st\.?|ó|ní|nic|ap|ua|bin|binte|binti|al|el))?"
    r"\s+[^\W\d_][\w'’-]+)"
    r"(?=\s*(?:,|;|\(|\||\s[-–—|]\s|\s(?:from|at|of|with|registered|rang|called|emailed|wants|is|who|came|signed)\b)"
    rf"|\s+(?:[a-z&/-]+\s+)?{_JOB_NOUN}\b)",
    re.I,
)


def leading_person(text: str, m: ex.Matcher) -> str | None:
    """The person a message starts with ("carmen vidal - zocalo foods - founder - …", "yuki mori from sunstone
    realty signed …"), when the name is nobody the organization already knows as a colleague, company or value."""
    hit = _LEADING_PERSON.match(text)
    if not hit:
        return None
    name = hit.group("name")
    words = name.lower().split()
    if any(w in ex.STOP or w in ex._MONTHS_DAYS for w in (words[0], words[-1])):
        return None
    if m.user(name, cutoff=92) or m.stage(name, cutoff=90) or ex._is_source(name, m):
        return None
    if m.vocab.companies and m.find_in(name, m.vocab.companies, cutoff=90):
        return None
    if m.vocab.tags and any(ex._fold(w) in {ex._fold(t) for t in m.vocab.tags} for w in words):
        return None
    if any(m.stage(w, cutoff=95) or w in ex._SOURCE_ALIASES for w in words):
        return None  # "FB lead - Tasha Greene …": a source and a stage, not a person
    return name


def ctx_stage_like(seg: str) -> bool:
    """Lifecycle words that end like a job ("sales qualified lead", "new lead"), unlike "IT lead" or "team lead"."""
    words = re.sub(r"^(?:an?|the|new|hot|warm|cold|good|real)\s+", "", seg.strip().lower()).split()
    if re.fullmatch(r"(?-i:[A-Z][a-z]+ Lead)", seg.strip()):
        return False  # "Marketing Lead" in a signature or a sheet's column: a job written in title case
    return bool(words) and (
        words[-1] in ("mql", "sql", "prospect", "prospects", "leads")
        or words == ["lead"]
        or (
            words[-1] == "lead"
            and len(words) >= 2
            and words[-2] in ("qualified", "marketing", "sales", "inbound", "warm")
            # "APAC Marketing Lead", "Regional Sales Lead": a job, with the team's region or scope before it
            and (len(words) == 2 or words[-2] == "qualified")
        )
    )


def _title_segment(text: str) -> str | None:
    """A job title said as its own piece of a list ("…, it manager, …", "| cfo |", "- founder -")."""
    for seg in re.split(r"[,;|()\n\t]|\s[-–—/]\s|\.\s", text):
        # "…, social media manager I think, …": a hedge after the title is not part of it
        seg = re.sub(
            r"\s+(?:i think|i believe|apparently|probably|maybe|i guess|if i remember right)\W*$",
            "",
            seg.strip(),
            flags=re.I,
        )
        seg = seg.strip(" .?").lstrip("-–—/ ")
        # "He is VP Marketing, Nandi Crest …", "she's their APAC Marketing Lead": the sentence around the job
        seg = re.sub(
            r"^(?:(?:he|she|they)(?:['’]s|\s+is|\s+are)|is|was)\s+(?:the|an?|their|our|its)?\s*(?=\S)",
            "",
            seg,
            flags=re.I,
        )
        if (
            re.fullmatch(rf"(?:(?:[^\W\d_][\w&/-]*|&)\s+){{0,3}}{_JOB_NOUN}s?", seg, re.I)  # "owner & founder"
            or re.fullmatch(r"(?:head|director|vp|chief|manager)\s+of\s+[\w&/ -]{2,30}", seg, re.I)
            or re.fullmatch(r"(?:hod|head|vp|avp|svp|evp|chief)\s+[^\W\d_][\w&/-]*(?:\s+[^\W\d_][\w&/-]*)?", seg, re.I)
            or re.fullmatch(_NOUN_FIRST_JOB, seg, re.I)
        ) and not re.match(r"(?:owner|assign|give|source|stage|status|rep)\b\s+(?!&|and\b)\S", seg, re.I):
            if re.match(r"(?:new|hot|warm|cold|a|an|the|my|our)\b", seg, re.I) or ctx_stage_like(seg):
                continue  # "new lead - josefine …" names a stage, not a job
            if re.match(r"(?:pls|please|plz|kindly|add|create|save|put|make|set|move|as|me|myself)\b", seg, re.I):
                continue  # "---\npls add as lead, …, me as owner" under a pasted form: the order, not a job
            if _firm_of_people(seg):
                continue  # "Westlake Property Partners", "Halsted Realty Brokers": a firm named for its people
            return seg
    return None


_HONORIFIC = re.compile(
    r"^(?:dr|mr|mrs|ms|miss|mx|prof|sir|dame|mme|mlle|madame|mademoiselle|monsieur|m|ma[iî]tre|me|sr|sra|srta|"
    r"señor|señora|herr|frau|dott|dra?|sister|sr|brother|br|father|fr|rev|revd|reverend|col|colonel|capt|captain|"
    r"maj|major|gen|general|lt|sgt|cdr|prof)\.?(?:\s*\((?:retd|retired|rtd)\.?\))?\s+(?=\S+\s+\S)",
    re.I,
)
_SIGNATURE = re.compile(
    r"^\s*(?:(?i:dr|mr|mrs|ms|miss|prof|engr)\.?[ \t]+)?"  # "Dr. Benedict Chiong": the title is not the name
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:van|von|de|der|den|da|del|di|du|le|la))?(?:\s+[A-Z][\w'’-]+){1,2})\s*\n"
    r"\s*(?P<title>[^|\n,]{2,50}?)\s*(?:\||,|\s[-–—]\s|\bat\b)\s*(?P<company>[^|\n]{2,60}?)\s*$",
    re.M,
)


# A signature laid out one field a line, possibly bulleted: "Anneliese Brookfield\nSales Agent\nHAMILTON HILL
# PRESTIGE\nm: 0417 …", "- Jessica Tran-Whitby\n- Listings Coordinator @ Bellbird Realty\n- 0401 …"
_STACKED = re.compile(
    r"^[ \t]*(?:[-•*▪][ \t]*)?(?:(?i:dr|mr|mrs|ms|miss|prof|engr)\.?[ \t]+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:van|von|de|der|den|da|del|di|du|le|la))?(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*\n"
    # (a LinkedIn headline goes on after the company, between bars: "VP Sales @ Brightwell | ex-Deloitte | …")
    r"[ \t]*(?:[-•*▪][ \t]*)?(?P<title>[^\n|@\d]{2,50}?)[ \t]*(?:(?:\||@|\bat\b)[ \t]*(?P<company>[^\n\d@|]{2,60}?)"
    r"(?:(?<=[^\W\d_])[ \t]+\|[ \t]*[^\n]*)?)?[ \t]*"
    r"(?:\n[ \t]*(?:[-•*▪][ \t]*)?(?P<company2>[^\n\d@:]{2,60}?)[ \t]*)?$",
    re.M,
)


# "Tilly Westbrook | Experiential Lead\nNorthwest Kombucha Co.\n07700 …": the name and the job on one line
_NAME_BAR_TITLE = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:van|von|de|der|den|da|del|di|du|le|la))?(?:[ \t]+[A-Z][\w'’-]+){1,2})"
    r"[ \t]*\|[ \t]*(?P<title>[^|\n@\d]{2,50}?)[ \t]*\n[ \t]*(?P<company>[^\n\d@:|]{2,60}?)[ \t]*$",
    re.M,
)


def _signature(text: str) -> tuple[str, str, str] | None:
    """An email signature pasted into the request: a line with only a name, then "title | company" (or the
    title and the company on lines of their own)."""
    for hit in _SIGNATURE.finditer(text):
        title = hit.group("title").strip()
        if re.fullmatch(
            rf"(?:{_DEPARTMENTS})(?:\s*(?:&|and|/|,)\s*(?:{_DEPARTMENTS}))*", hit.group("company").strip(), re.I
        ):
            continue  # "Director - Sales & Marketing": the department is part of the title; the company is below
        if re.search(rf"\b{_JOB_NOUN}s?\b", title, re.I) or re.search(r"\b(?:head|chief|vp)\b", title, re.I):
            return hit.group("name"), title, hit.group("company").strip()
    for hit in _STACKED.finditer(text):
        title = hit.group("title").strip()
        company = (hit.group("company") or hit.group("company2") or "").strip(" ,")
        if company.endswith(".") and not re.search(
            r"\b(?:co|inc|ltd|corp|llc|plc|bros|pty|gmbh|s\.a)\.$", company, re.I
        ):
            company = company[:-1]  # a sentence's full stop, but "Blackstone Brewing Co." keeps its own
        # (a billing contact's signature names the desk: "Accounts Payable", "Billing", "Bookkeeping")
        if not company or not re.search(
            rf"\b{_JOB_NOUN}s?\b|\b(?:head|chief|vp)\b|^(?:accounts\s+(?:payable|receivable)|billing|bookkeeping)$",
            title,
            re.I,
        ):
            continue
        if company.isupper() and len(company) > 4:
            company = company.title()  # "HAMILTON HILL PRESTIGE" as the letterhead writes it
        return hit.group("name"), title, company
    for hit in _NAME_BAR_TITLE.finditer(text):
        title = hit.group("title").strip()
        if re.search(rf"\b{_JOB_NOUN}s?\b|\b(?:head|chief|vp)\b", title, re.I):
            return hit.group("name"), title, hit.group("company").strip(" ,")
    return None


# "add becky holt hr manager @ …", "create a contact for daniel okafor he's the office manager …": a two-word
# name after the verb, told apart from what follows by a pronoun or a job title rather than by punctuation
_NAME_THEN_TITLE = re.compile(
    r"\b(?:add|create|new|save|enter|register)\b(?:\s+(?:a|an|the|new|contact|lead|customer|client|prospect|for|one|:|-))*\s+"
    r"(?:(?:doctor|dr|mr|mrs|ms|miss|prof)\.?\s+)?"  # "add dr emily nguyen-ross medical director …"
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+(?:van|von|de|da|del|di|le|la|du|mc|mac))?(?:\s+[^\W\d_][\w'’-]+){1,2}?)\s+"
    rf"(?=(?:he|she|they)(?:'s|’s|\s+is|\s+are|\s+was|\s+works|\s+runs|\s+does|\s+from)\b|(?:[\w&/-]+\s+){{0,2}}{_JOB_NOUN}\b)",
    re.I,
)


# "new contact for the bridgeport plumbing account uh mike o'shaughnessy he's their operations manager": the two
# words before a pronoun saying the person's job, wherever the request put them
_NAME_BEFORE_JOB = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\s+(?:he|she)(?:'s|’s|\s+is)\s+(?:the|their|our|its|an?)\s+"
    rf"(?:[\w&/-]+\s+){{0,2}}{_JOB_NOUN}\b",
    re.I,
)


# "… of Trade Shows," / "… of ICT & digital." / "… of Property Management" at the end: up to four words, then the
# end of that list item
_HEAD_OF_UNIT = re.compile(
    r"\s+of\s+((?:[^\W\d_][\w&/-]*\s+|&\s+){0,3}[^\W\d_][\w&/-]*)(?=\s*(?:[,;|.\n(]|\s[-–—]\s|$))"
)


def _names_a_company(words: str, m: ex.Matcher) -> bool:
    """Whether "of <words>" names a company (a known one, or one with a legal form) rather than a department."""
    said = re.findall(r"[a-z0-9]+", ex._fold(words))
    # ("International Sales" is a department: of the generic words only a group or holding names a company)
    if set(said) & (company_names.LEGAL_FORMS - {"the", "and", "as"} | {"group", "holdings", "holding"}):
        return True  # "of Nordwind Logistik AG", "of Kessler Group"
    return any(ex._fold(c).startswith(ex._fold(words)) or ex._fold(words) == ex._fold(c) for c in m.vocab.companies)


# departments a head/director/manager "of" can name ("head of people"), unlike a company ("manager of Café Lumière")
_DEPARTMENTS = "|".join(
    (
        "people",
        "talent",
        "hr",
        "human resources",
        "engineering",
        "marketing",
        "sales",
        "operations",
        "ops",
        "finance",
        "it",
        "technology",
        "tech",
        "product",
        "design",
        "procurement",
        "purchasing",
        "growth",
        "digital",
        "content",
        "customer success",
        "legal",
        "compliance",
        "facilities",
        "security",
        "data",
        "partnerships",
        "communications",
        "comms",
        "development",
        "business development",
        "events",
        "learning",
        "training",
        "nursing",
        "care",
        "estates",
        "admissions",
        "research",
        "strategy",
        "brand",
        "ecommerce",
        "e-commerce",
        "retail",
        "logistics",
        "supply chain",
        "hospitality",
        "food",
        "catering",
        "wellbeing",
        "culture",
        "infrastructure",
        "innovation",
        "quality",
        "safety",
        "service",
        "services",
        "support",
        "accounts",
        "payroll",
        "recruitment",
        "resourcing",
        "rh",
        "trainings",
        "continuing education",
    )
)


def _title_after_name(text: str, name: str) -> str | None:
    """The job said right after the person's name: "Patrick Byrne, Head Barista at …", "becky holt hr manager @ …",
    "daniel okafor he's the office manager at …", "Ahmed Siddiqui head of engineering …"."""
    at = re.search(r"\s+".join(re.escape(w) for w in name.split()), text, re.I)
    if not at:
        return None
    rest = text[at.end() :]
    hit = re.match(
        r"\s*(?:[,(|:]|[-–—])?\s*(?:(?:he|she|they)(?:'s|’s|\s+is|\s+are)\s+)?(?:(?:the|a|an|their|our|its)\s+)?"
        r"(?:new\s+)?(?P<t>(?:(?:[^\W\d_][\w&/.'-]*|&)\s+){0,4}?"
        rf"{_JOB_NOUN}s?(?:\s+of\s+(?:{_DEPARTMENTS})(?![\w-]))?)\b",
        rest,
        re.I,
    )
    if not hit:
        return None
    title = hit.group("t").strip()
    # "she is chargée de formation at …", "Gerente de Recursos Humanos": the French or Spanish job with what of
    noun_first = re.match(
        r"\s*(?:[,(|:]|[-–—])?\s*(?:(?:he|she|they)(?:'s|’s|\s+is|\s+are)\s+)?(?:(?:the|a|an|their|our|its)\s+)?"
        rf"(?P<t>{_NOUN_FIRST_JOB})",
        rest,
        re.I,
    )
    if noun_first and noun_first.group("t").lower().startswith(title.lower()) and noun_first.group("t") != title:
        title = re.split(r"\s+(?:at|chez|for|with|@)\b", noun_first.group("t"), maxsplit=1)[0].strip()
    words = title.lower().split()
    if words[0] in ex.STOP or ctx_stage_like(title) or any(w in ("is", "was", "and", "but", "with") for w in words):
        return None
    if _firm_of_people(title):
        return None
    owned = _EMPLOYERS_JOB.match(title)
    return owned.group("job") if owned else title  # "Athena Diner's new GM": the employer's, then the job


_EMPLOYERS_JOB = re.compile(r"(?:[^\W\d_][\w&.-]*\s+){1,4}?[^\W\d_][\w&.-]*(?:['’]s|s['’])\s+(?:new\s+)?(?P<job>.+)$")
_PLURAL_JOB_END = re.compile(rf"{_JOB_NOUN}s$", re.I)


def _surname_case(last: str) -> str:
    """ "dela paz" -> "dela Paz", "van der walt" -> "van der Walt", "o'neill" -> "O'Neill": particles stay lower."""
    parts = last.split()
    return " ".join([*parts[:-1], ex.clean_name(parts[-1]).title()]) if len(parts) > 1 else ex.clean_name(last).title()


def _firm_of_people(words: str) -> bool:
    """ "Westlake Property Partners", "Halsted Realty Brokers": a firm named for its people, not a job."""
    parts = words.split()
    return len(parts) >= 2 and parts[-1][:1].isupper() and bool(_PLURAL_JOB_END.search(words))


_NOT_IN_TITLE = {"i", "we", "you", "he", "she", "they", "it", "is", "was", "are", "were", "has", "have", "had",
                 "works", "working", "worked", "met", "from", "with", "and", "but", "our", "his", "her", "their", "my",
                 "called", "emailed", "rang", "please", "add", "contact", "who", "that", "this", "been", "be", "not",
                 "came", "found", "signed", "wants", "want", "needs", "looking", "just", "also", "party", "event"}  # fmt: skip


def _title_before_company(text: str, company: str) -> str | None:
    """A job said in the slot before "at <company>", whatever the words: "Hans Becker, Einkaufsleiter at Müller
    Präzisionstechnik GmbH", "He's Head of UK Operations at …", "is the new events coordinator at Helix …"."""
    hit = re.search(
        r"(?:^|[,(|/;:]|\s[-–—]\s|\b(?:is|as|he['’]s|she['’]s|they['’]re)\s+)\s*(?:(?:the|an?|their|our)\s+)?(?:new\s+)?"
        r"(?P<t>[^,;()\n@\d|/:–—]{2,40}?)\s+(?:at|@|for)\s+(?:the\s+)?" + re.escape(company),
        text,
        re.I,
    )
    if not hit:
        return None
    title = hit.group("t").strip(" -–—")
    words = title.lower().split()
    if not words or len(words) > 6 or any(w.strip(".'’") in _NOT_IN_TITLE for w in words):
        return None
    if words[0] in ex.STOP or ctx_stage_like(title):
        return None
    return title


def _owner_said_briefly(text: str, ctx: Ctx, *, exclude: str = "") -> str | None:
    """The owner of a new record said in passing: "… mine.", "kwame's", "…, sean, call her back", "put her under me"."""
    m = ctx.matcher
    text = ex._EMAIL.sub(" ", text)  # "josefine.b@proton.me" says nothing about the owner
    if re.search(r"(?:^|[,.;:!]\s|\s[-–—])\s*(?:(?:both |all )?mine|me|my lead|my contact|my account|i'?ll take (?:it|him|her|them)|i take(?: (?:it|him|her|them|this one))?)\s*"
                 r"(?:[,.;:!]|\s[-–—]|$)|\b(?:under|to|(?<!contact )(?<!client )(?<!lead )(?<!customer )for) me\b|"
                 r"\bme\s+(?:down\s+)?as\s+(?:the\s+)?owner\b|\bi(?:'ll| will) (?:own|handle|take|keep) (?:it|him|her|them|this)|"
                 # "… make her a lead and I'm the owner", "I'll be the owner for both"
                 r"\bi(?:['’]?m| am|['’]ll be| will be) (?:the |their |her |his )?owner\b",
                 text, re.I):  # fmt: skip
        return "me"
    if re.search(r"(?<!\bof )\bmine\b(?!\s+(?:is|was|are|were)\b)", text, re.I):
        return "me"  # "… 07700 900672 mine follow up end of month", "and she's mine"
    if not m.user_names:
        return None
    said = re.search(
        r"\b(?P<u>[^\W\d_][\w'’-]*)(?:['’]s)?\s+(?:patch|territory|account|to own|should own|will own|can own|to take|"
        r"to handle|owns (?:it|him|her|them)|(?:is\s+)?looking after (?:it|him|her|them))\b|\b(?:give|hand|pass)\s+(?:it\s+|him\s+|her\s+|them\s+)?(?:over\s+)?to\s+(?P<v>[^\W\d_][\w'’-]*)"
        # "…, Tunde take am" (Pidgin, read "Tunde take him"), "Sanjay takes her"
        r"|\b(?P<w>[^\W\d_][\w'’-]*)\s+(?:take|takes|will take|should take)\s+(?:him|her|them)\b",
        text,
        re.I,
    )
    if said:
        who = re.sub(r"['’]s$", "", said.group("u") or said.group("v") or said.group("w"))
        user = m.user(who, cutoff=95)
        if user:
            return user  # "Anika's patch", "hannah to own", "marco should own him", "Eilidh's looking after her"
    ex_words = {w.lower() for w in exclude.split()}
    for seg in re.split(r"[,.;:!()|\n]|\s[-–—]\s", text):
        # "…, she's Tunde's", "it's Priya's": whose the record is
        seg = re.sub(
            r"^(?:(?:she|he|they|it|this one|that one)(?:['’]s| is| are)\s+(?:all\s+)?)", "", seg.strip(), flags=re.I
        )
        poss = re.fullmatch(r"([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)['’]?s", seg)
        # "Rhys" is a name ending in s, "kwame's" a name with its possessive
        for cand in (seg, poss.group(1) if poss else ""):
            if cand and len(cand.split()) <= 2 and cand.lower() not in ex_words:
                user = m.user(cand, cutoff=95)
                if user:
                    return user  # a colleague's name alone in a clause ("…, sean, call her back") or "kwame's"
    am = re.search(r"\bassign(?:ed)?\s+(?!to\b)([^\W\d_][\w'’-]*)", text, re.I)
    if am:
        return m.user(am.group(1), cutoff=92)
    return None


# Titles of address before a capitalised name, dropped before names are read ("Add Ms Grace Achieng - Bursar",
# "add Col. (Retd.) Harish Chandra Pandey"): they are not part of the first name.
_ADDRESS = re.compile(
    rf"\b(?=(?-i:[A-Z]))(?:{ex.TITLES})\.?(?:\s*\((?:retd|retired|rtd)\.?\))?\s+(?=(?-i:[A-Z]))"
    # "Chief Accountant", "Chief People Officer", "Lead Engineer": the start of a job, not a title of address
    r"(?!(?:[\w&-]+\s+){0,3}(?:officer|accountant|executive|engineer|editor|architect|designer|strategist|scientist|"
    r"economist|counsel|nurse|technician|manager|director|head|analyst|consultant|specialist|coordinator|of)\b)",
    re.I,
)


_FORM_LINE = re.compile(
    # (a bullet or a number may open the line: "- Company: …", "3. Company: …")
    r"^[ \t]*(?:[-•*][ \t]+|\d{1,2}[.)][ \t]+)?(?P<key>[A-Za-z][A-Za-z /]{1,20}?)[ \t]*(?::|[ \t][-–—]|[-–—][ \t])[ \t]*(?P<value>\S[^\n]*?)[ \t]*$",
    re.M,
)
_FORM_KEYS = {
    # (a lead notice names the person by their role to the trade: "Customer: …", "Caller: …", "Name on file: …")
    "name": ("name", "full name", "contact name", "contact", "customer", "customer name", "client name", "caller",
             "caller name", "name on file", "lead name"),
    "title": ("role", "title", "job title", "designation", "position", "job"),
    "company": ("company", "organisation", "organization", "org", "school", "hospital", "firm", "employer",
                "business", "account", "institution", "college", "clinic", "practice", "company name",
                "business name", "practice name", "clinic name", "organisation name", "organization name", "agency",
                "store", "shop", "restaurant", "studio", "office", "venue", "venue name", "cafe", "café", "bar", "pub",
                "hotel", "property"),
}  # fmt: skip


# the first line of a pasted lead notice, "Thumbtack — New lead", "Angi Leads: New Opportunity": the notice's title
# (the marketplace calls every enquiry a lead), not the stage the writer wants
_NOTICE_HEADER = re.compile(
    r"\A\W*[a-z][\w .']{1,40}?\s*(?:[—–:]|\s-\s)\s*new\s+(?:lead|opportunity|request|caller|message|enquiry|inquiry)s?"
    r"[ \t]*(?:\n|\Z)",
    re.I,
)


# "changes to Derek Olsen's record", "on Ana Ruiz' contact": the person whose record it is, by full name
_RECORD_OF = re.compile(
    r"\b(?:to|on|in|for)\s+(?P<who>(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)+?)(?:['’]s|(?<=s)['’])\s+"
    r"(?:record|contact|profile|details|entry|file|card)\b"
)


def _form_fields(text: str) -> dict[str, str]:
    """A pasted form, one "Key: value" (or "Key - value") per line, when at least two lines are such fields."""
    # "Name: X | Company: Y | Title: Z": a form's fields on one line, between bars
    text = re.sub(r"[ \t]+\|[ \t]+(?=[A-Za-z][A-Za-z /]{1,20}?[ \t]*:)", "\n", text)
    lines = list(_FORM_LINE.finditer(text))
    if len(lines) < 2:
        return {}
    out: dict[str, str] = {}
    for hit in lines:
        key = hit.group("key").strip().lower()
        for slot, keys in _FORM_KEYS.items():
            if key in keys and slot not in out and not (slot == "name" and re.search(r"[@\d]", hit.group("value"))):
                if key == "job" and not re.search(rf"\b{_JOB_NOUN}s?\b", hit.group("value"), re.I):
                    continue  # a lead notice's "Job: Roof replacement marketing" is the work asked for, not a title
                # ("Contact: ivy@…", "Caller: (404) 555-…": an address or a number under a name's key is no name)
                # "Name: Aurora Villareal | Principal | …": the fields after it carry no key of their own
                out[slot] = _BAR.split(hit.group("value"))[0].strip(" .,")
    return out


# "sales@… — the actual human is Nadia Petrov", "contact person Theo Blackwood", "that's Gabe Ostrowski's team
# inbox": the person behind a shared address, said outright, is the contact's name
_THE_PERSON = re.compile(
    r"\b(?:the\s+(?:actual\s+|real\s+)?(?:person|human|contact|contact person|person to talk to)\s+(?:is|there is|:)|"
    r"contact person(?:\s+is|\s*:)?|(?:that|it|this)['’]s\s+(?=[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+['’]s\s+"
    r"(?:\w+\s+)?(?:inbox|mailbox|address|email)))\s*"
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+){1,2}?)(?=['’]s\b|\s*(?:[,(;.:]|\s[-–—]|$)|\s(?:and|from|at|who)\b)",
    re.I,
)


_FREE_MAIL = {"gmail", "googlemail", "outlook", "hotmail", "yahoo", "icloud", "me", "mac", "aol", "live", "msn",
              "proton", "protonmail", "gmx", "web", "mail", "yandex", "qq", "163", "zoho", "fastmail", "rediffmail"}  # fmt: skip


@lru_cache(maxsize=8)
def _company_keys(companies: tuple[str, ...]) -> dict[str, str]:
    return {c: company_names.key(c) for c in companies}


def _domain_label(email: str) -> str:
    """The part of an address's domain that names the organization ("stacklinehq" in hello@stacklinehq.com.au)."""
    labels = email.rpartition("@")[2].lower().split(".")
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "biz", "tech", "store", "agency")):
        labels.pop()  # ".com.au", ".co.uk", ".io": the registry's part, not the company's
    return re.sub(r"[^a-z0-9]", "", labels[-1]) if labels else ""


def _company_of_domain(email: str, m: ex.Matcher) -> str | None:
    """The one known company whose name the address's domain spells ("hello@stacklinehq.com" -> "Stackline HQ",
    "j.okoro@ironbark.com.au" -> "Ironbark Software Pty Ltd"); None for free mail or no single match."""
    label = _domain_label(email)
    if len(label) < 4 or label in _FREE_MAIL:
        return None
    keys = _company_keys(tuple(m.vocab.companies))
    same = [c for c, k in keys.items() if k == label]
    if not same and len(label) >= 5:
        same = [c for c, k in keys.items() if k.startswith(label)]
    return same[0] if len(same) == 1 else None


def _spells(words: list[str], label: str) -> bool:
    """Does the domain label start with a prefix of each word in turn ("tiltonortho": Tilton Orthodontics,
    "dvengineering": Don Valley Engineering), leaving at most a short tail ("glowaestheticsatx": a town's code)
    and spelling most of the label?"""
    memo: dict[tuple[int, int], int | None] = {}

    def tail(i: int, at: int) -> int | None:
        """The shortest tail left after words[i:] spell label[at:] (None when they cannot)."""
        if (i, at) in memo:
            return memo[(i, at)]
        best: int | None = None
        if i == len(words):
            best = len(label) - at if len(label) - at <= 3 else None
        else:
            w = words[i]
            options = [tail(i + 1, at)] if w in ("of", "the", "and", "&", "de", "co") else []
            options += [tail(i + 1, at + k) for k in range(len(w), 0, -1) if label.startswith(w[:k], at)]
            found = [o for o in options if o is not None]
            best = min(found) if found else None
        memo[(i, at)] = best
        return best

    left = tail(0, 0)
    return left is not None and len(label) - left >= max(4, 0.7 * len(label))


def _company_spelled_by_domain(text: str, email: str, name: str | None) -> str | None:
    """ "Bobby Ray Tilton, Tilton Orthodontics, (830) 555-0112, bobby@tiltonortho.com": a new company said as a
    list item of its own, recognised by the address's domain spelling it."""
    label = _domain_label(email)
    if len(label) < 5 or label in _FREE_MAIL:
        return None
    for seg in re.split(r"[,;|\n]|\s[-–—/]\s|\s\|\s", ex._EMAIL.sub(" ", text)):
        seg = seg.strip(" .:()")
        words = seg.split()
        if not 1 <= len(words) <= 5 or not all(
            w[:1].isupper() or w.lower() in ("of", "the", "and", "&", "de") for w in words
        ):
            continue
        if name and ex._fold(seg) == ex._fold(name):
            continue
        folded = [re.sub(r"[^a-z0-9&]", "", ex._fold(w)) for w in words]
        if len(ex._fold(seg).replace(" ", "")) >= 5 and _spells([w for w in folded if w], label):
            return seg
    return None


def _name_of_address(text: str, email: str, name: str | None, m: ex.Matcher) -> str | None:
    """ "met a guy at the Toronto HR summit, Brandon Lee from Northwind Hydro, … brandon.lee@…": when the name
    read first shares nothing with the one address given, the full name the address spells is the person."""

    local = ex._fold(email.split("@")[0])
    if re.fullmatch(
        r"(?:sales|info|hello|hi|contact|admin|support|team|office|enquiries|inquiries|mail|marketing|"
        r"accounts|billing|hr|jobs|careers|events|bookings|reception|help|service|orders)\d*",
        local,
    ):
        return None  # a shared inbox names nobody ("sales@… (their Sales Ops Lead)")

    def fits(candidate: str) -> bool:
        return any(len(w) >= 3 and w in local for w in re.findall(r"[a-z]+", ex._fold(candidate)))

    if name and fits(name):
        return None
    for _, span in ex.capitalized_spans(text):
        words = span.split()
        if not 2 <= len(words) <= 4 or not fits(span) or any(w.lower() in ex.STOP for w in words):
            continue
        if m.user(span, cutoff=92) or m.find_in(span, m.vocab.companies, cutoff=90) or ex._is_source(span, m):
            continue
        return span
    return None


# Someone met in person, named in passing: "just met greta lindholm at …", "ran into dr nadia haddad at …"
_MET_VERB = r"met|meet|meeting|spoke (?:to|with)|talked (?:to|with)|got me|(?:ran|run|bumped|running) into"
_TITLE_BEFORE = r"(?:(?:doctor|dr|mr|mrs|ms|miss|prof)\.?\s+)?"
_TWO_WORDS = r"(?P<name>[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)"
MET_SOMEONE = re.compile(rf"\b(?:{_MET_VERB})\s+{_TITLE_BEFORE}{_TWO_WORDS}", re.I)
# ... or introduced as new ("new contact - bich ngoc vu, …"): two words that may be the start of a longer name
NEW_OR_MET = re.compile(
    rf"\b(?:{_MET_VERB}|new (?:lead|contact|customer|client|prospect)?(?:\s*[:–—-])?)\s+{_TITLE_BEFORE}{_TWO_WORDS}",
    re.I,
)


# "Robert (Bob) Fairweather", 'Katherine "Kit" Moore': the name someone goes by, said inside their full name
_GOES_BY = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:\(([A-Z][\w'’-]+)\)|[\"“”']([A-Z][\w'’-]+)[\"“”'])\s+(?=[A-Z][\w'’-]+)")


# "add scott ebert ebert roofing 614-…", "Walt Dempsey Dempsey Drain & Sewer walt@…", "jill sayers - sayers septic -":
# a surname said twice in a row is the person, then their business named after them (up to the address, the phone
# or the next separator)
_DOUBLED_SURNAME = re.compile(
    r"\b(?P<name>[^\W\d_][\w'’-]+\s+(?P<last>[^\W\d_][\w'’-]{2,}))\s*(?:[-–—,/|]\s*)?(?P<co>(?P=last)\s+[^,;/|\n@]*?[^\W\d_])"
    r"(?=\s+[\w.+-]+@|\s+\+?[\d(]|\s*[,.;\n]|\s+[-–—|/](?=\s)|$)",
    re.I,
)


# the cells of a card typed on one line: "Ana Ruiz / Ruiz Dental / Office Manager / 555-0101", "Ana Ruiz · Ruiz Dental
# · Madrid" (a badge scan)
_CARD_CELL = re.compile(r"[ \t]+[/·•][ \t]+")


def _card_company(text: str, name: str, title: str | None, m: ex.Matcher) -> str | None:
    """The cell right after the name on a card typed on one line, when it reads as an employer (no number, address,
    job already read, colleague, stage or source): "Ji-ho Lee / Mapo Spa Co. / Manager / 010-…" -> "Mapo Spa Co."."""
    for line in text.split("\n"):
        cells = [c.strip() for c in _CARD_CELL.split(line)]
        if len(cells) < 3:
            continue
        at = next((i for i, c in enumerate(cells) if re.search(re.escape(name), c, re.I)), None)
        if at is None or at + 1 >= len(cells):
            continue
        cell = cells[at + 1]
        if (
            re.search(r"\d|@", cell)
            or not re.match(r"[^\W\d_]", cell)
            or len(cell.split()) > 6
            or (title and ex._fold(cell) == ex._fold(title))
            or m.user(cell, cutoff=92)
            or m.stage(cell, cutoff=92)
            or ex._is_source(cell, m)
            or re.search(rf"\b{_JOB_NOUN}s?$", cell, re.I)
        ):
            return None
        return cell
    return None


def _contact_fields(text: str, ctx: Ctx) -> dict[str, Any]:
    m = ctx.matcher
    text = _GOES_BY.sub(r"\1 ", _ADDRESS.sub("", text))
    doubled = _DOUBLED_SURNAME.search(text)
    if doubled:
        text = text[: doubled.start()] + f"{doubled.group('name')}, {doubled.group('co')}," + text[doubled.end() :]
    low = text.lower()
    out: dict[str, Any] = {}
    emails = ex.emails_in(text)
    name = None
    # "First Name: Nur Syafiqah" on a form's line: the whole value is the given name (two-word given names)
    fl = re.search(
        r"\bfirst name\s*:?\s+(?P<f>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,2}(?=[ \t]*$)|[^\W\d_][\w'’-]*)",
        text,
        re.I | re.M,
    )
    ln = re.search(
        # "Last name: dela Paz", "Surname: van der Berg": the particles belong to the surname
        r"\b(?:last name|surname|family name)\s*:?\s+(?P<l>(?:(?:van|von|de|da|del|dela|della|de la|di|le|la|du|dos|das|"
        r"der|den|ter|ten|mc|mac|st\.?)\s+)*[^\W\d_][\w'’-]*)",
        text,
        re.I,
    )
    sig = _signature(text)
    form = _form_fields(text)
    form_name = form.get("name")
    spoken = _NAME_THEN_TITLE.search(text)
    colon = re.search(
        r"^[^:]{0,100}:\s*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?=\s*(?:,|\(|\s[-–—]|$))", text
    )
    nm = _NEW_NAME.search(text)
    lead_name = leading_person(text, m)
    the_person = _THE_PERSON.search(text)
    if fl:
        name = fl.group("f") + (" " + ln.group("l").strip() if ln else "")
    elif the_person and not m.user(the_person.group("name"), cutoff=92):
        name = the_person.group("name")
    elif form_name:
        name = form_name  # "Name: Felix Amsel\nRole: …", "Name - Pooja Hiremath\nDesignation - …"
    elif sig and not m.user(sig[0], cutoff=92):
        name = sig[0]  # "Kind regards,\nOwen Marsden\nHead of People | Quayside Hotels"
    elif (
        spoken
        and not m.user(spoken.group("name"), cutoff=92)
        and not any(w.lower() in ex.STOP for w in spoken.group("name").split())
    ):
        name = spoken.group("name")  # "add becky holt hr manager @ …", "… for daniel okafor he's the office manager"
    elif (
        (before_job := _NAME_BEFORE_JOB.search(text))
        and not any(w.lower() in ex.STOP for w in before_job.group("name").split())
        and not m.user(before_job.group("name"), cutoff=92)
        and not (m.vocab.companies and m.find_in(before_job.group("name"), m.vocab.companies, cutoff=90))
        and not _ends_a_longer_name(text, before_job.start("name"))
    ):
        name = before_job.group("name")
    elif colon and not m.user(colon.group("name"), cutoff=92) and not ex._is_source(colon.group("name"), m):
        name = colon.group("name")  # "new lead from the knot: Aaliyah Johnson, …"
    elif lead_name:
        name = lead_name  # "jamal carter, new company westbrook florists, …"
    named = re.search(
        r"\b(?:name is|name['’]s|named|called|name:)\s+(?P<n>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+){1,2}?)(?=\s*(?:,|;|\.|$|\s(?:and|from|at|phone|email|she|he)\b))",
        text,
        re.I,
    )
    if name is None and named and not m.user(named.group("n"), cutoff=92):
        name = named.group("n")  # "i need to add someone, name is Hye-jin Park, …"
    if name is None and nm:
        cand = ex.clean_name(nm.group("name"))
        while cand and m.stage(cand.split()[0], cutoff=95) and len(cand.split()) > 2:
            cand = cand.split(" ", 1)[1]  # "add subscriber Mia Kowalski"
        if len(cand.split()) == 3 and m.stage(cand.split()[0], cutoff=95):
            cand = cand.split(" ", 1)[1]
        words = cand.lower().split()
        if (
            cand
            and not all(w in ex.STOP for w in words)
            and not m.stage(cand, cutoff=92)
            and not ex._is_source(cand, m)
            and not any(ex._fold(cand) in ex._fold(s) for s in m.vocab.lead_sources)
            and words[0] not in _NOT_NAMES
            and not m.user(cand, cutoff=92)
            and not (len(words) == 1 and m.user(words[0], cutoff=95))
        ):
            name = " ".join(w for w in cand.split() if w.lower() not in ex.STOP) or None
    if name is None:
        name = leading_person(text, m)
    if name is None:
        # "new contact: ines carvalho / ines@… / ferrovia digitale": the first field of a typed list, any case
        # ("add dr. rohan kapoor / kapoor dental / …": a title before the name, and no colon after a bare verb)
        first = re.match(
            r"^\W*(?:(?:new|add|create)\b[^:\n]{0,30}:|add)\s*(?:(?:dr|doctor|mr|mrs|ms|miss|prof)\.?\s+)?"
            r"(?P<n>[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\s*(?:/|\||;|,|\s[-–—]\s)",
            text,
            re.I,
        )
        cand = first.group("n") if first else ""
        if cand and not (
            m.user(cand, cutoff=92)
            or m.stage(cand, cutoff=92)
            or ex._is_source(cand, m)
            or m.find_in(cand, m.vocab.companies, cutoff=90)
            or any(w.lower() in ex.STOP for w in cand.split())
        ):
            name = cand
    if name is None:
        met = MET_SOMEONE.search(text) or NEW_OR_MET.search(text)
        if (
            met
            and not any(w.lower() in ex.STOP for w in met.group("name").split())
            and not m.user(met.group("name"), cutoff=92)
            and not m.stage(met.group("name"), cutoff=92)
            and not (m.vocab.companies and m.find_in(met.group("name"), m.vocab.companies, cutoff=90))
        ):
            # "just met greta lindholm at the solar expo", "new contact: rosa diaz de acme, …"
            name = met.group("name")
            whole = re.split(r"\s*(?:/|\||,|;|\(|\.\s|\s[-–—]\s)|\s+(?:de|from|at|of|@)\s", text[met.start("name") :])[
                0
            ]
            if 2 < len(whole.split()) <= 3 and not any(w.lower() in ex.STOP for w in whole.split()):
                name = whole  # "new contact: Mei Ling Ho / …": the name runs to the separator
    if name is None:
        spans = ex.capitalized_spans(text)
        # a full name beats a lone capitalised word ("Morning! Busy weekend … was Harriet Sloane, …")
        for pos, span in sorted(spans, key=lambda ps: (" " not in ps[1], ps[0])):
            if pos == 0 and " " not in span:
                continue  # a capitalised first word is the verb ("Onboard …"), not a name
            if " " not in span and pos > 0 and re.search(r"[.!?]\s*$", text[:pos]):
                continue  # a capitalised word that starts a sentence
            if m.user(span, cutoff=92) or ex._is_source(span, m):
                continue
            if m.vocab.companies and (m.find_in(span, m.vocab.companies, cutoff=90) or _company_opening(span, m)):
                continue  # "at the Red Brick taproom": the start of a known company's name
            if not m.stage(span, cutoff=92) and not ctx.dates(span):
                name = span
                break
    if len(emails) == 1 and not fl and not form_name and not the_person:
        name = _name_of_address(text, emails[0], name, m) or name
    if name:
        name = _HONORIFIC.sub("", name.strip())  # "Dr Amara Nwosu"
    if name and " " not in name.strip():
        # "voicemail: 'Hi this is Dwayne Potter with Potter Pest Pros …' / create dwayne, lead": the first name the
        # request uses, in full where the pasted text gives it
        full = re.search(rf"\b{re.escape(name.strip())}\s+((?-i:[A-Z])[\w'’-]+)\b", text, re.I)
        if full and full.group(1).lower() not in ex.STOP and not m.user(full.group(1), cutoff=95):
            name = f"{name.strip()} {full.group(1)}"
    if name:
        first, last = _name_parts(
            ex.clean_name(name).title() if name.islower() else name,
            next(iter(emails), None),
            two_surnames=(m.vocab.country or "") in SPANISH_SPEAKING | PORTUGUESE_SPEAKING
            or is_spanish(text)
            or is_portuguese(text),
            portuguese=(m.vocab.country or "") in PORTUGUESE_SPEAKING or is_portuguese(text),
        )
        if fl and ln:
            # the form says which is which; dictated ("first name wiremu last name parata") in lower case, as typed
            given, family = fl.group("f"), ln.group("l").strip()
            if f"{given} {family}".islower():
                given, family = given.title(), _surname_case(family)
            first, last = given, family
        out["first_name"] = first
        if last:
            out["last_name"] = last
    if emails:
        out["email"] = emails[0]
    phones = ex.phones_in(text)
    if phones:
        out["phone"] = phones[0]
    tm = re.search(
        r"\(([^)]+?)\s+(?:at|@)\s+([^)]+)\)|\b(?:title|role|position|job title)\s*:?\s*([\w ]+?)(?=,|;|\n|$|\s*[–—|]|\s+-\s|\s+(?:company|stage|owner|email|phone|source|tag|follow)\b)|\b(?<!['’])(?:(?:the|a|an|is|as)\s+)?(ceo|cto|cmo|cfo|coo|founder|co-founder|owner|president|vp [\w ]+|head of \w+|director of \w+|(?:\w+ (?:&|and) )?\w+ manager|\w+ director)\s+(?:at|of)\b",
        text,
        re.I,
    )
    if tm is None:
        jt = (
            _JOB_TITLE.search(text)
            or _JOB_TITLE_ALONE.search(text)
            or _NOUN_FIRST_ALONE.search(text)
            or _JOB_THERE.search(text)
        )
        if jt and re.match(r"(?:could|would|might|may|will|should|can|must)\b", jt.group("t") or "", re.I):
            jt = None  # "graphic designer, could be a partner for booth design": what they might become
        if jt and ctx_stage_like(
            (jt.groupdict().get("t2") or (jt.group("t") if jt.re is _JOB_TITLE_ALONE else "") or "").strip()
        ):
            # "get her in as a lead", "She is a lead from the webinar": a stage, so a title said elsewhere in the
            # list still counts
            jt = None
        if (
            jt
            and (jt.group("t") or jt.groupdict().get("t2") or "").strip().lower() == "owner"
            and re.search(r"\b(?:me|myself|[A-Z][\w'’-]+)\s+(?:down\s+)?as\s+(?:the\s+)?owner\b", text)
        ):
            jt = None  # "stick me down as owner": who owns the record, not the person's job
        if jt:  # "brewmaster @ Bellweather Brewing", "she's the operations manager at …", "he's their office manager"
            out["title"] = (jt.group("t") or jt.groupdict().get("t2") or "").strip()
            # "head of it - tidewater": a lower-case department; "Head of Procurement": a known department in any case
            dept = re.match(
                rf"\s+(?P<of>of|de)\s+([a-z][\w&-]*)\b|(?i:\s+(?P<of2>of|de)\s+({_DEPARTMENTS}))\b",
                text[jt.end("t") if jt.group("t") else jt.end() :],
            )
            if dept and out["title"].split()[-1].lower() in (
                "head", "director", "vp", "chief", "manager", "coordinator", "coordinatrice", "coordonnatrice",
                "chargée", "chargé", "chargee", "charge", "responsable", "directeur", "directrice",
            ):  # fmt: skip
                # "head of it - tidewater insurance", "coordinator of trainings in …", "chargée de formation at …"
                out["title"] += f" {dept.group('of') or dept.group('of2')} {dept.group(2) or dept.group(4)}"
            elif not dept and out["title"].split()[-1].lower() in ("head", "director", "vp", "chief"):
                # "Head of Trade Shows, DataHafen …", "head of ICT & digital, patrick@…": a head of something said
                # as one item of a list is a department, unless it names a company
                unit = _HEAD_OF_UNIT.match(text[jt.end("t") if jt.group("t") else jt.end() :])
                if unit and not _names_a_company(unit.group(1), m):
                    out["title"] += f" of {unit.group(1)}"
        elif _title_segment(text):
            out["title"] = _title_segment(text)
    else:
        out["title"] = re.sub(
            r"^(?:is|as|the|an?|their|our|to)\s+", "", (tm.group(1) or tm.group(3) or tm.group(4)).strip(), flags=re.I
        )
        if tm.group(2):
            out["company"] = tm.group(2).strip()
    said_after = _title_after_name(text, name) if name else None
    if said_after and (
        ((tm is None or tm.group(4)) and len(said_after) >= len(out.get("title") or ""))
        or (name and ex._fold(out.get("title") or "").startswith(ex._fold(name.split()[0])))
    ):
        out["title"] = said_after  # the job right after the name beats a shorter match elsewhere
    if sig:
        out["title"], out["company"] = sig[1], sig[2]
    if form.get("title"):
        out["title"] = form["title"]
    if form.get("company") and not m.user(form["company"], cutoff=95):
        out["company"] = form["company"]
        town = re.fullmatch(r"(?P<co>.+?),\s*(?P<town>[A-Z][\w'’-]+)", form["company"])
        if (
            town
            and company_names.without_legal_form(form["company"]) == form["company"]
            and form["company"] not in m.vocab.companies
        ):
            out["company"] = town.group("co")  # "Org: Serendib Care Hospitals, Colombo": the town is not the name
    if out.get("title"):
        out["title"] = re.sub(
            r"^(?:she|he|they)(?:'s|’s|\s+is|\s+are)\s+(?:the\s+|an?\s+|their\s+)?", "", out["title"], flags=re.I
        )
        out["title"] = re.sub(r"^new\s+(?=\S)", "", out["title"], flags=re.I)  # "the new events coordinator", "new GM"
        out["title"] = re.sub(r"^(?:job\s+)?(?:title|role|position)\s*:?\s+(?=\S)", "", out["title"], flags=re.I)
        if len(_BAR.findall(text)) >= 2:
            # "Imran Qureshi | Senior Manager, Total Rewards | Maple Ridge Insurance": the whole field is the job
            whole = next(
                (
                    seg.strip()
                    for seg in _BAR.split(text)
                    if seg.strip().lower().startswith(out["title"].lower() + ",") and not re.search(r"[@\d:]", seg)
                ),
                None,
            )
            out["title"] = whole or out["title"]
        if re.fullmatch(r"(?:md|phd|dds|dmd|rn|cpa|esq|mba|do|dvm|dpt|jd|cfa)\.?", out["title"], re.I):
            # "Andre Boudreaux, MD\nMedical Director | Lakeway …": a degree after the name; the job is on its own line
            job = re.search(r"^\s*(?P<t>[A-Z][^|\n@]{2,60}?)\s+\|\s+\S", text, re.M)
            if job and not re.search(r"\d", job.group("t")):
                out["title"] = job.group("t").strip()
        # "(their Sales Ops Lead)", "our main contact, the CFO": whose job it is, not part of it
        out["title"] = re.sub(r"^(?:their|his|her|our|the|its)\s+(?=\S)", "", out["title"], flags=re.I)
    if (
        out.get("title")
        and (m.stage(out["title"], cutoff=90) or ctx_stage_like(out["title"]))
        # "Marketing Lead at Siam Smile Café" is a job: a stage is never said "at" a company
        and not (len(out["title"].split()) > 1 and re.search(re.escape(out["title"]) + r"\s+(?:at|@)\s+\S", text))
        and not (sig and out["title"] == sig[1] and len(sig[1].split()) > 1)  # a signature's job line is a job
    ):
        del out["title"]  # "add marta kowal as a lead": a stage, not a job title
    if out.get("title") and re.search(r"\btags?\b", out["title"], re.I):
        del out["title"]  # "seo tag and lead": tags and a stage, not a job
    said_source = re.fullmatch(
        r"(?P<src>.+?)\s+(?:lead|leads|enquiry|inquiry|referral|contact)", out.get("title") or "", re.I
    )
    if (
        said_source
        and (ex._is_source(said_source.group("src"), m) or ex.source_of(said_source.group("src"), m))
        # "Events Lead at Nordhavn Shipping" is a job: where a lead came from is never said "at" a company
        and not re.search(re.escape(out["title"]) + r"\s+(?:at|@|for|with)\s+\S", text, re.I)
        and not (sig and out["title"] == sig[1])  # nor is a signature's job line
    ):
        del out["title"]  # "instagram lead, mine, f/u tomorrow": where the lead came from, not a job title
    # "Brooke Fontenot is Glow Aesthetics' new marketing coordinator": the employer's, then the job
    whose_job = re.search(
        rf"\b(?:is|as)\s+(?:the\s+)?(?P<co>{_CAPS_RUN})['’]s?\s+(?:new\s+)?(?P<t>[a-z][a-z&/ -]{{2,40}}?)\s*(?=[,.;!]|$)",
        text,
    )
    if whose_job and "company" not in out and not m.user(whose_job.group("co"), cutoff=95):
        out["company"] = whose_job.group("co")
        if not out.get("title"):
            out["title"] = whose_job.group("t")
    newco = re.search(r"\bnew company\s*:?\s+(?P<name>[^,;.()]+)", text, re.I)
    if "company" not in out and newco:
        out["company"] = ex.clean_name(newco.group("name"))  # "jamal carter, new company westbrook florists, …"
    if "company" not in out:
        # "owns Reinholt Bakery", "she's with Atlas Yoga Studio", "founder of …": the employer, before any "at …"
        em = re.search(
            r"\b(?:owns|runs|founded|founder of|owner of|ceo of|works (?:at|for)|(?:she|he|they)(?:'s|’s| is| are)\s+(?:with|from)|"
            r"is with)\s+(?:the\s+)?(?P<name>[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|de))*)",
            text,
        )
        runs_at = em and re.match(
            r"\s+(?:at|for)\s+(?:the\s+)?(?P<name>[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|and|de))*)",
            text[em.end() :],
        )
        if runs_at and re.match(r"runs\b", em.group(0)):
            em = runs_at  # "he runs HR at Scarborough Credit Union": the department, then the employer
        if em and not m.user(em.group("name"), cutoff=95):
            employer = re.split(r"(?<!\b[A-Z])(?<!\bInc|\bLtd|\bLLC)\.\s", em.group("name"))[0]  # one sentence
            if employer.endswith(".") and not re.search(r"\b(?:inc|co|ltd|corp|llc|bros|jr|sr|st)\.$", employer, re.I):
                employer = employer[:-1]  # the sentence's full stop, not part of the name ("Inc." keeps its)
            out["company"] = ex.clean_name(employer)
    if "company" not in out and out.get("title"):
        # "Dirk-Jan Hofstede, CFO of Snelpost, dj@…": the employer right after the job
        of = re.search(
            re.escape(out["title"])
            + r"\s+(?P<w>of|at|@)\s+(?P<co>(?-i:[A-Z])[^,;\n()?!]{1,50}?)\s*(?:[,;\n()?!]|\.\s|\.?$)",
            text,
            re.I,
        )
        if (
            of
            and not m.user(of.group("co"), cutoff=95)
            and not re.search(r"\s(?:at|@)\s", of.group("co"))
            # "Head of UK Operations at …": after head, director or vp, "of" names the department
            and not (
                of.group("w").lower() == "of" and re.search(r"(?:head|director|vp|chief|manager)$", out["title"], re.I)
            )
        ):
            # "office manager at Etobicoke Auto Group and asked about group rates": the name ends before the story
            said_co = re.split(r"\s+(?:and|but|who|which|that|where|so)\s+(?=[a-z])", of.group("co").strip())[0]
            out["company"] = canonical_company(said_co, m)
    if "company" not in out and out.get("title") and not re.search(r"(?<!^)(?<![.!?]\s)\b[A-Z]", text.strip()):
        # dictated in lower case: "she's events manager at manchester central her number is …" (the name ends at the
        # next field or pronoun)
        low_at = re.search(
            re.escape(out["title"])
            + r"\s+(?:at|@|for|with)\s+(?:the\s+)?(?P<co>[a-z][\w&'’-]*(?:\s+[a-z][\w&'’-]*){0,3}?)"
            r"(?=\s+(?:her|his|their|phone|number|mobile|cell|e-?mail|she|he|they|and|lead|source|tag|owner|stage|"
            r"follow)\b|\s*[,.;]|$)",
            ex._EMAIL.sub(" , ", text),
            re.I,
        )
        if low_at and low_at.group("co").split()[0] not in ex.STOP:
            out["company"] = canonical_company(low_at.group("co").title(), m)
    if "company" not in out:
        scan = ex.REFERRER.sub(" ", re.sub(r"\b(?:owner|owned by|assign(?:ed)? to)\s+\S+", "", text))
        if name:
            scan = re.sub(re.escape(name), " ", scan, flags=re.I)  # "a record for Benedikt von Arnim": no employer
        co = ex.company_ref(scan, m)
        # ("Wants PPC for AC repair": a trade's short capitals, an AC or a TV, name no employer unless said as one)
        acronym = bool(
            co
            and re.fullmatch(r"[A-Z]{2,3}", co)
            and co not in m.vocab.companies
            and not re.search(rf"\b(?:at|from|with|company:?|business:?|works for)\s+{co}\b", text, re.I)
        )
        if co and not acronym and (not name or ex._fold(co) != ex._fold(name)):
            out["company"] = co
    if "company" not in out and name:
        card = _card_company(text, name, out.get("title"), m)
        if card:
            out["company"] = card
    co = out.get("company")
    if co and (
        (re.search(r"\d", co) and not re.search(r"[A-Za-z]{3}", co))
        or (name and (ex._fold(name) in ex._fold(co) or ex._fold(co) in ex._fold(name)))
    ):
        del out["company"]  # "owns 4 units on Cedar Ave", "call from Bob Kessler 555 …" name no employer
    if "company" not in out:
        # "j.okoro@ironbark.com.au, ironbark software": a company the organization has, said loosely, is the
        # employer when the address is at its domain (the domain alone is not enough: people use other mail)
        known = next((c for c in (_company_of_domain(e, m) for e in emails) if c), None)
        said = ex._fold(ex._EMAIL.sub(" ", text))
        if known and company_names.words(known)[0] in re.findall(r"\w+", said):  # "…, Kudipay. cold call"
            out["company"] = known
    if "company" not in out and len(emails) == 1:
        spelled = _company_spelled_by_domain(text, emails[0], name)
        if spelled:
            out["company"] = spelled
    # a company said loosely ("shared inbox at brightpath") is written as the CRM spells it by build_args, after
    # the job said right before the name as typed has been read here
    if out.get("company") and not sig:
        job = _title_before_company(text, out["company"])
        have = ex._fold(out.get("title") or "")
        if job and (not have or (ex._fold(job).startswith(have) and len(job) > len(have))):
            out["title"] = job  # "Hans Becker, Einkaufsleiter at Müller …", "Head of UK Operations at …"
    title, employer = out.get("title"), out.get("company")
    if title and employer:
        tail = re.match(r"(?P<job>.+?)\s+(?:de|of|at|en)\s+(?P<co>.+)$", title, re.I)
        if company_names.key(title) == company_names.key(employer):
            del out["title"]  # "Leslie Furman, Maricopa Realty Partners, …": the employer ("partners"), not a job
        elif tail and company_names.key(tail.group("co")) == company_names.key(employer):
            out["title"] = tail.group("job")  # "gerente de Desert Palms Senior Living": the job, then where
    stage = None
    sm = re.search(
        r"\b(?:as an?|(?:lifecycle\s+)?stage(?:\s+is)?|status(?:\s+is)?|as|make (?:him|her|them|it) an?|mark (?:him|her|them|it) (?:as )?an?|"
        r"(?:move|put|set|bump) (?:him|her|them|it) (?:to|in|into|as)(?: an?)?)\s+([\w -]+?)"
        r"(?=,|\.|;|:|!|$|\s*\(|\s+[-–—]|\s+(?:from|at|with|owned|owner|phone|email|and|assign|follow|for|in|under|who|she|he|"
        # ("make him an opportunity since I already quoted him": the reason after the stage)
        r"source|tag|tags|lead source|mine|so|but|right away|straight away|directly|since|because|cause|cos))",
        text,
        re.I,
    )
    if sm:
        stage = m.stage(sm.group(1), cutoff=85)
    if stage is None:
        for later in re.finditer(
            r"\b(?:stage|status|as an?|as)\s*:?\s+([\w-]+(?:\s+[\w-]+)?)(?=[,.;:!]|$|\s)", text, re.I
        ):  # "She came to us as a referral. Stage SQL, owner me."
            stage = m.stage(later.group(1), cutoff=90) or m.stage(later.group(1).split()[0], cutoff=92)
            if stage:
                break
    if stage is None:
        st = re.search(
            r"\b(?:she|he|they)(?:'s|’s| is| are)\s+(?:(?:already|now|basically|actually|really|definitely|officially|"
            r"probably|just|still)\s+)*(?:an?\s+)?(?P<a>[\w -]+?)"
            r"(?=,|\.|;|\(|$|\s+(?:already|now|and|so|but|who|with|because|since|for now|from|via|through)\b)"
            r"|(?P<b>\b[\w-]+(?:\s+[\w-]+)?)\s+already\b|\balready\s+(?:an?\s+)?(?P<c>[\w-]+)",
            text,
            re.I,
        )
        if st:
            stage = m.stage((st.group("a") or st.group("b") or st.group("c")).strip(), cutoff=90)
    if stage is None:
        # a stage said on its own ("… Opportunity. Mine.") or with "stage" after it ("opportunity stage")
        # (… "/ linkedin / lead", "adding him? lead, google ads as source")
        # ("Customer: Ivy Delacroix" in a lead notice labels the person; it says nothing of the stage)
        unlabelled = re.sub(r"(?im)(^|\|)[ \t]*(?:customer|client)(?:[ \t]+name)?[ \t]*:", r"\1", text)
        for seg in re.split(r"[,.;:!?()|\n]|\s[-–—/]\s", unlabelled):
            seg = re.sub(
                r"\s+(?:stage|status|for now|now|already|too|then|please|pls|i think|i guess|straight away|right away|"
                r"immediately)$",
                "",
                seg.strip(),
                flags=re.I,
            )
            # "Weka lead" (Swahili, read "set lead"), "so set customer straight away": the verb before the stage
            seg = re.sub(r"^(?:(?:and|so|stage|status|as|set|put)\s+)+", "", seg, flags=re.I)
            # "I'd say lead.", "Opportunity since we're already pitching them": the stage with a hedge or a reason
            seg = re.sub(
                r"^(?:i['’]?d say|i would say|i guess|i think|let['’]?s say|call (?:it|her|him|them)|probably|"
                r"maybe|prob|def(?:initely)?)\s+(?:an?\s+)?",
                "",
                seg,
                flags=re.I,
            )
            seg = re.sub(r"\s+(?:since|because|cause|cos|as)\s+(?:we|they|she|he|i)\b.*$", "", seg, flags=re.I)
            both = re.fullmatch(
                r"(?:both|all|each)\s+(?:(?:of them|are|is)\s+)*(?:an?\s+)?([a-z]+?)s?(?:\s+(?:from|via|through|off)\b.*)?",
                seg,
                re.I,
            )
            if both:
                seg = both.group(1)  # "…, both leads, both mine": what each of the new people is
            # (or "they're already a customer so mark her customer too")
            so = re.search(
                r"\bso\s+(?:(?:make|set|put|mark|move)\s+(?:(?:him|her|them)\s+)?(?:as\s+)?)?(?:an?\s+)?([\w-]+)$",
                seg,
                re.I,
            )
            if so and m.stage(so.group(1), cutoff=92):
                seg = so.group(1)  # "hes only on the newsletter so subscriber"
            sourced = _SOURCE_THEN_STAGE.fullmatch(seg)
            if sourced and ex._is_source(sourced.group(1), m):
                seg = sourced.group(2)  # "cold call lead", "webinar subscriber": where from, then what
            if seg and len(seg.split()) <= 3 and (seg.lower() not in _GENERIC_STAGES or seg.lower() == "lead"):
                stage = m.stage(seg, cutoff=92)
                if stage:
                    break
    if stage is None:
        # the noun the request uses for the new record is its stage when it names one ("new customer", "create lead")
        lead = re.search(
            r"\b(?:new|create|add)\s+(?:a\s+|an\s+)?(customer|client|lead|prospect|subscriber|opportunity|mql|sql)\b",
            _NOTICE_HEADER.sub("", low),
        )
        if lead:
            stage = m.stage(lead.group(1), cutoff=85)
    if stage is None:
        # "subscriber only for now", "just a subscriber for now": what the new record is, for the moment
        only = re.search(
            r"\b(?:just|only)\s+(?:an?\s+)?(subscriber|lead|prospect|customer|client)\b|\b(subscriber|lead)\s+only\b",
            low,
        )
        if only:
            stage = m.stage(only.group(1) or only.group(2), cutoff=85)
    if stage is None:
        acronym = re.search(r"(?<!not )(?<!no )\b(sql|mql)\b", text, re.I)
        if acronym:
            stage = m.stage(acronym.group(1), cutoff=95)  # "… linkedin sql f/u 1st april": unambiguous anywhere
    if stage is None and re.search(
        r"(?:^|[,.;:+&]\s*|\band\s+)(?:a\s+)?lead\s+(?:from|via|through|off|out of)\b|(?:[+&]|\btags?\s+and)\s*lead\s*(?:[,.;!]|$)",
        text,
        re.I,
    ):
        stage = m.stage("lead", cutoff=95)  # "…. lead from Star of the South", "free-trial tag + lead"
    if stage is None:
        status = re.search(r"\b(?:status|stage)\s+(?:should be|is|=|:|to|as)\s+(?:an?\s+)?([\w-]+)", text, re.I)
        stage = m.stage(status.group(1), cutoff=90) if status else None  # "her status should be opportunity"
    if stage:
        out["stage"] = stage
    # the job is not where they came from ("talent acquisition partner", "hr business partner")
    # (the source as said, before the organization's longer form of it: "Managing Partner" holds "partner", not the
    # organization's "partner-agency")
    src, said = ex.source_of(text, m), ex._source_of(text, m)
    if src and out.get("title") and _holds_source(out["title"], src, said):
        src = ex.source_of(text.replace(out["title"], " "), m)
        said = ex._source_of(text.replace(out["title"], " "), m)
    if src and out.get("company") and _holds_source(out["company"], src, said):
        # "from Chong & Partners Property", "Maricopa Realty Partners" (the CRM's "… LLC"): the name is no source
        typed = re.escape(company_names.without_legal_form(out["company"]))
        src = ex.source_of(re.sub(typed, " ", text.replace(out["company"], " "), flags=re.I), m)
    if (
        src
        and out.get("company")
        and out["company"] not in m.vocab.companies
        and (
            re.search(rf"\b{re.escape(ex._fold(out['company']))}\s+{re.escape(ex._fold(src))}\b", ex._fold(text))
            # "Met him at the London roadshow" (the source london-roadshow): the place in the source's name
            or set(ex._fold(out["company"]).split()) < set(re.split(r"[-\s]+", ex._fold(src)))
        )
    ):
        del out["company"]  # "Two from the Leeds wedding fair: …": where the fair was, not an employer
    lacking = re.search(
        r"\b(?:(?:we|you)\s+)?(?:don['’]?t|do not|doesn['’]?t|does not)\s+(?:have|use)\s+(?:an?\s+|any\s+)?"
        r"(?P<s>[\w-]+(?:\s+[\w-]+)?)\s+(?:lead\s+)?source\b",
        text,
        re.I,
    )
    if src and lacking and ex._fold(src) in ex._fold(lacking.group("s")):
        # "we don't have an instagram source so put referral I guess": the source the CRM lacks is not the one
        after = ex.source_of(text[lacking.end() :], m)
        src = after if after and ex._fold(after) not in ex._fold(lacking.group("s")) else None
    spelled_src = source_spelled_out(text, m.vocab.lead_sources)
    if spelled_src:
        src = spelled_src  # "at our ODA Annual Spring Meeting booth": the source oda-asm, its initials said in full
    if src is None and re.search(
        r"\b(?:referred by|referral from|was referred|a referral|referred (?:her|him|them|us)|(?:were|was) introduced by|"
        r"introduced (?:us|me|him|her|them)|an intro from|intro(?:['’]?d)? by|recommended (?:by|us))\b",
        text,
        re.I,
    ):
        src = next((s for s in m.vocab.lead_sources if "referr" in s.lower()), None)
    if src is None and re.search(r"\bcold[\s-]?call(?:ed|ing)?\s+(?:him|her|them)\b", text, re.I):
        # "cold called him today and he said …": how the organization's cold-call source came about
        src = next((s for s in m.vocab.lead_sources if re.search(r"cold[\s-]?call", s, re.I)), None)
    if src:
        out["lead_source"] = src
        if out.get("company") and ex._fold(out["company"]) == ex._fold(src):
            del out["company"]
    owner = (
        ex.new_owner_of(text, m)
        if m.user_names or re.search(r"\b(owner|owned by|assign|give|for|rep|own|owns|handle|handles)\b", low)
        else None
    )
    if not owner:
        owner = _owner_said_briefly(text, ctx, exclude=name or "")
    if not owner and re.search(
        r"\bI(?:['’]?m| am)\s+taking\s+(?:this one|her|him|them|it)\b|\bI(?:['’]ll| will)\s+take\s+(?:this one|her|him|them)\b",
        text,
        re.I,
    ):
        owner = "me"  # "… Kensington Creative Agency — I'm taking this one."
    if not owner and m.user_names:
        # "put her in as a lead for Jonas", "new lead for priya": "for" + a colleague's name is the owner
        for hit in re.finditer(r"\bfor\s+([^\W\d_][\w'’-]*(?:\s+[A-Z][\w'’-]+)?)", text):
            owner = m.user(hit.group(1), cutoff=92) or m.user(hit.group(1).split()[0], cutoff=95)
            if owner:
                break
    if owner:
        out["owner"] = owner
    tags = ex.tags_of(text, m)
    marked = re.search(r"\b(?:mark|flag)\s+(?:her|him|them|it)\s+(?:as\s+)?(?:an?\s+)?['\"]?([\w-]+)", text, re.I)
    if marked and m.vocab.tags and not m.stage(marked.group(1), cutoff=88):
        known = {ex._fold(t): t for t in m.vocab.tags}.get(ex._fold(marked.group(1)))
        if known and known not in tags:
            tags = [*tags, known]  # "…, works with Isabelle Côté. mark her vip"
    listed = described_tags(text, m.vocab.tags, m)
    for tag in listed:
        if tag not in tags:
            tags = [*tags, tag]  # "…, VA loan, first time buyer. brianna to work it": the organization's tags
    if (
        listed
        and out.get("title")
        and all(
            ex._fold(part) in {ex._fold(t.replace("-", " ")) for t in listed}
            for part in re.split(r"\s*(?:\+|&|,|\band\b)\s*", out["title"])
            if part.strip()
        )
    ):
        del out["title"]  # "investor + cash buyer" describes the person with tags, not a job
    outright = ex.tags_of(text, m)
    if not outright or all(set(re.split(r"[-_\s]+", ex._fold(t))) & {"hot", "warm", "cold"} for t in outright):
        # "wants a tankless upgrade": what they want is a tag the organization keeps; tags said outright ("tag
        # education") are the whole list, tags described ("…, cash buyer, wants a waterfront villa") are not
        # (how warm they are, said outright, "tag him hot lead", says nothing of what they want; "tag vip" is the list)
        tags = [*tags, *[t for t in interest_tags(text, m.vocab.tags) if t not in tags]]
    for tag in [*_tags_in_a_row(text, m), *_tags_said_of_them(text, m)]:
        if tag not in tags:
            tags = [*tags, tag]
    if tags:
        out["tags"] = tags
        src = out.get("lead_source")
        if (
            src
            and ex._fold(src) in {ex._fold(t) for t in tags}
            and not re.search(
                rf"\b(?:from|via|through|source|came in|signed up|found us on)\s+(?:the\s+|our\s+)?{re.escape(src)}",
                text,
                re.I,
            )
        ):
            del out["lead_source"]  # "le interesa Google Ads": what they want (the tag google-ads), not a source
    # "follow up friday", "call her back in 3 days", "wants a call next monday" — not "booked the barn for 14 Oct"
    # nor "we signed X today" (when something happened or is planned is not when to follow up)
    spans = [
        sp
        for sp in ctx.dates(text)
        if _FOLLOW.search(text[max(0, sp.pos - 40) : sp.pos])
        or (
            sp.start > ctx.today
            and re.search(_FOLLOW_CUE, text[max(0, sp.pos - 40) : sp.pos], re.I)
            and not re.search(
                r"\b(?:booked|booking|wedding|event|party|date is|on the)\b", text[max(0, sp.pos - 25) : sp.pos], re.I
            )
        )
    ]
    fwd = re.search(r"^\W*(?:From:.*@|-+\s*Forwarded message)", text, re.M)
    if fwd and "\n" in text[fwd.end() :]:
        # "---------- Forwarded message … Could someone reach out this week? … --\nadd her as a lead": when the
        # sender asks to be contacted is their wish in the e-mail; only the note typed below it sets a follow-up
        below = text.rstrip().rfind("\n") + 1
        spans = [sp for sp in spans if sp.pos < fwd.start() or sp.pos >= below]
    if spans:
        out["next_follow_up"] = _iso(spans[-1].start)
    if "company" not in out and "title" not in out:
        for item in _list_items(text)[1:]:
            # "manpreet grewal, owner brampton smiles dental centre, …": the job and the business in one item
            job_co = re.fullmatch(
                r"(?P<t>owner|co-owner|founder|co-founder|ceo|president|principal)\s+(?:of\s+|at\s+|@\s*)?"
                r"(?P<co>[^\W\d_][\w&'’.-]*(?:\s+[\w&'’.-]+){1,5})",
                item.strip(" ."),
                re.I,
            )
            if not job_co or m.user(job_co.group("co"), cutoff=92):
                continue
            low = {w.lower().strip(".") for w in job_co.group("co").split()}
            if low & _BUSINESS_WORDS or low & company_names.LEGAL_FORMS:
                said = job_co.group("co")
                out["title"] = job_co.group("t").title() if job_co.group("t").islower() else job_co.group("t")
                out["company"] = canonical_company(said.title() if said.islower() else said, m)
                break
    if "company" not in out:
        item = _company_item(text, out, m) or _company_in_brackets(text, out, m)
        if item:
            out["company"] = item  # "Jim Hadley, Hadley Brothers Masonry, 216-555-0104"
    if "title" not in out:
        item = _title_item(text, out, m)
        if item:
            out["title"] = item  # "Bernadette Hughes. Lakeshore Property Mgmt, new regional manager."
    # "runs a reformer pilates place in Hale called Hale Reformer": the business by its name; "from the chair yoga
    # thing in Whalley" names no business at all
    called = re.search(
        r"\b(?:runs|owns|has|manages|from|at|with)\s+(?:a|an|the|this|that|her|his|their)\s+[\w\s'’-]{2,50}?"
        r"\b(?:place|thing|business|company|firm|gym|studio|shop|salon|practice|clinic|club|outfit|brand|cafe|café|bar)"
        r"(?:\s+(?:in|on|near|round|around|out in|over in)\s+[\w'’-]+(?:\s+[\w'’-]+)?)?,?\s+called\s+"
        r"(?P<co>(?-i:[A-Z0-9])[\w'’&-]*(?:\s+(?:&|and|of|the|(?-i:[A-Z0-9])[\w'’&.-]*)){0,5})",
        text,
        re.I,
    )
    if called and (not out.get("company") or ex._fold(out["company"]) in ex._fold(called.group(0))):
        out["company"] = canonical_company(called.group("co").rstrip("."), m)
    elif out.get("company") and re.search(r"\b(?:thing|things|stuff|lot|bit)$", out["company"], re.I):
        del out["company"]
    # 'food truck "Taco Loco"', "their bakery 'Crumb & Co'": a kind of business, then its name in quotes
    quoted = re.search(
        r"\b(?P<kind>[a-z]+)\s+(?:called\s+|named\s+)?[\"“‘](?P<co>(?-i:[A-Z0-9])[^\"”’]{1,50})[\"”’]", text, re.I
    )
    if (
        quoted
        and not out.get("company")
        and (quoted.group("kind").lower() in _BUSINESS_WORDS | {"truck", "van", "stall", "business", "place", "joint"})
    ):
        out["company"] = canonical_company(quoted.group("co").strip(), m)
    if out.get("title") and re.fullmatch(
        r"(?:he|she|they|it|who)(?:['’]s|['’]re| is| are)?|as an? new \w+", out["title"], re.I
    ):
        del out["title"]  # "…, he's at Mull Island Cruises", "add X as a new lead": a pronoun or a stage, no job
    if (
        not out.get("title")
        and out.get("company")
        and re.search(
            r"\b(?:(?:she|he|who)\s+)?owns\s+(?:the\s+)?(?-i:[A-Z0-9])|\bthe owner is\s+(?-i:[A-Z])", text, re.I
        )
    ):
        out["title"] = "Owner"  # "Sunil Mehta, owns The Wee Whisky Bar", "… - the owner is Janice Pollock, …"
    if (
        doubled
        and (not out.get("company") or ex.source_of(out["company"], m))  # "…, came in from FB": the source
        and not m.stage(doubled.group("co"), cutoff=90)
    ):
        said = doubled.group("co")
        out["company"] = canonical_company(said if not said.islower() else said.title(), m)
    if out.get("title") and _TITLE_SHORTHAND.search(out["title"]):
        spelt = _TITLE_SHORTHAND.sub(lambda w: _TITLE_WORDS[w.group(0).lower().rstrip(".")], out["title"])
        out["title"] = " ".join(w if w in ("of", "and", "for") else w[:1].upper() + w[1:] for w in spelt.split())
    placed = (
        re.fullmatch(
            r"(?P<co>\S+(?:\s+\S+)+?)\s+(?:on|in)\s+(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})", out["company"]
        )
        if out.get("company") and out["company"] not in m.vocab.companies
        else None
    )
    if placed and not re.search(r"\b(?:on|in)\s*$", placed.group("co")):
        # "Almeida Family Dentistry on Dundas West", "Sousa Smile Studio in Mississauga": where it is, not its name
        out["company"] = placed.group("co")
    described = (
        re.fullmatch(
            r"(?P<co>(?-i:[A-Z0-9])\S*(?:\s+\S+)*?)\s+(?P<kind>[a-zé]+)(?:\s+(?:on|in)\s+[\w'’.-]+)?", out["company"]
        )
        if out.get("company") and out["company"] not in m.vocab.companies
        else None
    )
    if described and described.group("kind") in _BUSINESS_WORDS and re.search(r"(?-i:[A-Z])", described.group("co")):
        # "the manager at Juniper & Thyme bakery in glebe": the name as capitalised, then what it is and where
        out["company"] = described.group("co")
    interest = re.search(
        r"\b(?:interested in|interest(?:ed)?:|wants|looking for|needs|product interest:?|product:|asking about|keen on)\s+(?:an?\s+|the\s+|our\s+)?(?P<p>[\w &/-]+?)(?=,|;|\.|$|\s+(?:and|follow|call|owner|assign|phone|email|from|at|by|next|tomorrow|in \d|on)\b)",
        text,
        re.I,
    )
    if interest:
        product = interest.group("p").strip()
        key = next((k for k in m.vocab.contact_fields if "product" in k or "interest" in k), None)
        if key:
            out["custom_fields"] = {key: product}
        elif product.lower().startswith("to "):
            out["notes"] = f"Wants {product}"  # "wants to see the Salesforce sync"
        else:
            out["notes"] = f"Interested in {product}"
    kept = _form_field_to_note(text)
    if kept:
        out["notes"] = kept
    keys = {ex._fold(hit.group("key")).strip() for hit in _FORM_LINE.finditer(text)}
    if keys & _LISTING_KEYS and not keys & {*_FORM_KEYS["company"], *_FORM_KEYS["title"]}:
        # a property portal's enquiry ("Listing: Tampines Parc - 3BR", "Project: …", "Unit type: …"): the listing
        # is what the buyer asks about, not an employer, and the form gives no job
        out.pop("company", None)
        out.pop("title", None)
    return out


_LISTING_KEYS = {"listing", "project", "unit type", "interested unit", "unit", "development", "launch"}


# "unit type in notes pls", "put unit type in notes", "note down the unit type", "note the budget": one of the
# pasted form's fields, asked to be kept in the notes
_NOTE_ASK = re.compile(
    r"\b(?:put|add|keep|save|copy)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?P<a>[a-z][a-z -]{1,24}?)\s+(?:in(?:to)?|to|under)\s+"
    r"(?:the\s+)?notes?\b"
    r"|\bnote\s+(?:down\s+)?(?:the\s+|their\s+|his\s+|her\s+)(?P<b>[a-z][a-z -]{1,24}?)(?=\s*(?:[,.;!]|$|\s+(?:pls|please)\b))"
    r"|(?:^|[,.;]\s*)(?P<c>[a-z][a-z -]{1,24}?)\s+(?:in(?:to)?|to)\s+(?:the\s+)?notes?\b",
    re.I | re.M,
)
_NOTE_GENERIC = {"the", "type", "name", "info", "details", "detail", "no", "number"}


def _form_field_to_note(text: str) -> str | None:
    """ "Unit Type: 3-Bedroom … add as lead, unit type in notes": the named field of the pasted form, kept in the
    notes as "Unit type: 3-Bedroom" (the field as the request names it; a form line whose key shares its main word,
    "Interested unit: 4-Bedroom", when no line has that exact key)."""
    ask = _NOTE_ASK.search(text)
    if not ask:
        return None
    asked = ex._fold(ask.group("a") or ask.group("b") or ask.group("c")).strip()
    asked = re.sub(r"^(?:(?:put|add|keep|save|copy|note(?:\s+down)?)\s+)?(?:the\s+|their\s+|his\s+|her\s+)?", "", asked)
    lines = [(ex._fold(hit.group("key")).strip(), hit.group("value").strip()) for hit in _FORM_LINE.finditer(text)]
    exact = [value for key, value in lines if key == asked]
    words = set(asked.split()) - _NOTE_GENERIC
    near = [value for key, value in lines if words & (set(key.split()) - _NOTE_GENERIC)]
    value = (exact or near or [None])[0]
    return f"{asked[:1].upper()}{asked[1:]}: {value}" if value else None


# A job typed in shorthand is stored spelt out, as most writers store it ("marketing dir @ X" is a Marketing
# Director, "office mgr" an Office Manager); "VP", "CEO", "exec" and "rep" are how the titles are written anyway.
# ("ops manager", "ops director": the department is kept as typed, as most writers keep it)
_TITLE_WORDS = {"dir": "Director", "mgr": "Manager", "coord": "Coordinator", "asst": "Assistant"}
_TITLE_SHORTHAND = re.compile(r"(?<![\w-])(?:dir|mgr|coord|asst)\b\.?", re.I)


# Words that end or fill a business's name ("Hadley Brothers Masonry", "Northwind Plumbing & Heating"): a list
# item of capitalised words with one of these is an employer even when the organization does not know it yet.
_BUSINESS_WORDS = frozenset(
    """masonry plumbing heating roofing construction builders building services solutions group partners brothers
    bros studio studios clinic clinics dental realty properties property management mgmt logistics trucking
    consulting consultants agency media marketing design labs systems technologies tech software foods bakery cafe
    restaurant salon spa fitness gym motors auto insurance capital holdings ventures industries manufacturing supply
    supplies electric electrical landscaping nursery farms farm law legal accounting hotel hotels academy school
    college university church parish foundation trust bank finance financial pharmacy hospital health care homes
    apartments rentals transport freight printing events productions photography architects engineering co company
    associates enterprises international global sweets bakers bakes boutique electronics traders trading textiles
    garments mills industries store stores mart shop shops lodge lodges cottages distillery distillers brewery
    winery kitchen kitchenware fashion fabrics steel plastics agro dairy poultry feeds sons imports exports
    pharma labs laboratories outfitters tours travel rentals cosmetics optical opticians jewellers jewelers
    club clubs centre center centres centers boxing crossfit pilates yoga wellness physio physiotherapy chiropractic
    dentistry orthodontics practice surgery veterinary vets barbers barbershop pub bar bistro brasserie deli roasters
    eatery pizzeria trattoria cafés
    grill bbq barbecue tavern taverna diner bakehouse canteen cantina patisserie gelato gelateria espresso inn
    guesthouse motel noodle noodles ramen pho dumpling dumplings sushi tapas smokehouse larder dining burgers kebabs
    cellars""".split()  # venues by what they serve: "Gangnam Grill Eastwood", "Pho Real Cabramatta"
)


def _list_items(text: str) -> list[str]:
    return [i.strip(" .!?") for i in re.split(r"\s*(?:[,;\n|]|\.\s|\s[-–—]\s)\s*", text) if i and i.strip(" .!?")]


def _ends_a_longer_name(text: str, start: int) -> bool:
    """The words at ``start`` end a longer capitalised name ("… from Castle Rock Comfort Systems he's the owner":
    "Comfort Systems" is the end of the business, not a person)."""
    prev = re.search(r"\b((?-i:[A-Z])[\w'’&-]*)\s+$", text[:start])
    return bool(prev and prev.group(1).lower() not in ex.STOP)


def _capitalised_words(words: list[str]) -> bool:
    """Every word capitalised, but for the small words a business name keeps lower case ("Bread & Butter",
    "House of Fraser", "Casa de Mar")."""
    return all(w[:1].isupper() or w.lower() in ("&", "and", "of", "the", "de", "y") for w in words)


def _company_item(text: str, out: dict[str, Any], m: ex.Matcher) -> str | None:
    """An employer given as a list item of its own, in capitalised words with a business word or a legal form."""
    name = ex._fold(f"{out.get('first_name', '')} {out.get('last_name', '')}".strip())
    said = {ex._fold(str(out[k])) for k in ("title", "lead_source") if out.get(k)} | ({name} if name else set())
    # "rob fenwick, rob@fenwickplumbing.com, fenwick plumbing": a lower-case item spelling the address's domain
    domain = re.sub(r"[^a-z0-9]", "", str(out.get("email", "")).partition("@")[2].split(".")[0].lower())
    for item in _list_items(text)[1:]:
        words = item.split()
        if not 2 <= len(words) <= 6 or "@" in item or re.search(r"\d", item):
            continue
        if domain and item.islower() and re.sub(r"[^a-z0-9]", "", item) == domain and not m.user(item, cutoff=92):
            return canonical_company(item.title(), m)
        if not _capitalised_words(words):
            continue
        folded = ex._fold(item)
        if any(part and part in folded for part in said) or m.user(item, cutoff=92) or ex._is_source(item, m):
            continue
        low = {w.lower().strip(".") for w in words}
        if low & _BUSINESS_WORDS or low & company_names.LEGAL_FORMS:
            return canonical_company(item, m)
    return None


def _company_in_brackets(text: str, out: dict[str, Any], m: ex.Matcher) -> str | None:
    """An employer in brackets right after the new person's name: "Jordan Price (Price's Boxing Gym,
    Wythenshawe)", "Mia Cole (Cole & Co)"; the town after a comma is where it is, not part of the name."""
    if not out.get("first_name") or not out.get("last_name"):
        return None
    hit = re.search(
        rf"\b{re.escape(out['first_name'])}\s+{re.escape(out['last_name'])}\s*\((?P<co>[^(),;]+?)(?:,[^()]*)?\)",
        text,
        re.I,
    )
    if not hit:
        return None
    co = hit.group("co").strip()
    words = co.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d|@", co):
        return None
    if not _capitalised_words(words):
        return None  # "(associate dentist)", "(she's lovely)": a job or an aside
    if m.user(co, cutoff=92) or ex._is_source(co, m) or m.stage(co, cutoff=92) or re.search(_JOB_NOUN, co, re.I):
        return None
    if len(words) == 1 and canonical_company(co, m) not in m.vocab.companies:
        return None  # "(CEO)", "(Toronto)": one word is a company only when the organization knows it
    return canonical_company(co, m)


def _title_item(text: str, out: dict[str, Any], m: ex.Matcher) -> str | None:
    """A job given as a list item of its own: "…, new regional manager.", "…, Head of Sales, …"."""
    for item in _list_items(text)[1:]:
        job = re.fullmatch(
            rf"(?:(?:our|their|the|new|a|an)\s+)*(?P<t>(?:[A-Za-z][\w&/-]*\s+){{0,3}}{_JOB_NOUN})", item, re.I
        )
        if re.search(r"\blead$", item) or ex._is_source(item.split()[0], m):
            continue  # "instagram lead": where they came from and their stage, no job
        if re.match(r"(?:source|owner|stage|status|tags?|company|email|phone|from|via)\b", item, re.I):
            continue  # "…; source partner": a field named, not a job
        if re.match(r"(?:me|myself|as|pls|please|plz|add|put|make|set|move)\b", item, re.I):
            continue  # "…, me as owner", "…, please add as lead": the order, not a job
        if ex._fold(item).replace("-", " ") in {ex._fold(t).replace("-", " ") for t in m.vocab.tags}:
            continue  # "…, first time buyer.": one of the organization's tags, not a job
        if job and not m.user(item, cutoff=92) and not m.stage(item, cutoff=92):
            title = job.group("t")
            return title if any(c.isupper() for c in title) else title.title()
    return None


def _tags_in_a_row(text: str, m: ex.Matcher) -> list[str]:
    """ "tags solar seo", "tag pools ppc": tags typed one after another with no comma or "and", each one a tag the
    organization keeps (otherwise the words are a sentence, not a list)."""
    known = {ex._fold(t): t for t in m.vocab.tags}
    for hit in re.finditer(r"\btags?\s+((?:[\w-]+\s+){1,3}[\w-]+)(?=\s*(?:[,.;!\n]|$))", text, re.I):
        words = [ex._fold(w) for w in hit.group(1).split()]
        if all(w in known for w in words):
            return [known[w] for w in words]
    return []


def _tags_said_of_them(text: str, m: ex.Matcher) -> list[str]:
    """The organization's tags said of a new contact without the word "tag" before them: "He's VIP", "HOT 🔥",
    "hot lead 🔥", "she qualifies for our senior discount; please tag that" (the tag named before "tag that")."""
    if not m.vocab.tags:
        return []
    by_words = {ex._fold(t.replace("-", " ")): t for t in m.vocab.tags}
    found: list[str] = []
    for hit in re.finditer(
        # ("he's seasonal obv": an aside word after the tag)
        r"\b(?:he|she|they)(?:['’]s| is| are)\s+(?:an?\s+|our\s+)?([\w][\w -]{1,30}?)"
        r"(?:\s+(?:obv(?:iously)?|tbh|btw|lol|too|fyi|for sure))?(?=\s*(?:[,.;!]|$))",
        text,
        re.I,
    ):
        tag = by_words.get(ex._fold(hit.group(1).replace("-", " ")))
        if tag and not m.stage(hit.group(1), cutoff=95):
            found.append(tag)
    hot = next((t for t in m.vocab.tags if ex._fold(t) in ("hot", "hot-lead", "hot lead")), None)
    segments = (seg.strip() for seg in re.split(r"[,.;:!|\n—–]|\s-\s", text))
    if hot and any(re.match(r"hot(?:\s+lead)?\s*(?:🔥|$|mine\b)", seg, re.I) for seg in segments):
        found.append(hot)  # "…, HOT 🔥 mine", "…, hot lead 🔥 follow up tmrw": said as an item of its own
    if hot and re.search(
        r"\b(?:(?:he|she|they)(?:['’]s| is| are)|make (?:him|her|them))\s+(?:an?\s+)?(?:really\s+|very\s+|super\s+)?"
        r"hot(?:\s+(?:one|lead|prospect))?\b(?!\s+(?:on|for|about)\b)",
        text,
        re.I,
    ):
        found.append(hot)  # "she's a hot one", "he's hot 🔥", "make her a hot lead"
    sources = {ex._fold(x) for x in m.vocab.lead_sources}
    for tag in m.vocab.tags:
        # "… newark conveyor purchasing kdorsey@… sql quote-sent": a hyphenated tag written exactly as the
        # organization keeps it is that tag (an ordinary word like "repair" is not read this way)
        if (
            "-" in tag
            and ex._fold(tag) not in sources
            and re.search(rf"(?<![\w@./-]){re.escape(tag)}(?![\w@/-])", text, re.I)
            and not re.search(rf"\b(?:no|not|remove|untag|without)\s+(?:the\s+)?{re.escape(tag)}", text, re.I)
        ):
            found.append(tag)
    that = re.search(r"\b(?:please\s+|pls\s+)?tag\s+(?:that|it|this)\b", text, re.I)
    if that:
        sentence = re.split(r"(?<=[.!?])\s+", text[: that.start()])[-1]
        words = " " + ex._fold(re.sub(r"[^\w\s]+", " ", sentence)).replace("-", " ") + " "
        found += [t for k, t in by_words.items() if f" {k} " in words and t not in found]
    return list(dict.fromkeys(found))


def described_tags(text: str, tags: tuple[str, ...] | list[str], m: ex.Matcher) -> list[str]:
    """Tags a new contact's description names on their own, between commas or full stops or joined by "+"/"and":
    "…, cash buyer, wants 3/2s …", "VA loan, first time buyer.", "investor + cash buyer, he's hot". A part that
    is also one of the organization's lead sources or stages is left to be read as that."""
    if not tags:
        return []
    by_words = {ex._fold(t.replace("-", " ")): t for t in tags}
    found: list[str] = []
    for part in re.split(r"\s*(?:[,.;:!?\n|—–()]|\s-\s|\+|&|\band\b)\s*", text):
        key = ex._fold(re.sub(r"[^\w\s'-]+", " ", part)).replace("-", " ").strip()
        key = re.sub(r"\s+", " ", key)
        tag = by_words.get(key)
        if tag and tag not in found and not m.stage(key, cutoff=95) and not ex._is_source(key, m):
            found.append(tag)
    return found


# What someone is after, said about a new contact: "wants a tankless upgrade", "keen on SEO", "DM'd us asking
# about paid social ads", "interested in the maintenance plan", "they want a bid to replace the AC".
_INTEREST_CUE = re.compile(
    r"\b(?:interested in|interest(?:ed)?\s*:|product interest\s*:?|product\s*:|wants?|wanting|looking for|"
    r"needs?|asking about|asked about|enquir(?:ed|ing|y) about|inquir(?:ed|ing|y) about|keen on|after|"
    # the same said in German or Spanish ("interessiert an SEO", "le interesa Google Ads", "quiere cotización de")
    r"interessiert an|interesse an|(?:le|les) interesa|quiere|necesita)\b",
    re.I,
)
# The thing named before the word for interest: "SEO interest", "a photography enquiry", "POS ki inquiry" (up to
# three words before it; "lost interest" names nothing a tag is made of).
_INTEREST_AFTER = re.compile(r"(?P<thing>(?:[\w&/+-]+\s+){0,2}[\w&/+-]+)\s+(?:interest|enquiry|inquiry)\b", re.I)
# A tag's words the cue itself says: "vmi-interest" for "interested in VMI", "erp-inquiry" for "an ERP inquiry".
_CUE_SAID = frozenset({"interest", "interested", "inquiry", "enquiry", "request"})
# Words that make a tag a status, not a product: "wants to be a lead" must not tag hot-lead.
_STATUS_WORDS = frozenset({"lead", "leads", "customer", "client", "contact", "prospect", "hot", "cold", "warm", "vip"})


# The making part of a trade's tag ("website-build", "logo-design", "crm-setup"): a new contact who "wants a new
# website" wants the build, so the thing alone names the tag.
_MAKING_WORDS = frozenset({"build", "builds", "design", "redesign", "setup", "install", "installation"})


def _same_word(tag_word: str, said: str) -> bool:
    """ "replacement" ~ "replace", "heater" ~ "heaters", "financing" ~ "finance": one word give or take an
    ending (the shorter may lose its last letter); words under four letters only as they are. A tag's short
    form ("mgmt") stands for its word ("management")."""
    if tag_word == said or ex.TAG_SHORT_FORMS.get(tag_word) == said:
        return True
    short = min(len(tag_word), len(said))
    common = next((i for i, (a, b) in enumerate(zip(tag_word, said, strict=False)) if a != b), short)
    return short >= 4 and common >= max(4, short - 1)


def interest_tags(text: str, tags: tuple[str, ...] | list[str]) -> list[str]:
    """The organization's tags that name what a new contact is interested in ("product interest as a tag
    where a tag fits"). Each tag's words must all be said in the clause after a cue ("wants …", "keen on …"),
    give or take an ending; a word of two or three letters ("ac" in ac-tuneup) may be left out when a longer,
    distinctive word of the tag is said ("wants a tuneup"). Status tags (hot-lead) are never read this way."""
    if not tags:
        return []
    words: list[str] = []
    for cue in _INTEREST_CUE.finditer(text):
        clause = re.split(r"[.!?;\n]|\s[-–—|]\s|,\s*(?=(?:owner|assign|give|tag|source|stage|follow|f/u)\b)",
                          text[cue.end() :], maxsplit=1)[0][:90]  # fmt: skip
        said = re.findall(r"[a-z0-9]+", ex._fold(clause))
        words += said + [a + b for a, b in itertools.pairwise(said)]  # "tune up" is "tuneup"
    for before in _INTEREST_AFTER.finditer(text):
        said = re.findall(r"[a-z0-9]+", ex._fold(before.group("thing")))
        words += said + [a + b for a, b in itertools.pairwise(said)]
    if not words:
        return []
    found = []
    for tag in tags:
        parts = [w for w in re.split(r"[-_\s]+", ex._fold(tag)) if w]
        if not parts or set(parts) & _STATUS_WORDS:
            continue
        parts = [p for i, p in enumerate(parts) if not (i and p in _CUE_SAID)] or parts
        said_parts = [p for p in parts if any(_same_word(p, w) for w in words)]
        # "keen on a new website" for website-build: the thing wanted names the trade; the making is understood
        long_parts = [p for p in parts if len(p) >= 4 and not (p in _MAKING_WORDS and p != parts[0])]
        if len(said_parts) == len(parts) or (long_parts and set(long_parts) <= set(said_parts)
                                              and max(map(len, said_parts)) >= 5):  # fmt: skip
            found.append(tag)
    return found


def _task_subject(text: str) -> str:
    s = re.sub(r"^\W*(?:please|pls|can you|could you|hey,?|hi,?)\s+", "", text.strip(), flags=re.I)
    # "create a follow-up task for Jane Roe" / "add a call reminder for Jane": the kind of task is the title
    kind = re.match(
        r"^(?:create|add|make|new|set(?: up)?|schedule)(?: a| an)?(?: new)?\s+(?!(?:a|an|the|new|task)\b)(?P<kind>[\w-]+(?: [\w-]+)?)\s+"
        r"(?:task|to-?do|reminder)\s+(?:for|with|on|about)\s+(?P<who>.+?)\s*$",
        re.sub(
            r"\s+(?:by|on|due|for)?\s*(?:tomorrow|today|next \w+|this \w+|in \w+ \w+|\d{4}-\d\d-\d\d|end of \w+)\b.*$",
            "",
            s,
            flags=re.I,
        ),
        re.I,
    )
    if kind:
        word = kind.group("kind").lower().replace("-", " ")
        verb = {"follow up": "Follow up with", "followup": "Follow up with", "call": "Call", "email": "Email",
                "meeting": "Meet with", "check in": "Check in with"}.get(word, word[:1].upper() + word[1:] + ":")  # fmt: skip
        return f"{verb} {kind.group('who').strip(' .,!?')}"[:120]
    s = re.sub(
        r"^(?:create|add|make|new|set)(?: a| an)?(?: new)?\s+(?:task|to-?do|reminder)(?: for (?:me\b|\w+))?\s*:?\s*(?:to\s+)?",
        "",
        s,
        flags=re.I,
    )
    s = re.sub(r"^(?:remind (?:me|\w+) to|set a reminder to|schedule(?: a)?)\s+", "", s, flags=re.I)
    s = re.sub(
        r"\s+(?:by|on|due|for)?\s*(?:tomorrow|today|next \w+|this \w+|in \w+ \w+|on \w+|\d{4}-\d\d-\d\d|end of \w+)\b.*$",
        "",
        s,
        flags=re.I,
    )
    return s.strip(" .,!?") or text.strip()


_DOLLAR_OF = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "MX": "MXN", "TW": "TWD", "JM": "JMD"}


def _company_opening(name: str, m: ex.Matcher) -> str | None:
    """The one known company whose first two or more words open ``name`` ("Scioto Valley VMI program" ->
    Scioto Valley Metal Works)."""
    said = ex._fold(name)
    found = set()
    for company in m.vocab.companies:
        words = ex._fold(company).split()
        for k in range(len(words), 1, -1):
            head = " ".join(words[:k])
            # (string tests, not a regex per company: a pattern per name would churn re's cache on every request)
            if said.startswith(head) and (
                len(said) == len(head) or not (said[len(head)].isalnum() or said[len(head)] == "_")
            ):
                found.add(company)
                break
    return found.pop() if len(found) == 1 else None


def _deal_ref(text: str, ctx: Ctx) -> str | None:
    co = ex.company_ref(text, ctx.matcher, deal=True)
    if co:
        return co
    m = re.search(r"\bdeal\s+['\"]?([\w &-]+?)['\"]?(?=\s+(?:to|is|as|stage|amount|value|worth|close)\b|$)", text, re.I)
    return ex.clean_name(m.group(1)) if m else None


_COLLEAGUE_NEWS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:moves?|is moving|leaves|is leaving|starts|"
    r"joins|is out|is off|goes on|is going on|is away|is on leave)\b[^.!?]*[.!?]\s*"
)


def _without_colleague_news(text: str, m: ex.Matcher) -> str:
    """A sentence of news about a colleague ("Jordan moves to AE on Monday.") is why, not what, to change."""
    hit = _COLLEAGUE_NEWS.search(text)
    if hit and m.user_names and m.user(hit.group("who"), cutoff=92) and hit.end() < len(text):
        rest = (text[: hit.start()] + text[hit.end() :]).strip()
        if re.search(r"\b(?:his|her|their)\b", rest, re.I):
            # "Tobias is leaving us end of March. Move all his contacts to Jens": "his" is the colleague, so the
            # sentence stays (the filters read a colleague's leaving date as no filter)
            return text
        return rest
    return text


def build_args(tool: str, text: str, ctx: Ctx) -> Built:
    """Arguments for ``tool`` from ``text``; unknown tools get ``query``/``task`` if their schema has them."""
    built = _build_args(tool, text, ctx)
    # a company the organization has, said shorter ("Kessler & Söhne", "Polmet"), as the CRM spells it
    for holder in (built.args, built.args.get("filters"), built.args.get("changes")):
        if isinstance(holder, dict) and isinstance(holder.get("company"), str):
            holder["company"] = canonical_company(with_legal_form(holder["company"], text), ctx.matcher)
    if tool in _COMPANY_NAMED and isinstance(built.args.get("name"), str):
        built.args["name"] = with_legal_form(built.args["name"], text)  # "create Delft Tiles B.V."
    return built


# The tools whose "name" argument is a company's name.
_COMPANY_NAMED = frozenset({"create_company", "search_companies"})


def _holds_source(field: str, *sources: str | None) -> bool:
    """Whether a title or company holds a source word ("HR business partner", "Maricopa Realty Partners")."""
    folded = ex._fold(field)
    return any(re.search(rf"\b{re.escape(ex._fold(src))}", folded) for src in sources if src)


# One word of a legal form as typed, with its own full stops: "S.r.l.", "S.p.A.", "Co.", "Ltd", "GmbH", "e.V."
_FORM_WORD = re.compile(r"(?:,\s*|\s+)?(?P<w>(?:[A-Z][A-Za-z]{0,4}|e)(?:\.[A-Za-z]{1,3})*\.?|z\s+o\.\s?o\.)")


def with_legal_form(company: str, text: str) -> str:
    """``company`` with the rest of the legal form it ends in, as the message types it: a name read up to a
    full stop loses the stops inside its legal form ("Gentile Sedie S.r.l., CEO" read as "Gentile Sedie S",
    "Brightway Pvt. Ltd." as "Brightway Pvt", "Tidewater Surf Co. in San Diego" as "Tidewater Surf Co")."""
    words = company.split()
    at = text.find(company)
    if not words or at < 0:
        return company
    start = at + len(company) - len(words[-1])
    end, pos, first = start, start, True
    while hit := _FORM_WORD.match(text, pos):
        letters = re.sub(r"[^a-z]", "", hit.group("w").lower())
        # ("z o.o." reads as "zoo", one of the forms)
        if (first and hit.start("w") != start) or letters not in company_names.LEGAL_FORMS - {"the", "and", "as"}:
            break
        end, pos, first = hit.end(), hit.end(), False
    return company if end <= at + len(company) else text[at:end]


# a legal form that ends a business's name typed in one breath with what follows ("tanner solar llc hes an sql …")
# (a sentence runs on after it: two words or more; "Kiln & Co Candles" is a name with "Co" inside)
_ENDS_IN_FORM = re.compile(r"^(?P<co>.+?\s(?:llc|pllc|llp|inc|ltd|corp)\b\.?)\s+\S+\s+\S", re.I)
_FORM_CASE = {"llc": "LLC", "pllc": "PLLC", "llp": "LLP", "inc": "Inc", "ltd": "Ltd", "corp": "Corp", "co": "Co"}
_EMPLOYER_AFTER_NAME = (
    r"\s+(?:with|of|from|at|over at)\s+(?P<co>[^\W\d_][\w&'’.-]*(?:\s+(?:&|[^\W\d_][\w&'’.-]*)){1,5}?)"
    r"(?=\s*(?:[,;(]|\.\s|\.?$|\s[-–—]\s|\s+\+?\(?\d|\s+\S+@|\s+(?:he|she|they|who|as|and|tag|give|assign|owner|"
    r"phone|cell|email|his|her|their|is|was|wants|needs)\b))"
)


def _employer_of_new_person(text: str, out: dict[str, Any], m: ex.Matcher) -> dict[str, Any]:
    """Where the new person works, typed as the owner types it on the phone: "jimmy royce with royce roofing & sons
    404 …", "Mr. Harold Nkemelu of Nkemelu Heating & Cooling as a new contact" (a firm bearing the person's surname,
    or ending in a trade or legal form); and a firm typed in one breath with the rest ("tanner solar llc hes an sql
    …") ends at its legal form."""
    company = out.get("company")
    keyed = (
        re.match(r"(?P<key>[A-Za-z][A-Za-z /]{1,20}?)\s*:\s*(?P<v>\S.*)$", company)
        if isinstance(company, str)
        else None
    )
    if keyed:
        # a pasted form's line kept whole: "Company: Ashworth Solar" is the company; "Category: HVAC Marketing"
        # (what the lead asked about) is none
        if keyed.group("key").strip().lower() in _FORM_KEYS["company"]:
            out["company"] = company = keyed.group("v").strip()
        else:
            del out["company"]
            company = None
    if isinstance(company, str) and company not in m.vocab.companies and (cut := _ENDS_IN_FORM.match(company)):
        words = cut.group("co").rstrip(".").split()
        out["company"] = " ".join([*words[:-1], _FORM_CASE.get(words[-1].lower(), words[-1])])
        if out["company"].islower() or out["company"][: -len(words[-1])].istitle():
            out["company"] = " ".join(w if w == "&" else w[:1].upper() + w[1:] for w in out["company"].split())
    last = out.get("last_name")
    if company or not isinstance(last, str) or not isinstance(out.get("first_name"), str):
        return out
    said = re.search(rf"\b{re.escape(out['first_name'])}\s+{re.escape(last)}" + _EMPLOYER_AFTER_NAME, text, re.I)
    if not said:
        return out
    co = said.group("co").strip(" .")
    words = [ex._fold(w) for w in co.split()]
    if not (ex._fold(last) in words or words[-1] in _BUSINESS_WORDS or words[-1] in _FORM_CASE):
        return out
    if m.user(co, cutoff=92) or ex._is_source(co, m):
        return out
    if co.islower():
        co = " ".join(_FORM_CASE.get(w, w if w == "&" else w[:1].upper() + w[1:]) for w in co.split())
    out["company"] = canonical_company(co, m)
    return out


def canonical_company(name: str, m: ex.Matcher) -> str:
    """The organization's own spelling of ``name`` when exactly one of its companies is that name (legal form,
    case, a typo or a shortening apart); otherwise ``name`` as said."""
    if not m.vocab.companies or name in m.vocab.companies:
        return name
    # the word-by-word test runs on the closest names only (rapidfuzz's C++ ranking), so a large organization
    # costs about as much as a small one
    close = process.extract(name, m.vocab.companies, scorer=fuzz.WRatio, limit=12, score_cutoff=50)
    same = [c for c, _, _ in close if company_names.same_company(name, c)]
    if len(same) == 1:
        return same[0]
    if re.fullmatch(r"[A-Z]{2,6}", name.strip()):
        # "head of student experience at MMU": the initials of one of the organization's companies
        initials = [c for c in m.vocab.companies if _initials(c) == name.strip()]
        if len(initials) == 1:
            return initials[0]
    # "University of Manchester students union": one known company, then lower-case words about a part of it
    opening = [c for c in m.vocab.companies if name.startswith(c + " ") and name[len(c) + 1 : len(c) + 2].islower()]
    return opening[0] if len(opening) == 1 else name


def _initials(company: str) -> str:
    return "".join(w[0].upper() for w in company.split() if w.lower() not in ("of", "the", "and", "&", "de", "for"))


def happened_today(text: str) -> bool:
    """The story says it happened today without a date: "from this afternoon", "just spoke to her on the phone"."""
    return bool(
        re.search(
            r"\b(?:this|earlier this)\s+(?:morning|afternoon|evening)\b|\bearlier today\b|\bjust now\b|"
            r"\bjust\s+(?:spoke|talked|got off the phone|hung up|called|rang|phoned|met|finished|had (?:a|the|my|our))\b",
            text,
            re.I,
        )
    )


def source_with_words(said: str, sources: tuple[str, ...] | list[str]) -> str | None:
    """The one lead source whose name holds every word said ("the health expo" -> toronto-health-expo)."""
    words = [w for w in re.findall(r"[^\W\d_]+", said.lower()) if w not in ("the", "a", "an", "our", "that", "this")]
    if not words or len(words) > 4:
        return None
    fits = [s for s in sources if set(words) <= set(re.split(r"[^a-z0-9]+", ex._fold(s)))]
    return fits[0] if len(fits) == 1 else None


def source_spelled_out(text: str, sources: tuple[str, ...] | list[str]) -> str | None:
    """A lead source named by initials ("oda-asm"), said with the words the initials stand for ("at our ODA Annual
    Spring Meeting booth"): each short part of the name either said as is or as words starting with its letters;
    at least one part must be spelled out (the plain name is found elsewhere)."""
    for src in sources:
        parts = [p for p in re.split(r"[-_\s]+", src.lower()) if p]
        if len(parts) < 2 or any(not p.isalpha() or len(p) > 5 for p in parts):
            continue
        pieces = []
        for p in parts:
            # (the words in capitals, as an event's name is written: not any words that happen to start so)
            letters = r"\s+".join(rf"(?-i:{c.upper()})[\w'’]*" for c in p)
            pieces.append(rf"(?:(?P<w{len(pieces)}>{letters})|{p})" if len(p) >= 2 else p)
        hit = re.search(r"\b" + r"\s+".join(pieces) + r"\b", text, re.I)
        if hit and any(k.startswith("w") and v and " " in v for k, v in hit.groupdict().items()):
            return src
    return None


def _ask_after_paste(text: str) -> str | None:
    """The request typed below a pasted e-mail or form ("…\\n^^ so she's a customer now, update her pls"): the last
    line, when at least two lines come before it and it asks for something (not a signature's name or phone)."""
    lines = [ln for ln in text.strip().split("\n") if ln.strip()]
    if len(lines) < 3:
        return None
    ask = re.sub(r"^[\s^>\-–—=*]+", "", lines[-1])
    if len(ask.split()) < 4 or not re.search(
        r"\b(?:update|move|mark|bump|make|change|set|add|put|pls|please|plz|now|is|she|he|her|him|them)\b", ask, re.I
    ):
        return None
    return ask


# "First Name,Last Name,Email,Company,Lifecycle Stage\n…": a pasted export's header row, its field names no change
_EXPORT_HEAD = re.compile(r"^[^\n,|]{2,30}(?:\s*[,|]\s*[^\n,|]{2,30}){3,}\s*\n")
# "Grace Mahon | Co-founder & CEO | Talentgrove | grace@…": a card pasted as one line, name first, then the job
_BAR_CARD = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*\|[ \t]*(?P<title>[^|\n@]{2,50}?)[ \t]*\|"
    r"[ \t]*(?P<company>[^|\n@]{2,60}?)[ \t]*(?:\||$)",
    re.M,
)
# "Marek,Wasiak,Head of Delivery,Softnet …,marek@…,,Wrocław": an export's row pasted without its header, in the
# order exports from Apollo and Sales Navigator use (first name, last name, job, company, address …)
_BARE_ROW = re.compile(
    r"^\s*(?P<first>(?-i:[A-ZÀ-Ž])[^\W\d_]+(?:-[^\W\d_]+)?)\s*,\s*(?P<last>(?-i:[A-ZÀ-Ž])[^\W\d_'’]*(?:['’-][^\W\d_]+)?)"
    r"\s*,(?=[^\n]*[\w.+-]@[\w-]+\.)(?:[^,\n]*,){2,}"
)
_EXPORT_COLUMNS = {
    "first name": "first_name", "firstname": "first_name", "given name": "first_name", "last name": "last_name",
    "lastname": "last_name", "surname": "last_name", "family name": "last_name", "email": "email",
    "email address": "email", "e-mail": "email", "phone": "phone", "phone number": "phone", "mobile": "phone",
    "mobile phone": "phone", "company": "company", "company name": "company", "organisation": "company",
    "organization": "company", "job title": "title", "title": "title", "role": "title", "name": "name",
    "full name": "name", "contact": "name", "contact name": "name",
}  # fmt: skip


def _export_row(text: str) -> dict[str, str]:
    """ "First Name,Last Name,Email,…,Job Title\nHazel,Cummins,…": a pasted export's header row and the one row
    under it, read column by column (a person's fields only; the stage and source are what the line below asks)."""
    lines = text.strip().split("\n")
    if len(lines) >= 2 and (bare := _BARE_ROW.match(lines[0])):
        return {"first_name": bare.group("first"), "last_name": bare.group("last")}
    if len(lines) < 2 or not _EXPORT_HEAD.match(text.strip() + "\n"):
        return {}
    sep = "|" if lines[0].count("|") >= 2 else ","
    # "first_name,last_name,…": a database export's column names, written as identifiers
    head = [c.strip().lower().replace("_", " ") for c in lines[0].split(sep)]
    row = [c.strip() for c in lines[1].split(sep)]
    if len(row) != len(head) or sum(1 for c in head if c in _EXPORT_COLUMNS) < 3:
        return {}
    out: dict[str, str] = {}
    for col, value in zip(head, row, strict=True):
        key = _EXPORT_COLUMNS.get(col)
        if key == "name" and len(value.split()) >= 2:
            out["first_name"], out["last_name"] = value.split()[0], " ".join(value.split()[1:])
        elif key and key != "name" and value:
            out[key] = value
    return out


_FROM_THE_PASTE = re.compile(r"\b(?:sig|signature|above|card|from (?:this|the|his|her|their) \w+)\b", re.I)


def _fields_from_paste(text: str, ch: dict[str, Any]) -> dict[str, Any]:
    """ "(a signature) ^ can you update his record with the new title + phone from his sig", "(a card) ^ she's
    co-founder & CEO now — update title": the fields the line below a pasted signature or card names, with the
    values the paste gives (the job only when the line refers to the paste or says the same job)."""
    lines = [ln for ln in text.strip().split("\n") if ln.strip()]
    if len(lines) < 2:
        return ch
    ask = lines[-1]
    block = text[: text.rfind(ask)]
    sig = _signature(block)
    card = _BAR_CARD.search(block)
    title = sig[1] if sig else card.group("title").strip() if card else None
    if not (sig or card):
        return ch
    employer = sig[2] if sig else None
    if title and card and not sig:
        # "Anna Kowalska | Head of Marketing at Nordsoft S.A. | Warsaw, …": a Sales Navigator card's headline
        # holds the job and the employer
        parts = re.split(r"\s+(?:at|@)\s+", title, maxsplit=1)
        title, employer = parts[0], parts[1] if len(parts) > 1 else None
    out = dict(ch)
    refers = bool(_FROM_THE_PASTE.search(ask))
    # "^ she got promoted, pls update her title": a caret points up at the paste, for the job and the employer (an
    # address or a phone is taken from the paste only when the line asks for it from there in words)
    points = refers or ask.lstrip().startswith("^")
    if (
        employer
        and re.search(r"\b(?:company|employer|changed\s+jobs|new\s+job|moved)\b", ask, re.I)
        and (points or re.search(r"\bcompany\b", ask, re.I))
    ):
        out["company"] = employer  # "he changed jobs per Sales Nav, update his company": the headline's employer
    if title and re.search(r"\b(?:title|role|job)\b", ask, re.I) and (points or title.lower() in ask.lower()):
        out["title"] = title
    phones = ex.phones_in(block)
    if phones and re.search(r"\b(?:phone|mobile|number|cell)\b", ask, re.I) and (refers or "phone" not in out):
        out["phone"] = phones[0]
    emails = ex.emails_in(block)
    if emails and refers and re.search(r"\be-?mail\b", ask, re.I):
        out["email"] = emails[0]
    return out


_ROLE_ADDRESSES = {"info", "sales", "hello", "hi", "contact", "admin", "office", "team", "enquiries", "enquiry",
                   "accounts", "support", "marketing", "billing", "mail", "bookings", "reception", "careers", "jobs"}  # fmt: skip
_NO_SURNAME = {"from", "at", "of", "in", "on", "with", "is", "was", "and", "the", "shes", "hes", "she", "he", "who",
               "head", "new", "email", "mail", "phone", "source", "tag", "owner", "follow"}  # fmt: skip


def _name_by_address(text: str, out: dict[str, Any]) -> dict[str, Any]:
    """ "new lead chloe martin greenlane lending marketing manager chloe dot martin at …", "add new contact megan
    foley from harbour and hill … email megan at …": dictated in lower case, the name is told from the company and
    the job by the address, whose local part spells it (first.last, or the first name then the surname said after
    it in the text). A role address ("info@") names nobody."""
    emails = ex.emails_in(text)
    if not emails:
        return out
    parts = [p for p in re.split(r"[._-]+", emails[0].split("@")[0].lower()) if p.isalpha()]
    if not parts or len(parts[0]) < 3 or parts[0] in _ROLE_ADDRESSES:
        return out
    if ex._fold(str(out.get("first_name", ""))) == ex._fold(parts[0]):
        return out
    second = re.escape(parts[1]) if len(parts) > 1 and len(parts[1]) > 1 else r"[^\W\d_][\w'’-]+"
    hit = re.search(rf"(?<![\w.@])({re.escape(parts[0])})\s+({second})\b(?![@.]\w)", text, re.I)
    if not hit or hit.group(2).lower() in _NO_SURNAME:
        return out
    if out.get("first_name") and hit.group(1)[:1].isupper() and hit.group(2)[:1].isupper():
        return out  # "Bobby Ray Tilton, …, bobby@…": a name the writer capitalised was read as written
    first, last = (w[:1].upper() + w[1:] for w in (hit.group(1), hit.group(2)))
    fixed = {**out, "first_name": first, "last_name": last}
    company, title = str(out.get("company", "")), str(out.get("title", ""))
    for word in company.split()[1:]:
        # "greenlane lending marketing manager": the company's last word read into the job
        if title.lower().startswith(word.lower() + " "):
            fixed["title"] = title[len(word) + 1 :]
    return fixed


def _sender_replaced(text: str, ch: dict[str, Any]) -> str | None:
    """ "From: Divya Krishnan <divya@old.com> … my new email address is …": the person whose address changes is
    named in the header (the old address is the one being replaced)."""
    head = re.search(r"^\W*From:\s*(?P<name>[^<>\n@]+?)\s*<(?P<addr>[^<>\s]+@[^<>\s]+)>", text, re.I | re.M)
    if not head or not ch.get("email") or ch["email"].lower() == head.group("addr").lower():
        return None
    name = ex.clean_name(head.group("name").strip(" \"'"))
    return name if len(name.split()) >= 2 else None


def _build_args(tool: str, text: str, ctx: Ctx) -> Built:
    m = ctx.matcher
    low = text.lower()
    args: dict[str, Any] = {}
    missing: str | None = None
    if tool == "search_contacts":
        args = filters(text, ctx)
        nm = re.search(r"\b(?:called|named|name is)\s+['\"]?([A-Za-z][\w'-]+(?-i:\s+[A-Z][\w'-]+)?)", text, re.I)
        if nm:
            args["name"] = ex.clean_name(nm.group(1))
        if not any(k in args for k in ("company", "stage", "owner", "tag", "lead_source", "email")) and not re.search(
            r"\b(all|every|my|leads|contacts|people)\b", low
        ):
            who = _person(text, ctx)
            if who:
                args["name"] = who
    elif tool in ("get_contact", "get_timeline", "score_lead", "explain_score", "find_duplicates"):
        who = _person(text, ctx)
        if who:
            args["contact"] = who
        elif tool != "find_duplicates":
            missing = "contact"
        if tool == "get_timeline" and ex.limit_of(text):
            args["limit"] = ex.limit_of(text)
    elif tool == "create_contact":
        args = _employer_of_new_person(
            text, _job_cleaned({**_name_by_address(text, _contact_fields(text, ctx)), **_export_row(text)}, text), m
        )
        if not any(k in args for k in ("first_name", "last_name", "email")):
            missing = "name"
    elif tool in ("update_contact", "bulk_update_contacts"):
        text = _without_colleague_news(text, m)
        sc = selector_then_change(text) if tool == "bulk_update_contacts" else None
        if sc and not changes(sc[1], ctx):
            sc = None  # "… go to Rafael from now on, change the owner": the change is in the first part
        ch = changes(sc[1], ctx) if sc else changes(text, ctx)
        form_ask = (
            _ask_after_paste(text)
            if tool == "update_contact" and (_form_fields(text) or _EXPORT_HEAD.match(text))
            else None
        )
        if form_ask and changes(form_ask, ctx):
            # "Name: … / Company: Mesa Ridge Irrigation / … / spoke to him just now, budget ok. sql": the pasted form
            # (or export row) says who; what changes is only what the line typed below it asks for
            ch = changes(form_ask, ctx)
        if tool == "update_contact":
            ch = _fields_from_paste(text, ch)
            if re.search(r"\b(?:following|these)\s+(?:changes|updates|corrections)\b", text, re.I):
                # "Kindly make the following changes to X's record: 1. Phone: … 2. Title: …": each listed field
                # is a change, the free-text ones too
                ch = {**{k: v for k, v in _form_fields(text).items() if k in ("title", "company")}, **ch}
        sel = sc[0] if sc else split_change(text, m)[0]
        # "The churned lot at X asked us …, turn off email consent for all of them": who was said before; the
        # story's dates ("they called today") select nobody
        anaphor = bool(
            re.fullmatch(r"\W*(?:for\s+)?(?:all of them|them all|each of them|every one of them|them)\W*", sel, re.I)
        )
        if anaphor:
            sel = text
        if (
            tool == "bulk_update_contacts"
            and ch.get("tags_add")
            and text.startswith(sel)
            and sel.strip() != text.strip()
            and not re.match(r"\W*(?:(?:pls|please|can you)\s+)?(?:add|tag|put|give|apply|stick|slap)\b", sel, re.I)
        ):
            # "anybody who has the vip tag and is still a customer, make them evangelist": a tag said only in the
            # selection selects; it is not added (unless the selection starts by adding it: "Add the tag X to all …")
            said_after = set(ex.tags_of(text[len(sel) :], m))
            kept = [t for t in ch["tags_add"] if t in said_after or t not in ex.tags_of(sel, m)]
            if kept != ch["tags_add"]:
                ch = {k: v for k, v in ch.items() if k != "tags_add"} | ({"tags_add": kept} if kept else {})
        owned = re.search(r"\b(?:owned by|belonging to)\s+(\S+(?:\s+[A-Z]\S+)?)", text)
        if (
            tool == "bulk_update_contacts"
            and owned
            and ch.get("owner")
            and m.user(owned.group(1), cutoff=92) == ch["owner"]
            and not re.search(
                r"\b(?:assign|reassign|give|hand|transfer|move|switch)\b|\bto\s+" + re.escape(owned.group(1)),
                text,
                re.I,
            )
        ):
            # "tag every opportunity owned by Liam with hot": whose contacts, not a new owner
            ch = changes(text.replace(owned.group(0), " "), ctx) or ch
            sel = text
        if tool == "update_contact":
            exclude = tuple(
                str(v) for k, v in ch.items() if k in ("owner", "company", "last_name", "first_name", "email", "phone")
            ) + tuple(str(t) for k in ("tags_add", "tags_remove") for t in ch.get(k) or [])
            tag_to = re.search(r"\btags?\s+(?:to|on|onto|for)\s+(?P<who>.+)$", text, re.I)
            if tag_to and re.search(r"\b(?:swap|switch|replace|exchange)\b", text, re.I):
                tag_to = None  # "swap christmas-parties tag for awards-night": the new tag, not who gets it
            ask = _ask_after_paste(text)
            sender = _sender_replaced(text, ch)
            record = _RECORD_OF.search(text)
            who = (
                (_person(tag_to.group("who"), ctx, exclude) if tag_to else None)  # "add m365 … tags to kofi asante"
                # "Kindly make the following changes to Derek Olsen's record: …": whose record, said outright
                or (_person(record.group("who"), ctx, exclude) if record else None)
                # "(a forwarded e-mail) ^^ so michelle li is a customer now, update her": whom the ask names, not
                # whoever signed the e-mail
                or (m.find_in(ask, m.vocab.contacts, cutoff=92) if ask and m.vocab.contacts else None)
                # "From: Divya Krishnan <divya@old…> … my new email address is …": the sender, by name
                or sender
                # "… I finally connected with Jennifer at Lakeshore Physio …, move her to customer": the first name
                # several contacts share, with where she works (before a capitalised "March Break" of the story)
                # ("katie at northgate (Hollis not Brennan)": a surname said elsewhere still makes her one contact)
                or (said if (said := _person(sel, ctx, exclude)) in m.vocab.contacts else None)
                or (
                    at_their_company(shared, text, m)
                    if not (m.vocab.contacts and m.find_in(text, m.vocab.contacts, cutoff=92))
                    and (shared := shared_name_at_company(text, m))
                    else None
                )
                or said
                or _person(text, ctx, exclude)
            )
            if who:
                args["contact"] = who
            else:
                missing = "contact"
        else:
            tagto = (
                re.search(r"\btag\s+(?:[\w-]+\s+)?(?:to|on|onto)\s+(?P<who>.+)$", text, re.I)
                if ch.get("tags_add")
                else None
            )
            if tagto:
                sel = tagto.group("who")  # "add the q4-push tag to every opportunity": who comes after "to"
            f = filters(sel, ctx, with_dates=not anaphor)
            f, ch = _tag_that_selects(text, f, ch)
            still = re.search(r"\b(?:still|currently)\s+(?:an?\s+)?([\w-]+)", text, re.I)
            if (
                ch.get("stage")
                and f.get("stage") in (None, ch["stage"])
                and still
                and m.stage(still.group(1), cutoff=92) == ch["stage"]
                and len(ch) > 1
            ):
                # "Everything Mike owns that's still a lead …, give it to DeShawn": the stage they are in selects
                f["stage"] = ch["stage"]
                ch = {k: v for k, v in ch.items() if k != "stage"}
            if "follow_up_before" not in f and ch.get("next_follow_up") and _PAST_DUE.search(text.lower()):
                # "for derek's contacts, push every follow up that's already past due to tomorrow": the change
                # says which follow-ups
                f["follow_up_before"] = _iso(ctx.today - timedelta(days=1))
            there = re.search(
                r"\b(?:everyone|everybody|all of them|all (?:the )?(?:contacts|people))\s+(?:there|at (?:that|the|this) "
                r"(?:company|firm|place|school|clinic|office|account))\b",
                text,
                re.I,
            )
            if not f.get("company") and there and ex.company_ref(text[: there.start()], m):
                f["company"] = ex.company_ref(text[: there.start()], m)  # "X complained … everyone there"
            of_them = re.search(
                r"\b(?:nobody|no one|none|everyone|everybody|all)\s+(?:of\s+them\s+)?(?:from|at)\s+(?P<co>.+?)(?=\s+(?:wants?|is|are|has|have|said|asked)\b|[,.;]|$)",
                text,
                re.I,
            )
            if (
                not f
                and of_them
                and re.search(r"\b(?:all of them|everyone|everybody|them all)\b", text[of_them.end() :], re.I)
            ):
                co = ex.company_ref(of_them.group("co"), m) or canonical_company(of_them.group("co").strip(), m)
                if co and m.vocab.companies and co in m.vocab.companies:
                    f["company"] = (
                        co  # "Nobody from Anadolu Tekstil wants emails anymore … consent off for all of them"
                    )
            for k, v in ch.items():  # the new value is not a selector
                if f.get(k) == v or (k == "owner" and f.get("owner") == v):
                    f.pop(k, None)
            for k in ("created_after", "created_before", "follow_up_after"):
                if ch.get("next_follow_up") and f.get(k) == ch["next_follow_up"]:
                    f.pop(k)  # "set a follow up for the end of the month on all of Sam's sqls": the new date
            if (
                ch.get("next_follow_up")
                and f.get("follow_up_before") == ch["next_follow_up"]
                and not _PAST_DUE.search(text.lower())
                and not re.search(r"\b(?:before|by|until|till|overdue|due|late)\b", sel, re.I)
            ):
                f.pop("follow_up_before")  # "everybody tagged roofing set a follow up for thursday": the new date
            if "owner" in ch and not re.search(
                r"\b(?:created|added|new|signed up|joined|came in|imported|entered|since|before|after|older)\b",
                text,
                re.I,
            ):
                # "Cody's heading to Dallas end of the month, move all his contacts to Travis", "… from today": when
                # the hand-over happens, not which records it takes
                f.pop("created_after", None)
                f.pop("created_before", None)
            if "stage" in ch and f.get("stage") == ch["stage"]:
                f.pop("stage")
            if f.get("tag") in (ch.get("tags_add") or []):
                f.pop("tag")
            keep_tag = f.get("tag") in m.vocab.tags and f.get("tag") != (ch.get("tags_remove") or [None])[0]
            if len(ch.get("tags_remove") or []) == 1 and not keep_tag:
                f["tag"] = ch["tags_remove"][0]  # a tag can only be removed from those who carry it
            args["filters"] = f
        args["changes"] = ch
        if not ch:
            missing = missing or "changes"
    elif tool == "delete_contacts":
        sc = selector_then_change(text)
        f = filters(sc[0] if sc else text, ctx)
        # ("wipe the linkedin subscribers with a score of 10 or lower": people of a stage, said in the plural)
        if (
            re.search(
                r"\b(all|every|everyone|each|any|leads|contacts|people|subscribers|customers|clients|prospects|mqls|"
                r"sqls|opportunities|opps)\b",
                low,
            )
            and f
        ):
            args["filters"] = f
        else:
            who = _person(text, ctx)
            if who:
                args["contact"] = who
            elif f:
                args["filters"] = f
            else:
                missing = "contact"
    elif tool == "log_activity":
        who = _person(text, ctx)
        on = re.search(
            r"\b(?:note|call|meeting|email|activity)\s+(?:on|for|against|with)\s+"
            r"((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)+)",
            text,
            re.I,
        )
        if on and (not who or "@" in who):
            who = on.group(1)  # "log a note on Rhonda Fields: invoices go to accounts@…": the person, not the address
        if who:
            args["contact"] = who
        else:
            missing = "contact"
        typ = "note"
        if re.match(r"\W*(?:add (?:a )?)?note\b", low) or re.search(
            r"\b(?:put|add|make|leave|write|pop|drop|log)\s+(?:a\s+|this\s+as\s+a\s+)?note\b|\bnote (?:on|for|against) (?:him|her|them)\b",
            low,
        ):
            pass  # "asked to call only after 6 pm. Put a note on him": the call is what the note says
        elif said := re.match(
            r"\W*(?:(?:also|and|pls|please|can you|could you)\s+)*log\s+(?:a|an|the|my|our)?\s*(?P<k>call|meeting|mtg|email|visit|demo)\b",
            low,
        ):
            # "log a meeting with Samuel today — … talked franchise fees": the kind said with "log" wins over the story
            typ = {"mtg": "meeting", "visit": "meeting", "demo": "meeting"}.get(said.group("k"), said.group("k"))
        elif re.search(r"\b(call|called|rang|ring|phoned|rang|spoke|spoken|talked|phone)\b", low):
            typ = "call"
        elif re.search(
            r"\b(meeting|met|meet|lunch|coffee|demo|visit|showed|showing|viewing|tour|toured|walkthrough|"
            r"sit[- ]?down|sat down|catch[- ]?up|face[- ]to[- ]face|in person|site visit|stopped by|dropped by)\b",
            low,
        ):
            typ = "meeting"
        elif re.search(r"\b(email|emailed|e-mail|mailed|wrote to)\b", low):
            typ = "email"
        args["type"] = typ
        if re.search(
            # (a call-tracking summary names the one who rang: "Caller: Zach Emery (614) …")
            r"\b(inbound|called in|reached out to us|they called|(?:called|rang|phoned|emailed|texted|messaged|wrote) us|"
            r"caller\s*:|incoming call|missed call)",
            low,
        ):
            args["direction"] = "inbound"
        elif typ in ("call", "email"):
            args["direction"] = "outbound"
        body = re.split(r"[:—–]|\s-\s", text, maxsplit=1)
        args["subject"] = text.strip(" \t\n-–—,;")[:120]  # "log a meeting w/ José — demo went great —"
        if len(body) == 2 and body[1].strip(" -–—,;"):
            args["body"] = body[1].strip(" -–—,;")
        spans = [s for s in ctx.dates(text) if s.start <= ctx.today]
        if len(spans) > 1 and any(s.is_day for s in spans):
            # "we reviewed her March ads report today": the day it happened, not the month a report is about
            spans = [s for s in spans if s.is_day]
        if spans:
            args["occurred_at"] = _iso(spans[0].start)
        elif happened_today(text):
            args["occurred_at"] = _iso(ctx.today)  # "log a meeting with Christine Ho from this afternoon"
    elif tool == "merge_contacts":
        names = [s for _, s in ex.capitalized_spans(text)] + ex.emails_in(text)
        if len(names) < 2:
            parts = re.split(r"\b(?:into|with|and|&)\b", text, maxsplit=1, flags=re.I)
            names = [n for n in (_person(p, ctx) for p in parts) if n] if len(parts) == 2 else names
        if len(names) >= 2:
            # "merge A into B": B survives; "merge A and B"/"keep A": A survives
            if re.search(r"\binto\b", low) and not re.search(r"\bkeep\b", low):
                args["winner"], args["loser"] = names[1], names[0]
            else:
                args["winner"], args["loser"] = names[0], names[1]
        else:
            missing = "contacts to merge"
    elif tool == "search_companies":
        co = ex.company_ref(text, m)
        if co:
            args["name"] = co
        ind = re.search(
            r"\b(?:in|industry)\s+(?:the\s+)?([\w ]+?)(?:\s+(?:industry|sector|space|business))?(?=[,.?!]|$)",
            text,
            re.I,
        )
        if ind and not co and not ctx.dates(ind.group(1)):
            args["industry"] = ind.group(1).strip().lower()
        mn = re.search(r"\b(?:more than|over|at least|above)\s+(\d+)\s+(?:employees|people|staff)", low)
        mx = re.search(r"\b(?:under|less than|fewer than|below)\s+(\d+)\s+(?:employees|people|staff)", low)
        if mn:
            args["min_size"] = int(mn.group(1))
        if mx:
            args["max_size"] = int(mx.group(1))
        dm = re.search(r"\b([\w-]+\.(?:com|io|co|org|net|dev|ai|co\.uk))\b", low)
        if dm:
            args["domain"] = dm.group(1)
    elif tool in ("get_company", "create_company", "update_company"):
        co = ex.company_ref(text, m) or next((s for _, s in ex.capitalized_spans(text)), None)
        if tool == "get_company" and not co:
            mm = re.search(
                r"\b(?:about|show|open)\s+(?:me\s+)?(?:the\s+)?([\w &'-]+?)(?:\s+(?:account|company))?[?.!]*$",
                text,
                re.I,
            )
            co = ex.clean_name(mm.group(1)) if mm else None
        key = "name" if tool == "create_company" else "company"
        if tool == "create_company":
            mm = re.search(
                r"\b(?:company|account|business)\s*:?\s+(?:called|named)?\s*['\"]?([\w &'.-]+?)['\"]?(?=\s+(?:in|with|domain|,)|[,(]|$)",
                text,
                re.I,
            )
            co = ex.clean_name(mm.group(1)) if mm else co
            if co and co.islower():
                co = co.title()  # "lakeside yoga studio" -> "Lakeside Yoga Studio"
            staff = re.search(r"\b(\d{1,6})\s+(?:staff|employees|people|ppl|seats|users)\b", low)
            if staff:
                args["size"] = int(staff.group(1))
        if co:
            args[key] = co
        else:
            missing = "company"
        dm = re.search(r"\b([\w-]+\.(?:com|io|co|org|net|dev|ai|co\.uk))\b", low)
        ind = re.search(
            r"\b(?:in|industry:?|sector)\s+(?:the\s+)?([a-z][\w ]+?)(?:\s+(?:industry|sector|space))?(?=[,.)]|$|\s+with)",
            text,
            re.I,
        )
        size = re.search(r"\b(\d+)\s+(?:employees|people|staff|person)", low) or re.search(
            r"\bsize\s+(?:to\s+)?(\d+)", low
        )
        vals: dict[str, Any] = {}
        if dm:
            vals["domain"] = dm.group(1)
        if ind and not ctx.dates(ind.group(1)):
            vals["industry"] = ind.group(1).strip().lower()
        if size:
            vals["size"] = int(size.group(1))
        rn = re.search(r"\brename\s+.+?\s+to\s+(.+)$", text, re.I)
        if rn:
            vals["name"] = ex.clean_name(rn.group(1))
        if tool == "create_company":
            args.update(vals)
        elif tool == "update_company":
            args["changes"] = vals
            if not vals:
                missing = missing or "changes"
    elif tool == "list_deals":
        co = ex.company_ref(text, m)
        person = (
            (m.find_in(text, m.vocab.contacts, cutoff=92) or ex.first_name_ref(text, m)) if m.vocab.contacts else None
        )
        if person and (not co or ex._fold(co) == ex._fold(person)):
            args["contact"] = person  # "open deals for Keiko Yamamoto", "show me Bongani's deals"
        elif co:
            args["company"] = co
        for word in ("open", "won", "lost"):
            if re.search(rf"\b{word}\b", low):
                args["status"] = word
                break
        if "status" not in args and re.search(r"\b(?:set|due|expected|slated|supposed|scheduled)\s+to\s+close\b", low):
            args["status"] = "open"  # "what deals are set to close before the end of the month?": not closed yet
        ds = ex._scan(text, m.deal_stage_names, 88)
        if ds and ds[0][2] not in ("Closed Won", "Closed Lost"):
            args["stage"] = ds[0][2]
        owner = _holder_of_deals(text, m) or ex.owner_of(text, m) or _asker_has(low)
        if owner:
            args["owner"] = owner
        amts = ex.amounts(text)
        if amts:
            key = "max_amount" if re.search(r"\b(under|below|less than|smaller than)\b", low) else "min_amount"
            args[key] = amts[0][1]
        spans = ctx.dates(text)
        if spans and re.search(r"clos|expected|due", low):
            if re.search(r"\bafter\b", low):
                args["closing_after"] = _iso(spans[0].start)
            elif not spans[0].is_day and re.search(
                r"\b(?:before|until|till|prior to)\s+(?:the\s+)?$", low[: spans[0].pos]
            ):
                # "closing before July": the day before July starts, not any day in July
                args["closing_before"] = _iso(spans[0].start - timedelta(days=1))
            else:
                args["closing_before"] = _iso(spans[0].end)
                if not spans[0].is_day:
                    args["closing_after"] = _iso(spans[0].start)
        lim = ex.limit_of(text)
        if lim:
            args["limit"] = lim
    elif tool in ("create_deal", "update_deal", "move_deal_stage"):
        co = _deal_ref(text, ctx)
        named = given_name(text)
        headed = re.match(
            r"^\W*(?:new|add|create)\s+(?:a\s+)?deal\s*(?:please|pls)?\s*[:–—-]\s*(?P<n>[^,;\n]+?)\s*(?:[,;\n]|$)",
            text,
            re.I,
        )
        if tool == "create_deal" and not named and headed and not ex.amounts(headed.group("n")):
            named = headed.group("n").strip()  # "new deal: Scioto Valley VMI program, $42,000, …"
            if not co or ex._fold(co) not in ex._fold(named):
                co = _company_opening(named, m) or (co if co and not m.user(co, cutoff=95) else None)
        # the deal's own name is no amount or currency ('"CNY 2028 campaign", SGD 25k')
        money_text = text.replace(named, " ") if named else text
        amts = ex.amounts(money_text)
        if not amts and tool == "create_deal":
            # "…for Kestrel Aviation Ltd, 18000, expected to close june 30": a bare amount between commas
            # (or "the SEO retainer 4500 a month": a bare amount said per month or year)
            bare = re.search(r"(?:^|,)\s*(\d{1,3}(?:,\d{3})+|\d{3,9})(?:\.\d+)?\s*(?=,|$)", text) or re.search(
                r"(?<![\d.,/:-])(\d{1,3}(?:,\d{3})+|\d{3,9})\s*(?:a|per|/)\s*(?:month|mo|year|yr|annum)\b", text, re.I
            )
            if bare and not (1900 <= int(bare.group(1).replace(",", "")) <= 2100):
                amts = [(bare.start(1), float(bare.group(1).replace(",", "")))]
        total = re.search(r"\d[\d,.]*\s*k?\s+(?:in\s+)?(?:total|overall|altogether|all in)\b", money_text, re.I)
        totals = [a for a in amts if total and total.start() - 3 <= a[0] <= total.end()]
        if totals:
            amts = totals  # "$1,500/mo x 12 months so $18,000 total": the deal is worth the total
        spans = ctx.dates(text)
        ds = ex._scan(text, m.deal_stage_names, 85)
        if tool == "create_deal":
            prod = re.search(
                r"\b(?:for|deal|opportunity)\s+(?:an?\s+|the\s+)?(?P<p>[\w &/-]+?)\s+(?:for|with|at)\s+", text, re.I
            )
            name = prod.group("p").strip() if prod and not ex.amounts(prod.group("p")) else None
            person_co = (
                co
                and m.vocab.contacts
                and co in m.vocab.contacts
                and not (m.vocab.companies and m.find_in(co, m.vocab.companies, cutoff=92))
            )
            if person_co:
                # "Create a deal for Declan Fitzgerald – Paddington terrace campaign, 6,500 AUD": a person, then the
                # deal's name after the dash
                args["contact"], co = co, None
                dashed = re.search(r"\s[-–—]\s+(?P<n>[^,;]+?)\s*(?:,|;|$)", text)
                if dashed and not ex.amounts(dashed.group("n")):
                    name = dashed.group("n").strip()
            if co:
                args["company"] = co
            who = args.get("contact") or _person(text, ctx, exclude=(co or "",))
            if who and who != co and not m.find_in(who, m.vocab.companies):
                args["contact"] = who
            args["name"] = f"{co} – {name}" if co and name else (name or (f"{co} deal" if co else None))
            if named:
                args["name"] = named  # the name they gave, as written
                if args.get("contact") and ex._fold(args["contact"]) in ex._fold(named):
                    args.pop("contact")
            if not args["name"]:
                args.pop("name")
                missing = "deal name"
            if amts:
                args["amount"] = amts[0][1]
                cur = _CURRENCY_SAID.search(money_text.lower())
                lettered = _LETTER_SIGN.search(money_text)
                if lettered and not cur:
                    args["currency"] = {"RM": "MYR", "R": "ZAR"}[lettered.group(1)]  # "R85 000", "RM12k"
                elif cur:
                    word = cur.group(1) or cur.group(2)
                    # "$" and "dollars" are the organization's own dollar where it has one (Canada, Australia, …)
                    coded = ex.CURRENCY_SIGNS.get(word) or ex.CURRENCY_WORDS.get(word)
                    dollar = _DOLLAR_OF.get(m.vocab.country or "", "USD")
                    args["currency"] = coded or (dollar if word in ("$", "dollar", "dollars") else word.upper())
            if spans:
                args["expected_close"] = _iso(spans[-1].start)
            if ds:
                args["stage"] = ds[0][2]
            owner = ex.new_owner_of(text, m) if re.search(r"\b(owner|owned by|assign)\b", low) else None
            if not owner and "owner" in ctx.schemas.get(tool, {"owner": {}}):
                # "…, should close by end of the month. Priya's": whose deal it is, said in passing
                said = " ".join(str(args.get(k) or "") for k in ("company", "contact", "name"))
                owner = _owner_said_briefly(text.replace(str(args.get("name") or "\0"), " "), ctx, exclude=said)
            whose = re.search(r"\b([^\W\d_][\w-]+)['’]s\s+(?:deal|opp|opportunity)\b", text)
            if not owner and whose and m.user_names:
                owner = m.user(whose.group(1), cutoff=95)  # "…, should close end of June, Tyler's deal"
            if owner:
                args["owner"] = owner
        elif tool == "move_deal_stage":
            quoted = given_name(text)
            named_deal = re.search(
                r"\b(?:move|mark|set|push|bump|put)\s+the\s+(?P<d>(?-i:[A-Z])[\w&'’-]*(?:\s+(?-i:[A-Z])[\w&'’-]*){1,5})"
                r"\s+deal\s+(?:to|as|in(?:to)?)\b",
                text,
                re.I,
            )
            if quoted:
                co = quoted  # 'mark the "tidewater security audit" deal as won'
            elif named_deal and not (
                m.vocab.companies and m.find_in(named_deal.group("d"), m.vocab.companies, cutoff=90)
            ):
                co = named_deal.group("d")  # "Hank's Heating & Air said YES! Move the Fall Furnace Promo deal to won"
            if co:
                args["deal"] = co
            else:
                missing = "deal"
            stage = ds[-1][2] if ds else None
            if stage is None and re.search(r"\b(won|signed|closed it|closed the deal|they bought)\b", low):
                stage = next((s for s in m.vocab.deal_stages if "won" in s.lower()), "Closed Won")
            if stage is None and re.search(r"\b(lost|chose a competitor|went with|declined|passed)\b", low):
                stage = next((s for s in m.vocab.deal_stages if "lost" in s.lower()), "Closed Lost")
            if stage:
                args["stage"] = stage
            else:
                missing = missing or "stage"
            why = re.search(r"(?:[-–—,:]|because|reason:?)\s*(?:they\s+)?(.+)$", text)
            if stage and ("won" in stage.lower() or "lost" in stage.lower()) and why:
                args["reason"] = why.group(1).strip(" .")
        else:
            if co:
                args["deal"] = co
            else:
                missing = "deal"
            ch: dict[str, Any] = {}
            if amts:
                ch["amount"] = amts[-1][1]
            if spans:
                ch["expected_close"] = _iso(spans[-1].start)
            owner = ex.new_owner_of(text, m) if re.search(r"\b(owner|assign|reassign|give|hand)\b", low) else None
            if owner:
                ch["owner"] = owner
            rn = re.search(r"\brename\s+.+?\s+to\s+(.+)$", text, re.I)
            if rn:
                ch["name"] = rn.group(1).strip()
            args["changes"] = ch
            if not ch:
                missing = missing or "changes"
    elif tool == "create_task":
        args["subject"] = _task_subject(text)
        notes = re.match(r"^\W*(?:new\s+)?task\s*(?:to|:|-)\s+(?P<what>[^.;\n]{3,80}?)\s*[.;]\s+\S", text, re.I)
        if notes:
            # "task → send Kestrel proposal. Declan Fahey. due Thu. me.": a task written as fragments, the first
            # one what to do (the others who, when and whose)
            args["subject"] = notes.group("what")[:1].upper() + notes.group("what")[1:]
        spans = ctx.dates(text)
        if spans:
            args["due"] = _iso(spans[-1].start)
            clock = time_of_day(text)
            if clock:
                args["due"] += f"T{clock}"  # "Thursday 11am", "el jueves a las 10": the task is due at that hour
        who = _person(text, ctx)
        if who and (
            (m.vocab.contacts and m.find_in(who, m.vocab.contacts, cutoff=88))
            or re.search(r"\b" + r"\s+".join(re.escape(w) for w in who.split()) + r"\b", text)
        ):
            args["contact"] = who  # someone in the CRM or named as typed, not "Chase Wednesday" from "chase him wed"
        om = re.search(
            r"\b(?:task for|remind|for|assign(?:ed)? to|assign(?! to\b)|(?:set|give|create|make)(?= \S+ an? (?:task|reminder|to-?do)))\s+"
            r"([^\W\d_][\w'’-]*|[\w.]+@[\w.]+)",
            text,
            re.I,
        )  # "remind Tom to …", "set Tom a task to …", "…, assign to Divya"
        if om and om.group(1).lower() not in ("me",):
            user = m.user(om.group(1)) if m.user_names else None
            if user:
                args["owner"] = user
        if "owner" not in args and re.search(
            r"\b(?:remind me|set me|give me|for me|me a (?:task|reminder))\b"
            # "… due Thu. me.", "…, owner me": the writer's own task, said as the last fragment
            r"|(?:^|[.;,]\s*)(?:owner\s+)?me\s*[.!]?\s*$",
            text,
            re.I,
        ):
            args["owner"] = "me"  # "remind me to chase him wed", "set me a task to …"
    elif tool == "list_tasks":
        on = m.find_in(text, m.vocab.contacts, cutoff=92) if m.vocab.contacts else None
        if on:
            args["contact"] = on  # "what tasks do I have on Zoé Blanchard"
        owner = (
            ex.owner_of(text, m)
            or next(
                (
                    m.user(w, cutoff=95)
                    for w in re.findall(r"[^\W\d_][\w'’-]+", text)
                    if w.lower() not in ex.STOP and m.user(w, cutoff=95)
                ),
                None,
            )
            or _asker_has(low)
        )  # "overdue tasks kwame", "what tasks i got open"
        if owner:
            args["owner"] = owner
        if re.search(r"\b(overdue|late|past due|missed)\b", low):
            args["overdue"] = True
        if re.search(r"\b(done|completed|finished|closed)\b", low):
            args["status"] = "done"
        elif re.search(r"\bopen|pending|outstanding|to-?dos?|due\b", low):
            args["status"] = "open"
        spans = ctx.dates(text)
        between = re.search(r"\b(?:between|from)\b", low)
        if len(spans) >= 2 and between and spans[0].pos > between.start() and spans[1].end >= spans[0].start:
            # "due between today and Friday", "from monday to thursday": a range, both ends included
            args["due_after"], args["due_before"] = _iso(spans[0].start), _iso(spans[1].end)
        elif spans:
            args["due_before"] = _iso(spans[0].end)
            if not spans[0].is_day or re.search(r"\b(today|tomorrow|on)\b", low):
                args["due_after"] = _iso(spans[0].start)
        elif re.search(r"\b(on my plate|today)\b", low):
            args["due_before"] = _iso(ctx.today)
        who = None if owner else _person(text, ctx)
        if who and not m.user(who):
            args["contact"] = who
    elif tool == "complete_task":
        args["task"] = (
            re.sub(
                r"^(?:mark|complete|tick off|close|finish|done with|i finished|i did|i've done)\s+(?:the\s+)?(?:task\s+)?",
                "",
                re.sub(r"\s+(?:as\s+)?(?:done|complete|completed|finished)\b.*$", "", text.strip(" .!"), flags=re.I),
                flags=re.I,
            ).strip()
            or text
        )
        args["task"] = re.sub(r"^task\s+(?:done:?)?\s*", "", args["task"], flags=re.I) or text
        # "mark the task 'send case study to …' as done": the task's name in quotes, the quotes no part of it
        args["task"] = re.sub(r"^(['\"‘“])(.+)['\"’”]$", r"\2", args["task"])
    elif tool in ("recommend_follow_ups", "top_leads", "pipeline_by_stage"):
        owner = ex.owner_of(text, m)
        if owner:
            args["owner"] = owner
        lim = ex.limit_of(text)
        if lim:
            args["limit"] = lim
        if tool == "top_leads":
            st = _filter_stage(text, ctx)
            if st:
                args["stage"] = st
            spans = ctx.dates(text)
            if spans:
                args["since"] = _iso(spans[0].start)
    elif tool == "create_segment":
        quoted_name = _GIVEN_NAME.search(text)  # "called 'networking hiring-now leads' - leads tagged …"
        nm = (
            None
            if quoted_name
            else re.search(
                r"\b(?:called|named|name it|call it|title)\s+['\"]?([\w &'-]+?)['\"]?(?=\s+(?:with|for|of|that|containing)\b|\s*:|[,.:]|\s*[–—]|\s+-\s|$)",
                text,
                re.I,
            )
        )
        f = filters(
            text.replace(quoted_name.group(0), " ")
            if quoted_name
            else re.sub(
                r"\b(?:called|named|call it|name it)\s+['\"]?[\w &'-]+?['\"]?(?=\s+(?:with|for|of|that)\b|\s*:|[,.:]|\s*[–—]|\s+-\s|$)",
                "",
                text,
                flags=re.I,
            ),
            ctx,
        )
        quoted = (quoted_name.group("n") or quoted_name.group("q")).strip() if quoted_name else None
        args["filters"] = f
        args["name"] = nm.group(1).strip() if nm else quoted or _segment_name(f)
    elif tool in ("segment_audience",):
        args["segment"] = _segment_ref(text)
        lim = ex.limit_of(text)
        if lim:
            args["limit"] = lim
    elif tool == "draft_campaign":
        args["channel"] = "sms" if re.search(r"\b(sms|text|texts|text message)\b", low) else "email"
        seg_name = _segment_named(text)
        if seg_name:
            args["segment"] = seg_name
        else:
            # the audience is read without the subject or the message ('subject "Waterfront launch …"' names no tag)
            audience = re.sub(
                r"\b(?:subject(?: line)?|text|body|message|copy|wording)(?:\s*[:=]\s*[^\n]*$|\s*[:=-]?\s*['\"‘“«][^'\"’”»]*['\"’”»])",
                " ",
                text,
                flags=re.I,
            )
            f = filters(audience, ctx, with_dates=False)
            if f:
                args["filters"] = f
        # the topic ends at the sentence's end, at an emoji, or where the subject line is given ("about our
        # spring tasting menu 🍷 subject 'Taste spring'": the subject's own commas are not the topic's)
        about = re.search(
            r"\b(?:about|announcing|promoting|on|re:?|for our)\s+(?:our\s+|the\s+)?(.+?)"
            r"(?=[,.!?]|\s*[\u2600-\u27bf\U0001f300-\U0001faff]|\s+subject\b|$)",
            text,
            re.I,
        )
        topic = about.group(1).strip() if about else None
        args["name"] = given_name(text) or (topic or (args.get("segment") or "Campaign")).strip()[:80].capitalize()
        if topic:
            args["subject"] = topic[:1].upper() + topic[1:]
        subject = re.search(r"\bsubject(?: line)?\s*:?\s*['\"‘“«]\s*(?P<s>[^'\"’”»]+?)\s*['\"’”»]", text, re.I)
        if subject:
            args["subject"] = subject.group("s")  # "…, subject 'Your 2032 salary guide'"
        else:
            # "…, subject line: Join the February Team Fitness Challenge 🏆": unquoted, the rest of the message
            said = re.search(r"\bsubject(?: line)?\s*[:=-]\s*(?P<s>[^\n]+?)\s*$", text, re.I)
            if said:
                args["subject"] = said.group("s").strip(" '\"")
        if args["name"] == "Campaign" and args.get("subject"):
            args["name"] = args["subject"][:80]  # named nothing else: the campaign goes by its subject line
        body = re.search(
            r"\b(?:text|body|message|copy|wording)\s*:\s*['\"‘“«]\s*(?P<b>[^\"”»]+?)\s*['\"’”»]\s*$", text, re.I
        )
        if body:
            args["body"] = body.group("b")  # '… call it X. Text: "10% off gutter guards …"': the message as written
    elif tool == "list_campaigns":
        for word in ("draft", "scheduled", "sent"):
            if word in low:
                args["status"] = word
                break
    elif tool in ("conversion_by_source", "conversion_by_period", "activity_by_owner", "revenue_won_over_time"):
        spans = ctx.dates(text)
        if spans:
            args["since"] = _iso(spans[0].start)
            if spans[0].end < ctx.today:
                args["until"] = _iso(spans[0].end)
        pm = re.search(r"\b(week|month|quarter)(?:ly|s)?\b|\b(weekly|monthly|quarterly)\b", low)
        if pm and tool in ("conversion_by_period", "revenue_won_over_time"):
            w = pm.group(1) or pm.group(2)
            args["period"] = {"weekly": "week", "monthly": "month", "quarterly": "quarter"}.get(w, w)
            if spans and spans[0].text.endswith(w):
                # "this quarter" is a range, not the bucket size, unless a bucket word appears elsewhere
                other = re.findall(
                    r"\b(?:by|per|each|every)\s+(week|month|quarter)\b|\b(weekly|monthly|quarterly)\b", low
                )
                args["period"] = next(
                    ({"weekly": "week", "monthly": "month", "quarterly": "quarter"}.get(b, a or b) for a, b in other),
                    "month",
                )
        if tool == "activity_by_owner":
            for t in ("call", "email", "meeting", "note"):
                if re.search(rf"\b{t}s?\b", low):
                    args["type"] = t
                    break
    elif tool == "score_distribution":
        bm = re.search(r"\b(\d+)\s+(?:bins|buckets|bands|groups)", low)
        if bm:
            args["bins"] = int(bm.group(1))
    elif tool == "search_notes":
        q = re.search(
            r"\b(?:mention(?:s|ing|ed)?|about|for|talked about|discuss(?:ed)?|regarding|said)\s+(?:of\s+)?(.+?)(?=\s+(?:with|in notes|in the notes|from)\b|[?.!]|$)",
            text,
            re.I,
        )
        query = q.group(1).strip() if q else text.strip()
        # "search the notes for anyone who mentioned a marquee": what was mentioned, not who
        inner = re.search(
            r"\b(?:mention(?:s|ing|ed)?|talked about|discuss(?:ed)?|said|asked about)\s+(?:of\s+)?(.+)$", query, re.I
        )
        if inner:
            query = inner.group(1).strip()
        args["query"] = re.sub(r"^(?:an?|the|any|some)\s+", "", query, flags=re.I).strip("\"'“”‘’ ")
        who = re.search(r"\bwith\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", text)
        if who:
            args["contact"] = who.group(1)
        told = _TOLD_ABOUT.search(text)
        if told and not who:
            # "what did we tell dev anand about pricing?": the person told, in any case, is whose notes to search
            said = told.group("who")
            known = {ex._fold(c): c for c in ctx.matcher.vocab.contacts}
            args["contact"] = ex._best(said, known, 90) or (said.title() if said.islower() else said)
    elif tool == "pipeline_summary":
        pass
    props = ctx.schemas.get(tool)
    if props is not None:
        args = {k: v for k, v in args.items() if k in props}
        if "filters" in args and isinstance(args["filters"], dict):
            args["filters"] = {k: v for k, v in args["filters"].items() if v not in (None, "", [])}
    return Built({k: v for k, v in args.items() if v not in (None, "", [])} | _keep_empty(args), missing)


# "what did we tell dev anand about pricing?", "what did Jo quote Priya Shah re the retainer": the person told
_TOLD_ABOUT = re.compile(
    r"\b(?:tell|told|say\s+to|said\s+to|send|sent|promise|promised|quote|quoted|offer|offered|email|emailed)\s+"
    r"(?!(?:him|her|them|us|you|me|anyone|anybody|everyone|people|the|a|an)\b)"
    r"(?P<who>[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\s+(?:about|re|regarding|on the subject of)\b",
    re.I,
)


_PERSON_EMAIL = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+(?:[^\W\d_][\w'’-]+)){1,2})\s*"
    # "Ishaan Malhotra (founder, ishaan@…)": the address inside brackets with the person's job
    r"(?:\((?P<before>[^()@]*?)[,;]?\s*|[(<,:–-]?\s*)(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"(?:(?<=\S)\s*[,;]\s*(?P<after>[^()@]*?)\))?"
)
_CAP_NAME = r"[A-Z][\w'’-]+(?:\s+(?:van|von|de|da|del|di|le|la|du))?\s+[A-Z][\w'’-]+"
_TWO_NAMES = re.compile(
    rf"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:add|create|new)\s+(?:contacts?:?\s+)?(?P<a>{_CAP_NAME})\s+(?:and|&)\s+"
    rf"(?P<b>{_CAP_NAME})\s*(?:,|\s[-–—]\s|\s+(?:both|from|at|of)\b)"
)
_PERSON_PHONE = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+){1,2})\s*\((?P<phone>\+?\d[\d ().-]{6,}\d)\)"
)
# "… and his brother phat nguyen (phat@…)": who the person is to someone, not part of the name
_KIN = re.compile(
    r"^(?:(?:his|her|their|my|our)\s+)?(?:brother|sister|wife|husband|partner|colleague|cousin|son|daughter|father|"
    r"mother|dad|mom|mum|boss|assistant|co-?founder|business partner)\s+(?=\S+\s+\S)",
    re.I,
)


def several_new_people(text: str, shared: dict[str, Any], m: ex.Matcher | None = None) -> list[dict[str, Any]]:
    """ "add Lars Jensen (lars@…) and Petra Vogel (petra@…), both mine": one new contact each, sharing the
    details said once for all (company, owner, stage, source, follow-up, tags). Empty for one person."""
    # each person with the detail given for them: "Holly Benson (holly@…) and Tariq Aziz (07788 412 003)"
    found = sorted(
        [(h.start(), "email", h) for h in _PERSON_EMAIL.finditer(text)]
        + [(h.start(), "phone", h) for h in _PERSON_PHONE.finditer(text)]
    )
    found = [(pos, kind, h) for pos, kind, h in found if " " in ex.clean_name(h.group("name"))]
    pair = _TWO_NAMES.match(text)
    if len(found) < 2 and pair and not ex.emails_in(text) and not ex.phones_in(text):
        # "add Jordan Blake and Tessa Blake, both at Blake Family Dental, both leads": two people, what follows is both
        common = {k: v for k, v in shared.items() if k not in ("first_name", "last_name", "name", "title")}
        people = []
        for who in (pair.group("a"), pair.group("b")):
            if m is not None and (
                m.user(who, cutoff=92) or (m.vocab.contacts and m.find_in(who, m.vocab.contacts, cutoff=92))
            ):
                return []  # a colleague or someone the CRM has: not two new people
            first, last = _name_parts(who)
            people.append({**common, "first_name": first, "last_name": last})
        return people
    if len(found) < 2:
        return []
    common = {k: v for k, v in shared.items() if k not in ("first_name", "last_name", "name", "email", "phone")}
    out = []
    for i, (_, kind, hit) in enumerate(found):
        name = _KIN.sub("", ex.clean_name(hit.group("name")))
        email = hit.group("email") if kind == "email" else None
        first, last = _name_parts(name.title() if name.islower() else name, email)
        person = {**common, "first_name": first, "last_name": last, kind: hit.group(kind).strip()}
        said = hit.groupdict()
        job = _title_segment(said.get("before") or said.get("after") or "")
        if job:
            person["title"] = job  # "(founder, ishaan@…)", "(ria@…, head of ops)"
        else:
            person.pop("title", None)  # a job said for one person is not everyone's
        # "1) Lucía Romero, lucia@…, Café Doña Rosa 2) Omar Farouk, omar@…, Atlas Roofing LLC": each their own company
        own = text[hit.end() : found[i + 1][2].start() if i + 1 < len(found) else len(text)]
        co = ex.company_ref(own, m) if m is not None else None
        if co and not re.search(r"\d", co):
            person["company"] = co
        out.append(person)
    return out


_CURRENCY_SAID = re.compile(
    rf"\b({ex.CURRENCY_CODES}|dollars?|{'|'.join(ex.CURRENCY_WORDS)})\b|([$]|[{''.join(ex.CURRENCY_SIGNS)}])"
)
_GIVEN_NAME = re.compile(
    r"\b(?:called|named|titled|call it|name it)\s+['\"‘“«]\s*(?P<n>[^'\"’”»]+?)\s*['\"’”»]"
    r"|(?<!\w)['\"‘“«]\s*(?P<q>[^'\"’”»]{3,}?)\s*['\"’”»](?!\w)"  # « Réservez votre kiosque »: French quotes
)


def _segment_named(text: str) -> str | None:
    """ "to the VIP Customers segment", "for the segment Corporate SQLs", "list: Dormant Customers"."""
    before = re.search(
        r"\b(?:to|for)\s+(?:the\s+|our\s+|my\s+)?['\"]?([\w &'-]+?)['\"]?\s+(?:segment|list|audience)\b", text, re.I
    )
    if before and before.group(1).strip().lower() not in ("the", "a", "an", "our", "my", "this", "that"):
        return before.group(1).strip()
    after = re.search(
        r"\b(?:segment|list|audience)\s*:?\s+['\"]?(?!called\b|named\b)([\w&'-]+(?:\s+[\w&'-]+){0,4}?)['\"]?"
        r"(?=[,.;!?]|$|\s+(?:about|with|for|announcing|inviting|offering)\b)",
        text,
        re.I,
    )
    return after.group(1).strip() if after else None


def given_name(text: str) -> str | None:
    """A name given in quotes ("a deal called 'Pinecrest 40kW rooftop'"), kept exactly as written."""
    hit = _GIVEN_NAME.search(text)
    if (
        hit
        and hit.group("q")
        and re.search(
            r"\b(?:subject(?: line)?|text|body|message|copy|wording|says?|saying|reads?)\s*:?\s*$",
            text[: hit.start()],
            re.I,
        )
    ):
        # "called spring guide …, subject 'Your 2032 salary guide'", "call it X. Text: '10% off …'": the quotes are
        # the subject or the message, not the name
        hit = None
    if hit:
        return _EMOJI.sub("", hit.group("n") or hit.group("q")).strip()
    bare = re.search(
        r"\b(?:called|named|titled|call it|name it)\s+(?P<n>[^,;:.!?]+?)(?=\s+(?:for|with|to|at|on|from|about|targeting|"
        r"aimed|value|valued|worth|amount|budget|closing|closes|expected|owner|stage|um|uh|should|will|would|which)\b|[,;:.!?]|$)",
        text,
        re.I,
    )
    return _EMOJI.sub("", bare.group("n")).strip() if bare else None


# pictographs, dingbats and their variation selector: "Monsoon Prep 2035 ⛈️" is named "Monsoon Prep 2035"
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")


def _keep_empty(args: dict[str, Any]) -> dict[str, Any]:
    # filters/changes are required objects: keep them even when empty so the call is well-formed
    return {k: v for k, v in args.items() if k in ("filters", "changes") and v == {}}


def _segment_name(f: dict[str, Any]) -> str:
    bits = [str(f[k]) for k in ("stage", "tag", "lead_source", "company", "owner") if k in f]
    if "min_score" in f:
        bits.append(f"score {f['min_score']}+")
    return (" ".join(bits) or "New") + " segment"


def _segment_ref(text: str) -> str:
    """The segment's name: the words before "segment/list/audience", else after "in/of/for"."""
    m = re.search(r"\b(segment|list|audience)\b", text, re.I)
    if m:
        words = re.findall(r"[\w&'’-]+", text[: m.start()])
        name: list[str] = []
        for w in reversed(words):
            if w.lower() in ex.STOP or w.lower() in ("big", "large", "many", "size", "count", "people", "members"):
                break
            name.insert(0, w)
        if name:
            return " ".join(name)
    m2 = re.search(
        r"\b(?:in|of|for)\s+(?:the\s+|our\s+|my\s+)?['\"]?([\w &'-]+?)['\"]?(?=[?.!,]|\s+(?:can|could|are|is|and)\b|$)",
        text,
        re.I,
    )
    if m2:
        return m2.group(1).strip()
    return text.strip()
