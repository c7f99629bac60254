"""What a request will do, computed before it is submitted: decision, warnings, dates, timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


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
    """A request kind to offer instead when this one is refused (e.g. cancel instead of refund)."""
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
            {"when": _json_value(e.when), "label": e.label, "tone": e.tone} for e in self.timeline
        ]
        if self.alternative:
            data["alternative"] = self.alternative
        if self.key_date:
            data["key_date"] = {"label": self.key_date[0], "when": _json_value(self.key_date[1])}
        return data
