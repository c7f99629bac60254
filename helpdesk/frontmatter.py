"""Front matter of an article: a TOML block between ``+++`` lines at the top of the file.

TOML (read with the standard library's ``tomllib``) gives typed values for free — dates, lists,
integers — so no YAML dependency is needed and a wrong type is an error, not a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

FENCE = "+++"
"""The line that opens and closes the front matter block."""

_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid TOML; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class FrontMatter:
    """The parsed block, the file line of each top-level key, and the Markdown body after it."""

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    """File line (1-based) where the body starts, to turn body line numbers into file lines."""

    def line_of(self, key: str) -> int:
        """File line of ``key``, or of the opening fence when the key is absent."""
        return self.key_lines.get(key, 1)


def parse_front_matter(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body; raises FrontMatterError when malformed."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(f"o arquivo deve começar com uma linha '{FENCE}' (front matter)", 1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            closing = index
            break
    else:
        raise FrontMatterError(f"front matter sem a linha '{FENCE}' de fechamento", 1)
    block = "".join(lines[1:closing])
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        # tomllib reports "(at line N, column M)" relative to the block.
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) + 1 if match else 1
        raise FrontMatterError(f"front matter inválido: {error}", line) from None
    key_lines: dict[str, int] = {}
    for offset, line_text in enumerate(lines[1:closing], start=2):
        match = _KEY_LINE.match(line_text)
        if match and match.group(1) not in key_lines:
            key_lines[match.group(1)] = offset
    return FrontMatter(
        data=data,
        key_lines=key_lines,
        body="".join(lines[closing + 1 :]),
        body_line=closing + 2,
    )
