"""The statuses a saved request goes through, and how a person reads each one."""

from __future__ import annotations

REGISTERED = "registrada"
SENT = "enviada"
CONFIRMED = "confirmada"
CONCLUDED = "concluida"
WITHDRAWN = "retirada"
FLOW = (REGISTERED, SENT, CONFIRMED, CONCLUDED)
"""The statuses a request goes through, in order (any may be skipped forward)."""
OPEN_STATUSES = frozenset({REGISTERED, SENT, CONFIRMED})
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
