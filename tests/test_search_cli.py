"""``helpdesk search``: output, JSON, exit codes, and the log of searches that found nothing."""

from __future__ import annotations

import json
import stat
from datetime import datetime
from pathlib import Path

import pytest

from helpdesk.cli import main
from helpdesk.policy import POLICY
from helpdesk.search.misses import MissLog, misses_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return exit status, stdout and stderr."""
    status = main(["search", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_results_are_listed_with_where_to_open_them(capsys: pytest.CaptureFixture[str]) -> None:
    """A query partners type finds the refund article, with its section and a link to it."""
    status, out, _ = run(capsys, "quero", "meu", "dinheiro", "de", "volta")
    assert status == 0
    first = out.splitlines()[0]
    assert first.startswith("1. Como funciona o estorno do plano")
    assert "article:estorno" in out
    assert "\x1b[" not in out  # no colour codes when not on a terminal


def test_typo_correction_is_shown(capsys: pytest.CaptureFixture[str]) -> None:
    """The words searched instead of a typo are named."""
    status, out, _ = run(capsys, "bakcup")
    assert status == 0
    assert "bakcup → backup" in out


def test_json_is_a_list_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints id, title, score, kind and anchor for each result, best first."""
    status, out, _ = run(capsys, "cancelar", "--json", "--limit", "3")
    rows = json.loads(out)
    assert status == 0
    assert 1 <= len(rows) <= 3
    assert all({"id", "title", "score", "kind", "anchor"} <= row.keys() for row in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert {r["kind"] for r in rows} <= {"article", "action"}


def test_no_results_is_kind_and_remembered(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """Nothing found: exit 1, a kind message, the actions and the support channels; the miss is kept."""
    status, out, _ = run(capsys, "xyzzy", "quux")
    assert status == 1
    assert "Não encontramos nada para “xyzzy quux”" in out
    assert "Pedir estorno" in out and "form:refund" in out
    assert POLICY.channels.whatsapp_display in out
    assert POLICY.channels.conta_pj_email in out
    assert [m.query for m in MissLog.for_db(db_path).summary()] == ["xyzzy quux"]


def test_no_results_suggests_close_words(capsys: pytest.CaptureFixture[str]) -> None:
    """A word too far off to correct gets close known words suggested."""
    status, out, _ = run(capsys, "arependimntoo")
    assert status == 1
    assert "Você quis dizer:" in out and "arrependimento" in out


def test_json_with_no_results_prints_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    """--json and nothing found: an empty list and exit 1."""
    status, out, _ = run(capsys, "xyzzy", "--json")
    assert (status, json.loads(out)) == (1, [])


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["estorno", "--limit", "0"], "--limit"),
        (["estorno", "--limit", "dez"], "--limit"),
        ([], "BUSCA"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], argv: list[str], field: str
) -> None:
    """Bad options give a Portuguese message naming the field, on stderr, and status 2."""
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert f"helpdesk: erro: {field}:" in err


def test_misses_lists_failed_searches_most_frequent_first(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """--misses groups the same query typed in different ways and shows the last date."""
    log = MissLog.for_db(db_path)
    log.record("Xyzzy", datetime(2026, 3, 2, 10, 0))
    log.record("xyzzy ", datetime(2026, 3, 5, 9, 0))
    log.record("quux", datetime(2026, 3, 4, 9, 0))
    status, out, _ = run(capsys, "--misses")
    lines = out.splitlines()
    assert status == 0
    assert "2 vezes" in lines[1] and "05/03/2026" in lines[1] and lines[1].endswith("xyzzy")
    assert "1 vez" in lines[2] and lines[2].endswith("quux")
    status, out, _ = run(capsys, "--misses", "--json")
    assert [(r["query"], r["count"]) for r in json.loads(out)] == [("xyzzy", 2), ("quux", 1)]


def test_misses_empty(capsys: pytest.CaptureFixture[str]) -> None:
    """With no failed search yet, --misses says so."""
    status, out, _ = run(capsys, "--misses")
    assert (status, out.strip()) == (0, "Nenhuma busca sem resultado registrada.")


def test_misses_with_a_query_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """--misses takes no search text."""
    status, _, err = run(capsys, "--misses", "estorno")
    assert status == 2 and "--misses" in err


def test_misses_file_is_private_and_masks_documents(db_path: Path) -> None:
    """Folder 0700, file 0600; a CNPJ or e-mail typed in the query is not stored."""
    log = MissLog.for_db(db_path)
    log.record("cliente 12.345.678/0001-90 fulano@exemplo.com.br", datetime(2026, 3, 2, 10, 0))
    path = misses_path(db_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    stored = path.read_text(encoding="utf-8")
    assert "12.345" not in stored and "fulano" not in stored
    assert log.summary()[0].query == "cliente ••• •••"


def test_damaged_misses_line_is_skipped(db_path: Path) -> None:
    """A torn or edited line does not stop the others from being read."""
    log = MissLog.for_db(db_path)
    log.record("xyzzy", datetime(2026, 3, 2, 10, 0))
    with misses_path(db_path).open("a", encoding="utf-8") as file:
        file.write('{"query": "meia linha\n')
    assert [m.query for m in log.summary()] == ["xyzzy"]
