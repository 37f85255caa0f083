"""The shortcuts the exact lasso path takes for speed (issue 27) change no answer.

* ``_centring.is_constant`` settles most columns from their first two rows; it must agree
  with its definition (every entry within 4 ulps of the first, relative to the largest)
  on columns built to sit on the edge of it, at every scale.
* With more features than samples the homotopy computes a column of the Gram matrix only
  when a feature enters: its path is judged against scikit-learn's ``lars_path`` and the
  lasso conditions, with leaves, ties and a duplicated column.
* ``lasso_homotopy`` and ``lasso_path`` centre and scale their own copy of the data in
  place: the caller's arrays are left as they were, and the path is the same as with a
  copy.
* ``_scaling.scaled`` multiplies by ``2**k`` instead of calling ``ldexp`` per entry: the
  same bits as ``numpy.ldexp`` at every scale, subnormal, infinite and NaN entries included.
* The check of the last knot's optimality conditions (the guard against an ill-conditioned
  ``X``) uses the Gram columns the path already holds instead of two products with ``X``:
  on polynomial features it refuses exactly the paths whose conditions, computed from
  ``X`` itself, fail.
* The segment skips the zeroing of rounding noise and the search for the boundary when a
  bound shows there is nothing to find, the check of the new slopes skips the pass over
  ``d`` when a bound shows no slope is noise, and a knot with a single event skips the
  general event code: turned off, the paths are the same bit for bit.
* The centring's means are column sums (``einsum`` on a C-ordered ``X``) divided by ``n``,
  ``pow2_exponent`` calls the reductions of ``a.max()`` and ``a.min()`` directly, and the
  path's finiteness check reads a small array's extremes from an arg-max and an arg-min:
  the same answers as ``X.mean(axis=0)`` (in any memory layout), ``max(abs(a))`` and
  ``isfinite(a).all()``.
* Data whose largest entries are within ``2**64`` of 1 are not rescaled by a power of two:
  their paths are the same bits as those of the same data rescaled.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import lars_path

import lessonlib.path
from lessonlib._centring import is_constant, means
from lessonlib._scaling import pow2_exponent, scaled
from lessonlib._validation import _check_finite
from lessonlib.path import lasso_homotopy, lasso_homotopy_unchecked, lasso_path
from lessonlib.solvers import kkt_violation
from problems import close, diabetes

EPS = np.finfo(float).eps


def constant_by_definition(a: np.ndarray) -> np.ndarray:
    """Every entry within 4 ulps of the first, measured relative to the largest entry."""
    with np.errstate(over="ignore", invalid="ignore"):
        spread = np.abs(a - a[0])
    return np.all(spread <= 4 * EPS * np.max(np.abs(a), axis=0), axis=0)


def edge_columns(rng: np.random.Generator, n: int, p: int) -> np.ndarray:
    """Columns that are constant, or just not, to working precision, at one scale each."""
    scale = rng.choice([0.0, 1.0, 0.7, -3.1, 1e-300, 2.0**-899, 2.0**-901, 1e-310, 1e300])
    X = np.full((n, p), scale) * rng.choice([1.0, -1.0], size=(1, p))
    kind = rng.integers(4)
    if kind == 0:  # a few ulps apart
        X = X + rng.integers(-6, 7, size=(n, p)) * np.spacing(np.abs(X))
    elif kind == 1:  # relative steps of eps / 2, within and beyond the 4-ulp edge
        X = X * (1 + rng.integers(-9, 10, size=(n, p)) * EPS / 2)
    elif kind == 2:  # a few of the smallest subnormals apart
        X = X + rng.integers(-3, 4, size=(n, p)) * 5e-324
    else:  # one entry off
        X[rng.integers(n), rng.integers(p)] *= rng.choice([0.0, -1.0, 1 + 1e-15, 2.0, 1e-10])
    return X


def test_is_constant_agrees_with_its_definition_on_edge_columns() -> None:
    rng = np.random.default_rng(27)
    seen = np.zeros(2, dtype=int)  # constant and not: both sides of the edge are visited
    for _ in range(3000):
        X = edge_columns(rng, int(rng.integers(1, 6)), int(rng.integers(1, 5)))
        want = constant_by_definition(X)
        assert np.array_equal(is_constant(X), want), X
        for j in range(X.shape[1]):
            assert bool(is_constant(X[:, j].copy())) == bool(want[j]), X[:, j]
        seen += np.bincount(want.astype(int), minlength=2)
    assert seen.min() > 1000


def test_is_constant_reads_every_row_when_the_first_two_agree() -> None:
    # the first two rows equal, the difference further down: constant or not by that row
    x = np.array([0.3, 0.3, 0.3, 0.3 + 4 * np.spacing(0.3)])
    y = np.array([0.3, 0.3, 0.3, 0.3 + 1e-9])
    assert bool(is_constant(x)) and not bool(is_constant(y))
    assert is_constant(np.column_stack([x, y, -y])).tolist() == [True, False, False]


def wide_problem(n: int, p: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + rng.uniform(-2, 2, p)
    w = np.zeros(p)
    w[:6] = [3.0, -2.0, 1.5, -1.0, 2.5, 0.5]
    return X, X @ w + 0.5 * rng.standard_normal(n)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("seed", [0, 1])
def test_more_features_than_samples_matches_lars_path(fit_intercept: bool, seed: int) -> None:
    X, y = wide_problem(30, 90, seed)
    Xc, yc = (X - X.mean(axis=0), y - y.mean()) if fit_intercept else (X, y)
    ref_alphas, _, ref_coefs = lars_path(Xc, yc, method="lasso")
    path = lasso_homotopy(X, y, fit_intercept=fit_intercept)
    assert path.complete
    close(path.alphas, ref_alphas, 1e-8)
    close(path.coefs, ref_coefs.T, 1e-7)
    assert any(e.kind == "leave" for e in path.events)  # the factor was rebuilt on the way
    for w, a in zip(path.coefs[:-1], path.alphas[:-1]):
        assert kkt_violation(X, y, w, a, fit_intercept=fit_intercept) <= 1e-10


def test_more_features_than_samples_with_a_duplicated_column() -> None:
    X, y = wide_problem(25, 60, 3)
    j = int(np.argmax(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))))
    X2 = np.column_stack([X, 1.0 - X[:, j]])  # the first feature to enter, negated, shifted
    path = lasso_homotopy(X2, y)
    assert path.complete and np.all(path.coefs[:, -1] == 0.0)  # the copy is refused
    for w, a in zip(path.coefs[:-1], path.alphas[:-1]):
        assert kkt_violation(X2, y, w, a) <= 1e-10
    close(path.coefs[:, :-1], lasso_homotopy(X, y).coefs, 1e-10)  # the same path without it


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("shape", [(40, 8), (12, 30)])
def test_the_callers_arrays_are_left_as_they_were(shape, fit_intercept: bool) -> None:
    X, y = wide_problem(*shape, seed=5)
    X0, y0 = X.copy(), y.copy()
    lasso_homotopy(X, y, fit_intercept=fit_intercept)
    lasso_path(X, y, [0.5, 0.1], fit_intercept=fit_intercept)
    lasso_homotopy_unchecked(X, y, fit_intercept, 0.0, None)  # copy_X=True: the bootstrap's
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_overwriting_a_copy_gives_the_same_path(fit_intercept: bool) -> None:
    X, y = wide_problem(40, 8, seed=6)
    kept = lasso_homotopy_unchecked(X, y, fit_intercept, 0.0, None)
    Xw, yw = X.copy(), y.copy()
    overwritten = lasso_homotopy_unchecked(Xw, yw, fit_intercept, 0.0, None, copy_X=False)
    assert np.array_equal(kept.alphas, overwritten.alphas)
    assert np.array_equal(kept.coefs, overwritten.coefs)
    assert kept.events == overwritten.events


def test_two_features_leaving_at_one_knot() -> None:
    # two copies of the (centred) diabetes problem in orthogonal blocks of rows: every
    # event of its path happens to both copies at once, at half the alpha (n doubles),
    # so a feature and its copy leave together and the factor loses two rows at one knot
    X, y = diabetes()
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    zeros = np.zeros_like(Xc)
    X2, y2 = np.block([[Xc, zeros], [zeros, Xc]]), np.concatenate([yc, yc])
    ref_alphas, _, ref_coefs = lars_path(Xc, yc, method="lasso")
    path = lasso_homotopy(X2, y2, fit_intercept=False)
    leaves = [e.alpha for e in path.events if e.kind == "leave"]
    assert leaves and all(leaves.count(a) == 2 for a in leaves)
    close(path.alphas, ref_alphas / 2, 1e-8)
    close(path.coefs, np.hstack([ref_coefs.T, ref_coefs.T]), 1e-8)


# k at the ends of the range where 2**k is a double, and beyond them (ldexp there)
EDGES = (-1075, -1074, -1023, -1022, -60, -1, 0, 1, 60, 1023, 1024)


def test_scaled_gives_the_bits_of_ldexp() -> None:
    rng = np.random.default_rng(2027)
    tiny = np.nextafter(2.0**-1022, 0.0)  # the largest subnormal
    specials = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, tiny, 2.0**-1022, 1.0]
    for _ in range(100):
        a = np.concatenate(
            [
                specials,
                [np.finfo(float).max, -3.5],
                rng.standard_normal(40) * 10.0 ** rng.integers(-320, 308, 40),
                rng.integers(1, 2**53, 10) * 5e-324,  # subnormals and small normals
            ]
        )
        for k in (*EDGES, int(rng.integers(-1100, 1100))):
            with np.errstate(over="ignore"):
                want, got, out = np.ldexp(a, k), scaled(a, k), np.empty_like(a)
                into = scaled(a, k, out=out)
            for result in (got, into):
                assert np.array_equal(result, want, equal_nan=True), k
                assert np.array_equal(np.signbit(result), np.signbit(want)), k
            assert into is out


def polynomial_problem(seed: int, n: int, degree: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardised powers x, ..., x**degree of one uniform feature: ill-conditioned."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 1, n))
    X = np.column_stack([x**k for k in range(1, degree + 1)])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(n)


def violation_from_X(X: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float) -> float:
    """The lasso conditions at ``w``, with correlations computed from X and y directly."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    c = Xc.T @ (yc - Xc @ w) / len(y)
    on = w != 0
    return max(
        float(np.max(np.abs(c[on] - alpha * np.sign(w[on])), initial=0.0)),
        float(np.max(np.abs(c[~on]) - alpha, initial=0.0)),
    )


