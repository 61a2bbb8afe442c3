"""LocalChatModel: Leadloom's offline chat model, a LangChain ``BaseChatModel`` that emits real tool calls.

It reads the tools it is bound to. Bound to the supervisor's ``transfer_to_*`` tools it routes the request
(one handoff per specialist, in the order the request names them). Bound to a specialist's CRM tools it
plans the calls (one per clause; "…and assign them to Maria" reuses the previous search as filters),
fills their JSON arguments from the text and the organization's vocabulary, asks when a required value
is missing or a name is ambiguous, and writes the answer from the tool results. No network, deterministic.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, PrivateAttr

from leadloom.agents.local import args as A
from leadloom.agents.local import corrections, nlu, refs, respond
from leadloom.agents.local import extract as ex
from leadloom.agents.local import rx as re
from leadloom.agents.local.afrikaans import from_afrikaans
from leadloom.agents.local.aliases import alias_ref, respell
from leadloom.agents.local.consent import mentions_consent
from leadloom.agents.local.dates import find_dates
from leadloom.agents.local.dictation import undictate
from leadloom.agents.local.dutch import from_dutch
from leadloom.agents.local.french import french_words, from_french
from leadloom.agents.local.german import from_german
from leadloom.agents.local.hinglish import from_hinglish
from leadloom.agents.local.intents import CHATTER, HANDOFF_PREFIX, OUT_OF_SCOPE, SPECIALIST_OF
from leadloom.agents.local.italian import from_italian, italian_words
from leadloom.agents.local.japanese import from_japanese
from leadloom.agents.local.korean import from_korean, known_hangul_names
from leadloom.agents.local.malay import from_malay
from leadloom.agents.local.mask import mask
from leadloom.agents.local.pidgin import from_pidgin
from leadloom.agents.local.polish import from_polish
from leadloom.agents.local.portuguese import from_portuguese, portuguese_words
from leadloom.agents.local.scots import from_scots
from leadloom.agents.local.spanish import from_spanish, spanish_words
from leadloom.agents.local.stage_words import described_stage
from leadloom.agents.local.swahili import from_swahili, swahili_words
from leadloom.agents.local.tagalog import from_tagalog, tagalog_words
from leadloom.agents.local.vocabulary import Vocabulary

log = logging.getLogger(__name__)
PENDING_KEY = "leadloom_pending"  # additional_kwargs key carrying an open question to the next turn

_classifiers: dict[str, nlu.IntentClassifier] = {}
_clf_lock = threading.Lock()


@lru_cache(maxsize=1)
def default_cache_dir() -> Path:
    """``<data_dir>/cache/local_model``; read once (building Settings costs ~10 ms, too much per call)."""
    from leadloom.crm.settings import Settings

    return Path(Settings().data_dir) / "cache" / "local_model"


def get_classifier(cache_dir: Path | None) -> nlu.IntentClassifier:
    """One classifier per process (per cache dir): training or loading happens once."""
    key = str(cache_dir)
    with _clf_lock:
        if key not in _classifiers:
            _classifiers[key] = nlu.load_classifier(cache_dir)
        return _classifiers[key]


@dataclass
class Step:
    tool: str
    text: str
    args: dict[str, Any] = field(default_factory=dict)
    missing: str | None = None


class LocalChatModel(BaseChatModel):
    """Offline CRM-understanding chat model (see module docstring).

    Args:
        vocabulary: the organization's words (``Vocabulary`` or a dict); defaults to a fresh org's stages.
        today: the date relative dates are read against (``None``: the current date at each call).
        cache_dir: where the trained classifier is cached (``None``: ``<data_dir>/cache/local_model``).
        min_confidence: below this top-class probability a short request following a question is read as its answer.
        stream_chunk_words: words per streamed text chunk.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    vocabulary: dict[str, Any] | Vocabulary | None = None  # a dict is read by Vocabulary.from_dict
    today: date | None = None
    cache_dir: Path | None = None
    min_confidence: float = 0.6
    stream_chunk_words: int = 3

    _matcher: ex.Matcher | None = PrivateAttr(default=None)
    _masked: dict[str, str] = PrivateAttr(default_factory=dict)  # request -> masked request (this vocabulary's)
    _desc_emb: dict[str, np.ndarray] = PrivateAttr(default_factory=dict)

    @property
    def _llm_type(self) -> str:
        return "leadloom-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": "leadloom-local", "features": nlu.FEATURES_VERSION}

    # ------------------------------------------------------------------ set-up
    def load(self) -> LocalChatModel:
        """Load the embedding model and the classifier now instead of on the first call."""
        self._classifier()
        nlu.get_embedder()
        return self

    def with_vocabulary(self, vocabulary: Vocabulary | dict[str, Any]) -> LocalChatModel:
        """A copy of this model reading requests against another organization's vocabulary."""
        copy = self.model_copy(update={"vocabulary": vocabulary})
        copy._matcher = None  # model_copy keeps private attributes: drop the old organization's matcher
        copy._masked = {}  # and its masked requests (names masked against the old vocabulary)
        return copy

    def _classifier(self) -> nlu.IntentClassifier:
        cache = self.cache_dir
        if cache is None:
            try:
                cache = default_cache_dir()
            except Exception:  # settings may be unusable in odd environments; the cache is optional
                cache = None
        return get_classifier(cache)

    def _get_matcher(self) -> ex.Matcher:
        if self._matcher is None:
            v = self.vocabulary
            vocab = Vocabulary.from_dict(v) if isinstance(v, dict) else (v or Vocabulary())
            self._matcher = ex.Matcher(vocab.merged_with_defaults())
        return self._matcher

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Any],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools in OpenAI format; the model reads their names, descriptions and JSON schemas."""
        formatted = [convert_to_openai_tool(t) for t in tools]
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return self.bind(tools=formatted, **kwargs)

    # ------------------------------------------------------------------ LangChain entry points
    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.respond(messages, kwargs.get("tools") or [])
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self.respond(messages, kwargs.get("tools") or [])
        text = message.content if isinstance(message.content, str) else ""
        pieces = re.findall(r"\S+\s*|\s+", text)
        n = max(1, self.stream_chunk_words)
        for i in range(0, len(pieces), n):
            piece = "".join(pieces[i : i + n])
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece, id=message.id))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
        if message.tool_calls or message.additional_kwargs:
            tool_chunks = [
                {
                    "name": tc["name"],
                    "args": json.dumps(tc["args"]),
                    "id": tc["id"],
                    "index": i,
                    "type": "tool_call_chunk",
                }
                for i, tc in enumerate(message.tool_calls)
            ]
            yield ChatGenerationChunk(
                message=AIMessageChunk(
                    content="",
                    id=message.id,
                    tool_call_chunks=tool_chunks,  # type: ignore[arg-type]
                    additional_kwargs=dict(message.additional_kwargs),
                )
            )

    # _agenerate/_astream: BaseChatModel's defaults run the sync versions in a thread executor, which keeps
    # the embedding inference (≈10 ms of torch work) off the event loop.

    # ------------------------------------------------------------------ the model itself
    def respond(self, messages: Sequence[BaseMessage], tools: Sequence[dict[str, Any]]) -> AIMessage:
        """The next message given the conversation and the bound tools (OpenAI tool dicts)."""
        specs = {t["function"]["name"]: t["function"] for t in tools if isinstance(t, dict) and "function" in t}
        h = _last_human_index(messages)
        if h is None:
            return AIMessage(content=respond.GREETING)
        if any(n.startswith(HANDOFF_PREFIX) for n in specs):
            return self._supervise(messages, h, specs)
        if specs:
            return self._specialist(messages, h, specs)
        return self._plain(_text(messages[h]))

    def _today(self) -> date:
        return self.today or date.today()

    def _read(self, raw: str) -> str:
        """A request as the rules read it: shorthand spelled out, then the writer's own corrections applied."""
        m = self._get_matcher()
        today, day_first = self._today(), m.vocab.day_first
        text = _tag_named_bare(normalize_request(raw), m.vocab.tags)
        # "박도윤 대표님 …", "[카카오톡] 박수빈 원장님: …": a contact's name in Hangul, as the CRM spells it
        text = known_hangul_names(text, tuple(m.vocab.contacts))
        if m.vocab.contacts and not _CREATE.search(text):  # a new person may share most of a known one's name
            text = respell(text, tuple(m.vocab.contacts))  # "pavel dombrowski" -> "Paweł Dąbrowski"
        return corrections.apply(text, m, lambda t: find_dates(t, today, day_first=day_first))

    def _ctx(self, specs: dict[str, dict[str, Any]]) -> A.Ctx:
        schemas = {n: (s.get("parameters") or {}).get("properties", {}) for n, s in specs.items()}
        return A.Ctx(self._get_matcher(), self._today(), schemas)

    def _known_record(self, text: str) -> bool:
        """Does the request name one of the organization's own contacts or companies (then it is not chatter)?"""
        m = self._get_matcher()
        if ex.emails_in(text):
            return True
        contacts = [c for c in m.vocab.contacts if len(c.split()) >= 2]
        if contacts and (m.find_in(text, contacts, cutoff=90) or alias_ref(text, tuple(contacts))):
            return True  # "Jane Doe", or "bob kessler" / "Dr. Nakamura" for a known contact
        if contacts and any(
            ex.diminutive_of(ex._fold(ex.without_possessive(w)), tuple(contacts))
            for w in re.findall(r"\b[A-Z][a-z]+(?:['’]s)?\b", text)
        ):
            return True  # "Macca's been dead quiet …": a known contact's diminutive
        if _surname_alone(text, m) or ex.nickname_and_surname(text, m) or ex.first_name_and_initial(text, m):
            return True  # "Nowak to opp.", "Wójcik → me": one contact's surname, said alone; "mo farooq", "maria k"
        if contacts and ex.phones_in(text):
            given = ex._by_first_name(tuple(m.vocab.contacts))  # built once per vocabulary
            if any(ex._fold(ex.without_possessive(w)) in given for w in re.findall(r"[^\W\d_][\w'’-]+", text)):
                return True  # "nisha's new cell is 614-555-0193": a known first name beside a phone number
        if _initialled(text, m):
            return True  # "Arjun M - sql now, demo went well": a first name and a surname's initial
        companies = [c for c in m.vocab.companies if len(c) >= 5]
        if companies and m.find_in(text, companies, cutoff=95):
            return True
        # "everyone we've got at bolton wanderers": a known company said without its "FC", after "at"/"from"
        said = ex.company_ref(text, m)
        return bool(
            said
            and said in companies
            and m.find_in(text, [said], cutoff=88)
            and re.search(r"\b(?:show|list|find|pull|everyone|everybody|who|contacts|people)\b", text, re.I)
        )

    def _names_someone(self, text: str) -> bool:
        """Does the request name a contact itself (a pronoun in it then points at that contact)?"""
        m = self._get_matcher()
        if ex.emails_in(text) or (m.vocab.contacts and m.find_in(text, m.vocab.contacts, cutoff=92)):
            return True
        for pos, span in ex.capitalized_spans(text):
            if pos == 0 and len(span.split()) < 2:
                continue
            if m.user(span, cutoff=92) or m.stage(span, cutoff=92) or ex._is_source(span, m):
                continue
            if m.vocab.companies and m.find_in(span, m.vocab.companies, cutoff=92):
                continue
            return True
        return False

    def _rank(self, text: str, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        # One request is ranked several times (whole text, clauses, restricted pools): mask it once.
        masked = self._masked
        if text not in masked:
            if len(masked) > 2048:
                masked.clear()
            masked[text] = mask(text, self._get_matcher())
        return self._classifier().rank(masked[text], allowed)

    def clear_caches(self) -> None:
        """Forget masked requests and cached scores, so the next call pays its full cost (benchmarks)."""
        self._masked.clear()
        self._classifier().clear_cache()

    def _plain(self, text: str) -> AIMessage:
        label = self._rank(text)[0][0]
        return AIMessage(content=_chatter_reply(text) if label in CHATTER else respond.DECLINE)

    # ---------------------------------------------------------------- supervisor
    def _supervise(self, messages: Sequence[BaseMessage], h: int, specs: dict[str, dict[str, Any]]) -> AIMessage:
        text = self._read(_text(messages[h]))
        after = messages[h + 1 :]
        handoffs = [tc for m in after if isinstance(m, AIMessage) for tc in m.tool_calls if tc["name"] in specs]
        pending = _pending(messages, h)
        memory = _memory_answer(after, specs)
        if memory is not None:
            return memory
        groups: list[tuple[str, str]]
        if pending and self._is_answer(text, pending):
            groups = [(pending["specialist"], text)]
        else:
            text = refs.resolve(text, messages, h, self._names_someone).text
            mem = _memory_call(text, specs)
            if mem is not None and not handoffs:
                return _call(mem[0], mem[1], text, 0)
            groups = self._route(text, set(specs))
        if not groups:
            return AIMessage(content=_chatter_reply(text))
        if len(handoffs) < len(groups):
            spec, task = groups[len(handoffs)]
            name = f"{HANDOFF_PREFIX}{spec}"
            return _call(name, {"task": task} if _has_param(specs[name], "task") else {}, text, len(handoffs))
        answers = [m for m in after if isinstance(m, AIMessage) and not m.tool_calls and _text(m).strip()]
        if answers:
            last = answers[-1]
            return AIMessage(content=_text(last), additional_kwargs=dict(last.additional_kwargs))
        return AIMessage(content="Done.")

    def _route(self, text: str, bound: set[str]) -> list[tuple[str, str]]:
        """(specialist, task) per group of clauses, in order; empty for chatter."""
        specialists = {n[len(HANDOFF_PREFIX) :] for n in bound}
        allowed = {lab for lab, spec in SPECIALIST_OF.items() if spec in specialists or lab in CHATTER}
        if (
            self._chatter_wins(text, allowed)
            and not self._known_record(text)
            and not _introduces_someone(text, self._get_matcher())
        ):
            return []
        if asks_outside_crm(text) or (general_question(text) and not self._known_record(text)):
            return []
        top, p = self._rank(text, allowed)[0]
        if not _anchored(text, self._get_matcher()) and (top in CHATTER or p < 0.85):
            return []  # no CRM word, no known name, and the classifier is not sure it is a CRM request
        crm = allowed - set(CHATTER)
        listed = self._list_requests(text, self._get_matcher())
        if listed:
            # one group per specialist, each keeping its items as a list the specialist splits again
            groups: list[tuple[str, list[str]]] = []
            for item in listed:
                spec = (self._route(item, bound) or [("", "")])[0][0]
                if not spec:
                    continue
                if groups and groups[-1][0] == spec:
                    groups[-1][1].append(item)
                else:
                    groups.append((spec, [item]))
            return [(spec, "\n".join(f"{i}. {item}" for i, item in enumerate(its, 1))) for spec, its in groups]
        clauses = ex.split_clauses(text)
        if len(clauses) > 1 and (
            self._rank(clauses[0], crm)[0][0] not in _FINDERS
            or A.selector_then_change(text) is not None
            # "…pasted enquiry with its question?…\n^ pls add as lead, …, put unit type in notes": one new record
            or _CREATE.search(clauses[0]) is not None
        ):
            clauses = [text]
        ctx = self._ctx({})
        out: list[tuple[str, str]] = []
        prev_label = None
        for i, clause in enumerate(clauses):
            pool = crm & _ACTIONS if prev_label in _FINDERS and ex.ANAPHOR.search(clause) else crm
            ranked = self._rank(clause, pool)
            label = _correct(ranked[0][0], clause, ctx, pool, ranked)
            prev_label = label
            spec = SPECIALIST_OF[label]
            if out and out[-1][0] == spec:
                out[-1] = (spec, f"{out[-1][1]} and {clause}")
            elif out:
                out.append((spec, f"{clause} (context: {clauses[i - 1]})"))
            else:
                out.append((spec, clause))
        if len(out) > 1 and len({s for s, _ in out}) == 1:
            out = [(out[0][0], text)]
        m = self._get_matcher()
        if (
            len(out) > 1
            and "contacts" in specialists
            and any(s == "contacts" for s, _ in out[1:])
            and re.search(r"\b(?:him|her)\b", " ".join(clauses[1:]), re.I)
            and m.vocab.contacts
            and (m.find_in(clauses[0], m.vocab.contacts, cutoff=92) or ex.first_name_ref(clauses[0], m))
        ):
            # "declan replied to the cold email, change him to lead": the story names the person the change is about
            return [("contacts", text)]
        return out if len(clauses) > 1 else [(out[0][0], text)]

    def _chatter_wins(self, text: str, allowed: set[str]) -> bool:
        """Chatter ranks first, and clearly: a close call between chatter and a CRM request made with CRM words
        ("what's due before friday?") goes to the CRM, where a wrong guess asks rather than declines."""
        ranked = self._rank(text, allowed)
        if ranked[0][0] not in CHATTER:
            return False
        target = re.search(
            r"\b(?:upgrade|downgrade|move|mark|set|make|change|bump|put|switch)\s+(?:him|her|them)\s+(?:up\s+)?"
            r"(?:(?:to|as|into)\s+|(?<=him |her )|(?<=them ))(?:an?\s+)?([\w-]+)",
            text,
            re.I,
        )
        if target and self._get_matcher().stage(target.group(1), cutoff=92):
            return False  # "… giving us a testimonial video, upgrade her to evangelist": a stage change
        if _stage_for_someone(text, self._get_matcher()):
            return False  # "Yuki from Alpine Jets should be churned", "flip Lupe to customer": a stage change
        if _MOVE_FOLLOW_UP.search(text):
            return False  # "push Hayden's follow up to the 23rd, he's away at the footy trip": a follow-up change
        if re.search(
            r"^\W*(?:what(?:['’]s|s| is| are)|anything|is anything|any|show|list|what have i got)"
            r"(?:\s+(?:still|currently|now|really|else))*\s+overdue\b(?!\s+(?!for\b|on\b)[a-z])",
            text,
            re.I,
        ) and not general_question(text):
            return False  # "what's overdue for me?": only tasks and follow-ups are overdue
        runner_up = next(((lab, p) for lab, p in ranked[1:] if lab not in CHATTER), None)
        m = self._get_matcher()
        unsure = ranked[0][1] < 0.6 and _anchored(text, m) and not general_question(text)
        # the organization's own tags and lead sources ("pull the storm-season tag off everyone tagged roofing",
        # "turn off sms consent for everybody from yelp") are CRM talk too
        source = ex.source_of(text, m)
        own_words = bool(ex.tags_of(text, m) and any(t in m.vocab.tags for t in ex.tags_of(text, m))) or bool(
            # a source said as where people came from, not any use of the word ("hack into a competitor's website")
            source
            and re.search(
                r"\b(?:from|via|through|source|came in|signed up)\s+(?:the\s+)?" + re.escape(source), text, re.I
            )
        )
        return not (unsure and ((runner_up and runner_up[1] >= 0.3) or own_words))

    def _is_answer(self, text: str, pending: dict[str, Any]) -> bool:
        """Is this message the answer to our open question (rather than a new request)?"""
        if pending.get("candidates") and re.fullmatch(r"\s*(?:#|no\.?\s*|number\s*)?\d\s*\.?\s*", text):
            return True
        label, p = self._rank(text)[0]
        if label == OUT_OF_SCOPE and p > 0.8:
            return False
        return len(text.split()) <= 6 or p < self.min_confidence or label == pending.get("tool")

    # ---------------------------------------------------------------- specialist
    def _specialist(self, messages: Sequence[BaseMessage], h: int, specs: dict[str, dict[str, Any]]) -> AIMessage:
        asked = refs.resolve(self._read(_text(messages[h])), messages, h, self._names_someone)
        task = refs.resolve(self._read(_task_text(messages, h)), messages, h, self._names_someone)
        text, ids = task.text, {**asked.ids, **task.ids}
        after = list(messages[h + 1 :])
        ctx = self._ctx(specs)
        done = [m for m in after if isinstance(m, AIMessage) and any(tc["name"] in specs for tc in m.tool_calls)]
        results = _results(after, specs)
        pending = _pending(messages, h)

        if pending and pending.get("tool") in specs and self._is_answer(_text(messages[h]), pending):
            steps = [self._resume(pending, _text(messages[h]), ctx)]
        else:
            steps = self._plan(text, specs, ctx)
        if not steps:
            return AIMessage(content=_chatter_reply(text))

        if results:
            tool, args, result = results[-1]
            if isinstance(result, dict) and result.get("ambiguous"):
                cands = result["ambiguous"]
                q = f"I found several matches — which one did you mean?\n{respond.candidates_text(cands)}"
                return _ask(
                    q,
                    {
                        "tool": tool,
                        "args": args,
                        "candidates": cands,
                        "text": text,
                        "specialist": SPECIALIST_OF.get(tool, ""),
                    },
                )
            if isinstance(result, dict) and result.get("error"):
                return AIMessage(content=respond.error_text(result))
            if len(done) < len(steps):
                nxt = self._chain(steps[len(done)], steps[len(done) - 1], result, ctx)
                if _acts_on_everyone(nxt):
                    return AIMessage(content=_WHICH_CONTACTS)
                if nxt.missing and nxt.missing not in nxt.args:
                    # a later step still lacks a required value (a list item naming nobody the CRM knows):
                    # ask for it, as for a first step, rather than send the tool a call it must reject
                    pending = {"tool": nxt.tool, "args": nxt.args, "missing": nxt.missing, "text": nxt.text}
                    return _ask(_question(nxt), {**pending, "specialist": SPECIALIST_OF.get(nxt.tool, "")})
                return _call(nxt.tool, refs.with_ids(nxt.args, ids), text, len(done))
            n_last = len(done[-1].tool_calls) if done else 1
            shown = results[-max(len(steps), n_last) :]
            parts = [respond.render(t, a, r) for t, a, r in shown] if len(shown) > 1 else []
            body = "\n\n".join(parts) if parts else respond.render(tool, args, result)
            return AIMessage(content=body)

        step = steps[0]
        if step.tool in CHATTER:
            return AIMessage(content=_chatter_reply(text))
        if _acts_on_everyone(step):
            # No selector: "give all of them to Tom" acts on the records an earlier turn listed, never on everyone.
            shown = refs.earlier_list(messages, h) if ex.ANAPHOR.search(text) else None
            if shown is None:
                return AIMessage(content=_WHICH_CONTACTS)
            tool, args, rows = shown
            if tool == "search_contacts":
                step.args["filters"] = {k: v for k, v in args.items() if k not in ("sort_by", "limit")}
            elif step.tool == "bulk_update_contacts" and "update_contact" in specs:
                changes = step.args.get("changes") or {}
                return _calls([("update_contact", {"contact": ident, "changes": changes}) for _, ident in rows], text)
            else:
                return AIMessage(content="Which of them? Name the contacts (one request can delete one contact).")
        if step.missing:
            pending = {"tool": step.tool, "args": step.args, "missing": step.missing, "text": step.text}
            return _ask(_question(step), {**pending, "specialist": SPECIALIST_OF.get(step.tool, "")})
        return _call(step.tool, refs.with_ids(step.args, ids), text, 0)

    def _plan(self, text: str, specs: dict[str, dict[str, Any]], ctx: A.Ctx) -> list[Step]:
        """The steps of a request (``_plan_clauses``), plus the activity it asks to log after a change of one
        contact: "Marcus lim convert to customer, contract signed yest at their office. pls log the meeting also",
        "… decision maker is him. Log the call also pls" (a story between the change and the ask, which the
        clause planner reads as one request)."""
        steps = _same_person_after(self._plan_clauses(text, specs, ctx), ctx.matcher)
        if len(steps) == 1 and steps[0].tool == "log_activity" and "update_contact" in specs:
            stage = _stage_said_alone(text, ctx.matcher)
            who = steps[0].args.get("contact")
            if stage and isinstance(who, str) and who:
                # "Called Sophie …, they want to go ahead. Customer!! Log the call too": the change, then the log
                steps = [Step("update_contact", text, {"contact": who, "changes": {"stage": stage}}), steps[0]]
        log = _LOG_TOO.search(text)
        if (
            log
            and len(steps) == 1
            and steps[0].tool == "update_contact"
            and steps[0].args.get("contact")
            and not steps[0].missing
            and "log_activity" in specs
        ):
            # what happened is the rest of the message, without the instruction to log it
            story = re.sub(
                r"(?:\s*(?:also|too|as well|pls|please|thanks|thx)\b)+\W*$",
                "",
                (text[: log.start()] + text[log.end() :]).strip(),
                flags=re.I,
            )
            story = re.sub(r"(?:[,.;]?\s*\b(?:and|pls|please|also|can you|could you)\b)+\W*$", "", story, flags=re.I)
            b = A.build_args("log_activity", story or text, ctx)
            said = (log.group("kind") or log.group("kind2")).lower()
            kind = _LOG_KIND.get(said, said)
            steps.append(Step("log_activity", text, {**b.args, "contact": steps[0].args["contact"], "type": kind}))
        if (
            len(steps) == 1
            and steps[0].tool == "explain_score"
            and "score_lead" in specs
            and steps[0].args.get("contact")
            and re.search(r"\bwhat(?:['’]s| is)\b[^?.!]{0,50}\bscore\b[^?.!]{0,15}\band\s+why\b", text, re.I)
        ):
            # "What is Imran Khan's lead score and why is it so low?": the score, then what makes it
            steps = [Step("score_lead", text, {"contact": steps[0].args["contact"]}), steps[0]]
        for step in steps:
            if step.tool == "log_activity" and step.args.get("direction") == "outbound" and _CALLED_US.search(text):
                # "I spoke with her … (she called us) … log the call": the story says who rang, not the clause
                step.args["direction"] = "inbound"
        return steps

    def _plan_clauses(self, text: str, specs: dict[str, dict[str, Any]], ctx: A.Ctx) -> list[Step]:
        """One step per clause; clauses that point back ("them") act on the previous step's records."""
        known = {n for n in specs if n in SPECIALIST_OF}
        allowed = known | set(CHATTER)
        if not known:
            return [self._by_description(text, specs)]
        whole = self._rank(text, allowed)
        chatter = (
            (whole[0][0] in CHATTER and whole[0][1] > 0.5 and self._chatter_wins(text, allowed))
            or general_question(text)
            or (not _anchored(text, ctx.matcher) and (whole[0][0] in CHATTER or whole[0][1] < 0.85))
        )
        if asks_outside_crm(text) or (
            chatter
            and not self._known_record(text)
            and not _introduces_someone(text, ctx.matcher)
            and not _CREATE.search(text)  # "create a contact for lindiwe zulu she runs a bakery"
            and not _DRAFT_FOR_AUDIENCE.search(text)  # "Draft an SMS campaign to the Gutter guard leads segment"
        ):
            return [Step(whole[0][0] if whole[0][0] in CHATTER else OUT_OF_SCOPE, text)]
        moved = _stages_of_several(text, ctx.matcher) if "update_contact" in known else []
        if moved:
            # "move Greg Hamilton to opportunity and Rajesh Patel to sql": one change per person
            return [Step("update_contact", text, {"contact": who, "changes": {"stage": stage}}) for who, stage in moved]
        listed = self._list_requests(text, ctx.matcher)
        if listed:
            # "1) Nirmala Devi - move to opportunity 2) Log meeting with Sunita Yadav …": each item is a request
            return [step for item in listed for step in self._plan(item, specs, ctx)]
        clauses = ex.split_clauses(text)
        if len(clauses) > 2:
            # "had a meeting with ruth today, log it and set me a task …": "log it" finishes the story before it
            merged: list[str] = []
            for c in clauses:
                if merged and (_pronoun_only([c]) or _LOG_BACK.fullmatch(c)):
                    merged[-1] = f"{merged[-1]}, {c}"
                else:
                    merged.append(c)
            clauses = merged
        # Only "find … and then act on them" becomes a plan; "add Jane, tag vip" is one request with details,
        # and "any opportunity we haven't contacted since june, mark disqualified" one bulk change.
        if len(clauses) > 1 and (
            _pronoun_only(clauses[1:])
            or A.selector_then_change(text) is not None
            or _introduces_someone(text, ctx.matcher)
            # "new contact - bich ngoc vu, …, tag med-spa, follow up 4/23": the new record's details, not new requests
            or bool(_CREATE.search(clauses[0]))
            or (
                not _finds(clauses[0], self._rank(clauses[0], known)[0][0])
                and not self._distinct_actions(clauses, ctx, known)
            )
        ):
            clauses = [text]
        if (
            len(clauses) > 2
            and not _LOG_WORDS.search(clauses[0])
            and re.search(r"\b(?:him|her|them)\b", clauses[1], re.I)
            and self._rank(clauses[0], known)[0][0] == "log_activity"
        ):
            # "Trisha … wants a formal quote, make her an opportunity and remind me …": the story says who "her" is;
            # it is not a note to log
            clauses = [f"{clauses[0]}, {clauses[1]}", *clauses[2:]]
        if len(clauses) == 1:
            ranked = whole if whole[0][0] not in CHATTER else self._rank(text, known)
            label = _correct(ranked[0][0], text, ctx, known, ranked)
            b = A.build_args(label, text, ctx)
            # "K. Srinivasan's number? need to call him urgently": a question, then why it is asked
            question = re.search(r"\?(?:\s|$)", text) or _QUESTION.match(text)
            if b.missing == "changes" and question:
                # "when is our next follow up with X" asks about a record; it changes nothing
                label = next(
                    (
                        lab
                        for lab, _ in ranked
                        if lab in known and lab not in ("update_contact", "bulk_update_contacts")
                    ),
                    label,
                )
                label = _correct(label, text, ctx, known - {"update_contact", "bulk_update_contacts"}, ranked)
                b = A.build_args(label, text, ctx)
            if label == "create_contact":
                listed = ex.list_items(text)
                if listed and all(_introduces_someone(item, ctx.matcher) for item in listed[1]):
                    # "add these 2 from Sri Sai Vidya Mandir, both source referral, owner me:\n1. Rekha Bhat, …":
                    # each item is a person; what the header says holds for all of them
                    header = re.sub(r"[:\s]+$", "", listed[0])
                    return [Step(label, text, A.build_args(label, f"{item}. {header}", ctx).args) for item in listed[1]]
                rows = _table_rows(text)
                if rows and all(_introduces_someone(r, ctx.matcher) for r in rows[1]):
                    # "add these two …\n\nDanielle Kay | Kay Fitness Studio | 07711 … \nOwen Tierney | …": one new
                    # person per row, each read with the words around the table (and its header row, if any)
                    return [Step(label, text, A.build_args(label, f"{rows[0]}\n{r}", ctx).args) for r in rows[1]]
                several = A.several_new_people(text, b.args, ctx.matcher)
                if several:
                    return [Step(label, text, args) for args in several]
                then_task = re.search(
                    r"\s+(?:and|,|then)\s+(?:(?:also\s+)?(?:set|create|add|make)\s+(?:up\s+)?(?:a\s+)?"
                    r"(?:task|reminder)|remind me)\b.*$",
                    text,
                    re.I,
                )
                if then_task and "create_task" in known and b.args.get("first_name"):
                    # "add Leon Fischer (leon@…) and set a task to call him tomorrow"
                    who = " ".join(x for x in (b.args.get("first_name"), b.args.get("last_name")) if x)
                    created = A.build_args(label, text[: then_task.start()], ctx)
                    task = A.build_args("create_task", then_task.group(0), ctx)
                    task.args["contact"] = who
                    return [Step(label, text, created.args, created.missing), Step("create_task", text, task.args)]
            if (
                label in ("score_lead", "explain_score")
                and {"score_lead", "explain_score"} <= known
                and _SCORE_THEN_WHY.search(text)
                and b.args.get("contact")
            ):
                # "score Arjun Malhotra and tell me why it's so low": the score, then what makes it
                scored = {"contact": b.args["contact"]}
                return [Step("score_lead", text, dict(scored)), Step("explain_score", text, dict(scored))]
            return [Step(label, text, b.args, b.missing)]
        steps: list[Step] = []
        for clause in clauses:
            prev = steps[-1] if steps else None
            anaphor = bool(ex.ANAPHOR.search(clause))
            # a clause acting on found records ("…and assign them to Ines") can only be one of the record actions
            pool = (known & _ACTIONS) or known if prev and anaphor else known
            ranked = self._rank(clause, pool)
            label = _correct(ranked[0][0], clause, ctx, pool, ranked)
            if prev and prev.tool != "search_contacts":
                label = _one_person(label, clause, 1)
            if prev and anaphor and prev.tool == "search_contacts":
                sel = {k: v for k, v in prev.args.items() if k not in ("sort_by", "limit")}
                if label in ("update_contact", "bulk_update_contacts") and "bulk_update_contacts" in specs:
                    steps.append(
                        Step("bulk_update_contacts", clause, {"filters": sel, "changes": A.changes(clause, ctx)})
                    )
                    continue
                if label == "delete_contacts":
                    steps.append(Step("delete_contacts", clause, {"filters": sel}))
                    continue
                if label in ("create_segment", "draft_campaign") and label in specs:
                    b = A.build_args(label, clause, ctx)
                    b.args.pop("segment", None)
                    b.args["filters"] = sel
                    steps.append(Step(label, clause, b.args, b.missing))
                    continue
            b = A.build_args(label, clause, ctx)
            if label == "log_activity" and "occurred_at" not in b.args and A.happened_today(text):
                # "… Just spoke to her on the phone, … Please update her and log the call": the story says when
                b.args["occurred_at"] = ctx.today.isoformat()
            if (
                prev
                and prev.args.get("contact")
                and (label in _ONE_CONTACT or label == "create_task")
                and (
                    b.missing == "contact"
                    or ("contact" not in b.args and re.search(r"\b(?:him|her)\b", clause, re.I))
                    # "log an email to Thandiwe and make me a task to f/u monday": the task is about her too
                    or (label == "create_task" and "contact" not in b.args)
                )
            ):
                # "log a call with isabel fonseca and set her follow up to next monday": "her" is Isabel
                b.args["contact"], b.missing = prev.args["contact"], None
            elif (
                prev
                and prev.args.get("contact")
                and label == "log_activity"
                and isinstance(b.args.get("contact"), str)
                and ctx.matcher.vocab.contacts
                and b.args["contact"] not in ctx.matcher.vocab.contacts
                and not ctx.matcher.find_in(clause, list(ctx.matcher.vocab.contacts), cutoff=88)
                and not _CREATE.search(clause)
            ):
                # "Churned please, and log a note that it's been passed to Danny to chase the invoices": the note is
                # about the person just changed, not a "Chase Invoices" nobody knows
                b.args["contact"] = prev.args["contact"]
            steps.append(Step(label, clause, b.args, b.missing))
        return steps

    def _list_requests(self, text: str, m: ex.Matcher) -> list[str]:
        """The items of a message written as a list of separate requests; empty when it is not one, or when the
        list is the people of one "add these two: …" request (several_new_people reads that whole)."""
        listed = ex.list_items(text)
        if not listed:
            return []
        header, items = listed
        if sum(bool(re.match(r"[A-Za-z][A-Za-z /]{1,20}?\s*:\s*\S", i)) for i in items) >= 2:
            return []  # "- Name: Tahlia Brooks\n- Company: …": one record's fields, as a bulleted form
        if re.search(r"\b(?:add|new|create|save|enter)\b", header, re.I) and all(
            _introduces_someone(i, m) for i in items
        ):
            return []
        bare_names = [i for i in items if re.fullmatch(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}", i.strip())]
        if re.search(r"\b(?:add|new|create|save|enter)\b", header, re.I) and len(bare_names) == 1:
            return []  # "new one —\n- Jessica Tran-Whitby\n- Listings Coordinator @ …\n- 0401 …": one record's lines
        return items

    def _distinct_actions(self, clauses: list[str], ctx: A.Ctx, known: set[str]) -> bool:
        """ "mark him customer and log the meeting", "log a call with X and set her follow up to monday": different
        things to do to one person, each its own call. "…, log it pls" is one request said twice."""
        if _pronoun_only(clauses[1:]):
            return False
        labels = []
        for i, c in enumerate(clauses):
            ranked = self._rank(c, known)
            labels.append(_one_person(_correct(ranked[0][0], c, ctx, known, ranked), c, i))
        if not (all(lab in _SEQ_ACTIONS for lab in labels) and len(set(labels)) == len(labels)):
            return False
        if any(lab == "update_contact" and not A.changes(c, ctx) for lab, c in zip(labels, clauses, strict=True)):
            return False  # "move Soumya out of disqualified and make her a lead again": one change, said in two parts
        # Each later thing must be asked for; a story before one instruction ("X downloaded the whitepaper, make
        # him an mql") is one change, not a note plus a change.
        asked = re.compile(
            # "note on lena: …" is an instruction to write a note
            r"^\W*(?:also\s+)?(?:(?:pls|please|can you|could you)\s+)?"
            r"(?:log|create|add|schedule|remind|set|mark|move|make|update|change|assign|put|"
            r"note\s+(?:on|for|to|about|re)\b)\b",
            re.I,
        )
        activity = re.compile(
            r"^\W*(?:(?:just|i)\s+)?(?:had (?:a |an )?(?:call|meeting|chat|lunch|coffee|demo)|called|rang|met|"
            r"spoke (?:to|with)|talked to|emailed|showed)\b",
            re.I,
        )
        return (
            bool(asked.match(clauses[0]))
            # "Just got off the phone with Josh – log the call and set his follow up": the story, then the asks
            or bool(re.search(r"(?:[–—:,-]|\.)\s*(?:pls\s+|please\s+|can you\s+)?log\b", clauses[0], re.I))
            or (labels[0] == "log_activity" and bool(activity.match(clauses[0])))
            or any(
                lab in ("log_activity", "create_task") and asked.match(c)
                for lab, c in zip(labels[1:], clauses[1:], strict=True)
            )
        )

    def _chain(self, step: Step, prev: Step, result: Any, ctx: A.Ctx) -> Step:
        """Uses the previous result in the next call: one found contact becomes the target of an update."""
        rows, _ = respond.find_list(result)
        if step.tool == "bulk_update_contacts" and rows is not None and len(rows) == 1 and isinstance(rows[0], dict):
            ident = rows[0].get("id") or (rows[0].get("email") or respond._name(rows[0]))
            if ident and "update_contact" in ctx.schemas:
                return Step(
                    "update_contact", step.text, {"contact": str(ident), "changes": step.args.get("changes", {})}
                )
        if (
            step.tool in ("log_activity", "create_task", "score_lead", "get_timeline")
            and prev.tool in _FINDERS  # a found contact, not the id of the activity just logged
            and rows
            and isinstance(rows[0], dict)
        ):
            ident = rows[0].get("id") or rows[0].get("email")
            if ident and "contact" not in step.args:
                step.args["contact"] = str(ident)
        return step

    def _resume(self, pending: dict[str, Any], answer: str, ctx: A.Ctx) -> Step:
        """The pending call completed with the person's answer (a candidate, a name, a missing value)."""
        tool, args = pending["tool"], dict(pending.get("args") or {})
        cands = pending.get("candidates") or []
        if cands:
            pick = _pick_candidate(answer, cands)
            if pick is not None:
                ident = (
                    pick.get("id") or pick.get("email") or respond._name(pick) if isinstance(pick, dict) else str(pick)
                )
                for key in ("contact", "winner", "deal", "company", "task", "segment"):
                    if key in args or key in (ctx.schemas.get(tool) or {}):
                        args[key] = str(ident)
                        break
                return Step(tool, answer, args)
        merged = f"{pending.get('text', '')} {answer}".strip()
        b = A.build_args(tool, merged, ctx)
        fresh = A.build_args(tool, answer, ctx)
        new = {
            **args,
            **{k: v for k, v in b.args.items() if k not in args},
            **{k: v for k, v in fresh.args.items() if v},
        }
        if pending.get("missing") == "contact" and "contact" not in fresh.args:
            new["contact"] = ex.clean_name(answer)
        missing = b.missing if b.missing and not fresh.args else None
        return Step(
            tool,
            merged,
            {k: v for k, v in new.items() if not (ctx.schemas.get(tool)) or k in ctx.schemas[tool]},
            missing,
        )

    def _by_description(self, text: str, specs: dict[str, dict[str, Any]]) -> Step:
        """Tools the corpus does not know: nearest tool description by embedding; text goes into a string arg."""
        names = list(specs)
        for n in names:
            if n not in self._desc_emb:
                self._desc_emb[n] = nlu.embed([f"{n.replace('_', ' ')}: {specs[n].get('description', '')}"])[0]
        q = nlu.embed([text])[0]
        best = max(names, key=lambda n: (float(self._desc_emb[n] @ q), n))
        props = (specs[best].get("parameters") or {}).get("properties", {})
        key = next((k for k in ("query", "task", "text", "input", "question") if k in props), None)
        return Step(best, text, {key: text} if key else {})


# ---------------------------------------------------------------------- helpers
# "log the call also pls", "and log a meeting for today", "add a note she wants a CMA": an activity to record
_LOG_TOO = re.compile(
    r"\b(?:log|record)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+|my\s+|our\s+|(?:it|that|this)\s+as\s+(?:an?\s+)?)?"
    r"(?P<kind>call|meeting|mtg|chat|visit|demo|email|convo|conversation|note)\b"
    r"|\b(?:add|leave|put|make)\s+a\s+(?P<kind2>note)\b",
    re.I,
)
_LOG_KIND = {"mtg": "meeting", "chat": "call", "convo": "call", "conversation": "call", "visit": "meeting",
             "demo": "meeting"}  # fmt: skip
_SEQ_ACTIONS = {"update_contact", "log_activity", "create_task"}
_ONE_CONTACT = {"update_contact", "log_activity", "create_task", "get_contact", "score_lead", "get_timeline"}
_ACTIONS = {"bulk_update_contacts", "update_contact", "delete_contacts", "create_segment", "draft_campaign",
            "log_activity", "create_task", "score_lead"}  # fmt: skip
# Steps whose result a following clause can act on ("find X … and assign them").
_FINDERS = {"search_contacts", "list_deals", "top_leads", "search_companies", "get_company", "segment_audience",
            "list_tasks", "recommend_follow_ups"}  # fmt: skip


# Texting shorthand, spelled out (word-bounded, never inside an email address or a name).
_SHORTHAND = {
    "shes": "she's", "hes": "he's", "theyre": "they're", "shld": "should", "shd": "should", "yday": "yesterday",
    "yest": "yesterday",
    "tmrw": "tomorrow", "tmw": "tomorrow", "tmrow": "tomorrow", "wks": "weeks", "wk": "week", "thurs": "thursday",
    "thur": "thursday", "tues": "tuesday", "weds": "wednesday", "mgr": "manager", "mgmt": "management",
    "ppl": "people", "u": "you", "ur": "your", "thru": "through",
    "pls": "please", "plz": "please", "frm": "from", "thx": "thanks", "abt": "about", "b4": "before",
    "eow": "end of the week", "eom": "end of the month", "eoq": "end of the quarter", "eod": "today",
    "cob": "today", "edm": "email", "edms": "emails",  # "EDM": electronic direct mail (Singapore, Australia)
    "em": "them",  # "chuck em back to lead"
    "mtg": "meeting", "mtgs": "meetings",
    # slips of fast typing that a reader reads through ("emial is …", "creat a contact", "follow up next wendesday")
    "emial": "email", "eamil": "email", "emal": "email", "creat": "create", "updat": "update", "chnage": "change",
    "folow": "follow", "referal": "referral", "tomorow": "tomorrow", "tommorow": "tomorrow",
    "wendesday": "wednesday", "wensday": "wednesday", "wednsday": "wednesday", "wedensday": "wednesday",
}  # fmt: skip


def _spelt_out(hit: re.Match[str], text: str) -> str:
    """A shorthand word spelled out, unless it is part of a name being given ("a segment called Review Mgmt
    Customers": the name is kept as typed)."""
    if hit.group(1)[:1].isupper() and re.search(
        r"\b(?:called|named|titled|name it|call it)\s+[\"'“‘]?(?:[A-Z][\w'’&-]*\s+){0,4}$", text[: hit.start()]
    ):
        return hit.group(1)
    return _SHORTHAND[hit.group(1).lower()]


def _finds(clause: str, label: str) -> bool:
    """A first clause that finds records for the next to act on: a finder said as a request or a question
    ("find leads from Acme …", "who …?"), not a story the classifier happens to rank as one ("texas tough
    roofing went out of business, delete all their contacts")."""
    if label not in _FINDERS:
        return False
    return bool(
        A._FIND_VERB.match(clause)
        or _QUESTION.match(clause)
        or "?" in clause
        or re.match(r"^\W*(?:all|every|any|each|my|our|the)\b", clause, re.I)
        or re.search(
            r"\b(?:leads|contacts|customers|clients|people|prospects|deals|opportunities|opps)\b", clause, re.I
        )
    )


# Phrasings read once per request, compiled once (the rules use more patterns than re caches)
# "sql's of Fleur", "how many MQL's": an acronym's plural written with an apostrophe
_APOSTROPHE_PLURAL = re.compile(r"\b(sql|mql|opp|sal)['’]s\b", re.I)
# "add the Tags 'international' and 'content'", "remove the Tag 'cold' and add 'hot-lead'": tag names in quotes
# (and a German writer's capital Tag), read as the bare words the tag rules know
_QUOTED_TAGS = re.compile(
    r"\b(?P<lead>tags?\s+|(?:add|remove|drop)\s+(?:the\s+)?)"
    r"(?P<l>['‘\"“][\w-]+['’\"”](?:\s*(?:,|and|&|\+)\s*['‘\"“][\w-]+['’\"”])*)(?=\s+tags?\b|[\s,.;!?)]|$)",
    re.I,
)


def _unquote_tags(hit: re.Match[str]) -> str:
    """'Tags 'seo' and 'vip'' -> 'tags seo and vip'."""
    return hit.group("lead").replace("Tag", "tag") + re.sub(r"['‘\"“’”]", "", hit.group("l"))


_TAGS_FOR = re.compile(
    r"^\W*(?:new\s+|more\s+|extra\s+)?tags?\s+for\s+((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,3})\s*:\s*(.+)$",
    re.I,
)
_MOVE_FOLLOW_UP = re.compile(
    r"\b(?:push|move|bump|shift|set(?!\s+up\b)|change|reschedule|put|pull)\b[^.?!\n]{0,30}\bfollow[\s-]?ups?\b", re.I
)
_CHUCK_TAG = re.compile(r"\b(?:chuck|slap|whack|bung)\b(?=[^.!?\n]{0,30}\btags?\b)", re.I)
# "… are already in the past", "… were already over and nobody did them"
_ARE_PAST = (
    r"\s+(?:are|were)\s+(?:already\s+)?(?:in the past|over|past|gone|missed|expired|overdue)"
    r"(?:\s+and\s+(?:nobody|no one|no-one)\s+did\s+(?:them|it))?"
)
_PAST_FOLLOW_UPS = re.compile(rf"\bfollow[\s-]?ups?\s+(?:which|that){_ARE_PAST}", re.I)
_WHICH_PAST_FOLLOW_UPS = re.compile(rf"\b(which|what)\s+follow[\s-]?ups?{_ARE_PAST}", re.I)
_DQ_DONE = re.compile(r"(?<![\w'’@.-])dq(?:['’]?d|ed)(?![\w'’-])", re.I)
_GET_RID_OF = re.compile(r"\bget\s+rid\s+of\s+(?=(?-i:[A-Z])|[a-z]+\s+[a-z]+\s*[.,!]|(?:him|her|them)\b)", re.I)
_CAN_BE_DELETED = re.compile(
    r"^\W*((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){1,3})\s+(?:can|could|should|may|must)\s+(?:now\s+)?be\s+"
    r"(?:deleted|removed|binned|archived)\b",
    re.I,
)
# "at the moment" says nothing (not a company called Moment); "can you control if …" is check (Dutch, German)
_AT_THE_MOMENT = re.compile(r"\s*\bat (?:the moment|the minute|present)\b", re.I)
_CONTROL_IF = re.compile(r"\bcontrol (?=if\b|whether\b)", re.I)
# "I just spoke Hanneke Vos-Brink, she is …", "called with Joost": a second-language "spoke"/"called" + name
_SPOKE_NAME = re.compile(r"\b(spoke|talked)\s+(?=(?-i:[A-Z])[\w'’-]+\s+(?-i:[A-Z]))")
_CALLED_WITH = re.compile(r"\b(called|phoned|rang)\s+with\s+(?=(?-i:[A-Z]))")
# emoticons say nothing about the request; ":(" left a stray bracket that split the sentence
_EMOTICON = re.compile(r"(?<!\S)[:;]-?[()DPp/\\](?!\S)")
# one pattern for every shorthand word (a pattern each overflowed re's cache of compiled patterns)
_SHORT_WORD = re.compile(rf"(?<![\w'’@.-])({'|'.join(sorted(_SHORTHAND, key=len, reverse=True))})(?![\w'’@-])", re.I)


_PLUS_TAG = re.compile(r"(?<![\w+])\+([^\W\d_][\w-]*)")
_MINUS_TAG = re.compile(r"(?<![\w−])−([^\W\d_][\w-]*)")  # U+2212, the minus sign, never a dash in a name
_NAME_DOT_STAGE = re.compile(
    r"^(\W*(?-i:[A-Z])[\w'’-]+\s+(?-i:[A-Z])[\w'’-]+)\.\s+(subscriber|lead|mql|sql|opportunity|customer|evangelist|"
    r"churned|disqualified)(\s*[.!]|\s*$)",
    re.I,
)


_FIELD_SHOULD_BE = re.compile(
    r"\b(company|title|job title|lead source|source|e-?mail(?: address)?|phone(?: number)?|surname|last name|"
    r"first name)(?:\s+field)?(?:\s+(?:is|was)\s+(?:\w+\s+)?(?:wrong|blank|empty|missing|incorrect|out of date|"
    r"not right|off))?(?:\s+(?:please|pls))?\s*[,.;:—–-]?\s+(?:(?:it|that|this)\s+)?should\s+(?:be|read|say)\b",
    re.I,
)
_PLACE_SAYS = re.compile(
    r"['’]s\s+(?:e-?mail\s+)?(?:signature|sig|linkedin(?:\s+profile)?|profile|bio|website)\s+(?:says|shows|has)\s+"
    r"(?:(?:that\s+)?(?:she|he|they)(?:['’]s|\s+is|\s+are)\s+)?",
    re.I,
)
_ASKED_FIELD = re.compile(
    r"\b(?:update|change|fix|correct)\s+(?:her|his|their|the)\s+(title|company)\s*(?:\?|$|\W)", re.I
)


# "CRM still has Marketing Specialist", "(the CRM says Manager)", "she's in the CRM as Marketing Manager": the old value
_CRM_STILL_HAS = re.compile(
    r"[,;(]?\s*\b(?:(?:the|our)\s+)?crm\s+(?:still\s+)?(?:has|says|shows|lists)\s+(?:(?:her|him|them)\s+as\s+)?"
    r"[^,.;()\n]{1,40}[)]?(?=\s*[,.;]|\s*$)|(?<=\bin\s(?:the|our)\scrm)\s+as\s+(?:an?\s+)?[^,.;\n]{1,40}?(?=\s*[,.;]|$)",
    re.I,
)
# "Apollo says title is …", "Sales Nav says her company is …": where the right value was read, not part of it
_SOURCE_SAYS = re.compile(
    r"\b(?:apollo|linkedin|sales\s+nav(?:igator)?|zoominfo|lusha|clearbit|hubspot|their\s+website)\s+(?:says|shows|has)\s+"
    r"(?=(?:(?:her|his|their|the)\s+)?(?:job\s+)?(?:title|company|e-?mail|phone|role)\s+(?:is|=|:))",
    re.I,
)


def _place_says(hit: re.Match[str]) -> str:
    """ "'s signature says 'X'" → "'s title is 'X'" when the ask names one field and a quoted value follows;
    otherwise "'s LinkedIn says she's at …" → " is at …"."""
    after = hit.string[hit.end() :]
    asked = _ASKED_FIELD.search(after)
    if asked and after[:1] in "'\"‘“" and not re.search(r"\btitle\b.*\bcompany\b|\bcompany\b.*\btitle\b", after, re.I):
        return f"'s {asked.group(1).lower()} is "
    return " is "


def _many_before_arrow(line: str) -> bool:
    """The sentence the arrow ends selects many records ("venue finder contacts … → churned"); a story before it
    ("… they're taking all events in-house. Callum Redfern → churned.") does not count."""
    arrow = re.search(r"->|→|=>|⇒", line)
    left = re.split(r"[.!?]\s+", line[: arrow.start()] if arrow else line)[-1]
    return bool(
        _QUANTIFIER.search(left)
        or _PEOPLE.search(left)
        # "anyone tagged cold that we haven't touched in 90 days → disqualified"
        or re.match(r"\W*(?:anyone|anybody|any contacts?|any leads?|those|everyone)\b", left, re.I)
        or re.search(r"\b(?:my|our|\w+['’]s)\s+[\w-]+\s+ones\b", left, re.I)
    )


_LEAVE_AS_IS = re.compile(
    r"\bleave (?:her|him|them|it) (?:as (?:she|he|they|it) (?:is|are)|alone|be)\b|"
    r"\bdon['’]?t (?:change|touch) (?:her|him|them)\b",
    re.I,
)


# "score >= 70" is "at least 70", "score < 20" is "under 20" (never "<" of a pasted "<jo@x.com>": a number follows)
# (nor the arrows "->", "=>" of "follow-up -> 5/6")
_COMPARISON = re.compile(r"[ \t]*(?<![-=])(>=|≥|<=|=<|≤|>|<)[ \t]*(?=\d)")
_COMPARISON_WORDS = {">=": "at least", "≥": "at least", "<=": "at most", "=<": "at most", "≤": "at most",
                     ">": "over", "<": "under"}  # fmt: skip
_DAY_MONTH = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?"
_DATE_DASH_RANGE = re.compile(rf"(?<![\w/])({_DAY_MONTH})\s*[-–—]\s*({_DAY_MONTH})(?![\w/])")
# a criterion: a field and its value ("stage lead", "tag new-launch", "source 99co", "score at most 20",
# "created 1/1…", "follow-up between …")
_CRITERION = r"(?:stage|tag(?:ged)?|(?:lead\s+)?source|score|owner|created|added|follow[\s-]?up|last\s+contacted)\s+\S"
_CRITERIA_ARROW = re.compile(
    rf"^(\W*)((?i:{_CRITERION})[^\n]*?(?:\s+(?i:and|&|\+)\s+|\s*[,;]\s*)(?i:{_CRITERION})[^\n]*?(?:->|→|=>|⇒))",
    re.M,
)

# a run of emoji (skin tones, gender signs and joiners included); the arrow emoji is read as "to" elsewhere
_EMOJI_RUN = r"(?:(?!\u27a1)[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F\u200D\u2640\u2642\U0001F3FB-\U0001F3FF]*)+"


# "stage=lead", "tag=dach", "owner=Piotr Kaczmarek", "lead_source=clutch": a criterion written as in a query
_FIELD_EQUALS = re.compile(r"\b(stage|tag|owner|(?:lead[_ ])?source)\s*=(?!>)\s*(?=\S)", re.I)
_FIELD_WORDS = {"stage": "stage ", "tag": "tagged ", "owner": "owner "}
_QUERY_CUE = re.compile(
    r"^\W*(?:q|del|delete|show(?:\s+me)?|list|find|how\s+many|who|which|count|search|filter|export|"
    r"create\s+(?:a\s+)?segment)\b",
    re.I,
)
# "DEL: stage=churned AND …", "DELETE - tag=cold": a ticket's heading that deletes the records its criteria select
_DELETE_HEADING = re.compile(
    r"^(\W*)del(?:ete)?\s*[:-]\s*(?=(?:stage|tag|owner|(?:lead[_ ])?source|score|created|not\s+contacted)\b)", re.I
)


def _criteria_as_equations(text: str) -> str:
    """ "BULK-12: stage=mql AND tag=linkedin-ads → owner Aleksandra Mazur", "show me stage=lead contacts …",
    "DEL: stage=churned AND not contacted since 2026-06-01": criteria written as equations select records (before
    the arrow, or in a query); only after the arrow does "=" say what to change them to. (Read as "to", "tag=x"
    was a tag to add and "owner=Piotr Kaczmarek" kept only "Piotr".)"""
    lines = []
    for line in text.split("\n"):
        line = _DELETE_HEADING.sub(r"\1delete all contacts with ", line)
        arrow = re.search(r"->|→|=>|⇒", line)
        cut = arrow.start() if arrow else len(line) if _QUERY_CUE.match(line) else 0
        head = _FIELD_EQUALS.sub(lambda f: _FIELD_WORDS.get(f.group(1).lower(), "source "), line[:cut])
        lines.append(head + line[cut:])
    return "\n".join(lines)


# the fields a ticket's lines name ("owner: Piotr Kaczmarek", "- sms consent: false", "fu: 2027-03-24")
_TICKET_FIELD = (
    r"(?:owner|stage|status|tags?|(?:lead\s+)?source|follow[\s-]?up|fu|f/u|next\s+follow[\s-]?up|e-?mail|phone|mobile|"
    r"title|company|score|(?:sms|e-?mail|whatsapp|marketing)\s+consent|turn\s+o(?:n|ff)\s+\S+\s+consent)"
)
_TICKET_KEY = re.compile(r"^(\W*)(?!(?i:bulk|del)\b)(?-i:[A-Z][A-Z0-9]{1,9})-\d{1,6}\s*[|:]\s*(?=\S)")
_BULLET = re.compile(r"^\s*[-*•]\s+")
# "- email: keep as is", "phone: unchanged": a line that says a field stays as it is changes nothing
_KEEP = re.compile(
    r":\s*(?:keep(?:\s+(?:as\s+is|it|the\s+same))?|unchanged|no\s+change|same|as\s+is|leave(?:\s+as\s+is)?)\W*$", re.I
)


def _ticket_as_request(text: str) -> str:
    """A ticket's layout as one request: "OPS-88 | Żaneta Kubiak | owner: Piotr Kaczmarek | fu: 2027-03-24" and
    "- Aleksandra Błaszczyk / - sms_consent: false / - email: keep as is" (a person, then the fields to set, each
    in a cell or a bullet of its own) read as "Żaneta Kubiak | owner: …; follow up: …". The ticket's key ("OPS-88")
    names no one, a "SEGMENT" heading creates one, and a field said to stay as it is is no change."""
    text = _TICKET_KEY.sub(r"\1", text)
    text = re.sub(r"^(\W*)segment\s*\n\s*[-*•]?\s*name\s*:\s*([^\n]+?)\s*\n\s*[-*•]?\s*filters?\s*:\s*",
                  r'\1Create segment "\2": ', text, flags=re.I)  # fmt: skip
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) >= 2 and all(_BULLET.match(ln) for ln in lines):
        items = [_BULLET.sub("", ln).strip() for ln in lines]
        fields = [i for i in items[1:] if re.match(rf"(?i:{_TICKET_FIELD})(?:\s*[:=]|\s|$)", i)]
        if ":" not in items[0] and len(fields) == len(items) - 1:
            kept = [i for i in fields if not _KEEP.search(i)]
            return f"{items[0]}: {'; '.join(kept)}" if kept else text
        # "- bulk: all stage=lead contacts with … / - set follow-up → 2027-03-22": the selection, then its change
        orders = [i for i in items[1:] if re.match(r"(?:set|change|add|remove|move|tag|assign|mark|make)\b", i, re.I)]
        if (
            re.match(r"(?:bulk|select(?:ion)?|filter|scope|target)\s*:", items[0], re.I)
            and len(orders) == len(items) - 1
        ):
            return f"{items[0].rstrip(' .:;')}: {'; '.join(orders)}"
    cells = [c.strip() for c in text.split("|")]
    if len(cells) >= 3 and "\n" not in text and ":" not in cells[0]:
        fields = [c for c in cells[1:] if re.match(rf"(?i:{_TICKET_FIELD})\s*:\s*\S", c)]
        if len(fields) == len(cells) - 1:
            return f"{cells[0]} | {'; '.join(c for c in fields if not _KEEP.search(c))}"
    return text


def _tag_named_bare(text: str, tags: Sequence[str]) -> str:
    """ "can u add vip to yusuf ebrahim", "add photography to everyone tagged wine-estate": one of the organization's
    tags added to someone without the word "tag" (left bare, "vip" was read as a new person's name)."""
    known = "|".join(re.escape(t) for t in sorted(tags, key=len, reverse=True))
    if not known:
        return text
    return re.sub(
        rf"\b(add)\s+(?:the\s+)?({known})\s+(?=(?:to|onto)\s+\S)(?!\S+\s+tag)", r"\1 the \2 tag ", text, flags=re.I
    )


def _emoji_as_punctuation(text: str) -> str:
    """Chat writers punctuate with emoji: "new contact 👉 nandi zwane …" opens a record like a colon, and "add kaylin
    moonsamy 👋 shes a travel creator …" ends the name like a comma (left in, the lower-case name ran on into the
    next words, or the next capitalised word was read as the name)."""
    text = re.sub(
        rf"\b(new\s+(?:contact|lead|one|client|person|customer))\s*{_EMOJI_RUN}\s*(?=\w)", r"\1: ", text, flags=re.I
    )
    # only where a new person is named first: elsewhere an emoji between words is a mood ("churned liao 😞 they
    # never renew", "every single email 📈📈 bump her to MQL") and the sentence reads as it did before
    return re.sub(
        rf"^(\W*(?:(?:pls|please|plz|can\s+(?:u|you))\s+)?add\s+(?-i:[a-z])[\w'’-]+(?:\s+(?-i:[a-z])[\w'’-]+){{0,3}})"
        rf"\s+{_EMOJI_RUN}\s+(?=[a-z])",
        r"\1, ",
        text,
        flags=re.I,
    )


# The request words most often typed with a letter dropped or swapped, on a phone or in a hurry ("what open taks have
# I got?", "folow up Wednesday", "tag evryone at …"): each misread the whole request, the word being the one that
# says what is asked. Only whole words, and only spellings that are no other English word.
_TYPOS = {
    "taks": "tasks", "tsks": "tasks", "taskss": "tasks",
    "folow": "follow", "follwo": "follow", "foloow": "follow", "folllow": "follow",
    "evryone": "everyone", "everyon": "everyone", "eveyone": "everyone", "evreyone": "everyone",
    "everyobdy": "everybody", "evrybody": "everybody",
}  # fmt: skip
_TYPO = re.compile(r"(?<![\w@.-])(?:" + "|".join(_TYPOS) + r")(?![\w@-])", re.I)

# A CRM field written as the identifier a ticket, an export or an API names it by ("lead_source: event",
# "sms_consent: false", "next_follow_up → 2027-04-02"), read as the words a person says for it
_FIELD_IDS = {
    "lead_source": "lead source", "sms_consent": "SMS consent", "email_consent": "email consent",
    "next_follow_up": "follow-up", "follow_up": "follow-up", "follow_up_date": "follow-up", "job_title": "title",
    "first_name": "first name", "last_name": "last name", "phone_number": "phone", "email_address": "email",
}  # fmt: skip
_FIELD_ID = re.compile(r"(?<![\w@./-])(?:" + "|".join(_FIELD_IDS) + r")(?![\w@-])", re.I)
# "sms consent: false", "email_consent=no": a consent given a yes/no value, as a form or a ticket writes it
_CONSENT_VALUE = re.compile(
    r"\b(SMS|e-?mail|whatsapp|marketing|call|phone)\s+consent\s*(?::|=|->|→|to)?\s*(?:(false|no|off|0|n)|(true|yes|on|1|y))\b"
    # ("turn off SMS consent on his record": "on" the preposition, before whose record)
    r"(?!\s+(?:his|her|their|the|this|that|its|my|our|him|them|file|record)\b)",
    re.I,
)


def normalize_request(text: str) -> str:
    """Spoken forms written out (dictation.py); arrows and equals signs read as "to" ("Jane → SQL",
    "stage = customer"); chat shorthand spelled out; whitespace collapsed."""
    # a tab parts the cells of a row pasted from a spreadsheet ("Ada Lowe<TAB>Lowe Cider<TAB>Head Brewer"): a
    # cell border, as the "|" of a pasted table, never the space inside a name
    text = re.sub(r"(?<=\S)[^\S\n\t]*\t[^\S\n]*(?=\S)", " | ", text)
    text = undictate(text)
    text = from_korean(text)  # "X 원장님 담당자 Oliver로 바꿔주세요" -> "X owner to Oliver please"
    text = from_japanese(text)  # "change owner to Megumi-san" -> "… to Megumi", "since 3月1日" -> "since March 1"
    text = _TYPO.sub(lambda hit: _TYPOS[hit.group(0).lower()], text)  # "open taks", "folow up", "tag evryone"
    text = _FIELD_ID.sub(lambda hit: _FIELD_IDS[hit.group(0).lower()], text)  # "lead_source: event"
    # "45 000 zł", "12 tys. zl": the Polish złoty's sign, read as its code
    text = re.sub(r"(?<=\d)\s*(?:zł|zl|złotych|zlotych|złote|zlote|złoty|zloty)(?![\w])", " PLN", text, flags=re.I)
    text = _CONSENT_VALUE.sub(lambda c: f"turn {'off' if c.group(2) else 'on'} {c.group(1)} consent", text)
    # "score >= 70", "score <= 5", "score ≥ 60": a comparison sign before a number is a bound, read before the
    # equals sign below turns "=" into "to" ("score > to 70" lost the bound)
    text = _COMPARISON.sub(lambda hit: f" {_COMPARISON_WORDS[hit.group(1)]} ", text)
    # "created 1/1-31/3", "follow-up 3/6 – 10/6": a range of day-first dates joined by a dash
    text = _DATE_DASH_RANGE.sub(r"between \1 and \2", text)
    # "Stage lead AND score <= 20 -> add tag nurture": a bare list of criteria before an arrow selects the records
    # that meet them (a line that opens with a name, "Tan Wei: stage -> sql", is one person)
    text = _ticket_as_request(text)
    text = _criteria_as_equations(text)
    text = _CRITERIA_ARROW.sub(r"\1All contacts with \2", text)
    # 'New segment "PG Hot": tag …, score >= 60': a heading that names a new segment asks to create it
    text = re.sub(r"^(\W*)new\s+(?=(?:contact\s+)?segment\s+[\"'“‘(A-Z])", r"\1Create ", text, flags=re.I)
    # "Sneha here - add …": the writer saying who they are, not a person the request is about
    text = re.sub(r"^\W*(?:(?:hi|hey|hello)[\s,!]+)?[A-Z][\w'’-]+\s+here\s*(?:[-–—:,.!]\s*|\s(?=\S))(?=\S)", "", text)
    # "Haan, add Mr. …", "ok so, …", "Oya, …": a word that only answers or opens (yes, well, come on) says nothing
    # about the request, and alone as a first clause it was routed as a request of its own
    text = re.sub(
        r"^\W*(?:(?:haan(?:ji)?|han|ji|accha|acha|theek hai|ok(?:ay|ie)?|alright|right|yes|yeah|yep|yup|sure|well|"
        r"um+|uh+|hmm+|oya|abeg|bueno|ja|oké|nou|so)\s*[,!.]+\s*)+(?=\S)",
        "",
        text,
        flags=re.I,
    )
    text = _APOSTROPHE_PLURAL.sub(r"\1s", text)  # "sql's of Fleur", "how many MQL's"
    text = _QUOTED_TAGS.sub(_unquote_tags, text)
    # "Priya Nair · 2nd\nHead of Talent at …": a pasted LinkedIn card's connection degree beside the name says
    # nothing about the person (left in, the name line no longer reads as one)
    text = re.sub(r"[ \t]*[·•][ \t]*(?:1st|2nd|3rd\+?)\b[ \t]*(?=\n|$)", "", text)
    # "… Please mark her as a customer. Thanks, Graham": a closing courtesy signed with the writer's own name, no
    # part of the request (left in, "customer. Thanks, Graham" read as a company)
    text = re.sub(
        r"(?<=[.!?])\s+(?:(?:many\s+)?thanks|thank\s+you|cheers|ta|regards|kind\s+regards|best(?:\s+wishes)?|br)"
        r"\s*[,!.]?\s+(?-i:[A-Z])[\w'’-]+\s*[.!]?\s*$",
        "",
        text,
        flags=re.I,
    )
    # "tolong update email X jadi …", "owner tukar ke Aisyah ya": English CRM words in a Malay frame, read first
    # (its "di", "dia", "dan" would otherwise count as Italian or Tagalog words)
    text = from_malay(text)
    # "zmień ownera na Olę", "owner na mnie", "wszyscy z … — follow-up na 1 kwietnia": a Polish frame around
    # English CRM words, read before the Romance lexicons (which would take its "a", "na", "do" for their own)
    text = from_polish(text)
    # "Please off her SMS consent", "on his email consent": Singlish "off"/"on" as verbs (switch it off, on)
    text = re.sub(
        r"\b(?:please\s+|pls\s+|can\s+)?\b(off|on)\s+(?=(?:his|her|their|the)\s+(?:sms|e-?mail|text|whatsapp|marketing)?"
        r"\s*consent\b)",
        r"turn \1 ",
        text,
        flags=re.I,
    )
    # a message is read as French or as Spanish, whichever it has more clear words of (both say "cliente")
    # (or as Portuguese, when it has more clearly Portuguese words than either: it shares "cliente" with Spanish)
    # (or as Taglish, when it has more clearly Tagalog words: Tagalog borrows Spanish ones, "Domingo", "Evangelista")
    # (or as Italian, when it has more clearly Italian words than the other three: "cliente", "contatto")
    fr, es, pt = french_words(text), spanish_words(text), portuguese_words(text)
    tl, it = tagalog_words(text), italian_words(text)
    if tl and tl >= max(fr, es, pt, it):
        pass  # Taglish: from_tagalog reads it below, and the Romance lexicons would misread its names and words
    elif it > max(fr, es, pt):
        text = from_italian(text)
    elif pt > max(fr, es):
        text = from_portuguese(text)
    else:
        text = from_french(text) if fr > es else from_spanish(text) if es > fr else from_spanish(from_french(text))
    text = from_afrikaans(text)  # "sit haar op customer asseblief", "gee hom vir Kyle", "opvolg môre" (before Dutch)
    text = from_dutch(text)  # "Kees is klant geworden", "wie is eigenaar van …", "gooi … weg"
    text = from_german(text)  # "… auf SQL setzen", "ist jetzt Kundin", "Wiedervorlage …", "… bitte löschen"
    if tl <= swahili_words(text):
        text = from_swahili(text)  # "ongeza … wa Eastleigh Textiles", "futa …", "nipe number ya …", "kesho"
    text = from_scots(text)  # "she's fae Portsoy Smokehouse", "wi Innes the morra", "we've no spoken to", "aff"
    # "can u add kerry mcbride? she's fae portsoy smokehouse": the question mark ends the order, not the request
    text = re.sub(
        r"^(\W*(?:can|could|would|will)\s+(?:u|you|ya|ye)\s+(?:please\s+|pls\s+)?(?:add|create|save|put in)\s+"
        r"[^?\n]{2,60}?)\?(?=\s+\S)",
        r"\1,",
        text,
        flags=re.I,
    )
    # "… overdue? she's asked me to cover while she's in Skye": where a colleague is, not a person in the request
    text = re.sub(
        r"\s*\b(?:while|as|since|because|coz|cos)\s+(?:she|he|they|i)(?:['’]s|['’]m|['’]re| is| am| are)\s+"
        r"(?:away\s+|off\s+|on holiday\s+|on leave\s+)?(?:in|at|on)\s+(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*)?",
        "",
        text,
        flags=re.I,
    )
    # "… need moving to Jack while she is on maternity leave": why, a colleague away, not part of the request
    text = re.sub(
        r"[,;]?\s*\b(?:while|whilst|as|since|because|cos|coz)\s+(?:she|he|they)(?:['’]s|['’]re| is| are)\s+"
        r"(?:off|away|out|on\s+(?:holiday|hols|leave|annual leave|sick leave|parental leave|maternity leave|"
        r"paternity leave|sabbatical|secondment))\b(?:\s+(?:until|till|til)\s+[\w ]{1,20}?(?=[.!,;]|$))?",
        "",
        text,
        flags=re.I,
    )
    # "… Please action today.": a formal closing asking for it to be done, no date of the request's own
    text = re.sub(
        r"(?<=[.!])\s+(?:please|pls|kindly)\s+action\s+(?:this\s+|it\s+)?(?:today|asap|urgently|now|straight away|"
        r"by (?:eod|end of (?:the )?day))?\s*[.!]?\s*$",
        "",
        text,
        flags=re.I,
    )
    # "is Sam Okafor a lead yet? if not make him one": the stage the question names, set when it is not so yet
    text = re.sub(
        r"^\W*(?:is|are)\s+(?P<who>[^?]{2,60}?)\s+(?:an?\s+)?(?P<st>subscriber|lead|mql|sql|opportunity|customer|"
        r"client|evangelist|prospect)s?\s+(?:yet|already|now)\s*\?\s*(?:if\s+not|no\?|not\?)[,\s]+(?:please\s+|pls\s+)?"
        r"(?:make|mark|set|put|move|change|turn)\s+(?:him|her|them|it)\s+(?:(?:as\s+|to\s+|into\s+)?(?:an?\s+)?(?:one|(?P=st)s?))\b",
        r"make \g<who> a \g<st>.",
        text,
        flags=re.I,
    )
    # "the kelly marsden one from heaton moor, make her an opportunity": the person, told from a namesake
    text = re.sub(
        r"^(\W*)the\s+([^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)\s+one\s+(?=from\b|at\b|in\b|@|with\b|,)",
        r"\1\2 ",
        text,
        flags=re.I,
    )
    # "stick in tom reyes, head of ops at …", "pop in a new one": British for adding someone to the CRM
    text = re.sub(
        r"^(\W*(?:(?:can you|could you|pls|please)\s+)?)(?:stick|pop|bung|chuck)\s+in\s+"
        r"(?=(?:a\s+new\s+|new\s+)?[^\W\d_])",
        r"\1add ",
        text,
        flags=re.I,
    )
    # "The owner I am." (Spanish order, "el owner soy yo"): the writer is the owner
    text = re.sub(r"\b(?:the\s+)?owner\s+(?:i\s+am|am\s+i|i['’]m|is\s+me|me\s+it\s+is)\b", "owner me", text, flags=re.I)
    # "stick her on me", "pop him on me": British for making the writer the owner
    text = re.sub(
        r"\b(?:stick|put|pop|bung|chuck)\s+(him|her|them|it)\s+on\s+me\b", r"assign \1 to me", text, flags=re.I
    )
    # "put Jenna on him and follow up Monday": a colleague made the owner
    text = re.sub(
        r"\b(?:stick|put|pop|get)\s+((?-i:[A-Z])[\w'’-]+)\s+on\s+(him|her|them)\b(?!\s+(?:hold|the|list)\b)",
        r"assign \2 to \1",
        text,
        flags=re.I,
    )
    # "All Liam's opportunities to Ryan. Liam's off from Monday.": a closing sentence on why (a colleague away), no
    # second request; left in, its name reads as the selection and "off" as a change
    text = re.sub(
        r"(?<=[.!])\s+(?-i:[A-Z])[\w'’-]*(?:['’]s| is| will be| has gone| went|(?=\s+on\s))\s+"
        r"(?:(?:off|away|out)(?:\s+sick)?|"
        r"on\s+(?:holiday|hols|leave|annual leave|parental leave|maternity leave|paternity leave|vacation|pto)|"
        r"leaving(?:\s+us)?)\b[^.!?\n]{0,40}[.!]?\s*$",
        "",
        text,
    )
    # "note for the CRM stuart mckenzie … is now an S Q L": a dictated preamble addressed to the system; what follows
    # is the request ("note for Stuart: …" is a note and stays)
    text = re.sub(r"^\W*(?:a\s+)?(?:note|update|memo)\s+for\s+the\s+(?:crm|system|records?)\b\W*", "", text, flags=re.I)
    # "she's no in a position to spend anything this year": able to, not a job ("position: …")
    text = re.sub(r"\bin\s+a\s+(?:good\s+|better\s+)?position\s+to\b", "able to", text, flags=re.I)
    # "shouting about us all over LinkedIn": everywhere on it, not a selection of all contacts
    text = re.sub(
        r"\ball over (?=(?:the |my |our |his |her |their )?(?-i:[A-Z])|the (?:place|internet|web|news|socials?)\b)",
        "across ",
        text,
        flags=re.I,
    )
    # "Eimear Ruane's company field is blank, should be MedLoop Ltd.", "Fix X's company please, it should be Y",
    # "lead source is wrong, should be web-summit": what is wrong with the field, then its value
    text = _FIELD_SHOULD_BE.sub(r"\1 should be", text)
    # "Joanna's signature says 'Product Marketing Lead' now … update her title": the field the ask names, as the
    # pasted place says it; "Clodagh's LinkedIn says she's at Onboardly now": what it says of her
    text = _PLACE_SAYS.sub(_place_says, text)
    # "Apollo says title is 'Chief Marketing Officer', CRM still has Marketing Specialist, pls fix": a data source
    # gives the right value and the CRM's old one is named to be replaced (left in, it read as the new one)
    text = _CRM_STILL_HAS.sub("", text)
    # "… remove the newsletter tag and no more emails to her": no more of a channel is its consent withdrawn
    text = re.sub(
        r"\bno\s+more\s+(?:(e-?mails?|newsletters?|mailings?)|(texts?|sms|text\s+messages))"
        r"(?:\s+(?:to|for)\s+(?:her|him|them))?\b",
        lambda c: "turn off email consent" if c.group(1) else "turn off SMS consent",
        text,
        flags=re.I,
    )
    # "All contacts at Stettin Cargo please to me as owner": the owner they go to, said before the word "owner"
    text = re.sub(
        r"(?<!\bhim\s)(?<!\bher\s)(?<!\bthem\s)\b(?:please\s+|pls\s+)?to\s+(me|(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)\s+as\s+(?:the\s+|new\s+)?owner\b",
        r"change owner to \1",
        text,
        flags=re.I,
    )
    # "new contact met him at the logistics meetup in poznan his name is piotr lewandowski head of it at …": the
    # story told before the name goes after the new contact's details
    text = re.sub(
        r"^(\W*(?:(?:please\s+|pls\s+)?add\s+(?:a\s+)?)?new\s+(?:contact|lead)\b)[\s,:-]*(?P<story>[^.\n]{3,120}?)[\s,]+"
        r"(?:his|her|their)\s+name\s+is\s+(?P<rest>[^\n]+)$",
        lambda n: f"{n.group(1)} {n.group('rest').rstrip(' .')}. {n.group('story')}",
        text,
        count=1,
        flags=re.I,
    )
    # "all my contacts … that i havent contacted since february 1st put the cold tag on them": the selection ends
    # at its date where the order starts (dictated without a comma)
    text = re.sub(
        r"^(\W*(?:all|every|everyone|everybody|anyone|anybody)\b[^,.;\n]{5,150}?\b(?:since|before|after)\s+"
        r"(?:\w+\s+)?\d{1,4}(?:st|nd|rd|th)?)\s+(?=(?:put|add|tag|move|give|set|mark|change|assign|make|remove|take|"
        r"delete)\b)",
        r"\1, ",
        text,
        flags=re.I,
    )
    # "… put the cold tag on them", "slap the vip tag on her": a tag put on someone is added
    text = re.sub(
        r"\b(?:put|stick|slap)\s+(?:the\s+|a\s+)?([\w-]+)\s+tag\s+on\s+(them|him|her|everyone|all\s+of\s+them|those)\b",
        lambda t: f"add the {t.group(1)} tag" + (f" to {t.group(2)}" if t.group(2).lower() in ("him", "her") else ""),
        text,
        flags=re.I,
    )
    # "he moved to sales director so update his title": the job someone moved to
    text = re.sub(
        r"\b(he|she|they)\s+(?:moved|switched|changed|got\s+moved|was\s+moved)\s+to\s+"
        r"(?=[\w &/-]{2,40}?\s+(?:so|and)\s+(?:please\s+|pls\s+)?(?:update|change|fix)\s+"
        r"(?:his|her|their|the)\s+(?:job\s+)?title\b)",
        r"\1 is now ",
        text,
        flags=re.I,
    )
    # "delete all contacts from Oranje Logistics, the company is insolvent since last month": how long a state has
    # held, said as the reason, selects nothing (it read as "created since last month")
    text = re.sub(
        r"(,\s*(?:the\s+company|the\s+firm|the\s+business|they|it)\s+(?:is|are|has\s+been|have\s+been)\s+"
        r"(?!contacted\b|created\b|added\b)[a-z-]+)\s+since\s+[^,.;!?\n]+",
        r"\1",
        text,
        flags=re.I,
    )
    # "update phone only, email is the same", "…, title is the same": a field said to stay as it is is no change
    text = re.sub(
        r"[,;]?\s*\b(?:(?:the|her|his|their)\s+)?(?:job\s+)?(title|e-?mail|phone|company|owner|stage|source)\s+"
        r"(?:is|stays|remains)\s+(?:(?:still\s+)?the\s+same|unchanged|as\s+(?:it\s+)?is)\b",
        "",
        text,
        flags=re.I,
    )
    text = _SOURCE_SAYS.sub("", text)
    # "owner for Laura Dempsey is Ellie now": the field of one person, said before the person
    text = re.sub(
        r"^(\W*)(owner|title|job title|company|lead source|source|stage)\s+(?:for|of|on)\s+"
        r"([^\W\d_][\w'’-]+\s+(?:(?:van der|van|de|ní|nic|ó|ui|mac|mc|o['’])\s*)?[^\W\d_][\w'’-]+)\s+is\s+(?=\S)",
        r"\1\3's \2 is ",
        text,
        flags=re.I,
    )
    # "… is Ellie now im handing her over": the writer handing someone over says why, not a new owner's name
    text = re.sub(
        r"[,;.]?\s*\b(?:i['’]?m|i\s+am)\s+(?:handing|passing|giving)\s+(?:her|him|them)\s+(?:over|on)\b(?:\s+to\s+(?:her|him))?",
        "",
        text,
        flags=re.I,
    )
    # "she's a proper evangelist at this stage I'd say": Irish "by now", no stage field
    text = re.sub(r"\bat this stage\b(?!\s+of\b)", "by now", text, flags=re.I)
    # "Can you do a thing for me, anyone with …": a courtesy opening the ask, no owner "me"
    text = re.sub(
        r"^\W*(?:can|could|would|will)\s+(?:you|u)\s+(?:ever\s+)?do\s+(?:a|one|me\s+a)\s+(?:quick\s+|small\s+)?"
        r"(?:thing|favou?r|job)(?:\s+for\s+(?:me|us))?\s*[,.:;!—–-]+\s*",
        "",
        text,
        flags=re.I,
    )
    # "anyone that's disqualified …, can you clear them out altogether": clearing people out deletes them
    text = re.sub(
        r"\b(?:clear|clean)\s+(them|those|these|him|her)\s+out(?:\s+(?:altogether|completely|entirely|for good))?\b",
        r"delete \1",
        text,
        flags=re.I,
    )
    # "all contacts at X — add the fintech tag to every one of them": the tag goes on the selection said first
    text = re.sub(
        r"\b((?:add|put|apply|stick)\s+(?:the\s+)?[\w-]+\s+tag)\s+(?:to|on|onto)\s+"
        r"(?:every\s*one\s+of\s+them|each\s+(?:one\s+)?of\s+them|all\s+of\s+them|them\s+all)\b",
        r"\1",
        text,
        flags=re.I,
    )
    # "Heather Milne. Customer. Done deal 🤝": an idiom for signed, not a deal record or a task done
    text = re.sub(r"\b(?:it['’]?s\s+a\s+)?done\s+deal\b", "signed", text, flags=re.I)
    # "Gillian Reid should be SQL. Aileen's still just a lead tho, leave her as she is": the sentence that says
    # someone stays as they are changes nothing
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 1 and any(_LEAVE_AS_IS.search(x) for x in sentences):
        text = " ".join(x for x in sentences if not _LEAVE_AS_IS.search(x))
    # "bin all the disqualified contacts …": British "throw away", a deletion (not "in the bin")
    # ("bin her as disqualified" is a stage change, not a delete)
    text = re.sub(
        r"\bbin\s+(?=(?:all|every\w*|any\w*|them|those|these|him|her|the)\b)(?!(?:him|her|them)\s+as\b)",
        "delete ",
        text,
        flags=re.I,
    )
    # "all of priya's sqls → me", "all Ben's leads -> Ana": one owner's records, an arrow to a person, is a handover
    # (left alone, the arrow read as "set them to", and their stage as the change)
    text = re.sub(
        r"^(\W*)(all\s+(?:of\s+)?[^\W\d_][\w-]*['’]s\s+[\w-]+?s)\s*(?:->|→|=>|⇒)\s*(?=(?i:me|myself)\b|(?-i:[A-Z]))",
        r"\1give \2 to ",
        text,
        flags=re.I | re.M,
    )
    # "venue finder contacts we haven't been in touch with for 90 days → churned": after a selection of many
    # records the arrow is the change to make to all of them
    text = "\n".join(
        re.sub(r"\s*(?:->|→|=>|⇒)\s*", " - set them to ", line, count=1)
        if A._SEL_ARROW.match(line) and _many_before_arrow(line)
        else line
        for line in text.split("\n")
    )
    # "Ciara Moran. churned. → remove retainer": an arrow opening a fragment only leads on to the next note
    text = re.sub(r"(?<=[.!;])\s*(?:->|→|=>|⇒)\s*(?=[^\W\d_])", " ", text)
    text = re.sub(r"\s*(?:->|→|=>|⇒|=)\s*", " to ", text)
    text = _emoji_as_punctuation(text)
    # "add olwethu mthethwa she DMd us on insta …": a lower-case name ends where she or he starts the story
    text = re.sub(
        r"^(\W*(?:(?:pls|please|plz)\s+)?add\s+(?-i:[a-z])[\w'’-]+\s+(?-i:[a-z])[\w'’-]+)\s+(?=(?:she|he|they)(?:['’]?s)?\s)",
        r"\1, ",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bsmses\b|\bsms['’]s\b", "sms", text, flags=re.I)  # "doesnt want smses anymore"
    # "… please update her title. Shame she's worked so hard for it", "… Lekker for her": a South African closing
    # remark of feeling (sympathy, delight), no part of the request; "Shame, Thabo … says …" opening one stays
    text = re.sub(r"(?<=[.!?])\s+(?:ag\s+)?(?:shame|lekker|sjoe|eish|yoh)\b[^.!?\n]*[.!?]*\s*$", "", text, flags=re.I)
    # "naledi radebe owner = me 🙋 im doing her lodge brochure": why the writer takes the record, not a change
    text = re.sub(
        rf"(?:[,;]|\s*{_EMOJI_RUN})\s*(?:(?:coz|cos|since|as|because)\s+)?(?:i['’]?m|i\s+am)\s+(?:doing|handling|running|"
        r"working\s+on)\s+"
        r"(?:her|his|their)\b[^.!?\n]*",
        "",
        text,
        flags=re.I,
    )
    # "I'm happy to take ownership", "I'll take ownership of her", "happy to take him on": the writer owning the record
    text = re.sub(
        r"\bI(?:['’]m|\s+am|['’]ll|\s+will|['’]d\s+be|\s+would\s+be)\s+(?:(?:very\s+|more\s+than\s+)?(?:happy|glad|keen)\s+to\s+)?"
        r"take\s+(?:over\s+)?ownership(?:\s+of\s+(?:him|her|them|the\s+(?:record|contact|account)))?"
        r"|\bI(?:['’]m|\s+am|['’]d\s+be)\s+(?:(?:very\s+|more\s+than\s+)?(?:happy|glad|keen))\s+to\s+take\s+(?:him|her|them)\s+on\b",
        "owner me",
        text,
        flags=re.I,
    )
    # "… so his title should be updated accordingly in the CRM": the passive request, said as the plain one
    text = re.sub(
        r"\b(her|his|their)\s+(?:job\s+)?(title|role|position)\s+(?:should|needs\s+to|must|will\s+need\s+to)\s+be\s+"
        r"(?:updated|changed|amended)(?:\s+accordingly)?(?:\s+(?:in|on)\s+the\s+(?:crm|system))?",
        r"please update \1 \2",
        text,
        flags=re.I,
    )
    # "delete all the subscribers created before 2026, they're just old newsletter sign-ups from the Wine Show": why
    # the records go (clutter, junk, bots, old sign-ups), never one more filter
    text = re.sub(
        r"^(?=[^\n]*\b(?:delete|bin|wipe|clear\s+out|purge|get\s+rid\s+of)\b)([^\n]*?)\s*[,;]\s*(?:they['’]?re|they\s+are)\s+"
        r"(?:just|only|all|mostly)\b[^.!?\n]*",
        r"\1",
        text,
        flags=re.I,
    )
    # "…, no company name yet.", "company TBC": the writer saying there is no employer to record (left in, "Yet" or a
    # company with the initials T B C was read as the employer)
    text = re.sub(
        r"[,;]?\s*\b(?:(?:there['’]?s\s+)?no\s+company(?:\s+name)?(?:\s+(?:yet|as\s+yet|for\s+now))?|company(?:\s+name)?"
        r"\s*(?:is\s+|:\s*)?(?:tbc|tbd|unknown|not\s+known(?:\s+yet)?|n/a))\b(?=\s*(?:[.,;!]|$))",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\bwhos\s+got\b", "who has", text, flags=re.I)  # "whos got the hot-lead tag"
    # "She run Yen Beauty Spa", "he own a salon in Hanoi": the verb without its -s (English as a second language)
    # before the business they run
    text = re.sub(r"\b((?-i:She|He|she|he))\s+(run|own|manage)\s+(?=(?-i:[A-Z])|an?\s)", r"\1 \2s ", text)
    # "tag him vip + export fyi, he wants …": "for your information" closing a clause is an aside to the reader, no
    # word of the request (left in, it was read into the last tag)
    text = re.sub(r"(?<=[\w-])\s+(?-i:fyi|FYI)(?=\s*[,.;!]|\s*$)", "", text)
    # "… the hot-lead tag rn 🔥": chat's "right now" at the end of a question says nothing to select on
    text = re.sub(r"\s+(?-i:rn)(?=[\s\W]*$)", "", text)
    # "Mariëtte Coetzee title: Brand Manager": a field given with a colon after the name, as "title is …" (a pasted
    # form's own "Title: …" line starts its line and stays as written)
    text = re.sub(r"(?<=[\w'’])[ \t]+(title|job title|role|position)[ \t]*:[ \t]*(?=\S)", r" \1 is ", text, flags=re.I)
    # "tag him retainer as well": "as well" is "too", no tag named "well"
    text = re.sub(
        r"\b(tag(?:ged)?\s+(?:him|her|them)\s+[\w-]+(?:\s+(?:and|\+|&)\s+[\w-]+)?)\s+as\s+well\b",
        r"\1 too",
        text,
        flags=re.I,
    )
    # "… and sure put me down as owner on him", "so sure make her sql": Irish "sure" only leads into the ask
    text = re.sub(
        r"\b(and|so|but)\s+sure\s+(?=(?:put|make|mark|move|set|give|tag|add|bump|stick|change)\b)",
        r"\1 ",
        text,
        flags=re.I,
    )
    # "put me down as owner on him", "put Ellie down as the owner": the one written down as owner owns them
    text = re.sub(
        r"\b(?:put|stick|pop|mark)\s+(me|myself|(?-i:[A-Z])[\w'’-]+)\s+down\s+as\s+(?:the\s+)?owner(?:\s+(?:on|of|for)\s+(him|her|them))?\b",
        lambda h: f"assign {h.group(2) or 'them'} to {'me' if h.group(1).lower() in ('me', 'myself') else h.group(1)}",
        text,
        flags=re.I,
    )
    # "Eoin Doherty: +hot-lead +abm", "Liam Carty −hot-lead": a tag put on or taken off by a sign before its word
    # (a phone's "+353" is digits; "psl + retained" with spaces is "and", below)
    text = _PLUS_TAG.sub(r"add tag \1", text)
    text = _MINUS_TAG.sub(r"remove tag \1", text)
    # "Ciara Moran. churned. …": a name alone, then the stage alone as the next fragment, in a head of accounts' notes
    text = _NAME_DOT_STAGE.sub(r"\1 to \2\3", text)
    text = from_tagalog(text)  # "pa-update naman si X to sql", "ibalik mo muna sa lead", "owner ng X", "kay Jessa"
    text = from_hinglish(text)  # "T R Srinivasan ko lead mein daal do pls" -> "… to lead pls"
    text = from_pidgin(text)  # "Tunde take am", "contacts wey nobody don talk to since 1/8"
    # chat shorthand: "w/ rhys", "tag … w backup-upsell", "f/u tmrw"
    text = re.sub(r"(?<!\w)w/c(?!\w)", "week commencing", text, flags=re.I)  # British diaries: "w/c 27th"
    # "pull the storm-season tag off everyone …": another way to say take it off
    text = re.sub(r"\b(?:pull|rip|knock|get)\s+(?=(?:the\s+)?[\w-]+(?:\s+tags?)?\s+off\b)", "take ", text, flags=re.I)
    # "take the hot-lead tag off anyone scoring 25 or under": removing a tag from a selection of many
    text = re.sub(
        r"\btake\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+tags?)\s+off\s+(?:any|every)(?:one|body)\b",
        r"remove \1 from everyone",
        text,
        flags=re.I,
    )
    text = re.sub(r"(?<=\s)['’]em\b", "them", text)  # "give 'em to Lani"
    text = re.sub(r"(?<!\w)w/\s*|(?<=\s)w(?=\s)", "with ", text)
    text = re.sub(r"(?<!\w)f/?u(?:p)?(?!\w)", "follow up", text, flags=re.I)
    # "zeke new # 615-…", "her cell # is …": the number sign for a phone number
    text = re.sub(
        r"\b(new|cell|mobile|phone|work|direct|office|her|his|their)\s*#(?=\s*(?:is\b|:|\+|\(|\d))",
        r"\1 number",
        text,
        flags=re.I,
    )
    text = re.sub(r"(?<=\s)(?:n|\+)(?=\s)", "and", text)  # "log it n set me a task", "tag psl + retained"
    # "ill take juan carlos", "ill call her friday": phone typing drops the apostrophe ("ill" before a verb)
    text = re.sub(
        r"(?<![\w'’])ill\s+(?=(?:take|own|handle|call|ring|email|text|grab|have|look|follow|chase|reach|do|send|get)\b)",
        "I'll ",
        text,
        flags=re.I,
    )
    text = _SHORT_WORD.sub(lambda hit: _spelt_out(hit, text), text)
    # "he's DQ'd": sales shorthand for disqualified (a bare "DQ" is already a stage word)
    text = _DQ_DONE.sub("disqualified", text)
    # "get rid of Isaac Thompson", "Dirk Nolte can be deleted, he retired": a delete said another way
    text = _GET_RID_OF.sub("delete ", text)
    text = _CAN_BE_DELETED.sub(r"delete \1", text)
    # "chuck the drone tag on her", "slap a vip tag on him": Australian and British ways to put a tag on
    text = _CHUCK_TAG.sub("put", text)
    # "my follow-ups which are already in the past", "follow-ups that are already over": overdue follow-ups
    text = _PAST_FOLLOW_UPS.sub("overdue follow-ups", text)
    text = _WHICH_PAST_FOLLOW_UPS.sub(r"\1 follow-ups are overdue", text)
    # "tags for Nadine Kraft: hybrid-event and angebot-offen": the tags to add, listed after the person
    text = _TAGS_FOR.sub(r"add tags \2 to \1", text)
    text = _AT_THE_MOMENT.sub("", text)
    # "Which lead sources converted best last quarter? Trying to decide if we go back …": the reason after a
    # question is context, not a second request
    text = re.sub(
        r"(?<=\?)\s+(?:don['’]?t want|trying to|i['’]?m trying to|want to|wanna|need to|just (?:want|need|trying)|"
        r"so (?:i|we) can|for (?:the|my|our) (?:\w+ )?(?:meeting|call|huddle|report|review))\b[^?\n]*$",
        "",
        text,
        flags=re.I,
    )
    text = _CONTROL_IF.sub("check ", text)
    text = _SPOKE_NAME.sub(r"\1 with ", text)
    text = _CALLED_WITH.sub(r"\1 ", text)
    text = _EMOTICON.sub(" ", text)
    # line breaks stay (a pasted signature or form is laid out in lines); other whitespace collapses
    text = re.sub(r"[^\S\n]+", " ", text)
    return re.sub(r" ?\n[\s]*", "\n", text).strip()


# "she's already in the crm as a lead", "he's already a contact": the person exists; what follows changes them
_ALREADY_IN_CRM = re.compile(
    r"(?<!not\s)(?<!n't\s)(?<!n’t\s)\b(?:already|still)\s+(?:in|on)\s+(?:the\s+|our\s+)?(?:crm|system|database|leadloom|contacts)\b"
    r"|\b(?:is|'s|’s)\s+already\s+(?:a\s+)?(?:contact|in\s+there)\b",
    re.I,
)
# "could you please move her to customer", "mark him as an MQL"
_MOVE_THEM_TO_STAGE = re.compile(
    r"\b(?:mark|make|set|move|put|bump|change|update|switch|upgrade)\s+(?:her|him)\s+(?:up\s+)?(?:as\s+|to\s+|into\s+)?"
    r"(?:an?\s+)?(?:customer|client|lead|mql|sql|opportunity|opp|subscriber|evangelist|churned)\b",
    re.I,
)
# "natalie kwan @ etobicoke kids dental -> opportunity" (the arrow is read as "to")
_KNOWN_AT_TO_STAGE = re.compile(
    r"^\W*(?P<who>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+){0,2})\s+(?:@|at|from)\s+[^,.;:]{2,60}?\s+"
    r"(?:to|->|→|=>)\s+(?:an?\s+)?(?P<stage>[\w-]+)\b",
    re.I,
)
_CREATE = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|hey|hi|ok|okay|right|so)[,!. ]+)*"
    r"(?:add|create|new|sign up|onboard|register|enter|save)\b"
    # ("new hot lead - Phoebe Adams", "add a warm prospect: …")
    r"(?:\s+(?:a|an|the|my|our))?(?:\s+new)?(?:\s+(?:hot|warm|cold|potential|possible|inbound|promising|quick))?"
    r"\s+(?:contact|lead|customer|client|prospect|person|one)\b"
    # "create: Tyler Greer - tyler@… - …": the verb and a colon before the record's fields
    # ("Please create: name Nia Cole, company …": politely, and the first field named)
    r"|^\W*(?:(?:please|pls|kindly)\s+)?(?:add|create|new)\s*:\s*(?:(?:full\s+)?name\s*:?\s+)?"
    r"(?:(?:dr|doctor|mr|mrs|ms|prof)\.?\s+)?(?=[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)"
    # "add kim.jacobs@gmail.com as subscriber, she signed up at the webinar" (not "… to the VIP segment")
    r"|^\W*(?:(?:pls|please|can you)\s+)?(?:add|create|save)\s+[\w.+-]+@[\w-]+\.[\w.]+\b"
    r"(?!.*\b(?:to|into)\s+(?:the\s+)?(?:segment|list|campaign|sequence|tag)\b)"
    # "… Please add this gentleman as a new contact", "please add her as a new contact under Stan": said anywhere
    r"|\b(?:add|create|enter|put|save|set up)\s+(?:him|her|them|this\s+(?:\w+\s+)?(?:gentleman|gent|lady|guy|woman|man|"
    r"person|fella|one|couple))\s+(?:in\s+)?as\s+(?:an?\s+)?new\s+(?:contact|lead|client|customer|record)\b"
    # "…pasted enquiry…\n^ pls add as lead, source …": a line under a paste that adds it, no object named
    r"|(?m:^)[\W]*(?:(?:please|pls|kindly)\s+)?(?:add|create)\s+as\s+(?:an?\s+)?(?:new\s+)?(?:lead|contact|subscriber|"
    r"prospect)\b",
    re.I,
)
# the words that order a deletion; _DELETE_VERB adds the ones that also mean other things ("drop him to lead")
_DELETE_WORDS = r"delete|del|remove|erase|purge|trash|get rid|nuke|wipe|bin|ditch|scrap"
_DELETE_VERB = re.compile(rf"\b({_DELETE_WORDS}|drop|clean out|clear out|destroy)\b", re.I)
_PERSON_FORM = re.compile(r"\b(?:first name|last name|surname|family name)\s*:", re.I)
_SCORE_THEN_WHY = re.compile(
    r"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:score|rescore|re-score|rate)\b.*?\b(?:and|then|,)\s+"
    r"(?:(?:tell|show)\s+me\s+|explain\s+)?(?:why|how come|what'?s behind|explain)\b",
    re.I,
)
# a selection, then the writer's order for all of it, last: "… bin them", "delete those pls"
_DELETE_THEM = re.compile(
    rf"(?:^|[.,;:!…]|\s)\s*(?:pls\s+|please\s+|just\s+|so\s+)?(?:{_DELETE_WORDS})(?:\s+of)?\s+"
    r"(?:them|those|these|em|'em)(?:\s+all)?(?:\s+(?:pls|please))?\W*$",
    re.I,
)
# "who are priya's customers": a question about people, unless it also gives an order
_WHO_ARE = re.compile(r"^\W*(?:who|which|what)\s+(?:are|is|were)\b", re.I)
_ORDER_VERB = re.compile(r"\b(?:mark|set|move|make|change|update|assign|put|tag|give|switch|bump)\b", re.I)
# "… update her", "can you update him?": a story about one person closed by an order to record it
_UPDATE_THEM = re.compile(r"\b(?:update|fix|change)\s+(?:him|her|them|it|that|the record)\b", re.I)
_PRONOUN_STAGE = re.compile(
    r"\b(?:she|he|they)(?:['’]s|\s+is|\s+are)\s+(?:now\s+|officially\s+|definitely\s+)?(?:an?\s+)?"
    r"(?P<st>[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)


def _pronoun_stage(text: str, m: ex.Matcher) -> str | None:
    """The stage said of the person by pronoun: "she's a customer obviously", "he's an opportunity now"."""
    for hit in _PRONOUN_STAGE.finditer(text):
        stage = m.stage(hit.group("st"), cutoff=92) or m.stage(hit.group("st").split()[0], cutoff=95)
        if stage:
            return stage
    return None


def _from_a_tag(text: str, tags: Iterable[str]) -> bool:
    """ "Please remove Vo Quang from hot-lead": taken out of one of the organization's tags, the person stays."""
    return any(
        re.search(rf"\b(?:remove|take|drop)\b[^.;!?]{{1,40}}?\bfrom\s+(?:the\s+)?{re.escape(tag)}(?![\w-])", text, re.I)
        for tag in tags
    )


_NO_DELETE = re.compile(rf"\b(?:don'?t|do not|no need to|never|not)\s+(?:\w+\s+)?(?:{_DELETE_WORDS})\b", re.I)
_CHANGE_HINT = re.compile(
    r"\b(to|as|into|now|mark|set|move|make|change|update|assign|reassign|give|hand|tag|untag|flag|label|remove|add|put|"
    r"push|switch|convert|converted|signed|churned|cancel+ed|should|become|becomes|is|are|has|goes|go|transfer|bump|"
    r"upgrade|downgrade|unsubscribed|stop|own|owns|take|takes|over|handle|handles|pick|picks|fix|correct|rename|"
    r"swap|replace)\b|->|→|:",
    re.I,
)
# "no sales stuff at all", "all good", "opened all three emails" quantify no people
_NOT_PEOPLE = (
    r"(?! (?:good|set|done|sorted|the best|confirmed|agreed|checked|ticked|fine|ok|okay|clear|in place|ready)\b)"
    # "every post", "every email in the drip", "all the reels": things, not people (unless people follow: "every
    # email lead")
    r"(?! (?:\w+ ){0,2}(?:e-?mails?|calls?|meetings?|messages?|webinars?|sessions?|demos?|documents?|times?|days?|"
    r"weeks?|months?|posts?|reels?|stor(?:y|ies)|videos?|newsletters?|drips?|steps?|pages?|texts?|dms?|ads?)\b"
    r"(?! (?:leads?|contacts?|subscribers?|customers?|clients?|people|prospects?)\b))"
    # "all 3 campuses", "all 5 nurture mails": a count of things, not of people
    r"(?! (?:\d+|two|three|four|five|six) (?!(?:of )?(?:contacts|leads|customers|clients|people|prospects|subscribers|"
    r"mqls|sqls|opportunities|opps)\b)[a-z])"
)
# "Gareth's lot", "the churned lot", "that lot": British for a group of people
_LOT = r"(?:\b(?:the|that|this|his|her|their|my|our)\s+(?:[\w-]+\s+)?|['’]s\s+)lot\b(?!\s+of\b)"
_PLURAL = re.compile(
    rf"\b(?<!at )(?<!after )(all|every|everyone|everybody|each)\b{_NOT_PEOPLE}|"
    rf"\b(leads|contacts|customers|people|clients|prospects|subscribers|mqls|sqls|opportunities)\b|{_LOT}",
    re.I,
)
_PEOPLE = re.compile(
    rf"\b(contacts|leads|customers|clients|people|prospects|everyone|everybody|subscribers|mqls|sqls)\b|{_LOT}", re.I
)
_QUANTIFIER = re.compile(rf"\b(?<!at )(?<!after )(all|every|everyone|everybody|each)\b{_NOT_PEOPLE}", re.I)
_QUESTION = re.compile(r"^\W*(who|what|when|which|is|are|does|do|did|how|where|why|any|whats|when's|what's)\b", re.I)
# General advice, opinions, definitions and recommendations ("any tips for closing more deals", "is it ok to wear
# sneakers to a client meeting", "what does CRM stand for"): CRM words without a question about *our* records.
_GENERAL = re.compile(
    r"\b(?:tips?|advice|best practices?|in general|generally speaking|rule of thumb|"
    r"how (?:do|can|should|would) (?:i|we|you|one|someone) (?:get better|improve|become|learn|deal with|cope|handle|"
    r"write|negotiate|close more|sell more|prepare|motivate|hire|start|grow|get more|find more|stay|"
    r"be more|stop|avoid)|"
    r"is it (?:ok|okay|fine|rude|appropriate|normal|weird|professional|worth|smart|wise|bad|good|better)|"
    r"(?:should|can) i (?:wear|say|bring|tip|buy|learn|quit|ask for)|"
    r"what(?:'s|’s|s| is| are)? (?:a |an |the |some )?"
    r"(?:good|best|typical|average|normal|ideal|reasonable|decent|healthy) "
    r"(?!(?:leads?|contacts?|customers?|clients?|deals?|sources?|reps?|months?|weeks?|accounts?|segments?|campaigns?)\b)|"
    r"is \S+ (?:a )?(?:good|bad|normal|decent|high|low) |"
    r"(?:recommend|suggest)(?: me)? (?:a|an|some|any) (?:good |great |nice )?"
    r"(?:books?|podcasts?|movies?|films?|shows?|songs?|restaurants?|places?|recipes?|apps?|tools?|crms?|laptops?|courses?|"
    r"gifts?|hotels?)|"
    r"what does \w+ (?:even |actually |exactly )?(?:stand for|mean)|nice to meet you|i'?m new (?:here|on the team)|"
    # "give me a cold email template for CFOs": writing help, not a campaign to the organization's contacts
    r"(?:give me|write me|need|want) (?:a |an |some )?(?:\w+ )?(?:e-?mail |outreach |call |sales |follow-?up )?"
    r"(?:templates?|scripts?)\b|"
    r"what(?:'s| is) (?:the )?(?:meaning|definition) of|define |"
    r"explain (?:what|how|why)|difference between|write (?:me )?(?:a )?(?:poem|haiku|song|story|joke|limerick)|"
    r"tell me a (?:joke|story|fun fact))",
    re.I,
)
_OURS = re.compile(
    r"\b(?:our|my|we|us|mine|i have|i own|do i|am i|have i|show|list|find|pull|count|how many|which of)\b", re.I
)
# Always general, whoever's pipeline it is: creative writing, "in general", learning a skill.
_ALWAYS_GENERAL = re.compile(
    r"\b(?:in general|generally speaking|"
    r"write (?:me )?(?:a |an )?(?:[\w-]+ )?(?:poem|haiku|song|story|joke|limerick|rap|sonnet)|"
    r"(?:poem|haiku|limerick|song|joke|sonnet) about|tell me a (?:joke|story|fun fact)|"
    r"write (?:me |us )?(?:a |an |some )?(?:linkedin|instagram|insta|facebook|twitter|tiktok|social(?: media)?|blog)\s+"
    r"(?:post|caption|article|bio|update|thread)|(?:a |an )?(?:instagram|insta|social media) caption|"
    r"(?:any|some|got any|give me) tips (?:for|on)|(?:a |the )?polite way to|how (?:do|should) i (?:word|phrase)|"
    # writing and ideas for the writer, not a message to the organization's contacts: "draft a LinkedIn post
    # announcing …", "give me 5 ideas for a CNY campaign" (captions and messages: _WRITING_FOR_YOU)
    # ("draft a short LinkedIn post", "write a quick formal IG caption": a word or two saying what kind of post)
    r"(?:write|draft)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+)?(?:(?:short|quick|brief|long|new|formal|casual|fun|punchy|"
    r"friendly|celebratory|little)\s+){0,2}(?:linkedin|instagram|insta|ig|facebook|fb|twitter|x|tiktok|"
    r"social(?: media)?|blog)\s+(?:post|caption|article|bio|update|thread|reel script)|"
    r"(?:give me|need|want|any|got any|come up with|brainstorm)\s+(?:\d+\s+|a few\s+|some\s+|more\s+)?"
    r"(?:[\w-]+\s+)?ideas\b|"
    r"\b(?:decline|turn down)\s+(?:a|an|the|their)\s+(?:\S+\s+){0,3}(?:invite|invitation)\b|"
    r"\b(?:lunch|dinner|coffee|drinks|kopi|pizza|beers?)\b.{0,30}\bwho'?s (?:buying|paying|coming|in)\b|"
    r"\bwho'?s (?:buying|paying|coming|in)\b.{0,20}\b(?:lunch|dinner|coffee|drinks|kopi|pizza|beers?)\b|"
    r"\btranslate\b|how (?:do|would) (?:you|i|we) say\b|"
    # the writer's own schoolwork ("help me w my marketing essay intro"); a contact who is "a student doing a
    # thesis on …" is still a CRM matter
    r"(?:help (?:me )?(?:with|w/?|on)|write|draft|proofread|edit|check|finish) (?:my|our) (?:[\w-]+ ){0,3}"
    r"(?:essay|homework|assignment|thesis|dissertation|coursework)\b|"
    r"write (?:me )?(?:a |an )?(?:python|sql|excel|bash|javascript|vba)\b|"
    r"explain (?:to me )?what (?:an? |the )?\w+ (?:is|are|means)\b|"
    r"what (?:an? |the )?\w+ (?:is|are|means)\b(?= in general|\?)|"
    r"how (?:do|can|should|would) (?:i|we|you|one|someone) (?:get better at|improve (?:my|at)|become (?:a|an|better)|"
    r"learn to|write a good|write better|get good at|write an? (?:sql|python|excel|javascript|regex)\b)|"
    # writing to someone who is not a contact: "Draft a polite but firm email to the caterer telling them …"
    r"\b(?:draft|write)\s+(?:me\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,4}(?:e-?mail|message|letter|note|text)\s+to\s+"
    r"(?:the|my|our)\s+(?:caterer|landlord|boss|manager|team|staff|supplier|vendor|plumber|neighbou?r|accountant|"
    r"lawyer|bank|venue|printer|florist|photographer|dj|band|cleaner|courier|council|insurer|it guy)\b|"
    # a word-usage question ("Is it 'churned' or 'churned out'?") and sports scores ("IND vs AUS score?")
    r"\bis it ['\"‘“][^'\"’”]+['\"’”] or ['\"‘“]|"
    # "Is it correct to say 'fewer members' or 'less members'?", "how do you spell …"
    r"\bis it (?:correct|right|proper|grammatical|ok|okay) to (?:say|write|use)\b|\bhow do (?:you|i|we) spell\b|"
    r"\b\w+ (?:vs\.?|versus|v) \w+\b.{0,20}\b(?:score|match|game|result)\b|"
    r"\b(?:score|match|game|result) (?:of|in) (?:the )?\w+ (?:vs\.?|versus|v) \w+|"
    # benchmarks for businesses in general: "what's a healthy pipeline coverage ratio for an agency our size?"
    r"\bfor (?:an? |the )?(?:[\w-]+ )?(?:agency|company|business|firm|team|shop|brand|startup|store|practice) "
    r"(?:of )?(?:our|my|your|that|this) size\b|"
    r"\b(?:businesses|companies|agencies|firms|brands) like (?:ours|us|mine)\b|"
    r"\bindustry (?:average|benchmark|standard|norm)s?\b|"
    # the law in general: "can a dentist in Ohio legally text patients …?", "is it legal to cold call in …"
    r"\blegally\b|\bis it (?:legal|illegal|against the law)\b|"
    r"\bwhat (?:are|is) the (?:laws?|rules|regulations?) (?:on|for|about|around)\b|"
    r"\bstrategically\b|\bin your opinion\b|\bwhat'?s your (?:opinion|take)\b|"
    # comparisons of tools and channels in general: "is Meta ads better than Google ads for ed-tech … generally?"
    r"\bgenerally\W*$|\b(?:is|are)\s+(?:[\w-]+\s+){1,4}better than\b|\bwhich (?:one )?(?:is|works) better\b|"
    # the writer's own status or story: "write 2 lines for my whatsapp status on Dussehra"
    r"\b(?:for|on) (?:my|our) (?:whatsapp|wa|instagram|insta|ig|fb|facebook|linkedin) (?:status|story|stories|bio)\b|"
    r"\bin simple terms\b|\bexplain like\b|"
    # a sum on made-up figures: "If a lead converts at 12% and we get 250 leads a month, how many customers is that?"
    r"^\W*if\b[^?]*\d[^?]*\bhow (?:many|much)\b|"
    # pricing and the law in general: "How should I price a retainer for …", "summarise the GDPR rules for …"
    r"\bhow (?:should|do|would|can|much should) (?:i|we) (?:price|charge|quote|bill|package|structure)\b|"
    # "should I price our SEO retainer at R8 500 or R12 000 a month?", "what does POPIA say about cold emailing?"
    r"\bshould (?:i|we) (?:price|charge|quote|bill)\b|"
    r"\bwhat (?:does|do) (?:the\s+)?(?:(?-i:[A-Z]{3,6})|gdpr|popia|ccpa|pdpa|casl|can-spam|lgpd|hipaa|law|act|"
    r"regulator)\s+"
    r"(?:say|allow|require|mean)\b|"
    r"\b(?:summari[sz]e|explain|outline)\b.{0,30}\b(?:rules|laws?|regulations?|guidelines)\b|"
    r"\blike i'?m (?:five|5|ten|10|a (?:child|kid|toddler))\b|\bbrainstorm\b|"
    # "what does 'pipeline' actually mean in sales?", "is that decent for a marketing agency?"
    r"what does ['\"‘’]?[\w-]+['\"‘’]? (?:even |actually |exactly |really )?(?:stand for|mean)\b|"
    r"\bis (?:that|this) (?:\w+ )?(?:decent|good|normal|healthy|reasonable|typical|bad)\b"
    r"(?: \w+){0,3} for (?:an?|the)\b|"
    r"how (?:do|can|should|would) (?:i|we|you|one) (?:\w+ ){0,2}(?:handle|deal with|respond to|say no to|"
    r"reply to|talk to|tell|convince|approach|negotiate with|calm|win back|persuade)\s+"
    r"(?:a|an|any|someone|people|clients|customers|leads|prospects)\b|"
    # spreadsheets and office software: "What's the formula in Google Sheets to remove duplicate rows?"
    r"\b(?:formula|function|shortcut|macro|pivot table)\b.{0,30}\b(?:sheets|excel|spreadsheet|google docs|word)\b|"
    r"\b(?:in|on|with|using)\s+(?:google\s+sheets|excel|a\s+spreadsheet|google\s+docs|ms\s+word|powerpoint)(?=\W*$)|"
    # market figures in general: "What's a realistic cost per lead for HVAC Google Ads in Denver these days?"
    r"\b(?:realistic|typical|average|normal|good|decent|healthy)\s+(?:cost per (?:lead|click|acquisition)|cpl|cpc|cpa|"
    r"ctr|conversion rate|open rate|click rate|roas)\b|"
    # a favour asked for a client's own question: "… was asking me if he needs a permit … do you happen to know"
    r"\b(?:do you|would you|you wouldn'?t) happen to know\b)\b",
    re.I,
)
# A few words of thanks or acknowledgement ("ok cool thx"): nothing to do.
_ACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k|cool|great|nice|perfect|awesome|thanks?|thx|ty|cheers|ta|got it|sounds good|lol|haha|"
    r"sweet|brilliant|lovely|all good|no worries|np|yep|yes|no|nope|sure|fine|good|gotcha|understood|noted|"
    r"thank you|many thanks|much appreciated|bye|see ya|later|will do)\W*){1,5}$",
    re.I,
)


# Labels a message introducing someone new may be mistaken for.
_MAY_INTRODUCE = {"update_contact", "search_contacts", "get_contact", "log_activity", "bulk_update_contacts",
                  "score_lead", "explain_score", "get_timeline",
                  "create_task", "recommend_follow_ups", "get_company", "search_companies", "update_company",
                  "create_deal", "create_company", "merge_contacts", "find_duplicates"}  # fmt: skip


def _one_person(label: str, clause: str, position: int) -> str:
    """ "…and set her next follow-up to next wednesday": after the first clause, "her"/"him" is the one person
    named before, so a change is a single-contact update, never a bulk one."""
    # "…, log it as meeting and set the follow up on monday": "the" follow-up is the same person's
    the_field = re.match(
        r"^\W*(?:also\s+)?(?:set|move|push|bump|change|update)\s+the\s+(?:next\s+)?(?:follow[- ]?up|stage|owner)\b",
        clause,
        re.I,
    )
    if position == 0 or not (
        re.search(r"\b(?:him|her|his|he['’]s|she['’]s|he is|she is)\b", clause, re.I) or the_field
    ):
        return label
    if label == "bulk_update_contacts":
        return "update_contact"
    if label not in _SEQ_ACTIONS and re.match(
        r"^\W*(?:also\s+)?(?:set|move|mark|make|change|update|push|bump|put|assign|give)\b", clause, re.I
    ):
        return "update_contact"  # "…and set her next follow-up to tomorrow" (read alone, it looks like a question)
    return label


# "met X at Sahyadri, log the meeting and move her to sql": "log the meeting" records the story before it
_LOG_BACK = re.compile(
    r"\W*(?:pls |please )?log (?:it|that|this|please|pls|the (?:meeting|call|email|visit|chat|conversation|demo))"
    r"(?: as (?:an? )?(?:meeting|call|email|note|visit))?\W*(?:pls|please)?\W*",
    re.I,
)


def _names_a_contact(text: str, m: ex.Matcher) -> bool:
    """Whether the text names one of the organization's contacts (by name or by alias)."""
    return bool(m.vocab.contacts and (m.find_in(text, m.vocab.contacts, cutoff=92) or _initialled(text, m)))


def _known_contact_first(text: str, m: ex.Matcher) -> bool:
    """ "Andre baptiste — add investor tag …": a known contact's name, then a dash or colon, and no email or phone
    (a new person comes with those)."""
    head = _NAME_THEN_MARK.match(text)
    return bool(
        head
        and m.vocab.contacts
        and m.find_in(head.group(1), m.vocab.contacts, cutoff=92)
        and not _DETAILS.search(text)
    )


_NAME_THEN_MARK = re.compile(r"\W*(\S+\s+\S+)\s*[—–:,-]")
_DETAILS = re.compile(r"[\w.+-]+@[\w-]+\.|\d{3}")


def _initialled(text: str, m: ex.Matcher) -> re.Match[str] | None:
    """ "Rahul J - opportunity": a first name and a surname's initial that together name one contact."""
    hit = re.match(r"^\W*([^\W\d_][\w'’-]+\s+[A-Z]\b\.?)(?![\w'’-])", text)
    return hit if hit and ex.first_name_ref(hit.group(1), m) else None


_WHICH_CONTACTS = "Which contacts do you mean? Tell me a filter (stage, tag, owner, company…)."


def _acts_on_everyone(step: Step) -> bool:
    """A bulk change or delete with no selector would touch every record: never sent, whichever step it is."""
    return step.tool in ("bulk_update_contacts", "delete_contacts") and not (
        step.args.get("filters") or step.args.get("contact")
    )


def _filter_stage_plural(text: str) -> bool:
    """A lifecycle stage said as a group of people ("all the opportunities at …", "the mqls from …")."""
    return bool(
        re.search(r"\b(?:opportunities|opps|mqls|sqls|leads|customers|clients|subscribers|prospects)\b", text, re.I)
    )


def _table_rows(text: str) -> tuple[str, list[str]] | None:
    """A pasted table of several records, one per line of "|"-separated cells: (the other lines, header row
    included, and the data rows). None for fewer than two data rows."""
    lines = text.split("\n")
    rows = [line for line in lines if line.count("|") >= 2]
    if len(rows) < 2:
        return None
    head = rows[0]
    if not re.search(r"[\d@]", head) and re.search(r"\bname\b", head, re.I):
        rows = rows[1:]  # "Name | Gym | Phone | Email": the column names
    if len(rows) < 2:
        return None
    return "\n".join(line for line in lines if line not in rows).strip(), rows


def _pronoun_only(clauses: list[str]) -> bool:
    """ "…, log it pls": a clause that only points back at what was just said."""
    return any(
        re.fullmatch(r"\W*(?:\w+\s+)?(?:it|that|this)\W*(?:pls|please|thx|thanks|for me)?\W*", c, re.I) for c in clauses
    )


_BY_MISTAKE = r"\W*(?:\w+\s+)?(?:by mistake|in error|by accident|accidentally|wrongly)\b"


def _contact_stage_target(text: str, m: ex.Matcher) -> str | None:
    """ "move him to opportunity", "make her a customer": a lifecycle stage said as a person's new status."""
    patterns = (
        r"\b(?:move|mark|make|set|put|change|switch|bump|knock|drop)\s+(?:him|her|them|[^\W\d_][\w'’-]+"
        r"(?:\s+[^\W\d_][\w'’-]+){0,2}?)\s+(?:up\s+|down\s+|back\s+)*(?:to|as|into|in|on)\s+(?:an?\s+)?([\w-]+(?:\s+[\w-]+)?)",
        r"\b(?:make|mark)\s+(?:him|her|them)\s+(?:as\s+)?(?:an?\s+)?([\w-]+(?:\s+[\w-]+)?)",
        # "… she loves us. evangelist stage for her"
        r"\b([\w-]+)\s+(?:stage|status)\s+(?:for|on)\s+(?:him|her|them)\b",
    )
    for pattern in patterns:
        for hit in re.finditer(pattern, text, re.I):
            if re.match(_BY_MISTAKE, text[hit.end() :], re.I):
                continue  # "someone put her as churned by mistake"
            words = hit.group(1).split()
            stage = m.stage(hit.group(1), cutoff=90) or m.stage(words[0], cutoff=92)
            if stage:
                return stage
    return A._stage_stepped(text, m) or _closing_stage(text, m)  # "currently mql, move her up one stage"


_TRAILING = re.compile(
    r"(?:[\s,.!?;:)(\-–—~*]|[^\w\s]|\b(?:please|pls|thanks|thx|ty|now|stage|status|lol|asap|then|yet|again|too|"
    r"already|for now|him|her|them|it|fix|fix it|fix that|thank you|cheers|ta|for sure|definitely|i think|"
    r"i guess|imo|surely|obviously)\b)+$",
    re.I,
)


def _stage_after_name(text: str, m: ex.Matcher) -> str | None:
    """A status said right after the person's name: "olumide adeyemi opp pls, …", "Arjun Mehta – disqualified."."""
    name = m.find_in(text, m.vocab.contacts, cutoff=92) if m.vocab.contacts else None
    folded = ex._fold(text)
    initialled = _initialled(text, m)
    lead = re.match(r"^\W*([^\W\d_][\w'’-]+)\b", text)
    said = ex.first_name_ref(text, m) if not name and lead else None
    if initialled:
        rest = folded[initialled.end() :]
    elif said and lead and ex._fold(lead.group(1)) in ex._fold(said).split():
        rest = folded[lead.end() :]  # "Grunewald - evangelist.": one contact's surname (or first name), said alone
    else:
        if not name:
            return None
        at = re.search(r"[\s'’.-]*".join(re.escape(w) for w in re.findall(r"[^\W_]+", ex._fold(name))), folded)
        if not at:
            return None
        rest = folded[at.end() :]
    # "kurt von rosenberg stage lead pls": the field named before the value
    hit = re.match(
        r"\s*(?:[,:-]\s*)?(?:(?:stage|status)\s*(?:to\s+|=\s*|:\s*|->\s*)?)?(?:is\s+(?:now\s+)?(?:an?\s+)?|s\s+(?:now\s+)?an?\s+|s\s+now\s+|to\s+|now\s+)?"
        r"([a-z]+(?:\s+[a-z]+)?)",
        rest,
    )
    if not hit:
        return None
    if re.fullmatch(r"(?:closed\s+)?won(?:\s+\S+)?", hit.group(1)):
        return m.stage("customer", cutoff=95)  # "Renee Beaulieu: won 🎉": the deal is won, she is a customer
    return m.stage(hit.group(1), cutoff=95) or m.stage(hit.group(1).split()[0], cutoff=95)


def _stage_alone(text: str, m: ex.Matcher) -> str | None:
    """A stage said as a sentence of its own: "… absolute legend. Evangelist status, she's earned it", "… → mql"."""
    for seg in re.split(r"[.,;!?\n]+|\s[-–—]\s", text):
        hit = re.fullmatch(r"\s*(?:an?\s+)?([a-z]+)\s+(?:status|stage)(?:\s+(?:pls|please|now))?\s*", seg, re.I)
        if hit and m.stage(hit.group(1), cutoff=95):
            return m.stage(hit.group(1), cutoff=95)
    return None


def _tags_someone(text: str, m: ex.Matcher) -> bool:
    """A tag the organization uses, put on someone: "katarzyna wisniewska do-not-call tag pls"."""
    return bool(
        m.vocab.tags
        and re.search(r"\btag(?:ged)?\b", text, re.I)
        and any(t in m.vocab.tags for t in ex.tags_of(text, m))
        and not re.search(r"\b(?:remove|take|drop|strip|untag|delete)\b", text, re.I)
    )


def _closing_stage(text: str, m: ex.Matcher) -> str | None:
    """A status said last, after the story: "… went with a cheaper agency 🙄 churned", "… evangelist stage",
    "Customer pls", "so make it official evangelist", "she's only MQL", "so just disqualify him"."""
    if text.rstrip().endswith("?") or _QUESTION.match(text):
        return None  # "how promising is Samir Haddad as a lead?"
    core = _TRAILING.sub("", text)
    words = core.split()
    if not words:
        return None
    for n in (2, 1):
        tail = " ".join(words[-n:])
        if len(words) > n and re.search(
            r"\b(?:not|isn'?t|never|no longer|wasn'?t)\s+(?:an?\s+|the\s+)?$", " ".join(words[:-n]) + " ", re.I
        ):
            continue
        if (
            n == 1
            and tail.lower() == "lead"
            and len(words) > 1
            and not re.search(r"(?:^|\W|\b(?:a|an|to|as|is|now|'s))$", words[-2])
        ):
            continue  # "he'll loop in his IT lead": a job, not the stage
        stage = m.stage(tail, cutoff=92)
        if stage:
            return stage
    hit = re.search(
        r"\b(?:(?:she|he|they)(?:'s|’s|\s+is|\s+are)|is)\s+(?:(?:now|only|still|basically|actually|officially|just|"
        r"really|definitely|ready for|ready to be)\s+)*(?:an?\s+|the\s+)?([\w-]+(?:\s+[\w-]+)?)(?:\s+stage)?\b",
        core,
        re.I,
    )
    if hit:
        return m.stage(hit.group(1), cutoff=92) or m.stage(hit.group(1).split()[0], cutoff=95)
    return None


def given_deal_name(text: str) -> str | None:
    """'mark the "tidewater security audit" deal as won': a deal named in quotes."""
    hit = re.search(r"['\"‘“](?P<n>[^'\"’”]{3,})['\"’”]\s+(?:deal|opp|opportunity)\b", text, re.I)
    return hit.group("n") if hit else None


def _introduces_someone(text: str, m: ex.Matcher) -> bool:
    """A person the CRM does not know, given with contact details (email, phone or "title at company")."""
    details = ex.emails_in(text) or ex.phones_in(text) or A._JOB_TITLE.search(text) or A._title_segment(text)
    if not details:
        return False
    if A.leading_person(text, m) and not (m.vocab.contacts and m.find_in(text, m.vocab.contacts, cutoff=92)):
        return True  # "carmen vidal - zocalo foods - founder - carmen@…"
    names = [span for _, span in ex.capitalized_spans(text) if len(span.split()) >= 2]
    names += [hit.group("name") for hit in A.NEW_OR_MET.finditer(text)]
    for name in names:
        words = name.lower().split()
        if any(w in ex.STOP or w in ex._MONTHS_DAYS for w in words[:2]):
            continue
        if m.user(name, cutoff=92) or m.stage(name, cutoff=92) or ex._is_source(name, m):
            continue
        if m.vocab.companies and m.find_in(name, m.vocab.companies, cutoff=90):
            continue
        return True
    return False


# Words a CRM request almost always carries; a message with none of them and no name the organization knows
# ("how many guests fit in a 10x20m marquee") is not about the CRM.
_CRM_ANCHOR = re.compile(
    r"\b(?:contacts?|leads?|deals?|opps?|opportunit\w*|pipelines?|tasks?|to-?dos?|follow|followups?|segments?|"
    r"campaigns?|audiences?|scor\w*|owners?|own|owns|owned|accounts?|stages?|status|tag\w*|crm|records?|notes?|"
    r"timelines?|activit\w*|revenue|conversions?|convert\w*|won|lost|customers?|clients?|prospects?|subscribers?|"
    r"mqls?|sqls?|churn\w*|disqualif\w*|dq|qualified|not an? fit|e-?mail\w*|sms|texts?|call\w*|rang|phoned|"
    r"meetings?|met|"
    r"duplicates?|dupes?|merge|reports?|quota|sources?|referr\w*|assign\w*|reassign\w*|delete\w*|remove|add|"
    r"create|new|update|change|mark|move|log|remind\w*|schedul\w*|plate|due|overdue|signed|closed|forecast|funnel|"
    r"newsletter|blast|draft|phone|number|compan(?:y|ies)|handl\w*|looking after|in charge|responsible|people|"
    r"person|anyone|who|unsubscribed|opted|consent|enquir\w*|inquir\w*|booked|deposit|conversations?|mention\w*|"
    r"said|give|tell me (?:about|abt|more)|remember|recall|forget|preferences?|busiest|happened|"
    r"latest|news|update on|status of)\b",
    re.I,
)


def _starts_with_contact(text: str, m: ex.Matcher) -> bool:
    """The message opens with one of the organization's contacts ("Wei Zhang downloaded …")."""
    known = m.find_in(" ".join(text.split()[:4]), m.vocab.contacts, cutoff=92)
    return bool(known) and ex._fold(text).lstrip(" \t-–—*•").startswith(ex._fold(known).split()[0])


def _surname_alone(text: str, m: ex.Matcher) -> bool:
    """A capitalised word that is exactly one contact's surname (and no colleague's name)."""
    surnames = ex._by_last_name(tuple(m.vocab.contacts))
    return any(
        len(surnames.get(ex._fold(ex.without_possessive(w)), [])) == 1
        for w in re.findall(r"\b[A-Z][\w’'-]+", text)
        if not (m.user_names and m.user(w, cutoff=95))
    )


# a stage said as what someone becomes: "to customer", "should be churned", "— disqualified", ". Evangelist for sure"
_STAGE_TARGET = re.compile(
    r"(?:\b(?:to|as|be|is|into|now|flip|make|mark|move|set|call (?:that|it|her|him|them))\s+"
    r"(?:(?:officially|finally|definitely|now|also|a proper|properly)\s+)?(?:an?\s+)?|"
    r"(?:^|[.!:→>—–]|\s-)\s*)([A-Za-z]{3,})\b"
    # the stage ends what is said of the person ("… be churned, they went …"), unlike "be a customer of her gym"
    r"(?=\s*(?:$|[^\w\s]|(?:now|for sure|again|too|then|already|pls|please|since|because|as|they|she|he|it)\b))"
)


_MAKE_SEGMENT = re.compile(
    r"\b(?:make|create|build|set up|setup|save|start)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:new\s+)?(?:saved\s+)?"
    r"(?:segment|audience|list)\s+(?:called|named|of|for|with|w/)",
    re.I,
)
_DRAFT_FOR_AUDIENCE = re.compile(
    r"\b(?:draft|write|prepare|create|put together)\s+(?:me\s+)?(?:an?\s+)?(?:new\s+)?(?:e-?mail|sms|text|campaign|"
    r"newsletter|blast)\b[^.?!\n]{0,40}\b(?:segment|campaign)\b",
    re.I,
)
# The contact rang the organization: "(she called us)", "he called me, 25 mins", "gave us a ring"
_CALLED_US = re.compile(
    r"\b(?:he|she|they)\s+(?:called|rang|phoned)(?:\s+(?:us|me|in))?\b|\b(?:called|rang|phoned)\s+(?:us|me)\b|"
    r"\bgave\s+(?:us|me)\s+a\s+(?:call|ring|bell)\b",
    re.I,
)
_EVERYONE_AT = re.compile(
    r"^\W*(?:(?:can you|could you|pls|please)\s+)?(?:list|show(?: me)?|give me|pull up|who(?:['’]s| is| are)?)\s+"
    r"(?:all\s+)?(?:everybody|everyone|all|the people|people|contacts|folks|the contacts)\b[^.?!]{0,30}\b(?:at|from)\b|"
    # "who do we have at Bay Street Legal?", "who've we got at …", "who else is at …"
    r"^\W*who(?:\s+(?:do\s+we\s+have|have\s+we\s+got|do\s+we\s+know|else\s+is|is\s+there)|\s*['’]ve\s+we\s+got)\s+"
    r"(?:at|from|in)\b",
    re.I,
)


def _stage_said_alone(text: str, m: ex.Matcher) -> str | None:
    """A stage said as a sentence of its own ("… Customer!!", "… — opportunity."), not inside the story."""
    for hit in re.finditer(
        r"(?:^|[.!?]\s+|\s[—–-]\s*)(?:(?:now|so)\s+)?(?:an?\s+)?([A-Za-z]+)(?:\s+(?:now|then))?\s*(?=!|\.|$|[^\w\s,])",
        text,
    ):
        stage = m.stage(hit.group(1), cutoff=95)
        if stage:
            return stage
    return None


def _same_person_after(steps: list[Step], m: ex.Matcher) -> list[Step]:
    """ "Fiona Campbell: mark as opportunity. Also log a meeting — had coffee with her in Whitianga today": a
    later step that says "her" is about the person of the first step, not a place or company it names."""
    first = steps[0].args.get("contact") if steps else None
    if not first or not isinstance(first, str) or len(steps) < 2:
        return steps
    for step in steps[1:]:
        who = step.args.get("contact")
        if (
            step.tool in ("log_activity", "create_task", "update_contact")
            and isinstance(who, str)
            and who != first
            and (
                re.search(r"\b(?:him|her|them|his|he|she)\b", step.text, re.I)
                # "… and can you add a note that the contract is saved under Ahikā": a company, not a person
                or any(ex._fold(who) in ex._fold(c) for c in m.vocab.companies)
            )
            and not ex.emails_in(who)
            and not m.find_in(who, m.vocab.contacts, cutoff=92)
            and not ex.first_name_ref(who, m)
        ):
            step.args["contact"] = first
    return steps


def _stages_of_several(text: str, m: ex.Matcher) -> list[tuple[str, str]]:
    """ "move Greg Hamilton to opportunity and Rajesh Patel to sql", "Ana Lima → customer; Bo Chen → churned":
    two or more known contacts, each followed by its own stage. Empty unless every contact named has one."""
    if not m.vocab.contacts:
        return []
    hits = ex._scan(text, ex._folded_names(tuple(m.vocab.contacts)), 92)
    hits = [h for h in hits if " " in h[1]]  # full names only: a first name alone may be anyone's
    if len(hits) < 2 or len({h[2] for h in hits}) != len(hits):
        return []
    out: list[tuple[str, str]] = []
    pending: list[str] = []
    for i, (pos, gram, name) in enumerate(hits):
        end = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        between = text[pos + len(gram) : end]
        said = re.match(
            r"\s*(?:(?:is|are|=|:|->|→|—|–|-)\s*(?:(?:both|all|now|also)\s+)*|(?:to|as|into|now)\s+|"
            r"(?:(?:is|now|should be)\s+)+)(?:an?\s+)?([A-Za-z]+)\b",
            between,
        )
        stage = m.stage(said.group(1), cutoff=95) if said else None
        if not stage and i + 1 < len(hits) and re.fullmatch(r"\s*(?:,|and|&|\+)\s*", between):
            pending.append(name)  # "move Greg Hamilton and Rajesh Patel to sql": both get the stage said next
            continue
        if not stage:
            return []
        out += [(who, stage) for who in [*pending, name]]
        pending = []
    return out


def _last_sentence(text: str) -> str:
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if re.search(r"\w", p)]
    return parts[-1] if parts else text


