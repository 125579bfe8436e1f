"""What every income reader shares: a page's rows as text, fields that carry their page, and the small
matchers (first pattern, value after a label, ID number after its label, the last date, money)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from verify_service.pipeline.common import amounts
from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.common.layout import Row
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.types import MISSING, Field, OcrLine

# Any full date a document prints: 2026年10月8日, 2026-10-08, 2026.10.08, 2026/10/08 (not inside a longer number).
DATE_ANY = re.compile(r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2}))"
                      r"(?:(?!\d)|(?=\d{1,2}:\d{2}))")  # a time may follow with its space lost
MONEY = r"([+\-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|[+\-]?\d+(?:\.\d{1,2})?)"
_MONEY_ONLY = re.compile(r"^[¥￥]?\s*" + MONEY + r"\s*(?:元|圆)?$")
# What an employer's name ends in: a company's legal form, or the kind of institution, shop or works it is.
COMPANY_SUFFIX = ("有限责任公司|股份有限公司|有限公司|集团有限公司|集团|分公司|公司|银行|研究院|研究所|设计院|科学院"
                  "|大学|学院|中学|小学|幼儿园|学校|医院|保健院|卫生院|卫生服务中心|事务所|工厂|厂|商行|商店|店"
                  "|合作社|局|委员会|协会|基金会|出版社|报社|杂志社|电视台|馆|工作室|门诊部|诊所|药房"
                  "|控制中心|勘测中心|监测中心|检测中心|检验中心|服务中心|研究中心|医学中心|体检中心|培训中心|管理中心"
                  "|酒店|宾馆|农场|经营部|服务部|维修部|营业部|车行|坊")
_LEGAL_FORM = r"(?:[（(](?:普通合伙|特殊普通合伙|有限合伙|集团)[）)])?"
COMPANY = re.compile(rf"[\u4e00-\u9fff][\u4e00-\u9fff（）()]{{1,29}}?(?:{COMPANY_SUFFIX}){_LEGAL_FORM}")
_LEGAL_NAME = re.compile(rf"[\u4e00-\u9fff][\u4e00-\u9fff（）()]{{1,29}}?(?:有限责任公司|股份有限公司|有限公司)"
                         rf"{_LEGAL_FORM}")
_COMPANY_ONLY = re.compile(rf"^[\u4e00-\u9fff][\u4e00-\u9fff（）()]{{1,29}}?(?:{COMPANY_SUFFIX}){_LEGAL_FORM}$")
# Words that make a string a label, a heading or a sentence rather than a person's name.
_NOT_A_NAME = re.compile("姓名|工号|部门|岗位|职务|日期|月份|金额|工资|合计|证明|单位|公司|银行|身份|号码|账号"
                         "|户名|编号|地址|电话|先生|女士|同志|员工|本人|收入|证件|币种|期间|明细|摘要|余额|发放"
                         "|项目|备注|时间|主题|发件|收件|抄送|全部|所得|筛选|性别|出生|民族|职称|学历|科室")
# What may follow a name in a sentence or a row: a label, a title, the verb of the sentence, a bracket.
_AFTER_NAME = re.compile("先生|女士|同志|小姐|系|为|是|在|自|于|现|任|担任|身份|性别|工号|部门|职务|岗位|证件"
                         "|账号|卡号|币种|时间|日期|主题|人员编号|员工编号|编号|，|,|：|:|您好|你好")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,3}·[\u4e00-\u9fff]{1,6}$")


# Traditional forms the recogniser sometimes returns for the simplified characters mainland documents print.
_TRADITIONAL = str.maketrans("廈東門國華貿龍電銀長廣興際業發實資單號報證務標農滙匯陽雲灣粵"
                             "態區縣鎮濟產設計劃費財傳網絡軟體樂",
                             "厦东门国华贸龙电银长广兴际业发实资单号报证务标农汇汇阳云湾粤"
                             "态区县镇济产设计划费财传网络软体乐")


def simplified(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """OCR lines with traditional look-alikes mapped to the simplified characters the document prints."""
    return [replace(ln, text=ln.text.translate(_TRADITIONAL)) for ln in lines]


@dataclass(frozen=True)
class PageField(Field):
    """A field with the page (1-based) it was read from, and where on it when that is not the printed figure or
    text (`source` "seal": read from the rim of the company seal; "words": an amount read from its 大写 words)."""

    page: int | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        """The contract's field object plus its page (and its source when it is not the printed text)."""
        out = super().to_dict()
        if self.page is not None:
            out["page"] = self.page
        if self.source is not None:
            out["source"] = self.source
        return out


