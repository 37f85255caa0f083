"""lessonlib.display.figures.optimality: supporting lines and the subdifferential of |w|, as drawn.

A slope g is a subgradient of |w| at 0 when the line g w stays below |w| everywhere; the tests
check that definition on the drawn lines (and on a brute-force grid of slopes), not the
library's ``abs_subdifferential``.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from figure_view import curves, entry, legend, markers, same_colour, xy
from lessonlib.display.figures import plot_abs_subdifferential, plot_abs_supporting_lines
from lessonlib.display.style import color


def subgradients_at_0() -> tuple[float, float]:
    """The slopes g with |v| >= g v for every v (brute force over g and v)."""
    v = np.linspace(-3.0, 3.0, 601)
    gs = np.linspace(-2.0, 2.0, 4001)
    ok = [g for g in gs if np.all(np.abs(v) >= g * v - 1e-12)]
    return min(ok), max(ok)


@pytest.mark.parametrize("slopes", [(-1.0, -0.5, 0.0, 0.5, 1.0), (0.25, -0.75)])
def test_each_annotated_solid_line_supports_abs_at_the_kink(slopes):
    ax, _ = plot_abs_supporting_lines(slopes, bad_slope=1.5)
    graph = legend(ax)["$|w|$"]
    w, a = xy(graph).T
    np.testing.assert_array_equal(a, np.abs(w))
    solid = [
        ln
        for ln in curves(ax)
        if ln.get_linestyle() == "-" and same_colour(ln.get_color(), color("lasso"))
    ]
    assert len(solid) == len(slopes)
    assert entry(ax, "\\in [-1, 1]")[1] in solid  # the legend's word for the solid lines
    notes = {}
    for text in ax.texts:
        (g,) = re.fullmatch(r"\$\\xi = (-?[0-9.]+)\$", text.get_text()).groups()
        notes[float(g)] = text.xy
    assert sorted(notes) == sorted(slopes)
    lo, hi = subgradients_at_0()
    for line in solid:
        v, y = xy(line).T
        g = (y[-1] - y[0]) / (v[-1] - v[0])
        np.testing.assert_allclose(y, g * v, atol=1e-12)  # a line through the kink
        assert lo - 1e-3 <= g <= hi + 1e-3  # a subgradient, by the definition
        assert np.all(y <= np.abs(v) + 1e-12)
        # its note names its slope, at its right end
        (match,) = [k for k in notes if k == pytest.approx(g, abs=1e-12)]
        assert notes[match] == pytest.approx((v[-1], y[-1]))
    text, bad = entry(ax, "crosses")
    v, y = xy(bad).T
    np.testing.assert_allclose(y, 1.5 * v, atol=1e-12)
    assert bad.get_linestyle() == "--" and np.any(y > np.abs(v))
    assert "\\xi = 1.5" in text
    (kink,) = markers(ax, "o")
    np.testing.assert_array_equal(xy(kink), [[0.0, 0.0]])


def test_subdifferential_is_sign_w_and_all_of_minus_1_to_1_at_0():
    ax, _ = plot_abs_subdifferential(half_width=2.0)
    _, segment = entry(ax, "at $w = 0$")
    np.testing.assert_array_equal(xy(segment)[:, 0], [0.0, 0.0])
    lo, hi = subgradients_at_0()
    assert sorted(xy(segment)[:, 1]) == [pytest.approx(lo, abs=1e-3), pytest.approx(hi, abs=1e-3)]
    rays = [ln for ln in curves(ax) if len(ln.get_xdata()) > 2]
    assert len(rays) == 2
    for ray in rays:
        w, g = xy(ray).T
        assert np.all(w != 0.0)
        np.testing.assert_array_equal(g, np.sign(w))  # the derivative of |w| off the kink
    assert sorted(min(ln.get_xdata()) for ln in rays)[0] == -2.0
    assert max(max(ln.get_xdata()) for ln in rays) == 2.0
    (ends,) = markers(ax, "o")
    np.testing.assert_array_equal(xy(ends), [[0.0, -1.0], [0.0, 1.0]])
    assert ax.get_xlabel() == "$w$" and "subgradient" in ax.get_ylabel()


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="slopes"):
        plot_abs_supporting_lines([0.0, 2.0])
    with pytest.raises(ValueError, match="bad_slope"):
        plot_abs_supporting_lines([0.0], bad_slope=0.5)
    with pytest.raises(ValueError, match="half_width"):
        plot_abs_subdifferential(half_width=0.0)
