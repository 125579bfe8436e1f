"""收入证明: an employer's income certificate."""

from __future__ import annotations

from collections.abc import Sequence

from verify_service.pipeline.common import amounts
from verify_service.pipeline.documents.income.text import (
    COMPANY,
    MONEY,
    PageText,
    as_field,
    first,
    id_after_label,
    last_cn_date,
    money,
)
from verify_service.pipeline.types import Field


def parse(pages: Sequence[PageText]) -> tuple[dict[str, Field], Field]:
    """Fields of a 收入证明 letter, and its amount in words (raw text) for the words-vs-digits check."""
    fields = {
        "name": as_field(first(pages, r"兹证明[:：]?([\u4e00-\u9fff·]{2,5}?)(?:[（(，,]|同志|先生|女士|系|为)")),
        "id_number": id_after_label(pages),
        "employer": as_field(first(pages, rf"(?:单位名称|公司名称|单位)[:：]({COMPANY.pattern})")
                           or first(pages, rf"系({COMPANY.pattern})")),
        "monthly_income": as_field(first(pages, rf"月(?:收入|工资|薪)[^0-9大]{{0,16}}?{MONEY}\s*元"), money),
        "annual_income": as_field(first(pages, rf"年(?:收入|薪)[^0-9大]{{0,16}}?{MONEY}\s*元"), money),
        "issue_date": last_cn_date(pages),
    }
    words = as_field(first(pages, rf"大写[:：]?([{amounts.WORD_CHARS}人民币]+)"))
    return fields, words
