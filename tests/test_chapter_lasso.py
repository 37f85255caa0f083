"""Tests of lessonlib.topics.lasso_cases (the lasso chapter's case table and derivation steps).

Every reference is independent of the module: scikit-learn's Lasso, quadratic fits of
loss values computed from the raw data with NumPy, and one-sided derivatives and
equation solving done here with SymPy.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from sklearn.linear_model import Lasso

from lessonlib import scale
from lessonlib.topics import lasso_cases

DATASETS = [
    # (slope, intercept, seed): positive, negative and nearly flat relationships
    (2.0, 1.0, 0),
    (-1.0, 1.0, 1),
    (0.05, -3.0, 2),
]


def _data(slope, intercept, seed, n=25):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 5.0, n)
    y = intercept + slope * x + rng.standard_normal(n)
    return x, y


def _sxy(x, y):
    return float(np.sum((x - x.mean()) * (y - y.mean())))


def _grid(x, y):
    """Penalties from 0 to 2*lambda*, avoiding the boundary lambda* itself."""
    lam_star = 2 * abs(_sxy(x, y))
    return lam_star * np.array([0.0, 0.1, 0.4, 0.8, 0.97, 1.03, 1.5, 2.0])


def _branch_vertex(x, y, lam, sign):
    """Vertex of the smooth branch SSE(m, best b) + sign*lam*m, from loss values alone."""
    ms = np.linspace(-3.0, 3.0, 7)
    loss = []
    for m in ms:
        b = np.mean(y - m * x)  # best intercept for this slope, by least squares in b
        loss.append(np.sum((y - m * x - b) ** 2) + sign * lam * m)
    a2, a1, _ = np.polyfit(ms, loss, 2)
    return -a1 / (2 * a2)


@pytest.mark.parametrize("slope, intercept, seed", DATASETS)
def test_slope_matches_scikit_learn(slope, intercept, seed):
    x, y = _data(slope, intercept, seed)
    lams = _grid(x, y)
    table = lasso_cases.case_table(x, y, lams)
    n = x.size
    for lam, m, case in zip(lams, table["slope"], table["case"]):
        if lam == 0.0:
            ref = np.polyfit(x, y, 1)[0]
        else:
            ref = (
                Lasso(alpha=scale.lasso_alpha(lam, n), tol=1e-14, max_iter=100_000)
                .fit(x[:, None], y)
                .coef_[0]
            )
        assert m == pytest.approx(ref, abs=1e-9)
        # the case names the sign scikit-learn finds; its zeros are exact zeros
        assert case == ("m > 0" if ref > 0 else "m < 0" if ref < 0 else "m = 0")
        assert (m == 0.0) == (ref == 0.0)


@pytest.mark.parametrize("slope, intercept, seed", DATASETS)
def test_candidates_are_the_vertices_of_the_smooth_branches(slope, intercept, seed):
    x, y = _data(slope, intercept, seed)
    lams = _grid(x, y)
    table = lasso_cases.case_table(x, y, lams)
    for i, lam in enumerate(lams):
        assert table["m_plus"][i] == pytest.approx(_branch_vertex(x, y, lam, +1), abs=1e-8)
        assert table["m_minus"][i] == pytest.approx(_branch_vertex(x, y, lam, -1), abs=1e-8)


@pytest.mark.parametrize("slope, intercept, seed", DATASETS)
def test_exactly_one_case_is_valid_and_flags_mean_what_they_say(slope, intercept, seed):
    x, y = _data(slope, intercept, seed)
    lams = _grid(x, y)  # away from lambda*, so the rounding of Sxy cannot matter
    t = lasso_cases.case_table(x, y, lams)
    assert np.all(t["plus_ok"].astype(int) + t["minus_ok"] + t["zero_ok"] == 1)
    assert np.array_equal(t["plus_ok"], t["m_plus"] > 0)
    assert np.array_equal(t["minus_ok"], t["m_minus"] < 0)
    # zero case <=> lam >= 2|Sxy|, with an exact 0.0
    zero = lams >= 2 * abs(_sxy(x, y))
    assert np.array_equal(t["zero_ok"], zero)
    assert np.all(t["slope"][zero] == 0.0)
    assert np.all(t["slope"][~zero] != 0.0)


@pytest.mark.parametrize("slope, intercept, seed", DATASETS)
def test_exact_zero_at_lambda_star_itself(slope, intercept, seed):
    x, y = _data(slope, intercept, seed)
    xc, yc = x - x.mean(), y - y.mean()
    lam_star = 2 * abs(float(xc @ yc))  # the same centred sum the library forms
    t = lasso_cases.case_table(x, y, [lam_star])
    assert t["case"].tolist() == ["m = 0"] and t["slope"][0] == 0.0
    # one of the two candidates sits exactly on 0 there: the boundary of its case
    assert 0.0 in (t["m_plus"][0], t["m_minus"][0])


def test_past_lambda_star_both_candidates_contradict_their_assumption():
    x, y = _data(2.0, 1.0, 0)
    lam_star = 2 * abs(_sxy(x, y))
    t = lasso_cases.case_table(x, y, [1.01 * lam_star, 3 * lam_star])
    assert np.all(t["m_plus"] < 0) and np.all(t["m_minus"] > 0)
    assert t["case"].tolist() == ["m = 0", "m = 0"]


def test_case_table_validates_its_input():
    with pytest.raises(ValueError, match="lambdas"):
        lasso_cases.case_table([1, 2, 3], [1, 2, 4], [1.0, -2.0])
    with pytest.raises(ValueError, match="x is constant"):
        lasso_cases.case_table([1, 1, 1], [1, 2, 4], [1.0])
    with pytest.raises((TypeError, ValueError), match="lambdas"):
        lasso_cases.case_table([1, 2, 3], [1, 2, 4], [np.nan])


# ------------------------------------------------------------------- derivation steps
Sxx, lam, h = sp.symbols("S_xx lambda h", positive=True)
Sxy, Syy, m = sp.symbols("S_xy S_yy m", real=True)


def _by_label(case):
    steps = lasso_cases.case_steps(case)
    return dict(steps), steps


def _same(a, b):
    """Equal up to the assumptions on the library's symbols: compare by their names."""
    names = {s.name: s for s in (Sxx, lam, Sxy, Syy, m)}
    a = a.subs({s: names[s.name] for s in a.free_symbols if s.name in names})
    return sp.simplify(a - b) == 0


