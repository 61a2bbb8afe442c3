"""Hindustani (Hindi / Urdu in Latin script) in English requests: the frame around English CRM words, read as English.

Sales teams in Pakistan and India write English CRM words inside a Hindustani sentence ("Sobia Rehman ko lead mein
daal do", "unko opportunity kar do", "Evangelist bana do usko", "X ka follow up parson rakh do", "jin contacts ka
score 80 ya us se zyada hai unko gold tag laga do", "Sitara Mills se kaun kaun hai?", "CRM chahiye unko"). The CRM
words are already English, so the lexicon rewrites the frame: postpositions ("ko", "ka", "se", "pe", "mein"), light
verbs ("kar do", "bana do", "daal do", "rakh do", "laga do", "hata do"), pronouns, question words ("kaun", "kis",
"kab", "kya", "kitne"), days ("aaj", "kal", "parson", "agle Monday"), reminders ("yaad dila dena") and honorifics
("bhai", "sahab", "sb", "ji", "Ch."); names and the rest stay as written. Hindustani puts the verb last, so the
entries that matter most carry the verb together with what it governs ("ko SQL kar do" -> "to SQL"), and a few put
the English verb first ("mere saare SQLs dikhao" -> "show all my SQLs"). Written out from the language (round
fourteen), with a Lahore software house's requests and the older Indian sets as examples; it is not a translator.

A message is only rewritten when it carries a clearly Hindustani word (``_STRONG``) or three common ones (``_WEAK``):
"ko", "se", "ka", "ke", "pe", "hai" alone are syllables, names and words of other languages (Tagalog "ko", "ka",
"wala"; a Yoruba "Wale"; German "mein"), so none of them marks a message.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

_STAGES = (
    r"subscribers?|leads?|mqls?|sqls?|opportunit(?:y|ies)|oportunity|opp|customers?|evangelists?|churned|"
    r"disqualified|marketing\s+qualified(?:\s+lead)?|sales\s+qualified(?:\s+lead)?"
)
# the light verbs: "kar do", "kr do", "kardo", "kar dein", "karo", "bana do", "daal do", "rakh do", "le jao"
_DO = (
    r"(?:kar|kr|bana|daal|dal|rakh|rakhna|shift|move|set|mark|laga|lagado|hata)\s*"
    r"(?:do|dein|den|dena|dijiye|dijie|dijiyega|de|diya)|(?:shift|move|set|mark|change|update|convert)\s+"
    r"(?:kar|kr)\s*(?:do|dein|dena|dijiye|de)|kardo|krdo|karo|kro|karna|kardein|kar\s+lo|banado|"
    r"banao|daalo|dalo|rakho|le\s+jao|le\s+jayen|lagao|hatao"
)
_OBJ = r"(?:unko|un\s+ko|usko|us\s+ko|isko|is\s+ko|inko|in\s+ko|inhe|inhein|unhe|unhein|use|ise)"

_WEAK = re.compile(r"(?-i:(?<![\w'’-])(?:ki|ke|se|pe|mein|hai|hain|aur|bhi|tak|wale|ne|sab|abhi|ho)(?![\w'’-]))")
# the words that only Hindustani has. "hui", "thi", "jin", "mera" and "kiya" are also names ("Lee Hui Ying", "Thi Lan
# Pham", "Hye-jin", "Kiya"), "wala", "gaya", "ko" and "ka" Tagalog words ("wala pa", "gaya ng dati"), "huwa" Swahili
# and "mere" English, so none of them alone marks a message
_STRONG = re.compile(
    r"(?<![\w'’-])(?:kar\s+do|kr\s+do|kar\s+dein|kar\s+dena|kar\s+dijiye|kardo|krdo|karo|kro|karna|bana\s+do|banado|"
    r"banao|daal\s+do|dal\s+do|daalo|rakh\s+do|rakho|laga\s+do|lagao|hata\s+do|hatao|le\s+jao|dikhao|dikha\s+do|batao|"
    r"bata\s+do|chahiye|chahye|unko|usko|isko|inko|uske|uska|uski|unke|unka|unki|inke|hamare|humare|"
    r"humein|hamein|mere\s+(?:saare|sare|jitne|naam|under|kaun|sab)|saare|jitne|jitni|jinka|jinke|jinko|kaun|"
    r"kitne|kitni|kya|kab|kahan|kyun|konsa|konsi|kaunsa|nahi|nahin|hoga|hogi|gayi|wapis|wapas|dobara|naya|nayi|purana|galat|sahi|aaj|parson|agle|agli|pichle|"
    r"pichli|hafte|mahine|baje|pehle|baad|zyada|ziada|bhai|sahab|sahib|bhejna|bhej\s+do|yaad|walon|waale|waali|liye|"
    r"saath|baat|rabta|kuch|bohat|bahut|yaar|kitna|kiye|theek|kis\s+company|kis\s+ke|kar\s+(?:lo|lena|lein)|yeh?\s+hai|(?:kar|kr|bana|daal|dal|rakh|laga|hata|bhej)\s+(?:dena|dein|dijiye|dijie)|kar\s+di(?:ya|ye)?|ban\s+(?:gaya|gayi|gaye|chuka|chuki|chuke))(?![\w'’-])|(?-i:\bkiya\b)",
    re.I,
)
# a date said before "se pehle" (before) or "ke baad" (after): "1 Jan 2027", "Jan 2027", "2026", "20/10"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|\d{{4}}|"
    r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|pir|somvar"

# (Hindustani, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # honorifics after a name say nothing to the CRM: "Faraz bhai", "Qazi sb", "Latif sahab", "Verma ji"
    (r"(?<=[\w)]\s)(?:bhai|bhaijaan|sb|sahab|sahib|saab|ji|jee|baji|paaji)(?=[\s,.:;!?)]|$)", ""),
    (r"ch\.(?=\s+(?-i:[A-Z]))", "Chaudhry"),
    # "Owner ka naam Tariq Gill hai", "shop ka naam …": whose name is
    (r"(\w+)\s+ka\s+naam\s+([^,.;:!?\n]+?)\s+(?:hai|he|h)", r"\1's name is \2"),
    # "Nadeem Qazi ka referral": referred by
    (r"([^-–—,.;:!?\n]+?)\s+(?:ka|ki|ke)\s+(?:referral|reference|refer\s+kiya\s+hua)(?:\s+(?:hai|he|h))?",
     r"referral from \1"),
    # "bhai ek banda add karo X", "ek banda hai X": someone new
    (r"(?:bhai\s+)?ek\s+(?:naya\s+)?(?:banda|bandi|contact|lead|client)\s+(?:add|daal|dal|bana)\s*"
     r"(?:karo|kar\s+do|kro|do|dena)", "add"),
    (r"(?:contact|lead|banda)\s+add\s+(?:karo|kar\s+do|kro|kar\s+dein|kar\s+dena)", "add contact"),
    (r"(?:naya|ek)\s+(?:contact|lead|banda)\s+(?:bana|add\s+kar|daal|dal)\s*(?:do|dein|dena|o)", "add new contact"),
    (r"naya\s+(?:contact|lead|banda)|nayi\s+lead", "new contact"),
    (rf"({_STAGES})\s+ke\s+(?:tor|taur|tour)\s+(?:pe|par)", r"as \1"),
    (r"crm\s+(?:mein|me|main)\s+(?:daal|dal|add\s+kar|daalo|dalo)\s*(?:do|dein|dena)?", "- add to the CRM"),
    # "X ab customer ban gaya hai", "X ne sign kar diya": what happened
    (rf"(?:ab\s+)?({_STAGES})\s+ban\s+(?:gaya|gayi|gaye|chuka|chuki|chuke)(?:\s+(?:hai|hain|he))?", r"is now a \1"),
    *((rf"ne\s+{verb}\s+(?:kar\s+)?(?:diya|di|diye|liya|li|liye|kiya|ki|kar\s+di)(?:\s+(?:hai|hain|he))?", done)
      for verb, done in (
        ("sign", "signed"), ("unsubscribe", "unsubscribed"), ("renew", "renewed"), ("cancel", "cancelled"),
        ("confirm", "confirmed"), ("accept", "accepted"), ("reject", "rejected"), ("book", "booked"),
        ("reply", "replied"), ("pay|payment", "paid"), ("subscribe", "subscribed"))),
    # "X ko Rubina ke hawale kar do": hand over to
    (r"(\w+)\s+ke\s+(?:hawale|hawaale|supurd)\s+(?:kar\s+do|karo|kar\s+dein)", r"to \1"),
    # "X ki details dikhao", "X ka record do"
    (r"([^.,;:!?\n]+?)\s+(?:ki|ka|ke)\s+(?:details|detail|info|profile|record|poori\s+details)\s+"
     r"(?:dikhao|do|bhejo|batao|chahiye|dikha\s+do|bhej\s+do)", r"show details of \1"),
    # "aaj kya kya karna hai?", "pichle hafte kitni nayi leads aayi?"
    (r"(?:aaj|aj)\s+(?:mujhe\s+|mere\s+ko\s+)?kya\s+kya\s+karna\s+(?:hai|he|h)", "what are my tasks due today"),
    (r"(?:nayi|naye|nai)\s+(leads|contacts|customers)\s+(?:aayi|aaye|aai|aye|aayin|bani|bane|add\s+hui|add\s+hue)"
     r"(?:\s+(?:hain|hai))?", r"new \1 created"),
    # "X ki deal won kar do", "X wali deal lost mark kar do"
    (r"([^.,;:!?\n]+?)\s+(?:ki|wali|waali|vali)\s+deal\s+(won|lost)\s+(?:mark\s+)?(?:kar\s+do|karo|kar\s+dein|kr\s+do)",
     r"mark the \1 deal \2"),
    (r"(?:nayi|naya|ek)\s+deal\s+(?:bana|create\s+kar|add\s+kar|daal|dal)\s*(?:do|dein|dena|o)", "create a deal"),
    # "Nadir ja raha hai company se": leaving (not a company named in the request)
    (r"(?:ja|jaa)\s+(?:raha|rahi|rahe)\s+(?:hai|hain|he)\s+company\s+(?:se|chhod\s+ke|chor\s+ke)|"
     r"company\s+(?:chhod|chor)\s+(?:raha|rahi|rahe|di|diya|dee|gaya|gayi)(?:\s+(?:hai|hain|he))?", "is leaving us"),
    # "X ke saath call hui", "X se abhi meeting hui": a call or meeting to log
    (r"([^.,;:!?\n]+?)\s+(?:ke\s+saath|ke\s+sath|se)\s+(?:abhi\s+|aaj\s+)?(call|meeting)\s+(?:hui|hua|ki)",
     r"had a \2 with \1"),
    # many at once: "uske saare contacts Rubina ko transfer kar do", "X ke saare contacts churned kar do"
    (r"(?:uske|unke|iske|inke)\s+(?:saare|sare|sab|tamam)\s+contacts\s+(\w+)\s+ko\s+(?:transfer|assign|de|dedo|shift)\s*"
     r"(?:kar\s+do|karo|kar\s+dein|do)?", r"reassign all his contacts to \1"),
    (rf"([^.,;:!?\n]+?)\s+(?:ke|ki|ka)\s+(?:saare|sare|sab|tamam)\s+contacts\s+({_STAGES})\s+(?:{_DO})",
     r"move all contacts at \1 to \2"),
    (rf"([\w-]+)\s+(?:wale|waale|vale|wali)\s+(?:saare|sare|sab|tamam)\s+([\w-]+)\s+ko\s+({_STAGES})\s+(?:{_DO})",
     r"move all \2 from \1 to \3"),
    (r"([\w-]+)\s+tag\s+(?:wale|waale|wali|waali|vale)\s+(?:saare\s+|sare\s+|sab\s+)?contacts\s+(\w+)\s+ko\s+"
     r"(?:assign|transfer|de|dedo)\s*(?:kar\s+do|karo|kar\s+dein|kr\s+do|do)?", r"assign all contacts tagged \1 to \2"),
    # stages, verb last: "mql se wapis lead kar do", "X ko SQL kar do", "ko opportunity pe le jao"
    (rf"({_STAGES})\s+se\s+(?:wapis|wapas|dobara)\s+({_STAGES})\s+(?:pe\s+|par\s+|mein\s+)?(?:{_DO})",
     r"move them back to \2"),
    (rf"(?:ko\s+)?(?:wapis|wapas|dobara)\s+({_STAGES})\s+(?:pe\s+|par\s+|mein\s+)?(?:{_DO})", r"move them back to \1"),
    (rf"(?:ka|ki)\s+(?:status|stage)\s+({_STAGES})\s+(?:pe\s+|par\s+|mein\s+|me\s+)?(?:{_DO})", r"to \1"),
    (rf"(?:status|stage)\s+({_STAGES})\s+(?:pe\s+|par\s+|mein\s+|me\s+)?(?:{_DO})", r"set status to \1"),
    (rf"ko\s+(?:{_STAGES})\s+se\s+({_STAGES})\s+(?:{_DO})", r"to \1"),
    (rf"ko\s+({_STAGES})\s+(?:hi\s+)?(?:pe\s+|par\s+|mein\s+|me\s+|main\s+)?(?:{_DO})", r"to \1"),
    (rf"{_OBJ}\s+({_STAGES})\s+(?:hi\s+)?(?:pe\s+|par\s+|mein\s+|me\s+|main\s+)?(?:{_DO})", r"move them to \1"),
    (rf"({_STAGES})\s+(?:hi\s+)?(?:pe\s+|par\s+|mein\s+|me\s+|main\s+)?(?:{_DO})\s+{_OBJ}", r"move them to \1"),
    (rf"({_STAGES})\s+hi\s+(?:daal|dal|rakh|bana)\s*(?:do|dein|dena)", r"stage \1"),
    (rf"(?:mere\s+(?:naam|under|neeche|nam)\s+)({_STAGES})\s+(?:{_DO})", r"as \1 owner me"),
    (rf"({_STAGES})\s+(?:pe\s+|par\s+|mein\s+|me\s+|main\s+)?(?:{_DO})", r"move them to \1"),
    # owner: "mere naam kar do", "mere under lead bana do", "Rubina ke naam kar do"
    (r"mere\s+(?:naam|nam|under|neeche)\s+(?:kar\s+do|karo|kar\s+dein|daal\s+do|rakh\s+do)", "owner me"),
    (r"mere\s+(?:naam|nam|under|neeche)", "owner me"),
    # tags: "X pe vip tag laga do aur dormant wala hata do", "gold tag do", "VIP tag lagana"
    (r"([\w-]+)\s+(?:wala|wali|vala|waala)\s+tag(?=\s+(?:laga|lagao|lagado|lagana|daal|dal|do|de|hata|hatao))",
     r"\1 tag"),
    (rf"sab(?=\s+(?:{_STAGES}|contacts)\b)", "all"),
    (r"(?:pe|par|ko)\s+([\w-]+)\s+(?:ka\s+)?tag\s+(?:laga\s*do|lagao|lagado|laga\s+dein|lagana|do|de\s+do|"
     r"daal\s+do|dal\s+do)", r"add tag \1"),
    (r"([\w-]+)\s+(?:ka\s+)?tag\s+(?:laga\s*do|lagao|lagado|laga\s+dein|lagana|daal\s+do|dal\s+do)", r"add tag \1"),
    (r"([\w-]+)\s+(?:tag\s+)?(?:wala|wali|vala)\s+(?:tag\s+)?(?:hata\s+do|hatao|hata\s+dein|nikal\s+do|"
     r"remove\s+kar\s+do)", r"remove tag \1"),
    (r"([\w-]+)\s+(?:ka\s+)?tag\s+(?:hata\s+do|hatao|hata\s+dein|nikal\s+do)", r"remove tag \1"),
    # "X ab Y mein nahi hain, Z join kar li hai as …": moved company
    (r"ab\s+(.+?)\s+(?:mein|me|main)\s+nahi(?:n)?\s+(?:hai|hain|he|h)[,.]?\s+(.+?)\s+join\s+"
     r"(?:kar\s+(?:li|liya|lia)|kiya|ki)(?:\s+(?:hai|hain|he))?", r"has left \1 and joined \2"),
    # fields: "X ka naya number 0300… hai", "X ka email galat save hua tha, sahi wala hai …", "X ka email update karo:"
    (r"ka\s+naya\s+(number|phone|mobile|email|cell)\s+(\S+(?:\s+\d+)?)\s+(?:hai|he|h)", r"new \1 is \2 - update it"),
    (r"ka\s+(number|phone|mobile|email|cell)\s+(?:ye\s+|yeh\s+)?(?:hai\s*:?\s*)?(\S+@\S+\.\w+|\+?\d[\d -]{6,}\d)"
     r"(?:\s+(?:hai|he|h))?", r"new \1 is \2 - update it"),
    (r"ka\s+(email|number|phone|mobile)(?:\s+id)?\s+galat\s+(?:save\s+)?(?:hua|hai|ho\s+gaya|tha)"
     r"(?:\s+(?:tha|hai))?[,.]?\s*"
     r"(?:sahi|correct|asli)\s+(?:wala|wali|vala)\s+(?:ye\s+)?(?:hai|he|h)", r"- change \1 to"),
    (r"ka\s+(email|number|phone|mobile|title|company|owner)\s+(?:update|change)\s+"
     r"(?:karo|kar\s+do|kar\s+dein|kro)\s*:?", r"- change \1 to"),
    (r"([^.,;:!?\n]+?)\s+ka\s+(?:phone\s+|mobile\s+|contact\s+|cell\s+)?(email|number|phone|mobile)(?:\s+id)?\s+"
     r"(?:kya\s+hai|bhejna|bhej\s+do|batao|bata\s+do|chahiye|do)(?:\s+(?:zara|please|pls))?", r"what is \1's \2"),
    (r"([^.,;:!?\n]+?)\s+(?:ka|ki)\s+(stage|status|title|designation|company|source|lead\s+source)\s+"
     r"(?:kya|kaun\s+si|konsi|kaunsi|kon\s+si)\s+(?:hai|he|h)", r"what is \1's \2"),
    # "X ka owner kaun hai?", "X ka score kitna hai?", "X ka follow up kab hai?"
    (r"([^.,;:!?\n]+?)\s+(?:ka|ki)\s+owner\s+(?:kaun|kon)\s+(?:hai|he|h)", r"who owns \1"),
    (r"([^.,;:!?\n]+?)\s+(?:kis|kiss)\s+ke\s+(?:paas|pas|under)\s+(?:hai|he|h|hain)", r"who owns \1"),
    (r"([^.,;:!?\n]+?)\s+ka\s+score\s+(?:kitna|kya)\s+(?:hai|he|h)", r"what is \1's score"),
    (r"([^.,;:!?\n]+?)\s+(?:ka|ki|ke\s+saath|ke\s+sath)\s+(?:next\s+|agla\s+)?follow[\s-]*up\s+kab\s+(?:hai|he|h)",
     r"when is the next follow up with \1"),
    # "X ka owner Rubina kar do", "X ka title Purchase Manager kar do", "X ki company ab Sitara Mills hai"
    (r"(?:ka|ki)\s+(owner|title|designation|company|source|lead\s+source)\s+(?:ab\s+)?(?!(?:update|change)\b)"
     r"((?:\S+\s+){0,4}?\S+)\s+"
     r"(?:kar\s+do|karo|kar\s+dein|kr\s+do|set\s+kar\s+do|rakh\s+do|hai|he|ho\s+gayi\s+hai|ho\s+gaya\s+hai)(?=[\s,.!?]|$)",
     r"- change \1 to \2"),
    (r"(?:ke|ka)\s+(numbers?|emails?|phones?)\s+(?:chahiye|chahye|bhejna|bhej\s+do|batao|do)", r"- what are the \1"),
    # follow-ups: "X ka follow up parson rakh do", "follow up agle Monday rakh do", "follow up kal ka set karo"
    (r"ka\s+follow[\s-]*up\s+(.+?)\s+(?:ka\s+|ko\s+|pe\s+)?(?:rakh\s+do|rakho|kar\s+do|karo|set\s+karo|"
     r"set\s+kar\s+do|kar\s+dein|rakh\s+dein)", r"- set follow up \1"),
    (r"follow[\s-]*up\s+(.+?)\s+(?:ka\s+|ko\s+|pe\s+)?(?:rakh\s+do|rakho|set\s+karo|set\s+kar\s+do|rakh\s+dein|"
     r"kar\s+do)", r"set follow up \1"),
    (r"follow[\s-]*up\s+karna\s+(?:hai|he|h)", "follow up"),
    (r"(?:aur\s+)?(?:call|meeting)\s+bhi\s+log\s+(?:kar\s+do|karo|kar\s+dein|kr\s+do)", "and log the call"),
    (r"(?:aur\s+)?note\s+bhi\s+(?:daal|dal|likh|add\s+kar)\s*(?:do|dein|dena)\s*(?:k|ke|ki|keh)?", "and add a note:"),
    (r"(\w+)\s+ko\s+(?:assign|transfer|de|dedo)\s*(?:kar\s+do|karo|kar\s+dein|kr\s+do|do)?", r"to \1"),
    (r"([^.,;:!?\n]+?)\s+ko\s+add\s+(?:kar\s+do|karo|kar\s+dein|kr\s+do|kar\s+dena)", r"add \1"),
    (r"add\s+(?:karo|kar\s+do|kr\s+do|kar\s+dein)", "add"),
    # selections: "jin contacts ka score 80 ya us se zyada hai unko …", "jin leads se 6 mahine se koi baat nahi hui"
    (r"jin\s+([\w-]+)\s+(?:ka|ki|ke)\s+score\s+(\d+)\s+(?:ya|or)\s+(?:us\s+se\s+|is\s+se\s+)?(?:zyada|ziada|upar|ooper)"
     r"(?:\s+(?:hai|hain|ho))?(?:\s+(?:unko|un\s+ko|unhe|un\s+sab\s+ko))?", r"\1 with score \2 or more"),
    (r"jin\s+([\w-]+)\s+(?:ka|ki|ke)\s+score\s+(\d+)\s+(?:ya|or)\s+(?:us\s+se\s+|is\s+se\s+)?(?:kam|neeche)"
     r"(?:\s+(?:hai|hain|ho))?(?:\s+(?:unko|un\s+ko|unhe|un\s+sab\s+ko))?", r"\1 with score \2 or less"),
    (r"score\s+(\d+)\s+(?:ya|or)\s+(?:us\s+se\s+)?(?:zyada|ziada|upar)(?:\s+(?:wale|walay|vale))?",
     r"score \1 or more"),
    (r"score\s+(\d+)\s+(?:ya|or)\s+(?:us\s+se\s+)?(?:kam|neeche)(?:\s+(?:wale|walay|vale))?", r"score \1 or less"),
    (r"jin\s+([\w-]+)\s+se\s+(\d+)\s+(din|hafte|hafton|mahine|mahino|saal)\s+se\s+koi\s+(?:baat|rabta|contact)\s+"
     r"nahi(?:n)?\s+(?:hui|hua|huwa|kiya)(?:\s+(?:hai|hain))?(?:\s+(?:unko|un\s+ko|unhe))?",
     r"all \1 not contacted for \2 \3"),
    (r"(?:jin|jinse|jin\s+se)\s+(\d+)\s+(din|hafte|hafton|mahine|mahino|saal)\s+se\s+koi\s+(?:baat|rabta|contact)\s+"
     r"nahi(?:n)?\s+(?:hui|hua|huwa|kiya)(?:\s+(?:hai|hain))?", r"not contacted for \1 \2"),
    (r"(follow[\s-]*ups?)\s+(?:ki|ka|ke)\s+(?:date|tareekh)\s+(?:guzar|nikal)\s+(?:chuki|gayi|chuka|gaya)"
     r"(?:\s+(?:hai|hain))?", r"overdue \1"),
    (r"jin\s+(?:ka|ki|ke)\s+follow[\s-]*up(?:\s+date)?\s+(?:guzar|nikal)\s+(?:chuki|gayi|chuka|gaya)"
     r"(?:\s+(?:hai|hain))?", "with overdue follow up"),
    (r"(?:ki\s+)?date\s+(?:guzar|nikal)\s+(?:chuki|gayi|chuka|gaya)(?:\s+(?:hai|hain))?", "overdue"),
    (r"(?:date\s+)?(?:guzar|nikal)\s+(?:chuki|gayi|chuka|gaya)(?:\s+(?:hai|hain))?", "overdue"),
    (r"(?:bane|banaye|add)\s+(?:hue|huay|kiye)", "created"),
    (r"stage\s+(?:mein|me|main|pe|par)\s+kaun(?:\s+kaun)?\s+(?:hai|hain|he)", "stage contacts"),
    # "Sitara Mills se kaun kaun hai?", "Rafia Noor kis company mein hai?"
    (r"(?<![^\n])\W*([^\n]+?)\s+(?:se|ke|ki|mein|me|main)\s+kaun(?:\s+kaun)?\s+(?:hai|hain|he|h)",
     r"which contacts are at \1"),
    (r"(?<![^\n])\W*([^\n]+?)\s+kis\s+company\s+(?:mein|me|main)\s+(?:hai|he|h)", r"which company is \1 at"),
    # question words: "aaj mere kaun kaun se tasks due hain?", "kitne contacts", "kis company mein hai"
    (r"([^.,;:!?\n]+?)\s+(?:mein|me|main)\s+(?:humare|hamare|apne)?\s*kaun(?:\s+kaun)?\s+se\s+contacts\s+"
     r"(?:hain|hai|he)", r"which contacts do we have at \1"),
    (r"(?:(aaj|kal)\s+)?mere\s+kaun(?:\s+kaun)?\s+se\s+([\w-]+)\s+(due|open|pending|overdue)\s+(?:hain|hai|he)",
     r"which of my \2 are \3 \1"),
    (r"(\w+)\s+ne\s+(.*?)\s*(?:kitne|kitni)\s+(calls|meetings|emails|deals)\s+(?:ki|kiye|kari|ke|kiyen)\s+"
     r"(?:hain|hai|he)", r"how many \3 did \1 make \2"),
    (r"mere\s+(?:kitne|kitni)\s+(.+?)\s+(?:hain|hai|he)", r"how many \1 do I have"),
    (r"(\w+)\s+(?:ke|ki|ka)\s+(?:kitne|kitni)\s+([\w-]+)\s+(?:hain|hai|he)", r"how many \2 does \1 have"),
    (r"(?:konsa|kaunsa|konsi|kaunsi|kon\s+sa|kaun\s+sa)\s+([\w\s]+?)\s+(?:sab\s+se|sabse)\s+(?:zyada|ziada)\s+([\w-]+)\s+"
     r"(?:de|la|dila)\s+(?:raha|rahi|rahe)\s+(?:hai|hain|he)", r"which \1 brings the most \2"),
    (r"(?:jo|jo\s+ke)\s+(.+?)\s+close\s+(?:honi|hone|hogi|hongi|ho\s+rahi)\s+(?:hain|hai|he)", r"closing \1"),
    (r"(\d[\d.,]*\s*(?:lakh|crore|k|m)?)\s+se\s+(?:upar|ooper|zyada|ziada)\s+(?:ki|ke|wali|wale|ka)", r"over \1"),
    (r"(?:koi\s+|ek\s+)?(?:acha|achha|accha)?\s*(?:sa\s+)?restaurant\s+(?:batao|bata\s+do|suggest\s+karo)",
     "recommend a good restaurant"),
    (r"kya\s+gift\s+(?:dena|dein|doon|du)\s+(?:chahiye|chahye)", "what would be a nice gift"),
    (r"kaun\s+kaun\s+se|kaun\s+se|kon\s+se|konse|konsa|konsi|kaunsa|kaunsi", "which"),
    (r"(?:kitne|kitni)\s+([\w-]+)\s+(?:hain|hai|he)", r"how many \1 are there"),
    (r"kitne|kitni", "how many"),
    (r"kaun|kon", "who"),
    (r"kab\s+(?:hai|he|h)", "when is it"),
    (r"kab", "when"),
    (r"kya\s+(?:hai|he|h)", "what is it"),
    (r"(?:sab\s+se|sabse)\s+(?:zyada|ziada)", "the most"),
    (r"se\s+(?:zyada|ziada|upar|ooper)", "over"),
    (r"se\s+(?:kam|neeche)", "under"),
    (r"sab\s+((?:\S+\s+){0,2}?\S+)\s+(?:pe|par|ko)\s+(?:shift\s+|move\s+)?(?:kar\s+do|karo|kar\s+dein|kardo)",
     r"- move them to \1"),
    # "X ko kal call karne ka reminder laga do", "mujhe kal yaad dila dena ki X ko quote bhejna hai"
    (r"([^.,;:!?\n]+?)\s+ko\s+(?:(aaj|kal|parson)\s+)?(call|email|whatsapp|message|text|follow\s+up)\s+karne\s+ka\s+"
     r"(?:reminder|yaad)\s+(?:laga|set\s+kar|rakh|dila)\s*(?:do|dein|dena)", r"remind me to \3 \1 \2"),
    (r"(?:mujhe\s+)?(?:(aaj|kal|parson)\s+)?yaad\s+(?:dila|dilaa)\s*(?:dena|do|dein|dijiye)(?:\s+(?:ki|ke|k))?"
     r"\s+([^.!?\n]+)", r"remind me to \2 \1"),
    (r"(?:mujhe\s+)?(?:(aaj|kal|parson)\s+)?yaad\s+(?:dila|dilaa)\s*(?:dena|do|dein|dijiye)", r"remind me \1"),
    (r"((?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3})\s+ko\s+(.+?)\s+bhejna\s+(?:hai|he|h)", r"send \1 the \2"),
    # dates and times: "1 Jan 2027 se pehle", "aaj", "kal", "parson", "agle Monday", "is hafte", "6 mahine"
    (_DATE + r"\s+se\s+pehle\s+(?:ke|ka|ki|wale|bane\s+hue|add\s+hue|aaye\s+hue|bane|banaye\s+gaye)"
     r"(?:\s+(?:hain|hai))?",
     r"created before \1"),
    (_DATE + r"\s+se\s+pehle(?:\s+(?:ke|ka|ki|wale|ko))?", r"before \1"),
    (_DATE + r"\s+(?:ke\s+baad|se\s+baad)(?:\s+(?:ke|ka|ki|wale))?", r"after \1"),
    (r"aaj\s+se\s+(\w+)\s+tak", r"from today to \1"),
    (rf"agle\s+({_DAYS})\s+(?:ko|pe|par|tak)", r"to next \1"),
    (rf"agle\s+({_DAYS})", r"next \1"),
    (r"agle\s+(?:hafte|haftay)", "next week"),
    (r"agle\s+mahine", "next month"),
    (r"is\s+(?:hafte|haftay)(?:\s+(?:ke|ki|ka))?", "this week"),
    (r"is\s+mahine(?:\s+(?:ke|ki|ka))?", "this month"),
    (r"is\s+saal(?:\s+(?:ke|ki|ka))?", "this year"),
    (r"pichle\s+(?:hafte|haftay)", "last week"),
    (r"pichle\s+mahine", "last month"),
    (r"pichle\s+saal", "last year"),
    (r"(\d+)\s+din", r"\1 days"),
    (r"(\d+)\s+(?:hafte|hafton)", r"\1 weeks"),
    (r"(\d+)\s+(?:mahine|mahino)", r"\1 months"),
    (r"parson(?:\s+(?:ka|ko|pe|tak))?", "in 2 days"),
    (r"kal\s+(?:ka|ki|ke|ko|pe|par|tak)(?=\s)", "tomorrow"),
    (r"kal(?=[^.!?\n]*\b(?:thi|tha|hui|hua|huwa|gaya|gayi|gaye|kiya|ki\s+thi|aya|aayi)\b)", "yesterday"),
    (r"kal", "tomorrow"),
    (r"aaj(?:\s+(?:ka|ki|ke|ko))?", "today"),
    # "3 baje": at work, one to seven o'clock is the afternoon, eight to eleven the morning, unless said
    (r"(?:subah|subha|savere)\s+(\d{1,2})\s+baje", r"at \1 am"),
    (r"(?:dopahar|dopehar|shaam|sham|raat)\s+(?:ko\s+)?(\d{1,2})\s+baje", r"at \1 pm"),
    (r"([1-7]|12)\s+baje", r"at \1 pm"),
    (r"(8|9|10|11)\s+baje", r"at \1 am"),
    # owners and pronouns: "mere saare SQLs", "mere jitne follow ups", "Rubina ke jitne follow ups"
    (r"mere\s+(?:jitne|jitni)(?:\s+bhi)?", "all my"),
    (r"(\w+)\s+(?:ke|ki|ka)\s+(?:jitne|jitni)(?:\s+bhi)?", r"\1's"),
    (r"(?:jitne|jitni)(?:\s+bhi)?", "all"),
    (r"mere\s+(?:saare|sare|sab)", "all my"),
    (r"(\w+)\s+(?:ke|ki)\s+(?:saare|sare|tamam)", r"all \1's"),
    (r"(?:saare|sare|tamam)", "all"),
    (r"mere|mera|meri", "my"),
    # verbs at the end: "dikhao", "list do", "batao", "delete kar do", "shift kar do"
    (r"(?:list\s+)?dikhao|dikha\s+do|list\s+do|list\s+karo|nikalo|nikal\s+do", "- show them"),
    (r"(?:mujhe\s+)?batao|bata\s+do|bataiye", "- tell me"),
    (r"(?:hain\s+|hai\s+)?sab\s+(delete|remove)\s+(?:kar\s+do|karo|kar\s+dein|kardo)", r"- \1 them"),
    (r"(contacts|leads|subscribers)\s+(delete|remove)\s+(?:kar\s+do|karo|kar\s+dein|kardo)", r"\1 - \2 them"),
    # "update kar do", "delete kar dijiye": the English verb with "do it" after it
    (r"(update|delete|assign|add|change|mark|move|remove|set|tag|create|log|close|transfer|shift|check)\s+"
     r"(?:kar|kr)\s*(?:do|dena|dijiye|dijie|diya|dein|de)|(update|delete|assign|add|change|mark|move|remove|set|tag|"
     r"create|log|close|transfer|shift|check)\s+(?:karo|kro|kardo|krdo)", r"\1\2"),
    # "jo bhi fair-2026 tag wale hai …", "hot tag waale": the people carrying the tag
    (r"jo\s+bhi", "all"),
    (r"([\w-]+)\s+tag\s+(?:wale|waale|wali|waali|vale)(?:\s+(?:hai|hain|he|h))?", r"contacts tagged \1"),
    (r"(\w+)\s+(?:ke|ki)\s+liye\s+(?:ek\s+)?task\s+(?:bana|create\s+kar|add\s+kar|daal|dal)\s*(?:do|dein|dena)",
     r"create a task for \1"),
    (r"(?:ek\s+)?task\s+(?:bana|create\s+kar|add\s+kar|daal|dal)\s*(?:do|dein|dena)", "create a task"),
    (r"reminder\s+(?:laga|set\s+kar|rakh)\s*(?:do|dein|dena)", "set a reminder"),
    # "X se baat hui", "X ke saath meeting hui": talked to
    (r"ke\s+(?:saath|sath)", "with"),
    # "Sitara Mills ke liye": for a company or person named with capitals ("small firms ke liye" is left as written)
    (r"((?-i:[A-Z])[\w&'’.-]*(?:\s+(?-i:[A-Z])[\w&'’.-]*){0,3})\s+ke\s+liye", r"for \1"),
    # "ERP chahiye unko": they want (are interested in) something; "chahiye" alone is left as written
    (r"([\w+-]+)\s+(?:chahiye|chahye|chahiay)\s+(?:unko|usko|inko|un\s+ko|us\s+ko|unhein|unhe|inhe)",
     r"interested in \1"),
    (r"aur", "and"),
    (r"bhi", "also"),
    (r"bohat|bahut", "very"),
]  # fmt: skip
_HINDUSTANI = Lexicon(_STRONG, _WEAK, _LEXICON)


# "mere saare SQLs dikhao" -> "all my SQLs - show them" -> "show all my SQLs": the verb said last, put first
_SHOW_LAST = re.compile(r"^(?P<what>[^.?!\n]+?)\s+-\s+show them\b")


def from_hinglish(text: str) -> str:
    """The request with its Hindustani frame rewritten in English (unchanged when it has none)."""
    if not _HINDUSTANI.mixed_in(text):
        return text
    text = _SHOW_LAST.sub(r"show \g<what>", _HINDUSTANI.to_english(text))
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)  # a dropped honorific leaves two spaces
