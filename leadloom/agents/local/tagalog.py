"""Taglish (English with Tagalog grammar words) in English requests: the frame around English CRM words, read as
English.

Filipino staff write English CRM words inside a Tagalog sentence, Viber style ("pa-update naman si X to sql",
"paki-move na siya sa opportunity", "ibalik mo muna sa lead", "X customer na", "gawin mong lead", "si Dennis ng
GreenPeak", "assign kay Jessa", "owner ako", "palitan mo number ni X", "tanggalin mo yung vip tag ni Y", "lahat ng
contacts ni Jessa na lead pa rin, ilipat mo kay Miguel", "score 70 pataas", "sino may hawak kay X?", "ano mga
overdue tasks ko?", "due bukas"). The CRM words are already English, so the lexicon rewrites the frame: the
request prefixes ("paki-", "pa-", "i-"), the Tagalog verbs ("ilipat", "ibalik", "gawin", "tanggalin", "palitan",
"burahin", "hanapin"), the markers of names and cases ("si", "ni", "kay", "ng", "sa"), the linker "na" (now; that),
pronouns ("ko", "mo", "niya", "ako", "natin"), question words ("sino", "ano", "kelan", "bakit"), days ("kahapon",
"kanina", "bukas"), particles ("naman", "po", "lang", "daw", "muna") and honorifics ("Sir", "Ma'am", "Ate", "Kuya",
"Atty.", "Dra.", "Engr."); names and the rest stay as written. Written out from the language (round fifteen), with
a Makati and a Manila agency's requests as examples; it is not a translator.

A message is only rewritten when it carries a clearly Tagalog word (``_STRONG``) or three common ones (``_WEAK``):
"na", "sa", "si", "ni", "ng", "ko", "mo", "ka", "po", "ang", "ano", "ako", "dito", "nga" alone are words of other
languages and names (Swahili "na", "ni", "ako"; Pidgin "na"; Hindustani "ko", "ka", "din"; Maori "mo", "ko",
"nga"; Italian "si", "sino", "dito", "un po'"; Malay "kami", "dapat"; the surnames Ng, Ang, Ito and Yan), so none
of them marks a message.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_STAGES = (
    r"subscribers?|leads?|mqls?|sqls?|opportunit(?:y|ies)|opps?|customers?|evangelists?|churned|"
    r"disqualified|dq|marketing\s+qualified(?:\s+lead)?|sales\s+qualified(?:\s+lead)?"
)
# a person named with capitals, with the particles of Filipino and Spanish surnames ("Ma. Lourdes", "Dela Rosa")
_NAME = (
    r"((?:Ma\.\s+)?(?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?-i:de|dela|del|delos|de\s+la|de\s+los|san|sta\.)|"
    r"(?-i:[A-Z])[\w'’.-]*)){0,3})"
)
_WHO = r"(?:si|kay|ni)"
# the particles that only soften or stress ("naman", "nga", "muna", "po", "lang", "daw", "pala", "talaga")
_SOFT = r"(?:naman|nga|muna|po|lang|daw|raw|pala|talaga|na\s+lang|na\s+rin|na\s+din|rin|nyo|ninyo)"
_DAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    r"lunes|martes|miyerkules|huwebes|biyernes|sabado"
)
_FIELDS = (
    r"number|phone|mobile|cell|email|e-mail|stage|status|score|title|position|owner|company|lead\s+source|"
    r"source|follow[\s-]*up(?:\s+date)?|consent|details|info|contacts|leads|tasks|deals|address"
)

_WEAK = re.compile(
    r"(?-i:(?<![\w'’-])(?:na|sa|si|ni|ng|ko|mo|ka|ang|ano|ako|dito|nga|ba|pa|lang|ilan|kasi|dapat|gusto|sabi|"
    r"pero|kami|baka|kaya|hindi|wala|oo|eh|ha|ate|yan|ito|nasa|bago|iba|sino|kay)(?![\w'’-]))"
)
_STRONG = re.compile(
    r"(?<![\w'’-])(?:naman|paki-?\w+|pa-[a-z]\w*|i-[a-z]{2,}\w*|nag-\w+|na-[a-z]\w*|mag-\w+|naka-\w+|ma-[a-z]\w*|"
    r"siya|sya|niya|nya|nila|sila|kanya|kaniya|akin|sakin|samin|namin|natin|tayo|kayo|ninyo|nyo|yung|iyong|yun|"
    r"mga|lahat|muna|talaga|pala|daw|rin|sino-sino|kelan|kailan|bakit|saan|nasaan|anong|paano|pano|kahapon|"
    r"kanina|kaninang|bukas|ngayon|ngayong|mamaya|kagabi|hanggang|ilipat|lipat|lumipat|ibalik|balik|gawin|gawa|"
    r"tanggalin|alisin|palitan|burahin|hanapin|ilagay|lagyan|pakita|ipakita|tawagan|tatawagan|walang|meron|"
    r"mayroon|pwede|puwede|sige|salamat|tapos|tsaka|ayun|grabe|galing|bagong|ibang|diyan|dyan|kuya|"
    r"hahawak|humahawak|hawak|pataas|pababa|ulit|agad|kamusta|kumusta|nakilala|interesado|sumulat|"
    rf"(?-i:po)(?!\s*(?:#|\d|no\b|num))|(?:{_STAGES})\s+(?-i:na)(?=\s*(?:[,.!?;:]|$)|\s+(?:po|si|sya|siya|agad|since)\b)|"
    r"(?-i:[a-z]+ed\s+na)(?=[\s,.!?]|$)|(?-i:(?<=[a-z]\s)ng(?=\s+[A-Z]))|(?-i:kay(?=\s+[A-Z]))|owner\s+ako|"
    rf"(?:{_STAGES})\s+(?-i:si)(?=\s+(?-i:[A-Z]))|ano(?=\s+(?:mga|overdue|open|tasks|deals|contacts|leads))|"
    r"ako\s+(?:ang\s+)?owner|follow[\s-]*up\s+sa(?=\s+(?:\d|next|this)))(?![\w'’-])",
    re.I,
)

# (Tagalog, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # "si Ate Luz, Luzviminda Pineda": a nickname with an honorific, then the full name
    (r"(?:si\s+)?(?:ate|kuya|tita|tito|sir|ma['’]?am|mang|aling)\s+(?-i:[A-Z])[\w'’-]*\s*,(?=\s+(?-i:[A-Z])[\w'’-]+\s+"
     r"(?-i:[A-Z]))", ""),
    # honorifics: "po" is politeness; "Sir", "Ma'am", "Ate", "Kuya", "Atty.", "Dra.", "Engr." before a name say
    # nothing to the CRM ("un po'" is Italian and keeps its apostrophe, "PO 123" is a purchase order)
    (r"(?-i:po)(?!\s*(?:#|\d|no\b|num))", ""),
    (r"(?<!ni\s)(?:sir|ma['’]?am|maam|mam|ate|kuya|tita|tito|atty\.|atty|dra\.|engr\.|engr|arch\.)(?=\s+(?-i:[A-Z]))",
     ""),
    (r"(?<![^\n])(?:ate|kuya|sir|ma['’]?am|maam|mam|boss|te)(?:\s*[,!])?(?=\s+(?-i:[a-z]))", ""),
    (r"(?:yung\s+|ang\s+)?contact\s+na\s+si", ""),
    (r"(?:na-?wrong\s+click|namali|nagkamali|na-?mali)[^,.;!?\n]*", "(a mistake)"),
    (r"(?:siya|sya)(?:\s+na)?(?:\s+(?:daw|raw))?(?:\s+(?:ang|yung))?(?=\s+contact\s+person)", "she is the"),
    (r"promoted\s+(?:na\s+)?as", "promoted to"),
    # particles that only soften, said after a verb or a name
    (r"naman|nga|muna|pala|talaga|yata|lang|(?<=\s)(?:na\s+)?(?:daw|raw)(?=[\s,.!?)]|$)", ""),
    (r"pa\s+rin|pa\s+din", "still"),
    (r"(?-i:pa)(?=\s*(?:[,.!?;]|$))", ""),
    (r"(?:so\s+)?ayun(?:\s+oh)?|grabe", ""),
    (r"(?:yung\s+)?taga-?", "from"),
    (rf"nag-?unsubscribe\s+(?:na\s+)?si\s+{_NAME}", r"\1 unsubscribed"),
    (r"nag-?unsubscribe", "unsubscribed"),
    (r"nakita\s+(?:ko|namin)\s+(?:sa|in)", "saw on"),
    # who owns, who handles: "sino may hawak kay X?", "sino ang owner ni X?"
    (rf"sino\s+(?:ang\s+|yung\s+)?(?:may\s+hawak|humahawak|nag-?hahandle|owner)(?:\s+(?:kay|ni|sa|ng|of))?\s+{_NAME}",
     r"who owns \1"),
    (r"siya\s+na\s+(?:ang\s+)?(?:hahawak|hahandle|bahala)|sya\s+na\s+(?:ang\s+)?(?:hahawak|hahandle|bahala)",
     "she will handle"),
    # "kelan follow up natin kay X?": when is the next follow up with
    (rf"(?:kelan|kailan)\s+(?:ba\s+)?(?:ang\s+|yung\s+)?(?:next\s+)?follow[\s-]*up\s+(?:natin|namin|ko|mo)?\s*"
     rf"(?:kay|ni|with|sa|kina)\s+{_NAME}", r"when is the next follow up with \1"),
    # "pa-send naman number ni X", "ano email ni X?": what is X's number
    (rf"(?:pa-?send|paki-?send|send|pabigay|pa-?bigay|ano\s+(?:ang\s+|yung\s+)?)\s*(?:yung\s+|ang\s+)?"
     rf"(number|phone|mobile|email|e-mail|contact\s+number|cell)\s+(?:ni|ng|of)\s+{_NAME}", r"what is \2's \1"),
    # "bakit ang baba ng score ni X?": why is X's score so low
    (rf"bakit\s+(?:ang\s+)?(?:baba|mababa)\s+(?:ng|ang)\s+score\s+(?:ni|ng|of)\s+{_NAME}", r"why is \1's score so low"),
    (rf"bakit\s+(?:ang\s+)?(?:taas|mataas)\s+(?:ng|ang)\s+score\s+(?:ni|ng|of)\s+{_NAME}",
     r"why is \1's score so high"),
    (rf"(?:i-)?score\s+(?:mo|nyo)\s+(?:si\s+|nga\s+si\s+)?{_NAME}", r"score \1"),
    # "hanapin mo sa notes kung sino yung nagbanggit ng X": search the notes for X
    (r"(?:hanapin|hanap|i-search|search)\s+(?:mo\s+)?(?:sa\s+)?notes\s+(?:kung\s+)?(?:(?:sino|ano)\s+)?"
     r"(?:yung\s+|ang\s+)?(?:nag-?banggit|nag-?mention|nagsabi|may)(?:\s+(?:ng|ang|about))?", "search notes for"),
    (r"kamusta\s+(?:na\s+)?(?:ang\s+|yung\s+)?pipeline\s+(?:natin|namin|ko)?|kumusta\s+(?:na\s+)?(?:ang\s+|yung\s+)?"
     r"pipeline\s+(?:natin|namin|ko)?", "how is our pipeline"),
    (r"pa-?summary|paki-?summary", "give me a summary"),
    # "sino dapat i-follow up ko today?": whom should I follow up with
    (r"sino\s+(?:ang\s+|yung\s+)?dapat\s+(?:i-?|ko\s+i-?)?follow[\s-]*up(?:\s+ko)?", "who should I follow up with"),
    (r"recommend\s+ka", "recommend"),
    # stages, with the person first or last: "pa-mql si X", "gawin mo nang evangelist si X", "customer na si X"
    (rf"({_STAGES})\s+(?:to|into|sa)\s+({_STAGES})\s+(?:na\s+)?{_WHO}\s+{_NAME}", r"move \3 from \1 to \2"),
    (rf"(?:(?:paki-?|pa-|i-)?set\s+)?as\s+({_STAGES})\s+(?:na\s+)?{_WHO}\s+{_NAME}", r"set \2 as \1"),
    (rf"si\s+{_NAME}\s*,?\s+(?:from|galing)\s+({_STAGES})\s*,?\s+(?:gawin\s+mong|gawin\s+mo\s+nang|gawin\s+mo\s+na|"
     rf"gawin\s+mo|gawin\s+nyong|gawing|to)\s+({_STAGES})", r"move \1 from \2 to \3"),
    (rf"(?:pa-|paki-?|i-)({_STAGES})\s+(?:mo\s+)?(?:na\s+)?{_WHO}\s+{_NAME}", r"move \2 to \1"),
    # "wag muna gawing lead", "wag nyo i-churned": do not (the stage not to set says nothing to do)
    (rf"(?:wag|huwag|hwag)\s+(?:(?:muna|nyo|mo|na|po)\s+)*(?:gawing\s+|gawin\s+(?:mong?\s+|nyong?\s+)?|i-|ilipat\s+sa\s+)"
     rf"(?:{_STAGES})", ""),
    (rf"(?:gawin|gawing|gawin\s+mo|gawin\s+mong|gawin\s+mo\s+nang|gawin\s+mo\s+na|gawin\s+nyo)\s+(?:nang\s+|na\s+)?"
     rf"({_STAGES})\s+(?:na\s+)?{_WHO}\s+{_NAME}", r"move \2 to \1"),
    (rf"(?:from\s+|galing\s+)({_STAGES})\s*,?\s+(?:gawin\s+mong|gawin\s+mo\s+nang|gawin\s+mo\s+na|gawin\s+mo|"
     rf"gawin\s+nyong|gawing)\s+({_STAGES})", r"from \1 to \2"),
    (rf"(?:gawin\s+mong|gawin\s+mo\s+nang|gawin\s+mo\s+na|gawin\s+mo|gawin\s+nyong|gawin\s+nyo|gawing)\s+({_STAGES})",
     r"- move them to \1"),
    (rf"({_STAGES})\s+na(?:\s+(?:agad|ngayon|po))?\s+{_WHO}\s+{_NAME}", r"move \2 to \1"),
    (rf"({_STAGES})\s+(?:muna\s+)?si\s+{_NAME}", r"set \2 as \1"),
    (rf"({_STAGES})\s+na\s+(?:lang\s+)?ulit|ulit\s+(?:sa\s+)?({_STAGES})", r"back to \1\2"),
    (rf"(?:pa-|paki-?|i-)({_STAGES})", r"move to \1"),
    # "X customer na", "X → sql na po": the stage now (after "to" or an arrow only the "na" goes)
    (rf"(?<=to\s)({_STAGES})\s+na(?:\s+(?:agad|po|ngayon))?(?=[\s,.!?;:)]|$)", r"\1"),
    (rf"(?<=[-–—:=]\s)({_STAGES})\s+na(?:\s+(?:agad|po|ngayon))?(?=[\s,.!?;:)]|$)", r"\1"),
    (rf"({_STAGES})\s+na(?:\s+(?:agad|po|ngayon))?(?:\s+(?:siya|sya|sila))?(?=\s*(?:[,.!?;:)]|$)|\s+(?:since|kasi|dahil|haha\w*|hehe\w*)\b)",
     r"is now \1"),
    # "ibalik mo muna sa lead", "pakibalik si X sa lead stage": back to a stage
    (rf"(?:paki-?balik|ibalik|balik|i-?balik)(?:\s+(?:mo|nyo))?(?:\s+(?:na|muna))?\s+(?:{_WHO}\s+{_NAME}\s+)?"
     rf"(?:sa|to)\s+({_STAGES})", r"move \1 back to \2"),
    (r"(?:paki-?balik|ibalik|i-?balik)(?:\s+(?:mo|nyo))?(?:\s+(?:na|muna))?", "move back"),
    # tags: "tanggalin mo yung X tag ni Y", "add tag A at B kay Y", "lagyan mo ng vip tag si Y"
    (rf"(?:tanggalin|tanggalan|alisin|remove|i-remove|paki-?remove|paki-?tanggal)(?:\s+(?:mo|nyo))?(?:\s+na)?\s+"
     rf"(?:yung|ang|the)?\s*([\w-]+)\s+tag\s+(?:ni|kay|ng|of|sa)\s+{_NAME}", r"remove the \1 tag from \2"),
    (r"(?:tanggalin|tanggalan|alisin|i-remove|paki-?remove|paki-?tanggal)(?:\s+(?:mo|nyo))?(?:\s+na)?\s+"
     r"(?:yung|ang)?\s*([\w-]+)\s+tag\s+(?:nila|niya|nya)", r"remove the \1 tag from them"),
    (rf"(?:lagyan|lagay|ilagay|i-tag|paki-?tag)(?:\s+(?:mo|nyo))?\s+(?:ng\s+)?([\w-]+)\s+tag\s+(?:si|kay|ni|sa)\s+"
     rf"{_NAME}", r"add tag \1 to \2"),
    (r"(tags?\s+[\w-]+)\s+at(?=\s+[\w-]+(?:\s|$|[,.]))", r"\1 and"),
    # "palitan mo number ni X, 0917…": change a field to the value that follows
    (rf"(?:palitan|paki-?palitan|paki-?change|i-change|change|update|i-update|paki-?update|pa-?update|pa-?change)"
     rf"(?:\s+(?:mo|nyo))?\s+(?:yung\s+|ang\s+)?({_FIELDS})\s+(?:ni|ng|of|kay)\s+{_NAME}\s*,?\s*(?:to\s+|sa\s+)?",
     r"change \2's \1 to "),
    (r"bago\s+(?:niyang|nyang|nilang)|bagong", "new"),
    (r"(?:na\s+)?bago\s+(?:niya|nya|nila)", ""),
    # "X lipat na ng company, nasa Y na siya ngayon": has moved to another company
    (r"(?:lumipat|lipat)\s+na\s+(?:ng|sa\s+ibang)\s+(?:company|kumpanya|work|trabaho)\s*,?\s+(?:nasa|sa)\s+(.+?)\s+"
     r"na\s+(?:siya|sya)(?:\s+ngayon)?", r"now works at \1"),
    (r"(?:lumipat|lipat)\s+na\s+(?:ng|sa\s+ibang)\s+(?:company|kumpanya|work|trabaho)", "changed company"),
    # "referral dapat yung lead source niya hindi website": the field should be
    (r"([\w-]+)\s+dapat\s+(?:yung|ang)\s+(lead\s+source|source|stage|title|company|email|owner)\s+(?:niya|nya|nila)\s+"
     r"hindi\s+([\w-]+)", r"\2 should be \1 not \3"),
    (r"pa-?correct|paki-?correct|i-correct", "correct it"),
    (r"(?:pa-?|paki-?|i-)log(?=\s*(?:[,.!?;]|$))", ""),
    # consent: "paki-off yung email consent niya", "sms consent yes na"
    (r"(?:paki-?off|i-off|off(?:\s+mo)?)\s+(?:yung\s+|ang\s+)?(email|sms|text|whatsapp)\s+consent\s*(?:niya|nya|nila)?",
     r"turn off \1 consent"),
    (r"(?:paki-?on|i-on)\s+(?:yung\s+|ang\s+)?(email|sms|text|whatsapp)\s+consent\s*(?:niya|nya|nila)?",
     r"turn on \1 consent"),
    (r"(consent)\s+(yes|no|oo)\s+na", r"\1 \2"),
    # owner: "owner ako", "ako owner", "X ni Jessa, sa kanya na rin", "owner si Ma'am Rowena"
    (rf"(\w[\w-]*)\s+ni\s+{_NAME}\s*,?\s+(?:sa\s+kanya|kanya)\s+na\s+(?:rin|din)", r"\1 from \2, owner \2"),
    (r"(?:owner|may-?ari)\s+(?:ako|sakin|sa\s+akin)|ako\s+(?:ang\s+|yung\s+)?owner|(?:sakin|sa\s+akin)\s+na",
     "owner me"),
    (rf"owner\s+si\s+{_NAME}", r"owner \1"),
    (r"may-?ari\s+(?:ng|sa)", "owner of"),
    # questions: "list mo lahat ng sql ko", "ano mga overdue tasks ko?", "ano overdue tasks ni Paolo?"
    (rf"ano\s+(?:ang\s+|yung\s+)?(?:mga\s+)?((?:[\w-]+\s+){{0,2}}?(?:tasks|deals|contacts|leads|follow[\s-]*ups|"
     rf"{_STAGES}))\s+(?:ni|ng|of)\s+{_NAME}", r"what are \2's \1"),
    (rf"ano\s+(?:ang\s+|yung\s+)?(?:mga\s+)?((?:[\w-]+\s+){{0,2}}?(?:tasks|deals|contacts|leads|follow[\s-]*ups|"
     rf"{_STAGES}))\s+ko", r"what are my \1"),
    # many at once: "lahat ng contacts ni Jessa na lead pa rin, ilipat mo kay Miguel"
    (rf"lahat\s+ng\s+(contacts|leads|customers)\s+(?:ni|kay)\s+{_NAME}\s+na\s+({_STAGES})\s+(?:pa\s+rin|pa\s+din|still|pa)",
     r"all \2's \1 that are still \3"),
    (rf"(?:ilipat|lipat|i-?transfer|ibigay|bigay)(?:\s+(?:mo|nyo))?(?:\s+na)?\s+(?:lahat\s+)?(?:kay|kina|sa)\s+{_NAME}",
     r"reassign them to \1"),
    (r"follow[\s-]*up\s+(?:paki-?lipat|ilipat|lipat|i-?move|paki-?move|move)(?:\s+(?:mo|nyo))?(?:\s+na)?\s+(?:sa|to)",
     "- move follow up to"),
    (r"(follow[\s-]*up)\s+(?:natin|namin|nila|niya|nya)", r"\1"),
    (r"lahat\s+ng\s+galing(?:\s+sa)?", "all contacts from"),
    (r"sa\s+lahat\s+ng|lahat\s+ng|lahat\s+ang|lahat", "all"),
    (rf"(?:yung\s+|ang\s+)?mga\s+({_STAGES})\s+na\s+(?:may|meron)\s+([\w-]+)\s+tag(?:\s+pa)?",
     r"all \1 contacts tagged \2"),
    (rf"(?:yung\s+|ang\s+)?mga(?=\s+(?:[\w-]+\s+){{0,2}}(?:{_STAGES}|contacts|tasks|deals)\b)", "the"),
    (r"(?:yung\s+)?taga-?", "from"),
    (r"sino\s+(?:yung|ang)(?:\s+mga)?(?:\s+na)?(?=\s+(?:lampas|lumampas|lagpas|lumagpas))", "which contacts"),
    # scores: "score 70 pataas", "20 pababa", "80 up"
    (r"(\d+)\s+(?:pataas|and\s+up|up|pataas\s+pa|or\s+higher)", r"\1 or more"),
    (r"(\d+)\s+(?:pababa|and\s+below|below\s+pa|or\s+lower)", r"\1 or less"),
    # "hindi pa na-contact since X": not contacted since
    (r"(?:na\s+)?hindi\s+(?:pa\s+)?(?:na-?contact|nacontact|na-?kontak|nakausap|natawagan)(?:\s+(?:pa|natin|namin))?",
     "not contacted"),
    (r"(?:na\s+)?(?:lampas|lumampas|lagpas|lumagpas)\s+na\s+(?:sa\s+)?(?:yung\s+|ang\s+)?"
     r"follow[\s-]*up(?:\s+date)?", "have an overdue follow up"),
    (rf"yung\s+(?:kay|kina|ni)\s+{_NAME}(?=\s*(?:[,.!?]|$))", r"owned by \1"),
    (rf"(all\s+)?({_STAGES})\s+ko(?![\w'’-])", r"\1my \2 contacts"),
    (rf"(all\s+)?((?:(?!(?:mo|ko|all|list|show)\b)[\w-]+\s+)?(?:tasks|deals|contacts|leads|follow[\s-]*ups|{_STAGES}))\s+"
     rf"ko(?![\w'’-])", r"\1my \2"),
    (r"sino-?\s*sino|sinu-?sino", "who are"),
    (r"(?:pakita|ipakita|paki-?pakita|pa-?show)(?:\s+(?:mo|nyo))?", "show"),
    # verbs: request prefixes and Tagalog verbs, and the "mo" (you) that follows them
    (r"(?:ilipat|paki-?lipat|lipat|i-?move|paki-?move|pa-?move)(?:\s+(?:mo|nyo))?(?:\s+na)?", "move"),
    (r"(?:burahin|burahin\s+mo|i-?delete|paki-?delete|pa-?delete)(?:\s+(?:mo|nyo))?(?:\s+na)?", "delete"),
    (r"(?:tanggalin|alisin|tanggal)(?:\s+(?:mo|nyo))?(?:\s+na)?", "remove"),
    (r"(?:palitan|paki-?palitan)(?:\s+(?:mo|nyo))?", "change"),
    (r"(?:hanapin|hanap)(?:\s+(?:mo|nyo))?", "find"),
    (r"(?:gawa|gumawa)\s+(?:ka|kayo)(?:\s+nga)?(?:\s+ng)?(?=\s+(?:contact|lead|segment|task|deal|campaign|note))",
     "create a"),
    (r"(?:pa-?|paki-?|i-)?(create|add|log|set|draft)\s+(?:ng|nga\s+ng)(?=\s)", r"\1"),
    (r"pa\s+add", "add"),
    (r"(?:paki-?|pa-)?add\s+(?:mo\s+)?ito", "add this"),
    (r"delete\s+(?:na\s+)?(?:natin|nyo|mo)(?:\s+na)?(?=\s*(?:[,.!?;]|$))", "delete them"),
    (rf"((?:hot\s+lead|vip|hot|{_STAGES}))\s+(?:ito|to)(?=\s*(?:[,.!?]|$))", r"\1"),
    (r"(?:draft|mag-?draft)\s+ka\s+(?:ng|nga\s+ng)", "draft an"),
    (r"pa-?create|paki-?create|i-?create", "create"),
    (r"pa-?add|paki-?add|i-?add", "add"),
    (r"(?:paki-?|pa-|i-)(\w+)", r"\1"),
    (r"(add|update|move|set|change|delete|remove|log|list|score|tag|assign|reassign|create|mark|disqualify|check|"
     r"convert|compute|search|send|show|follow\s+up|dq|draft|email|call|text|translate)\s+(?:mo|nyo|ninyo|ko|natin|namin)"
     r"(?:\s+(?:na|nang|muna|lang|nga|rin))*(?![\w'’-])", r"\1"),
    (r"(?:tatawagan|tawagan)\s+ko", "I'll call"),
    # "log mo yung call namin kanina": the call we had
    (r"(call|meeting|email|chat)\s+(?:namin|natin|ko)", r"\1 we had"),
    (rf"(call|meeting)\s+(?:ni|ng)\s+{_NAME}\s+sa\s+(?:akin|kin)", r"\1 from \2"),
    # "X ng Y" (X at Y): a person or a title at a company; "ng" before a lower-case word is "of"
    (r"ng(?=\s+(?-i:[A-Z0-9]))", "at"),
    (rf"(?:referral|referred|reco|recommendation)\s+(?:ni|ng|kay)\s+{_NAME}", r"referral from \1"),
    (r"(?:galing|from)\s+sa", "from"),
    (r"galing(?=\s+(?!(?:mo|ka|nyo|naman|talaga)\b))", "from"),
    (r"nakilala\s+(?:ko|namin|natin)\s+sa", "met at"),
    (r"interesado\s+sa", "interested in"),
    (r"walang", "no"),
    # "ni X", "kay X": of a person, to a person ("Kusina ni Aling Rosa" is a name: after a capital it stays)
    (rf"((?-i:[a-z0-9][a-z0-9'’-]*))\s+ni\s+{_NAME}", r"\1 of \2"),
    (rf"(?<=,\s)kay\s+{_NAME}(?=\s*(?:[.!;]|$))", r"owner \1"),
    (rf"kay\s+{_NAME}", r"to \1"),
    (r"si(?=\s+(?-i:[A-Z]))", ""),
    (r"(?<=\s)si(?=\s+[\w-]+\s+[\w-]+\s*[,.]|$)", ""),
    # "sa": to a stage or a day, at a company, in the rest
    (rf"sa(?=\s+(?:{_STAGES}|won|lost)\b)", "to"),
    (rf"sa(?=\s+(?:next\s+|this\s+|darating\s+na\s+)?(?:{_DAYS})\b)", "on"),
    (r"sa(?=\s+\d{1,2}(?:st|nd|rd|th)?(?:[\s,.!?]|$))", "on the"),
    (r"sa\s+(?:akin|kin)|sakin", "to me"),
    (r"sa\s+(?:kanya|kaniya)|sa\s+kanila", "to them"),
    (r"(contacts|leads|customers|subscribers|everyone|all|works?|working|nagtatrabaho)\s+sa(?=\s+(?-i:[A-Z]))",
     r"\1 at"),
    (r"ng", "of"),
    (r"nasa", "at"),
    (r"sa", "in"),
    # days: "kahapon", "kanina", "bukas", "mamaya", "sa Lunes"
    (r"kaninang\s+umaga", "this morning"),
    (r"kaninang\s+hapon", "this afternoon"),
    (r"kahapon", "yesterday"),
    (r"kanina", "earlier today"),
    (r"kagabi", "last night"),
    (r"bukas", "tomorrow"),
    (r"mamaya", "later today"),
    (r"ngayong\s+linggo", "this week"),
    (r"next\s+week\s+pa|sa\s+susunod\s+na\s+linggo", "next week"),
    (r"ngayon|ngayong", "now"),
    (r"hanggang", "until"),
    (r"lunes", "Monday"),
    (r"martes", "Tuesday"),
    (r"miyerkules", "Wednesday"),
    (r"huwebes", "Thursday"),
    (r"biyernes", "Friday"),
    # the linker "na" (that) before a selection, and "na" (already, now) otherwise
    (r"na\s+may", "with"),
    (r"na(?=\s+score\b)", "with"),
    (r"na(?=\s+(?:created|due|overdue|not|with|from|above|below|under|over|tagged)\b)", ""),
    (r"(?:may|meron|mayroon)(?=\s+(?:[\w-]+\s+)?tag\b)", "with"),
    # pronouns and the rest
    (r"(?:niya|nya|nila)(?=\s*(?:[,.!?;:)]|$))", ""),
    (r"follow[\s-]*up\s+(?:nila|niya|nya)", "their follow up"),
    (r"(?:siya|sya|sila)(?=\s+(?:to|sa)\b)", "them"),
    (r"yung\s+mga|ang\s+mga|iyong\s+mga", "the"),
    (r"yung|iyong|(?-i:ang)", "the"),
    (r"mga", ""),
    (r"tsaka|saka|tapos", "and"),
    (r"(?-i:na)(?=\s*(?:[,.!?;:)]|$))", ""),
    (r"(?-i:na)(?=\s)", ""),
    (r"natin|namin", "our"),
    (r"(?-i:ako)", "I"),
    (r"(?:lang|rin|din)(?=\s*(?:[,.!?;:)]|$))", ""),
]  # fmt: skip
_TAGALOG = Lexicon(_STRONG, _WEAK, _LEXICON)


# a request says something a CRM keeps (chatter names none of these; a quoted sentence does not count)
_CRM = re.compile(
    rf"(?<!\w)(?:{_STAGES}|contacts?|tags?|owner|follow[\s-]*ups?|tasks?|deals?|score|segment|campaign|pipeline|"
    r"notes?|e-?mail|number|phone|mobile|consent|source|title|company|assign|reassign|delete|add|update|log|move|"
    r"remove|create|won|lost|ilipat|ibalik|tanggalin|palitan|burahin|gawin|hawak|may-?ari)(?!\w)|@|\d{7}",
    re.I,
)
_QUOTE = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”")
# "the subscribers with score 20 or less, delete them": the verb said last, put first
_DO_LAST = re.compile(
    r"^(?P<what>(?:the|all)\s[^,.;!?\n]+?),\s+(?P<verb>delete|remove|move|set|tag|assign|reassign)\s+"
    r"(?:(?P<rest>[^,.;!?\n]*?\s)from\s+)?them\b",
    re.I,
)
# "create task: …, owner me": the owner said after the subject
_TASK_OWNER = re.compile(r"^(?P<verb>create\s+(?:a\s+)?task)\s*:\s*(?P<what>[^\n]+?),?\s+owner\s+me\s*$", re.I)


def _verb_first(m: re.Match[str]) -> str:
    return f"{m['verb']} {m['rest']}from {m['what']}" if m["rest"] else f"{m['verb']} {m['what']}"


def from_tagalog(text: str) -> str:
    """The request with its Tagalog frame rewritten in English (unchanged when it has none, or when it names nothing
    a CRM keeps: chatter in Taglish, "uulan ba bukas sa Makati?", stays as written and is declined as it was)."""
    if not _TAGALOG.mixed_in(text) or not _CRM.search(_QUOTE.sub("", text)):
        return text
    text = _TAGALOG.to_english(text)
    text = _DO_LAST.sub(_verb_first, text)
    text = _TASK_OWNER.sub(r"\g<verb> for me: \g<what>", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)  # a dropped particle leaves two spaces
    text = re.sub(r"(?<=\S)[ \t]+(?=[,.!?])", "", text)
    text = re.sub(r",(?=[.!?])", "", text)  # "quote, pa-log." -> "quote,." -> "quote."
    return re.sub(r"(?:(?<=\n)|^)[ \t]+|[ \t]+(?=\n|$)", "", text)


def tagalog_words(text: str) -> int:
    """How many clearly Tagalog words the message has (Tagalog borrows Spanish words: "Domingo", "Evangelista")."""
    return _TAGALOG.clear_words(text)
