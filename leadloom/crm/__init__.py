"""L0: the CRM itself (settings, domain, database, repositories, services). No LLMs, no web frameworks."""