def _stage_for_someone(text: str, m: ex.Matcher) -> bool:
    """A stage said as a target of one known contact, named in full or by a first name only one contact has."""
    if not m.vocab.contacts or not any(m.stage(w.group(1), cutoff=95) for w in _STAGE_TARGET.finditer(text)):
        return False
    if m.find_in(text, m.vocab.contacts, cutoff=92) or ex.nickname_and_surname(text, m):
        return True
    index = ex._by_first_name(tuple(m.vocab.contacts))
    for word in re.findall(r"\b[A-Z][\w'’-]+", text):
        folded = ex._fold(ex.without_possessive(word))
        if folded in ex.STOP or (m.user_names and folded in m.user_names) or m.stage(word, cutoff=95):
            continue
        owners = index.get(folded, [])
        if len(owners) == 1 or (owners and " at " in A.at_their_company(word, text, m)):
            return True  # "Yuki is …", or "Ravi at Copperleaf is …" when two contacts are called Ravi
    if A.shared_name_at_company(text, m):
        return True  # "jamie at red brick signed!! move him to customer"
    # "maria k is a customer now", "beckett -> opp": typed in lower case, a first name and an initial, a surname
    return bool(ex.first_name_ref(text, m))


def _anchored(text: str, m: ex.Matcher) -> bool:
    """Does the message carry any CRM word or a name, tag, source, stage or colleague the organization knows?"""
    if _CRM_ANCHOR.search(text) or ex.emails_in(text) or ex.phones_in(text) or _surname_alone(text, m):
        return True
    tags = {ex._fold(t) for t in m.vocab.tags}
    if any(ex._fold(w) in tags or (w.endswith("s") and ex._fold(w[:-1]) in tags) for w in re.findall(r"[\w-]+", text)):
        return True  # "any champions we haven't talked to since 1/1?": the organization's own tag
    if m.vocab.contacts and m.find_in(text, m.vocab.contacts, cutoff=90):
        return True
    if m.vocab.companies and m.find_in(text, m.vocab.companies, cutoff=90):
        return True
    if ex._scan(text, m.stage_names, 92) or ex.tags_of(text, m) or ex.source_of(text, m):
        return True
    if any(len(span.split()) >= 2 for _, span in ex.capitalized_spans(text)):
        return True  # "what has happened with Priscilla Tan recently?": someone, even if not (yet) in the CRM
    # "kaylee's hot ones?": a colleague, said with 's
    words = [ex.without_possessive(w) for w in re.findall(r"[^\W\d_][\w'’-]+", text)]
    return any(m.user(w, cutoff=95) for w in words if w.lower() not in ex.STOP)


