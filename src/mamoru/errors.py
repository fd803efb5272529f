"""The one error type a user sees: a reason code with a message in both languages."""

from __future__ import annotations

from typing import Any

from mamoru.i18n import both, t


class MamoruError(Exception):
    """A refusal or bad input, identified by a reason code from the message catalogue.

    ``params`` fill the message template and travel with ``--json`` output, so a
    script can act on the code and a person can read the message.
    """

    def __init__(self, reason: str, /, **params: Any) -> None:
        self.code = reason
        self.params = params
        super().__init__(f"{reason}: {t(reason, 'en', **params)}")

    def message(self, lang: str | None = None) -> str:
        return t(self.code, lang, **self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": both(self.code, **self.params),
            "params": {k: _plain(v) for k, v in self.params.items()},
        }


class NotFound(MamoruError):
    """A named record does not exist."""


class Conflict(MamoruError):
    """The request contradicts the current state (duplicate code, invalid transition)."""


class InvalidInput(MamoruError):
    """A value is malformed or out of range."""


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return str(value)