def test_the_last_knot_check_refuses_the_paths_whose_conditions_fail_on_X(monkeypatch) -> None:
    tol, seen = lessonlib.path.KKT_TOLERANCE, {True: 0, False: 0}
    for seed in range(45):
        X, y = polynomial_problem(seed, n=12 + seed % 20, degree=5 + seed % 7)
        alpha_min = [0.0, 1e-6, 1e-4][seed % 3]
        try:
            lasso_homotopy(X, y, alpha_min=alpha_min)
            refused = False
        except ValueError as exc:
            assert "lost its accuracy" in str(exc)
            refused = True
        with monkeypatch.context() as patch:  # the same path, unchecked
            patch.setattr(lessonlib.path, "KKT_TOLERANCE", np.inf)
            path = lasso_homotopy(X, y, alpha_min=alpha_min)
        worst = violation_from_X(X, y, path.coefs[-1], path.alphas[-1]) / path.alphas[0]
        if tol / 3 < worst < 3 * tol:
            continue  # too close to the tolerance to call
        assert refused == (worst > tol), (seed, worst)
        seen[refused] += 1
    assert min(seen.values()) >= 10  # both kinds of path were judged


def degenerate_problem(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, dict]:
    """A small problem with ties, an exact fit, dependent or constant columns, or extreme
    scales: small integer entries make ties common; a copied or rescaled column makes the
    Gram matrix singular; a constant column centres to zero; ``y`` in the span of the
    columns (with some coefficients zero) is fitted exactly at the end of the path, where
    rounding noise poses as coefficients and correlations."""
    n = int(rng.integers(2, 14))
    p = int(rng.integers(1, 12)) if rng.random() < 0.7 else max(1, n + int(rng.integers(-2, 3)))
    kind = rng.integers(5)
    if kind == 0:
        X = rng.standard_normal((n, p))
    elif kind == 1:
        X = rng.integers(-3, 4, size=(n, p)).astype(float)
    elif kind == 2:
        X = rng.choice([-1.0, 1.0], size=(n, p))
    elif kind == 3:  # half the columns copies (rescaled) of the others
        X = rng.standard_normal((n, max(1, p // 2)))
        X = np.column_stack([X, X[:, : p - X.shape[1]] * rng.choice([-1.0, 2.0, 0.5])])
    else:
        X = rng.integers(0, 2, size=(n, p)) * 10.0 ** rng.integers(-200, 200)
    if rng.random() < 0.2:
        X[:, rng.integers(X.shape[1])] = rng.choice([0.0, 0.1, 1 / 3])
    if rng.random() < 0.6:  # fitted exactly
        y = X @ rng.integers(-2, 3, size=X.shape[1]).astype(float)
    else:
        y = rng.integers(-3, 4, size=n) * 10.0 ** rng.integers(-100, 100)
    return X, y, {"fit_intercept": bool(rng.random() < 0.5)}


def test_the_shortcuts_change_no_answer(monkeypatch) -> None:
    """The shortcuts of the segment skip the zeroing of rounding noise and the search for
    the boundary when a bound shows there is nothing to find, the check of the new slopes
    skips its pass over ``d``, and a single event skips the general event code. Without
    them the paths must be the same, bit for bit, on problems where the work they skip
    matters (exact fits, ties, leaves, dependent and constant columns, and a path with more
    features than samples that meets the boundary's rounding band) and on ordinary ones
    (diabetes, where they all apply)."""
    rng, compared = np.random.default_rng(27), 0
    problems = [degenerate_problem(rng) for _ in range(2000)]
    problems.append((*wide_problem(100, 500, seed=0), {}))
    problems += [(*diabetes(), {}), (*diabetes(), {"fit_intercept": False})]
    for X, y, kwargs in problems:
        try:
            fast = lasso_homotopy(X, y, **kwargs)
        except ValueError:
            continue  # refused (a path beyond float64): nothing to compare
        with monkeypatch.context() as patch:
            patch.setattr(lessonlib.path, "_SHORTCUTS", False)
            full = lasso_homotopy(X, y, **kwargs)
        assert np.array_equal(fast.alphas, full.alphas)
        assert np.array_equal(fast.coefs, full.coefs)
        assert np.array_equal(fast.intercepts, full.intercepts)
        assert fast.events == full.events and fast.feature_order == full.feature_order
        compared += 1
    assert compared > 1800


def extreme_arrays(rng: np.random.Generator, count: int) -> list[np.ndarray]:
    """1-D and 2-D arrays at every scale, with zeros, subnormals, infinities and NaN."""
    arrays = []
    for _ in range(count):
        shape = (int(rng.integers(1, 30)),) if rng.random() < 0.5 else tuple(rng.integers(1, 8, 2))
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-320, 308)
        if rng.random() < 0.3:
            a.flat[rng.integers(a.size)] = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324])
        if rng.random() < 0.1:
            a = np.zeros(shape) * rng.choice([1.0, -1.0])
        arrays.append(a)
    return arrays


