"""helpdesk: the Plano Exclusivo help center and self-service desk (core, no UI, no storage)."""

__version__ = "0.1.0"
