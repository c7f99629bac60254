"""The README's commands run as written after set-up, and it documents what the CLI really does."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import run

from helpdesk.compose.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks() -> list[str]:
    """The lines of the README's ```bash blocks, comments dropped."""
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        lines += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    return lines


def synopsis() -> list[str]:
    """The lines of the command-line synopsis block (the first plain ``` block)."""
    block = re.search(r"## Linha de comando\n\n```\n(.*?)```", README, flags=re.S)
    assert block is not None
    return block.group(1).splitlines()


def test_the_set_up_puts_helpdesk_one_step_away() -> None:
    """The README says how: activate the venv; its bin/ holds the console script."""
    assert "source .venv/bin/activate" in bash_blocks()
    script = Path(sys.executable).parent / "helpdesk"
    assert script.exists(), "the editable install made by tasks.py provides bin/helpdesk"
    done = subprocess.run(
        [str(script), "rules", "backup", "--slot", "02:00", "--now", "2026-03-10T10:00"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "02:00" in done.stdout


LONG_RUNNING = ("helpdesk serve",)
"""Examples that start a server and run until stopped: checked by parsing, not by running."""


@pytest.mark.parametrize(
    "line",
    [x for x in bash_blocks() if x.startswith("helpdesk ") and not x.startswith(LONG_RUNNING)],
)
def test_every_example_runs_as_written(
    line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each ``helpdesk …`` line of a bash block exits 0 on a fresh data folder."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-03-10T10:00")
    code, out, err = run(capsys, *shlex.split(line)[1:])
    assert code == 0, err
    assert out.strip()


@pytest.mark.parametrize("line", [x for x in bash_blocks() if x.startswith(LONG_RUNNING)])
def test_every_server_example_parses(line: str) -> None:
    """Each ``helpdesk serve …`` line of a bash block names a command and options that exist."""
    args = build_parser().parse_args(shlex.split(line)[1:])
    assert args.command == "serve"


def test_tasks_app_forwards_the_commands() -> None:
    """``python3 tasks.py app rules …`` is ``helpdesk rules …``: the arguments go through."""
    env = {**os.environ, "HELPDESK_NOW": "2026-03-10T10:00"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tasks.py"), "app", "rules", "download", "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert '"available"' in done.stdout


def _options(line: str) -> tuple[set[str], set[str]]:
    """Options of a synopsis line, split into (shown required, shown optional)."""
    required: set[str] = set()
    optional: set[str] = set()
    depth = 0
    for token in re.findall(r"\[|\]|--[a-z-]+", line):
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
        else:
            (optional if depth else required).add(token)
    return required, optional


@pytest.mark.parametrize("rule", ["cancel", "transfer", "substitute", "backup", "download"])
def test_the_synopsis_marks_optional_what_the_parser_does_not_require(rule: str) -> None:
    """``rules cancel`` shows ``[--today D]``: the parser does not require it either."""
    line = next(x for x in synopsis() if x.startswith(f"helpdesk rules {rule} "))
    shown_required, shown_optional = _options(line)
    parser = build_parser(("rules",))
    rules = parser._subparsers._group_actions[0].choices["rules"]  # type: ignore[union-attr,index]
    sub = rules._subparsers._group_actions[0].choices[rule]
    actions = {o: a for a in sub._actions for o in a.option_strings if o.startswith("--")}
    assert shown_required | shown_optional <= set(actions)
    assert {o for o in shown_required | shown_optional if actions[o].required} == shown_required


def test_every_exit_code_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    """The table lists 0, 1, 2, 3 and 130; search's 1 for nothing found is real."""
    table = README[README.index("### Códigos de saída") :]
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^\| {code} \|", table, flags=re.M), code
    assert "`search`: nada encontrado" in table
    assert run(capsys, "search", "zzqxwv")[0] == 1


def test_the_damaged_file_text_agrees_with_the_app() -> None:
    """The app keeps running with a message; the README no longer says it stops."""
    section = README[README.index("### Se o arquivo de dados for danificado") :][:900]
    assert "continua aberto" in section
    assert "e para." not in section
