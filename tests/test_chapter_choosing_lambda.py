"""The "Choosing lambda" chapter's stored numbers against a direct scikit-learn computation."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, LassoCV
from sklearn.model_selection import KFold

from book import BOOK

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
    cv = LassoCV(alphas=alphas, cv=KFold(10, shuffle=True, random_state=0), tol=1e-8,
                 max_iter=100_000).fit(X, y)
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
    rows = {m.group(1): m.groups()[1:] for m in re.finditer(
        r"(alpha_min|alpha_1se)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)", _stdout("cv-1se"))}
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
