"""The snapshot file: plain TinyDB JSON, one document per line, read only where it is needed.

Layout (still one valid JSON object, readable by TinyDB's own ``JSONStorage``)::

    {"_storage": {"1": {"nonce": "…", "format": 2, "block": 32768, "crcs": […],
                        "tables": {"requests": [start, end, count, max id], …},
                        "indexes": {"requests": {"protocol": [start, end], …}}, "hcrc": …}},
    "meta": {
    "1": {…}
    },
    "requests": {
    "1": {…},
    "2": {…}
    },
    "_index:requests:protocol": {
    "HD-2026-000001": ["1"]
    }
    }

``json.dumps`` never writes a raw newline (it escapes ``\\n`` inside strings), so every document is
exactly one line. The first line (the header, itself checksummed) says where each table's lines
are, as offsets into the body (everything after the first line), and carries a CRC-32 of every
``block``-sized piece of the body. A piece is checked the first time anything in it is read, so
damage anywhere is still reported before any of it is used, yet a process only reads what it uses.

Why. A submit needs the counters, the lote and two lookups (is an open request of this kind
already there? which document has this protocol?), never the history. So the *lazy* tables (the
requests and their details) are not read at all when the file is opened: their lines are sorted
by id, so one document is found by binary search over the memory-mapped file, and each lazy table
is followed by its *persisted indexes* (one line per key, sorted by key: the ids that have it),
which the storage searches the same way. Opening a file of 50,000 requests then costs the same as
one of 100. A compaction writes the indexes afresh and copies the untouched lazy lines' bytes
without re-encoding them.

Format 1 (one CRC of the whole body, documents in insertion order) and files without the header
(written by plain TinyDB or edited by hand) are still read, whole; the next compaction rewrites
them in format 2.
"""

from __future__ import annotations

import json
import mmap
import zlib
from collections.abc import Callable, Hashable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from store.errors import DamagedDatabase

SNAPSHOT_KEY = "_storage"
"""Top-level key reserved for the snapshot header (hidden from TinyDB's view of the tables)."""
INDEX_PREFIX = "_index:"
"""Top-level keys of the persisted indexes (``_index:<table>:<index>``; not tables)."""
FORMAT = 2
BLOCK = 1 << 15
"""Bytes of body per checksum: what a lookup reads beyond the lines it needs."""
_HEADER_PREFIX = b'{"' + SNAPSHOT_KEY.encode() + b'": '

