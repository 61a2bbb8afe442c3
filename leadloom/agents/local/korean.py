"""Korean in English requests: a Seoul team's CRM words, particles, honorifics and request endings read in English.

Teams in Korea write half a request in Korean around the English names, tags and stages: "Ji-ho Lee 원장님 stage
sql로 바꿔주세요" (Ji-ho Lee, director: change the stage to sql, please). Korean puts the verb last and marks a new
value with 로/으로 ("to"); the honorific after a name (원장님, 대표님, 실장님, 매니저 …) is politeness, not part of the
name. This module glosses those words into the English the rest of the model reads ("Ji-ho Lee stage to sql
please"), moving a request verb to the front where the English needs it ("… 전부 삭제해주세요" -> "delete all …").
Written out from a Seoul agency's requests (round twenty); Korean text it does not know (a pasted KakaoTalk message)
stays as written, and a request without Hangul is returned unchanged.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.dates import MONTHS

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")

# the honorifics and job titles Koreans put after a name: "Hyun-woo Kim 원장님", "김예진 매니저", "Chae-won Kim
# 인플루언서님"; only after a written name (a Latin word or a Hangul name), so "owner 대표님 (…)" keeps its words
_HONORIFIC = re.compile(
    r"(?<=[A-Za-z\uac00-\ud7a3)])\s*(?:원장|대표|실장|팀장|부장|과장|차장|이사|상무|전무|사장|선생|교수|"
    r"인플루언서|매니저)님?(?=[\s:,.!?)]|$)|(?<=[A-Za-z)])\s*(?:님|씨)(?=[\s:,.!?)]|$)"
)

# laughter, tears and the like ("ㅋㅋ", "ㅎㅎ", "ㅠㅠ"): a mood, no word of the request
_MOOD = re.compile(r"(?m)^[\u3131-\u318e]{2,}[^\S\n]*|[^\S\n]*[\u3131-\u318e]{2,}|[^\S\n]*ㅠ(?=\s|$)")

_WEEKDAYS = {"월": "Monday", "화": "Tuesday", "수": "Wednesday", "목": "Thursday", "금": "Friday", "토": "Saturday",
             "일": "Sunday"}  # fmt: skip

# "4월 3일" is April 3; "6월 말" the end of June, "6월 초" its start
_DAY = re.compile(r"(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_MONTH_END = re.compile(r"(\d{1,2})\s*월\s*(말|초)")

# the CRM's nouns, as Korean writers type them; longer words first so "전화번호" is not read as "번호"
_NOUNS = (
    ("새 연락처로", "as a new contact"), ("새 연락처", "new contact"), ("새로운 연락처", "new contact"),
    ("연락처", "contacts"), ("전화번호", "phone"),
    ("휴대폰", "phone"), ("번호", "phone"), ("이메일", "email"), ("메일", "email"), ("담당자", "owner"),
    ("담당", "owner"), ("태그", "tag"), ("소스", "source"), ("회사", "company"), ("직함", "title"), ("직책", "title"),
    ("딜", "deal"), ("이름", "name"), ("명함", "business card"), ("목록", "list"), ("리스트", "list"),
    ("생일 선물", "birthday gift"), ("선물", "gift"), ("점수", "score"), ("단계", "stage"), ("메모", "note"),
)  # fmt: skip

_DAYS = (
    ("오늘", "today"), ("내일", "tomorrow"), ("모레", "the day after tomorrow"), ("이번 주", "this week"),
    ("이번주", "this week"), ("다음 주", "next week"), ("다음주", "next week"), ("다음 달", "next month"),
    ("다음달", "next month"), ("이번 달", "this month"), ("이번달", "this month"),
)  # fmt: skip

# the endings of a polite request ("바꿔주세요", "변경해 주세요", "수정 부탁해요", "보여줘"), by the English verb
_PLEASE = r"(?:\s*(?:주세요|줘요|줘|주실래요|주시겠어요|부탁해요|부탁드려요|부탁드립니다|부탁))?"
_ENDINGS = {
    "update": r"(?:올려|바꿔|바꾸어|변경해|변경|수정해|수정|업데이트\s*해|업데이트|저장해|저장|잡아|설정해|설정)",
    "add": r"(?:추가해|추가|붙여|달아|넣어|등록해|등록)",
    "remove": r"(?:빼|제거해|제거|떼어|떼)",
    "delete": r"(?:삭제해|삭제|지워)",
    "show": r"(?:보여|알려)",
    "create": r"(?:만들어|생성해|생성)",
    "hand over": r"(?:넘겨|옮겨)",
    "move back": r"(?:돌려)",
}

_ALL = r"(?:전부|모두|다|싹\s*다)"
# a tag, stage or name written in Latin letters (Python's \w would take Hangul too)
_WORD = r"[A-Za-z0-9][A-Za-z0-9_-]*"


def has_korean(text: str) -> bool:
    """Is any of the request written in Hangul (then from_korean has something to read)?"""
    return bool(_HANGUL.search(text))


def _ending(verb: str) -> re.Pattern[str]:
    """A request ending of one verb, with its politeness ("주세요") and a following full stop or end."""
    return re.compile(rf"\s*{_ENDINGS[verb]}{_PLEASE}(?=[\s.,!?~:]|$)~*")


def _dates(text: str) -> str:
    """ "4월 3일로" -> "to April 3", "6월 말" -> "end of June", "금요일" -> "Friday", "내일로" -> "to tomorrow"."""

    def day(hit: re.Match[str]) -> str:
        month, date = int(hit.group(1)), int(hit.group(2))
        return f"{MONTHS[month - 1].capitalize()} {date}" if 1 <= month <= 12 and 1 <= date <= 31 else hit.group(0)

    def edge(hit: re.Match[str]) -> str:
        month = int(hit.group(1))
        if not 1 <= month <= 12:
            return hit.group(0)
        return f"{'end' if hit.group(2) == '말' else 'start'} of {MONTHS[month - 1].capitalize()}"

    text = _DAY.sub(day, text)
    text = _MONTH_END.sub(edge, text)
    text = re.sub(r"([월화수목금토일])요일", lambda hit: _WEEKDAYS[hit.group(1)], text)
    for korean, english in _DAYS:
        text = text.replace(korean, english)
    return text


def _amounts(text: str) -> str:
    """ "1.2억" -> "120000000 KRW", "5천만원" -> "50000000 KRW", "300만원" -> "3000000 KRW": Korean counts money
    in ten-thousands (만) and hundred-millions (억)."""

    def won(hit: re.Match[str]) -> str:
        number = float(hit.group(1).replace(",", ""))
        scale = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000}[hit.group(2)]
        return f"{round(number * scale)} KRW"

    text = re.sub(r"(\d[\d,]*(?:\.\d+)?)\s*(억)\s*(?:원|won)?(?![\uac00-\ud7a3])", won, text)
    return re.sub(r"(\d[\d,]*(?:\.\d+)?)\s*(천만|백만|만)\s*(?:원|won)(?![\uac00-\ud7a3])", won, text)


def _values(text: str) -> str:
    """ "담당자는 나로" -> "owner to me", "title Marketing Director 로" -> "title to Marketing Director",
    "disqualified로" -> "to disqualified": 로/으로 after a value marks what a field becomes."""
    text = re.sub(r"(?<![\w\uac00-\ud7a3])(?:나|저)(?:로|에게)(?=[\s,.!]|$)", "to me", text)
    text = re.sub(r"(?<![\w\uac00-\ud7a3])(?:나|저)(?=\s*(?:[,.]|$))", "me", text)
    field = r"(owner|stage|title|email|phone|company|name|follow[- ]?up(?: date)?|source)"
    text = re.sub(
        rf"\b{field}(?:은|는|을|를)?\s+([^,.!?\n\uac00-\ud7a3]+?)\s*(?:으로|로)(?=[\s,.!?]|$)",
        r"\1 to \2",
        text,
        flags=re.I,
    )
    return re.sub(r"(?<![\w@.-])([A-Za-z0-9@.+_-]+(?:\s+\d{1,2})?)\s*(?:으로|로)(?=[\s,.!?]|$)", r"to \1", text)


def _tags(text: str) -> str:
    """ "vip 태그 추가해주세요" -> "add tag vip", "k-beauty는 빼주세요" -> "remove k-beauty", "hair-salon 태그" ->
    "tag hair-salon": the word before 태그 is the tag, and the verb after it says whether it goes on or off."""
    tag = rf"({_WORD}(?:\s*(?:\+|and|&)\s*{_WORD})*)(?:은|는|을|를|도)?"
    text = re.sub(r"태그\s*:", "tags:", text)
    text = re.sub(rf"{tag}\s*태그(?:를|는|도)?{_ending('add').pattern}", r"add tag \1 ", text)
    text = re.sub(rf"{tag}\s*태그(?:를|는|도)?{_ending('remove').pattern}", r"remove tag \1 ", text)
    text = re.sub(rf"(?<![\w-]){tag}{_ending('add').pattern}", r"add \1 ", text)
    text = re.sub(rf"(?<![\w-]){tag}{_ending('remove').pattern}", r"remove \1 ", text)
    # "cosmoprof-2028 태그 있는 lead" -> "lead tagged cosmoprof-2028"; "sea-market 태그" -> "tag sea-market"
    text = re.sub(rf"({_WORD})\s*태그\s*(?:있는|달린|붙은)\s+([A-Za-z][\w-]*(?:\s+연락처)?)", r"\2 tagged \1", text)
    text = re.sub(rf"({_WORD})\s*태그\s*(?:있는|달린|붙은)", r"contacts tagged \1", text)
    return re.sub(rf"(?<![\w-])({_WORD})\s*태그(?![\uac00-\ud7a3])", r"tag \1", text)


def _selection(text: str) -> str:
    """The words that pick many contacts, in English order: "instagram 소스 연락처" -> "contacts from source
    instagram", "Daniel 담당 customer" -> "customer owned by Daniel", "A 중에 score 80 이상인 사람" -> "A with score at
    least 80", "churned 연락처 중에 Acme Spa 사람들" -> "churned contacts at Acme Spa"."""
    text = re.sub(rf"({_WORD})\s*소스\s+(연락처|{_WORD})", r"\2 from source \1", text)
    text = re.sub(r"((?-i:[A-Z])[\w-]*)\s*담당\s+(연락처|[A-Za-z][\w-]*)", r"\2 owned by \1", text)
    text = re.sub(r"\bscore\s*(\d+)\s*(?:점\s*)?이상(?:인)?", r"with score at least \1", text, flags=re.I)
    text = re.sub(r"\bscore\s*(\d+)\s*(?:점\s*)?이하(?:인)?", r"with score at most \1", text, flags=re.I)
    text = re.sub(r"\bscore\s*(\d+)\s*(?:점\s*)?인", r"with score \1", text, flags=re.I)
    text = re.sub(r"\s*중에(?:서)?(?=\s)", "", text)
    # "Acme Spa 사람들": the people at a company named before
    text = re.sub(
        r"((?:(?-i:[A-Z])[\w&'.-]*\s+){0,4}(?-i:[A-Z])[\w&'.-]*)\s+(?:사람들|사람|분들|직원들)(?![\uac00-\ud7a3])",
        r"at \1",
        text,
    )
    text = re.sub(r"\s*(?:애들|사람들|사람|분들)(?![\uac00-\ud7a3])", "", text)
    # "top leads 5명" -> "top 5 leads": a count of people
    text = re.sub(r"\btop\s+(leads|contacts|customers|prospects)\s+(\d+)\s*명", r"top \2 \1", text, flags=re.I)
    return re.sub(r"(\d+)\s*명(?![\uac00-\ud7a3])", r"\1", text)


