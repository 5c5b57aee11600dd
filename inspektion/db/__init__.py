"""Storage: Piccolo tables, the engine chosen by URL, migrations and read queries."""
