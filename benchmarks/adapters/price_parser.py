"""price-parser's test examples (scrapinghub/price-parser, BSD-3-Clause).

1,185 price strings scraped from shop pages ("12,50 €", "$7.25", "2 300 Kč"),
each with the amount and the currency surface price-parser must return.

In scope: strings that hold the expected currency and an amount (price-parser
may also take the currency from a hint given beside the string, which our text
API has no place for), and the strings that hold no price at all (we must
report no money). Out of scope: strings without a currency (our money facts
always have one; a bare "7.49" is a number) and strings whose expected currency
is not written in them.
Rule: the string passes when exactly one money fact has the expected amount
(±0.1%), or none is reported where no price is expected. The currency is not
scored: price-parser returns the surface as written, not an ISO code.
The peer figure counts the examples price-parser's own test suite does not
mark as expected to fail.
"""

from __future__ import annotations

import json

from rareearth_extract.facts import Money

from .common import Result, close, data_path, extract, fmt_case

NO_PRICE = "PRICE_PARSING_EXAMPLES_NO_PRICE"


def run(*, peers: bool = True) -> Result:
    """Score amounts on price-parser's examples."""
    result = Result(
        suite="price-parser examples",
        rule="one money fact with the amount (±0.1%); none where there is no price",
        unit="strings",
    )
    examples = json.loads(data_path("price-parser", "price_examples.json").read_text("utf-8"))
    passed = n = upstream = 0
    for i, ex in enumerate(examples):
        raw = ex["price_raw"] or ""
        currency, amount = ex["expected_currency"], ex["expected_amount"]
        if ex["group"] == NO_PRICE or amount is None:
            expected = None
        elif currency is None:
            result.exclude("no currency written (a bare number)")
            continue
        elif currency not in raw:
            result.exclude("currency given only as a hint beside the string")
            continue
        else:
            expected = float(amount)
        n += 1
        upstream += not ex["expected_to_fail_upstream"]
        moneys = [f for f in extract(raw) if isinstance(f, Money)]
        if expected is None:
            ok = not moneys
        else:
            ok = len(moneys) == 1 and close(moneys[0].amount, expected)
        if ok:
            passed += 1
        else:
            result.failures.append(
                fmt_case(i, f"{raw!r} -> {[(m.text, m.amount) for m in moneys]}, want {amount}")
            )
    result.cases = n
    result.score = passed / n
    result.score_text = f"{passed}/{n} = {result.score:.3f}"
    result.peer = f"price-parser {upstream}/{n} = {upstream / n:.3f} (its tests, xfail excluded)"
    return result
