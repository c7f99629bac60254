"""``helpdesk rules …``: the JSON contract, the Portuguese text, exit codes and error messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from _cli import run

import helpdesk.compose.cli
from helpdesk.compose.cli import COMMAND_MODULES, _modules_for, build_parser, main
from helpdesk.errors import InputError
from helpdesk.policy import POLICY

ROOT = Path(__file__).resolve().parent.parent
RULE_KEYS = {
    "withdrawal_deadline",
    "refund_eligible",
    "notice_deadline",
    "charged_at_next_renewal",
    "full_amount_due",
    "effective_on",
    "data_deleted_on",
}


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``helpdesk`` in-process: returns ``(exit code, stdout, stderr)``."""

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as stop:
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The present moment is Tuesday 10/03/2026 10:00 in São Paulo."""
    monkeypatch.setenv("HELPDESK_NOW", "2026-03-10T10:00")


def as_json(out: str) -> dict[str, Any]:
    """Exactly one JSON object on stdout."""
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


# cancel


def test_cancel_json_has_the_rule_keys(cli: Any) -> None:
    """The seven keys of rules 1–7, dates as AAAA-MM-DD; extras allowed."""
    code, out, err = cli(
        "rules", "cancel", "--today", "2026-03-11", "--term-start", "03/03/2026",
        "--renews-on", "2027-03-03", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = as_json(out)
    assert set(data) >= RULE_KEYS
    assert {k: data[k] for k in RULE_KEYS} == {
        "withdrawal_deadline": "2026-03-10",
        "refund_eligible": False,
        "notice_deadline": "2027-02-01",
        "charged_at_next_renewal": False,
        "full_amount_due": True,
        "effective_on": "2027-03-03",
        "data_deleted_on": "2027-06-01",
    }


def test_cancel_today_defaults_to_the_clock(cli: Any, pinned_now: None) -> None:
    """Without --today, HELPDESK_NOW (10/03/2026) is today: day 7, the refund still open.

    The cancellation of the renewal still takes effect at the renewal, as the form says; the
    refund is the other request.
    """
    code, out, _ = cli(
        "rules", "cancel", "--term-start", "2026-03-03", "--renews-on", "2027-03-03", "--json"
    )
    data = as_json(out)
    assert code == 0 and data["today"] == "2026-03-10"
    assert data["refund_available"] is True and data["refund_eligible"] is False
    assert data["full_amount_due"] is False
    assert (data["effective_on"], data["data_deleted_on"]) == ("2027-03-03", "2027-06-01")


def test_cancel_late_with_a_monthly_cycle(cli: Any) -> None:
    """--cycle-months 1, one day past the notice deadline: one more month is charged."""
    code, out, _ = cli(
        "rules", "cancel", "--today", "2026-03-10", "--term-start", "2026-03-02",
        "--renews-on", "2026-04-02", "--cycle-months", "1", "--json",
    )  # fmt: skip
    data = as_json(out)
    assert code == 0 and data["charged_at_next_renewal"] is True
    assert data["effective_on"] == "2026-05-02"


def test_cancel_text_is_portuguese_with_brazilian_dates(cli: Any) -> None:
    """Without --json: the evaluator's outcome (as the form shows it), DD/MM/AAAA, no ISO dates."""
    code, out, _ = cli(
        "rules", "cancel", "--today", "30/01/2027", "--term-start", "01/03/2026",
        "--renews-on", "01/03/2027",
    )  # fmt: skip
    assert code == 0
    assert "09/03/2026  Fim do arrependimento" in out
    assert "cancelar antes do fim do contrato não diminui o valor acordado" in out
    assert "terminou em 29/01/2027" in out and "será cobrada" in out
    assert "De 01/03/2027 até 08/03/2027, você pode pedir o estorno dessa renovação" in out
    assert "sem esse pedido, o cancelamento vale no fim do novo ciclo, em 01/03/2028" in out
    assert "30/01 é sábado: o app considera o dia útil anterior, 29/01" in out
    assert (
        "Alternativa: helpdesk submit refund --term-start 01/03/2027 --renews-on 01/03/2028" in out
    )
    assert "2027-" not in out


# transfer and substitute


