"""Brazilian Portuguese words in requests, read as their English counterparts.

Teams in Brazil write to the CRM in Portuguese, or in Portuguese around English CRM jargon, WhatsApp style
("passa a Juliana pro Diego", "marca o Felipe como desqualificado", "cadastra o Neto: …, sql, meu", "qual o
telefone do Kleber da Mundo Gourmet?", "me lembra de mandar o relatório pro Lucas na sexta", "MQLs sem nenhum
contato há 90 dias voltam pra lead"). The rules read English, so the frame of such a request (verbs of change,
stages, fields, "pro"/"pra", pronouns, days, months, amounts in reais) is rewritten in English before anything
else reads it; names and the rest of the sentence stay as written. Written out from the language (round
fourteen) with a São Paulo agency's requests as the examples; it is not a translator.

Portuguese shares many words with Spanish ("cliente", "desde", "empresa"), so a message is read as Portuguese
only when it has more clearly Portuguese words (``_STRONG``: "pra", "você", "tá", "não", "cadastra", "amanhã",
"-ção", "pfv", "kkkk") than Spanish or French ones. "Pro" is also English ("pro plan") and only counts as one of
the common words (``_WEAK``); capitalised words that are also names ("Assis", "Leme") are not in either list.
"""

from __future__ import annotations

from leadloom.agents.local import rx as re
from leadloom.agents.local.lexicon import Lexicon

# common Portuguese words that English text rarely has; three of them mark a Portuguese message
_WEAK = re.compile(
    r"(?<![\w@.'’-])(?:pro|pros|da|das|dos|na|nas|ele|ela|uma|de|em|sem|mais|tem|foi|vai|ainda|agora|mesmo|"
    r"aqui|lá|só|todos|todas|isso|esse|essa|seu|sua)(?![\w@'’-])"
)
_STRONG = re.compile(
    r"(?<![\w@.'’-])(?:pra|pras|você|vc|vcs|tá|tô|tava|tão|não|nao|é|já|também|tbm|tb|pfv|pf|obrigad[oa]|valeu|"
    r"kk+|hj|agr|cmg|comigo|né|então|aí|oii+|olá|bom\s+dia+|boa\s+(?:tarde|noite)|tudo\s+bem|"
    r"cadastr[ae]r?|cadastra|deleta|deletar|apaga|apagar|exclui|excluir|adiciona|adicionar|coloca|colocar|põe|"
    r"bota|joga|empurra|muda|mudar|passa|passou|virou|vira|voltou|voltam|fechou|assinou|cancelou|ligou|liguei|"
    r"desqualifica|desqualificad[oa]s?|oportunidades?|assinantes?|evangelista|contatos?|tarefas?|lembra|"
    r"ligação|reunião|amanhã|amanha|ontem|segunda|terça|quarta|sexta|sábado|semana\s+que\s+vem|"
    r"(?-i:quinta)|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    r"atrasad[oa]s?|vencid[oa]s?|venceram|abertos|estágio|sobrenome|primeiro\s+nome|arroba|vírgula|origem|"
    r"(?-i:dono|dona)|responsável|carteira|quais|qual\s+(?:o|a|é)|quem|quando|quanto|quantos|quantas|todo\s+mundo|nenhum|"
    r"nenhuma|acima\s+de|abaixo\s+de|depois\s+de|meus|minhas|minha|(?-i:dele|dela)|nele|nela|pelo|pela|"
    r"(?-i:ele|ela|eles|elas|só|sem|com|uma|ao|aos|tem|foi|faz|fez|quer|pode|deixa|falou|pediu|chegou|"
    r"veio|saiu|entrou|trocou|mudou|nosso|nossa|isso|esse|essa|mais|muito|tudo|depois|agora|cria|criar|lista|"
    r"abre|pq|pessoal|gente|ganhamos|fechamos|perdemos)|"
    r"(?-i:[a-zà-ü]*(?:ção|ções|ão|ões)))(?![\w@'’-])",
    re.I,
)

