"""Blocking a Conta PJ: refused for a license the lote shows as active, the partner's word otherwise."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from _pilot import SIZE, VALID_CNPJ, make_app, panel_text, seed_licenses, type_in
from textual.widgets import OptionList

from helpdesk.compose.cli import main
from helpdesk.licenses import CANCELLATION_SCHEDULED, CANCELLED, TRANSFERRED, License
from store.database import Database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``helpdesk`` in-process: exit code, stdout, stderr."""
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def lote(db_path: Path, status: str = "ativa", cancels_on: date | None = None) -> None:
    """One license, 5005, in the lote with ``status``."""
    seed_licenses(
        db_path,
        License(
            support_id="5005",
            client="Ótica Visão Clara Ltda",
            cnpj="11222333000181",
            term_start=date(2026, 1, 10),
            renews_on=date(2027, 1, 10),
            status=status,
            cancels_on=cancels_on,
        ),
    )


def submit(capsys: pytest.CaptureFixture[str], db_path: Path) -> tuple[int, str, str]:
    """``submit block-conta-pj`` for 5005 on 26/11/2026, the partner saying it is cancelled."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPDESK_NOW", "2026-11-26T10:00")  # submit registers at the present
        return run(
            capsys, "--db", str(db_path), "submit", "block-conta-pj", "--support-id", "5005",
            "--license-cancelled", "sim", "--company-name", "Ótica Visão Clara Ltda",
            "--cnpj", VALID_CNPJ, "--json",
        )  # fmt: skip


def saved(capsys: pytest.CaptureFixture[str], db_path: Path) -> list[object]:
    """The requests in the database."""
    code, out, _ = run(capsys, "--db", str(db_path), "requests", "--json")
    assert code == 0
    return list(json.loads(out))


def test_an_active_license_of_the_lote_is_refused_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    lote(db_path)
    code, out, err = submit(capsys, db_path)
    assert (code, out) == (3, "")
    assert "no seu lote, a licença 5005 está ativa" in err
    # A cancellation made straight with support is unknown to the lote: the way out is the
    # Conta PJ channels, not an edit Meu lote does not offer.
    assert "contapj@contaazul.com" in err and "Meu lote" not in err
    assert "Alternativa: helpdesk submit cancel" in err
    assert saved(capsys, db_path) == []


@pytest.mark.parametrize(
    ("status", "cancels_on"),
    [(CANCELLED, date(2026, 10, 1)), (CANCELLATION_SCHEDULED, date(2026, 11, 1))],
)
def test_a_cancelled_license_of_the_lote_is_accepted(
    capsys: pytest.CaptureFixture[str], db_path: Path, status: str, cancels_on: date
) -> None:
    lote(db_path, status, cancels_on)
    code, out, _ = submit(capsys, db_path)
    assert code == 0 and json.loads(out)["outcome"]["accepted"] is True
    assert len(saved(capsys, db_path)) == 1


@pytest.mark.parametrize(
    ("status", "cancels_on", "accepted"),
    [
        # 26/11/2026 is the day of the submit: access ends that day, the lote counts it cancelled.
        (CANCELLATION_SCHEDULED, date(2026, 11, 26), True),
        (CANCELLATION_SCHEDULED, date(2026, 11, 27), False),
        (CANCELLATION_SCHEDULED, date(2027, 12, 29), False),
        (TRANSFERRED, date(2026, 11, 27), False),
    ],
)
def test_a_cancellation_that_takes_effect_later_is_refused_until_that_day(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    status: str,
    cancels_on: date,
    accepted: bool,
) -> None:
    lote(db_path, status, cancels_on)
    code, out, err = submit(capsys, db_path)
    if accepted:
        assert code == 0 and json.loads(out)["outcome"]["accepted"] is True
        assert len(saved(capsys, db_path)) == 1
        return
    assert (code, out) == (3, "")
    day = f"{cancels_on:%d/%m/%Y}"
    assert f"da licença 5005 vale em {day} e até lá o cliente ainda tem acesso" in err
    assert f"Peça o bloqueio a partir de {day}." in err
    assert "contapj@contaazul.com" in err
    assert saved(capsys, db_path) == []


def test_a_license_not_in_the_lote_takes_the_partners_word(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, _ = submit(capsys, db_path)
    assert code == 0 and json.loads(out)["outcome"]["accepted"] is True


async def test_the_form_explains_the_refusal_and_links_the_article(db_path: Path) -> None:
    """Typing the ID of an active license: refused in the panel, the rule opens the article."""
    lote(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_form("block-conta-pj", {"license_cancelled": "sim"})
        await pilot.pause()
        await type_in(pilot, "support_id", "5005")
        text = panel_text(app)
        assert "Não é possível" in text and "a licença 5005 está ativa" in text
        assert "bloquear a conta de um cliente que ainda usa a licença o prejudica" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.kind_id == "block-conta-pj"  # type: ignore[attr-defined]
        rules = app.screen.query_one("#outcome-rules", OptionList)
        rules.focus()
        rules.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ArticleScreen"
    with Database(db_path) as db:
        assert db.requests.list() == []
