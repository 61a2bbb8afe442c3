"""The model factory: local / provider:model selection, clear errors, retries of transient errors only."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import Field

from leadloom.agents import models
from leadloom.agents.models import RetryingChatModel, get_chat_model, is_transient, tracing_callbacks
from leadloom.crm.errors import LeadloomError, ValidationError
from leadloom.crm.settings import Settings
from tests.unit.agents.fakes import ScriptedChatModel


class RateLimitError(Exception):
    status_code = 429


class BadRequestError(Exception):
    status_code = 400


class Flaky(ScriptedChatModel):
    failures: list[Exception] = Field(default_factory=list)

    def _next(self, messages: Any, tool_names: list[str]) -> AIMessage:
        if self.failures:
            raise self.failures.pop(0)
        return super()._next(messages, tool_names)


def test_transient_errors() -> None:
    assert is_transient(RateLimitError()) and is_transient(TimeoutError()) and is_transient(ConnectionError())
    assert not is_transient(BadRequestError()) and not is_transient(ValueError("bad"))

    class APITimeoutError(Exception):
        pass

    assert is_transient(APITimeoutError())


async def test_retries_transient_then_succeeds() -> None:
    inner = Flaky(script=["ok"], failures=[RateLimitError(), TimeoutError()])
    model = RetryingChatModel(inner=inner, max_wait_s=0.01)
    assert (await model.ainvoke([HumanMessage("hi")])).content == "ok"
    assert inner.position == 1


async def test_does_not_retry_a_bad_request() -> None:
    inner = Flaky(script=["ok"], failures=[BadRequestError()])
    with pytest.raises(BadRequestError):
        await RetryingChatModel(inner=inner, max_wait_s=0.01).ainvoke([HumanMessage("hi")])
    assert inner.failures == [] and inner.position == 0


def test_gives_up_after_the_attempts() -> None:
    inner = Flaky(script=["ok"], failures=[RateLimitError() for _ in range(5)])
    with pytest.raises(RateLimitError):
        RetryingChatModel(inner=inner, attempts=3, max_wait_s=0.01).invoke([HumanMessage("hi")])
    assert len(inner.failures) == 2


async def test_bound_tools_go_through_the_wrapper() -> None:
    inner = Flaky(script=["ok"], failures=[RateLimitError()])

    def lookup(name: str) -> str:
        """Look up."""
        return name

    bound = RetryingChatModel(inner=inner, max_wait_s=0.01).bind_tools([lookup])
    assert (await bound.ainvoke([HumanMessage("hi")])).content == "ok"
    assert inner.calls[-1].tools == ["lookup"]


def test_factory_errors_are_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError):
        get_chat_model("gpt-4o")
    monkeypatch.setitem(models.PROVIDERS, "openai", ("leadloom_no_such_package", "openai"))
    with pytest.raises(LeadloomError, match=r"pip install 'leadloom\[openai\]'"):
        get_chat_model("openai:gpt-4o-mini")


def test_local_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    fake = types.ModuleType("leadloom.agents.local")
    fake.LocalChatModel = lambda **kw: ("local", kw)  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "leadloom.agents.local", fake)
    assert get_chat_model(settings=Settings(env="test"), temperature=0) == ("local", {"temperature": 0})
    monkeypatch.setitem(__import__("sys").modules, "leadloom.agents.local", types.ModuleType("leadloom.agents.local"))
    with pytest.raises(LeadloomError, match="local model is not installed yet"):
        get_chat_model("local")


def test_tracing_only_with_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import langsmith

    made: list[dict[str, Any]] = []
    # The real client would contact api.smith.langchain.com; tests make no network calls.
    monkeypatch.setattr(langsmith, "Client", lambda **kw: made.append(kw) or object())
    assert tracing_callbacks(Settings(env="test")) == []
    assert made == []
    [tracer] = tracing_callbacks(Settings(env="test", langsmith_api_key="lsv2-test", langsmith_project="p"))
    assert tracer.project_name == "p" and made == [{"api_key": "lsv2-test"}]


async def test_org_scoped_model_answers_with_the_orgs_copy() -> None:
    from leadloom.agents.models import ORG_METADATA_KEY, OrgScopedModel

    default, acme = ScriptedChatModel(script=["default"]), ScriptedChatModel(script=["acme"])
    scoped = OrgScopedModel(inner=default, per_org={"org-a": acme})
    assert (await scoped.ainvoke([HumanMessage("hi")], {"metadata": {ORG_METADATA_KEY: "org-a"}})).content == "acme"
    assert (await scoped.ainvoke([HumanMessage("hi")], {"metadata": {ORG_METADATA_KEY: "org-b"}})).content == "default"
    # A streaming caller (LangGraph's "messages" mode) still reaches the org's copy: one whole message.
    acme.script, acme.position = ["streamed"], 0
    out = await scoped.ainvoke([HumanMessage("hi")], {"metadata": {ORG_METADATA_KEY: "org-a"}}, stream=True)
    assert out.content == "streamed"
