"""A local fake of the LangSmith API: just enough for ``Client`` to create datasets, examples, an experiment
(a "session"), runs and feedback. Every request is recorded (method, path, query, body) for assertions.

It is a plain ``ThreadingHTTPServer`` on 127.0.0.1 and a free port, so the test needs no network.
"""

from __future__ import annotations

import gzip
import json
import threading
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TENANT = "00000000-0000-4000-8000-00000000feed"


def _now() -> str:
    return datetime.now(UTC).isoformat()


class FakeLangSmith:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.datasets: dict[str, dict[str, Any]] = {}
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self.sessions: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                return

            def _body(self) -> Any:
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n) if n else b""
                if self.headers.get("Content-Encoding") == "gzip" or raw[:2] == b"\x1f\x8b":
                    raw = gzip.decompress(raw)
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    try:
                        return json.loads(raw or b"null")
                    except ValueError:
                        return raw
                return raw

            def _handle(self, method: str) -> None:
                url = urlparse(self.path)
                body = self._body() if method in ("POST", "PATCH", "PUT") else None
                with fake.lock:
                    fake.calls.append(
                        {"method": method, "path": url.path, "query": parse_qs(url.query),
                         "body": body, "content_type": self.headers.get("Content-Type", "")}
                    )  # fmt: skip
                    status, payload = fake.route(method, url.path, parse_qs(url.query), body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

            def do_PUT(self) -> None:
                self._handle("PUT")

            def do_DELETE(self) -> None:
                self._handle("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLangSmith:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- the API ----------------------------------------------------------------------------------------
    def _dataset(self, body: dict[str, Any]) -> dict[str, Any]:
        ds = {
            "id": str(uuid.uuid4()),
            "name": body["name"],
            "description": body.get("description"),
            "data_type": body.get("data_type", "kv"),
            "metadata": body.get("extra", {}).get("metadata") if body.get("extra") else body.get("metadata"),
            "created_at": _now(),
            "modified_at": _now(),
            "example_count": 0,
            "session_count": 0,
            "tenant_id": TENANT,
        }
        self.datasets[ds["id"]] = ds
        self.examples[ds["id"]] = []
        return ds

    def route(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        path = path.rstrip("/")
        if path.endswith("/info"):
            # JSON batches (not multipart) keep the recorded run uploads easy to read.
            config = {
                "use_multipart_endpoint": False,
                "scale_up_qsize_trigger": 1000,
                "scale_up_nthreads_limit": 4,
                "scale_down_nempty_trigger": 4,
                "size_limit": 100,
                "size_limit_bytes": 20_971_520,
            }
            return 200, {"version": "0.0.0-fake", "batch_ingest_config": config}
        if path.endswith("/datasets") and method == "GET":
            names = query.get("name", [])
            found = [d for d in self.datasets.values() if not names or d["name"] in names]
            return 200, found
        if path.endswith("/datasets") and method == "POST":
            return 200, self._dataset(body)
        if "/datasets/" in path and method == "GET":
            ds_id = path.split("/datasets/")[1].split("/")[0]
            return (200, self.datasets[ds_id]) if ds_id in self.datasets else (404, {"detail": "not found"})
        if path.endswith("/examples/bulk") or path.endswith("/examples/multipart") or path.endswith("/examples"):
            items = body if isinstance(body, list) else []
            for item in items:
                self.examples.setdefault(str(item.get("dataset_id")), []).append(item)
            ids = [str(i.get("id") or uuid.uuid4()) for i in items]
            if path.endswith("/examples/bulk"):
                return 200, [{"id": i} for i in ids]
            return 200, {"example_ids": ids, "count": len(ids)}
        if path.endswith("/sessions") and method == "POST":
            s = {
                "id": str(body.get("id") or uuid.uuid4()),
                "name": body.get("name"),
                "start_time": body.get("start_time") or _now(),
                "reference_dataset_id": body.get("reference_dataset_id"),
                "tenant_id": TENANT,
                "extra": body.get("extra"),
            }
            self.sessions[s["id"]] = s
            return 200, s
        if path.endswith("/sessions") and method == "GET":
            names = query.get("name", [])
            return 200, [s for s in self.sessions.values() if not names or s["name"] in names]
        if "/sessions/" in path:
            sid = path.split("/sessions/")[1].split("/")[0]
            return 200, self.sessions.get(
                sid, {"id": sid, "name": "unknown", "start_time": _now(), "tenant_id": TENANT}
            )
        if path.endswith("/feedback") and method == "POST":
            return 200, {"id": str(body.get("id") or uuid.uuid4()), **(body if isinstance(body, dict) else {})}
        if "/runs" in path:
            return 202 if method == "POST" else 200, {}
        return 200, {}

    # ---- what the test asks ------------------------------------------------------------------------------
    def paths(self, method: str | None = None) -> list[str]:
        return [c["path"] for c in self.calls if method is None or c["method"] == method]
