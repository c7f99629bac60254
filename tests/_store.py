"""Helpers for the store tests: a pinned moment, a small lote, subprocess writers."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from helpdesk.clock import SAO_PAULO
from helpdesk.documents import normalize_cnpj
from helpdesk.licenses import License

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)
"""A Tuesday, inside the withdrawal period of licenses started on 05/03/2026."""

CNPJ_A = normalize_cnpj("11.222.333/0001-81")
CNPJ_B = normalize_cnpj("12.ABC.345/01DE-35")


def sample_licenses() -> list[License]:
    """Two licenses: one old (past the withdrawal period), one just bought."""
    from datetime import date

    return [
        License(
            support_id="100200",
            client="Padaria Pão Quente Ltda",
            cnpj=CNPJ_A,
            email="contato@paoquente.com.br",
            term_start=date(2025, 6, 1),
            renews_on=date(2026, 6, 1),
            conta_pj=True,
        ),
        License(
            support_id="300400",
            client="Oficina Roda Viva ME",
            cnpj=CNPJ_B,
            email="roda@viva.com.br",
            term_start=date(2026, 3, 5),
            renews_on=date(2027, 3, 5),
        ),
    ]


WRITER = r"""
import sys
from datetime import datetime
from helpdesk.clock import SAO_PAULO
from store.database import Database

path, tag, count, compact = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
db = Database(path, compact_min_bytes=compact)
now = datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)
for i in range(count):
    request = db.requests.submit(
        "backup", {"support_id": f"{tag}-{i}", "slot": "20:00"}, now, force=True
    )
    print(request.protocol, flush=True)
"""
"""A process that submits ``count`` requests and prints each protocol once it is saved."""


def start_writer(
    path: Path, tag: str, count: int, *, compact: int = 1 << 20, fault: str | None = None
) -> subprocess.Popen[str]:
    """Start a writer process (optionally armed to SIGKILL itself at a fault point)."""
    env = dict(os.environ)
    env.pop("HELPDESK_STORE_FAULT", None)
    if fault:
        env["HELPDESK_STORE_FAULT"] = fault
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count), str(compact)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
