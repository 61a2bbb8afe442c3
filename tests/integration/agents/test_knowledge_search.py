"""Knowledge search on the real database: exact nearest neighbours inside the organization, whatever other
organizations hold, and words said exactly found through full-text search (migration 0091)."""

from __future__ import annotations

import uuid

import numpy as np

from leadloom.crm.context import Actor
from leadloom.crm.db.pool import org_tx
from leadloom.crm.repositories import knowledge as repo
from leadloom.memory.embeddings import DIMS
from leadloom.memory.indexer import any_of_words, index_pending, search_knowledge
from tests.conftest import new_org
from tests.integration.agents.conftest import add_contact


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIMS)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


async def _store(pool, org_id, vectors: np.ndarray) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    ids = [uuid.uuid4() for _ in range(len(vectors))]
    async with org_tx(pool, org_id) as conn:
        for sid, vec in zip(ids, vectors, strict=True):
            await repo.upsert_chunk(
                conn, org_id=org_id, source_type="activity", source_id=sid, contact_id=None,
                text="note", embedding=vec.tolist(), source_updated_at=None,
            )  # fmt: skip
    return ids


async def test_nearest_chunks_are_exact_and_a_small_org_gets_all_of_its_own(pool) -> None:  # type: ignore[no-untyped-def]
    """A big organization next to a small one: each search ranks its own chunks by exact cosine. With one
    approximate graph over the whole table (before 0091) the small organization's few chunks were mostly
    not among the graph's 40 candidates, and row-level security then filtered the rest away."""
    rng = np.random.default_rng(7)
    big, small = await new_org(pool, "Big Agency"), await new_org(pool, "Small Studio")
    big_vecs, small_vecs = _unit(rng, 1500), _unit(rng, 5)
    big_ids = await _store(pool, big.org["id"], big_vecs)
    small_ids = await _store(pool, small.org["id"], small_vecs)
    query = _unit(rng, 1)[0]
    async with org_tx(pool, small.org["id"]) as conn:
        mine = await repo.search_chunks(conn, embedding=query.tolist(), words="", limit=10)
    assert [r["source_id"] for r in mine] == [small_ids[i] for i in np.argsort(-(small_vecs @ query))]
    async with org_tx(pool, big.org["id"]) as conn:
        theirs = await repo.search_chunks(conn, embedding=query.tolist(), words="", limit=20)
    assert [r["source_id"] for r in theirs] == [big_ids[i] for i in np.argsort(-(big_vecs @ query))[:20]]
    assert all(abs(r["similarity"] - float(big_vecs[big_ids.index(r["source_id"])] @ query)) < 1e-5 for r in theirs)


async def test_words_said_exactly_find_their_note_among_many(pool, actor: Actor) -> None:
    org = actor.org_id
    ana = await add_contact(pool, org, "Ana", "Silva")
    async with org_tx(pool, org) as conn:
        for i in range(40):
            await conn.execute(
                "INSERT INTO activities (org_id, type, subject, body, contact_id) VALUES (%s, 'note', %s, %s, %s)",
                (org, f"Check-in {i}", f"Talked through the monthly report and next steps for campaign {i}", ana),
            )
        cur = await conn.execute(
            "INSERT INTO activities (org_id, type, subject, body, contact_id) "
            "VALUES (%s, 'call', 'Renewal', %s, %s) RETURNING id",
            (org, "They want twelve more Quillmark seats before the renewal", ana),
        )
        quillmark = (await cur.fetchone())["id"]
    await index_pending(pool, org)
    hits = await search_knowledge(pool, actor, "who asked about quillmark?", limit=5)
    assert hits[0]["source_id"] == quillmark
    # A question of stop words and operators only still answers by meaning, and never fails to parse.
    assert len(await search_knowledge(pool, actor, 'what about "it" - or -', limit=5)) == 5


def test_any_of_words_joins_words_and_drops_operators() -> None:
    assert any_of_words('Willow HQ: pricing -discount OR "mobile"?') == "Willow or HQ or pricing or discount or mobile"
    assert any_of_words("--- ?") == ""
