"""Tables and key-value pairs from OCR geometry, for documents whose layout is not known in advance.

A table is found by its header row (the row whose cells name the most columns of a vocabulary); column extents
come from the header cells, each value row is anchored by a cell of its anchor column (a date, a month), and
every other cell joins the nearest anchor above or below it (cells that wrap onto two lines stay in their
record) and the column whose extent holds its centre. A key-value pair is a label followed by its value on the
same line (after a colon), in the next cell of the row, or on the line below (a signature block)."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from verify_service.pipeline.common.layout import PlacedLine, Row

T = TypeVar("T")
_PUNCT = re.compile(r"[\s:：()（）\[\]【】_＿|｜/／·.,，、;；\-—]+")
# Text that follows a label before its value: a colon, a bracketed remark such as （盖章）, blanks to fill in.
# what stands between a label and its value: a colon, blanks, a bracketed remark (（全称）), or the closing bracket of
# a label that was itself in brackets (甲方（用人单位）：)
_LEAD = re.compile(r"^(?:[\s:：_＿）)]|[（(][^）)]{0,6}[）)])+")


def normalise(text: str) -> str:
    """Text without white space and punctuation, for comparing labels."""
    return _PUNCT.sub("", text)


@dataclass(frozen=True)
class Cell:
    """A piece of text with its extent in page coordinates (a whole OCR line or one token of it)."""

    text: str
    left: float
    right: float
    cy: float
    height: float
    score: float
    merged: bool = False  # one of several tokens of one OCR line

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def join_wrapped(parts: Sequence[str]) -> str:
    """A cell's pieces as one text: Chinese that wraps onto the next line joins without a space."""
    out = ""
    for part in parts:
        if out and not (_cjk(out[-1]) and part and _cjk(part[0])):
            out += " "
        out += part
    return out


def _width(token: str) -> float:
    """A token's width in CJK character widths (Latin letters and digits are about half as wide)."""
    return sum(1.0 if _cjk(ch) else 0.55 for ch in token)


# A date printed with spaces inside it is one token, not three cells: 01 Jul 2026, Jul 1, 2026, 2026 年 7 月 1 日;
# so is an amount with its credit/debit mark after a space (8,500.00 CR, 120.50 DR). An amount or an account number
# that runs into the next cell's Chinese text with no space (23143.00杭州青禾…, 6051…2015薪资) is a cell of its own.
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|0ct|Nov|Dec)[a-z]{0,6}\.?"
_TOKEN = re.compile(rf"\d{{1,2}}\s{_MONTH_WORD},?\s\d{{2,4}}(?!\d)|{_MONTH_WORD}\s\d{{1,2}},?\s\d{{4}}"
                    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-+]?\d[\d,]*\.\d{2}\s(?:CR|DR)(?![A-Z])"
                    r"|[-+]?\d[\d,]*\.\d{2}(?=[\u4e00-\u9fff])(?![元万])|\d{8,}(?=[\u4e00-\u9fff])|\S+",
                    re.IGNORECASE)


def cells_of(line: PlacedLine) -> list[Cell]:
    """A line as cells: tokens separated by white space (cells the detector merged into one box) are split, each
    given its share of the line's width by character widths; a date with spaces in it stays one token."""
    tokens = _TOKEN.findall(line.text)
    if len(tokens) <= 1:
        return [Cell(line.text.strip(), line.left, line.right, line.cy, line.height, line.score)]
    widths = [_width(t) for t in tokens]
    gap = 1.0  # a space is about one character wide
    total = sum(widths) + gap * (len(tokens) - 1)
    unit = (line.right - line.left) / max(total, 1e-6)
    cells, x = [], line.left
    for token, w in zip(tokens, widths):
        cells.append(Cell(token, x, x + w * unit, line.cy, line.height, line.score, merged=True))
        x += (w + gap) * unit
    return cells


def row_cells(row: Row) -> list[Cell]:
    """Every cell of a row, left to right."""
    return sorted((c for line in row.lines for c in cells_of(line)), key=lambda c: c.left)


@dataclass(frozen=True)
class Column:
    """A table column: the vocabulary key its header names (None when it names none) and its extent."""

    key: str | None
    label: str
    left: float
    right: float


@dataclass
class Record:
    """One value row of a table: the text of each column it fills, keyed by vocabulary key (and by header label
    for columns no key names), with the lowest OCR score among its cells."""

    cells: dict[str, str] = field(default_factory=dict)
    score: float = 1.0
    cy: float = 0.0

    def get(self, key: str) -> str | None:
        return self.cells.get(key)


