"""Outcome of the local model on requests written by outsiders, against records it has never seen.

For each blind set (``leadloom/agents/local/blindset{4..23}.jsonl`` with its vocabulary), two identical
organizations are built from the vocabulary (``blind_org.build_org``, same seed): A and B. Every stand-alone
CRM item whose expected calls write is then run, each in a new thread, through the real runner, supervisor,
specialists, tools and Postgres, in both:

* in A by ``LocalChatModel(today=<the set's today>)`` (the runner gives it A's vocabulary);
* in B by a scripted oracle: the handoff to the specialist owning the first expected tool, the expected
  tool calls with the expected arguments, then the answers; what a perfect model would do.

Every approval is granted (up to three per request) in both. Items run deletes last (see
``blind_org.write_items``), and the seeded records are fitted to the items (``blind_org._fit``): a record a
request changes does not already hold the new value, and every filter of a bulk change or delete matches
some records, so that doing nothing is not right by accident (items where the oracle still changed nothing
are listed as ``oracle_noop``).

The judge is the outcome. After each item, both organizations are compared by **delta**: a snapshot (by
names, see ``blind_org.snapshot``) before and after the item in each, and the item is correct when the
change it made in A equals the change the oracle made in B (``blind_org.delta``: for a record there before
and after, the fields that changed with their new values, lists as added / removed entries; for a record
that appeared or went, its whole state). Deltas, not states: once an item is missed, A
and B differ, and comparing states would count that miss again on every later item; re-creating both
organizations per item would be exact but costs seconds per item. What deltas leave: a missed item can still
change which records a later filter matches in A (say a contact the oracle deleted is still there), so a
later conditional request may be judged against a slightly different book; the misses list shows each diff.

Dates: requests use relative dates against the set's "today" (2027/2028); the local model gets that date,
the labels carry it already, and the seeded follow-ups, last contacts and creation dates sit around it.
What the tools stamp at "now" (activity times, updated_at) is left out of the snapshots; both runs of an
item happen at the same wall-clock minute anyway.

An item on which the oracle itself fails (its run does not complete, or an expected tool answers with an
error or an ambiguity) says nothing about the model: it is left out of the score and listed as
``oracle_failed`` with the model's calls. The oracle's arguments are the labels, with two repairs
(``blind_org.oracle_calls``): the request's text as the subject ``create_task`` requires, and the "+" the
labels drop from phone numbers written with a country code.

Results go to ``.leadloom-test/local_model_outcome_blind.json``; the share per set must stay above a floor.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.graphs.runner import AgentRunner, RunResult
from tests.conftest import ROOT
from tests.integration.local_model.blind_org import (
    build_org,
    delta,
    load_set,
    oracle_calls,
    snapshot,
    specialist_of,
    write_items,
)
from tests.unit.agents.fakes import ScriptedChatModel, call

pytestmark = pytest.mark.slow
RESULT = ROOT / ".leadloom-test" / "local_model_outcome_blind.json"
ALL_SETS = tuple(range(4, 72))
# Sets nobody has read yet (the next round's honest measure): a failure here names the set, never its misses.
UNREAD = (69, 70, 71)
# Sets 4 and 5 have scored 100 % at every run since they were added, sets 6 and 7 98.5-98.6 % for the last four
# rounds, sets 9 and 21 97.5 % and 98.0 % for the last three, sets 23 and 24 100 % for the last two; `make test`
# leaves them out to stay near its 15-minute budget (each set costs about 20 s), LEADLOOM_OUTCOME_SETS=all runs
# every set (EVALS.md's column).
# LEADLOOM_OUTCOME_SETS=26,27 runs only the sets listed.
_CHOSEN = os.environ.get("LEADLOOM_OUTCOME_SETS", "").strip()
if _CHOSEN and _CHOSEN != "all" and not re.fullmatch(r"\d+(?:\s*,\s*\d+)*", _CHOSEN):
    raise pytest.UsageError(f"LEADLOOM_OUTCOME_SETS={_CHOSEN!r}: use 'all' or set numbers like '26,27' ({ALL_SETS})")
SETS = (
    ALL_SETS
    if _CHOSEN == "all"
    else tuple(int(n) for n in _CHOSEN.split(","))
    if _CHOSEN
    else tuple(n for n in ALL_SETS if n not in (4, 5, 6, 7, 9, 21, 23, 24))
)
if set(SETS) - set(ALL_SETS):
    _unknown = sorted(set(SETS) - set(ALL_SETS))
    raise pytest.UsageError(f"LEADLOOM_OUTCOME_SETS: no blind set {_unknown}; the sets are {ALL_SETS}")
# Measured 2026-11-26 on a37f763: set 4 66/66 = 100 %, set 5 69/69 = 100 % (1 and 4 oracle failures left
# out: national UK numbers the phone normalizer then rejected; since it keeps them as typed, none).
# Sets 6-8 added on 4a5c0d1-era code: set 4 67/67, set 5 73/73, set 6 67/74 = 90.5 %, set 7 64/68 = 94.1 %,
# set 8 61/70 = 87.1 %. The local model's rules were written while reading every one of these sets'
# phrasings after its first blind run (see its git log and EVALS.md), so this measures unseen records, not
# unseen wording. Floors a little below the measured shares, never under 0.5.
# Sets 9 (a marketing agency) and 10 (an ERP reseller) added later the same day: 77/81 = 95.1 % and 73/83 =
# 88.0 % (set 4-8: 100 / 100 / 95.9 / 95.6 / 91.4 %), again after their misses were read.
# Sets 11-14 added in the next session (a recruitment agency, a coffee roaster's dictating reps, a language-
# training firm, a landscaping firm writing English and Spanish): 78/94 = 83.0 %, 78/94 = 83.0 %, 77/97 =
# 79.4 %, 39/96 = 40.6 %; sets 4-10 on the same code 100 / 100 / 95.9 / 97.1 / 91.4 / 97.5 / 91.6 %. Sets 11 and
# 12 had been read (their round), 13 read after its first run, 14 only run (its Spanish is not read by the rules).
# Sets 15-17 added 2026-11-26 (a British events agency, an Indian software reseller, an Ohio clinic-marketing
# agency): 81/95 = 85.3 %, 83/97 = 85.6 %, 69/98 = 70.4 %, all three read after their first runs (set 17 only at
# the end of the round); sets 4-14 on the same code 100 / 100 / 97.3 / 97.1 / 91.4 / 98.8 / 91.6 / 84.0 / 85.1 /
# 79.4 / 50.0 %. After general fixes from reading set 17 (nicknames, titles, statuses said last): set 17 76/98 =
# 77.6 %, every other set the same.
# Sets 18-20 added in the third round (a Brisbane real-estate marketing agency, a US SaaS growth team, a Hamburg
# trade-fair company; each vocabulary gives its country, so dates are read day or month first): 78/95 =
# 82.1 %, 80/94 = 85.1 %, 70/95 = 73.7 % on 8d14820, after 18-19 were read (20 only after its end-of-round run);
# sets 4-17 on the same code 100 / 100 / 98.6 / 97.1 / 91.4 / 98.8 / 92.8 / 85.1 / 85.1 / 80.4 / 55.2 / 86.3 /
# 87.6 / 78.6 %, none lower than before the round.
# Sets 21-23 added in the fourth round (a Singapore agency, a bilingual Montreal/Toronto firm, a Manchester
# e-commerce agency): 96/98 = 98.0 %, 86/94 = 91.5 %, 73/97 = 75.3 % on 7baa113, after 21-22 were read (23 was
# never read: its misses are not looked at); sets 4-20 on the same code 100 / 100 / 98.6 / 98.5 / 91.4 / 97.5 /
# 92.8 / 85.1 / 85.1 / 82.5 / 60.4 / 86.3 / 88.7 / 82.7 / 88.4 / 89.4 / 85.3 %. Only set 9 is lower (80 -> 79/81):
# "met Hye-jin Cho at the retail expo" now records the organization's event source, which set 9's writer left
# out and set 21's writer asked for ("met her at the F&B expo" -> event).
# Sets 24-25 added in the fifth round (a Bengaluru performance agency, a San Antonio lead-gen firm), never read:
# 77/95 = 81.1 %, 59/94 = 62.8 % on 468b8c6 (their misses are not looked at). The same code after reading set 23
# and the older sets' misses: sets 4-23 100 / 100 / 98.6 / 98.5 / 91.4 / 97.5 / 94.0 / 88.3 / 90.4 / 89.7 / 81.2 /
# 89.5 / 94.8 / 87.8 / 89.5 / 92.6 / 89.5 / 98.0 / 90.4 / 100 %; set 22 is one item lower (86 -> 85/94), every
# other set the same or higher. Floors raised to a little under the new shares.
# Sets 26-27 added in the sixth round (a Lagos digital agency, an Amsterdam e-commerce agency), never read:
# 69/92 = 75.0 %, 61/98 = 62.2 % on 794034d and again on 41994dc (their misses are not looked at). The same
# code (41994dc) after reading sets 24-25 and the older sets' misses: sets 4-25 100 / 100 / 98.6 / 98.5 / 92.9 /
# 97.5 / 95.2 / 89.4 / 90.4 / 90.7 / 82.3 / 92.6 / 97.9 / 90.8 / 93.7 / 92.6 / 94.7 / 98.0 / 90.4 / 100 / 100 /
# 96.8 %; none lower than before.
# Sets 28-30 added in the seventh round (a Cape Town agency, a Manila agency, a Chicago insurance brokerage's
# dictating brokers), never read: 79/96 = 82.3 %, 59/95 = 62.1 %, 65/97 = 67.0 % on the round's last code
# (their misses are not looked at). The same code after reading sets 26-27: sets 26-27 94.6 % and 90.8 % (from
# 75.0 % and 62.2 %), sets 4-25 as before except set 10 96.4 %, set 16 99.0 %, set 20 95.8 % (each higher).
# Sets 31-33 added in the eighth round (a Singapore agency, a Berlin B2B agency, a San Antonio HVAC firm), never
# read: 67/100 = 67.0 %, 27/97 = 27.8 %, 72/100 = 72.0 % on 6c7afff, their first run (misses not looked at);
# 67.0 %, 28.9 %, 70.0 % at the end of the round. The same code after reading sets 28-30: 92/96 = 95.8 %, 63/95 =
# 66.3 %, 84/97 = 86.6 % (from 82.3 / 62.1 / 67.0 %); sets 4-27 as before except set 18 (90/95 = 94.7 %, +1).
# Sets 34-36 added in the ninth round (a Dublin SaaS team, a Nairobi agency, an Atlanta real-estate team): 73/99 =
# 73.7 %, 56/98 = 57.1 %, 68/98 = 69.4 % on 89700d2, their first run. That first run's report was printed in full
# by mistake (a one-line summary script printed every item), so sets 34 and 36 have been seen and are no longer an
# honest measure; set 35's items were cut from the output. Sets 37 and 38 were written to replace them (an Ohio
# industrial supplier, an Auckland agency): 72/100 = 72.0 %, 58/96 = 60.4 % on the code of 89700d2, their first run
# (only the shares were printed).
# After the ninth round (7867b96; sets 31-34 and 36 read): 31-38 76.0 / 28.9 / 77.0 / 79.8 / 57.1 / 80.6 / 81.0 /
# 62.5 %, so unread 35 0.0, 37 +9.0, 38 +2.1 points. Older sets lost 1-5 items each (set 4 100 -> 94.0 %, 6 98.6 ->
# 91.9 %, 12 90.4 -> 87.2 %, 20 95.8 -> 92.6 % …), every one of them a new contact given a tag the organization
# keeps for what the person wants ("keen on the vegan tasting menu" -> vegan-menu) where that set's writer gave
# none, or a later bulk step over that tag: those writers almost never tagged new contacts (sets 4, 6, 7, 9, 10: 0
# of 20-27), the later ones (31-36) were asked to and did. The issue asks for product interest to be recorded, so
# the rule stays and set 4's floor moved below it.
# Round nineteen (stop 29) widened the same rule: a tag's word for interest is said by the cue ("interested in
# battery backup" -> battery-interest, as the writers of sets 37 and 50 tag it) and the thing may come before
# "enquiry" ("a photography enquiry", set 48). Set 4's writer tagged none of three such contacts (63 -> 60/67) and
# set 15's one "wedding enquiry" (88 -> 87/95), while sets 37, 48, 50 and 53 gained 7 items by it; set 4's floor moved
# below it again.
FLOORS = {
    4: 0.88,
    5: 0.95,
    6: 0.88,
    7: 0.88,
    8: 0.85,
    9: 0.88,
    10: 0.92,
    11: 0.86,
    12: 0.86,
    13: 0.87,
    14: 0.78,
    15: 0.88,
    16: 0.95,
    17: 0.87,
    18: 0.9,
    19: 0.88,
    20: 0.92,
    21: 0.92,
    22: 0.86,
    23: 0.95,
    24: 0.95,
    25: 0.9,
    26: 0.9,
    27: 0.87,
    28: 0.92,
    29: 0.77,
    30: 0.83,
    31: 0.74,
    32: 0.4,  # 46.4 % after round thirteen's German lexicon
    33: 0.75,
    34: 0.78,
    35: 0.66,  # 73.5 % after round thirteen's Swahili lexicon
    36: 0.79,
    37: 0.79,
    38: 0.61,
    # first run 70.0 / 69.0 / 73.7 % on commit c76fa4a's model (unread in round ten, read in round eleven)
    39: 0.62,
    40: 0.61,
    41: 0.66,
    # first run 42.4 / 80.8 / 66.0 % on commit 1b6bf1b's model (unread in round eleven, read in round twelve)
    42: 0.35,
    43: 0.73,
    44: 0.58,
    # first run 56.2 / 62.6 / 80.8 % on commit fdf1f7b's model (unread in round twelve, read in round thirteen, after
    # which they were 88.5 / 83.8 / 88.9 %)
    45: 0.8,
    46: 0.77,
    47: 0.82,
    # first run 69.0 / 21.2 / 43.3 % on commit 1287ba2's model (unread in round thirteen, read in round fourteen:
    # 86.0 / 57.6 / 73.2 % at its end)
    48: 0.80,
    49: 0.50,
    50: 0.66,
    # first run 54.1 / 69.3 / 50.5 % on commit 6d3cf40's model (unread in round fourteen); 74.5 / 82.2 / 71.1 % at
    # the end of round fifteen, which read them
    51: 0.71,
    52: 0.79,
    53: 0.68,
    # first run 74.7 / 43.6 / 69.6 % on commit 8a999eb's model (unread in round fifteen, read in round sixteen);
    # 93.9 / 75.2 / 93.1 % at the end of round sixteen, which read them
    54: 0.86,
    55: 0.68,
    56: 0.86,
    # first run 72.0 / 61.1 / 78.6 % on commit cc73c34's model (unread in round sixteen, read in round seventeen);
    # 88.0 / 74.7 / 94.9 % after round seventeen's rules (commit 4c497e2's parents), floors 7 points under
    57: 0.81,
    58: 0.67,
    59: 0.87,
    # first run 57.0 / 63.4 / 44.0 % on commit b9c1aa4's model (unread in round seventeen, read in round eighteen:
    # 95 and 81 of 100 on the helpers' branches for 60 and 62)
    60: 0.85,
    61: 0.56,
    62: 0.70,
    # first run 50.5 / 63.4 / 65.0 % on commit cd43a4c's model (unread in round eighteen, read in round nineteen)
    63: 0.43,
    64: 0.56,
    65: 0.58,
    # first run 52.0 / 52.5 / 64.0 % on commit cba0360's model (unread in round nineteen); read in round twenty:
    # 88/100, 100/101 and 94/100 on commit d8fbb2d
    66: 0.82,
    67: 0.93,
    68: 0.88,
    # unread: first run 44.6 / 53.0 / 69.0 % on commit 230b1fa's model; floors leave room for a round's changes
    69: 0.38,
    70: 0.46,
    71: 0.62,
}


@pytest.fixture(scope="module")
async def oracle(pool, db, settings) -> AsyncIterator[tuple[AgentRunner, ScriptedChatModel]]:  # type: ignore[no-untyped-def]
    model = ScriptedChatModel()
    runner = await AgentRunner(pool, settings, model=model, admin_url=db.admin).start()
    yield runner, model
    await runner.aclose()


async def _run(runner: AgentRunner, actor: Any, text: str) -> RunResult:
    thread = await runner.create_thread(actor)
    r = await runner.run(actor, thread, text)
    for _ in range(3):
        if r.status != "interrupted":
            break
        r = await runner.resume(actor, thread, r.run_id, "approve")
    return r


def _script(item: dict[str, Any]) -> list[Any]:
    expected = oracle_calls(item)
    first = specialist_of(expected[0][0])
    return [
        call(f"transfer_to_{first}", task=item["text"]),
        *[call(name, **args) for name, args in expected],
        "Done.",
        "Done.",
    ]


def _oracle_failure(r: RunResult) -> str | None:
    if r.status != "completed":
        return f"run {r.status}: {r.error or r.output[:200]}"
    for tc in r.tool_calls:
        res = tc.get("result")
        if tc.get("status") != "ok" or (isinstance(res, dict) and ("error" in res or "ambiguous" in res)):
            return f"{tc['name']} -> {json.dumps(res, default=str)[:300]}"
    return None


def _calls(r: RunResult) -> list[dict[str, Any]]:
    return [{"name": tc["name"], "args": tc.get("args"), "status": tc.get("status")} for tc in r.tool_calls]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """Every set's result of this session; rewritten to RESULT after each set (EVALS.md reads it)."""
    return {"date": date.today().isoformat()}