# "… that are still lead": a state said of the people selected, at the end of the request
_SAID_STATE = re.compile(
    r"\b(?:that|who|which)\s+(?:are|is)\s+(?:still\s+|currently\s+|now\s+|already\s+)?(?:an?\s+|in\s+)?"
    r"(?P<s>[\w-]+)(?:\s+stage)?\s*\??$",
    re.I,
)


# Writing for the writer, which stays chatter even when it names a client: "Write me a caption for Adire House's
# new collection", "Help me write a birthday message for Chief Adebayo", "Draft a polite WhatsApp message I can send
# to Mrs Coker chasing the balance" (a message to many contacts is a campaign draft, and says so).
_WRITING_FOR_YOU = re.compile(
    r"\b(?:write|draft|give|need|come up with)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|some\s+|\d+\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:captions?|tweets?|slogans?|taglines?|hashtags?|headlines?|puns?|poems?|jokes?)\b|"
    # "help me write a polite reply to decline a client's invite", "… a birthday message for Chief X"
    r"\bhelp me (?:write|word|phrase|draft|reply to) (?:a|an) (?:[\w-]+ ){0,2}"
    r"(?:reply|response|message|note|text|apology|excuse|speech|toast|complaint|wish|card|post|caption)|"
    r"\b(?:draft|write|compose)\s+(?:me\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:whatsapp|wa|birthday|thank[- ]you|"
    r"condolences?|congratulations?|get[- ]well)\s+(?:message|note|text|wish(?:es)?|card)\b|"
    r"\b(?:message|note|text)\s+(?:that\s+)?i can send\b",
    re.I,
)


