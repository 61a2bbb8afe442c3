"""CSV import of contacts, companies and deals: read -> suggest a mapping -> transform -> plan (dry run) -> apply.

The pieces are pure except ``apply`` (set-based SQL through ``repositories.imports``); the service in
``services/imports.py`` ties them to import jobs.
"""
