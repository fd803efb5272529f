"""The REST API (``/api/v1``): JSON over the same services as the pages and the CLI, no rules of its own."""