# Asks for something only the world outside the CRM has, whoever is named in passing: "whats the weather gonna be
# friday? we're doing the <client> lunch", "<client> asked me for a good book on running a practice, any recs?",
# "order lunch for the team", "convert 2,500 USD to CAD", "summarise the plot of …", "did you see that goal".
_WORLD_ASK = re.compile(
    r"\bweather\b|"
    # round twenty: the team's own chat, whoever is named: "does anyone have a preference between Ahrefs and Semrush",
    # "X just sent the funniest meme 😂", "Please note that the quarterly all-hands has moved to Thursday"
    r"\b(?:does|do)\s+(?:any(?:one|body)|y['’]?all|you\s+guys)\s+(?:have\s+a\s+preference|prefer|recommend|like)\b|"
    r"\bpreference between\b|"
    r"\b(?:funniest|hilarious|best)\s+(?:[\w-]+\s+){0,2}(?:memes?|gifs?|videos?\s+ever)\b|\bmemes?\b.{0,40}(?:😂|🤣|\blol\b|\blmao\b)|"
    r"\b(?:all[- ]hands|town hall|stand-?up|staff meeting|team meeting|holiday party|office party|team lunch)\s+"
    r"(?:has|have|is|will)\s+(?:been\s+)?(?:moved|rescheduled|cancell?ed|postponed)\b|"
    # "best dim sum near <client>?", "good sushi around their office": food or places near somewhere
    r"\b(?:best|good|great|nice|decent|cheap)\s+(?!(?:leads?|contacts?|deals?|customers?|clients?|prospects?|"
    r"opportunit\w*|accounts?|companies)\b)(?:[\w'’-]+\s+){1,2}(?:near|around|close to|nearby)\b|"
    # what a program or plan covers: "what does CDCP cover exactly?" (an acronym, not one of our records)
    r"\bwhat does (?-i:[A-Z]{2,6}) (?:\w+ )?cover\b|"
    r"\b(?:order|grab|get|book)\s+(?:some\s+|us\s+|the\s+team\s+)?(?:lunch|dinner|breakfast|food|pizzas?|coffees?|"
    r"a\s+table|a\s+cab|an\s+uber|flights?|a\s+flight|a\s+hotel)\b(?!\s+(?:meeting|with)\b)|"
    r"\bany\s+(?:good\s+)?(?:recs|recos?|recommendations?|suggestions?)\b"
    r"(?=.*\b(?:restaurants?|places?|spots?|bars?|caf[eé]s?|books?|podcasts?|hotels?|gifts?|lunch|dinner|brunch|"
    r"coffee|movies?|films?|shows?|around (?:there|here)|near(?:by)?)\b)|"
    r"\b(?:restaurants?|book|podcast|hotels?|gift|place)\b.{0,60}\bany\s+(?:recs|recos?|recommendations?|suggestions?)\b|"
    r"\bany idea where\b|\bwhere (?:to|can i|can we|should i|should we|do i|do we) (?:buy|get|find)\b"
    r"(?!.{0,30}\b(?:phone|number|e-?mail|address|details|contact|deal|task|notes?|report|list)\b)|"
    r"\bconvert\s+[$€£]?\s*\d[\d.,]*\s*(?:k\s+)?(?:[A-Z]{3}|dollars?|euros?|pounds?|rupees?|pesos?|rand)\b|"
    r"\bexchange rate\b|"
    r"\b(?:summari[sz]e|recap|explain)\s+(?:me\s+)?the\s+(?:plot|story|storyline|ending)\s+of\b|"
    r"\b(?:won|lost|beat|drew)\b.{0,30}\b(?:last night|in ot|in overtime|on penalties|in extra time)\b|"
    r"\bdid (?:you|u|ya) (?:see|watch|catch)\s+(?:that|the|last night)\b(?=.{0,40}\b(?:goal|game|match|final|"
    r"race|fight|episode|show|penalty|try|touchdown|homer|save)\b)|"
    r"\b(?:write|draft)\s+(?:me\s+)?(?:a|an|my)\s+(?:[\w'’-]+\s+){0,3}(?:speech|toast|eulogy|vows|cover letter|"
    r"resume|cv)\b|"
    # places to eat or go near somewhere, a table, flowers, a gift
    r"\b(?:lunch|dinner|brunch|coffee|food|hiking|date)\s+(?:spots?|places?)\b|"
    r"\brecommend\b[^.?!]{0,40}\bnear\b|"
    # "could anyone recommend a decent restaurant in Itaewon for a client dinner?": a place to take a client
    r"\b(?:recommend|suggest)\s+(?:me\s+|us\s+)?(?:a|an|some|any)\s+(?:[\w-]+\s+){0,2}(?:restaurants?|bars?|caf[eé]s?|"
    r"hotels?|places?\s+to\s+(?:eat|stay|go))\b|\bwhat should (?:i|we) (?:see|do|visit|eat|wear|bring|buy)\b|"
    r"\bbook\s+(?:me\s+|us\s+)?a\s+table\b|\b(?:order|send|get)\s+(?:her|him|them\s+)?(?:some\s+|a\s+bunch\s+of\s+)?"
    r"flowers\b|\b(?:nice|good|thoughtful)\s+(?:[\w-]+\s+)?gift\b|"
    # advice a client asked the writer for: "… should he refinance now or wait, what would u tell him"
    r"\bwhat (?:would|should|do) (?:u|you|i) (?:tell|say to|advise) (?:him|her|them)\b|"
    r"\bhow would (?:u|you) explain\b|\bhow (?:to|do i|should i) say (?:sorry|no|thank you|thanks)\b|"
    # general knowledge: holidays, a regex, a PIN
    r"\b(?:public|federal|bank|national)\s+holidays\b|\bregex\b|\breset my\b[^.?!]{0,20}\b(?:pin|password)\b|"
    # a coding question: "quick python q: how do I remove duplicates from a list but keep the order?"
    r"\b(?:python|javascript|typescript|java|sql|excel|vba|bash|powershell|css|html|pandas)\s+(?:q|qs|question|"
    r"help|issue|problem|formula|script|snippet|code)\b|"
    # when a shop or office is open: "is the Cleveland Clinic pharmacy in Independence open on Saturdays?"
    r"\bopen\s+(?:on\s+)?(?:saturdays?|sundays?|weekends?|(?:public\s+|bank\s+)?holidays|late|tonight|christmas|"
    r"new year'?s?(?: day| eve)?)\b|\bopening (?:hours|times)\b|\bwhat time does\b[^.?!]{0,40}\b(?:open|close)\b|"
    # trivia: "who won the browns championship in 1964 … who was the qb"
    r"\bwho (?:won|was|were)\s+(?:the\s+)?[^.?!]{0,40}\b(?:championship|world cup|super ?bowl|world series|grand final|"
    r"final|election|president|prime minister|qb|quarterback|mvp|coach|champions?|oscar)\b|"
    # proofreading the writer's own text
    r"\bproof-?read\b|\bcheck my (?:grammar|spelling)\b|"
    r"\b(?:fix|improve|polish|rewrite) my (?:linkedin|bio|cv|resume|about|profile|headline)\b|"
    # copywriting for someone: "rewrite this google ads headline for X so it fits 30 chars"
    r"\b(?:rewrite|reword|shorten)\s+(?:this|that|the|our|their)\s+(?:[\w-]+\s+){0,3}(?:headline|tagline|caption|"
    r"slogan|subject line|ad copy|copy|post|description|intro|introduction|blurb|paragraph|"
    r"advert|job ad|wording)\b|\bfits?\s+(?:in\s+|into\s+)?\d+\s+(?:chars|characters)\b|"
    # where to eat: "best pizza in german village?"
    r"\bbest\s+(?:pizza|burgers?|tacos?|sushi|bbq|barbecue|brunch|ramen|curry|coffee|steak|wings|restaurants?|"
    r"place to eat|bars?)\s+(?:in|near|around|at)\b|"
    # a forecast: "do you think Dubai prices will crash next year?"
    r"\b(?:do (?:u|you) think|will)\b[^.?!]{0,40}\b(?:prices?|market|rates?|stocks?|bitcoin|crypto|economy|"
    r"recession|dollar|rupee|dirham|peso|euro)\b[^.?!]{0,20}\b(?:crash|drop|fall|rise|go up|go down|recover|boom|"
    r"tank|spike)\b|"
    # an opinion on something in the world: "what do you think, is Hannover Messe still worth it or is it dying?"
    r"\bwhat do (?:u|you) think\b[^?]{0,60}\b(?:worth it|dying|overrated|underrated|dead|the future|a good idea)\b|"
    r"\bis (?:it|that|this|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}) (?:still )?worth (?:it|going|the money)\b|"
    # a gift for someone: "which one should I give her as a gift", "what should I get him for his birthday"
    r"\b(?:give|get|buy)\s+(?:her|him|them)\b[^.?!]{0,30}\b(?:as a gift|for (?:his|her|their) (?:birthday|wedding|"
    r"retirement))\b|\bwhich (?:one|wine|bottle) should (?:i|we) (?:give|get|buy|bring)\b|"
    # the time somewhere: "what time is it in London now?"
    r"\bwhat(?:['’]s| is) the time in\b|\bwhat time is it (?:in|over in|there)\b|\btime difference\b|"
    # sport said as a bet on the season: "reckons the Maroons will win Origin this year, is he dreaming?"
    r"\b(?:reckons?|thinks?|bets?)\b[^.?!]{0,40}\bwill win\b|"
    # a venue's facts: "how many qm has hall 27 at Messe Berlin?"
    r"\bhow (?:many|big|large)\b[^.?!]{0,20}\b(?:qm|sqm|square (?:metres|meters|feet)|m2|m²)\b|"
    # units: "convert 700ml to fluid ounces", "how many grams in a cup"
    r"\bconvert\s+\d[\d.,]*\s*(?:ml|cl|l|litres?|liters?|fl\.? ?oz|oz|ounces?|kg|kilos?|lbs?|grams?|g|miles?|km|"
    r"kilomet(?:re|er)s?|cm|mm|inch(?:es)?|feet|foot|ft|°\s*[cf]|degrees|celsius|fahrenheit|gallons?|pints?|cups?)\b|"
    r"\bhow many (?:ml|grams|ounces|oz|cups|litres|liters|pints|km|miles|inches|cm|feet)\s+(?:are\s+)?in\b|"
    # a sports prediction: "dae ye reckon Scotland'll qualify for the next World Cup"
    r"\b(?:reckon|think)\b[^.?!]{0,50}\b(?:qualify|get relegated|go down|get promoted|win (?:the )?(?:league|cup|"
    r"title|world cup|euros|premiership|six nations|grand slam))\b|"
    # a definition asked again: "whit's a Munro again?"
    r"\bwhat(?:['’]s| is) an? [\w-]+ again\b",
    re.I,
)
# A CRM instruction in the same message keeps it a request: "log that Tunde asked for restaurant recs".
_CRM_COMMAND = re.compile(
    r"\b(?:log|mark|update|assign|reassign|disqualify|(?:add|create|make)\s+(?:a\s+)?(?:task|note|contact|deal)|"
    r"remind me|set (?:a|the|her|his|their) (?:follow|reminder|task)|move (?:him|her|them)|tag (?:him|her|them))\b",
    re.I,
)