def _row_joined(row: Row) -> str:
    """A row's text without white space, but with a space between boxes where digits meet digits."""
    out = ""
    for line in row.lines:
        text = re.sub(r"\s+", "", line.text)
        out += (" " if out[-1:].isdigit() and text[:1].isdigit() else "") + text
    return out


@dataclass(frozen=True)
class PageText:
    """One page's rows in reading order."""

    page: int
    rows: list[Row]

    @property
    def joined(self) -> str:
        """The page's text with line breaks removed, so that wrapped sentences read as one."""
        return "".join(re.sub(r"\s+", "", r.text) for r in self.rows)

    @property
    def spaced(self) -> str:
        """`joined`, but with a space between two boxes of a row where digits meet digits (1900.00 | 14,500.00), so
        that amounts side by side in a table stay apart."""
        return "".join(_row_joined(r) for r in self.rows)

    def dates(self) -> list[tuple[str, int, int]]:
        """Every full date on the page as (ISO date, start, end) in `joined`: those read across line breaks, and
        those that the digits ending the row or the box before run into once rows and boxes are joined (电话：…1704 |
        2026.9.22 on two rows, or in two boxes of one row)."""
        found = dates_in(self.joined)
        starts = {start for _, start, _ in found}
        offset = 0
        for row in self.rows:
            hits, at = dates_in(re.sub(r"\s+", "", row.text)), 0
            for line in row.lines:
                piece = re.sub(r"\s+", "", line.text)
                hits += [(iso, at + start, at + end) for iso, start, end in dates_in(piece)]
                at += len(piece)
            for iso, start, end in hits:
                if offset + start not in starts:
                    found.append((iso, offset + start, offset + end))
                    starts.add(offset + start)
            offset += at
        return sorted(found, key=lambda hit: hit[1])

    @property
    def score(self) -> float:
        return float(min((r.score for r in self.rows), default=0.0))


# A date in Chinese numerals, as letters are often dated: 二〇二六年十一月三日 (OCR reads 〇 as ○, O or 0 too).
_CN_DIGIT = "〇零○Oo0一二三四五六七八九"
_CN_COUNT = "[一二三四五六七八九十]{1,3}"
DATE_CN = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年\s*({_CN_COUNT})\s*月\s*({_CN_COUNT})\s*[日号]")


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _cn_number(text: str) -> int | None:
    """一 .. 三十一 as a number (十 is ten, 十二 twelve, 二十 twenty, 二十三 twenty-three), or None."""
    if "十" not in text:
        return _CN_VALUE.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_VALUE) or (ones and ones not in _CN_VALUE):
        return None
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def _cn_date(m: re.Match) -> str | None:
    year = "".join(str(_CN_VALUE.get(c, 0)) for c in m.group(1))  # 〇, ○, O and 0 are all zero
    month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
    return iso_date(year, str(month), str(day)) if month and day else None


# A date in English, as bilingual letters and payslips print it: 28 Sep 2026, 28 September 2026, Sep 28, 2026.
_MONTHS_EN = {m[:3].lower(): i for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July",
                                                      "August", "September", "October", "November", "December"), 1)}
_MONTH_EN = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_EN = re.compile(rf"(?<![\dA-Za-z])(\d{{1,2}})(?:st|nd|rd|th)?\s*{_MONTH_EN},?\s*(\d{{4}})(?!\d)"
                     rf"|(?<![A-Za-z]){_MONTH_EN}\s*(\d{{1,2}})(?:st|nd|rd|th)?,?\s*(\d{{4}})(?!\d)", re.IGNORECASE)


# A date day first with dots, as SAP and other European payroll systems print it (15.09.2026): the year last, so
# it cannot be read as year-month-day.
DATE_DMY_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")


# A bank statement's short English date, day first: 24OCT26, 24-OCT-2026, 01 Jul 26 (OCR reads the O of OCT and NOV
# as 0).
DATE_EN_COMPACT = re.compile(r"(?<![\dA-Za-z])(\d{1,2})[\s\-]?(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|[O0]CT|N[O0]V|DEC)"
                             r"[A-Z]{0,6}\.?[\s\-]?(\d{4}|\d{2})(?!\d)", re.IGNORECASE)


def en_compact_date(m: re.Match) -> str | None:
    """The ISO date of a DATE_EN_COMPACT match (a two-digit year is 20yy)."""
    number = _MONTHS_EN.get(m.group(2).replace("0", "o").lower())
    year = m.group(3) if len(m.group(3)) == 4 else "20" + m.group(3)
    return iso_date(year, str(number), m.group(1)) if number else None


