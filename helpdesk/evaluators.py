"""How each request kind turns its fields into an Outcome, using the rules of the core."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from helpdesk import rule_refs as refs
from helpdesk.backup import plan_backup
from helpdesk.business_days import BusinessCalendar
from helpdesk.clock import to_sao_paulo
from helpdesk.documents import format_cnpj, format_date, format_moment
from helpdesk.outcome import Outcome, RuleRef, TimelineEvent
from helpdesk.policy import POLICY
from helpdesk.renewal import CancellationTerms, data_deleted_on, evaluate_cancellation

Values = Mapping[str, Any]


def _d(value: date) -> str:
    """Shorthand for DD/MM/AAAA."""
    return format_date(value)


def conta_pj_reminder() -> str:
    """The reminder given whenever a cancelled client has an active Conta PJ."""
    channels = POLICY.channels
    return (
        "O cliente tem Conta PJ ativa: depois do cancelamento, peça o bloqueio dela pelo e-mail "
        f"{channels.conta_pj_email} ou pelo WhatsApp {channels.whatsapp_display}."
    )


def _shift_reason(label: str, nominal: date, actual: date, cal: BusinessCalendar) -> list[str]:
    """Explain a deadline that moved off a non-business day."""
    if nominal == actual:
        return []
    why = cal.why_not_business(nominal) or "dia não útil"
    return [f"{label}: {_d(nominal)} cai em {why}; o prazo passa para {_d(actual)}."]


def _term_reasons(terms: CancellationTerms, cal: BusinessCalendar) -> list[str]:
    """Why each date of the terms is what it is."""
    nominal_withdrawal = terms.term_start + timedelta(days=POLICY.withdrawal_days)
    nominal_notice = terms.renews_on - timedelta(days=POLICY.notice_days)
    return [
        *_shift_reason("Fim do arrependimento", nominal_withdrawal, terms.withdrawal_deadline, cal),
        *_shift_reason("Prazo para pedir", nominal_notice, terms.notice_deadline, cal),
    ]


def _term_timeline(
    terms: CancellationTerms, *, with_withdrawal: bool = True
) -> list[TimelineEvent]:
    """hoje → fim do arrependimento → prazo para pedir → renovação → efetivo → exclusão dos dados."""
    events = [TimelineEvent(terms.today, "Hoje", "today")]
    if with_withdrawal:
        tone = "ok" if terms.refund_eligible else "info"
        events.append(
            TimelineEvent(terms.withdrawal_deadline, "Fim do arrependimento", tone, refs.WITHDRAWAL)
        )
    if not terms.refund_eligible:
        tone = "danger" if terms.charged_at_next_renewal else "warning"
        events.append(TimelineEvent(terms.notice_deadline, "Prazo para pedir", tone, refs.NOTICE))
        events.append(TimelineEvent(terms.renews_on, "Renovação", "info"))
    if terms.effective_on != terms.renews_on:
        events.append(TimelineEvent(terms.effective_on, "Cancelamento efetivo", "warning"))
    events.append(
        TimelineEvent(terms.data_deleted_on, "Exclusão dos dados", "danger", refs.RETENTION)
    )
    return sorted(events, key=lambda event: event.day)


def _term_dates(terms: CancellationTerms) -> dict[str, date | datetime | None]:
    """The dated keys of the cancellation terms, as the JSON contract names them."""
    return {
        "withdrawal_deadline": terms.withdrawal_deadline,
        "notice_deadline": terms.notice_deadline,
        "renews_on": terms.renews_on,
        "effective_on": terms.effective_on,
        "data_deleted_on": terms.data_deleted_on,
    }


def _term_flags(terms: CancellationTerms) -> dict[str, bool]:
    """The yes/no keys of the cancellation terms."""
    return {
        "refund_eligible": terms.refund_eligible,
        "charged_at_next_renewal": terms.charged_at_next_renewal,
        "full_amount_due": terms.full_amount_due,
    }


def _terms(
    values: Values, now: datetime, cal: BusinessCalendar, *, allow_refund: bool = True
) -> CancellationTerms:
    """Evaluate the cancellation rules on the term fields of ``values``."""
    return evaluate_cancellation(
        to_sao_paulo(now).date(),
        values["term_start"],
        values["renews_on"],
        # An explicit 0 must reach the check and be refused, not become the default.
        POLICY.default_cycle_months
        if values.get("cycle_months") is None
        else values["cycle_months"],
        cal,
        allow_refund=allow_refund,
    )


def _backup_warning(terms: CancellationTerms) -> str:
    """Remind to back up before the data is gone."""
    if terms.effective_on <= terms.today:
        return (
            "Faça o backup agora: a licença é cancelada hoje e os dados dela serão apagados "
            f"em {_d(terms.data_deleted_on)}."
        )
    return (
        f"Faça o backup antes de {_d(terms.effective_on)}: os dados da licença serão apagados "
        f"em {_d(terms.data_deleted_on)}."
    )


def _term_outcome(
    terms: CancellationTerms,
    values: Values,
    cal: BusinessCalendar,
    *,
    decision: str,
    warnings: list[str],
    rules: list[RuleRef],
    key_date: tuple[str, date],
    with_withdrawal: bool = True,
) -> Outcome:
    """An accepted request built on a term's dates (cancellation, transfer of billing)."""
    if values.get("conta_pj"):
        warnings = [*warnings, conta_pj_reminder()]
    return Outcome(
        accepted=True,
        decision=decision,
        reasons=tuple(_term_reasons(terms, cal)),
        warnings=tuple(warnings),
        dates=_term_dates(terms),
        flags=_term_flags(terms),
        timeline=tuple(_term_timeline(terms, with_withdrawal=with_withdrawal)),
        rules=tuple(rules),
        key_date=key_date,
    )


