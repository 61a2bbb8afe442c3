"""Whether a contact may be sent a message on a channel: the one rule every sending path must call.

Today the only path that targets people is campaign drafts (their audience counts, services/segments.py and
crm/sql/campaigns.sql count exactly what this rule allows). Any future sender (the message hub's outbox,
workflows, the SMS provider, an agent tool that sends) must call :func:`can_contact` for every recipient
right before it queues the message, not rely on a count taken earlier: consent can be withdrawn meanwhile.

A contact is reachable on a channel when it is not deleted, has an address for the channel, has given
consent, and has not unsubscribed. Unsubscribing (services/privacy.unsubscribe) sets
``<channel>_unsubscribed_at``, and a database trigger (0090) keeps that channel's consent off from then on,
whoever writes the row, so the SQL audience counts and this function agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Channel = Literal["email", "sms"]
CHANNELS: tuple[Channel, ...] = ("email", "sms")


def _get(contact: Any, key: str) -> Any:
    if isinstance(contact, Mapping):
        return contact.get(key)
    return getattr(contact, key, None)


def can_contact(contact: Any, channel: str) -> bool:
    """True when ``contact`` (a row mapping or a Contact model) may be messaged on ``channel``."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; one of {', '.join(CHANNELS)}")
    if _get(contact, "deleted_at") is not None:
        return False
    if _get(contact, f"{channel}_unsubscribed_at") is not None:
        return False
    addresses = _get(contact, "emails" if channel == "email" else "phones")
    if not addresses:
        single = _get(contact, "email" if channel == "email" else "phone")
        addresses = [single] if single else []
    return bool(addresses) and bool(_get(contact, f"{channel}_consent"))