def test_transfer_json(cli: Any) -> None:
    """Inside the withdrawal period there is no refund; the license leaves at the renewal."""
    code, out, _ = cli(
        "rules", "transfer", "--today", "2026-03-05", "--term-start", "2026-03-03",
        "--renews-on", "2027-03-03", "--json",
    )  # fmt: skip
    data = as_json(out)
    assert code == 0 and set(data) >= RULE_KEYS
    assert data["refund_eligible"] is False and data["transferable"] is True
    assert data["leaves_lote_on"] == "2027-03-03"


def test_transfer_refused_when_the_client_pays(cli: Any) -> None:
    """A refusal is an answer: exit 0."""
    code, out, _ = cli(
        "rules", "transfer", "--today", "2026-03-05", "--term-start", "2026-03-03",
        "--renews-on", "2027-03-03", "--partner-pays", "não",
    )  # fmt: skip
    assert code == 0 and "✗ Transferência não é possível" in out


def test_substitute_text_names_no_license_nor_client(cli: Any) -> None:
    """The evaluator's words, without an invented license or client in the decision."""
    code, out, _ = cli("rules", "substitute", "--today", "10/03/2026")
    assert code == 0
    assert out.startswith(
        "✓ A licença continua no seu lote e passa para o novo cliente, numa conta"
    )
    assert "A nova conta começa vazia" in out and "10/03/2026  Pedido de substituição" in out
    assert "CNPJ" not in out


def test_substitute_json(cli: Any) -> None:
    """The license stays, the new account is empty; no date the policy does not give."""
    code, out, _ = cli("rules", "substitute", "--today", "10/03/2026", "--json")
    assert code == 0
    assert as_json(out) == {
        "stays_in_lote": True,
        "new_account_empty": True,
        "requested_on": "2026-03-10",
    }


# backup and download


def test_backup_json_when_schedulable(cli: Any) -> None:
    """generation_at is ISO 8601 with the São Paulo offset."""
    code, out, _ = cli("rules", "backup", "--now", "2026-03-10T19:00", "--slot", "19:00", "--json")
    data = as_json(out)
    assert code == 0 and {"schedulable", "generation_at", "reason"} <= set(data)
    assert data["schedulable"] is True and data["reason"] is None
    assert data["generation_at"] == "2026-03-11T19:00:00-03:00"


def test_backup_text_when_refused(cli: Any, pinned_now: None) -> None:
    """Outside the window: the evaluator's refusal and what to choose instead; still exit 0."""
    code, out, _ = cli("rules", "backup", "--slot", "18:59")
    assert code == 0
    assert out.startswith("✗ Horário não permitido: o horário 18:59 está fora da janela")
    assert "Escolha um horário entre 19h e 04h." in out


def test_backup_json_when_refused(cli: Any, pinned_now: None) -> None:
    """Outside the window: exit 0, generation_at null, a Portuguese reason."""
    code, out, _ = cli("rules", "backup", "--slot", "18:59", "--json")
    data = as_json(out)
    assert code == 0
    assert data["schedulable"] is False and data["generation_at"] is None
    assert "fora da janela" in data["reason"]


def test_backup_text(cli: Any, pinned_now: None) -> None:
    """Without --json: the scheduled moment in Brazilian form, as the app's reading."""
    code, out, _ = cli("rules", "backup", "--slot", "00:00")
    assert code == 0
    assert "Pela leitura do app, o horário agendado chega em 11/03/2026 às 00:00" in out
    assert "fica pronto em" not in out


@pytest.mark.parametrize(
    ("at", "available", "next_at"),
    [
        ("2026-03-10T04:59", True, "2026-03-10T04:59:00-03:00"),
        ("2026-03-10T05:00", False, "2026-03-10T19:00:00-03:00"),
        ("2026-03-10T18:59", False, "2026-03-10T19:00:00-03:00"),
        ("2026-03-10T19:00", True, "2026-03-10T19:00:00-03:00"),
        ("2026-04-03T10:00", True, "2026-04-03T10:00:00-03:00"),  # Good Friday
        ("14/03/2026 10:00", True, "2026-03-14T10:00:00-03:00"),  # Saturday
    ],
)
def test_download_json(cli: Any, at: str, available: bool, next_at: str) -> None:
    """available and next_available_at for a business day, a holiday and a weekend."""
    code, out, _ = cli("rules", "download", "--at", at, "--json")
    assert code == 0
    assert as_json(out) == {"available": available, "next_available_at": next_at}


def test_download_defaults_to_now(cli: Any, pinned_now: None) -> None:
    """Without --at: HELPDESK_NOW (a Tuesday at 10:00) is blocked until 19:00."""
    code, out, _ = cli("rules", "download")
    assert code == 0 and "indisponível" in out and "10/03/2026 às 19:00" in out


