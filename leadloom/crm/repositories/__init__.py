"""Repositories: keyword-only async functions, the only code that speaks SQL (named queries from crm/sql)."""