def _en_date(m: re.Match) -> str | None:
    day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    number = _MONTHS_EN.get(month[:3].lower())
    return iso_date(year, str(number), day) if number else None


def dates_in(text: str) -> list[tuple[str, int, int]]:
    """Every real full date in a text, in digits, in Chinese numerals or in English, as (ISO date, start, end)."""
    out = []
    for m in DATE_ANY.finditer(text):
        y, mo, d = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
        iso = iso_date(y, mo, d)
        if iso:
            out.append((iso, m.start(), m.end()))
    for m in DATE_CN.finditer(text):
        iso = _cn_date(m)
        if iso:
            out.append((iso, m.start(), m.end()))
    for m in DATE_EN.finditer(text):
        iso = _en_date(m)
        if iso:
            out.append((iso, m.start(), m.end()))
    for m in DATE_DMY_DOTS.finditer(text):
        iso = iso_date(m.group(3), m.group(2), m.group(1))
        if iso:
            out.append((iso, m.start(), m.end()))
    starts = {start for _, start, _ in out}
    for m in DATE_EN_COMPACT.finditer(text):
        iso = en_compact_date(m)
        if iso and m.start() not in starts:
            out.append((iso, m.start(), m.end()))
    return sorted(out, key=lambda hit: hit[1])


def as_date(text: str) -> str | None:
    """The date a label's value states, or None."""
    found = dates_in(text)
    return found[0][0] if found else _compact_date(text)


def _compact_date(text: str) -> str | None:
    """A value that starts with 20261028, as some banks and payroll systems print a date (a time may follow with
    its space lost; OCR may have dropped one of its dots: 2026.1028), or None."""
    compact = re.match(r"\s*(20\d{2})[-./]?(\d{2})[-./]?(\d{2})(?:(?!\d)|(?=\d{1,2}:\d{2}))", text)
    return iso_date(*compact.groups()) if compact else None


# What a sentence or a form says about an organisation, never its name: 我公司, 本单位, 单位名称, 单位性质.
_NOT_A_COMPANY = re.compile("我|贵|本公司|本单位|该公司|该单位|其公司|有关|名称|性质|全称|类型|地址|担任|现任|仅供|用于"
                             "|办理|证明|部门")


# OCR reads a dash between two dates as 一 too (2026年8月1日一2026年8月31日)
_PERIOD_BEFORE = re.compile(r"(?:至|到|~|～|—|－|-|to|from|日\s*一)\s*$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"^\s*(?:至|到|~|～|—|－|-|to|一(?=\s*\d))(?!\S*\d{1,2}:\d{2})", re.IGNORECASE)


def _in_period(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] begins or ends a period (…至2026年9月30日, 01 Sep 2026 - …)."""
    return bool(_PERIOD_BEFORE.search(text[max(0, start - 6):start]) or _PERIOD_AFTER.match(text[end:end + 4]))


def as_single_date(text: str) -> str | None:
    """The first date in a value that is not an end of a period (01 Sep 2026 - 30 Sep 2026 05 Oct 2026 gives
    2026-10-05: a pay date printed beside the pay period), or None."""
    found = dates_in(text)
    if not found:
        return _compact_date(text)
    return next((iso for iso, start, end in found if not _in_period(text, start, end)), None)


def as_company(text: str) -> str | None:
    """An organisation's name (ending in 有限公司, 集团, 银行, ...) at the start of a value, or None."""
    compact = re.sub(r"[\s_＿]+", "", text).replace("(", "（").replace(")", "）").lstrip("（")
    compact = re.sub(r"^[A-Za-z]{0,3}\d{3,}(?=[\u4e00-\u9fff])", "", compact)  # a unit's code before its name
    m = COMPANY.match(compact)
    head = m.group(0) if m else ""
    if not m or _NOT_A_COMPANY.search(head) or (head.endswith("局") and len(head) < 5) \
            or (head.endswith("中心") and (len(head) < 7 or "部" in head)):
        return None  # a 客户服务中心 or 人力资源部…中心 is a department; an institution's 中心 or 局 has a longer name
    name = m.group(0)
    # A name that goes on to a company form (研究院 … 有限公司) is the whole name, not its first suffix.
    legal = _LEGAL_NAME.match(compact)
    if legal:
        return legal.group(0)
    # the company's full name runs to the last suffix in the value (…有限公司 rather than …公司 inside it)
    longer = _COMPANY_ONLY.match(compact)
    return longer.group(0) if longer else name


def as_person(text: str) -> str | None:
    """A person's name (2-4 Chinese characters, or a name with a middle dot) at the start of a value, or None:
    never a label, a heading or a sentence. The name ends where a label, a title (先生, 女士) or the sentence
    (系, 为, 在 ...) begins."""
    stripped = text.strip()
    first_token = stripped.split()[0] if stripped else ""
    rest = stripped[len(first_token):].strip()
    if rest and is_bare_name(first_token) and (_AFTER_NAME.match(rest) or re.match(r"[^\s:：]{0,6}[:：]", rest)):
        return first_token  # a name that white space and the next label end (冯磊轩 人员编号:...)
    compact = re.sub(r"[\s_＿]+", "", text)
    m = re.match(r"[\u4e00-\u9fff·]{2,12}", compact)
    if not m:
        return None
    candidate = m.group(0)
    if "·" in candidate:
        return candidate if _NAME.match(candidate) else None
    for size in (2, 3, 4):
        head, rest = candidate[:size], candidate[size:]
        if not _NAME.match(head) or _NOT_A_NAME.search(head):
            continue
        if not rest or _AFTER_NAME.match(rest):
            return head
    return None


# Common Chinese surnames (well over nine in ten people carry one of these), for a name printed with no label.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖萧田董潘袁蔡蒋余于杜叶程魏"
               "苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵"
               "万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊牛聂季单左詹符盛章骆毕葛苗童管鲁殷倪柳祝邢滕欧关"
               "华鲍岳舒饶卓蓝甘凌包霍房宁申车翟时封焦阮齐喻纪桂伍尚晏栾冉涂池费项安郎游温戚卜储吉翁凤俞巫应"
               "谷米梅仇褚佟冷麦隋全艾沙鞠屈蒙丛穆宫谈邬解农连明宗裴窦商")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
                     "司徒", "夏侯", "端木", "西门", "南宫")