# Bad input: exit 2, Portuguese on stderr, no traceback.


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["rules", "cancel", "--term-start", "31/02/2026", "--renews-on", "2027-03-01"],
         "--term-start: a data 31/02/2026 não existe"),
        (["rules", "cancel", "--today", "ontem", "--term-start", "2026-03-01",
          "--renews-on", "2027-03-01"], "--today: data inválida"),
        (["rules", "cancel", "--today", "2027-03-02", "--term-start", "2026-03-01",
          "--renews-on", "2027-03-01"], "--renews-on: a próxima renovação não pode estar no passado"),
        (["rules", "cancel", "--today", "2026-02-10", "--term-start", "2026-03-01",
          "--renews-on", "2027-03-01"], "--term-start: o início da vigência não pode"),
        (["rules", "cancel", "--today", "2026-03-10", "--term-start", "2026-03-01",
          "--renews-on", "2027-03-02"], "--renews-on: com início em 01/03/2026 e ciclo de 12 meses, "
         "a renovação é em 01/03/2027"),
        (["rules", "cancel", "--term-start", "2026-03-01", "--renews-on", "2027-03-01",
          "--cycle-months", "doze"], "--cycle-months"),
        (["rules", "cancel", "--term-start", "2026-03-01", "--renews-on", "2027-03-01",
          "--cycle-months", "0"], "--cycle-months: use um número de 1 a"),
        (["rules", "cancel", "--renews-on", "2027-03-01"],
         "faltam argumentos obrigatórios: --term-start"),
        (["rules", "backup", "--now", "2026-03-10"], "faltam argumentos obrigatórios: --slot"),
        (["rules", "backup", "--slot", "25:00"], "--slot: o horário 25:00 não existe"),
        (["rules", "download", "--at", "amanhã"], "--at: data e hora inválidas"),
        (["rules", "devolver"], "opção inválida 'devolver'"),
        (["rules"], "faltam argumentos obrigatórios"),
        (["rules", "download", "--at"], "--at: falta o valor"),
        (["rules", "download", "--json", "--extra"], "argumentos não reconhecidos: --extra"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_a_portuguese_message(
    cli: Any, pinned_now: None, argv: list[str], says: str
) -> None:
    """The message names the option or field; stdout stays empty; no traceback."""
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert says in err
    assert "erro:" in err and "Traceback" not in err


def test_invalid_pinned_clock_is_bad_input(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed HELPDESK_NOW is reported by name, not as a traceback."""
    monkeypatch.setenv("HELPDESK_NOW", "ontem")
    code, _, err = cli("rules", "download")
    assert code == 2 and "HELPDESK_NOW" in err


def test_help_is_portuguese(cli: Any) -> None:
    """``--help`` exits 0 with a Portuguese usage line."""
    code, out, _ = cli("rules", "cancel", "--help")
    assert code == 0
    assert out.startswith("uso: helpdesk rules cancel")
    assert "opções:" in out and "mostra esta ajuda e sai" in out


def test_python_m_helpdesk_in_a_subprocess() -> None:
    """The real entry point: one JSON object on stdout, nothing on stderr, exit 0."""
    env = {**os.environ, "HELPDESK_NOW": "2026-03-10T10:00"}
    done = subprocess.run(
        [sys.executable, "-m", "helpdesk", "rules", "cancel", "--term-start", "2026-03-03",
         "--renews-on", "2027-03-03", "--json"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads(done.stdout)
    assert set(data) >= RULE_KEYS and data["refund_available"] is True


# The rules command is parsed without importing the other command groups.


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        (["rules", "cancel"], ("rules",)),
        (["--db", "x.json", "rules", "backup"], ("rules",)),
        (["--db=x.json", "rules"], ("rules",)),
        (["--help", "rules"], COMMAND_MODULES),
        ([], COMMAND_MODULES),
        (["requests"], COMMAND_MODULES),
        (["--db", "rules"], COMMAND_MODULES),  # "rules" is the file name here
    ],
)
def test_modules_needed_for_a_command_line(argv: list[str], modules: tuple[str, ...]) -> None:
    """Only ``rules`` takes the short way; anything else, or the main help, loads every group."""
    assert tuple(_modules_for(argv)) == modules


@pytest.mark.parametrize(
    "argv",
    [
        ["rules", "cancel", "--today", "2026-03-10", "--term-start", "2026-03-01",
         "--renews-on", "2027-03-01", "--cycle-months", "6", "--json"],
        ["--db", "dados.json", "rules", "download", "--at", "2026-03-10T05:00"],
        ["rules", "backup", "--slot", "19:00"],
    ],
)  # fmt: skip
def test_the_short_way_parses_like_the_full_parser(argv: list[str]) -> None:
    """Same namespace, handler included, whichever way the parser was built."""
    assert vars(build_parser(("rules",)).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_db_option_before_rules(cli: Any) -> None:
    """The global --db option does not disturb the rules commands."""
    code, out, _ = cli("--db", "x.json", "rules", "substitute", "--today", "10/03/2026", "--json")
    assert code == 0 and as_json(out)["requested_on"] == "2026-03-10"


def test_bad_input_while_opening_the_app_is_reported(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An InputError raised on the way into the app (e.g. a bad HELPDESK_NOW) exits 2 cleanly."""

    def refuse(db: str | None) -> int:
        raise InputError("HELPDESK_NOW", "momento inválido")

    monkeypatch.setattr(helpdesk.compose.cli, "run_tui", refuse)
    code, out, err = cli()
    assert (code, out) == (2, "") and "HELPDESK_NOW: momento inválido" in err


CYCLE_TERM = ("--today", "2026-03-10", "--term-start", "01/03/2026", "--renews-on", "01/03/2027")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", f"use um número de 1 a {POLICY.max_cycle_months}."),
        ("61", f"use um número de 1 a {POLICY.max_cycle_months}."),
        ("doze", "use um número inteiro (recebido: 'doze')."),
    ],
)
def test_rules_name_the_option_at_fault(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "rules", "cancel", *CYCLE_TERM, "--cycle-months", value)
    assert code == 2
    assert err == f"helpdesk: erro: --cycle-months: {message}\n"


