"""Case- and accent-blind matching for the filters of lists and pickers.

The filters fold text with search's own folding (``helpdesk.search.text.fold``), so a word
typed in a list's filter matches exactly what it would match in search: “joao” finds “João”,
“licenca” finds “Licença”, and text with decomposed accents folds the same way.
"""

from __future__ import annotations

from helpdesk.search.text import fold

__all__ = ["fold"]
