"""POST /slack/events: hands the request to bolt (signature check, ack, listeners) when Slack is
configured, and says so plainly when it is not."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response


async def slack_events(request: Request) -> Response:
    service = getattr(request.app.state, "slack", None)
    if service is None:
        return JSONResponse(
            {
                "type": "about:blank",
                "title": "Slack is not configured",
                "status": 503,
                "detail": "set LEADLOOM_SLACK_SIGNING_SECRET and LEADLOOM_SLACK_BOT_TOKEN (see README, Slack)",
            },
            status_code=503,
            media_type="application/problem+json",
        )
    response: Response = await service.handler.handle(request)
    return response
