"""Input and numerical-safety defects found by fuzzing lessonlib, one section per defect.

Each test fails on the library as it was before the fix and is judged by a computation
that does not go through lessonlib: NumPy (``polyfit``, ``lstsq``, ``default_rng``),
scikit-learn, or values worked out by hand.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import re
import tracemalloc

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge, lars_path

import lessonlib
from lessonlib import data, optimality, path, scale, simple, solvers, tuning
from lessonlib.display import explore
from lessonlib.display.figures import bayes as bayes_figures
from lessonlib.display.figures import paths as path_figures
from lessonlib.display.figures import solver_history
from lessonlib.exceptions import ConvergenceWarning
from lessonlib.topics import (
    convergence,
    entry_order,
    geometry,
    orthonormal,
    overfitting,
    recovery,
    ridge_zero,
    selection,
)

RNG = np.random.default_rng(20240611)
X_ONE = RNG.uniform(0.0, 10.0, 30)
Y_ONE = 1.0 + 2.0 * X_ONE + RNG.standard_normal(30)
N_ONE = X_ONE.size
M_OLS, B_OLS = np.polyfit(X_ONE, Y_ONE, 1)  # independent least-squares line


def sklearn_lasso_slope(x: np.ndarray, y: np.ndarray, lam: float) -> float:
    """The article's lasso slope via scikit-learn (alpha = lam / 2n)."""
    model = Lasso(alpha=scale.lasso_alpha(lam, x.size), tol=1e-14, max_iter=1_000_000)
    return float(model.fit(x[:, None], y).coef_[0])


