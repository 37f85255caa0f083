"""Independent checks of what the chapter "Real data: ridge shrinks, lasso selects" claims.

References are scikit-learn (lars_path, Lasso, Ridge) and NumPy, computed here from the
raw scikit-learn data, never numbers copied from lessonlib's output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, Ridge, lars_path

from lessonlib.data import load_diabetes_standardized
from lessonlib.display.figures.real_data import plot_ridge_lasso_paths
from lessonlib.display.tables import coef_table
from lessonlib.path import lasso_homotopy, lasso_path
from lessonlib.topics.entry_order import BootstrapFits, bootstrap_fits, entry_alphas

LASSO_ALPHAS = [50.0, 30.0, 20.0, 10.0, 5.0, 1.0, 0.5, 0.1, 0.01]
RIDGE_ALPHAS = [1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5]


@pytest.fixture(scope="module")
def raw() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The diabetes data standardised here, independently of lessonlib.data."""
    bunch = load_diabetes(scaled=False)
    X = (bunch.data - bunch.data.mean(axis=0)) / bunch.data.std(axis=0)
    return X, bunch.target.astype(float), list(bunch.feature_names)


def sk_lasso(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    return Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y).coef_


def lars_events(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, list[tuple[float, int, str]]]:
    """Knots and enter/leave events read off scikit-learn's lars_path active pattern."""
    alphas, _, coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    nz = coefs != 0.0
    events = []
    for k in range(1, coefs.shape[1]):
        events += [
            (alphas[k - 1], int(j), "enter") for j in np.flatnonzero(~nz[:, k - 1] & nz[:, k])
        ]
        events += [(alphas[k], int(j), "leave") for j in np.flatnonzero(nz[:, k - 1] & ~nz[:, k])]
    return alphas, events


# --------------------------------------------------------------------------- chapter claims


def test_data_matches_independent_standardisation(raw) -> None:
    X, y, names = raw
    d = load_diabetes_standardized()
    assert d.feature_names == names
    np.testing.assert_allclose(d.X, X, atol=1e-12)
    np.testing.assert_array_equal(d.y, y)


def test_s3_leaves_and_reenters_per_lars_path(raw) -> None:
    X, y, names = raw
    _, events = lars_events(X, y)
    s3 = names.index("s3")
    kinds = [(kind, round(a, 4)) for a, j, kind in events if j == s3]
    assert kinds == [("enter", 15.0341), ("leave", 0.1038), ("enter", 0.0623)]
    assert [kind for _, _, kind in events].count("leave") == 1
    # the chapter's own path agrees with lars_path on every event
    ours = [(round(e.alpha, 8), e.feature, e.kind) for e in lasso_homotopy(X, y).events]
    assert ours == [(round(a, 8), j, k) for a, j, k in events]


def test_s3_changes_sign_across_its_zero_interval(raw) -> None:
    X, y, names = raw
    s3 = names.index("s3")
    before, inside, after = (sk_lasso(X, y, a)[s3] for a in (0.2, 0.08, 0.03))
    assert before < 0 and inside == 0.0 and after > 0


def test_entry_order_per_lars_path(raw) -> None:
    X, y, names = raw
    _, events = lars_events(X, y)
    order = []
    for _, j, kind in events:
        if kind == "enter" and j not in order:
            order.append(j)
    assert [names[j] for j in order] == [
        "bmi",
        "s5",
        "bp",
        "s3",
        "sex",
        "s6",
        "s1",
        "s4",
        "s2",
        "age",
    ]
    ours = entry_alphas(lasso_homotopy(X, y))
    assert [j for j, _ in ours] == order
    first_alpha = {j: a for a, j, kind in reversed(events) if kind == "enter"}
    for j, a in ours:
        assert a == pytest.approx(first_alpha[j], rel=1e-9)


def test_lasso_table_zero_counts_with_sklearn(raw) -> None:
    X, y, _ = raw
    counts = [int(np.sum(sk_lasso(X, y, a) == 0.0)) for a in LASSO_ALPHAS]
    assert counts == [10, 8, 7, 6, 5, 3, 2, 1, 0]
    coefs, _ = lasso_path(X, y, LASSO_ALPHAS)
    table = coef_table(LASSO_ALPHAS, coefs, [f"f{j}" for j in range(10)])
    assert table["zeros"].tolist() == counts


