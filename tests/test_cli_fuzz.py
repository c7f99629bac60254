"""The whole command line under fuzzing: any argument list or CSV file ends in exit 0, 2 or 3.

The commands and their options are read from the real parser, so a new option is fuzzed the
day it is added. Values mix well-formed dates, IDs and CNPJs with hostile text (control and bidi
characters, huge numbers, years 0001 and 9999, paths that are not there). Files are only ever
written inside the test's folder: ``--output`` and ``--db`` draw their values from it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from _cli import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpdesk.compose.cli import build_parser

EXCLUDED = {("search",), ("articles", "check"), ("serve",)}
"""Commands whose exit 1 is an answer (no result; problems found), and ``serve``, which runs
until interrupted."""
PATH_OPTIONS = {"--output", "--db"}

_TEXT = st.one_of(
    st.sampled_from(
        [
            "100200",
            "300400",
            "HD-2026-000001",
            "2026-03-10",
            "10/03/2026",
            "2026-03-10T10:00",
            "0001-01-01",
            "9999-12-31T23:59",
            "20:00",
            "25:61",
            "sim",
            "não",
            "12",
            "0",
            "-1",
            "99999999999999999999",
            "11.222.333/0001-81",
            "a@b.com.br",
            "",
            " ",
            "=SUM(1)",
            "\x1b[2J",
            "\u202eabc",
            "Fulano",
            "~nouser/x",
            "-",
            "--",
            "1e9",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=12,
    ),
)


def _commands() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every leaf command of the real parser, by its words."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if words:
            found[words] = parser
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*words, name))

    walk(build_parser(), ())
    return {words: parser for words, parser in found.items() if words not in EXCLUDED}


COMMANDS = _commands()


@st.composite
def argument_lists(draw: st.DrawFn, folder: Path) -> list[str]:
    """A command followed by some of its options and positionals, values fuzzed."""
    words = draw(st.sampled_from(sorted(COMMANDS)))
    parser = COMMANDS[words]
    args = list(words)
    for action in parser._actions:
        if isinstance(action, (argparse._SubParsersAction, argparse._HelpAction)):
            continue
        if action.option_strings:
            if not draw(st.booleans()):
                continue
            flag = action.option_strings[-1]
            args.append(flag)
            if action.nargs == 0:
                continue
            if (
                flag == "--db"
            ):  # a folder as data file is exit 1 by design (see test_review_cli_files)
                args.append(
                    draw(
                        st.sampled_from(
                            [str(folder / "db.json"), str(folder / "d/x.json"), "", "~nouser_z/x"]
                        )
                    )
                )
            elif flag in PATH_OPTIONS:
                args.append(str(folder / draw(st.sampled_from(["a.csv", "out/x.json", "", "x"]))))
            elif action.choices and draw(st.booleans()):
                args.append(str(draw(st.sampled_from(list(action.choices)))))
            else:
                args.append(draw(_TEXT))
        elif draw(st.integers(0, 9)):  # a positional, usually given
            args.append(draw(_TEXT))
    if draw(st.integers(0, 4)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(_TEXT))  # a stray word
    return args


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_argument_list_exits_0_2_or_3_without_traceback(
    data: st.DataObject,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    monkeypatch.chdir(folder)  # relative paths (a default prazos.ics, a db copy target) land here
    args = data.draw(argument_lists(folder))
    if not any(arg.startswith("--db") for arg in args):
        args += ["--db", str(folder / "db.json")]
    code, _, err = run(capsys, *args)
    assert code in (0, 2, 3), (args, code, err)
    assert "Traceback" not in err


_CSV_PIECES = st.sampled_from(
    [
        b"id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj",
        b"100200,Padaria,11.222.333/0001-81,01/06/2025,01/06/2026,12,sim",
        b",",
        b";",
        b'"',
        b"\r",
        b"\n",
        b"\r\n",
        b"\x00",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"x" * 300,
        "ç\u202e\x1b".encode(),
        b"9999-12-31",
        b"0",
    ]
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pieces=st.lists(st.one_of(_CSV_PIECES, st.binary(max_size=20)), max_size=25))
def test_any_csv_bytes_import_with_exit_0_or_2(
    pieces: list[bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lote.csv"
    source.write_bytes(b"".join(pieces))
    for extra in ((), ("--dry-run",)):
        code, _, err = run(
            capsys, "lote", "import", str(source), *extra, "--db", str(tmp_path / "d.json")
        )
        assert code in (0, 2), (code, err)
        assert "Traceback" not in err