@dataclass
class Table:
    """A header and the records under it, on one page."""

    columns: list[Column]
    records: list[Record]
    header_cy: float

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


def column_key(text: str, vocabulary: Mapping[str, Sequence[str]]) -> str | None:
    """The vocabulary key a header cell names: the one whose longest synonym the cell's text equals or holds."""
    norm = normalise(text)
    if not norm or len(norm) > 12:
        return None
    best, best_len = None, 0
    for key, synonyms in vocabulary.items():
        for synonym in synonyms:
            s = normalise(synonym)
            if s and s in norm and len(s) > best_len:
                best, best_len = key, len(s)
    return best


def split_cell(cell: Cell, pieces: Sequence[str]) -> list[Cell]:
    """A cell cut into consecutive pieces of its text, each given its share of the width by character widths."""
    total = sum(_width(p) for p in pieces) or 1.0
    unit = (cell.right - cell.left) / total
    out, x = [], cell.left
    for piece in pieces:
        w = _width(piece) * unit
        out.append(Cell(piece, x, x + w, cell.cy, cell.height, cell.score, merged=True))
        x += w
    return out


def _synonyms(vocabulary: Mapping[str, Sequence[str]]) -> list[str]:
    """Every column name of a vocabulary (normalised, two characters or more), longest first."""
    return sorted({normalise(s) for names in vocabulary.values() for s in names if len(normalise(s)) >= 2},
                  key=len, reverse=True)


def _header_cells(row: Row, vocabulary: Mapping[str, Sequence[str]], synonyms: Sequence[str]) -> list[Cell]:
    """A header row's cells: pieces of one header the detector split are joined (they overlap), and two headers
    it merged into one box (应发工资社保个人) are cut where the second one's name begins."""
    merged: list[Cell] = []
    for cell in row_cells(row):
        last = merged[-1] if merged else None
        if last is not None and cell.left < last.right - 0.5 * min(cell.right - cell.left, last.right - last.left):
            merged[-1] = Cell(last.text + cell.text, last.left, max(last.right, cell.right), last.cy,
                              last.height, min(last.score, cell.score))
            continue
        merged.append(cell)
    out: list[Cell] = []
    for cell in merged:
        text = normalise(cell.text)
        whole = max((len(s) for s in synonyms if s in text), default=0)
        cuts = sorted({text.find(s) for s in synonyms if text.find(s) > 0}) if whole < len(text) else []
        cut = next((c for c in cuts if column_key(text[:c], vocabulary) and column_key(text[c:], vocabulary)), None)
        out += split_cell(cell, [text[:cut], text[cut:]]) if cut else [cell]
    return out


_AMOUNTS = re.compile(r"[+\-]?\d{1,3}(?:,\d{3})*\.\d{2}|[+\-]?\d+\.\d{2}")


def _value_cells(cells: Sequence[Cell], columns: Sequence[Column]) -> list[Cell]:
    """A row's cells with amounts the detector merged into one box (27450.002470.50) cut apart when the box
    spans several columns."""
    out: list[Cell] = []
    for cell in cells:
        compact = cell.text.replace(" ", "")
        amounts = _AMOUNTS.findall(compact)
        spans = _column_of(cell.left + 1, columns) != _column_of(cell.right - 1, columns)
        if len(amounts) >= 2 and "".join(amounts) == compact and spans:
            out += split_cell(cell, amounts)
        else:
            out.append(cell)
    return out


_VALUE_LIKE = re.compile(r"\d[\d,]*\.\d{2}|\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}|\d{5,}|^\s*[+\-]?\d[\d,]*\s*$")


def _overlaps(a: Cell, b: Cell) -> bool:
    """Whether two cells share some of their horizontal extent."""
    return a.left < b.right and b.left < a.right


def _columns(cells: Sequence[Cell], vocabulary: Mapping[str, Sequence[str]]) -> list[Column]:
    """Header cells as columns, each with the vocabulary key it names."""
    return [Column(column_key(c.text, vocabulary), c.text, c.left, c.right) for c in cells]


def _spans(cell: Cell, others: Sequence[Cell]) -> int:
    """How many of `others` have their centre within the cell's extent."""
    return sum(cell.left < o.cx < cell.right for o in others)


