"""The Bayesian chapter's stored numbers, recomputed independently (SciPy quadrature,
scikit-learn)."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from scipy import integrate
from sklearn.linear_model import Lasso, Ridge

from lessonlib import scale
from lessonlib.data import make_simple_regression
from toc import BOOK

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
        def f(b):
            return np.exp(-np.sum((y - b - m * x) ** 2) / (2 * SIGMA2) + 10.0)

        return integrate.quad(
            f, y.mean() - m * x.mean() - 5, y.mean() - m * x.mean() + 5, epsabs=0, epsrel=1e-10
        )[0] * np.exp(-abs(m) / s)

    z = integrate.quad(slope_density, -1.5, 0)[0] + integrate.quad(slope_density, 0, 2.0)[0]
    first = (
        integrate.quad(lambda m: m * slope_density(m), -1.5, 0)[0]
        + integrate.quad(lambda m: m * slope_density(m), 0, 2.0)[0]
    )
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
    lasso = (
        Lasso(alpha=scale.lasso_alpha(lam, x.size), tol=1e-12, max_iter=100_000)
        .fit(x[:, None], y)
        .coef_[0]
    )
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
    # one section title and one callout, not the same claim twice (review 2, finding 20)
    assert ":class: warning" in text and "A common claim" not in text
    assert "## Mode, mean and median" in text
    figures = [c for c in nb.cells if "mystnb" in c.metadata]
    assert len(figures) == 3
    for c in figures:
        assert c.metadata["mystnb"]["image"]["alt"] and c.metadata["mystnb"]["figure"]["caption"]
        assert f"{{numref}}`{c.metadata['mystnb']['figure']['name']}`" in text


def _hans_two_truncated_normals(Sxx, Sxy, lam):
    """Hans (2009)'s exact posterior for one feature: weights, locations and scale of a
    normal truncated to (0, inf) and one truncated to (-inf, 0), written out here."""
    from scipy.stats import norm

    s = 2 * SIGMA2 / lam
    v = SIGMA2 / Sxx
    mu_pos, mu_neg = (Sxy - SIGMA2 / s) / Sxx, (Sxy + SIGMA2 / s) / Sxx
    # integral of exp(-(Sxx m^2 - 2 Sxy m)/(2 sigma^2) - |m|/s) over each half line,
    # up to the common factor sqrt(2 pi v)
    log_w = np.array(
        [
            mu_pos**2 / (2 * v) + norm.logcdf(mu_pos / np.sqrt(v)),
            mu_neg**2 / (2 * v) + norm.logcdf(-mu_neg / np.sqrt(v)),
        ]
    )
    w = np.exp(log_w - log_w.max())
    return w / w.sum(), (mu_pos, mu_neg), np.sqrt(v)


@pytest.mark.parametrize("lam", [50.0, 150.0, 1000.0])
def test_printed_posterior_table_matches_hans_closed_form(lam):
    # mean, median and P(m > 0) of the table "across the penalty", from the mixture of two
    # truncated normals (SciPy's truncnorm), not from lessonlib's grid
    from scipy.optimize import brentq
    from scipy.stats import truncnorm

    x, y = _data()
    xc, yc = x - x.mean(), y - y.mean()
    Sxx, Sxy = xc @ xc, xc @ yc
    (w_pos, w_neg), (mu_pos, mu_neg), sd = _hans_two_truncated_normals(Sxx, Sxy, lam)
    pos = truncnorm(-mu_pos / sd, np.inf, loc=mu_pos, scale=sd)
    neg = truncnorm(-np.inf, -mu_neg / sd, loc=mu_neg, scale=sd)
    mean = w_pos * pos.mean() + w_neg * neg.mean()

    def cdf(m):
        return w_neg * neg.cdf(m) + w_pos * pos.cdf(m)

    median = brentq(lambda m: cdf(m) - 0.5, -2, 2, xtol=1e-12)
    row = re.search(
        rf"^\s*{lam:.0f}\s+[\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+([\d.]+)\s*$",
        _stdout("bayes-lambda-table"),
        flags=re.MULTILINE,
    )
    assert float(row.group(1)) == pytest.approx(mean, abs=6e-5)
    assert float(row.group(2)) == pytest.approx(median, abs=6e-5)
    assert float(row.group(3)) == pytest.approx(w_pos, abs=6e-4)


@pytest.mark.parametrize(
    "spike, split, median_is_zero",
    [
        (0.3, (0.35, 0.35), True),  # spike below 1/2, yet both sides have at most 1/2
        (0.3, (0.55, 0.15), False),  # P(m > 0) > 1/2: the median is positive
        (0.6, (0.3, 0.1), True),  # spike above 1/2: sufficient
    ],
)
def test_spike_and_slab_median_condition(spike, split, median_is_zero):
    # exercise ex-bayes-spike: the median is 0 iff P(m > 0) <= 1/2 and P(m < 0) <= 1/2,
    # checked on a mixture of a point mass and two half-normals, by the distribution function
    from scipy.stats import halfnorm

    p_pos, p_neg = split
    assert p_pos + p_neg + spike == pytest.approx(1.0)

    def cdf(m):
        if m < 0:
            return p_neg * halfnorm.sf(-m)
        return p_neg + spike + p_pos * halfnorm.cdf(m)

    grid = np.linspace(-3, 3, 60_001)
    F = np.array([cdf(m) for m in grid])
    median = grid[np.argmax(F >= 0.5)]  # smallest m with F(m) >= 1/2
    assert (median == 0.0) == median_is_zero
    assert median_is_zero == (p_pos <= 0.5 and p_neg <= 0.5)


def _slab_conditional_mean(Sxy, slab, Sxx=129.72, sigma2=9.0):
    """E[m | y, m != 0] for a slab density, by quadrature of likelihood x slab."""
    from scipy import integrate

    def post(m):
        return np.exp(-(Sxx * m * m - 2 * Sxy * m) / (2 * sigma2)) * slab(m)

    num = integrate.quad(lambda m: m * post(m), -20, 20, points=[0.0], limit=200)[0]
    den = integrate.quad(post, -20, 20, points=[0.0], limit=200)[0]
    return num / den


def test_spike_and_slab_needs_a_symmetric_slab():
    """ex-bayes-spike: with a symmetric slab the conditional mean has the sign of Sxy (never
    0 when Sxy != 0); with a slab that favours negative slopes it can be negative although
    Sxy > 0, so the solution's argument does need the symmetry."""
    from scipy.stats import norm

    for Sxy in (-50.0, -1.0, 1.0, 50.0):
        mean = _slab_conditional_mean(Sxy, norm(0.0, 0.5).pdf)
        assert np.sign(mean) == np.sign(Sxy) and mean != 0.0
    assert _slab_conditional_mean(1.0, norm(-1.0, 0.5).pdf) < 0.0


