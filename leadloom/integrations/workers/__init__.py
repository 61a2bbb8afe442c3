"""Background workers that run next to the API (in the same process by default, see leadloom.main)."""
