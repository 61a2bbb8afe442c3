"""Domain models (pydantic): Base / Create / Update / read families per record kind."""
