"""The "Choosing lambda" chapter's stored numbers against a direct scikit-learn computation."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, LassoCV
from sklearn.model_selection import KFold

from toc import BOOK

NOTEBOOK = BOOK / "choosing_lambda.ipynb"


def _stdout(cell_id: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


@pytest.fixture(scope="module")
def direct():
    """Standardise with scikit-learn's own data, build the grid, run LassoCV, apply the rule."""
    raw = load_diabetes(scaled=False)
    X = (raw.data - raw.data.mean(0)) / raw.data.std(0)
    y = raw.target
    n = y.size
    a_max = np.max(np.abs(X.T @ (y - y.mean()))) / n
    alphas = a_max * np.logspace(0, -3, 61)
    cv = LassoCV(
        alphas=alphas, cv=KFold(10, shuffle=True, random_state=0), tol=1e-8, max_iter=100_000
    ).fit(X, y)
    mean = cv.mse_path_.mean(1)
    se = cv.mse_path_.std(1, ddof=1) / np.sqrt(10)
    i = int(np.argmin(mean))
    a_1se = max(a for a, e in zip(cv.alphas_, mean) if e <= mean[i] + se[i])
    return X, y, a_max, cv, mean, se, i, a_1se


def test_printed_alpha_max(direct):
    _, _, a_max, *_ = direct
    printed = float(re.search(r"alpha_max = ([\d.]+)", _stdout("cv-grid")).group(1))
    assert printed == pytest.approx(a_max, abs=5e-4)


def test_printed_rules_and_feature_counts(direct):
    X, y, _, cv, mean, _, _, a_1se = direct
    rows = {
        m.group(1): m.groups()[1:]
        for m in re.finditer(
            r"(alpha_min|alpha_1se)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)",
            _stdout("cv-1se"),
        )
    }
    for name, a in (("alpha_min", cv.alpha_), ("alpha_1se", a_1se)):
        alpha, _, err, _, k = rows[name]
        assert float(alpha) == pytest.approx(a, abs=5e-4)
        j = int(np.flatnonzero(cv.alphas_ == a)[0])
        assert float(err) == pytest.approx(mean[j], abs=0.05)
        coef = Lasso(alpha=a, tol=1e-10, max_iter=100_000).fit(X, y).coef_
        assert int(k) == int(np.sum(coef != 0.0))


def test_chapter_shape():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert ":::{admonition} Learning objectives" in text and ":class: warning" in text
    # one heading and one callout, not the same claim twice (review 2, findings 31 and 32)
    assert "A common claim" not in text
    assert 2 <= text.count("```{exercise}") == text.count("```{solution}") <= 4
    figures = [c for c in nb.cells if "mystnb" in c.metadata]
    assert len(figures) == 1 and figures[0].metadata["mystnb"]["image"]["alt"]


def _table(cell_id: str) -> dict[str, list[float]]:
    rows = {}
    for line in _stdout(cell_id).splitlines():
        m = re.match(
            r"^(least squares|ridge \(RidgeCV\)|lasso, alpha_min|lasso, alpha_1se)"
            r"\s+(.*)$",
            line,
        )
        if m:
            rows[m.group(1)] = [float(v) for v in re.findall(r"-?\d+\.\d+|\d+", m.group(2))]
    return rows


