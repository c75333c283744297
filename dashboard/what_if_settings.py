"""What-if settings as URL parameters: one codec for shared links and saved scenarios.

    weights=15,10,15,...          one per indicator, in INDICATORS order
    targets=100,100,95,70,1,...   rates in percent, service hours per member per month
    adjust=C01D02:coverage_rate:+10;C01D03:claim_rate:target
    quota=2000,5,300,3000         base households, base workers, step, cap

Only settings that differ from the defaults are written. A value that cannot be
read falls back to its default and is named in a message; reading never raises.
"""

from collections.abc import Mapping
from dataclasses import astuple, dataclass, fields

from data_access.indicators.comparison import INDICATORS
from data_access.indicators.coverage import QuotaRule
from data_access.scoring import DEFAULT_MODEL, PER_MONTH, Adjustment, ScoreModel

KEYS = ("weights", "targets", "adjust", "quota")

# The widgets' ranges and steps; a link outside them is refused rather than clipped.
WEIGHT_MAX = 50  # whole numbers
RATE_TARGET = (50, 100)  # whole percents
HOURS_TARGET = (0.5, 10.0)  # per member per month
STEP = 0.5  # of an hours target, and of a scenario's points
RATE_POINTS = (0.5, 100.0)  # a scenario raises a rate by this many percentage points
HOURS_POINTS = (0.5, 20.0)  # ... or service hours by this many per member per month
QUOTA_LIMITS = {
    "base_households": (0, 10_000),
    "base_workers": (0, 50),
    "step_households": (50, 2_000),
    "cap_households": (0, 20_000),
}


@dataclass(frozen=True)
class WhatIf:
    model: ScoreModel = DEFAULT_MODEL
    adjustments: tuple[Adjustment, ...] = ()
    rule: QuotaRule = QuotaRule()


BASELINE = WhatIf()


def shown_target(name: str, target: float) -> float:
    """A target as its slider shows it: percent for a rate, hours per month as is."""
    return target if name in PER_MONTH else round(target * 100, 6)


def points_range(name: str) -> tuple[float, float]:
    return HOURS_POINTS if name in PER_MONTH else RATE_POINTS


def to_params(what_if: WhatIf) -> dict[str, str]:
    """The settings that differ from the baseline, as URL parameters."""
    baseline = _texts(BASELINE)
    return {key: text for key, text in _texts(what_if).items() if text != baseline[key]}


def _texts(what_if: WhatIf) -> dict[str, str]:
    model = what_if.model
    return {
        "weights": ",".join(_number(model.weights[n]) for n in INDICATORS),
        "targets": ",".join(_number(shown_target(n, model.targets[n])) for n in INDICATORS),
        "adjust": ";".join(adjustment_text(a) for a in what_if.adjustments),
        "quota": ",".join(str(v) for v in astuple(what_if.rule)),
    }


def adjustment_text(change: Adjustment) -> str:
    how = "target" if change.to_target else f"+{_number(change.points)}"
    return f"{change.unit_code}:{change.indicator}:{how}"


def _number(value: float) -> str:
    return f"{value:g}"


def from_params(params: Mapping[str, str]) -> tuple[WhatIf, list[str]]:
    """The settings in `params`, and a message for each part that could not be read."""
    problems: list[str] = []
    weights = _numbers(params.get("weights"), "权重", problems, _weight_ok)
    targets = _numbers(params.get("targets"), "目标值", problems, _target_ok)
    model = ScoreModel(
        weights=dict(zip(INDICATORS, weights, strict=True)) if weights else DEFAULT_MODEL.weights,
        targets=(
            {n: v if n in PER_MONTH else v / 100 for n, v in zip(INDICATORS, targets, strict=True)}
            if targets
            else DEFAULT_MODEL.targets
        ),
    )
    return (
        WhatIf(
            model=model,
            adjustments=_adjustments(params.get("adjust"), problems),
            rule=_rule(params.get("quota"), problems),
        ),
        problems,
    )


def _on_step(value: float, step: float) -> bool:
    return value / step == int(value / step)


def _weight_ok(_name: str, value: float) -> bool:
    return 0 <= value <= WEIGHT_MAX and _on_step(value, 1)


def _target_ok(name: str, value: float) -> bool:
    if name in PER_MONTH:
        return HOURS_TARGET[0] <= value <= HOURS_TARGET[1] and _on_step(value, STEP)
    return RATE_TARGET[0] <= value <= RATE_TARGET[1] and _on_step(value, 1)


def _numbers(text, label: str, problems: list[str], valid) -> list[float] | None:
    if not text:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        values = []
    if len(values) != len(INDICATORS) or not all(
        valid(n, v) for n, v in zip(INDICATORS, values, strict=True)
    ):
        problems.append(f"链接中的{label}设置无法识别，已使用默认{label}。")
        return None
    return values


def _adjustments(text, problems: list[str]) -> tuple[Adjustment, ...]:
    out = []
    for item in filter(None, (text or "").split(";")):
        change = _adjustment(item)
        if change is None:
            problems.append(f"链接中的推演调整“{item}”无法识别，已忽略。")
        else:
            out.append(change)
    return tuple(out)


def _adjustment(item: str) -> Adjustment | None:
    parts = item.rsplit(":", 2)
    if len(parts) != 3 or parts[1] not in INDICATORS or not parts[0]:
        return None
    code, name, how = parts
    if how == "target":
        return Adjustment(code, name, to_target=True)
    try:
        points = float(how)
    except ValueError:
        return None
    low, high = points_range(name)
    valid = low <= points <= high and _on_step(points, STEP)
    return Adjustment(code, name, points=points) if valid else None


def _rule(text, problems: list[str]) -> QuotaRule:
    if not text:
        return QuotaRule()
    try:
        values = [int(v) for v in text.split(",")]
        limits = [QUOTA_LIMITS[f.name] for f in fields(QuotaRule)]
        if len(values) == len(limits) and all(
            low <= v <= high for v, (low, high) in zip(values, limits, strict=True)
        ):
            return QuotaRule(*values)
    except ValueError:
        pass
    problems.append("链接中的员额规则无法识别，已使用镇江规则默认值。")
    return QuotaRule()
