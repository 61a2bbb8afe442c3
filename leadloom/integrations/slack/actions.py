"""Approval buttons (Block Kit ``block_actions``) and the edit modal.

Approve and Reject ack and resume the run in the background. Edit opens a modal with the arguments as
JSON; Slack's trigger_id is valid for 3 seconds, so the modal opens before the ack returns. Who may answer
(the person who asked, or a manager, admin or owner) is checked in ``SlackBot.decide``.
"""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from leadloom.integrations.slack.bot import SlackBot, SlackPlace, parse_value

EDIT_VIEW = "leadloom_edit_modal"


def _place(body: dict[str, Any]) -> tuple[SlackPlace, str | None]:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    message = body.get("message") or {}
    thread_ts = message.get("thread_ts") or message.get("ts")
    team = (body.get("team") or {}).get("id") or ""
    return SlackPlace(team=team, channel=str(channel), thread_ts=thread_ts, key=thread_ts or ""), message.get("ts")


def register(app: AsyncApp, bot: SlackBot) -> None:
    @app.action("leadloom_approve")
    async def approve(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        thread_id, run_id = parse_value(action["value"])
        place, message_ts = _place(body)
        bot.spawn(bot.decide(body["user"]["id"], place, thread_id, run_id, "approve", message_ts=message_ts))

    @app.action("leadloom_reject")
    async def reject(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        thread_id, run_id = parse_value(action["value"])
        place, message_ts = _place(body)
        reason = f"rejected in Slack by <@{body['user']['id']}>"
        bot.spawn(
            bot.decide(body["user"]["id"], place, thread_id, run_id, "reject", reason=reason, message_ts=message_ts)
        )

    @app.action("leadloom_edit")
    async def edit(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        thread_id, run_id = parse_value(action["value"])
        place, message_ts = _place(body)
        args: dict[str, Any] = {}
        owner = await bot.owner_of(thread_id)
        if owner is not None and bot.runner is not None:
            pending = await bot.runner.pending_interrupts(owner, thread_id)
            args = (pending[0].get("args") if pending else None) or {}
        meta = {
            "thread_id": thread_id,
            "run_id": run_id,
            "channel": place.channel,
            "thread_ts": place.thread_ts,
            "team": place.team,
            "message_ts": message_ts,
        }
        await client.views_open(trigger_id=body["trigger_id"], view=edit_view(args, meta))

    @app.view(EDIT_VIEW)
    async def edited(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        raw = view["state"]["values"]["args"]["json"]["value"] or "{}"
        try:
            args = json.loads(raw)
        except json.JSONDecodeError as exc:
            await ack(response_action="errors", errors={"args": f"Not valid JSON: {exc.msg}"})
            return
        if not isinstance(args, dict):
            await ack(response_action="errors", errors={"args": 'Give a JSON object, e.g. {"contact": "Ada"}'})
            return
        await ack()
        meta = json.loads(view["private_metadata"])
        place = SlackPlace(
            team=meta["team"], channel=meta["channel"], thread_ts=meta["thread_ts"], key=meta["thread_ts"] or ""
        )
        bot.spawn(
            bot.decide(
                body["user"]["id"],
                place,
                meta["thread_id"],
                meta["run_id"],
                "edit",
                args=args,
                message_ts=meta.get("message_ts"),
            )
        )


def edit_view(args: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": EDIT_VIEW,
        "private_metadata": json.dumps(meta),
        "title": {"type": "plain_text", "text": "Edit and approve"},
        "submit": {"type": "plain_text", "text": "Approve"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": "args",
                "label": {"type": "plain_text", "text": "Arguments (JSON)"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "json",
                    "multiline": True,
                    "initial_value": json.dumps(args, indent=2, default=str),
                },
            }
        ],
    }
