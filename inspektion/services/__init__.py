"""Use cases: the only code that changes data. One function per user action,
one transaction, one audit event (ARCHITECTURE.md)."""