def _asks(text: str) -> str:
    """Whole Korean asks with an English shape of their own: who owns someone, a number or address that changed, a
    contact handed over, a deal to create, a recommendation asked for."""
    text = re.sub(
        r"([^\n.!?]+?)\s*담당(?:자)?(?:는|가)?\s*누구(?:예요|에요|야|인가요|죠|지)?\s*\??",
        r"who is the owner of \1?",
        text,
    )
    text = re.sub(r"(번호|전화번호|이메일|메일)\s*(?:바뀜|바뀌었어요|바뀌었대요|바뀌었음|변경됨)", r"new \1", text)
    text = re.sub(r"(\S+)\s*담당(?:자)?(?:으로|로)\s*" + _ENDINGS["hand over"] + _PLEASE, r"hand over to \1", text)
    text = re.sub(
        r"([^\n.!?:—–-]+?)\s*딜(?:을|를)?\s*(?:새로\s*)?" + _ENDINGS["create"] + _PLEASE, r"create a deal for \1", text
    )
    text = re.sub(r"\bclose\s*예상", "expected close", text, flags=re.I)
    text = re.sub(r"([\w ]+?)\s+close\s*예상", r"expected close \1", text, flags=re.I)
    # "Acme Dermatology 새 담당자": the company's new person in charge (who the contact is there), not our owner
    text = re.sub(r"\s*(?:새|새로운|신규)\s*담당자(?:님)?(?:이에요|입니다|예요)?", "", text)
    # "소개받은 분이에요": someone we were introduced to, a referral
    text = re.sub(
        r"소개\s*(?:받은|해\s*주신|해\s*준)\s*분(?:이에요|입니다|이세요)?(?:\s*\(referral\))?", "source referral", text
    )
    text = re.sub(r"뭐가\s*좋을까요\??", "what would be a nice gift?", text)
    text = re.sub(r"추천\s*(?:좀|해\s*주세요|부탁해요)", "any recommendations?", text)
    return re.sub(r"(?<![\w-])(?:새로|영어로|한국어로|다시)(?=\s)", "", text)


