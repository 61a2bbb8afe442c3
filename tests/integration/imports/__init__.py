"""CSV import: reader, mapping, dry run, real run, API and CLI on the real database."""
