"""The composition layer: the ``helpdesk`` command, the choice of store engine and ``serve``.

The only part of the project that may import the core (``helpdesk``), the store (``store``) and the
Textual face (``screens``) together. Everything else in ``helpdesk/`` is the core and imports neither.
"""
