"""合计/小计 rows of the tables: checked against the rows they sum, never read as records.

Contract: for every total row a reader recognised (:mod:`generator.load.rawtable`) in any
table of the dataset (items and evaluation sheets):

* a value in a column the row model lists in ``TOTALS`` must equal the sum of that column
  over the rows the total covers (every row above a 合计/总计, the rows since the previous
  total for a 小计): ``arith-period-total`` otherwise, at the total's cell;
* a value in a ``RUNNING`` column (the public-revenue balance) must equal the running value
  after the last covered row: ``arith-balance`` otherwise;
* a choice written in the total row (类型 收入), or beside its word (``收入合计``), narrows the
  sum to the rows with that value;
* any other number in a total row cannot be checked: a ``total-row-unchecked`` warning;
  words (本季度合计) are ignored;
* a total that covers a row left out (already reported) is not checked: one finding per root
  cause.

Exact: the stated value is parsed like any cell (:func:`generator.model.values.parse_decimal`)
and compared with the exact sum.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Sequence, get_args, get_origin

from generator.derive.ledgers import running_balances
from generator.findings import Findings
from generator.load.dataset import Dataset, Table, TotalLine
from generator.load.rawtable import header_key
from generator.model.base import Coded, Record
from generator.model.disclosures import PublicRevenueFile
from generator.model.values import parse_decimal
from generator.model.vocabulary import code_of

ZERO = Decimal(0)


def check(ds: Dataset, findings: Findings) -> None:
    for rec in ds.compounds.values():
        for record in rec.items.values():
            table = record.table
            if not table.totals:
                continue
            opening = record.file.model.opening_balance if isinstance(record.file.model, PublicRevenueFile) else ZERO
            _check_table(table, findings, opening)
    for evaluation in ds.evaluations.values():
        if evaluation.table is not None:
            _check_table(evaluation.table, findings, ZERO)


def _choice(info: Any, text: str) -> str | None:
    """The value ``text`` means in a choice column (a Literal, maybe coded), None if not one."""
    coded = next((m for m in info.metadata if isinstance(m, Coded)), None)
    if coded is not None:
        code = code_of(coded.codes, text)
        return code if code in coded.codes else None
    if get_origin(info.annotation) is Literal:
        return text if text in get_args(info.annotation) else None
    return None


def _check_table(table: Table, findings: Findings, opening: Decimal | None) -> None:
    if not table.rows and not table.totals:
        return
    model: type[Record] | None = type(table.rows[0]) if table.rows else None
    for total in table.totals:
        if total.incomplete or model is None:
            continue
        _check_total(table, model, total, findings, opening)


def _check_total(table: Table, model: type[Record], total: TotalLine, findings: Findings, opening: Decimal | None) -> None:
    fields = model.model_fields
    filled = [(name, text) for name, text in total.cells.items() if text.strip()]
    word_field = next((name for name, text in filled if total.word in header_key(text)), None)
    rows: Sequence[int] = total.rows
    if total.qualifier:
        for name, info in fields.items():
            chosen = _choice(info, total.qualifier)
            if chosen is not None:
                rows = [i for i in rows if getattr(table.rows[i], name) == chosen]
                break
    stated: list[tuple[str, str]] = []
    for name, text in filled:
        if name == word_field or name not in fields:
            continue
        chosen = _choice(fields[name], text)
        if chosen is not None:
            rows = [i for i in rows if getattr(table.rows[i], name) == chosen]
        else:
            stated.append((name, text))
    rel = table.rel or ""
    label = f"{total.qualifier}{total.word}" if total.qualifier else total.word
    for name, text in stated:
        try:
            value = parse_decimal(text)
        except ValueError:
            continue  # words: 本季度合计, 见附表
        where = table.at_line(total.line, total.sheet_row, name)
        if name in model.TOTALS:
            expected = sum((getattr(table.rows[i], name) or ZERO for i in rows), ZERO)
            if value != expected:
                findings.add("arith-period-total", rel, f"{label}行的“{where['column_name']}”写的是 {text}，按上面 {len(rows)} 行之和计算应为 {expected}",
                             hint="合计行的数由检查核对，不计入明细：先核对上面各行，再改合计；也可以删去合计行。", **where)
        elif name in model.RUNNING:
            above = [row for row, line in zip(table.rows, table.lines) if line < total.line]
            expected = running_balances(opening, above)[-1] if above else opening
            if expected is not None and value != expected:
                findings.add("arith-balance", rel, f"{label}行的“{where['column_name']}”写的是 {text}，"
                             f"按台账计算到这一行应为 {expected}", **where)
        else:
            findings.warn("total-row-unchecked", rel, f"{label}行的“{where['column_name']}”列不是可以相加的数，无法核对，"
                          "这一格不会公示", **where)
