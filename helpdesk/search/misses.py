"""What a search that found nothing leaves behind: the query alone, with documents masked.

Failed searches are counted in the data file (``store``'s ``misses`` repository) so article
authors see what partners looked for and did not find. Partners sometimes paste a client's CNPJ,
ID Suporte or e-mail into a search box; that must never be stored, so long digit runs and e-mail
addresses are masked before the query is handed over.
"""

from __future__ import annotations

import re

from helpdesk.text_safety import is_unsafe

MAX_QUERY_LENGTH = 200
"""Longer queries are cut: nobody types more into a search box, and the file stays small."""
MASK = "•••"

_DIGITS = re.compile(r"\d[\d.\-/ ]{3,}\d")
_EMAIL = re.compile(r"\S+@\S+")


def clean_query(query: str) -> str:
    """The query as it is stored: one line, trimmed, with documents and e-mails masked."""
    # Control and bidi characters would be printed back by ``search --misses``: never stored.
    text = " ".join("".join(c for c in query if not is_unsafe(c)).split())[:MAX_QUERY_LENGTH]
    text = _EMAIL.sub(MASK, text)
    return _DIGITS.sub(MASK, text)
