"""An organization's country / date order: set over the API (validated, audited, admins only) and used by
the local model to read "3/4" the way that organization's people write dates."""

from __future__ import annotations

from datetime import date

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel, load_vocabulary
from leadloom.crm.context import Actor
from leadloom.crm.errors import PermissionDeniedError
from leadloom.crm.services import orgs
from leadloom.tools.contacts import update_contact


async def test_set_and_read_the_locale_over_the_api(client):
    assert (await client.get("/api/v1/org/locale")).json() == {"country": None, "date_order": None}
    r = await client.patch("/api/v1/org/locale", json={"country": "au"})
    assert r.status_code == 200 and r.json() == {"country": "AU", "date_order": None}
    assert (await client.get("/api/v1/org/locale")).json()["country"] == "AU"
    audit = (await client.get("/api/v1/audit", params={"action": "settings_change"})).json()
    entry = audit["items"][0]
    assert entry["before"]["country"] is None and entry["after"]["country"] == "AU"


@pytest.mark.parametrize(
    ("body", "field"),
    [({"country": "Australia"}, "country"), ({"date_order": "dm"}, "date_order"), ({"contry": "AU"}, "contry")],
)
async def test_bad_locale_is_a_problem_naming_the_field(client, body, field):
    r = await client.patch("/api/v1/org/locale", json=body)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert field in r.text
    assert (await client.get("/api/v1/org/locale")).json() == {"country": None, "date_order": None}


async def test_a_rep_cannot_change_the_locale(pool, org, actor):
    rep = await orgs.create_user(pool, actor, email="rep.locale@example.org", name="Rita Rep", role="rep")
    with pytest.raises(PermissionDeniedError):
        await orgs.set_locale(pool, Actor(org_id=actor.org_id, user_id=rep["id"], role="rep"), {"country": "DE"})


async def test_the_local_model_reads_dates_the_organization_way(pool, actor):
    assert (await load_vocabulary(pool, actor)).day_first is False  # no country: month first, as before
    await orgs.set_locale(pool, actor, {"country": "AU"})
    vocab = await load_vocabulary(pool, actor)
    assert vocab.day_first is True
    assert vocab.country == "AU"  # a bare "$" on a new deal is then AUD
    vocab.contacts = ["Connor O'Sullivan"]
    model = LocalChatModel(vocabulary=vocab, today=date(2037, 3, 11)).bind_tools([update_contact])
    msg = model.invoke([HumanMessage("follow up with Connor O'Sullivan 3/4")])
    assert msg.tool_calls[0]["args"]["changes"] == {"next_follow_up": "2037-04-03"}
    await orgs.set_locale(pool, actor, {"date_order": "mdy"})  # the explicit order wins over the country
    assert (await load_vocabulary(pool, actor)).day_first is False


async def test_an_empty_change_writes_nothing(client):
    r = await client.patch("/api/v1/org/locale", json={})
    assert r.status_code == 200 and r.json() == {"country": None, "date_order": None}
    assert (await client.get("/api/v1/audit", params={"action": "settings_change"})).json()["items"] == []