Doc = dict[str, Any]
IndexKey = Callable[[Mapping[str, Any]], Hashable]
Buffer = bytes | mmap.mmap


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON (never contains a raw newline)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def key_text(value: Hashable) -> str:
    """How an index key is written in the file (and compared when searching it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _body(line: bytes) -> bytes:
    """The document part of a snapshot line ``"<id>": <document>[,]``."""
    return line[line.index(b'": ') + 3 :].rstrip(b",")


# ------------------------------------------------------------------------------ reading a body


class Body:
    """The body of a format-2 snapshot: its bytes (mapped) and the checksum of each block."""

    def __init__(self, buffer: Buffer, start: int, block: int, crcs: list[int], path: Path) -> None:
        self.buffer = buffer
        self.start = start
        self.block = block
        self.crcs = crcs
        self.path = path
        self._checked: set[int] = set()

    def check(self, start: int, end: int) -> None:
        """Verify every block holding body bytes ``[start, end)``; DamagedDatabase if one fails."""
        if end <= start:
            return
        for number in range(start // self.block, (end - 1) // self.block + 1):
            if number in self._checked:
                continue
            if number >= len(self.crcs):
                raise DamagedDatabase(self.path, "arquivo menor do que o registrado")
            low = self.start + number * self.block
            piece = self.buffer[low : low + self.block]
            if zlib.crc32(piece) != self.crcs[number]:
                raise DamagedDatabase(self.path, "soma de verificação não confere")
            self._checked.add(number)

    def check_all(self) -> None:
        """Verify every block (and that nothing follows the last one)."""
        size = len(self.buffer) - self.start
        if (size + self.block - 1) // self.block != len(self.crcs):
            raise DamagedDatabase(self.path, "tamanho do arquivo não confere")
        self.check(0, size)

    def read(self, start: int, end: int) -> bytes:
        """Body bytes ``[start, end)``, checked."""
        self.check(start, end)
        return bytes(self.buffer[self.start + start : self.start + end])

    def line_around(self, position: int, low: int, high: int) -> tuple[int, int]:
        """``(start, end)`` of the line holding ``position`` within ``[low, high)`` (newline excluded)."""
        found = self.buffer.rfind(b"\n", self.start + low, self.start + position)
        start = low if found < 0 else found - self.start + 1
        found = self.buffer.find(b"\n", self.start + position, self.start + high)
        end = high if found < 0 else found - self.start
        return start, end

    def search(self, low: int, high: int, target: Any, key: Callable[[bytes], Any]) -> bytes | None:
        """The line of ``[low, high)`` whose ``key`` is ``target`` (lines sorted by key), checked."""
        while low < high:
            start, end = self.line_around((low + high) // 2, low, high)
            line = self.read(start, end)
            try:
                found = key(line)
            except (ValueError, IndexError) as error:
                raise DamagedDatabase(self.path, "estrutura inesperada") from error
            if found == target:
                return line
            if found < target:
                low = end + 1
            else:
                high = start
        return None


def _line_id(line: bytes) -> int:
    """The numeric id a document line starts with."""
    return int(line[1 : line.index(b'"', 1)])


_DECODER = json.JSONDecoder()
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


def _line_key(line: bytes) -> str:
    """The key (a JSON string) an index line starts with."""
    key, _ = _DECODER.raw_decode(line.decode("utf-8"))
    if not isinstance(key, str):
        raise ValueError("chave de índice inválida")
    return key


class Section:
    """The lines of one lazy table in a format-2 body (sorted by id), and its persisted indexes."""

    def __init__(
        self,
        body: Body,
        span: tuple[int, int],
        max_id: int,
        indexes: Mapping[str, tuple[int, int]],
    ) -> None:
        self.body = body
        self.span = span
        self.max_id = max_id
        self.indexes = dict(indexes)

    def find(self, doc_id: str) -> bytes | None:
        """The line of document ``doc_id``, or None."""
        if not doc_id.isdigit():
            return None
        return self.body.search(*self.span, int(doc_id), _line_id)

    def lines(self) -> list[bytes]:
        """Every document line, in order, checked."""
        data = self.body.read(*self.span)
        return data.split(b"\n")[:-1] if data else []

    def lookup(self, index: str, value: Hashable) -> list[str] | None:
        """Ids the persisted index ``index`` lists for ``value`` (None: no such index)."""
        span = self.indexes.get(index)
        if span is None:
            return None
        line = self.body.search(*span, key_text(value), _line_key)
        if line is None:
            return []
        try:
            ids = json.loads(_body(line))
        except ValueError as error:
            raise DamagedDatabase(self.body.path, "índice malformado") from error
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise DamagedDatabase(self.body.path, "índice malformado")
        return ids


# ------------------------------------------------------------------------------ lazy tables


class LazyTable(MutableMapping[str, Doc]):
    """A table read document by document: from its snapshot lines on demand, decoded when read.

    ``changed`` holds the ids set or deleted since the snapshot was read: the persisted indexes
    describe the snapshot, so a lookup trusts them for every other id (``JournalStorage.lookup``).
    """

    def __init__(
        self, items: dict[str, bytes | Doc] | None = None, section: Section | None = None
    ) -> None:
        self._items: dict[str, bytes | Doc] = items if items is not None else {}
        self._section = section
        self._gone: set[str] = set()
        self.changed: set[str] = set()
        self.check: Callable[[str, Any], None] | None = None
        """Called with each document as it is decoded (raises if its shape is wrong)."""

    @property
    def section(self) -> Section | None:
        """The snapshot lines not listed in memory yet (None once every id is listed)."""
        return self._section

    def _raw(self, key: str) -> bytes | Doc | None:
        """The stored line or decoded document of ``key``, or None."""
        value = self._items.get(key)
        if value is None and self._section is not None and key not in self._gone:
            value = self._section.find(key)
            if value is not None:
                self._items[key] = value
        return value

    def _decode(self, key: str, value: bytes) -> Doc:
        """A line's document, checked and kept decoded."""
        try:
            doc = json.loads(_body(value))
        except ValueError as error:
            path = self._section.body.path if self._section else Path("?")
            raise DamagedDatabase(path, "documento malformado") from error
        if self.check is not None:
            self.check(key, doc)
        self._items[key] = doc
        return doc

    def __getitem__(self, key: str) -> Doc:
        value = self._raw(key)
        if value is None:
            raise KeyError(key)
        return self._decode(key, value) if isinstance(value, bytes) else value

    def __setitem__(self, key: str, value: Doc) -> None:
        self._items[key] = value
        self._gone.discard(key)
        self.changed.add(key)

    def __delitem__(self, key: str) -> None:
        if self._raw(key) is None:
            raise KeyError(key)
        del self._items[key]
        if self._section is not None:
            self._gone.add(key)
        self.changed.add(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._raw(key) is not None

    def __iter__(self) -> Iterator[str]:
        self.list_all()
        return iter(self._items)

    def __len__(self) -> int:
        self.list_all()
        return len(self._items)

    def list_all(self) -> None:
        """Bring every id of the snapshot lines into memory (reads and checks the whole table)."""
        if self._section is None:
            return
        lines = self._section.lines()
        listed: dict[str, bytes | Doc] = {}
        for line in lines:
            doc_id = line[1 : line.index(b'"', 1)].decode("ascii")
            if doc_id not in self._gone:
                listed[doc_id] = self._items.get(doc_id, line)
        for doc_id, value in self._items.items():
            listed.setdefault(doc_id, value)
        self._items, self._section, self._gone = listed, None, set()

    def decode_all(self) -> None:
        """Decode every document still held as its line, in one pass (for whole-table reads)."""
        self.list_all()
        pending = [(k, v) for k, v in self._items.items() if isinstance(v, bytes)]
        if not pending:
            return
        try:
            docs = json.loads(b"[" + b",".join(_body(v) for _, v in pending) + b"]")
        except ValueError:
            for key, value in pending:  # find and report the bad one
                self._decode(key, value)
            raise
        for (key, _), doc in zip(pending, docs, strict=True):
            if self.check is not None:
                self.check(key, doc)
            self._items[key] = doc

    def max_id(self) -> int:
        """The highest numeric id held (deleted snapshot ids count: ids are never reused)."""
        highest = self._section.max_id if self._section is not None else 0
        return max([highest, *(int(k) for k in self._items if k.isdigit())])

    def line(self, key: str) -> bytes:
        """The snapshot line of ``key``: as read from disk when untouched, else encoded."""
        value = self._raw(key)
        if value is None:
            raise KeyError(key)
        if isinstance(value, bytes):
            return value.rstrip(b",")
        return b'"%s": %s' % (key.encode(), dumps(value))


def decode_all(table: Mapping[str, Doc]) -> None:
    """Decode a whole table ahead of reading every document of it (no-op for eager tables)."""
    if isinstance(table, LazyTable):
        table.decode_all()


# ------------------------------------------------------------------------------ writing


def _sorted_ids(table: Mapping[str, Any]) -> list[str]:
    """A lazy table's ids in the order its lines are written: numeric."""
    return sorted(table, key=lambda doc_id: (len(doc_id), doc_id))


def _lines(table: Mapping[str, Doc], ids: list[str]) -> list[bytes]:
    """The snapshot lines of ``ids``, reusing a lazy table's lines read from disk when untouched."""
    if not isinstance(table, LazyTable):
        return [dumps(doc_id) + b": " + dumps(table[doc_id]) for doc_id in ids]
    return [table.line(doc_id) for doc_id in ids]


def _documents(table: Mapping[str, Doc], ids: list[str], lines: list[bytes]) -> list[Any]:
    """The documents of ``ids`` (lines given), decoded in one pass for computing index keys.

    Lines still as read from the snapshot were checked when they were first saved and their
    bytes are checked now; they are decoded here without keeping them (the table stays lazy).
    """
    if not isinstance(table, LazyTable):
        return [table[doc_id] for doc_id in ids]
    return list(json.loads(b"{" + b",".join(lines) + b"}").values())


def _key_text_fast(value: Hashable) -> str:
    """:func:`key_text` for the usual keys (a string, or a tuple of strings), faster."""
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, tuple) and all(isinstance(part, str) for part in value):
        return "[" + ",".join(map(_encode_string, value)) + "]"
    return key_text(value)


