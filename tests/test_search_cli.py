"""``helpdesk search``: output, JSON, exit codes, and the log of searches that found nothing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from helpdesk.compose.cli import main
from helpdesk.policy import POLICY
from store.database import Database


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
    assert [m.query for m in Database(db_path).misses.list()] == ["xyzzy quux"]


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
    misses = Database(db_path).misses
    misses.add("Xyzzy", datetime(2026, 3, 2, 10, 0))
    misses.add("quux", datetime(2026, 3, 4, 9, 0))
    misses.add("xyzzy ", datetime(2026, 3, 5, 9, 0))
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


def test_documents_typed_in_a_failed_search_are_not_stored(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """A CNPJ or e-mail pasted into the search box is masked before the miss is counted."""
    status, _, _ = run(capsys, "xyzzy", "44.555.666/7777-88", "xptoq@qwzk.zz")
    assert status == 1
    assert [m.query for m in Database(db_path).misses.list()] == ["xyzzy ••• •••"]
    text = db_path.read_text(encoding="utf-8")
    assert "44.555" not in text and "xptoq" not in text


def test_unwritable_data_file_only_warns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """When the miss cannot be saved the search still answers, with a warning on stderr."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    status = main(["--db", str(blocker / "helpdesk.json"), "search", "xyzzy"])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Não encontramos nada" in out
    assert "aviso: a busca sem resultado não foi registrada" in err


def test_a_lone_digit_found_nowhere_is_a_miss(capsys: pytest.CaptureFixture[str]) -> None:
    """A one-digit query that matches nothing gets the kind no-results message, not a traceback."""
    status, out, err = run(capsys, "9")
    assert status == 1
    assert "Não encontramos nada para “9”" in out
    assert err == ""
