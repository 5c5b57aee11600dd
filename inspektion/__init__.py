"""inspektion — case management for Arbetsmiljöverket's focus inspections of social services."""

__version__ = "0.1.0"
