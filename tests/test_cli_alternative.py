"""A refused ``submit`` prints the alternative as a command the partner can copy and run."""

from __future__ import annotations

import json
import shlex
import subprocess
from datetime import date
from pathlib import Path

import pytest
from _cli import run
from _pilot import VALID_CNPJ, seed_licenses

from helpdesk.licenses import License

REFUND = (
    "submit", "refund", "--support-id", "123456", "--term-start", "01/03/2026",
    "--renews-on", "01/03/2027", "--conta-pj", "não",
)  # fmt: skip
"""A refund asked 50 days after the purchase: past the withdrawal period, refused."""

BLOCK = (
    "submit", "block-conta-pj", "--support-id", "5005", "--license-cancelled", "nao",
    "--company-name", "Ótica Visão Clara Ltda", "--cnpj", VALID_CNPJ,
)  # fmt: skip
"""A Conta PJ block for a license the partner says is not cancelled yet: refused."""

BLOCK_DAY = "2026-11-26T10:00"
"""When the block is asked (``HELPDESK_NOW``): ``submit`` registers at the present moment."""


def alternative_line(err: str) -> str:
    """The command after "Alternativa: " on stderr (exactly one such line)."""
    lines = [line for line in err.splitlines() if line.startswith("Alternativa: ")]
    assert len(lines) == 1, err
    return lines[0].removeprefix("Alternativa: ")


def filled(line: str, values: dict[str, str]) -> list[str]:
    """The line as the shell splits it, each ``<placeholder>`` replaced by its option's value."""
    words = shlex.split(line)
    assert words[0] == "helpdesk"
    for at, word in enumerate(words):
        if word.startswith("<") and word.endswith(">"):
            words[at] = values.pop(words[at - 1])
    assert values == {}, f"placeholders not offered: {values}"
    return words[1:]


def saved(capsys: pytest.CaptureFixture[str], *db: str) -> list[dict[str, object]]:
    """The requests in the database, in full."""
    code, out, _ = run(capsys, *db, "requests", "export", "--format", "json", "--output", "-")
    assert code == 0
    return list(json.loads(out))


def test_a_refused_refund_offers_the_cancellation_with_every_field_carried(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every typed field rides along; no date does: the alternative is registered when run."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-04-20T10:30")
    reason = "Cliente fechou a empresa; não usa mais o app"
    code, out, err = run(capsys, *REFUND, "--reason", reason)
    assert (code, out) == (3, "")
    assert "Estorno não é possível" in err
    assert alternative_line(err) == (
        "helpdesk submit cancel --support-id 123456 --term-start 01/03/2026 "
        "--renews-on 01/03/2027 --conta-pj nao "
        "--reason 'Cliente fechou a empresa; não usa mais o app'"
    )
    assert "Preencha" not in err and "…" not in err
    assert saved(capsys) == []

    monkeypatch.setenv("HELPDESK_NOW", "2026-04-21T09:15")  # copied and run the next morning
    code, out, err = run(capsys, *filled(alternative_line(err), {}), "--json")
    assert (code, err) == (0, "")
    request = json.loads(out)
    assert (request["kind"], request["support_id"]) == ("cancel", "123456")
    assert request["fields"]["reason"] == reason
    assert request["created_at"].startswith("2026-04-21T09:15")


def test_values_are_quoted_for_the_shell_and_come_back_unchanged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quotes, ``$`` and spaces in a typed reason survive the copy: the shell gives them back."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-04-20T10:30")
    reason = 'O sócio d\'Ávila disse: "chega" — $HOME `ls`'
    code, _, err = run(capsys, *REFUND, "--reason", reason)
    assert code == 3
    line = alternative_line(err)
    assert line.endswith(f"--reason {shlex.quote(reason)}")
    code, out, _ = run(capsys, *filled(line, {}), "--json")
    assert code == 0 and json.loads(out)["fields"]["reason"] == reason


def test_a_refund_of_a_license_in_the_lote_carries_what_was_typed_and_the_lote_fills_the_rest(
    lote: Path, capsys: pytest.CaptureFixture[str], pinned_now: str
) -> None:
    code, out, err = run(capsys, "submit", "refund", "--support-id", "100200")
    assert (code, out) == (3, "")
    assert alternative_line(err) == "helpdesk submit cancel --support-id 100200"
    assert "Preencha" not in err
    code, out, _ = run(capsys, *filled(alternative_line(err), {}), "--json")
    assert code == 0
    request = json.loads(out)
    assert request["kind"] == "cancel" and request["fields"]["renews_on"] == "01/06/2026"


