"""How each request kind turns its fields into an Outcome, using the rules of the core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from helpdesk import rule_refs as refs
from helpdesk.backup import plan_backup
from helpdesk.business_days import BusinessCalendar, year_holidays
from helpdesk.clock import to_sao_paulo
from helpdesk.documents import format_cnpj, format_date, format_moment
from helpdesk.fields import format_value
from helpdesk.licenses import (
    ACTIVE,
    CANCELLATION_SCHEDULED,
    LOTE_LICENSE,
    TRANSFERRED,
    License,
    effective_status,
)
from helpdesk.outcome import Outcome, RuleRef, TimelineEvent
from helpdesk.policy import POLICY
from helpdesk.renewal import (
    CancellationTerms,
    evaluate_cancellation,
    refund_after_renewal,
)

Values = Mapping[str, Any]


def after_colon(sentence: str) -> str:
    """``sentence`` continuing a phrase after a colon: in Portuguese it starts in lower case."""
    return sentence[:1].lower() + sentence[1:]


def _d(value: date) -> str:
    """Shorthand for DD/MM/AAAA."""
    return format_date(value)


def conta_pj_reminder() -> str:
    """The reminder given whenever a cancelled client has an active Conta PJ."""
    channels = POLICY.channels
    return (
        "O cliente tem Conta PJ ativa: se precisar bloquear o acesso a ela depois do "
        f"cancelamento, peça pelo e-mail {channels.conta_pj_email} ou pelo WhatsApp "
        f"{channels.whatsapp_display}. Se ela continua aberta a política não diz: pergunte."
    )


def _day_and_month(value: date) -> str:
    """DD/MM, for the short "Por quê" lines."""
    return f"{value:%d/%m}"


def _non_business_reason(day: date, cal: BusinessCalendar) -> str:
    """``é domingo`` / ``é feriado (Tiradentes)``: why the app does not count ``day``."""
    why = cal.why_not_business(day) or "dia não útil"
    if why.startswith("feriado: "):
        return f"é feriado ({why.removeprefix('feriado: ')})"
    return f"é {why}"


def _shift_reason(label: str, nominal: date, actual: date, cal: BusinessCalendar) -> list[str]:
    """Say, as the app's reading, why a deadline moved off a non-business day (or did not)."""
    lines = []
    if nominal != actual:
        direction = "o dia útil anterior" if actual < nominal else "o próximo dia útil"
        lines.append(
            f"{label} — {_day_and_month(nominal)} {_non_business_reason(nominal, cal)}: o app "
            f"considera {direction}, {_day_and_month(actual)} (leitura do app; vale a data que o "
            "suporte confirmar)."
        )
    optional = year_holidays(actual.year, "optional").get(actual)
    if optional:
        lines.append(
            f"{label} — {_day_and_month(actual)} é ponto facultativo ({optional}); o app o conta "
            "como dia útil, mas feriados locais podem ser diferentes: confirme com o suporte."
        )
    return lines


def term_reasons(
    terms: CancellationTerms, cal: BusinessCalendar, *, with_withdrawal: bool = True
) -> list[str]:
    """Why each date of the terms is what it is (a transfer has no withdrawal period to explain)."""
    nominal_withdrawal = terms.term_start + timedelta(days=POLICY.withdrawal_days)
    nominal_notice = terms.renews_on - timedelta(days=POLICY.notice_days)
    lines = []
    if with_withdrawal:
        lines += _shift_reason(
            "Fim do arrependimento", nominal_withdrawal, terms.withdrawal_deadline, cal
        )
    lines += _shift_reason("Prazo para pedir", nominal_notice, terms.notice_deadline, cal)
    if terms.refund_after_renewal_until is not None:
        nominal_refund = terms.renews_on + timedelta(days=POLICY.withdrawal_days)
        lines += _shift_reason(
            "Estorno da renovação", nominal_refund, terms.refund_after_renewal_until, cal
        )
    return lines


