"""Evaluates the local model on the dev set (devset.jsonl) and writes the "## Local model" section of EVALS.md.

    python -m leadloom.agents.local.evaluate [--no-write] [--show-failures]

Each dev item runs the way the graph runs it: the supervisor (bound to ``transfer_to_*``) routes it, the
chosen specialist (bound to the docs/agent-tools.md tools) gets the handoff's task and emits its call;
multi-step items are fed a fake search result and must chain the next call. Metrics:

- routing: the first handoff names the expected specialist (CRM items);
- tool + arguments: every expected call has the right name and the expected key arguments. ``filters``/
  ``changes`` and search filters must match exactly (no extra selector keys besides sort/limit); for
  other tools extra arguments are allowed (free text such as subjects is not compared);
- out of scope: chatter items get no tool call at all (supervisor and specialist level).

The dev set is written separately from the training corpus (other names, companies, wording) and against
its own vocabulary below, with "today" fixed at 2026-03-11 so relative dates have one right answer.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from leadloom.agents.local import rx as re
from leadloom.agents.local.contract import specialist_specs, supervisor_specs
from leadloom.agents.local.intents import SPECIALIST_OF
from leadloom.agents.local.model import LocalChatModel
from leadloom.crm import normalize

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset.jsonl"
TODAY = date(2026, 3, 11)
DEV_VOCAB: dict[str, Any] = {
    "users": [
        {"name": "Dana Whitfield", "email": "dana@brightpath.co"},
        {"name": "Marcus Oyelaran", "email": "marcus@brightpath.co"},
        {"name": "Ines Carvalho", "email": "ines@brightpath.co"},
        {"name": "Ravi Menon", "email": "ravi@brightpath.co"},
    ],
    "tags": ["vip", "spring-expo", "newsletter", "wholesale", "at-risk", "test"],
    "lead_sources": ["webinar", "referral", "partner", "google ads", "podcast"],
    "companies": ["Harbor Fitness", "Lumen Dental", "Copperleaf Cafe", "Northgate Realty", "Quinlan Media",
                  "Tidewater Yoga"],
    "contacts": ["Rebecca Holt", "Samir Haddad", "Alex Chen", "Alex Moreno", "Jonah Price", "Elena Varga",
                 "Priscilla Tan", "Derek Olsen", "Hugo Laurent", "Mina Park"],
}  # fmt: skip
BLINDSET = HERE / "blindset.jsonl"
# Recorded by hand from the blind set's first evaluation (commit ef8f48c), before anything was changed after it.
FIRST_BLIND_RUN = "routing 94.2 % (52 CRM requests), tool + arguments 73.1 % (52), chatter declined 95.0 % (20)"
BLIND_TODAY = date(2026, 6, 17)
BLIND_VOCAB: dict[str, Any] = {
    "users": [
        {"name": "Kofi Mensah", "email": "kofi@tallgrass.studio"},
        {"name": "Lucia Ferri", "email": "lucia@tallgrass.studio"},
        {"name": "Hana Sato", "email": "hana@tallgrass.studio"},
    ],
    "tags": ["gold", "trade-fair", "renewal"],
    "lead_sources": ["instagram", "referral", "yelp"],
    "companies": ["Pinecrest Vet Clinic", "Oakline Roofing", "Bluebird Florist", "Vertex Law Group"],
    "contacts": ["Gemma Ruiz", "Tariq Aziz", "Nora Blake", "Felipe Costa", "Ursula Kane", "Dev Malhotra"],
}
BLINDSET2 = HERE / "blindset2.jsonl"
# Recorded from blind set 2's first evaluation, before any change made after seeing it.
FIRST_BLIND2_RUN = "routing 93.0 % (100 CRM requests), tool + arguments 57.0 % (100), chatter declined 100.0 % (20)"
BLIND2_TODAY = date(2026, 11, 26)
BLINDSET3 = HERE / "blindset3.jsonl"
# Recorded from blind set 3's first evaluation, before any change made after it (its misses were not read).
FIRST_BLIND3_RUN = "routing 98.8 % (80 CRM requests), tool + arguments 76.2 % (80), chatter declined 80.0 % (10)"
BLIND3_TODAY = date(2027, 2, 10)
# Blind sets 4-8 each come with an organization of their own (users, contacts, companies, tags, sources) and
# their own "today", in blindset<N>_vocab.json; each was written after the previous one's fixes by someone who
# read neither the corpus nor the code. Their first runs, recorded before any change made after seeing them:
FIRST_BLIND4_RUN = "routing 99.0 % (100 CRM requests), tool + arguments 65.0 % (100), chatter declined 100.0 % (30)"
FIRST_BLIND5_RUN = "routing 100.0 % (111 CRM requests), tool + arguments 73.9 % (111), chatter declined 83.3 % (30)"
FIRST_BLIND6_RUN = "routing 98.2 % (112 CRM requests), tool + arguments 62.5 % (112), chatter declined 93.3 % (30)"
FIRST_BLIND7_RUN = "routing 100.0 % (100 CRM requests), tool + arguments 72.0 % (100), chatter declined 100.0 % (30)"
FIRST_BLIND8_RUN = "routing 99.0 % (102 CRM requests), tool + arguments 72.5 % (102), chatter declined 93.3 % (30)"
FIRST_BLIND9_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 80.0 % (120), chatter declined 100.0 % (30)"
FIRST_BLIND10_RUN = "routing 100.0 % (114 CRM requests), tool + arguments 77.2 % (114), chatter declined 86.7 % (30)"
# (commits 482cac7, e2af458, 2bac2cb, 2bac2cb, 830ba85, 08b6d64, 4117132: a solar installer, a wedding venue, an
# IT managed-services provider, physio clinics, a real-estate agency, a digital marketing agency, an ERP reseller)
FIRST_BLIND11_RUN = "routing 96.6 % (119 CRM requests), tool + arguments 54.6 % (119), chatter declined 90.0 % (30)"
FIRST_BLIND12_RUN = "routing 98.3 % (119 CRM requests), tool + arguments 56.3 % (119), chatter declined 90.0 % (30)"
FIRST_BLIND13_RUN = "routing 98.3 % (119 CRM requests), tool + arguments 68.9 % (119), chatter declined 83.3 % (30)"
# Set 13 was kept unread while sets 11 and 12 were worked on, then run once at the end of that round: 68.9 %.
# The code from before the round (commit e0acd5f) scores 59.7 % on it (chatter 80.0 %), so the round's general
# fixes carried +9.2 points to requests nobody had read.
BLIND13_BEFORE_ROUND = "tool + arguments 59.7 %, chatter declined 80.0 % (code of commit e0acd5f)"
# Set 14 was written during the second half of the round (a Phoenix landscaping firm: Slack-style @mentions,
# crew leads switching between English and Spanish) and run once after all of it: 42.5 %. Spanish phrasing
# ("ya es cliente", "el lunes") is outside what the rules read. The code from before the round scores 37.5 %.
FIRST_BLIND14_RUN = "routing 91.7 % (120 CRM requests), tool + arguments 42.5 % (120), chatter declined 100.0 % (29)"
BLIND14_BEFORE_ROUND = "tool + arguments 37.5 %, chatter declined 96.6 % (code of commit e0acd5f)"
# (set 11: a recruitment agency, recruiters typing on phones; set 12: a coffee roaster's field reps, half of it
# speech-to-text dictation; both written 2026-11-26)
# Sets 15-17 were written 2026-11-26 by three helpers who saw only docs/agent-tools.md; 15 and 16 were run once
# on commit eabf6f2 before any of their lines was read; 17 is kept unread until the end of the round.
FIRST_BLIND15_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 72.5 % (120), chatter declined 82.8 % (29)"
FIRST_BLIND16_RUN = "routing 98.3 % (121 CRM requests), tool + arguments 62.0 % (121), chatter declined 89.7 % (29)"
FIRST_BLIND17_RUN = "routing 93.3 % (120 CRM requests), tool + arguments 56.7 % (120), chatter declined 93.3 % (30)"
# Set 17 was kept unread while sets 15 and 16 were worked on, then run once at the end of the round (commit
# 587a6dd): 56.7 %. The code from before the round (commit 7f2137a) scores 55.0 % on it (chatter 83.3 %): the
# round's fixes for a British and an Indian writer carried only +1.7 points to an Ohio agency's writers.
BLIND17_BEFORE_ROUND = "tool + arguments 55.0 %, chatter declined 83.3 % (code of commit 7f2137a)"
# Sets 18-20 were written 2026-11-26 (third round) by three helpers who saw only docs/agent-tools.md, each with
# the organization's country in its vocabulary (AU, US, DE: day-first, month-first and dotted dates); all three
# were run once on commit 1d6821d before any line was read. Set 20 is kept unread until the end of the round.
FIRST_BLIND18_RUN = "routing 96.6 % (117 CRM requests), tool + arguments 65.8 % (117), chatter declined 90.0 % (30)"
FIRST_BLIND19_RUN = "routing 94.8 % (116 CRM requests), tool + arguments 62.9 % (116), chatter declined 90.0 % (30)"
FIRST_BLIND20_RUN = "routing 98.3 % (119 CRM requests), tool + arguments 59.7 % (119), chatter declined 93.3 % (30)"
# Set 20 stayed unread while sets 18 and 19 were worked on (its writer's report quoted about eight of its lines,
# and three were run once in a probe of the self-correction rule; none was changed for), then was run again
# at the end of the round (commit 8f2acbc): the round's general fixes carried +5.0 points to it.
BLIND20_END_OF_ROUND = "tool + arguments 64.7 %, chatter declined 93.3 % (code of commit 8f2acbc)"
# Sets 21-23 were written 2026-11-26 (fourth round) by three helpers who saw only docs/agent-tools.md: a Singapore
# agency (Singlish, family-name-first names), a bilingual Montreal/Toronto firm (French and franglais) and a
# Manchester e-commerce agency; all three were run once on commit 6d7cbea before any line was read. Set 23 is
# kept unread until the end of the round (its writer's report quoted about ten of its lines; none was worked on).
FIRST_BLIND21_RUN = "routing 98.3 % (120 CRM requests), tool + arguments 76.7 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND22_RUN = "routing 94.9 % (118 CRM requests), tool + arguments 68.6 % (118), chatter declined 96.7 % (30)"
FIRST_BLIND23_RUN = "routing 99.2 % (122 CRM requests), tool + arguments 75.4 % (122), chatter declined 92.6 % (27)"
# Set 23 stayed unread while sets 21-22 (and the older sets' remaining misses) were worked on, then was run again
# at the end of the round (commit 7baa113): the round's general fixes carried +3.3 points to it.
BLIND23_END_OF_ROUND = "tool + arguments 78.7 %, chatter declined 96.3 % (code of commit 7baa113)"
# Sets 24-25 were written 2026-11-27 (fifth round) by two helpers who saw only docs/agent-tools.md and were asked
# not to quote any line in their reports: a Bengaluru performance-marketing agency (Indian English, Hinglish,
# lakh/crore) and a San Antonio lead-generation firm (terse phone typing, Tex-Mex Spanish). Both were run once on
# commit 71f12bf before any line was read, and both stayed unread while set 23 and the older sets' misses were
# worked on (one line of set 24 was seen by accident in a search of all sets, and nothing was changed for it).
FIRST_BLIND24_RUN = "routing 97.5 % (119 CRM requests), tool + arguments 79.0 % (119), chatter declined 93.3 % (30)"
FIRST_BLIND25_RUN = "routing 97.5 % (119 CRM requests), tool + arguments 68.9 % (119), chatter declined 93.1 % (29)"
# Run again at the end of the round (commit 468b8c6): the round's general fixes carried +2.5 points to each.
BLIND24_END_OF_ROUND = "tool + arguments 81.5 %, chatter declined 93.3 % (code of commit 468b8c6)"
BLIND25_END_OF_ROUND = "tool + arguments 71.4 %, chatter declined 93.1 % (code of commit 468b8c6)"
# Sets 26-27 were written 2026-11-27 (sixth round) by two helpers who saw only docs/agent-tools.md and were asked
# not to quote any line in their reports: a Lagos digital agency (Nigerian English, Pidgin, naira) and an Amsterdam
# e-commerce agency (Dutch English, Dutch words and sentences, euro amounts with comma decimals). Both were run
# once on commit 9b15e4e before any line was read; both stay unread while sets 24-25 are worked on.
FIRST_BLIND26_RUN = "routing 100.0 % (119 CRM requests), tool + arguments 79.8 % (119), chatter declined 86.2 % (29)"
FIRST_BLIND27_RUN = "routing 99.2 % (121 CRM requests), tool + arguments 64.5 % (121), chatter declined 93.1 % (29)"
# Run again at the end of the round (commit 794034d, and the same figures on 41994dc after a last few fixes from
# older sets): the round's general fixes (read from sets 24-25 and the older sets' misses) carried +1.7 points
# to set 26 and nothing to set 27.
BLIND26_END_OF_ROUND = "tool + arguments 81.5 %, chatter declined 86.2 % (code of commit 41994dc)"
BLIND27_END_OF_ROUND = "tool + arguments 64.5 %, chatter declined 93.1 % (code of commit 41994dc)"
# Sets 28-30 were written 2026-11-27 (seventh round) by three helpers who saw only docs/agent-tools.md and were
# asked not to quote any line in their reports: a Cape Town agency (South African English, some Afrikaans, rand),
# a Manila agency (Filipino English and Taglish, pesos, month-first dates) and a Chicago insurance brokerage's
# marketing team (half voice dictation from brokers driving, spelled-out numbers and dates). All three were run once
# on commit 485e5be before any line was read; they stay unread while sets 26-27 (retired after their end-of-round
# run) are worked on.
FIRST_BLIND28_RUN = "routing 100.0 % (120 CRM requests), tool + arguments 85.0 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND29_RUN = "routing 95.0 % (119 CRM requests), tool + arguments 64.7 % (119), chatter declined 93.3 % (30)"
FIRST_BLIND30_RUN = "routing 98.3 % (121 CRM requests), tool + arguments 72.7 % (121), chatter declined 96.7 % (30)"
# Run again at the end of the round (summary only): the round's general fixes (read from sets 26-27) carried nothing
# to sets 28 and 30, and set 29 lost two items (392b414, and the same on 414210c after one rule was narrowed on
# general grounds). Running set 29 alone (summary only) on the round's commits puts one lost item at a3c01a0
# (honorifics, hyphenated dates, a closing status, writing help) and one at d62aa3a (new-contact forms); its
# lines were not read and nothing was changed for them.
BLIND28_END_OF_ROUND = "tool + arguments 85.0 %, chatter declined 90.0 % (code of commits 414210c and f890455)"
BLIND29_END_OF_ROUND = "tool + arguments 63.0 %, chatter declined 93.3 % (code of commits 414210c and f890455)"
BLIND30_END_OF_ROUND = "tool + arguments 72.7 %, chatter declined 96.7 % (code of commits 414210c and f890455)"
# Sets 31-33 were written 2026-11-27 (eighth round) by three helpers who saw only docs/agent-tools.md and a brief
# of the format, and reported counts only: a Singapore growth-marketing agency (Singapore English and Singlish, some
# Malay and Hokkien, SGD, day-first dates), a Berlin B2B performance agency (German English, German words and
# sentences, Herr/Frau and Dr., dates like 14.11., euro commas) and a San Antonio HVAC and plumbing company (an owner
# typing run-ons, an office manager pasting lists, techs texting with Spanglish, a part-time marketer). All three
# were run once on commit 6c7afff before any line was read; they stay unread while sets 28-30 (retired after their
# end-of-round run) are worked on.
FIRST_BLIND31_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 66.7 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND32_RUN = "routing 70.8 % (120 CRM requests), tool + arguments 24.2 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND33_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 69.2 % (120), chatter declined 93.3 % (30)"
# Run again at the end of the round (752836d, summary only): the round's general fixes (read from sets 28-30:
# misheard names, run-on clauses, forms, letter currencies; the classifier retrained because the corpus's
# misspelt names are now masked too) carried +0.8, +0.8 and -0.8 points: one item each.
BLIND31_END_OF_ROUND = "tool + arguments 67.5 %, chatter declined 86.7 % (code of commit 752836d)"
BLIND32_END_OF_ROUND = "tool + arguments 25.0 %, chatter declined 90.0 % (code of commit 752836d)"
BLIND33_END_OF_ROUND = "tool + arguments 68.3 %, chatter declined 93.3 % (code of commit 752836d)"
# Sets 34-36 were written 2026-11-27 (ninth round) the same way: a Dublin B2B SaaS marketing and sales team (Irish
# English, euro, day-first dates, some dictation), a Nairobi digital agency (Kenyan English with Swahili and Sheng,
# KES, +254 phones) and an Atlanta residential real-estate team (terse American English typed between showings,
# abbreviations, voice-to-text errors). All three were run once on commit 89700d2 before any line was read. The
# outcome test's report of that run was then printed in full by mistake, so sets 34 and 36 have been seen (set 35's
# items were cut from the output and stay unread); sets 37 and 38 were written to take their place.
FIRST_BLIND34_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 68.3 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND35_RUN = "routing 93.3 % (120 CRM requests), tool + arguments 55.8 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND36_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 69.2 % (120), chatter declined 83.3 % (30)"
# Sets 37 and 38 were written the same day, the same way, to replace 34 and 36 as this round's honest measure: the
# marketing and inside-sales team of an Ohio industrial supplier (a formal VP, a young coordinator, plain Midwestern
# English) and an Auckland boutique agency (New Zealand English, some te reo Maori, NZD). Both were run once on
# the code of commit 89700d2 (checked out at f4825af, which adds only sets 34-36) before any line was read.
FIRST_BLIND37_RUN = "routing 97.5 % (121 CRM requests), tool + arguments 65.3 % (121), chatter declined 89.7 % (29)"
FIRST_BLIND38_RUN = "routing 95.0 % (120 CRM requests), tool + arguments 60.8 % (120), chatter declined 93.3 % (30)"
BLIND35_END_OF_ROUND = "tool + arguments 56.7 %, chatter declined 86.7 % (code of commit 7867b96)"
BLIND37_END_OF_ROUND = "tool + arguments 72.7 %, chatter declined 89.7 % (code of commit 7867b96)"
BLIND38_END_OF_ROUND = "tool + arguments 63.3 %, chatter declined 93.3 % (code of commit 7867b96)"
# Round ten's honest measure, written before round ten began by three helpers who saw only docs/agent-tools.md and
# the format brief: an Austin dental and medical-practice marketing agency (chatty account managers, terse SDRs,
# one voice-dictating, Texan turns of phrase), a Manchester events agency (British English and slang, day-first
# dates, a formal director, fast typists, emoji, pasted signatures) and the marketing and sales team of a Toronto
# boutique-fitness chain (Canadian English, some Montreal French, many date styles, a VP in bullet points). All
# three were run once on the model code of commit c76fa4a, with the evaluator of eaef253 (free text not compared;
# the same runs compared the old way: 69.2, 68.3 and 70.0 %), before any line was read.
FIRST_BLIND39_RUN = "routing 98.3 % (120 CRM requests), tool + arguments 74.2 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND40_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 72.5 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND41_RUN = "routing 98.3 % (120 CRM requests), tool + arguments 72.5 % (120), chatter declined 83.3 % (30)"
BLIND39_END_OF_ROUND = "tool + arguments 75.0 %, chatter declined 86.7 % (code of commit 5154f29)"
BLIND40_END_OF_ROUND = "tool + arguments 75.0 %, chatter declined 93.3 % (code of commit 5154f29)"
BLIND41_END_OF_ROUND = "tool + arguments 75.8 %, chatter declined 83.3 % (code of commit 5154f29)"
# Round eleven's honest measure, written before round eleven began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Monterrey B2B agency (Spanglish, Mexican Spanish, terse chat, MXN and
# USD), a Dubai off-plan property agency (Indian, Filipino, Egyptian, Lebanese, British and Russian staff writing
# English, AED) and a Cleveland roofing and siding company (dictation from trucks, a careful office manager, a
# blunt owner). All three were run once on the model code of commit 1b6bf1b before any line was read.
FIRST_BLIND42_RUN = "routing 84.2 % (120 CRM requests), tool + arguments 35.0 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND43_RUN = "routing 100.0 % (120 CRM requests), tool + arguments 80.0 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND44_RUN = "routing 100.0 % (120 CRM requests), tool + arguments 70.8 % (120), chatter declined 83.3 % (30)"
# (set 42 was 35.0 % on b72ce75, the end of the rules read from sets 39-41; a Mexican Spanish lexicon written from
# the language, without reading set 42, then gave d938978 its 37.5 %)
BLIND42_END_OF_ROUND = "tool + arguments 37.5 %, chatter declined 93.3 % (code of commit d938978)"
BLIND43_END_OF_ROUND = "tool + arguments 80.8 %, chatter declined 96.7 % (code of commit d938978)"
BLIND44_END_OF_ROUND = "tool + arguments 71.7 %, chatter declined 86.7 % (code of commit d938978)"
# Round twelve's honest measure, written before round twelve began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Nairobi digital agency (Kenyan English with Swahili and Sheng,
# WhatsApp-style, KES), a Berlin trade-fair agency (German, Polish and Turkish staff writing English with German
# word order, some German, GmbH signatures, day-first dates, EUR) and a Brisbane real-estate photography studio
# (Australian slang, dictation from the car, pasted agents' footers, AUD). All three were run once on the model
# code of commit fdf1f7b before any line was read.
FIRST_BLIND45_RUN = "routing 95.0 % (120 CRM requests), tool + arguments 57.5 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND46_RUN = "routing 91.7 % (120 CRM requests), tool + arguments 60.8 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND47_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 80.8 % (120), chatter declined 96.7 % (30)"
# Round thirteen's honest measure, written before round thirteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Glasgow agency for distilleries and tourism (Scottish English and
# Scots words, pasted client e-mails, dictation, GBP), a São Paulo performance agency (Brazilian Portuguese mixed
# with English jargon, some requests wholly in Portuguese, WhatsApp style, BRL) and a Lahore software house
# (Pakistani English with Roman Urdu, a formal manager, forwarded e-mails, PKR in lakh and crore). All three were
# run once on the model code of commit 1287ba2 (with this round's phone comparison) before any line was read.
FIRST_BLIND48_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 75.0 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND49_RUN = "routing 63.3 % (120 CRM requests), tool + arguments 12.5 % (120), chatter declined 96.7 % (30)"
FIRST_BLIND50_RUN = "routing 89.2 % (120 CRM requests), tool + arguments 43.3 % (120), chatter declined 83.3 % (30)"
# Round fourteen's honest measure, written before round fourteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Montréal event and experiential agency (Québec French and English
# mixed, some requests wholly in French, CAD), a Columbus, Ohio agency for home-services businesses (terse
# American English, pasted web forms and call-tracking summaries, USD) and a Makati digital agency (Taglish,
# Viber style, PHP). All three were run once on the model code of commit 6d3cf40 before any line was read.
FIRST_BLIND51_RUN = "routing 92.5 % (120 CRM requests), tool + arguments 49.2 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND52_RUN = "routing 98.3 % (120 CRM requests), tool + arguments 72.5 % (120), chatter declined 93.3 % (30)"
FIRST_BLIND53_RUN = "routing 87.5 % (120 CRM requests), tool + arguments 46.7 % (120), chatter declined 90.0 % (30)"
# Round fifteen's honest measure, written before round fifteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Manchester agency for gyms and fitness studios (Mancunian English on
# Slack, voice notes, a Polish-born account manager, GBP), a Milan PR agency for fashion and design brands (Italian
# and English mixed, some requests wholly Italian, EUR) and a Toronto agency for dental and physiotherapy clinics
# (Canadian English, forwarded form notifications, dictation, CAD). All three were run once on the model code of
# commit 8a999eb before any line was read.
FIRST_BLIND54_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 77.5 % (120), chatter declined 96.7 % (30)"
FIRST_BLIND55_RUN = "routing 81.8 % (121 CRM requests), tool + arguments 43.0 % (121), chatter declined 82.8 % (29)"
FIRST_BLIND56_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 73.3 % (120), chatter declined 93.3 % (30)"
# Recorded at the end of round fifteen, on the code that round ends with (summary only: the sets stay unread).
BLIND54_END_OF_ROUND = "tool + arguments 77.5 %, chatter declined 96.7 % (code of commit c13f4b3)"
BLIND55_END_OF_ROUND = "tool + arguments 43.0 %, chatter declined 82.8 % (code of commit c13f4b3)"
BLIND56_END_OF_ROUND = "tool + arguments 75.8 %, chatter declined 93.3 % (code of commit c13f4b3)"
# Round sixteen's honest measure, written before round sixteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Denver agency for home-services trades (run-on truck dictation,
# terse lower-case account managers, pasted web forms and call-tracking notices, ops clean-up rules, USD), a
# Sydney agency for hospitality venues (Australian English and slang, clipped and emoji-laden writers, voice
# notes, day-first dates, AUD) and a London recruitment-marketing agency (formal but hurried notes, British Slack
# shorthand, pasted LinkedIn snippets and signatures, Spanish word order, day-first dates, GBP). All three were
# run once on the model code of commit cc73c34 before any line was read.
FIRST_BLIND57_RUN = "routing 96.7 % (120 CRM requests), tool + arguments 76.7 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND58_RUN = "routing 94.2 % (120 CRM requests), tool + arguments 65.0 % (120), chatter declined 96.7 % (30)"
FIRST_BLIND59_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 81.7 % (120), chatter declined 93.3 % (30)"
# Recorded at the end of round sixteen, on the code that round ends with (summary only: the sets stay unread).
BLIND57_END_OF_ROUND = "tool + arguments 77.5 %, chatter declined 90.0 % (code of commit cb06a91)"
BLIND58_END_OF_ROUND = "tool + arguments 65.8 %, chatter declined 96.7 % (code of commit cb06a91)"
BLIND59_END_OF_ROUND = "tool + arguments 82.5 %, chatter declined 93.3 % (code of commit cb06a91)"
# Round seventeen's honest measure, written before round seventeen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Dublin growth agency for B2B SaaS (Irish English, a terse head of
# accounts, pasted exports and LinkedIn messages, dictation on the tram, a few words of Irish, EUR), a Singapore
# agency for property developers (Singlish, pasted WhatsApp and property-portal enquiries, a few Malay words,
# day-first dates, SGD) and a Cape Town agency for wine estates and lodges (South African English, long polite
# e-mails, pasted booking forms, emoji, some requests in Afrikaans, ZAR). All three were run once on the model code
# of commit b9c1aa4 before any line was read.
FIRST_BLIND60_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 65.0 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND61_RUN = "routing 97.5 % (120 CRM requests), tool + arguments 68.3 % (120), chatter declined 80.0 % (30)"
FIRST_BLIND62_RUN = "routing 95.8 % (120 CRM requests), tool + arguments 55.0 % (120), chatter declined 86.7 % (30)"
# Recorded at the end of round seventeen, on the code that round ends with (summary only: the sets stay unread).
BLIND60_END_OF_ROUND = "tool + arguments 67.5 %, chatter declined 86.7 % (code of commit 44991e3)"
BLIND61_END_OF_ROUND = "tool + arguments 67.5 %, chatter declined 83.3 % (code of commit 44991e3)"
BLIND62_END_OF_ROUND = "tool + arguments 55.0 %, chatter declined 90.0 % (code of commit 44991e3)"
# Round eighteen's honest measure, written before round eighteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Nashville agency for music venues, breweries and event spaces (a
# founder's Southern voice notes, a lower-case Gen-Z coordinator, pasted booking forms and Facebook lead exports,
# USD), a Barcelona agency for hotels, language schools and coworking spaces (Spanish and Catalan mixed in, some
# requests fully in Spanish, British and German writers, Spanish form labels, EUR) and a Tokyo agency marketing
# ryokan, sake breweries and tour operators to foreign visitors (non-native English, Japanese dates and yen,
# pasted LINE messages and business cards, Aussie slang, JPY). All three were run once on the model code of
# commit cd43a4c before any line was read.
FIRST_BLIND63_RUN = "routing 96.7 % (120 CRM requests), tool + arguments 55.8 % (120), chatter declined 96.7 % (30)"
FIRST_BLIND64_RUN = "routing 100.0 % (120 CRM requests), tool + arguments 69.2 % (120), chatter declined 86.7 % (30)"
FIRST_BLIND65_RUN = "routing 98.3 % (120 CRM requests), tool + arguments 68.3 % (120), chatter declined 80.0 % (30)"
# Recorded at the end of round eighteen, on the code that round ends with (summary only: the sets stay unread).
BLIND63_END_OF_ROUND = "tool + arguments 57.5 %, chatter declined 96.7 % (code of commit 177cf4c + narrowing)"
BLIND64_END_OF_ROUND = "tool + arguments 70.8 %, chatter declined 86.7 % (code of commit 177cf4c + narrowing)"
BLIND65_END_OF_ROUND = "tool + arguments 68.3 %, chatter declined 80.0 % (code of commit 177cf4c + narrowing)"
# Round nineteen's honest measure, written before round nineteen began by three helpers who saw only
# docs/agent-tools.md and the format brief: a Seoul agency marketing K-beauty brands, clinics and salons abroad (a
# CEO mixing Korean words and whole Korean requests into English, a Korean-American manager's lower-case Slack,
# pasted KakaoTalk messages, Instagram DMs and trade-show badge scans, a British director's e-mails, a Vietnamese
# intern; many shared surnames; KRW and USD), a Warsaw B2B agency for software houses and logistics firms (Polish
# mixed in and some requests fully in Polish, names typed without their diacritics, tram voice notes, pasted Sales
# Navigator and CSV rows, German word order, ticket-like bullet lists; PLN and EUR) and an Atlanta agency for
# roofers, HVAC, plumbing and pest control (an owner's run-on phone messages, a formal office manager, pasted
# Angi / Thumbtack / CallRail lead notices, Spanish mixed in, a bookkeeper's pipeline questions; USD). All three
# were run once on the model code of commit cba0360 before any line was read.
FIRST_BLIND66_RUN = "routing 90.0 % (120 CRM requests), tool + arguments 58.3 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND67_RUN = "routing 90.8 % (120 CRM requests), tool + arguments 50.8 % (120), chatter declined 90.0 % (30)"
FIRST_BLIND68_RUN = "routing 99.2 % (120 CRM requests), tool + arguments 67.5 % (120), chatter declined 86.7 % (30)"
# Recorded at the end of round nineteen, on the code that round ends with (summary only: the sets stay unread).
BLIND66_END_OF_ROUND = "tool + arguments 60.0 %, chatter declined 90.0 % (code of commit 7b65165)"
BLIND67_END_OF_ROUND = "tool + arguments 51.7 %, chatter declined 90.0 % (code of commit 7b65165)"
BLIND68_END_OF_ROUND = "tool + arguments 69.2 %, chatter declined 86.7 % (code of commit 7b65165)"
# Round twenty's honest measure, written at the start of round twenty by three helpers who saw only
# docs/agent-tools.md and the format brief: a Stockholm agency for Nordic direct-to-consumer brands (a founder mixing
# Swedish words and whole Swedish requests into English and typing names without å/ä/ö, a Finland-Swedish developer's
# numbered lists and ISO dates, a British account manager's long polite e-mails, a Danish intern's typos, pasted
# Webflow forms and LinkedIn profiles; SEK, EUR, DKK), a Buenos Aires agency for Mendoza wineries, Patagonia tour
# operators and fintechs (a porteño owner's voseo Spanish, some requests fully in Spanish, day-first dates,
# transcribed WhatsApp voice notes, a US expat's abbreviations, a Brazilian designer's Portuguese, pasted Typeform
# answers and signatures; ARS and USD) and a Denver agency for dental practices, real-estate teams and fitness
# studios (lower-case phone one-liners, pasted Calendly notices, CRM rows and lead-form e-mails, Siri dictation
# with "period" and "comma" left in, a Filipino assistant's formal "kindly", emoji and hashtags; USD). All three
# were run once on the model code of commit 230b1fa (round nineteen's, sets 66-68 retired) before any rule changed.
FIRST_BLIND69_RUN = "routing 94.2 % (120 CRM requests), tool + arguments 49.2 % (120), chatter declined 100.0 % (30)"
FIRST_BLIND70_RUN = "routing 96.7 % (120 CRM requests), tool + arguments 56.7 % (120), chatter declined 76.7 % (30)"
FIRST_BLIND71_RUN = "routing 100.0 % (120 CRM requests), tool + arguments 76.7 % (120), chatter declined 93.3 % (30)"
# Recorded at the end of round twenty, on the code that round ends with (summary only: the sets stay unread).
BLIND69_END_OF_ROUND = "tool + arguments 50.0 %, chatter declined 100.0 % (code of commit d8fbb2d)"
BLIND70_END_OF_ROUND = "tool + arguments 56.7 %, chatter declined 76.7 % (code of commit d8fbb2d)"
BLIND71_END_OF_ROUND = "tool + arguments 76.7 %, chatter declined 93.3 % (code of commit d8fbb2d)"
LATER_BLIND = tuple(range(4, 72))


def later_blind_set(n: int) -> dict[str, Any]:
    """evaluate() keyword arguments for blind set ``n``: its requests, its organization (with its country, which
    says how its people write dates, when the set gives one) and its today."""
    data = json.loads((HERE / f"blindset{n}_vocab.json").read_text(encoding="utf-8"))
    return {
        "path": HERE / f"blindset{n}.jsonl",
        "vocabulary": {
            k: data[k] for k in ("users", "tags", "lead_sources", "companies", "contacts", "country") if k in data
        },
        "today": date.fromisoformat(data["today"]),
        "memory_tools": True,
    }


def demo_vocabulary() -> dict[str, Any]:
    """The demo organization's own vocabulary (default seed), as the server loads it from the database:
    every user, tag, lead source, company and contact name. Blind set 2 is written against it."""
    from leadloom.crm.demo.generator import generate

    data = generate()
    contacts = sorted({f"{c['first_name']} {c['last_name']}".strip() for c in data.contacts if c["first_name"]})
    return {
        "users": [{"name": u["name"], "email": u["email"]} for u in data.users],
        "tags": sorted({t for c in data.contacts for t in c.get("tags") or []}),
        "lead_sources": sorted({c["lead_source"] for c in data.contacts if c.get("lead_source")}),
        "companies": sorted({co["name"] for co in data.companies}),
        "contacts": contacts,
    }


_STRICT_DICTS = {"filters", "changes"}
_SELECTOR_EXTRAS = {"sort_by", "limit", "query"}
_CREATE_STRICT = {"first_name", "last_name", "email", "phone", "company", "owner", "next_follow_up"}
# Free text: the writer's summary of a call, a note's body, a reason. Two people never word these alike, and
# the outcome judge ignores them too (blind_org.snapshot), so only the record the text lands on is compared.
# Until round ten (stop 20) these were compared word for word, which failed every log or task an outside writer
# summarised in their own words; first runs recorded before then were measured that way.
_FREE_TEXT = {"subject", "body", "notes", "reason", "description"}


def _norm(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, list):
        return sorted(str(_norm(x)) for x in v)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    s = str(v).strip().lower()
    if re.fullmatch(r"[\d\s()+.-]{7,}", s):
        return re.sub(r"\D", "", s)
    return re.sub(r"\s+", " ", s)


def _same_records(args: dict[str, Any]) -> dict[str, Any]:
    """Removing tag T from "X tagged T" and from "X" changes the same records (nobody without T loses it); writers
    of the sets disagree on which to write, so a tag filter equal to the only tag removed is ignored on both sides."""
    removed = (args.get("changes") or {}).get("tags_remove") or []
    filters = args.get("filters")
    if len(removed) == 1 and isinstance(filters, dict) and filters.get("tag") == removed[0]:
        return {**args, "filters": {k: v for k, v in filters.items() if k != "tag"}}
    return args


# "Jamie at Red Brick Brewery" for "jamie at red brick": a first name several contacts share, sent with the employer
# the writer gave. The tools resolve it against the records (resolve.contact_rows; tested on the real database in
# tests/integration/records/test_dedup_search_resolve.py), but a set's vocabulary lists nobody's employer, so this
# comparison cannot check the pairing: it trusts the writer's, and accepts the reference for a contact of that
# first name. The outcome test seeds employers at random, so there such a reference still counts as a miss.
_AT_EMPLOYER = re.compile(r"^\s*(?P<first>[^\W\d_][\w'’-]*) at \S.*$")


def _same_contact(expected: Any, got: Any) -> bool:
    said = _AT_EMPLOYER.match(str(got))
    if not said or not isinstance(expected, str) or len(expected.split()) < 2:
        return False
    return _norm(expected.split()[0]) == _norm(said.group("first"))


def _placed_phone(value: Any, country: str | None) -> Any:
    try:
        return normalize.phone(str(value), region=country or "US")
    except ValueError:
        return value


def _placed_phones(args: dict[str, Any], country: str | None, said: dict[str, Any]) -> dict[str, Any]:
    """Phones as the CRM stores them (E.164 in the organization's country): "0745 210 998" and "+254745210998"
    are one number in a Kenyan organization, and writers of the sets write either. Until round thirteen (stop
    23) phones were compared by their digits only, which failed one of the two; first runs before then were
    measured that way. The same digits still match (``said``: the other side's call): the older sets label a
    number written with its country code ("+47 22 33 44 55") by its digits alone, which a country would misread."""
    out = dict(args)

    def placed(value: str, other: Any) -> str:
        if isinstance(other, str) and re.sub(r"\D", "", other) == re.sub(r"\D", "", value):
            return re.sub(r"\D", "", value)
        return _placed_phone(value, country)

    if isinstance(out.get("phone"), str):
        out["phone"] = placed(out["phone"], said.get("phone"))
    for k in _STRICT_DICTS:
        if isinstance(out.get(k), dict) and isinstance(out[k].get("phone"), str):
            other = said.get(k) if isinstance(said.get(k), dict) else {}
            out[k] = {**out[k], "phone": placed(out[k]["phone"], other.get("phone"))}
    return out


# "won" and "lost" name the pipeline's won (lost) stage whatever it is called (crm.services.pipelines.resolve_stage),
# so "stage": "won" and "stage": "Closed Won" move a deal of the default pipeline (every set's) to the same stage.
# Writers of the sets write the short word, the model the stage's name. Until round nineteen (stop 29) they were
# compared word for word, which failed the model's name for the stage; first runs before then were measured so.
_DEAL_STAGE_TOOLS = {"move_deal_stage", "create_deal"}
_CLOSED_STAGE = {"closed won": "won", "closed lost": "lost"}


def _closed_stage(args: dict[str, Any]) -> dict[str, Any]:
    stage = args.get("stage")
    kind = _CLOSED_STAGE.get(_norm(stage)) if isinstance(stage, str) else None
    return {**args, "stage": kind} if kind else args


def args_match(tool: str, expected: dict[str, Any], got: dict[str, Any], *, country: str | None = None) -> bool:
    """``country`` is the organization's (ISO 3166), in which phones without a country code are read."""
    expected, got = _placed_phones(expected, country, got), _placed_phones(got, country, expected)
    if tool in _DEAL_STAGE_TOOLS:
        expected, got = _closed_stage(expected), _closed_stage(got)
    if tool == "bulk_update_contacts":
        expected, got = _same_records(expected), _same_records(got)
    for k, v in expected.items():
        if k in _FREE_TEXT and not (tool == "draft_campaign" and k == "subject"):  # a campaign's subject is dictated
            continue
        if k not in got:
            return False
        if k in _STRICT_DICTS:
            g = {a: b for a, b in (got[k] or {}).items() if a not in _SELECTOR_EXTRAS or a in v}
            if _norm(v) != _norm(g):
                return False
        elif _norm(v) != _norm(got[k]) and not (k == "contact" and _same_contact(v, got[k])):
            return False
    if tool == "search_contacts":
        extra = set(got) - set(expected) - _SELECTOR_EXTRAS
        if extra:
            return False
    if tool == "create_contact" and (set(got) & _CREATE_STRICT) - set(expected):
        return False
    return True


MEMORY_SPECS = [
    {
        "type": "function",
        "function": {
            "name": "remember",
            "description": "Remember a preference or fact the person explicitly asked you to keep for later.",
            "parameters": {"type": "object", "properties": {"fact": {"type": "string"}}, "required": ["fact"]},
        },
    },
    {
        "type": "function",
        "function": {
            "name": "recall",
            "description": "Look up what the person asked you to remember earlier (preferences, facts).",
            "parameters": {"type": "object", "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}}},
        },
    },
]
SUPERVISOR_TOOLS = {"remember", "recall"}


def _history_messages(turns: list[dict[str, Any]]) -> list[BaseMessage]:
    """Earlier turns of a conversation as the graph leaves them in the shared history: the request, the
    supervisor's transfer, the specialist's calls and their results, its answer, the hand-back."""
    out: list[BaseMessage] = []
    for n, turn in enumerate(turns):
        agent = turn["agent"]
        hid = f"h{n}"
        out += [
            HumanMessage(turn["user"]),
            AIMessage(
                content="",
                name="supervisor",
                tool_calls=[{"name": f"transfer_to_{agent}", "args": {"task": turn["user"]}, "id": f"{hid}-t"}],
            ),
            ToolMessage(content=f"Transferred to {agent}. Task: {turn['user']}", tool_call_id=f"{hid}-t"),
            AIMessage(
                content="",
                name=agent,
                tool_calls=[
                    {"name": call["name"], "args": call["args"], "id": f"{hid}-c{i}"}
                    for i, call in enumerate(turn["calls"])
                ],
            ),
        ]
        out += [
            ToolMessage(content=json.dumps(turn["result"]), name=call["name"], tool_call_id=f"{hid}-c{i}")
            for i, call in enumerate(turn["calls"])
        ]
        out += [
            AIMessage(content=turn.get("answer", ""), name=agent),
            AIMessage(
                content="Transferring back to supervisor",
                name=agent,
                tool_calls=[{"name": "transfer_back_to_supervisor", "args": {}, "id": f"{hid}-b"}],
            ),
            ToolMessage(content="Successfully transferred back to supervisor", tool_call_id=f"{hid}-b"),
            AIMessage(content=turn.get("answer", ""), name="supervisor"),
        ]
    return out


def _ids_to_names(turns: list[dict[str, Any]]) -> dict[str, str]:
    """Record ids shown in earlier results, so a reference resolved to an id scores like one resolved to a name."""
    found: dict[str, str] = {}

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            rid = v.get("id") or v.get("contact_id")
            if rid and v.get("name"):
                found[str(rid)] = str(v["name"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for turn in turns:
        walk(turn["result"])
    return found


def _fake_result(call: dict[str, Any]) -> str:
    rows = [
        {"id": "c1", "name": "Sample One", "company": "X", "stage": "lead", "score": 81},
        {"id": "c2", "name": "Sample Two", "company": "X", "stage": "lead", "score": 77},
    ]
    return json.dumps({"contacts": rows, "total": 2})


def run_item(model: LocalChatModel, item: dict[str, Any], memory_tools: bool = False) -> dict[str, Any]:
    text = item["text"]
    before = _history_messages(item.get("history") or [])
    sup_specs = supervisor_specs() + (MEMORY_SPECS if memory_tools else [])
    sup = model.respond([*before, HumanMessage(text)], sup_specs)
    routed = [tc for tc in sup.tool_calls if tc["name"] not in SUPERVISOR_TOOLS]
    out: dict[str, Any] = {
        "routed": [tc["name"].removeprefix("transfer_to_") for tc in routed],
        "calls": [],
        "supervisor_calls": [
            {"name": tc["name"], "args": tc["args"]} for tc in sup.tool_calls if tc["name"] in SUPERVISOR_TOOLS
        ],
        "asked": False,
    }
    if not routed:
        out["answer"] = sup.content
        return out
    first = routed[0]
    spec = first["name"].removeprefix("transfer_to_")
    task = str(first["args"].get("task") or "")
    history: list[BaseMessage] = [
        *before,
        HumanMessage(text),
        AIMessage(content="", tool_calls=[first], name="supervisor"),
        ToolMessage(content=f"Transferred to {spec}." + (f" Task: {task}" if task else ""), tool_call_id=first["id"]),
    ]
    tools = specialist_specs(spec)
    for _ in range(4):
        msg = model.respond(history, tools)
        if not msg.tool_calls:
            out["asked"] = bool(msg.additional_kwargs) or msg.content.strip().endswith("?")
            out["answer"] = msg.content
            break
        out["calls"].extend({"name": tc["name"], "args": tc["args"]} for tc in msg.tool_calls)
        history.append(msg)
        for tc in msg.tool_calls:
            history.append(ToolMessage(content=_fake_result(tc), tool_call_id=tc["id"]))
    return out


def evaluate(
    show_failures: bool = False,
    path: Path = DEVSET,
    vocabulary: dict[str, Any] = DEV_VOCAB,
    today: date = TODAY,
    memory_tools: bool = False,
) -> dict[str, Any]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = LocalChatModel(vocabulary=vocabulary, today=today).load()
    country = vocabulary.get("country")
    n_route = ok_route = n_tool = ok_tool = n_oos = ok_oos = 0
    per_tool: Counter[str] = Counter()
    per_tool_ok: Counter[str] = Counter()
    failures = []
    started = time.perf_counter()
    for item in items:
        res = run_item(model, item, memory_tools=memory_tools)
        label = item["label"]
        ids = _ids_to_names(item.get("history") or [])
        if ids:
            res["calls"] = [
                {"name": g["name"], "args": {k: ids.get(str(v), v) for k, v in g["args"].items()}} for g in res["calls"]
            ]
        if label in ("out_of_scope", "greeting"):
            n_oos += 1
            ok = not res["routed"] and not res["calls"] and not res.get("supervisor_calls")
            ok_oos += ok
            if not ok:
                failures.append((item["text"], "chatter got a tool call", res))
            continue
        exp_calls = item["calls"]
        if label in SUPERVISOR_TOOLS:  # remember / recall: the supervisor's own tools, no handoff
            n_route += 1
            n_tool += 1
            ok = not res["routed"] and [c["name"] for c in res["supervisor_calls"]][:1] == [label]
            ok_route += ok
            ok_tool += ok
            per_tool[label] += 1
            per_tool_ok[label] += ok
            if not ok:
                failures.append((item["text"], f"expected the supervisor's {label}", res))
            continue
        exp_spec = SPECIALIST_OF[exp_calls[0]["name"]] if exp_calls else SPECIALIST_OF[label]
        n_route += 1
        r_ok = bool(res["routed"]) and res["routed"][0] == exp_spec
        ok_route += r_ok
        n_tool += 1
        key = exp_calls[0]["name"] if len(exp_calls) == 1 else ("multi-step" if exp_calls else f"{label} (ask)")
        per_tool[key] += 1
        if item.get("ask"):
            t_ok = r_ok and not res["calls"] and res["asked"]
        else:
            got = res["calls"]
            t_ok = (
                r_ok
                and len(got) >= len(exp_calls)
                and all(
                    g["name"] == e["name"] and args_match(e["name"], e["args"], g["args"], country=country)
                    for e, g in zip(exp_calls, got, strict=False)
                )
            )
        ok_tool += t_ok
        per_tool_ok[key] += t_ok
        if not (r_ok and t_ok):
            failures.append((item["text"], f"expected {exp_spec} {exp_calls}", res))
    elapsed = time.perf_counter() - started
    metrics = {
        "items": len(items),
        "routing": ok_route / max(n_route, 1),
        "routing_n": n_route,
        "tool_args": ok_tool / max(n_tool, 1),
        "tool_n": n_tool,
        "oos": ok_oos / max(n_oos, 1),
        "oos_n": n_oos,
        "per_tool": {k: (per_tool_ok[k], per_tool[k]) for k in sorted(per_tool)},
        "seconds": elapsed,
        "failures": failures,
    }
    if show_failures:
        for text, why, res in failures:
            got = f"routed={res['routed']} calls={res['calls']} answer={res.get('answer', '')[:80]!r}"
            print(f"- {text}\n    {why}\n    got {got}")  # noqa: T201
    return metrics


# Every blind set: what it is and its first run (recorded before its misses were read).
LATER_SETS = [
    ("blind set 1", "an invented studio; written after the dev set", FIRST_BLIND_RUN),
    ("blind set 2", "the demo agency; terse reps, follow-ups across turns", FIRST_BLIND2_RUN),
    ("blind set 3", "the demo agency; slang, accents typed without accents", FIRST_BLIND3_RUN),
    ("blind set 4", "a solar installer", FIRST_BLIND4_RUN),
    ("blind set 5", "a wedding venue", FIRST_BLIND5_RUN),
    ("blind set 6", "an IT managed-services provider; lists, shorthand", FIRST_BLIND6_RUN),
    ("blind set 7", "physio clinics; non-native, terse and story-like writers", FIRST_BLIND7_RUN),
    ("blind set 8", "a real-estate agency; several styles", FIRST_BLIND8_RUN),
    ("blind set 9", "a digital marketing agency; account managers, SDR, founder", FIRST_BLIND9_RUN),
    ("blind set 10", "an ERP reseller; formal notes, pasted emails, amounts", FIRST_BLIND10_RUN),
    ("blind set 11", "a recruitment agency; recruiters on phones, slang, abbreviations", FIRST_BLIND11_RUN),
    ("blind set 12", "a coffee roaster's field reps; half speech-to-text dictation", FIRST_BLIND12_RUN),
    ("blind set 13", "a language-training firm; long context, non-native writers", FIRST_BLIND13_RUN),
    ("blind set 14", "a landscaping firm; Slack style, English/Spanish code-switching", FIRST_BLIND14_RUN),
    ("blind set 15", "a British events agency; formal but hurried, pasted emails, UK dates", FIRST_BLIND15_RUN),
    ("blind set 16", "an Indian software reseller; Indian English, numbered lists, lakh", FIRST_BLIND16_RUN),
    ("blind set 17", "an Ohio clinic-marketing agency; owner, terse reps, hedging intern", FIRST_BLIND17_RUN),
    ("blind set 18", "a Brisbane real-estate marketing agency; Aussie slang, day-first dates", FIRST_BLIND18_RUN),
    ("blind set 19", "a US SaaS growth team; startup jargon, Slack shorthand, RevOps bulk rules", FIRST_BLIND19_RUN),
    ("blind set 20", "a Hamburg trade-fair company; English as a second language, German dates", FIRST_BLIND20_RUN),
    ("blind set 21", "a Singapore agency; Singlish, family-name-first names, day-first dates", FIRST_BLIND21_RUN),
    ("blind set 22", "a Montreal/Toronto event firm; French, franglais, francophone English", FIRST_BLIND22_RUN),
    ("blind set 23", "a Manchester e-commerce agency; British idiom, voice notes, terse", FIRST_BLIND23_RUN),
    ("blind set 24", "a Bengaluru performance agency; Indian English, Hinglish, lakh", FIRST_BLIND24_RUN),
    ("blind set 25", "a San Antonio lead-gen firm; phone typing, Tex-Mex Spanish", FIRST_BLIND25_RUN),
    ("blind set 26", "a Lagos digital agency; Nigerian English, Pidgin, naira", FIRST_BLIND26_RUN),
    ("blind set 27", "an Amsterdam e-commerce agency; Dutch English and Dutch, euro commas", FIRST_BLIND27_RUN),
    ("blind set 28", "a Cape Town agency; South African English, some Afrikaans, rand", FIRST_BLIND28_RUN),
    ("blind set 29", "a Manila agency; Filipino English and Taglish, pesos", FIRST_BLIND29_RUN),
    ("blind set 30", "a Chicago insurance brokerage; voice dictation from brokers, typed staff", FIRST_BLIND30_RUN),
    ("blind set 31", "a Singapore agency; Singapore English and Singlish, SGD", FIRST_BLIND31_RUN),
    ("blind set 32", "a Berlin B2B agency; German English and German, dotted dates", FIRST_BLIND32_RUN),
    ("blind set 33", "a San Antonio HVAC firm; run-on owner, office lists, techs' texts", FIRST_BLIND33_RUN),
    ("blind set 34", "a Dublin SaaS marketing and sales team; Irish English, euro", FIRST_BLIND34_RUN),
    ("blind set 35", "a Nairobi agency; Kenyan English, Swahili and Sheng, KES", FIRST_BLIND35_RUN),
    ("blind set 36", "an Atlanta real-estate team; terse phone typing, voice-to-text", FIRST_BLIND36_RUN),
    ("blind set 37", "an Ohio industrial supplier; formal VP, plain Midwestern English", FIRST_BLIND37_RUN),
    ("blind set 38", "an Auckland agency; New Zealand English, some te reo Maori, NZD", FIRST_BLIND38_RUN),
    ("blind set 39", "an Austin dental-marketing agency; chatty, terse and dictated US English", FIRST_BLIND39_RUN),
    ("blind set 40", "a Manchester events agency; British slang, signatures, emoji, GBP", FIRST_BLIND40_RUN),
    ("blind set 41", "a Toronto fitness chain; Canadian English, some French, mixed dates, CAD", FIRST_BLIND41_RUN),
    ("blind set 42", "a Monterrey B2B agency; Spanglish and Mexican Spanish, terse chat, MXN/USD", FIRST_BLIND42_RUN),
    ("blind set 43", "a Dubai off-plan property agency; English of many countries, AED", FIRST_BLIND43_RUN),
    ("blind set 44", "a Cleveland roofing company; truck dictation, long office e-mails, USD", FIRST_BLIND44_RUN),
    ("blind set 45", "a Nairobi digital agency; Kenyan English with Swahili and Sheng, KES", FIRST_BLIND45_RUN),
    ("blind set 46", "a Berlin trade-fair agency; German-flavoured English, some German, EUR", FIRST_BLIND46_RUN),
    (
        "blind set 47",
        "a Brisbane property photography studio; Australian slang, pasted footers, AUD",
        FIRST_BLIND47_RUN,
    ),
    (
        "blind set 48",
        "a Glasgow agency for distilleries and tourism; Scottish English and Scots, GBP",
        FIRST_BLIND48_RUN,
    ),
    (
        "blind set 49",
        "a São Paulo performance agency; Brazilian Portuguese and English, some wholly Portuguese, BRL",
        FIRST_BLIND49_RUN,
    ),
    ("blind set 50", "a Lahore software house; Pakistani English with Roman Urdu, PKR lakh/crore", FIRST_BLIND50_RUN),
    (
        "blind set 51",
        "a Montréal event agency; Québec French and English mixed, some wholly French, CAD",
        FIRST_BLIND51_RUN,
    ),
    (
        "blind set 52",
        "a Columbus, Ohio agency for home-services firms; terse American English, pasted forms, USD",
        FIRST_BLIND52_RUN,
    ),
    ("blind set 53", "a Makati digital agency; Taglish (English with Tagalog), Viber style, PHP", FIRST_BLIND53_RUN),
    (
        "blind set 54",
        "a Manchester agency for gyms and studios; Mancunian English on Slack, voice notes, GBP",
        FIRST_BLIND54_RUN,
    ),
    ("blind set 55", "a Milan PR agency for fashion and design; Italian and English mixed, EUR", FIRST_BLIND55_RUN),
    (
        "blind set 56",
        "a Toronto agency for dental and physio clinics; Canadian English, forwarded forms, CAD",
        FIRST_BLIND56_RUN,
    ),
    ("blind set 57", "a Denver agency for home-services trades; truck dictation, pasted forms, USD", FIRST_BLIND57_RUN),
    (
        "blind set 58",
        "a Sydney agency for hospitality venues; Australian English, emoji, voice notes, AUD",
        FIRST_BLIND58_RUN,
    ),
    (
        "blind set 59",
        "a London recruitment-marketing agency; British Slack shorthand, LinkedIn pastes, GBP",
        FIRST_BLIND59_RUN,
    ),
    (
        "blind set 60",
        "a Dublin growth agency for B2B SaaS; Irish English, pasted exports, tram dictation, EUR",
        FIRST_BLIND60_RUN,
    ),
    (
        "blind set 61",
        "a Singapore agency for property developers; Singlish, pasted portal enquiries, SGD",
        FIRST_BLIND61_RUN,
    ),
    (
        "blind set 62",
        "a Cape Town agency for wine estates and lodges; South African English, Afrikaans, ZAR",
        FIRST_BLIND62_RUN,
    ),
    (
        "blind set 63",
        "a Nashville agency for music venues and breweries; Southern voice notes, lower-case Gen-Z, USD",
        FIRST_BLIND63_RUN,
    ),
    (
        "blind set 64",
        "a Barcelona agency for hotels and language schools; Spanish and Catalan mixed in, EUR",
        FIRST_BLIND64_RUN,
    ),
    (
        "blind set 65",
        "a Tokyo agency marketing ryokan and sake breweries abroad; non-native English, yen, JPY",
        FIRST_BLIND65_RUN,
    ),
    (
        "blind set 66",
        "a Seoul agency marketing K-beauty brands abroad; Korean mixed in, shared surnames, KRW",
        FIRST_BLIND66_RUN,
    ),
    (
        "blind set 67",
        "a Warsaw B2B agency for software houses; Polish mixed in, names without diacritics, PLN",
        FIRST_BLIND67_RUN,
    ),
    (
        "blind set 68",
        "an Atlanta agency for roofers, HVAC and pest control; phone run-ons, lead notices, USD",
        FIRST_BLIND68_RUN,
    ),
    (
        "blind set 69",
        "a Stockholm agency for Nordic DTC brands; Swedish mixed in, lists, long e-mails, SEK",
        FIRST_BLIND69_RUN,
    ),
    (
        "blind set 70",
        "a Buenos Aires agency for wineries and tour operators; voseo Spanish, voice notes, ARS",
        FIRST_BLIND70_RUN,
    ),
    (
        "blind set 71",
        "a Denver agency for dentists, realtors and gyms; phone one-liners, dictation, Calendly, USD",
        FIRST_BLIND71_RUN,
    ),
]
OUTCOME_BLIND = Path(__file__).resolve().parents[3] / ".leadloom-test" / "local_model_outcome_blind.json"


def _generalization(current: dict[str, dict[str, Any]]) -> list[str]:
    """The first-run table: the honest estimate on requests and records the model had never seen."""
    outcome = json.loads(OUTCOME_BLIND.read_text(encoding="utf-8")) if OUTCOME_BLIND.exists() else {}
    lines = [
        "### Requests it had never seen: first runs of the blind sets",
        "",
        "Each blind set was written by someone who read neither the corpus nor the code, most against an",
        "organization the project had never seen (its own users, contacts, companies, tags, sources and",
        '"today"), and run once before anything was changed after seeing it. That first run is the honest',
        "estimate of how the model does on new requests; the later columns are after general fixes made from",
        'reading that set\'s misses, so they are no longer blind. "Outcome" is the database state after',
        "full runs through the real runner on a fresh organization built from the set's vocabulary, judged",
        "against a scripted oracle making the expected calls (`tests/integration/local_model/test_outcome_blind.py`).",
        "",
        "| set | organization, writers | first run: routing / tool + args / chatter declined | now: tool + args "
        "/ chatter | now: outcome |",
        "|---|---|---|---|---|",
    ]
    for name, desc, first in LATER_SETS:
        nums = re.findall(r"(\d+(?:\.\d+)?) %", first)
        key = "blind" if name == "blind set 1" else name.replace("blind set ", "blind")
        now = current.get(key)
        now_txt = f"{100 * now['tool_args']:.1f} % / {100 * now['oos']:.1f} %" if now else "—"
        out = outcome.get(f"set{name.rsplit(' ', 1)[1]}")
        out_txt = f"{out['correct']}/{out['requests']} = {100 * out['share']:.1f} %" if out else "—"
        lines.append(f"| {name} | {desc} | {' / '.join(n + ' %' for n in nums)} | {now_txt} | {out_txt} |")
    later = [[float(x) for x in re.findall(r"(\d+(?:\.\d+)?) %", f)] for n, _, f in LATER_SETS if n != "blind set 1"]
    firsts, chatter = [x[1] for x in later], [x[2] for x in later]
    last = LATER_SETS[-1][0].rsplit(" ", 1)[1]
    first_of = {n.rsplit(" ", 1)[1]: x for (n, _, _), x in zip(LATER_SETS[1:], later, strict=True)}

    def before(b: str) -> str:
        return re.search(r"(\d+\.\d) %", b).group(1)  # type: ignore[union-attr]

    lines += [
        "",
        f"First-run tool + arguments on blind sets 2–{last}: {min(firsts):.1f}–{max(firsts):.1f} % (mean "
        f"{sum(firsts) / len(firsts):.1f} %); chatter declined {min(chatter):.1f}–{max(chatter):.1f} %.",
        "**The ≥ 90 % target on unseen requests is not met**: each new writer brings phrasings the rules and the",
        "2,700-utterance classifier have not met (lists with separators, shorthand, stories before the request,",
        "non-native grammar, dictation, a second language, nicknames), and each set's misses were fixed,",
        "generally, only after its first run.",
        "What a round of general fixes carries to requests nobody has read, measured by running a set kept unread",
        "with the code from before the round and after it: sets 13 and 14 (round on sets 11-12): "
        f"{before(BLIND13_BEFORE_ROUND)} → {first_of['13'][1]:.1f} % and",
        f"{before(BLIND14_BEFORE_ROUND)} → {first_of['14'][1]:.1f} %; set 17 (round on sets 15-16): "
        f"{before(BLIND17_BEFORE_ROUND)} → {first_of['17'][1]:.1f} %; set 20 (round on sets 18-19, which added",
        f"each organization's date order): {first_of['20'][1]:.1f} → {before(BLIND20_END_OF_ROUND)} %; "
        "set 23 (round on",
        f"sets 21-22, which added French and names written family name first): {first_of['23'][1]:.1f} → "
        f"{before(BLIND23_END_OF_ROUND)} %; sets 24 and 25 (round on set 23 and the older sets' misses: British",
        f"idiom, chat mentions, Spanish crews, Indian English): {first_of['24'][1]:.1f} → "
        f"{before(BLIND24_END_OF_ROUND)} % and {first_of['25'][1]:.1f} → {before(BLIND25_END_OF_ROUND)} %; sets 26 and",
        "27 (round on sets 24-25 and the older sets' misses: Hinglish, phone typing, initials, consent channels,",
        f"currencies): {first_of['26'][1]:.1f} → {before(BLIND26_END_OF_ROUND)} % and {first_of['27'][1]:.1f} → "
        f"{before(BLIND27_END_OF_ROUND)} %; sets 28, 29 and 30 (round on sets 26-27: Pidgin, Dutch, honorifics,",
        f"hyphenated dates, writing help declined): {first_of['28'][1]:.1f} → {before(BLIND28_END_OF_ROUND)} %, "
        f"{first_of['29'][1]:.1f} → {before(BLIND29_END_OF_ROUND)} % and {first_of['30'][1]:.1f} → "
        f"{before(BLIND30_END_OF_ROUND)} %; sets 31, 32 and 33 (round on sets 28-30: misheard names, run-on",
        f"clauses, forms, letter currencies): {first_of['31'][1]:.1f} → {before(BLIND31_END_OF_ROUND)} %, "
        f"{first_of['32'][1]:.1f} → {before(BLIND32_END_OF_ROUND)} % and {first_of['33'][1]:.1f} → "
        f"{before(BLIND33_END_OF_ROUND)} %; sets 35, 37 and 38 (round on sets 31-34 and 36: product interest as",
        f"tags, tags on and off in one request, logs after a change): {first_of['35'][1]:.1f} → "
        f"{before(BLIND35_END_OF_ROUND)} %, {first_of['37'][1]:.1f} → {before(BLIND37_END_OF_ROUND)} % and "
        f"{first_of['38'][1]:.1f} → {before(BLIND38_END_OF_ROUND)} % (sets 34 and 36 were seen, so they are no",
        "measure); sets 39, 40 and 41 (round on sets 35, 37 and 38: a stage said of one person, a shared first name",
        f"told apart by the company, hand-overs, many smaller readings): {first_of['39'][1]:.1f} → "
        f"{before(BLIND39_END_OF_ROUND)} %, {first_of['40'][1]:.1f} → {before(BLIND40_END_OF_ROUND)} % and "
        f"{first_of['41'][1]:.1f} → {before(BLIND41_END_OF_ROUND)} %; sets 42, 43 and 44 (round on sets 39-41:",
        "chatter that names a client in passing, a shared first name told apart by a surname, nicknames with a",
        "surname, new contacts said loosely, some Québec French; then a Mexican Spanish lexicon written from the",
        f"language): {first_of['42'][1]:.1f} → "
        f"{before(BLIND42_END_OF_ROUND)} %, {first_of['43'][1]:.1f} → {before(BLIND43_END_OF_ROUND)} % and "
        f"{first_of['44'][1]:.1f} → {before(BLIND44_END_OF_ROUND)} %. The read sets 39-41 gained 17-19 points in the",
        "same round, the unread ones 0-2.5 (set 42's 2.5 from the lexicon): most of this round's rules fit the",
        "phrasing of the sets they were read from more than the phrasing of the next writers. Sets 45, 46 and 47",
        "(round on sets 42-44: Spanish nicknames, double surnames and a larger lexicon, dates ruled out, tags said",
        "in more word orders, an employer or a job as a list item, tasks due at an hour, more chatter): 57.5 → 58.3 %,",
        "60.8 → 62.5 % and 80.8 → 82.5 %, outcome 56.2 → 57.3 %, 62.6 → 64.6 % and 80.8 → 81.8 %, while the read sets",
        "42-44 gained 13-29 points: the same finding again. Sets 48, 49 and 50 (round on sets 45-47: Swahili and",
        "German lexicons, German, Polish and Australian short names, a head of something kept as one title, cold-call",
        "sources, tags said loosely, chatter about the world beside a client's name, phones compared as the CRM stores",
        "them): 75.0 → 75.0 %, 12.5 → 12.5 % and 43.3 → 43.3 % (chatter 90.0, 96.7 and 83.3 % before and after),",
        "outcome 69.0 → 69.0 %, 21.2 → 21.2 % and 43.3 → 43.3 %, while the read sets 45-47 gained 7-29 points: no",
        "transfer at all this round. Set 49 is written in Brazilian Portuguese, which no lexicon reads; none was",
        "written, because writing one after choosing the unread set's language would tune the measure to it.",
        "Sets 51, 52 and 53 (round on sets 48-50: Scots, Brazilian Portuguese and Hindi/Urdu lexicons, conventions",
        "such as 'owns X' as the title, 'bin all the X', a colleague 'looking after' someone, tags listed before the",
        "word): 49.2 → 48.3 %, 72.5 → 72.5 % and 46.7 → 46.7 %, outcome 54.1 → 53.1 %, 69.3 → 69.3 % and",
        "50.5 → 50.5 %, while the read sets 48-50 gained 17-52 points and six items of older read sets came right:",
        "again no transfer. Set 51's one lost item",
        "is the Portuguese lexicon reading a Québec French request as Portuguese (switching that lexicon off, counts",
        "only, restores 49.2 %); the set stays unread, so which request it is is not known.",
        "Sets 54, 55 and 56 (round on sets 51-53: a Tagalog lexicon, more Québec French, conventions such as a",
        "surname said twice starting the business, 'tag him hot', shorthand titles spelt out, a tag of several words",
        f"taken off): {first_of['54'][1]:.1f} → {before(BLIND54_END_OF_ROUND)} %, {first_of['55'][1]:.1f} → "
        f"{before(BLIND55_END_OF_ROUND)} % and {first_of['56'][1]:.1f} → {before(BLIND56_END_OF_ROUND)} %.",
        "Sets 57, 58 and 59 (round on sets 54-56: an Italian lexicon, requests typed below a pasted e-mail or form",
        "naming their contact, a business in brackets or as a list item, 'Dr.' before names, sources said by their",
        "words or initials, a pasted table of several people, 'is X a lead yet? if not make him one', a closing",
        f"sentence on a colleague away): {first_of['57'][1]:.1f} → {before(BLIND57_END_OF_ROUND)} %, "
        f"{first_of['58'][1]:.1f} → {before(BLIND58_END_OF_ROUND)} % and {first_of['59'][1]:.1f} → "
        f"{before(BLIND59_END_OF_ROUND)} % (one item each), while the read sets 54-56 gained 15-40 points.",
        "Sets 60, 61 and 62 (round on sets 57-59: a first name with a lower-case initial, a surname before an",
        "arrow, pasted signatures, forms and voicemails of known or new people, 'put Jenna on him', consent 'set to",
        "off', Australian financial years, venue forms and names, LinkedIn cards and headlines, 'before was X',",
        "closing sign-offs, spreadsheet and market-figure chatter): "
        f"{first_of['60'][1]:.1f} → {before(BLIND60_END_OF_ROUND)} %, {first_of['61'][1]:.1f} → "
        f"{before(BLIND61_END_OF_ROUND)} % and {first_of['62'][1]:.1f} → {before(BLIND62_END_OF_ROUND)} % (chatter",
        "86.7 → 86.7, 80.0 → 83.3 and 86.7 → 90.0 %), while the read sets 57-59 gained 13-15 points.",
        "Sets 63, 64 and 65 (round on sets 60-62: Malay and Afrikaans lexicons, comparison signs as bounds, a bare",
        "list of criteria before an arrow, '+tag'/'−tag', 'Name. stage.' fragments, a field 'is blank, should be X',",
        "pasted export rows and signatures, emoji as punctuation after a new name, a reason after a delete): "
        f"{first_of['63'][1]:.1f} → {before(BLIND63_END_OF_ROUND)} %, {first_of['64'][1]:.1f} → "
        f"{before(BLIND64_END_OF_ROUND)} % and {first_of['65'][1]:.1f} → {before(BLIND65_END_OF_ROUND)} % (chatter",
        "unchanged), while the read sets 60-62 gained 20-32 points.",
        "Sets 66, 67 and 68 (round on sets 63-65: a Japanese module for honorifics and 月/日 dates, Spanish 'lleva'",
        "for the owner and 'apunta a X', tabs between a pasted row's cells, an organization's longer form of a",
        "default source, typing slips read through, a weekday said before its date, '12.000 €'; and, from every read",
        "set, a company's legal form kept whole ('S.r.l.', 'Pvt. Ltd.') and interest tags such as 'SEO interest'): "
        f"{first_of['66'][1]:.1f} → {before(BLIND66_END_OF_ROUND)} %, {first_of['67'][1]:.1f} → "
        f"{before(BLIND67_END_OF_ROUND)} % and {first_of['68'][1]:.1f} → {before(BLIND68_END_OF_ROUND)} % (chatter",
        "unchanged), while the read sets 63-65 gained 11-17 points. Since round nineteen a deal stage 'won' or",
        "'lost' matches the pipeline's 'Closed Won' / 'Closed Lost' (the CRM resolves the word to that stage); first",
        "runs before it compared the two word for word (15 items of the read sets came right by it alone).",
        "Sets 69, 70 and 71 (round on sets 66-68: Korean and Polish modules for CRM words, honorifics, dates and",
        "request endings around English names, Hangul names romanized to the contact, tickets written as equations",
        "('stage=lead → owner=…'), CRM fields typed as identifiers, Spanish infinitives as orders, pasted lead",
        "notices' 'Customer:' / 'Caller:' lines, the team's own chat declined; and one mechanism for a company's",
        "legal form): "
        f"{first_of['69'][1]:.1f} → {before(BLIND69_END_OF_ROUND)} %, {first_of['70'][1]:.1f} → "
        f"{before(BLIND70_END_OF_ROUND)} % and {first_of['71'][1]:.1f} → {before(BLIND71_END_OF_ROUND)} % (chatter",
        "unchanged), while the read sets 66-68 gained 26-47 points.",
        "Also measured in round fifteen and not adopted: a learned span tagger (MiniLM token vectors, a logistic",
        "regression per word and a Viterbi pass over BIO labels, trained on the read sets' new contacts with",
        "company and title spans found in the text) filling a company or title the rules left empty. Trained",
        "without the held-out writer (5 folds by set), its fills were right 29 times and wrong 17 times (title",
        "26 / 15, company above 0.9 confidence 3 / 2; no threshold lifted title precision over 64 %, nor did a",
        "neural layer); on the then unread sets 51-53 7 of 12 fills were right and one create_contact item of 77",
        "came right. A wrong title stored silently costs the user more than an empty one: no fill-in was kept.",
        "Since round eleven a first name several contacts share, sent with the employer the writer gave ('Jamie at",
        "Red Brick Brewery'), counts for the writer's contact of that first name: the tools resolve it against the",
        "records, the vocabulary lists nobody's employer (the outcome test, whose employers are random, still counts",
        "it as a miss).",
        "From round ten on, tool + arguments leaves free text (subjects, note bodies, reasons) uncompared, as this",
        "evaluator's description always said; first runs of sets 2-38 compared it word for word, so their first-run",
        "column is a little lower than the same code measured now would be (sets 39-41 compared the old way:",
        "69.2, 68.3 and 70.0 %).",
        "Set 14 mixes English and Spanish, which the rules did not read at its first run; a small Spanish lexicon",
        "(`spanish.py`) came after it, so its 'now' column is no longer blind.",
        "The dev set and blind set 1 (written by the project) read 'the instagram leads' / 'which leads …' as all",
        "contacts; every outside writer whose set was read (sets 4-27) reads them as people at the stage lead, so",
        "the model now does, and those labels, left as written, count as misses.",
        "Since round nine a new contact's product interest becomes one of the organization's tags when one fits",
        "(the issue asks for product interest; the writers of sets 31-36 were asked to tag it and did). The writers of",
        "sets 4-30 seldom tagged new contacts (sets 4, 6, 7, 9, 10: none of 20-27), so the outcome column of 19 of",
        "those sets lost 1-5 items each, every one a tag added where the writer gave none, or a later bulk step over",
        "that tag; tool + arguments allows extra tags on a new contact, so its columns did not move.",
        "A tag filter equal to the only tag a bulk change removes is ignored when comparing calls (the same records",
        "change either way; the writers disagree on which to write).",
        "Five writers (sets 2, 5, 22, 23, 24) wrote `follow_up_before` = today for follow-ups 'already past'; the",
        "filter includes the day given (`next_follow_up <= value`), so the model writes yesterday, and those items",
        "count as misses.",
        "",
    ]
    return lines


def _blind_table(r: dict[str, Any]) -> list[str]:
    """The routing / tool + arguments / chatter table of one blind-set evaluation."""

    def pct(x: float) -> str:
        return f"{100 * x:.1f} %"

    return [
        "| metric | result | target |",
        "|---|---|---|",
        f"| routing, {r['routing_n']} CRM requests | {pct(r['routing'])} | ≥ 95 % |",
        f"| tool + key arguments, {r['tool_n']} CRM requests | {pct(r['tool_args'])} | ≥ 90 % |",
        f"| chatter declined with no tool call, {r['oos_n']} | {pct(r['oos'])} | ≥ 95 % |",
        "",
    ]


def _section(
    m: dict[str, Any],
    blind: dict[str, Any] | None = None,
    blind2: dict[str, Any] | None = None,
    blind3: dict[str, Any] | None = None,
    current: dict[str, dict[str, Any]] | None = None,
) -> str:
    def pct(x: float) -> str:
        return f"{100 * x:.1f} %"

    def verdict(x: float, target: float) -> str:
        return "met" if x >= target else "**NOT met**"

    worst = sorted(((ok / n, k, ok, n) for k, (ok, n) in m["per_tool"].items() if ok < n))[:8]
    lines = [
        "## Local model",
        "",
        f"Dev set: `leadloom/agents/local/devset.jsonl`, {m['items']} requests written separately from the training",
        "corpus (other people, companies, tags and wording; its own vocabulary; today fixed at 2026-03-11).",
        "Command: `.venv/bin/python -m leadloom.agents.local.evaluate` (add `--show-failures` for the misses).",
        "",
        "| metric | result | target | |",
        "|---|---|---|---|",
        f"| routing (supervisor → specialist), {m['routing_n']} CRM requests | {pct(m['routing'])} | ≥ 95 % "
        f"| {verdict(m['routing'], 0.95)} |",
        f"| tool + key arguments, {m['tool_n']} CRM requests | {pct(m['tool_args'])} | ≥ 90 % "
        f"| {verdict(m['tool_args'], 0.90)} |",
        f"| out-of-scope/greeting declined with no tool call, {m['oos_n']} | {pct(m['oos'])} | ≥ 95 % "
        f"| {verdict(m['oos'], 0.95)} |",
        _outcome_row(),
        "",
        "Scoring rules: `filters`/`changes` and `search_contacts` selectors must match exactly (sort/limit extra",
        "keys allowed); `create_contact` may not invent a name/email/phone/company/owner/follow-up that was not",
        "asked for; free text (subjects, note bodies) is not compared. Multi-step requests are fed a fake search",
        "result and must chain the second call with the first call's filters.",
        "",
    ]
    if worst:
        lines.append("Weakest tools on the dev set: " + ", ".join(f"{k} {ok}/{n}" for _, k, ok, n in worst) + ".")
        lines.append("")
    if current is not None:
        lines += _generalization(current)
    lines += [
        "Outcome: `tests/integration/local_model/test_outcome_demo.py` (`.venv/bin/python -m pytest",
        "tests/integration/local_model/test_outcome_demo.py -s`) loads the demo organization, builds",
        "requests from its own records (contacts with a unique name, companies, users) — status changes, owner",
        "changes, follow-up dates, phone, tags, deletes (approved), new customers with company/phone/owner/",
        "follow-up, bulk stage changes and deletes by company — runs each in a new thread through the real",
        "runner, supervisor, specialists and tools, and compares the rows with the expected state. Its",
        "phrasings were written by the model's author (not blind), and it checks the targeted rows, not that",
        "nothing else changed.",
        "",
    ]
    lines += [
        "How far to trust these numbers: the dev set was written before tuning and never fed to training, but",
        "its failures were read during development. The fixes were general (name masking before",
        'classification, rules such as "a delete needs a delete verb", corpus coverage of constructions such',
        'as "X → stage" or "new phone for X: …"), never dev-set strings, yet the set is no longer blind.',
        "The blind set below was written afterwards. Its FIRST run (before any change made after seeing it)",
        f"gave {FIRST_BLIND_RUN}. That is the most honest estimate of how the model does on requests",
        "written by someone else. Its misses were then read and general fixes made (users masked like",
        'contacts, "X\'s <anything>" as an owner filter, follow-up questions as searches, delete-with-tag only',
        "when the tag is removed), so the current blind figures below are no longer blind either.",
        "",
    ]
    if blind is not None:
        lines += [
            f"Blind set: `leadloom/agents/local/blindset.jsonl`, {blind['items']} requests (other names, vocabulary,",
            "today = 2026-06-17), focused on status changes, new customers with several fields, deletes and",
            "updates by condition, who owns what / when to follow up, and chatter:",
            "",
            *_blind_table(blind),
        ]
        if blind["failures"]:
            lines.append("Blind-set misses: " + "; ".join(f"*{t}*" for t, _, _ in blind["failures"]) + ".")
            lines.append("")
    lines += [
        "Blind set 2: `leadloom/agents/local/blindset2.jsonl`, 120 requests written before reading the corpus or",
        "the extraction code, phrased the way reps type (terse, typos, several constraints, relative dates),",
        "against the demo organization's own vocabulary (every user, tag, source, company and contact of",
        "`crm/demo`, today = 2026-11-26): status changes, new contacts with several fields, updates and deletes",
        'by condition, who owns what / what is due, "tell me about <person>", scoring, campaigns, analytics,',
        "remember/recall (the supervisor's memory tools, bound as in the graph), 11 follow-ups that refer to an",
        'earlier turn ("the first one", "her", "him", "that contact"; the earlier turns are replayed as the graph',
        "leaves them in the shared history) and 20 items of chatter.",
        "",
        f"**Blind set 2, first run** (before any change made after seeing it): {FIRST_BLIND2_RUN}.",
        'That is the honest generalization figure. Four of its items read "leads" as the lifecycle stage',
        '("webinar leads", "vip leads from referrals") where the dev set reads it as "contacts"; they are',
        "kept as written and count as misses either way.",
        "",
    ]
    if blind2 is not None:
        lines += [
            "Blind set 2 after general fixes (its misses were read, so these figures are **no longer blind**):",
            "",
            *_blind_table(blind2),
        ]
        if blind2["failures"]:
            lines.append("Blind-set-2 misses: " + "; ".join(f"*{t}*" for t, _, _ in blind2["failures"]) + ".")
            lines.append("")
    lines += [
        "Blind set 3: `leadloom/agents/local/blindset3.jsonl`, 80 CRM requests and 10 items of chatter, written",
        "after blind set 2's first run and before its misses or the extraction code were read, against the demo",
        'organization\'s vocabulary with today = 2027-02-10: status changes (slang such as "DQ", "opp"), owner',
        "changes with first names and lower case, follow-up dates, phone/email/title/company/source/consent,",
        "tags, new contacts with several fields, bulk updates and deletes with two constraints, lookups,",
        "searches, activities, tasks, scoring, deals, campaigns, a multi-step request and two follow-ups that",
        "refer to an earlier turn. Accented names are sometimes typed without accents.",
        "",
        f"**Blind set 3, first run** (before any change made after it): {FIRST_BLIND3_RUN}.",
        "",
    ]
    if blind3 is not None:
        lines += [
            "Second round of general fixes from blind set 2's misses (after blind set 3's first run): names folded",
            "with Unicode decomposition (Søren = soren, Lucía = lucia) so lower-case first-name owners match; a known",
            "contact plus a status said without a verb is a stage change, not a note or a lookup; a known contact with",
            'no "add/create" word is never a new contact; a question never logs an activity; several changes joined',
            'by "and"/commas are all taken; a bulk tag removal filters on the tag; a contact\'s name after "tag" is',
            'not the tag; "from paid search" is a source, not a company. (The dev set labels "remove the newsletter',
            'tag from all churned contacts" without the tag filter that blind set 2 expects; it now counts as a miss.)',
            "",
            "Blind set 3 now. Until its re-run of 80.0 % its misses had never been read; they were read at the",
            "start of the next round of work (blind sets 4-8 above), so these figures are **no longer blind**:",
            "",
            *_blind_table(blind3),
        ]
    return "\n".join(lines)


OUTCOME = Path(__file__).resolve().parents[3] / ".leadloom-test" / "local_model_outcome.json"


def _outcome_row() -> str:
    if not OUTCOME.exists():
        return "| outcome (database state after a full run) | not measured | ≥ 85 % | run the outcome test |"
    o = json.loads(OUTCOME.read_text(encoding="utf-8"))
    met = "met" if o["share"] >= 0.85 else "**NOT met**"
    return (
        f"| outcome: database state after full runs on the demo org, {o['requests']} requests ({o['date']}) "
        f"| {100 * o['share']:.1f} % | ≥ 85 % | {met} |"
    )


def write_evals(section: str, path: Path) -> None:
    """Replace only the "## Local model" section of EVALS.md (create the file when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluations\n\n"
    pattern = re.compile(r"^## Local model\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the metrics without touching EVALS.md")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument(
        "--only",
        choices=["dev", "blind", "blind2", "blind3", *(f"blind{n}" for n in LATER_BLIND)],
        help="evaluate one set, print, write nothing",
    )
    parser.add_argument("--evals", type=Path, default=Path(__file__).resolve().parents[3] / "EVALS.md")
    ns = parser.parse_args()
    if ns.only:
        kw: dict[str, Any] = {
            "dev": {},
            "blind": {"path": BLINDSET, "vocabulary": BLIND_VOCAB, "today": BLIND_TODAY},
            "blind2": {"path": BLINDSET2, "vocabulary": demo_vocabulary(), "today": BLIND2_TODAY, "memory_tools": True},
            "blind3": {"path": BLINDSET3, "vocabulary": demo_vocabulary(), "today": BLIND3_TODAY, "memory_tools": True},
            **{f"blind{n}": later_blind_set(n) for n in LATER_BLIND},
        }[ns.only]
        r = evaluate(show_failures=ns.show_failures, **kw)
        print(  # noqa: T201
            f"{ns.only}: routing {100 * r['routing']:.1f}% ({r['routing_n']})  tool+args {100 * r['tool_args']:.1f}% "
            f"({r['tool_n']})  declined {100 * r['oos']:.1f}% ({r['oos_n']})  per tool {r['per_tool']}"
        )
        return
    m = evaluate(show_failures=ns.show_failures)
    blind = evaluate(show_failures=ns.show_failures, path=BLINDSET, vocabulary=BLIND_VOCAB, today=BLIND_TODAY)
    print(  # noqa: T201
        f"routing {100 * m['routing']:.1f}% ({m['routing_n']})  tool+args {100 * m['tool_args']:.1f}% ({m['tool_n']})  "
        f"out-of-scope {100 * m['oos']:.1f}% ({m['oos_n']})  in {m['seconds']:.1f}s"
    )
    print(  # noqa: T201
        f"blind: routing {100 * blind['routing']:.1f}% ({blind['routing_n']})  "
        f"tool+args {100 * blind['tool_args']:.1f}% ({blind['tool_n']})  "
        f"chatter {100 * blind['oos']:.1f}% ({blind['oos_n']})"
    )
    blind2 = evaluate(
        show_failures=ns.show_failures,
        path=BLINDSET2,
        vocabulary=demo_vocabulary(),
        today=BLIND2_TODAY,
        memory_tools=True,
    )
    print(  # noqa: T201
        f"blind 2: routing {100 * blind2['routing']:.1f}% ({blind2['routing_n']})  "
        f"tool+args {100 * blind2['tool_args']:.1f}% ({blind2['tool_n']})  "
        f"chatter {100 * blind2['oos']:.1f}% ({blind2['oos_n']})"
    )
    # Blind set 3's misses were read after its 80.0 % re-run; it is no longer blind (see EVALS.md).
    blind3 = evaluate(path=BLINDSET3, vocabulary=demo_vocabulary(), today=BLIND3_TODAY, memory_tools=True)
    print(  # noqa: T201
        f"blind 3: routing {100 * blind3['routing']:.1f}% ({blind3['routing_n']})  "
        f"tool+args {100 * blind3['tool_args']:.1f}% ({blind3['tool_n']})  "
        f"chatter {100 * blind3['oos']:.1f}% ({blind3['oos_n']})"
    )
    current = {"blind": blind, "blind2": blind2, "blind3": blind3}
    for n in LATER_BLIND:
        key = f"blind{n}"
        current[key] = evaluate(**later_blind_set(n))
        print(  # noqa: T201
            f"{key}: routing {100 * current[key]['routing']:.1f}%  tool+args {100 * current[key]['tool_args']:.1f}%  "
            f"chatter {100 * current[key]['oos']:.1f}%"
        )
    if not ns.no_write:
        write_evals(_section(m, blind, blind2, blind3, current), ns.evals)


if __name__ == "__main__":
    main()
