"""Synonym groups: loading the data file, and matching phrases on stems."""

from __future__ import annotations

from pathlib import Path

from helpdesk.search import build_synonyms, load_synonyms
from helpdesk.search.text import analyze


def test_shipped_file_loads_without_warnings() -> None:
    """The synonyms file shipped with the articles is valid and covers the refund words."""
    synonyms = load_synonyms()
    assert not synonyms.warnings
    tags = {tag for _, _, tag in synonyms.matches(analyze("quero meu dinheiro de volta"))}
    assert tags & {tag for _, _, tag in synonyms.matches(analyze("reembolso"))}


def test_multi_word_phrase_matches_on_stems() -> None:
    """'dinheiro de volta' matches whatever the stopwords and accents around it."""
    synonyms = build_synonyms([["estorno", "dinheiro de volta"]])
    assert synonyms.matches(analyze("Quero o DINHEIRO de volta")) == [(0, 2, "~estorno")]
    assert synonyms.matches(analyze("dinheiro sem volta")) == [(0, 2, "~estorno")]
    assert synonyms.matches(analyze("volta do dinheiro")) == []


def test_tag_counts_do_not_double_count_overlaps() -> None:
    """'cópia de segurança' is one mention of the backup group, not two."""
    synonyms = build_synonyms([["backup", "cópia", "cópia de segurança"]])
    stems = analyze("Faça uma cópia de segurança e outra cópia")
    counts = {s: stems.count(s) for s in stems}
    synonyms.add_tags(stems, counts)
    assert {k: v for k, v in counts.items() if k.startswith("~")} == {"~backup": 2}


def test_broken_file_gives_warning_not_crash(tmp_path: Path) -> None:
    """A file that is not TOML is reported and ignored."""
    path = tmp_path / "synonyms.toml"
    path.write_text("[[group]\nterms = [", encoding="utf-8")
    synonyms = load_synonyms(path)
    assert synonyms.groups == ()
    assert synonyms.warnings and "sinônimos ignorados" in synonyms.warnings[0]


def test_bad_group_is_skipped_with_warning(tmp_path: Path) -> None:
    """A group without a list of terms is named in a warning; the others still load."""
    path = tmp_path / "synonyms.toml"
    path.write_text(
        '[[group]]\nterms = "estorno"\n\n[[group]]\nterms = ["backup", "cópia"]\n', encoding="utf-8"
    )
    synonyms = load_synonyms(path)
    assert [g.tag for g in synonyms.groups] == ["~backup"]
    assert "grupo 1" in synonyms.warnings[0]