def _term_timeline(
    terms: CancellationTerms,
    *,
    with_withdrawal: bool = True,
    effective_label: str = "Cancelamento efetivo",
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
        if terms.refund_after_renewal_until is not None:
            events.append(TimelineEvent(terms.renews_on, "Renovação cobrada", "danger"))
            events.append(
                TimelineEvent(
                    terms.refund_after_renewal_until,
                    "Estorno da renovação até",
                    "ok",
                    refs.RENEWAL_REFUND,
                )
            )
        else:
            events.append(TimelineEvent(terms.renews_on, "Renovação", "info"))
    if terms.effective_on != terms.renews_on:
        events.append(TimelineEvent(terms.effective_on, effective_label, "warning"))
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
        "refund_after_renewal_until": terms.refund_after_renewal_until,
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
    effective_label: str = "Cancelamento efetivo",
    alternative: str | None = None,
    alternative_fields: Mapping[str, str] | None = None,
) -> Outcome:
    """An accepted request built on a term's dates (cancellation, transfer of billing)."""
    if values.get("conta_pj"):
        warnings = [*warnings, conta_pj_reminder()]
    return Outcome(
        accepted=True,
        decision=decision,
        reasons=tuple(term_reasons(terms, cal, with_withdrawal=with_withdrawal)),
        warnings=tuple(warnings),
        dates=_term_dates(terms),
        flags=_term_flags(terms),
        timeline=tuple(
            _term_timeline(terms, with_withdrawal=with_withdrawal, effective_label=effective_label)
        ),
        rules=tuple(rules),
        alternative=alternative,
        alternative_fields=dict(alternative_fields or {}),
        key_date=key_date,
    )


def renewal_refund_fields(terms: CancellationTerms) -> dict[str, str]:
    """The refund form's dates for the renewal about to be charged: its term starts that day."""
    return {
        "term_start": format_value(terms.renews_on),
        "renews_on": format_value(terms.effective_on),
    }