_DAYS = (
    ("segunda(?:-feira)?", "monday"), ("terça(?:-feira)?|terca(?:-feira)?", "tuesday"),
    ("quarta(?:-feira)?", "wednesday"), ("quinta(?:-feira)?", "thursday"), ("sexta(?:-feira)?", "friday"),
    ("sábado|sabado", "saturday"), ("domingo", "sunday"),
)  # fmt: skip
_DAY = "|".join(pt for pt, _ in _DAYS)
_STAGE = r"(?:lead|mql|sql|opportunity|opp|customer|subscriber|evangelist|churned|disqualified)s?"
_CAP = r"(?-i:[A-ZÀ-Ý])"

# (Portuguese, English), longest phrases first; each is matched as whole words, case-insensitively.
_LEXICON: list[tuple[str, str]] = [
    # stages first, so the verbs below see English stage words
    (r"clientes", "customers"),
    (r"cliente", "customer"),
    (r"desqualificad[oa]s", "disqualified"),
    (r"desqualificad[oa]", "disqualified"),
    (r"desqualifica(?:r)?(?:\s+(?:ele|ela|o|a))?", "disqualify"),
    (r"oportunidades", "opportunities"),
    (r"oportunidade", "opportunity"),
    (r"assinantes?", "subscriber"),
    (r"evangelistas?", "evangelist"),
    (r"perdid[oa]", "churned"),
    (r"ganho", "won"),
    (r"(?-i:os|as)(?=\s+" + _STAGE + r"\b)", "the"),
    # who: object pronouns after a verb, articles before a name
    (r"tira(?:r)?\s+a\s+tag\s+([\w-]+)\s+(?:d[aoe]|of)", r"remove the tag \1 from"),
    (r"(?:remove|tira)\s+a\s+tag\s+([\w-]+)\s+de", r"remove the tag \1 from"),
    (r"com\s+todo\s+mundo\s+com", "with"),
    (r"(?:d[eo]\s+)?todo\s+mundo\s+(?:que|com)", "everyone who"),
    (r"(?:d[eo]\s+)?todo\s+mundo\s+de\s+l[áa]", "everyone there"),
    (r"todo\s+mundo", "everyone"),
    (r"tod[oa]s\s+[oa]s\s+contatos\s+(?:dele|deles)", "all his contacts"),
    (r"tod[oa]s\s+[oa]s\s+contatos\s+(?:dela|delas)", "all her contacts"),
    (r"tod[oa]s\s+[oa]s\s+contatos\s+de\s+l[áa]", "all contacts there"),
    (r"tod[oa]s\s+[oa]s\s+contatos", "all contacts"),
    (r"tod[oa]s\s+[oa]s", "all"),
    (r"quem\s+(?:tá|está|esta|ta)\s+com", "everyone with"),
    (r"quem\s+tem", "everyone with"),
    # owners: "quem cuida da X", "quem é o dono da X", "na minha carteira", "deixa comigo", "meu"
    (r"quem\s+(?:cuida|toma\s+conta)\s+(?:d[aoe]|of)", "who owns"),
    (r"quem\s+[ée]\s+(?:o|a)\s+(?:dono|dona|responsável|owner)\s+(?:d[aoe]|of)", "who owns"),
    (r"(?:coloca|põe|poe|passa|bota|joga)\s+(?:a\s+|o\s+)?(.+?)\s+na\s+minha\s+carteira", r"assign \1 to me"),
    (r"(?:na|pra)\s+minha\s+carteira|(?:deixa|fica)\s+(?:com\s+ele|comigo|cmg)|sob\s+mim", "owner me"),
    (r"respons[áa]vel\s+(?:pela\s+conta|pelo\s+contato)", "owner"),
    (r"(?<=,\s)(?:meu|minha)(?=\s*(?:[,.!]|$))", "owner me"),
    # verbs of change: "passa a Juliana pro Diego", "passa ele pra sql", "muda ela pra cliente"
    (r"(?:passa|muda|joga|coloca|põe|poe|bota|deixa)\s+(?:ela|a)\s+(?:de\s+novo\s+)?(?:pra|para|como|pro|em)",
     "move her to"),
    (r"(?:passa|muda|joga|coloca|põe|poe|bota|deixa)\s+(?:ele|o)\s+(?:de\s+novo\s+)?(?:pra|para|como|pro|em)",
     "move him to"),
    (r"(?:passa|muda|joga)\s+(?:eles|elas|os|as)\s+(?:pra|para|pro)", "move them to"),
    (r"(?:pode\s+)?(?:passa|muda|move|joga|coloca|põe|poe|bota|deixa|ir|vai|voltam?|volta)\s+"
     r"(?:direto\s+)?(?:pra|para|pro|como)(?=\s+" + _STAGE + r"\b)", "move to"),
    (r"(?:pode\s+)?(?:passa|muda|coloca|põe|poe|bota|deixa)\s+(?:direto\s+)?(?:como)", "move to"),
    (r"(?:passa|muda|coloca|põe|poe|bota|deixa)\s+(?:ela|ele)\s+(?:direto\s+)?(?:como|pra|para)?", "move to"),
    (r"muda\s+de\s+(" + _STAGE + r")\s+pra", r"move from \1 to"),
    (r"(?:pode\s+)?(?:passa|transfere|coloca|colocar|põe|poe|bota|muda)(?:\s+(?:a|o))?(?=\s+" + _CAP + ")", "move"),
    (r"(?:pode\s+)?marca(?:r)?\s+(?:ele|o)\s+como", "mark him as"),
    (r"(?:pode\s+)?marca(?:r)?\s+(?:ela|a)\s+como", "mark her as"),
    (r"(?:pode\s+)?marca(?:r)?\s+(?:a|o)(?=\s+" + _CAP + ")", "mark"),
    (r"(?:pode\s+)?marca(?:r)?\s+como|(?:pode\s+)?marca(?:r)?(?=\s+" + _STAGE + r"\b)", "mark as"),
    (r"como(?=\s+" + _STAGE + r"\b)", "as"),
    (r"(?:virou|vira|passou\s+(?:pra|para|a)|foi\s+pra|agora\s+[ée]|[ée]\s+agora|voltou\s+(?:pra|a\s+ser))"
     r"(?=\s+" + _STAGE + r"\b)", "is now"),
    (r"(?:ainda\s+)?(?:t[áa]|est[áa])\s+como", "is still"),
    (r"(?:deleta|deletar|apaga|apagar|exclui|excluir|remove)\s+(?:o\s+contato\s+d[oa]|(?:a|o)(?=\s+" + _CAP + "))",
     "delete"),
    (r"deleta|deletar|apaga|apagar|exclui|excluir", "delete"),
    # new contacts: "cadastra o Neto: …", "add contato X", "cria um contato novo", "novo lead: …"
    (r"(?:cria(?:r)?|adiciona(?:r)?|add|cadastra(?:r)?|salva)\s+(?:um\s+|o\s+|esse\s+)?(?:contato|lead)"
     r"(?:\s+nov[oa])?(?:\s+d[oa](?=\s))?", "add contact"),
    (r"(?:cadastra(?:r)?|adiciona(?:r)?|salva)(?:\s+(?:por\s+favor|a[íi]|pra\s+mim|pfv))*(?:\s+(?:a|o|ele|ela|essa|esse)"
     r"(?:\s+(?:lead|contato))?)?(?:\s+(?:por\s+favor|a[íi]|pra\s+mim|pfv))*", "add"),
    (r"nov[oa]\s+(?:contato|lead)", "new contact"),
    (r"primeiro\s+nome", "first name"),
    (r"sobrenome", "last name"),
    # tasks, reminders, activities
    (r"me\s+lembra\s+de", "remind me to"),
    (r"(?:me\s+)?cria(?:r)?\s+(?:tbm\s+|também\s+)?uma\s+tarefa\s+pra\s+mim\s+de", "create a task for me to"),
    (r"(?:me\s+)?cria(?:r)?\s+(?:tbm\s+|também\s+)?uma\s+tarefa\s+pra\s+(?:eu|mim)", "create a task for me to"),
    (r"(?:me\s+)?cria(?:r)?\s+(?:tbm\s+|também\s+)?uma\s+tarefa(?:\s+(?:pra|de))?", "create a task to"),
    (r"(?:o\s+que\s+)?(?:eu\s+)?tenho\s+de\s+tarefa", "my tasks"),
    (r"tarefas?\s+atrasadas?", "overdue tasks"),
    (r"tarefas", "tasks"),
    (r"tarefa", "task"),
    (r"ligar\s+(?:pr[oa]|para)", "call"),
    (r"mandar|enviar", "send"),
    (r"cobrar", "collect payment"),
    (r"registra(?:r)?\s+(?:a\s+)?liga[çc][ãa]o", "log the call"),
    (r"registra(?:r)?\s+(?:uma\s+)?nota", "log a note"),
    (r"registra(?:r)?\s+a\s+reuni[ãa]o\s+de\s+hoje", "log today's meeting"),
    (r"registra(?:r)?\s+a\s+reuni[ãa]o", "log the meeting"),
    (r"(?:loga|registra)\s+(?:isso\s+)?como", "log it as"),
    (r"registra\s+a[íi]", "log it"),
    (r"liguei\s+(?:pr[oa]|para\s+[oa])", "I called"),
    (r"reuni[ãa]o\s+ontem\s+com(?:\s+[oa])?", "meeting yesterday with"),
    (r"reuni[ãa]o", "meeting"),
    (r"liga[çc][ãa]o", "call"),
    # follow-ups: "coloca follow-up pra terça que vem", "reagenda o follow da X pra amanhã"
    (r"(?:os\s+)?follow-?ups?\s+(?:d[ao]|of)\s+(" + _CAP + r"[\w'’-]*)\s+que\s+j[áa]\s+venceram",
     r"\1's overdue follow-ups"),
    (r"(?:os\s+)?(?:meus|minhas)\s+follow-?ups?\s+(?:atrasad|vencid)[oa]s", "my overdue follow-ups"),
    (r"reagenda(?:r)?\s+o\s+follow(?:-?up)?\s+(?:d[ao]|of)", "reschedule the follow up of"),
    (r"(?:joga|empurra|muda|passa)\s+o\s+follow(?:-?up)?\s+pra", "move the follow up to"),
    (r"(?:coloca|marca|põe|poe|agenda)\s+(?:o\s+|um\s+)?follow(?:-?up)?\s+pra", "set follow up"),
    (r"follow(?:-?up)?\s+(?:pra|dia)", "follow up"),
    (r"empurra\s+tudo\s+pra", "move them to"),
    (r"que\s+j[áa]\s+venceram", "overdue"),
    (r"atrasad[oa]s?|vencid[oa]s?", "overdue"),
    # questions
    (r"qual\s+(?:o|é\s+o)\s+(telefone|tel|cel(?:ular)?|whats(?:app)?|e-?mail|cargo|score)\s+(?:d[aoe]|of)",
     r"give me the \1 of"),
    (r"(?:me\s+)?(?:passa|manda|d[áa])\s+o\s+(telefone|tel|cel(?:ular)?|whats(?:app)?|e-?mail)\s+(?:d[aoe]|of)",
     r"give me the \1 of"),
    (r"quais\s+contatos", "which contacts"),
    (r"quem\s+(?:d[aoe]|of)\s+(.+?)\s+a\s+gente\s+tem\s+na\s+base", r"who do we have at \1"),
    (r"quais\s+s[ãa]o|quais", "which"),
    (r"quem", "who"),
    (r"qual\s+fonte\s+de\s+lead", "which lead source"),
    (r"t[áa]\s+convertendo\s+mais", "converts best"),
    (r"como\s+t[áa]\s+o", "how is the"),
    (r"foi\s+promovid[oa],?\s+agora\s+[ée]", "got promoted, now"),
    (r"agora\s+[ée]", "is now"),
    # selections: "criados depois de 01/04", "chegaram desde", "com tag X", "score acima de 70"
    (r"criad[oa]s\s+(?:depois|a\s+partir)\s+de", "created after"),
    (r"criad[oa]s\s+antes\s+de", "created before"),
    (r"(?:chegaram|entraram)\s+desde", "created since"),
    (r"ganham\s+a\s+tag", "add tag"),
    (r"(?:põe|poe|coloca|bota|adiciona)\s+a\s+tag\s+([\w-]+)\s+n(?:ela|ele)", r"add the tag \1"),
    (r"adiciona(?:r)?\s+as\s+tags", "add tags"),
    (r"(?:e\s+)?(?:põe|poe|coloca|bota)(?=\s+[a-z][\w-]*-[\w-]+)", "and add tag"),
    (r"com\s+(?:a\s+)?tag", "with tag"),
    (r"sem\s+nenhum\s+contato\s+(?:há|ha|faz)\s+(\d+)\s+dias", r"with no contact in \1 days"),
    (r"n[ãa]o\s+tem\s+contato\s+desde", "not contacted since"),
    (r"(?:há|ha|faz)\s+(\d+)\s+dias", r"\1 days ago"),
    (r"acima\s+de|mais\s+de|maior\s+que", "over"),
    (r"abaixo\s+de|menos\s+de|menor\s+que", "under"),
    (r"ou\s+mais", "or more"),
    (r"deals?\s+abertos", "open deals"),
    (r"em\s+aberto|abertos?|abertas?", "open"),
    (r"(?:de\s+)?hoje\s+at[ée]", "from today to"),
    (r"at[ée](?=\s+(?:" + _DAY + r")\b)", "by"),
    (r"(?:marca|marque)\s+como\s+ganho", "mark as won"),
    (r"(?:cria(?:r)?|monta(?:r)?)\s+(?:um\s+)?segmento", "create a segment"),
    (r"faz(?:er)?\s+(?:um\s+)?rascunho\s+de\s+(?:e-?mail|campanha\s+de\s+e-?mail)\s+pr[oa]\s+(?:o\s+)?segmento",
     "draft an email campaign for the segment"),
    (r"faz(?:er)?\s+(?:um\s+)?rascunho\s+de\s+(?:e-?mail|campanha\s+de\s+e-?mail)", "draft an email campaign"),
    (r"assunto", "subject"),
    (r"atualiza(?:r)?\s+o\s+est[áa]gio\s+(?:d[aoe]|of)", "update the stage of"),
    (r"atualiza(?:r)?\s+(?:o|a)\s+(empresa|cargo|e-?mail|telefone|celular)\s+(?:dela|dele)", r"update the \1"),
    (r"atualiza(?:r)?", "update"),
    (r"ganhamos", "we won"),
    (r"(?:via|pelo|do)\s+site", "source website"),
    (r"site", "website"),
    (r"(?:abre|cria(?:r)?)\s+(?:um\s+)?(?:deal|negócio|negocio)", "new deal"),
    (r"previs[ãa]o\s+de\s+fechamento", "expected close"),
    (r"nov[oa]\s+(?:cel(?:ular)?|telefone|n[úu]mero|whats)\s+(?:d[aoe]|of)", "the new phone of"),
    (r"pq\s+o\s+score\s+(?:d[aoe]|of)\s+(.+?)\s+t[áa]\s+t[ãa]o\s+(baixo|alto)", r"why is the score of \1 so \2"),
    (r"quando\s+[ée]\s+o\s+pr[óo]ximo\s+follow(?:-?up)?\s+com", "when is the next follow-up with"),
    (r"ele\s+[ée](?:\s+o)?", "he is"),
    (r"ela\s+[ée](?:\s+a)?", "she is"),
    # fields
    (r"est[áa]gio|etapa", "stage"),
    (r"origem|fonte", "source"),
    (r"cargo", "title"),
    (r"empresa", "company"),
    (r"celular|cel|telefone", "phone"),
    (r"contatos", "contacts"),
    (r"contato", "contact"),
    (r"com(?=\s+(?:score|tag)\b)", "with"),
    # days and dates: "na sexta", "pra segunda", "terça que vem", "desde 01/05", "dia 22"
    *((rf"(?:na|no|pra|para|até)?\s*(?:{pt})\s+que\s+vem", f"next {en}") for pt, en in _DAYS),
    *((rf"(?:na|no)\s+(?:{pt})", f"on {en}") for pt, en in _DAYS),
    *((rf"(?:pra|para)\s+(?:a\s+|o\s+)?(?:{pt})", f"to {en}") for pt, en in _DAYS),
    *((pt, en) for pt, en in _DAYS),
    (r"(?:pra|para)(?=\s+(?:amanh[ãa]|hoje|hj)\b)", "to"),
    (r"amanh[ãa]", "tomorrow"),
    (r"hoje|hj", "today"),
    (r"ontem", "yesterday"),
    (r"(?:na\s+)?semana\s+que\s+vem|(?:na\s+)?pr[óo]xima\s+semana", "next week"),
    (r"(?:esse|este)\s+ano", "this year"),
    (r"(?:esse|este)\s+m[êe]s", "this month"),
    (r"desde", "since"),
    (r"antes\s+de", "before"),
    (r"depois\s+de", "after"),
    (r"dia(?=\s+\d{1,2}\b)", "on the"),
    (r"em", "in"),
    (r"agora", "now"),
    (r"lista(?:r)?(?:\s+(?:os|as))?", "list"),

    (r"janeiro", "january"), (r"fevereiro", "february"), (r"março|marco", "march"), (r"abril", "april"),
    (r"maio", "may"), (r"junho", "june"), (r"julho", "july"), (r"agosto", "august"), (r"setembro", "september"),
    (r"outubro", "october"), (r"novembro", "november"), (r"dezembro", "december"),
    # "pro"/"pra" before a name or stage: "to"
    (r"(?:pr[oa]|para\s+[oa]|para)(?=\s+(?:" + _CAP + r"|" + _STAGE + r"\b))", "to"),
    # status words
    (r"(?:ele|ela)\s+[ée]", "is"),
    (r"(?:t[áa]|est[áa]|[ée])(?=\s+" + _STAGE + r"\b)", "is"),
    # politeness and chatter
    (r"por\s+favor|pfv|pf", "please"),
    (r"obrigad[oa]|valeu", "thanks"),
]  # fmt: skip
_PORTUGUESE = Lexicon(_STRONG, _WEAK, _LEXICON)