def encode(
    tables: Mapping[str, Mapping[str, Doc]],
    nonce: str,
    *,
    lazy: frozenset[str] = frozenset(),
    indexes: Mapping[str, Mapping[str, IndexKey]] | None = None,
) -> bytes:
    """The bytes of a snapshot holding ``tables`` (``lazy`` ones sorted by id and indexed)."""
    indexes = indexes or {}
    chunks: list[bytes] = []
    offset = 0
    spans: dict[str, list[int]] = {}
    index_spans: dict[str, dict[str, list[int]]] = {}

    def put(data: bytes) -> None:
        nonlocal offset
        chunks.append(data)
        offset += len(data)

    def put_object(name: str, lines: list[bytes]) -> list[int]:
        put((b",\n" if chunks else b"") + dumps(name) + (b": {\n" if lines else b": {}"))
        start = offset
        for number, line in enumerate(lines):
            put(line + (b",\n" if number < len(lines) - 1 else b"\n"))
        end = offset
        if lines:
            put(b"}")
        return [start, end]

    for name, table in tables.items():
        if name in lazy:
            ids = [i for i in _sorted_ids(table) if i.isdigit()]
            lines = _lines(table, ids)
            span = put_object(name, lines)
            spans[name] = [*span, len(ids), int(ids[-1]) if ids else 0]
            wanted = indexes.get(name) or {}
            docs = _documents(table, ids, lines) if wanted else []
            for index, key in wanted.items():
                keyed: dict[str, list[str]] = {}
                for doc_id, doc in zip(ids, docs, strict=True):
                    keyed.setdefault(_key_text_fast(key(doc)), []).append(doc_id)
                index_lines = [
                    # Ids are digits: the list is written as json.dumps would, without it.
                    _encode_string(k).encode() + b': ["' + '","'.join(keyed[k]).encode() + b'"]'
                    for k in sorted(keyed)
                ]
                spans_of = index_spans.setdefault(name, {})
                spans_of[index] = put_object(f"{INDEX_PREFIX}{name}:{index}", index_lines)
        else:
            lines = _lines(table, list(table))
            spans[name] = [*put_object(name, lines), len(lines), 0]
    has_tables = bool(chunks)
    put(b"\n}\n" if has_tables else b"}\n")
    body = b"".join(chunks)
    crcs = [zlib.crc32(body[i : i + BLOCK]) for i in range(0, len(body), BLOCK)]
    header: dict[str, Any] = {
        "nonce": nonce,
        "format": FORMAT,
        "block": BLOCK,
        "crcs": crcs,
        "tables": spans,
        "indexes": index_spans,
    }
    header["hcrc"] = zlib.crc32(dumps(header))
    return _HEADER_PREFIX + dumps({"1": header}) + (b",\n" if has_tables else b"\n") + body


