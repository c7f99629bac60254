"""The panel beside a form: what the rules say will happen, live, with links to the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.outcome import Outcome, RuleRef
from helpdesk.request_kinds import KINDS
from screens.form_model import Preview
from screens.textual_hooks import FocusFrame
from screens.widgets.static_update import show_line, update_static
from screens.widgets.timeline import Timeline

ARTICLE_OPTION = "article"
"""Option id of the last entry of the rules list: the form's own article."""

ALTERNATIVE_KEY = "ctrl+y"
"""The form's key for the alternative request (a ctrl key: typing in a field never reaches it;
ctrl+t and ctrl+n would be taken by the browser under ``helpdesk serve``)."""


def verdict_content(preview: Preview) -> Content:
    """The badge on top: can it be done, is it a preview, or what is missing."""
    outcome = preview.outcome
    if outcome is None:
        if preview.problem:
            return Content.styled(" ✖ Confira os dados ", "bold $text-error on $error-muted")
        return Content.styled(" … Preencha para ver o resultado ", "bold $text-muted on $boost")
    if not outcome.accepted:
        return Content.styled(" ✖ Não é possível ", "bold $text-error on $error-muted")
    if not preview.complete:
        return Content.styled(
            " ✔ Prévia — complete os campos para enviar ", "bold $text-success on $success-muted"
        )
    return Content.styled(" ✔ Pode ser pedido ", "bold $text-success on $success-muted")


def to_fill_content(labels: tuple[str, ...]) -> Content:
    """ "Falta preencher: …" with the labels of the fields still needed."""
    missing = ", ".join(labels)
    ending = "" if missing.endswith(("?", ".")) else "."  # labels may be questions
    return Content(f"Falta preencher: {missing}{ending}")


def bullets(lines: tuple[str, ...], mark: str, style: str) -> Content:
    """One line per item, each after ``mark`` in ``style`` (the item itself shown literally)."""
    return Content("\n").join(Content.assemble((mark + " ", style), line) for line in lines)