def asks_outside_crm(text: str) -> bool:
    """Writing, knowledge or a favour from outside the CRM, even if a client is named in passing."""
    outside = _ALWAYS_GENERAL.search(text) or _WRITING_FOR_YOU.search(text) or _WORLD_ASK.search(text)
    return bool(outside) and not _CRM_COMMAND.search(text)


def general_question(text: str) -> bool:
    """General advice or knowledge, not about this organization's records (then no tool is called)."""
    if _ACK.match(text) or _ALWAYS_GENERAL.search(text) or _WRITING_FOR_YOU.search(text):
        return True
    return bool(_GENERAL.search(text)) and not _OURS.search(text)


_PUT_IN = re.compile(
    r"\b(?:put|add|enter|save|stick|get|pop|bung|chuck|throw)\s+(?:him|her|them|this person)\s+(?:down\s+)?"
    r"(?:in|into|on|as|to|for)\b|"
    r"\b(?:add|create|enter)\s+(?:him|her|them)\b",
    re.I,
)
_TAKE_OVER = re.compile(
    r"\b(?:take|takes|taking|took)\s+over\b|\bpick(?:s|ing)?\s+up\b|"
    r"\b(?:give|hand|assign|reassign|transfer)\b.*\bto\s+\w+|"
    # "all his contacts need to go to Tunde"
    r"\b(?:needs?|should|must|ha(?:ve|s) to|can|will)\s+(?:to\s+)?(?:all\s+)?(?:go|move|pass|transfer)\s+"
    r"(?:over\s+)?to\s+\w+",
    re.I,
)
_SEGMENT_WORD = re.compile(r"\b(segments?|lists?|audiences?|groups?)\b", re.I)


