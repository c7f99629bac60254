"""Every number of the Plano Exclusivo rules, in one place: a policy change is one edit here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class Channels:
    """Support channels named by the Plano Exclusivo articles."""

    whatsapp_display: str = "+55 (47) 3512-0770"
    whatsapp_digits: str = "554735120770"
    conta_pj_email: str = "contapj@contaazul.com"


@dataclass(frozen=True)
class Policy:
    """The figures every rule, article and form reads (days are calendar days unless named)."""

    withdrawal_days: int = 7
    """Direito de arrependimento: days after purchase or renewal in which a refund is due."""
    notice_days: int = 30
    """Written notice needed before the next renewal so it is not charged."""
    retention_days: int = 90
    """Days Conta Azul keeps a cancelled license's data before deleting it."""
    default_cycle_months: int = 12
    """Length of a contract term when the lote does not say otherwise."""
    max_cycle_months: int = 60
    """Longest term accepted as input: a guard against typos, no plan runs longer."""
    backup_slot_start: time = time(19, 0)
    """First hour a backup generation can be scheduled for (window crosses midnight)."""
    backup_slot_end: time = time(4, 0)
    """Last hour a backup generation can be scheduled for (included)."""
    download_blocked_from: time = time(5, 0)
    """On business days, backup download is unavailable from this hour (included) …"""
    download_blocked_until: time = time(19, 0)
    """… until this hour (excluded)."""
    optional_days_are_holidays: bool = False
    """Treat pontos facultativos (Carnaval, Quarta-feira de Cinzas, Corpus Christi) as non-business days."""
    channels: Channels = Channels()

    def placeholders(self) -> dict[str, str]:
        """Values articles may cite as ``{{name}}``, formatted the way the text shows them."""
        return {
            "withdrawal_days": str(self.withdrawal_days),
            "notice_days": str(self.notice_days),
            "retention_days": str(self.retention_days),
            "default_cycle_months": str(self.default_cycle_months),
            "backup_slot_start": _hour(self.backup_slot_start),
            "backup_slot_end": _hour(self.backup_slot_end),
            "download_blocked_from": _hour(self.download_blocked_from),
            "download_blocked_until": _hour(self.download_blocked_until),
            "whatsapp": self.channels.whatsapp_display,
            "whatsapp_digits": self.channels.whatsapp_digits,
            "conta_pj_email": self.channels.conta_pj_email,
        }


def _hour(value: time) -> str:
    """Format a time the way Brazilian text does: ``19h`` or ``19h30``."""
    return f"{value.hour:02d}h" + (f"{value.minute:02d}" if value.minute else "")


POLICY = Policy()
"""The policy in force."""
