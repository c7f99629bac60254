"""The core (``helpdesk``) never pulls in Textual or TinyDB, and the rules path stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "tinydb")

# Imports every module of the package one by one, noting which first brought in a heavy one.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
import helpdesk
heavy = {heavy!r}
names, culprits = [], {{}}
for info in pkgutil.walk_packages(helpdesk.__path__, "helpdesk."):
    if info.name.endswith(".__main__") or info.name.startswith("helpdesk.compose"):
        continue  # running the command is not importing it; compose may import everything
    importlib.import_module(info.name)
    names.append(info.name)
    for module in heavy:
        if module in sys.modules:
            culprits.setdefault(module, info.name)
print(json.dumps({{"names": names, "culprits": culprits}}))
"""

RULES_PATH = """
import json, sys
from helpdesk.compose.cli import main
code = main(["rules", "cancel", "--today", "2026-03-10", "--term-start", "2026-03-03",
             "--renews-on", "2027-03-03", "--json"])
loaded = [m for m in ("textual", "tinydb", "holidays", "rich") if m in sys.modules]
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter from the project root; it must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_no_core_module_imports_textual_or_tinydb() -> None:
    """Every core module under helpdesk/ (search included) imports cleanly and lightly."""
    result = json.loads(run_python(IMPORT_ALL.format(heavy=HEAVY)).stdout.splitlines()[-1])
    names = set(result["names"])
    on_disk = {
        "helpdesk." + ".".join(path.relative_to(ROOT / "helpdesk").with_suffix("").parts)
        for path in (ROOT / "helpdesk").rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
        and "compose" not in path.relative_to(ROOT / "helpdesk").parts
    }
    assert on_disk <= names
    assert {"helpdesk.renewal", "helpdesk.search.engine"} <= names
    assert result["culprits"] == {}


def test_rules_command_loads_neither_ui_storage_nor_the_holidays_package() -> None:
    """``helpdesk rules cancel`` within the table's years reads the shipped table only."""
    # The report goes to stderr because stdout carries the command's own JSON.
    result = json.loads(run_python(RULES_PATH).stderr.splitlines()[-1])
    assert result == {"code": 0, "loaded": []}
