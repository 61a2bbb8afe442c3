"""The demo organization: a marketing agency with a realistic, deterministic history (``leadloom demo``).

``generator`` computes the rows from a seed and a date; ``load`` writes them into an organization.
"""

from leadloom.crm.demo.generator import DEFAULT_SEED, DemoData, generate
from leadloom.crm.demo.load import (
    DEMO_OWNER_EMAIL,
    DEMO_PASSWORD,
    DemoSummary,
    demo_loaded,
    demo_owner_email,
    find_demo_org,
    load_demo,
    reset_demo,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_OWNER_EMAIL",
    "DEMO_PASSWORD",
    "DemoData",
    "DemoSummary",
    "demo_loaded",
    "demo_owner_email",
    "find_demo_org",
    "generate",
    "load_demo",
    "reset_demo",
]
