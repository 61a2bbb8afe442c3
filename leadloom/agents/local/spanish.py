"""Spanish words in English requests, read as their English counterparts.

Crews and reps in bilingual teams switch languages mid-sentence ("Stefan Novak ponlo en opportunity y follow up
el lunes", "Sunita Kapoor no es lead, es customer desde marzo"). The rules read English, so the CRM words of
such a request (stages, verbs of change, days, months, "porfa") are replaced by English ones before anything
else reads it; names and the rest of the sentence stay as written. It is a lexicon, not a translator: a request
written entirely in Spanish still reads poorly, and the README says so.

A message is only rewritten when it carries a clearly Spanish word (``_STRONG``, or three of ``_WEAK``), so
English text with a name like "Luis de la Garza" or a company like "Sol y Sombra" passes unchanged.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# common Spanish words that English text rarely has; three of them mark a Spanish message without a strong word
_WEAK = re.compile(
    r"\b(?:por favor|a[uú]n no|ya no|es|est[aá]|ayer|hoy|reuni[oó]n|junta|semana|mes|tambi[eé]n|d[oó]nde|tiene|"
    r"tengo|ahora|mejor|del|los|las|para|con|que|todos|todas)\b",
    re.I,
)
_STRONG = re.compile(
    r"\b(?:porfa|ponlo|ponla|ponle|p[aá]salo|p[aá]sala|regr[eé]salo|regr[eé]sala|c[aá]mbialo|c[aá]mbiala|"
    r"m[aá]rcalo|m[aá]rcala|agrega|agr[eé]galo|a[ñn]ade|b[oó]rralo|b[oó]rrala|borra|elimina|as[ií]gnale|"
    r"as[ií]gnalo|qu[ií]tale|recu[eé]rdame|todav[ií]a|ya es|ya no es|no es|cliente|clientes|nuevo contacto|"
    r"cotizaci[oó]n|seguimiento|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|ma[ñn]ana|firm[oó]|"
    r"due[ñn]o|etiqueta|llam[eé]|habl[eé]|tarea|tareas|qui[eé]n|cu[aá]ndo|cu[aá]ntos|gracias|desde|p[aá]same|"
    r"mu[eé]velos|borra|agrega|p[oó]nme|h[aá]zme|reg[ií]stral[oa]|logu[eé]al[oa]|tuve|llam[oó]|nom[aá]s|sali[oó]|"
    r"trabaja|tienen|ahora es|p[oó]nles|nuevo|nueva|tomo|dice que|podemos|pas[oó] a|referid[oa]|actualiza|"
    r"actual[ií]zale|c[aá]mbiale|mu[eé]vel[oa]|correo|empresa|puesto|agenda|agendar|etiquetad[oa]s?|contactos|"
    r"prospecto|prospectos|suscriptor(?:es)?|d[aá]le de alta|da de alta|se llama|mayor a|menor a|arriba de|"
    r"debajo de|el clima|chiste|restaurante|trad[uú]ce(?:me)?|recomi[eé]ndame|semana entrante|pesos|cu[aá]l es|"
    r"qu[eé] tal|ll[aá]male|cel|descalif[ií]ca\w*|b[aá]ja(?:lo|la|los|las|le)|mu[eé]vele|qu[ií]tale|agr[eé]gale|"
    r"p[oó]nles|tenemos|ordenad[oa]s|borrador|segmento|asunto|recomiendas|regalo|apellido|corrige|ajusta|"
    r"consentimiento|vencidas|registra|p[aá]saselos|p[aá]salos|promovieron|cr[eé]a(?:me)?|cierre|contacto|apunta|"
    r"(?:lo|la|los|las)\s+lleva|(?:lo|la|los|las)\s+llevo|qui[eé]n\s+lleva|le\s+interesa|anuncios|tel[eé]fono|"
    r"por\s+fin|ya\s+est[aá]|ponle|ponles|cambiar|actualizar|quitar|agregar|a[ñn]adir|asignar|borrar|eliminar|"
    r"crear)\b",
    re.I,
)

# (Spanish, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # whole phrases first (round twelve, read from a Monterrey team's requests and written out from the language)
    # round twenty, read from an Atlanta agency's office notes: an instruction in the infinitive ("cambiar el owner
    # de X a mí", "quitar el sms consent", "agregar los tags …", "borrar todos los …") is the imperative
    (r"(?:cambiar|actualizar|corregir)\s+(?:el|la|su)\s+(owner|due[ñn][oa]|t[ií]tulo|puesto|cargo|email|correo|"
     r"tel[eé]fono|cel(?:ular)?|empresa|compa[ñn][ií]a|etapa|stage|fuente|source|lead\s+source)\s+de",
     r"change the \1 of"),
    (r"(?:cambiar|actualizar|corregir)\s+(?:el|la|su)\s+(owner|t[ií]tulo|puesto|cargo|email|correo|tel[eé]fono|"
     r"cel(?:ular)?|empresa|compa[ñn][ií]a|etapa|stage|fuente|source|lead\s+source)", r"change the \1"),
    (r"(?:agregar|a[ñn]adir)\s+(?:los|las|el|la)\s+(tags?|etiquetas?)", r"add the \1"),
    (r"quitar\s+(?:el|la|los|las)", "remove the"),
    (r"(?:borrar|eliminar)(?:\s+a(?=\s))?", "delete"),
    (r"(?:agregar|a[ñn]adir)", "add"),
    (r"(?:cambiar|mover|pasar)\s+a(?=\s)", "move to"),
    (r"actualizar|cambiar|corregir", "update"),
    (r"asignar(?:l[oae]s?)?", "assign"),
    (r"crear\s+(?:una\s+)?tarea", "create a task"),
    (r"llamar\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "call"),
    (r"a\s+m[ií]", "to me"),
    (r"para\s+m[ií]", "for me"),
    # "es la nueva Office Manager": the new job; "nuevo email: …": the new value
    (r"es\s+(?:la|el)\s+nuev[oa]", "is the new"),
    (r"nuev[oa](?=\s+(?:email|correo|tel[eé]fono|cel(?:ular)?|n[uú]mero)\b)", "new"),
    # ads as a source: "vino de los anuncios de Facebook" came from Facebook ads
    (r"(?:los\s+)?anuncios\s+(?:de|en)\s+(\w+)", r"\1 ads"),
    # "los contactos de angi": the people from a source (a lower-case word, where a company is capitalised)
    (r"contactos\s+de(?=\s+(?-i:[a-z]))", "contacts from"),
    # "nuevo contacto: Ana Ruiz de Ruiz Landscaping LLC": the new person, then the firm they are from
    (r"(?<=contacto:\s)((?-i:[A-ZÁÉÍÓÚÑ])\S+\s+(?-i:[A-ZÁÉÍÓÚÑ])\S+)\s+de(?=\s+(?-i:[A-ZÁÉÍÓÚÑ])\S+\s+"
     r"(?-i:[A-ZÁÉÍÓÚÑ]))", r"\1 from"),
    (r"t[ií]tulo", "title"),
    (r"crear\s+(?:un\s+)?(?:nuevo\s+)?contacto", "create contact"),
    (r"(?:p[oó]n(?:lo|la|los|las)\s+)?a\s+mi\s+nombre", "owner me"),
    # round nineteen, read from a Barcelona agency's requests: who "carries" a client owns it ("lo llevo yo": I own
    # it; "ahora la lleva Marta": Marta owns her now; "¿quién lleva a X?": who owns X)
    (r"(?:yo\s+)?(?:lo|la|los|las)\s+llevo(?:\s+yo)?", "owner me"),
    (r"(?:y\s+)?(?:ahora\s+)?(?:lo|la|los|las)\s+lleva(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "owner"),
    (r"(?:a\s+)?qui[eé]n\s+lleva(?:\s+a)?", "who owns"),
    # a forwarded message in the first person: "Hola, soy Diego Ruiz, de …" is "I'm Diego Ruiz, from …"
    (r"soy(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "I'm"),
    # "apunta a X": write X down, i.e. add the contact; "crea el contacto de X": the same
    (r"ap[uú]nta(?:me)?\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "add"),
    (r"crea(?:r|me)?\s+(?:el|un)\s+contacto\s+(?:de|para)(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "add"),
    # tags by their name: "quítale lo de hot-lead", "quítale la de paid-social" (la etiqueta de …), "ponle a X la
    # etiqueta de seo": the tag comes after "de"
    (r"qu[ií]ta(?:le|les|lo|la)\s+(?:lo|la|el|las|los)\s+de(?=\s+[\w-]+)", "remove tag"),
    (r"p[oó]n(?:le|les)\s+a\s+((?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+)*)\s+(?:la\s+|el\s+)?"
     r"(?:etiqueta|tag)(?:\s+de)?", r"\1: add tag"),
    (r"con\s+(?:la\s+)?(?:etiqueta|tag)(?:\s+de)?", "tagged"),
    (r"(?:la\s+)?etiqueta\s+de(?=\s+[\w-]+)", "tag"),
    # the follow-up set, not a tag: "ponles seguimiento el 3 de mayo", "y el seguimiento para el jueves"
    (r"p[oó]n(?:le|les|lo|la)\s+(?:el\s+)?(?:follow[- ]?up|seguimiento)(?:\s+(?:para|a))?", "set the follow up"),
    # ("muévele el seguimiento a Hannah": "a" there is the person's, so only "y el … a" or "el … para")
    (r"y\s+el\s+(?:follow[- ]?up|seguimiento)\s+(?:para|a)|el\s+(?:follow[- ]?up|seguimiento)\s+para", "and follow up"),
    # a date said in full: "el 1 de enero de 2026", "el 10 de mayo"
    (r"(?:el\s+)?(\d{1,2})\s+de\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
     r"noviembre|diciembre)(?:\s+de(?=\s+\d{4}))?", r"\1 \2"),
    (r"que\s+(?:la|lo|los|las)\s+lleve", "owner"),
    (r"oye", "hey"),
    (r"due[ñn][oa]\s+de", "owner of"),
    (r"p[aá]same\s+(?:el|la|su)\s+(cel(?:ular)?|correo|tel[eé]fono|email|n[uú]mero|whats)\s+de", r"give me the \1 of"),
    (r"p[aá]same\s+(?:el|la|su)\s+(cel(?:ular)?|correo|tel[eé]fono|email|n[uú]mero|whats)", r"give me the \1"),
    (r"p[aá]sa(?:se)?(?:los|las)\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "assign them to"),
    (r"(?:a\s+)?qui[eé]n\s+tenemos\s+(?:de|en)", "who do we have at"),
    (r"cu[aá]ndo\s+me\s+toca\s+el", "when is the"),
    (r"(?:qu[eé]\s+)?tareas\s+tengo\s+vencidas|mis\s+tareas\s+vencidas", "my overdue tasks"),
    (r"registra\s+que\s+habl[eé]\s+con", "log a call with"),
    (r"(?:y\s+)?reg[ií]stra(?:la|lo)?\s+la\s+llamada", "and log the call"),
    (r"llamarle\s+a", "to call"),
    (r"a\s+las\s+(\d{1,2}(?::\d\d)?)", r"at \1"),
    (r"h[aá]zme\s+un\s+borrador\s+de\s+(?:email|correo|e-mail)", "draft an email campaign"),
    (r"h[aá]zme\s+un\s+borrador\s+de\s+(?:sms|mensaje)", "draft an sms campaign"),
    (r"crea(?:me)?\s+un\s+segmento", "create a segment"),
    (r"crea(?:me)?\s+un\s+(?:deal|negocio|trato)", "new deal"),
    (r"cierre\s+estimado", "expected close"),
    (r"para\s+el\s+segmento", "for the segment"),
    (r"llamad[oa](?=\s+['\"‘“])", "called"),
    (r"asunto", "subject"),
    (r"ordenad[oa]s\s+por", "sorted by"),
    (r"de\s+mayor\s+a\s+menor", "highest first"),
    (r"de\s+menor\s+a\s+mayor", "lowest first"),
    (r"lista\s+de\s+mis", "list my"),
    (r"(?:pa|para)\s+arriba", "or more"),
    (r"(?:que\s+se\s+)?crearon|cread[oa]s", "created"),
    (r"este\s+a[ñn]o|en\s+lo\s+que\s+va\s+del\s+a[ñn]o", "this year"),
    (r"esta\s+semana", "this week"),
    (r"[uú]ltimos", "latest"),
    (r"entraron\s+por|llegaron\s+por", "came from"),
    (r"qu[eé]\s+fuente", "which source"),
    (r"nos\s+ha\s+tra[ií]do\s+m[aá]s", "brought the most"),
    (r"que\s+tengan", "that have"),
    (r"qu[eé]\s+restaurante\s+me\s+recomiendas", "any restaurant recommendations"),
    (r"qu[eé]\s+le\s+regalo", "what would be a nice gift"),
    (r"descalif[ií]ca(?:lo|la|los|las)?(?:\s+a(?=\s))?", "disqualify"),
    (r"b[aá]ja(?:lo|le)\s+a", "move him to"),
    (r"b[aá]jala\s+a", "move her to"),
    (r"b[aá]ja(?:los|las|les)\s+a", "move them to"),
    (r"mu[eé]vele\s+el\s+(?:seguimiento|follow[- ]?up)\s+a", "move the follow up for"),
    (r"mu[eé]vele\s+el\s+(?:seguimiento|follow[- ]?up)", "move the follow up"),
    (r"al(?=\s+\d)", "to"),
    *((rf"al\s+{es}", f"to {en}") for es, en in (
        ("lunes", "monday"), ("martes", "tuesday"), ("mi[eé]rcoles", "wednesday"), ("jueves", "thursday"),
        ("viernes", "friday"), ("s[aá]bado", "saturday"), ("domingo", "sunday"))),
    (r"oportunidades", "opportunities"),
    (r"(?:vinieron|llegaron|salieron)\s+(?:del|de\s+la|de|por)", "came from the"),
    (r"(?<!lo\s)(?<!la\s)(?<!le\s)(?<!los\s)(?<!las\s)(?<!les\s)como(?=\s+(?:lead|mql|sql|opportunity|oportunidad|customer|cliente|subscriber|suscriptor|evangelist|"
     r"churned|disqualified)\b)", "as"),
    (r"qu[ií]tale\s+el\s+consentimiento\s+de\s+(?:email|correo)s?", "turn off email consent"),
    (r"qu[ií]tale\s+el\s+consentimiento\s+de\s+(?:sms|mensajes|textos|whats(?:app)?)", "turn off sms consent"),
    (r"(?:ya\s+)?no\s+le\s+mandemos\s+(?:correos|e-?mails)", "no more emails"),
    (r"(?:ya\s+)?no\s+le\s+mandemos\s+(?:mensajes|sms|textos|whats)", "no more texts"),
    (r"qu[ií]tale\s+(?:el|la)\s+([\w-]+)\s+a", r"remove the \1 tag from"),
    (r"agr[eé]gale(?:\s+(?:el|la|los|las))?(?:\s+(?:tags?|etiquetas?))?", "add tag"),
    (r"qu[ií]tale(?!\s+(?:el|la|los|las)?\s*(?:tag|etiqueta))", "remove tag"),
    (r"p[oó]nles", "tag them"),
    (r"(?:la|lo)\s+promovieron", "got promoted"),
    (r"actual[ií]zal[oa]", "update her title"),
    (r"se\s+cambi[oó]\s+de", "moved from"),
    (r"ajusta\s+su", "update the"),
    (r"corrige", "fix"),
    (r"apellido", "last name"),
    (r"no\s+nom[aá]s", "not just"),
    (r"tod[oa]s\s+sus\s+contactos", "all their contacts"),
    (r"ya\s+no\s+est[aá]\s+en\s+el\s+equipo", "has left the team"),
    (r"que(?=\s+(?:came|have)\b)", "who"),
    # verbs of change with their object pronoun: "ponlo en opportunity", "pásala a sql", "regrésalo a lead"
    # the object pronoun says who: -lo/-le him, -la her, -los/-las/-les them
    (r"(?:p[oó]n|p[aá]sa|c[aá]mbia)(?:lo|le)\s+(?:en|a|como)", "move him to"),
    (r"(?:p[oó]n|p[aá]sa|c[aá]mbia)la\s+(?:en|a|como)", "move her to"),
    (r"(?:p[oó]n|p[aá]sa|c[aá]mbia)(?:los|las|les)\s+(?:en|a|como)", "move them to"),
    (r"(?:regr[eé]sa|devu[eé]lve)(?:lo|le)\s+(?:en|a)", "move him back to"),
    (r"(?:regr[eé]sa|devu[eé]lve)la\s+(?:en|a)", "move her back to"),
    (r"(?:regr[eé]sa|devu[eé]lve)(?:los|las|les)\s+(?:en|a)", "move them back to"),
    (r"m[aá]rca(?:lo|le)\s+como", "mark him as"),
    (r"m[aá]rcala\s+como", "mark her as"),
    (r"m[aá]rca(?:los|las|les)\s+como", "mark them as"),
    (r"as[ií]gna(?:le|lo|la|selo|sela)\s+a", "assign to"),
    (r"as[ií]gna(?:les|los|las|selos|selas)\s+a", "assign them to"),
    (r"(?:qu[ií]tale|qu[ií]tales)\s+(?:el|la|los|las)?\s*(?:tag|etiqueta)", "remove the tag"),
    (r"(?:ponle|p[oó]nle|ponles)\s+(?:el|la|los|las)?\s*(?:tags?|etiquetas?)", "tag them"),
    (r"(?:agrega|agr[eé]galo|agr[eé]gala|a[ñn]ade|crea)\s+(?:a|un|una)?\s*(?:nuevo\s+)?(?:contacto)?", "add"),
    (r"(?:b[oó]rralo|b[oó]rrala|b[oó]rralos|borra|elimina|elim[ií]nalo|elim[ií]nala)(?:\s+a(?=\s))?", "delete"),
    # a verb, then "a" + the person: "cambia a Juan Pérez a opportunity", "pon a Lupita como customer"
    (r"(?:cambia|mueve|pasa|pon|marca)\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "move"),
    (r"(?:as[ií]gna|p[aá]sale|dale)\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "assign"),
    (r"(?:actualiza|actual[ií]zale|c[aá]mbiale)", "update"),
    (r"(?:da|dale|dar)\s+de\s+alta\s+a|registra\s+a|crea\s+(?:un\s+)?contacto\s+(?:para|de)", "add"),
    (r"(?:borra|elimina)\s+a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "delete"),
    (r"agenda(?:r)?\s+una", "schedule a"),
    # "… a opportunity", "… a sql": "a" before a stage is "to"
    (r"a(?=\s+(?:lead|mql|sql|opportunity|opp|customer|cliente|subscriber|evangelist|churned|disqualified)\b)",
     "to"),
    # whose field: "el correo de X es …", "¿cuál es el cel de X?"
    (r"(?:el|su)\s+(correo|cel(?:ular)?|tel[eé]fono|puesto|cargo|empresa)\s+de", r"the \1 of"),
    (r"(?:de\s+)?qui[eé]n\s+es|qui[eé]n\s+tiene\s+a", "who owns"),
    (r"se\s+llama|su\s+nombre\s+es", "named"),
    # selections and thresholds: "todos los que …", "con score mayor a 70", "etiquetados como vip"
    (r"tod[oa]s\s+l[oa]s\s+que", "everyone who"),
    (r"(?:a\s+)?tod[oa]s\s+l[oa]s(?!\s+(?:de|que)\b)", "all"),
    (r"con(?=\s+(?:un\s+)?(?:score|puntaje|puntuaci[oó]n|calificaci[oó]n|la\s+etiqueta|tag|etiqueta)\b)", "with"),
    (r"puntaje|puntuaci[oó]n|calificaci[oó]n", "score"),
    (r"nuevo\s+(?:deal|negocio|trato)", "new deal"),
    (r"para(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "for"),
    (r"en(?=\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "at"),
    (r"cierra|cerrar[ií]a|cierre", "close"),
    (r"ll[aá]male\s+a|h[aá]blale\s+a", "call"),
    (r"qu[eé]\s+tal", "how is"),
    (r"(?:mayor|m[aá]s)\s+(?:a|de|que)|arriba\s+de|por\s+encima\s+de", "over"),
    (r"(?:menor|menos)\s+(?:a|de|que)|debajo\s+de|por\s+debajo\s+de", "under"),
    (r"a(?=\s+(?:\S+@|\+?\d))", "to"),  # "actualiza el correo de X a x@…": the new value
    (r"etiquetad[oa]s?\s+(?:como|con)|con\s+la\s+etiqueta", "tagged"),
    (r"sin\s+(?:due[ñn]o|owner|asignar)", "unowned"),
    (r"(?:el\s+)?(?:sitio|p[aá]gina)\s+web|la\s+p[aá]gina", "the website"),
    # out of scope in Spanish, so the English checks see it: the weather, a joke, a restaurant, a translation
    (r"(?:el\s+)?clima", "the weather"),
    (r"cu[eé]ntame\s+un\s+chiste|un\s+chiste", "tell me a joke"),
    (r"recomi[eé]ndame", "recommend me"),
    (r"restaurantes?", "restaurant"),
    (r"trad[uú]ce(?:me)?|traducir", "translate"),
    (r"escr[ií]beme", "write me"),
    # who owns it: "ponme a mí de owner", "la tomo yo"
    (r"p[oó]nme\s+a\s+m[ií]\s+(?:de|como)\s+(?:owner|due[ñn][oa]|encargad[oa])", "owner me"),
    (r"(?:yo\s+)?(?:la|lo)\s+tomo(?:\s+yo)?|me\s+(?:la|lo)\s+quedo", "I take it"),
    # logging and tasks: "regístrala como meeting", "loguéalo como call", "hazme una tarea", "pon una nota a X"
    (r"(?:reg[ií]stral[oa]|logu[eé]al[oa]|an[oó]tal[oa])\s+como", "log it as"),
    (r"h[aá]zme\s+(?:una\s+)?tarea", "create a task for me"),
    (r"p[oó]n(?:le)?\s+una\s+nota\s+a", "add a note to"),
    (r"tuve\s+(?:una\s+)?(?:junta|reuni[oó]n)\s+con", "had a meeting with"),
    (r"me\s+llam[oó]", "called me"),
    # consent: "dice que sí le podemos mandar emails"
    (r"dice\s+que\s+s[ií]\s+(?:le\s+|les\s+)?(?:podemos|puedo|pueden)\s+mandar\s+(?:e-?mails|correos)",
     "said yes to emails"),
    (r"dice\s+que\s+s[ií]\s+(?:le\s+|les\s+)?(?:podemos|puedo|pueden)\s+mandar\s+(?:mensajes|sms|textos)",
     "said yes to texts"),
    # "el cel nuevo de Pete Sandoval es …", "su número nuevo es …"
    (r"(?:el|su)\s+(?:cel(?:ular)?|tel[eé]fono|n[uú]mero)\s+nuevo\s+de", "the new phone of"),
    (r"(?:el|su)\s+(?:cel(?:ular)?|tel[eé]fono|n[uú]mero)\s+nuevo", "the new phone"),
    # "de" after a selection means at/from: "a todos los de X", "borra todos los churned de X"
    (r"(?:a\s+)?tod[oa]s\s+l[oa]s\s+de", "everyone at"),
    (r"(?:a\s+)?tod[oa]s\s+l[oa]s\s+([\w-]+)\s+de(?=\s+(?-i:[A-Z]))", r"all \1 at"),
    (r"que\s+tienen", "that have"),
    (r"antes\s+del?", "before"),
    (r"despu[eé]s\s+del?", "after"),
    (r"trabaja\s+(?:en|para|con)", "works at"),
    (r"(?:sali[oó]|vino|viene|lleg[oó])\s+(?:del|de\s+la|de|por)", "came from the"),
    (r"no\s+tengo\s+(?:su\s+)?correo", "no email yet"),
    (r"nom[aá]s", "just"),
    (r"ahora\s+es", "is now"),
    (r"p[oó]nle\s+(?:el\s+)?(?:follow[- ]?up|seguimiento)", "set the follow up"),
    # "los leads de X …": the people at that stage
    (r"(?:los|las)(?=\s+(?:leads?|opportunit\w*|opps?|customers?|clientes?|contactos?|contacts?|mqls?|sqls?|"
     r"subscribers?|churned|prospect\w*|suscriptores)\b)", "the"),
    (r"recu[eé]rdame", "remind me"),
    (r"p[aá]same\s+(?:todos\s+los|todas\s+las)", "assign to me all"),
    (r"p[aá]same", "assign to me"),
    (r"(?:mu[eé]vel[oa]s|p[aá]sal[oa]s)\s+al", "move them"),  # "muévelos al lunes": the day says "on"
    (r"mu[eé]velos|mu[eé]velas|p[aá]salos|p[aá]salas", "move them to"),
    (r"que no (?:hemos )?contactamos desde|que no hemos contactado desde|sin contactar desde", "not contacted since"),
    (r"(?:a\s+)?qui[eé]n no hemos contactado desde", "who have we not contacted since"),
    (r"(?:de\s+)?los m[ií]os", "mine"),
    (r"(?:qu[eé]\s+)?tareas\s+tengo\s+abiertas|mis\s+tareas\s+abiertas", "my open tasks"),
    (r"tareas", "tasks"),
    (r"abiertas|abiertos", "open"),
    (r"vencidas|atrasadas", "overdue"),
    (r"nuevo contacto|contacto nuevo", "new contact"),
    # status said in Spanish
    (r"pas[oó]\s+a", "moved to"),  # "leticia pena pasó a opportunity"
    (r"es\s+(?:la|el)\s+(?:owner|due[ñn][oa])", "is the owner"),  # "es la owner": she owns the business (her job)
    (r"ya no es", "is no longer"),
    (r"ya es", "is now"),
    (r"no es", "is not"),
    (r"(?:todav[ií]a|a[uú]n)", "yet"),
    (r"(?:ya\s+)?(?:firm[oó]|firmaron|firm[oó] el contrato)", "signed"),
    (r"se fue con (?:otra compa[ñn][ií]a|la competencia|otro proveedor)", "churned"),
    (r"clientes", "customers"),
    (r"cliente", "customer"),
    (r"oportunidad", "opportunity"),
    (r"descalif[ií]calo|descalif[ií]cala|descalificar", "disqualify"),
    (r"descalificado|descalificada", "disqualified"),
    (r"est[aá]", "is"),
    (r"es", "is"),
    # the record's fields
    (r"due[ñn]o|due[ñn]a|encargado|encargada", "owner"),
    (r"puesto|cargo", "title"),
    (r"empresa|compa[ñn][ií]a", "company"),
    (r"etapa", "stage"),
    (r"fuente|origen", "source"),
    (r"nota", "note"),
    (r"prospectos", "leads"),
    (r"prospecto", "lead"),
    (r"suscriptor(?:es|a)?", "subscriber"),
    (r"evangelista", "evangelist"),
    (r"descartad[oa]s?", "disqualified"),
    (r"contactos", "contacts"),
    (r"contacto", "contact"),
    (r"tambi[eé]n", "also"),
    (r"seguimiento", "follow up"),
    (r"etiqueta", "tag"),
    (r"cel(?:ular)?|tel[eé]fono", "phone"),
    (r"correo(?: electr[oó]nico)?", "email"),
    (r"cotizaci[oó]n", "quote"),
    (r"(?:la\s+)?(?:junta|reuni[oó]n)", "meeting"),
    (r"(?:la\s+)?llamada", "call"),
    (r"(?:una\s+)?tarea", "task"),
    (r"referid[oa]\s+(?:por|de)|recomendad[oa]\s+por", "referral from"),  # "referido por ramon elizondo"
    (r"referido|recomendaci[oó]n", "referral"),
    (r"m[ií]o|m[ií]a", "mine"),
    (r"todos los|todas las|a todos los|a todas las", "all"),
    (r"qui[eé]n", "who"),
    (r"cu[aá]les|cu[aá]l", "which"),
    (r"cu[aá]ndo", "when"),
    (r"cu[aá]ntos|cu[aá]ntas", "how many"),
    (r"desde", "since"),
    # days and dates
    # "el viernes que viene": next Friday
    *((rf"(?:el\s+)?{es}\s+que\s+viene", f"next {en}") for es, en in (
        ("lunes", "monday"), ("martes", "tuesday"), ("mi[eé]rcoles", "wednesday"), ("jueves", "thursday"),
        ("viernes", "friday"))),
    (r"(?:el\s+)?pr[oó]ximo\s+(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)", r"next \1"),
    (r"(?:el\s+)?(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)", r"on \1"),
    (r"lunes", "monday"), (r"martes", "tuesday"), (r"mi[eé]rcoles", "wednesday"), (r"jueves", "thursday"),
    (r"viernes", "friday"), (r"s[aá]bado", "saturday"), (r"domingo", "sunday"),
    (r"(?:en\s+la|esta|por\s+la)\s+ma[ñn]ana", "this morning"),
    (r"pasado ma[ñn]ana", "the day after tomorrow"),
    (r"ma[ñn]ana", "tomorrow"),
    (r"hoy", "today"),
    (r"ayer", "yesterday"),
    (r"la\s+(?:pr[oó]xima\s+semana|semana\s+que\s+viene|semana\s+entrante)|pr[oó]xima\s+semana", "next week"),
    (r"este\s+mes", "this month"),
    (r"el\s+mes\s+pasado", "last month"),
    (r"la\s+semana\s+pasada", "last week"),
    (r"hace\s+(\d+)\s+d[ií]as", r"\1 days ago"),
    (r"en\s+(\d+)\s+semanas", r"in \1 weeks"),
    (r"en\s+una\s+semana", "in one week"),
    (r"(\d+)\s+mil(?=\s+(?:pesos|d[oó]lares|usd|mxn)\b)", r"\1k"),
    (r"pesos(?:\s+mexicanos)?", "MXN"),
    (r"d[oó]lares", "USD"),
    (r"(?:a\s+)?fin(?:ales)?\s+de(?:l)?\s+mes", "end of the month"),
    (r"en\s+(?:dos|2)\s+semanas", "in two weeks"),
    (r"en\s+(\d+)\s+d[ií]as", r"in \1 days"),
    (r"el\s+(\d{1,2})\s+de\s+", r"\1 "),
    (r"enero", "january"), (r"febrero", "february"), (r"marzo", "march"), (r"abril", "april"), (r"mayo", "may"),
    (r"junio", "june"), (r"julio", "july"), (r"agosto", "august"), (r"septiembre|setiembre", "september"),
    (r"octubre", "october"), (r"noviembre", "november"), (r"diciembre", "december"),
    # "a" before a full name, once the verbs that own their "a" have been read: "agregar los tags … a Ana Ruiz"
    (r"a(?=\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+\s+(?-i:[A-ZÁÉÍÓÚÑ]))", "to"),
    # politeness
    (r"porfa(?:vor)?|por favor|plis", "please"),
    (r"gracias", "thanks"),
]  # fmt: skip
_SPANISH = Lexicon(_STRONG, _WEAK, _LEXICON)


def spanish_words(text: str) -> int:
    """How many clearly Spanish words the message has."""
    return _SPANISH.clear_words(text)


def is_spanish(text: str) -> bool:
    """Does the message mix in Spanish? One strong word ("ponlo", "cliente", "lunes") or three common ones."""
    return _SPANISH.mixed_in(text)


# "y" joins two actions ("ponlo en opportunity y follow up el lunes"); elsewhere it may be part of a name
_AND = re.compile(
    r"\by\s+(?=(?:follow|tag|move|mark|assign|remind|add|delete|log|set|send|call|on|remove|put|change)\b)", re.I
)


# "ponle tag hoa y bilingual": "y" between two lower-case words (tags, sources) is "and"
_AND_WORDS = re.compile(r"(?<=[a-z\d])\s+y\s+(?=[a-z][\w-]*\b)")


def from_spanish(text: str) -> str:
    """The request with its Spanish CRM words in English (unchanged when it has none)."""
    if not is_spanish(text):
        return text
    return _AND_WORDS.sub(" and ", _AND.sub("and ", _SPANISH.to_english(text)))


# Spanish names: a given name, then two family names (father's, then mother's), as in "Rogelio Treviño Cano"; or
# two given names and one family name, as in "Jorge Alberto Ruiz". A middle word that is a common given name says
# which. Countries where the two-surname custom is the rule:
SPANISH_SPEAKING = frozenset(
    {"MX", "ES", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV", "NI", "CR", "PA", "UY",
     "PR"}
)  # fmt: skip
GIVEN_NAMES = frozenset(
    """jose maria luis angel alberto antonio manuel carlos eduardo fernando francisco javier jesus juan miguel pablo
    rafael ramon andres enrique ernesto gabriel guadalupe ignacio isabel jorge julio lorenzo lucia marta patricia
    pedro ricardo roberto rosa elena fernanda sofia teresa carmen cristina eugenia alejandra alejandro daniel daniela
    david diego emilio esteban felipe gerardo gustavo hector hugo joaquin ana laura beatriz mercedes pilar ines
    victoria cecilia dolores concepcion esperanza gloria graciela leticia lourdes luz margarita mariana monica paula
    raquel silvia susana veronica adriana claudia diana estela irene josefina julia lorena luisa martha natalia norma
    olga rocio sandra yolanda armando arturo cesar cristobal felix gonzalo martin mauricio oscar raul rodrigo ruben
    salvador sergio tomas victor xavier ramiro alfonso agustin bernardo camilo emiliano federico guillermo humberto ivan
    jaime leonardo marco marcos mario nicolas octavio orlando rogelio santiago samuel alicia andrea carolina elisa
    gabriela guadalupe jimena lizbeth lucero magdalena marisol paola regina ximena""".split()
)