@pytest.mark.parametrize("case, sign", [("m > 0", 1), ("m < 0", -1)])
def test_smooth_case_steps_match_an_independent_solution(case, sign):
    steps, ordered = _by_label(case)
    assert len(ordered) == 4
    slope_eq = steps["solve for m"]
    smooth = Sxx * m**2 - 2 * Sxy * m + Syy + sign * lam * m
    (ref,) = sp.solve(sp.diff(smooth, m), m)
    assert _same(slope_eq.rhs, ref)
    # the consistency condition holds exactly where the solution has the assumed sign
    condition = steps["this m is positive only if" if sign > 0 else "this m is negative only if"]
    for sxy_val, lam_val in [(3.0, 4.0), (1.0, 4.0), (-3.0, 4.0), (-1.0, 4.0), (0.0, 0.5)]:
        vals = {"S_xy": sxy_val, "lambda": lam_val, "S_xx": 2.0}
        got = bool(condition.subs({s: vals[s.name] for s in condition.free_symbols}))
        m_val = float(ref.subs({Sxy: sxy_val, lam: lam_val, Sxx: 2.0}))
        assert got == (sign * m_val > 0)


def test_zero_case_interval_is_made_of_the_one_sided_derivatives():
    steps, ordered = _by_label("m = 0")
    assert len(ordered) == 6
    interval = steps["left and right derivatives at m = 0"]
    loss = Sxx * m**2 - 2 * Sxy * m + Syy + lam * sp.Abs(m)
    right = sp.limit((loss.subs(m, h) - loss.subs(m, 0)) / h, h, 0)
    left = sp.limit((loss.subs(m, 0) - loss.subs(m, -h)) / h, h, 0)
    assert _same(interval.start, left) and _same(interval.end, right)
    final = steps["a symmetric interval, in one inequality"]
    for sxy_val, lam_val in [(1.0, 4.0), (2.0, 4.0), (2.5, 4.0), (-2.0, 4.0), (-3.0, 4.0)]:
        vals = {"S_xy": sxy_val, "lambda": lam_val}
        got = bool(final.subs({s: vals[s.name] for s in final.free_symbols}))
        assert got == (lam_val - 2 * sxy_val >= 0 and -2 * sxy_val - lam_val <= 0)


