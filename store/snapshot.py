"""The snapshot file: plain TinyDB JSON, laid out one document per line so it can be read lazily.

Layout (still one valid JSON object, readable by TinyDB's own ``JSONStorage``)::

    {"_storage": {"1": {"nonce": "…", "format": 1, "crc": 123}},
    "requests": {
    "1": {…},
    "2": {…}
    },
    "request_details": {…}
    }

``json.dumps`` never writes a raw newline (it escapes ``\\n`` inside strings), so every document is
exactly one line. The first line carries a CRC-32 of everything after it: the whole file is checked
at load, but the documents of *lazy* tables (the large, rarely read request details) are only
decoded when something reads them. Opening a file of 10,000 requests then parses the small
summaries only, and a compaction copies the untouched details' bytes without re-encoding them.

A file without this header (written by plain TinyDB or edited by hand) is parsed whole.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from store.errors import DamagedDatabase

SNAPSHOT_KEY = "_storage"
"""Top-level key reserved for the snapshot header (hidden from TinyDB's view of the tables)."""
FORMAT = 1
_HEADER_PREFIX = b'{"' + SNAPSHOT_KEY.encode() + b'": '

Doc = dict[str, Any]


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON (never contains a raw newline)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _body(line: bytes) -> bytes:
    """The document part of a snapshot line ``"<id>": <document>[,]``."""
    return line[line.index(b'": ') + 3 :].rstrip(b",")


class LazyTable(MutableMapping[str, Doc]):
    """A table whose documents stay as their snapshot line until first read (then decoded)."""

    def __init__(self, items: dict[str, bytes | Doc] | None = None) -> None:
        self._items: dict[str, bytes | Doc] = items if items is not None else {}
        self.check: Callable[[str, Any], None] | None = None
        """Called with each document as it is decoded (raises if its shape is wrong)."""

    def __getitem__(self, key: str) -> Doc:
        value = self._items[key]
        if isinstance(value, bytes):
            value = json.loads(_body(value))
            if self.check is not None:
                self.check(key, value)
            self._items[key] = value
        return value

    def __setitem__(self, key: str, value: Doc) -> None:
        self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def encoded(self, key: str) -> bytes:
        """The document as compact JSON, reusing the bytes read from disk when untouched."""
        value = self._items[key]
        return _body(value) if isinstance(value, bytes) else dumps(value)


def encode(tables: Mapping[str, Mapping[str, Doc]], nonce: str) -> bytes:
    """The bytes of a snapshot holding ``tables``."""
    parts = []
    for name, table in tables.items():
        if not table:
            parts.append(dumps(name) + b": {}")
            continue
        lines = []
        for doc_id, doc in table.items() if not isinstance(table, LazyTable) else _lazy(table):
            body = doc if isinstance(doc, bytes) else dumps(doc)
            lines.append(dumps(doc_id) + b": " + body)
        parts.append(dumps(name) + b": {\n" + b",\n".join(lines) + b"\n}")
    body = b",\n".join(parts) + b"\n}\n" if parts else b"}\n"
    header = {"1": {"nonce": nonce, "format": FORMAT, "crc": zlib.crc32(body)}}
    return _HEADER_PREFIX + dumps(header) + (b",\n" if parts else b"\n") + body


def _lazy(table: LazyTable) -> Iterator[tuple[str, bytes]]:
    """A lazy table's documents as bytes."""
    for doc_id in table:
        yield doc_id, table.encoded(doc_id)


def decode(
    data: bytes, path: Path, lazy: frozenset[str]
) -> tuple[dict[str, MutableMapping[str, Doc]], str | None]:
    """The tables and nonce of a snapshot; DamagedDatabase rather than a guess."""
    if not data or data.isspace():
        return {}, None
    if data.startswith(_HEADER_PREFIX):
        newline = data.find(b"\n")
        header = _header(data[len(_HEADER_PREFIX) : newline].rstrip(b","))
        if header is not None:
            if zlib.crc32(memoryview(data)[newline + 1 :]) != header.get("crc"):
                raise DamagedDatabase(path, "soma de verificação não confere")
            try:
                return _decode_lines(data.split(b"\n")[1:], lazy), str(header["nonce"])
            except (ValueError, KeyError) as error:
                raise DamagedDatabase(path, "estrutura inesperada") from error
    return _decode_whole(data, path)


def _header(raw: bytes) -> dict[str, Any] | None:
    """The header document of the first line, or None if it is not one."""
    try:
        header = json.loads(raw).get("1")
    except (ValueError, AttributeError):
        return None
    if isinstance(header, dict) and header.get("format") == FORMAT and "crc" in header:
        return header
    return None


def _decode_lines(lines: list[bytes], lazy: frozenset[str]) -> dict[str, MutableMapping[str, Doc]]:
    """Tables of a checked, line-per-document snapshot body."""
    tables: dict[str, MutableMapping[str, Doc]] = {}
    name: str | None = None
    ids: list[str] = []
    bodies: list[bytes] = []
    for line in lines:
        if name is None:
            if not line or line == b"}":
                continue
            key, _, opening = line.rstrip(b",").partition(b": ")
            name = json.loads(key)
            if opening == b"{}":
                tables[name] = LazyTable() if name in lazy else {}
                name = None
            elif opening != b"{":
                raise ValueError("tabela malformada")
            continue
        if line.startswith(b"}"):
            if name in lazy:
                tables[name] = LazyTable(dict(zip(ids, bodies, strict=True)))
            else:
                docs = json.loads(b"[" + b",".join(map(_body, bodies)) + b"]")
                tables[name] = dict(zip(ids, docs, strict=True))
            name, ids, bodies = None, [], []
            continue
        ids.append(line[1 : line.index(b'"', 1)].decode("ascii"))
        bodies.append(line)
    if name is not None:
        raise ValueError("tabela sem fim")
    return tables


def _decode_whole(
    data: bytes, path: Path
) -> tuple[dict[str, MutableMapping[str, Doc]], str | None]:
    """A snapshot without the line layout (plain TinyDB), parsed and checked whole."""
    try:
        decoded = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise DamagedDatabase(path, "conteúdo não é JSON válido") from error
    if not isinstance(decoded, dict):
        raise DamagedDatabase(path, "estrutura inesperada")
    for name, table in decoded.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedDatabase(path, f"tabela {name!r} com estrutura inesperada")
        if not all(key.isdigit() for key in table):
            raise DamagedDatabase(path, f"tabela {name!r} com identificadores inválidos")
    header = decoded.pop(SNAPSHOT_KEY, {}).get("1", {})
    nonce = header.get("nonce")
    return decoded, str(nonce) if nonce else None
