"""“Este artigo foi útil?”: yes/no buttons, an optional reason after “Não”, and the count."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from screens.helpdesk_mixin import HelpdeskAware

REASON_MAX = 300


def tally_text(useful: int, total: int) -> str:
    """The count, worded as the help center shows it."""
    if total == 0:
        return "Seja o primeiro a avaliar este artigo."
    return f"{useful} de {total} acharam útil"


class ArticleVote(HelpdeskAware, Vertical):
    """Asks whether the article helped and saves the answer in the data file."""

    def __init__(self, article_id: str) -> None:
        super().__init__(id="vote")
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        """Question, buttons and the count (the reason box comes only after “Não”)."""
        with Horizontal(id="vote-row"):
            yield Label("Este artigo foi útil?", id="vote-question")
            yield Button("Sim", id="vote-yes", variant="success", compact=True)
            yield Button("Não", id="vote-no", variant="error", compact=True)
        yield Static(id="vote-tally", markup=False)

    def on_mount(self) -> None:
        """Show the current count, read off the UI thread so the article appears at once."""
        self.run_worker(self._read_tally, thread=True, exclusive=True, group="tally")

    def _read_tally(self, prefix: str = "") -> None:
        """Read the count from the store (in a worker thread) and hand it to the UI."""
        try:
            useful, total = self.helpdesk.database.votes.tally(self.article_id)
        except Exception as error:  # the article stays readable even if the data file is not
            text = f"Avaliações indisponíveis: {error}"
        else:
            text = prefix + tally_text(useful, total)
        self.app.call_from_thread(self.query_one("#vote-tally", Static).update, text)

    def _show_tally(self, prefix: str = "") -> None:
        """Refresh the count after a vote (on the UI thread: the data was just written)."""
        useful, total = self.helpdesk.database.votes.tally(self.article_id)
        self.query_one("#vote-tally", Static).update(prefix + tally_text(useful, total))

    @on(Button.Pressed, "#vote-yes")
    def vote_yes(self) -> None:
        """Save a “Sim”."""
        self._save(True, None)

    @on(Button.Pressed, "#vote-no")
    async def vote_no(self) -> None:
        """Ask for the optional reason before saving the “Não”."""
        self.query_one("#vote-row").display = False
        reason = Input(
            placeholder="O que faltou? (opcional)", id="vote-reason", max_length=REASON_MAX
        )
        send = Button("Enviar", id="vote-send", compact=True)
        row = Horizontal(reason, send, id="vote-reason-row")
        await self.mount(row, after="#vote-row")
        reason.focus(scroll_visible=False)
        # The row is taller than the buttons it replaces: on a short terminal it starts below the
        # visible text, so it is brought into view once it has its size.
        self.call_after_refresh(row.scroll_visible, animate=False)

    @on(Input.Submitted, "#vote-reason")
    @on(Button.Pressed, "#vote-send")
    def send_no(self) -> None:
        """Save the “Não” with whatever reason was typed."""
        reason = self.query_one("#vote-reason", Input).value.strip()
        self._save(False, reason or None)

    def _save(self, useful: bool, reason: str | None) -> None:
        """Store the vote and thank the person."""
        try:
            self.helpdesk.database.votes.add(self.article_id, useful, reason, self.helpdesk.clock())
        except Exception as error:  # shown, never raised: the vote is a courtesy
            self.notify(
                f"Não foi possível salvar a avaliação: {error}", severity="error", markup=False
            )
            return
        self.query_one("#vote-row").display = False
        for row in self.query("#vote-reason-row"):
            row.display = False
        self._show_tally("Obrigado pela avaliação! ")
        self.notify("Obrigado pela avaliação!", timeout=3)
