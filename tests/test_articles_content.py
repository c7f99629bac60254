"""The shipped articles say what the rules compute: worked examples, weekdays, figures, forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from helpdesk.backup import plan_backup
from helpdesk.catalog import Catalog, FormLink, load_catalog
from helpdesk.clock import SAO_PAULO
from helpdesk.markdown import iter_links
from helpdesk.policy import POLICY, Policy
from helpdesk.renewal import evaluate_cancellation


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped help center."""
    return load_catalog()


def d(day: date | datetime) -> str:
    """A date the way the articles write it."""
    return day.strftime("%d/%m/%Y")


def cancel(today: str, start: str, renews: str, allow_refund: bool = True) -> dict[str, str]:
    """The cancellation terms of the engine, dates formatted as in the articles."""
    parse = date.fromisoformat
    terms = evaluate_cancellation(
        parse(today), parse(start), parse(renews), allow_refund=allow_refund
    )
    return {k: d(v) if isinstance(v, date) else str(v) for k, v in vars(terms).items()}


def backup(now: str, slot: int) -> dict[str, str]:
    """The backup plan of the engine, formatted as in the articles."""
    plan = plan_backup(datetime.fromisoformat(now).replace(tzinfo=SAO_PAULO), time(slot))
    assert plan.generation_at is not None and plan.download_from is not None
    return {
        "generated": d(plan.generation_at),
        "generated_hour": f"{plan.generation_at:%H}h",
        "download_now": str(plan.download_from == plan.generation_at),
    }


# Each worked example: the article, what the engine computes, and the sentences that must state
# it. A change in the rules (or a typo in an example) fails here.
EXAMPLES: list[tuple[str, Callable[[], dict[str, str]], list[str]]] = [
    (
        "estorno",
        lambda: cancel("2027-03-09", "2027-03-02", "2028-03-02"),
        [
            "Compra em {term_start} (terça-feira):** somando {{withdrawal_days}} dias, o prazo vai "
            "até\n  {withdrawal_deadline}. Um pedido nesse dia tem estorno",
        ],
    ),
    (
        "estorno",
        lambda: {
            **cancel("2027-03-10", "2027-03-02", "2028-03-02"),
            "next_day": "10/03/2027",
        },
        ["um pedido em {next_day} já não tem"],
    ),
    (
        "estorno",
        lambda: cancel("2027-03-15", "2027-03-06", "2028-03-06"),
        ["o prazo passa para\n  segunda-feira, **{withdrawal_deadline}**"],
    ),
    (
        "estorno",
        lambda: cancel("2027-04-22", "2027-04-14", "2028-04-14"),
        ["Renovação em {term_start}:**", "o prazo passa\n  para **{withdrawal_deadline}**"],
    ),
    (
        "estorno",
        lambda: cancel("2027-03-05", "2027-03-02", "2028-03-02"),
        [
            "pedido com estorno em {today} para uma compra de {term_start}: a licença é "
            "cancelada\nem {effective_on} e os dados ficam guardados até {data_deleted_on}",
        ],
    ),
    (
        "cancelar-renovacao",
        lambda: cancel("2027-05-14", "2026-06-15", "2027-06-15"),
        [
            "renova em {renews_on}",
            "o app considera o dia útil anterior, sexta-feira, **{notice_deadline}**",
            "| Até {notice_deadline} | A licença é cancelada na renovação, em {effective_on}, e não"
            " é cobrada de novo. Os dados ficam guardados até {data_deleted_on}. |",
        ],
    ),
    (
        "cancelar-renovacao",
        lambda: {
            **cancel("2027-05-15", "2026-06-15", "2027-06-15"),
            "last_on_time": "14/05/2027",
        },
        [
            "| Depois de {last_on_time} | A renovação de {renews_on} já entra na cobrança. De "
            "{renews_on} até {refund_after_renewal_until} você pode pedir o estorno dela; sem esse "
            "pedido, a licença segue por mais um ciclo e o cancelamento vale em {effective_on}. |",
        ],
    ),
    (
        "cancelar-renovacao",
        lambda: cancel("2027-05-20", "2026-06-15", "2027-06-15"),
        [
            "a licença renova em {renews_on} e o pedido chega em {today}, depois do prazo de\n"
            "{notice_deadline}.",
            "- A renovação de {renews_on} é cobrada.",
            "- De {renews_on} até **{refund_after_renewal_until}** dá para pedir o",
            "- Sem o estorno, o cancelamento vale em {effective_on}, no fim do novo ciclo.",
        ],
    ),
    (
        "retencao-de-dados",
        lambda: cancel("2027-03-05", "2027-03-02", "2028-03-02"),
        ["| Estorno pedido em {today} | {effective_on}, no próprio dia | {data_deleted_on} |"],
    ),
    (
        "retencao-de-dados",
        lambda: cancel("2027-05-14", "2026-06-15", "2027-06-15"),
        ["licença que renova em {renews_on} | {effective_on}, na renovação | {data_deleted_on} |"],
    ),
    (
        "transferir-titularidade",
        lambda: cancel("2027-05-14", "2026-06-15", "2027-06-15", allow_refund=False),
        [
            "renova em {renews_on} e o prazo para pedir termina em {notice_deadline}",
            "| Até {notice_deadline} | {effective_on} |",
        ],
    ),
    (
        "transferir-titularidade",
        lambda: cancel("2027-05-17", "2026-06-15", "2027-06-15", allow_refund=False),
        ["| Depois de 14/05/2027 | {effective_on}, depois de mais um ciclo"],
    ),
    (
        "backup",
        lambda: backup("2027-03-09T10:00", 23),
        [
            "Pedido na terça, 09/03/2027, às 10h, para as 23h: o arquivo é gerado em {generated} às"
            " {generated_hour} e já\n  pode ser baixado"
        ],
    ),
    (
        "backup",
        lambda: backup("2027-03-09T10:00", 2),
        [
            "o arquivo é gerado na quarta, {generated}, às {generated_hour}. Dá para baixar até\n"
            "  as {{download_blocked_from}}"
        ],
    ),
    (
        "backup",
        lambda: backup("2027-03-12T10:00", 2),
        ["o arquivo é gerado no sábado, {generated}, e\n  pode ser baixado a qualquer hora"],
    ),
]