# a clause: from the start of a line or sentence to a request ending
_CLAUSE = r"(?m)((?:^|(?<=[.!?:]))[^\S\n]*)([^.!?\n]*?)"


def _verbs(text: str) -> str:
    """The request endings: an update stays where it is ("… owner to Oliver please"); a delete, a list, a create, an
    add or a move back is said first in English, with "all" before what it selects ("… 전부 삭제해주세요" -> "delete
    all …")."""
    english = {"delete": "delete", "show": "show", "create": "create", "add": "add", "move back": "move",
               "remove": "remove", "update": "change", "hand over": "hand over"}  # fmt: skip
    # "instagram 소스 연락처 전부 influencer 태그 붙여주세요", read by _tags as "… 전부 add tag influencer"
    text = re.sub(
        rf"{_CLAUSE}\s+{_ALL}\s+add tag ({_WORD}(?:\s*(?:\+|and|&)\s*{_WORD})*)",
        lambda hit: f"{hit.group(1)}add tag {hit.group(3)} to all {hit.group(2).strip()}",
        text,
    )
    for verb, word in english.items():
        ending = _ending(verb).pattern

        def front(hit: re.Match[str], verb: str = verb, word: str = word) -> str:
            clause = hit.group(2).strip()
            many = re.search(rf"(?<![\w\uac00-\ud7a3]){_ALL}(?![\w\uac00-\ud7a3])", clause)
            if not many and verb in ("update", "hand over", "remove"):
                return f"{hit.group(1)}{clause} please"
            if many:
                clause = re.sub(r"\s+", " ", clause[: many.start()] + clause[many.end() :]).strip()
            if many and verb == "update":
                return f"{hit.group(1)}{word} all {clause}"
            if verb == "move back":
                head, sep, rest = clause.partition(" to ")
                return f"{hit.group(1)}{word} {'all ' if many else ''}{head} back to {rest}" if sep else hit.group(0)
            return f"{hit.group(1)}{word} {'all ' if many else ''}{clause}"

        text = re.sub(_CLAUSE + ending, front, text)
    return re.sub(r"(?<=[A-Za-z])\s+해\s*주세요|(?<=[A-Za-z])\s*해주세요", "", text)


