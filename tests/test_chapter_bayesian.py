"""The Bayesian chapter's stored numbers, recomputed independently (SciPy quadrature, scikit-learn)."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from scipy import integrate
from sklearn.linear_model import Lasso, Ridge

from book import BOOK
from lessonlib.data import make_simple_regression

NOTEBOOK = BOOK / "bayesian.ipynb"
SIGMA2 = 9.0


def _stdout(cell_id: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


def _data():
    x, y = make_simple_regression(n=20, slope=0.3, intercept=1.0, noise=3.0, seed=2)
    return x, y


def _posterior_by_quad(x, y, lam):
    """Posterior mean of the slope under a Laplace prior of scale 2 sigma^2 / lam, integrating
    the intercept out numerically too (a 2-D integral written as nested quadrature)."""
    s = 2 * SIGMA2 / lam

    def slope_density(m):
        f = lambda b: np.exp(-np.sum((y - b - m * x) ** 2) / (2 * SIGMA2) + 10.0)
        return integrate.quad(f, y.mean() - m * x.mean() - 5, y.mean() - m * x.mean() + 5,
                              epsabs=0, epsrel=1e-10)[0] * np.exp(-abs(m) / s)

    z = integrate.quad(slope_density, -1.5, 0)[0] + integrate.quad(slope_density, 0, 2.0)[0]
    first = (integrate.quad(lambda m: m * slope_density(m), -1.5, 0)[0]
             + integrate.quad(lambda m: m * slope_density(m), 0, 2.0)[0])
    return first / z


def test_printed_posterior_mean_at_lambda_150_matches_2d_quadrature():
    out = _stdout("bayes-post150")
    printed_mean = float(re.search(r"posterior mean\s+=\s+([-\d.]+)", out).group(1))
    x, y = _data()
    assert printed_mean == pytest.approx(_posterior_by_quad(x, y, 150.0), abs=6e-5)
    assert "exactly zero: True" in out


@pytest.mark.parametrize("lam", [50.0, 150.0])
def test_printed_map_slopes_match_scikit_learn(lam):
    out = _stdout("bayes-map-check")
    x, y = _data()
    lasso = Lasso(alpha=lam / (2 * x.size), tol=1e-12, max_iter=100_000).fit(x[:, None], y).coef_[0]
    ridge = Ridge(alpha=lam).fit(x[:, None], y).coef_[0]
    block = out.split(f"lambda = {lam:5.1f}:")[1]
    grid_lasso, grid_ridge = (float(v) for v in re.findall(r"grid MAP ([-\d.]+)", block)[:2])
    assert grid_lasso == pytest.approx(lasso, abs=1e-5)
    assert grid_ridge == pytest.approx(ridge, abs=1e-5)


def test_chapter_shape():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert text.count("\n# ") + text.startswith("# ") == 1
    assert ":::{admonition} Learning objectives" in text
    assert 2 <= text.count("```{exercise}") == text.count("```{solution}") <= 4
    assert "A common claim" in text
    figures = [c for c in nb.cells if "mystnb" in c.metadata]
    assert len(figures) == 3
    for c in figures:
        assert c.metadata["mystnb"]["image"]["alt"] and c.metadata["mystnb"]["figure"]["caption"]
        assert f"{{numref}}`{c.metadata['mystnb']['figure']['name']}`" in text
