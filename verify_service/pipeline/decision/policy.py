"""The decision policy: every finding becomes a reason with a code and a message; the decision is the worst
action among them. Which action each reason carries is configuration (VERIFY_POLICY_FILE), not code."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path


class Decision(enum.StrEnum):
    PASS = "pass"  # noqa: S105 (a decision, not a password)
    REVIEW = "review"
    REJECT = "reject"


# Default action per reason code. A reason not listed here is a review: nothing unknown may pass.
DEFAULT_ACTIONS: dict[str, Decision] = {
    "FACE_MISMATCH": Decision.REJECT,
    "SPOOF_SUSPECTED": Decision.REJECT,
    "ID_NUMBER_INVALID": Decision.REJECT,
    "ID_EXPIRED": Decision.REJECT,
    "FACE_UNCERTAIN": Decision.REVIEW,
    "NO_FACE_SELFIE": Decision.REVIEW,
    "NO_FACE_ID": Decision.REVIEW,
    "MULTIPLE_FACES": Decision.REVIEW,
    "LIVENESS_UNKNOWN": Decision.REVIEW,
    "FIELD_UNREADABLE": Decision.REVIEW,
    "CHECK_UNKNOWN": Decision.REVIEW,
    "ID_DATA_INCONSISTENT": Decision.REVIEW,
    "LOW_QUALITY": Decision.REVIEW,
    "APPLICATION_MISMATCH": Decision.REVIEW,
    "INCOME_INCONSISTENT": Decision.REVIEW,
    "INCOME_PROOF_UNSEALED": Decision.REVIEW,
    "INCOME_PROOF_STALE": Decision.REVIEW,
    "ID_SIDE_MISMATCH": Decision.REVIEW,
}
_ORDER = {Decision.PASS: 0, Decision.REVIEW: 1, Decision.REJECT: 2}


@dataclass(frozen=True)
class Reason:
    """Why a case is not a plain pass."""

    code: str
    message: str

    def to_dict(self) -> dict:
        """The contract's reason object."""
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Policy:
    """Maps reasons to actions and picks the decision."""

    actions: dict[str, Decision] = field(default_factory=lambda: dict(DEFAULT_ACTIONS))

    def action(self, reason: Reason) -> Decision:
        """What this reason does to the case (review for codes the policy does not know)."""
        return self.actions.get(reason.code, Decision.REVIEW)

    def decide(self, reasons: list[Reason]) -> Decision:
        """Pass only with no reasons at all; otherwise the most severe reason's action."""
        decision = Decision.PASS
        for reason in reasons:
            act = self.action(reason)
            if _ORDER[act] > _ORDER[decision]:
                decision = act
        return decision

    @classmethod
    def load(cls, path: Path | None) -> Policy:
        """Defaults, overridden by a JSON file {"actions": {"CODE": "reject"|"review", ...}}."""
        actions = dict(DEFAULT_ACTIONS)
        if path is not None:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for code, value in data.get("actions", {}).items():
                action = Decision(value)
                if action is Decision.PASS:
                    raise ValueError(f"policy file {path}: {code} cannot be 'pass'; remove it to use the default")
                actions[code] = action
        return cls(actions)
