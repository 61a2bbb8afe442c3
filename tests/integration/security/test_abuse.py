"""Abuse limits: per-key and anonymous rate limits (429 problem with Retry-After), request timeouts (504
problem), security headers that leave /docs usable, CORS off by default, and no secrets in logs."""

from __future__ import annotations

import asyncio
import logging

import httpx
from fastapi import APIRouter

from leadloom.api.app import create_app
from leadloom.crm import logsafety
from tests.conftest import new_org


def _client(app, key: str | None = None) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", headers=headers)


async def test_rate_limit_per_key_and_per_address(db, settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(
        settings.model_copy(update={"rate_limit": "5/minute", "rate_limit_anonymous": "3/minute"}),
        urls=db,
        migrate=False,
    )
    async with app.router.lifespan_context(app):
        first, second = await new_org(app.state.pool), await new_org(app.state.pool)
        async with _client(app, first.api_key) as a, _client(app, second.api_key) as b, _client(app) as anon:
            assert [(await a.get("/api/v1/me")).status_code for _ in range(5)] == [200] * 5
            r = await a.get("/api/v1/me")
            assert r.status_code == 429
            assert r.headers["content-type"].startswith("application/problem+json")
            assert 1 <= int(r.headers["retry-after"]) <= 60
            # Another key has its own budget.
            assert (await b.get("/api/v1/me")).status_code == 200
            codes = [
                (await anon.post("/api/v1/auth/login", json={"email": "x@y.example", "password": "p" * 12})).status_code
                for _ in range(4)
            ]
            assert codes == [401, 401, 401, 429]


async def test_slow_requests_end_with_a_504_problem(db, settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(settings.model_copy(update={"request_timeout_s": 0.2}), urls=db, migrate=False)
    slow = APIRouter()

    @slow.get("/api/v1/test-slow")
    async def _slow() -> dict[str, str]:
        await asyncio.sleep(5)
        return {"never": "sent"}

    app.include_router(slow)
    async with app.router.lifespan_context(app), _client(app) as c:
        r = await c.get("/api/v1/test-slow")
        assert r.status_code == 504
        assert r.json()["title"] == "Request timeout"


async def test_security_headers_and_no_cors_by_default(client) -> None:  # type: ignore[no-untyped-def]
    r = await client.get("/api/v1/me", headers={"Origin": "https://elsewhere.example"})
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in r.headers  # plain http
    assert "access-control-allow-origin" not in r.headers
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers
    assert docs.headers["x-frame-options"] == "SAMEORIGIN"


async def test_cors_allows_configured_origins_only(db, settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(settings.model_copy(update={"cors_origins": ["https://app.example"]}), urls=db, migrate=False)
    async with app.router.lifespan_context(app), _client(app) as c:
        pre = {"Access-Control-Request-Method": "POST"}
        ok = await c.options("/api/v1/contacts", headers={"Origin": "https://app.example", **pre})
        assert ok.headers["access-control-allow-origin"] == "https://app.example"
        bad = await c.options("/api/v1/contacts", headers={"Origin": "https://evil.example", **pre})
        assert "access-control-allow-origin" not in bad.headers


def test_secrets_are_masked_in_logs(caplog) -> None:  # type: ignore[no-untyped-def]
    logsafety.install()
    log = logging.getLogger("leadloom.test.secrets")
    key = "ll_0a1b2c3d_" + "S" * 43
    with caplog.at_level(logging.INFO):
        log.info("request with Authorization: Bearer %s", key)
        log.info("login %s", {"email": "a@b.example", "password": "hunter2-secret"})
        log.info("slack token xoxb-1234567890-abcdefghij and app xapp-1-A0-123-abcdef")
        log.info("db postgresql://leadloom:s3cret-pw@db.example:5432/leadloom")
        log.info("cookie leadloom_session=abcdefghijklmnop; path=/")
        try:
            raise ValueError(f"bad key {key}")
        except ValueError:
            log.exception("failed")
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    for secret in ("S" * 43, "hunter2-secret", "xoxb-1234567890", "xapp-1-A0", "s3cret-pw", "abcdefghijklmnop"):
        assert secret not in text, secret
    assert "ll_0a1b2c3d_[redacted]" in text  # the key's prefix stays, so the key can still be identified
    assert "a@b.example" in text  # ordinary data is left alone
