"""Every key date label reads as a phrase ending before its date ("… em 01/06/2026")."""

from __future__ import annotations

from datetime import datetime

from helpdesk.clock import SAO_PAULO
from helpdesk.request_kinds import get_kind

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=SAO_PAULO)
FIELDS = {
    "cancel": {"support_id": "1", "term_start": "01/06/2025", "renews_on": "01/06/2026",
               "conta_pj": "nao"},
    "refund": {"support_id": "1", "term_start": "05/03/2026", "renews_on": "05/03/2027",
               "conta_pj": "nao"},
    "substitute": {"support_id": "1", "new_client_name": "Nova", "new_client_cnpj":
                   "11.222.333/0001-81"},
    "transfer": {"support_id": "1", "partner_pays": "sim", "term_start": "01/06/2025",
                 "renews_on": "01/06/2026", "client_email": "a@b.com.br", "conta_pj": "nao"},
    "backup": {"support_id": "1", "slot": "20:00"},
    "block-conta-pj": {"support_id": "1", "license_cancelled": "sim",
                       "company_name": "Empresa Um Ltda", "cnpj": "11.222.333/0001-81"},
}  # fmt: skip


def test_key_date_labels_end_with_a_preposition() -> None:
    for kind_id, raw in FIELDS.items():
        kind = get_kind(kind_id)
        outcome = kind.evaluate(kind.validate(raw), NOW)
        assert outcome.key_date is not None, kind_id
        label = outcome.key_date[0]
        assert label.endswith((" em", " de")), (kind_id, label)
