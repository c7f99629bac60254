"""Names of the tables in the data file (one place, so layout decisions can refer to them)."""

REQUESTS = "requests"
"""Small per-request documents: what lists, filters and status changes read."""
REQUEST_DETAILS = "request_details"
"""Per-request fields, outcome and support message: large, written once, read one at a time."""
LICENSES = "licenses"
VOTES = "votes"
SEARCH_MISSES = "search_misses"
META = "meta"

LABELS = {
    REQUESTS: "pedidos",
    REQUEST_DETAILS: "detalhes dos pedidos",
    LICENSES: "licenças do lote",
    VOTES: "avaliações de artigos",
    SEARCH_MISSES: "buscas sem resultado",
    META: "controle interno",
}
"""How the tables are named to a person (``db info``, ``db recover``)."""

LAZY = frozenset({REQUESTS, REQUEST_DETAILS})
"""Tables read document by document on demand, never whole at opening (see ``store.snapshot``):
the two that grow with the history."""
