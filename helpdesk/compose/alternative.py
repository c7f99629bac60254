"""The command line that asks for the alternative a refusal offers, ready to copy and run."""

from __future__ import annotations

import shlex
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from helpdesk.errors import InputError
from helpdesk.fields import FieldSpec, format_value
from helpdesk.request_kinds import RequestKind

_PLACEHOLDERS = {"yes_no": "sim|não", "date": "DD/MM/AAAA", "support_id": "ID-Suporte"}
"""What stands for a value still to be given, by kind of field (else the option's metavar)."""


@dataclass(frozen=True)
class AlternativeCommand:
    """``helpdesk submit <alternative> …`` with what is known, and the options still to give."""

    argv: tuple[str, ...]
    """The command with every value already known (the first word is ``helpdesk``)."""
    missing: tuple[FieldSpec, ...]
    """Required fields nobody gave yet: each is shown as ``--option <placeholder>``."""

    def line(self) -> str:
        """The command as one shell line, values quoted, placeholders last.

        The placeholders are left unquoted on purpose: ``<…>`` reads as "fill this in" and,
        pasted as is, the line ends in a bare ``>`` — a shell syntax error, so nothing runs.
        """
        placeholders = [f"{spec.cli_flag} <{placeholder(spec)}>" for spec in self.missing]
        return " ".join([shlex.join(self.argv), *placeholders])

    def missing_note(self) -> str:
        """What each placeholder asks for, in Portuguese ("" when nothing is missing)."""
        if not self.missing:
            return ""
        asked = ", ".join(f"{spec.cli_flag} ({spec.bare_label})" for spec in self.missing)
        return f"Preencha antes de rodar: {asked}."


def placeholder(spec: FieldSpec) -> str:
    """The placeholder for a field's value: ``sim|não``, ``DD/MM/AAAA``, ``CNPJ`` …"""
    return _PLACEHOLDERS.get(spec.kind) or spec.cli_metavar


def alternative_command(
    alternative: RequestKind,
    typed: Mapping[str, str],
    offered: Mapping[str, str],
    *,
    known: Collection[str] = (),
    options: Sequence[str] = (),
) -> AlternativeCommand:
    """The ``submit`` command for ``alternative``, carrying what the refused request said.

    As the form's "Em vez disso" button: every field the alternative shares with the refused
    request keeps its typed value, and the values the rules offer (``offered``) win over them.
    ``known`` names the fields something else fills (the lote): they are neither carried nor
    asked for. ``options`` follow the fields (``--db``), so the alternative is judged on the
    same data as the refusal. No date rides along: ``submit`` registers a request now.
    """
    names = {spec.name for spec in alternative.fields}
    carried = {name: text for name, text in typed.items() if name in names and text.strip()}
    carried.update(offered)
    argv = ["helpdesk", "submit", alternative.id]
    missing = []
    for spec in alternative.fields:
        text = carried.get(spec.name)
        if text is not None:
            argv += [spec.cli_flag, _canonical(spec, text)]
        elif spec.required and not spec.default and spec.name not in known:
            missing.append(spec)
    return AlternativeCommand((*argv, *options), tuple(missing))


def _canonical(spec: FieldSpec, text: str) -> str:
    """A value as the app writes it (``não`` → ``nao``, ``1/3/26`` → ``01/03/2026``)."""
    try:
        value = spec.parse(text)
    except InputError:
        return text  # shown as typed: the alternative's own check will name the problem
    return format_value(value) if value is not None else text
