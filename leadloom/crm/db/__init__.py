"""Database plumbing: the embedded server, the connection pool, tenant-scoped transactions, migrations and named SQL."""
