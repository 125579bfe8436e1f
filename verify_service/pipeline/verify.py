"""The whole KYC verification: ID card front (and back), selfie face match and liveness, declared data,
decided by the policy. Independent stages run concurrently on a shared executor."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verify_service.errors import InvalidParameter, Timeout
from verify_service.pipeline.decision.policy import Decision, Policy, Reason
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.documents.cn_id_card.reader import IdCardReader, IdCardResult
from verify_service.pipeline.documents.income.reader import IncomeReader, IncomeResult
from verify_service.pipeline.faces.liveness import LivenessChecker, LivenessResult
from verify_service.pipeline.faces.matching import FaceComparison, FaceMatcher, FoundFace, MatchBand
from verify_service.pipeline.types import CheckStatus, Side

ID_NUMBER_CHECKS = ("ID_NUMBER_FORMAT", "ID_NUMBER_CHECKSUM", "ID_REGION_CODE")
CONSISTENCY_CHECKS = ("BIRTH_DATE_MATCHES_ID", "SEX_MATCHES_ID", "VALIDITY_PERIOD_RULE")
SURE_NUMBER = 0.9  # below this OCR confidence a failed checksum is more likely a misread than a forged number


@dataclass(frozen=True)
class Application:
    """What the applicant declared, from the `application` JSON part."""

    name: str | None = None
    id_number: str | None = None
    monthly_income: float | None = None

    @classmethod
    def parse(cls, raw: str | None) -> Application:
        """Parse and check the JSON text; a malformed one is a 400 naming the problem."""
        if raw is None or not raw.strip():
            return cls()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidParameter(f"application is not valid JSON: {exc.msg} at position {exc.pos}") from None
        if not isinstance(data, dict):
            raise InvalidParameter("application must be a JSON object")
        unknown = set(data) - {"name", "id_number", "monthly_income"}
        if unknown:
            raise InvalidParameter(f"application has unknown fields: {', '.join(sorted(unknown))[:200]}")
        name, number, income = data.get("name"), data.get("id_number"), data.get("monthly_income")
        if name is not None and (not isinstance(name, str) or not 0 < len(name) <= 64):
            raise InvalidParameter("application.name must be a string of 1 to 64 characters")
        if number is not None and (not isinstance(number, str) or not idnumber.ID_RE.match(number.upper())):
            raise InvalidParameter("application.id_number must be 17 digits followed by a digit or X")
        if income is not None and (isinstance(income, bool) or not isinstance(income, int | float)
                                   or not 0 <= income < 1e9):
            raise InvalidParameter("application.monthly_income must be a number of yuan, 0 or more")
        return cls(name, number.upper() if number else None, None if income is None else float(income))


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

    def to_dict(self) -> dict:
        """JSON form (request_id is added by the caller)."""
        return {
            "decision": self.decision.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "id_card": {"front": self.front.to_dict(), "back": self.back.to_dict() if self.back else None},
            "face_match": self.face_match.to_dict(),
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
    """Runs the stages, gathers the reasons and asks the policy for the decision."""

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
               deadline: float | None = None) -> VerifyResult:
        """One application end to end; past `deadline` (a time.monotonic() value) it stops with Timeout between
        stages rather than keep a worker busy for an answer nobody waits for."""
        t0 = time.perf_counter()

        def check_deadline(stage: str) -> None:
            if deadline is not None and time.monotonic() > deadline:
                raise Timeout(f"the verification ran out of time before {stage}")

        application = application or Application()
        # The selfie's face models run beside the OCR; the two card sides run one after the other, since both
        # need the same OCR sessions (and their locks) and the machine's cores are already busy with one.
        selfie_job = self.executor.submit(_timed, self._selfie, selfie) if self.executor else None
        front_result, front_ms = _timed(self.id_reader.read, front, None)
        check_deadline("the portrait")
        portrait_hint = front_result.portrait.bbox if front_result.portrait else None
        portrait, portrait_ms = _timed(self.matcher.portrait_face, front, portrait_hint,
                                       front_result.orientation.upside_down)
        check_deadline("the back of the card")
        # The front's birth date lets the back's validity rule check the span against the age at issue.
        birth_field = front_result.fields.get("birth_date")
        birth = dt.date.fromisoformat(birth_field.value) if birth_field and birth_field.value else None
        back_result, back_ms = (_timed(self.id_reader.read, back, Side.BACK, birth) if back is not None
                                else (None, 0.0))
        (selfie_face, live, liveness_ms), selfie_ms = (selfie_job.result() if selfie_job
                                                       else _timed(self._selfie, selfie))
        income, income_ms = None, 0.0
        if income_proof is not None:
            check_deadline("the income proof")
            if self.income is None:
                raise ValueError("an income proof was given but the Verifier has no IncomeReader")
            card_name = front_result.fields.get("name")
            card_number = front_result.fields.get("id_number")
            income, income_ms = _timed(self.income.read, income_proof,
                                       card_name.value if card_name else None,
                                       card_number.value if card_number else None)
        comparison = self.matcher.compare(selfie_face, portrait)
        reasons = self._reasons(front_result, back_result, comparison, live, application)
        if income is not None:
            reasons += self._income_reasons(income, application)
        timings = {"id_front": front_ms, "portrait_face": portrait_ms, "selfie_face": selfie_ms - liveness_ms,
                   "liveness": liveness_ms}
        if back_result is not None:
            timings["id_back"] = back_ms
        if income is not None:
            timings["income_proof"] = income_ms
        timings["total"] = (time.perf_counter() - t0) * 1000
        return VerifyResult(self.policy.decide(reasons), reasons, front_result, back_result, comparison, live,
                            income.to_dict() if income else None, timings, self.runtime_info())

    def _reasons(self, front: IdCardResult, back: IdCardResult | None, faces: FaceComparison,
                 live: LivenessResult, application: Application) -> list[Reason]:
        """Every finding that stands between this case and a pass."""
        reasons: list[Reason] = []
        if front.side is Side.BACK:
            reasons.append(Reason("ID_SIDE_MISMATCH", "id_front shows the back of the card"))
        if back is not None and back.side is not Side.BACK:
            reasons.append(Reason("ID_SIDE_MISMATCH", "id_back does not show the back of a card"))
        cards = [(front, "front")] + ([(back, "back")] if back is not None else [])
        for card, label in cards:
            unread = [k for k, v in card.fields.items() if v.value is None]
            if card.side is None or unread:
                what = ", ".join(unread) if card.side is not None else "no card text found"
                reasons.append(Reason("FIELD_UNREADABLE", f"ID card {label}: {what}"))
                # Quality flags matter when something could not be read: they tell the client what to retake.
                flaws = [name for name in ("blurry", "too_dark", "glare") if card.quality.get(name)]
                if flaws:
                    reasons.append(Reason("LOW_QUALITY", f"ID card {label} photo: {', '.join(flaws)}"))
        reasons += self._check_reasons([c for card, _ in cards for c in card.checks], front)
        reasons += self._face_reasons(faces, live)
        reasons += self._application_reasons(front, application)
        return reasons

    def _income_reasons(self, income: IncomeResult, application: Application) -> list[Reason]:
        """The income proof's own checks, and its income against the declared one."""
        reasons = []
        if income.kind == "unknown":
            return [Reason("FIELD_UNREADABLE", "income proof: not recognised as an income certificate, payslip or "
                                               "bank statement")]
        unread = [k for k in ("name", "monthly_income") if income.fields[k].value is None]
        if unread:
            reasons.append(Reason("FIELD_UNREADABLE", f"income proof: {', '.join(unread)}"))
        status = {c.code: c for c in income.checks}
        if status["AMOUNT_WORDS_MATCH"].status is CheckStatus.FAIL:
            reasons.append(Reason("INCOME_INCONSISTENT", f"income proof: {status['AMOUNT_WORDS_MATCH'].message}"))
        for code in ("NAME_MATCHES", "ID_NUMBER_MATCHES"):
            if status[code].status is CheckStatus.FAIL:
                what = "name" if code == "NAME_MATCHES" else "ID number"
                reasons.append(Reason("INCOME_INCONSISTENT", f"income proof's {what} differs from the ID card"))
        if income.kind == "income_certificate" and status["SEAL_PRESENT"].status is CheckStatus.FAIL:
            reasons.append(Reason("INCOME_PROOF_UNSEALED", "the income certificate carries no company seal"))
        if status["ISSUE_DATE_RECENT"].status is CheckStatus.FAIL:
            reasons.append(Reason("INCOME_PROOF_STALE", f"income proof: {status['ISSUE_DATE_RECENT'].message}"))
        declared, read = application.monthly_income, income.fields["monthly_income"].value
        if declared is not None and read is not None:
            gap = abs(read - declared) / max(declared, 1.0)
            if gap > self.income_tolerance:
                reasons.append(Reason("INCOME_INCONSISTENT", f"declared monthly income differs from the income proof "
                                                             f"by {gap:.0%} (tolerance {self.income_tolerance:.0%})"))
        return reasons

    def _check_reasons(self, checks, front: IdCardResult) -> list[Reason]:
        """Failed and unknown checks as reasons."""
        reasons = []
        failed = {c.code: c for c in checks if c.status is CheckStatus.FAIL}
        unknown = [c.code for c in checks if c.status is CheckStatus.UNKNOWN]
        bad_number = [failed[c] for c in ID_NUMBER_CHECKS if c in failed]
        if bad_number:
            confidence = front.fields["id_number"].confidence if "id_number" in front.fields else 0.0
            message = "; ".join(c.message for c in bad_number)
            if confidence >= SURE_NUMBER:
                reasons.append(Reason("ID_NUMBER_INVALID", message))
            else:
                reasons.append(Reason("FIELD_UNREADABLE", f"ID number read with low confidence fails: {message}"))
        for code in CONSISTENCY_CHECKS:
            if code in failed:
                reasons.append(Reason("ID_DATA_INCONSISTENT", failed[code].message))
        if "NOT_EXPIRED" in failed:
            reasons.append(Reason("ID_EXPIRED", failed["NOT_EXPIRED"].message))
        if unknown:
            reasons.append(Reason("CHECK_UNKNOWN", f"could not check: {', '.join(unknown)}"))
        return reasons

    @staticmethod
    def _face_reasons(faces: FaceComparison, live: LivenessResult) -> list[Reason]:
        """Face match and liveness findings."""
        reasons = []
        selfie, portrait = faces.faces
        if not selfie.found:
            reasons.append(Reason("NO_FACE_SELFIE", "no face found in the selfie"))
        elif selfie.faces > 1:
            reasons.append(Reason("MULTIPLE_FACES", f"{selfie.faces} faces in the selfie; the largest was used"))
        if not portrait.found:
            reasons.append(Reason("NO_FACE_ID", "no face found in the ID card portrait"))
        t = faces.thresholds
        if faces.band is MatchBand.NO_MATCH:
            reasons.append(Reason("FACE_MISMATCH", f"similarity {faces.similarity:.3f} is below {t.reject} "
                                                   f"({t.operating_point})"))
        elif faces.band is MatchBand.REVIEW:
            reasons.append(Reason("FACE_UNCERTAIN", f"similarity {faces.similarity:.3f} is in the review band "
                                                    f"{t.reject}-{t.match} ({t.operating_point})"))
        if live.is_live is False:
            reasons.append(Reason("SPOOF_SUSPECTED", f"live score {live.score:.3f} is below {live.threshold}"))
        elif live.is_live is None and selfie.found:
            reasons.append(Reason("LIVENESS_UNKNOWN", f"liveness could not be judged: {live.reason}"))
        return reasons

    @staticmethod
    def _application_reasons(front: IdCardResult, application: Application) -> list[Reason]:
        """Declared name and ID number against the card (never echoing the values)."""
        reasons = []
        for name, label in (("name", "name"), ("id_number", "ID number")):
            declared = getattr(application, name)
            read = front.fields.get(name)
            if declared is None or read is None or read.value is None:
                continue
            if declared.strip() != read.value:
                reasons.append(Reason("APPLICATION_MISMATCH", f"declared {label} differs from the ID card"))
        return reasons