def test_sparse_simulation_against_sklearn():
    # 20 replicates, each a fresh data set drawn from one seeded generator, and the test MSE
    # of least squares, RidgeCV and LassoCV (alpha_min) on each, fitted with scikit-learn
    from sklearn.linear_model import LinearRegression, RidgeCV
    from sklearn.model_selection import train_test_split

    rng = np.random.default_rng(1)
    w_true = np.zeros(50)
    w_true[:5] = [3.0, -2.0, 2.0, -1.5, 1.0]
    mse = {"least squares": [], "ridge (RidgeCV)": [], "lasso, alpha_min": []}
    kept = {"lasso, alpha_min": [], "lasso, alpha_1se": []}
    for s in range(20):
        X = rng.standard_normal((120, 50))
        y = X @ w_true + 2.0 * rng.standard_normal(120)
        a_max = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / 120
        alphas = a_max * np.logspace(0, -3, 61)
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=s)
        models = {
            "least squares": LinearRegression(),
            "ridge (RidgeCV)": RidgeCV(alphas=np.logspace(-3, 4, 71)),
            "lasso, alpha_min": LassoCV(
                alphas=alphas,
                tol=1e-8,
                max_iter=100_000,
                cv=KFold(10, shuffle=True, random_state=s),
            ),
        }
        for k, m in models.items():
            mse[k].append(np.mean((yte - m.fit(Xtr, ytr).predict(Xte)) ** 2))
        cv = models["lasso, alpha_min"]
        mean = cv.mse_path_.mean(1)
        se = cv.mse_path_.std(1, ddof=1) / np.sqrt(10)
        a_1se = max(a for a, e in zip(cv.alphas_, mean) if e <= mean.min() + se[np.argmin(mean)])
        one_se = Lasso(alpha=a_1se, tol=1e-8, max_iter=100_000).fit(Xtr, ytr)
        kept["lasso, alpha_min"].append(int(np.sum(cv.coef_ != 0.0)))
        kept["lasso, alpha_1se"].append(int(np.sum(one_se.coef_ != 0.0)))
    rows = _table("cv-sparse")
    for k, counts in kept.items():  # features: min, median, max
        assert rows[k][3:] == [min(counts), np.median(counts), max(counts)], k
    for k, v in mse.items():
        assert rows[k][0] == pytest.approx(np.mean(v), abs=0.01), k
        d = np.array(v) - np.array(mse["least squares"])
        assert rows[k][1] == pytest.approx(d.mean(), abs=0.01), k
        if k != "least squares":  # the claim: at least two paired SEs below zero
            se = d.std(ddof=1) / np.sqrt(20)
            assert rows[k][2] == pytest.approx(se, abs=0.01), k
            assert -d.mean() / se > 2.0, k


def _diabetes_splits():
    """Least squares, RidgeCV and the one-SE lasso on the chapter's ten diabetes splits,
    fitted with scikit-learn: the per-split test MSEs, and the split sizes."""
    from sklearn.linear_model import LinearRegression, RidgeCV
    from sklearn.model_selection import train_test_split

    raw = load_diabetes(scaled=False)
    X = (raw.data - raw.data.mean(0)) / raw.data.std(0)
    y = raw.target
    errors = []
    # the chapter's grid, from all 442 patients, for every split
    alphas = np.max(np.abs(X.T @ (y - y.mean()))) / y.size * np.logspace(0, -3, 61)
    for s in range(10):
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=s)
        cv = LassoCV(
            alphas=alphas, cv=KFold(10, shuffle=True, random_state=s), tol=1e-8, max_iter=100_000
        ).fit(Xtr, ytr)
        mean = cv.mse_path_.mean(1)
        se = cv.mse_path_.std(1, ddof=1) / np.sqrt(10)
        i = int(np.argmin(mean))
        a_1se = max(a for a, e in zip(cv.alphas_, mean) if e <= mean[i] + se[i])
        models = (
            LinearRegression(),
            RidgeCV(alphas=np.logspace(-3, 4, 71)),
            Lasso(alpha=a_1se, tol=1e-8, max_iter=100_000),
        )
        errors.append([np.mean((yte - m.fit(Xtr, ytr).predict(Xte)) ** 2) for m in models])
    return np.array(errors), ytr.size, yte.size