def test_ridge_has_no_zeros_and_shrinking_norm(raw) -> None:
    X, y, _ = raw
    coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in RIDGE_ALPHAS])
    assert not np.any(coefs == 0.0)
    assert np.all(np.diff(np.linalg.norm(coefs, axis=1)) < 0)


def test_shared_alpha_means_unlike_things(raw) -> None:
    X, y, _ = raw
    ols = np.linalg.lstsq(np.column_stack([np.ones(len(y)), X]), y, rcond=None)[0][1:]
    assert np.all(sk_lasso(X, y, 50.0) == 0.0)
    ridge_50 = Ridge(alpha=50.0).fit(X, y).coef_
    assert np.linalg.norm(ridge_50) > 0.5 * np.linalg.norm(ols)


def test_rescaling_age_changes_lasso_selection(raw) -> None:
    X, y, names = raw
    X10 = X.copy()
    X10[:, names.index("age")] *= 10
    for alpha, expected, expected10 in [
        (5.0, {"sex", "bmi", "bp", "s3", "s5"}, {"age", "sex", "bmi", "bp", "s3", "s5"}),
        (20.0, {"bmi", "bp", "s5"}, {"age", "bmi", "s5"}),
    ]:
        assert {names[j] for j in np.flatnonzero(sk_lasso(X, y, alpha))} == expected
        assert {names[j] for j in np.flatnonzero(sk_lasso(X10, y, alpha))} == expected10


def test_dropping_s3_moves_s4_forward(raw) -> None:
    X, y, names = raw
    keep = [j for j in range(10) if names[j] != "s3"]
    _, events = lars_events(X[:, keep], y)
    order = []
    for _, j, kind in events:
        if kind == "enter" and names[keep[j]] not in order:
            order.append(names[keep[j]])
    assert order.index("s4") + 1 == 4


def test_bootstrap_matches_sklearn_on_same_rows(raw) -> None:
    X, y, _ = raw
    boot = bootstrap_fits(X, y, lasso_alpha=3.0, ridge_alpha=100.0, n_boot=6, seed=0)
    rng = np.random.default_rng(0)
    for b in range(6):
        rows = rng.integers(0, len(y), size=len(y))
        np.testing.assert_array_equal(boot.rows[b], rows)
        Xb, yb = X[rows], y[rows]
        np.testing.assert_allclose(boot.lasso_coefs[b], sk_lasso(Xb, yb, 3.0), atol=1e-8)
        assert np.array_equal(boot.lasso_coefs[b] == 0.0, sk_lasso(Xb, yb, 3.0) == 0.0)
        np.testing.assert_allclose(
            boot.ridge_coefs[b], Ridge(alpha=100.0).fit(Xb, yb).coef_, atol=1e-8
        )
        _, events = lars_events(Xb, yb)
        first = []
        for _, j, kind in events:
            if kind == "enter" and j not in first:
                first.append(j)
        assert boot.feature_orders[b] == first


def test_bootstrap_s1_s2_at_alpha_2_per_sklearn(raw) -> None:
    """The chapter's counts at lasso alpha = 2 and its claims on ridge's signs."""
    X, y, names = raw
    rng = np.random.default_rng(0)
    i1, i2 = names.index("s1"), names.index("s2")
    counts = {"s1 only": 0, "s2 only": 0, "both": 0, "neither": 0}
    same_sign = 0
    for _ in range(30):
        rows = rng.integers(0, len(y), size=len(y))
        w = sk_lasso(X[rows], y[rows], 2.0)
        a, b = w[i1] != 0.0, w[i2] != 0.0
        key = "both" if a and b else "s1 only" if a else "s2 only" if b else "neither"
        counts[key] += 1
        r = Ridge(alpha=100.0).fit(X[rows], y[rows]).coef_
        assert r[i1] != 0.0 and r[i2] != 0.0
        same_sign += int(np.sign(r[i1]) == np.sign(r[i2]))
    assert counts == {"s1 only": 17, "s2 only": 8, "both": 2, "neither": 3}
    assert same_sign == 27
    # alpha = 2 is well inside a piece of the full-data path: s1 enters at 3.28, s4 at 0.95
    _, events = lars_events(X, y)
    knots = sorted({round(a, 4) for a, _, _ in events})
    assert min(abs(k - 2.0) for k in knots) > 0.5
    full = sk_lasso(X, y, 2.0)
    assert full[i1] < 0 and full[i2] == 0.0
    # ridge: opposite signs at alpha = 0.01, the same sign at alpha = 100
    light = Ridge(alpha=0.01).fit(X, y).coef_
    heavy = Ridge(alpha=100.0).fit(X, y).coef_
    assert round(light[i1], 2) == -37.58 and round(light[i2], 2) == 22.60
    assert round(heavy[i1], 2) == -2.07 and round(heavy[i2], 2) == -3.71


