"""A company read up to a full stop keeps the rest of its legal form (args.with_legal_form)."""

from __future__ import annotations

import pytest

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.args import with_legal_form
from tests.unit.local_model.conftest import contact_calls


@pytest.mark.parametrize(
    ("company", "text", "full"),
    [
        ("Ferri Arredi S", "add Nina Rossi, Ferri Arredi S.r.l., CFO, nina@ferri.it", "Ferri Arredi S.r.l."),
        ("Tessile Bruni S", "Marco Bruni at Tessile Bruni S.p.A. is the new buyer", "Tessile Bruni S.p.A."),
        ("Kumar Exports Pvt", "new: Ravi Kumar, Kumar Exports Pvt. Ltd., ravi@ke.in", "Kumar Exports Pvt. Ltd."),
        ("Harbour Kayak Co", "owner of Harbour Kayak Co. in Hobart", "Harbour Kayak Co."),
        ("Yamato Ryokan Co", "Aiko Mori, Yamato Ryokan Co., Ltd., aiko@yamato.jp", "Yamato Ryokan Co., Ltd."),
        ("Nowak Logistics Sp", "dodaj: Jan Nowak, Nowak Logistics Sp. z o.o., jan@nl.pl", "Nowak Logistics Sp. z o.o."),
        ("Bright Signs Inc", "add Lee Park, CMO at Bright Signs Inc.", "Bright Signs Inc."),
    ],
)
def test_the_legal_form_is_kept_whole(company: str, text: str, full: str) -> None:
    assert with_legal_form(company, text) == full


@pytest.mark.parametrize(
    ("company", "text"),
    [
        ("Harbour Kayak", "Ben at Harbour Kayak. He wants a quote"),  # a sentence's full stop, no legal form
        ("Harbour Kayak Co.", "Ben at Harbour Kayak Co. and Sons"),  # already whole; "and" is no form
        ("Harbour Kayak Co", "Ben at Harbour Kayak Co, CEO, ben@hk.com"),  # typed without the stop
        ("Dawson Media", "Tom Dawson, Dawson Media. AS discussed, tag him"),  # a capitalised word after a stop
        ("Sol Energy", "someone at sol energy"),  # said in other case: left as it is
    ],
)
def test_nothing_else_is_added(company: str, text: str) -> None:
    assert with_legal_form(company, text) == company


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("create the company Delft Tiles B.V., industry ceramics", "Delft Tiles B.V."),
        ("new company: Arashiyama Fans K.K. (kyoto fans)", "Arashiyama Fans K.K."),
    ],
)
def test_a_new_company_keeps_its_dotted_form(model: LocalChatModel, text: str, name: str) -> None:
    # the stops of "B.V." are the company's, the last one too; read up to the full stop it was "B.V"
    first = contact_calls(model, text)[0]
    assert first[0] == "create_company" and first[1]["name"] == name
