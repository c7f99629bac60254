"""The lote exported: CSV in the import's own columns (export → import is a round trip), JSON in full."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from helpdesk.documents import format_date
from helpdesk.licenses import License
from store.export import spreadsheet_safe
from store.lote_csv import COLUMNS, OPTIONAL_COLUMNS

CSV_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)
"""The import's columns, e-mail last."""


def licenses_csv(licenses: Iterable[License], separator: str = ";") -> str:
    """The licenses as the import reads them: DD/MM/AAAA dates, ``sim``/``nao``, CNPJ unmasked.

    A cell a spreadsheet would run as a formula gets a leading ``'`` (``store.export``); the
    import takes it off again, so export → import stays a round trip.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for lic in licenses:
        writer.writerow(
            map(
                spreadsheet_safe,
                (
                    lic.support_id,
                    lic.client,
                    lic.cnpj,
                    format_date(lic.term_start) if lic.term_start else "",
                    format_date(lic.renews_on) if lic.renews_on else "",
                    str(lic.cycle_months),
                    "sim" if lic.conta_pj else "nao",
                    lic.email,
                ),
            )
        )
    return out.getvalue()


def license_json(lic: License, history: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """One license in full, dates in ISO, with its history of changes."""
    return {
        "support_id": lic.support_id,
        "client": lic.client,
        "cnpj": lic.cnpj,
        "email": lic.email,
        "term_start": lic.term_start.isoformat() if lic.term_start else None,
        "renews_on": lic.renews_on.isoformat() if lic.renews_on else None,
        "cycle_months": lic.cycle_months,
        "conta_pj": lic.conta_pj,
        "status": lic.status,
        "cancels_on": lic.cancels_on.isoformat() if lic.cancels_on else None,
        "history": [dict(entry) for entry in history],
    }


def licenses_json(items: Iterable[tuple[License, Iterable[Mapping[str, Any]]]]) -> str:
    """Every license in full (with its history) as a JSON list."""
    data = [license_json(lic, history) for lic, history in items]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
