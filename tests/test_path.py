"""Tests of lessonlib.path against scikit-learn's lars_path, lasso_path, Lasso and Ridge."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge, lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path

from lessonlib.path import LassoPath, PathEvent, lasso_homotopy, lasso_path, ridge_path
from lessonlib.scale import alpha_max
from lessonlib.solvers import kkt_violation, ridge
from problems import PROBLEMS, close, diabetes, random_problem


def centred(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X - X.mean(axis=0), y - y.mean()


def events_from_coefs(coefs: np.ndarray) -> list[tuple[int, int, str]]:
    """(knot index, feature, kind) read off a (p, k) coefficient array, sklearn's layout.

    A feature enters at knot k if it is zero there and non-zero at knot k + 1; it leaves
    at knot k if it was non-zero at knot k - 1 and is zero at k.
    """
    nonzero = coefs != 0.0
    out = []
    for k in range(coefs.shape[1]):
        if k > 0:
            left = nonzero[:, k - 1] & ~nonzero[:, k]
            out += [(k, int(j), "leave") for j in np.flatnonzero(left)]
        if k + 1 < coefs.shape[1]:
            entered = ~nonzero[:, k] & nonzero[:, k + 1]
            out += [(k, int(j), "enter") for j in np.flatnonzero(entered)]
    return out


def our_events(path: LassoPath) -> list[tuple[int, int, str]]:
    index = {a: k for k, a in enumerate(path.alphas)}
    return [(index[e.alpha], e.feature, e.kind) for e in path.events]


# --------------------------------------------------------------------------- vs lars_path


@pytest.mark.parametrize("name", PROBLEMS)
def test_homotopy_matches_lars_path(name: str) -> None:
    X, y = PROBLEMS[name]()
    ref_alphas, _, ref_coefs = lars_path(*centred(X, y), method="lasso")
    path = lasso_homotopy(X, y)
    assert path.complete
    assert path.alphas.shape == ref_alphas.shape
    close(path.alphas, ref_alphas, 1e-8)
    assert path.alphas[0] == pytest.approx(alpha_max(X, y), rel=1e-12)
    assert path.coefs.shape == ref_coefs.T.shape
    close(path.coefs, ref_coefs.T, 1e-8)
    assert our_events(path) == events_from_coefs(ref_coefs)
    assert path.intercepts == pytest.approx(y.mean() - path.coefs @ X.mean(axis=0))
    assert np.all(np.diff(path.alphas) < 0)


def test_no_intercept_matches_lars_path() -> None:
    X, y = PROBLEMS["n>p"]()
    ref_alphas, _, ref_coefs = lars_path(X, y, method="lasso")
    path = lasso_homotopy(X, y, fit_intercept=False)
    close(path.alphas, ref_alphas, 1e-8)
    close(path.coefs, ref_coefs.T, 1e-8)
    assert np.all(path.intercepts == 0.0)


def test_diabetes_feature_leaves_and_re_enters() -> None:
    X, y = diabetes()
    _, _, ref_coefs = lars_path(*centred(X, y), method="lasso")
    nonzero = ref_coefs != 0.0
    # independently of lessonlib: features that are non-zero, then zero, then non-zero again
    returning = [
        j
        for j in range(X.shape[1])
        if "10" in "".join("1" if v else "0" for v in nonzero[j]).strip("0")
    ]
    assert returning, "diabetes should have a feature that leaves the path and comes back"
    path = lasso_homotopy(X, y)
    for j in returning:
        kinds = [e.kind for e in path.events if e.feature == j]
        assert kinds[:3] == ["enter", "leave", "enter"]
    assert sorted(path.feature_order) == list(range(X.shape[1]))
    assert path.feature_order[0] == int(np.argmax(np.abs(centred(X, y)[0].T @ y)))


def test_n_less_than_p_stops_at_rank() -> None:
    X, y = PROBLEMS["n<p"]()
    path = lasso_homotopy(X, y)
    assert path.complete and path.alphas[-1] == 0.0
    n_active = np.count_nonzero(path.coefs, axis=1)
    assert n_active.max() <= X.shape[0] - 1
    # at alpha = 0 the fit interpolates the (centred) data
    resid = centred(X, y)[1] - centred(X, y)[0] @ path.coefs[-1]
    assert np.max(np.abs(resid)) < 1e-8 * np.max(np.abs(y))


# --------------------------------------------------------------------------- exact coefficients


def log_alphas(X, y, low=1e-3, m=100):
    return alpha_max(X, y) * np.logspace(0, np.log10(low), m)


@pytest.mark.parametrize("name", ["diabetes", "n>p", "correlated", "n<p"])
def test_lasso_path_matches_sklearn_lasso_path(name: str) -> None:
    X, y = PROBLEMS[name]()
    alphas = log_alphas(X, y, low=1e-3 if name != "n<p" else 1e-2)
    coefs, intercepts = lasso_path(X, y, alphas)
    assert coefs.shape == (alphas.size, X.shape[1])
    _, ref, _ = sk_lasso_path(*centred(X, y), alphas=alphas, tol=1e-13, max_iter=1_000_000)
    close(coefs, ref.T, 1e-7)
    assert intercepts == pytest.approx(y.mean() - coefs @ X.mean(axis=0))
    for i in range(alphas.size):
        assert kkt_violation(X, y, coefs[i], alphas[i]) <= 1e-10


@pytest.mark.parametrize("name", PROBLEMS)
def test_lasso_path_matches_lasso_at_a_few_alphas(name: str) -> None:
    X, y = PROBLEMS[name]()
    alphas = alpha_max(X, y) * np.array([0.7, 0.3, 0.05])
    coefs, intercepts = lasso_path(X, y, alphas)
    for a, w, c in zip(alphas, coefs, intercepts):
        ref = Lasso(alpha=a, tol=1e-13, max_iter=1_000_000).fit(X, y)
        close(w, ref.coef_, 1e-8)
        assert c == pytest.approx(ref.intercept_, rel=1e-8, abs=1e-8)


def test_lasso_path_at_knots_above_alpha_max_and_in_any_order() -> None:
    X, y = diabetes()
    path = lasso_homotopy(X, y)
    coefs, _ = lasso_path(X, y, path.alphas)
    close(coefs, path.coefs, 1e-12)
    a = path.alphas[0]
    coefs, intercepts = lasso_path(X, y, [2 * a, a * (1 + 1e-12), 10 * a])
    assert np.all(coefs == 0.0) and intercepts == pytest.approx(np.full(3, y.mean()))
    shuffled = path.alphas[[3, 0, 7, 1]] * 0.99
    c1, _ = lasso_path(X, y, shuffled)
    c2, _ = lasso_path(X, y, np.sort(shuffled))
    close(c1, c2[np.argsort(np.argsort(shuffled))], 1e-12)


def test_kkt_catches_a_perturbed_path() -> None:
    X, y = diabetes()
    alphas = log_alphas(X, y, m=20)
    coefs, _ = lasso_path(X, y, alphas)
    bad = coefs * 1.01
    assert all(kkt_violation(X, y, w, a) <= 1e-10 for w, a in zip(coefs, alphas))
    assert max(kkt_violation(X, y, w, a) for w, a in zip(bad, alphas)) > 1e-2


def test_tied_features_enter_together_in_index_order() -> None:
    # orthogonal (Hadamard) columns; columns 1 and 2 tie for the largest correlation
    X = np.array([[1.0, 1.0, 1.0], [-1.0, 1.0, -1.0], [-1.0, -1.0, 1.0], [1.0, -1.0, -1.0]])
    y = X @ np.array([0.1, 1.0, 1.0])
    path = lasso_homotopy(X, y)
    assert [(e.feature, e.kind) for e in path.events] == [(1, "enter"), (2, "enter"), (0, "enter")]
    assert path.events[0].alpha == path.events[1].alpha == path.alphas[0] == pytest.approx(1.0)
    assert path.alphas == pytest.approx([1.0, 0.1, 0.0])
    # orthogonal design: the lasso is the soft-threshold of the least-squares fit
    alphas = np.linspace(1.2, 0.0, 25)
    coefs, _ = lasso_path(X, y, alphas)
    expected = np.sign([0.1, 1, 1]) * np.maximum(np.array([0.1, 1.0, 1.0]) - alphas[:, None], 0)
    close(coefs, expected, 1e-12)


@pytest.mark.parametrize("flip", [1.0, -1.0])
def test_duplicated_column_is_refused_and_the_path_stays_exact(flip: float) -> None:
    X, y = PROBLEMS["n>p"]()
    j = int(np.argmax(np.abs(centred(X, y)[0].T @ y)))
    X2 = np.column_stack([X, flip * X[:, j] + 5.0])  # the same feature, shifted (and flipped)
    path = lasso_homotopy(X2, y)
    assert path.complete and path.alphas[-1] == 0.0
    assert np.all(path.coefs[:, -1] == 0.0)  # the copy never enters ...
    alphas = log_alphas(X2, y, low=1e-4, m=60)
    coefs, _ = lasso_path(X2, y, alphas)
    for w, a in zip(coefs, alphas):  # ... and the answer is still a lasso solution
        assert kkt_violation(X2, y, w, a) <= 1e-10
    # the same fit as without the copy
    close(coefs[:, :-1], lasso_path(X, y, alphas)[0], 1e-10)


def test_polynomial_diabetes_with_dependent_columns() -> None:
    # degree-2 features of diabetes: sex^2 is an affine function of sex (two values)
    X, y = diabetes()
    squares = X**2
    cross = np.column_stack([X[:, i] * X[:, k] for i in range(10) for k in range(i + 1, 10)])
    Xp = np.column_stack([X, squares, cross])
    Xp = (Xp - Xp.mean(axis=0)) / Xp.std(axis=0)
    path = lasso_homotopy(Xp, y)
    assert path.complete
    assert any(e.kind == "leave" for e in path.events)
    alphas = path.alphas[0] * np.logspace(0, -4, 80)
    coefs, _ = lasso_path(Xp, y, alphas)
    for w, a in zip(coefs, alphas):
        assert kkt_violation(Xp, y, w, a) <= 1e-10


def test_path_that_ran_out_of_steps_is_marked_incomplete() -> None:
    X, y = diabetes()
    short = lasso_homotopy(X, y, max_steps=3)
    assert not short.complete and short.alphas.size == 4


def test_alpha_min_and_max_steps() -> None:
    X, y = diabetes()
    full = lasso_homotopy(X, y)
    part = lasso_homotopy(X, y, alpha_min=full.alphas[4] * 0.9)
    assert part.complete and part.alphas[-1] == full.alphas[4] * 0.9
    close(part.coefs[:5], full.coefs[:5], 1e-12)
    flat = lasso_homotopy(X, np.full(X.shape[0], 2.0))
    assert flat.complete and flat.alphas.tolist() == [0.0] and np.all(flat.coefs == 0)
    assert isinstance(full.events[0], PathEvent) and full.events[0].kind == "enter"


# Property tests of the homotopy and lasso_path (random, degenerate and extreme-scale data,
# judged by KKT conditions and a duality gap written out) are in test_properties.py.


# --------------------------------------------------------------------------- ridge path


@pytest.mark.parametrize("name", PROBLEMS)
def test_ridge_path(name: str) -> None:
    X, y = PROBLEMS[name]()
    alphas = np.array([0.01, 1.0, 50.0, 1e4])
    coefs, intercepts = ridge_path(X, y, alphas)
    assert coefs.shape == (4, X.shape[1])
    for a, w, c in zip(alphas, coefs, intercepts):
        ref = Ridge(alpha=a, solver="svd").fit(X, y)
        close(w, ref.coef_, 1e-10)
        assert c == pytest.approx(ref.intercept_, rel=1e-10)
        close(w, ridge(X, y, a).coef, 1e-10)


def test_ridge_path_alpha_zero_is_minimum_norm_least_squares() -> None:
    for name in ["n>p", "n<p"]:
        X, y = PROBLEMS[name]()
        Xc, yc = centred(X, y)
        coefs, _ = ridge_path(X, y, [0.0])
        close(coefs[0], np.linalg.pinv(Xc) @ yc, 1e-10)


# --------------------------------------------------------------------------- bad input

X_OK, Y_OK = random_problem(10, 3, seed=0)


@pytest.mark.parametrize("func", [lasso_path, ridge_path])
@pytest.mark.parametrize(
    "alphas, error",
    [
        ([-1.0, 1.0], ValueError),
        ([np.nan], ValueError),
        ([np.inf], ValueError),
        ([], ValueError),
        ([[1.0]], ValueError),
        ("1", TypeError),
        (["a"], TypeError),
    ],
)
def test_bad_alphas(func, alphas, error) -> None:
    with pytest.raises(error, match="alphas"):
        func(X_OK, Y_OK, alphas)


@pytest.mark.parametrize(
    "call",
    [
        lambda X, y: lasso_homotopy(X, y),
        lambda X, y: lasso_path(X, y, [1.0]),
        lambda X, y: ridge_path(X, y, [1.0]),
    ],
)
@pytest.mark.parametrize(
    "X, y, error, name",
    [
        (X_OK[:, 0], Y_OK, ValueError, "X"),
        (X_OK, Y_OK[:-1], ValueError, "X and y"),
        (X_OK, np.r_[Y_OK[:-1], np.nan], ValueError, "y"),
        (np.empty((0, 3)), np.empty(0), ValueError, "X"),
        (X_OK.astype(str), Y_OK, TypeError, "X"),
    ],
)
def test_bad_data(call, X, y, error, name: str) -> None:
    with pytest.raises(error, match=name):
        call(X, y)


def test_bad_homotopy_arguments() -> None:
    with pytest.raises(ValueError, match="alpha_min"):
        lasso_homotopy(X_OK, Y_OK, alpha_min=-1.0)
    with pytest.raises(ValueError, match="max_steps"):
        lasso_homotopy(X_OK, Y_OK, max_steps=0)
    with pytest.raises(TypeError, match="max_steps"):
        lasso_homotopy(X_OK, Y_OK, max_steps=1.5)


# --------------------------------------------------------------------------- ties and rank


def hadamard_design() -> np.ndarray:
    """Four orthogonal, centred +-1 columns of length 8 (x_j^T x_j = n)."""
    H2 = np.array([[1.0, 1.0], [1.0, -1.0]])
    return np.kron(np.kron(H2, H2), H2)[:, 1:5]


def test_near_tie_is_two_knots() -> None:
    # orthogonal design: the lasso soft-thresholds z_j = x_j^T y / n, so the knots are the
    # |z_j| (by hand): 1 + 1e-8 and 1 are two knots, far apart compared with the tie tolerance
    X = hadamard_design()
    y = X @ np.array([1.0, 1.0 + 1e-8, 0.5, 0.0])
    got = lasso_homotopy(X, y)
    assert got.alphas == pytest.approx([1.0 + 1e-8, 1.0, 0.5, 0.0], rel=1e-14, abs=1e-14)
    assert [(e.feature, e.kind) for e in got.events] == [(1, "enter"), (0, "enter"), (2, "enter")]


def test_tie_within_tolerance_is_one_knot() -> None:
    # z_1 = 0.3 and z_2 = 0.3 (1 + 1e-12) are within the documented tie tolerance (relative
    # 1e-10): rounding noise of this size must not split a tie, so both enter together
    X = hadamard_design()
    y = X @ np.array([0.5, 0.3, 0.3 * (1 + 1e-12), 0.0])
    b = centred(X, y)[0].T @ centred(X, y)[1] / 8
    assert b[2] > b[1] > 0  # two different knots in exact arithmetic ...
    got = lasso_homotopy(X, y)
    assert got.alphas == pytest.approx([0.5, 0.3, 0.0], rel=1e-11, abs=1e-15)  # ... one here
    assert [(e.feature, e.kind) for e in got.events] == [(0, "enter"), (1, "enter"), (2, "enter")]
    assert got.events[1].alpha == got.events[2].alpha


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_rank_bound_when_p_exceeds_n(fit_intercept: bool) -> None:
    rng = np.random.default_rng(13)
    n, p = 8, 20
    X = rng.standard_normal((n, p))
    y = X[:, :4] @ np.array([3.0, -2.0, 1.0, 0.5]) + 0.1 * rng.standard_normal(n)
    ref_alphas, _, ref_coefs = (
        lars_path(*centred(X, y), method="lasso")
        if fit_intercept
        else lars_path(X, y, method="lasso")
    )
    got = lasso_homotopy(X, y, fit_intercept=fit_intercept)
    rank = n - 1 if fit_intercept else n
    assert np.count_nonzero(got.coefs, axis=1).max() == rank  # reaches the rank, never more
    assert np.count_nonzero(np.abs(ref_coefs) > 1e-12, axis=0).max() == rank
    close(got.alphas, ref_alphas, 1e-8)
    close(got.coefs, ref_coefs.T, 1e-7)


def test_an_ill_conditioned_path_is_refused_not_returned_wrong():
    """Polynomial features of degree 9 (condition number about 5e6, its Gram matrix's
    2.5e13): far down the path rounding sends the homotopy down a wrong branch (at
    alpha = 1e-6 it returned an objective 70 times scikit-learn's). It must raise instead;
    higher up, its answer is still scikit-learn's."""
    from sklearn.linear_model import Lasso

    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 1, 12))
    X = np.column_stack([x**k for k in range(1, 10)])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(12)
    with pytest.raises(ValueError, match="lost its accuracy"):
        lasso_homotopy(X, y, alpha_min=1e-6)
    coefs, _ = lasso_path(X, y, [1e-2, 1e-3])[:2]
    for alpha, w in zip([1e-2, 1e-3], coefs):
        sk = Lasso(alpha=alpha, tol=1e-10, max_iter=1_000_000).fit(X, y)
        np.testing.assert_allclose(w, sk.coef_, rtol=1e-4, atol=1e-6)