# ------------------------------------------------------------------------------ decoding


def decode(
    data: Buffer, path: Path, lazy: frozenset[str]
) -> tuple[dict[str, MutableMapping[str, Doc]], str | None, Body | None]:
    """The tables, nonce and (format 2) checked body of a snapshot; DamagedDatabase, not a guess.

    In format 2 only the eager tables are read here; the lazy ones read ``data`` on demand (keep
    it open: a memory map of the file, which is replaced whole, never changed in place).
    """
    if not data or data[:4096].isspace():
        return {}, None, None
    if data[: len(_HEADER_PREFIX)] == _HEADER_PREFIX:
        newline = data.find(b"\n")
        raw = bytes(data[len(_HEADER_PREFIX) : newline if newline >= 0 else len(data)])
        header = _header(raw.rstrip(b","))
        if header is not None and header.get("format") == FORMAT:
            return _decode_v2(data, newline + 1, header, path, lazy)
        if header is not None and header.get("format") != 1:
            # Never parsed whole as if it had no header: that would skip every checksum.
            raise DamagedDatabase(path, "cabeçalho de formato desconhecido")
        if header is not None:
            whole = bytes(data)
            if zlib.crc32(memoryview(whole)[newline + 1 :]) != header.get("crc"):
                raise DamagedDatabase(path, "soma de verificação não confere")
            try:
                tables = _decode_lines(whole.split(b"\n")[1:], lazy)
            except (ValueError, KeyError) as error:
                raise DamagedDatabase(path, "estrutura inesperada") from error
            return tables, str(header["nonce"]), None
    tables, nonce = _decode_whole(bytes(data), path)
    return tables, nonce, None


