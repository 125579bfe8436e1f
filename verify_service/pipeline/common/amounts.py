"""Chinese amounts in words (大写金额) and in digits: parsing both, and writing numbers in words.

大写金额 as banks and employers write them: digits 零壹贰叁肆伍陆柒捌玖 (参 for 叁 and traditional forms too), units
拾佰仟 within a group of four, 万 and 亿 between groups, 元 (or 圆) before 角 and 分, and 整 (or 正) when nothing
follows. 零 stands for a run of zeros between non-zero digits. Anything that does not follow these rules is not an
amount (None), never a guess.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
_SMALL_UNIT_NAMES = ("", "拾", "佰", "仟")
_CENT = Decimal("0.01")
# Variants of the digits that hands and older forms write: 参 for 叁, 〇 for 零, traditional 貳 陸 萬 圓.
_VARIANTS = str.maketrans({"参": "叁", "〇": "零", "貳": "贰", "陸": "陆", "萬": "万", "圓": "圆"})
WORD_CHARS = DIGITS + "拾佰仟万亿元圆角分整正" + "参〇貳陸萬圓"
AMOUNT_WORDS_RE = re.compile(rf"[{WORD_CHARS}]{{2,}}")
_DIGITS_RE = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?")


def _group(text: str) -> int | None:
    """Value of a group below 10000 written with 拾佰仟 (e.g. 贰仟零伍 = 2005), or None when malformed.

    A bare last digit must follow 拾, a 零, or stand alone: 贰仟伍 is ambiguous (2500 when spoken) and refused."""
    if not text:
        return None
    value, digit, last_unit = 0, None, 10000
    zero_pending = after_zero = False
    for i, ch in enumerate(text):
        if ch == "零":
            if zero_pending or digit is not None or i == len(text) - 1:
                return None  # 零零, a digit before 零, or 零 at the end
            zero_pending = True
        elif ch in _DIGIT_VALUE:
            if digit is not None:
                return None  # two digits in a row
            digit, after_zero, zero_pending = _DIGIT_VALUE[ch], zero_pending, False
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit or zero_pending:
                return None  # units must fall: 仟 before 佰 before 拾; no 零 right before a unit
            if digit is None:
                if ch != "拾" or i != 0:
                    return None
                digit = 1  # 拾 at the start means 壹拾
            value += digit * unit
            last_unit, digit = unit, None
        else:
            return None
    if digit is not None:
        if last_unit not in (10, 10000) and not after_zero:
            return None
        value += digit
    return value


def _integer(text: str) -> int | None:
    """The integer part (before 元): groups joined by 亿 and 万."""
    if text in ("零", ""):
        return 0 if text == "零" else None
    total = 0
    rest = text
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in rest:
            head, _, rest = rest.partition(mark)
            if mark in rest:
                return None
            head_value = _integer(head) if mark == "亿" else _group(head)
            if head_value is None or head_value == 0:
                return None
            total += head_value * scale
            if rest.startswith("零零"):
                return None
            rest = rest.removeprefix("零") if rest.startswith("零") and len(rest) > 1 else rest
    if rest:
        tail = _group(rest)
        if tail is None:
            return None
        total += tail
    return total


def parse_words(text: str) -> Decimal | None:
    """The amount written in 大写 (e.g. 人民币壹万贰仟伍佰元整 -> 12500.00), or None when the text is not one."""
    text = re.sub(r"\s+", "", text).removeprefix("人民币").removeprefix("（").removeprefix("(")
    text = text.translate(_VARIANTS).replace("圆", "元").replace("正", "整")
    if not text or any(ch not in WORD_CHARS for ch in text):
        return None
    if text.count("整") > 1 or ("整" in text and not text.endswith("整")):
        return None
    text = text.removesuffix("整")
    if "元" not in text:
        if not text.endswith(("角", "分")):
            return None
        text = "元" + text  # under one yuan: 伍角, 伍分
    whole_text, _, fraction = text.partition("元")
    if "元" in fraction:
        return None
    whole = _integer(whole_text) if whole_text else 0
    if whole is None:
        return None
    jiao = fen = 0
    if fraction:
        m = re.fullmatch(rf"(?:([{DIGITS[1:]}])角)?(?:零?([{DIGITS[1:]}])分)?", fraction)
        if not m or not fraction or (m.group(1) is None and m.group(2) is None):
            return None
        if fraction.startswith("零") and m.group(1) is not None:
            return None
        jiao = _DIGIT_VALUE[m.group(1)] if m.group(1) else 0
        fen = _DIGIT_VALUE[m.group(2)] if m.group(2) else 0
    if not whole_text and not fraction:
        return None
    return (Decimal(whole) + Decimal(jiao) / 10 + Decimal(fen) / 100).quantize(_CENT)


def _group_words(value: int) -> str:
    """A group below 10000 in words, with 零 for inner zero runs (2005 -> 贰仟零伍)."""
    digits = f"{value:04d}"
    out: list[str] = []
    zero = False
    for pos, ch in enumerate(digits):
        d = int(ch)
        unit = _SMALL_UNIT_NAMES[3 - pos]
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + unit)
    return "".join(out)


def _integer_words(n: int) -> str:
    """A positive integer in words: groups of four joined by 万 and 亿, 零 where a lower group starts with zeros."""
    for scale, mark in ((10**8, "亿"), (10**4, "万")):
        if n >= scale:
            head, rest = divmod(n, scale)
            words = _integer_words(head) + mark
            if rest:
                words += ("零" if rest < scale // 10 else "") + _integer_words(rest)
            return words
    return _group_words(n)


def to_words(amount: Decimal | int | float | str) -> str:
    """A non-negative amount in 大写, as a bank writes it: 12500 -> 壹万贰仟伍佰元整, 10005.5 -> 壹万零伍元伍角整."""
    value = Decimal(str(amount)).quantize(_CENT, ROUND_HALF_UP)
    if value < 0 or value >= Decimal(10) ** 16:
        raise ValueError("amount out of range")
    whole = int(value)
    cents = int((value - whole) * 100)
    words = _integer_words(whole) if whole else ""
    jiao, fen = divmod(cents, 10)
    if whole:
        words += "元"
    if not jiao and not fen:
        return (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif whole:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    else:
        words += "整"
    return words


def parse_digits(text: str) -> Decimal | None:
    """The first amount in digits in a piece of text (12,000.00 or 12000 or 12，000.00), or None."""
    m = _DIGITS_RE.search(text.replace(" ", ""))
    if not m:
        return None
    try:
        return Decimal(m.group(0).replace(",", "").replace("，", "")).quantize(_CENT)
    except InvalidOperation:
        return None
