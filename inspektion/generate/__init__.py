"""A realistic national data set for benchmarks and training: `inspektion generate`.

This is a data-loading tool, not a user action: it writes in bulk with the raw driver
(COPY on PostgreSQL, executemany on SQLite) inside one transaction, and records one audit
event for the whole run. Every case it writes is in a state the lifecycle could have
reached (domain/lifecycle.py), with the meetings, krav, letters and decisions that got it
there. Generated letters are registrations without stored PDF/DOCX bytes.
"""
