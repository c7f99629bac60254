"""``submit`` registers a request at the present moment: no option backdates or future-dates it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cli import run

from helpdesk.request_kinds import KINDS

LATE_LOTE = (
    "id_suporte,cliente,cnpj,inicio_vigencia,renovacao,ciclo_meses,conta_pj\n"
    "100411,Açúcar Doce Ltda,11.222.333/0001-81,10/12/2025,10/12/2026,12,sim\n"
)
"""A license renewing on 10/12/2026: the notice to avoid the charge ended on 10/11/2026."""

PRESENT = "2026-12-06T10:00"
"""The real present of the report: past the notice."""


@pytest.fixture
def late(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """The lote with 100411 imported, the clock at 06/12/2026 10:00; the lote as JSON."""
    monkeypatch.setenv("HELPDESK_NOW", PRESENT)
    path = tmp_path / "lote.csv"
    path.write_text(LATE_LOTE, encoding="utf-8")
    assert run(capsys, "lote", "import", str(path))[0] == 0
    code, out, _ = run(capsys, "lote", "list", "--json")
    assert code == 0
    return out


def requests_saved(capsys: pytest.CaptureFixture[str]) -> list[object]:
    """Every request in the data file."""
    code, out, _ = run(capsys, "requests", "--json")
    assert code == 0
    return list(json.loads(out))


@pytest.mark.parametrize(
    "when",
    [
        ("--today", "01/11/2026"),  # backdated into the notice period
        ("--today", "01/01/2030"),  # future-dated: would save HD-2030-000001
        ("--now", "2026-11-01T10:00"),
        ("--today=01/11/2026",),
        ("--tod", "01/11/2026"),  # argparse's abbreviation reaches the same refusal
        ("--today",),  # without a value: the same reason, not "falta o valor"
    ],
)
def test_a_date_option_is_refused_and_changes_nothing(
    late: str, capsys: pytest.CaptureFixture[str], when: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, "submit", "cancel", "--support-id", "100411", *when)
    assert (code, out) == (2, "")
    option = "--now" if when[0] == "--now" else "--today"
    assert f"erro: {option}: o submit não aceita esta opção." in err
    assert "registrado na data e hora de agora" in err and "helpdesk rules" in err
    assert "Nada foi salvo." in err and "Traceback" not in err
    assert "dentro do prazo" not in err
    assert requests_saved(capsys) == []
    assert run(capsys, "lote", "list", "--json")[1] == late  # Meu lote did not change


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("option", ["--today", "--now"])
def test_every_kind_refuses_the_date_options(
    capsys: pytest.CaptureFixture[str], db_path: Path, kind: str, option: str
) -> None:
    code, out, err = run(capsys, "submit", kind, "--support-id", "1", option, "2026-03-10")
    assert (code, out) == (2, "") and f"{option}: o submit não aceita" in err
    assert not db_path.exists()


def test_the_late_request_is_registered_now_and_says_it_is_late(
    late: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the partner meant to do: the request of today, the charge of the renewal said."""
    code, out, err = run(capsys, "submit", "cancel", "--support-id", "100411")
    assert (code, err) == (0, "")
    assert "Pedido registrado: HD-2026-000001" in out
    assert "Registrado em 06/12/2026 10:00" in out
    assert "O prazo para evitar a cobrança terminou em 10/11/2026" in out
    assert "dentro do prazo" not in out
    assert "Sei que o prazo de aviso terminou em 10/11/2026" in out  # the message to support
    [saved] = requests_saved(capsys)
    assert isinstance(saved, dict) and saved["created_at"].startswith("2026-12-06T10:00")


def test_the_help_says_the_request_is_dated_now(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "submit", "cancel", "--help")
    assert code == 0
    assert "--today" not in out.replace("helpdesk rules (com --today", "")
    assert "--now" not in out.replace("ou --now)", "")
    assert "registrado na data e hora de agora" in " ".join(out.split())
    code, out, _ = run(capsys, "rules", "cancel", "--help")
    assert code == 0 and "--today DATA" in out  # simulations keep their date