def evaluate_cancel(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Cancel a license's renewal (rules 1–7)."""
    terms = _terms(values, now, cal)
    if terms.refund_eligible:
        decision = (
            f"Dentro do prazo de arrependimento (até {_d(terms.withdrawal_deadline)}): a licença é "
            f"cancelada hoje, {_d(terms.today)}, com estorno do valor pago."
        )
    elif not terms.charged_at_next_renewal:
        decision = (
            f"Pedido dentro do prazo (até {_d(terms.notice_deadline)}): a renovação de "
            f"{_d(terms.renews_on)} não será cobrada e a licença fica ativa até essa data."
        )
    else:
        decision = (
            f"O prazo para evitar a cobrança terminou em {_d(terms.notice_deadline)}: a renovação de "
            f"{_d(terms.renews_on)} será cobrada e o cancelamento vale em {_d(terms.effective_on)}."
        )
    warnings = []
    if terms.full_amount_due:
        warnings.append(
            "Após o prazo de arrependimento, o valor integral do contrato vigente continua devido."
        )
    if terms.charged_at_next_renewal:
        warnings.append(
            f"A renovação de {_d(terms.renews_on)} será cobrada: o pedido chegou depois de "
            f"{_d(terms.notice_deadline)}."
        )
    warnings.append(_backup_warning(terms))
    rules = [refs.WITHDRAWAL, refs.NOTICE, refs.RETENTION, refs.CONTA_PJ_INFO]
    if terms.full_amount_due:
        rules.insert(1, refs.FULL_AMOUNT)
    return _term_outcome(
        terms,
        values,
        cal,
        decision=decision,
        warnings=warnings,
        rules=rules,
        key_date=("Cancelamento efetivo em", terms.effective_on),
    )


def evaluate_refund(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Ask for a refund: only inside the withdrawal period (rule 2); else offer the cancellation."""
    terms = _terms(values, now, cal)
    base = evaluate_cancel(values, now, cal)
    if terms.refund_eligible:
        return Outcome(
            accepted=True,
            decision=(
                f"Estorno possível: o pedido está dentro do prazo de arrependimento, que vai até "
                f"{_d(terms.withdrawal_deadline)}. A licença é cancelada hoje e o valor é devolvido."
            ),
            reasons=base.reasons,
            warnings=tuple(w for w in base.warnings if "valor integral" not in w),
            dates=base.dates,
            flags=base.flags,
            timeline=base.timeline,
            rules=(refs.WITHDRAWAL, refs.RETENTION),
            key_date=("Estorno pedido em", terms.today),
        )
    return Outcome(
        accepted=False,
        decision=(
            f"Estorno não é possível: o prazo de arrependimento terminou em "
            f"{_d(terms.withdrawal_deadline)}."
        ),
        reasons=(
            f"O estorno vale só para pedidos feitos em até {POLICY.withdrawal_days} dias da compra ou "
            f"da renovação ({_d(terms.term_start)}).",
            "Você ainda pode cancelar a renovação automática: " + base.decision,
            *base.reasons,
        ),
        warnings=base.warnings,
        dates=base.dates,
        flags=base.flags,
        timeline=base.timeline,
        rules=(refs.WITHDRAWAL, refs.FULL_AMOUNT, refs.NOTICE),
        alternative="cancel",
        key_date=base.key_date,
    )


def evaluate_substitute(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Substitute the client: the license stays, the old account is cancelled today."""
    del cal
    today = to_sao_paulo(now).date()
    deleted = data_deleted_on(today)
    new_client = values["new_client_name"]
    return Outcome(
        accepted=True,
        decision=(
            f"A licença {values['support_id']} continua no seu lote e passa para {new_client} "
            f"(CNPJ {format_cnpj(values['new_client_cnpj'])}); a conta atual é cancelada hoje."
        ),
        reasons=("A substituição reaproveita a licença: não há nova cobrança nem saída do lote.",),
        warnings=(
            "A nova conta começa vazia, sem nenhum dado cadastrado.",
            f"Faça o backup da conta atual antes de enviar: os dados dela serão apagados em {_d(deleted)}.",
        ),
        dates={"effective_on": today, "data_deleted_on": deleted},
        timeline=(
            TimelineEvent(today, "Hoje: conta atual cancelada", "today", refs.SUBSTITUTE),
            TimelineEvent(deleted, "Exclusão dos dados antigos", "danger", refs.RETENTION),
        ),
        rules=(refs.SUBSTITUTE, refs.RETENTION),
        key_date=("Dados antigos apagados em", deleted),
    )


def evaluate_transfer(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Hand billing over to the client: leaves the lote on the cancellation's timing (rules 3–7)."""
    if not values.get("partner_pays"):
        return Outcome(
            accepted=False,
            decision="Transferência não é possível: só vale para licenças pagas pelo seu escritório.",
            reasons=("Se o cliente já paga a licença, não há responsabilidade a transferir.",),
            rules=(refs.TRANSFER,),
        )
    terms = _terms(values, now, cal, allow_refund=False)
    if terms.charged_at_next_renewal:
        decision = (
            f"O prazo de {_d(terms.notice_deadline)} passou: seu escritório ainda paga a renovação de "
            f"{_d(terms.renews_on)}; a licença sai do lote em {_d(terms.effective_on)}."
        )
    else:
        decision = (
            f"A licença sai do seu lote em {_d(terms.effective_on)} e, a partir daí, o cliente "
            "contrata e paga o plano diretamente à Conta Azul."
        )
    email = values.get("client_email")
    client = f"O cliente ({email})" if email else "O cliente"
    warnings = [
        f"{client} precisa contratar o plano antes de {_d(terms.effective_on)} para não perder "
        "o acesso.",
        _backup_warning(terms),
    ]
    return _term_outcome(
        terms,
        values,
        cal,
        decision=decision,
        warnings=warnings,
        rules=[refs.TRANSFER, refs.NOTICE, refs.RETENTION],
        key_date=("Sai do lote em", terms.effective_on),
        with_withdrawal=False,
    )


def evaluate_backup(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Schedule a backup generation (rules 9–11)."""
    local = to_sao_paulo(now)
    plan = plan_backup(local, values["slot"], cal)
    if not plan.schedulable or plan.generation_at is None or plan.download_from is None:
        p = POLICY.placeholders()
        return Outcome(
            accepted=False,
            decision=f"Horário não permitido: {plan.reason}",
            reasons=(
                f"Escolha um horário entre {p['backup_slot_start']} e {p['backup_slot_end']}.",
            ),
            dates={"generation_at": None},
            flags={"schedulable": False},
            rules=(refs.BACKUP_SLOT,),
        )
    warnings = [
        "Você receberá o e-mail “Seu backup já está disponível” quando o arquivo estiver pronto."
    ]
    if plan.download_from != plan.generation_at:
        warnings.insert(
            0,
            f"O arquivo fica pronto em {format_moment(plan.generation_at)}, mas em dia útil o download "
            f"só abre em {format_moment(plan.download_from)}.",
        )
    return Outcome(
        accepted=True,
        # The app schedules nothing: the partner schedules in Conta Azul, so the panel says what
        # follows once that is done.
        decision=(
            f"Se agendado na Conta Azul para {values['slot']:%H:%M}, o backup fica pronto em "
            f"{format_moment(plan.generation_at)}; download a partir de "
            f"{format_moment(plan.download_from)}."
        ),
        reasons=("O arquivo traz planilhas .csv com os dados da empresa.",),
        warnings=tuple(warnings),
        dates={"generation_at": plan.generation_at, "download_from": plan.download_from},
        flags={"schedulable": True},
        timeline=(
            TimelineEvent(local, "Agendar na Conta Azul", "today"),
            TimelineEvent(plan.generation_at, "Backup pronto", "info", refs.BACKUP_SLOT),
            TimelineEvent(plan.download_from, "Download disponível", "ok", refs.BACKUP_DOWNLOAD),
        ),
        rules=(refs.BACKUP_SLOT, refs.BACKUP_DOWNLOAD),
        key_date=("Download a partir de", plan.download_from),
    )


def evaluate_block_conta_pj(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Block a Conta PJ: only for a license already cancelled; goes to the Conta PJ team."""
    del cal
    channels = POLICY.channels
    if not values.get("license_cancelled"):
        return Outcome(
            accepted=False,
            decision="Bloqueio não é possível ainda: a licença precisa estar cancelada.",
            reasons=("Peça primeiro o cancelamento da licença; depois, o bloqueio da Conta PJ.",),
            rules=(refs.BLOCK_CONTA_PJ,),
            alternative="cancel",
        )
    today = to_sao_paulo(now).date()
    return Outcome(
        accepted=True,
        decision=(
            f"O pedido de bloqueio vai para o time da Conta PJ ({channels.conta_pj_email} ou "
            f"WhatsApp {channels.whatsapp_display})."
        ),
        reasons=("O bloqueio impede novas movimentações na Conta PJ do cliente.",),
        warnings=("O bloqueio não pode ser desfeito por este aplicativo; confirme com o cliente.",),
        dates={"requested_on": today},
        timeline=(TimelineEvent(today, "Pedido de bloqueio", "today", refs.BLOCK_CONTA_PJ),),
        rules=(refs.BLOCK_CONTA_PJ,),
        key_date=("Pedido em", today),
    )
