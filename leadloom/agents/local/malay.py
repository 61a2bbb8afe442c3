"""Malay grammar words in English requests (Singapore and Malaysia): the frame around English CRM words, read as
English.

Singaporean and Malaysian staff write English CRM words inside a Malay sentence, WhatsApp style ("tolong update
email X jadi …", "owner tukar ke Aisyah ya", "X sudah move ke Y", "follow up esok", "owner saya", "siapa top 5
leads saya?", "semua contacts dengan tag … yang follow up dah lepas", "tak contacted since 1/2", "Terima kasih!").
The CRM words are already English, so the lexicon rewrites the frame: the polite request words ("tolong",
"boleh"), the verbs ("tukar", "tambah", "buang", "padam"), the little words of a selection ("semua", "dengan",
"yang", "dari", "dan", "tak"), pronouns ("saya", "dia"), days ("esok", "semalam", "hari ini", "minggu depan"),
"sudah"/"dah" (already, or past when said of a follow-up) and the particles "ya", "lah", "ke?"; names ("bin",
"binte", "binti" and the rest) stay as written. Written out from the language (round eighteen), with a Singapore
agency's requests as examples; it is not a translator.

A message is only rewritten when it carries a clearly Malay word (``_STRONG``) or three common ones (``_WEAK``):
"tak" is Scots (take), "di" Italian, "ada", "dia" and "ke" are also names or other languages' words, so none of
them alone marks a message.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_WEAK = re.compile(
    r"(?<![\w'’@.-])(?:tak|tidak|di|ada|dia|ke|ya|nak|baru|lagi|kat|dari|dan|jadi|lepas|ni|tu|untuk|pasal|lah)"
    r"(?![\w'’@-])",
    re.I,
)
_STRONG = re.compile(
    r"(?<![\w'’@.-])(?:tolong|terima\s+kasih|sudah|dah|semua|dengan|yang|tukar|tambah|buang|padam|hapuskan|esok|"
    r"semalam|saya|boleh|siapa|sapa|sekarang|minta|jangan|tarikh|bila|cuti|janji|setuju|hantar|nanti|belum|"
    r"macam\s+mana|kenapa|minggu\s+depan|bulan\s+depan|hari\s+ini|tahun\s+ni|selamat)(?![\w'’@-])",
    re.I,
)
_NOUNS = r"contacts?|leads?|tasks?|deals?|customers?|clients?|follow[\s-]?ups?|meetings?|accounts?"

# (Malay, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # politeness and particles: "tolong …" (please), "… ya", "… lah", "terima kasih" (thanks)
    (r"terima\s+kasih(?:\s+banyak(?:-banyak)?)?", "thanks"),
    (r"tolong", "please"),
    (r"(?<=\s)(?:ya|lah)(?=\s*(?:[,.!?;]|$))", ""),
    (r"(?<=\s)ke(?=\s*\?)", ""),  # "esok cuti ke?": the question particle
    # a follow-up date that has gone by: "yang follow up dah lepas (tarikh)" is whose follow-up is overdue
    (r"(?:yang\s+)?(follow[\s-]?ups?)\s+(?:dah|sudah)\s+lepas(?:\s+tarikh)?", r"that have overdue \1"),
    # "owner tukar ke Aisyah": change the owner to (a field, then the verb, in Malay order)
    (r"(owner|stage|email|phone|number|company|title|source|tag)\s+tukar\s+(?:ke|jadi)", r"change \1 to"),
    (r"(?:sudah|dah)\s+jadi", "is now"),  # "sudah jadi customer": has become
    (r"(?:sudah|dah)\s+move\s+ke", "has moved to"),
    (r"(?:sudah|dah)\s+(?:tak|tidak)\s+(?:guna|pakai)", "no longer used"),
    (r"(?:sudah|dah)\s+setuju", "agreed"),
    (r"(?:sudah|dah)\s+janji\s+dengan", "promised"),
    (r"sudah|dah", "already"),
    (r"tukar", "change"),
    (r"tambah", "add"),
    (r"buang|padam|hapuskan", "remove"),
    (r"jadi|ke(?=\s+(?:next|this|\d|(?-i:[A-Z])))", "to"),
    # a selection: "semua contacts dengan tag X yang …", "dari 99co", "tak contacted since"
    (r"semua", "all"),
    (r"dengan", "with"),
    (r"dia\s+yang", "they"),  # "dia yang handle …": they are the one who handles
    (r"dia", "them"),
    (r"yang\s+lama", "the old one"),
    (r"yang", "that"),
    (r"dari", "from"),
    (r"dan", "and"),
    (r"(?:tak|tidak|belum)(?=\s+(?:contacted|called|emailed|touched|replied|reply|heard))", "not"),
    (r"jangan", "not to"),
    # who: "contacts saya" is my contacts; "owner saya" is me; "dia" is them
    (rf"((?:top|first)\s+\d+\s+)?({_NOUNS})\s+saya", r"my \1\2"),
    (r"saya", "me"),
    (rf"(?:siapa|sapa)(?=\s+(?:my\s+)?(?:top\s+\d+\s+)?(?:{_NOUNS})\b)", "who are"),  # "siapa top 5 leads saya?"
    (r"siapa|sapa", "who"),
    (r"ambil", "took"),
    (r"(contacts?|leads?)\s+baru", r"new \1"),
    (r"ada(?=\s+new\b)", "a"),  # "ada lead baru dari …": there is a new lead from
    (r"(?<=[a-z]\s)(?:di|kat)(?=\s+(?-i:[A-Z]))", "at"),  # "Senior Designer di Studio Kinetic"
    # when
    (r"esok", "tomorrow"),
    (r"semalam", "yesterday"),
    (r"hari\s+ini", "today"),
    (r"minggu\s+depan", "next week"),
    (r"bulan\s+depan", "next month"),
    (r"sekarang", "now"),
    (r"boleh", "can"),
    (r"minta", "asked"),
    (r"lagi", "again"),
    (r"nak", "wants to"),
    (r"tahu", "know"),
    (r"pasal", "about"),
    (r"untuk", "for"),
    (r"bila", "when"),
    (r"cuti", "a holiday"),
    (r"tahun\s+(?:ni|ini)", "this year"),
    (r"(?<=\s)(?:tu|itu)(?=\s*(?:[,.!?;]|$))", ""),  # "data project tu": that project
]

_MALAY = Lexicon(_STRONG, _WEAK, _LEXICON)


def from_malay(text: str) -> str:
    """The message with its Malay frame words in English ("Chua owner tukar ke Aisyah ya" -> "Chua change owner
    to Aisyah"); unchanged when it has no clearly Malay word."""
    text = re.sub(r"[ \t]{2,}", " ", _MALAY.to_english(text))
    return re.sub(r" +([.,!?])(?=\s|$)", r"\1", text)
