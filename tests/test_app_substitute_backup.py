"""The substitution's backup advice fits every moment: the form, the confirmation after the
request is registered, the request's detail once sent, and ``helpdesk requests show``."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import run
from _pilot import SIZE, VALID_CNPJ, make_app, panel_text, screen_text, type_in

from screens.confirmation import ConfirmationScreen
from screens.forms import FormScreen
from screens.request_detail import RequestDetail
from screens.requests import RequestsScreen
from store.database import Database

ADVICE = "faça o backup da conta atual antes de o suporte fazer a substituição"
STALE = "antes de enviar"
"""The old wording: after the form was sent it told the partner to back up before sending."""


def flat(text: str) -> str:
    """The panel's text with its wrapping undone."""
    return " ".join(text.split())


async def test_after_registering_the_advice_still_fits_the_moment(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # home: "Substituir cliente da licença"
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.kind_id == "substitute"
        await type_in(pilot, "support_id", "1001")
        await type_in(pilot, "new_client_name", "Nova Ltda")
        await type_in(pilot, "new_client_cnpj", VALID_CNPJ)
        before = flat(panel_text(app))
        assert ADVICE in before and STALE not in before

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        protocol = app.screen.request.protocol
        after = flat(panel_text(app))
        assert ADVICE in after and STALE not in after
        assert STALE not in screen_text(app)

        await pilot.press("m")  # "Já enviei": the message went to support
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RequestsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestDetail)
        assert app.screen.request.protocol == protocol
        assert app.screen.request.status == "enviada"
        sent = flat(panel_text(app))
        assert ADVICE in sent and STALE not in sent

    with Database(db_path) as db:
        warnings = " ".join(db.requests.get(protocol).outcome["warnings"])
    assert ADVICE in warnings.lower() and STALE not in warnings

    code, out, _ = run(capsys, "requests", "show", protocol)
    assert code == 0
    assert ADVICE in flat(out).lower() and STALE not in out
