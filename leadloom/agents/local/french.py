"""French words in requests, read as their English counterparts.

Teams in Québec, France, Belgium or West Africa write to the CRM in French, or switch mid-sentence ("Benoît
signed the contract hier, put him in customer stp", "Olivier Chan est rendu client", "supprime tous les
subscribers venus de google-ads"). The rules read English, so the CRM words of such a request (stages, verbs
of change, fields, days, months, politeness) are replaced by English ones before anything else reads it;
names, quoted titles and the rest of the sentence stay as written. Like ``spanish.py`` it is a lexicon, not
a translator: free-form French prose reads poorly, and the README says so.

A message is only rewritten when it carries a clearly French word (``_STRONG``) or three common ones, so
English text with a name like "Louis de Montigny" or a company like "Café du Monde" passes unchanged.
"""

from __future__ import annotations

import re

from leadloom.agents.local.lexicon import Lexicon

# common French words that English text rarely has; three of them mark a French message without a strong word
_WEAK = re.compile(
    r"(?<![\w'’-])(?:est|avec|pour|une|elle|il|aux|au|du|des|sont|mon|ma|sa|ses|et|qui|dans|sur|"
    r"pas|plus|encore|tous|toutes|nous|vous|leur)(?![\w'’-])",
    re.I,
)
_STRONG = re.compile(
    r"(?<![\w'’-])(?:svp|stp|s['’]il (?:te|vous) pla[iî]t|merci|ajoute[rz]?|cr[ée]e[rz]?|supprime[rz]?|efface[rz]?|"
    r"(?:mets|passe|donne|change|bouge)-(?:le|la|les|moi)|relance[rz]?|courriel|est rendue?|est devenue?|"
    r"est maintenant|n['’]est (?:plus|pas)|t[âa]ches?|demain|hier|aujourd['’]hui|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|janvier|f[ée]vrier|mars|avril|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre|c['’]est|qu['’]est-ce|quelles?|quels?|chez|fiche|num[ée]ro|responsable|consentement|textos|"
    r"a dit oui|[ée]vang[ée]liste|disqualifi[ée]e?|opportunit[ée]|nouveau contact|je prends|peux-tu|"
    r"pouvez-vous|brouillon|venus? de|cr[ée][ée]s? (?:avant|apr[èe]s)|r[ée]f[ée]r[ée]e? par|tagu[ée]e?s?|"
    r"passer [àa])(?![\w'’-])",
    re.I,
)

_DAYS = {
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday", "vendredi": "friday",
    "samedi": "saturday", "dimanche": "sunday",
}  # fmt: skip
_MONTHS = {
    "janvier": "january", "f[ée]vrier": "february", "mars": "march", "avril": "april", "mai": "may",
    "juin": "june", "juillet": "july", "ao[ûu]t": "august", "septembre": "september", "octobre": "october",
    "novembre": "november", "d[ée]cembre": "december",
}  # fmt: skip
_PRONOUN = {"le": "him", "la": "her", "les": "them"}