def test_zero_count_is_not_monotone_in_alpha(raw) -> None:
    X, y, _ = raw
    assert int(np.sum(sk_lasso(X, y, 0.2) == 0.0)) == 0
    assert int(np.sum(sk_lasso(X, y, 0.08) == 0.0)) == 1


# ------------------------------------------------------------------- lessonlib.display.tables


def test_coef_table_counts_exact_zeros_before_rounding() -> None:
    t = coef_table([2.0, 1.0], [[0.0, 1e-9, -1e-9], [1.0, 0.0, 0.0]], ["a", "b", "c"])
    assert isinstance(t, pd.DataFrame)
    assert t["zeros"].tolist() == [1, 2]
    assert list(t.columns) == ["a", "b", "c", "zeros"]
    assert t.index.name == "alpha" and t.index.tolist() == [2.0, 1.0]
    assert "-0.000" not in t.to_string()


def test_coef_table_rounds() -> None:
    t = coef_table([1.0], [[1.23456]], ["a"], decimals=2)
    assert t.loc[1.0, "a"] == 1.23


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (([1.0], [[1.0, 2.0]], ["a"]), {}, "feature_names"),
        (([1.0, 2.0], [[1.0]], ["a"]), {}, "one row per entry of alphas"),
        (([1.0], [[1.0, 2.0]], ["a", "a"]), {}, "distinct"),
        (([1.0], [[1.0]], ["zeros"]), {}, "zeros"),
        (([1.0], [[1.0]], ["a"]), {"decimals": 0}, "decimals"),
        (([np.nan], [[1.0]], ["a"]), {}, "alphas"),
    ],
)
def test_coef_table_validates(args, kwargs, match) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        coef_table(*args, **kwargs)


# ---------------------------------------------------------------- lessonlib.topics.entry_order


def test_entry_alphas_vs_lars_path_random() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((60, 6))
    y = X @ np.array([2.0, -1.0, 0.0, 0.5, 0.0, 1.5]) + rng.standard_normal(60)
    _, events = lars_events(X, y)
    ref = []
    for a, j, kind in events:
        if kind == "enter" and j not in [r[0] for r in ref]:
            ref.append((j, a))
    ours = entry_alphas(lasso_homotopy(X, y))
    assert [j for j, _ in ours] == [j for j, _ in ref]
    np.testing.assert_allclose([a for _, a in ours], [a for _, a in ref], rtol=1e-9)


def test_entry_order_validates() -> None:
    with pytest.raises(TypeError, match="path"):
        entry_alphas([1, 2])
    X, y = np.eye(3), np.ones(3)
    with pytest.raises(ValueError, match="lasso_alpha"):
        bootstrap_fits(X, y, lasso_alpha=-1.0, ridge_alpha=1.0)
    with pytest.raises(ValueError, match="ridge_alpha"):
        bootstrap_fits(X, y, lasso_alpha=1.0, ridge_alpha=-1.0)
    with pytest.raises((ValueError, TypeError), match="n_boot"):
        bootstrap_fits(X, y, lasso_alpha=1.0, ridge_alpha=1.0, n_boot=0)
    assert isinstance(
        bootstrap_fits(X, y, lasso_alpha=0.1, ridge_alpha=1.0, n_boot=1), BootstrapFits
    )


# --------------------------------------------------------------------------- figure


