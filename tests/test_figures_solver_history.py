"""lessonlib.display.figures.solver_history: duality gaps and zero counts per pass, as drawn.

The gaps are those of a plain coordinate descent for the lasso written here (NumPy, with the
duality gap written out), so the figure is read on a real history.
"""

from __future__ import annotations

import numpy as np
import pytest

from figure_view import entry, horizontal_at, legend, same_colour, xy
from lessonlib import data
from lessonlib.display.figures import plot_gap_history, plot_zero_counts
from lessonlib.display.style import color


def coordinate_descent(X, y, alpha, passes):
    """Cyclic coordinate descent on SSE/(2n) + alpha ||w||_1 (centred data): the duality
    gap and the number of exact zeros after each pass."""
    n, p = X.shape
    w, r = np.zeros(p), y.copy()
    norms = (X**2).sum(axis=0) / n
    gaps, zeros = [], []
    for _ in range(passes):
        for j in range(p):
            r += X[:, j] * w[j]
            z = X[:, j] @ r / n
            w[j] = np.sign(z) * max(abs(z) - alpha, 0.0) / norms[j]
            r -= X[:, j] * w[j]
        theta = r / max(n * alpha, np.max(np.abs(X.T @ r)))
        primal = r @ r / (2 * n) + alpha * np.abs(w).sum()
        dual = (y @ y - np.sum((y - n * alpha * theta) ** 2)) / (2 * n)
        gaps.append(max(primal - dual, 0.0))
        zeros.append(int(np.sum(w == 0.0)))
    return np.array(gaps), np.array(zeros)


@pytest.fixture(scope="module")
def history():
    d = data.load_diabetes_standardized()
    X, y = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    return coordinate_descent(X, y, 1.0, 40)


def test_each_gap_line_starts_at_pass_1_and_floors_zero_gaps(history):
    gaps, _ = history
    with_zero = np.append(gaps[:10], 0.0)
    ax, _ = plot_gap_history({"coordinate descent": gaps, "other": with_zero}, floor=1e-14)
    entries = legend(ax)
    assert list(entries) == ["coordinate descent", "other"]
    for line, g in ((entries["coordinate descent"], gaps), (entries["other"], with_zero)):
        x, v = xy(line).T
        np.testing.assert_array_equal(x, np.arange(1, g.size + 1))  # after pass 1, 2, ...
        np.testing.assert_array_equal(v, np.maximum(g, 1e-14))
    assert same_colour(entries["coordinate descent"].get_color(), color("lasso"))
    assert ax.get_yscale() == "log" and ax.get_xscale() == "linear"
    assert ax.get_ylabel() == "duality gap" and "pass" in ax.get_xlabel()
    ax, _ = plot_gap_history({"cd": gaps}, log_x=True)
    assert ax.get_xscale() == "log"


def test_zero_counts_step_after_each_pass_to_the_target(history):
    _, zeros = history
    p = 10
    ax, _ = plot_zero_counts({"coordinate descent": zeros}, p=p, target=int(zeros[-1]))
    _, line = entry(ax, "coordinate descent")
    x, v = xy(line).T
    np.testing.assert_array_equal(x, np.arange(1, zeros.size + 1))
    np.testing.assert_array_equal(v, zeros)
    assert line.get_drawstyle() == "steps-post"  # the count after pass k holds until k + 1
    text, target = entry(ax, "exact solution")
    assert horizontal_at(ax) == [target.get_ydata()[0]] == [zeros[-1]]
    assert text == f"exact solution: {zeros[-1]} zeros"
    assert ax.get_ylim() == (-0.3, p + 0.3)
    assert "exactly 0" in ax.get_ylabel()


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="gaps"):
        plot_gap_history([1.0])
    with pytest.raises(ValueError, match="gaps"):
        plot_gap_history({"a": [-1.0]})
    with pytest.raises(ValueError, match="<= p"):
        plot_zero_counts({"a": [0, 4]}, p=3)