# (French, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # round eleven (Toronto's bilingual team): referrals, tags, owners and moves said in French
    (r"r[ée]f[ée]r[ée]e?s?\s+par", "referred by"),
    (r"(?:ajoute|ajouter|ajoutez)\s+le\s+tag", "add the tag"),
    (r"tagu[ée]e?s?", "tagged"),
    (r"passer\s+(?:[àa]|en)", "move to"),
    (r"change(?:r|z)?\s+le\s+owner", "change the owner"),
    (r"[àa] partir d['’]aujourd['’]hui", "from today"),
    (r"prend(?:ra)?", "takes over"),
    (r"le courriel de|l['’]adresse courriel de", "the email of"),
    (r"le (?:t[ée]l[ée]phone|num[ée]ro|cell(?:ulaire)?) de", "the phone number of"),
    (r"d[ée]j[àa]", "already"),
    (r"direct(?:ement)?", "right away"),
    (r"(?:a|ont) rempli le formulaire", "filled in the form"),
    (r"site web|site internet", "website"),
    # "je m'en occupe demain": the writer will deal with it then, which is no change of owner
    (r"je m['’]en occupe(?=\s+(?:demain|ce soir|cet apr[èe]s-midi|lundi|mardi|mercredi|jeudi|vendredi))", "I'll call"),
    (r"moi", "me"),
    # who takes a record: "mets-la à moi", "donne-le à Priya", "je prends Sébastien", "c'est mon client"
    (r"(?:mets|passe|donne)[- ](?:le|la|les)\s+(?:[àa]|pour)\s+moi", "assign to me"),
    (r"(?:mets|passe|donne)[- ]moi\s+(?:le|la|les)", "assign to me"),
    (r"(?:donne|passe)[- ](?:le|la|les)\s+[àa]", "assign to"),
    (r"je (?:le |la |les )?prends", "I'll take"),
    (r"je m['’]en occupe", "I'll own it"),
    (r"c['’]est (?:mon client|ma cliente|mon contact|le mien|la mienne|[àa] moi)", "mine"),
    # verbs of change with their object pronoun: "mets-le disqualifié", "passe-les en lead"
    (r"(?:mets|passe|change|bouge|remets|repasse)[- ](le|la|les)(?:\s+(?:en|[àa]|au|comme))?", "move {0} to"),
    (r"(?:mets|passe|change|remets)(?:\s+(?:le|la|les))?\s+(?:stage|statut|[ée]tape)\s+(?:[àa]|en)", "set stage to"),
    (r"(?:ajoute|ajouter|ajoutez|cr[ée]e|cr[ée]er|cr[ée]ez)(?:\s+une fiche pour|\s+ce contact|\s+le contact)?", "add"),
    (r"peux-tu|pouvez-vous|tu peux|vous pouvez", "can you"),
    (r"(?:supprime|supprimer|supprimez|efface|effacer|effacez)", "delete"),
    (r"(?:enl[èe]ve|retire|enlever|retirer)", "remove"),
    (
        r"activ(?:e|er|ez)\s+(?:son|sa|leur)\s+consentement\s+(?:aux\s+)?(sms|textos|courriel|email)",
        "turn on \\1 consent",
    ),
    (
        r"d[ée]sactiv(?:e|er|ez)\s+(?:son|sa|leur)\s+consentement\s+(?:aux\s+)?(sms|textos|courriel|email)",
        "turn off \\1 consent",
    ),
    (r"nouveau contact|nouvelle contact|contact nouveau", "new contact"),
    (r"pr[ée]pare(?:r)?\s+un\s+brouillon\s+de\s+campagne\s+(?:courriel|e-mail|email)", "draft an email campaign"),
    (r"brouillon", "draft"),
    # status
    (r"n['’]est plus", "is no longer"),
    (r"n['’]est pas encore", "is not yet"),
    (r"n['’]est pas", "is not"),
    (r"est (?:rendue?|devenue?|maintenant|d[ée]sormais)(?:\s+une?)?", "is now"),
    (r"a dit oui", "said yes"),
    (r"a sign[ée]", "signed"),
    (r"a pay[ée]", "paid"),
    (r"client(?:e)?s", "customers"),
    (r"cliente?", "customer"),
    (r"opportunit[ée]s?", "opportunity"),
    (r"[ée]vang[ée]liste", "evangelist"),
    (r"disqualifi[ée]e?s?", "disqualified"),
    (r"abonn[ée]e?s?", "subscriber"),
    # the record's fields
    (r"nom de famille", "last name"),
    (r"pr[ée]nom", "first name"),
    (r"(?:adresse\s+)?courriel", "email"),
    (r"t[ée]l[ée]phone|t[ée]l\.|cellulaire", "phone"),
    (r"num[ée]ro(?: de t[ée]l[ée]phone)?", "phone number"),
    # "Responsable Formation", "responsable des achats" are job titles, not the record's owner
    (r"responsable(?!\s+(?:(?-i:[A-Z])|de\b|du\b|des\b|d['’]))|propri[ée]taire", "owner"),
    (r"consentement", "consent"),
    (r"textos", "sms"),
    (r"[ée]tiquette", "tag"),
    (r"relance|suivi", "follow up"),
    (r"t[âa]ches", "tasks"),
    (r"t[âa]che", "task"),
    (r"ouvertes?", "open"),
    (r"en retard", "overdue"),
    (r"appel", "call"),
    (r"r[ée]union|rencontre", "meeting"),
    # questions and selections
    (r"c['’]est quoi|quel est|quelle est|qu['’]est-ce que", "what is"),
    (r"quels sont|quelles sont", "what are"),
    (r"qui (?:s['’]occupe de|g[èe]re|poss[èe]de)|[àa] qui (?:appartient|est)", "who owns"),
    (r"quand", "when"),
    (r"est", "is"),
    (r"sont", "are"),
    (r"tous les contacts|toutes les fiches", "all contacts"),
    (r"tous les|toutes les|tous", "all"),
    (r"qui sont encore", "who are still"),
    (r"venus? de|venant de|provenant de", "from"),
    (r"cr[ée][ée]e?s? avant(?: le)?", "created before"),
    (r"cr[ée][ée]e?s? apr[èe]s(?: le)?", "created after"),
    (r"avant(?: le)?", "before"),
    (r"apr[èe]s(?: le)?", "after"),
    (r"depuis(?: le)?", "since"),
    (r"de chez|chez", "at"),
    (r"avec le tag", "with the tag"),
    (r"pour le segment", "for the segment"),
    (r"mes", "my"),
    (r"mon|ma", "my"),
    (r"son|sa|ses|leur|leurs", "their"),
    (r"il", "he"),
    (r"elle", "she"),
    (r"et", "and"),
    # days and dates
    (r"aujourd['’]hui", "today"),
    (r"demain", "tomorrow"),
    (r"hier", "yesterday"),
    (r"ce matin", "this morning"),
    (r"(?:[àa] la\s+)?fin du mois", "end of the month"),
    (r"la semaine prochaine", "next week"),
    (r"dans\s+(?:deux|2)\s+semaines", "in two weeks"),
    (r"dans\s+(\d+)\s+jours", "in \\1 days"),
    (r"(?:le\s+)?(\d{1,2})(?:er)?", "\\1"),  # "le 1er janvier", "relance le 22 octobre"
    # "Suivi le 3 fév.": months shortened
    (r"janv\.?", "january"),
    (r"f[ée]vr?\.?", "february"),
    (r"avr\.?", "april"),
    (r"juil\.?", "july"),
    (r"sept\.?", "september"),
    (r"oct\.?", "october"),
    (r"nov\.?", "november"),
    (r"d[ée]c\.?", "december"),
    *((rf"(?:le\s+)?{fr}", f"on {en}") for fr, en in _DAYS.items()),
    *((fr, en) for fr, en in _MONTHS.items()),
    # politeness
    (r"svp|stp|s['’]il (?:te|vous) pla[iî]t", "please"),
    (r"merci", "thanks"),
]
_FRENCH = Lexicon(_STRONG, _WEAK, _LEXICON, _PRONOUN)


def is_french(text: str) -> bool:
    """Does the message mix in French? One strong word ("svp", "courriel", "est rendu") or three common ones."""
    return _FRENCH.mixed_in(text)


def french_words(text: str) -> int:
    """How many clearly French words the message has (to tell French from Spanish, which share "cliente")."""
    return _FRENCH.clear_words(text)


def from_french(text: str) -> str:
    """The request with its French CRM words in English (unchanged when it has none)."""
    return _FRENCH.to_english(text)
