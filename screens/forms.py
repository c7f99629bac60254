"""A self-service form, built from its request kind: fields, live outcome, submit."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets._select import SelectCurrent

from helpdesk.errors import InputError
from helpdesk.history import FORM, REQUESTS, Location
from helpdesk.licenses import License
from helpdesk.request_kinds import KINDS, RequestKind
from screens.dialogs import ConfirmDialog, TypeToConfirmDialog, discard_dialog
from screens.field_keys import ENTER_MOVES_ON, move_on
from screens.form_model import Preview, initial_text, license_params, preview
from screens.help import search_bindings
from screens.helpdesk_mixin import HelpdeskAware
from screens.textual_hooks import FixedTitleHeader, FocusFrame, QuietFooter, StyledOnceScreen
from screens.type_ahead import TypeAhead
from screens.widgets.field_row import FieldRow
from screens.widgets.license_picker import LicensePicker
from screens.widgets.outcome_panel import ALTERNATIVE_KEY, OutcomePanel
from screens.widgets.select import PortugueseOverlay, PtSelect
from screens.widgets.timeline import Timeline
from screens.wording import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.interface import Request

DRAFT = "_rascunho"
"""Parameter marking a form re-opened from history with what the person had typed."""


IRREVERSIBLE_NOTE = (
    "Depois que o suporte fizer o que este pedido pede, não há como voltar atrás. Até lá, você "
    "ainda pode retirá-lo em Minhas solicitações (e avisar o suporte, se já tiver enviado a "
    "mensagem)."
)
"""Why a transfer or a Conta PJ block asks for the typed ID: support's change is final, while
the request itself can still be withdrawn here until then."""


def has_dates(kind: RequestKind) -> bool:
    """Whether the form asks for dates (the lote fills them when the license is picked)."""
    return any(spec.kind == "date" for spec in kind.fields)


def not_in_lote_note(kind: RequestKind) -> str:
    """What the ID Suporte field says when the ID typed is not in the lote (not an error: the
    policy does not define the ID's format, and a license may be kept outside the app)."""
    if has_dates(kind):
        return "Não está no seu lote: o app usa as datas que você digitar, sem conferi-las."
    return "Não está no seu lote: o pedido pode ser feito, mas o app não tem os dados dela."


def pick_hint(kind: RequestKind) -> str:
    """What to type instead of picking from the lote (dates only where the form has them)."""
    return "ou digite o ID Suporte e as datas." if has_dates(kind) else "ou digite o ID Suporte."


class FormFields(FocusFrame, VerticalScroll):
    """The column of fields, framed in the accent colour while focus is inside."""


FORM_WIDGETS: tuple[type[Widget], ...] = (
    FormFields,
    FieldRow,
    Input,
    PtSelect,
    SelectCurrent,
    PortugueseOverlay,
    Button,
    Horizontal,
    Vertical,
    OutcomePanel,
    Timeline,
    OptionList,
)
"""The kinds of widget a form is built of (their CSS is parsed before the first form opens)."""


class FormScreen(TypeAhead, HelpdeskAware, StyledOnceScreen):
    """One request kind's form beside the outcome panel."""

    CSS_PATH = "forms.tcss"
    AUTO_FOCUS = ""
    """No automatic focus: Textual's would land on the box of fields (it scrolls, so it can take
    focus), restyling the whole box, then again when ``on_mount`` moves the cursor to a field."""
    BINDINGS = [
        Binding("escape", "app.go_back", "Voltar", id="form_back"),
        Binding(
            ALTERNATIVE_KEY,
            "take_alternative",
            "Em vez disso",
            tooltip="Quando o pedido não é possível e o painel oferece outro (ex.: cancelar a "
            "renovação em vez do estorno): abre esse formulário com os dados já digitados",
            id="form_alternative",
        ),
        Binding("ctrl+s", "submit", "Enviar", id="form_submit"),
        Binding(
            "ctrl+l",
            "pick_license",
            "Lote",
            tooltip="Escolher a licença do lote (preenche os campos)",
            id="form_pick",
        ),
        # While an alternative is offered its key takes the footer room of ctrl+s and ctrl+l
        # (both printed on their buttons in the form): these unlisted twins keep them working.
        Binding("ctrl+s", "unlisted('submit')", show=False, id="form_submit_unlisted"),
        Binding("ctrl+l", "unlisted('pick_license')", show=False, id="form_pick_unlisted"),
        Binding(
            "ctrl+o",
            "open_article",
            "Artigo",
            tooltip="Ler o artigo deste pedido (o que foi digitado fica guardado)",
            id="form_article",
        ),
        *search_bindings("form"),
        ENTER_MOVES_ON,
    ]
    """esc leaves (asking first if filled), ctrl+y takes the alternative the panel offers (listed
    only then), ctrl+s sends, ctrl+l picks a license, ctrl+o reads."""

    def __init__(self, kind_id: str, params: dict[str, str]) -> None:
        super().__init__()
        self.kind_id = kind_id
        self.kind: RequestKind | None = KINDS.get(kind_id)
        self.params = dict(params)
        self.initial: dict[str, str] = (
            {spec.name: initial_text(spec, self.params) for spec in self.kind.fields}
            if self.kind
            else {}
        )
        self.last_preview: Preview | None = None
        self._leave_freely = False
        self._sending = False
        self._box_title = self.kind.title if self.kind else ""
        # Built once in ``compose`` and never replaced: kept rather than queried, since the
        # footer asks ``check_action`` about each key and every key press re-checks the rows.
        self.rows: list[FieldRow] = []
        self.panel: OutcomePanel | None = None

    # ------------------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        """Fields on the left, the outcome panel on the right."""
        yield FixedTitleHeader()
        kind = self.kind
        if kind is None:
            yield Static(Content(f"Formulário não encontrado: {self.kind_id}"), id="form-missing")
            yield QuietFooter()
            return
        with Horizontal(id="form-layout"):
            # Framed from the start: ``on_mount`` puts the cursor in one of its fields, and
            # framing it only then restyled the box after the first frame (one more layout).
            with FormFields(id="form-fields", classes="-focus-inside") as fields:
                fields.border_title = kind.title
                yield Static(Content(kind.description), id="form-description")
                with Vertical(id="form-license"):
                    yield Button("Escolher do lote (ctrl+l)", id="form-pick", compact=True)
                    yield Static(Content(pick_hint(kind)), id="form-pick-hint")
                self.rows = [FieldRow(spec, self.initial[spec.name]) for spec in kind.fields]
                yield from self.rows
                yield Static(
                    Content.assemble(("*", "bold $text-error"), " campo obrigatório"),
                    id="form-required-note",
                )
                with Horizontal(id="form-actions"):
                    yield Button("Enviar pedido", id="form-send", variant="primary")
                    yield Static(Content("ctrl+s"), id="form-send-hint")
            article = self.helpdesk.catalog.get(kind.article_id)
            panel = OutcomePanel(kind.article_id, article.title if article else kind.title)
            panel.id = "outcome-panel"
            panel.border_title = "O que vai acontecer"
            self.panel = panel
            yield panel
        yield QuietFooter()

    def on_resize(self) -> None:
        """Fit the title once the new layout is done."""
        self.call_after_refresh(self._fit_title)

    def _fit_title(self) -> None:
        """The box shows the form's title, or its short name when the title would be cut."""
        if self.kind is None:
            return
        fields = self.query_one("#form-fields")
        fits = len(self.kind.title) + len("╭─  ─╮") <= fields.outer_size.width
        title = self.kind.title if fits else self.kind.short_title
        if title != self._box_title:  # setting a border title redraws the box, even the same
            self._box_title = title
            fields.border_title = title

    def on_mount(self) -> None:
        """Show the outcome for the pre-filled values and put the cursor in the first empty field."""
        if self.kind is None:
            return
        self.recompute()
        rows = self.rows
        first_empty = next((row for row in rows if not row.text), rows[0] if rows else None)
        if first_empty is not None:
            # At once, not through ``focus()`` (which waits for the next refresh): the field
            # then takes its focused look before the first frame instead of in another one.
            self.set_focus(first_empty.control)

    # ------------------------------------------------------------------------- live outcome

    def raw(self) -> dict[str, str]:
        """What every field holds now, as text."""
        return {row.spec.name: row.text for row in self.rows}

    def recompute(self) -> Preview | None:
        """Re-check every field and redraw the outcome panel."""
        if self.kind is None:
            return None
        now = self.helpdesk.clock()
        raw = self.raw()
        support_id = raw.get("support_id", "").strip()
        lic = self._lote_license(support_id)
        result = preview(self.kind, raw, now, lic)
        for row in self.rows:
            if row.spec.name == "support_id":
                # Said only to a partner who keeps a lote: without one it would be every ID.
                away = bool(support_id) and lic is None and bool(self.lote)
                row.show_note(not_in_lote_note(self.kind) if away else "")
            row.show_error(result.errors.get(row.spec.name))
        panel = self.panel
        assert panel is not None  # composed with the kind
        offered = panel.alternative
        panel.show_preview(result, now)
        self.last_preview = result
        if panel.alternative != offered:
            self.refresh_bindings()  # the alternative's key shows only while one is offered
        return result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The alternative's key works (and is listed in the footer) only while one is offered."""
        if action in ("take_alternative", "unlisted", "submit", "pick_license"):
            offered = self._offered_alternative() is not None
            return not offered if action in ("submit", "pick_license") else offered
        return True

    def action_unlisted(self, action: str) -> None:
        """ctrl+s or ctrl+l while their footer room is lent to the alternative's key."""
        if action == "submit":
            self.action_submit()
        elif action == "pick_license":
            self.action_pick_license()

    def _offered_alternative(self) -> str | None:
        """The kind id of the request the panel offers instead of this one, if any."""
        return self.panel.alternative if self.panel is not None else None

    @on(FieldRow.Changed)
    def field_changed(self, event: FieldRow.Changed) -> None:
        """Recompute on every change; a known ID Suporte fills the rest from the lote."""
        if event.row.spec.name == "support_id":
            self._fill_from_lote(event.row.text)
        self.recompute()

    def action_move_on(self) -> None:
        """enter in a field moves to the next one at once (see ``screens.field_keys``)."""
        move_on(self)

    @cached_property
    def lote(self) -> dict[str, License]:
        """The lote by ID Suporte, read once per form (empty if the data file is unreadable)."""
        try:
            return {lic.support_id: lic for lic in self.helpdesk.database.licenses.list()}
        except Exception as error:  # the form works without the lote; the person is told why
            self.notify(f"Lote indisponível: {error}", severity="warning", markup=False)
            return {}

    def _lote_license(self, support_id: str) -> License | None:
        """The lote's license for a typed ID Suporte (the lote is read only once one is typed)."""
        support_id = support_id.strip()
        return self.lote.get(support_id) if support_id else None

    def _fill_from_lote(self, support_id: str) -> None:
        """When the typed ID is in the lote, fill the fields still empty from that license."""
        lic = self.lote.get(support_id.strip())
        if lic is not None:
            self.fill(lic, only_empty=True)

    def fill(self, lic: License, *, only_empty: bool = False) -> None:
        """Fill the fields a license knows (``FieldSpec.from_license``)."""
        assert self.kind is not None
        values = license_params(self.kind, lic, self.helpdesk.clock().date())
        filled = 0
        with self.prevent(Input.Changed, Select.Changed):
            for row in self.rows:
                text = values.get(row.spec.name)
                if text is None or (only_empty and row.text) or row.text == text:
                    continue
                row.set_text(text)
                filled += 1
        if filled:
            self.notify(
                f"{counted(filled, 'campo preenchido', 'campos preenchidos')} com a licença "
                f"{lic.support_id} do lote.",
                markup=False,
                timeout=3,
            )
        self.recompute()

    # ------------------------------------------------------------------------------ actions

    @on(Button.Pressed, "#form-pick")
    def action_pick_license(self) -> None:
        """Choose the license from the lote."""
        if self.kind is None:
            return

        def picked(lic: License | None) -> None:
            if lic is not None:
                self.fill(lic)
                self._focus_first_empty()

        self.app.push_screen(LicensePicker(list(self.lote.values())), picked)

    def _focus_first_empty(self) -> None:
        """Put the cursor where typing goes on after a pick: the first empty field, else Enviar.

        Left in the ID Suporte, the next thing typed (the new client's name) would join the ID.
        """
        empty = next((row for row in self.rows if not row.text), None)
        if empty is not None:
            empty.focus_control()
        else:
            self.query_one("#form-send", Button).focus()

    def action_open_article(self) -> None:
        """Read the form's article (what was typed is kept in the history to come back to)."""
        if self.kind is not None:
            self._open_article(self.kind.article_id, "")

    @on(OutcomePanel.RuleChosen)
    def open_rule(self, event: OutcomePanel.RuleChosen) -> None:
        """Read the article section that states a rule."""
        self._open_article(event.article_id, event.anchor)

    def _open_article(self, article_id: str, anchor: str) -> None:
        """Open an article, keeping the typed values in the history (back restores them)."""
        self._keep_draft()
        self._leave_freely = True
        self.helpdesk.open_article(article_id, anchor)

    @on(OutcomePanel.AlternativeChosen)
    def alternative_chosen(self, event: OutcomePanel.AlternativeChosen) -> None:
        """The panel's "Em vez disso" button was pressed."""
        self._open_alternative(event.kind_id)

    def action_take_alternative(self) -> None:
        """ctrl+y: open the alternative the panel offers, as its button does."""
        kind_id = self._offered_alternative()
        if kind_id is not None:
            self._open_alternative(kind_id)

    def _open_alternative(self, kind_id: str) -> None:
        """Open the alternative form with the same values (nothing typed is lost)."""
        alternative = KINDS.get(kind_id)
        if alternative is None:
            return
        raw = self.raw()
        names = {spec.name for spec in alternative.fields}
        carried = {name: text for name, text in raw.items() if name in names and text}
        outcome = self.last_preview.outcome if self.last_preview else None
        if outcome is not None and outcome.alternative == alternative.id:
            carried.update(outcome.alternative_fields)
        self._keep_draft()
        self._leave_freely = True
        # The refusal's notice names this form's key: over the next form it would mislead.
        self.app.clear_notifications()
        self.helpdesk.open_form(alternative.id, carried)

    def _keep_draft(self) -> None:
        """Record the typed values in the history entry of this form."""
        if self.kind is None or not self.is_dirty:
            return
        typed = {name: text for name, text in self.raw().items() if text}
        self.helpdesk.history.replace(Location(FORM, self.kind.id, params={**typed, DRAFT: "1"}))

    @property
    def is_dirty(self) -> bool:
        """True when something was typed that has not been sent."""
        if self.kind is None:
            return False
        return bool(self.params.get(DRAFT)) or self.raw() != self.initial

    def confirm_leave(self, callback: Callable[[bool], None]) -> None:
        """Ask before discarding a half-filled form (called by the app before leaving)."""
        if self._leave_freely or not self.is_dirty:
            self._leave_freely = False
            callback(True)
            return
        self.app.push_screen(discard_dialog(), lambda leave: callback(bool(leave)))

    # ------------------------------------------------------------------------------- submit

    @on(Button.Pressed, "#form-send")
    def action_submit(self) -> None:
        """Check, confirm if irreversible, save, then show the confirmation."""
        if self.kind is None or self._sending:
            return
        result = self.recompute()
        if result is None:
            return
        if not result.complete:
            self._show_what_is_wrong(result)
            return
        assert result.outcome is not None
        if not result.outcome.accepted:
            hint = self._alternative_hint()
            self.notify(
                result.outcome.decision + hint,
                title="Os prazos não permitem este pedido",
                severity="warning",
                markup=False,
            )
            return
        if self.kind.irreversible:
            support_id = str(result.values.get("support_id", ""))
            dialog = TypeToConfirmDialog(
                f"{self.kind.title}: confirme",
                IRREVERSIBLE_NOTE,
                support_id,
            )
            self.app.push_screen(dialog, lambda ok: self._save(force=False) if ok else None)
            return
        self._save(force=False)

    def _alternative_hint(self) -> str:
        """The sentence naming the alternative's key, when the panel offers one."""
        kind_id = self._offered_alternative()
        if kind_id is None:
            return ""
        return f" Tecle {ALTERNATIVE_KEY} (Em vez disso) para abrir “{KINDS[kind_id].title}” já preenchido."

    def _show_what_is_wrong(self, result: Preview) -> None:
        """Show every field's error and put the cursor in the first bad field."""
        for row in self.rows:
            row.touched = True
            row.show_error(result.errors.get(row.spec.name))
        bad = [row for row in self.rows if row.spec.name in result.errors]
        if bad:
            bad[0].focus_control()
            self.notify(
                f"Confira {counted(len(bad), 'campo marcado', 'campos marcados')} em vermelho.",
                title="Pedido não enviado",
                severity="warning",
            )
        elif result.problem:
            self.notify(
                result.problem, title="Pedido não enviado", severity="warning", markup=False
            )

    def _save(self, *, force: bool) -> None:
        """Save through the store; every failure keeps the form as it is and says why."""
        from store.errors import DuplicateRequest, RequestRefused, StoreError

        assert self.kind is not None
        self._sending = True
        try:
            request = self.helpdesk.database.requests.submit(
                self.kind.id, self.raw(), self.helpdesk.clock(), force=force
            )
        except DuplicateRequest as duplicate:
            self._sending = False
            self._ask_duplicate(duplicate.protocols)
            return
        except RequestRefused as refused:
            self._sending = False
            self.notify(refused.outcome.decision, title="Pedido recusado", severity="warning")
            return
        except InputError as error:
            self._sending = False
            self._show_input_error(error)
            return
        except (StoreError, OSError) as error:
            self._sending = False
            self.notify(
                f"{error}\nNada foi perdido: o formulário continua preenchido; tente de novo.",
                title="Não foi possível salvar o pedido",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self._sending = False
        self._show_confirmation(request)

    def _ask_duplicate(self, protocols: list[str]) -> None:
        """An open request of this kind exists for the license: register another only if asked."""
        listed = ", ".join(protocols)
        dialog = ConfirmDialog(
            "Já existe um pedido aberto",
            f"A licença já tem um pedido deste tipo em aberto ({listed}). "
            "Registrar outro pode gerar uma mensagem repetida ao suporte.",
            confirm="Registrar outro mesmo assim",
            cancel="Não registrar",
        )
        self.app.push_screen(dialog, lambda yes: self._save(force=True) if yes else None)

    def _show_input_error(self, error: InputError) -> None:
        """A field the store refused (e.g. its dates contradict): show it at the field."""
        assert self.kind is not None
        name = self.kind.field_for_error(error)
        rows = {row.spec.name: row for row in self.rows}
        if name in rows:
            rows[name].touched = True
            rows[name].show_error(error.message)
            rows[name].focus_control()
        self.notify(str(error), title="Pedido não enviado", severity="warning", markup=False)

    def _show_confirmation(self, request: Request) -> None:
        """Replace this form by the confirmation (history points at the saved request)."""
        from screens.confirmation import ConfirmationScreen

        self._leave_freely = True
        self.helpdesk.history.replace(Location(REQUESTS, request.protocol))
        self.app.switch_screen(ConfirmationScreen(request))
