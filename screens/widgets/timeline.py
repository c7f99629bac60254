"""The outcome's dates drawn in the terminal: an axis with a mark per event, then one line each."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from textual.content import Content
from textual.widget import Widget

from helpdesk.clock import SAO_PAULO
from helpdesk.documents import format_date
from helpdesk.outcome import TimelineEvent

TONE_STYLES = {
    "today": "bold $text-accent",
    "ok": "$text-success",
    "warning": "$text-warning",
    "danger": "$text-error",
    "info": "$text",
}
"""How each tone of :class:`TimelineEvent` is coloured (theme variables, so both themes work)."""

TONE_GLYPHS = {"today": "◉", "ok": "●", "warning": "▲", "danger": "✖", "info": "●"}
"""The mark of each tone on the axis and in the list (shape as well as colour)."""

AXIS = "─"
RULE_MARK = "§"
"""Shown after an event whose rule is linked in the panel's list of rules."""


def _moment(event: TimelineEvent) -> datetime:
    """The event as a moment (a date counts from its midnight)."""
    when = event.when
    if isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=SAO_PAULO)


def _when_text(when: date | datetime) -> str:
    """DD/MM/AAAA, with the hour for moments."""
    if isinstance(when, datetime):
        return f"{format_date(when.date())} {when:%H:%M}"
    return format_date(when)


def relative_text(when: date | datetime, now: datetime) -> str:
    """How far ``when`` is from ``now``, in words (hours for moments less than two days away).

    Durations are rounded down, as people say them: 3 h 04 min is "em 3 h", never "em 4 h".
    """
    if isinstance(when, datetime):
        minutes = math.floor((when - now).total_seconds() / 60)
        if minutes <= 0:
            return "agora"
        if minutes < 60:
            return f"em {minutes} min"
        hours = minutes // 60
        if hours < 48:
            return f"em {hours} h"
        days = (when.date() - now.date()).days
    else:
        days = (when - now.date()).days
    if days == 0:
        return "hoje"
    if days == 1:
        return "amanhã"
    if days == -1:
        return "ontem"
    return f"em {days} dias" if days > 0 else f"há {-days} dias"


def axis_positions(events: Sequence[TimelineEvent], width: int) -> list[int]:
    """Columns of each event on an axis ``width`` cells wide, in order, at least two apart.

    Positions follow the square root of the time since the first event, so the next few days keep
    room to breathe beside a deletion months away.
    """
    count = len(events)
    if count == 0:
        return []
    free = max(width - 1 - 2 * (count - 1), 0)
    start = _moment(events[0])
    offsets = [max((_moment(e) - start).total_seconds(), 0.0) for e in events]
    total = math.sqrt(max(offsets)) or 1.0
    return [round(math.sqrt(o) / total * free) + 2 * i for i, o in enumerate(offsets)]


def axis_line(events: Sequence[TimelineEvent], width: int) -> Content:
    """One line: the axis with each event's mark in its tone."""
    positions = axis_positions(events, width)
    if not positions:
        return Content("")
    parts: list[str | tuple[str, str]] = []
    cursor = 0
    for event, column in zip(events, positions, strict=True):
        if column > cursor:
            parts.append((AXIS * (column - cursor), "$text-muted"))
        parts.append((TONE_GLYPHS.get(event.tone, "●"), TONE_STYLES.get(event.tone, "")))
        cursor = column + 1
    return Content.assemble(*parts)


def event_line(event: TimelineEvent, now: datetime, label_width: int) -> Content:
    """``● 03/12/2026  Fim do arrependimento   em 7 dias §`` (labels padded to ``label_width``)."""
    style = TONE_STYLES.get(event.tone, "")
    relative = relative_text(event.when, now)
    if relative in event.label.lower():
        relative = ""  # "Hoje" needs no "hoje" after it
    return Content.assemble(
        (TONE_GLYPHS.get(event.tone, "●") + " ", style),
        (_when_text(event.when) + " ", "bold"),
        (event.label.ljust(label_width), style),
        (" " + relative if relative else "", "$text-muted"),
        (" " + RULE_MARK if event.rule is not None else "", "$text-accent"),
    )


Part = tuple[str, str]
"""A piece of text and its style."""


def event_words(event: TimelineEvent, now: datetime) -> list[list[Part]]:
    """The pieces of an event's line as words that stay whole when the line has to wrap.

    The mark stays with the date, the distance in time is kept whole, and the rule mark stays
    with the word before it, so none of them is ever left alone at the start of a line.
    """
    style = TONE_STYLES.get(event.tone, "")
    relative = relative_text(event.when, now)
    if relative in event.label.lower():
        relative = ""
    words: list[list[Part]] = [
        [(TONE_GLYPHS.get(event.tone, "●") + " ", style), (_when_text(event.when), "bold")]
    ]
    words += [[(word, style)] for word in event.label.split()]
    if relative:
        words.append([(relative, "$text-muted")])  # "em 11 h" reads as one
    if event.rule is not None:
        words[-1] = [*words[-1], (" " + RULE_MARK, "$text-accent")]
    return words


def wrapped(words: Sequence[Sequence[Part]], width: int, indent: int = 2) -> list[Content]:
    """Words laid out in lines of ``width`` cells, lines after the first indented by ``indent``."""
    lines: list[Content] = []
    parts: list[Part] = []
    used = 0
    for word in words:
        size = sum(len(text) for text, _style in word)
        if parts and used + 1 + size > width:
            lines.append(Content.assemble(*parts))
            parts, used = [(" " * indent, "")], indent
        elif parts:
            parts.append((" ", ""))
            used += 1
        parts.extend(word)
        used += size
    lines.append(Content.assemble(*parts))
    return lines


def timeline_content(events: Sequence[TimelineEvent], now: datetime, width: int) -> Content:
    """The whole drawing: the axis, then one line per event (labels aligned when they fit).

    Too narrow to align, each event takes the lines it needs, its continuation indented under
    the date so that the marks on the left still start every event.
    """
    if not events:
        return Content("")
    label_width = max(len(e.label) for e in events)
    widest = max(len(_when_text(e.when)) + len(relative_text(e.when, now)) for e in events)
    lines = [axis_line(events, max(width, 2 * len(events))), Content("")]
    if 2 + widest + 1 + label_width + 1 + 2 <= width:
        lines += [event_line(event, now, label_width) for event in events]
    else:
        for event in events:
            lines += wrapped(event_words(event, now), width)
    return Content("\n").join(lines)


class Timeline(Widget):
    """Draws a sequence of :class:`TimelineEvent` (hoje → … → exclusão dos dados)."""

    DEFAULT_CSS = """
    Timeline {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: tuple[TimelineEvent, ...] = ()
        self.now: datetime | None = None

    def show(self, events: Sequence[TimelineEvent], now: datetime) -> None:
        """Draw ``events`` relative to ``now``."""
        events = tuple(events)
        if events == self.events and now == self.now:
            return
        self.events, self.now = events, now
        self.display = bool(events)
        self.refresh(layout=True)

    def render(self) -> Content:
        """The drawing at the widget's current width."""
        if self.now is None:
            return Content("")
        return timeline_content(self.events, self.now, self.content_size.width or 40)
