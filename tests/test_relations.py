"""Relations: drill intercepts and resource estimates, from invented sentences."""

from __future__ import annotations

from typing import Any

import pytest

from rareearth_extract import extract_facts, to_dict

P = pytest.param


def of_type(text: str, kind: str) -> list[Any]:
    return [f for f in extract_facts(text) if f.type == kind]


@pytest.mark.parametrize(
    ("text", "length_m", "grades_gt", "from_m", "hole"),
    [
        P("Hole KB014: 18m @ 2.9g/t Au from 37m.", 18, [2.9], 37, "KB014", id="asx-glued"),
        P("It returned 12.5 m @ 3.2 g/t Au from 45 m.", 12.5, [3.2], 45, None, id="spaced"),
        P(
            "The hole cut 6 metres at 5.1 grams per tonne gold from 88 metres.",
            6,
            [5.1],
            88,
            None,
            id="worded-at",
        ),
        P(
            "Highlights include 7.4 g/t over 1.3 m in hole TR-22-07.",
            1.3,
            [7.4],
            None,
            "TR-22-07",
            id="canadian-over",
        ),
        P(
            "AB-19 returned 150m @ 0.42% Cu, 0.11 g/t Au from 310m.",
            150,
            [4200, 0.11],
            310,
            "AB-19",
            id="multi-element",
        ),
        P(
            "Best was 9.3 metres @ 1,210 ppm TREO from 3.0 metres (ZK0411).",
            9.3,
            [1210],
            3.0,
            "ZK0411",
            id="ppm-treo-hole-after",
        ),
        P(
            "The hole cut 24 ft. grading 0.031 oz. gold per ton.",
            7.3152,
            [1.06285714],
            None,
            None,
            id="us-feet",
        ),
    ],
)
def test_intercepts(
    text: str, length_m: float, grades_gt: list[float], from_m: float | None, hole: str | None
) -> None:
    (d,) = of_type(text, "drill_intercept")
    assert d.length.normalized_value == pytest.approx(length_m)
    assert [g.normalized_value for g in d.grades] == pytest.approx(grades_gt)
    assert d.from_depth == (pytest.approx(from_m) if from_m is not None else None)
    assert d.hole == hole
    assert text[d.start : d.end] == d.text


def test_including_intervals_link_to_their_parent() -> None:
    text = (
        "Hole KB021: 30m @ 1.9g/t Au from 12m, including 4m @ 9.8g/t Au from 20m "
        "and 2m @ 6.1g/t Au from 33m."
    )
    parent, child, sibling = of_type(text, "drill_intercept")
    assert parent.parent_start is None
    assert child.parent_start == parent.start
    assert sibling.parent_start == parent.start
    assert {parent.hole, child.hole, sibling.hole} == {"KB021"}


@pytest.mark.parametrize(
    ("text", "category", "tonnage_t", "grade_gt", "system"),
    [
        P(
            "The Tasbulak deposit holds total resources of 812,300 tons.",
            "total resources",
            812300,
            None,
            None,
            id="prose-total",
        ),
        P(
            "Of this, the Tasbulak deposit holds 650,100 tons of proven reserves.",
            "proven",
            650100,
            None,
            None,
            id="prose-proven",
        ),
        P(
            "The Birch Creek project hosts a JORC Mineral Resource of 42 Mt at 1.1% Li2O.",
            "total resources",
            42e6,
            11000,
            "JORC",
            id="jorc-at-grade",
        ),
        P(
            "The Ridge Top project has 12.5 Mt at 2.2% TREO Measured and Indicated.",
            "measured and indicated",
            12.5e6,
            22000,
            None,
            id="asx-category-after",
        ),
        P(
            "Under NI 43-101 the Ridge Top project has an Inferred Resource"
            " of 3.1 Mt @ 0.9 g/t Au.",
            "inferred",
            3.1e6,
            0.9,
            "NI 43-101",
            id="ni-43-101-inferred",
        ),
        P("The Koktal deposit has C1 reserves of 14 Mt.", "C1", 14e6, None, "GKZ", id="soviet-c1"),
        P(
            "Reserves of the Koktal deposit in categories B+C1 amount to 6.3 Mt.",
            "B+C1",
            6.3e6,
            None,
            "GKZ",
            id="soviet-sum",
        ),
        P(
            "Balance reserves of the Koktal deposit total 2.4 million tonnes.",
            "balance reserves",
            2.4e6,
            None,
            "GKZ",
            id="balance-reserves",
        ),
        P(
            "Predicted resources at the Koktal deposit could exceed 15 million tons.",
            "predicted resources",
            15e6,
            None,
            None,
            id="predicted",
        ),
    ],
)
def test_estimates(
    text: str, category: str, tonnage_t: float, grade_gt: float | None, system: str | None
) -> None:
    (e,) = of_type(text, "resource_estimate")
    assert e.category == category
    assert e.tonnage.normalized_value == pytest.approx(tonnage_t)
    if grade_gt is None:
        assert e.grade is None
    else:
        assert e.grade.normalized_value == pytest.approx(grade_gt)
    assert e.system == system
    assert e.deposit is not None


def test_exploration_target_is_not_a_resource() -> None:
    text = "The Ridge Top project has an Exploration Target of 20 to 30 Mt."
    estimates = of_type(text, "resource_estimate")
    assert all(e.estimate_kind == "exploration_target" for e in estimates)


def test_production_tonnage_is_not_an_estimate() -> None:
    assert (
        of_type("The Sarybel mine shipped 45,000 tonnes of ore in May.", "resource_estimate") == []
    )


def test_estimate_serialises_nested_quantities() -> None:
    (e,) = of_type(
        "The Tasbulak deposit holds total resources of 812,300 tons.", "resource_estimate"
    )
    data = to_dict(e)
    assert data["tonnage"]["type"] == "quantity"
    assert data["tonnage"]["normalized_value"] == 812300
    assert data["deposit"] == "Tasbulak"
