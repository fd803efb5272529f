"""A reason: a catalogue code plus the parameters its message needs, and the effect it has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mamoru.i18n import both

# Parameters that hold vocabulary codes, shown with their labels (``event.capital_change`` ...).
LABELLED_PARAMS = {"events": "event", "clauses": "clause", "kind": "partner_kind"}

# Effects, weakest first: the gate's outcome is the strongest effect among its reasons.
SEVERITY = {"allow": 0, "allow_with_conditions": 1, "needs_approval": 2, "deny": 3}


@dataclass(frozen=True)
class Reason:
    code: str
    effect: str
    params: dict[str, Any] = field(default_factory=dict)

    def messages(self) -> dict[str, str]:
        return both(self.code, **{k: _labelled(k, v) for k, v in self.params.items()})

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "effect": self.effect, "params": self.params, "message": self.messages()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(code=data["code"], effect=data["effect"], params=dict(data.get("params", {})))


def strongest(reasons: list[Reason]) -> str:
    effect = "allow"
    for reason in reasons:
        if SEVERITY[reason.effect] > SEVERITY[effect]:
            effect = reason.effect
    return effect


def _labelled(name: str, value: Any) -> Any:
    vocab_set = LABELLED_PARAMS.get(name)
    if vocab_set is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_label(vocab_set, v) for v in value]
    return _label(vocab_set, value)


def _label(vocab_set: str, code: Any) -> Any:
    texts = both(f"{vocab_set}.{code}")
    return code if texts["en"] == f"{vocab_set}.{code}" else texts
