"""The policy object: the figures of the Plano Exclusivo articles, kept in one place."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import time
from pathlib import Path

from helpdesk import evaluators, request_kinds, rule_refs
from helpdesk.catalog import articles_root, load_catalog
from helpdesk.outcome import RuleRef
from helpdesk.policy import POLICY

CORE = Path(__file__).resolve().parent.parent / "helpdesk"
# Portuguese ways of writing the figures in text a person reads.
RESTATED = re.compile(
    r"\b\d+ (?:dias|meses)\b|\b\d{1,2}h(?:\d{2})?\b|\b(?:19|0?4|0?5):00\b|3512|contapj@",
    re.IGNORECASE,
)


def test_policy_states_the_figures_of_the_article() -> None:
    """7 days to regret, 30 days' notice, 90 days of retention, 19h–04h slots, 05h–19h block."""
    assert (POLICY.withdrawal_days, POLICY.notice_days, POLICY.retention_days) == (7, 30, 90)
    assert POLICY.default_cycle_months == 12
    assert (POLICY.backup_slot_start, POLICY.backup_slot_end) == (time(19, 0), time(4, 0))
    assert (POLICY.download_blocked_from, POLICY.download_blocked_until) == (time(5), time(19))
    assert POLICY.optional_days_are_holidays is False
    assert POLICY.channels.whatsapp_display == "+55 (47) 3512-0770"
    assert POLICY.channels.conta_pj_email == "contapj@contaazul.com"


def test_whatsapp_digits_match_the_displayed_number() -> None:
    """The wa.me number is the displayed one without punctuation."""
    digits = re.sub(r"\D", "", POLICY.channels.whatsapp_display)
    assert digits == POLICY.channels.whatsapp_digits


def test_placeholders_format_the_figures_for_text() -> None:
    """Hours as Brazilian text writes them; every value is non-empty."""
    p = POLICY.placeholders()
    assert p["withdrawal_days"] == str(POLICY.withdrawal_days)
    assert p["backup_slot_start"] == "19h" and p["backup_slot_end"] == "04h"
    assert p["download_blocked_from"] == "05h" and p["download_blocked_until"] == "19h"
    assert all(p.values())
    assert replace(POLICY, backup_slot_start=time(19, 30)).placeholders()["backup_slot_start"] == (
        "19h30"
    )


def test_rule_references_quote_the_policy() -> None:
    """The sentences the outcome panel cites use the policy's figures."""
    p = POLICY.placeholders()
    assert f"{p['withdrawal_days']} dias" in rule_refs.WITHDRAWAL.text
    assert f"{p['notice_days']} dias" in rule_refs.NOTICE.text
    assert f"{p['retention_days']} dias" in rule_refs.RETENTION.text
    assert p["backup_slot_start"] in rule_refs.BACKUP_SLOT.text


def test_every_rule_reference_names_an_article_section() -> None:
    """Each rule the outcome panel cites links to a section that exists in the shipped articles."""
    catalog = load_catalog(articles_root())
    # A kind's own rule may be declared beside its evaluator or its declaration.
    refs = [
        value
        for module in (rule_refs, evaluators, request_kinds)
        for value in vars(module).values()
        if isinstance(value, RuleRef)
    ]
    # The references each kind declares it cites, whatever module they came from.
    refs += [ref for kind in request_kinds.KINDS.values() for ref in kind.rule_refs]
    assert len(refs) >= len(rule_refs.ALL)
    for ref in refs:
        article = catalog.articles.get(ref.article_id)
        assert article is not None, f"{ref.href}: no article {ref.article_id!r}"
        assert ref.anchor, f"{ref.href}: names no section"
        assert article.heading(ref.anchor) is not None, f"{ref.href}: no section {ref.anchor!r}"


def _text_literals(path: Path) -> list[tuple[int, str]]:
    """String literals of a module that are not docstrings (docstrings may cite a rule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_core_module_restates_a_figure() -> None:
    """Outside policy.py, no text in the core writes "30 dias", "19h", the phone or the e-mail."""
    found = [
        f"{path.relative_to(CORE.parent)}:{line}: {text[:60]!r}"
        for path in sorted(CORE.rglob("*.py"))
        if path.name != "policy.py"
        for line, text in _text_literals(path)
        if RESTATED.search(text)
    ]
    assert found == []


def test_the_longest_cycle_lives_in_the_policy() -> None:
    assert POLICY.max_cycle_months >= POLICY.default_cycle_months
