"""What can go wrong with a PostgreSQL store, in Portuguese, never with the password."""

from __future__ import annotations

import re

import psycopg

from store.errors import StoreError

_URI_PASSWORD = re.compile(r"(://[^:/@?#]*:)([^@/?#]*)(@)")
_PARAM_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)


def mask_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (URI userinfo or a ``password=`` key)."""
    masked = _URI_PASSWORD.sub(r"\1***\3", url)
    return _PARAM_PASSWORD.sub(r"\1***", masked)


class ServerUnavailable(StoreError):
    """The PostgreSQL server cannot be reached, refused the login or went away."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(
            f"Não foi possível usar o banco de dados PostgreSQL {where}: {reason}. "
            "Nada foi perdido do que já estava salvo; tente de novo quando o servidor responder."
        )


class ServerRefused(StoreError):
    """The server answered but refused an operation (permissions, a constraint …)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(
            f"O banco de dados PostgreSQL {where} recusou a operação: {reason}. Nada foi salvo."
        )


def refusal_of(error: psycopg.Error) -> str:
    """Why the server refused an operation, in Portuguese."""
    sqlstate = getattr(error, "sqlstate", None) or ""
    if sqlstate == "42501":
        return (
            "o usuário não tem permissão (peça ao administrador do servidor que lhe dê a posse "
            "do banco de dados ou do esquema)"
        )
    if sqlstate == "3F000":
        return "o esquema indicado na URL (search_path) não existe no banco de dados"
    if sqlstate.startswith("23"):
        return "os dados violam uma regra do banco de dados"
    if sqlstate.startswith("53"):
        return "o servidor está sem recursos (disco, memória ou conexões)"
    return f"erro {sqlstate or 'desconhecido'} do servidor"


class NewerDatabaseSchema(StoreError):
    """The database was migrated by a newer version of the app and is left untouched."""

    def __init__(self, where: str, found: int, supported: int) -> None:
        super().__init__(
            f"O banco de dados {where} usa o esquema {found}, mais novo que o desta versão do "
            f"aplicativo ({supported}). Atualize o helpdesk para usá-lo."
        )


def reason_of(error: psycopg.Error) -> str:
    """Why a connection failed, in Portuguese (the server's text is English and may vary)."""
    text = str(error).lower()
    sqlstate = getattr(error, "sqlstate", None) or ""
    if sqlstate == "28P01" or "password authentication failed" in text:
        return "usuário ou senha recusados pelo servidor"
    if sqlstate.startswith("28") or "no password supplied" in text:
        return "o servidor recusou a conexão deste usuário"
    if sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return "o banco de dados não existe no servidor"
    if "timeout" in text:
        return "o servidor não respondeu a tempo"
    if "invalid" in text and ("dsn" in text or "uri" in text or "connection option" in text):
        return "o endereço postgresql:// é inválido"
    if sqlstate in {"57P01", "57P02", "57P03"} or "terminat" in text or "shut" in text:
        return "o servidor foi desligado ou reiniciado"
    return "o servidor está fora do ar ou inacessível"
