"""Services: the CRM's operations. Each takes the pool and an Actor, runs in a tenant-scoped transaction,
validates input, and raises errors from leadloom.crm.errors."""
