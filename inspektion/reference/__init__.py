"""Readers for the reference data files in fixtures/ (pure file parsing, no database)."""
