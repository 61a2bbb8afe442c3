"""Leadloom: an AI-first CRM and workflow-automation platform for small marketing businesses."""

__version__ = "0.1.0"
