"""Synonym groups kept as data next to the articles (``articles/synonyms.toml``), matched on stems.

Each group gets a tag term (``~estorno``). Wherever a phrase of the group shows up — in an article
while indexing, or in a query — the tag is counted as if it were a word. So "dinheiro de volta" in a
query meets "reembolso" in an article through one posting list, with no query-time expansion into
every alternative.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import compress, count
from pathlib import Path

from helpdesk.search.text import analyze, fold, words

_Phrase = tuple[str, frozenset[str], str, str]
"""A multi-word phrase as indexing looks for it: its second word, the words after that, the
whole phrase spaced (see ``add_tags``), and its tag."""

TAG_PREFIX = "~"
"""Marks a synonym-group tag among the index terms (no analysed word can start with it)."""

SYNONYMS_FILE = "synonyms.toml"
"""Name of the synonyms file inside the articles folder."""


@dataclass(frozen=True)
class SynonymGroup:
    """Words and phrases that mean the same thing to a person searching."""

    tag: str
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]


@dataclass
class Synonyms:
    """All synonym groups, indexed by the first stem of each phrase for quick matching."""

    groups: tuple[SynonymGroup, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for group in self.groups:
            for phrase in group.phrases:
                self._by_first.setdefault(phrase[0], []).append((phrase, group.tag))
        self._groups_by_tag = {g.tag: g for g in self.groups}
        # For indexing, each stem a phrase starts with → (the tags of its one-word phrases, the
        # multi-word phrases worth counting). A multi-word phrase whose group also holds one of
        # its words alone ("cópia" and "cópia de segurança") is already counted through it.
        single = {
            first: tuple(tag for phrase, tag in entries if len(phrase) == 1)
            for first, entries in self._by_first.items()
        }
        self._at_first: dict[str, tuple[tuple[str, ...], tuple[_Phrase, ...]]] = {}
        for first, entries in self._by_first.items():
            phrases = tuple(
                (phrase[1], frozenset(phrase[2:]), f" {'  '.join(phrase)} ", tag)
                for phrase, tag in entries
                if len(phrase) > 1 and not any(tag in single.get(w, ()) for w in phrase)
            )
            if single[first] or phrases:
                self._at_first[first] = (single[first], phrases)
        self._firsts = frozenset(self._at_first)

    @property
    def vocabulary(self) -> set[str]:
        """Folded words used by any phrase: typos of them can be corrected too."""
        return {w for g in self.groups for term in g.terms for w in words(term)}

    def tags_of(self, stem: str) -> set[str]:
        """Groups in which this stem alone is one of the phrases."""
        return {tag for phrase, tag in self._by_first.get(stem, ()) if len(phrase) == 1}

    def group(self, tag: str) -> SynonymGroup | None:
        """The group with this tag, if any."""
        return self._groups_by_tag.get(tag)

    def indexed_singles(self) -> dict[str, tuple[str, ...]]:
        """Stem → the tags it counts for on its own while indexing (what ``add_tags`` adds)."""
        return {first: tags for first, (tags, _) in self._at_first.items() if tags}

    def indexed_phrases(self) -> list[tuple[tuple[str, ...], str]]:
        """The multi-word phrases ``add_tags`` counts, as (stems, tag)."""
        return [
            (tuple(pattern.split()), tag)
            for _, phrases in self._at_first.values()
            for _, _, pattern, tag in phrases
        ]

    def matches(self, stems: Sequence[str]) -> list[tuple[int, int, str]]:
        """Every phrase found in a stem sequence, as ``(start, end, tag)``; overlaps allowed."""
        by_first = self._by_first
        # Most stems start no phrase: find the few that do in C before looking at phrases.
        starts = by_first.keys() & set(stems)
        if not starts:
            return []
        found: set[tuple[int, int, str]] = set()
        for i in compress(count(), map(starts.__contains__, stems)):
            for phrase, tag in by_first[stems[i]]:
                end = i + len(phrase)
                if tuple(stems[i:end]) == phrase:
                    found.add((i, end, tag))
        return sorted(found)

    def add_tags(self, runs: list[str], counts: dict[str, int]) -> None:
        """Count the groups found in a text into ``counts``, which holds its stems' counts.

        ``runs`` are the text's stems as ``Analyzer.runs`` gives them. Called for every
        field of every document, so it works from ``counts`` and, only when all the words of
        a multi-word phrase are there, searches the joined stems for it (in C) rather than
        walking the text in Python.
        """
        present = self._firsts.intersection(counts)
        if not present:
            return
        get = counts.get
        words = counts.keys()
        wanted: list[tuple[str, str]] = []
        for first in present:
            tags, phrases = self._at_first[first]
            found = counts[first]
            for tag in tags:
                counts[tag] = get(tag, 0) + found
            for second, others, pattern, tag in phrases:
                if second in counts and (not others or words >= others):
                    wanted.append((pattern, tag))
        if wanted:
            # Stems hold no spaces, so a phrase is a substring of the spaced-out stems. Two
            # spaces between stems, one around a phrase: each of two phrases in a row keeps a
            # space of its own on each side, so both are counted.
            text = f" {' '.join(runs)} ".replace(" ", "  ")
            for pattern, tag in wanted:
                found = text.count(pattern)
                if found:
                    counts[tag] = get(tag, 0) + found


def _tag_for(term: str) -> str:
    """The tag of a group named by its first term: ``~dinheiro_de_volta``."""
    return TAG_PREFIX + "_".join(fold(term).split())


def build_synonyms(groups: Iterable[Iterable[str]]) -> Synonyms:
    """Synonyms from lists of terms (the first term names the group)."""
    built = []
    for terms in groups:
        terms = tuple(terms)
        phrases = tuple(dict.fromkeys(p for p in (tuple(analyze(t)) for t in terms) if p))
        if phrases:
            built.append(SynonymGroup(_tag_for(terms[0]), terms, phrases))
    return Synonyms(tuple(built))


def load_synonyms(path: Path | None = None) -> Synonyms:
    """Read the synonyms file (the shipped one by default); a broken file gives a warning, not a crash."""
    try:
        if path is None:
            text = resources.files("articles").joinpath(SYNONYMS_FILE).read_text(encoding="utf-8")
            name = SYNONYMS_FILE
        else:
            text = path.read_text(encoding="utf-8")
            name = str(path)
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Synonyms(warnings=[f"{SYNONYMS_FILE}: sinônimos ignorados ({error})"])
    groups: list[list[str]] = []
    warnings = []
    for number, entry in enumerate(data.get("group", []), start=1):
        terms = entry.get("terms") if isinstance(entry, dict) else None
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms) or not terms:
            warnings.append(
                f"{name}: grupo {number} ignorado: 'terms' deve ser uma lista de textos"
            )
            continue
        groups.append(terms)
    synonyms = build_synonyms(groups)
    synonyms.warnings.extend(warnings)
    return synonyms
