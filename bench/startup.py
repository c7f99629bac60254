"""Start-up time: process start → home screen up, against a bare Textual app in the same run.

Run: ``.venv/bin/python bench/startup.py [ROUNDS]``. Target: helpdesk ≤ 1.3× the bare app
(Header + Footer + one ~3 KB Markdown).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

PROBE = Path(__file__).with_name("_startup_probe.py")
ROOT = PROBE.parent.parent


def timed(mode: str) -> float:
    """Wall time of one headless start of ``mode``."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(PROBE), mode], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> None:
    """Alternate the two apps, then print medians and the ratio."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    timed("bare"), timed("helpdesk")  # warm the file cache
    samples: dict[str, list[float]] = {"bare": [], "helpdesk": []}
    for _ in range(rounds):
        for mode in samples:
            samples[mode].append(timed(mode))
    bare = statistics.median(samples["bare"])
    ours = statistics.median(samples["helpdesk"])
    print(f"bare app (Header+Footer+Markdown 3 KB): median {bare * 1000:.0f} ms over {rounds} runs")
    print(f"helpdesk home screen:                   median {ours * 1000:.0f} ms over {rounds} runs")
    print(f"ratio helpdesk / bare: {ours / bare:.2f}x (target <= 1.30x)")


if __name__ == "__main__":
    main()