def test_the_finiteness_check_and_pow2_exponent_read_the_extremes_right() -> None:
    arrays = extreme_arrays(np.random.default_rng(11), 3000)
    large = np.ones((70, 70))  # (the check reads a large array in full)
    arrays += [large, np.where(large > np.eye(70), 1.0, np.inf), np.full((70, 70), np.nan)]
    for a in arrays:
        assert lessonlib.path._finite(a) == bool(np.isfinite(a).all()), a
        if np.isnan(a).any():
            continue  # (max|a| is NaN: no exponent to compare)
        top = float(np.max(np.abs(a)))
        assert pow2_exponent(a) == (np.frexp(top)[1] if top > 0.0 else 0), a


def test_the_validation_reads_finiteness_right() -> None:
    """The validation refuses every array with a NaN or an infinity, and names which."""
    arrays = extreme_arrays(np.random.default_rng(13), 3000)
    arrays += [np.full((3, 2), 1e308), np.array([np.inf, -np.inf]), np.array([1e308, np.nan])]
    for a in arrays:
        if np.isfinite(a).all():
            _check_finite(a, "X")
            continue
        bad = "NaN" if np.isnan(a).any() else "inf"
        with pytest.raises(ValueError, match=f"X must be finite, but contains {bad}"):
            _check_finite(a, "X")