def _header(raw: bytes) -> dict[str, Any] | None:
    """The header document of the first line, or None if it is not one."""
    try:
        header = json.loads(raw).get("1")
    except (ValueError, AttributeError):
        return None
    return header if isinstance(header, dict) else None


def _decode_v2(
    data: Buffer, start: int, header: dict[str, Any], path: Path, lazy: frozenset[str]
) -> tuple[dict[str, MutableMapping[str, Doc]], str | None, Body]:
    """The tables of a format-2 snapshot: eager ones read and checked, lazy ones mapped."""
    checked = dict(header)
    stored_crc = checked.pop("hcrc", None)
    if zlib.crc32(dumps(checked)) != stored_crc:
        raise DamagedDatabase(path, "cabeçalho com soma de verificação que não confere")
    try:
        body = Body(data, start, int(header["block"]), list(header["crcs"]), path)
        if -(-(len(data) - start) // body.block) != len(body.crcs):
            raise DamagedDatabase(path, "tamanho do arquivo não confere")  # cut short, or grown
        spans: dict[str, list[int]] = header["tables"]
        index_spans: dict[str, dict[str, list[int]]] = header["indexes"]
        tables: dict[str, MutableMapping[str, Doc]] = {}
        for name, (low, high, _count, max_id) in spans.items():
            if name in lazy:
                indexes = {k: (int(v[0]), int(v[1])) for k, v in index_spans.get(name, {}).items()}
                section = Section(body, (int(low), int(high)), int(max_id), indexes)
                tables[name] = LazyTable(section=section)
                continue
            decoded = json.loads(b"{" + body.read(int(low), int(high)) + b"}")
            if not isinstance(decoded, dict):
                raise ValueError("tabela malformada")
            tables[name] = decoded
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedDatabase(path, "estrutura inesperada") from error
    return tables, str(header["nonce"]), body


def _decode_lines(lines: list[bytes], lazy: frozenset[str]) -> dict[str, MutableMapping[str, Doc]]:
    """Tables of a checked, line-per-document format-1 snapshot body."""
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
    header = decoded.pop(SNAPSHOT_KEY, {})
    for name in [name for name in decoded if name.startswith(INDEX_PREFIX)]:
        del decoded[name]  # a format-2 file whose header was lost: its indexes are not tables
    for name, table in decoded.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedDatabase(path, f"tabela {name!r} com estrutura inesperada")
        if not all(key.isdigit() for key in table):
            raise DamagedDatabase(path, f"tabela {name!r} com identificadores inválidos")
    nonce = header.get("1", {}).get("nonce") if isinstance(header, dict) else None
    return decoded, str(nonce) if nonce else None
