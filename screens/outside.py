"""Handing a support message to other programs — the browser (WhatsApp), the e-mail program, the
clipboard — and saying truthfully what happened, with the address to use by hand."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from helpdesk.policy import POLICY

if TYPE_CHECKING:
    from collections.abc import Mapping

    from textual.app import App

CLIPBOARD_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("pbcopy",),
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("clip.exe",),
)
"""Clipboard programs of macOS, Wayland, X11 and Windows/WSL, tried in this order."""

CLIPBOARD_TIMEOUT = 3
"""Seconds a clipboard program may take before the copy is reported as not confirmed."""


def by_hand(message: Mapping[str, str]) -> str:
    """Where to send the message without the app's help: the WhatsApp link, or the e-mail
    address with its subject."""
    channels = POLICY.channels
    if message.get("channel") == "email":
        query = parse_qs(urlsplit(message.get("url", "")).query)
        subject = query.get("subject", [""])[0]
        line = f"E-mail: {channels.conta_pj_email}"
        return f"{line}\nAssunto: {subject}" if subject else line
    return f"WhatsApp: https://wa.me/{channels.whatsapp_digits}"


def open_link(app: App[object], url: str) -> bool:
    """Open ``url`` (a ``https://wa.me`` or ``mailto:`` link); True when a program took it.

    Textual's ``open_url`` drops the answer of :func:`webbrowser.open`, which is the only sign
    of whether a browser exists; in a browser tab (``helpdesk serve``) the tab opens it.
    """
    if app.is_web:
        app.open_url(url)
        return True
    import webbrowser

    try:
        return bool(webbrowser.open(url))
    except webbrowser.Error:
        return False


def copy_text(app: App[object], text: str) -> bool:
    """Copy ``text``; True when a clipboard program confirmed it.

    The terminal is always asked too (Textual's ``copy_to_clipboard``, an OSC 52 sequence), but
    a terminal never answers, so that copy alone cannot be reported as done.
    """
    app.copy_to_clipboard(text)
    if app.is_web:
        return False
    for command in CLIPBOARD_COMMANDS:
        program = shutil.which(command[0])
        if program is None:
            continue
        try:
            done = subprocess.run(
                [program, *command[1:]],
                input=text.encode("utf-8"),
                # xclip and wl-copy stay behind to serve the clipboard: they must not hold pipes.
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=CLIPBOARD_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return True
    return False


COPIED = "Mensagem copiada. Cole no WhatsApp ou no e-mail."
"""Said when a clipboard program confirmed the copy."""

ASKED_TERMINAL = (
    "Pedimos ao terminal que copiasse a mensagem, mas ele não confirma. Se ao colar nada "
    "aparecer, selecione a mensagem na tela com o mouse."
)
"""Said when only the terminal was asked to copy."""


def report_copy(app: App[object], text: str) -> None:
    """Copy ``text`` and say what happened."""
    if copy_text(app, text):
        app.notify(COPIED, timeout=4)
    else:
        app.notify(ASKED_TERMINAL, title="Cópia pelo terminal", timeout=8)


def report_open(app: App[object], message: Mapping[str, str], copy_key: str) -> None:
    """Open the message's link and say what happened; when nothing opened, where to go by hand
    (``copy_key`` is the key that copies the message on the screen asking)."""
    url = message.get("url", "")
    where = "o e-mail" if message.get("channel") == "email" else "o WhatsApp"
    if url and open_link(app, url):
        app.notify(f"Abrimos {where} com a mensagem pronta.", timeout=4)
        return
    app.notify(
        f"Nenhum navegador ou programa de e-mail abriu neste computador. Envie à mão — "
        f"{by_hand(message)} — e cole a mensagem (copie com {copy_key}).",
        title=f"Não foi possível abrir {where}",
        severity="warning",
        timeout=12,
        markup=False,
    )
