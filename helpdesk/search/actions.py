"""The self-service actions (request forms) as search targets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionEntry:
    """What search needs to know about one action."""

    id: str
    title: str
    description: str
    keywords: tuple[str, ...] = ()
    article_id: str | None = None


def load_actions() -> tuple[ActionEntry, ...]:
    """Every request kind, in declaration order."""
    from helpdesk.request_kinds import KINDS

    return tuple(
        ActionEntry(kind.id, kind.title, kind.description, tuple(kind.keywords), kind.article_id)
        for kind in KINDS.values()
    )
