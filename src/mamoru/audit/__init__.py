"""The tamper-evident record: every mutation, hash-chained, append-only."""
