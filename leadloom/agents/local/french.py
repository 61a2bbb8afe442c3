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

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# common French words that English text rarely has; three of them mark a French message without a strong word
_WEAK = re.compile(
    r"(?<![\w'’-])(?:est|avec|pour|une|elle|il|aux|au|du|des|sont|mon|ma|sa|ses|et|qui|dans|sur|"
    r"pas|plus|encore|tous|toutes|nous|vous|leur|mes|comme|ceux|tout|quoi|les)(?![\w'’-])",
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
    r"passer [àa]|"
    # round fifteen (a Montréal agency): Québec words, verbs of change, questions; "mais" alone is also Portuguese
    r"on\s+(?:le|la|les)\s+met|[çc]a|pis|c[ée]dul\w*|tant[ôo]t|rendue?|(?:re)?mettre|(?:re)?mets|(?:re)?passer?|"
    r"transf[èe]re[rz]?|assigne[rz]?|enl[èe]ve[rz]?|logge[rz]?|suivis?|courriels|qu['’](?:on|il|elle|est-ce)|j['’]ai|"
    r"d['’]ici|pourquoi|combien|semaines?|prochaine?|l['’](?:owner|appel|entrer)|quels?|contact[ée]e?s|pr[ée]vue?s?|"
    r"nouveau (?:deal|lead|num[ée]ro|#)|"
    r"(?:mets|passe|donne|change|bouge|remets|transf[èe]re|assigne|ajoute|enl[èe]ve|montre|dis|trouve|cr[ée]e|"
    r"aide|[ée]cris|envoie|raconte|peux|as|va|veux|fais|est|sont|traduis)-"
    r"(?:le|la|les|moi|tu|nous|lui|leur|toi|vous|il|elle|on)|"
    r"[ée]cri(?:re|s|vez)|aide-moi)(?![\w'’-])",
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

_CAP = r"(?-i:[A-ZÀ-Ý])"
_NAME = _CAP + r"[\w'’-]*(?:\s+" + _CAP + r"[\w'’-]*){0,2}"
# stage words in either language, to tell "en" (to) before a stage from "en" in "en juin", "en magasin"
_STAGE = (
    r"(?:leads?|mql|sql|opps?|opportunit[ée]s?|opportunity|clients?|clientes?|customers?|subscribers?|abonn[ée]e?s?|"
    r"evangelists?|[ée]vang[ée]listes?|churned|perdue?s?|disqualifi[ée]e?s?|disqualified|won|lost)"
)

# (French, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # round fifteen (a Montréal agency writing Québec French): the frame of whole French requests
    # -- questions
    (
        r"c['’]est qui l['’](?:owner|responsable|propri[ée]taire)\s+de|qui est l['’](?:owner|responsable)\s+de",
        "who is the owner of",
    ),
    (
        r"(?:as-tu|avez-vous|aurais-tu|t['’]as|tu as)\s+(?:le|la|l['’])\s*"
        r"(courriel|num[ée]ro|t[ée]l[ée]phone|cell)\s+de",
        r"what is the \1 of",
    ),
    (r"(?:as-tu|avez-vous|aurais-tu|t['’]as|tu as)\s+(?:le|la|l['’])", "what is the"),
    # "quels leads", "quelle source" (German "Quelle" alone is a lead source, not a question)
    (
        r"quel(?:le)?s?(?=\s+(?:contacts?|leads?|clients?|t[âa]ches?|deals?|sources?|fiches?|compagnies?|entreprises?|"
        r"segments?|campagnes?|[ée]tapes?|stages?)\b)",
        "which",
    ),
    (r"(?<=which )(contacts|leads|clients)\s+ont", r"\1 have"),
    (r"leads de (" + _CAP + r"[\w'’-]*)", r"leads of \1"),
    (
        r"(?:qui sont|quels sont|quelles sont|c['’]est qui)\s+(mes|nos)\s+(contacts|leads|clients)\s+en\s+("
        + _STAGE
        + ")",
        r"who are \1 \3 \2",
    ),
    (r"(contacts|leads|fiches)\s+en\s+(" + _STAGE + ")", r"\2 \1"),
    (r"qu['’]est-ce que j['’]ai comme", "what are my"),
    (
        r"(" + _NAME + r")\s+a\s+quoi\s+comme\s+t[âa]ches(?:\s+[àa]\s+faire|\s+ouvertes)?",
        r"what open tasks does \1 have",
    ),
    (r"t[âa]ches\s+(?:[àa]\s+faire|ouvertes)", "open tasks"),
    (r"t[âa]ches\s+en\s+retard", "overdue tasks"),
    (r"suivis?\s+(?:qui sont\s+)?(?:pass[ée]s?\s+date|d[ée]pass[ée]s|en retard)", "overdue follow-ups"),
    (r"(?:source|canal)\s+de\s+(?:leads|prospects)", "lead source"),
    (r"converti(?:t|ssent)\s+le\s+mieux", "converts best"),
    (r"depuis\s+le\s+d[ée]but\s+de\s+l['’]ann[ée]e", "this year"),
    (
        r"pourquoi\s+le\s+score\s+de\s+(.+?)\s+est(?:\s+(?:si|aussi|tellement|vraiment))?\s+(?:bas|faible)",
        r"why is the score of \1 so low",
    ),
    (
        r"pourquoi\s+le\s+score\s+de\s+(.+?)\s+est(?:\s+(?:si|aussi|tellement|vraiment))?\s+(?:haut|[ée]lev[ée])",
        r"why is the score of \1 so high",
    ),
    (
        r"qu['’]on\s+(?:n['’])?a\s+pas\s+contact[ée]e?s?|qu['’]on\s+(?:n['’])?a\s+pas\s+appel[ée]e?s?",
        "we have not contacted",
    ),
    (r"on\s+(?:n['’])?a\s+pas\s+contact[ée]e?s?", "we have not contacted"),
    (r"ceux|celles", "all contacts"),
    (r"tout ce qui vien(?:t|nent) d[eu]|tous ceux qui viennent d[eu]", "everyone from"),
    (r"qui vien(?:t|nent) d[eu]", "from"),
    (r"(?:qui\s+)?(?:est|sont)\s+(?:encore|toujours)(?:\s+en(?=\s))?", "who are still"),
    (r"tous les contacts de (" + _CAP + r"[\w'’-]*)(?=\s*[,:])", r"all of \1's contacts"),
    (r"montre[- ]moi|affiche[- ]moi|sors[- ]moi", "show me"),
    (r"donne[- ]moi(?=\s+(?:le|la|les|l['’]|un|une|des|mes|nos)\s+(?-i:[a-zà-ÿ]))", "show me"),
    (r"(?-i:le|la)\s+pipeline", "the pipeline"),
    # -- chatter the CRM has no tool for stays chatter: writing for the person, sums
    (r"aide[- ]moi\s+[àa]\s+(?:[ée]crire|r[ée]diger)|[ée]cris[- ]moi|r[ée]dige[- ]moi", "help me write"),
    (r"c['’]est combien|combien (?:[çc]a fait|font)", "how much is"),
    (r"(?<=how much is )(?:la|le|les)", "the"),
    (r"(?<=help me write )(?:un|une)(?:\s+petite?)?", "a"),
    # -- deals, segments
    (r"nouveau deal|nouvelle (?:opportunit[ée]|vente)", "new deal"),
    (
        r"on a (?:gagn[ée]|sign[ée]|clos) le deal\s+(.+?)\s*(?:!+|\.)\s*(?:\W+\s*)?(?:mets[- ]le\s+(?:won|gagn[ée]))?",
        r"mark the deal \1 as won. ",
    ),
    (
        r"on a perdu le deal\s+(.+?)\s*(?:!+|\.)\s*(?:\W+\s*)?(?:mets[- ]le\s+(?:lost|perdu))?",
        r"mark the deal \1 as lost. ",
    ),
    (r"cr[ée]e[rz]?(?:-moi)?\s+un\s+segment", "create a segment"),
    (r"(\d+)\s+(?:et|ou)\s+plus", r"\1 and up"),
    # -- tasks, notes, logs
    (r"cr[ée]e[rz]?(?:-moi)?\s+une\s+t[âa]che\s+pour(?=\s+" + _CAP + ")", "create a task for"),
    (r"cr[ée]e[rz]?(?:-moi)?\s+une\s+t[âa]che\s+pour", "create a task to"),
    (r"(?:ajoute[rz]?|mets|mettre)\s+une\s+note\s+(?:sur|[àa]|pour|au dossier de)", "add a note on"),
    (r"log(?:ge)?[rz]?\s+aussi", "also log"),
    (r"via le site(?: web| internet)?|sur (?:le|notre) site(?: web| internet)?", "via the website"),
    (r"et puis", "and then"),
    (r"non\s+attends?|non\s+attendez|non\s+en fait", "no wait,"),
    (r"(?<=no wait, )(?:mets|mettre)(?:[- ](?:le|la))?", "make it"),
    (
        r"(?:ajoute[rz]?|cr[ée]e[rz]?)\s+(?:un|une)\s+(?:nouveau\s+|nouvelle\s+)?(?:contact|fiche)(?:\s+pour)?",
        "add new contact",
    ),
    (r"(?:son|sa|leur)\s+(?:cell|cellulaire|t[ée]l[ée]phone|num[ée]ro|t[ée]l)\s+(?:c['’]est|est)", "phone"),
    (r"coordo", "coordonnateur"),
    (
        r"a\s+chang[ée]\s+de\s+(courriel|t[ée]l[ée]phone|num[ée]ro|cell)(?:\s*,?\s*c['’]est maintenant|\s*:)?",
        r"has a new \1:",
    ),
    (
        r"(?:elle|il)\s+est\s+maintenant(?=\s+(?:directeur|directrice|vp|vice-pr[ée]sident|pr[ée]sident|gestionnaire|"
        r"coordonnat|responsable|chef|g[ée]rante?|pdg|ceo|head|manager|director)\w*)",
        "her title is now",
    ),
    (r"(?:est|sont)\s+(?:rendue?s?|maintenant)\s+chez|travaille\s+maintenant\s+chez", "moved to"),
    (r"log(?:ge)?[rz]?", "log"),
    (r"l['’]appel", "the call"),
    (r"(?:mets|mettre|ajoute[rz]?|pr[ée]vois)\s+un\s+suivi", "follow up"),
    (r"log(?:ge)?[rz]?\s+(?:le|l['’])\s*(call|appel|meeting|rencontre)\s+aussi", r"also log the \1"),
    (r"c['’]est (?:elle|lui) qui m['’]a appel[ée]e?", "she called me"),
    (r"un(?=\s+(?:meeting|call|appel|lunch|d[îi]ner|rendez-vous|suivi)\b)", "a"),
    (r"une(?=\s+(?:note|t[âa]che|rencontre|r[ée]union)\b)", "a"),
    (r"(?:de\s+)?ce matin", "this morning"),
    (r"cette semaine", "this week"),
    # -- owners
    (r"change[rz]?\s+l['’](?:owner|responsable|propri[ée]taire)\s+de\s+(.+?)\s+pour", r"change the owner of \1 to"),
    (r"(?:mets|mettre|met)\s+(" + _NAME + r")\s+comme\s+(?:owner|responsable|propri[ée]taire)", r"assign to \1"),
    (r"(?:transf[èe]re[rz]?|assigne[rz]?|r[ée]assigne[rz]?)[- ](le|la|les)\s+[àa]", "assign {0} to"),
    (
        r"(?:transf[èe]re[rz]?|assigne[rz]?|r[ée]assigne[rz]?)\s+(" + _NAME + r")\s+[àa](?=\s+" + _CAP + ")",
        r"assign \1 to",
    ),
    (
        r"(?:mets|passe|donne)[- ](?:le|la|les)\s+[àa]\s+(" + _CAP + r"[\w'’-]*)\s+en\s+(" + _STAGE + r")\b",
        r"assign to \1, stage \2",
    ),
    # -- tags
    (
        r"(?:enl[èe]ve[rz]?|retire[rz]?|supprime[rz]?|[ôo]te[rz]?)\s+le\s+tag\s+([\w-]+)\s+(?:de|du|des|[àa]|sur)",
        r"remove the tag \1 from",
    ),
    # -- follow-ups
    (r"(?:d[ée]cale[rz]?|repousse[rz]?|reporte[rz]?)\s+le\s+suivi\s+(?:avec|de)", "push the follow-up of"),
    (r"(?:mets|mettre|ajoute[rz]?|pr[ée]vois)\s+un\s+suivi", "follow up"),
    (r"(?:un|le|son|mon)\s+suivi", "follow up"),
    (r"suivis", "follow-ups"),
    (r"pr[ée]vue?s?", "due"),
    # -- stages: "mettre X en MQL", "tu peux le mettre en lead", "on le met churned", "peux-tu la passer en client"
    (r"(?:est-ce que|est-ce qu['’])\s*(?:tu peux|vous pouvez|on peut)", "can you"),
    (r"(?:[çc]a serait|ce serait)\s+(?:bon|bien|le fun)\s+de|il faudrait|faudrait", "please"),
    (
        r"(?:on\s+)?(le|la|les)\s+(?:re)?(?:mettre|met|passer|changer|bouger|flag(?:ger)?|marquer)(?:\s+(?:en|[àa]|au|comme))?",
        "move {0} to",
    ),
    (r"on\s+(le|la|les)\s+(?:re)?(?:mets?|passe|flag|marque)(?:\s+(?:en|[àa]|au|comme))?", "move {0} to"),
    (r"(?:re)?(?:mettre|passer)(?=\s+(?:" + _CAP + r"|tous|toutes|tout|ceux|celles))", "move"),
    (r"(?:re)?(?:mets|passe)(?=\s+(?:tous|toutes|tout|ceux|celles)\b)", "move"),
    (r"(?:encore|toujours)\s+en(?=\s+" + _STAGE + r"\b)", "still"),
    (r"(?<!-le )(?<!-la )(?<!-les )en(?=\s+" + _STAGE + r"\b)", "to"),
    (r"(?:est|sont)\s+(?:\w+ment\s+)?rendue?s?(?:\s+une?)?", "is now"),
    (r"a quitt[ée]", "left"),
    (r"pis", "and"),
    (r"d['’]ici(?:\s+(?:le|[àa]))?", "by"),
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
    (
        r"responsable(?!\s+(?:(?-i:[A-Z])|de\b|du\b|des\b|d['’]|[ée]v[ée]nements?|marketing|ventes?|commercial\w*|"
        r"achats?|formation|communications?|op[ée]rations?|comptes?|projets?|produits?|marque|service|technique|rh|"
        r"logistique|client[èe]le|partenariats?))|propri[ée]taire",
        "owner",
    ),
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
    *((rf"{fr}\s+prochain", f"next {en}") for fr, en in _DAYS.items()),
    *((rf"(?<=by ){fr}", en) for fr, en in _DAYS.items()),
    *((rf"(?:pour\s+|le\s+|pour\s+le\s+)?{fr}", f"on {en}") for fr, en in _DAYS.items()),
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


# a dictated address: "josiane point berube arobas laiteriedescantons point ca"
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w.@-])([\w-]+(?:\s+point\s+[\w-]+)*)\s+arobase?\s+([\w-]+(?:\s+point\s+[\w-]+)+)(?![\w@-])", re.I
)
# dictated punctuation: "virgule", "point" at the end of a sentence ("… à Sarah-Ève point et mets …")
_SPOKEN_STOP = re.compile(
    r"\s+point(?:\s+final)?(?=\s*$|\s+(?:et|pis|merci|il|elle|ils|elles|on|je|j['’]|c['’]|nous|fin)\b)", re.I
)
# a forwarded e-mail's French headers read as the English ones ("De : Claudia Rossi <…>" is who wrote it)
_HEADERS = (
    (r"^(\W*)De\s*:", r"\1From:"),
    (r"^(\W*)Envoy[ée]\s*:", r"\1Sent:"),
    (r"^(\W*)[ÀA]\s*:", r"\1To:"),
    (r"^(\W*)Objet\s*:", r"\1Subject:"),
    (r"^(\W*)Date\s*:", r"\1Date:"),
    (r"-+\s*Message (?:transf[ée]r[ée]|d['’]origine)\s*-+", "---------- Forwarded message ----------"),
)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")  # fmt: skip


