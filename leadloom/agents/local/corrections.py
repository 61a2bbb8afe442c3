"""A writer correcting themself mid-message: "move him to sql — no wait, opportunity", "owner tyler, no, jordan",
"follow up friday... actually monday", "source referral — no wait, event".

People type the way they talk, so the first value is a slip and the one after the marker replaces it. The
correction is applied only when the value after the marker is of a kind the model knows (a stage, a colleague,
a lead source, a date, a contact) and the same kind was said before it in the same sentence; the slip and the
marker are then cut, and the request reads as if typed right the first time. Anything else is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from leadloom.agents.local import extract as ex
from leadloom.agents.local import rx as re
from leadloom.agents.local.dates import DateSpan

# "— no wait,", ", no,", "... actually", "sorry,", "i mean", "make that", "or rather", "scratch that"
_MARKER = re.compile(
    r"(?:\s*(?:[,;]|\.{2,}|…|\s[-–—]+)\s*|\s+)"
    r"(?:(?:no+|nah|sorry|oops|err?m?|uh)[,.!]*\s+)?"
    r"(?:no+\s+wait|wait,?\s+no+|no+\s+sorry|sorry|actually|i\s+mean|make\s+(?:that|it)|or\s+rather|"
    r"scratch\s+that|correction|no+)\b[,:.!]*\s+",
    re.I,
)
# a bare "no"/"sorry"/"actually" is a correction only after punctuation, not in "no reply" or "actually signed"
_LOOSE = {"no", "noo", "nooo", "sorry", "actually", "nah no", "no no"}
_END = re.compile(r"[,.;!?\n]|\s[-–—]\s|\s+(?:and|but|since|because|as|so|cause|cos)\b", re.I)

Kind = Callable[[str], list[tuple[int, int]]]  # spans (start, end) of values of one kind in a text


def _table_spans(table: dict[str, str], cutoff: float = 92) -> Kind:
    def spans(text: str) -> list[tuple[int, int]]:
        return [(pos, pos + len(gram)) for pos, gram, _ in ex._scan(text, table, cutoff)]

    return spans


def _kinds(m: ex.Matcher, dates: Callable[[str], list[DateSpan]]) -> list[Kind]:
    # the matcher's folded tables, built once per vocabulary (not per message)
    sources = ex._folded_names(tuple(m.vocab.lead_sources))
    contacts = ex._folded_names(tuple(m.vocab.contacts))

    def date_spans(text: str) -> list[tuple[int, int]]:
        return [(d.pos, d.pos + len(d.text)) for d in dates(text)]

    known_contact = _table_spans(contacts, 90)

    def contact_spans(text: str) -> list[tuple[int, int]]:
        # "Johanna Kessler.. no sorry, Johanna Kießling": the slip need not be a known contact
        return known_contact(text) or [(p, p + len(span)) for p, span in ex.capitalized_spans(text) if " " in span]

    # order matters: a value is read as the first kind that fits it ("lead" is a stage before it is a name)
    return [
        _table_spans(m.stage_names, 90),
        _table_spans(m.user_names, 92),
        _table_spans(sources, 92),
        date_spans,
        contact_spans,
    ]


# "Daniel Choi — add the tag? no sorry, wrong Daniel. Daniel Szymański gets it": all before it was about someone
# else. Only when a slip is owned ("no sorry", "oops") or another person is named next: in "Daniel Kim —
# disqualified, wrong person, he's the bar manager" the wrong person is the reason, not a slip.
_WRONG_ONE = re.compile(
    r"^.*?\b(?:wrong\s+(?:[A-Z][\w'’-]+|one|person|contact|guy|girl|lady|name|record)|not\s+(?:that|this)\s+one)"
    r"\s*[.!;,:]+\s*(?=\S+(?:\s+\S+){2})",
    re.S,
)
_OWNED_SLIP = re.compile(r"\b(?:no+|sorry|oops|whoops|my\s+bad|nope|ugh|argh)\W+(?:\w+\W+)?(?:wrong|not\s+th)", re.I)
_NEXT_NAMED = re.compile(r"(?!(?:He|She|They|It|I|We|You|His|Her|Their|That|This)\b)[A-Z][\w'’-]+")


def apply(text: str, m: ex.Matcher, dates: Callable[[str], list[DateSpan]]) -> str:
    """``text`` with every recognised self-correction applied (the slip and the marker removed)."""
    wrong = _WRONG_ONE.match(text)
    if wrong and (_OWNED_SLIP.search(wrong.group(0)) or _NEXT_NAMED.match(text, wrong.end())):
        text = text[wrong.end() :]
    kinds = None
    for _ in range(3):  # a message rarely corrects itself more than once or twice
        changed = False
        for mk in _MARKER.finditer(text):
            core = " ".join(re.findall(r"[a-z]+", mk.group(0).lower()))
            if core in _LOOSE and not re.match(r"\s*(?:[,;]|\.{2,}|…|[-–—])", mk.group(0)):
                continue
            after = text[mk.end() :]
            end = _END.search(after)
            fix = after[: end.start() if end else len(after)]
            if not fix.strip() or len(fix.split()) > 5:
                continue
            kinds = kinds or _kinds(m, dates)
            sentence_start = max(text.rfind(".", 0, mk.start() - 1), text.rfind("\n", 0, mk.start()), -1) + 1
            before = text[sentence_start : mk.start()]
            for kind in kinds:
                fixed = kind(fix)
                if not fixed or fixed[0][0] > 3:
                    continue  # the correction must start with the value ("no wait, opportunity")
                slips = kind(before)
                if not slips:
                    break  # the value is of this kind but nothing of it came before: not a correction of it
                start = sentence_start + slips[-1][0]
                text = text[:start] + fix.strip() + after[len(fix) :]
                changed = True
                break
            if changed:
                break
        if not changed:
            return text
    return text
