"""How a request's detail is stored: its outcome and message as references plus what varies.

Every request of a kind repeats the same rule texts, article links, timeline labels, warnings and
message lines; only their dates, numbers and the fields the person typed change. A stored detail
(schema version 3) therefore writes each such text as its number in :data:`store.text_catalog.TEXTS`
(an append-only list: an entry, once released, never changes, so a reference always reads back
the same text), or, when the text is a catalogued *template* once its numbers are taken out
(dates, hours, protocols, amounts), as ``[number, the numbers taken out…]``. Anything else (a
name, a reason typed by the person, a text a later version words differently) stays as it is.
Nothing is re-evaluated on reading: :func:`unpack_detail` gives back exactly the outcome and
message that were saved (``pack_detail`` checks the round trip before returning).

The message's link is left out when it is the one ``helpdesk.support`` builds from the text (the
e-mail's subject is kept to build it), since it is the text again, percent-encoded.

Packed values: a string is kept, a catalogued string is an ``int`` (``n ≥ 0``), a template is a list
starting with an ``int``; an object whose compact JSON is catalogued (a rule and its article link)
is ``-1 - n``, and one whose JSON is a catalogued template once its numbers are taken out (a
timeline event, a key date) is ``[-1 - n, numbers…]``; numbers are ``["n", value]``, lists
``["l", items…]``, other objects ``["d", key, value, …]`` (keys packed too, order kept);
``true``, ``false`` and ``null`` are kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from helpdesk.support import mailto_url, whatsapp_url
from store.text_catalog import TEXTS

PACKED_KEY = "z"
"""The key of a packed outcome (``{"z": [...]}``); an outcome without it is stored in full."""
_HOLE = "\x00"
_NUMBERS = re.compile(r"\d+(?:[/:.,-]\d+)*")
_INDEX = {text: number for number, text in enumerate(TEXTS)}


def template(text: str) -> tuple[str, list[str]]:
    """``text`` with each run of digits (and the separators inside it) taken out, and the runs."""
    return _NUMBERS.sub(_HOLE, text), _NUMBERS.findall(text)


def _fill(pattern: str, numbers: list[Any]) -> str:
    """A template with its holes filled back."""
    parts = pattern.split(_HOLE)
    if len(parts) != len(numbers) + 1 or not all(isinstance(n, str) for n in numbers):
        raise ValueError("referência a texto malformada")
    out = [parts[0]]
    for number, part in zip(numbers, parts[1:], strict=True):
        out += [number, part]
    return "".join(out)


def pack_text(text: str) -> str | int | list[Any]:
    """A string as stored: its catalogue number, its template's number and numbers, or itself."""
    number = _INDEX.get(text)
    if number is not None:
        return number
    if _HOLE in text:
        return text
    pattern, numbers = template(text)
    number = _INDEX.get(pattern)
    if number is not None and numbers:
        return [number, *numbers]
    return text


def pack(value: Any) -> Any:
    """Any JSON value as stored (see the module docstring)."""
    if isinstance(value, str):
        return pack_text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return ["n", value]
    if isinstance(value, list | tuple):
        return ["l", *(pack(item) for item in value)]
    if isinstance(value, Mapping):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        whole = _INDEX.get(text)
        if whole is not None:
            return -1 - whole
        pattern, numbers = template(text)
        number = _INDEX.get(pattern)
        if number is not None and numbers:
            packed = [-1 - number, *numbers]
            # Only when it reads back to the very same JSON (types included).
            if json.dumps(unpack(packed), ensure_ascii=False, separators=(",", ":")) == text:
                return packed
        flat: list[Any] = ["d"]
        for key, item in value.items():
            flat += [pack_text(str(key)), pack(item)]
        return flat
    raise TypeError(f"valor não JSON: {type(value).__name__}")


