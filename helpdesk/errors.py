"""Errors a person can fix, each naming the field at fault in Portuguese."""

from __future__ import annotations

import errno


class InputError(ValueError):
    """Bad input: ``field`` names what is wrong, ``message`` says why, in Portuguese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


_OS_REASONS = {
    errno.ENOENT: "não existe",
    errno.EISDIR: "é uma pasta, não um arquivo",
    errno.ENOTDIR: "parte do caminho não é uma pasta",
    errno.EACCES: "sem permissão de acesso",
    errno.EPERM: "sem permissão de acesso",
    errno.EROFS: "o disco só permite leitura",
    errno.ENOSPC: "o disco está cheio",
    errno.EDQUOT: "a cota de disco acabou",
    errno.ENAMETOOLONG: "o nome é longo demais",
    errno.EIO: "erro de leitura ou gravação no disco",
}


def os_reason(error: OSError) -> str:
    """What went wrong with a file, in Portuguese (the system's own text is in English)."""
    reason = _OS_REASONS.get(error.errno or 0)
    if reason:
        return reason
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return f"erro do sistema ({code})"
