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
    assert ":::{admonition} Learning objectives" in text and "A common claim" in text
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
    # the simulated data and the test MSE of least squares, RidgeCV and LassoCV (alpha_min)
    # on the same five splits, fitted with scikit-learn here
    from sklearn.linear_model import LinearRegression, RidgeCV
    from sklearn.model_selection import train_test_split

    rng = np.random.default_rng(1)
    w_true = np.zeros(50)
    w_true[:5] = [3.0, -2.0, 2.0, -1.5, 1.0]
    X = rng.standard_normal((120, 50))
    y = X @ w_true + 2.0 * rng.standard_normal(120)
    a_max = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / 120
    alphas = a_max * np.logspace(0, -3, 61)
    mse = {"least squares": [], "ridge (RidgeCV)": [], "lasso, alpha_min": []}
    for s in range(5):
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
    rows = _table("cv-sparse")
    for k, v in mse.items():
        assert rows[k][0] == pytest.approx(np.mean(v), abs=0.01), k
        d = np.array(v) - np.array(mse["least squares"])
        assert rows[k][1] == pytest.approx(d.mean(), abs=0.01), k
        if k != "least squares":  # the claim: at least two paired SEs below zero
            assert -d.mean() / (d.std(ddof=1) / np.sqrt(5)) > 2.0, k


def test_paired_standard_errors_are_of_the_differences():
    # recompute the diabetes hold-out differences for least squares and ridge only (cheap)
    from sklearn.linear_model import LinearRegression, RidgeCV
    from sklearn.model_selection import train_test_split

    raw = load_diabetes(scaled=False)
    X = (raw.data - raw.data.mean(0)) / raw.data.std(0)
    y = raw.target
    d = []
    for s in range(10):
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=s)
        e = [
            np.mean((yte - m.fit(Xtr, ytr).predict(Xte)) ** 2)
            for m in (LinearRegression(), RidgeCV(alphas=np.logspace(-3, 4, 71)))
        ]
        d.append(e[1] - e[0])
    d = np.array(d)
    line = re.search(r"ridge \(RidgeCV\)\s+(-?[\d.]+) \(([\d.]+)\)", _stdout("cv-holdout-seeds"))
    assert float(line.group(1)) == pytest.approx(d.mean(), abs=0.05)
    assert float(line.group(2)) == pytest.approx(d.std(ddof=1) / np.sqrt(10), abs=0.05)


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
    alpha, k, err = re.search(r"^Cp\s+([\d.]+)\s+(\d+)\s+([\d.]+)", out, re.MULTILINE).groups()
    assert float(alpha) == pytest.approx(alphas[i], abs=5e-4)
    assert int(k) == df[i] and float(err) == pytest.approx(cp[i], abs=0.05)
