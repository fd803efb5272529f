"""Factory-data use cases: register assets and channels, ingest, read series, alarms, data-use shares."""