def is_bare_name(token: str) -> bool:
    """A token that is a person's name on its own (no label beside it): a name that starts with a common
    surname."""
    if as_person(token) != token or "·" in token:
        return False
    return token[0] in SURNAMES or token[:2] in COMPOUND_SURNAMES


def as_amount(text: str) -> float | None:
    """A value that is an amount of money and nothing else (¥12,000.00, 12000元), or None: never a run of ten
    digits or more (an ID, account or serial number)."""
    m = _MONEY_ONLY.match(re.sub(r"\s+", "", text).replace("人民币", "").replace("RMB", ""))
    if not m or len(re.sub(r"\D", "", m.group(1).split(".")[0])) >= 10:
        return None
    return money(m.group(1))


def money(text: str) -> float | None:
    """A digits amount as a float of yuan, or None."""
    value = amounts.parse_digits(text)
    return None if value is None else float(value)


def first(pages: Sequence[PageText], pattern: str | re.Pattern, group: int = 1) -> tuple[str, int, float] | None:
    """First match of a pattern in the joined text of any page: (text, page, confidence)."""
    for page in pages:
        m = re.search(pattern, page.joined)
        if m:
            return m.group(group), page.page, page.score
    return None


ID_LABELS = "公民身份号码|身份证号码|身份证号|身份证件号码|证件号码|证件号|身份证"
_STANDALONE_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def _plausible_id(number: str) -> bool:
    """A number that can be an ID number: right checksum, a province, a real birth date."""
    return (idnumber.is_checksum_valid(number) and idnumber.province_of(number) is not None
            and idnumber.birth_date_of(number) is not None)


def id_after_label(pages: Sequence[PageText]) -> Field:
    """The ID number after 身份证号/证件号码 (it may wrap onto the next line), else a standalone 18-character
    number anywhere that is a plausible ID number (never one assembled from a run of amounts or dates)."""
    for page in pages:
        text = page.joined
        for m in re.finditer(ID_LABELS, text):
            # the characters an ID number (or OCR's look-alikes of its digits) can be made of, up to the first
            # other one: a masked number (420106****9281) is no number, and the next field's digits are not its
            value = re.match(r"[:：\s]*([0-9OoDQIlSBZGbXx×\s]{18,26})", text[m.end():])
            found = idnumber.find_id_number(value.group(1)) if value else None
            if found:
                return PageField(found, page.score, page.page)
    for page in pages:
        for row in page.rows:
            for line in row.lines:  # one box at a time: neighbouring cells never make up a number
                for m in _STANDALONE_ID.finditer(line.text.replace(" ", "")):
                    number = m.group(0).upper()
                    if _plausible_id(number):
                        return PageField(number, line.score, page.page)
    return MISSING