def _no_values(cells: Sequence[Cell]) -> bool:
    """A row of names only: no amount, date or number, no "label: value" text."""
    return not any(_VALUE_LIKE.search(c.text) or re.search("[:：]", c.text) for c in cells)


def _joins_header(cells: Sequence[Cell], header: Sequence[Cell], vocabulary: Mapping[str, Sequence[str]]) -> bool:
    """Whether a row next to the header row is part of a two-level header: no values and no "label: value" text,
    and at least half its cells name a column or head a group of the header row's cells."""
    if not cells or not _no_values(cells):
        return False
    named = sum(bool(column_key(c.text, vocabulary)) or _spans(c, header) >= 2 for c in cells)
    return named >= max(1, len(cells) / 2)


def _header_band(rows: Sequence[Row], index: int, cells_of_row: Callable[[int], list[Cell]],
                 vocabulary: Mapping[str, Sequence[str]]) -> tuple[int, list[Cell]]:
    """A header of two or three rows: group headings (应发项目, 扣款项目) over the items they group, and cells merged
    across the rows (姓名, 实发工资) that sit on one of them. The header row (the one naming the most columns) gives
    the columns; a cell of the rows right above or below it that `_joins_header` joins adds a column where the
    header row has none (a merged cell), and is a group heading, passed over, where it overlaps one of the header
    row's cells. Returns the band's last row index and its cells, left to right."""
    band = [index]
    height = max(rows[index].height, 1.0)
    header = cells_of_row(index)

    def completes(cells: list[Cell]) -> bool:
        """A row of the same header adds a column where the header row has none, or heads a group of its cells;
        a row whose cells all sit under the header row's cells names the fields of a record's second line."""
        return any(_spans(c, header) >= 2 or not any(_overlaps(c, h) for h in header) for c in cells)

    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(rows) and len(band) < 3 and abs(rows[i].cy - rows[i - step].cy) <= 2.2 * height \
                and _joins_header(cells_of_row(i), header, vocabulary) and completes(cells_of_row(i)):
            band = [*band, i] if step > 0 else [i, *band]
            i += step
    cells = list(cells_of_row(index))
    for i in band:
        if i == index:
            continue
        cells += [cell for cell in cells_of_row(i) if not any(_overlaps(cell, c) for c in cells)]
    return band[-1], sorted(cells, key=lambda c: c.left)


def find_header(rows: Sequence[Row], vocabulary: Mapping[str, Sequence[str]],
                min_keys: int = 3) -> tuple[int, list[Column]] | None:
    """The header (the index of its last row, and its columns): the first row naming the most distinct vocabulary
    keys, at least `min_keys` of them, with the rows of a two-level header next to it (see _header_band)."""
    best: tuple[int, int] | None = None
    synonyms = _synonyms(vocabulary)
    cache: dict[int, list[Cell]] = {}

    def cells_of_row(i: int) -> list[Cell]:
        if i not in cache:
            cache[i] = _stacked_in_row(_header_cells(rows[i], vocabulary, synonyms))
        return cache[i]

    stacked: tuple[int, int, list[Cell]] | None = None  # (keys, last row, cells) of labels set on two lines
    for index in range(len(rows)):
        keys = {column_key(c.text, vocabulary) for c in cells_of_row(index)} - {None}
        if len(keys) >= min_keys and (best is None or len(keys) > best[0]):
            best = (len(keys), index)
        if index + 1 < len(rows) and rows[index + 1].cy - rows[index].cy <= 1.6 * max(rows[index].height, 1.0):
            cells = _stack(cells_of_row(index), cells_of_row(index + 1))
            count = len({column_key(c.text, vocabulary) for c in cells} - {None})
            if count >= min_keys and count > len(keys) and (stacked is None or count > stacked[0]):
                stacked = (count, index + 1, cells)
    if stacked is not None and (best is None or stacked[0] > best[0]):
        return stacked[1], _columns(stacked[2], vocabulary)
    if best is None:
        return None
    last, cells = _header_band(rows, best[1], cells_of_row, vocabulary)
    return last, _columns(cells, vocabulary)


def panel_split(cols: Sequence[Column], min_keys: int = 3) -> float | None:
    """The x that parts a page printed as two panels side by side (a compact statement: 交易日期 | 摘要 | 交易金额 |
    余额 | 交易日期 | 摘要 | 交易金额 | 余额), whose header columns `cols` name the same keys twice in a row; None
    otherwise."""
    half = len(cols) // 2
    keys = [c.key for c in cols]
    if len(cols) % 2 or half < min_keys or keys[:half] != keys[half:] or None in keys:
        return None
    return (cols[half - 1].right + cols[half].left) / 2


