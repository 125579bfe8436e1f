"""Findings to reasons: pure functions from the stages' typed results to the reasons the policy decides on.

Nothing here runs a model or reads a clock; adding a reason is a new ReasonCode, a line here, and its default
action in policy.DEFAULT_ACTIONS."""

from __future__ import annotations

from collections.abc import Iterable

from verify_service.codes import CheckCode as C
from verify_service.codes import ReasonCode as R
from verify_service.pipeline.application import Application
from verify_service.pipeline.decision.policy import Reason
from verify_service.pipeline.documents.cn_id_card.reader import IdCardResult
from verify_service.pipeline.documents.income.reader import IncomeResult
from verify_service.pipeline.faces.liveness import LivenessResult
from verify_service.pipeline.faces.matching import FaceComparison, MatchBand
from verify_service.pipeline.types import Check, CheckStatus, Side

ID_NUMBER_CHECKS = (C.ID_NUMBER_FORMAT, C.ID_NUMBER_CHECKSUM, C.ID_REGION_CODE)
CONSISTENCY_CHECKS = (C.BIRTH_DATE_MATCHES_ID, C.SEX_MATCHES_ID, C.VALIDITY_PERIOD_RULE)
SURE_NUMBER = 0.9  # below this OCR confidence a failed checksum is more likely a misread than a forged number
RETAKE_FLAWS = ("blurry", "too_dark", "glare")  # quality flags worth telling the client when a field was unread


def case_reasons(front: IdCardResult, back: IdCardResult | None, faces: FaceComparison, live: LivenessResult,
                 application: Application, reference: FaceComparison | None = None) -> list[Reason]:
    """Every finding on the card, the faces (and the reference photo, when one was sent) and the declared data
    that stands between this case and a pass."""
    reasons: list[Reason] = []
    if front.side is Side.BACK:
        reasons.append(Reason(R.ID_SIDE_MISMATCH, "id_front shows the back of the card"))
    if back is not None and back.side is not Side.BACK:
        reasons.append(Reason(R.ID_SIDE_MISMATCH, "id_back does not show the back of a card"))
    cards = [(front, "front")] + ([(back, "back")] if back is not None else [])
    for card, label in cards:
        reasons += card_reading_reasons(card, label)
    reasons += check_reasons([c for card, _ in cards for c in card.checks], front)
    reasons += face_reasons(faces, live)
    if reference is not None:
        reasons += reference_reasons(reference)
    reasons += application_reasons(front, application)
    return reasons


def card_reading_reasons(card: IdCardResult, label: str) -> list[Reason]:
    """Unread fields of one card side, with the photo's flaws when they explain it."""
    unread = [k for k, v in card.fields.items() if v.value is None]
    if card.side is not None and not unread:
        return []
    what = ", ".join(unread) if card.side is not None else "no card text found"
    reasons = [Reason(R.FIELD_UNREADABLE, f"ID card {label}: {what}")]
    # Quality flags matter when something could not be read: they tell the client what to retake.
    flaws = [name for name in RETAKE_FLAWS if card.quality.get(name)]
    if flaws:
        reasons.append(Reason(R.LOW_QUALITY, f"ID card {label} photo: {', '.join(flaws)}"))
    return reasons


def check_reasons(checks: Iterable[Check], front: IdCardResult) -> list[Reason]:
    """Failed and unknown card checks as reasons."""
    checks = list(checks)
    reasons = []
    failed = {c.code: c for c in checks if c.status is CheckStatus.FAIL}
    unknown = [c.code for c in checks if c.status is CheckStatus.UNKNOWN]
    bad_number = [failed[c] for c in ID_NUMBER_CHECKS if c in failed]
    if bad_number:
        confidence = front.fields["id_number"].confidence if "id_number" in front.fields else 0.0
        message = "; ".join(c.message for c in bad_number)
        if confidence >= SURE_NUMBER:
            reasons.append(Reason(R.ID_NUMBER_INVALID, message))
        else:
            reasons.append(Reason(R.FIELD_UNREADABLE, f"ID number read with low confidence fails: {message}"))
    for code in CONSISTENCY_CHECKS:
        if code in failed:
            reasons.append(Reason(R.ID_DATA_INCONSISTENT, failed[code].message))
    if C.NOT_EXPIRED in failed:
        reasons.append(Reason(R.ID_EXPIRED, failed[C.NOT_EXPIRED].message))
    if unknown:
        reasons.append(Reason(R.CHECK_UNKNOWN, f"could not check: {', '.join(unknown)}"))
    return reasons


