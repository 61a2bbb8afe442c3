"""A local fake of the Slack Web API for e2e tests: a real HTTP server (aiohttp) on a free port that
answers the methods the bot uses and records every call, so tests assert what the bot said and where.

It also signs requests the way Slack does (``signed``), so tests post genuine Slack payloads to
/slack/events and bolt verifies them exactly as it would in production.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

BOT_USER = "UBOT"
TEAM = "T0001"


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class FakeSlack:
    """``users`` maps Slack user ids to emails; ids not in it are unknown to Slack's users.info."""

    users: dict[str, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    url: str = ""
    _runner: web.AppRunner | None = None
    # Socket Mode: the bot's open WebSocket and the acks it sent back (envelope ids).
    socket: web.WebSocketResponse | None = None
    acks: list[dict[str, Any]] = field(default_factory=list)
    _ts: Any = field(default_factory=lambda: itertools.count(1))

    async def start(self) -> FakeSlack:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # ---- what was called ---------------------------------------------------------------------------

    def of(self, method: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 60.0, **match: Any) -> list[dict[str, Any]]:
        """The calls of ``method`` whose args contain ``match``, once there are ``count`` of them."""
        deadline = time.monotonic() + timeout
        while True:
            found = [a for a in self.of(method) if all(a.get(k) == v for k, v in match.items())]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} {match} called {len(found)} times, wanted {count}: {self.calls}")
            await asyncio.sleep(0.05)

    # ---- the API -----------------------------------------------------------------------------------

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        for key in ("blocks", "files"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        self.calls.append(Call(method, args))
        body: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            body.update(user_id=BOT_USER, bot_id="BBOT", team_id=TEAM, user="leadloom", team="Acme", url=self.url)
        elif method == "users.info":
            uid = args.get("user")
            if uid not in self.users:
                return web.json_response({"ok": False, "error": "user_not_found"})
            email = self.users[uid]
            body["user"] = {"id": uid, "team_id": TEAM, "profile": {"email": email} if email else {}}
        elif method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") if method == "chat.update" else self._next_ts()
            args["_ts"] = ts  # recorded with the call, so tests can refer to the message like Slack would
            body.update(channel=args.get("channel"), ts=ts, message={"text": args.get("text"), "ts": ts})
        elif method == "chat.postEphemeral":
            body["message_ts"] = self._next_ts()
        elif method == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + 1:04d}"
            self.uploads[file_id] = b""
            body.update(upload_url=f"{self.url}/upload/{file_id}", file_id=file_id)
        elif method == "files.completeUploadExternal":
            body["files"] = [{"id": f["id"], "title": f.get("title")} for f in args.get("files") or []]
        elif method == "apps.connections.open":
            body["url"] = self.url.replace("http://", "ws://") + "/socket"
        elif method == "views.open":
            body["view"] = {"id": "V1", **(json.loads(args["view"]) if isinstance(args.get("view"), str) else {})}
        return web.json_response(body)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.socket = ws
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}})
        async for msg in ws:
            if msg.type == web.WSMsgType.TEXT:
                self.acks.append(json.loads(msg.data))
        return ws

    async def push(self, envelope_type: str, payload: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any]:
        """Deliver a Socket Mode envelope to the connected bot and return its ack."""
        deadline = time.monotonic() + timeout
        while self.socket is None:
            if time.monotonic() > deadline:
                raise AssertionError("the bot never opened its Socket Mode connection")
            await asyncio.sleep(0.05)
        envelope_id = f"env-{len(self.acks) + 1}-{time.monotonic_ns()}"
        await self.socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": envelope_type,
                "payload": payload,
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
            }
        )
        while True:
            for ack in self.acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            if time.monotonic() > deadline:
                raise AssertionError(f"no ack for {envelope_id}: {self.acks}")
            await asyncio.sleep(0.05)

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        if request.content_type.startswith("multipart/"):
            # slack_sdk may post the file as a form part; keep the part's bytes.
            reader = await request.multipart()
            part = await reader.next()
            data = await part.read() if part is not None else b""  # type: ignore[union-attr]
        self.uploads[request.match_info["file_id"]] = data
        self.calls.append(Call("upload", {"file_id": request.match_info["file_id"], "bytes": len(data)}))
        return web.Response(text=f"OK - {len(data)}")


def signed(secret: str, body: str, *, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request signature headers for ``body`` (v0=HMAC-SHA256 of "v0:{ts}:{body}")."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], *, event_id: str) -> str:
    return json.dumps(
        {
            "token": "legacy-unused",
            "team_id": TEAM,
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
            "event": event,
        }
    )


def form_body(fields: dict[str, Any]) -> str:
    return urlencode(fields)


def action_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})
