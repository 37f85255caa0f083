"""SymPy derivations agree with the closed forms and with brute-force minimisation."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from lessonlib import derive as D
from lessonlib import simple as S


@pytest.fixture(scope="module")
def derivations() -> dict[str, D.Derivation]:
    return {"ols": D.derive_ols(), "ridge": D.derive_ridge(), "lasso": D.derive_lasso()}


def data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(3, 30))
    x = rng.uniform(-5, 5, size=n)
    y = rng.choice([-1.0, 1.0]) * rng.uniform(0.1, 2) * x + rng.normal(size=n) * 2 + 3
    return x, y


def test_symbols_have_the_stated_assumptions():
    assert D.Sxx.is_positive
    assert D.lam.is_nonnegative
    assert D.m.is_real and D.b.is_real and D.Sxy.is_real


def test_sse_in_sums_equals_the_loss_on_data():
    # the symbolic loss with the sums substituted equals sum((y - m x - b)^2) on real numbers
    d = D.derive_ols()
    x, y = data(0)
    values = {
        D.n: x.size,
        D.Sum_x: x.sum(),
        D.Sum_y: y.sum(),
        D.Sum_xx: x @ x,
        D.Sum_xy: x @ y,
        D.Sum_yy: y @ y,
        D.m: 0.7,
        D.b: -1.3,
    }
    assert float(d.loss.subs(values)) == pytest.approx(np.sum((y - 0.7 * x + 1.3) ** 2))


def test_results_in_closed_form(derivations):
    Sxx, Sxy, lam = D.Sxx, D.Sxy, D.lam
    assert sp.simplify(derivations["ols"].slope - Sxy / Sxx) == 0
    assert sp.simplify(derivations["ridge"].slope - Sxy / (Sxx + lam)) == 0
    for d in derivations.values():
        assert sp.simplify(d.intercept.rhs - (D.ybar - D.m * D.xbar)) == 0
        assert d.intercept.lhs == D.b
    cases = {c.name: c for c in derivations["lasso"].cases}
    assert list(cases) == ["m > 0", "m < 0", "m = 0"]
    assert sp.simplify(cases["m > 0"].slope - (Sxy - lam / 2) / Sxx) == 0
    assert sp.simplify(cases["m < 0"].slope - (Sxy + lam / 2) / Sxx) == 0
    assert cases["m = 0"].slope == 0
    assert cases["m > 0"].condition == (Sxy > lam / 2)
    assert cases["m < 0"].condition == (Sxy < -lam / 2)
    # each case's slope solves its own stationarity equation
    for name in ["m > 0", "m < 0"]:
        c = cases[name]
        assert sp.simplify(c.stationarity.lhs.subs(D.m, c.slope) - c.stationarity.rhs) == 0


def test_zero_case_condition_is_the_subgradient_condition(derivations):
    zero = derivations["lasso"].cases[2]
    interval = zero.stationarity.args[1]
    for Sxy in np.linspace(-3, 3, 25):
        for lam in [0.0, 1.0, 2.0, 4.0, 6.0]:
            subs = {D.Sxy: Sxy, D.lam: lam}
            in_interval = bool(interval.subs(subs).contains(0))
            assert in_interval == bool(zero.condition.subs(subs))
            assert in_interval == (abs(Sxy) <= lam / 2)


def test_cases_cover_every_Sxy_exactly_once(derivations):
    for Sxy in np.linspace(-3, 3, 61):
        for lam in [0.0, 1.0, 2.0, 4.0]:
            subs = {D.Sxy: Sxy, D.lam: lam}
            hits = [bool(c.condition.subs(subs)) for c in derivations["lasso"].cases]
            assert sum(hits) == 1, (Sxy, lam)


def test_steps_are_labelled_sympy_objects(derivations):
    for d in derivations.values():
        assert len(d.steps) >= 5
        for label, expr in d.steps:
            assert isinstance(label, str) and label
            assert isinstance(expr, sp.Basic)
            sp.latex(expr)  # displayable
    labels = [label for label, _ in derivations["lasso"].steps]
    assert any("m = 0" in label for label in labels)
    assert isinstance(derivations["lasso"].slope, sp.Piecewise)


@pytest.mark.parametrize("seed", range(10))
def test_lambdified_slopes_match_closed_forms_and_brute_force(derivations, seed):
    x, y = data(seed)
    s = S.sufficient_stats(x, y)
    scale = np.sqrt(s.Syy / s.Sxx)
    ls = S.lambda_star(x, y)
    lambdas = [0.0, 0.5 * ls, ls * (1 - 1e-7), ls, ls * (1 + 1e-7), 2 * ls]
    f = {k: d.lambdify_slope() for k, d in derivations.items()}
    assert f["ols"](s.Sxx, s.Sxy, 0.0) == pytest.approx(S.ols_fit(x, y)[0], rel=1e-12)
    for lam in lambdas:
        m_lasso = S.lasso_fit(x, y, lam)[0]
        m_ridge = S.ridge_fit(x, y, lam)[0]
        sym_lasso = f["lasso"](s.Sxx, s.Sxy, lam)
        assert sym_lasso == pytest.approx(m_lasso, rel=1e-12, abs=1e-15)
        assert (sym_lasso == 0.0) == (m_lasso == 0.0)
        assert f["ridge"](s.Sxx, s.Sxy, lam) == pytest.approx(m_ridge, rel=1e-12)
        assert S.brute_force_fit(x, y, lam, "l1")[0] == pytest.approx(sym_lasso, abs=1e-6 * scale)
        assert S.brute_force_fit(x, y, lam, "l2")[0] == pytest.approx(m_ridge, abs=1e-6 * scale)
    # vectorised over lambda, like lessonlib.simple
    lams = np.array(lambdas)
    np.testing.assert_allclose(f["lasso"](s.Sxx, s.Sxy, lams), S.lasso_slope(s.Sxx, s.Sxy, lams))
    np.testing.assert_allclose(f["ridge"](s.Sxx, s.Sxy, lams), S.ridge_slope(s.Sxx, s.Sxy, lams))
    assert f["ols"](s.Sxx, s.Sxy, lams).shape == lams.shape


def test_lambdify_returns_float_for_scalars(derivations):
    out = derivations["lasso"].lambdify_slope()(2.0, 5.0, 12.0)
    assert isinstance(out, float) and out == 0.0
