"""The supervisor graph: a tool-calling supervisor that hands work to specialist agents and answers.

    START -> supervisor --transfer_to_<name>--> <name> -> supervisor -> ... -> END

The supervisor is a ``create_agent`` agent whose tools are our handoff tools (plus long-term memory);
each specialist is its own ``create_agent`` graph run inside a node, so its tool calls, interrupts and
checkpoints live in its own namespace while its messages join the shared history. When the supervisor
answers without a transfer, the run ends.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from leadloom.crm.errors import LeadloomError
from leadloom.graphs.handoff import create_handoff_tool, handoff_back_messages
from leadloom.graphs.prompts import SPECIALIST_DESCRIPTIONS, supervisor_prompt
from leadloom.graphs.state import SUPERVISOR, SupervisorState
from leadloom.tools.context import AgentContext
from leadloom.tools.memory import TOOLS as MEMORY_TOOLS

log = logging.getLogger(__name__)

SPECIALISTS = ("contacts", "scoring", "campaigns", "analytics")


def default_agents(model: BaseChatModel, *, store: Any = None) -> dict[str, Any]:
    """The specialists from ``leadloom.agents.<name>``; a module that has not landed yet is skipped."""
    agents: dict[str, Any] = {}
    for name in SPECIALISTS:
        try:
            module = importlib.import_module(f"leadloom.agents.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"leadloom.agents.{name}":
                raise
            log.warning("specialist %s is not installed; the supervisor will not offer it", name)
            continue
        # No checkpointer: a subgraph run inside a node shares the parent's, in its own namespace.
        agents[name] = module.build_agent(model, store=store)
    if not agents:
        raise LeadloomError("no specialist agents are installed (leadloom.agents.contacts, ...)")
    return agents


def _agent_descriptions() -> dict[str, str]:
    """The specialists' own one-line descriptions (agents/specialists.py), which win over ours."""
    try:
        from leadloom.agents.specialists import SPECIALISTS as described
    except ImportError:
        return {}
    return dict(described)


def _call_agent(name: str, agent: Any) -> Callable[..., Any]:
    """A node that runs one specialist on the shared history and hands back to the supervisor."""

    async def call(state: SupervisorState, config: RunnableConfig) -> dict[str, Any]:
        out = await agent.ainvoke({"messages": state["messages"]}, config)
        # Stamp who spoke so the supervisor, the history view and the UI can tell the agents apart.
        # Messages already in the history come back with their ids; add_messages keeps them in place.
        messages = [
            m.model_copy(update={"name": name}) if isinstance(m, AIMessage) and not m.name else m
            for m in out["messages"]
        ]
        return {"messages": [*messages, *handoff_back_messages(name)], "active_agent": SUPERVISOR, "task": None}

    call.__name__ = f"call_{name}"
    return call


def build_graph(
    model: BaseChatModel,
    *,
    checkpointer: Any = None,
    store: Any = None,
    agents: dict[str, Any] | None = None,
    descriptions: dict[str, str] | None = None,
    supervisor_tools: Sequence[Any] | None = None,
) -> CompiledStateGraph:
    """Compile the supervisor graph.

    ``agents`` maps a specialist name to a compiled agent graph (default: the four from leadloom.agents);
    ``descriptions`` overrides what each handoff tool tells the model; ``supervisor_tools`` replaces the
    supervisor's non-handoff tools (default: remember / recall).
    """
    agents = agents if agents is not None else default_agents(model, store=store)
    known = {**SPECIALIST_DESCRIPTIONS, **_agent_descriptions(), **(descriptions or {})}
    descs = {name: known.get(name, name) for name in agents}
    handoffs = [create_handoff_tool(name, desc) for name, desc in descs.items()]
    extra = list(MEMORY_TOOLS if supervisor_tools is None else supervisor_tools)
    supervisor = create_agent(
        model,
        tools=[*handoffs, *extra],
        system_prompt=supervisor_prompt(descs),
        context_schema=AgentContext,
        name=SUPERVISOR,
    )
    builder = StateGraph(SupervisorState, context_schema=AgentContext)
    builder.add_node(SUPERVISOR, supervisor, destinations=(*agents, END))
    builder.add_edge(START, SUPERVISOR)
    for name, agent in agents.items():
        builder.add_node(name, _call_agent(name, agent))
        builder.add_edge(name, SUPERVISOR)
    return builder.compile(checkpointer=checkpointer, store=store, name="leadloom")