def test_printed_three_ways_to_the_posterior_mean():
    """bayes-post-check: grid, quadrature and Hans's formula print the same mean and
    P(m > 0) at lambda = 150, and those are the truncated-normal mixture written here."""
    from scipy.stats import truncnorm

    x, y = _data()
    xc, yc = x - x.mean(), y - y.mean()
    Sxx, Sxy = xc @ xc, xc @ yc
    (w_pos, w_neg), (mu_pos, mu_neg), sd = _hans_two_truncated_normals(Sxx, Sxy, 150.0)
    mean = w_pos * truncnorm(-mu_pos / sd, np.inf, loc=mu_pos, scale=sd).mean() + w_neg * (
        truncnorm(-np.inf, -mu_neg / sd, loc=mu_neg, scale=sd).mean()
    )
    rows = re.findall(
        r"^(grid|SciPy|Hans).*?\s([-\d.]+)\s+([\d.]+)$", _stdout("bayes-post-check"), re.M
    )
    assert [r[0] for r in rows] == ["grid", "SciPy", "Hans"]
    for _, m, p in rows:
        assert float(m) == pytest.approx(mean, abs=6e-6)
        assert float(p) == pytest.approx(w_pos, abs=6e-6)


def test_small_lambda_sentence():
    """bayes-lambda-table-after: at lambda = 1 mode, mean and median are close together and a
    little below the least-squares slope Sxy / Sxx (from the data, here)."""
    x, y = _data()
    xc, yc = x - x.mean(), y - y.mean()
    ls = (xc @ yc) / (xc @ xc)
    row = re.search(
        r"^\s*1\s+[\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+[\d.]+\s*$",
        _stdout("bayes-lambda-table"),
        flags=re.MULTILINE,
    )
    trio = [float(v) for v in row.groups()]
    assert max(trio) - min(trio) < 1e-3 < ls - max(trio) < 0.01 * ls