def centred(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X - X.mean(axis=0), y - y.mean()


def public_callables():
    """(key, function) for every public function and public method of lessonlib."""
    for info in pkgutil.walk_packages(lessonlib.__path__, "lessonlib."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != info.name:
                continue
            if exported is not None and name not in exported:
                continue
            if inspect.isfunction(obj):
                yield obj
            elif inspect.isclass(obj):
                for meth_name, meth in inspect.getmembers(obj, inspect.isfunction):
                    generated = dataclasses.is_dataclass(obj) and meth_name == "__init__"
                    if not generated and (meth_name == "__init__" or not meth_name.startswith("_")):
                        yield meth


def parameters_where(test) -> set[str]:
    """``module.qualname:param`` (no "lessonlib." prefix) of every public parameter selected."""
    found = set()
    for func in public_callables():
        for param in inspect.signature(func).parameters.values():
            if test(param):
                module = func.__module__.removeprefix("lessonlib.")
                found.add(f"{module}.{func.__qualname__}:{param.name}")
    return found


# ================================================================= 1. one-feature closed forms


@pytest.mark.parametrize("c", [1e-200, 1e-170, 1e200, 1e300, 2.0**-1000, 2.0**1000])
def test_ols_fit_at_extreme_scales_of_x(c: float) -> None:
    # before: ZeroDivisionError (tiny x) or a silent (0.0, ybar) (huge x)
    m, b = simple.ols_fit(X_ONE * c, Y_ONE)
    assert m * c == pytest.approx(M_OLS, rel=1e-12)  # scaling x by c divides the slope by c
    assert b == pytest.approx(B_OLS, rel=1e-12)


@pytest.mark.parametrize("c", [1e-200, 1e200])
def test_ols_fit_at_extreme_scales_of_y(c: float) -> None:
    m, b = simple.ols_fit(X_ONE, Y_ONE * c)
    assert m / c == pytest.approx(M_OLS, rel=1e-12)
    assert b / c == pytest.approx(B_OLS, rel=1e-12)


@pytest.mark.parametrize("c", [1e-170, 1e-200, 1e200])
@pytest.mark.parametrize("frac", [0.0, 0.4, 1.5])
def test_lasso_and_ridge_fits_at_extreme_scales(c: float, frac: float) -> None:
    # the lasso of (c x, y) at c*lam is the lasso of (x, y) at lam with the slope divided by c
    xc, yc = X_ONE - X_ONE.mean(), Y_ONE - Y_ONE.mean()
    lam = frac * 2 * abs(xc @ yc)
    ref = sklearn_lasso_slope(X_ONE, Y_ONE, lam) if lam > 0 else M_OLS
    m, _ = simple.lasso_fit(X_ONE * c, Y_ONE, lam * c)
    assert m * c == pytest.approx(ref, rel=1e-8, abs=1e-12)
    assert (m == 0.0) == (frac > 1)
    m_brute, _ = simple.brute_force_fit(X_ONE * c, Y_ONE, lam * c, "l1")
    assert m_brute * c == pytest.approx(ref, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("c, lam", [(1e160, 1e308), (1e-160, 1e-308), (1e-200, 1e-300)])
def test_ridge_fit_at_extreme_scales(c: float, lam: float) -> None:
    # Sxx of x * c overflows (1e160) or underflows (1e-160, 1e-200); the ridge slope of
    # (c x, y) at lam is that of (x, y) at lam / c**2, divided by c
    ref = Ridge(alpha=lam / c / c).fit(X_ONE[:, None], Y_ONE).coef_[0]
    assert simple.ridge_fit(X_ONE * c, Y_ONE, lam)[0] * c == pytest.approx(ref, rel=1e-10)


def test_lasso_fit_tiny_x_does_not_name_sxx() -> None:
    # before: "Sxx must be > 0", an argument the caller never passed. By hand:
    # |Sxy| = 1e-170 |sum (x - xbar)(y - ybar)| is far below lam / 2 = 0.5, so m = 0, b = ybar
    m, b = simple.lasso_fit(X_ONE * 1e-170, Y_ONE, 1.0)
    assert m == 0.0 and b == pytest.approx(Y_ONE.mean(), rel=1e-15)


def test_closed_forms_unchanged_for_ordinary_data() -> None:
    # the stored chapters depend on these bits: the rescaling must not change them
    for seed in range(5):
        x, y = data.make_simple_regression(seed=seed)
        xc, yc = x - x.mean(), y - y.mean()
        Sxx, Sxy = float(xc @ xc), float(xc @ yc)
        assert simple.ols_fit(x, y)[0] == Sxy / Sxx
        assert simple.ridge_fit(x, y, 7.0)[0] == Sxy / (Sxx + 7.0)
        assert simple.lasso_fit(x, y, 7.0)[0] == (Sxy - 3.5) / Sxx
        assert scale.lambda_star(x, y) == 2 * abs(Sxy)
        s = simple.sufficient_stats(x, y)
        assert (s.Sxx, s.Sxy, s.Syy) == (Sxx, Sxy, float(yc @ yc))


def test_degenerate_one_feature_data_raise_naming_x() -> None:
    with pytest.raises(ValueError, match=r"x is constant \(all values 3.0\): Sxx = 0"):
        simple.ols_fit([3.0, 3.0, 3.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="the slope overflows float64; x has too little spread"):
        simple.ols_fit(X_ONE * 1e-300, Y_ONE * 1e300)  # a slope near 1e600
    with pytest.raises(ValueError, match=r"Sxx .* overflows"):
        simple.sufficient_stats(X_ONE * 1e200, Y_ONE)  # the sum itself is not a float64
    with pytest.raises(ValueError, match="x has too little spread"):
        simple.sufficient_stats(X_ONE * 1e-200, Y_ONE)


# ================================================================= 2. ridge, rank-deficient X


def duplicated_column_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 2))
    X[:, 1] = X[:, 0]
    return X, 2 * X[:, 0] + rng.standard_normal(20)


@pytest.mark.parametrize("alpha", [1e-20, 1e-14, 1e-8])
def test_ridge_duplicated_column_tiny_alpha(alpha: float) -> None:
    # before: LinAlgError at 1e-20, silently unequal coefficients at 1e-14
    X, y = duplicated_column_problem()
    fit = solvers.ridge(X, y, alpha)
    ref = Ridge(alpha=alpha, solver="svd").fit(X, y)
    min_norm = np.linalg.lstsq(*centred(X, y), rcond=None)[0]
    np.testing.assert_allclose(fit.coef, ref.coef_, rtol=1e-9)
    np.testing.assert_allclose(fit.coef, min_norm, rtol=1e-7)  # alpha -> 0: minimum norm
    assert fit.coef[0] == pytest.approx(fit.coef[1], rel=1e-12)
    assert fit.intercept == pytest.approx(ref.intercept_, rel=1e-9, abs=1e-12)


def test_ridge_path_agrees_with_ridge_on_duplicated_column() -> None:
    X, y = duplicated_column_problem()
    coefs, _ = path.ridge_path(X, y, [0.0, 1e-14, 1.0])
    for a, w in zip([0.0, 1e-14, 1.0], coefs):
        np.testing.assert_allclose(w, solvers.ridge(X, y, a).coef, rtol=1e-12)


@pytest.mark.parametrize("c, alpha", [(1e200, 1e300), (1e-200, 1e-300)])
def test_ridge_at_extreme_scales(c: float, alpha: float) -> None:
    # ridge of (c X, y) at alpha is that of (X, y) at alpha / c**2, divided by c; sigma**2
    # of c X would overflow (underflow) without the rescaling
    X, y = duplicated_column_problem()
    X = X + np.array([[0.0, 1.0]]) * np.random.default_rng(1).standard_normal((20, 2))
    ref = Ridge(alpha=alpha / c / c, solver="svd").fit(X, y).coef_
    np.testing.assert_allclose(solvers.ridge(X * c, y, alpha).coef * c, ref, rtol=1e-10)


# ================================================================= 3. intercept of the certificates

X_SMALL = np.random.default_rng(3).standard_normal((12, 3))
Y_SMALL = X_SMALL @ np.array([1.0, 0.0, -2.0]) + np.random.default_rng(4).standard_normal(12)


@pytest.mark.parametrize("func", [solvers.objective, solvers.duality_gap])
@pytest.mark.parametrize(
    "intercept, error, match",
    [
        (np.nan, ValueError, "intercept must be finite"),
        (np.inf, ValueError, "intercept must be finite"),
        ("1", TypeError, "intercept must be a real number"),
        (True, TypeError, "intercept must be a real number"),
        ([1.0], TypeError, "intercept must be a real number"),
    ],
)
def test_intercept_is_checked(func, intercept, error, match) -> None:
    with pytest.raises(error, match=match):
        func(X_SMALL, Y_SMALL, np.zeros(3), 0.1, intercept=intercept)


def test_given_intercept_enters_the_objective() -> None:
    w, c = np.array([0.5, 0.0, -1.0]), 0.25
    by_hand = np.sum((Y_SMALL - X_SMALL @ w - c) ** 2) / (2 * 12) + 0.1 * np.abs(w).sum()
    assert solvers.objective(X_SMALL, Y_SMALL, w, 0.1, intercept=np.float32(c)) == pytest.approx(
        by_hand, rel=1e-12
    )


# ================================================================= 4. booleans are bools

X4, Y4 = X_SMALL, Y_SMALL
XR = np.array([[1.0, 1.0], [2.0, 1.5], [3.0, 3.5], [4.0, 4.0]])  # ridge_zero's doctest data
YR = np.array([1.0, 2.0, 2.5, 4.5])


def _slope_explorer() -> explore.SlopeExplorer:
    return explore.SlopeExplorer([1.0, 2.0, 3.0], [2.0, 4.0, 7.0], "l1", lam_max=20.0)


def _small_path_explorer() -> explore.PathExplorer:
    return explore.PathExplorer([0.1, 1.0], [[1.0], [0.0]], lambda a: [0.0], ["a"], "lasso")


# "module.function:parameter" (without the "lessonlib." prefix) -> call with that flag = v
BOOL_CALLS = {
    "solvers.ridge:fit_intercept": lambda v: solvers.ridge(X4, Y4, 1.0, fit_intercept=v),
    "solvers.lasso_cd:fit_intercept": lambda v: solvers.lasso_cd(X4, Y4, 0.1, fit_intercept=v),
    "solvers.lasso_cd:record_history": lambda v: solvers.lasso_cd(X4, Y4, 0.1, record_history=v),
    "solvers.enet_cd:fit_intercept": lambda v: solvers.enet_cd(X4, Y4, 0.1, 0.5, fit_intercept=v),
    "solvers.enet_cd:record_history": lambda v: solvers.enet_cd(X4, Y4, 0.1, 0.5, record_history=v),
    "solvers.subgradient_descent:fit_intercept": lambda v: solvers.subgradient_descent(
        X4, Y4, 0.1, n_iter=3, fit_intercept=v
    ),
    "solvers.subgradient_descent:record_history": lambda v: solvers.subgradient_descent(
        X4, Y4, 0.1, n_iter=3, record_history=v
    ),
    "scale.alpha_max:fit_intercept": lambda v: scale.alpha_max(X4, Y4, fit_intercept=v),
    "solvers.objective:fit_intercept": lambda v: solvers.objective(
        X4, Y4, np.zeros(3), 0.1, fit_intercept=v
    ),
    "solvers.duality_gap:fit_intercept": lambda v: solvers.duality_gap(
        X4, Y4, np.zeros(3), 0.1, fit_intercept=v
    ),
    "solvers.kkt_violation:fit_intercept": lambda v: solvers.kkt_violation(
        X4, Y4, np.zeros(3), 0.1, fit_intercept=v
    ),
    "path.lasso_homotopy:fit_intercept": lambda v: path.lasso_homotopy(X4, Y4, fit_intercept=v),
    "path.lasso_path:fit_intercept": lambda v: path.lasso_path(X4, Y4, [0.1], fit_intercept=v),
    "path.ridge_path:fit_intercept": lambda v: path.ridge_path(X4, Y4, [0.1], fit_intercept=v),
    "optimality.feature_correlations:fit_intercept": lambda v: optimality.feature_correlations(
        X4, Y4, np.zeros(3), fit_intercept=v
    ),
    "optimality.gap_along:fit_intercept": lambda v: optimality.gap_along(
        X4, Y4, np.zeros((2, 3)), 0.1, fit_intercept=v
    ),
    "optimality.coordinate_stats:fit_intercept": lambda v: optimality.coordinate_stats(
        X4, Y4, np.zeros(3), 0, fit_intercept=v
    ),
    "topics.entry_order.bootstrap_fits:fit_intercept": lambda v: entry_order.bootstrap_fits(
        X4, Y4, lasso_alpha=0.1, ridge_alpha=1.0, n_boot=2, fit_intercept=v
    ),
    "topics.ridge_zero.ridge_zero_crossing:fit_intercept": lambda v: ridge_zero.ridge_zero_crossing(
        XR, YR, 1, 0.01, 100.0, fit_intercept=v
    ),
    "display.figures.paths.plot_coef_paths:log_x": lambda v: path_figures.plot_coef_paths(
        [0.1, 1.0], [[1.0], [0.0]], ["a"], log_x=v
    ),
    "display.figures.solver_history.plot_gap_history:log_x": lambda v: (
        solver_history.plot_gap_history({"cd": [1.0, 0.1]}, log_x=v)
    ),
    "display.figures.solver_history.plot_zero_counts:log_x": lambda v: (
        solver_history.plot_zero_counts({"cd": [0, 1]}, 2, log_x=v)
    ),
    "display.figures.solver_history.plot_rates:log_x": lambda v: solver_history.plot_rates(
        {"cd": [1.0, 0.1]}, log_x=v
    ),
    "topics.convergence.proximal_gradient:accelerated": lambda v: convergence.proximal_gradient(
        XS9, YS9, 0.5, n_iter=3, accelerated=v
    ),
    "display.figures.bayes.plot_priors:log": lambda v: bayes_figures.plot_priors(n_grid=5, log=v),
    "display.explore.live_explorer:log": lambda v: explore.live_explorer(
        _slope_explorer(), 1.0, 2.0, log=v
    ),
    "display.explore._Explorer.png:fast": lambda v: _small_path_explorer().png(30, fast=v),
}


def test_every_public_bool_parameter_is_covered() -> None:
    def is_flag(p: inspect.Parameter) -> bool:
        return p.annotation in ("bool", bool) and isinstance(p.default, bool)

    flags = parameters_where(is_flag)
    assert flags == set(BOOL_CALLS)


@pytest.mark.parametrize("key", sorted(BOOL_CALLS))
@pytest.mark.parametrize("value", ["False", "yes", None, 0, 1.0, [True]])
def test_bool_parameters_reject_non_bools(key: str, value: object) -> None:
    name = key.split(":")[1]
    with pytest.raises(TypeError, match=re.escape(f"{name} must be a bool, got {value!r}")):
        BOOL_CALLS[key](value)


@pytest.mark.parametrize("key", sorted(BOOL_CALLS))
def test_bool_parameters_accept_numpy_bools(key: str) -> None:
    BOOL_CALLS[key](np.False_)
    BOOL_CALLS[key](np.True_)


def test_fit_intercept_string_false_no_longer_fits_an_intercept() -> None:
    # before: "False" is truthy, so an intercept was fitted
    with pytest.raises(TypeError, match="fit_intercept must be a bool, got 'False'"):
        solvers.ridge(X4, Y4, 1.0, fit_intercept="False")
    ref = Ridge(alpha=1.0, fit_intercept=False).fit(X4, Y4)
    fit = solvers.ridge(X4, Y4, 1.0, fit_intercept=np.False_)
    np.testing.assert_allclose(fit.coef, ref.coef_, rtol=1e-12)
    assert fit.intercept == 0.0


# ================================================================= 5. iteration limits


def wide_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    X = rng.standard_normal((10, 30))
    return X, X[:, :3] @ np.array([2.0, -1.0, 0.5]) + 0.1 * rng.standard_normal(10)


@pytest.mark.parametrize(
    "solve",
    [
        lambda X, y: solvers.lasso_cd(X, y, 1e-10, max_iter=50),
        lambda X, y: solvers.enet_cd(X, y, 1e-10, 0.9, max_iter=50),
    ],
)
def test_coordinate_descent_warns_at_its_iteration_limit(solve) -> None:
    X, y = wide_problem()  # p > n and a tiny alpha: far from converged after 50 epochs
    with pytest.warns(ConvergenceWarning, match="max_iter=50"):
        fit = solve(X, y)
    assert not fit.converged and fit.n_iter == 50
    # the gap it reports is the independent lasso gap of what it returns, and it is large
    assert fit.gap > 1e-12 * np.var(y)


@pytest.mark.parametrize(
    "tol, error",
    [
        (0, ValueError),
        (0.0, ValueError),
        (-1e-9, ValueError),
        (np.nan, ValueError),
        ("1e-9", TypeError),
    ],
)
def test_tol_must_be_positive(tol, error) -> None:
    for call in (
        lambda: solvers.lasso_cd(X4, Y4, 0.1, tol=tol),
        lambda: solvers.enet_cd(X4, Y4, 0.1, 0.5, tol=tol),
    ):
        with pytest.raises(error, match="tol"):
            call()


@pytest.mark.parametrize("c", [1e200, 1e-200])
def test_lasso_cd_at_extreme_scales_of_X(c: float) -> None:
    # before: overflow (RuntimeWarning), NaN and 100,000 epochs for X * 1e200
    X, y = X_SMALL + 5.0, Y_SMALL
    ref = Lasso(alpha=0.05, tol=1e-14, max_iter=1_000_000).fit(X, y)
    fit = solvers.lasso_cd(X * c, y, 0.05 * c)  # lasso of (cX, y) at c*alpha = w(X, alpha) / c
    assert fit.converged
    np.testing.assert_allclose(fit.coef * c, ref.coef_, rtol=0, atol=1e-8)
    assert fit.intercept == pytest.approx(ref.intercept_, rel=1e-8)


def test_ridge_zero_crossing_warns_at_its_iteration_limit() -> None:
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        ridge_zero.ridge_zero_crossing(XR, YR, 1, 0.01, 100.0, max_iter=3)


# ================================================================= 6. the homotopy at tiny scales


@pytest.mark.parametrize("c", [1e-160, 1e160])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_homotopy_at_extreme_scales_of_X(c: float, fit_intercept: bool) -> None:
    # before (1e-160): complete=True, a last knot of -0.0 and a NaN coefficient
    X, y = X_SMALL, Y_SMALL
    ref_alphas, _, ref_coefs = (
        lars_path(*centred(X, y), method="lasso")
        if fit_intercept
        else lars_path(X, y, method="lasso")
    )
    got = path.lasso_homotopy(X * c, y, fit_intercept=fit_intercept)
    assert got.complete and np.all(np.isfinite(got.coefs)) and np.all(np.isfinite(got.alphas))
    np.testing.assert_allclose(got.alphas / c, ref_alphas, rtol=0, atol=1e-10 * ref_alphas[0])
    np.testing.assert_allclose(got.coefs * c, ref_coefs.T, rtol=0, atol=1e-9)
    assert got.alphas[-1] == 0.0 and np.all(np.diff(got.alphas) < 0)


def test_lasso_path_at_tiny_scale_is_exact() -> None:
    X, y = X_SMALL * 1e-160, Y_SMALL
    alphas = np.array([0.5, 0.1, 0.01]) * 1e-160
    coefs, _ = path.lasso_path(X, y, alphas)
    for a, w in zip(alphas, coefs):
        ref = Lasso(alpha=a * 1e160, tol=1e-14, max_iter=1_000_000).fit(X_SMALL, Y_SMALL).coef_
        np.testing.assert_allclose(w * 1e-160, ref, rtol=0, atol=1e-8)


# ================================================================= 7. subgradient divergence


@pytest.mark.parametrize("step", [1e300, 1e100])
def test_subgradient_divergence_names_step(step: float) -> None:
    with pytest.raises(ValueError, match=r"diverged.*step=1e\+(300|100) is too large"):
        solvers.subgradient_descent(X_SMALL, Y_SMALL, 0.1, step=step)


# ================================================================= 8. brute force memory


def test_brute_force_grid_size_is_bounded() -> None:
    with pytest.raises(ValueError, match=f"grid_size must be <= {simple.MAX_GRID_SIZE}"):
        simple.brute_force_fit(X_ONE, Y_ONE, 1.0, "l1", grid_size=simple.MAX_GRID_SIZE + 1)


@pytest.mark.parametrize("penalty, lam", [("l1", 300.0), ("l2", 50.0), ("none", 0.0)])
def test_brute_force_in_chunks_equals_one_chunk(monkeypatch, penalty: str, lam: float) -> None:
    whole = simple.brute_force_fit(X_ONE, Y_ONE, lam, penalty, grid_size=5001)
    monkeypatch.setattr(simple, "_CHUNK_ENTRIES", 7 * N_ONE)  # 7 grid points per slice
    assert simple.brute_force_fit(X_ONE, Y_ONE, lam, penalty, grid_size=5001) == whole
    ref = (
        sklearn_lasso_slope(X_ONE, Y_ONE, lam)
        if penalty == "l1"
        else (Ridge(alpha=lam).fit(X_ONE[:, None], Y_ONE).coef_[0] if penalty == "l2" else M_OLS)
    )
    assert whole[0] == pytest.approx(ref, rel=1e-7)


def test_brute_force_memory_is_bounded_for_large_n() -> None:
    # before: three temporaries of grid_size x n floats (here 2001 x 20000: 320 MB each)
    rng = np.random.default_rng(8)
    x = rng.standard_normal(20_000)
    y = 0.5 * x + rng.standard_normal(20_000)
    tracemalloc.start()
    try:
        m, _ = simple.brute_force_fit(x, y, 0.0, "none")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20
    assert m == pytest.approx(np.polyfit(x, y, 1)[0], rel=1e-7)


# ================================================================= 9. seeds

XS9 = np.random.default_rng(9).standard_normal((40, 3))
YS9 = XS9 @ np.array([1.0, 0.0, 2.0]) + np.random.default_rng(10).standard_normal(40)
SEED_CALLS = {
    "data.make_simple_regression:seed": lambda s: data.make_simple_regression(n=5, seed=s),
    "data.make_correlated_features:seed": lambda s: data.make_correlated_features(n=20, seed=s),
    "topics.entry_order.bootstrap_fits:seed": lambda s: entry_order.bootstrap_fits(
        XS9, YS9, lasso_alpha=0.1, ridge_alpha=1.0, n_boot=2, seed=s
    ),
    "topics.geometry.random_problems:seed": lambda s: geometry.random_problems(3, seed=s),
    "optimality.perturbed_one_feature_slopes:seed": lambda s: (
        optimality.perturbed_one_feature_slopes(
            [-1.0, 0.0, 1.0], [0.0, 1.0, 0.2], 0.2, 0.1, n_draws=3, seed=s
        )
    ),
    "topics.orthonormal.orthonormal_design:seed": lambda s: orthonormal.orthonormal_design(
        10, 3, seed=s
    ),
    "topics.overfitting.make_sine_data:seed": lambda s: overfitting.make_sine_data(
        n_test=5, seed=s
    ),
    "topics.selection.bootstrap_indices:seed": lambda s: selection.bootstrap_indices(5, 3, seed=s),
    "topics.selection.resample_coefs:seed": lambda s: selection.resample_coefs(
        XS9, YS9, "ridge", 1.0, n_resamples=2, seed=s
    ),
    "tuning.lasso_cv:seed": lambda s: tuning.lasso_cv(XS9, YS9, [0.1, 1.0], n_splits=3, seed=s),
    "topics.orthonormal.zero_frequency:seed": lambda s: orthonormal.zero_frequency(
        orthonormal.orthonormal_design(10, 2, seed=0), [0.0, 1.0], 1.0, 2.0, n_sims=5, seed=s
    ),
    "topics.recovery.support_recovery:seed": lambda s: recovery.support_recovery(
        [10], 8, 2, n_reps=1, seed=s
    ),
    "tuning.holdout_comparison:seed": lambda s: tuning.holdout_comparison(
        XS9, YS9, [0.1, 1.0], n_splits=3, seed=s
    ),
}


def test_every_public_seed_parameter_is_covered() -> None:
    assert parameters_where(lambda p: p.name == "seed") == set(SEED_CALLS)


@pytest.mark.parametrize("key", sorted(SEED_CALLS))
@pytest.mark.parametrize(
    "seed, error, match",
    [
        (-1, ValueError, "seed must be >= 0, got -1"),
        (2**32, ValueError, "seed must be <= 2\\*\\*32 - 1"),
        ("a", TypeError, "seed must be an int, got str"),
        (1.5, TypeError, "seed must be an int, got float"),
        (True, TypeError, "seed must be an int, got bool"),
        (None, TypeError, "seed must be an int, got None: the book's outputs are reproducible"),
    ],
)
def test_bad_seeds_are_named(key: str, seed, error, match: str) -> None:
    with pytest.raises(error, match=match):
        SEED_CALLS[key](seed)


@pytest.mark.parametrize("key", sorted(SEED_CALLS))
def test_numpy_integer_seeds_are_accepted(key: str) -> None:
    SEED_CALLS[key](np.int64(3))
    SEED_CALLS[key](np.array(2**32 - 1, dtype=np.uint32))


@pytest.mark.parametrize(
    "seed, kwargs",
    [
        (0, {}),
        (7, {"n": 12, "slope": -0.5, "intercept": 3.0, "noise": 0.25, "x_range": (-2.0, 5.0)}),
    ],
)
def test_make_simple_regression_follows_its_documented_recipe(seed: int, kwargs: dict) -> None:
    x, y = data.make_simple_regression(seed=seed, **kwargs)
    p = {"n": 30, "slope": 2.0, "intercept": 1.0, "noise": 1.0, "x_range": (0.0, 10.0)} | kwargs
    rng = np.random.default_rng(seed)  # the recipe of the docstring, done again here
    x_ref = rng.uniform(*p["x_range"], size=p["n"])
    y_ref = p["intercept"] + p["slope"] * x_ref + p["noise"] * rng.standard_normal(p["n"])
    np.testing.assert_array_equal(x, x_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_make_simple_regression_pinned_values() -> None:
    # the first points of the data the chapters use (seed 0), recorded once by hand
    x, y = data.make_simple_regression(seed=0)
    assert np.round(x[:3], 6).tolist() == [6.369617, 2.697867, 0.409735]
    assert np.round(y[:3], 6).tolist() == [12.729616, 6.186559, 1.660245]


# ================================================================= 10. explorers, 0-d penalties


def test_path_explorer_rejects_a_wrong_length_coef_at() -> None:
    # before: zip() silently drew only the first p bars
    alphas, coefs = np.array([0.1, 1.0]), np.array([[1.0, 0.5], [0.0, 0.0]])
    with pytest.raises(ValueError, match=r"coef_at\(.*\) must return one coefficient per feature"):
        explore.PathExplorer(alphas, coefs, lambda a: np.zeros(3), ["a", "b"], "lasso")
    short = explore.PathExplorer(alphas, coefs, lambda a: np.zeros(2), ["a", "b"], "lasso")
    short.coef_at = lambda a: np.zeros(1)
    with pytest.raises(ValueError, match="one coefficient per feature \\(2\\), got 1"):
        short.update(0.5)
    with pytest.raises(ValueError, match="one coefficient per feature"):
        short.describe(0.5)


def test_path_explorer_rejects_nan_coefficients() -> None:
    alphas, coefs = np.array([0.1, 1.0]), np.array([[1.0], [0.0]])
    ex = explore.PathExplorer(alphas, coefs, lambda a: np.array([a]), ["a"], "lasso")
    ex.coef_at = lambda a: np.array([np.nan])
    with pytest.raises(ValueError, match=r"coef_at\(0\.5\) must be finite"):
        ex.update(0.5)
    with pytest.raises(TypeError, match="coef_at must be callable"):
        explore.PathExplorer(alphas, coefs, [0.0], ["a"], "lasso")


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("y", [[1.0, 0.0, 1.0], [5.0, 5.0, 5.0]])
def test_slope_explorer_with_zero_sxy_has_a_real_axis(penalty: str, y: list) -> None:
    # Sxy = 0 by hand: (x - 2) . (y - ybar) = -1*(1/3) + 0 + 1*(1/3). Before: matplotlib
    # warned about identical xlims (an error under this suite's filterwarnings)
    ex = explore.SlopeExplorer([1.0, 2.0, 3.0], y, penalty, lam_max=5.0)
    lo, hi = ex.ax_loss.get_xlim()
    assert lo < 0.0 < hi
    for lam in (0.0, 2.5, 5.0):
        assert ex.update(lam)["slope"] == 0.0


def test_path_explorer_with_an_all_zero_path() -> None:
    ex = explore.PathExplorer(
        [0.1, 1.0], np.zeros((2, 2)), lambda a: np.zeros(2), ["a", "b"], "lasso"
    )
    lo, hi = ex.ax_bar.get_xlim()
    assert lo < 0.0 < hi and ex.update(0.5)["n_zero"] == 2


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"low": "a"}, TypeError, "low must be a real number"),
        ({"high": np.nan}, ValueError, "high must be finite"),
        ({"low": None}, TypeError, "low"),
        ({"step": -1.0}, ValueError, "step must be > 0"),
        ({"step": "0.1"}, TypeError, "step"),
        ({"log": "yes"}, TypeError, "log must be a bool"),
        ({"description": 3}, TypeError, "description must be a string"),
        ({"explorer": object()}, TypeError, "explorer must have update"),
    ],
)
def test_live_explorer_arguments_are_named(kwargs, error, match) -> None:
    args = {"explorer": _slope_explorer(), "low": 0.0, "high": 5.0} | kwargs
    with pytest.raises(error, match=match):
        explore.live_explorer(args.pop("explorer"), args.pop("low"), args.pop("high"), **args)


