"""The model factory: ``local`` (Leadloom's offline model) or ``provider:model`` through init_chat_model.

Provider models are wrapped so transient provider errors (rate limits, timeouts, 5xx) are retried with
exponential backoff (tenacity), while still being a ``BaseChatModel`` that ``create_agent`` can bind
tools to. LangSmith tracing is opt-in: ``tracing_callbacks`` returns a tracer only when a key is set.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, BaseCallbackHandler, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableBinding
from pydantic import ConfigDict, Field
from tenacity import AsyncRetrying, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from leadloom.crm.errors import LeadloomError, ValidationError
from leadloom.crm.settings import Settings, get_settings

log = logging.getLogger(__name__)

# provider prefix -> (python package init_chat_model needs, pip extra that installs it)
PROVIDERS: dict[str, tuple[str, str]] = {
    "openai": ("langchain_openai", "openai"),
    "anthropic": ("langchain_anthropic", "anthropic"),
    "ollama": ("langchain_ollama", "ollama"),
}
_TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504, 529}
_TRANSIENT_NAMES = ("timeout", "connection", "ratelimit", "internalserver", "serviceunavailable", "overloaded")


def is_transient(exc: BaseException) -> bool:
    """Errors worth retrying: the provider was busy or unreachable, not that the request was wrong."""
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(status, int):
        return status in _TRANSIENT_STATUS
    name = type(exc).__name__.lower().replace("_", "")
    return any(n in name for n in _TRANSIENT_NAMES) or isinstance(exc, TimeoutError | ConnectionError)


class RetryingChatModel(BaseChatModel):
    """Delegates to ``inner``, retrying transient errors. Tool binding re-targets the wrapper, so retries
    also cover tool-calling requests."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    inner: BaseChatModel
    attempts: int = 4
    max_wait_s: float = 20.0

    @property
    def _llm_type(self) -> str:
        return f"retrying-{self.inner._llm_type}"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"inner": self.inner._identifying_params, "attempts": self.attempts}

    def _retry_kw(self) -> dict[str, Any]:
        return {
            "retry": retry_if_exception(is_transient),
            "stop": stop_after_attempt(self.attempts),
            "wait": wait_exponential_jitter(multiplier=0.5, max=self.max_wait_s),
            "reraise": True,
        }

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        bound = self.inner.bind_tools(tools, **kwargs)
        # The provider formats tools into request kwargs; keep those kwargs but call through the wrapper.
        extra = bound.kwargs if isinstance(bound, RunnableBinding) else {}
        return RunnableBinding(bound=self, kwargs=extra)  # type: ignore[return-value]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        for attempt in Retrying(**self._retry_kw()):
            with attempt:
                return self.inner._generate(messages, stop=stop, **kwargs)
        raise AssertionError("unreachable")  # tenacity re-raises the last error

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        async for attempt in AsyncRetrying(**self._retry_kw()):
            with attempt:
                return await self.inner._agenerate(messages, stop=stop, **kwargs)
        raise AssertionError("unreachable")

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        # Once tokens have been shown a retry would repeat them, so streams are not retried.
        for chunk in self.inner._stream(messages, stop=stop, **kwargs):
            if run_manager:
                run_manager.on_llm_new_token(chunk.text, chunk=chunk)
            yield chunk

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        async for chunk in self.inner._astream(messages, stop=stop, **kwargs):
            if run_manager:
                await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
            yield chunk


ORG_METADATA_KEY = "leadloom_org_id"


class OrgScopedModel(BaseChatModel):
    """One model object for the compiled graph that answers each call with its organization's own copy.

    The local model reads requests against an organization's vocabulary (its users, stages, tags), so it
    has one copy per organization (``with_vocabulary``). Compiling a graph per organization would cost a
    few hundred milliseconds each; instead the runner registers each organization's copy here and puts
    the organization in the run's metadata, which LangChain hands to ``_generate``/``_agenerate`` through
    the run manager. It deliberately does not stream: LangChain's streaming paths call ``_astream``
    without the run manager, so the organization would be lost; a whole answer arrives as one message.
    (The local model composes its answer before "streaming" it, so nothing is lost in latency.)
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    inner: BaseChatModel
    per_org: dict[str, BaseChatModel] = Field(default_factory=dict)

    @property
    def _llm_type(self) -> str:
        return self.inner._llm_type

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return dict(self.inner._identifying_params)

    def _pick(self, run_manager: Any) -> BaseChatModel:
        org = (getattr(run_manager, "metadata", None) or {}).get(ORG_METADATA_KEY)
        return self.per_org.get(str(org), self.inner) if org else self.inner

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        bound = self.inner.bind_tools(tools, **kwargs)
        extra = bound.kwargs if isinstance(bound, RunnableBinding) else {}
        return RunnableBinding(bound=self, kwargs=extra)  # type: ignore[return-value]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._pick(run_manager)._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return await self._pick(run_manager)._agenerate(messages, stop=stop, run_manager=run_manager, **kwargs)


def _local_model(**kw: Any) -> BaseChatModel:
    try:
        module = importlib.import_module("leadloom.agents.local")
        cls = module.LocalChatModel
    except (ModuleNotFoundError, AttributeError) as exc:
        raise LeadloomError(
            "the local model is not installed yet (leadloom.agents.local.LocalChatModel is missing); "
            "set LEADLOOM_MODEL=provider:model (e.g. openai:gpt-4o-mini) to use a provider instead"
        ) from exc
    return cls(**kw)  # type: ignore[no-any-return]


def get_chat_model(spec: str | None = None, *, settings: Settings | None = None, **kw: Any) -> BaseChatModel:
    """The chat model named by ``spec`` (default ``settings.model``): ``local`` or ``provider:model``.

    Extra keyword arguments go to the model's constructor (e.g. ``temperature=0``).
    """
    spec = (spec or (settings or get_settings()).model or "local").strip()
    if spec == "local":
        return _local_model(**kw)
    provider, sep, name = spec.partition(":")
    if not sep or not provider or not name:
        raise ValidationError(
            f"model {spec!r} is not 'local' or 'provider:model'",
            errors=[{"field": "model", "message": "expected 'local' or 'provider:model'"}],
        )
    provider = provider.lower()
    if provider in PROVIDERS:
        package, extra = PROVIDERS[provider]
        try:
            importlib.import_module(package)
        except ModuleNotFoundError as exc:
            raise LeadloomError(
                f"the {provider} provider is not installed: pip install 'leadloom[{extra}]' (package {package})"
            ) from exc
    from langchain.chat_models import init_chat_model

    try:
        inner = init_chat_model(name, model_provider=provider, **kw)
    except ImportError as exc:
        raise LeadloomError(f"the {provider} provider package is missing: {exc}") from exc
    except ValueError as exc:
        raise ValidationError(f"cannot use model {spec!r}: {exc}") from exc
    return RetryingChatModel(inner=inner)


def tracing_callbacks(settings: Settings | None = None) -> list[BaseCallbackHandler]:
    """A LangSmith tracer when ``LANGSMITH_API_KEY`` is set; otherwise nothing is traced or sent."""
    settings = settings or get_settings()
    if not settings.langsmith_api_key:
        return []
    from langchain_core.tracers.langchain import LangChainTracer
    from langsmith import Client

    client = Client(api_key=settings.langsmith_api_key)
    return [LangChainTracer(project_name=settings.langsmith_project, client=client)]