def test_plot_ridge_lasso_paths_data_and_styles(raw) -> None:
    import matplotlib.pyplot as plt

    X, y, names = raw
    grid = np.logspace(-2, 2, 9)
    lasso_coefs = np.array([sk_lasso(X, y, a) for a in grid])
    ridge_coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in grid])
    (ax_r, ax_l), data = plot_ridge_lasso_paths(grid, ridge_coefs, grid, lasso_coefs, names)
    assert not data["ridge"]["zero_mask"].any()
    np.testing.assert_array_equal(data["lasso"]["zero_mask"], lasso_coefs == 0.0)
    lines = {line.get_label(): line for line in ax_l.get_lines()}
    colours = [(lines[n].get_color(), lines[n].get_linestyle()) for n in names]
    assert len(set(colours)) == len(names)  # every feature distinguishable
    assert ax_r.get_legend() is None and ax_l.get_legend() is not None
    plt.close(ax_r.figure)
    with pytest.raises(ValueError, match="ax"):
        plot_ridge_lasso_paths(grid, ridge_coefs, grid, lasso_coefs, names, ax=ax_r)


def test_table_text_layout() -> None:
    from lessonlib.display.tables import table_text

    t = coef_table([100000.0, 0.01], [[0.0, -37.5812], [1.0, 2.0]], ["s1", "s2"], decimals=2)
    lines = table_text(t).splitlines()
    assert lines[0].split() == ["alpha", "100000", "0.01"]
    assert lines[1].split() == ["s1", "0.00", "1.00"]
    assert lines[2].split() == ["s2", "-37.58", "2.00"]
    assert lines[3].split() == ["zeros", "1", "0"]
    assert len({len(line) for line in lines}) == 1  # aligned columns
    with pytest.raises(TypeError, match="table"):
        table_text(pd.DataFrame({"a": [1.0]}))


# ------------------------------------------------------- issue 24: ridge zeros, SVD, final fit


def ridge_numerator(G: np.ndarray, v: np.ndarray, j: int):
    """det(G + a I with column j replaced by v) as an exact polynomial in a (Cramer's rule:
    ridge coefficient j is this over det(G + a I) > 0). Built from exact determinants at
    a = 0, ..., p - 1 of the binary fractions the floats are, and interpolated exactly."""
    from fractions import Fraction

    import sympy as sp

    a, p = sp.Symbol("a"), G.shape[0]
    values = []
    for k in range(p):
        A = [[Fraction(G[r, c]) + (k if r == c else 0) for c in range(p)] for r in range(p)]
        for r in range(p):
            A[r][j] = Fraction(v[r])
        values.append(sp.Matrix(A).det(method="bareiss"))
    return sp.Poly(sp.interpolate(list(zip(range(p), values)), a), a)


def test_ridge_crossings_are_every_positive_root(raw) -> None:
    """Every penalty where a ridge coefficient is zero, found exactly (Sturm counts of each
    numerator polynomial), is one the chapter prints, and the chapter prints no other."""
    from lessonlib.topics.ridge_zero import ridge_crossings

    X, y, names = raw
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    exact = []
    for j in range(X.shape[1]):
        N = ridge_numerator(Xc.T @ Xc, Xc.T @ yc, j)
        roots = [float(r.evalf(20)) for r in N.real_roots() if r > 0]
        assert N.count_roots(0, None) == len(roots)  # none at 0, none missed
        exact += [(r, j) for r in roots]
    exact.sort()
    printed = [
        ("s3", 1.629),
        ("s2", 14.197),
        ("age", 36.505),
        ("s1", 359.061),
        ("s2", 968.441),
        ("sex", 5301.065),
    ]
    assert [(names[j], round(r, 3)) for r, j in exact] == printed
    ours = ridge_crossings(X, y, np.logspace(-4, 8, 6001))
    assert [j for j, _ in ours] == [j for _, j in exact]
    np.testing.assert_allclose([a for _, a in ours], [r for r, _ in exact], rtol=1e-9)
    for r, j in exact:  # scikit-learn's Ridge changes sign there
        lo, hi = (Ridge(alpha=r * f).fit(X, y).coef_[j] for f in (1 - 1e-4, 1 + 1e-4))
        assert lo * hi < 0


