"""The key a screen binds to an action, as its hint texts write it, so the two cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType
from textual.keys import format_key


def bound_key(bindings: Iterable[BindingType], binding_id: str) -> str:
    """The first key of the binding called ``binding_id`` as a hint writes it (``t``, ``del``).

    A missing id is a programming error, raised at once (a test imports every screen).
    """
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id == binding_id:
            key = binding.key.split(",")[0].strip()
            # The texts say "enter" (as the modal footers do), not Textual's ⏎.
            return "enter" if key == "enter" else format_key(key)
    raise KeyError(binding_id)
