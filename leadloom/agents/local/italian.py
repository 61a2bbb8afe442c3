"""Italian words in requests, read as their English counterparts.

Teams in Italy write to the CRM in Italian, or in Italian around English CRM jargon ("mettilo come cliente",
"passala a SQL grazie", "segnala come churned", "assegna a me tutti i contatti di Marco", "richiamare Pietro
giovedì", "chi segue Sofia?", "tutti i lead con follow-up dal 1/5 in poi → owner Federica"). The rules read
English, so the frame of such a request (verbs of change and their pronouns, stages, fields, "di"/"da", days,
months, relative dates, amounts in euro) is rewritten in English before anything else reads it; names,
companies, addresses and the rest of the sentence stay as written. Written out from the language (round sixteen)
with a Milan PR agency's requests as the examples; it is not a translator.

Italian shares words with Spanish and Portuguese ("cliente", "contatto"/"contacto", "quando", "passa"), so a
message is read as Italian only when it has more clearly Italian words (``_STRONG``: "mettilo", "segnala",
"aggiorna", "grazie", "perché", "domani", "questo", "della", "sono", "è", "-zione") than French, Spanish or
Portuguese ones. Words that are also names or English ("Della", "come", "per", "Donato") are not strong.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# common Italian words that English text rarely has; three of them mark an Italian message ("alle", "allo",
# "quelle" and "ora" are not strong: Dutch and German "alle", "allo allo", French "quelle", Māori "kia ora")
_WEAK = re.compile(
    r"(?<![\w@.'’-])(?:di|il|lo|gli|una|per|con|che|non|anche|ancora|tutto|ma|ho|ha|mi|ci|si|del|al|nel|sul|"
    r"fra|tra|sopra|sotto|entro)(?![\w@'’-])"
)
_CLITIC = r"(?:lo|la|li|le|gli|mi|ci)"
_STRONG = re.compile(
    r"(?<![\w@.'’-])(?:"
    # verbs of a CRM request, with and without their object pronoun
    rf"(?:ri)?mett(?:i|iamo|ete){_CLITIC}?|passal[oaie]|segnal[oaie]|segna(?:l[oaie])?|spostal[oaie]|sposta|"
    rf"aggiorna{_CLITIC}?|aggiung(?:i|ere){_CLITIC}?|assegna{_CLITIC}?|togli{_CLITIC}?|toglie(?:lo|la|li|le)|"
    rf"cancella{_CLITIC}?|elimina(?:lo|la|li|le)|logga{_CLITIC}?|richiamar(?:e|lo|la|li)|richiama{_CLITIC}?|"
    rf"ricontattar(?:e|lo|la|li)|ricontatta{_CLITIC}?|chiamarl[oa]|sentirl[oa]|fammi|dammi|dimmi|mostrami|"
    r"scrivimi|raccontami|prenotami|traduci|correggi|consigli|cambia(?:lo|la|li)|crea(?:lo|la|li|mi)|prepara|"
    # small words, questions, politeness
    r"grazie|ciao|buongiorno|buonasera|perch[ée]|perfetto|allora|anzi|magari|comunque|per[òo]|cio[èe]|"
    r"(?-i:è)|(?-i:È)|sì|sono|questo|questa|questi|queste|quest['’]\w+|quello|quella|quelli|(?-i:della|dello|"
    r"delle|degli)|dell['’]\w+|nella|nello|nelle|negli|nell['’]\w+|alla|agli|all['’]\w+|dalla|dallo|"
    r"dagli|dalle|sulla|sugli|sulle|dei|(?-i:chi)|c['’]è|com['’]è|quand['’]è|dov['’]è|più|già|tutti|tutte|"
    r"(?-i:nuovo|nuova|nuovi)|quale|quali|quanti|quante|anche|ancora|niente|nessuno|sempre|adesso|molto|"
    r"x\s+favore|per\s+favore|mille|vuole|vogliono|voleva|devo|deve|abbiamo|hanno|stato|stata|"
    # CRM words
    r"contatt[oi]|clienti|azienda|ruolo|cellulare|telefono|numero|cognome|punteggio|promemoria|scadut[oiae]|"
    r"chiamata|riunione|incontro|preventivo|contratto|proposta|firmat[oiae]|iscritt[oiae]|disqualificat[oiae]|"
    r"opportunità|assegnat[oiae]|arrivat[oiae]|(?-i:creat[oai])|fonte|qualificat[oaie]|vendite|cliente|entro|"
    r"aperti|aperte|idee|vicino|(?-i:il\s+(?:tag|contatto|follow|deal|lead|task|prossimo))|(?:ci|mi)\s+ha(?:nno)?|"
    r"cancellare|chiesto|chiesta|(?-i:[a-z]+iamo)|settimana|settimane|prossim[oa]|"
    r"domani|dopodomani|oggi|ieri|stamattina|stasera|stanotte|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|"
    r"venerd[iì]|sabato|domenica|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"novembre|dicembre|"
    r"(?-i:[a-zàèéìòù]+zion[ei]))(?![\w@'’-])",
    re.I,
)

_DAYS = (
    ("luned[iì]", "monday"), ("marted[iì]", "tuesday"), ("mercoled[iì]", "wednesday"), ("gioved[iì]", "thursday"),
    ("venerd[iì]", "friday"), ("sabato", "saturday"), ("domenica", "sunday"),
)  # fmt: skip
_DAY = "|".join(it for it, _ in _DAYS)
_MONTHS = (
    ("gennaio", "january"), ("febbraio", "february"), ("marzo", "march"), ("aprile", "april"), ("maggio", "may"),
    ("giugno", "june"), ("luglio", "july"), ("agosto", "august"), ("settembre", "september"),
    ("ottobre", "october"), ("novembre", "november"), ("dicembre", "december"),
)  # fmt: skip
_MONTH = "|".join(it for it, _ in _MONTHS)
_NUMBERS = {"un": "1", "una": "1", "uno": "1", "due": "2", "tre": "3", "quattro": "4", "cinque": "5", "sei": "6"}
_NUMBER = r"(?:\d+|un|una|uno|due|tre|quattro|cinque|sei)"
_STAGE = r"(?:lead|mql|sql|opportunity|opp|customer|subscriber|evangelist|churned|disqualified)s?"
_CAP = r"(?-i:[A-ZÀ-Ý])"
_NOT_COUNTED = "".join(rf"(?<!\b{w}\s)" for w in ("altri", "altre", "due", "tre", "dei", "molti", "tanti", "\\d"))
# the pronoun a verb carries: "mettilo" (him), "passala" (her), "spostali" (them)
_PRONOUNS = {"lo": "him", "la": "her", "li": "them", "le": "them", "gli": "him", "l": "him"}
_VERB = r"(?:ri)?mett(?:i|iamo|ete)|passa|sposta|porta|segna|aggiorna|metti|cambia"

# (Italian, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    (r"quale\s+fonte\s+ci\s+ha\s+portato\s+più\s+clienti|quale\s+fonte\s+converte\s+(?:di\s+)?più",
     "which source converts best"),
    # stages first, so the verbs below see English stage words
    (r"lead\s+qualificat[oa]\s+(?:per\s+(?:le\s+)?vendite|(?:dalle|dal|per\s+il)\s+(?:vendite|commerciale)|sales)",
     "sql"),
    (r"lead\s+qualificat[oa]\s+(?:dal|per\s+il)\s+marketing", "mql"),
    (r"nuov[oa]\s+cliente", "new customer"),
    # clients counted are people, not a stage: "ci ha portato altri due clienti" stays
    (r"(?:i|tra\s+i|fra\s+i)\s+clienti", "customers"),
    (_NOT_COUNTED + r"clienti", "customers"),
    (r"(?:una\s+|un\s+)?cliente", "customer"),
    (r"disqualificat[oiae]", "disqualified"),
    (r"opportunit[àa]", "opportunity"),
    (r"(?:un\s+|una\s+)?iscritt[oa]\s+(?:alla\s+)?newsletter(?=\s+(?:dal|dalla|da|via)\b)", "subscriber,"),
    (r"(?:un\s+|una\s+)?iscritt[oa]\s+(?:alla\s+)?newsletter", "subscriber"),
    (r"non\s+(?:è|e['’])\s+più(?:\s+una?)?(?=\s+" + _STAGE + r"\b)", "is no longer a"),
    (r"non\s+(?:è|e['’])(?:\s+una?)?(?=\s+" + _STAGE + r"\b)", "is not a"),
    (r"(?:(?<=^)|(?<=[.!?]\s))(?-i:È)(?:\s+già)?(?:\s+una?)?(?=\s+" + _STAGE + r"\b)", "stage"),
    (r"(?:tutti\s+)?(?:i|gli)\s+(customer|subscriber|evangelist|mql|sql)(?=\s)", r"all \1s"),
    (r"(?:il\s+)?nuovo\s+(?:numero|cellulare|telefono)\s+di", "the new phone of"),
    (r"(?:è|e['’])\s+(?:già\s+)?(?:una|un)(?=\s+" + _STAGE + r"\b)", "is a"),
    (r"(?:tutti\s+)?(?:i|gli)\s+lead(?=\s)", "all leads"),
    # who: "chi segue X", "di chi è X", "chi ha un follow-up …"
    (r"chi\s+(?:segue|gestisce|ha\s+in\s+carico)", "who owns"),
    (r"di\s+chi\s+(?:è|e['’])", "who owns"),
    (r"chi\s+non\s+(?:sentiamo|abbiamo\s+sentito|contattiamo|abbiamo\s+contattato)\s+da\s+più\s+di\s+(\d+)\s+giorni",
     r"not contacted in \1 days"),
    (r"(?:che|chi)\s+non\s+(?:sentiamo|abbiamo\s+sentito|contattiamo|abbiamo\s+contattato)\s+(?:dal|da)",
     "not contacted since"),
    (r"chi\s+ha(?=\s+(?:un|una|il|la|lo|i|gli|le|follow|task|deal|tag)\b)", "who has"),
    (r"chi(?=\s+(?:non|sono)\b)", "who"),
    (r"assegna\s+a\s+me\s+tutti\s+i\s+contatti\s+di\s+(" + _CAP + r"[\w'’-]*)", r"assign all of \1's contacts to me"),
    (r"(?:i\s+)?follow[\s-]?up\s+(?:già\s+)?scadut[ie]\s+di\s+(" + _CAP + r"[\w'’-]*)", r"\1's overdue follow-ups"),
    (r"chi\s+ha\s+vinto", "who won"),
    (r"(?:un\s+)?consiglio\s+per\s+un\s+regalo|un\s+regalo", "a nice gift"),
    (r"idee", "any ideas"),
    (r"ufficio\s+stampa(?!\s+(?-i:[A-Z]))", "press office"),
    (r"(?:lead|contatt[oi]|arrivat[oiae])\s+da(?=\s+[a-z])", "lead from"),
    (r"deal\s+aperti", "open deals"),
    (r"chiamat[ao](?=\s+['\"‘“])", "called"),
    (r"(?:si\s+)?(?:è|e['’])\s+(?:spostat[oa]|passat[oa]|andat[oa])\s+da\s+(.+?)\s+a(?=\s+" + _CAP + ")",
     r"moved from \1 to"),
    (r"(?:è|e['’])\s+cambiat[oa],?\s+(?:ora|adesso)\s+(?:è|e['’])", "is now"),
    (r"il\s+prossimo\s+follow[\s-]?up", "the next follow-up"),
    (r"da\s+oggi\s+a", "from today to"),
    (r"un\s+follow[\s-]?up", "a follow-up"),
    (r"(?:dal|dalla|dall['’])\s+(\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)\s+in\s+poi", r"after \1"),
    (r"(?:nuovo|nuova)\s+(?:cellulare|cell|numero|telefono)", "new phone"),
    (r"e\s+mail(?=\s+\S+@)", "and email"),
    # selections: "tutti i contatti con tag X", "tutti quelli arrivati da X", "i miei task"
    (r"tutti\s+quelli\s+(?:arrivati|venuti)\s+da", "all contacts with source"),
    (r"(?:arrivati|venuti|entrati)\s+da", "from source"),
    (r"tutti\s+quelli(?:\s+che)?", "everyone"),
    (r"tutti\s+i\s+contatti\s+di(?=\s+" + _CAP + ")", "all contacts of"),
    (r"tutti\s+i\s+contatti", "all contacts"),
    (r"tutti\s+(?:i|gli)", "all"),
    (r"(?:li|le)\s+tutti|tutti", "all"),
    (r"(?:i\s+)?miei\s+task(?:\s+di)?", "my tasks"),
    (r"(?:i\s+)?miei", "my"),
    (r"task\s+scadut[ie]\s+di", "overdue tasks of"),
    (r"(?:i\s+)?follow[\s-]?up\s+(?:già\s+)?scadut[ie]\s+di", "overdue follow-ups of"),
    (r"già\s+scadut[oiae]|scadut[oiae]", "overdue"),
    (r"che\s+sono\s+ancora", "that are still"),
    (r"che\s+hanno\s+(?:il\s+)?tag", "that have tag"),
    (r"con\s+(?:il\s+)?tag", "with tag"),
    (r"con\s+(?:un\s+)?(?:punteggio|score)", "with score"),
    (r"punteggio", "score"),
    (r"contatti\s+di(?=\s+" + _CAP + ")", "contacts at"),
    (r"contatti", "contacts"),
    (r"sopra(?:\s+(?:i|a|ai))?|più\s+di|maggiore\s+di", "over"),
    (r"sotto(?:\s+(?:i|a|ai))?|meno\s+di|minore\s+di", "under"),
    (r"o\s+(?:meno|inferiore)", "or less"),
    (r"o\s+(?:più|superiore)", "or more"),
    (r"creat[ie]\s+dopo\s+(?:il|l['’])", "created after"),
    (r"creat[ie]\s+prima\s+(?:del|dell['’])", "created before"),
    (r"ultimi\s+(\d+)\s+(?:contatti|contacts)\s+creati", r"latest \1 contacts created"),
    (r"ultimi|ultime", "latest"),
    (r"assegnat[ie]\s+a\s+me", "owned by me"),
    (r"fammi\s+vedere|mostrami|fammi\s+la\s+lista\s+(?:di|dei|delle)", "show me"),
    (r"aperti|aperte", "open"),
    # owners: "assegna a me tutti i contatti di Marco", "passalo a Giulia", "lo seguo io"
    (r"(?:assegna|passa)(lo|la|li|le)\s+a\s+me", "assign {0} to me"),
    (r"(?:assegna|passa|gira)(lo|la|li|le)\s+a(?=\s+" + _CAP + r")(?!\s+" + _STAGE + r"\b)", "assign {0} to"),
    (r"assegna\s+a", "assign to"),
    (r"assegna(?:lo|la|li|le)?", "assign"),
    (r"(?:lo|la|li|le)\s+seguo\s+io|(?:lo|la|li|le)\s+prendo\s+io", "owner me"),
    (r"(?:cambia|aggiorna)\s+(?:l['’])?owner\s+di", "change owner of"),
    (r"passa\s+a(?=\s+" + _CAP + r")(?!\s+" + _STAGE + r"\b)", "assign to"),
    # verbs of change with their pronoun: "mettilo come cliente", "passala a SQL", "spostali tutti a lunedì"
    (r"(?:lo|la|li|le)\s+mettiamo\s+(?:come|a|in|tra)", "move to"),
    (rf"(?:{_VERB})(lo|la|li|le)(?:\s+all)?\s+(?:come|a|in|su|tra|fra)(?=\s+{_STAGE}\b)", "move {0} to"),
    (rf"(?:{_VERB})(lo|la|li|le)(?:\s+all)?(?=\s+{_STAGE}\b)", "move {0} to"),
    (r"(?:sposta|porta|passa)(lo|la|li|le)(?:\s+all)?\s+(?:a|al|alla|per)(?=\s+(?:" + _DAY + r"|\d))",
     "move {0} to"),
    (r"(?:sposta|porta|passa)(lo|la|li|le)", "move {0}"),
    (r"rimett(?:i|ere)(lo|la|li|le)", "move {0} back to"),
    (r"togli(lo|la|li|le)\s+dalla\s+pipeline", "move {0}"),
    (r"segnal(?:[oaie])?\s+come|segna(?:lo|la|li|le)?\s+come", "mark as"),
    (r"segnal(?:[oaie])?(?=\s+" + _STAGE + r"\b)|segna(?:lo|la|li|le)?(?=\s+" + _STAGE + r"\b)", "mark as"),
    (r"aggiorna\s+(?:lo\s+)?(?:stato|stage|fase)\s+di", "update the stage of"),
    (r"(?:torna|tornato|tornata)\s+(?:a|in)(?=\s+" + _STAGE + r"\b)", "move back to"),
    (r"(?:passa|va|spost\w+|aggiorna|metti|passare)\s+(?:a|come|in|tra)(?=\s+" + _STAGE + r"\b)", "move to"),
    (r"da\s+(" + _STAGE + r")\s+a(?=\s+" + _STAGE + r"\b)", r"from \1 to"),
    (r"(?:è|e['’])\s+(?:passat[oa]|diventat[oa]|ora|adesso)(?:\s+(?:a|un|una))?(?=\s+" + _STAGE + r"\b)",
     "is now"),
    (r"(?:è|e['’])\s+ancora", "is still"),
    (r"non\s+(?:è|e['’])\s+più", "is no longer"),
    (r"non\s+(?:è|e['’])", "is not"),
    (r"(?:è|e['’])\s+già", "is already"),
    (r"(?:ora|adesso)\s+(?:è|e['’])", "is now"),
    (r"(\w+)\s+resta\s+com['’]è", "leave him as he is"),
    (r"resta\s+com['’]è|lascia(?:lo|la)?\s+com['’]è", "leave him as he is"),
    # deletions: "elimina il contatto di X", "cancella tutti i contatti con …"
    (r"(?:elimina|cancella)\s+il\s+contatto\s+di", "delete"),
    (r"elimina(?:lo|la|li|le)?|cancella(?:lo|la|li|le)?", "delete"),
    # new contacts: "nuovo contatto", "crea un contatto nuovo", "aggiungilo come lead", "aggiungi 2 contatti di X"
    (r"(?:crea|aggiungi|inserisci)\s+(?:un\s+)?(?:nuovo\s+)?contatto(?:\s+nuovo)?", "add contact"),
    (r"aggiungi\s+(\d+|due|tre)\s+(?:contatti\s+di|contacts\s+at)", r"add \1 contacts at"),
    (r"nuov[oa]\s+(?:contatto|lead)|contatto\s+nuovo", "new contact"),
    (r"nuovo(?=\s*:)", "new contact"),
    (r"aggiung(?:i|ere)(lo|la|li|le)\s+(?:come|as)", "add {0} as"),
    (r"aggiung(?:i|ere)(lo|la|li|le)", "add {0}"),
    (r"(?:aggiungi|crea|inserisci)(?=\s+(?:x\s+favore\s+|per\s+favore\s+)?[\w'’-]+\s+[\w'’-]+\s*,)", "add"),
    (r"entrambi|entrambe", "both"),
    # who they are: "è il direttore commerciale", "è la titolare"
    (r"(?<!\bchi\s)(?<!\bqual\s)(?:è|e['’])\s+il(?=\s+(?-i:[a-z]))", "he's the"),
    (r"(?<!\bchi\s)(?<!\bqual\s)(?:è|e['’])\s+la(?=\s+(?-i:[a-z]))", "she's the"),
    (r"(?:lead|leads|contacts|contatti)\s+(?:del|della|dal|dalla)(?=\s+" + _CAP + ")", "leads from the"),
    (r"nome(?=\s+" + _CAP + ")", "first name"),
    (r"cognome", "last name"),
    (r"azienda|societ[àa]|ditta", "company"),
    (r"ruolo", "title"),
    (r"cellulare|cell", "mobile"),
    (r"telefono|tel", "phone"),
    (r"numero\s+di\s+telefono\s+di|numero\s+di(?=\s+" + _CAP + ")", "phone number of"),
    (r"numero(?=\s+\+?\d)", "phone"),
    (r"fonte", "source"),
    (r"(?:dal|via)\s+sito(?:\s+web)?", "from the website"),
    (r"sito(?:\s+web)?", "website"),
    (r"nn\s+ho\s+la\s+mail|non\s+ho\s+(?:la\s+)?(?:mail|e-?mail)", "no email yet"),
    (r"(?:la\s+)?mail\s+di(?=\s+" + _CAP + ")", "the email of"),
    (r"aggiorna\s+l['’]azienda", "update the company"),
    # consent: "togli il consenso email", "metti consenso sms sì", "non vuole più ricevere le nostre mail"
    (r"togli\s+il\s+consenso\s+(e-?mail|sms)", r"remove \1 consent"),
    (r"(?:metti\s+)?(?:il\s+)?consenso\s+(e-?mail|sms)\s+s[iì]", r"\1 consent yes"),
    (r"non\s+vuole\s+più\s+ricevere", "unsubscribed from"),
    # tags: "aggiungi il tag X", "togli il tag X"
    (r"aggiungi\s+(?:il\s+)?tag", "add tag"),
    (r"(?:togli|rimuovi|leva)\s+(?:il\s+)?tag", "remove tag"),
    (r"togli|rimuovi", "remove"),
    # tasks, follow-ups, reminders, activities
    (r"(?:crea|fai|aggiungi)\s+(?:un|una)\s+(?:task|attività|promemoria)\s+per\s+me", "create a task for me"),
    (r"(?:crea|fai|aggiungi)\s+(?:un|una)\s+(?:task|attività|promemoria)\s+per", "create a task for"),
    (r"(?:crea|fai|aggiungi)\s+(?:un|una)\s+(?:task|attività|promemoria)", "create a task"),
    (r"task\s+per\s+me", "create a task for me"),
    (r"task\s+per", "task for"),
    (r"ricordami\s+di", "remind me to"),
    (r"(?:mettimi|fammi|creami|impostami|crea|metti|imposta)\s+un\s+promemoria\s+(?:per|di)", "remind me to"),
    (r"promemoria", "reminder"),
    (r"(?:aggiungi|metti|scrivi|lascia)\s+una\s+nota\s+(?:a|su|per)", "add a note to"),
    (r"(?:fissa|imposta|metti|programma)\s+(?:un\s+|il\s+|a\s+)?follow[\s-]?up", "set a follow-up"),
    (r"(?:il\s+)?nuovo\s+(?:numero|cellulare|telefono)\s+di", "the new phone of"),
    (r"qual\s+(?:è|e['’])", "what is"),
    (r"chiamare", "call"),
    (r"(?:sposta|rimanda|posticipa)\s+il\s+follow[\s-]?up\s+(?:con|di)", "move the follow-up of"),
    (r"(?:richiamare|ricontattare|risentire)(?=\s+" + _CAP + ")", "follow up with"),
    (r"(?:da\s+)?(?:richiamare|ricontattare|risentire)", "follow up"),
    (r"richiama(?:lo|la)?|ricontatta(?:lo|la)?", "follow up"),
    (r"prossimo\s+follow[\s-]?up", "next follow-up"),
    (r"logga(?:lo|la)?\s+(?:anche\s+)?la\s+(?:chiamata|call|telefonata)", "also log the call"),
    (r"logga(?:lo|la)?\s+(?:anche\s+)?una\s+(?:chiamata|call|telefonata)", "log a call"),
    (r"logga(?:lo|la)?\s+(?:anche\s+)?(?:la|una)\s+(?:riunione|meeting|incontro)", "log a meeting"),
    (r"logga(?:lo|la)?\s+(?:anche\s+)?(?:la|una)\s+nota", "log a note"),
    (r"logga(?:lo|la)?", "log it"),
    (r"nota\s+su", "note on"),
    (r"(?:chiamata|telefonata)\s+con", "call with"),
    (r"(?:riunione|incontro)\s+con", "meeting with"),
    (r"con(?=\s+" + _CAP + ")", "with"),
    (r"chiamata|telefonata", "call"),
    (r"riunione", "meeting"),
    # deals, segments, campaigns, reports
    (r"nuovo\s+(?:deal|affare|trattativa)|(?:crea|apri)\s+(?:un\s+)?(?:nuovo\s+)?(?:deal|affare)", "new deal"),
    (r"chiusura\s+prevista", "expected close"),
    (r"crea\s+(?:un\s+)?segmento", "create a segment"),
    (r"(?:prepara|fai|crea|scrivi)\s+una\s+bozza\s+di\s+campagna\s+(e-?mail|sms)", r"draft an \1 campaign"),
    (r"(?:prepara|fai|crea|scrivi)\s+una\s+bozza\s+di\s+(?:e-?mail|campagna)", "draft an email campaign"),
    (r"per\s+il\s+segmento", "for the segment"),
    (r"oggetto", "subject"),
    (r"com['’]è\s+messa\s+la\s+pipeline|come\s+va\s+la\s+pipeline", "how is the pipeline"),
    (r"quale\s+fonte", "which source"),
    # questions: "quand'è il prossimo follow-up con X", "numero di X", "score di X"
    (r"quand['’]è|quando\s+(?:è|e['’])", "when is"),
    (r"quando", "when"),
    (r"quanti\s+(?:mq|m2|metri\s+quadr[ia])\s+(?:sono|fa|fanno)", "how many square metres is"),
    (r"quanti|quante", "how many"),
    # out of scope in Italian, so the English checks see it: the weather, a joke, a translation, a caption
    (r"che\s+tempo\s+fa", "what's the weather"),
    (r"che\s+differenza\s+di\s+fuso\s+c['’]è\s+tra", "what's the time difference between"),
    (r"come\s+va", "how's it going"),
    (r"vicino\s+a", "near"),
    (r"domattina", "tomorrow morning"),
    (r"raccontami\s+una\s+barzelletta", "tell me a joke"),
    (r"scrivimi|scrivi", "write me"),
    (r"una\s+caption\s+(instagram|linkedin|facebook|tiktok)", r"an \1 caption"),
    (r"una\s+caption", "a caption"),
    (r"un\s+post\s+(linkedin|instagram|facebook)", r"a \1 post"),
    (r"traduci", "translate"),
    (r"correggi", "proofread"),
    (r"mi\s+consigli", "recommend me"),
    (r"differenza\s+di\s+fuso", "time difference"),
    (r"(?:un\s+)?ristorante", "a restaurant"),
    (r"prenotami\s+un\s+taxi", "book a cab"),
    # days and dates: "giovedì", "lunedì prossimo", "entro venerdì", "tra due settimane", "il 15 marzo"
    *((rf"(?:{it})\s+prossim[oa]|(?:il\s+|la\s+)?prossim[oa]\s+(?:{it})", f"next {en}") for it, en in _DAYS),
    *((rf"entro\s+(?:{it})", f"by {en}") for it, en in _DAYS),
    *((rf"(?:a|al|alla|per|di)\s+(?:{it})", f"to {en}") for it, en in _DAYS),
    *((rf"(?:da|a\s+partire\s+da)\s+(?:{it})", f"from {en}") for it, en in _DAYS),
    *((it, en) for it, en in _DAYS),
    (r"entro\s+(?:il|l['’])", "by"),
    (r"entro(?=\s+(?:domani|oggi|fine))", "by"),
    (r"al(?=\s+\d{1,2}(?:°|º)?(?:[/.-]\d|\s+(?:" + _MONTH + r")\b))", "to"),
    (r"dal(?=\s+\d{1,2}(?:°|º)?(?:[/.-]\d|\s+(?:" + _MONTH + r")\b))", "since"),
    (r"(?:il|l['’])(?=\s+\d{1,2}(?:°|º)?(?:[/.-]\d|\s+(?:" + _MONTH + r")\b))", "on"),
    (r"in\s+poi", "onwards"),
    (r"(?:tra|fra)\s+(" + _NUMBER + r")\s+settiman[ae]", r"in \1 weeks"),
    (r"(?:tra|fra)\s+(" + _NUMBER + r")\s+giorni", r"in \1 days"),
    (r"(?:tra|fra)\s+(" + _NUMBER + r")\s+mes[ei]", r"in \1 months"),
    (r"(?:tra|fra)\s+una\s+settimana", "in a week"),
    (r"da\s+inizio\s+anno|dall['’]inizio\s+dell['’]anno|quest['’]anno", "this year"),
    (r"(?:di\s+)?questa\s+settimana", "this week"),
    (r"(?:di\s+)?questo\s+mese", "this month"),
    (r"(?:la\s+)?settimana\s+prossima|(?:la\s+)?prossima\s+settimana", "next week"),
    (r"fine\s+mese", "end of month"),
    (r"(?:a\s+|per\s+|entro\s+)?fine\s+(" + _MONTH + ")", r"end of \1"),
    (r"(?:per\s+|a\s+|entro\s+)?dopodomani", "the day after tomorrow"),
    (r"(?:per\s+|a\s+)?domani", "tomorrow"),
    (r"da\s+oggi", "as of today"),
    (r"(?:di\s+)?oggi", "today"),
    (r"ieri\s+sera", "last night"),
    (r"ieri", "yesterday"),
    (r"stamattina|stamani", "this morning"),
    (r"stasera", "tonight"),
    (r"(?:dal|dalla|da)(?=\s+\d)", "since"),
    (r"dopo\s+(?:il|l['’])?", "after"),
    (r"prima\s+(?:del|dell['’])", "before"),
    *((it, en) for it, en in _MONTHS),
    (r"settimane", "weeks"),
    (r"settimana", "week"),
    # politeness and chatter
    (r"come(?=\s+" + _STAGE + r"\b)", "as"),
    (r"per(?=\s+" + _CAP + ")", "for"),
    (r"con", "with"),
    (r"(?:dal|dalla|dai|da)(?=\s+" + _CAP + ")", "from"),
    (r"(?<!\bis\s)(?<!\bnot\s)(?<!\blonger\s)(?:a|al|alla|in)(?=\s+" + _STAGE + r"\b)", "to"),
    # tags put on or taken off someone: "aggiungi il tag vip a X", "togli il tag freddo da X"
    (r"(add\s+tag\s+[\w-]+)\s+a(?=\s+" + _CAP + ")", r"\1 to"),
    (r"(remove\s+tag\s+[\w-]+)\s+(?:a|da)(?=\s+" + _CAP + ")", r"\1 from"),
    (r"(?-i:è)(?=\s+(?:\+?\d|\S+@))", "is"),
    (r"per\s+favore|x\s+favore|per\s+piacere", "please"),
    (r"grazie(?:\s+mille)?", "thanks"),
    (r"ciao", "hi"),
    (r"buongiorno|buonasera", "good morning"),
    (r"perfetto", "perfect"),
]  # fmt: skip
_ITALIAN = Lexicon(_STRONG, _WEAK, _LEXICON, _PRONOUNS)


def italian_words(text: str) -> int:
    """How many clearly Italian words the message has."""
    return _ITALIAN.clear_words(text)


def is_italian(text: str) -> bool:
    """Does the message mix in Italian? One strong word ("mettilo", "grazie", "domani") or three common ones."""
    return _ITALIAN.mixed_in(text)


# "antonio esposito di ceramiche bassani", "Alessandra di Luce Design": after a name, a lowercase "di" + a name is
# where the person works ("Marco Di Maio": a capitalised "Di" is part of a family name and stays)
_NAME = rf"{_CAP}[a-zà-ÿ'’-]+"
_AT_COMPANY = re.compile(rf"(?<![\w@.'’-])(?P<who>{_NAME}(?:\s+{_NAME})?)\s+(?-i:di)\s+(?={_CAP})")
# "12.500,00 €", "€ 18.000", "10.000 €": an amount in euro
_EURO = re.compile(r"(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?(?:\s*(?:€|euro\b|eur\b))?")
# dictated addresses: "alberto chiocciola fabbrilluminazione punto it"
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w@.])([a-z0-9]+(?:\s+(?:punto|trattino|underscore)\s+[a-z0-9]+)*)\s+chiocciola\s+"
    r"([a-z0-9-]+(?:\s+punto\s+[a-z]+)+)",
    re.I,
)
# "esse erre elle", "esse pi a": company forms spelled out
_FORMS = ((r"esse\s+erre\s+elle|s\s*r\s*l", "S.r.l."), (r"esse\s+pi\s+a", "S.p.A."))
# "e" joins two actions, two tags or two people ("… e Walter Pagani", "tag salone e vip")
_AND = re.compile(r"(?<=[\w.,)])\s+e\s+(?=[A-Za-z])")


# "è stata promossa 🎉 ora è Head of Marketing di Mobili Cattaneo": the new job (the participle says she or he)
_PROMOTED = re.compile(
    r"(?<![\w'’])(?:è|e['’])\s+stat([oa])\s+promoss[oa]\W*(?:ora|adesso)\s+(?:è|e['’])\s+"
    rf"(?P<t>[^,.;!?\n]+?)(?:\s+(?:at|di|da|presso)\s+(?P<co>{_CAP}[^,.;!?\n]*))?(?=\s*(?:[,.;!?\n]|$))",
    re.I,
)


def _promoted(m: re.Match[str]) -> str:
    who = "she" if m.group(1).lower() == "a" else "he"
    at = f" (at {m.group('co')})" if m.group("co") else ""
    return f"got promoted, {who} is now {m.group('t')}{at}"


def _euro(m: re.Match[str]) -> str:
    if "€" not in m.group(0) and not re.search(r"eur", m.group(0), re.I):
        return m.group(0)
    return f"{int(m.group(1).replace('.', ''))} EUR"


def _spoken_email(m: re.Match[str]) -> str:
    def join(s: str) -> str:
        s = re.sub(r"\s+punto\s+", ".", s, flags=re.I)
        s = re.sub(r"\s+underscore\s+", "_", s, flags=re.I)
        return re.sub(r"\s+trattino\s+", "-", s, flags=re.I)

    return f"{join(m.group(1)).lower()}@{join(m.group(2)).lower()}"


def _number_words(text: str) -> str:
    return re.sub(
        r"(?<=\bin )(un|una|uno|due|tre|quattro|cinque|sei)(?= (?:weeks|days|months)\b)",
        lambda m: _NUMBERS[m.group(1).lower()],
        text,
    )


def from_italian(text: str) -> str:
    """The request with its Italian CRM words in English (unchanged when it has none)."""
    if not is_italian(text):
        return text
    text = _SPOKEN_EMAIL.sub(_spoken_email, text)
    for spoken, form in _FORMS:
        text = re.sub(rf"(?<![\w.])(?:{spoken})(?![\w.])", form, text, flags=re.I)
    text = re.sub(r"\s+punto(?=\s+(?-i:[a-zà-ü]))(?!\s+(?:it|com|eu|net|org)\b)", ".", text)
    text = re.sub(r"(?<![\w'’])chiamat[ao](?=\s+['\"‘“«])", "called", text, flags=re.I)  # a campaign's name
    # what they want: "interessata all'influencer marketing", "è interessato all'ufficio stampa"
    text = re.sub(
        r"(?<![\w'’])(?:(?:è|e['’])\s+)?interessat[oaie]\s+(?:all['’]|(?:a|al|alla|ai|agli|alle)\s+)",
        "interested in ",
        text,
        flags=re.I,
    )
    # "l'ho conosciuta al Salone": where they met, which is where the contact came from
    text = re.sub(
        r"(?<![\w'’])l['’]ho\s+conosciut([oa])\s+(?:al|alla|a|all['’]|in)\s*",
        lambda m: "I met " + ("him" if m.group(1).lower() == "o" else "her") + " at the ",
        text,
        flags=re.I,
    )
    text = _PROMOTED.sub(_promoted, text)
    text = _EURO.sub(_euro, text)
    text = re.sub(r"(?<=\d)°", "", text)  # "il 1° marzo"
    text = _AT_COMPANY.sub(r"\g<who> at ", text)
    text = re.sub(rf"(?<=,\s)((?-i:[a-zà-ÿ]+)(?:\s+(?-i:[a-zà-ÿ]+))?)\s+(?-i:di)\s+(?={_CAP})", r"\1 at ", text)
    text = re.sub(r"^\W*(?:cordiali\s+saluti|distinti\s+saluti|saluti)\s*,?\s*", "", text, flags=re.I)
    text = _ITALIAN.to_english(text)
    text = _number_words(text)
    # articles before a name: "il Bianchi", "la Giulia"
    text = re.sub(rf"(?<![\w'’-])(?:il|la|lo)\s+(?={_CAP}[a-zà-ü])", "", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)
    return _AND.sub(" and ", text)
