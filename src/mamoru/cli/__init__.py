"""The command line: Typer + Rich, thin over services."""