def portuguese_words(text: str) -> int:
    """How many clearly Portuguese words the message has."""
    return _PORTUGUESE.clear_words(text)


def is_portuguese(text: str) -> bool:
    """Does the message mix in Portuguese? One strong word ("pra", "não", "cadastra") or three common ones."""
    return _PORTUGUESE.mixed_in(text)


# "X da Mundo Gourmet", "Elaine Rosa do Hospital Dia": after a capitalised name, "da/do" + a capitalised name is
# where the person works; the company's own "da/do/de" ("Sabor da Roça", "Instituto de Olhos") stays inside it
_COMPANY = rf"{_CAP}[\w'’&.-]*(?:\s+(?:d[aeo]s?\s+)?{_CAP}[\w'’&.-]*)*"
_AT_COMPANY = re.compile(rf"(?<![\w'’-])(?P<pre>\S*)(?P<sp>\s+)d[ao]s?\s+(?P<co>{_COMPANY})")
# "R$ 10.000,00", "R$ 12.500,00/mês", "R$ 50 mil": an amount in reais
_REAIS = re.compile(r"R\$\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?(?:\s+mil\b)?")
# dictated addresses: "sandra ponto paes arroba santaclarahd ponto com ponto br"
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w@.])([a-z0-9]+(?:\s+(?:ponto|underline|tra[çc]o)\s+[a-z0-9]+)*)\s+arroba\s+([a-z0-9-]+(?:\s+ponto\s+[a-z]+)+)",
    re.I,
)
# "e" joins two actions or two tags ("põe a tag X e me cria uma tarefa", "tags ecommerce e meta-ads")
_AND = re.compile(r"(?<=[\w.,)])\s+e\s+(?=(?:me\s+|and\s+)?[a-z])")