def test_svd_view_from_the_eigenvectors_of_the_gram_matrix(raw) -> None:
    """The split of s1 into its last-direction share and the rest, from numpy's eigh of
    X_c^T X_c (eigenvalue lam_i = d_i^2), against the chapter's figure data."""
    from lessonlib.display.figures.real_data import plot_ridge_svd
    from lessonlib.topics.ridge_zero import ridge_components

    X, y, names = raw
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    lam, Q = np.linalg.eigh(Xc.T @ Xc)  # increasing: lam[0] is the last direction
    alphas = np.logspace(-2, 5, 281)
    j = names.index("s1")
    share = np.array(
        [[Q[j, i] * (Q[:, i] @ (Xc.T @ yc)) / (lam[i] + a) for i in range(10)] for a in alphas]
    )
    last, rest = share[:, 0], share[:, 1:].sum(axis=1)
    axes, d = plot_ridge_svd(ridge_components(X, y, alphas), j, names)
    np.testing.assert_allclose(d["last"], last, atol=1e-9)
    np.testing.assert_allclose(d["rest"], rest, atol=1e-9)
    np.testing.assert_allclose(np.sort(d["d2"]), lam, rtol=1e-10)
    ridge = np.array([Ridge(alpha=a).fit(X, y).coef_[j] for a in alphas[::40]])
    np.testing.assert_allclose(d["total"][::40], ridge, atol=1e-8)
    assert round(last[0], 1) == -36.2  # the chapter's s1_last_share
    # the others' share turns positive because direction 2 (negative for s1) goes first
    assert share[0, -1] > 0 > share[0, -2] and lam[-1] > lam[-2]
    assert rest[0] < 0 < rest[-1]
    import matplotlib.pyplot as plt

    plt.close(axes[0].figure)


def test_honest_model_per_lassocv_and_sklearn_bootstrap(raw) -> None:
    """10-fold cross-validation with scikit-learn's LassoCV on the same folds and grid, then
    200 bootstrap refits with scikit-learn's Lasso on rows drawn here."""
    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import KFold

    X, y, names = raw
    n = X.shape[0]
    a_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / n
    grid = a_max * 1e-3 ** (np.arange(100) / 99)
    cv = LassoCV(alphas=grid, cv=KFold(10, shuffle=True, random_state=0), tol=1e-8)
    cv.fit(X, y)
    assert round(cv.alpha_, 3) == 1.043 and int(np.sum(cv.coef_ != 0.0)) == 7
    rows = np.random.default_rng(0).integers(0, n, size=(200, n))
    model = Lasso(alpha=cv.alpha_, tol=1e-12, max_iter=100_000)
    kept = np.zeros(10, dtype=int)
    for r in rows:
        kept += np.abs(model.fit(X[r], y[r]).coef_) > 1e-10
    printed = {"sex": 200, "bmi": 200, "bp": 200, "s5": 200, "s3": 197, "s1": 173}
    printed |= {"s6": 154, "age": 119, "s4": 90, "s2": 33}
    assert {names[j]: int(kept[j]) for j in range(10)} == printed


def test_fold_split_table_per_lassocv(raw) -> None:
    """The chapter's table of fold seeds, read from its stored output, against scikit-learn's
    LassoCV on the same grid and shuffled folds, and Lasso on all the data at its alpha_."""
    import re

    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import KFold

    from cells import cell

    X, y, _ = raw
    a_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / y.size
    grid = a_max * 1e-3 ** (np.arange(100) / 99)
    (out,) = [o for o in cell("diabetes", "diab-code-34b").outputs if o.output_type == "stream"]
    rows = re.findall(r"fold seed (\d+): alpha_min = ([0-9.]+), (\d+) features kept", out.text)
    assert [int(s) for s, _, _ in rows] == list(range(10))
    for seed, alpha, kept in rows:
        folds = KFold(10, shuffle=True, random_state=int(seed))
        cv = LassoCV(alphas=grid, cv=folds, tol=1e-8, max_iter=100_000).fit(X, y)
        coef = Lasso(alpha=cv.alpha_, tol=1e-12, max_iter=100_000).fit(X, y).coef_
        assert f"{cv.alpha_:.3f}" == alpha
        assert int(np.sum(np.abs(coef) > 1e-10)) == int(kept)
    # the flat floor of the first split, as printed
    cv0 = LassoCV(alphas=grid, cv=KFold(10, shuffle=True, random_state=0), tol=1e-8).fit(X, y)
    mean = cv0.mse_path_.mean(axis=1)
    floor = mean[(cv0.alphas_ >= 0.1) & (cv0.alphas_ <= cv0.alpha_)]
    assert f"within {floor.max() / floor.min() - 1:.2%}" in out.text
