"""Readable text out of Markdown, and the short excerpt with the matched words marked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from itertools import accumulate, compress, count

from helpdesk.search.synonyms import Synonyms
from helpdesk.search.text import WORD_PATTERN, Analyzer

SNIPPET_LENGTH = 160
"""Characters shown around the matches."""
ELLIPSIS = "…"

# Only the marks that would show up as noise in a one-line excerpt are taken out; a full
# Markdown parse per result would cost more than the whole search. Links keep their text,
# images and HTML tags go, container fences (":::") and heading/list/quote markers go. Each
# pattern comes with the pieces of text it cannot match without one of: most sections have no
# table, fence or link, and looking for a literal costs far less than running the pattern.
_MARKUP: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),
    (re.compile(r"<[^>\n]+>"), " ", ("<",)),
    (re.compile(r"^\s*:::.*$", re.MULTILINE), " ", (":::",)),
    (re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE), " ", ("---",)),
    (re.compile(r"^\s*\|(.*?)\|?\s*$", re.MULTILINE), r"\1", ("|",)),
    (re.compile(r"\s*\|\s*"), " · ", ("|",)),
    (re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), "", ("",)),
    (re.compile(r"(\*\*|__|`|~~|\*)"), "", ("*", "__", "`", "~~")),
)


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def searchable_text(markdown: str) -> str:
    """Markdown as the index reads it: link addresses (``form:cancel``, ``https://…``) left out.

    Everything else is punctuation to the tokenizer already, so one cheap pass is enough.
    """
    return _LINK_TARGET.sub("]", markdown)


def plain_text(markdown: str) -> str:
    """One line of readable text from Markdown (NFC, so offsets match the folded text)."""
    text = unicodedata.normalize("NFC", markdown)
    for pattern, replacement, needed in _MARKUP:
        if any(piece in text for piece in needed):
            text = pattern.sub(replacement, text)
    return " ".join(text.split())


_WORDS_AND_GAPS = re.compile(f"({WORD_PATTERN.pattern})")
"""Splits a text into gap, word, gap, word, …, gap (the words are ``WORD_PATTERN``'s)."""


def highlight_spans(
    text: str,
    stems: Collection[str],
    tags: Collection[str],
    synonyms: Synonyms,
    analyzer: Analyzer,
) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` that match the query, synonyms included, merged.

    Offsets are those of the NFC text (``plain_text`` gives NFC already). Folding keeps a
    word's length and never turns a letter into a separator, so the words are found in the
    text as written and only each distinct word is folded (``Analyzer.written_stems``).
    """
    pieces = _WORDS_AND_GAPS.split(unicodedata.normalize("NFC", text))
    # Each word's stem, or "" for a stopword.
    word_stems = list(map(analyzer.written_stems.__getitem__, pieces[1::2]))
    hits = [(i, i) for i in compress(count(), map(stems.__contains__, word_stems))]
    if tags:
        kept = list(compress(count(), word_stems))
        sequence = [word_stems[i] for i in kept]
        hits += [(kept[a], kept[b - 1]) for a, b, tag in synonyms.matches(sequence) if tag in tags]
    if not hits:
        return []
    # Word ``i`` is ``pieces[2i + 1]``: it starts where the pieces before it end.
    ends = list(accumulate(map(len, pieces)))
    return _merge([(ends[2 * a], ends[2 * b + 1]) for a, b in hits])


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(
    text: str, spans: list[tuple[int, int]], length: int = SNIPPET_LENGTH
) -> tuple[str, list[tuple[int, int]]]:
    """The window of ``text`` holding the most matches, and the matches' offsets inside it."""
    if len(text) <= length:
        return text, spans
    start = 0
    if spans:
        best = max(
            range(len(spans)),
            key=lambda i: sum(1 for s in spans[i:] if s[1] <= spans[i][0] + length - 20),
        )
        start = max(0, spans[best][0] - 30)
        start = min(start, len(text) - length)
        if start > 0 and text[start - 1] != " ":
            # Begin on a word: step back to its start, or forward past it when it is long.
            space = text.rfind(" ", 0, start)
            if space >= 0 and start - space < 20:
                start = space + 1
            else:
                start = min(text.find(" ", start) + 1 or start, spans[best][0])
    while start < len(text) and text[start] == " ":
        start += 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end].rstrip() + suffix, inside