def _at_company(m: re.Match[str]) -> str:
    pre = m.group("pre")
    if re.fullmatch(r"(?-i:[A-ZÀ-Ý][a-zà-ÿ'’-]+)", pre):
        return f"{pre}{m.group('sp')}at {m.group('co')}"  # "Lucas da TechNobre": Lucas at TechNobre
    if re.fullmatch(r"[\w-]*(?-i:[a-zà-ÿ])", pre) and pre.lower() not in ("de", "a", "o", "e", "que"):
        # "os SQLs do Diego", "dono da Bella Pet"; "quem cuida da Carolina Dutra da Dermaclin": she works there
        co = re.sub(r"\s+d[ao]s?\s+", " at ", m.group("co"), count=1)
        return f"{pre}{m.group('sp')}of {co}"
    return m.group(0)  # ", da Sabor da Roça": the company's own "da" stays


def _reais(m: re.Match[str]) -> str:
    whole = int(m.group(1).replace(".", ""))
    if re.search(r"mil\b", m.group(0)):
        whole *= 1000
    return f"{whole} BRL"


def _spoken_email(m: re.Match[str]) -> str:
    def join(s: str) -> str:
        s = re.sub(r"\s+ponto\s+", ".", s, flags=re.I)
        s = re.sub(r"\s+underline\s+", "_", s, flags=re.I)
        return re.sub(r"\s+tra[çc]o\s+", "-", s, flags=re.I)

    return f"{join(m.group(1)).lower()}@{join(m.group(2)).lower()}"


