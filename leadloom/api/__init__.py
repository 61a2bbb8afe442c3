"""L5: the FastAPI application (REST resources, agent API, health). Only this package speaks HTTP."""