def test_zero_d_array_penalties_are_scalars_everywhere() -> None:
    # before: lasso_slope took np.array(4.0) but lasso_fit and lasso_cd refused it
    x, y, lam = [1.0, 2.0, 3.0], [2.0, 4.0, 7.0], np.array(4.0)
    assert simple.lasso_slope(2.0, 5.0, lam) == 1.5  # by hand: (5 - 2) / 2
    assert simple.lasso_fit(x, y, lam) == simple.lasso_fit(x, y, 4.0)
    assert simple.lasso_fit(x, y, lam) == pytest.approx((1.5, 13 / 3 - 1.5 * 2), rel=1e-15)
    assert simple.ridge_fit(x, y, np.array(3.0))[0] == 1.0  # 5 / (2 + 3)
    X, y2 = X_SMALL, Y_SMALL
    ref = Lasso(alpha=0.1, tol=1e-14, max_iter=1_000_000).fit(X, y2).coef_
    for fit in (
        solvers.lasso_cd(X, y2, np.array(0.1)),
        solvers.enet_cd(X, y2, np.array(0.1), np.array(1.0)),
    ):
        np.testing.assert_allclose(fit.coef, ref, atol=1e-8)
    np.testing.assert_array_equal(
        solvers.ridge(X, y2, np.array(2.0)).coef, solvers.ridge(X, y2, 2.0).coef
    )
    with pytest.raises(TypeError, match="lam"):
        simple.lasso_fit(x, y, np.array(True))
    with pytest.raises(TypeError, match="alpha"):
        solvers.lasso_cd(X, y2, np.array("0.1"))
    assert math.isfinite(solvers.objective(X, y2, np.zeros(3), np.array(0.1)))
