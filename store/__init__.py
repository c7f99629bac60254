"""The store: one public interface (:mod:`store.interface`), two engines behind it.

The TinyDB file (this package's modules, the default) and PostgreSQL (:mod:`store.postgres`)
offer the same repositories and whole-store operations; ``helpdesk.compose.engine`` opens one
from ``--db``/``HELPDESK_DB`` and everything else holds a ``store.interface.Store``.

The durable TinyDB store: one data file, atomic and locked writes, repositories over it.

Everything starts from a :class:`store.database.Database` opened on a path (nothing happens at
import time; no globals)::

    db = Database(path)                       # DamagedDatabase / NewerSchema if it cannot be used
    db.requests.submit(kind, raw_fields, now, force=False) -> Request
    db.requests.open_duplicates(kind, support_id) -> [protocol, …]   # ask before submitting
    db.requests.list(kind=None, status=None) -> [RequestSummary, …]  # newest first, fast
    db.requests.get(protocol) -> Request
    db.requests.mark(protocol, "enviada" | "confirmada" | "concluida", now, note="")
    db.requests.withdraw(protocol, now, note="")
    db.licenses.list() / get(support_id) / history(support_id) / deadlines(today, within=None)
    db.licenses.import_licenses(licenses, now)          # lote CSV: store.lote_csv.parse(text)
    db.votes.add(article_id, useful, reason, now) / tally(article_id) / list()
    db.misses.add(query, now) / list()
    db.table("name")                                    # any other small TinyDB table
    with db.transaction(): …                            # several changes, one atomic commit

Errors a person can act on are in :mod:`store.errors` (Portuguese messages); bad field values
raise ``helpdesk.errors.InputError``. File layout and guarantees: :mod:`store.storage`.
"""