def panels(rows: Sequence[Row], split: float) -> list[list[Row]]:
    """The rows of each side of a page printed as two panels, left then right."""
    sides: list[list[Row]] = [[], []]
    for row in rows:
        for side, keep in enumerate((lambda x: x < split, lambda x: x >= split)):
            lines = tuple(line for line in row.lines if keep(line.cx))
            if lines:
                sides[side].append(Row(lines))
    return sides


def _one_label(upper: Cell, lower: Cell) -> Cell:
    """The two lines of one header label (应发 over 工资) as one cell."""
    return Cell(upper.text + lower.text, min(upper.left, lower.left), max(upper.right, lower.right),
                (upper.cy + lower.cy) / 2, upper.height + lower.height, min(upper.score, lower.score))


def _stacked_in_row(cells: Sequence[Cell]) -> list[Cell]:
    """A row's cells with the two lines of one label that the row took in together (基本 over 工资, one box above
    the other at the same place) made one cell, upper line first."""
    out: list[Cell] = []
    for cell in sorted(cells, key=lambda c: (c.left, c.cy)):
        prev = out[-1] if out else None
        if prev is not None and _overlaps(prev, cell) and abs(prev.cx - cell.cx) < 0.3 * (prev.right - prev.left) \
                and abs(prev.cy - cell.cy) > 0.5 * min(prev.height, cell.height):
            out[-1] = _one_label(*((prev, cell) if prev.cy < cell.cy else (cell, prev)))
        else:
            out.append(cell)
    return out


def _stack(upper: Sequence[Cell], lower: Sequence[Cell]) -> list[Cell]:
    """Header labels a narrow column sets on two lines (应发 over 工资): each upper cell with the lower cell under
    it appended, and the lower cells under no upper cell as they are."""
    out = []
    for cell in upper:
        under = [c for c in lower if _overlaps(c, cell) and abs(c.cx - cell.cx) < 0.5 * max(cell.right - cell.left,
                                                                                            c.right - c.left)]
        out.append(_one_label(cell, under[0]) if len(under) == 1 else cell)
    out += [c for c in lower if not any(_overlaps(c, u) for u in upper)]
    return sorted(out, key=lambda c: c.left)


def _column_of(x: float, columns: Sequence[Column]) -> int:
    """The column whose extent (reaching halfway to its neighbours) holds x."""
    for i in range(len(columns) - 1):
        if x < (columns[i].right + columns[i + 1].left) / 2:
            return i
    return len(columns) - 1


def _text_column(column: int, cols: Sequence[Column], numeric_keys: Collection[str]) -> int:
    """For a cell with no digits that fell in a money column (its header centred over values printed flush left
    or right of it): the neighbouring column that holds text, right first; the same column when neither does."""
    for other in (column + 1, column - 1):
        if 0 <= other < len(cols) and cols[other].key not in numeric_keys:
            return other
    return column


def _beyond(cell: Cell, last: Column, shift: float) -> bool:
    """A cell that starts well right of the last header cell (by more than that cell's width, and two
    characters at least): the value of a column whose header is missing, not of the last column."""
    return cell.left - shift > last.right + max(last.right - last.left, 2 * cell.height)


def _owner(anchors: Sequence[Cell], cell: Cell, two_lines: bool, spacing: float) -> int | None:
    """The record (index of its anchor) a cell belongs to, or None for a cell outside every record. Under a
    two-line header every record starts on its anchor row and goes on below it; otherwise a record is one line,
    its wrapped cells on either side of its anchor. (A list whose item lines come before their dated lines has no
    header and is read elsewhere: statement._list_rows.)"""
    if two_lines:
        above = [i for i, a in enumerate(anchors) if a.cy <= cell.cy + 0.6 * a.height]
        if above and cell.cy - anchors[above[-1]].cy <= 0.9 * spacing:
            return above[-1]
        return None
    nearest = min(range(len(anchors)), key=lambda i: abs(anchors[i].cy - cell.cy))
    return nearest if abs(anchors[nearest].cy - cell.cy) <= 0.6 * spacing else None