def test_case_steps_reuses_a_given_derivation():
    from lessonlib.derive import derive_lasso, derive_ridge

    given = lasso_cases.case_steps("m < 0", derivation=derive_lasso())
    assert [label for label, _ in given] == [label for label, _ in lasso_cases.case_steps("m < 0")]
    with pytest.raises(TypeError, match="derivation"):
        lasso_cases.case_steps("m < 0", derivation=derive_ridge())


def test_case_steps_validates_its_input():
    with pytest.raises(ValueError, match="case"):
        lasso_cases.case_steps("m >= 0")
    with pytest.raises(TypeError, match="case"):
        lasso_cases.case_steps(1)


# ------------------------------------------------ the absolute error (section lasso-abs)


def lad_vertex_fit(x, y, lam):
    """(minimum, slope) of the penalised absolute error over every line through two data
    points and every flat line through one (the vertices of the piecewise-linear loss)."""
    best = (np.inf, 0.0)
    lines = [
        ((y[j] - y[i]) / (x[j] - x[i]), i) for i, j in itertools.combinations(range(x.size), 2)
    ]
    for m, i in lines + [(0.0, i) for i in range(x.size)]:
        b = y[i] - m * x[i]
        best = min(best, (np.sum(np.abs(y - m * x - b)) + lam * abs(m), m), key=lambda v: v[0])
    return best


def chapter_data():
    from lessonlib.data import make_simple_regression  # only the data; its recipe is tested

    return make_simple_regression(n=30, slope=2.0, intercept=1.0, noise=1.0, seed=0)


def test_absolute_error_thresholds() -> None:
    """The section's thresholds, by trying every vertex: the absolute-error slope is 0 from
    lambda = 76.29 on, for y and for 10 y, while lambda* = 2|Sxy| grows tenfold."""
    x, y = chapter_data()
    xc, yc = x - x.mean(), y - y.mean()
    Sxx, Sxy = xc @ xc, xc @ yc
    lam0 = 76.29
    for k in (1.0, 10.0):
        flat = min(np.sum(np.abs(k * y - c)) for c in k * y)
        assert lad_vertex_fit(x, k * y, lam0 + 0.01)[0] == pytest.approx(flat, rel=1e-12)
        assert lad_vertex_fit(x, k * y, lam0 - 0.01)[0] < flat - 1e-9
    assert round(2 * abs(Sxy), 2) == 1203.07
    # without a penalty the two losses choose different lines (the printed slopes)
    m_abs = lad_vertex_fit(x, y, 0.0)[1]
    assert (round(Sxy / Sxx, 4), round(m_abs, 4)) == (1.9976, 1.9998)