# One test per set: each is about 200 requests through the real runner twice (oracle and local model), 20-60 s
# depending on the machine's load, so one slow or failing set neither hides nor times out the others.
@pytest.mark.timeout(600)
@pytest.mark.parametrize("n", SETS)
async def test_outcome_on_blind_set(n: int, oracle, pool, settings, report) -> None:  # type: ignore[no-untyped-def]
    oracle_runner, script_model = oracle
    started = time.perf_counter()
    items, vocab = load_set(n)
    todo = write_items(items)
    org_a = await build_org(pool, vocab, todo, seed=n, tag="a")
    org_b = await build_org(pool, vocab, todo, seed=n, tag="b")
    snap_a, snap_b = await snapshot(pool, org_a), await snapshot(pool, org_b)
    assert snap_a == snap_b, "the two organizations must start identical"
    model = LocalChatModel(
        today=date.fromisoformat(vocab["today"]), cache_dir=ROOT / ".leadloom-test" / "cache" / "local_model"
    )
    local = await AgentRunner(pool, settings, model=model).start()
    correct, scored = 0, 0
    misses, oracle_failed, oracle_noop, touched = [], [], [], []
    try:
        for item in todo:
            ra = await _run(local, org_a, item["text"])
            after_a = await snapshot(pool, org_a)
            script_model.script, script_model.position = _script(item), 0
            rb = await _run(oracle_runner, org_b, item["text"])
            after_b = await snapshot(pool, org_b)
            da, db_ = delta(snap_a, after_a), delta(snap_b, after_b)
            snap_a, snap_b = after_a, after_b
            failure = _oracle_failure(rb)
            if failure:
                oracle_failed.append({"text": item["text"], "why": failure, "model_calls": _calls(ra)})
                continue
            scored += 1
            touched.append({"text": item["text"], "records": len(db_), "correct": da == db_})
            if not db_:
                oracle_noop.append(item["text"])
            if da == db_:
                correct += 1
                continue
            keys = sorted(set(da) | set(db_))
            diff = {k: {"model": da.get(k), "oracle": db_.get(k)} for k in keys if da.get(k) != db_.get(k)}
            misses.append(
                {
                    "text": item["text"],
                    "status": ra.status,
                    "expected": item["calls"],
                    "model_calls": _calls(ra),
                    "output": ra.output[:200],
                    "diff": diff,
                }
            )
    finally:
        await local.aclose()
    share = correct / scored if scored else 0.0
    report[f"set{n}"] = {
        "requests": scored,
        "correct": correct,
        "share": share,
        "seconds": round(time.perf_counter() - started, 1),
        "misses": misses,
        "oracle_failed": oracle_failed,
        "oracle_noop": oracle_noop,
        "items": touched,
    }
    if n in UNREAD:
        # an unread set's requests must not reach anyone through the report either: counts only
        report[f"set{n}"].update(
            misses=len(misses), oracle_failed=len(oracle_failed), oracle_noop=len(oracle_noop), items=len(touched)
        )
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    line = (
        f"blind set {n}: outcome {correct}/{scored} = {share:.1%} "
        f"({len(oracle_failed)} oracle failures left out, {len(oracle_noop)} no-op items)"
    )
    print(line)
    shown = "(the misses of an unread set are not shown)" if n in UNREAD else misses
    assert share >= FLOORS[n], (line, shown)