class OutcomePanel(FocusFrame, VerticalScroll):
    """Decision, warnings, timeline, reasons and rules of an outcome (or what is still missing)."""

    DEFAULT_CSS = """
    OutcomePanel {
        height: 1fr;
        padding: 0 1;
    }
    OutcomePanel > Static {
        height: auto;
        margin-bottom: 1;
    }
    OutcomePanel #outcome-verdict {
        margin-top: 1;
    }
    OutcomePanel #outcome-decision {
        text-style: bold;
    }
    OutcomePanel #outcome-timeline {
        margin-bottom: 1;
    }
    OutcomePanel #outcome-rules {
        height: auto;
        border: round $primary 50%;
        margin-bottom: 1;
    }
    OutcomePanel #outcome-rules:focus {
        border: round $accent;
    }
    /* The label names the other request in full: it wraps instead of being cut. */
    OutcomePanel #outcome-alternative {
        margin-bottom: 1;
        width: 100%;
        height: auto;
    }
    """

    @dataclass
    class RuleChosen(Message):
        """The person asked to read the article section that states a rule."""

        article_id: str
        anchor: str

    @dataclass
    class AlternativeChosen(Message):
        """The person took the alternative the rules offer (e.g. cancel instead of refund)."""

        kind_id: str

    def __init__(self, article_id: str, article_title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id = article_id
        self.article_title = article_title
        self._rules: tuple[RuleRef, ...] | None = None
        self._alternative: str | None = None
        self._alternative_dated = False

    def compose(self) -> ComposeResult:
        """Every part, empty until the first outcome arrives."""
        yield Static(id="outcome-verdict")
        yield Static(id="outcome-decision")
        yield Static(id="outcome-warnings")
        yield Timeline(id="outcome-timeline")
        yield Static(id="outcome-reasons")
        rules = OptionList(id="outcome-rules")
        rules.border_title = "Regras · enter abre o artigo"
        yield rules
        yield Button("", id="outcome-alternative", variant="warning", compact=True)

    def on_mount(self) -> None:
        """Start empty (the article link is always there)."""
        self._show_rules(())
        self.query_one("#outcome-alternative").display = False

    def show_preview(self, preview: Preview, now: datetime) -> None:
        """Show the state of a form being filled."""
        verdict = verdict_content(preview)
        if preview.outcome is not None:
            if preview.to_fill:
                # A preview already answers, but cannot be sent yet: say what it still needs.
                verdict = Content.assemble(verdict, "\n", to_fill_content(preview.to_fill))
            update_static(self.query_one("#outcome-verdict", Static), verdict)
            self._show_outcome(preview.outcome, now)
            return
        update_static(self.query_one("#outcome-verdict", Static), verdict)
        decision = self.query_one("#outcome-decision", Static)
        if preview.problem:
            update_static(decision, Content(preview.problem))
        else:
            update_static(decision, to_fill_content(preview.to_fill or preview.missing))
        self._set_text("#outcome-warnings", Content(""))
        self._set_text("#outcome-reasons", Content(""))
        self.query_one(Timeline).show((), now)
        self._show_rules(())
        self._show_alternative(None)

    def show_outcome(self, outcome: Outcome, now: datetime) -> None:
        """Show a final outcome (as saved with a request)."""
        verdict = verdict_content(Preview(outcome))
        update_static(self.query_one("#outcome-verdict", Static), verdict)
        # The request is registered: "Em vez disso" belongs to the form, the only screen that
        # opens the alternative (its key works there, and the button did nothing here).
        self._show_outcome(outcome, now, offer_alternative=False)

    def _show_outcome(
        self, outcome: Outcome, now: datetime, *, offer_alternative: bool = True
    ) -> None:
        """Decision, warnings, timeline, reasons, rules and (in a form) the alternative."""
        update_static(self.query_one("#outcome-decision", Static), Content(outcome.decision))
        self._set_text("#outcome-warnings", bullets(outcome.warnings, "⚠", "bold $text-warning"))
        self.query_one(Timeline).show(outcome.timeline, now)
        reasons = (
            Content.assemble(("Por quê\n", "bold"), bullets(outcome.reasons, "•", "$text-muted"))
            if outcome.reasons
            else Content("")
        )
        self._set_text("#outcome-reasons", reasons)
        self._show_rules(outcome.rules)
        if offer_alternative:
            self._show_alternative(outcome.alternative, bool(outcome.alternative_fields))
        else:
            self._show_alternative(None)

    def _set_text(self, selector: str, content: Content) -> None:
        """Update a text part, hiding it when empty."""
        static = self.query_one(selector, Static)
        update_static(static, content)
        show_line(static, bool(content.plain))

    def _show_rules(self, rules: tuple[RuleRef, ...]) -> None:
        """List the rules, then the form's article (only rebuilt when the rules change)."""
        if rules == self._rules:
            return
        self._rules = rules
        options = self.query_one("#outcome-rules", OptionList)
        options.clear_options()
        options.add_options(
            [
                *(
                    Option(Content.assemble(("§ ", "$text-accent"), rule.text), id=f"rule:{i}")
                    for i, rule in enumerate(rules)
                ),
                Option(
                    Content.assemble(("📖 ", ""), ("Ler o artigo: ", "bold"), self.article_title),
                    id=ARTICLE_OPTION,
                ),
            ]
        )
        options.highlighted = 0

    @property
    def alternative(self) -> str | None:
        """The kind id of the alternative request offered now, if any."""
        return self._alternative if self._alternative in KINDS else None

    def _show_alternative(self, kind_id: str | None, dated: bool = False) -> None:
        """Offer the alternative request, if the rules name one."""
        if (kind_id, dated) == (self._alternative, self._alternative_dated):
            return
        was_offered = self.alternative is not None
        self._alternative, self._alternative_dated = kind_id, dated
        button = self.query_one("#outcome-alternative", Button)
        button.display = self.alternative is not None
        if kind_id in KINDS:
            # Dated: the alternative's own dates are filled in (the refund of the renewal).
            carried = "datas da renovação" if dated else "mesmos dados"
            button.label = f"Em vez disso: {KINDS[kind_id].title} ({carried}) · {ALTERNATIVE_KEY}"
        if button.display and not was_offered:
            self.call_after_refresh(self._bring_alternative_into_view)

    def _bring_alternative_into_view(self) -> None:
        """Scroll the newly offered button into view, unless that would hide the verdict.

        The verdict and the decision on top say why the alternative is offered: when the panel
        cannot show both, it stays where it is (the footer and the notice name the key).
        """
        button = self.query_one("#outcome-alternative", Button)
        verdict = self.query_one("#outcome-verdict", Static)
        if not button.display:
            return
        below = button.virtual_region.bottom - self.scrollable_content_region.height
        if self.scroll_y < below <= verdict.virtual_region.y:
            self.scroll_to(y=below, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#outcome-rules")
    def open_rule(self, event: OptionList.OptionSelected) -> None:
        """Ask to open the article section of the chosen rule."""
        event.stop()
        option_id = event.option.id or ""
        if option_id == ARTICLE_OPTION or not self._rules:
            self.post_message(self.RuleChosen(self.article_id, ""))
            return
        rule = self._rules[int(option_id.removeprefix("rule:"))]
        self.post_message(self.RuleChosen(rule.article_id, rule.anchor or ""))

    @on(Button.Pressed, "#outcome-alternative")
    def take_alternative(self, event: Button.Pressed) -> None:
        """Ask for the alternative request."""
        event.stop()
        if self._alternative is not None:
            self.post_message(self.AlternativeChosen(self._alternative))