def face_reasons(faces: FaceComparison, live: LivenessResult) -> list[Reason]:
    """Face match and liveness findings."""
    reasons = []
    selfie, portrait = faces.faces
    if not selfie.found:
        reasons.append(Reason(R.NO_FACE_SELFIE, "no face found in the selfie"))
    elif selfie.faces > 1:
        reasons.append(Reason(R.MULTIPLE_FACES, f"{selfie.faces} faces in the selfie; the largest was used"))
    if not portrait.found:
        reasons.append(Reason(R.NO_FACE_ID, "no face found in the ID card portrait"))
    t = faces.thresholds
    if faces.band is MatchBand.NO_MATCH:
        reasons.append(Reason(R.FACE_MISMATCH, f"similarity {faces.similarity:.3f} is below {t.reject} "
                                               f"({t.operating_point})"))
    elif faces.band is MatchBand.REVIEW:
        reasons.append(Reason(R.FACE_UNCERTAIN, f"similarity {faces.similarity:.3f} is in the review band "
                                                f"{t.reject}-{t.match} ({t.operating_point})"))
    if live.is_live is False:
        reasons.append(Reason(R.SPOOF_SUSPECTED, f"live score {live.score:.3f} is below {live.threshold}"))
    elif live.is_live is None and selfie.found:
        reasons.append(Reason(R.LIVENESS_UNKNOWN, f"liveness could not be judged: {live.reason}"))
    return reasons


def reference_reasons(reference: FaceComparison) -> list[Reason]:
    """The selfie against the reference photo (the chip's or an identity database's): the same bands as against
    the card portrait; a missing selfie face is face_reasons' finding, not repeated here."""
    _, photo = reference.faces
    if not photo.found:
        return [Reason(R.NO_FACE_REFERENCE, "no face found in the reference photo")]
    t = reference.thresholds
    if reference.band is MatchBand.NO_MATCH:
        return [Reason(R.FACE_MISMATCH, f"selfie against the reference photo: similarity {reference.similarity:.3f} "
                                        f"is below {t.reject} ({t.operating_point})")]
    if reference.band is MatchBand.REVIEW:
        return [Reason(R.FACE_UNCERTAIN, f"selfie against the reference photo: similarity "
                                         f"{reference.similarity:.3f} is in the review band {t.reject}-{t.match} "
                                         f"({t.operating_point})")]
    return []


def application_reasons(front: IdCardResult, application: Application) -> list[Reason]:
    """Declared name and ID number against the card (never echoing the values)."""
    reasons = []
    for name, label in (("name", "name"), ("id_number", "ID number")):
        declared = getattr(application, name)
        read = front.fields.get(name)
        if declared is None or read is None or read.value is None:
            continue
        if declared.strip() != read.value:
            reasons.append(Reason(R.APPLICATION_MISMATCH, f"declared {label} differs from the ID card"))
    return reasons


def income_reasons(income: IncomeResult, application: Application, tolerance: float) -> list[Reason]:
    """The income proof's own checks, and its income against the declared one (`tolerance` a share, e.g. 0.2)."""
    if income.kind == "unknown":
        return [Reason(R.FIELD_UNREADABLE, "income proof: not recognised as an income certificate, payslip or "
                                           "bank statement")]
    reasons = []
    unread = [k for k in ("name", "monthly_income") if income.fields[k].value is None]
    if unread:
        reasons.append(Reason(R.FIELD_UNREADABLE, f"income proof: {', '.join(unread)}"))
    status = {c.code: c for c in income.checks}
    if status[C.AMOUNT_WORDS_MATCH].status is CheckStatus.FAIL:
        reasons.append(Reason(R.INCOME_INCONSISTENT, f"income proof: {status[C.AMOUNT_WORDS_MATCH].message}"))
    for code in (C.NAME_MATCHES, C.ID_NUMBER_MATCHES):
        if status[code].status is CheckStatus.FAIL:
            what = "name" if code is C.NAME_MATCHES else "ID number"
            reasons.append(Reason(R.INCOME_INCONSISTENT, f"income proof's {what} differs from the ID card"))
    if income.kind == "income_certificate" and status[C.SEAL_PRESENT].status is CheckStatus.FAIL:
        reasons.append(Reason(R.INCOME_PROOF_UNSEALED, "the income certificate carries no company seal"))
    if status[C.ISSUE_DATE_RECENT].status is CheckStatus.FAIL:
        reasons.append(Reason(R.INCOME_PROOF_STALE, f"income proof: {status[C.ISSUE_DATE_RECENT].message}"))
    declared, read = application.monthly_income, income.fields["monthly_income"].value
    if declared is not None and read is not None:
        gap = abs(read - declared) / max(declared, 1.0)
        if gap > tolerance:
            reasons.append(Reason(R.INCOME_INCONSISTENT, f"declared monthly income differs from the income proof "
                                                         f"by {gap:.0%} (tolerance {tolerance:.0%})"))
    return reasons
