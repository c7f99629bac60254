"""Wall time of ``helpdesk rules cancel`` against ``python -c pass``, measured in the same run.

Usage: ``.venv/bin/python bench/cli.py [RUNS]`` (default 30 runs of each command, interleaved).
Target: the rules command under 3× the bare interpreter start-up.

Each command runs with a private bytecode cache (``PYTHONPYCACHEPREFIX`` in a temporary folder,
warmed by one untimed run) so the figures match an installed app, whose modules are compiled once,
even where the shell sets ``PYTHONDONTWRITEBYTECODE``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
CONSOLE_SCRIPT = BIN / "helpdesk"
TARGET_RATIO = 3.0
RULES_ARGS = [
    "rules",
    "cancel",
    "--today",
    "2026-03-10",
    "--term-start",
    "2026-03-01",
    "--renews-on",
    "2027-03-01",
    "--json",
]


def commands() -> dict[str, list[str]]:
    """The commands timed, by label; the first one is the baseline."""
    found = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "python -m helpdesk rules cancel": [PYTHON, "-m", "helpdesk", *RULES_ARGS],
    }
    if CONSOLE_SCRIPT.exists():
        found["helpdesk rules cancel (console script)"] = [str(CONSOLE_SCRIPT), *RULES_ARGS]
    return found


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Seconds taken by one run of ``argv``; fails loudly if the command fails."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Time every command ``runs`` times, interleaved, and print medians and ratios."""
    runs = int(argv[0]) if argv else 30
    timed = commands()
    with tempfile.TemporaryDirectory(prefix="helpdesk-bench-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for command in timed.values():
            run_once(command, env)
        samples: dict[str, list[float]] = {label: [] for label in timed}
        for _ in range(runs):
            for label, command in timed.items():
                samples[label].append(run_once(command, env))
    medians = {label: statistics.median(values) for label, values in samples.items()}
    baseline = next(iter(medians.values()))
    print(f"bench/cli.py: {runs} execuções de cada comando, mediana (interpretador: {PYTHON})")
    worst = 0.0
    for label, median in medians.items():
        ratio = median / baseline
        worst = max(worst, ratio)
        print(f"  {label:<42} {median * 1000:7.1f} ms  {ratio:4.2f}×")
    verdict = "dentro da meta" if worst < TARGET_RATIO else "ACIMA da meta"
    print(f"pior razão {worst:.2f}× (meta: < {TARGET_RATIO:.0f}×): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