def from_portuguese(text: str) -> str:
    """The request with its Portuguese CRM words in English (unchanged when it has none)."""
    if not is_portuguese(text):
        return text
    text = _SPOKEN_EMAIL.sub(_spoken_email, text)
    text = re.sub(r"\s+v[íi]rgula\b", ",", text, flags=re.I)
    text = re.sub(r"\s+ponto(?=\s+(?-i:[a-zà-ü]))(?!\s+com\b)", ".", text)
    text = _REAIS.sub(_reais, text)
    text = _AT_COMPANY.sub(_at_company, text)
    text = re.sub(r"\s*(?<![\w'’-])(?:kk+|rs+|haha+)(?![\w'’-])", "", text, flags=re.I)
    text = _PORTUGUESE.to_english(text)
    # articles before a name: "a Juliana", "o Felipe"
    text = re.sub(rf"(?<![\w'’-])(?:a|o)\s+(?={_CAP}[a-zà-ü])", "", text)
    return _AND.sub(" and ", text)


PORTUGUESE_SPEAKING = frozenset({"BR", "PT", "AO", "MZ", "CV"})
# common Brazilian given names that are the second word of a two-word given name ("João Pedro", "Ana Paula",
# "Maria Eduarda", "Marcos Vinícius"): the name after them is a family name
GIVEN_NAMES = frozenset(
    """joao pedro paula eduarda clara vinicius carlos regina henrique luiz luis felipe roberto eduardo gabriel
    lucas guilherme fernanda luiza julia vitoria cecilia alice beatriz helena sofia carolina cristina rita
    aparecida augusto cesar otavio antonio jose miguel rafael gustavo ricardo""".split()
)