def read_table(rows: Sequence[Row], vocabulary: Mapping[str, Sequence[str]], anchor_key: str,
               anchor: re.Pattern, min_keys: int = 3, columns: Sequence[Column] | None = None,
               numeric_keys: Collection[str] = ()) -> Table | None:
    """The table on a page: its header (or, for a page that continues a table without repeating the header,
    the given `columns`), and one record per cell of the anchor column that matches `anchor`. A cell without a
    digit never lands in a column of `numeric_keys` (money) when a text column is next to it."""
    found = find_header(rows, vocabulary, min_keys)
    if found is not None:
        start, cols = found[0] + 1, found[1]
        header_cy = rows[found[0]].cy
    elif columns is not None:
        start, cols, header_cy = 0, list(columns), float("-inf")
    else:
        return None
    anchor_col = next((i for i, c in enumerate(cols) if c.key == anchor_key), None)
    # A second header line names the fields of each record's second line (对方户名 | 对方账号 | 附言 under 交易日期 |
    # 交易金额 | 余额), as statements print records of two lines.
    second: list[Column] | None = None
    if found is not None and start < len(rows):
        cells = row_cells(rows[start])
        if len({column_key(c.text, vocabulary) for c in cells} - {None}) >= 2 and _no_values(cells):
            second = _columns(cells, vocabulary)
            start += 1
    body = [_value_cells(row_cells(r), cols) for r in rows[start:]]
    anchors: list[Cell] = []
    for cells in body:
        # the cell of the anchor column that matches; in a photo, perspective may move a lower row's anchor into
        # the next column, so a match one column off counts when the anchor column itself has none
        hits = [c for c in cells if anchor.search(c.text)]
        if anchor_col is not None:
            hits = sorted((c for c in hits if abs(_column_of(c.cx, cols) - anchor_col) <= 1),
                          key=lambda c: _column_of(c.cx, cols) != anchor_col)
        if hits:
            anchors.append(hits[0])
    if not anchors:
        return Table(cols, [], header_cy)
    gaps = [b.cy - a.cy for a, b in itertools.pairwise(anchors)]
    spacing = statistics.median(gaps) if gaps else 2.5 * anchors[0].height
    records = [Record(cy=a.cy) for a in anchors]
    parts: list[list[tuple[tuple[bool, int], Cell]]] = [[] for _ in anchors]  # ((on the second line, column), cell)
    # A photo's perspective moves lower rows sideways against the header: each record's cells are placed after
    # taking out its anchor cell's drift from the anchors' usual offset under their header cell.
    offsets = [a.left - cols[anchor_col].left if anchor_col is not None else 0.0 for a in anchors]
    usual = statistics.median(offsets)
    shifts = [o - usual for o in offsets]
    for cells in body:
        if found is not None and len({column_key(c.text, vocabulary) for c in cells} - {None}) >= min_keys:
            continue  # the header repeated further down
        # A record that came from one merged OCR line with one token per column: assign tokens in order.
        by_order = len(cells) == len(cols) and all(c.merged for c in cells)
        for position, cell in enumerate(cells):
            owner = _owner(anchors, cell, second is not None, spacing)
            if owner is None:
                continue
            on_second = second is not None and cell.cy > anchors[owner].cy + 0.6 * anchors[owner].height
            grid = second if on_second and second is not None else cols
            column = position if by_order and not on_second else _column_of(cell.cx - shifts[owner], grid)
            if grid[column].key in numeric_keys and not re.search(r"\d", cell.text):
                column = _text_column(column, grid, numeric_keys)
            if column == len(grid) - 1 and _beyond(cell, grid[-1], shifts[owner]):
                column = len(grid)  # a column whose header the OCR lost, right of the last one it read
            parts[owner].append(((on_second, column), cell))
    for record, assigned, cell in zip(records, parts, anchors):
        by_column: dict[tuple[bool, int], list[Cell]] = {}
        for place, part in assigned:
            by_column.setdefault(place, []).append(part)
        for (on_second, col), cells in by_column.items():
            text = join_wrapped([c.text for c in sorted(cells, key=lambda c: (round(c.cy / max(c.height, 1)), c.left))])
            grid = second if on_second and second is not None else cols
            column_of = grid[col] if col < len(grid) else Column(None, "?", grid[-1].right, grid[-1].right)
            key = column_of.key or f"label:{normalise(column_of.label)}"
            # a field named on both lines of a two-line record keeps both texts; on one line the last column wins
            joined = on_second and key in record.cells
            record.cells[key] = join_wrapped([record.cells[key], text]) if joined else text
        if anchor_col is not None:
            # an anchor the detector merged with the next cell (2026年9月27日北京星河…) still dates its record
            record.cells.setdefault(anchor_key, cell.text)
        record.score = min((c.score for _, c in assigned), default=0.0)
    return Table(cols, records, header_cy)


