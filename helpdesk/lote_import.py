"""What importing a lote file would change, worked out before anything is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from helpdesk.license_fields import FieldChange, differences
from helpdesk.licenses import License


@dataclass(frozen=True)
class ChangedLicense:
    """A license of the file that differs from the stored one, field by field."""

    license: License
    changes: tuple[FieldChange, ...]
    open_requests: tuple[str, ...] = ()
    """Protocols of the license's open requests: the import would change data they rely on."""


@dataclass(frozen=True)
class ImportPreview:
    """New, changed, unchanged and missing licenses of an import (missing ones are kept)."""

    new: tuple[License, ...] = ()
    changed: tuple[ChangedLicense, ...] = ()
    unchanged: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default=())
    """In the lote but not in the file: reported, never deleted."""

    @property
    def conflicts(self) -> tuple[ChangedLicense, ...]:
        """Changed licenses that have an open request (writing them needs a confirmation)."""
        return tuple(item for item in self.changed if item.open_requests)

    @property
    def writes(self) -> tuple[License, ...]:
        """The licenses an import writes: the new ones and the changed ones."""
        return (*self.new, *(item.license for item in self.changed))


def preview_import(
    stored: Sequence[License],
    incoming: Sequence[License],
    open_requests: Mapping[str, Sequence[str]],
) -> ImportPreview:
    """Compare the file's licenses with the stored ones (the stored status is never imported)."""
    by_id = {lic.support_id: lic for lic in stored}
    new: list[License] = []
    changed: list[ChangedLicense] = []
    unchanged: list[str] = []
    seen: set[str] = set()
    for lic in incoming:
        seen.add(lic.support_id)
        old = by_id.get(lic.support_id)
        if old is None:
            new.append(lic)
            continue
        changes = differences(old, lic)
        if changes:
            protocols = tuple(open_requests.get(lic.support_id, ()))
            changed.append(ChangedLicense(lic, tuple(changes), protocols))
        else:
            unchanged.append(lic.support_id)
    missing = tuple(sorted(sid for sid in by_id if sid not in seen))
    return ImportPreview(tuple(new), tuple(changed), tuple(unchanged), missing)


def preview_lines(preview: ImportPreview, limit: int = 200) -> list[str]:
    """The preview as lines to read (Portuguese), those with open requests first."""
    lines: list[str] = []
    ordered = sorted(preview.changed, key=lambda item: (not item.open_requests,))
    for item in ordered:
        head = f"{item.license.support_id}: "
        if item.open_requests:
            head = f"⚠ {item.license.support_id} (pedido aberto {', '.join(item.open_requests)}): "
        lines.append(
            head
            + "; ".join(f"{c.label} {c.before or '—'} → {c.after or '—'}" for c in item.changes)
        )
    lines.extend(f"{lic.support_id}: nova" for lic in preview.new)
    lines.extend(f"{sid}: não está no arquivo (fica no lote)" for sid in preview.missing)
    if len(lines) > limit:
        lines = [*lines[:limit], f"… e mais {len(lines) - limit} linhas."]
    return lines