def test_a_refused_block_names_what_the_cancellation_still_needs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPDESK_NOW", BLOCK_DAY)
    code, out, err = run(capsys, *BLOCK)
    assert (code, out) == (3, "")
    assert alternative_line(err) == (
        "helpdesk submit cancel --support-id 5005 "
        "--term-start <DD/MM/AAAA> --renews-on <DD/MM/AAAA> --conta-pj <sim|não>"
    )
    assert err.splitlines()[-1] == (
        "Preencha antes de rodar: --term-start (Início da vigência), --renews-on (Renovação), "
        "--conta-pj (Cliente tem Conta PJ ativa?)."
    )
    # Company and CNPJ are the block's own fields: the cancellation does not ask for them.
    assert "Ótica" not in alternative_line(err)

    values = {"--term-start": "10/01/2026", "--renews-on": "10/01/2027", "--conta-pj": "sim"}
    code, out, err = run(capsys, *filled(alternative_line(err), values), "--json")
    assert (code, err) == (0, "")
    request = json.loads(out)
    assert request["kind"] == "cancel" and request["outcome"]["accepted"] is True


def test_the_unfilled_line_pasted_as_is_runs_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The placeholders are a shell syntax error until replaced: no half command, no stray file."""
    monkeypatch.setenv("HELPDESK_NOW", BLOCK_DAY)
    code, _, err = run(capsys, *BLOCK)
    assert code == 3
    checked = subprocess.run(
        ["bash", "-n", "-c", alternative_line(err)], capture_output=True, text=True, check=False
    )
    assert checked.returncode != 0 and "syntax error" in checked.stderr


def test_an_active_license_of_the_lote_keeps_the_data_file_and_needs_nothing_more(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--db`` given on the command line is carried: the cancellation lands in the same file."""
    monkeypatch.setenv("HELPDESK_NOW", BLOCK_DAY)
    db = tmp_path / "outro lugar" / "dados.json"
    seed_licenses(
        db,
        License(
            support_id="5005",
            client="Ótica Visão Clara Ltda",
            cnpj="11222333000181",
            term_start=date(2026, 1, 10),
            renews_on=date(2027, 1, 10),
        ),
    )
    code, out, err = run(capsys, "--db", str(db), *BLOCK[:5], "sim", *BLOCK[6:])
    assert (code, out) == (3, "")
    assert "a licença 5005 está ativa" in err
    assert alternative_line(err) == (
        f"helpdesk submit cancel --support-id 5005 --db {shlex.quote(str(db))}"
    )
    code, out, _ = run(capsys, *filled(alternative_line(err), {}), "--json")
    assert code == 0 and json.loads(out)["fields"]["renews_on"] == "10/01/2027"
    assert [r["kind"] for r in saved(capsys, "--db", str(db))] == ["cancel"]
    assert saved(capsys) == []  # nothing went to the default data file


@pytest.mark.parametrize(
    ("term", "cycle"),
    [(("01/03/2026", "01/03/2027"), ()), (("01/09/2026", "01/03/2027"), ("--cycle-months", "6"))],
)
def test_rules_cancel_past_the_notice_offers_the_renewals_refund_as_a_command(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    term: tuple[str, str],
    cycle: tuple[str, ...],
) -> None:
    """The refund of the renewal: its own dates, the cycle if not the default, the rest to give."""
    start, renews = term
    code, out, _ = run(
        capsys, "rules", "cancel", "--today", "30/01/2027", "--term-start", start,
        "--renews-on", renews, *cycle,
    )  # fmt: skip
    assert code == 0
    line = alternative_line(out)
    next_renewal = "01/03/2028" if not cycle else "01/09/2027"
    assert line == " ".join(
        [
            f"helpdesk submit refund --term-start 01/03/2027 --renews-on {next_renewal}",
            *cycle,
            "--support-id <ID-Suporte> --conta-pj <sim|não>",
        ]
    )
    assert "Preencha antes de rodar: --support-id (ID Suporte), --conta-pj" in out
    # Asked on the renewal's third day, the refund the command describes is accepted.
    values = {"--support-id": "777001", "--conta-pj": "não"}
    monkeypatch.setenv("HELPDESK_NOW", "2027-03-03T10:00")
    code, out, err = run(capsys, *filled(line, values), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["kind"] == "refund"