def test_paired_standard_errors_naive_and_corrected():
    """cv-holdout-seeds: the naive paired SE is sd / sqrt(10); the corrected one is Nadeau and
    Bengio's sd * sqrt(1/10 + n_test / n_train). With the correction the one-SE lasso's
    average loss is within two standard errors; without it, it is beyond two."""
    e, n_train, n_test = _diabetes_splits()
    out = _stdout("cv-holdout-seeds")
    for col, name in ((1, r"ridge \(RidgeCV\)"), (2, r"lasso, alpha_1se")):
        d = e[:, col] - e[:, 0]
        mean, naive, corrected = (
            float(v)
            for v in re.search(rf"{name}\s+(-?[\d.]+) \(\s*([\d.]+),\s*([\d.]+)\)", out).groups()
        )
        sd = d.std(ddof=1)
        assert mean == pytest.approx(d.mean(), abs=0.005)  # printed to 2 decimals
        assert naive == pytest.approx(sd / np.sqrt(10), abs=0.05)
        assert corrected == pytest.approx(sd * np.sqrt(0.1 + n_test / n_train), abs=0.05)
    d = e[:, 2] - e[:, 0]
    sd = d.std(ddof=1)
    assert 2 * sd / np.sqrt(10) < d.mean() < 2 * sd * np.sqrt(0.1 + n_test / n_train)


def _lasso_df_monte_carlo(X, mu, sigma, alpha, n_rep, seed, duplicate=False):
    """Monte Carlo of sum_i cov(yhat_i, y_i) / sigma^2 for scikit-learn's lasso (no
    intercept), with the average number of non-zero coefficients and of rank(X_A). With
    ``duplicate``, each solution is rewritten for the design [x_0, x_0, x_1, ...] with the
    weight of x_0 split equally over its two copies (a solution of that design too)."""
    rng = np.random.default_rng(seed)
    Y = mu + sigma * rng.standard_normal((n_rep, mu.size))
    fits, size, rank = [], [], []
    for y in Y:
        w = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
        if duplicate:
            w = np.concatenate([[w[0] / 2, w[0] / 2], w[1:]])
            X_used = np.column_stack([X[:, 0], X])
        else:
            X_used = X
        A = np.flatnonzero(np.abs(w) > 1e-10)
        fits.append(X_used @ w)
        size.append(A.size)
        rank.append(np.linalg.matrix_rank(X_used[:, A]) if A.size else 0)
    fits = np.array(fits)
    cov = np.sum(np.mean((fits - fits.mean(0)) * (Y - mu), axis=0))
    return cov / sigma**2, np.mean(size), np.mean(rank)


def test_lasso_df_is_the_number_of_nonzeros_with_full_rank_and_rank_otherwise():
    """cv-cp's conditions. Full column rank, Gaussian noise: df = E(number of non-zeros)
    (Zou et al.). A duplicated column breaks full rank: a solution may split a weight
    between the two copies (as the minimum-norm solution does), and then df is
    E rank(X_A) (Tibshirani and Taylor), not the number of non-zeros."""
    rng = np.random.default_rng(0)
    n, sigma = 30, 1.0
    X = rng.standard_normal((n, 4))
    mu = X @ np.array([1.0, -0.5, 0.0, 0.0])
    df, size, rank = _lasso_df_monte_carlo(X, mu, sigma, 0.15, 3000, 1)
    assert size == pytest.approx(rank)
    assert df == pytest.approx(size, abs=0.12)
    # the same fits, each written with the weight of column 0 split over two copies of it
    df, size, rank = _lasso_df_monte_carlo(X, mu, sigma, 0.15, 3000, 1, duplicate=True)
    assert size > rank + 0.5
    assert df == pytest.approx(rank, abs=0.12)
    assert abs(df - size) > 0.5


def test_cp_is_unbiased_with_sigma_known():
    """cv-cp: with sigma^2 known, E Cp = E ||y_new - yhat||^2 / n at the same X."""
    rng = np.random.default_rng(2)
    n, sigma, alpha = 40, 1.0, 0.1
    X = rng.standard_normal((n, 5))
    mu = X @ np.array([1.0, -0.5, 0.25, 0.0, 0.0])
    cp, err = [], []
    for _ in range(3000):
        y = mu + sigma * rng.standard_normal(n)
        w = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12).fit(X, y).coef_
        fit = X @ w
        cp.append(np.sum((y - fit) ** 2) / n + 2 * sigma**2 * np.sum(w != 0.0) / n)
        err.append(np.sum((mu - fit) ** 2) / n + sigma**2)  # E over y_new, exactly
    assert np.mean(cp) == pytest.approx(np.mean(err), abs=3 * np.std(cp) / np.sqrt(3000))