# ---- key-value pairs ----

# Words that make a label another party's or another date's: 对方户名 is not the account holder's 户名, 入职日期
# is not the document's 日期, nor is a letter's 合同签订日期; a dispatched worker's 用工单位 (the client) is not the
# employer, nor is a building site's 总承包单位 (the general contractor) that of a worker the 劳务分包单位 employs.
_OTHERS = r"(?<!对方|收款|付款|对手|入职|出生|起始|开始|生效|到期|截止|发件|收件|用工|承包|合同)"


# An English gloss after a Chinese label (Name, Total Gross, Pay Date), up to its colon, its value or the end.
_GLOSS = re.compile(r"^[A-Za-z][A-Za-z.'&/\- ]{0,30}?(?=\s*[:：]|\s*$|\s+[\d¥￥\u4e00-\u9fff])")


# What may stand between a label's characters: spaces, or the symbol OCR reads a full-width space as (姓☑名).
_LABEL_GAP = r"[\s☑]*"


def _after_label(text: str, label: str) -> str | None:
    """The text after `label` in `text` (OCR may put spaces between its characters; a label that belongs to
    another party or date does not count), with its colon, bracketed remark and fill-in blanks removed; None
    when the label is not here."""
    pattern = _OTHERS + _LABEL_GAP.join(map(re.escape, label))
    m = re.search(pattern, text)
    if m is None:
        return None
    # a bilingual label's English half is part of the label (姓名 Name：, 应发合计 Total Gross 16,748.28)
    return _LEAD.sub("", _GLOSS.sub("", _LEAD.sub("", text[m.end():]))).strip()


def _spread_label(lines: Sequence[PlacedLine], start: int, label: str) -> tuple[int, str] | None:
    """A label spaced out over two or more consecutive boxes from `start` (a form that spaces 姓  名 into boxes
    of their own): the index of its last box and the text after the label in that box ("" when the box holds
    the label's last characters alone: 姓 | 名 | 张伟, or 姓 | 名：张伟), or None."""
    want, text = normalise(label), ""
    for j in range(start, min(len(lines), start + len(want))):
        if text:
            rest = re.match(_LABEL_GAP.join(map(re.escape, want[len(text):])), lines[j].text.strip())
            if rest:
                return j, _LEAD.sub("", lines[j].text.strip()[rest.end():]).strip()
        text += normalise(lines[j].text)
        if not text or not want.startswith(text) or text == want:
            return None
    return None


def label_value(rows: Sequence[Row], labels: Sequence[str], accept: Callable[[str], T | None],
                below: int = 2) -> tuple[T, float] | None:
    """The first value `accept` takes for any of `labels` (in order of preference): after the label on its line,
    in the next cell of its row, or on one of the `below` lines under it that start near the label; with the
    value's OCR score."""
    for label in labels:
        for r, row in enumerate(rows):
            for start, first_box in enumerate(row.lines):
                i, line, rest = start, first_box, _after_label(first_box.text, label)
                if rest is None:
                    # a label spaced out over boxes of its own (姓 | 名 on a form): its last box stands for it
                    spread = _spread_label(row.lines, start, label)
                    if spread is None:
                        continue
                    i, rest = spread
                    line = row.lines[i]
                if rest:
                    value = accept(rest)
                    if value is not None:
                        return value, line.score
                    continue  # the label's line goes on with something else: not this label's value
                for nxt in row.lines[i + 1:]:  # the next cell, past cells that only hold a remark such as (全称)
                    rest = _LEAD.sub("", nxt.text.strip())
                    if not rest:
                        continue
                    value = accept(rest)
                    if value is not None:
                        return value, nxt.score
                    break
                for under in rows[r + 1:r + 1 + below]:
                    if under.cy - row.cy > 3.5 * max(row.height, 1.0):
                        break
                    for cand in under.lines:
                        if cand.left - line.left > 4 * line.height or cand.right < line.left:
                            continue
                        value = accept(_LEAD.sub("", cand.text.strip()))
                        if value is not None:
                            return value, cand.score
    return None