def test_rules_name_the_date_option_at_fault(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "rules", "cancel", "--today", "2026-03-10", "--term-start", "01/03/2026",
        "--renews-on", "01/02/2026",
    )  # fmt: skip
    assert code == 2
    assert err.startswith("helpdesk: erro: --renews-on: a data de renovação precisa")


TRANSFER_TERM = ("--term-start", "01/11/2025", "--renews-on", "01/11/2026")


def test_transfer_on_time(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "transfer", "--today", "2026-09-10", *TRANSFER_TERM)
    assert code == 0
    assert "Cancelamento efetivo" not in out and "arrependimento" not in out
    assert "02/10/2026  Prazo para pedir" in out and "ainda paga a renovação" not in out
    assert (
        "A licença sai do seu lote em 01/11/2026 e, a partir daí, o cliente contrata e paga" in out
    )
    assert "Combine com o cliente a contratação do plano dele antes de 01/11/2026" in out


def test_transfer_late(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "transfer", "--today", "2026-10-10", *TRANSFER_TERM)
    assert code == 0
    assert "seu escritório ainda paga a renovação de 01/11/2026" in out
    assert "a licença sai do lote em 01/11/2027" in out and "01/11/2027  Sai do lote" in out
    assert "Cancelamento efetivo" not in out


def test_cancel_still_explains_the_effect(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "cancel", "--today", "2026-09-10", *TRANSFER_TERM)
    assert "a renovação de 01/11/2026 não será cobrada e a licença fica ativa até essa data" in out
    assert "os dados da licença serão apagados em 30/01/2027" in out
    assert "30/01/2027  Exclusão dos dados" in out


def test_cancel_text_is_the_evaluators_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    """Decision, warnings and reasons are the ones the form panel and submit show, word for word."""
    from datetime import date, datetime, time

    from helpdesk.clock import SAO_PAULO
    from helpdesk.request_kinds import get_kind

    values = {"term_start": date(2025, 11, 1), "renews_on": date(2026, 11, 1), "cycle_months": 12}
    code, out, _ = run(capsys, "rules", "cancel", "--today", "2026-10-10", *TRANSFER_TERM)
    outcome = get_kind("cancel").evaluate(
        values, datetime.combine(date(2026, 10, 10), time(12), SAO_PAULO)
    )
    assert code == 0 and out.startswith(f"✓ {outcome.decision}\n")
    assert outcome.warnings and outcome.reasons and outcome.rules
    for line in (*outcome.warnings, *outcome.reasons, *(rule.text for rule in outcome.rules)):
        assert line in out