def _raw_body(catalog: Catalog, article_id: str) -> str:
    """An article's text as written (placeholders not filled), to match the templates above."""
    article = catalog.articles[article_id]
    text = article.path.read_text("utf-8")
    return text.split("+++", 2)[2]


@pytest.mark.parametrize(("article_id", "compute", "sentences"), EXAMPLES)
def test_worked_examples_match_the_rules(
    catalog: Catalog,
    article_id: str,
    compute: Callable[[], dict[str, str]],
    sentences: list[str],
) -> None:
    values = compute()
    body = _raw_body(catalog, article_id)
    for template in sentences:
        expected = re.sub(r"(?<!\{)\{(\w+)\}(?!\})", lambda m: values[m.group(1)], template)
        assert expected in body, f"{article_id}: não encontrado:\n{expected}"


def test_the_download_rule_in_the_backup_examples() -> None:
    """The 02h example is downloadable at once; the 23h one as well (after the blocked hours)."""
    assert backup("2027-03-09T10:00", 2)["download_now"] == "True"
    assert backup("2027-03-09T10:00", 23)["download_now"] == "True"


WEEKDAYS = {
    "segunda": 0,
    "terça": 1,
    "quarta": 2,
    "quinta": 3,
    "sexta": 4,
    "sábado": 5,
    "domingo": 6,
}
_DAY = r"(\d\d/\d\d/\d{4})"
_NAME = r"(segunda|terça|quarta|quinta|sexta|sábado|domingo)"
_NEAR = [
    re.compile(_NAME + r"(?:-feira)?[,\s*]{1,6}" + _DAY),
    re.compile(_DAY + r"[^\d/]{0,10}?" + r"\(?" + _NAME),
]


def test_weekday_names_next_to_dates_are_right(catalog: Catalog) -> None:
    checked = 0
    for article in catalog.articles.values():
        text = article.body
        for pattern in _NEAR:
            for match in pattern.finditer(text):
                groups = match.groups()
                name, day = (groups[0], groups[1]) if pattern is _NEAR[0] else groups[::-1]
                weekday = datetime.strptime(day, "%d/%m/%Y").weekday()
                assert weekday == WEEKDAYS[name], f"{article.id}: {match.group(0)!r}"
                checked += 1
    assert checked >= 8


def test_rule_figures_come_from_the_policy() -> None:
    """Another policy, other figures: no article keeps a number of its own."""
    policy = Policy(withdrawal_days=10, notice_days=45, retention_days=120)
    changed = load_catalog(policy=policy)
    original = load_catalog()
    assert "10 dias" in changed.articles["estorno"].body
    assert "45 dias" in changed.articles["cancelar-renovacao"].body
    assert "120 dias" in changed.articles["retencao-de-dados"].body
    for figure in ("7 dias", "30 dias", "90 dias"):
        assert not any(figure in a.body for a in changed.articles.values()), figure
        assert any(figure in a.body for a in original.articles.values()), figure


def test_actions_match_the_forms_the_article_links_to(catalog: Catalog) -> None:
    for article in catalog.articles.values():
        linked = {
            target.kind
            for link in iter_links(article.body)
            if isinstance(target := catalog.resolve_link(link.href, article), FormLink)
        }
        assert set(article.actions) == linked, article.id


def test_every_article_is_listed_and_related(catalog: Catalog) -> None:
    listed = [a.id for c in catalog.categories() for s in c.sections for a in s.articles]
    assert sorted(listed) == sorted(catalog.articles)
    for article in catalog.articles.values():
        assert article.related, article.id
        assert article.id not in article.related
        assert len(article.keywords) >= 8, article.id
        assert len(article.summary) <= 200, article.id


def test_the_interpretation_the_code_builds_is_stated(catalog: Catalog) -> None:
    """The rules' readings that matter to a partner are written out where they apply."""
    cancel_text = catalog.articles["cancelar-renovacao"].body
    assert "considera o dia útil **anterior**" in cancel_text
    assert "Um pedido feito nesse último dia ainda conta como feito no prazo" in cancel_text
    assert "diga se o cliente tem Conta PJ da Conta Azul ativa" in cancel_text
    refund = catalog.articles["estorno"].body
    assert "Código Civil (art. 132)" in refund
    assert "passa para o próximo dia útil" in refund
    retention = catalog.articles["retencao-de-dados"].body
    assert f"{POLICY.retention_days} dias** corridos" not in retention  # figure then "dias"
    assert "**corridos**" in retention and "não muda por causa de fim de semana" in retention
    pj = catalog.articles["bloquear-conta-pj"].body
    assert POLICY.channels.conta_pj_email in pj and POLICY.channels.whatsapp_digits in pj
    slot = (
        f"{POLICY.placeholders()['backup_slot_start']} e {POLICY.placeholders()['backup_slot_end']}"
    )
    assert slot in catalog.articles["backup"].body
