"""Errors of the store, each with a Portuguese message a person can act on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpdesk.outcome import Outcome


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class DamagedDatabase(StoreError):
    """The data file (or its journal) cannot be read; it was left untouched."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(
            f"O arquivo de dados {self.path} está danificado ou ilegível ({detail}). "
            "Nada foi gravado nele. Para guardá-lo à parte e começar um arquivo novo "
            "(aproveitando o que for possível), use: helpdesk db recover"
        )


class DataFileUnusable(StoreError):
    """The data file or its folder cannot be opened (a folder, no permission, a full disk …).

    Unlike :class:`DamagedDatabase`, the file itself may be fine: ``helpdesk db recover`` would
    move it aside for nothing, so the message points at the path instead.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"O arquivo de dados {self.path} não pode ser usado: {reason}. Verifique o caminho e "
            "as permissões da pasta, ou escolha outro arquivo (--db ARQUIVO ou HELPDESK_DB)."
        )


class NewerSchema(StoreError):
    """The file was written by a newer version of the app and is left untouched."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = Path(path)
        super().__init__(
            f"O arquivo de dados {self.path} usa o formato {found}, mais novo que o desta "
            f"versão do aplicativo ({supported}). Atualize o helpdesk para abri-lo."
        )


class LockTimeout(StoreError):
    """Another process kept the data file busy for too long."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(
            f"O arquivo de dados {self.path} está ocupado por outro processo do helpdesk. "
            "Tente de novo em instantes."
        )


class NotFound(StoreError, LookupError):
    """No record with the given key."""

    def __init__(self, what: str, key: str) -> None:
        self.key = key
        super().__init__(f"{what} {key} não encontrado.")


class LicenseConflict(StoreError):
    """A license that must be new is already in the lote, or one that must exist is not."""

    def __init__(self, support_id: str, message: str) -> None:
        self.support_id = support_id
        super().__init__(message)


class DuplicateRequest(StoreError):
    """An open request of the same kind already exists for the license."""

    def __init__(self, kind: str, support_id: str, protocols: list[str]) -> None:
        self.kind = kind
        self.support_id = support_id
        self.protocols = protocols
        listed = ", ".join(protocols)
        super().__init__(
            f"Já existe um pedido aberto deste tipo para esta licença ({listed}). "
            "Confirme para registrar outro mesmo assim."
        )


class RequestRefused(StoreError):
    """The rules refuse the request; ``outcome`` holds the decision and the reasons."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        super().__init__(outcome.decision)


class ConflictingRequest(RequestRefused):
    """Another open request for the license contradicts this one (see ``request_kinds.conflicts``).

    A refusal like the rules' own (``outcome`` says why, naming the open request and how to
    withdraw it), so every caller that shows a refusal shows this one too.
    """

    def __init__(self, outcome: Outcome, protocols: list[str]) -> None:
        self.protocols = protocols
        super().__init__(outcome)
