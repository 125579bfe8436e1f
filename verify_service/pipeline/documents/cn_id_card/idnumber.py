"""Chinese resident ID numbers (GB 11643-1999): normalisation of OCR output and validation."""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Province-level prefixes of GB/T 2260 county codes; 71/81/82 Taiwan, Hong Kong, Macao; 83 and 91 occur on
# residence permits and foreign permanent residence cards (2023 format).
PROVINCES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
    "71": "台湾", "81": "香港", "82": "澳门", "83": "台湾居民居住证", "91": "外国人永久居留身份证",
}
# \Z, not $: `$` also matches before a trailing newline, so "…X\n" passed; [0-9], not \d: \d takes any Unicode
# digit (Arabic-Indic ٣ and the like), which no ID number holds.
ID_RE = re.compile(r"[0-9]{17}[0-9X]\Z")
# Characters OCR commonly returns for digits and for the check character X on the number line.
_CONFUSIONS = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "I": "1", "l": "1", "|": "1", "i": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6",
    "x": "X", "×": "X", "✕": "X", "Ⅹ": "X", "χ": "X", "ｘ": "X", "Ｘ": "X",
})
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"}


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def normalise(text: str) -> str:
    """OCR text of a number line with digit look-alikes mapped to digits, spaces and punctuation removed."""
    text = text.translate(_FULLWIDTH).translate(_CONFUSIONS)
    return re.sub(r"[^0-9X]", "", text)


def find_id_number(text: str) -> str | None:
    """The 18-character ID number in a piece of OCR text, preferring one whose checksum holds."""
    cleaned = normalise(text)
    candidates = [cleaned[i:i + 18] for i in range(0, max(0, len(cleaned) - 17))]
    candidates = [c for c in candidates if ID_RE.match(c)]
    if not candidates:
        return None
    for cand in candidates:
        if is_checksum_valid(cand):
            return cand
    return candidates[0]


def is_checksum_valid(number: str) -> bool:
    """True when the 18th character is the MOD 11-2 check of the first 17."""
    return bool(ID_RE.match(number)) and check_char(number[:17]) == number[17]


def birth_date_of(number: str) -> dt.date | None:
    """The birth date encoded in positions 7-14, or None when it is not a real date."""
    try:
        return dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def sex_of(number: str) -> str:
    """男 for an odd sequence digit (position 17), 女 for even."""
    return "男" if int(number[16]) % 2 == 1 else "女"


def province_of(number: str) -> str | None:
    """The province-level region of the address code, or None for an unassigned prefix."""
    return PROVINCES.get(number[:2])


def mask(number: str | None) -> str | None:
    """An ID number as it may appear in logs and lists: 110108********001X."""
    if not number:
        return number
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
