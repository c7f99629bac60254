"""``helpdesk submit <tipo> --help`` reads cleanly, and errors name optional fields once."""

from __future__ import annotations

import pytest
from test_cli_store import run


def test_options_show_short_value_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "submit", "substitute", "--help")
    assert code == 0
    for usage in ("--support-id ID", "--new-client-cnpj CNPJ", "--new-client-email EMAIL",
                  "--new-client-name TEXTO"):  # fmt: skip
        assert usage in out
    assert "ex.:" not in out and "[--new-client-cnpj 00." not in out
    _, out, _ = run(capsys, "submit", "cancel", "--help")
    assert "--term-start DATA" in out and "--cycle-months N" in out
    assert "--conta-pj sim|nao" in out and "VALOR" not in out
    assert "?." not in out and "preenchidos com os dados da licença" in out


def test_an_optional_fields_error_says_opcional_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "submit", "substitute", "--support-id", "9", "--new-client-name", "A",
        "--new-client-cnpj", "11.222.333/0001-81", "--new-client-email", "a@@b",
    )  # fmt: skip
    assert code == 2
    assert err.startswith("helpdesk: erro: E-mail do novo cliente (--new-client-email): ")
