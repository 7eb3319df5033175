"""The owners' vote against 《民法典》第二百七十八条, as figures and as a plain sentence.

Contract: :func:`assess` takes a :class:`~generator.model.notices.Vote` and returns a
:class:`VoteResult`: participation (at least two thirds of the owners by number and of the
exclusive area) and agreement (more than half of the participating owners and area for
using the fund and other matters; at least three quarters for raising the fund, rebuilding,
or changing the use of common parts), each with its exact fractions, whether the vote meets
the article, and :attr:`VoteResult.sentence` saying so in Chinese. :func:`declares_compliance`
reads the notice's own words (符合规定、表决通过…). Exact arithmetic on Decimal/Fraction: a
vote exactly at two thirds passes participation, exactly at one half does not pass agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.model.notices import Vote

TWO_THIRDS = Fraction(2, 3)
HALF = Fraction(1, 2)
THREE_QUARTERS = Fraction(3, 4)
STRICT_MATTERS = ("raise_fund", "rebuild", "change_use")
"""Matters that need three quarters of the participants (第二百七十八条第二款)."""
COMPLIANT_WORDS = ("符合规定", "符合法定", "表决通过", "已通过", "同意通过", "符合《民法典》", "符合民法典")


def _frac(part: Decimal | int, whole: Decimal | int) -> Fraction:
    return Fraction(Decimal(part)) / Fraction(Decimal(whole)) if whole else Fraction(0)


def _pct(value: Fraction) -> str:
    shown = (Decimal(value.numerator) * 100 / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{shown}%"


def _area(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), ROUND_HALF_UP), ",.2f")


@dataclass(frozen=True)
class VoteResult:
    vote: Vote
    turnout_number: Fraction
    turnout_area: Fraction
    agree_number: Fraction
    agree_area: Fraction

    @property
    def strict(self) -> bool:
        return self.vote.matter in STRICT_MATTERS

    @property
    def threshold_words(self) -> str:
        return "四分之三以上" if self.strict else "过半数"

    @property
    def participation_met(self) -> bool:
        return self.turnout_number >= TWO_THIRDS and self.turnout_area >= TWO_THIRDS

    @property
    def agreement_met(self) -> bool:
        if self.strict:
            return self.agree_number >= THREE_QUARTERS and self.agree_area >= THREE_QUARTERS
        return self.agree_number > HALF and self.agree_area > HALF

    @property
    def met(self) -> bool:
        return self.participation_met and self.agreement_met

    @property
    def sentence(self) -> str:
        """``专有部分面积 … 参与表决 …，达到三分之二；同意 …，超过半数：符合…``."""
        v = self.vote
        part = (f"表决范围内业主 {v.households} 人、专有部分面积 {_area(v.area)} ㎡；"
                f"参与表决 {v.voters} 人（{_pct(self.turnout_number)}）、面积 {_area(v.voting_area)} ㎡"
                f"（{_pct(self.turnout_area)}），{'达到' if self.participation_met else '未达到'}双三分之二；"
                f"同意 {v.agreed} 人（占参与表决人数 {_pct(self.agree_number)}）、面积 {_area(v.agreed_area)} ㎡"
                f"（占参与表决面积 {_pct(self.agree_area)}），{'达到' if self.agreement_met else '未达到'}"
                f"双{self.threshold_words}")
        verdict = "符合" if self.met else "不符合"
        return f"{part}：{verdict}《民法典》第二百七十八条的表决要求。"


def assess(vote: Vote) -> VoteResult:
    return VoteResult(vote, _frac(vote.voters, vote.households), _frac(vote.voting_area, vote.area),
                      _frac(vote.agreed, vote.voters), _frac(vote.agreed_area, vote.voting_area))


def inconsistencies(vote: Vote) -> list[str]:
    """Figures that cannot all be true (more voters than owners, more agreeing than voting)."""
    out = []
    if vote.voters > vote.households:
        out.append(f"参与表决人数 {vote.voters} 多于业主总人数 {vote.households}")
    if vote.voting_area > vote.area:
        out.append(f"参与表决面积 {_area(vote.voting_area)} ㎡ 大于专有部分总面积 {_area(vote.area)} ㎡")
    if vote.agreed > vote.voters:
        out.append(f"同意人数 {vote.agreed} 多于参与表决人数 {vote.voters}")
    if vote.agreed_area > vote.voting_area:
        out.append(f"同意面积 {_area(vote.agreed_area)} ㎡ 大于参与表决面积 {_area(vote.voting_area)} ㎡")
    if vote.households == 0 or vote.area == 0:
        out.append("业主总人数和专有部分总面积不能为 0")
    return out


def declares_compliance(vote: Vote) -> bool:
    """Whether the notice says the vote passed (符合规定、表决通过…)."""
    text = (vote.declared or "").replace(" ", "")
    return any(word in text for word in COMPLIANT_WORDS) and "不符合" not in text and "未通过" not in text
