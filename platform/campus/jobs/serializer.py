"""Queue messages as JSON instead of Huey's default pickle: reading a queue must never run code."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from huey.registry import Message
from huey.serializer import Serializer


def _encode(value: Any) -> Any:
    if isinstance(value, Message):
        return {"$message": {name: _encode(item) for name, item in value._asdict().items()}}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if len(value) == 1 and "$message" in value:
        fields = {name: _decode(item) for name, item in value["$message"].items()}
        fields["args"] = tuple(fields.get("args") or ())
        if fields.get("chord_config") is not None:
            fields["chord_config"] = tuple(fields["chord_config"])
        return Message(**fields)
    return {key: _decode(item) for key, item in value.items()}


class JsonSerializer(Serializer):
    """Huey's serializer with JSON in place of pickle; task arguments must be JSON values."""

    def _serialize(self, data: Any) -> bytes:
        return json.dumps(_encode(data), separators=(",", ":")).encode()

    def _deserialize(self, data: bytes) -> Any:
        return _decode(json.loads(bytes(data)))


def check_arguments(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse, at the caller, arguments the queue could not carry (pass ids, not model objects)."""
    try:
        json.dumps([args, kwargs])
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"Job {name}: arguments must be JSON values (ids, strings, numbers): {error}"
        ) from None