# a field of one record and its new value, said first: "lead source for X should be trade-show", "title of X: CFO"
_FIELD_OF = re.compile(
    r"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:the\s+)?(?:date\s+of\s+the\s+|data\s+of\s+the\s+)?"
    r"(?:lead source|source|job title|title|company|employer|phone(?: number)?|mobile|e-?mail(?: address)?|stage|"
    r"status|"
    r"owner|last name|surname|first name|(?:next\s+)?follow[- ]?up(?: date)?)\s+(?:for|of|on|with)\s+"
    r".+?\s+(?:should be|should say|is now|needs to be|must be|is|to|=|:)\s+\S",
    re.I,
)
# a field of the record given its value: "surname is Basavaraj", "email should be …", "title: Head of Ops"
_FIELD_VALUE = re.compile(
    r"\b(?:lead source|source|job title|title|role|company|employer|phone(?: number)?|mobile|cell|e-?mail(?: address)?|"
    r"last name|surname|first name|owner)\s*(?:should be|is now|is|=|:)\s+\S",
    re.I,
)
_LOG_WORDS = re.compile(r"\b(?:log|note (?:that|down)|add a note|write (?:down|up)|record (?:a|the|that))\b", re.I)


# "I'd call that an opportunity, wouldn't you?": a question tag asks for agreement, not for information
_TAG_QUESTION = re.compile(
    r",?\s*\b(?:wouldn['’]?t you|don['’]?t you think|right|yeah|no|eh|innit|isn['’]?t it|agreed)\s*\?+\W*$", re.I
)
# A question for one detail of one record: "whats imran rahman's mobile", "who's his owner?"
_ASKS_A_DETAIL = re.compile(
    r"^\W*(?:what(?:['’]s|s| is)|wats|whats|got|need|gimme|give me|send me)\b[^.?!]{0,60}?['’]s?\s+"
    r"(?:mobile|cell|phone|number|e-?mail|email address|address|title|job title|owner)\b|"
    r"\bwho(?:['’]s| is)\s+(?:his|her|their)\s+owner\b|"
    r"\bwhat(?:['’]s|s| is)\s+(?:his|her|their)\s+(?:number|phone|mobile|cell|e-?mail|email address|address)\b",
    re.I,
)


# "add him as a lead", "please add her in as an MQL": a person introduced earlier goes into the CRM
_ADD_THEM_AS = re.compile(
    r"\b(?:add|put|enter|save|create)\s+(?:him|her|them)\s+(?:in\s+)?as\s+(?:an?\s+)?(?:new\s+)?"
    r"(?:contact|lead|mql|sql|prospect|subscriber|opportunity|customer|client|marketing|sales)\b",
    re.I,
)


# words that bring someone new in: "new lead", "create", "met her at …", "add him as …", "she signed up"
_NEWCOMER_WORDS = re.compile(
    # ("add james han h a n, … near ngozi adeyemi's office …": a request that opens by adding a person)
    r"^\W*(?:(?:pls|please|can you|could you|can u|hey|ok|okay|so|um|uh)[,!. ]+)*add\s+(?!(?:the|a|an)\s)"
    r"(?=[^\W\d_]+\s+[^\W\d_]+)|"
    r"\bnew\s+(?:\w+\s+)?(?:contacts?|leads?|clients?|customers?|person|prospects?|one)\b|"
    r"\b(?:create|met|meet|introduc\w*|signed\s+up|sign\s+up|enquir\w*|inquir\w*|onboard|register|"
    r"add(?:ed)?\s+(?:him|her|them|a|an|in|as|to\s+(?:the\s+)?crm)\b|put\s+(?:him|her|them)\s+in)",
    re.I,
)


def _someone_new_named(text: str, m: ex.Matcher) -> bool:
    """A full name (two capitalised words) that is none of the organization's contacts, users or companies."""
    for _, span in ex.capitalized_spans(text):
        words = span.split()
        if len(words) < 2 or any(w.lower() in ex.STOP or w.lower() in ex._MONTHS_DAYS for w in words[:2]):
            continue
        if m.user(span, cutoff=92) or m.stage(span, cutoff=92) or ex._is_source(span, m):
            continue
        if (m.vocab.companies and m.find_in(span, m.vocab.companies, cutoff=90)) or (
            m.vocab.contacts and m.find_in(span, m.vocab.contacts, cutoff=92)
        ):
            continue
        return True
    return False


def _selection_first(text: str, plural: bool) -> bool:
    """A selection of many records opens the message, then its change ("All the contacts that came from the Expo …,
    put them as lead"). Not "… put Priya as owner since she's doing all the council stuff" (one new person, and
    why Priya) nor "Two from the Leeds wedding fair: Holly … and Tariq …. Both leads" (two new people)."""
    return bool(
        plural
        and re.match(r"^\W*(?:all|every\w*|any\w*|each)\b", text, re.I)
        and A.selector_then_change(text) is not None
    )


# "put her down as a hot lead": how to list someone (a tag or a stage), not a note
_PUT_DOWN_AS = re.compile(r"\bput\s+(?:[\w'’-]+\s+){1,3}down\s+(?:as|for)\b", re.I)

# a request that opens by asking for a note on someone, with the verb: "Please log a note on X: …"
_NOTE_ASKED = re.compile(
    r"^\W*(?:(?:please|pls|kindly|can you|could you)\s+)?(?:log|add|leave|put|write)\s+(?:a\s+)?note\s+"
    r"(?:on|for|to|against)\s+[^:]{2,40}:",
    re.I,
)