def test_cp_rule_against_sklearn(direct):
    # Cp = RSS/n + 2 sigma^2 df / n on the chapter's grid, with scikit-learn's Lasso
    from sklearn.linear_model import LinearRegression

    X, y, a_max, *_ = direct
    n, p = X.shape
    alphas = a_max * np.logspace(0, -3, 61)
    sigma2 = np.sum((y - LinearRegression().fit(X, y).predict(X)) ** 2) / (n - p - 1)
    cp, df = [], []
    for a in alphas:
        m = Lasso(alpha=a, tol=1e-12, max_iter=100_000).fit(X, y)
        df.append(int(np.sum(np.abs(m.coef_) > 1e-10)))
        cp.append(np.sum((y - m.predict(X)) ** 2) / n + 2 * sigma2 * df[-1] / n)
    i = int(np.argmin(cp))
    assert sorted(cp)[1] - cp[i] > 0.01  # no near-tie decides the choice
    out = _stdout("cv-cp")
    assert float(re.search(r"least squares: ([\d.]+)", out).group(1)) == pytest.approx(
        sigma2, abs=0.05
    )
    alpha, k, dof, err = re.search(
        r"^Cp\s+([\d.]+)\s+(\d+)\s+(\d+)\s+([\d.]+)", out, re.MULTILINE
    ).groups()
    assert float(alpha) == pytest.approx(alphas[i], abs=5e-4)
    # Mallows' Cp counts every fitted parameter: the non-zero coefficients and the
    # intercept, as sigma^2 = SSE_ols / (n - p - 1) does
    assert int(k) == df[i] and int(dof) == df[i] + 1
    assert float(err) == pytest.approx(cp[i] + 2 * sigma2 / n, abs=0.05)


def test_paired_standard_errors_of_cv_differences(direct):
    """cv-paired and cv-1se: differences of two CV means and their paired SE, the sd of the
    ten per-fold differences over sqrt(10), from scikit-learn's mse_path_."""
    _, _, _, cv, mean, se, i, a_1se = direct
    folds = cv.mse_path_
    rows = {
        m.group(1): tuple(float(v) for v in m.groups()[1:])
        for m in re.finditer(
            r"^(smallest alpha|next larger alpha|next smaller alpha)\s+([\d.]+)\s+([\d.]+)"
            r"\s+([\d.]+)$",
            _stdout("cv-paired"),
            flags=re.MULTILINE,
        )
    }
    for label, j in (
        ("smallest alpha", len(mean) - 1),
        ("next larger alpha", i - 1),
        ("next smaller alpha", i + 1),
    ):
        d = folds[j] - folds[i]
        alpha, diff, pse = rows[label]
        assert alpha == pytest.approx(cv.alphas_[j], abs=5e-4)
        assert diff == pytest.approx(d.mean(), abs=0.005)
        assert pse == pytest.approx(d.std(ddof=1) / np.sqrt(10), abs=0.005)
        assert d.mean() < d.std(ddof=1) / np.sqrt(10) < se[i] / 5  # the flat floor
    j = int(np.flatnonzero(cv.alphas_ == a_1se)[0])
    d = folds[j] - folds[i]
    m = re.search(r"= ([\d.]+), paired SE ([\d.]+)", _stdout("cv-1se"))
    assert float(m.group(1)) == pytest.approx(d.mean(), abs=0.005)  # 2 decimals
    assert float(m.group(2)) == pytest.approx(d.std(ddof=1) / np.sqrt(10), abs=0.05)
    # within one SE of one mean (the rule), beyond two paired SEs
    assert d.mean() <= se[i] and d.mean() > 2 * d.std(ddof=1) / np.sqrt(10)