def test_the_means_are_the_bits_of_numpy_mean() -> None:
    rng = np.random.default_rng(12)
    for k in range(600):
        n, p = int(rng.integers(1, 40)), int(rng.integers(1, 9))
        X = rng.standard_normal((n, p)) * 10.0 ** rng.integers(-200, 200, size=p)
        X = [X, np.asfortranarray(X), np.repeat(X, 2, axis=1)[:, ::2]][k % 3]  # any layout
        y = rng.standard_normal(n) * 10.0 ** rng.integers(-200, 200)
        X_mean, y_mean = means(X, y)
        varying, y_varying = ~is_constant(X), not is_constant(y)
        assert np.array_equal(X_mean[varying], X.mean(axis=0)[varying])
        assert not y_varying or y_mean == float(y.mean())


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ordinary_data_are_not_rescaled_and_give_the_bits_of_rescaled_data(fit_intercept) -> None:
    """At scales 2**k on either side of the ordinary range's edge (|k| <= 64, where the path
    is computed as given) the path is the one at scale 1 times a power of two, bit for bit:
    skipping the rescaling changed nothing."""
    X, y = diabetes()
    base = lasso_homotopy(X, y, fit_intercept=fit_intercept)
    assert lessonlib.path._ORDINARY_EXPONENT == 64
    for kx, ky in [(60, 0), (0, -66), (-70, 3), (63, -63), (66, 66), (-2, 9)]:
        path = lasso_homotopy(X * 2.0**kx, y * 2.0**ky, fit_intercept=fit_intercept)
        assert np.array_equal(path.alphas, base.alphas * 2.0 ** (kx + ky))
        assert np.array_equal(path.coefs, base.coefs * 2.0 ** (ky - kx))
        assert [e.feature for e in path.events] == [e.feature for e in base.events]