def _correct(label: str, text: str, ctx: A.Ctx, known: set[str], ranked: list[tuple[str, float]]) -> str:
    """Rules that override the classifier where the words leave no doubt (or where a wrong guess is costly)."""

    def next_best(exclude: set[str]) -> str:
        return next((lab for lab, _ in ranked if lab not in exclude and lab in known), label)

    if "update_contact" in known and _ALREADY_IN_CRM.search(text):
        return "update_contact"  # "(pasted form) she's already in the crm as a lead, bump her to MQL": not new
    if (
        label == "create_contact"
        and "search_contacts" in known
        and re.match(r"^\W*(?:show|list|find|pull up|give me)\s+(?:me\s+)?(?:every(?:one|body)|all|my)\b", text, re.I)
        and re.search(r"\b(?:tagged|with (?:the )?tag|mine|owned by|from|at|in)\b", text, re.I)
    ):
        return "search_contacts"  # "Show me everyone tagged hot-lead that's mine!! Gotta make some calls": a list
    if label == "move_deal_stage" and re.search(
        r"\b(?:move|mark|set|push|bump|put)\s+the\s+(?:[\w&'’-]+\s+){1,6}deal\s+(?:to|as|in(?:to)?)\b", text, re.I
    ):
        # "Hank's Heating & Air said YES!!! Move the Fall Furnace Promo deal to won!": the deal named as such moves,
        # whoever said yes
        return "move_deal_stage"
    if label == "log_activity" and "update_contact" in known and _PUT_DOWN_AS.search(text):
        return "update_contact"  # "put crystal yates down as hot lead and storm season, she got …": how to list her
    if label == "log_activity" and _NOTE_ASKED.match(text):
        # "Please log a note on Rhonda Fields: invoices go to ap@… from now on": what the note tells (an address, a
        # date) is the note's, not a change to the record
        return "log_activity"
    if _CREATE.search(text) and "create_contact" in known:
        return "create_contact"  # "new lead: …", "add a contact …" say what to do explicitly
    pasted = A._form_fields(text).get("name") if label == "create_contact" else None
    if pasted and "update_contact" in known and ctx.matcher.find_in(pasted, ctx.matcher.vocab.contacts, cutoff=95):
        # "Name: Jason Medina / Company: … / qualified him on the phone just now. sql": a form of someone the CRM
        # already has, and no word of adding anyone: the stage (or field) of that contact changes
        return "update_contact"
    came_in = re.search(
        r"^\W*(?:who|which\s+(?:contacts|leads|people)|any(?:one|body)?(?:\s+new)?)\s+(?:has\s+|have\s+)?(?:came|come)\s+in\s+"
        r"(?:from|via|through|thru|off)\s+(?P<src>.+?)(?=\s+(?:this|last|since|in|today|yesterday)\b|[?.!,]|$)",
        text,
        re.I,
    )
    if came_in and "search_contacts" in known and ex.source_of(came_in.group("src"), ctx.matcher):
        return "search_contacts"  # "who came in from call-tracking this week?": people by their source, not activity
    if label == "create_contact" and _ADD_THEM_AS.search(text) and _someone_new_named(text, ctx.matcher):
        # "a referral from Dr. Mensah: Dr. Nathan Brooks, who owns … add him as a lead": the new person, not the
        # known one who sent them
        return "create_contact"
    if (
        label == "create_contact"
        and "update_contact" in known
        and ctx.matcher.vocab.contacts
        and re.search(
            r"\bupdate\s+(?:it|her|him|them|that|this|the\s+record|her\s+record|his\s+record)\b|"
            # "(a pasted card) ^ he's managing director now — update title": the field said bare
            r"\bupdate\s+(?:job\s+)?(?:title|company|role|phone|mobile|e-?mail)\b|"
            r"\b(?:correct|right|new|updated|proper)\s+(?:e-?mail(?:\s+address)?|address|number|phone|cell|mobile)\s+is\b",
            text,
            re.I,
        )
        and ctx.matcher.find_in(ex.REFERRER.sub(" ", text), ctx.matcher.vocab.contacts, cutoff=92)
        and not re.search(r"\b(?:add|create|enter|save|put)\s+(?:him|her|them)\s+(?:as|in|into)\b", text, re.I)
    ):
        # "Nadia Hosseini's email keeps bouncing. Her correct address is … Could you please update it?": a known
        # contact's record changes; nobody new is introduced
        return "update_contact"
    if (
        label == "create_contact"
        and "update_contact" in known
        and ctx.matcher.vocab.contacts
        and not _NEWCOMER_WORDS.search(text)
        and not re.search(r"\b(?:deals?|tasks?|segments?|campaigns?|companies|company record)\b", text, re.I)
        and not ex.emails_in(text)
        and not ex.phones_in(text)
        and ctx.matcher.find_in(ex.REFERRER.sub(" ", text), ctx.matcher.vocab.contacts, cutoff=95)
    ):
        # "is it ok if i tag Cole Mercer as vip? …", "dana pike is my contact now": a contact the CRM already has,
        # with no word of anyone new and no details to make a record from, is changed, not added again
        return "update_contact"
    if (
        label == "search_contacts"
        and "update_contact" in known
        and A.shared_name_at_company(text, ctx.matcher)
        and ex.stage_after(text, ctx.matcher)
        and not re.search(
            r"\b(?:all|every\w*|any\w*|who|which|list|show|find|contacts|people|leads|how many)\b", text, re.I
        )
    ):
        return "update_contact"  # "jessica at olentangy lawn → sql": one person, by first name and employer
    if (
        label
        in (
            "search_contacts",
            "get_contact",
            "get_company",
            "search_companies",
            "list_deals",
            "get_timeline",
            "log_activity",
        )
        and "update_contact" in known
        and _MOVE_THEM_TO_STAGE.search(text)
        and not (label == "log_activity" and _LOG_WORDS.search(text))
        and not re.search(r"\b(?:them|those|these|all of|each of|deals?)\b", text, re.I)
        and (
            A.shared_name_at_company(text, ctx.matcher)
            or (ctx.matcher.vocab.contacts and ctx.matcher.find_in(text, ctx.matcher.vocab.contacts, cutoff=92))
        )
    ):
        # "… I finally connected with Jennifer at Lakeshore Physio … Could you please move her to customer?": the
        # person the story names changes stage; the story's words select nobody
        return "update_contact"
    if (
        label in ("create_deal", "log_activity", "complete_task", "create_task", "create_contact")
        and "update_contact" in known
        and ctx.matcher.vocab.contacts
        and not re.search(r"\b(?:deals?|pipeline|won|lost|log|remind)\b", text, re.I)
        and (at_stage := _KNOWN_AT_TO_STAGE.match(text))
        and ctx.matcher.find_in(at_stage.group("who"), ctx.matcher.vocab.contacts, cutoff=92)
        and ctx.matcher.stage(at_stage.group("stage"), cutoff=92)
    ):
        # "natalie kwan @ etobicoke kids dental -> opportunity, she asked for pricing": a known contact (said with
        # where they work) moves stage; the story after it is why
        return "update_contact"
    if (
        label in ("move_deal_stage", "list_deals", "update_deal")
        and "update_contact" in known
        and not re.search(r"\b(?:deals?|pipeline|won|lost)\b", text, re.I)
        and re.search(
            r"\b(?:disqualify|dq|unqualify)\s+(?:her|him|them)\b|\b(?:mark|make|set|move|put|bump)\s+(?:her|him|them)\s+"
            r"(?:as\s+|to\s+)?(?:an?\s+)?(?:customer|client|lead|mql|sql|opportunity|subscriber|evangelist|churned)\b",
            text,
            re.I,
        )
    ):
        # "Kowalczyk isn't buying. Disqualify her.", "closed kessler roofing!! mike signed …, mark him customer": a
        # person's stage, no deal is named
        return "update_contact"
    if (
        label in ("get_contact", "update_contact", "log_activity", "get_timeline")
        and "delete_contacts" in known
        and re.search(
            r"\b(?i:remove|delete|take|drop)\s+(?:him|her|them|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:out\s+)?(?:of|from)\s+"
            r"(?:the\s+|our\s+)?(?i:crm|system|database|records|leadloom|contacts)\b",
            text,
        )
    ):
        return "delete_contacts"  # "… passed away last month. Please remove her from the CRM."
    if (
        label in ("bulk_update_contacts", "delete_contacts")
        and "search_contacts" in known
        and re.match(
            r"^\W*(?:(?:can|could) you\s+)?(?:show|list|find|display|pull up|give me|get me|who|which)\b", text, re.I
        )
        and not re.search(
            r"[,;]|\b(?:and|then|to)\s+(?:set|change|move|assign|push|update|tag|delete|remove|mark|give|hand|bump)\b",
            text,
            re.I,
        )
    ):
        return "search_contacts"  # "show me everyone tagged vip with a follow-up in the next 3 weeks": a list
    if (
        label == "bulk_update_contacts"
        and "update_contact" in known
        and re.search(r"\b(?:move|mark|set|put|change|bump)\s+(?:her|him)\b", text, re.I)
        and not _QUANTIFIER.search(text)
        and not _PEOPLE.search(text)
        and ex.person_ref(text, ctx.matcher) in ctx.matcher.vocab.contacts
    ):
        return "update_contact"  # "maria jose, move her to sql …": one person, said with her pronoun
    if (
        label == "log_activity"
        and "update_contact" in known
        and (moved := re.search(r"\b(?:moved to|is now|became)\s+(?:an?\s+)?([\w-]+)", text, re.I))
        and ctx.matcher.stage(moved.group(1), cutoff=92)
        and not re.search(r"\b(?:log|logged|note|record|write (?:it )?down)\b", text, re.I)
    ):
        return "update_contact"  # "María Fernanda ya pasó a oportunidad. le mandé cotización …": the stage moved
    if (
        label == "create_contact"
        and "update_contact" in known
        and (
            tagged_first := re.match(
                r"\W*(\S+\s+\S+)\s+(?:pls\s+|please\s+)?(?:add|put)\s+(?:the\s+|a\s+)?tags?\b", text, re.I
            )
        )
        and ctx.matcher.vocab.contacts
        and ctx.matcher.find_in(tagged_first.group(1), ctx.matcher.vocab.contacts, cutoff=92)
        and ex.tags_of(text, ctx.matcher)
    ):
        return "update_contact"  # "Lynn Kramer add tag warrnty job, we did her roof in 2022": a known contact's tag
    if (
        label in ("get_company", "create_company", "update_company", "search_companies")
        and (first_at := re.match(r"^\W*([^\W\d_][\w'’-]*)\s+(?:de|at|from|@)\s", text))
        and "update_contact" in known
        and ex.stage_after(text, ctx.matcher)
        and (
            len(ex._by_first_name(tuple(ctx.matcher.vocab.contacts)).get(ex._fold(first_at.group(1)), [])) == 1
            or " at " in A.at_their_company(first_at.group(1), text, ctx.matcher)
        )
    ):
        return "update_contact"  # "Jessica de Bodega Las Arenas -> customer": a person, said with where they work
    if (
        label in ("log_activity", "complete_task", "create_task")
        and "update_contact" in known
        and re.match(r"^\W*(?:and\s+|then\s+)?(?:remove|take|drop|add|put|strip)\b", text, re.I)
        and not _QUANTIFIER.search(text)
        and not _PEOPLE.search(text)
        and any(A.tag_edits(text, ctx.matcher.vocab.tags))
    ):
        return "update_contact"  # "… and remove the needs-quote one, she signed": a tag comes off, nothing to log
    if (
        label == "get_company"
        and "get_contact" in known
        and re.search(r"\b(?:his|her)\s+(?:number|phone|mobile|cell|email|e-?mail address|title)\b", text, re.I)
    ):
        return "get_contact"  # "Ravi @ Baltic Ferries, what's his number again?": a person at the company
    if (
        label in ("create_contact", "log_activity", "update_contact", "get_company", "score_lead")
        and "get_contact" in known
        and _ASKS_A_DETAIL.search(text)
        and (_names_a_contact(text, ctx.matcher) or ex.person_ref(text, ctx.matcher))
        and not A.changes(text, ctx)
    ):
        return "get_contact"  # "whats imran rahman's mobile, need to ring him in 5", "… score and who's his owner?"
    if "create_deal" in known and re.match(
        r"^\W*(?:new|add|create|open|make|set up|start)\s+(?:a\s+|me\s+a\s+)?(?:new\s+)?deal\b", text, re.I
    ):
        return "create_deal"  # "new deal: Baltic Ferries onboard screens, 42,000 SEK, contact Kai Lund"
    if "create_segment" in known and _MAKE_SEGMENT.search(text):
        return "create_segment"  # 'can you make a segment called "FABTECH safety gear" w/ everyone from fabtech …'
    if "draft_campaign" in known and _DRAFT_FOR_AUDIENCE.search(text):
        return "draft_campaign"  # 'draft an email for the Hydraulics Q2 segment, subject "…"'
    if (
        label in ("get_timeline", "get_contact", "list_deals", "get_company")
        and "search_contacts" in known
        and _EVERYONE_AT.search(text)
        and ctx.matcher.vocab.companies
        and ex.company_ref(text, ctx.matcher)
    ):
        return "search_contacts"  # "list everybody we have at Zanesville Castings": the people, not one timeline
    if label in ("search_contacts", "delete_contacts") and "bulk_update_contacts" in known:
        sc = A.selector_then_change(text)
        if sc and A.changes(sc[1], ctx):  # (selector_then_change is None for "find/show/list …, then …")
            return "bulk_update_contacts"  # "anyone scoring 20 or less … — mark them disqualified"
    if label == "top_leads" and "search_contacts" in known:
        said = set(A.filters(text, ctx)) - {"owner", "stage", "sort_by", "limit", "created_after"}
        if said:
            return "search_contacts"  # "top 10 highest scoring contacts from fabtech": top_leads has no source filter
    if (
        "update_contact" in known
        and len(text.split()) <= 6
        and re.match(r"^\W*\S+(?:\s+\S+){0,2}\s+to\s+\S+\W*$", text)
        and (_names_a_contact(text, ctx.matcher) or ex.first_name_ref(text, ctx.matcher))
        and A.changes(text, ctx).get("owner")
    ):
        return "update_contact"  # "Wójcik → me", "Nowak to Jens": a contact handed to someone
    if (
        label in ("delete_contacts", "create_contact")
        and "update_contact" in known
        and not _QUANTIFIER.search(text)
        and not _PEOPLE.search(text)
        and (
            _names_a_contact(text, ctx.matcher)
            if label == "delete_contacts"
            # a new record is added with its tags; a known contact named first, then tags, is edited
            else _known_contact_first(text, ctx.matcher)
        )
        and any(A.tag_edits(text, ctx.matcher.vocab.tags))
    ):
        # "remove hot lead from Anthony Russo, he cooled off": a tag goes, not the person; "Andre baptiste — add
        # investor tag, take off first-time-buyer": a known contact's tags change, nobody new is added
        return "update_contact"
    if (
        label in ("explain_score", "score_lead", "top_leads", "log_activity", "get_contact")
        and "bulk_update_contacts" in known
        and (_QUANTIFIER.search(text) or _PEOPLE.search(text))
        and any(A.tag_edits(text, ctx.matcher.vocab.tags))
    ):
        return "bulk_update_contacts"  # "take the hot-lead tag off anybody scoring 30 or below"
    if (
        label == "delete_contacts"
        and re.search(
            r"\b(?:remove|drop|strip|delete|take)\s+(?:off\s+)?(?:their|the|his|her|its)?\s*[\w-]+\s+tags?\b",
            text,
            re.I,
        )
        and A.changes(text, ctx).get("tags_remove")
    ):
        # "all the churned ones from Harrow & Finch – remove their monthly-retainer tag": the tag goes, not the people
        plural = bool(_QUANTIFIER.search(text) or _PEOPLE.search(text))
        tool = "bulk_update_contacts" if plural else "update_contact"
        if tool in known:
            return tool
    if (
        label != "update_contact"
        and "update_contact" in known
        and re.match(
            r"^\W*(?:please\s+|pls\s+)?(?:tag|label)\s+(?!(?:everyone|everybody|all|every|them|those)\b)", text, re.I
        )
        and _names_a_contact(text, ctx.matcher)
        and A.changes(text, ctx).get("tags_add")
    ):
        return "update_contact"  # "tag Thandiwe as a champion, she's selling us internally …"
    if (
        label == "log_activity"
        and "update_contact" in known
        and not _LOG_WORDS.search(text)
        and _names_a_contact(text, ctx.matcher)
        and not re.search(r"\b(?:campaign|segment|newsletter|blast|everyone|all)\b", text, re.I)
    ):
        tags = A.changes(text, ctx)
        if (tags.get("tags_add") or tags.get("tags_remove")) and set(tags) <= {"tags_add", "tags_remove"}:
            return "update_contact"  # "ben whitaker finally replied, take ghosted off him": the tag is the request
    moved = re.search(r"\b([a-z]+)\s+to\s+([a-z]+)\b", text, re.I)
    if (
        moved
        and _names_a_contact(text, ctx.matcher)
        and "update_contact" in known
        and ctx.matcher.stage(moved.group(1), cutoff=95)
        and ctx.matcher.stage(moved.group(2), cutoff=95)
    ):
        return "update_contact"  # "greg van der berg sql→opp, proposal went out today"
    if (
        "update_contact" in known
        and label not in ("update_contact", "bulk_update_contacts", "delete_contacts", "create_contact")
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
        and _names_a_contact(text, ctx.matcher)
        and (_stage_after_name(text, ctx.matcher) or _closing_stage(text, ctx.matcher))
    ):
        return "update_contact"  # "juan carlos de la cruz = evangelist 🙌 …", "Renee Beaulieu: won 🎉"
    if (
        "update_contact" in known
        and (
            SPECIALIST_OF.get(label) != "contacts"
            or label in ("get_contact", "get_timeline")
            or (label == "log_activity" and not _LOG_WORDS.search(text))  # "… signed!! move him to customer"
            # "… telling every operator about us. Evangelist for sure": "every" is in the story, not the ask
            or (label == "bulk_update_contacts" and not _QUANTIFIER.search(_last_sentence(text)))
        )
        and not (_TAG_QUESTION.sub(".", text).rstrip().endswith("?") or _QUESTION.match(text))
        and _stage_for_someone(text, ctx.matcher)
    ):
        return "update_contact"  # "Ngaire is loving the videos … Evangelist for sure 🙌": read as analytics before
    if (
        "update_contact" in known
        and re.match(r"^\W*i(?:['’]ll| will| can| could)\s+(?:take|own|handle)\s+\S", text, re.I)
        and _names_a_contact(text, ctx.matcher)
    ):
        return "update_contact"  # "I'll take Rebecca Lindqvist": the writer becomes the owner
    if "create_task" in known and re.match(
        r"^\W*(?:pls |please |can you |could you |kindly )?(?:create|add|set(?: up)?|make|schedule|put in)\s+"
        r"(?:me\s+)?(?:an?\s+)?(?:new\s+)?(?:task|reminder|to-?do)\b",
        text,
        re.I,
    ):
        return "create_task"  # "create a task to send the quote to Kasun by friday, assign to Divya"
    acts_on_all = re.match(
        r"^\W*(?:(?:can|could|would) you |pls |please |kindly |just )*(?P<verb>set|mark|move|tag|untag|assign|reassign|"
        r"give|change|update|switch|bump|push|put|make|get rid of|delete|remove|erase|purge|wipe|trash|archive|"
        r"bin|ditch|scrap|nuke)\b",
        text,
        re.I,
    )
    if (
        acts_on_all
        and _QUANTIFIER.search(text)
        and "bulk_update_contacts" in known
        and label
        in ("search_contacts", "update_contact", "get_contact", "list_tasks", "create_task", "bulk_update_contacts")
        and not _names_a_contact(text, ctx.matcher)
    ):
        # "Set a follow-up for Monday on all my opportunities that …", "can you get rid of everyone tagged …?":
        # an action on a selection, even when it ends with a question mark
        deleting = _DELETE_VERB.match(acts_on_all.group("verb")) and not re.search(r"\btags?\b", text, re.I)
        return "delete_contacts" if deleting and "delete_contacts" in known else "bulk_update_contacts"
    if (
        "get_contact" in known
        and label in ("create_task", "log_activity", "update_contact")
        and re.match(
            r"^\W*(?:pls |please |can you |could you )?(?:remind me (?:who|what|when|where|which|how)|"
            r"(?:send|give|get|tell|text|share)(?: me)? (?:\S+ ){1,3}?"
            r"(?:phone|mobile|number|no\.?|email|e-mail|mail id)\b)",
            text,
            re.I,
        )
    ):
        return "get_contact"  # "Remind me who José works for?", "send me Venkatesh Iyer's mobile no., need to call him"
    if (
        label == "get_company"
        and "search_contacts" in known
        and (
            re.search(
                r"\bwho(?:m)?(?: all)? (?:do|did) we (?:have|know)\b|"
                r"\bwho(?:m)? (?:all )?(?:is|are|works) (?:at|from|in)\b|"
                r"\bcontacts\b|\bpeople\b",
                text,
                re.I,
            )
            or _filter_stage_plural(text)
        )
    ):
        return "search_contacts"  # "whom all do we have at Deccan Auto?", "all the opportunities at Pemberton"
    if (
        label == "log_activity"
        and "update_contact" in known
        and re.search(
            r"\b(?:put|set|schedule|add|make|move)\s+(?:a\s+|the\s+|her\s+|his\s+|their\s+)?follow.?up\b", text, re.I
        )
        and not re.search(r"\blog\b", text, re.I)
        and not _PUT_IN.search(text)  # "… can you pop him in, …, set his follow-up for monday": someone new
    ):
        return "update_contact"  # "Jaswinder Sandhu - call after Diwali, put follow up on 1st Nov"
    form = A._form_fields(text)
    known_form = bool(
        form.get("name")
        and ctx.matcher.vocab.contacts
        and ctx.matcher.find_in(form["name"], ctx.matcher.vocab.contacts, cutoff=95)
        and not re.search(r"\b(?:add|create|new\s+(?:contact|lead)|sign(?:ed)?\s+up)\b", text, re.I)
    )
    if known_form and label == "update_contact":
        # "Contact: Ailbhe Costello / Company: … / Lifecycle stage: Subscriber / … can we make her a lead": the CRM's
        # own record of someone it has, pasted, with a change asked below it (no word of adding anyone)
        return "update_contact"
    if "create_contact" in known and form.get("name") and (form.get("title") or form.get("company")) and not known_form:
        return "create_contact"  # "Name: Felix Amsel / Role: … / Company: …": a person's record, laid out as a form
    m = ctx.matcher
    opener = A.leading_person(text, m)
    if (
        label == "create_contact"
        and opener
        and (ex.emails_in(text) or ex.phones_in(text))
        and not (m.vocab.contacts and m.find_in(opener, m.vocab.contacts, cutoff=92))
    ):
        # "Maya Lindgren is the new events coordinator at Helix (taking over from Raj Patel). maya@…": the new
        # person the message opens with is who it is about, not a known colleague of theirs named in passing
        return "create_contact"
    # someone named only as who sent them ("referred by Rafael da Silva", "same account as rhiannon") is not
    # the person the request is about
    about = ex.REFERRER.sub(" ", text)
    # "Niamh Doherty — niamh@… — subscriber": a full name the CRM does not have is someone new, even when a known
    # contact shares the first name (Niamh McCarthy)
    new_full_name = bool(opener and len(opener.split()) >= 2 and not m.find_in(opener, m.vocab.contacts, cutoff=92))
    known_contact = bool(m.vocab.contacts and m.find_in(about, m.vocab.contacts, cutoff=92)) or bool(
        not new_full_name and ex.first_name_ref(about, m)
    )
    writes_all = {"update_contact", "bulk_update_contacts", "delete_contacts", "create_contact"}
    plural = bool(_QUANTIFIER.search(text) or _PEOPLE.search(text))
    if (
        "create_contact" in known
        and not known_contact
        and _PUT_IN.search(text)
        and any(" " in span for _, span in ex.capitalized_spans(text))
        # "All the contacts that came from the Expo …, put them as lead": a selection, then its change
        and not _selection_first(text, plural)
    ):
        return "create_contact"  # "met Nadia Petrova … put her in as a lead": someone not in the CRM yet
    if (
        "create_contact" in known
        and label in _MAY_INTRODUCE
        and not known_contact
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
        and not _selection_first(text, plural)  # (nor do "All the contacts that …, put them")
        and _introduces_someone(text, m)
    ):
        return "create_contact"  # "Chidi Nwankwo, GM at Redfern Auto Body, chidi@…": someone new, with details
    if (
        "create_segment" in known
        and label != "create_segment"
        and re.match(
            r"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:make|create|build|set up|save|start)\s+"
            r"(?:me\s+)?(?:a\s+|an\s+)?"
            r"(?:new\s+)?(?:segment|audience)\b",
            text,
            re.I,
        )
    ):
        return (
            "create_segment"  # 'make a segment "Property MQLs" - mql stage, tag property': what it holds, not a change
        )
    if (
        label == "bulk_update_contacts"
        and "update_contact" in known
        and known_contact
        and not _PEOPLE.search(text)
        and (m.vocab.contacts and _starts_with_contact(text, m))
        and not re.search(r"\b(?:them|those|these|everyone|everybody)\b", text, re.I)
    ):
        return "update_contact"  # "Wei Zhang downloaded the developer marketing guide … — MQL": one person named first
    if (
        label != "get_contact"
        and "get_contact" in known
        and known_contact
        and re.fullmatch(
            r"\W*(?:what(?:'s| is)\s+)?(?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]*['’]s\s+"
            r"(?:phone|phone number|number|mobile|cell|email|e-mail|address|title|job title|company|owner|"
            r"stage|status)\W*",
            text,
            re.I,
        )
    ):
        return "get_contact"  # "Rosalind Achebe's phone.": a question about one person, said as a noun
    if (
        label == "create_task"
        and "list_tasks" in known
        and re.search(r"\b(?:overdue|due|open tasks?|to-?dos?)\b", text, re.I)
        and (text.rstrip().endswith("?") or _QUESTION.match(text) or re.match(r"^\W*(?:anything|any)\b", text, re.I))
    ):
        return "list_tasks"  # "anything overdue for @tyler?": a question about tasks, not a new one
    if (
        label in ("search_contacts", "top_leads", "segment_audience")
        and "bulk_update_contacts" in known
        and re.search(r" - set them to \S", text)
        and not _DELETE_VERB.search(text)
    ):
        return "bulk_update_contacts"  # "my churned ones → back to lead": a selection, then an arrow to the change
    if (
        label == "conversion_by_source"
        and "search_contacts" in known
        and ex.source_of(text, ctx.matcher)
        and re.search(r"\b(?:how many|which|who|list|show)\b", text, re.I)
        and not re.search(
            r"\b(?:rate|convert\w*|conversion|percent\w*|%|best|worst|per source|by source)\b", text, re.I
        )
    ):
        return "search_contacts"  # "how many customers came in thru referrals": people from one source, not rates
    if (
        label in ("get_company", "search_companies")
        and "list_deals" in known
        and re.search(r"\b(?:what|which|any|show|list|how many)\b.*\b(?:deals?)\b", text, re.I)
    ):
        return "list_deals"  # "What open deals do we have with Scioto Roofing": the deals, not the company's card
    unquoted = re.sub(r"[\"“«][^\"”»]*[\"”»]|(?<!\w)['‘][^'’]*['’](?!\w)", " ", text)  # a name given in quotes
    if (
        "draft_campaign" in known
        and label != "draft_campaign"
        and re.search(r"\b(draft|write|create|prepare|compose|set up|put together|start|build)\b", text, re.I)
        and re.search(r"\b(campaigns?|newsletters?|blasts?|mailers?|mailshots?)\b", unquoted, re.I)
        # "Create a deal for Declan – Paddington terrace campaign, 6,500 AUD": the deal is named after a campaign
        and not re.search(r"\b(?:create|add|new|open|log|set up)\s+(?:a\s+|an\s+)?(?:new\s+)?deal\b", text, re.I)
        and not re.search(r"\b(segments?|lists? of|audiences?)\b.*\b(called|named)\b", text, re.I)
    ):
        return "draft_campaign"  # "draft an email campaign called 'Winter Promo' to everyone tagged …"
    if (
        label == "search_contacts"
        and "list_tasks" in known
        and re.search(r"\b(due|overdue)\b", text, re.I)
        and not re.search(
            r"follow|call back|callback|check in|touch base|reach out|contacts?|leads?|customers?", text, re.I
        )
    ):
        return "list_tasks"  # "anything due for mei before friday?": tasks are what fall due
    if label == "create_company" and "create_contact" in known and _PERSON_FORM.search(text):
        return "create_contact"  # "First name: Lerato\nLast name: van der Walt\nCompany: …": a person's form
    if (
        label == "bulk_update_contacts"
        and "search_contacts" in known
        and _WHO_ARE.match(text)
        and not _ORDER_VERB.search(text)
    ):
        return "search_contacts"  # "who are priya's customers": a question asks, it changes nobody
    if label == "search_contacts" and "delete_contacts" in known and _DELETE_THEM.search(text):
        return "delete_contacts"  # "churned contacts we haven't contacted since 1/3... bin them"
    if (
        label in ("get_contact", "create_task", "log_activity", "search_contacts")
        and "update_contact" in known
        and known_contact
        and _UPDATE_THEM.search(text)
        and _pronoun_stage(text, m)
    ):
        return "update_contact"  # "… Ja then she's a customer obviously, update her"
    if (
        label == "bulk_update_contacts"
        and "update_contact" in known
        and known_contact
        and not _QUANTIFIER.search(text)
        and not _PEOPLE.search(text)
    ):
        return "update_contact"  # one named person, no "all"/"every"/plural: a single change
    if (
        label in ("search_contacts", "get_contact", "create_task", "list_tasks", "log_activity")
        and "update_contact" in known
        and known_contact
        and re.match(
            r"^\W*(?:pls |please )?(?:push|bump|move|postpone|reschedule|delay|shift|set|change)\b", text, re.I
        )
    ):
        return "update_contact"  # "push lucia ortega's follow up to the end of the month"
    if (
        label not in writes_all
        and "update_contact" in known
        and known_contact
        and re.search(
            r"\b(?:take|remove|drop|strip)\s+(?:the\s+)?[\w-]+\s+tag\s+off\b|\buntag\b|\bopt\s+(?:him|her|them)\s+(?:in|out)\b",
            text,
            re.I,
        )
    ):
        return "update_contact"  # "take the hot tag off brenda", "opt him in to sms"
    if (
        label not in writes_all
        and "update_contact" in known
        and known_contact
        and not plural
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
        and (_stage_after_name(text, m) or _tags_someone(text, m) or described_stage(text) or _stage_alone(text, m))
    ):
        return "update_contact"  # "olumide adeyemi opp pls, sent the fee proposal", "katarzyna do-not-call tag pls"
    if (
        label == "update_contact"
        and "get_contact" in known
        and known_contact
        and (text.rstrip().endswith("?") or _QUESTION.match(text))
        and re.match(r"^\W*(?:is|are|was|has|does|did)\b", text, re.I)
        # "Is not a lead anymore, is a real customer now: X" (English as a second language) says, not asks
        and not (re.match(r"^\W*is\s+not\b", text, re.I) and not text.rstrip().endswith("?"))
        and not re.search(r"\b(?:can|could|would|will)\s+you\b", text, re.I)
        and not (_UPDATE_THEM.search(text) and _pronoun_stage(text, m))  # "Is it? … she's a customer, update her"
    ):
        return "get_contact"  # "is ade balogun a client yet or still an opp": a question about one person
    if label in ("list_segments", "segment_audience") and not _SEGMENT_WORD.search(text):
        return next_best({"segment_audience", "create_segment", "list_segments"})  # "show me all my sqls"
    if (
        label not in writes_all
        and "update_contact" in known
        and known_contact
        and _contact_stage_target(text, m)
        and not _QUANTIFIER.search(text)
    ):
        return "update_contact"  # "bump tyrone jackson up to opportunity, financing is sorted"
    if (
        label in ("get_contact", "log_activity", "get_timeline")
        and "update_contact" in known
        and known_contact
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
        and re.search(
            r"\b(?:is now|are now|now works|moved to|has moved to|joined|switched to|changed jobs)\b"
            r"|\bnow\s*(?:[.!]*$|\()",
            text,
            re.I,
        )
        and A.changes(text, ctx)
    ):
        return "update_contact"  # "thandiwe dlamini is now it director at zocalo foods"
    if (
        label in ("conversion_by_source", "search_contacts", "get_contact", "log_activity")
        and "update_contact" in known
        and known_contact
        and re.search(r"\b(?:lead )?source\s+(?:should be|is now|is actually|to|=)\s", text, re.I)
        # ("Reggie Wynn - source should be referral not cold-outreach. Tyler sent him": no call or note to log)
        and not (label == "log_activity" and _LOG_WORDS.search(text))
    ):
        return "update_contact"  # "Julia Novak's lead source should be partner, not website"
    if (
        label in ("update_company", "get_company")
        and "update_contact" in known
        and known_contact
        and re.search(
            r"\b(?:his|her|their)\s+(?:company|employer|title)\b|\bmoved to\b|\bworks (?:at|for)\b|\bjoined\b",
            text,
            re.I,
        )
    ):
        return "update_contact"  # "Siobhan O'Reilly moved to Summit Mortgage Group, please update her company"
    if (
        label in ("update_company", "get_company")
        and known_contact
        and not (m.vocab.companies and m.find_in(text, m.vocab.companies, cutoff=90))
        and not re.search(r"\b(?:company|companies|account|firm|business|agency)\b", text, re.I)
    ):
        # "Davo's got a new mobile: …", "who owns priya?": a known contact and no company named: about the person
        person_tool = "update_contact" if label == "update_company" else "get_contact"
        if person_tool in known:
            return person_tool
    if (
        label not in ("delete_contacts", "bulk_update_contacts")
        and "delete_contacts" in known
        and re.match(
            r"^\W*(?:(?:pls|please|can you|could you)\s+)?(?:delete|remove|purge|wipe|erase|trash)\b", text, re.I
        )
        and (_QUANTIFIER.search(text) or _PEOPLE.search(text))
        and not re.search(r"\btags?\b", text, re.I)
    ):
        return "delete_contacts"  # "Please delete all disqualified contacts that came from cold calls."
    if label == "create_task" and "list_tasks" in known and (text.rstrip().endswith("?") or _QUESTION.match(text)):
        return "list_tasks"  # "What's due for Tunde Okafor before the end of the month?"
    if (
        label in ("update_contact", "bulk_update_contacts")
        and "get_contact" in known
        and text.rstrip().endswith("?")
        and re.match(r"^\W*(?:is|are|was|does|did|has|have)\b", text, re.I)
        and known_contact
    ):
        return "get_contact"  # "Is Felix Wagner still assigned to Rafael?" asks; it changes nothing
    if (
        "log_activity" in known
        and label != "log_activity"
        and re.match(r"^\W*(?:add (?:a )?)?note (?:on|for|to|about|re)\b", text, re.I)
    ):
        return "log_activity"  # "note on Gustavo Lima: prefers Portuguese-language training materials"
    if (
        "create_task" in known
        and label != "create_task"
        and re.match(r"^\W*(?:pls |please )?remind\s+\w+", text, re.I)
        and not re.match(r"^\W*(?:pls |please )?remind me (?:who|what|when|where|which|how|whether|if)\b", text, re.I)
    ):
        return "create_task"  # "Remind Mei Chen to call Vincent de la Cruz on monday"
    # "Pieter … referred 2 Dutch clients to us. He is basically our brand ambassador now": a known person and
    # "he"/"her" — one person's story, whatever plural it mentions
    one_person = known_contact and bool(re.search(r"\b(?:he|she|him|her|his|he['’]s|she['’]s)\b", text, re.I))
    sc = A.selector_then_change(text)
    if (
        sc
        and not one_person
        and "bulk_update_contacts" in known
        and label not in ("bulk_update_contacts", "delete_contacts")
    ):
        if (
            _DELETE_VERB.match(sc[1])
            and not re.search(r"\btags?\b", sc[1], re.I)
            # "… still have the black-friday tag, remove it": "it" is the tag said just before
            and not (re.match(r"\W*\w+\s+it\b", sc[1]) and re.search(r"\btag\W*$", sc[0], re.I))
            and "delete_contacts" in known
        ):
            return "delete_contacts"
        return "bulk_update_contacts"  # "any opportunity we haven't contacted since june, mark disqualified"
    added = re.match(
        r"^\W*(?:(?:pls|please|can you|could you|ok)[, ]+)*(?:add|create|enter|save|register|put in)\s+"
        r"(?P<name>[^\W\d_][\w'’-]+\s+[^\W\d_][\w'’-]+)",
        text,
        re.I,
    )
    if (
        added
        and "create_contact" in known
        and not known_contact
        and not any(
            w.lower() in ex.STOP or w.lower() in ("tag", "tags", "note", "task", "deal")
            for w in added.group("name").split()
        )
        and not m.user(added.group("name"), cutoff=92)
        and not (m.vocab.tags and ex._best(added.group("name").split()[0], {ex._fold(t): t for t in m.vocab.tags}, 90))
    ):
        return "create_contact"  # "add gabriela moreno — gabriela@…, assign to ben"
    if (
        label in ("get_contact", "log_activity", "search_contacts")
        and "update_contact" in known
        and known_contact
        and re.search(
            r"\b(?:e-?mail|phone|number|mobile|cell|title|company|address)\s+"
            r"(?:is now|should be|changed to|now is|is)\b",
            text,
            re.I,
        )
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
    ):
        return "update_contact"  # "emily sorensen's email is now emily@…"
    if (
        label in ("search_companies", "get_contact", "search_contacts")
        and "get_company" in known
        and re.search(
            r"\b(?:who|whos|who's|whose|which (?:rep|salesperson|sales person|person|colleague|of us))\b.*"
            r"\b(?:looking after|looks after|handl\w*|owns|has|have|in charge of|responsible for|manag\w*|"
            r"covers?|on|point (?:person|of contact)|poc|contact person|main contact)\b",
            text,
            re.I,
        )
        and m.vocab.companies
        and m.find_in(text, m.vocab.companies, cutoff=88)
        and not known_contact
    ):
        return "get_company"  # "who's looking after cafe lumiere"
    writes = writes_all
    if (
        label not in writes
        and "update_contact" in known
        and mentions_consent(text)
        # a question about consent is no change, but "… Could you update his preferences?" asks for one
        and (
            not text.rstrip().endswith("?")
            or re.search(r"\b(?:could|can|would) you\s+(?:please\s+)?(?:update|change|set|record)\b", text, re.I)
        )
    ):
        if plural and "bulk_update_contacts" in known:
            return "bulk_update_contacts"
        if known_contact or ex.person_ref(text, m) or re.search(r"\b(?:him|her)\b", text, re.I):
            # "Olivia Dubois unsubscribed from our emails" changes her consent; "… also opt her into sms" too
            return "update_contact"
    if (
        label not in writes
        and "update_contact" in known
        and known_contact
        and not (text.rstrip().endswith("?") or _QUESTION.match(text))
        and (
            # "take tire-kicker off becky stanfield, shes legit after all"
            (not plural and A._removed_tag(text, m))
            # "cody rangel prefers spanish, tag him": the tag the sentence describes
            or (re.search(r"\btag\s+(?:him|her)\b\W*$", text, re.I) and A.changes(text, ctx).get("tags_add"))
            # "X's surname is actually Oyelaran-Hughes, she got married", "uses the name of her husband now: …"
            or (
                re.search(
                    r"\b(?:sur|last |family |married )name\b.{0,20}?\b(?:is actually|is now|now is|changed to|"
                    r"should be|became)\b|\bname of (?:her|his) (?:husband|wife)\b|"
                    r"\b(?:her|his) (?:husband|wife)['’]s (?:sur|last )?name\b",
                    text,
                    re.I,
                )
                and A.changes(text, ctx).get("last_name")
            )
            # "Chandrashekar B. surname is Basavaraj, full. update kar do": a field, its value, a change verb
            or (
                re.search(r"\b(?:update|change|fix|correct|edit)\b", text, re.I)
                and _FIELD_VALUE.search(text)
                and A.changes(text, ctx)
            )
        )
    ):
        return "update_contact"
    if label in ("update_company", "get_company") and "update_contact" in known and known_contact:
        moved = A.changes(text, ctx)
        if moved.get("company") and (moved.get("title") or re.search(r"\b(?:moved|jumped|left|joined)\b", text, re.I)):
            return "update_contact"  # "anais laurent has moved from lefevre to quayside hotels, head of hr there now"
    if (
        label == "top_leads"
        and "search_contacts" in known
        and A._NOT_CONTACTED.search(text)
        and not re.search(r"\b(?:top|hot|hottest|best|highest|most|scor\w*|rank\w*)\b", text, re.I)
    ):
        return "search_contacts"  # "any champions we haven't talked to since 1/1?": a selection, not a ranking
    if "get_contact" in known and re.fullmatch(
        r"\W*(?:e-?mail|phone|number|mobile|cell|address)\s+(?:for|of)\s+[^\W\d_][\w'’ .-]{1,40}\?*\s*", text, re.I
    ):
        if known_contact or ex.person_ref(text, m):
            return "get_contact"  # "email for jean-luc?": a detail of one record
    if (
        label in ("explain_score", "score_lead")
        and "search_contacts" in known
        and re.match(r"^\W*(?:pls\s+|please\s+)?(?:list|show|find|pull|give me)\b", text, re.I)
        and _PEOPLE.search(text)
    ):
        return "search_contacts"  # "List the customers at X, highest score first": people, sorted
    if (
        label not in writes
        and "update_contact" in known
        and re.match(r"^\W*(?:follow[- ]?up|f/?u)\s+(?:with|w/?)\s+", text, re.I)
        and known_contact
        and ctx.dates(text)
        and not text.rstrip().endswith("?")
    ):
        return "update_contact"  # "f/u with diego alvarez 12/3, they said circle back after their budget cycle"
    if (
        label not in writes
        and "update_contact" in known
        and _FIELD_OF.match(text)
        and (known_contact or ex.person_ref(text, m))
        and A.changes(text, ctx)
    ):
        return "update_contact"  # "lead source for Ahmed El-Amin should be trade-show not cold-call, he …"
    if (
        label not in writes
        and "update_contact" in known
        and re.search(r"\b(?:swap|switch|replace)\b", text, re.I)
        and (known_contact or ex.person_ref(text, m))
    ):
        swapped = A.changes(text, ctx)
        if swapped.get("tags_add") and swapped.get("tags_remove"):
            return "update_contact"  # "swap klaviyo for shopify-plus on Jess Whittaker": one tag for another
    if (
        label not in writes
        and "update_contact" in known
        and _TAKE_OVER.search(text)
        and m.user_names
        and ex.new_owner_of(text, m)
    ):
        return "bulk_update_contacts" if plural and "bulk_update_contacts" in known else "update_contact"
    if label == "delete_contacts" and _NO_DELETE.search(text):
        # "Don't delete X, just disqualify him": the delete is what not to do
        label = next_best({"delete_contacts", "bulk_update_contacts"})
        if _states(text, ctx) and "update_contact" in known:
            return "update_contact"
    if label == "delete_contacts":
        removes_tag = (
            re.search(
                r"\b(?:remove|delete|drop|take off|strip|take)\s+(?:the\s+)?(?:['\"]?[\w-]+['\"]?\s+)?tag\b|\buntag\b",
                text,
                re.I,
            )
            or (
                # "customers that still have the seo-audit tag, remove it": "it" is the tag said just before
                re.search(
                    r"\btag\b[^.;!?]{0,15}[,;.]\s*(?:and\s+)?(?:pls\s+|please\s+)?(?:remove|delete|drop)\s+it\b",
                    text,
                    re.I,
                )
            )
            or _from_a_tag(text, m.vocab.tags)
        )
        if re.search(r"\bconsent\b|\bopt(?:ed)?[- ]?(?:in|out)\b|unsubscrib", text, re.I) and "update_contact" in known:
            plural = _QUANTIFIER.search(text) or _PEOPLE.search(text)
            return "bulk_update_contacts" if plural and "bulk_update_contacts" in known else "update_contact"
        if removes_tag and "bulk_update_contacts" in known:
            # removing a tag from people is an update, never a delete
            quantified = re.search(
                r"\b(all|every|everyone|each|contacts|leads|people)\b", text, re.I
            ) or _PEOPLE.search(text)
            return "bulk_update_contacts" if quantified else "update_contact"
        if not _DELETE_VERB.search(text) or re.search(
            r"\b(?:drop|move|knock|bump|put)\s+(?:\w+\s+){0,2}(?:back\s+)?(?:down\s+)?to\b", text, re.I
        ):
            # never delete without a delete verb; "drop him back to lead" is a stage change: the rules below decide
            label = next_best({"delete_contacts"})
            if (
                label == "bulk_update_contacts"
                and "update_contact" in known
                and re.search(r"\b(?:him|her)\b", text, re.I)
                and not (_QUANTIFIER.search(text) or _PEOPLE.search(text))
            ):
                label = "update_contact"  # "Jignesh bhai ne mana kar diya. … mark him disqualified": one person
            told = A.selector_then_change(text)
            if (
                label not in writes_all
                and "bulk_update_contacts" in known
                and told
                and (_QUANTIFIER.search(told[0]) or _PEOPLE.search(told[0]))
                and A.changes(told[1], ctx)
            ):
                label = "bulk_update_contacts"  # "All contacts from X are dead, …. Mark them churned"
    if (
        label in ("log_activity", "get_contact", "get_timeline", "search_contacts", "draft_campaign")
        and "update_contact" in known
        and known_contact
        and (ex.phones_in(text) or ex.emails_in(text))
        and re.search(r"\b(?:fix|update|change|correct|replace|right|new|wrong|old|swap|bounced|now)\b", text, re.I)
    ):
        return "update_contact"  # "…the mobile we have is his old one. The right number is +44 …, can you fix it?"
    if (
        "log_activity" in known
        and label != "log_activity"
        and re.match(
            r"^\W*(?:(?:pls|please|can you|could you)\s+)?log (?:a|an|the|my)?\s*"
            r"(?:call|meeting|email|note|showing|visit)\b",
            text,
            re.I,
        )
    ):
        return "log_activity"  # "Log a call with Maria Santos and …"
    if (
        label == "log_activity"
        and (re.search(r"\?(?:\s|$)", text) or _QUESTION.match(text))
        and not re.search(
            # "log the call I just had with him? Talked ~20 min, …": the ask, with a question mark typed after it
            r"\b(?:can|could|would|will) you\b.*\blog\b|\blog (?:it|that|this)\b|"
            r"^\W*(?:(?:pls|please|and|also)\s+)?log\b",
            text,
            re.I,
        )
    ):
        # "what did X say?" asks about the record; a question never logs anything (the rules below still apply
        # to the question: "Where are we with X?" is the record, not its timeline)
        label = next_best(
            {"log_activity", "update_contact", "bulk_update_contacts", "create_contact", "delete_contacts"}
        )
    if (
        label == "bulk_update_contacts"
        and "search_contacts" in known
        and (said_state := _SAID_STATE.search(text))
        and ctx.matcher.stage(said_state.group("s"), cutoff=92)
        and (_QUANTIFIER.search(text) or _PEOPLE.search(text))
        and not re.search(
            r"\b(?:move|set|mark|make|change|assign|reassign|tag|untag|put|give|hand|update|delete|remove|bump|push|"
            r"switch|turn|convert|upgrade|downgrade|churn|disqualify|dq)\b|->|→|:",
            text,
            re.I,
        )
    ):
        return "search_contacts"  # "all contacts at Tandem Health that are still lead": who is in a state, not a change
    if (
        label in ("bulk_update_contacts", "update_contact", "delete_contacts")
        and "search_contacts" in known
        and re.match(r"\W*how many\b", text, re.I)
        and not re.search(r"[.;!]\s+\S|,\s*(?:and\s+)?(?:then\s+)?(?:move|set|mark|assign|delete|tag|change)\b", text)
    ):
        return "search_contacts"  # "how many sqls has Joris": a count changes nothing
    if (
        label in ("update_contact", "bulk_update_contacts")
        and "get_contact" in known
        and re.match(r"\W*(?:(?:can|could) you\s+)?(?:check|see|confirm|verify)\s+(?:if|whether)\b", text, re.I)
        and text.rstrip().endswith("?")
    ):
        return "get_contact"  # "Can you check if X is already customer?": a question about the record
    if (
        label == "create_task"
        and "list_tasks" in known
        and re.match(r"\W*(?:(?:all|my|open|overdue|the)\s+)*tasks\b(?!\s+(?:to|for me to)\b)", text, re.I)
    ):
        return "list_tasks"  # "tasks of Joris with a due date before 1-12": a list, not a new task
    # "DQ Zofia Murphy, no budget": a known contact and a status is a stage change, whatever the classifier guessed
    # (unless the request speaks of scores, deals, tasks or many people)
    not_states = {"bulk_update_contacts", "delete_contacts", "create_task", "list_tasks", "top_leads"}  # fmt: skip
    deal_word = re.search(r"\b(deals?|opps?|opportunit\w*|pipeline|proposal|amount|\$|€|£)", text, re.I)
    states = (
        label not in not_states
        and not (label in ("move_deal_stage", "create_deal", "update_deal", "list_deals") and deal_word)
        and not (label == "search_contacts" and _QUANTIFIER.search(text))
        and not re.search(r"\b(scor\w*|rank\w*|rate|rating|deals?|tasks?|remind\w*)\b", text, re.I)
        and _states(text, ctx)
    ) or (
        label == "list_deals"
        and not re.search(r"\b(deals?|opps?|opportunit\w*|pipeline)\b", text, re.I)
        and _states(text, ctx)
    )
    if states and "update_contact" in known:
        return "update_contact"  # "Rohan Kim closed — customer", "X became an opportunity after the call"
    if (
        label == "create_contact"
        and "update_contact" in known
        and not re.search(
            r"\b(add|create|sign(?:ed)? up|onboard|register|new (?:contact|lead|customer|client))\b"
            r"|^\W*put (?:in|down)\b",
            text,
            re.I,
        )
        and ctx.matcher.vocab.contacts
        # (who referred a new person is not the one changed: "… / referral from Kees van 't Zand / sql")
        and (unreferred := ex.REFERRER.sub(" ", text))
        and (
            ctx.matcher.find_in(unreferred, ctx.matcher.vocab.contacts, cutoff=92)
            or ex.first_name_ref(unreferred, ctx.matcher)  # "Macca's new email is …"
        )
        and A.changes(text, ctx)
    ):
        return "update_contact"  # someone already in the CRM, with no word asking to add them: a change
    dated = [d for d in ctx.dates(text) if d.text not in ("today", "tonight")]
    if (
        label in ("update_contact", "bulk_update_contacts")
        and not _CHANGE_HINT.search(text)
        and not mentions_consent(text)
        and not _stage_after_name(text, ctx.matcher)
        and not _closing_stage(text, ctx.matcher)
        and not (dated and A._FOLLOW.search(text))
        and not ((ex.phones_in(text) or ex.emails_in(text)) and re.search(r"\bnew\b", text, re.I))
    ):
        # no word saying what to change ("mqls from the webinar"): it is a question, not an update
        if (
            "search_contacts" in known
            and (text.rstrip().endswith("?") or _QUESTION.match(text))
            and (_PEOPLE.search(text) or _QUANTIFIER.search(text))
        ):
            return "search_contacts"  # "which of Gareth's lot came in off the podcast"
        return next_best({"update_contact", "bulk_update_contacts", "delete_contacts", "create_contact"})
    if (
        label == "update_contact"
        and "bulk_update_contacts" in known
        and not (known_contact and not _QUANTIFIER.search(text))
        and not one_person
    ):
        selector = A.split_change(text, ctx.matcher)[0]
        if _QUANTIFIER.search(selector) or (_PLURAL.search(selector) and ex.person_ref(selector, ctx.matcher) is None):
            return "bulk_update_contacts"  # "Dana's leads go to Marcus", "all webinar contacts → mql"
    if label == "recommend_follow_ups" and "search_contacts" in known and dated:
        return "search_contacts"  # a dated follow-up question is a search on next_follow_up
    taskish = re.search(r"\b(tasks?|to-?dos?|remind|reminders?)\b", text, re.I)
    follow_words = re.search(r"follow|call back|callback|check.?in|touch|reach out", text, re.I)
    if (
        label == "log_activity"
        and "update_contact" in known
        and known_contact
        and not _LOG_WORDS.search(text)
        and any(d.start > ctx.today for d in dated)
        and A._FOLLOW.search(text)
        and A.changes(text, ctx).get("next_follow_up")
    ):
        return "update_contact"  # "X needs a bell on friday, can you set that": a coming date is a follow-up
    if label in ("create_task", "get_contact", "list_tasks") and follow_words and not taskish:
        # Follow-up dates live on the contact (next_follow_up); tasks are asked for as task/to-do/reminder.
        question = text.rstrip().endswith("?") or _QUESTION.match(text)
        if dated and question and "search_contacts" in known:
            return "search_contacts"
        if dated and not question and "update_contact" in known and label != "list_tasks":
            return "update_contact"
        if label == "list_tasks" and "search_contacts" in known:
            return "search_contacts"
    if (
        label in ("move_deal_stage", "update_deal")
        and "update_contact" in known
        and known_contact
        and (
            not re.search(r"\b(deals?|opps?|opportunit\w*|pipeline|proposal|contract value|amount)\b", text, re.I)
            or re.search(r"\b(?:to|as|now|make (?:him|her|them))\s+(?:an?\s+)?(?:customer|client)\b", text, re.I)
            or _contact_stage_target(text, m)
        )
        and (
            not (m.vocab.companies and m.find_in(text, m.vocab.companies, cutoff=90)) or _contact_stage_target(text, m)
        )
        and not given_deal_name(text)
    ):
        return "update_contact"  # "mark jose ramirez as closed won", "signed the support deal, closed won -> customer"
    if (
        label in ("move_deal_stage", "update_deal")
        and "bulk_update_contacts" in known
        and re.search(
            r"\b(?:every\s+contact|all\s+(?:the\s+|our\s+|of\s+our\s+)?contacts|everyone|everybody)\b", text, re.I
        )
        and not re.search(r"\bdeals?\b", text, re.I)
        and any(m.stage(w, cutoff=92) for w in re.findall(r"\b(?:to|as|into)\s+(?:an?\s+)?([\w-]+)", text, re.I))
    ):
        # "now that they are reviewing the proposal, move every contact we have at X to opportunity": the contacts,
        # said so, whatever the story says about a proposal
        return "bulk_update_contacts"
    if (
        label in ("move_deal_stage", "update_deal")
        and "bulk_update_contacts" in known
        and _QUANTIFIER.search(text)
        and not re.search(r"\b(deals?|opps?|opportunit\w*|pipeline|proposal|amount)\b", text, re.I)
        and (_contact_stage_target(text, m) or re.search(r"\b(?:churn|disqualify|dq)\b", text, re.I))
    ):
        return "bulk_update_contacts"  # "churn everyone at Rhône Mécanique": people, not deals
    if label == "complete_task" and not re.search(
        r"\b(tasks?|to-?dos?|done|complete[d]?|finished|tick(?:ed)? off|check(?:ed)? off|reminders?)\b", text, re.I
    ):
        return next_best({"complete_task"})  # "take the do-not-call tag off …" completes no task
    if (
        label == "get_timeline"
        and "get_contact" in known
        and re.search(
            r"\b(?:owner|owns|still with|take (?:him|her|them) over|took (?:him|her|them) over|handl\w*|rep)\b",
            text,
            re.I,
        )
        and not re.search(r"\b(?:timeline|history|activit\w*|happened|last (?:call|email|meeting|touch))\b", text, re.I)
    ):
        return "get_contact"  # "is Pedro Alves still with Rafael or did somebody else take him over?"
    if (
        label == "get_timeline"
        and "get_contact" in known
        and A._FOLLOW.search(text)
        and re.search(r"\b(next|upcoming|when)\b", text, re.I)
    ):
        return "get_contact"  # "when's our next touchpoint with X": the follow-up date on the record
    if (
        label in ("recommend_follow_ups", "search_contacts")
        and "get_contact" in known
        and re.search(r"\bwhen(?:['’]?s|\s+is|\s+was)?\b", text, re.I)
        and re.search(
            r"\b(?:follow[- ]?up|f/?u|callback|call back)\s+(?:with|for)\s+"
            r"(?!(?:me|us|them|my|our|the|all|every\w*|any\w*|today|tomorrow|this|next)\b)[^\W\d_]",
            text,
            re.I,
        )
    ):
        return "get_contact"  # "whens my follow up w dev": one person's follow-up date, not whom to follow up
    if (
        label == "get_timeline"
        and "get_contact" in known
        and re.search(r"\bwhere are we(?: at)? (?:with|on)\b", text, re.I)
    ):
        return "get_contact"  # "Where are we with Fatima?": the record's stage, owner and next step
    if (
        label in ("search_companies", "get_company")
        and "search_contacts" in known
        and re.search(
            # "whos at Great Lakes Realty again", "do we have anyone from Azure Crest in the system?"
            r"^\W*(?:(?:do|have)\s+we\s+(?:have|got)\s+)?(?:who(?:['’]?s)?|anyone|anybody|people|folks)\b.*\b(?:at|from|in)\b",
            text,
            re.I,
        )
        and not re.search(
            r"\b(own|owns|owner|handl\w*|manag\w*|responsible|in charge)\b|\bwho(?:['’]s| is) on (?:it|them)\b",
            text,
            re.I,
        )
    ):
        return "search_contacts"  # "who do we have at Highland Cloud" lists the people there
    if label in ("search_companies", "get_company") and "search_contacts" in known and _PEOPLE.search(text):
        co_name = m.find_in(text, m.vocab.companies, cutoff=90) if m.vocab.companies else None
        rest = re.sub(re.escape(co_name), " ", text, flags=re.I) if co_name else text  # "Riverside Title Company"
        if not re.search(r"\b(compan(?:y|ies)|accounts?|business(?:es)?|industry|employees)\b", rest, re.I):
            return "search_contacts"  # "Hana's customers", "contacts at Bluebird Florist" are people
    if label == "get_contact" and "search_contacts" in known and _PLURAL.search(text):
        return "search_contacts"  # "show the customers at X" lists people
    if (
        label == "list_deals"
        and "search_contacts" in known
        and re.search(r"\b(?:opportunities|opps)\b", text, re.I)
        and not re.search(
            r"\b(?:deals?|pipeline|amounts?|values?|worth|clos\w*|revenue|won|lost|forecast)\b|[$€£₹₦]", text, re.I
        )
    ):
        return "search_contacts"  # "show me all opportunities with Rohit": people at the stage (no deal words)
    if label == "segment_audience" and not _SEGMENT_WORD.search(text):
        return next_best({"segment_audience", "create_segment", "list_segments"})
    if label in ("get_contact", "get_timeline") and "get_company" in known:
        companies = ctx.matcher.vocab.companies
        who = ex.person_ref(text, ctx.matcher)
        company = ctx.matcher.find_in(text, companies, cutoff=90) if companies else None
        if company and (who is None or ex._fold(who) == ex._fold(company)):
            return "get_company"
        if (
            who is None
            and re.search(r"\b(account|company|business)\b", text, re.I)
            and ex.company_ref(text, ctx.matcher, deal=True)
        ):
            return "get_company"
    return label


