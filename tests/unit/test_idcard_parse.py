"""Field parsing is a pure function of OCR lines: these tests feed it lines as the OCR returns them."""

import math

import numpy as np
import pytest

from tests.fakes import BACK, EXPECTED_FRONT, FRONT, line
from verify_service.pipeline.common.layout import read_rows
from verify_service.pipeline.documents.cn_id_card.parse import detect_side, ethnicity_name, parse_back, parse_front
from verify_service.pipeline.types import OcrLine, Side


def values(fields):
    return {k: v.value for k, v in fields.items()}


def turned(lines, degrees, centre=(428, 270), upside_down=False):
    """The same lines as seen on a card turned by `degrees` (clockwise) around `centre`."""
    t = math.radians(degrees)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    c = np.array(centre)
    out = []
    for ln in lines:
        box = (ln.box - c) @ rot.T + c
        if upside_down:  # the detector orders corners from the image's top-left
            box = box[[2, 3, 0, 1]]
        out.append(OcrLine(box.astype(np.float32), ln.text, ln.score, upside_down))
    return out


def test_front_fields_from_separate_label_and_value_boxes():
    rows, _ = read_rows(FRONT)
    assert values(parse_front(rows)) == EXPECTED_FRONT


def test_sex_and_ethnicity_read_as_one_line():
    lines = [ln for ln in FRONT if ln.text not in ("性别", "男", "民族", "汉")] + [line("性别男 民族汉", 60, 112, 300)]
    rows, _ = read_rows(lines)
    assert values(parse_front(rows)) == EXPECTED_FRONT


def test_labels_merged_with_values_and_three_address_lines():
    lines = [line("姓名董兰", 60, 52, 150), line("性别男民族汉", 60, 110, 300), line("出生1983年11月2日", 60, 168, 330),
             line("住址浙江省杭州市西湖区光明", 60, 226, 410), line("路30号2栋1101室幸福", 150, 268, 300),
             line("小区", 150, 310, 60), line("公民身份号码330106198311020751", 60, 440, 700)]
    rows, _ = read_rows(lines)
    expected = dict(EXPECTED_FRONT, address="浙江省杭州市西湖区光明路30号2栋1101室幸福小区")
    assert values(parse_front(rows)) == expected


@pytest.mark.parametrize("ocr_number", ["33010619831102O751", "3301061983 1102 0751", "33010619831102075l"])
def test_number_with_common_confusions(ocr_number):
    lines = [ln if ln.text != "330106198311020751" else line(ocr_number, 270, 438, 480) for ln in FRONT]
    rows, _ = read_rows(lines)
    assert parse_front(rows)["id_number"].value == "330106198311020751"


def test_number_split_over_two_boxes():
    lines = [ln for ln in FRONT if ln.text != "330106198311020751"]
    lines += [line("330106198", 270, 438, 240), line("311020751", 520, 440, 240)]
    rows, _ = read_rows(lines)
    assert parse_front(rows)["id_number"].value == "330106198311020751"


@pytest.mark.parametrize("degrees", [-15, -7, 0, 9, 15])
def test_rotated_card_keeps_reading_order(degrees):
    rows, orientation = read_rows(turned(FRONT, degrees))
    assert orientation.angle == pytest.approx(degrees, abs=0.5)
    assert values(parse_front(rows)) == EXPECTED_FRONT


@pytest.mark.parametrize("degrees", [-12, 0, 10])
def test_upside_down_card(degrees):
    rows, orientation = read_rows(turned(FRONT, 180 + degrees, upside_down=True))
    assert orientation.upside_down
    assert values(parse_front(rows)) == EXPECTED_FRONT


def test_unreadable_values_are_none_not_guesses():
    lines = [line("姓名", 60, 58, 44, 24), line("性别", 60, 116, 44, 24), line("民族", 250, 116, 44, 24),
             line("汉族X", 335, 108, 60), line("公民身份号码", 60, 445, 130, 24), line("3301061983", 270, 438, 260)]
    rows, _ = read_rows(lines)
    got = values(parse_front(rows))
    assert got == {"name": None, "sex": None, "ethnicity": "汉", "birth_date": None, "address": None,
                   "id_number": None}


@pytest.mark.parametrize("text, expected", [("汉", "汉"), ("漢", "汉"), ("蒙古族", "蒙古"), ("份号码", None), ("", None)])
def test_ethnicity_must_be_one_of_the_56(text, expected):
    assert ethnicity_name(text) == expected



@pytest.mark.parametrize("validity, start, end", [
    ("2015.03.07-2035.03.07", "2015-03-07", "2035-03-07"),
    ("2015.03.07-长期", "2015-03-07", "long_term"),
    ("20150307-20350307", "2015-03-07", "2035-03-07"),
    ("2015.03.07一2035.03.07", "2015-03-07", "2035-03-07"),
    ("2015.O3.07-2035.03.07", "2015-03-07", "2035-03-07"),
])
def test_back_fields(validity, start, end):
    lines = [ln if not ln.text.startswith("2015") else line(validity, 300, 433, 300) for ln in BACK]
    rows, _ = read_rows(lines)
    assert values(parse_back(rows)) == {"issuing_authority": "北京市公安局海淀分局", "valid_from": start,
                                        "valid_until": end}


def test_side_detection():
    assert detect_side(read_rows(FRONT)[0]) is Side.FRONT
    assert detect_side(read_rows(BACK)[0]) is Side.BACK
    assert detect_side(read_rows([line("hello world", 0, 0)])[0]) is None
