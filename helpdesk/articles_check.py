"""``helpdesk articles check``: every problem of an articles folder, as ``file:line: message``.

Checks the catalog file, the place of each article, its front matter (fields present and typed,
unique ids, known related ids and actions), placeholders, callout markers, rule figures written by
hand instead of placeholders, and that every link leads somewhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from helpdesk.catalog import (
    CATALOG_FILE,
    REQUIRED_FIELDS,
    Article,
    BrokenLink,
    Catalog,
    Category,
    Section,
    article_files,
    build_article,
    field_problems,
    has_kind,
    locate,
    read_structure,
)
from helpdesk.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from helpdesk.markdown import CALLOUT_TITLES, PLACEHOLDER, iter_links, markdown_problem_line
from helpdesk.policy import POLICY, Policy

_MARKER = re.compile(r"^ {0,3}(:{3,})\s*(\S*)")
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DAYS = re.compile(r"\b(\d+)\s*(?:\(\w+\)\s*)?(dias?|meses|mês)\b", re.IGNORECASE)
_SPELLED = re.compile(r"(?<!\()\b(sete|trinta|noventa|doze)\b\)?\s*(dias?|meses)\b", re.IGNORECASE)
_HOUR = re.compile(r"\b(\d{1,2})(?:h(\d{2})?|:(\d{2}))(?![\w/])")
_HOUR_FIELDS = (
    "backup_slot_start",
    "backup_slot_end",
    "download_blocked_from",
    "download_blocked_until",
)
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, located by file and 1-based line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        """``file:line: message``, the form editors and terminals can jump to."""
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Report:
    """The outcome of a check: problems found and how many article files were looked at."""

    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check_articles(root: Path, policy: Policy = POLICY) -> Report:
    """Check every article under ``root``; never raises on bad content."""
    report = Report()
    structure = _check_structure(root, report)
    if structure is None:
        return report
    catalog = Catalog(structure=structure)
    fronts: dict[str, FrontMatter] = {}
    first_path: dict[str, Path] = {}
    for path in article_files(root):
        report.checked += 1
        article, front = _check_file(root, path, structure, policy, report)
        if article is None or front is None:
            continue
        if article.id in first_path:
            report.problems.append(
                Problem(
                    path,
                    front.line_of("id"),
                    f"id {article.id!r} repetido (já usado em {first_path[article.id]})",
                )
            )
            continue
        first_path[article.id] = path
        fronts[article.id] = front
        catalog.articles[article.id] = article
    for article in catalog.articles.values():
        _check_references(catalog, article, fronts[article.id], report)
    report.problems.sort()
    return report


def _check_structure(root: Path, report: Report) -> list[Category] | None:
    """Read ``catalog.toml``; report and return None when it cannot be used."""
    path = root / CATALOG_FILE
    if not root.is_dir():
        report.problems.append(Problem(root, 1, "pasta de artigos não encontrada"))
        return None
    try:
        structure = read_structure(root)
    except OSError:
        report.problems.append(Problem(path, 1, "arquivo de categorias não encontrado"))
        return None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        report.problems.append(Problem(path, int(match.group(1)) if match else 1, str(error)))
        return None
    except (KeyError, TypeError, AttributeError) as error:
        report.problems.append(Problem(path, 1, f"categoria ou seção sem id/title: {error}"))
        return None
    seen: set[str] = set()
    for category in structure:
        for key in [category.id, *(f"{category.id}/{s.id}" for s in category.sections)]:
            if key in seen:
                report.problems.append(Problem(path, 1, f"categoria ou seção repetida: {key}"))
            seen.add(key)
    return structure


def _check_file(
    root: Path, path: Path, structure: list[Category], policy: Policy, report: Report
) -> tuple[Article | None, FrontMatter | None]:
    """Check one file on its own; the article when it can be built, for the link pass."""
    problems = report.problems
    place = locate(root, path, structure)
    try:
        text = path.read_text(encoding="utf-8")
        front = parse_front_matter(text)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(path, 1, f"não foi possível ler: {error}"))
        return None, None
    except FrontMatterError as error:
        problems.append(Problem(path, error.line, error.message))
        return None, None
    if isinstance(place, str):
        problems.append(Problem(path, 1, place))
    fields = field_problems(front)
    problems.extend(Problem(path, line, message) for line, message in fields)
    if isinstance(place, tuple) and front.data.get("section") not in (None, place[1].id):
        problems.append(
            Problem(
                path,
                front.line_of("section"),
                f"section {front.data['section']!r} difere da pasta {place[1].id!r}",
            )
        )
    values = policy.placeholders()
    for name in ("title", "summary"):
        if isinstance(front.data.get(name), str):
            for message in _text_problems(front.data[name], values, policy):
                problems.append(Problem(path, front.line_of(name), message))
    _check_body(path, front, values, policy, report)
    bad_line = markdown_problem_line(front.body)
    if bad_line is not None:
        problems.append(
            Problem(
                path,
                front.body_line + bad_line - 1,
                "o Markdown a partir desta linha não pode ser interpretado (um destaque ':::' "
                "dentro de citação ou lista?); o artigo seria mostrado sem os destaques",
            )
        )
    # Build the article even when fields are wrong, so its links are checked in the same run.
    category, section = place if isinstance(place, tuple) else (Category("", ""), Section("", ""))
    lenient = FrontMatter(_lenient(front.data, path), front.key_lines, front.body, front.body_line)
    return build_article(path, lenient, category, section, policy), front


def _lenient(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Front matter with each invalid required field replaced by a neutral value."""
    fixed = dict(data)
    for name, kind in REQUIRED_FIELDS.items():
        if not has_kind(data.get(name), kind):
            neutral: Any = {"text": "", "list": [], "date": date.min}[kind]
            fixed[name] = path.stem if name == "id" else neutral
    if not isinstance(fixed.get("order", 0), int):
        fixed["order"] = 0
    return fixed


