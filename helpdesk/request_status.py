"""The statuses a saved request goes through, and how a person reads each one."""

from __future__ import annotations

from collections.abc import Sequence

REGISTERED = "registrada"
SENT = "enviada"
CONFIRMED = "confirmada"
CONCLUDED = "concluida"
WITHDRAWN = "retirada"
FLOW = (REGISTERED, SENT, CONFIRMED, CONCLUDED)
"""The statuses a request goes through, in order (any may be skipped forward)."""
OPEN_STATUSES = frozenset({REGISTERED, SENT, CONFIRMED})
LOTE_EFFECT_STATUSES = frozenset({SENT, CONFIRMED, CONCLUDED})
"""The statuses in which a request changes its license in the lote (its kind's ``lote_effect``).

A registered request has only been written down: support knows nothing of it until the partner
sends the message. Until then the license keeps its status and every deadline (the notice, the
refund) stays shown, so a partner who never sends the message still gets every reminder."""
STATUSES = (*FLOW, WITHDRAWN)
"""Every status a request can be in."""
STATUS_LABELS = {
    REGISTERED: "registrada",
    SENT: "enviada ao suporte",
    CONFIRMED: "confirmada",
    CONCLUDED: "concluída",
    WITHDRAWN: "retirada",
}
"""Each status as the screens and the command line write it."""


def changes_lote(status: str) -> bool:
    """Whether a request in ``status`` has its change applied to the lote (see above)."""
    return status in LOTE_EFFECT_STATUSES


def unsent_note(protocols: Sequence[str]) -> str:
    """What a list of the lote says of a license's requests still only registered, or "".

    ``pedido registrado, falta enviar (HD-2026-000123)``: until the partner sends the message
    the license shows no change (see ``LOTE_EFFECT_STATUSES``), so without this note it would
    look as if nothing had been asked."""
    if not protocols:
        return ""
    asked = "pedido registrado" if len(protocols) == 1 else f"{len(protocols)} pedidos registrados"
    return f"{asked}, falta enviar ({', '.join(protocols)})"


def with_unsent_note(status: str, protocols: Sequence[str], *, short: bool = False) -> str:
    """A license's status followed by the note of its unsent requests, if any.

    ``short``: only "falta enviar", for a table cell (the protocols then go in the line under
    the table and in the license's dialog), so that one such license does not widen the column
    until others are left out.
    """
    note = unsent_note(protocols)
    if note and short:
        note = UNSENT_SHORT
    return f"{status} · {note}" if note else status


UNSENT_SHORT = "falta enviar"
"""The unsent-request note of a table cell."""
