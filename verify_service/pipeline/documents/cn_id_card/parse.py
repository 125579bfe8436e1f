"""Reading the fields of a Chinese resident ID card from OCR rows: a pure function of the OCR output."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.common.layout import Row
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.types import MISSING, Field, Side

FRONT_LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
BACK_LABELS = ("中华人民共和国", "居民身份证", "签发机关", "有效期限")
# The 56 ethnic groups as printed on the card (without 族).
ETHNIC_GROUPS = frozenset((
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split())
_TRADITIONAL = str.maketrans("漢滿維爾緬傈僳嶺鄂倫達斡撒拉納錫", "汉满维尔缅傈僳岭鄂伦达斡撒拉纳锡")
_CJK = re.compile(r"[\u3400-\u9fff·]+")
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "〇": "0", "I": "1", "l": "1", "|": "1", "i": "1"})
_BIRTH_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_VALIDITY_RE = re.compile(r"(\d{4})\D?(\d{2})\D?(\d{2})\s*[-—–~至一_=－]*\s*(长期|\d{4}\D?\d{2}\D?\d{2})")


@dataclass(frozen=True)
class ParsedCard:
    """The side the text says this is and the fields read from it."""

    side: Side | None
    fields: dict[str, Field]


def _label_at(text: str, label: str) -> int | None:
    """End index of `label` in `text`, tolerating one misread character of a label of two or more."""
    idx = text.find(label)
    if idx >= 0:
        return idx + len(label)
    if len(label) < 4:  # short labels must be read exactly: one wrong character of two matches too much
        return None
    for start in range(0, max(1, len(text) - len(label) + 1)):
        window = text[start:start + len(label)]
        wrong = sum(a != b for a, b in zip(window, label))
        # Labels of four or more characters tolerate one misread (two from six), and the window must be CJK.
        if len(window) == len(label) and wrong <= (1 if len(label) <= 4 else 2) and _CJK.fullmatch(window):
            return start + len(label)
    return None


def _find_row(rows: Sequence[Row], label: str) -> tuple[int, int] | None:
    """(row index, end of label in the row's text) of the first row that starts with or contains the label."""
    for i, row in enumerate(rows):
        end = _label_at(row.text[: len(label) + 3], label)
        if end is not None:
            return i, end
    for i, row in enumerate(rows):
        end = _label_at(row.text, label)
        if end is not None:
            return i, end
    return None


def detect_side(rows: Sequence[Row]) -> Side | None:
    """Front or back by which side's printed labels the text holds (the ID number counts for the front)."""
    text = "".join(r.text for r in rows)
    front = sum(label in text for label in FRONT_LABELS) + (2 if idnumber.find_id_number(text) else 0)
    back = sum(label in text for label in BACK_LABELS) + (2 if _VALIDITY_RE.search(text) else 0)
    if front == back == 0:
        return None
    return Side.FRONT if front >= back else Side.BACK


def ethnicity_name(text: str) -> str | None:
    """One of the 56 officially recognised ethnic groups, allowing for traditional-character OCR output;
    None when the text is none of them (a misread is unread, not a guess)."""
    text = text.translate(_TRADITIONAL).removesuffix("族")
    if text in ETHNIC_GROUPS:
        return text
    return None


def _cjk_only(text: str) -> str:
    """The CJK characters of a value, dropping stray Latin letters, digits and punctuation."""
    return "".join(_CJK.findall(text))


def parse_front(rows: Sequence[Row]) -> dict[str, Field]:
    """Name, sex, ethnicity, birth date, address and ID number from the rows of a card's front."""
    fields: dict[str, Field] = {k: MISSING for k in ("name", "sex", "ethnicity", "birth_date", "address", "id_number")}

    number_row = None
    for i, row in enumerate(rows):
        found = idnumber.find_id_number(row.text)
        if found:
            fields["id_number"] = Field(found, row.score)
            number_row = i
            break

    hit = _find_row(rows, "姓名")
    if hit:
        value = _cjk_only(rows[hit[0]].text[hit[1]:])
        if value:
            fields["name"] = Field(value, rows[hit[0]].score)

    for label in ("性别", "民族"):
        hit = _find_row(rows, label)
        if not hit:
            continue
        row = rows[hit[0]]
        rest = row.text[hit[1]:]
        if label == "性别":
            sex = re.search(r"[男女]", rest)
            if sex:
                fields["sex"] = Field(sex.group(0), row.score)
        eth_end = _label_at(row.text, "民族")
        if eth_end is not None:
            eth = ethnicity_name(_cjk_only(row.text[eth_end:]))
            if eth:
                fields["ethnicity"] = Field(eth, row.score)

    for row in rows:
        m = _BIRTH_RE.search(row.text.translate(_DIGIT_LIKE))
        if m:
            iso = iso_date(*m.groups())
            if iso:
                fields["birth_date"] = Field(iso, row.score)
                break

    hit = _find_row(rows, "住址")
    if hit:
        start, end = hit
        first = rows[start]
        parts = [first.text[end:]]
        scores = [first.score]
        value_left = min((ln.left for ln in first.lines if ln.right > first.lines[0].right), default=None)
        for row in rows[start + 1:(number_row if number_row is not None and number_row > start else len(rows))]:
            if _label_at(row.text[:8], "公民身份号码") is not None or row.cy - first.cy > 4.5 * first.height:
                break
            if value_left is not None and row.lines[0].right < value_left:
                continue  # a stray line left of the address column
            if all(ln.height > 1.8 * first.height for ln in row.lines):
                continue  # not a text line: an edge of the portrait or the card read as a glyph
            parts.append(row.text)
            scores.append(row.score)
        address = "".join(re.sub(r"\s+", "", p) for p in parts)
        if address:
            fields["address"] = Field(address, min(scores))
    return fields


def parse_back(rows: Sequence[Row]) -> dict[str, Field]:
    """Issuing authority and validity period from the rows of a card's back."""
    fields: dict[str, Field] = {k: MISSING for k in ("issuing_authority", "valid_from", "valid_until")}
    hit = _find_row(rows, "签发机关")
    if hit:
        value = _cjk_only(rows[hit[0]].text[hit[1]:])
        if value:
            fields["issuing_authority"] = Field(value, rows[hit[0]].score)
    if fields["issuing_authority"].value is None:
        for row in rows:
            if "公安局" in row.text:
                fields["issuing_authority"] = Field(_cjk_only(row.text), row.score)
                break
    for row in rows:
        text = row.text.translate(_DIGIT_LIKE)
        m = _VALIDITY_RE.search(text)
        if not m:
            continue
        start = iso_date(*m.groups()[:3])
        end_raw = m.group(4)
        end: str | None
        if end_raw == "长期":
            end = "long_term"
        else:
            digits = re.sub(r"\D", "", end_raw)
            end = iso_date(digits[:4], digits[4:6], digits[6:8])
        if start:
            fields["valid_from"] = Field(start, row.score)
        if end:
            fields["valid_until"] = Field(end, row.score)
        break
    return fields


def parse_card(rows: Sequence[Row], side: Side | None = None) -> ParsedCard:
    """Fields of one card side; the side is detected from the text unless the caller says it."""
    detected = side or detect_side(rows)
    if detected is Side.FRONT:
        return ParsedCard(detected, parse_front(rows))
    if detected is Side.BACK:
        return ParsedCard(detected, parse_back(rows))
    return ParsedCard(None, {})