def from_korean(text: str) -> str:
    """The request with its Korean CRM words in English (unchanged without Hangul)."""
    if not has_korean(text):
        return text
    text = _MOOD.sub("", text)
    text = _HONORIFIC.sub("", text)
    text = _amounts(_dates(text))
    text = _asks(_selection(text))
    text = _tags(text)
    for korean, english in _NOUNS:
        text = text.replace(korean, english)
    # "owner는", "Oliver가", "k-beauty를": a particle after a Latin word marks its role, as English word order does
    text = re.sub(r"(?<=[A-Za-z0-9])(?:은|는|을|를|가|도)(?=[\s,.!?]|$)", "", text)
    text = _values(text)
    text = _verbs(text)
    return re.sub(r"[ \t]{2,}", " ", text)


# the commonest Korean surnames, as families spell them in Latin letters
_SURNAMES = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "I"), "박": ("Park", "Bak", "Pak"), "최": ("Choi", "Choe"),
    "정": ("Jeong", "Jung", "Chung"), "강": ("Kang", "Gang"), "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"),
    "장": ("Jang", "Chang"), "임": ("Lim", "Im", "Yim"), "한": ("Han",), "오": ("Oh", "O"), "서": ("Seo", "Suh"),
    "신": ("Shin", "Sin"), "권": ("Kwon", "Gwon"), "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",),
    "류": ("Ryu", "Yoo", "Yu"), "유": ("Yoo", "Yu"), "전": ("Jeon", "Jun", "Chun"), "홍": ("Hong",),
    "고": ("Ko", "Go"), "문": ("Moon", "Mun"), "양": ("Yang",), "손": ("Son", "Sohn"), "배": ("Bae",),
    "백": ("Baek", "Paik"), "허": ("Heo", "Hur"), "남": ("Nam",), "심": ("Shim", "Sim"), "노": ("Noh", "Roh"),
    "하": ("Ha",), "곽": ("Kwak", "Gwak"), "성": ("Sung", "Seong"), "차": ("Cha",), "주": ("Joo", "Ju"),
    "우": ("Woo", "U"), "구": ("Koo", "Gu"), "민": ("Min",), "진": ("Jin",), "나": ("Na",), "채": ("Chae",),
    "원": ("Won",), "천": ("Cheon", "Chun"), "방": ("Bang",), "현": ("Hyun", "Hyeon"), "변": ("Byun", "Byeon"),
    "도": ("Do",), "석": ("Seok",), "설": ("Seol",), "길": ("Gil", "Kil"), "연": ("Yeon",), "표": ("Pyo",),
    "엄": ("Um", "Eom"), "염": ("Yeom",), "여": ("Yeo",), "추": ("Choo", "Chu"), "소": ("So",), "마": ("Ma",),
}  # fmt: skip