def _spoken(text: str) -> str:
    """Dictated French punctuation and addresses written out."""
    text = _SPOKEN_EMAIL.sub(
        lambda m: re.sub(r"\s+point\s+", ".", m.group(1)) + "@" + re.sub(r"\s+point\s+", ".", m.group(2)).lower(),
        text,
    )
    text = re.sub(r"\s*\bvirgule\s+fin du message\b|\s*\bfin du message\b", "", text, flags=re.I)
    text = re.sub(r"\s*\bvirgule\b", ",", text, flags=re.I)
    text = re.sub(r"\s*\bdeux points\b", ":", text, flags=re.I)
    return _SPOKEN_STOP.sub(".", text)


def _day_first(m: re.Match[str]) -> str:
    day, month = int(m.group(1)), int(m.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0)
    year = f" {m.group(3)}" if m.group(3) and len(m.group(3)) == 4 else ""
    return f"{day} {_MONTH_NAMES[month - 1]}{year}"


def from_french(text: str) -> str:
    """The request with its French CRM words in English (unchanged when it has none)."""
    if not _FRENCH.mixed_in(text):
        return text
    text = _spoken(text)
    for pattern, english in _HEADERS:
        text = re.sub(pattern, english, text, flags=re.M)
    # French writes the day first: "au 10/04", "d'ici le 24/03"
    text = re.sub(r"(?<![\w/.-])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\w/.-])", _day_first, text)
    return _FRENCH.to_english(text)