def _check_body(
    path: Path, front: FrontMatter, values: dict[str, str], policy: Policy, report: Report
) -> None:
    """Placeholders, hand-written rule figures and callout markers, line by line."""
    open_at: int | None = None
    fence: str | None = None
    for offset, line in enumerate(front.body.splitlines()):
        number = front.body_line + offset
        code = _CODE_FENCE.match(line)
        if code:
            fence = None if fence and code.group(1)[0] == fence[0] else (fence or code.group(1))
            continue
        if fence:
            continue
        for message in _text_problems(line, values, policy):
            report.problems.append(Problem(path, number, message))
        marker = _MARKER.match(line)
        if not marker:
            continue
        kind = marker.group(2)
        if not kind:
            if open_at is None:
                report.problems.append(Problem(path, number, "':::' fecha um destaque não aberto"))
            open_at = None
            continue
        if kind not in CALLOUT_TITLES:
            known = ", ".join(CALLOUT_TITLES)
            report.problems.append(
                Problem(path, number, f"tipo de destaque desconhecido {kind!r} (use {known})")
            )
        if open_at is not None:
            report.problems.append(
                Problem(path, open_at, "destaque aberto aqui não foi fechado com ':::'")
            )
        open_at = number
    if open_at is not None:
        report.problems.append(
            Problem(path, open_at, "destaque aberto aqui não foi fechado com ':::'")
        )


def _text_problems(text: str, values: dict[str, str], policy: Policy) -> list[str]:
    """Problems of one line of text: unknown or malformed placeholders, rule figures by hand."""
    messages = []
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in values:
            messages.append(f"placeholder desconhecido {{{{{match.group(1)}}}}}")
    bare = PLACEHOLDER.sub("", text)
    if "{{" in bare or "}}" in bare:
        messages.append("placeholder malformado (use {{nome}})")
    messages.extend(_hand_written_figures(bare, policy))
    return messages


def _hand_written_figures(text: str, policy: Policy) -> list[str]:
    """Rule figures typed into the text: they must come from the policy as placeholders."""
    day_names = {
        policy.withdrawal_days: "withdrawal_days",
        policy.notice_days: "notice_days",
        policy.retention_days: "retention_days",
    }
    hours: dict[tuple[int, int], list[str]] = {}
    for field_name in _HOUR_FIELDS:
        moment = getattr(policy, field_name)
        hours.setdefault((moment.hour, moment.minute), []).append(f"{{{{{field_name}}}}}")
    messages = []
    for match in _DAYS.finditer(text):
        value, unit = int(match.group(1)), match.group(2).lower()
        name: str | None = day_names.get(value) if unit.startswith("dia") else None
        if unit.startswith("m") and value == policy.default_cycle_months:
            name = "default_cycle_months"
        if name:
            messages.append(f"prazo da regra escrito à mão {match.group(0)!r}: use {{{{{name}}}}}")
    for match in _SPELLED.finditer(text):
        messages.append(f"prazo da regra escrito por extenso {match.group(0)!r}: use o placeholder")
    for match in _HOUR.finditer(text):
        names = hours.get((int(match.group(1)), int(match.group(2) or match.group(3) or 0)))
        if names:
            hint = " ou ".join(names)
            messages.append(f"horário da regra escrito à mão {match.group(0)!r}: use {hint}")
    digits = policy.channels.whatsapp_digits
    for match in _PHONE.finditer(text):
        found = re.sub(r"\D", "", match.group(0))
        if len(found) >= 8 and (found in digits or digits.endswith(found[-8:])):
            messages.append(
                "telefone do suporte escrito à mão: use {{whatsapp}} ou {{whatsapp_digits}}"
            )
    if policy.channels.conta_pj_email in text:
        messages.append("e-mail da Conta PJ escrito à mão: use {{conta_pj_email}}")
    return messages


def _check_references(
    catalog: Catalog, article: Article, front: FrontMatter, report: Report
) -> None:
    """``related`` ids exist and every link in the body resolves."""
    for related in article.related:
        if related not in catalog.articles:
            report.problems.append(
                Problem(
                    article.path,
                    front.line_of("related"),
                    f"related: artigo inexistente {related!r}",
                )
            )
    for link in iter_links(article.body):
        target = catalog.resolve_link(link.href, article)
        if isinstance(target, BrokenLink):
            report.problems.append(
                Problem(
                    article.path, front.body_line + link.line - 1, f"link quebrado: {target.reason}"
                )
            )
