"""Pure rules and value objects: ranks, tiers, the disclosure gate, exposure. No I/O."""