# Revised Romanization, letter by letter: the initial consonants, the vowels and the final consonants of a syllable
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
           "eu", "ui", "i")  # fmt: skip
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip

_HANGUL_NAME = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3])([\uac00-\ud7a3]{1,2})(?![\uac00-\ud7a3])")


def _romanized(syllables: str) -> str:
    """ "도윤" -> "doyun": the syllables in Revised Romanization, run together."""
    out = []
    for char in syllables:
        code = ord(char) - 0xAC00
        out.append(_INITIALS[code // 588] + _VOWELS[code % 588 // 28] + _FINALS[code % 28])
    return "".join(out)


def _loose(spelling: str) -> str:
    """A spelling with the differences of Korean romanizations folded away: "Do-yoon" and "doyun", "Hyun-woo" and
    "hyeonu", "Kyung-soo" and "gyeongsu" all read alike."""
    s = re.sub(r"[^a-z]", "", spelling.lower())
    for a, b in (("oo", "u"), ("eo", "u"), ("ou", "u"), ("ee", "i"), ("wu", "u"), ("sh", "s"), ("k", "g"),
                 ("t", "d"), ("p", "b"), ("l", "r")):  # fmt: skip
        s = s.replace(a, b)
    return s


def known_hangul_names(text: str, names: tuple[str, ...]) -> str:
    """ "박도윤 대표님 …" -> "Do-yoon Park …": a name written in Hangul (surname first) as the CRM spells the one
    contact it romanizes to; a Hangul word that is no known contact's name stays as written."""
    if not names or not has_korean(text):
        return text

    def spelled(hit: re.Match[str]) -> str:
        family = _SURNAMES.get(hit.group(1))
        if not family:
            return hit.group(0)
        given = _loose(_romanized(hit.group(2)))
        loose_family = {_loose(f) for f in family}
        found = {
            name
            for name in names
            if len(parts := name.split()) == 2
            and any(
                _loose(first) == given and _loose(last) in loose_family
                for first, last in ((parts[0], parts[1]), (parts[1], parts[0]))
            )
        }
        return found.pop() if len(found) == 1 else hit.group(0)

    return _HANGUL_NAME.sub(spelled, text)