def test_absolute_error_keeps_its_slope_longer_and_in_jumps() -> None:
    """The section's scale-free table: each loss at a fraction t of its own threshold, its
    slope as a fraction of its own unpenalised slope. The absolute error's by the vertex
    search, the squared error's by scikit-learn's Lasso at alpha = t lambda* / (2n)."""
    from lessonlib.topics import absolute_loss

    x, y = chapter_data()
    t = np.array([0.0, 0.25, 0.5, 0.75, 0.95, 1.05])
    kept = absolute_loss.kept_fractions(x, y, t)
    m0 = lad_vertex_fit(x, y, 0.0)[1]
    # the threshold: at m = 0 the intercept is a median of y; the slope stays 0 while lambda
    # covers |sum of x over the upper half of y - sum over the lower half| (n = 30, even)
    order = np.argsort(y)
    lam_abs = abs(x[order[15:]].sum() - x[order[:15]].sum())
    assert lad_vertex_fit(x, y, lam_abs * (1 + 1e-9))[1] == 0.0
    assert lad_vertex_fit(x, y, lam_abs * (1 - 1e-6))[1] != 0.0
    brute = [lad_vertex_fit(x, y, f * lam_abs)[1] / m0 for f in t]
    np.testing.assert_allclose(kept["absolute"], brute, rtol=0, atol=1e-9)
    xc, yc = x - x.mean(), y - y.mean()
    lam_star, m_ols = 2 * abs(xc @ yc), (xc @ yc) / (xc @ xc)
    sk = [
        Lasso(alpha=scale.lasso_alpha(f * lam_star, x.size), tol=1e-12, max_iter=100_000)
        .fit(x[:, None], y)
        .coef_[0]
        if f > 0
        else m_ols
        for f in t
    ]
    np.testing.assert_allclose(kept["squared"], np.array(sk) / m_ols, atol=1e-9)
    # the printed column of the absolute error: it keeps more of its slope below its
    # threshold, and it is constant between jumps (the same slope just left and right)
    assert [round(v, 4) for v in brute] == [1.0, 0.9803, 0.945, 0.8864, 0.5661, 0.0]
    for f in t[1:-1]:
        assert lad_vertex_fit(x, y, f * lam_abs * 0.999)[1] == lad_vertex_fit(x, y, f * lam_abs)[1]


# ------------------------------------------------ from one feature to many


def test_coordinate_descent_is_scikit_learns_lasso() -> None:
    """Random correlated data: the coordinate-wise formula against scikit-learn's Lasso at
    the same penalty, with the same exact zeros (scikit-learn's to 1e-10)."""
    from sklearn.linear_model import Lasso

    from lessonlib.scale import lasso_alpha  # the conversion itself: tests/test_scale.py
    from lessonlib.topics.lasso_cases import coordinate_descent

    rng = np.random.default_rng(3)
    X = rng.standard_normal((60, 6)) @ np.triu(np.ones((6, 6))) + 3.0
    y = X @ np.array([2.0, 0.0, -1.0, 0.0, 0.0, 0.5]) + rng.standard_normal(60) + 7.0
    zeros = []
    for lam in (5.0, 50.0, 400.0):
        w = coordinate_descent(X, y, lam, n_sweeps=3000)[-1]
        sk = Lasso(alpha=lasso_alpha(lam, 60), tol=1e-14, max_iter=10**6).fit(X, y).coef_
        np.testing.assert_allclose(w, sk, atol=1e-8)
        assert np.array_equal(w == 0.0, np.abs(sk) < 1e-10)
        zeros.append(int(np.sum(w == 0.0)))
    assert zeros[0] < zeros[-1]  # some exact zeros, and a check that would see them


def test_coordinate_descent_one_sweep_is_exact_for_orthonormal_columns() -> None:
    from lessonlib.topics.lasso_cases import coordinate_descent

    rng = np.random.default_rng(0)
    A = rng.standard_normal((30, 4))
    Q, _ = np.linalg.qr(A - A.mean(axis=0))
    y = Q @ np.array([2.0, -0.3, 0.1, 1.0]) + 4.0
    z = Q.T @ (y - y.mean())
    w = coordinate_descent(Q, y, 1.0, n_sweeps=1)[0]
    np.testing.assert_allclose(w, np.sign(z) * np.maximum(np.abs(z) - 0.5, 0.0), atol=1e-12)


def test_coordinate_descent_validates_its_input() -> None:
    from lessonlib.topics.lasso_cases import coordinate_descent

    X = np.array([[1.0, 2.0], [1.0, 3.0], [1.0, 5.0]])
    with pytest.raises(ValueError, match="constant column"):
        coordinate_descent(X, [1.0, 2.0, 3.0], 1.0)
    with pytest.raises(ValueError, match="lam"):
        coordinate_descent(X[:, 1:], [1.0, 2.0, 3.0], -1.0)
    with pytest.raises(ValueError, match="n_sweeps"):
        coordinate_descent(X[:, 1:], [1.0, 2.0, 3.0], 1.0, n_sweeps=0)