# Stage words that also name people in general ("a call with a client") and so do not state a status alone.
_GENERIC_STAGE_WORDS = {"lead", "leads", "client", "clients", "prospect", "prospects", "customers", "new lead"}
_STATUS_WORD = re.compile(
    r"\b(closed|signed|churned|churn|converted|disqualif\w*|not a fit|became|becomes|become|is now|now an?|are now|now|"
    r"cancel+ed|went cold|went dark|ghosted|unsubscribed|won|lost|dq|dq'?d|competitor)\b|"
    r"\s[-—–:]\s|,\s*(?:now\s+)?(?:an?\s+)?\w+\s*$",
    re.I,
)


def _states(text: str, ctx: A.Ctx) -> bool:
    """A known contact and a lifecycle status said without an update verb ("Rohan Kim closed — customer",
    "Laura became an opportunity", "Grace isnt a fit, disqualify"): a status change, not a note or a lookup."""
    if _CREATE.search(text) or text.rstrip().endswith("?") or _QUESTION.match(text):
        return False
    m = ctx.matcher
    # "Jeroen Aalbers / … / referral from Kees van 't Zand / sql": who referred a new person is not the one changed
    told = ex.REFERRER.sub(" ", text)
    if not m.vocab.contacts or not (
        m.find_in(told, m.vocab.contacts, cutoff=92)
        or ex.first_name_ref(told, m)  # "Thandiwe from Mahlangu Foods"
        or alias_ref(told, tuple(m.vocab.contacts))  # "Mrs Kennedy at Mull Island Cruises …"
    ):
        return False
    hits = [
        h
        for h in ex._scan(text, m.stage_names, 88)
        if ex._fold(h[1]) not in _GENERIC_STAGE_WORDS
        # "knock him back down to lead", "is just a lead": a generic word in the place of a new status
        or re.search(r"\b(?:to|as|is|now|just)\s+(?:an?\s+)?$", text[: h[0]], re.I)
    ]
    if hits:
        # "amara nwosu -> mql, she downloaded…": a stage in the place of a new value is a status change
        new_value = any(
            h[0] <= 2
            or re.search(
                r"\b(?:to|as|into|now|just|(?:he|she|they)(?:'s|’s| is| are)(?:\s+just)?|"
                r"(?:should|must|needs? to|has to|ought to) be|belongs? in|"
                r"(?:make|mark|put|set)\s+(?:him|her|them|it)(?:\s+(?:as|down as|to))?)"
                r"\s+(?:an?\s+)?$",
                text[: h[0]],
                re.I,
            )
            for h in hits
        )
        # "… She'd been a client since 2025. churned": the status said last, after the story, is the new one
        return bool(new_value or _STATUS_WORD.search(text) or len(text.split()) <= 8 or _closing_stage(text, m))
    return bool(
        re.search(
            r"\b(disqualif\w*|not a fit|churned|cancel+ed (?:her|his|their) (?:contract|retainer|plan)|closed[- ]won|"
            r"signed (?:the|a|our) (?:contract|deal|agreement|order))\b",
            text,
            re.I,
        )
    )


_REMEMBER = re.compile(
    r"^\W*(?:(?:please|pls|hey|ok|also)[, ]+)*(?:remember|keep in mind|don'?t forget|note|fyi,?|for future reference,?|"
    r"from now on,?|going forward,?|in (?:the )?future,?)\s+(?:that\s+)?(?P<fact>.+)$",
    re.I,
)
_RECALL = re.compile(
    r"\b(?:what did i (?:tell|ask) you|what have i told you|do you remember|what do you remember|"
    r"what(?:'s| is| are) my preferences?|what did i say about|remind me what i (?:said|told you))\b"
    r"(?:\s+(?:to remember\s+)?(?:about\s+)?)?"
    r"(?P<query>.*)$",
    re.I,
)


def _memory_call(text: str, specs: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """remember / recall, when the supervisor has them: only on explicit wording ("remember that I prefer …",
    "from now on …", "what did I tell you about …"). "Remember to call X" is a task, "note for X: …" an activity."""
    if "remember" in specs:
        m = _REMEMBER.match(text)
        if m:
            fact = m.group("fact").strip(" .!")
            lead = text[: m.start("fact")].lower()
            personal = re.match(r"(?:i|i'm|i am|my|we|our|always|never|to always|to never)\b", fact, re.I)
            if not re.match(r"to\b|for\b|on\b|about\b|:", fact, re.I) and (
                personal or re.search(r"remember|keep in mind|forget|from now on|going forward|future", lead)
            ):
                return "remember", {"fact": fact[:1].upper() + fact[1:]}
    if "recall" in specs:
        m = _RECALL.search(text)
        if m:
            query = m.group("query").strip(" ?.!") or text
            return "recall", {"query": query}
    return None


def _memory_answer(after: Sequence[BaseMessage], specs: dict[str, dict[str, Any]]) -> AIMessage | None:
    """The supervisor's answer once its own remember/recall call came back."""
    calls = {
        tc["id"]: tc
        for m in after
        if isinstance(m, AIMessage)
        for tc in m.tool_calls
        if tc["name"] in ("remember", "recall") and tc["name"] in specs
    }
    results = [
        (calls[m.tool_call_id], respond.parse_result(m.content))
        for m in after
        if isinstance(m, ToolMessage) and m.tool_call_id in calls
    ]
    if not results:
        return None
    call, result = results[-1]
    if isinstance(result, dict) and result.get("error"):
        return AIMessage(content=respond.error_text(result))
    if call["name"] == "remember":
        fact = (result.get("fact") if isinstance(result, dict) else None) or call["args"].get("fact", "")
        return AIMessage(content=f"Got it — I'll remember: {fact}")
    memories = result.get("memories") if isinstance(result, dict) else None
    if not memories:
        return AIMessage(content="I don't have anything remembered about that yet.")
    lines = [f"- {m.get('fact')}" for m in memories[:5] if isinstance(m, dict) and m.get("fact")]
    return AIMessage(content="Here's what you asked me to remember:\n" + "\n".join(lines))


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)


def _last_human_index(messages: Sequence[BaseMessage]) -> int | None:
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            return i
    return None


def _task_text(messages: Sequence[BaseMessage], h: int) -> str:
    """The specialist's job: the supervisor's handoff task when there is one after the last human turn."""
    for m in reversed(messages[h + 1 :]):
        if isinstance(m, AIMessage):
            for tc in m.tool_calls:
                if tc["name"].startswith(HANDOFF_PREFIX) and tc["args"].get("task"):
                    return str(tc["args"]["task"])
    return _text(messages[h])


def _pending(messages: Sequence[BaseMessage], h: int) -> dict[str, Any] | None:
    """The open question of our previous answer, if the message just before this human turn asked one."""
    for m in reversed(messages[:h]):
        if isinstance(m, AIMessage):
            if m.tool_calls:
                return None
            p = m.additional_kwargs.get(PENDING_KEY)
            if p:
                return dict(p)
            continue  # the supervisor may repeat the specialist's question after it
        if isinstance(m, HumanMessage):
            return None
    return None


def _results(after: Sequence[BaseMessage], specs: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any], Any]]:
    calls = {tc["id"]: tc for m in after if isinstance(m, AIMessage) for tc in m.tool_calls}
    out = []
    for m in after:
        if isinstance(m, ToolMessage) and m.tool_call_id in calls and calls[m.tool_call_id]["name"] in specs:
            tc = calls[m.tool_call_id]
            out.append((tc["name"], tc["args"], respond.parse_result(m.content)))
    return out


def _has_param(spec: dict[str, Any], name: str) -> bool:
    return name in ((spec.get("parameters") or {}).get("properties") or {})


def _call(name: str, args: dict[str, Any], text: str, step: int) -> AIMessage:
    # Deterministic ids: the same conversation always produces the same message.
    digest = hashlib.sha1(
        f"{text}\x00{step}\x00{name}\x00{json.dumps(args, sort_keys=True, default=str)}".encode()
    ).hexdigest()
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": f"call_{digest[:16]}", "type": "tool_call"}]
    )


def _calls(calls: list[tuple[str, dict[str, Any]]], text: str) -> AIMessage:
    """One message with several tool calls (the same action on each listed record)."""
    msgs = [_call(name, args, text, i) for i, (name, args) in enumerate(calls)]
    return AIMessage(content="", tool_calls=[tc for m in msgs for tc in m.tool_calls])


def _ask(question: str, pending: dict[str, Any]) -> AIMessage:
    return AIMessage(content=question, additional_kwargs={PENDING_KEY: json.loads(json.dumps(pending, default=str))})


_QUESTIONS = {
    "name": "What's the new contact's name (or email)?",
    "contact": "Which contact do you mean? Give me a name or an email.",
    "changes": "What should I change — for example the stage, owner, follow-up date or phone?",
    "company": "Which company?",
    "deal": "Which deal? Tell me the company or the deal name.",
    "stage": "Which stage should the deal move to?",
    "deal name": "What should I call the deal (or which company is it for)?",
    "contacts to merge": "Which two contacts should I merge? Name the one to keep first.",
}


def _question(step: Step) -> str:
    return _QUESTIONS.get(step.missing or "", f"I need the {step.missing} to do that — what is it?")


def _chatter_reply(text: str) -> str:
    low = text.lower().strip(" !.?")
    if re.fullmatch(r"(thanks|thank you|thx|cheers|ty|great,? thanks|ok thanks|thanks a lot)( so much)?", low):
        return respond.THANKS
    if re.fullmatch(
        r"(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|morning|hey there|hi there|hello there)( leadloom)?",
        low,
    ) or re.search(
        r"\b(help|what can you do|how (does this|do you) work|get started|what (kinds of )?(things|commands))\b", low
    ):
        return respond.GREETING
    if re.fullmatch(r"(ok|okay|cool|bye|see you|goodbye|later|k)", low):
        return "Okay! Just tell me what you need in the CRM."
    return respond.DECLINE


def _pick_candidate(answer: str, cands: list[Any]) -> Any:
    from rapidfuzz import fuzz

    m = re.search(r"\b(\d)\b", answer)
    low = answer.lower()
    ordinals = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": len(cands)}
    for word, n in ordinals.items():
        if re.search(rf"\b{word}\b", low):
            return cands[n - 1] if 0 < n <= len(cands) else None
    if m and 0 < int(m.group(1)) <= len(cands):
        return cands[int(m.group(1)) - 1]
    scored = []
    for c in cands:
        values = [
            str(v) for v in (c.values() if isinstance(c, dict) else [c]) if isinstance(v, str) and len(str(v)) >= 3
        ]
        # the answer names some value of the candidate ("the one at Globex", "Alex Kim", "kim@…")
        scored.append((max((fuzz.partial_ratio(v.lower(), low) for v in values), default=0.0), c))
    scored.sort(key=lambda x: -x[0])
    if scored and scored[0][0] >= 80 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


__all__ = ["PENDING_KEY", "LocalChatModel"]
