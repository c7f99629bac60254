"""Memory of the search index at help-center scale, against the plainest index there is.

Usage: ``.venv/bin/python bench/search_memory.py [ROUNDS] [ARTICLES]`` (default 5 and 10,000).
Target at 10,000 articles: the index adds at most 60 MB to the process's resident set.

Each round starts two fresh processes, one after the other, that do the same up to the build:
import numpy, load the shipped catalog, make the synthetic help center of ``bench/search.py``
(shipped articles with a third of their words varied), build the search index of the shipped
articles (so every module the search uses is loaded), and collect. Then they read ``VmRSS``
from ``/proc/self/status`` (before), build, collect and read it again (after):

* **índice** — ``SearchEngine`` over the synthetic articles and the shipped actions;
* **textos** — what the plain search of ``bench/search.py`` keeps (``grep -i`` over pre-folded
  text): each article's text folded once (title, keywords, summary and body);
* **contagens** — the plainest word index: those texts and a ``Counter`` of each one's words.

The growth (after − before) of each is printed, min and median over the rounds, with the index's
ratio to each baseline (of the medians, and the median of the ratios paired per round). Beside it, from the same
processes, how much of the index's growth is free space left in the C heap (``mallinfo2``'s
``fordblks``: memory the build let go that the process keeps) and, from one more process that
builds under ``tracemalloc``, how much the live index holds (traced allocations, plus the
postings' arrays, which live in memory mappings ``tracemalloc`` does not see) and the build's
traced peak. Numpy is
imported before the first reading in both processes (both pay it); its own cost is shown apart.
"""

from __future__ import annotations

import ctypes
import gc
import json
import statistics
import subprocess
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

TARGET_MB = 60.0
KINDS = ("índice", "textos", "contagens")


def rss_mb() -> float:
    """This process's resident set size in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found")


_MALLINFO2 = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"


class _MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2``: ten ``size_t`` counters of the C heap."""

    _fields_ = [(name, ctypes.c_size_t) for name in _MALLINFO2.split()]


def heap_free_mb() -> float:
    """Free space kept in the C heap (glibc's ``mallinfo2().fordblks``), in MB; 0 elsewhere."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return 0.0
    mallinfo2.restype = _MallInfo2
    return float(mallinfo2().fordblks) / 2**20


def child(kind: str, count: int) -> dict[str, float]:
    """Set up as both kinds do, build ``kind``'s index, and measure."""
    start = rss_mb()
    import numpy  # noqa: F401  (imported by the index's build; both kinds pay it first)

    numpy_mb = rss_mb() - start
    from search import synthetic_articles

    from helpdesk.catalog import load_catalog
    from helpdesk.search import SearchEngine, load_actions, load_synonyms
    from helpdesk.search.text import fold

    real = list(load_catalog().articles.values())
    actions, synonyms = load_actions(), load_synonyms()
    SearchEngine(real, actions, synonyms)
    articles = synthetic_articles(real, count)
    traced = kind == "traced"
    gc.collect()
    before, free_before = rss_mb(), heap_free_mb()
    if traced:
        tracemalloc.start()
    built: object
    if kind in ("textos", "contagens"):
        texts = [fold(f"{a.title} {' '.join(a.keywords)} {a.summary} {a.body}") for a in articles]
        built = texts if kind == "textos" else (texts, [Counter(t.split()) for t in texts])
        mapped = 0
    else:
        built = engine = SearchEngine(articles, actions, synonyms)
        # Before the postings were kept in mapped arrays, they were traced like the rest.
        mapped = getattr(engine.index.postings, "nbytes", 0)
    gc.collect()
    found = {
        "growth": rss_mb() - before,
        "heap_free": heap_free_mb() - free_before,
        "numpy": numpy_mb,
    }
    if traced:
        live, peak = tracemalloc.get_traced_memory()
        found |= {"live": live / 2**20, "mapped": mapped / 2**20, "peak": peak / 2**20}
    del built
    return found


def run_child(kind: str, count: int) -> dict[str, float]:
    """``child`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    """Alternate the two kinds; print growth per kind, the ratios and the breakdown."""
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], int(argv[2]))))
        return 0
    rounds = int(argv[0]) if argv else 5
    count = int(argv[1]) if len(argv) > 1 else 10_000
    found: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
    for _ in range(rounds):
        for kind in KINDS:
            found[kind].append(run_child(kind, count))
    traced = run_child("traced", count)
    growth = {kind: [r["growth"] for r in found[kind]] for kind in KINDS}
    medians = {kind: statistics.median(growth[kind]) for kind in KINDS}
    print(
        f"bench/search_memory.py: {count} artigos sintéticos, {rounds} rodadas, processos novos "
        "alternados; VmRSS depois − antes da construção, após coleta completa (MB)"
    )
    for kind in KINDS:
        print(f"  {kind:9} mín {min(growth[kind]):6.1f}   mediana {medians[kind]:6.1f}")
    for base in KINDS[1:]:
        paired = [a / b for a, b in zip(growth["índice"], growth[base], strict=True)]
        print(
            f"  índice / {base}: {medians['índice'] / medians[base]:.2f}× (medianas), "
            f"{statistics.median(paired):.2f}× (mediana das razões por rodada)"
        )
    free = statistics.median(r["heap_free"] for r in found["índice"])
    print(f"  do crescimento do índice, espaço livre deixado no heap C: {free:.1f} MB (mediana)")
    live = traced["live"] + traced["mapped"]
    print(
        f"  índice vivo (outro processo): {live:.1f} MB ({traced['live']:.1f} no tracemalloc, "
        f"{traced['mapped']:.1f} em mapeamentos), pico rastreado da construção "
        f"{traced['peak']:.1f} MB"
    )
    numpy_mb = statistics.median(r["numpy"] for r in found["índice"])
    print(f"  importar numpy (pago antes da primeira leitura, nos dois): {numpy_mb:.1f} MB")
    ok = medians["índice"] <= TARGET_MB
    print(f"  meta: índice ≤ +{TARGET_MB:.0f} MB: " + ("dentro" if ok else "ACIMA"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
