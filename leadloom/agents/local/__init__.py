"""Leadloom's offline chat model: intent routing with MiniLM embeddings + scikit-learn, argument extraction
against the organization's vocabulary, real tool calls, and answers written from tool results.
"""

from leadloom.agents.local.model import PENDING_KEY, LocalChatModel
from leadloom.agents.local.vocabulary import Vocabulary, load_vocabulary

__all__ = ["PENDING_KEY", "LocalChatModel", "Vocabulary", "load_vocabulary"]
