"""The decision policy: every finding becomes a reason with a code and a message; the decision is the worst
action among them. Which action each reason carries is configuration (VERIFY_POLICY_FILE), not code."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path

from verify_service.codes import ReasonCode


class Decision(enum.StrEnum):
    PASS = "pass"  # noqa: S105 (a decision, not a password)
    REVIEW = "review"
    REJECT = "reject"


# Default action per reason code. A reason not listed here is a review: nothing unknown may pass.
DEFAULT_ACTIONS: dict[ReasonCode, Decision] = {
    ReasonCode.FACE_MISMATCH: Decision.REJECT,
    ReasonCode.SPOOF_SUSPECTED: Decision.REJECT,
    ReasonCode.ID_NUMBER_INVALID: Decision.REJECT,
    ReasonCode.ID_EXPIRED: Decision.REJECT,
    ReasonCode.FACE_UNCERTAIN: Decision.REVIEW,
    ReasonCode.NO_FACE_SELFIE: Decision.REVIEW,
    ReasonCode.NO_FACE_ID: Decision.REVIEW,
    ReasonCode.NO_FACE_REFERENCE: Decision.REVIEW,
    ReasonCode.MULTIPLE_FACES: Decision.REVIEW,
    ReasonCode.LIVENESS_UNKNOWN: Decision.REVIEW,
    ReasonCode.FIELD_UNREADABLE: Decision.REVIEW,
    ReasonCode.CHECK_UNKNOWN: Decision.REVIEW,
    ReasonCode.ID_DATA_INCONSISTENT: Decision.REVIEW,
    ReasonCode.LOW_QUALITY: Decision.REVIEW,
    ReasonCode.APPLICATION_MISMATCH: Decision.REVIEW,
    ReasonCode.INCOME_INCONSISTENT: Decision.REVIEW,
    ReasonCode.INCOME_PROOF_UNSEALED: Decision.REVIEW,
    ReasonCode.INCOME_PROOF_STALE: Decision.REVIEW,
    ReasonCode.ID_SIDE_MISMATCH: Decision.REVIEW,
}
_ORDER = {Decision.PASS: 0, Decision.REVIEW: 1, Decision.REJECT: 2}


@dataclass(frozen=True)
class Reason:
    """Why a case is not a plain pass."""

    code: ReasonCode
    message: str

    def to_dict(self) -> dict:
        """The contract's reason object."""
        return {"code": str(self.code), "message": self.message}


@dataclass(frozen=True)
class Policy:
    """Maps reasons to actions and picks the decision."""

    actions: dict[ReasonCode, Decision] = field(default_factory=lambda: dict(DEFAULT_ACTIONS))

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
            for name, value in data.get("actions", {}).items():
                if name not in ReasonCode.__members__:
                    raise ValueError(f"policy file {path}: {name[:60]!r} is not a reason code")
                code, action = ReasonCode(name), Decision(value)
                if action is Decision.PASS:
                    raise ValueError(f"policy file {path}: {code} cannot be 'pass'; remove it to use the default")
                actions[code] = action
        return cls(actions)