# the label of a date that is when a document was printed or produced, not when it was issued or paid
OTHER_DATE = r"(?:打印|制表|制单|生成|导出|下载|查询|申请)(?:日期|时间)[:：]?$"
NOT_ISSUED = r"(?:自|从|入职|入司|出生|开户|开立|签订|起始|期间|区间|查询)[^0-9]{0,4}$"


def last_date(pages: Sequence[PageText], before: str = NOT_ISSUED, after: str = r"^\s*起") -> Field:
    """The last full date in the document (where letters sign and date): any written form; dates that are part
    of a period, a start or a birth date (`before` matches the text before it, `after` the text after it) are
    passed over."""
    best = None
    for page in pages:
        text = page.joined
        for iso, start, end in page.dates():
            if re.search(before, text[max(0, start - 8):start]) or re.search(after, text[end:end + 2]) \
                    or _in_period(text, start, end):
                continue
            best = PageField(iso, page.score, page.page)
    return best or MISSING


_OTHER_DATE = re.compile(OTHER_DATE)


def date_before(pages: Sequence[PageText], words: str) -> Field:
    """The first full date that one of `words` follows closely (2026年9月15日发放), unless a label names it as
    another date (打印日期：2026.10.31 over a title 工资发放明细单)."""
    for page in pages:
        text = page.joined
        for iso, start, end in page.dates():
            if _OTHER_DATE.search(text[max(0, start - 8):start]):
                continue
            if re.match(rf"[^0-9]{{0,2}}(?:{words})", text[end:end + 6]):
                return PageField(iso, page.score, page.page)
    return MISSING


def letterhead_company(pages: Sequence[PageText], above: str | None = None) -> Field:
    """An organisation named in the first rows of page 1 (a letterhead or a title line), above the first row that
    holds `above` (a document's own title) when given."""
    if not pages:
        return MISSING
    for row in pages[0].rows[:3]:
        if above is not None and above in row.text:
            break
        # a logo's short name beside the full name (太湖 | 无锡太湖半导体有限公司) is not part of it; a name the
        # detector cut in two (北京星河 | 数据科技有限公司) is one
        for short, full in itertools.pairwise(row.lines):
            name = as_company(full.text)
            if name and re.sub(r"\s+", "", short.text) in name:
                return PageField(name, full.score, pages[0].page)
        name = as_company(row.text)
        if name:
            return PageField(name, row.score, pages[0].page)
    return MISSING


def last_company(pages: Sequence[PageText]) -> Field:
    """The last organisation named in the document (a signature block or a sign-off); a bank named at the foot is
    the addressee, not the employer."""
    for page in reversed(pages):
        for row in reversed(page.rows):
            name = as_company(row.text)
            if name and not name.endswith("银行"):
                return PageField(name, row.score, page.page)
    return MISSING


def labelled(pages: Sequence[PageText], labels: Sequence[str], accept: Callable[[str], object | None],
             below: int = 2) -> Field:
    """A field from the first page where one of `labels` has a value `accept` takes (table.label_value)."""
    from verify_service.pipeline.common.table import label_value

    for page in pages:
        hit = label_value(page.rows, labels, accept, below)
        if hit is not None:
            return PageField(hit[0], hit[1], page.page)
    return MISSING


_GREETINGS = (re.compile(r"(?:尊敬的|亲爱的|收件人[:：]?|致[:：])([\u4e00-\u9fff·]{2,8})"),
              re.compile(r"([\u4e00-\u9fff·]{2,4})(?:先生|女士)?[，,]?(?:您好|你好)"),
              re.compile(r"(?:您好|你好)[，,]\s*([\u4e00-\u9fff·]{2,4}?)(?:先生|女士)?[!！]"),
              re.compile(r"(?:^|[】\]。！!])\s*([\u4e00-\u9fff·]{2,4}?)(?:先生|女士)?[，,]\s*您"))  # 【公司】X，您…


def addressee(pages: Sequence[PageText]) -> Field:
    """The person a mail, a text message or an online bank's page greets (尊敬的X：, X，您好, 您好，X！, 【公司】X，
    您…, 收件人：X)."""
    for page in pages:
        for pattern in _GREETINGS:
            for m in pattern.finditer(page.joined):
                person = as_person(m.group(1))
                if person:
                    return PageField(person, page.score, page.page)
    return MISSING
