"""What a request will do, computed before it is submitted: decision, warnings, dates, timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from helpdesk.clock import to_sao_paulo


@dataclass(frozen=True)
class RuleRef:
    """A rule as a sentence, and the article section that states it."""

    text: str
    article_id: str
    anchor: str | None = None

    @property
    def href(self) -> str:
        """Link to the article section, in the app's ``article:`` scheme."""
        return f"article:{self.article_id}" + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class TimelineEvent:
    """One point of the timeline drawn beside a form."""

    when: date | datetime
    label: str
    tone: str = "info"
    """``today``, ``ok``, ``warning``, ``danger`` or ``info``: how the screen colours it."""
    rule: RuleRef | None = None

    @property
    def day(self) -> date:
        """The calendar day of the event (for sorting and drawing)."""
        return self.when.date() if isinstance(self.when, datetime) else self.when


def _json_value(value: object) -> object:
    """Dates as ISO strings; other values as they are."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Outcome:
    """The evaluated result of a request kind on given fields at a given moment."""

    accepted: bool
    decision: str
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    dates: Mapping[str, date | datetime | None] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    timeline: tuple[TimelineEvent, ...] = ()
    rules: tuple[RuleRef, ...] = ()
    alternative: str | None = None
    """A request kind to offer instead (e.g. cancel instead of refund, or the refund of a renewal
    that will be charged)."""
    alternative_fields: Mapping[str, str] = field(default_factory=dict)
    """Field texts the alternative form starts with, over the ones carried from this form."""
    key_date: tuple[str, date | datetime] | None = None
    """The one date that matters most, with its label, for lists."""

    def to_json(self) -> dict[str, object]:
        """A JSON-able record of the outcome, as saved with the request."""
        data: dict[str, object] = {
            "accepted": self.accepted,
            "decision": self.decision,
            "reasons": list(self.reasons),
            "warnings": list(self.warnings),
        }
        data.update({key: _json_value(value) for key, value in self.dates.items()})
        data.update(self.flags)
        data["rules"] = [{"text": r.text, "href": r.href} for r in self.rules]
        data["timeline"] = [
            {
                "when": _json_value(e.when),
                "label": e.label,
                "tone": e.tone,
                **({"rule": {"text": e.rule.text, "href": e.rule.href}} if e.rule else {}),
            }
            for e in self.timeline
        ]
        if self.alternative:
            data["alternative"] = self.alternative
            if self.alternative_fields:
                data["alternative_fields"] = dict(self.alternative_fields)
        if self.key_date:
            data["key_date"] = {"label": self.key_date[0], "when": _json_value(self.key_date[1])}
        return data


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
    """A saved ``Outcome.to_json()`` back as an Outcome: what the panel needs to redraw it."""
    timeline = []
    for entry in data.get("timeline", []):
        when = _when(entry.get("when"))
        if when is not None:
            rule = entry.get("rule")
            timeline.append(
                TimelineEvent(
                    when,
                    str(entry.get("label", "")),
                    str(entry.get("tone", "info")),
                    _rule(rule) if isinstance(rule, Mapping) else None,
                )
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
        alternative_fields={
            str(k): str(v) for k, v in (data.get("alternative_fields") or {}).items()
        },
        key_date=(str(key.get("label", "")), key_when) if key_when else None,
    )
