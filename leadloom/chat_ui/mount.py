"""Mount the Chainlit app under a path of the Leadloom server (``mount_chat``), offline-ready.

Chainlit reads its folder (config, translations, uploads, public files) from ``CHAINLIT_APP_ROOT`` and
its session-token secret from ``CHAINLIT_AUTH_SECRET`` when it is first imported, so both are set here
before that import. The folder lives in Leadloom's data directory and is refreshed from the package at
every start: ``config.toml`` and ``public/`` come from this package, and ``build/`` is Chainlit's own
frontend with the Google Fonts and CDN (KaTeX) links taken out of ``index.html``, so the page requests
nothing from outside hosts.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
from pathlib import Path
from typing import Any

from leadloom.crm.settings import Settings

HERE = Path(__file__).resolve().parent
_mounted: dict[str, Any] = {}

# <link>s to outside hosts in Chainlit's index.html: the Google Fonts preconnects and stylesheet, KaTeX.
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*href=\"https?://[^\"]*\"[^>]*/?>\s*", re.IGNORECASE | re.DOTALL)


def _chainlit_frontend() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("chainlit")
    assert spec is not None and spec.origin is not None, "chainlit is not installed"
    return Path(spec.origin).parent / "frontend" / "dist"


def offline_index(html: str) -> str:
    """Chainlit's index.html without links to outside hosts (fonts come from the system, see leadloom.css)."""
    return _EXTERNAL_LINK.sub("", html)


def prepare_root(settings: Settings) -> Path:
    """Write the Chainlit folder for this process and return it."""
    root = (settings.data_dir / "chat_ui").resolve()
    (root / ".chainlit").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "config.toml", root / ".chainlit" / "config.toml")
    shutil.copytree(HERE / "public", root / "public", dirs_exist_ok=True)
    dist = _chainlit_frontend()
    build = root / "build"
    build.mkdir(exist_ok=True)
    for item in dist.iterdir():
        if item.name == "index.html":
            continue
        link = build / item.name
        # Links, not copies: the bundle is tens of megabytes and belongs to the installed chainlit.
        if link.is_symlink() or link.exists():
            if link.is_symlink() and link.resolve() == item.resolve():
                continue
            if link.is_dir() and not link.is_symlink():
                shutil.rmtree(link)
            else:
                link.unlink()
        link.symlink_to(item, target_is_directory=item.is_dir())
    (build / "index.html").write_text(offline_index((dist / "index.html").read_text(encoding="utf-8")), "utf-8")
    return root


def _auth_secret(settings: Settings) -> str:
    # Derived, not reused: a leaked chat session secret must not reveal the app's secret key.
    return hmac.new(settings.secret_key.encode(), b"leadloom-chainlit-session", hashlib.sha256).hexdigest()


def mount_chat(app: Any, settings: Settings, *, path: str = "/chat") -> None:
    """Mount the chat on ``app`` at ``path``. Chainlit's server is one per process: a second app in the
    same process (tests) gets the same server mounted, not a second one."""
    if "server" in _mounted:
        app.mount(path, _mounted["server"])
        return
    root = prepare_root(settings)
    # Chainlit takes these two from the environment only (read when chainlit.config is first imported).
    os.environ["CHAINLIT_APP_ROOT"] = str(root)
    os.environ.setdefault("CHAINLIT_AUTH_SECRET", _auth_secret(settings))
    from chainlit.utils import mount_chainlit

    mount_chainlit(app, target=str(HERE / "app.py"), path=path)
    from chainlit.server import app as chainlit_server

    _mounted["server"] = chainlit_server
