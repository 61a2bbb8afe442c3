"""The local model's speed helpers behave exactly like what they replace.

rx: re's functions with a larger pattern cache. crm.threads: BLAS limited to one thread inside the context,
restored after. find_in: one cdist call gives extractOne's answer (the longest, then best-scoring n-gram).
"""

from __future__ import annotations

import re

import numpy as np

from leadloom.agents.local import rx
from leadloom.agents.local.extract import Matcher
from leadloom.agents.local.vocabulary import Vocabulary
from leadloom.crm.threads import controller, single_thread


def test_rx_functions_match_re():
    text = "Move Ana María to SQL; tag her vip, VIP-2 and hot-lead. Call 503-555-0148."
    cases = [
        ("search", (r"\bvip\b", text, re.I)),
        ("match", (r"move\s+(\w+)", text, re.I)),
        ("fullmatch", (r"[\w\s;.,:-]+", "tag her vip")),
        ("findall", (r"\b\d{3}\b", text)),
        ("split", (r"[;.]\s*", text, 1)),
        ("sub", (r"vip", "VIP", text, 1, re.I)),
        ("subn", (r"\d", "#", text)),
    ]
    for name, args in cases:
        got, want = getattr(rx, name)(*args), getattr(re, name)(*args)
        if isinstance(want, re.Match):
            assert got.span() == want.span() and got.groups() == want.groups()
        else:
            assert got == want, name
    assert [m.span() for m in rx.finditer(r"vip", text, rx.I)] == [m.span() for m in re.finditer(r"vip", text, re.I)]
    assert rx.compile(re.compile("a")).pattern == "a"  # a compiled pattern passes through
    assert rx.escape("a.b") == re.escape("a.b") and rx.error is re.error and rx.A == re.A  # the rest is re's own


def test_rx_keeps_more_patterns_than_re():
    first = rx.compile(r"\bfirst-pattern-of-many\b", rx.I)
    for i in range(2000):  # re's own cache holds 512
        rx.compile(rf"\bpattern-{i}\b", rx.I)
    assert rx.compile(r"\bfirst-pattern-of-many\b", rx.I) is first


def test_single_thread_limits_blas_and_restores():
    np.ones((4, 4)) @ np.ones((4, 4))  # numpy's BLAS is loaded
    before = [lib["num_threads"] for lib in controller().info()]
    with single_thread():
        assert all(lib["num_threads"] == 1 for lib in controller().info())
    assert [lib["num_threads"] for lib in controller().info()] == before


def test_find_in_prefers_longest_then_best_ngram():
    m = Matcher(
        Vocabulary(contacts=["Ana María López", "Ana Lopes", "Marco Rossi"], companies=["Rossi & Figli S.r.l."])
    )
    assert m.find_in("please move ana maria lopez to sql", m.vocab.contacts) == "Ana María López"
    assert m.find_in("call Ana Lopes tomorrow", m.vocab.contacts) == "Ana Lopes"
    assert m.find_in("met marco rossi at the fair", m.vocab.contacts) == "Marco Rossi"
    assert m.find_in("he works at rossi figli now", m.vocab.companies) == "Rossi & Figli S.r.l."
    assert m.find_in("nothing to see here", m.vocab.contacts) is None
    assert m.find_in("anything", []) is None


def test_a_copy_for_another_organization_masks_afresh():
    from leadloom.agents.local import LocalChatModel

    a = LocalChatModel(vocabulary={"contacts": ["Marco Rossi"], "companies": [], "users": [], "tags": []})
    a._rank("move Marco Rossi to sql")
    b = a.with_vocabulary({"contacts": ["Ana Lopes"], "companies": [], "users": [], "tags": []})
    assert b._masked == {} and "move Marco Rossi to sql" in a._masked
