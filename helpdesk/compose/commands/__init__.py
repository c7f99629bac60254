"""Subcommands of the ``helpdesk`` command line, one module per group."""
