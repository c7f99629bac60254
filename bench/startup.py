"""Start-up: process start → first screen painted, against a bare Textual app in the same run.

Run: ``.venv/bin/python bench/startup.py [ROUNDS]`` (default 9). Each round starts, one after
the other, ``python -c pass`` (the interpreter alone), a bare Textual app with Header, Static and
Footer, and helpdesk, each in a fresh process running headless at 120×36
(``bench/_startup_probe.py``) that exits at the first refresh after its first screen is mounted. Wall time of the whole process, as
a person waits for it; min and median of each, and the ratio helpdesk / bare paired round by round
(median and min of the per-round ratios). One untimed round first warms the file cache.
Target: helpdesk ≤ 1.3× the bare app.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = Path(__file__).with_name("_startup_probe.py")
ROOT = PROBE.parent.parent
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "bare app (Header, Static, Footer)": [sys.executable, str(PROBE), "bare"],
    "helpdesk home screen": [sys.executable, str(PROBE), "helpdesk"],
}


def timed(command: list[str], home: str) -> float:
    """Wall time of one run of ``command``."""
    start = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={"HOME": home, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": home},
    )
    return time.perf_counter() - start


def main() -> None:
    """Alternate the commands, then print min, median and the paired ratios."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    home = tempfile.mkdtemp()
    for command in COMMANDS.values():
        timed(command, home)
    samples: dict[str, list[float]] = {label: [] for label in COMMANDS}
    for _ in range(rounds):
        for label, command in COMMANDS.items():
            samples[label].append(timed(command, home))
    print(f"whole process, wall time, {rounds} interleaved rounds")
    for label, values in samples.items():
        print(
            f"{label:<36} min {min(values) * 1000:6.0f} ms   "
            f"median {statistics.median(values) * 1000:6.0f} ms"
        )
    bare, ours = samples["bare app (Header, Static, Footer)"], samples["helpdesk home screen"]
    ratios = [o / b for o, b in zip(ours, bare, strict=True)]
    print(
        f"ratio helpdesk / bare app, per round: median {statistics.median(ratios):.2f}x, "
        f"min {min(ratios):.2f}x (target <= 1.30x)"
    )


if __name__ == "__main__":
    main()
