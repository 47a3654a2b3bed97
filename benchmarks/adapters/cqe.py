"""CQE's evaluation sets (satya77/CQE_Evaluation, EMNLP 2023).

* ``NewsQuant.json``: 590 news sentences, 904 quantities tagged by the CQE authors;
* ``currency-model.json``: CQE's re-formatting of Recognizers-Text's English
  CurrencyModel spec (180 sentences), tagged with every quantity in them.

Each gold quantity has a value (a range as "low-high") and a normalised unit
name. In scope: quantities whose unit is physical (pint knows it and it has a
dimension), a currency, or a percentage. Out of scope: counts of things
("people", "point", "-": a bare number), which our contract does not report.

Rule (CQE's ``evaluate_models.py``, made one-to-one): per sentence, a gold
quantity is matched by a predicted one with the same value (rel 1e-5; a range
by both ends); *value+unit* also needs the same unit, compared here in base
units through pint (30 yards = 27.432 m; cents = 0.01 dollar) and by ISO code
for money. Predictions are our quantities and money amounts (counts and bare
numbers excluded); a prediction that matches an out-of-scope gold quantity
counts neither way. P = matches / predictions, R = matches / gold.
"""

from __future__ import annotations

import json
import math
from typing import Any

from rareearth_extract.facts import Money, Quantity

from .common import (
    Result,
    base,
    currency_of,
    data_path,
    extract,
    f1,
    fmt_case,
    is_dimensionless,
    pint_expression,
    quantity_base,
)

#: CQE unit names pint does not read as written.
ALIASES = {
    "percentage": "percent",
    "percentage per year": "percent / year",
    "year of age": "year",
    "mile per hour": "mile / hour",
    "kilometre per hour": "kilometer / hour",
    "celsius": "degree_Celsius",
    "fahrenheit": "degree_Fahrenheit",
    "degree": "",
    "parts-per-billion": "ppb",
    "kilopound per square inch": "kip / inch ** 2",
    "foot pound-force": "foot * force_pound",
    "pound-foot": "force_pound * foot",
    "pound-foot of torque": "force_pound * foot",
    "brake horsepower": "horsepower",
    "revolutions per minute": "revolution / minute",
    "milliampere-hour": "milliampere * hour",
    "mile per gallon": "mile / gallon",
    "barrel per day": "barrel / day",
    "count per minute": "1 / minute",
    "gigaton": "gigatonne",
    "ton": "tonne",
    "micrometre": "micrometer",
}

RTOL = 1e-5

_ENCODING_LOSS = (
    "the text has {mark!r} where its source had {sign!r} (an encoding loss): nothing "
    "in the sentence says the currency"
)
#: NewsQuant gold quantities judged wrong, by (sentence index, gold value): reason.
#: They count neither way (listed, not scored).
JUDGED_WRONG_NEWSQUANT: dict[tuple[int, str], str] = {
    **{
        key: _ENCODING_LOSS.format(mark="PS", sign="£")
        for key in [(292, "2700000.0"), (293, "6000000.0"), (308, "8100000000.0"),
                    (318, "21700.0")]
    },
    **{
        key: _ENCODING_LOSS.format(mark="Y=", sign="¥")
        for key in [(340, "28030.0"), (340, "5182.0"), (537, "100000000"),
                    (538, "59000000000000"), (538, "50000000000"), (538, "880000000000"),
                    (538, "40000000000")]
    },
    (461, "2"): "the gold value is ten times the percentage the sentence states",
    (540, "3000000-5000000"): "the gold drops the scale word (billion) of both ends",
    (508, "1.99E-29"): "the gold's power of ten is one more than the sentence's",
    (581, "3.0"): "the gold value is not the number the sentence states",
    (349, "20.0"): "the unit is an abbreviation of electric vehicles, not exavolts",
}