def unpack(value: Any) -> Any:
    """A stored value back as it was given to :func:`pack`; ValueError if it is malformed."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        if value < 0:
            whole = json.loads(_text(-1 - value))
            if not isinstance(whole, dict):
                raise ValueError("referência a objeto malformada")
            return whole
        return _text(value)
    if not isinstance(value, list) or not value:
        raise ValueError("valor guardado malformado")
    head = value[0]
    if isinstance(head, int) and not isinstance(head, bool):
        if head < 0:
            whole = json.loads(_fill(_text(-1 - head), value[1:]))
            if not isinstance(whole, dict):
                raise ValueError("referência a objeto malformada")
            return whole
        return _fill(_text(head), value[1:])
    if head == "n" and len(value) == 2 and isinstance(value[1], int | float):
        return value[1]
    if head == "l":
        return [unpack(item) for item in value[1:]]
    if head == "d" and len(value) % 2 == 1:
        keys = [unpack(key) for key in value[1::2]]
        if not all(isinstance(key, str) for key in keys):
            raise ValueError("chave guardada malformada")
        return dict(zip(keys, (unpack(item) for item in value[2::2]), strict=True))
    raise ValueError("valor guardado malformado")


def _text(number: int) -> str:
    """Catalogue entry ``number``."""
    if not 0 <= number < len(TEXTS):
        raise ValueError(f"referência {number} fora do catálogo de textos")
    return TEXTS[number]


# --------------------------------------------------------------------------- request details


def pack_message(message: Mapping[str, Any]) -> dict[str, Any]:
    """A support message ``{channel, text, url}`` as stored."""
    channel = str(message.get("channel", ""))
    text = str(message.get("text", ""))
    url = str(message.get("url", ""))
    packed: dict[str, Any] = {"channel": channel, "lines": [pack_text(x) for x in text.split("\n")]}
    if url and url == whatsapp_url(text):
        return packed
    subject = _mailto_subject(url)
    if subject is not None and mailto_url(subject, text) == url:
        packed["subject"] = subject
        return packed
    packed["url"] = url
    return packed


def _mailto_subject(url: str) -> str | None:
    """The subject of a ``mailto:`` link, or None."""
    if not url.startswith("mailto:"):
        return None
    found = parse_qs(urlsplit(url).query, keep_blank_values=True).get("subject")
    return found[0] if found and len(found) == 1 else None


def unpack_message(stored: Mapping[str, Any]) -> dict[str, str]:
    """A stored support message back as ``{channel, text, url}``."""
    if "lines" not in stored:
        return {key: str(value) for key, value in stored.items()}
    lines = stored["lines"]
    if not isinstance(lines, list):
        raise ValueError("mensagem guardada malformada")
    text = "\n".join(str(unpack(line)) for line in lines)
    channel = str(stored.get("channel", ""))
    if "url" in stored:
        url = str(stored["url"])
    elif "subject" in stored:
        url = mailto_url(str(stored["subject"]), text)
    else:
        url = whatsapp_url(text)
    return {"channel": channel, "text": text, "url": url}


def unpack_outcome(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored outcome back as ``Outcome.to_json()`` gave it."""
    if PACKED_KEY not in stored:
        return dict(stored)
    outcome = unpack(stored[PACKED_KEY])
    if not isinstance(outcome, dict):
        raise ValueError("resultado guardado malformado")
    return outcome


def pack_detail(detail: Mapping[str, Any]) -> dict[str, Any]:
    """A full request detail (``protocol``, ``fields``, ``outcome``, ``message``) as stored."""
    packed = dict(detail)
    if isinstance(detail.get("outcome"), Mapping) and PACKED_KEY not in detail["outcome"]:
        packed["outcome"] = {PACKED_KEY: pack(detail["outcome"])}
    if isinstance(detail.get("message"), Mapping) and "lines" not in detail["message"]:
        packed["message"] = pack_message(detail["message"])
    if unpack_detail(packed) != unpack_detail(detail):
        return dict(detail)  # never store what would not read back the same (cannot happen)
    return packed


def unpack_detail(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored detail back in full (a detail stored in full is returned as it is)."""
    detail = dict(stored)
    if isinstance(stored.get("outcome"), Mapping):
        detail["outcome"] = unpack_outcome(stored["outcome"])
    if isinstance(stored.get("message"), Mapping):
        detail["message"] = unpack_message(stored["message"])
    return detail


def is_packed(stored: Mapping[str, Any]) -> bool:
    """Whether a stored detail holds references (schema version 3) rather than full texts."""
    outcome, message = stored.get("outcome"), stored.get("message")
    return (isinstance(outcome, Mapping) and PACKED_KEY in outcome) or (
        isinstance(message, Mapping) and "lines" in message
    )
