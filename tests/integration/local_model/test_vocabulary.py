"""load_vocabulary reads one organization's words on the real database, and only that organization's."""

from __future__ import annotations

from leadloom.agents.local import Vocabulary, load_vocabulary
from leadloom.crm.db.pool import org_tx
from tests.conftest import new_org


async def _seed(pool, org_id) -> None:  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        await conn.execute("INSERT INTO companies (org_id, name) VALUES (%s, 'Sunrise Dental')", (org_id,))
        await conn.execute(
            "INSERT INTO contacts (org_id, first_name, last_name, tags, lead_source) "
            "VALUES (%s, 'Jane', 'Doe', '{vip,webinar-2026}', 'podcast')",
            (org_id,),
        )


async def test_load_vocabulary(pool, org, actor) -> None:  # type: ignore[no-untyped-def]
    await _seed(pool, actor.org_id)
    other = await new_org(pool, name="Other Agency")
    async with org_tx(pool, other.org["id"]) as conn:
        await conn.execute("INSERT INTO companies (org_id, name) VALUES (%s, 'Hidden Co')", (other.org["id"],))

    vocab = await load_vocabulary(pool, actor)
    assert isinstance(vocab, Vocabulary)
    assert vocab.companies == ["Sunrise Dental"]
    assert vocab.contacts == ["Jane Doe"]
    assert vocab.tags == ["vip", "webinar-2026"]
    assert vocab.lead_sources == ["podcast"]
    assert any(s["key"] == "customer" for s in vocab.lifecycle_stages)
    assert "Closed Won" in vocab.deal_stages
    assert [u["email"] for u in vocab.users] == [org.owner["email"]]