def evaluate_cancel(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Cancel a license's renewal (rules 1–7): it always stays a cancellation of the renewal.

    Inside the withdrawal period the refund is another request (the refund form), offered as
    the alternative: cancelling the renewal never ends the license today.
    """
    terms = _terms(values, now, cal, allow_refund=False)
    # ``check_term_dates`` already refused a start in the future.
    in_withdrawal = terms.today <= terms.withdrawal_deadline
    if not terms.charged_at_next_renewal:
        decision = (
            f"Pedido dentro do prazo (até {_d(terms.notice_deadline)}): a renovação de "
            f"{_d(terms.renews_on)} não será cobrada e a licença fica ativa até essa data."
        )
    else:
        assert terms.refund_after_renewal_until is not None
        charged = "hoje" if terms.renews_on == terms.today else f"em {_d(terms.renews_on)}"
        decision = (
            f"O prazo para evitar a cobrança terminou em {_d(terms.notice_deadline)}: a renovação "
            f"será cobrada {charged}. De {_d(terms.renews_on)} até "
            f"{_d(terms.refund_after_renewal_until)}, você pode pedir o estorno dessa renovação; "
            f"sem esse pedido, o cancelamento vale no fim do novo ciclo, em "
            f"{_d(terms.effective_on)}."
        )
    warnings = []
    if in_withdrawal:
        warnings.append(
            f"Você ainda está no prazo de arrependimento (até {_d(terms.withdrawal_deadline)}): "
            "se quiser encerrar a licença já, com estorno, peça o estorno em vez deste pedido. "
            "Este pedido só cancela a renovação automática."
        )
    else:
        warnings.append(
            "Fora do prazo de arrependimento, cancelar antes do fim do contrato não diminui o "
            "valor acordado: ele é devido por inteiro."
        )
    if terms.charged_at_next_renewal:
        warnings.append(
            f"A renovação de {_d(terms.renews_on)} será cobrada: o pedido chegou depois de "
            f"{_d(terms.notice_deadline)}."
        )
    warnings.append(_backup_warning(terms))
    rules = [refs.WITHDRAWAL, refs.NOTICE, refs.RETENTION, refs.CONTA_PJ_INFO, refs.COUNTING]
    if not in_withdrawal:
        rules.insert(1, refs.FULL_AMOUNT)
    late = terms.charged_at_next_renewal
    if late:
        rules.insert(0, refs.RENEWAL_REFUND)
    alternative_fields: dict[str, str] | None = None
    if in_withdrawal:
        # The refund of this very term: its form starts with the same dates.
        alternative_fields = {
            "term_start": format_value(terms.term_start),
            "renews_on": format_value(terms.renews_on),
        }
    elif late:
        alternative_fields = renewal_refund_fields(terms)
    outcome = _term_outcome(
        terms,
        values,
        cal,
        decision=decision,
        warnings=warnings,
        rules=rules,
        key_date=("Cancelamento efetivo em", terms.effective_on),
        alternative="refund" if in_withdrawal or late else None,
        alternative_fields=alternative_fields,
    )
    # Inside the withdrawal period nothing is owed beyond what was bought: the partner can still
    # withdraw (the refund form); ``refund_available`` says so to whoever reads the outcome.
    flags = {
        **outcome.flags,
        "full_amount_due": not in_withdrawal,
        "refund_available": in_withdrawal,
    }
    return replace(outcome, flags=flags)


def _cancellation_now(values: Values, terms: CancellationTerms, cal: BusinessCalendar) -> Outcome:
    """The terms of a cancellation that ends the license today (a refund inside the period)."""
    return _term_outcome(
        terms,
        values,
        cal,
        decision="",
        # Inside the withdrawal period the full amount is never due: no such warning.
        warnings=[_backup_warning(terms)],
        rules=[],
        key_date=("Estorno pedido em", terms.today),
    )


def evaluate_refund(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Ask for a refund: only inside the withdrawal period (rule 2); else offer the cancellation."""
    today = to_sao_paulo(now).date()
    start = values["term_start"]
    if isinstance(start, date) and start > today:
        return _refund_not_yet(values, today, cal)
    terms = _terms(values, now, cal)
    if terms.refund_eligible:
        base = _cancellation_now(values, terms, cal)
        return Outcome(
            accepted=True,
            decision=(
                f"Estorno possível: o pedido está dentro do prazo de arrependimento, que vai até "
                f"{_d(terms.withdrawal_deadline)}. A licença é cancelada hoje, com estorno."
            ),
            reasons=(
                *base.reasons,
                "Como e quando o valor é devolvido a política não diz: pergunte ao suporte no "
                f"WhatsApp {POLICY.channels.whatsapp_display}.",
            ),
            warnings=base.warnings,
            dates=base.dates,
            flags=base.flags,
            timeline=base.timeline,
            rules=(refs.WITHDRAWAL, refs.RETENTION, refs.COUNTING),
            key_date=("Estorno pedido em", terms.today),
        )
    base = evaluate_cancel(values, now, cal)
    return Outcome(
        accepted=False,
        decision=(
            f"Estorno não é possível: o prazo de arrependimento terminou em "
            f"{_d(terms.withdrawal_deadline)}."
        ),
        reasons=(
            f"O estorno vale só para pedidos feitos em até {POLICY.withdrawal_days} dias da compra ou "
            f"da renovação ({_d(terms.term_start)}).",
            "Você ainda pode cancelar a renovação automática: " + after_colon(base.decision),
            *base.reasons,
        ),
        # The cancellation's warnings and timeline (backup before access ends, data deletion)
        # are that alternative's, not this refused refund's: its form shows them when opened.
        dates=base.dates,
        flags=base.flags,
        rules=(refs.WITHDRAWAL, refs.FULL_AMOUNT, refs.NOTICE),
        alternative="cancel",
        key_date=base.key_date,
    )


def _refund_not_yet(values: Values, today: date, cal: BusinessCalendar) -> Outcome:
    """A refund asked for a renewal still ahead: say when its window opens and closes."""
    renewal = values["term_start"]
    # The term is checked as it will be on its first day (renewal after start, start + cycle).
    _terms(values, datetime.combine(renewal, datetime.min.time()), cal)
    until = refund_after_renewal(renewal, cal)
    return Outcome(
        accepted=False,
        decision=(
            f"O estorno desta renovação ainda não pode ser pedido: ela é cobrada em {_d(renewal)}. "
            f"Peça de {_d(renewal)} até {_d(until)}."
        ),
        reasons=(
            f"O estorno vale para pedidos feitos em até {POLICY.withdrawal_days} dias da compra ou "
            "da renovação: o prazo só começa quando a renovação acontece.",
            *_shift_reason(
                "Estorno da renovação",
                renewal + timedelta(days=POLICY.withdrawal_days),
                until,
                cal,
            ),
        ),
        dates={"refund_opens_on": renewal, "refund_after_renewal_until": until},
        timeline=(
            TimelineEvent(today, "Hoje", "today"),
            TimelineEvent(renewal, "Renovação cobrada", "danger"),
            TimelineEvent(until, "Estorno da renovação até", "ok", refs.RENEWAL_REFUND),
        ),
        rules=(refs.RENEWAL_REFUND, refs.WITHDRAWAL, refs.COUNTING),
        key_date=("Estorno a partir de", renewal),
    )


SUBSTITUTE_BACKUP_WARNING = (
    "Por garantia, faça o backup da conta atual antes de o suporte fazer a substituição: é com "
    "ele que você guarda o histórico do cliente que sai."
)
"""The substitution's backup advice (the policy only says the new account starts empty)."""


def evaluate_substitute(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Substitute the client: the license stays in the lote and a new, empty account is created."""
    del cal
    today = to_sao_paulo(now).date()
    # ``helpdesk rules substitute`` asks the rule without naming a license or a client: the
    # decision then says the same without them rather than show invented ones.
    support_id = values.get("support_id")
    license_ = f"A licença {support_id}" if support_id else "A licença"
    new_client = values.get("new_client_name")
    cnpj = values.get("new_client_cnpj")
    client = f"{new_client} (CNPJ {format_cnpj(cnpj)})" if new_client and cnpj else "o novo cliente"
    whatsapp = POLICY.channels.whatsapp_display
    return Outcome(
        accepted=True,
        decision=(
            f"{license_} continua no seu lote e passa para {client}, numa conta nova criada do zero."
        ),
        reasons=(
            "A substituição reaproveita a licença: ela é reutilizada e mantida no seu lote.",
            "O que acontece com a conta atual e com os dados dela a política não diz: pergunte ao "
            f"suporte no WhatsApp {whatsapp}.",
        ),
        warnings=(
            "A nova conta começa vazia, sem nenhum dado cadastrado.",
            # Right in the form, on the confirmation and in the request's detail alike: the account
            # changes when support carries the substitution out, not when the app registers it.
            SUBSTITUTE_BACKUP_WARNING,
        ),
        dates={"requested_on": today},
        timeline=(TimelineEvent(today, "Pedido de substituição", "today", refs.SUBSTITUTE),),
        rules=(refs.SUBSTITUTE,),
        key_date=("Pedido em", today),
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
    client = f"o cliente ({email})" if email else "o cliente"
    whatsapp = POLICY.channels.whatsapp_display
    warnings = [
        f"Combine com {client} a contratação do plano dele antes de {_d(terms.effective_on)}.",
        "Se o cliente fica com a conta e os dados depois da transferência, e se cabe estorno, a "
        f"política não diz: pergunte ao suporte no WhatsApp {whatsapp}; por garantia, faça o "
        f"backup antes de {_d(terms.effective_on)}.",
    ]
    outcome = _term_outcome(
        terms,
        values,
        cal,
        decision=decision,
        warnings=warnings,
        rules=[refs.TRANSFER, refs.NOTICE, refs.COUNTING],
        key_date=("Sai do lote em", terms.effective_on),
        with_withdrawal=False,
        # The license leaves the lote: a transfer is not a cancellation.
        effective_label="Sai do lote",
    )
    reading = (
        "Para quando a saída é agendada a política não diz: o app usa os prazos do cancelamento "
        "da renovação; vale a data que o suporte confirmar."
    )
    # A transfer's data is not known to be deleted: no deletion date on its timeline.
    timeline = tuple(e for e in outcome.timeline if e.rule is not refs.RETENTION)
    return replace(outcome, reasons=(reading, *outcome.reasons), timeline=timeline)


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
    p = POLICY.placeholders()
    blocked = f"das {p['download_blocked_from']} às {p['download_blocked_until']}"
    # The slots (19:00–04:00) never fall in the download pause (05:00–19:00 on business days),
    # so the one moment named is the scheduled one, never a moment the file is ready.
    warnings = (
        # The policy's own facts first, then what the app reads from them, marked as such: the
        # policy promises no moment for the file, only the e-mail.
        "O arquivo é gerado automaticamente fora do horário comercial; o e-mail “Seu backup já "
        "está disponível” avisa quando ele puder ser baixado.",
        f"Em dias úteis o download fica indisponível {blocked}.",
        f"Pela leitura do app, o horário agendado chega em {format_moment(plan.generation_at)}. "
        "Quando o arquivo fica pronto a política não diz: vale o e-mail.",
    )
    timeline = (
        TimelineEvent(local, "Agendar na Conta Azul", "today"),
        TimelineEvent(plan.generation_at, "Horário agendado", "info", refs.BACKUP_SLOT),
    )
    return Outcome(
        accepted=True,
        # The app schedules nothing: the partner schedules in the client's Conta Azul Pro, so the
        # panel says how, and what the policy says follows.
        decision=(
            f"Agende na Conta Azul Pro do cliente a geração do backup para as "
            f"{values['slot']:%H:%M}: Configurações e plano › Meu plano › Backup da conta › Fazer "
            "backup da conta."
        ),
        reasons=("O arquivo traz planilhas .csv com os dados da empresa.",),
        warnings=warnings,
        dates={"generation_at": plan.generation_at, "download_from": plan.download_from},
        flags={"schedulable": True},
        timeline=timeline,
        rules=(refs.BACKUP_SLOT, refs.BACKUP_DOWNLOAD),
        key_date=("Geração a partir de", plan.generation_at),
    )


def evaluate_block_conta_pj(values: Values, now: datetime, cal: BusinessCalendar) -> Outcome:
    """Block a Conta PJ: only for a license already cancelled; goes to the Conta PJ channel."""
    del cal
    channels = POLICY.channels
    today = to_sao_paulo(now).date()
    lic = values.get(LOTE_LICENSE)
    status = effective_status(lic, today) if isinstance(lic, License) else None
    if status == ACTIVE:
        return Outcome(
            accepted=False,
            decision=(
                f"Bloqueio não é possível: no seu lote, a licença {values.get('support_id', '')} "
                "está ativa."
            ),
            reasons=(
                "O bloqueio da Conta PJ é para licenças já canceladas: bloquear a conta de um "
                "cliente que ainda usa a licença o prejudica.",
                # Meu lote learns a cancellation only from the requests made here; one made
                # straight with support is unknown to it, and only the channels can act on it.
                "Se ela já foi cancelada direto com o suporte, este app não tem como saber: peça o "
                f"bloqueio pelo e-mail {channels.conta_pj_email} ou pelo WhatsApp "
                f"{channels.whatsapp_display}.",
            ),
            rules=(refs.BLOCK_CONTA_PJ,),
            alternative="cancel",
        )
    access_ends = lic.cancels_on if isinstance(lic, License) else None
    if status in ENDING_STATUSES and access_ends is not None and access_ends > today:
        return _block_not_yet(values, access_ends, status)
    if not values.get("license_cancelled"):
        return Outcome(
            accepted=False,
            decision="Bloqueio não é possível ainda: a licença precisa estar cancelada.",
            reasons=("Peça primeiro o cancelamento da licença; depois, o bloqueio da Conta PJ.",),
            rules=(refs.BLOCK_CONTA_PJ,),
            alternative="cancel",
        )
    warnings = [
        "Depois que o suporte bloquear o acesso, o app não o devolve; até lá, o pedido pode ser "
        "retirado em Minhas solicitações. Confirme com o cliente antes de enviar."
    ]
    return Outcome(
        accepted=True,
        decision=(
            f"Peça o bloqueio do acesso à Conta PJ pelo e-mail {channels.conta_pj_email} ou pelo "
            f"WhatsApp {channels.whatsapp_display}, os canais que o artigo indica."
        ),
        reasons=(
            "O bloqueio do acesso à Conta PJ é pedido depois que a licença foi cancelada.",
            "O que muda na Conta PJ depois do bloqueio o artigo não diz: pergunte pelo e-mail "
            f"{channels.conta_pj_email}.",
        ),
        warnings=tuple(warnings),
        dates={"requested_on": today},
        timeline=(TimelineEvent(today, "Pedido de bloqueio", "today", refs.BLOCK_CONTA_PJ),),
        rules=(refs.BLOCK_CONTA_PJ,),
        key_date=("Pedido em", today),
    )


ENDING_STATUSES = (CANCELLATION_SCHEDULED, TRANSFERRED)
"""Lote statuses whose license still runs until its ``cancels_on``: not cancelled yet."""


def _block_not_yet(values: Values, access_ends: date, status: str) -> Outcome:
    """Block refused: the lote shows the license still in use until ``access_ends``.

    The article's tip is for a license that "já foi cancelada"; one whose cancellation (or exit
    from the lote) takes effect later is still used by the client until that day, the day the
    lote counts it as cancelled (``helpdesk.licenses.effective_status``).
    """
    channels = POLICY.channels
    what = "o cancelamento" if status == CANCELLATION_SCHEDULED else "a saída do lote"
    return Outcome(
        accepted=False,
        decision=(
            f"Bloqueio não é possível ainda: no seu lote, {what} da licença "
            f"{values.get('support_id', '')} vale em {_d(access_ends)} e até lá o cliente ainda "
            "tem acesso."
        ),
        reasons=(
            "O bloqueio da Conta PJ é para licenças que já foram canceladas: bloquear a conta de "
            "um cliente que ainda usa a licença o prejudica.",
            f"Peça o bloqueio a partir de {_d(access_ends)}.",
            "Se o suporte já cancelou a licença antes dessa data, peça o bloqueio pelo e-mail "
            f"{channels.conta_pj_email} ou pelo WhatsApp {channels.whatsapp_display}.",
        ),
        dates={"block_from": access_ends},
        rules=(refs.BLOCK_CONTA_PJ,),
        key_date=("Bloqueio a partir de", access_ends),
    )
