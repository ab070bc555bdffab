"""Article metadata (a sidecar's or a JSON Lines record's ``id``, ``lang``, ``published``,
``source``; ``--published``), checked: every field of the type it must have, dates as
YYYY-MM-DD exactly."""
from __future__ import annotations

import datetime as dt
import re

LANGS = ("auto", "bn", "en", "hi")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class MetadataError(ValueError):
    """A field of the wrong type or form: the message names the field."""


def is_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written YYYY-MM-DD (ASCII digits), and
    nothing else: not 20240625, not 2024-W26, not 2024-02-30."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_fields(record: dict, names: dict[str, str] | None = None) -> dict[str, str]:
    """The article fields of a JSON object, checked. ``names`` maps diplokg's field to
    the record's key (JSON Lines ``--field``); a missing or null field is left out.
    ``id`` may be a string or an integer, the others must be strings; ``lang`` one of
    auto, bn, en, hi; ``published`` YYYY-MM-DD."""
    names = names or {}
    out: dict[str, str] = {}
    for field in ("id", "lang", "published", "source"):
        key = names.get(field, field)
        value = record.get(key)
        if value is None:
            continue
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            kind = "a string or an integer" if field == "id" else "a string"
            raise MetadataError(f"field {key!r} must be {kind}, not {_json_type(value)}")
        if field == "lang" and value not in LANGS:
            raise MetadataError(f"field {key!r} must be one of {', '.join(LANGS)}, not {value!r}")
        if field == "published" and not is_date(value):
            raise MetadataError(f"field {key!r} must be a date written YYYY-MM-DD, not {value!r}")
        if value:
            out[field] = value
    return out


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__
