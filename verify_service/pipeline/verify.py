"""The whole KYC verification: ID card front (and back), selfie face match and liveness, an optional reference
photo (the chip's or an identity database's) matched against the selfie too, an income proof and the declared
data, run stage by stage under a deadline; reasons come from decision.reasons, the decision from the policy."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verify_service.errors import Timeout
from verify_service.pipeline.application import Application
from verify_service.pipeline.decision import reasons as findings
from verify_service.pipeline.decision.policy import Decision, Policy, Reason
from verify_service.pipeline.documents.cn_id_card.reader import IdCardReader, IdCardResult
from verify_service.pipeline.documents.income.reader import IncomeReader
from verify_service.pipeline.faces.liveness import LivenessChecker, LivenessResult
from verify_service.pipeline.faces.matching import FaceComparison, FaceMatcher, FoundFace
from verify_service.pipeline.types import Side

__all__ = ["Application", "Verifier", "VerifyResult"]


@dataclass
class VerifyResult:
    """The contract's verify result."""

    decision: Decision
    reasons: list[Reason]
    front: IdCardResult
    back: IdCardResult | None
    face_match: FaceComparison
    liveness: LivenessResult
    income_proof: dict | None
    timings_ms: dict[str, float]
    runtime: dict = field(default_factory=dict)
    reference_match: FaceComparison | None = None  # the selfie against the reference photo, when one was sent

    def to_dict(self) -> dict:
        """JSON form (request_id is added by the caller)."""
        return {
            "decision": self.decision.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "id_card": {"front": self.front.to_dict(), "back": self.back.to_dict() if self.back else None},
            "face_match": self.face_match.to_dict(),
            "reference_match": self.reference_match.to_dict() if self.reference_match else None,
            "liveness": self.liveness.to_dict(),
            "income_proof": self.income_proof,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "runtime": self.runtime,
        }


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run fn and return its result with the milliseconds it took."""
    t0 = time.perf_counter()
    out = fn(*args)
    return out, (time.perf_counter() - t0) * 1000


class Verifier:
    """Runs the stages in order under a deadline and hands their results to the reasons and the policy."""

    def __init__(self, id_reader: IdCardReader, matcher: FaceMatcher, liveness: LivenessChecker, policy: Policy,
                 executor: Executor | None, runtime_info: Callable[[], dict], income: IncomeReader | None = None,
                 income_tolerance: float = 0.2):
        self.income = income
        self.income_tolerance = income_tolerance
        self.id_reader = id_reader
        self.matcher = matcher
        self.liveness = liveness
        self.policy = policy
        self.executor = executor
        self.runtime_info = runtime_info

    def _selfie(self, image: np.ndarray) -> tuple[FoundFace, LivenessResult, float]:
        """Main face, embedding and liveness of the selfie; returns the liveness time separately."""
        found, face = self.matcher.selfie_face(image)
        live, ms = _timed(self.liveness.check, image, face)
        return found, live, ms

    def verify(self, front: np.ndarray, selfie: np.ndarray, back: np.ndarray | None = None,
               application: Application | None = None, income_proof: list[np.ndarray] | None = None,
               deadline: float | None = None, reference: np.ndarray | None = None) -> VerifyResult:
        """One application end to end; past `deadline` (a time.monotonic() value) it stops with Timeout between
        stages rather than keep a worker busy for an answer nobody waits for. A `reference` photo is matched
        against the same selfie face as the card portrait is."""
        t0 = time.perf_counter()

        def check_deadline(stage: str) -> None:
            if deadline is not None and time.monotonic() > deadline:
                raise Timeout(f"the verification ran out of time before {stage}")

        application = application or Application()
        if income_proof is not None and self.income is None:
            raise ValueError("an income proof was given but the Verifier has no IncomeReader")
        # The selfie's face models run beside the OCR; the two card sides run one after the other, since both
        # need the same OCR sessions (and their locks) and the machine's cores are already busy with one.
        selfie_job = self.executor.submit(_timed, self._selfie, selfie) if self.executor else None
        front_result, front_ms = _timed(self.id_reader.read, front, None)
        check_deadline("the portrait")
        portrait_hint = front_result.portrait.bbox if front_result.portrait else None
        portrait, portrait_ms = _timed(self.matcher.portrait_face, front, portrait_hint,
                                       front_result.orientation.rotation)
        check_deadline("the back of the card")
        # The front's birth date lets the back's validity rule check the span against the age at issue.
        birth_field = front_result.fields.get("birth_date")
        birth = dt.date.fromisoformat(birth_field.value) if birth_field and birth_field.value else None
        back_result, back_ms = (_timed(self.id_reader.read, back, Side.BACK, birth) if back is not None
                                else (None, 0.0))
        reference_face, reference_ms = None, 0.0
        if reference is not None:
            check_deadline("the reference photo")
            (reference_face, _), reference_ms = _timed(self.matcher.selfie_face, reference)
        (selfie_face, live, liveness_ms), selfie_ms = (selfie_job.result() if selfie_job
                                                       else _timed(self._selfie, selfie))
        income, income_ms = None, 0.0
        if income_proof is not None and self.income is not None:
            check_deadline("the income proof")
            card_name = front_result.fields.get("name")
            card_number = front_result.fields.get("id_number")
            income, income_ms = _timed(self.income.read, income_proof,
                                       card_name.value if card_name else None,
                                       card_number.value if card_number else None, deadline)
        comparison = self.matcher.compare(selfie_face, portrait)
        reference_match = (self.matcher.compare(selfie_face, reference_face) if reference_face is not None
                           else None)
        reasons = findings.case_reasons(front_result, back_result, comparison, live, application, reference_match)
        if income is not None:
            reasons += findings.income_reasons(income, application, self.income_tolerance)
        timings = {"id_front": front_ms, "portrait_face": portrait_ms, "selfie_face": selfie_ms - liveness_ms,
                   "liveness": liveness_ms}
        if back_result is not None:
            timings["id_back"] = back_ms
        if income is not None:
            timings["income_proof"] = income_ms
        if reference_face is not None:
            timings["reference_face"] = reference_ms
        timings["total"] = (time.perf_counter() - t0) * 1000
        return VerifyResult(self.policy.decide(reasons), reasons, front_result, back_result, comparison, live,
                            income.to_dict() if income else None, timings, self.runtime_info(), reference_match)
