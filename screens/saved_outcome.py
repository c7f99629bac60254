"""A saved request's outcome (``Outcome.to_json()`` as stored) back as an :class:`Outcome`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from helpdesk.clock import to_sao_paulo
from helpdesk.outcome import Outcome, RuleRef, TimelineEvent


def _when(value: Any) -> date | datetime | None:
    """An ISO date or moment as stored, or None when it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value:
            return to_sao_paulo(datetime.fromisoformat(value))
        return date.fromisoformat(value)
    except ValueError:
        return None


def _rule(data: Mapping[str, Any]) -> RuleRef:
    """A rule from ``{"text", "href"}`` (``article:<id>#<anchor>``)."""
    target = str(data.get("href", "")).removeprefix("article:")
    article_id, _, anchor = target.partition("#")
    return RuleRef(str(data.get("text", "")), article_id, anchor or None)


def outcome_from_json(data: Mapping[str, Any]) -> Outcome:
    """Rebuild what the panel needs: decision, reasons, warnings, timeline, rules, key date."""
    timeline = []
    for entry in data.get("timeline", []):
        when = _when(entry.get("when"))
        if when is not None:
            timeline.append(
                TimelineEvent(when, str(entry.get("label", "")), str(entry.get("tone", "info")))
            )
    key = data.get("key_date") or {}
    key_when = _when(key.get("when"))
    return Outcome(
        accepted=bool(data.get("accepted", True)),
        decision=str(data.get("decision", "")),
        reasons=tuple(str(r) for r in data.get("reasons", [])),
        warnings=tuple(str(w) for w in data.get("warnings", [])),
        timeline=tuple(timeline),
        rules=tuple(_rule(r) for r in data.get("rules", []) if isinstance(r, Mapping)),
        alternative=data.get("alternative"),
        key_date=(str(key.get("label", "")), key_when) if key_when else None,
    )
