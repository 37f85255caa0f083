"""lessonlib.display.figures._lambda_zero: lambda = 0 drawn left of a log lambda axis.

The chapter's figures only put values above the scale; here one value lies below it, one on
it and one above, and each is read back from the artists (tests/lambda_zero_view.py).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figure_view import legend
from lambda_zero_view import check_mark, lambda_zero_marks, tick_labelled_zero
from lessonlib.display.figures._lambda_zero import LABEL, mark_lambda_zero


@pytest.fixture
def marked():
    fig, ax = plt.subplots()
    lam = np.logspace(-3, 2, 11)
    ax.plot(lam, 1.0 + np.log10(lam) ** 2 / 10, label="curve")
    ax.set_xscale("log")
    points = [("below", -5.0, "#000000"), ("on", 1.2, "#0072b2"), ("above", 9.5, "#d55e00")]
    out = mark_lambda_zero(ax, float(lam[0]), points)
    ax.legend()
    yield ax, out, {name: value for name, value, _ in points}
    plt.close(fig)


def test_each_value_is_at_its_height_or_written_on_the_edge_it_left_by(marked):
    ax, out, values = marked
    marks = lambda_zero_marks(ax)
    assert {name: mark["edge"] for name, mark in marks.items()} == {
        "below": "bottom",
        "on": None,
        "above": "top",
    }
    for name, value in values.items():
        check_mark(marks[name], value, ax)
    assert out["off_scale"] == ["below", "above"] and out["values"] == values


def test_the_marks_stand_one_decade_left_under_a_tick_labelled_zero(marked):
    ax, out, _ = marked
    x0 = tick_labelled_zero(ax)
    assert x0 == out["x"] == pytest.approx(1e-4)
    assert all(mark["x"] == x0 for mark in lambda_zero_marks(ax).values())
    assert ax.get_xlim()[0] < x0 < 1e-3
    # no other tick stands left of the first lambda's decade break
    assert all(t >= 1e-3 / np.sqrt(10) for t in ax.get_xticks() if t != x0)
    assert list(legend(ax)) == ["curve", LABEL]
    left, _, width, _ = out["legend_box"]
    lo, hi = np.log10(ax.get_xlim())
    assert left == pytest.approx((-3 - lo) / (hi - lo)) and left + width == pytest.approx(1.0)
