"""L2: LLM-facing tools. Plain typed async functions whose docstring is what the model reads; they call
crm services and memory, scoped to the caller's organization and acting as the calling user."""