def _gold_value(raw: str) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) of a CQE gold value ("12", "5-10", "-3")."""
    raw = str(raw).strip()
    if "-" in raw[1:] and "E" not in raw.upper():
        a, b = raw[0] + raw[1:].split("-", 1)[0], raw[1:].split("-", 1)[1]
        return None, float(a), float(b)
    return float(raw), None, None


#: Units of things that pint happens to know by the same name (a score's "point",
#: a typographer's point; "unit", "hand", "league", "section" of land): counts here.
NOT_MEASURES = {"point", "unit", "hand", "league", "section", "point per game"}


def _classify(unit: str, written: str | None = None) -> tuple[str, Any]:
    """("money", (codes, fraction, per)), ("physical", expr) or ("out", reason)."""
    unit = unit.strip()
    if written is not None and written.strip() in ("-", ""):
        return "out", "no unit written (an age or a count as a bare number)"
    if unit in NOT_MEASURES:
        return "out", "bare number or count (not a quantity in our contract)"
    head, _, per = unit.partition(" per ")
    money = currency_of(head)
    if money is not None:
        return "money", (money[0], money[1], per or None)
    if unit in ("-", "count", ""):
        return "out", "bare number or count (not a quantity in our contract)"
    expr = ALIASES.get(unit) if unit in ALIASES else pint_expression(unit)
    if not expr:
        return "out", "count of things or a unit pint has no dimension for"
    if is_dimensionless(expr) and expr not in ("percent", "ppb"):
        return "out", "count of things or a unit pint has no dimension for"
    return "physical", expr


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=RTOL, abs_tol=1e-8)


def _pred(f: Any) -> dict[str, Any] | None:
    """A prediction: stated value(s) and what to compare units by."""
    if isinstance(f, Money):
        return {"kind": "money", "value": f.amount, "low": f.low, "high": f.high,
                "currency": f.currency, "per": f.per_unit, "fact": f}
    if isinstance(f, Quantity) and f.measure != "count":
        return {"kind": "physical", "value": f.value, "low": f.low, "high": f.high,
                "base": quantity_base(f), "fact": f}
    return None


def _value_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g["value"] is not None:
        vals = [p["value"]] if p["value"] is not None else [p["low"], p["high"]]
        if g["kind"] == "money" and p["kind"] == "money" and g["fraction"] != 1:
            vals = vals + [v / g["fraction"] for v in vals if v is not None]
        return any(_close(g["value"], v) for v in vals)
    ends = sorted((g["low"], g["high"]))  # CQE writes "from 6.1 to 5.9" as "6.1-5.9"
    return _close(ends[0], p["low"]) and _close(ends[1], p["high"])


def _unit_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g["kind"] != p["kind"]:
        return False
    if g["kind"] == "money":
        if p["currency"] not in g["codes"]:
            return False
        return (g["per"] is None) == (p["per"] is None)
    got = p["base"]
    if got is None:
        return False
    want_value = g["value"] if g["value"] is not None else g["low"]
    want = base(want_value, g["expr"])
    have = got.value if g["value"] is not None else got.low
    if have is None and got.mid is not None:
        have = got.mid
    return got.dims == want.dims and have is not None and math.isclose(
        have, want.value or 0.0, rel_tol=1e-3, abs_tol=1e-12)


def score(
    path_parts: tuple[str, ...],
    name: str,
    *,
    targets: dict[str, float],
    judged_wrong: dict[tuple[int, str], str] | None = None,
) -> Result:
    """Score one CQE-formatted file."""
    result = Result(suite=name, rule="", unit="quantities")
    data = json.loads(data_path(*path_parts).read_text(encoding="utf-8"))
    n_gold = n_pred = tp_value = tp_unit = 0
    for i, case in enumerate(data):
        golds = []
        for q in case["quantities"]:
            kind, info = _classify(q["normalized_unit"], q.get("unit"))
            value, low, high = _gold_value(q["value"])
            g = {"value": value, "low": low, "high": high, "kind": kind,
                 "unit": q["normalized_unit"]}
            if kind == "money":
                g.update(codes=info[0], fraction=info[1], per=info[2])
            elif kind == "physical":
                g["expr"] = info
            else:
                result.exclude(info)
            why = (judged_wrong or {}).get((i, str(q["value"])))
            if why is not None:
                g["kind"] = "out"
                note = f"{q['value']} {q['normalized_unit']}: {why}"
                result.judged_wrong.append(fmt_case(i, note))
            golds.append(g)
        preds = [p for p in (_pred(f) for f in extract(case["text"])) if p is not None]
        used: set[int] = set()
        neutral: set[int] = set()
        for g in golds:
            candidates = [j for j, p in enumerate(preds) if j not in used and _value_match(g, p)]
            if g["kind"] == "out":
                if candidates:
                    neutral.add(candidates[0])
                    used.add(candidates[0])
                continue
            n_gold += 1
            exact = [j for j in candidates if _unit_match(g, preds[j])]
            pick = exact[0] if exact else (candidates[0] if candidates else None)
            if pick is None:
                result.failures.append(fmt_case(i, f"missed {q_repr(g)}"))
                continue
            used.add(pick)
            tp_value += 1
            if exact:
                tp_unit += 1
            else:
                result.failures.append(
                    fmt_case(i, f"unit {q_repr(g)} vs {preds[pick]['fact'].text!r}"))
        for j, p in enumerate(preds):
            if j not in used:
                result.failures.append(fmt_case(i, f"extra {p['fact'].text!r}"))
        n_pred += len(preds) - len(neutral)
    p_v, r_v, f_v = f1(tp_value, n_gold, n_pred)
    p_u, r_u, f_u = f1(tp_unit, n_gold, n_pred)
    result.cases = n_gold
    result.extra = {"value": (p_v, r_v, f_v), "value+unit": (p_u, r_u, f_u)}
    result.score_text = (
        f"value P/R/F1 {p_v:.3f}/{r_v:.3f}/{f_v:.3f}; "
        f"value+unit P/R/F1 {p_u:.3f}/{r_u:.3f}/{f_u:.3f}"
    )
    checks = []
    for key, want in targets.items():
        kind, metric = key.split(":")
        got = {"F1": (f_v, f_u), "R": (r_v, r_u), "P": (p_v, p_u)}[metric][kind == "value+unit"]
        checks.append(got >= want)
        result.target += f"{kind} {metric} >= {want}; "
    result.target = result.target.rstrip("; ")
    result.met = all(checks)
    result.score = f_u
    return result


def q_repr(g: dict[str, Any]) -> str:
    v = g["value"] if g["value"] is not None else f"{g['low']}-{g['high']}"
    return f"{v} {g['unit']}"


RULE = ("per sentence, one-to-one: value equal (CQE rule, rel 1e-5); value+unit also "
        "same unit in base units (pint) or same ISO currency")


def run_newsquant(*, peers: bool = True) -> Result:
    """NewsQuant: news sentences of every topic."""
    r = score(("cqe-newsquant", "formatted_test_set", "NewsQuant.json"), "CQE NewsQuant",
              targets={"value:F1": 0.85, "value+unit:R": 0.88},
              judged_wrong=JUDGED_WRONG_NEWSQUANT)
    r.rule = RULE
    r.peer = "CQE value F1 0.920, value+unit F1 0.856; quantulum3 0.730 / 0.472 (CQE paper)"
    return r


def run_currency(*, peers: bool = True) -> Result:
    """CQE's currency set (from Recognizers-Text's English CurrencyModel)."""
    r = score(("cqe-newsquant", "formatted_test_set", "currency-model.json"),
              "CQE currency set (Recognizers-Text)", targets={"value+unit:F1": 0.85})
    r.rule = RULE
    r.peer = "CQE value+unit F1 0.796; Recognizers-Text 0.525 (CQE paper)"
    return r
