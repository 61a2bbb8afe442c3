"""The real Leadloom server (``leadloom.main.build_app`` under uvicorn) for the browser test, run as a
subprocess: ``python -m tests.e2e.chat_server PORT [--model rules|local]``.

Configuration comes from the environment like ``leadloom serve`` (DATABASE_URL, LEADLOOM_DATA_DIR,
LEADLOOM_SLACK_*). With ``--model rules`` (the default) the agents run on the rule-based stand-in of
tests/e2e/crm_model.py, injected where the runner asks for its model; with ``--model local`` on
Leadloom's own offline model.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--model", choices=("rules", "local"), default="rules")
    opts = parser.parse_args()
    if opts.model == "rules":
        from leadloom.agents import models
        from tests.e2e.crm_model import CrmRuleModel

        # AgentRunner.start() looks the factory up on the module when it starts, so this is the test hook.
        models.get_chat_model = lambda *a, **k: CrmRuleModel()  # type: ignore[assignment]

    import uvicorn

    from leadloom.crm.settings import Settings
    from leadloom.main import build_app

    uvicorn.run(build_app(Settings()), host="127.0.0.1", port=opts.port, log_level="warning")


if __name__ == "__main__":
    main()
