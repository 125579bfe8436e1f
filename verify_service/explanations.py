"""Plain-language explanations of every reason, in Chinese and English, that a lender may show the applicant (PIPL
Art. 24: the right to an explanation of an automated decision). They say what was found and what the applicant
can do; they hold no threshold, no score and nobody's data, and they are fixed texts per code (a test checks that
every code has one)."""

from __future__ import annotations

from verify_service.codes import ReasonCode as R
from verify_service.codes import ReviewReasonCode as V

# code -> (zh, en)
REASONS: dict[R, tuple[str, str]] = {
    R.FACE_MISMATCH: ("自拍照与身份证上的照片不像同一个人。",
                      "The selfie does not appear to show the same person as the photo on the ID card."),
    R.FACE_UNCERTAIN: ("无法确定自拍照与身份证照片是否为同一人,需要人工核对。",
                       "It could not be determined automatically whether the selfie and the ID card photo show the "
                       "same person; a person will check."),
    R.NO_FACE_SELFIE: ("自拍照中未找到人脸,请正对镜头重新拍摄。",
                       "No face was found in the selfie; please take it again facing the camera."),
    R.NO_FACE_ID: ("身份证照片中未找到人像,请拍摄完整、清晰的身份证人像面。",
                   "No portrait was found on the ID card photo; please photograph the whole front of the card, "
                   "sharp and well lit."),
    R.NO_FACE_REFERENCE: ("参考照片中未找到人脸。", "No face was found in the reference photo."),
    R.MULTIPLE_FACES: ("自拍照中有多张人脸,请只拍摄本人。",
                       "The selfie shows more than one face; please take one of yourself alone."),
    R.SPOOF_SUSPECTED: ("自拍照看起来像是翻拍的照片或屏幕,而不是本人现场拍摄。",
                        "The selfie looks like a photo of a picture or a screen rather than of a live person."),
    R.LIVENESS_UNKNOWN: ("无法判断自拍照是否为本人现场拍摄,需要人工核对或重新拍摄。",
                         "It could not be judged whether the selfie was taken of a live person; a person will "
                         "check, or a new selfie may be needed."),
    R.ID_NUMBER_INVALID: ("身份证号码不符合国家标准的格式或校验规则。",
                          "The ID number does not follow the national standard's format or check digit."),
    R.ID_EXPIRED: ("身份证已过有效期。", "The ID card has expired."),
    R.ID_DATA_INCONSISTENT: ("身份证上的信息彼此不一致(如出生日期、性别或有效期限与号码不符)。",
                             "Details on the ID card disagree with each other (such as the birth date, sex or "
                             "validity period against the ID number)."),
    R.ID_SIDE_MISMATCH: ("上传的身份证正反面有误,请分别上传人像面和国徽面。",
                         "The wrong side of the ID card was uploaded; please upload the photo side and the emblem "
                         "side each in its place."),
    R.FIELD_UNREADABLE: ("证件上的部分信息无法识别,请拍摄更清晰的照片。",
                         "Some details on the document could not be read; please take a clearer photo."),
    R.CHECK_UNKNOWN: ("部分核验无法完成,需要人工核对。",
                      "Some checks could not be completed; a person will check."),
    R.LOW_QUALITY: ("照片模糊、过暗或有反光,请在光线充足处重新拍摄。",
                    "The photo is blurred, too dark or has glare; please take it again in good light."),
    R.APPLICATION_MISMATCH: ("申请中填写的信息与身份证不一致。",
                             "Details given in the application differ from those on the ID card."),
    R.INCOME_INCONSISTENT: ("收入证明与申请信息或身份证不一致,或金额大小写不符。",
                            "The income proof disagrees with the application or the ID card, or its amount in "
                            "words disagrees with its figures."),
    R.INCOME_PROOF_UNSEALED: ("收入证明未见单位公章。", "The income certificate carries no company seal."),
    R.INCOME_PROOF_STALE: ("收入证明的日期过旧或晚于今天,请提供近期开具的证明。",
                           "The income proof is too old or dated in the future; please provide a recent one."),
}

REVIEWS: dict[V, tuple[str, str]] = {
    V.IDENTITY_CONFIRMED: ("审核人员核对了照片与证件,确认是本人。",
                           "A reviewer compared the photos and the documents and confirmed the identity."),
    V.DOCUMENTS_CONFIRMED: ("审核人员核对了证件,确认真实且信息一致。",
                            "A reviewer checked the documents and found them genuine and consistent."),
    V.FACE_NOT_SAME_PERSON: ("审核人员认为自拍照与证件照片不是同一人。",
                             "A reviewer found that the selfie and the document photo show different people."),
    V.SELFIE_NOT_LIVE: ("审核人员认为自拍照不是本人现场拍摄。",
                        "A reviewer found that the selfie was not taken of a live person."),
    V.DOCUMENT_NOT_GENUINE: ("审核人员认为证件不是真实有效的原件,或经过修改。",
                             "A reviewer found that a document is not a genuine original, or has been altered."),
    V.DOCUMENT_EXPIRED: ("审核人员确认证件已过期。", "A reviewer confirmed that a document has expired."),
    V.DATA_MISMATCH: ("审核人员确认申请信息与证件不一致。",
                      "A reviewer confirmed that the application's details differ from the documents."),
    V.INCOME_NOT_SUPPORTED: ("审核人员认为所提供的材料不能证明申报的收入。",
                             "A reviewer found that the documents provided do not support the declared income."),
    V.DOCUMENT_UNREADABLE: ("证件照片无法看清,请重新拍摄清晰完整的照片。",
                            "A document photo could not be read; please take a clear photo of the whole document."),
    V.DOCUMENT_MISSING: ("缺少所需的证件(如身份证国徽面或收入证明),请补充。",
                         "A required document is missing (such as the back of the ID card or an income proof); "
                         "please provide it."),
    V.NEW_SELFIE_NEEDED: ("请在光线充足处正对镜头重新拍摄自拍照。",
                          "Please take a new selfie facing the camera in good light."),
    V.INCOME_PROOF_NEEDED: ("请提供近期的收入证明、工资条或银行流水。",
                            "Please provide a recent income certificate, payslip or bank statement."),
    V.OTHER: ("审核人员根据具体情况作出了决定,详情请咨询贷款机构。",
              "A reviewer decided on the particular circumstances; the lender can tell you more."),
}


def reason(code: str) -> dict[str, str]:
    """{"zh", "en"} for a machine reason code (a code from a newer version: a general sentence)."""
    zh, en = REASONS.get(code, ("需要人工核对。", "A person will check."))  # type: ignore[call-overload]
    return {"zh": zh, "en": en}


def review(code: str | None) -> dict[str, str] | None:
    """{"zh", "en"} for a reviewer's reason code; None when the decision has none (reviews before reason codes)."""
    if code is None:
        return None
    zh, en = REVIEWS.get(code, REVIEWS[V.OTHER])  # type: ignore[call-overload]
    return {"zh": zh, "en": en}
